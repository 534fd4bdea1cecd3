//! Where the event is, how to join it and whom to ask, from any page.
//!
//! Each is decided from the whole page, by the role of what says it: a
//! line labelled `Venue:`/`Lieu :`/`会場：`, the front matter's `location`,
//! structured data, a sentence that puts the event somewhere ("will be held
//! at …"), a line that opens with the event's date and then names a
//! building, an address; links to a meeting service; an address next to
//! "contact" or "questions". A speaker's affiliation, a sponsor, a past
//! edition, a recording or a registration form say none of these, and a
//! page that states none gets none.

mod address;
mod contact;
mod online;
mod venue;

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::super::blocks::Kind;
use super::Reader;
use crate::model::{Contact, Stream, Venue};

/// One line of the page's visible text, with where it is.
#[derive(Debug, Clone, Copy)]
pub(super) struct Line<'a> {
    pub(super) text: &'a str,
    /// Offset in the file (of the cell for a line inside a cell: rendered
    /// text does not map back byte for byte).
    pub(super) at: usize,
    pub(super) block: usize,
    pub(super) kind: Kind,
    /// The block gave the programme's rows: its places are rooms, its
    /// addresses speakers'.
    pub(super) programme: bool,
    /// The block lies between the programme's first and last blocks (a
    /// session's description under its row).
    pub(super) in_programme_region: bool,
}

/// What the page says of where, how and whom, as decided.
#[derive(Debug, Default)]
pub(super) struct Found {
    pub(super) venue: Option<(Venue, String, usize)>,
    pub(super) online: Option<(Stream, String, usize)>,
    pub(super) contact: Option<(Contact, String, usize)>,
    /// The venue's coordinates are its city's centre.
    pub(super) city_geo: Option<String>,
}

impl Reader<'_> {
    /// Every line of visible text outside the page's dates sections.
    pub(super) fn visible_lines(&self, programme: &[usize]) -> Vec<Line<'_>> {
        let mut out = Vec::new();
        let region = programme.first().zip(programme.last()).map(|(a, b)| *a..=*b);
        for (i, b) in self.page.blocks.iter().enumerate() {
            if self.not_event.contains(&i) {
                continue;
            }
            let in_programme = programme.binary_search(&i).is_ok();
            for c in &b.cells {
                for line in c.text.split('\n') {
                    let line = line.trim();
                    if !line.is_empty() {
                        out.push(Line {
                            text: line,
                            at: c.offset,
                            block: i,
                            kind: b.kind,
                            programme: in_programme,
                            in_programme_region: region.as_ref().is_some_and(|r| r.contains(&i)),
                        });
                    }
                }
            }
        }
        out
    }

    /// Where, how to join and whom to ask, from the whole page. `zone` and
    /// `day` are the event's, when known: a place on another clock is not
    /// where the times are kept.
    pub(super) fn find_whereabouts(
        &self,
        programme: &[usize],
        zone: Option<Tz>,
        day: Option<NaiveDate>,
    ) -> Found {
        let mut programme = programme.to_vec();
        programme.sort_unstable();
        programme.dedup();
        let lines = self.visible_lines(&programme);
        let online = online::find(self, &lines);
        let venue = venue::find(self, &lines, zone, day, online.only_online);
        let contact = contact::find(self, &lines);
        let mut found = Found {
            online: online.stream,
            contact,
            city_geo: venue.as_ref().and_then(|v| v.city_geo.clone()),
            ..Found::default()
        };
        found.venue = venue.map(|v| (v.venue, v.said, v.at));
        found
    }
}

/// Lower-cased, with runs of spaces as one: for matching words.
pub(super) fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Whether `word` occurs in `lower` as a word (not inside a longer one,
/// for words in scripts with spaces).
/// Whether lower-case `text` names a building or a site (`Center`,
/// `Universität`, `Hotel`) as a word of its own.
pub(super) fn names_a_building(lower: &str) -> bool {
    venue::BUILDING_WORDS.iter().any(|w| has_word(lower, w))
}

pub(super) fn has_word(lower: &str, word: &str) -> bool {
    if !word.is_ascii() {
        return lower.contains(word);
    }
    lower.match_indices(word).any(|(i, _)| {
        let before = lower[..i].chars().next_back();
        let after = lower[i + word.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}
