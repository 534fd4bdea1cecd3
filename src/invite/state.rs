//! The state file: what version of each event was published, and which
//! version each person was sent.
//!
//! It is what makes an invitation an *update*: the fingerprint of every
//! UID's VEVENT is kept with its SEQUENCE, and when the fingerprint changes
//! SEQUENCE goes up by one (RFC 5545 §3.8.7.4) and LAST-MODIFIED is the
//! time the change was first seen. `build --state` uses the same file, so
//! the feed and the invitations agree on SEQUENCE. Every delivery is
//! recorded as it happens, so an interrupted run can be resumed without
//! sending anyone the same version twice.
//!
//! The file is small JSON, written atomically; the tool owns it.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, Location};
use crate::ical::{Audience, Fingerprint, Revision, Revisions, Snapshot};
use crate::model::{Contact, Days};
use crate::{Error, Result};

/// The largest SEQUENCE symcal advances to: RFC 5545 §3.3.8 integers are
/// signed 32-bit.
const MAX_SEQUENCE: u32 = i32::MAX as u32;

/// The format version written to and expected in `symcal_state`.
const FORMAT: u32 = 1;

/// Everything symcal remembers between runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct State {
    /// The format version.
    symcal_state: u32,
    /// The base URL the tracked versions were published with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    base_url: Option<String>,
    /// By UID.
    pub events: BTreeMap<String, Tracked>,
}

impl Default for State {
    fn default() -> State {
        State { symcal_state: FORMAT, base_url: None, events: BTreeMap::new() }
    }
}

/// One UID's published version and who has which.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tracked {
    /// The fingerprint of the version published last.
    pub hash: String,
    /// Its SEQUENCE.
    pub sequence: u32,
    /// When it was first seen.
    pub modified: DateTime<Utc>,
    /// Called off: its last version is a cancellation.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cancelled: bool,
    /// What is needed to cancel it once it has gone from the source; kept
    /// for events sent as invitations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot: Option<SavedSnapshot>,
    /// By lower-cased address.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sent: BTreeMap<String, Delivery>,
    /// Recipients the server refused when last tried, by lower-cased
    /// address: reported at the start of every run, and tried again.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub refused: BTreeMap<String, Refusal>,
}

/// A message the server refused for good (see `invite::deliver`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Refusal {
    /// The address, as written.
    pub address: String,
    /// The SEQUENCE of the message refused.
    pub sequence: u32,
    /// What the server said.
    pub reason: String,
}

/// [`Snapshot`] as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedSnapshot {
    summary: String,
    start: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    end: Option<DateTime<Utc>>,
    organizer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    organizer_name: Option<String>,
    /// First and last day of an all-day event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    days: Option<(NaiveDate, NaiveDate)>,
}

impl SavedSnapshot {
    /// The snapshot of `uid`.
    pub fn to_snapshot(&self, uid: &str) -> Snapshot {
        Snapshot {
            uid: uid.to_owned(),
            summary: self.summary.clone(),
            start: self.start,
            end: self.end,
            organizer: Contact { name: self.organizer_name.clone(), email: self.organizer.clone() },
            days: self.days.map(|(first, last)| Days { first, last }),
        }
    }
}

impl From<&Snapshot> for SavedSnapshot {
    fn from(s: &Snapshot) -> SavedSnapshot {
        SavedSnapshot {
            summary: s.summary.clone(),
            start: s.start,
            end: s.end,
            organizer: s.organizer.email.clone(),
            organizer_name: s.organizer.name.clone(),
            days: s.days.map(|d| (d.first, d.last)),
        }
    }
}

/// The last message one person was sent for one UID.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Delivery {
    /// The address, as they wrote it.
    pub address: String,
    /// Their name, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// How they attend.
    #[serde(default, with = "audience", skip_serializing_if = "is_everyone")]
    pub audience: Audience,
    /// The SEQUENCE they have.
    pub sequence: u32,
    /// What that message was.
    pub method: Method,
    /// The run stopped between sending it and recording it: it may or may
    /// not have arrived (see `journal`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub uncertain: bool,
}

impl Delivery {
    /// The recipient as an ATTENDEE.
    pub fn contact(&self) -> Contact {
        Contact { name: self.name.clone(), email: self.address.clone() }
    }
}

/// The iTIP method of a delivered message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// An invitation or an update.
    Request,
    /// A cancellation.
    Cancel,
}

impl State {
    /// Reads the state at `path`; a file that does not exist yet is an
    /// empty state.
    ///
    /// # Errors
    ///
    /// If the file cannot be read or is not a symcal state.
    pub fn load(path: &Path) -> Result<State> {
        // capped as a JSON schedule is: a wrong --state (a device, a log)
        // stops with a message; a million registrants' state is ~170 MB
        State::load_capped(path, crate::source::MAX_SCHEDULE)
    }

    fn load_capped(path: &Path, cap: u64) -> Result<State> {
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(State::default()),
            Err(e) => return Err(Error::io(path, e)),
            Ok(_) => {}
        }
        let text = crate::source::read_text_capped(path, cap)?;
        let state: State = serde_json::from_str(&text).map_err(|e| {
            Error::invalid(vec![
                Diagnostic::error(format!("not a symcal state file: {e}"))
                    .at(Location::line_column(path, &text, e.line(), e.column()))
                    .help("symcal writes this file itself; give --state a new path to start over"),
            ])
        })?;
        if state.symcal_state != FORMAT {
            return Err(Error::invalid(vec![
                Diagnostic::error(format!(
                    "state format {} is not format {FORMAT}, the one this symcal reads",
                    state.symcal_state
                ))
                .at(Location::file(path)),
            ]));
        }
        // RFC 5545's SEQUENCE is a signed 32-bit integer: one more change at
        // the top would wrap to 0 and never reach anyone as an update
        if let Some((uid, t)) = state.events.iter().find(|(_, t)| t.sequence >= MAX_SEQUENCE) {
            return Err(Error::invalid(vec![
                Diagnostic::error(format!(
                    "`{uid}` is at SEQUENCE {}, the largest a calendar can carry",
                    t.sequence
                ))
                .at(Location::file(path))
                .help("no further change can be sent as an update; give the event a new id (a new UID) and --cancel-missing"),
            ]));
        }
        Ok(state)
    }

    /// Writes the state to `path` atomically: a crash leaves the old state
    /// or the new one, never half of one.
    ///
    /// # Errors
    ///
    /// Any I/O error, naming the path.
    pub fn save(&self, path: &Path) -> Result<()> {
        let mut text = serde_json::to_string_pretty(self).expect("the state serialises");
        text.push('\n');
        if std::fs::read(path).is_ok_and(|old| old == text.as_bytes()) {
            return Ok(()); // a run that changed nothing writes nothing
        }
        crate::output::write_atomic(path, text.as_bytes())
    }

    /// Checks that this run publishes at the `base` URL the state was made
    /// with, and records it. The base URL is in every event (URL and the
    /// "Details:" line), so alternating `build --base-url` with `invite`
    /// without it would make each run a change: a higher SEQUENCE and an
    /// update email to everyone, every time.
    ///
    /// # Errors
    ///
    /// If the state was made with a base URL and this run has another or
    /// none.
    pub fn served_at(&mut self, base: Option<&str>, path: &Path) -> Result<()> {
        match (&self.base_url, base) {
            (Some(kept), now) if Some(kept.as_str()) != now => Err(Error::invalid(vec![
                Diagnostic::error(format!(
                    "this state was made with `--base-url {kept}`, and this run has {}",
                    now.map_or_else(|| "none".to_owned(), |n| format!("`--base-url {n}`"))
                ))
                .at(Location::file(path))
                .help(format!(
                    "pass `--base-url {kept}` as before; a different one changes every event, so \
                     subscribers and invitees would all get an update"
                )),
            ])),
            _ => {
                self.base_url = base.map(str::to_owned);
                Ok(())
            }
        }
    }

    /// Records that `fingerprint` is what is published now, and returns its
    /// revision: a new UID starts at SEQUENCE 0, a changed one goes up by
    /// one, modified `now`; an unchanged one keeps its revision.
    pub fn observe(&mut self, fingerprint: &Fingerprint, now: DateTime<Utc>) -> Revision {
        let tracked = self.events.entry(fingerprint.uid.clone()).or_insert_with(|| Tracked {
            hash: fingerprint.hash.clone(),
            sequence: 0,
            modified: now,
            cancelled: false,
            snapshot: None,
            sent: BTreeMap::new(),
            refused: BTreeMap::new(),
        });
        if tracked.hash != fingerprint.hash {
            tracked.hash.clone_from(&fingerprint.hash);
            tracked.sequence += 1;
            tracked.modified = now;
            tracked.cancelled = false;
        }
        tracked.revision()
    }

    /// Observes the whole event, every session and every deadline of
    /// `schedule` (what `build --state` publishes) and returns the
    /// revisions to render with.
    pub fn track(
        &mut self,
        schedule: &crate::model::Schedule,
        options: &crate::RenderOptions,
        now: DateTime<Utc>,
    ) -> Revisions {
        let event = crate::ical::event_fingerprint(schedule, options);
        let sessions = crate::ical::session_fingerprints(schedule, options);
        let deadlines = crate::ical::deadline_fingerprints(schedule, options);
        for fingerprint in event.iter().chain(&sessions).chain(&deadlines) {
            self.observe(fingerprint, now);
        }
        self.revisions()
    }

    /// Checks that `schedule`, as `build --state` or `feed --state` would
    /// publish it after [`State::track`], is not an event `invite --cancel`
    /// called off. Published again it would say STATUS:CONFIRMED at the
    /// cancellation's SEQUENCE, and a calendar that has the cancellation
    /// may take the equal SEQUENCE for the newer word and bring the event
    /// back (issue 18). A changed event is not refused: tracking gave it a
    /// higher SEQUENCE, and publishing it revives the event.
    ///
    /// # Errors
    ///
    /// If the event is tracked as cancelled.
    pub fn refuse_cancelled(
        &self,
        schedule: &crate::model::Schedule,
        options: &crate::RenderOptions,
        path: &Path,
    ) -> Result<()> {
        let Some(fingerprint) = crate::ical::event_fingerprint(schedule, options) else {
            return Ok(());
        };
        match self.events.get(&fingerprint.uid) {
            Some(t) if t.cancelled => Err(Error::invalid(vec![
                Diagnostic::error(format!(
                    "`{}` was called off with `symcal invite --cancel` (SEQUENCE {}); published again it would say CONFIRMED at that SEQUENCE, and calendars could bring the cancelled event back",
                    fingerprint.uid, t.sequence
                ))
                .at(Location::file(path))
                .help("take the event's calendars down instead; if the event is on again, change the source (new date, time or details): it is then a new version, and `symcal invite` sends everyone an update"),
            ])),
            _ => Ok(()),
        }
    }

    /// Marks `uid` cancelled, a new version, unless it already is. `None`
    /// for a UID never tracked.
    pub fn cancel(&mut self, uid: &str, now: DateTime<Utc>) -> Option<Revision> {
        let tracked = self.events.get_mut(uid)?;
        if !tracked.cancelled {
            tracked.cancelled = true;
            tracked.sequence += 1;
            tracked.modified = now;
        }
        Some(tracked.revision())
    }

    /// The revision of every tracked UID, for rendering.
    pub fn revisions(&self) -> Revisions {
        self.events.iter().map(|(uid, t)| (uid.clone(), t.revision())).collect()
    }

    /// When the last change was seen: the latest `modified` of any tracked
    /// UID, the DTSTAMP of `build --state` and `feed --state`.
    pub fn last_change(&self) -> Option<DateTime<Utc>> {
        self.events.values().map(|t| t.modified).max()
    }

    /// Deliveries that may or may not have arrived: (UID, delivery).
    pub fn uncertain(&self) -> Vec<(&str, &Delivery)> {
        self.events
            .iter()
            .flat_map(|(uid, t)| {
                t.sent.values().filter(|d| d.uncertain).map(move |d| (uid.as_str(), d))
            })
            .collect()
    }

    /// Forgets uncertain deliveries, so they are planned again.
    pub fn forget_uncertain(&mut self) -> usize {
        let mut n = 0;
        for t in self.events.values_mut() {
            let before = t.sent.len();
            t.sent.retain(|_, d| !d.uncertain);
            n += before - t.sent.len();
        }
        n
    }

    /// Records that `delivery` reached its recipient.
    pub fn record(&mut self, uid: &str, delivery: Delivery) {
        if let Some(tracked) = self.events.get_mut(uid) {
            let key = delivery.address.to_ascii_lowercase();
            tracked.refused.remove(&key);
            tracked.sent.insert(key, delivery);
        }
    }

    /// Records that the server refused the message of `delivery`, saying
    /// `reason`. What they had before stays: they are not sent this version
    /// until a run gets it through.
    pub fn record_refusal(&mut self, uid: &str, delivery: &Delivery, reason: &str) {
        if let Some(tracked) = self.events.get_mut(uid) {
            let refusal = Refusal {
                address: delivery.address.clone(),
                sequence: delivery.sequence,
                reason: reason.to_owned(),
            };
            tracked.refused.insert(delivery.address.to_ascii_lowercase(), refusal);
        }
    }

    /// Forgets the refusals for which `keep(uid, address)` is false: a
    /// run keeps those it tries again, so a person who left the sheet is not
    /// reported as refused for ever.
    pub fn keep_refusals(&mut self, keep: impl Fn(&str, &str) -> bool) {
        for (uid, t) in &mut self.events {
            t.refused.retain(|_, r| keep(uid, &r.address));
        }
    }

    /// Recipients refused when last tried: (UID, refusal).
    pub fn refusals(&self) -> Vec<(&str, &Refusal)> {
        self.events
            .iter()
            .flat_map(|(uid, t)| t.refused.values().map(move |r| (uid.as_str(), r)))
            .collect()
    }
}

impl Tracked {
    /// Its SEQUENCE and LAST-MODIFIED.
    pub fn revision(&self) -> Revision {
        Revision { sequence: self.sequence, modified: self.modified }
    }
}

fn is_everyone(a: &Audience) -> bool {
    *a == Audience::Everyone
}

/// [`Audience`] as `"in person"` / `"online"`, absent for everyone.
mod audience {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::ical::Audience;

    pub(super) fn serialize<S: Serializer>(a: &Audience, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(match a {
            Audience::Everyone => "everyone",
            Audience::InPerson => "in person",
            Audience::Online => "online",
        })
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Audience, D::Error> {
        match String::deserialize(d)?.as_str() {
            "everyone" => Ok(Audience::Everyone),
            "in person" => Ok(Audience::InPerson),
            "online" => Ok(Audience::Online),
            other => Err(serde::de::Error::custom(format!("unknown audience `{other}`"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_state_past_the_cap_is_refused_without_being_read_whole() {
        // an endless device given as --state stops at the cap (`/dev/zero`)
        let e = State::load_capped(Path::new("/dev/zero"), 4096).unwrap_err().to_string();
        assert!(e.contains("is larger than") && e.contains("SYMCAL_MAX_INPUT"), "{e}");
    }

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(secs, 0).unwrap()
    }

    fn fp(hash: &str) -> Fingerprint {
        Fingerprint { uid: "e@symcal".into(), hash: hash.into() }
    }

    #[test]
    fn sequence_goes_up_only_when_the_content_changes() {
        let mut state = State::default();
        assert_eq!(state.observe(&fp("a"), at(10)), Revision { sequence: 0, modified: at(10) });
        assert_eq!(state.observe(&fp("a"), at(20)), Revision { sequence: 0, modified: at(10) });
        assert_eq!(state.observe(&fp("b"), at(30)), Revision { sequence: 1, modified: at(30) });
        assert_eq!(
            state.cancel("e@symcal", at(40)),
            Some(Revision { sequence: 2, modified: at(40) })
        );
        assert_eq!(
            state.cancel("e@symcal", at(50)),
            Some(Revision { sequence: 2, modified: at(40) })
        );
        assert_eq!(state.cancel("other@symcal", at(50)), None);
    }

    #[test]
    fn a_different_base_url_is_refused_once_one_was_used() {
        let path = Path::new("state.json");
        let mut state = State::default();
        state.served_at(None, path).unwrap();
        state.served_at(Some("https://a.example/"), path).unwrap();
        state.served_at(Some("https://a.example/"), path).unwrap();
        let err = state.served_at(None, path).unwrap_err().to_string();
        assert!(
            err.contains("made with `--base-url https://a.example/`, and this run has none"),
            "{err}"
        );
        assert!(state.served_at(Some("https://b.example/"), path).is_err());
    }

    #[test]
    fn issue_10_a_sequence_at_the_top_is_refused_not_wrapped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let mut state = State::default();
        state.observe(&fp("a"), at(10));
        state.events.values_mut().for_each(|t| t.sequence = 4_294_967_295);
        state.save(&path).unwrap();
        let e = State::load(&path).unwrap_err().to_string();
        assert!(e.contains("SEQUENCE 4294967295, the largest"), "{e}");
    }

    #[test]
    fn saves_and_loads_the_same_state() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        assert_eq!(State::load(&path).unwrap(), State::default());
        let mut state = State::default();
        state.observe(&fp("a"), at(10));
        state.record(
            "e@symcal",
            Delivery {
                address: "Ada@Example.org".into(),
                name: Some("Ada".into()),
                audience: Audience::Online,
                sequence: 0,
                method: Method::Request,
                uncertain: false,
            },
        );
        state.save(&path).unwrap();
        let loaded = State::load(&path).unwrap();
        assert_eq!(loaded, state);
        assert!(loaded.events["e@symcal"].sent.contains_key("ada@example.org"));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("\"audience\": \"online\""), "{text}");
    }

    #[test]
    fn a_foreign_file_is_refused_with_its_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        std::fs::write(&path, "{\"events\": {}, \"extra\": 1}").unwrap();
        let err = State::load(&path).unwrap_err();
        assert!(err.to_string().contains("not a symcal state file"), "{err}");
    }
}
