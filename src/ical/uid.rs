//! Stable UIDs (RFC 5545 §3.8.4.7).
//!
//! A subscriber's calendar matches events by UID, so a UID must survive every
//! edit that does not move the session: a reworded title, a filled-in "tbc",
//! a new flag on the command line. It therefore comes from the session's
//! explicit id, else from the event's key plus the slot's start (and its
//! order among sessions that start together); never from the title or the
//! row number.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;

use crate::model::Schedule;

/// The right-hand side of generated UIDs unless the schedule or the caller
/// names another (`Schedule::uid_domain`, `RenderOptions::uid_domain`): it
/// keeps them apart from UIDs other software makes for the same key.
pub(crate) const DOMAIN: &str = "symcal";

/// The right-hand side of `schedule`'s UIDs: its own (the host of its
/// site), else `fallback` (the caller's).
fn domain<'a>(schedule: &'a Schedule, fallback: &'a str) -> &'a str {
    schedule.uid_domain.as_deref().unwrap_or(fallback)
}

/// Whether `text` can be the right-hand side of a UID: a host name such as
/// `faimi.org` or `symcal` (letters, digits, `-` and `.`, at most 253
/// bytes), so that a UID stays one printable word.
pub fn is_uid_domain(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 253
        && !text.starts_with(['.', '-'])
        && !text.ends_with(['.', '-'])
        && !text.contains("..")
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
}

/// The UID of the whole event.
pub(crate) fn event_uid(schedule: &Schedule, fallback: &str) -> String {
    format!("{}@{}", schedule.key, domain(schedule, fallback))
}

/// The UID of every session, in order.
pub(crate) fn session_uids(schedule: &Schedule, fallback: &str) -> Vec<String> {
    let domain = domain(schedule, fallback);
    let mut seen_at: BTreeMap<NaiveDateTime, usize> = BTreeMap::new();
    schedule
        .sessions
        .iter()
        .map(|s| {
            let nth = seen_at.entry(s.start).or_insert(0);
            *nth += 1;
            match &s.id {
                Some(id) => id.clone(),
                None => slot_uid(&schedule.key, s.start, *nth, domain),
            }
        })
        .collect()
}

/// The UID of every deadline, in order: its explicit id, else the event's
/// key, its kind and its group (`…-due-submission-poster-demo-track`), with
/// a count for a kind that repeats within a group. Never the date: a
/// deadline that moves (is extended) keeps its UID.
pub(crate) fn deadline_uids(schedule: &Schedule, fallback: &str) -> Vec<String> {
    let domain = domain(schedule, fallback);
    let mut seen: BTreeMap<(crate::model::DeadlineKind, Option<String>), usize> = BTreeMap::new();
    schedule
        .deadlines
        .iter()
        .map(|d| {
            if let Some(id) = &d.id {
                return id.clone();
            }
            let group = d.group.as_deref().map(crate::slug::slugify).filter(|g| !g.is_empty());
            let nth = seen.entry((d.kind, group.clone())).or_insert(0);
            *nth += 1;
            let mut uid = format!("{}-due-{}", schedule.key, d.kind.name());
            if let Some(g) = group {
                uid.push('-');
                uid.push_str(&g);
            }
            if *nth > 1 {
                uid.push_str(&format!("-{nth}"));
            }
            uid.push('@');
            uid.push_str(domain);
            uid
        })
        .collect()
}

fn slot_uid(key: &str, start: NaiveDateTime, nth: usize, domain: &str) -> String {
    let slot = start.format("%Y%m%dT%H%M");
    if nth == 1 { format!("{key}-{slot}@{domain}") } else { format!("{key}-{slot}-{nth}@{domain}") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Session, SessionKind};

    fn session(start: &str, title: &str, id: Option<&str>) -> Session {
        Session {
            id: id.map(str::to_owned),
            start: NaiveDateTime::parse_from_str(start, "%Y-%m-%dT%H:%M").unwrap(),
            end: None,
            title: title.into(),
            title_tbc: false,
            presenters: vec![],
            presenters_tbc: false,
            kind: SessionKind::Talk,
            room: None,
            description: None,
        }
    }

    fn schedule(sessions: Vec<Session>) -> Schedule {
        Schedule {
            key: "2025-london-symposium".into(),
            uid_domain: None,
            title: "T".into(),
            description: None,
            url: None,
            zone: chrono_tz::Europe::London,
            venue: None,
            online: None,
            organizers: vec![],
            contact: None,
            registration: None,
            start: None,
            end: None,
            updated: None,
            days: None,
            deadlines: Vec::new(),
            sessions,
        }
    }

    #[test]
    fn uids_follow_the_slot_not_the_title() {
        let before = schedule(vec![
            session("2025-06-30T14:00", "Opening remarks", None),
            session("2025-06-30T14:00", "tbc", None),
            session("2025-06-30T14:20", "x", Some("explicit-id")),
        ]);
        let mut after = before.clone();
        after.sessions[1].title = "Interpreting model biases".into();
        after.title = "Renamed".into();
        assert_eq!(session_uids(&before, DOMAIN), session_uids(&after, DOMAIN));
        assert_eq!(
            session_uids(&before, DOMAIN),
            [
                "2025-london-symposium-20250630T1400@symcal",
                "2025-london-symposium-20250630T1400-2@symcal",
                "explicit-id"
            ]
        );
        assert_eq!(event_uid(&after, DOMAIN), "2025-london-symposium@symcal");
    }

    #[test]
    fn the_schedule_s_own_domain_wins_over_the_default() {
        let mut s = schedule(vec![session("2025-06-30T14:00", "Opening", None)]);
        assert_eq!(
            event_uid(&s, "calendars.example.org"),
            "2025-london-symposium@calendars.example.org"
        );
        s.uid_domain = Some("faimi.org".into());
        assert_eq!(event_uid(&s, DOMAIN), "2025-london-symposium@faimi.org");
        assert_eq!(session_uids(&s, DOMAIN), ["2025-london-symposium-20250630T1400@faimi.org"]);
        for ok in ["symcal", "faimi.org", "xn--bcher-kva.example", "a-b.c"] {
            assert!(is_uid_domain(ok), "{ok}");
        }
        for bad in ["", "a b", "a@b", ".org", "org.", "a..b", "a/b", "é.org"] {
            assert!(!is_uid_domain(bad), "{bad}");
        }
    }
}
