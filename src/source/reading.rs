//! What a reader decided about a source, and on what evidence: the zone,
//! the date, the whole event's hours, and where each session was read.
//!
//! `symcal check` shows it as an agenda an organiser can confirm in
//! seconds; tools get it as JSON. A JSON schedule states everything, so its
//! reading says nothing beyond the schedule.

use crate::diag::Location;

/// A decision and what it rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Because {
    /// What was decided, as shown (`Europe/London`, `30 June 2025`).
    pub value: String,
    /// The evidence, in words (`the venue `London``, `--date`).
    pub said: String,
    /// Where the evidence is, when it is in the source.
    pub at: Option<Location>,
}

impl Because {
    #[cfg_attr(not(feature = "pages"), allow(dead_code))] // used by the page reader
    pub(crate) fn new(
        value: impl Into<String>,
        said: impl Into<String>,
        at: Option<Location>,
    ) -> Because {
        Because { value: value.into(), said: said.into(), at }
    }
}

/// How a page was read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Reading {
    /// Why the times are in the schedule's zone.
    pub zone: Option<Because>,
    /// Why the event is on its (first) day.
    pub date: Option<Because>,
    /// Where the whole event's hours come from, when the page states them.
    pub hours: Option<Because>,
    /// Where each session of the schedule was read, in the schedule's order
    /// (none for a session made of the event's stated hours).
    pub sessions: Vec<Option<Location>>,
}
