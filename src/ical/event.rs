//! VEVENT components (RFC 5545 §3.6.1): one per session, and one for the
//! whole event.
//!
//! What every VEVENT of a schedule shares (where to go, how to join, who
//! organises) is worked out and rendered once in [`Shared`], so a feed of
//! 100,000 sessions does not redo it 100,000 times. `Shared` is read-only
//! while rendering, so several threads can use it at once; each brings its
//! own [`Scratch`].

use chrono::{NaiveDateTime, Timelike};
use chrono_tz::Tz;

use super::description::Description;
use super::line::Lines;
use super::{RenderOptions, Revisions, vtimezone};
use crate::model::{Contact, Days, Person, Schedule, Session, Venue};

/// Buffers one thread reuses from VEVENT to VEVENT.
#[derive(Default)]
pub(crate) struct Scratch {
    description: Description,
}

/// The parts of a VEVENT that are the same for every session.
pub(crate) struct Shared<'s> {
    schedule: &'s Schedule,
    dtstamp: String,
    revisions: &'s Revisions,
    /// How to attend, register and learn more: the tail of every DESCRIPTION.
    attend: Description,
    /// LOCATION, GEO and X-APPLE-STRUCTURED-LOCATION for a session with no
    /// room of its own.
    place: Lines,
    /// URL, ORGANIZER and CONFERENCE.
    links: Lines,
    /// Threads to render on (`RenderOptions::threads`).
    threads: usize,
}

impl<'s> Shared<'s> {
    pub(crate) fn new(schedule: &'s Schedule, options: &'s RenderOptions) -> Shared<'s> {
        Shared::for_audience(schedule, options, Audience::Everyone)
    }

    /// Like [`Shared::new`], with the way to attend that `audience` uses
    /// first: its LOCATION, and first in every DESCRIPTION.
    pub(crate) fn for_audience(
        schedule: &'s Schedule,
        options: &'s RenderOptions,
        audience: Audience,
    ) -> Shared<'s> {
        let mut place = Lines::new();
        let online = |o: &crate::model::Stream| {
            o.url.clone().unwrap_or_else(|| match stream_name(o) {
                Some(name) => format!("Online ({name})"),
                None => "Online".to_owned(),
            })
        };
        let location = match (&schedule.venue, &schedule.online, audience) {
            (_, Some(o), Audience::Online) => Some((online(o), None)),
            (Some(v), _, _) => Some((venue_text(v), Some(v))),
            (None, Some(o), _) => Some((online(o), None)),
            (None, None, _) => None,
        };
        if let Some((location, venue)) = location {
            write_place(&mut place, &location, venue);
        }
        Shared {
            schedule,
            dtstamp: utc(options.dtstamp),
            revisions: &options.revisions,
            attend: attend(schedule, audience),
            place,
            links: links(schedule),
            threads: options.threads,
        }
    }

    /// Threads to render a feed on; 0 for one per core.
    pub(crate) fn threads(&self) -> usize {
        self.threads
    }

    /// The schedule being rendered.
    pub(crate) fn schedule(&self) -> &'s Schedule {
        self.schedule
    }

    /// Writes the VEVENT of session `index` with `uid`.
    pub(crate) fn write_session(
        &self,
        lines: &mut Lines,
        scratch: &mut Scratch,
        index: usize,
        uid: &str,
    ) {
        let s = &self.schedule.sessions[index];
        lines.begin("VEVENT");
        self.write_identity(lines, uid);
        write_time(lines, "DTSTART", self.schedule.zone, s.start);
        if let Some(end) = s.end {
            write_time(lines, "DTEND", self.schedule.zone, end);
        }
        lines.property("SUMMARY").text(&summary(s));

        let d = &mut scratch.description;
        d.clear();
        if !s.presenters.is_empty() || s.presenters_tbc {
            d.text("Presenters: ").text(&presenters(s));
        }
        if let Some(room) = &s.room {
            d.line().text("Room: ").text(room);
        }
        if let Some(text) = &s.description {
            d.paragraph().text(text);
        }
        d.paragraph().text(&self.schedule.title).line().append(&self.attend);
        write_description(lines, d);

        match (&s.room, &self.schedule.venue) {
            (Some(room), Some(venue)) => {
                write_place(lines, &format!("{room}, {}", venue_text(venue)), Some(venue));
            }
            _ => lines.append(&self.place),
        }
        lines.append(&self.links);
        lines.property("CATEGORIES").text_list(&[s.kind.label()]);
        lines.property("STATUS").raw(if s.is_tentative() { "TENTATIVE" } else { "CONFIRMED" });
        if s.kind.is_free_time() {
            lines.property("TRANSP").raw("TRANSPARENT");
        }
        lines.end("VEVENT");
    }

    /// UID, DTSTAMP, and the revision's SEQUENCE and LAST-MODIFIED.
    pub(crate) fn write_identity(&self, lines: &mut Lines, uid: &str) {
        lines.property("UID").text(uid);
        lines.property("DTSTAMP").raw(&self.dtstamp);
        if let Some(r) = self.revisions.get(uid) {
            lines.property("SEQUENCE").raw(&r.sequence.to_string());
            lines.property("LAST-MODIFIED").raw(&utc(r.modified));
        }
    }

    /// Writes the VEVENT of the whole event, with the agenda in its
    /// DESCRIPTION. Nothing for a schedule with no sessions and no span.
    /// An invitation names its `attendee`, and a cancellation says so in
    /// STATUS (RFC 5546 §3.2.2, §3.2.5).
    pub(crate) fn write_event(&self, lines: &mut Lines, uid: &str, itip: Option<Itip<'_>>) {
        let schedule = self.schedule;
        // a programme over several days, or an event with dates and no
        // times yet, is an all-day span, which every client shows as a bar
        // over the days rather than one long timed block
        let all_day = schedule.all_day();
        let timed = match schedule.event_start() {
            Some(start) if all_day.is_none() => {
                Some((start, schedule.event_end().filter(|&e| e > start)))
            }
            _ => None,
        };
        if all_day.is_none() && timed.is_none() {
            return;
        }
        lines.begin("VEVENT");
        self.write_identity(lines, uid);
        if let Some(days) = all_day {
            write_days(lines, days);
        }
        if let Some((start, end)) = timed {
            write_time(lines, "DTSTART", schedule.zone, start);
            if let Some(end) = end {
                write_time(lines, "DTEND", schedule.zone, end);
            }
        }
        lines.property("SUMMARY").text(&schedule.title);

        let mut d = Description::default();
        if let Some(text) = &schedule.description {
            d.text(text);
        }
        if !schedule.organizers.is_empty() {
            let names: Vec<String> = schedule.organizers.iter().map(person).collect();
            d.paragraph().text("Organisers: ").text(&names.join("; "));
        }
        if !schedule.sessions.is_empty() {
            d.paragraph().text(&format!("Agenda (times in {}):", schedule.zone.name()));
            agenda(schedule, &mut d);
        }
        d.paragraph().append(&self.attend);
        write_description(lines, &d);

        lines.append(&self.place);
        lines.append(&self.links);
        let mut status = "CONFIRMED";
        if let Some(itip) = itip {
            write_attendee(lines, itip.attendee);
            if itip.cancelled {
                status = "CANCELLED";
            }
        }
        lines.property("STATUS").raw(status);
        lines.end("VEVENT");
    }
}

/// Who a calendar is written for, when it is someone's invitation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Audience {
    /// Anyone: the venue first, as in the feed.
    #[default]
    Everyone,
    /// Someone who comes to the venue.
    InPerson,
    /// Someone who joins the stream.
    Online,
}

/// The iTIP parts of an invitation's VEVENT.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Itip<'a> {
    /// The one recipient, listed so Outlook offers Accept/Decline
    /// (CLIENT-QUIRKS.md #10).
    pub(crate) attendee: &'a Contact,
    /// A METHOD:CANCEL message.
    pub(crate) cancelled: bool,
}

/// An ATTENDEE who is asked to reply; Thunderbird shows the buttons only
/// with RSVP=TRUE (CLIENT-QUIRKS.md #14).
pub(crate) fn write_attendee(lines: &mut Lines, attendee: &Contact) {
    let mut p = lines.property("ATTENDEE");
    if let Some(name) = &attendee.name {
        p = p.param("CN", name);
    }
    p.param("ROLE", "REQ-PARTICIPANT")
        .param("PARTSTAT", "NEEDS-ACTION")
        .param("RSVP", "TRUE")
        .uri(&format!("mailto:{}", attendee.email));
}

/// ORGANIZER with its CN.
pub(crate) fn write_organizer(lines: &mut Lines, contact: &Contact) {
    let mut p = lines.property("ORGANIZER");
    if let Some(name) = &contact.name {
        p = p.param("CN", name);
    }
    p.uri(&format!("mailto:{}", contact.email));
}

/// A UTC instant in RFC 5545 form, `20250630T123000Z`.
pub(crate) fn utc(t: chrono::DateTime<chrono::Utc>) -> String {
    format!("{}Z", basic(t.naive_utc()))
}

/// DESCRIPTION, and X-ALT-DESC when the HTML has links the plain text cannot
/// make clickable.
pub(crate) fn write_description(lines: &mut Lines, d: &Description) {
    // libical drops an empty DESCRIPTION with an error: write none
    if d.plain().is_empty() {
        return;
    }
    lines.property("DESCRIPTION").text(d.plain());
    if d.has_link() {
        lines.property("X-ALT-DESC").param("FMTTYPE", "text/html").text_parts(&[
            "<html><body>",
            d.html_body(),
            "</body></html>",
        ]);
    }
}

/// LOCATION, and for a venue with coordinates GEO and the
/// X-APPLE-STRUCTURED-LOCATION that Apple Maps reads instead of GEO, whose
/// X-TITLE must equal LOCATION (CLIENT-QUIRKS.md #31).
fn write_place(lines: &mut Lines, location: &str, venue: Option<&Venue>) {
    lines.property("LOCATION").text(location);
    let Some((venue, geo)) = venue.and_then(|v| Some((v, v.geo?))) else { return };
    lines.property("GEO").raw(&format!("{};{}", geo.lat, geo.lon));
    let mut p = lines.property("X-APPLE-STRUCTURED-LOCATION").param("VALUE", "URI");
    if let Some(address) = &venue.address {
        p = p.param("X-ADDRESS", address);
    }
    p.param("X-APPLE-RADIUS", "100")
        .param("X-TITLE", location)
        .uri(&format!("geo:{},{}", geo.lat, geo.lon));
}

/// URL, ORGANIZER and CONFERENCE: the same in every VEVENT.
fn links(schedule: &Schedule) -> Lines {
    let mut lines = Lines::new();
    if let Some(url) = &schedule.url {
        lines.property("URL").param("VALUE", "URI").uri(url);
    }
    if let Some(contact) = &schedule.contact {
        write_organizer(&mut lines, contact);
    }
    if let Some(stream) = &schedule.online
        && let Some(url) = &stream.url
    {
        let label = stream.label.clone().unwrap_or_else(|| match stream_name(stream) {
            Some(name) => format!("Join on {name}"),
            None => "Join online".to_owned(),
        });
        lines
            .property("CONFERENCE")
            .param("VALUE", "URI")
            .param_list("FEATURE", &["AUDIO", "VIDEO"])
            .param("LABEL", &label)
            .uri(url);
    }
    lines
}

/// The attendance lines: in person and online (in the order `audience`
/// wants), registration, page.
fn attend(schedule: &Schedule, audience: Audience) -> Description {
    let mut d = Description::default();
    let in_person = |d: &mut Description| {
        if let Some(v) = &schedule.venue {
            d.line().text("In person: ").text(&venue_text(v));
        }
    };
    if audience != Audience::Online {
        in_person(&mut d);
    }
    if let Some(o) = &schedule.online {
        let name =
            o.label.clone().or_else(|| stream_name(o)).unwrap_or_else(|| "online event".into());
        d.line().text("Online: ").text(&name);
        match (&o.url, &o.note) {
            (Some(url), _) => {
                d.text(" ").link(url);
            }
            (None, Some(note)) => {
                d.text(" (").text(note).text(")");
            }
            (None, None) => {}
        }
    }
    if audience == Audience::Online {
        in_person(&mut d);
    }
    if let Some(url) = &schedule.registration {
        d.line().text("Register: ").link(url);
    }
    if let Some(url) = &schedule.url {
        // Google ignores URL: repeat it here (CLIENT-QUIRKS.md #26)
        d.line().text("Details: ").link(url);
    }
    d
}

/// At most this many agenda rows go into the event's DESCRIPTION; a
/// conference-sized agenda belongs in the feed, not in one text field.
const AGENDA_ROWS: usize = 200;

fn agenda(schedule: &Schedule, d: &mut Description) {
    let first_day = schedule.sessions.iter().map(|s| s.start.date()).min();
    let multi_day = schedule.sessions.iter().any(|s| Some(s.start.date()) != first_day);
    for s in schedule.sessions.iter().take(AGENDA_ROWS) {
        let mut when = String::new();
        if multi_day {
            when.push_str(&s.start.format("%a %-d %b ").to_string());
        }
        when.push_str(&s.start.format("%H:%M").to_string());
        if let Some(end) = s.end {
            when.push('–');
            when.push_str(&end.format("%H:%M").to_string());
        }
        d.line().text(&when).text("  ").text(&headline(s));
    }
    if schedule.sessions.len() > AGENDA_ROWS {
        let more = schedule.sessions.len() - AGENDA_ROWS;
        d.line().text(&format!("… and {more} more sessions in the full programme"));
    }
}

/// SUMMARY of a session: its title, or what is known while it is "tbc".
pub(crate) fn summary(s: &Session) -> String {
    if !s.title_tbc {
        return s.title.clone();
    }
    let known = !s.presenters_tbc && !s.presenters.is_empty();
    match (known, s.title.is_empty()) {
        (true, true) => format!("{}: title to be confirmed", names(&s.presenters)),
        (true, false) => format!("{} (title to be confirmed)", s.title),
        (false, true) => format!("{} (to be confirmed)", s.kind.label()),
        (false, false) => format!("{} (to be confirmed)", s.title),
    }
}

/// One agenda row: what and who.
fn headline(s: &Session) -> String {
    let what = summary(s);
    if s.title_tbc || (s.presenters.is_empty() && !s.presenters_tbc) {
        return what;
    }
    format!("{what} — {}", presenters(s))
}

/// Who presents a session, with affiliations, as the agenda shows them.
pub(crate) fn presenters(s: &Session) -> String {
    if s.presenters.is_empty() {
        return "to be confirmed".into();
    }
    let list: Vec<String> = s.presenters.iter().map(person).collect();
    let list = list.join("; ");
    if s.presenters_tbc { format!("{list} (to be confirmed)") } else { list }
}

fn names(people: &[Person]) -> String {
    people.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ")
}

fn person(p: &Person) -> String {
    match &p.affiliation {
        Some(a) => format!("{} ({a})", p.name),
        None => p.name.clone(),
    }
}

fn venue_text(v: &Venue) -> String {
    match &v.address {
        Some(address) => format!("{}, {address}", v.name),
        None => v.name.clone(),
    }
}

/// The service a stream is on, from the source or its link's host.
fn stream_name(s: &crate::model::Stream) -> Option<String> {
    if let Some(p) = &s.platform {
        return Some(p.clone());
    }
    let host =
        s.url.as_deref().and_then(|u| u.split("://").nth(1)).and_then(|r| r.split('/').next());
    match host {
        Some(h) if h == "zoom.us" || h.ends_with(".zoom.us") => Some("Zoom".into()),
        Some(h) if h.ends_with("teams.microsoft.com") || h.ends_with("teams.live.com") => {
            Some("Microsoft Teams".into())
        }
        Some("meet.google.com") => Some("Google Meet".into()),
        _ => None,
    }
}

/// DTSTART and DTEND of an all-day span: DTEND is the day after the last,
/// RFC 5545's exclusive end (§3.6.1).
pub(crate) fn write_days(lines: &mut Lines, days: Days) {
    let after = days.last.succ_opt().unwrap_or(days.last);
    lines.property("DTSTART").param("VALUE", "DATE").raw(&days.first.format("%Y%m%d").to_string());
    lines.property("DTEND").param("VALUE", "DATE").raw(&after.format("%Y%m%d").to_string());
}

/// DTSTART/DTEND: `Z` for UTC, else the wall-clock reading with its TZID.
pub(crate) fn write_time(lines: &mut Lines, name: &str, zone: Tz, local: NaiveDateTime) {
    if vtimezone::is_utc(zone) {
        lines.property(name).raw(&format!("{}Z", basic(local)));
    } else {
        lines.property(name).param("TZID", zone.name()).raw(&basic(local));
    }
}

/// RFC 5545 §3.3.5 basic format, `20250630T133000`, without chrono's
/// general formatter (this runs twice per session).
pub(crate) fn basic(t: NaiveDateTime) -> String {
    use chrono::Datelike;
    let d = t.date();
    let mut s = String::with_capacity(16);
    let year = d.year();
    let digits = [
        (year / 1000 % 10) as u32,
        (year / 100 % 10) as u32,
        (year / 10 % 10) as u32,
        (year % 10) as u32,
        d.month() / 10,
        d.month() % 10,
        d.day() / 10,
        d.day() % 10,
    ];
    s.extend(digits.iter().map(|&n| char::from(b'0' + n as u8)));
    s.push('T');
    for n in [t.hour(), t.minute(), t.second()] {
        s.push(char::from(b'0' + (n / 10) as u8));
        s.push(char::from(b'0' + (n % 10) as u8));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_format_matches_chrono() {
        for t in ["2025-06-30T13:30:00", "0999-01-02T03:04:05", "2026-12-31T23:59:59"] {
            let t = NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S").unwrap();
            assert_eq!(basic(t), t.format("%Y%m%dT%H%M%S").to_string());
        }
    }
}
