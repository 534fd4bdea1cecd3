//! Stage 2 of reading a page: the words that matter, each with its place.
//!
//! Clock times and ranges (`clock`), dates in many languages and forms
//! (`dates`) with month and weekday names from locale data (`names`),
//! durations (`durations`), zone phrases (`zones`) and place names
//! (`gazetteer`, `places`): scanners over the rendered text that find
//! every reading a grammar allows and commit to none of them. Which reading the page means
//! is decided later, with the whole page in view.

pub(crate) mod clock;
pub(crate) mod dates;
pub(crate) mod durations;
pub(crate) mod gazetteer;
pub(crate) mod lexicon;
pub(crate) mod names;
pub(crate) mod places;
pub(crate) mod words;
pub(crate) mod zones;
