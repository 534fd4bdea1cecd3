//! Reading an event page: Markdown or HTML, any site, any language, into
//! a schedule, in five stages, each reading the one before:
//!
//! 1. `render`: the page as a browser shows it (blocks of visible text with
//!    cells, links and byte offsets; Markdown in the dialect of the site's
//!    generator, HTML through a WHATWG tokenizer);
//! 2. `tokens`: times, dates, durations, zone phrases and places, each with
//!    every reading its grammar allows;
//! 3. `structure`: the programme's rows (tables with column roles, lists,
//!    grids; day markers; tracks), times still as written;
//! 4. `interpret`: the year, the date of each row, the half of the day of
//!    each time and the zone, chosen together from all the evidence, with
//!    labelled lines (`**Time:**`, a TL;DR, `Venue:`) as one kind of it;
//! 5. `verify`: checks of the whole reading that do not trust the stages
//!    before; a failed check refuses the page unless the caller accepts the
//!    findings as warnings.
//!
//! Every decision not written outright on the page is a note or a warning
//! with its place in the file; when the evidence does not decide, the
//! error says what was seen and which flag to pass.

mod render;
mod tokens;
pub(crate) use render::yaml;
use render::{blocks, frontmatter, html, markdown};
use tokens::{clock, dates, places, words, zones};
mod deadlines;
mod document;
mod interpret;
pub(crate) use document::is_web_url;
mod phrases;
mod resolve;
mod structure;
mod structured;
mod verify;

use std::path::Path;

use chrono_tz::Tz;

use crate::diag::{Diagnostic, Location, shown};
use crate::error::Result;
use crate::model::Session;
use crate::source::Loaded;
use crate::time::{self, LocalTime};

pub use super::Overrides;

/// Reads a page. `path` names it in diagnostics.
///
/// # Errors
///
/// The page names no event (no date, or no times and no agenda), its date
/// or zone cannot be decided from the evidence, or a time does not exist;
/// each error says what was looked for and what to pass.
///
/// # Example
///
/// ```
/// let page = "# Spring meetup\n\nThursday, March 14th, 2024 at 6:30 PM, at the library in Edinburgh.\n";
/// let loaded = symcal::source::page::parse(page, "meetup.md".as_ref(), Default::default())?;
/// let s = &loaded.schedule;
/// assert_eq!(s.zone, symcal::chrono_tz::Europe::London);
/// assert_eq!(s.sessions[0].start.to_string(), "2024-03-14 18:30:00");
/// # Ok::<(), symcal::Error>(())
/// ```
pub fn parse(text: &str, path: &Path, overrides: Overrides) -> Result<Loaded> {
    interpret::parse(text, path, overrides, false).map(|l| with_uid_domain(l, text, path))
}

/// The host of the page's own address as the domain of its UIDs.
fn with_uid_domain(mut loaded: Loaded, text: &str, path: &Path) -> Loaded {
    loaded.schedule.uid_domain = crate::source::identity::of_page(text, path, None, None).domain;
    loaded
}

/// Each session time checked against the zone's clock changes: a time in
/// the spring gap does not exist (the message, for an error); one in the
/// autumn overlap happens twice (a warning each).
fn check_local_times(
    sessions: &[Session],
    zone: Tz,
    path: &Path,
) -> (Vec<Diagnostic>, Option<String>) {
    let mut twice = Vec::new();
    for (i, s) in sessions.iter().enumerate() {
        for t in [Some(s.start), s.end].into_iter().flatten() {
            // written only for a time that is wrong: most are not
            let what = || format!("session {} (`{}`) is at {t}", i + 1, shown(&s.title));
            match time::resolve(zone, t) {
                LocalTime::Unique(_) => {}
                LocalTime::Gap => {
                    return (twice, Some(format!("{}, which does not exist in {}", what(), zone.name())));
                }
                LocalTime::Ambiguous { .. } => twice.push(
                    Diagnostic::warning(format!("{}, which happens twice in {}", what(), zone.name()))
                        .at(Location::file(path))
                        .help("the clocks go back over it; calendars read it as the first of the two (RFC 5545 §3.3.5)"),
                ),
            }
        }
    }
    (twice, None)
}

/// The notes and warnings of a page's dates, placed in `text` through its
/// line starts (one scan of the page for all of them, not one each).
fn dated_diagnostics(
    found: &deadlines::Found,
    path: &Path,
    text: &str,
    lines: &crate::diag::LineStarts,
) -> Vec<Diagnostic> {
    found
        .findings
        .iter()
        .map(|f| {
            let d = if f.warning {
                Diagnostic::warning(f.message.clone())
            } else {
                Diagnostic::note(f.message.clone())
            };
            d.at(Location::span_in(path, text, lines, f.at.min(text.len()), 1)).help(f.help.clone())
        })
        .collect()
}

/// The page's permalink, from its front matter, if it has one.
#[cfg(feature = "site")]
pub(crate) fn permalink(text: &str) -> Option<String> {
    front_matter_value(text, "permalink")
}

/// A value of the page's front matter (`permalink`, `url`), if it has one.
pub(crate) fn front_matter_value(text: &str, key: &str) -> Option<String> {
    frontmatter::split(text).get(key).map(|f| f.value.trim().to_owned()).filter(|p| !p.is_empty())
}

/// Reads a whole HTML page (`.html`, `.htm`).
///
/// # Errors
///
/// As for [`parse`].
pub fn parse_html(text: &str, path: &Path, overrides: Overrides) -> Result<Loaded> {
    interpret::parse(text, path, overrides, true).map(|l| with_uid_domain(l, text, path))
}
