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

/// The right-hand side of generated UIDs unless the caller names another
/// (`RenderOptions::uid_domain`): it keeps them apart from UIDs other
/// software makes for the same key.
pub(crate) const DOMAIN: &str = "symcal";

/// The UID of the whole event.
pub(crate) fn event_uid(schedule: &Schedule, domain: &str) -> String {
    format!("{}@{domain}", schedule.key)
}

/// The UID of every session, in order.
pub(crate) fn session_uids(schedule: &Schedule, domain: &str) -> Vec<String> {
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
pub(crate) fn deadline_uids(schedule: &Schedule, domain: &str) -> Vec<String> {
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
}
