//! Invitations (iTIP, RFC 5546): the whole event as METHOD:REQUEST to one
//! person, and METHOD:CANCEL when it is called off.
//!
//! Each calendar names exactly one ATTENDEE, its recipient, so no registrant
//! sees another's address and Outlook offers Accept/Decline
//! (CLIENT-QUIRKS.md #10). An update is the same UID with a higher SEQUENCE
//! (#12); a cancellation is METHOD:CANCEL with STATUS:CANCELLED and a higher
//! SEQUENCE still (#13). There is no calendar name: a single invitation goes
//! into the user's own calendar (#24).

use chrono::{DateTime, NaiveTime, Utc};

use super::event::{Audience, Itip, Shared, utc, write_attendee, write_days, write_organizer};
use super::line::Lines;
use super::{RenderOptions, begin_calendar_with, uid, write_zone};
use crate::model::{Contact, Days, Schedule};

/// One person's invitation to the whole event.
#[derive(Debug, Clone, Copy)]
pub struct Invitation<'a> {
    /// The recipient: the one ATTENDEE.
    pub attendee: &'a Contact,
    /// How they attend: what comes first in LOCATION and DESCRIPTION.
    pub audience: Audience,
    /// METHOD:CANCEL instead of METHOD:REQUEST.
    pub cancel: bool,
}

/// The invitation as a calendar. SEQUENCE and LAST-MODIFIED come from
/// `options.revisions` for the event's UID, DTSTAMP from `options.dtstamp`
/// (for iTIP, when the message was made).
///
/// # Panics
///
/// If the schedule has no contact: an invitation needs an ORGANIZER.
///
/// # Example
///
/// ```
/// use symcal::chrono::NaiveDate;
/// use symcal::ical::{Audience, Invitation, invitation_to_string};
/// use symcal::model::{Contact, Schedule, Session};
///
/// let at = |h| NaiveDate::from_ymd_opt(2025, 6, 30).unwrap().and_hms_opt(h, 0, 0).unwrap();
/// let schedule = Schedule::new("demo", "Demo day", symcal::chrono_tz::Europe::London)
///     .with_contact(Contact::new("org@example.org", None))
///     .with_session(Session::new(at(14), "Welcome").with_end(at(16)));
/// let guest = Contact::new("ada@example.org", Some("Ada".into()));
/// let options = symcal::RenderOptions::new(symcal::default_dtstamp(&schedule));
/// let invitation = Invitation { attendee: &guest, audience: Audience::InPerson, cancel: false };
/// let ics = invitation_to_string(&schedule, &options, &invitation);
/// assert!(ics.contains("METHOD:REQUEST\r\n"));
/// // the one ATTENDEE is the recipient, asked to reply (the line is folded)
/// assert!(ics.contains("ATTENDEE;CN=Ada;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:"));
/// ```
pub fn invitation_to_string(
    schedule: &Schedule,
    options: &RenderOptions,
    invitation: &Invitation<'_>,
) -> String {
    assert!(schedule.contact.is_some(), "an invitation needs an ORGANIZER");
    let mut lines = Lines::new();
    let method = if invitation.cancel { "CANCEL" } else { "REQUEST" };
    begin_calendar_with(&mut lines, Some(method), &options.prodid);
    let span = [schedule.event_start(), schedule.event_end()];
    write_zone(&mut lines, schedule, span.into_iter().flatten());
    let itip = Itip { attendee: invitation.attendee, cancelled: invitation.cancel };
    Shared::for_audience(schedule, options, invitation.audience).write_event(
        &mut lines,
        &uid::event_uid(schedule, &options.uid_domain),
        Some(itip),
    );
    lines.end("VCALENDAR");
    lines.into_string()
}

/// What is kept of an event that was sent out, so that it can still be
/// cancelled once it has gone from the source.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Snapshot {
    /// The event's UID.
    pub uid: String,
    /// Its SUMMARY.
    pub summary: String,
    /// When it started.
    pub start: DateTime<Utc>,
    /// When it ended, if known.
    pub end: Option<DateTime<Utc>>,
    /// Its ORGANIZER.
    pub organizer: Contact,
    /// Its days, when it was an all-day event.
    pub days: Option<Days>,
}

impl Snapshot {
    /// When it is, as people read it: its days for an all-day event, else
    /// its times in `zone`.
    pub fn when(&self, zone: chrono_tz::Tz) -> String {
        match self.days {
            Some(d) => crate::time::days_text(d.first, d.last),
            None => crate::time::span_text(self.start, self.end, zone),
        }
    }
}

/// The snapshot of the whole event, if it has a start, a resolvable time
/// and an organiser.
pub fn event_snapshot(schedule: &Schedule) -> Option<Snapshot> {
    let instant = |t| crate::time::resolve(schedule.zone, t).instant();
    let days = schedule.all_day();
    let (start, end) = match (schedule.event_start(), days) {
        (Some(start), _) => {
            let start = instant(start)?;
            (start, schedule.event_end().and_then(instant).filter(|&e| e > start))
        }
        (None, Some(days)) => (days.first.and_time(NaiveTime::MIN).and_utc(), None),
        (None, None) => return None,
    };
    Some(Snapshot {
        uid: uid::event_uid(schedule, uid::DOMAIN),
        summary: schedule.title.clone(),
        start,
        end,
        organizer: schedule.contact.clone()?,
        days,
    })
}

/// METHOD:CANCEL for an event that is no longer in the source, from what
/// was kept of it. Times are in UTC: the zone's definition was not kept.
pub fn withdrawal_to_string(
    snapshot: &Snapshot,
    attendee: &Contact,
    sequence: u32,
    dtstamp: DateTime<Utc>,
) -> String {
    let mut lines = Lines::new();
    begin_calendar_with(&mut lines, Some("CANCEL"), super::PRODID);
    lines.begin("VEVENT");
    lines.property("UID").text(&snapshot.uid);
    lines.property("DTSTAMP").raw(&utc(dtstamp));
    lines.property("SEQUENCE").raw(&sequence.to_string());
    match snapshot.days {
        Some(days) => write_days(&mut lines, days),
        None => {
            lines.property("DTSTART").raw(&utc(snapshot.start));
            if let Some(end) = snapshot.end {
                lines.property("DTEND").raw(&utc(end));
            }
        }
    }
    lines.property("SUMMARY").text(&snapshot.summary);
    write_organizer(&mut lines, &snapshot.organizer);
    write_attendee(&mut lines, attendee);
    lines.property("STATUS").raw("CANCELLED");
    lines.end("VEVENT");
    lines.end("VCALENDAR");
    lines.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ical::Revision;
    use crate::ical::line::tests::unfold;
    use crate::source::json;

    fn london() -> Schedule {
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("fixtures/2025-london-symposium.json"),
        )
        .unwrap();
        json::parse(&text, "london.json".as_ref()).unwrap().schedule
    }

    fn ada() -> Contact {
        Contact { name: Some("Ada Lovelace".into()), email: "ada@example.org".into() }
    }

    fn options(schedule: &Schedule, sequence: u32) -> RenderOptions {
        let modified = DateTime::from_timestamp(1_750_000_000, 0).unwrap();
        let mut options = RenderOptions::new(modified);
        options
            .revisions
            .insert(uid::event_uid(schedule, uid::DOMAIN), Revision { sequence, modified });
        options
    }

    #[test]
    fn request_has_method_first_one_attendee_and_sequence() {
        let s = london();
        let ada = ada();
        let invitation = Invitation { attendee: &ada, audience: Audience::Everyone, cancel: false };
        let lines = unfold(&invitation_to_string(&s, &options(&s, 2), &invitation));
        assert_eq!(lines[4], "METHOD:REQUEST");
        let attendees: Vec<_> = lines.iter().filter(|l| l.starts_with("ATTENDEE")).collect();
        assert_eq!(
            attendees,
            [
                "ATTENDEE;CN=Ada Lovelace;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:ada@example.org"
            ]
        );
        assert!(lines.contains(&"SEQUENCE:2".to_owned()));
        assert!(lines.contains(&"LAST-MODIFIED:20250615T150640Z".to_owned()));
        assert!(lines.contains(&"STATUS:CONFIRMED".to_owned()));
        assert!(!lines.iter().any(|l| l.starts_with("X-WR-CALNAME")));
        let organizers: Vec<_> = lines.iter().filter(|l| l.starts_with("ORGANIZER")).collect();
        assert_eq!(organizers.len(), 1);
        assert!(organizers[0].ends_with(":mailto:eferrante@dc.uba.ar"));
    }

    #[test]
    fn online_attendees_get_the_stream_first() {
        let s = london();
        let ada = ada();
        let location = |audience| {
            let invitation = Invitation { attendee: &ada, audience, cancel: false };
            let lines = unfold(&invitation_to_string(&s, &options(&s, 0), &invitation));
            let geo = lines.iter().any(|l| l.starts_with("GEO:"));
            let location = lines.into_iter().find(|l| l.starts_with("LOCATION")).unwrap();
            (location, geo)
        };
        let (in_person, geo) = location(Audience::InPerson);
        assert!(in_person.contains("Imperial College London"), "{in_person}");
        assert!(geo);
        let (online, geo) = location(Audience::Online);
        assert!(!online.contains("Imperial"), "{online}");
        assert!(online.contains("Zoom") || online.contains("zoom.us"), "{online}");
        assert!(!geo);
    }

    #[test]
    fn cancel_says_so_twice() {
        let s = london();
        let ada = ada();
        let invitation = Invitation { attendee: &ada, audience: Audience::Everyone, cancel: true };
        let lines = unfold(&invitation_to_string(&s, &options(&s, 3), &invitation));
        assert_eq!(lines[4], "METHOD:CANCEL");
        assert!(lines.contains(&"STATUS:CANCELLED".to_owned()));
        assert!(lines.contains(&"SEQUENCE:3".to_owned()));
    }

    #[test]
    fn withdrawal_needs_only_the_snapshot() {
        let s = london();
        let snapshot = event_snapshot(&s).unwrap();
        assert_eq!(snapshot.start.to_rfc3339(), "2025-06-30T13:00:00+00:00");
        let dtstamp = DateTime::from_timestamp(1_760_000_000, 0).unwrap();
        let lines = unfold(&withdrawal_to_string(&snapshot, &ada(), 4, dtstamp));
        assert_eq!(lines[4], "METHOD:CANCEL");
        for expected in [
            "UID:2025-london-symposium@symcal",
            "SEQUENCE:4",
            "DTSTART:20250630T130000Z",
            "STATUS:CANCELLED",
        ] {
            assert!(lines.contains(&expected.to_owned()), "{expected} in {lines:#?}");
        }
    }
}
