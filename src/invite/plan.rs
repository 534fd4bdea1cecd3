//! Who gets what this run: the difference between the source, the
//! registrations and the state.
//!
//! - a registrant never sent the event gets an invitation to its current
//!   version;
//! - anyone sent an older version (registered now or not: dropping out of
//!   the sheet does not uninvite) gets an update;
//! - when the event is cancelled (`--cancel`), or has gone from the source,
//!   everyone who was sent it gets a cancellation;
//! - nobody gets a version they already have.

use chrono::{DateTime, Utc};

use super::registrations::Registrant;
use super::state::{Method, SavedSnapshot, State};
use crate::diag::Diagnostic;
use crate::ical::{Audience, Revision, Snapshot, event_fingerprint, event_snapshot};
use crate::model::{Contact, Schedule};
use crate::{Error, Result};

/// What a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The first invitation a person gets.
    Invitation,
    /// A newer version of an invitation they have.
    Update,
    /// The event is off.
    Cancellation,
}

impl Kind {
    /// The iTIP method.
    pub fn method(self) -> Method {
        match self {
            Kind::Invitation | Kind::Update => Method::Request,
            Kind::Cancellation => Method::Cancel,
        }
    }
}

/// One message to send.
#[derive(Debug, Clone, PartialEq)]
pub struct Outgoing {
    /// The event's UID.
    pub uid: String,
    /// What the message is.
    pub kind: Kind,
    /// The version it carries.
    pub revision: Revision,
    /// The recipient.
    pub to: Contact,
    /// How they attend.
    pub audience: Audience,
    /// For an event no longer in the source: what was kept of it.
    pub gone: Option<Snapshot>,
}

/// The messages of one run, in sending order.
#[derive(Debug, Default)]
pub struct Plan {
    /// What to send.
    pub messages: Vec<Outgoing>,
    /// What the organiser should know about choices made.
    pub notes: Vec<Diagnostic>,
}

/// A first invitation of `m@symcal` to `to`, for tests of what is built
/// from one.
#[cfg(test)]
pub(crate) fn test_invitation(to: Contact) -> Outgoing {
    Outgoing {
        uid: "m@symcal".into(),
        kind: Kind::Invitation,
        revision: crate::ical::Revision {
            sequence: 0,
            modified: DateTime::from_timestamp(1_750_000_000, 0).expect("a valid time"),
        },
        to,
        audience: Audience::Everyone,
        gone: None,
    }
}

/// Works out the messages for `schedule` and `registrants`, advancing the
/// revisions in `state` (a changed event gets a higher SEQUENCE; `cancel`
/// calls it off). Deliveries are not recorded here: that happens as each
/// message is sent.
///
/// A state that holds invitations to events not in `schedule` belongs to
/// another event (the README's `invites.json` reused for the next one), or
/// the event's key changed: its invitees are sent cancellations only when
/// `cancel_missing` says so, and those come first in the plan.
///
/// # Errors
///
/// If the schedule has no organiser address or no time to invite to, or the
/// state holds another event and `cancel_missing` is not given.
pub fn plan(
    schedule: &Schedule,
    registrants: &[Registrant],
    state: &mut State,
    cancel: bool,
    cancel_missing: bool,
    now: DateTime<Utc>,
) -> Result<Plan> {
    let invalid = |message: &str, help: &str| {
        Error::invalid(vec![Diagnostic::error(message.to_owned()).help(help.to_owned())])
    };
    if schedule.contact.is_none() {
        return Err(invalid(
            "the schedule names no organiser address, and an invitation needs one (its ORGANIZER, where replies go)",
            "give one with `symcal invite --organizer \"Name <address>\"`, or add a mailto: link to the page (\"Please direct any inquiries to <a href=\"mailto:…\">…</a>\"), or `organizer` to the JSON",
        ));
    }
    let (Some(fingerprint), Some(snapshot)) =
        (event_fingerprint(schedule, &crate::RenderOptions::new(now)), event_snapshot(schedule))
    else {
        return Err(invalid(
            "the schedule has no time to invite to",
            "check it with `symcal check`",
        ));
    };
    let uid = fingerprint.uid.clone();
    let other: Vec<(String, usize)> = state
        .events
        .iter()
        .filter(|(u, t)| **u != uid && t.snapshot.is_some() && !t.sent.is_empty() && !t.cancelled)
        .map(|(u, t)| (u.clone(), t.sent.len()))
        .collect();
    if !other.is_empty() && !cancel_missing {
        let listed: Vec<String> =
            other.iter().map(|(u, n)| format!("`{u}` (sent to {n})")).collect();
        return Err(Error::invalid(vec![
            Diagnostic::error(format!(
                "the state holds invitations to {}, which this schedule (`{uid}`) does not have; nothing was sent",
                listed.join(", ")
            ))
            .help("give this event its own --state file; or, if this schedule replaces that event, pass --cancel-missing to send its invitees a cancellation first"),
        ]));
    }
    let mut revision = state.observe(&fingerprint, now);
    if cancel {
        revision = state.cancel(&uid, now).expect("observed above");
    }
    let tracked = state.events.get_mut(&uid).expect("observed above");
    tracked.snapshot = Some(SavedSnapshot::from(&snapshot));

    let mut plan = Plan::default();
    let outgoing = |kind, to: Contact, audience| Outgoing {
        uid: uid.clone(),
        kind,
        revision,
        to,
        audience,
        gone: None,
    };
    if tracked.cancelled {
        for d in tracked.sent.values().filter(|d| d.sequence < revision.sequence) {
            plan.messages.push(outgoing(Kind::Cancellation, d.contact(), d.audience));
        }
        let never_sent = registrants
            .iter()
            .filter(|r| !tracked.sent.contains_key(&r.email.to_ascii_lowercase()))
            .count();
        if never_sent > 0 && !cancel {
            plan.notes.push(Diagnostic::note(format!(
                "`{uid}` was cancelled; {never_sent} registrants who were never invited get nothing"
            )));
        }
    } else {
        let mut registered = std::collections::HashSet::new();
        for r in registrants {
            let key = r.email.to_ascii_lowercase();
            let kind = match tracked.sent.get(&key) {
                None => Some(Kind::Invitation),
                Some(d) if d.sequence < revision.sequence => Some(Kind::Update),
                Some(_) => None,
            };
            if let Some(kind) = kind {
                let to = Contact { name: r.name.clone(), email: r.email.clone() };
                plan.messages.push(outgoing(kind, to, r.audience));
            }
            registered.insert(key);
        }
        for (key, d) in &tracked.sent {
            if !registered.contains(key) && d.sequence < revision.sequence {
                plan.messages.push(outgoing(Kind::Update, d.contact(), d.audience));
            }
        }
    }

    // events sent out before that are no longer in the source: their
    // cancellations go first
    let mut cancellations = Vec::new();
    let gone: Vec<String> = state
        .events
        .iter()
        .filter(|(u, t)| **u != uid && t.snapshot.is_some() && !t.sent.is_empty())
        .map(|(u, _)| u.clone())
        .collect();
    for gone_uid in gone {
        let newly = !state.events[&gone_uid].cancelled;
        let revision = state.cancel(&gone_uid, now).expect("tracked");
        let tracked = &state.events[&gone_uid];
        let snapshot = tracked.snapshot.as_ref().expect("filtered above").to_snapshot(&gone_uid);
        if newly {
            plan.notes.push(Diagnostic::note(format!(
                "`{gone_uid}` (\"{}\") was sent out before and is not in this schedule: it is cancelled",
                crate::diag::shown(&snapshot.summary)
            )));
        }
        for d in tracked.sent.values().filter(|d| d.sequence < revision.sequence) {
            cancellations.push(Outgoing {
                uid: gone_uid.clone(),
                kind: Kind::Cancellation,
                revision,
                to: d.contact(),
                audience: d.audience,
                gone: Some(snapshot.clone()),
            });
        }
    }
    plan.messages.splice(0..0, cancellations);
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::invite::state::Delivery;

    fn schedule(title: &str, id: &str) -> Schedule {
        let text = format!(
            r#"{{"id": "{id}", "title": "{title}", "timezone": "Europe/London",
              "organizer": {{"name": "Org", "email": "org@example.org"}},
              "sessions": [{{"title": "Talk", "start": "2025-06-30T14:00", "end": "2025-06-30T15:00"}}]}}"#
        );
        crate::source::json::parse(&text, "p.json".as_ref()).unwrap().schedule
    }

    fn registrant(email: &str, row: usize) -> Registrant {
        Registrant { email: email.into(), name: None, audience: Audience::Everyone, row }
    }

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(secs, 0).unwrap()
    }

    /// Plans, then records every message as delivered.
    fn run(
        s: &Schedule,
        people: &[Registrant],
        state: &mut State,
        cancel: bool,
        now: i64,
    ) -> Vec<(String, Kind, u32)> {
        let plan = plan(s, people, state, cancel, true, at(now)).unwrap();
        for m in &plan.messages {
            state.record(
                &m.uid,
                Delivery {
                    address: m.to.email.clone(),
                    name: None,
                    audience: m.audience,
                    sequence: m.revision.sequence,
                    method: m.kind.method(),
                    uncertain: false,
                },
            );
        }
        plan.messages.into_iter().map(|m| (m.to.email, m.kind, m.revision.sequence)).collect()
    }

    #[test]
    fn invite_then_update_then_nothing_then_cancel() {
        let mut state = State::default();
        let people = [registrant("a@x.org", 2), registrant("b@x.org", 3)];
        let v1 = schedule("Day", "ev");
        let sent = run(&v1, &people, &mut state, false, 100);
        assert_eq!(
            sent,
            [("a@x.org".into(), Kind::Invitation, 0), ("b@x.org".into(), Kind::Invitation, 0)]
        );
        assert!(run(&v1, &people, &mut state, false, 200).is_empty());

        let v2 = schedule("Day two", "ev");
        let late = [registrant("a@x.org", 2), registrant("c@x.org", 4)];
        let sent = run(&v2, &late, &mut state, false, 300);
        assert_eq!(
            sent,
            [
                ("a@x.org".into(), Kind::Update, 1),
                ("c@x.org".into(), Kind::Invitation, 1),
                ("b@x.org".into(), Kind::Update, 1),
            ]
        );
        assert!(run(&v2, &late, &mut state, false, 400).is_empty());

        let sent = run(&v2, &late, &mut state, true, 500);
        assert_eq!(sent.len(), 3);
        assert!(sent.iter().all(|(_, k, seq)| *k == Kind::Cancellation && *seq == 2));
        assert!(run(&v2, &late, &mut state, true, 600).is_empty());
        assert!(run(&v2, &[registrant("new@x.org", 9)], &mut state, false, 700).is_empty());
    }

    #[test]
    fn issue_10_a_state_of_another_event_is_refused_without_the_word() {
        let mut state = State::default();
        let people = [registrant("a@x.org", 2)];
        run(&schedule("London", "london"), &people, &mut state, false, 100);
        let before = state.clone();
        let e = plan(&schedule("Online", "online"), &people, &mut state, false, false, at(200))
            .unwrap_err()
            .to_string();
        assert!(e.contains("`london@symcal` (sent to 1)") && e.contains("--cancel-missing"), "{e}");
        assert_eq!(state, before, "nothing advanced");
    }

    #[test]
    fn an_event_gone_from_the_source_is_cancelled_for_those_who_had_it() {
        let mut state = State::default();
        let people = [registrant("a@x.org", 2)];
        run(&schedule("Day", "old"), &people, &mut state, false, 100);
        let sent = run(&schedule("Day", "new"), &people, &mut state, false, 200);
        assert_eq!(
            sent,
            [("a@x.org".into(), Kind::Cancellation, 1), ("a@x.org".into(), Kind::Invitation, 0)],
            "cancellations first"
        );
        assert!(run(&schedule("Day", "new"), &people, &mut state, false, 300).is_empty());
    }
}
