//! Content fingerprints: has an event changed since it was last published?
//!
//! A fingerprint is a hash of the VEVENT as subscribers and invitees see it,
//! rendered with a fixed DTSTAMP and no revision, so it changes exactly when
//! something a calendar shows changes: a time, a title filled in, a Zoom
//! link that appears. Change tracking (the CLI's `--state`) compares them to
//! decide when SEQUENCE goes up (RFC 5545 §3.8.7.4).

use chrono::DateTime;

use super::event::{Scratch, Shared};
use super::line::Lines;
use super::{RenderOptions, uid};
use crate::digest::short_hash;
use crate::model::Schedule;

/// The content hash of one UID's VEVENT.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Fingerprint {
    /// The VEVENT's UID.
    pub uid: String,
    /// 32 hex digits.
    pub hash: String,
}

/// The fingerprint of the whole event's VEVENT (`event.ics`, and what
/// invitations carry); `None` for a schedule with nothing to publish. The
/// UID is the one `options` gives it (its DTSTAMP and revisions are not
/// hashed).
pub fn event_fingerprint(schedule: &Schedule, options: &RenderOptions) -> Option<Fingerprint> {
    let options = neutral(&options.uid_domain);
    let mut lines = Lines::new();
    let uid = uid::event_uid(schedule, &options.uid_domain);
    Shared::new(schedule, &options).write_event(&mut lines, &uid, None);
    let text = lines.into_string();
    (!text.is_empty()).then(|| Fingerprint { uid, hash: short_hash(text.as_bytes()) })
}

/// The fingerprint of every session's VEVENT, in order, with the UIDs
/// `options` gives them (its DTSTAMP and revisions are not hashed).
pub fn session_fingerprints(schedule: &Schedule, options: &RenderOptions) -> Vec<Fingerprint> {
    let options = neutral(&options.uid_domain);
    let shared = Shared::new(schedule, &options);
    let mut scratch = Scratch::default();
    let mut lines = Lines::new();
    uid::session_uids(schedule, &options.uid_domain)
        .into_iter()
        .enumerate()
        .map(|(i, uid)| {
            shared.write_session(&mut lines, &mut scratch, i, &uid);
            let text = std::mem::take(&mut lines).into_string();
            Fingerprint { uid, hash: short_hash(text.as_bytes()) }
        })
        .collect()
}

/// The fingerprint of every deadline's VEVENT, in order: a deadline that
/// moves keeps its UID and gets a new fingerprint.
pub fn deadline_fingerprints(schedule: &Schedule, options: &RenderOptions) -> Vec<Fingerprint> {
    let options = neutral(&options.uid_domain);
    let shared = Shared::new(schedule, &options);
    schedule
        .deadlines
        .iter()
        .zip(uid::deadline_uids(schedule, &options.uid_domain))
        .map(|(d, uid)| {
            let mut lines = Lines::new();
            super::deadlines::write_deadline(&mut lines, &shared, d, &uid, &options.reminders);
            Fingerprint { hash: short_hash(lines.into_string().as_bytes()), uid }
        })
        .collect()
}

/// Options that add nothing of their own to a VEVENT, with UIDs in
/// `domain`.
fn neutral(domain: &str) -> RenderOptions {
    let mut options = RenderOptions::new(DateTime::UNIX_EPOCH);
    domain.clone_into(&mut options.uid_domain);
    options
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::json;

    fn schedule(extra: &str) -> Schedule {
        let text = format!(
            r#"{{"id": "fp", "title": "Day", "timezone": "Europe/London", {extra}
              "organizer": {{"name": "Ada", "email": "ada@example.org"}},
              "sessions": [{{"title": "Welcome", "start": "2025-06-30T14:00"}},
                           {{"title": "Talk", "start": "2025-06-30T15:00"}}]}}"#
        );
        json::parse(&text, "fp.json".as_ref()).unwrap().schedule
    }

    fn opts() -> RenderOptions {
        RenderOptions::new(DateTime::UNIX_EPOCH)
    }

    #[test]
    fn same_content_same_fingerprint_whatever_the_dtstamp() {
        let a = event_fingerprint(&schedule(""), &opts()).unwrap();
        let mut later = schedule("");
        later.updated = DateTime::from_timestamp(1_800_000_000, 0);
        assert_eq!(event_fingerprint(&later, &opts()).unwrap(), a);
        assert_eq!(a.uid, "fp@symcal");
        assert_eq!(a.hash.len(), 32);
    }

    #[test]
    fn a_stream_link_that_appears_is_a_change() {
        let before = schedule(r#""online": {"platform": "Zoom"},"#);
        let after = schedule(r#""online": {"platform": "Zoom", "url": "https://zoom.us/j/1"},"#);
        assert_ne!(event_fingerprint(&before, &opts()), event_fingerprint(&after, &opts()));
        let (b, a) =
            (session_fingerprints(&before, &opts()), session_fingerprints(&after, &opts()));
        assert_eq!(b.len(), 2);
        assert!(b.iter().zip(&a).all(|(b, a)| b.uid == a.uid && b.hash != a.hash));
    }

    #[test]
    fn a_retitled_session_changes_only_its_own_fingerprint() {
        let before = schedule("");
        let mut after = before.clone();
        after.sessions[1].title = "Keynote".into();
        let (b, a) =
            (session_fingerprints(&before, &opts()), session_fingerprints(&after, &opts()));
        assert_eq!(b[0], a[0]);
        assert_ne!(b[1].hash, a[1].hash);
        assert_eq!(b[1].uid, a[1].uid);
    }
}
