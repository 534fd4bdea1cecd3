//! The schedule as organisers mean it: plain data, no I/O, no formats.
//!
//! Times are wall-clock readings ([`NaiveDateTime`]) in the schedule's IANA
//! zone until a renderer turns them into instants; `time` resolves them.
//! Nothing here knows JSON, Markdown or RFC 5545.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;

/// A symposium: one event made of sessions.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Schedule {
    /// The event's stable identity, such as the page's permalink slug
    /// (`2025-london-symposium`). UIDs derive from it, never from the title.
    pub key: String,
    /// The right-hand side of the event's UIDs (`<key>-…@<uid_domain>`)
    /// when the source names one: the host of the site the page is
    /// published on. `None` leaves it to the caller
    /// ([`RenderOptions::uid_domain`](crate::RenderOptions::uid_domain),
    /// `symcal` by default).
    pub uid_domain: Option<String>,
    /// The event's name.
    pub title: String,
    /// A paragraph about the event.
    pub description: Option<String>,
    /// The page that announces the event.
    pub url: Option<String>,
    /// The zone every time in the schedule is read in.
    pub zone: Tz,
    /// Where people attend in person.
    pub venue: Option<Venue>,
    /// How people attend online.
    pub online: Option<Stream>,
    /// Who runs the event.
    pub organizers: Vec<Person>,
    /// Whom to write to: the calendar ORGANIZER.
    pub contact: Option<Contact>,
    /// Where to register.
    pub registration: Option<String>,
    /// When the whole event starts, if the source says so.
    pub start: Option<NaiveDateTime>,
    /// When the whole event ends, if the source says so.
    pub end: Option<NaiveDateTime>,
    /// The event's days, when the source gives dates and no times yet (an
    /// announcement): the whole event is then an all-day event.
    pub days: Option<Days>,
    /// Dates before the event: submission deadlines, notifications, the
    /// camera-ready. Not sessions: they go to a calendar of their own.
    pub deadlines: Vec<Deadline>,
    /// When the schedule was last changed, if the source says so: the
    /// default DTSTAMP.
    pub updated: Option<DateTime<Utc>>,
    /// The sessions, in source order.
    pub sessions: Vec<Session>,
}

impl Schedule {
    /// An event with its identity, name and zone, and nothing else yet:
    /// fill in the public fields, push sessions, then
    /// [`validate`](Schedule::validate) before rendering.
    ///
    /// `key` is the event's stable identity (a slug such as
    /// `2025-london-symposium`): every UID derives from it.
    ///
    /// # Example
    ///
    /// ```
    /// use symcal::chrono::NaiveDate;
    /// use symcal::model::{Schedule, Session};
    ///
    /// let at = |h| NaiveDate::from_ymd_opt(2025, 6, 30).unwrap().and_hms_opt(h, 0, 0).unwrap();
    /// let schedule = Schedule::new("demo", "Demo day", symcal::chrono_tz::Europe::London)
    ///     .with_session(Session::new(at(14), "Welcome").with_end(at(15)));
    /// assert!(schedule.validate()?.is_empty());
    /// let options = symcal::RenderOptions::new(symcal::default_dtstamp(&schedule));
    /// assert!(symcal::feed_to_string(&schedule, &options)?.contains("SUMMARY:Welcome\r\n"));
    /// # Ok::<(), symcal::Error>(())
    /// ```
    pub fn new(key: impl Into<String>, title: impl Into<String>, zone: Tz) -> Schedule {
        Schedule {
            key: key.into(),
            uid_domain: None,
            title: title.into(),
            description: None,
            url: None,
            zone,
            venue: None,
            online: None,
            organizers: Vec::new(),
            contact: None,
            registration: None,
            start: None,
            end: None,
            days: None,
            deadlines: Vec::new(),
            updated: None,
            sessions: Vec::new(),
        }
    }

    /// The same schedule with `session` added at the end.
    pub fn with_session(mut self, session: Session) -> Schedule {
        self.sessions.push(session);
        self
    }

    /// The same schedule with `contact` as the calendar ORGANIZER.
    pub fn with_contact(mut self, contact: Contact) -> Schedule {
        self.contact = Some(contact);
        self
    }

    /// The same schedule held at `venue`.
    pub fn with_venue(mut self, venue: Venue) -> Schedule {
        self.venue = Some(venue);
        self
    }

    /// Whether there is an event to put in a calendar: sessions, or the
    /// days of one whose programme is not out yet. A call for papers with
    /// only deadlines has none (no feed, no event.ics).
    pub fn has_event(&self) -> bool {
        !self.sessions.is_empty() || self.all_day().is_some()
    }

    /// The event's all-day span: its stated days when it has no times,
    /// else the days its times take when they take more than one (with
    /// any stated days); `None` for an event within one day, which is
    /// shown with its times.
    pub fn all_day(&self) -> Option<Days> {
        let Some(start) = self.event_start() else { return self.days };
        let end = self.event_end().filter(|&e| e > start).unwrap_or(start);
        // an end at midnight does not take the next day
        let last = if end.time() == chrono::NaiveTime::MIN && end > start {
            end.date().pred_opt().unwrap_or(end.date())
        } else {
            end.date()
        };
        let (first, last) = match self.days {
            Some(d) => (d.first.min(start.date()), d.last.max(last)),
            None => (start.date(), last),
        };
        (last > first).then_some(Days { first, last })
    }

    /// The whole event's start: the stated one, else the first session's.
    pub fn event_start(&self) -> Option<NaiveDateTime> {
        self.start.or_else(|| self.sessions.iter().map(|s| s.start).min())
    }

    /// The whole event's end: the stated one, else the last session end (or
    /// start, for sessions with no end).
    pub fn event_end(&self) -> Option<NaiveDateTime> {
        self.end.or_else(|| self.sessions.iter().map(|s| s.end.unwrap_or(s.start)).max())
    }
}

/// The days an event takes, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Days {
    /// The first day.
    pub first: NaiveDate,
    /// The last day (the same as `first` for a one-day event).
    pub last: NaiveDate,
}

/// A dated item before the event, such as a paper deadline.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Deadline {
    /// An explicit, stable id from the source, used verbatim as the UID.
    pub id: Option<String>,
    /// What is due, as the source names it (`Full Paper Deadline`).
    pub title: String,
    /// What kind of date it is, which (with `group`) gives its UID.
    pub kind: DeadlineKind,
    /// The track or call it belongs to, when the source lists several
    /// (`Poster & Demo Track`).
    pub group: Option<String>,
    /// When it is due.
    pub due: Due,
    /// The line as the source writes it, for the description.
    pub note: Option<String>,
}

/// When a deadline is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// Some time that day, no time stated: an all-day item.
    Day(NaiveDate),
    /// A wall-clock time in a zone (`23:59` in `America/Los_Angeles`;
    /// Anywhere on Earth is `Etc/GMT+12`).
    At(NaiveDateTime, Tz),
}

impl Deadline {
    /// A deadline of `kind` due at `due`.
    pub fn new(title: impl Into<String>, kind: DeadlineKind, due: Due) -> Deadline {
        Deadline { id: None, title: title.into(), kind, group: None, due, note: None }
    }
}

impl Due {
    /// The day it falls on, in its own zone.
    pub fn date(&self) -> NaiveDate {
        match self {
            Due::Day(d) => *d,
            Due::At(t, _) => t.date(),
        }
    }
}

/// What a dated item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub enum DeadlineKind {
    /// An abstract or intent to submit.
    Abstract,
    /// Papers, proposals, posters: the submission itself.
    Submission,
    /// Decisions sent to authors.
    Notification,
    /// Final versions.
    CameraReady,
    /// Registration or early-bird rates.
    Registration,
    /// Applications (grants, places at a school).
    Application,
    /// Anything else that is dated.
    Other,
}

impl DeadlineKind {
    /// A lower-case name, as in JSON and UIDs.
    pub fn name(self) -> &'static str {
        match self {
            DeadlineKind::Abstract => "abstract",
            DeadlineKind::Submission => "submission",
            DeadlineKind::Notification => "notification",
            DeadlineKind::CameraReady => "camera-ready",
            DeadlineKind::Registration => "registration",
            DeadlineKind::Application => "application",
            DeadlineKind::Other => "date",
        }
    }

    /// The kind for a name written by [`DeadlineKind::name`].
    pub fn from_name(name: &str) -> Option<DeadlineKind> {
        ALL_KINDS.iter().copied().find(|k| k.name().eq_ignore_ascii_case(name.trim()))
    }

    /// A label for people, as in CATEGORIES.
    pub fn label(self) -> &'static str {
        match self {
            DeadlineKind::Abstract => "Abstract deadline",
            DeadlineKind::Submission => "Submission deadline",
            DeadlineKind::Notification => "Notification",
            DeadlineKind::CameraReady => "Camera-ready deadline",
            DeadlineKind::Registration => "Registration deadline",
            DeadlineKind::Application => "Application deadline",
            DeadlineKind::Other => "Important date",
        }
    }
}

const ALL_KINDS: [DeadlineKind; 7] = [
    DeadlineKind::Abstract,
    DeadlineKind::Submission,
    DeadlineKind::Notification,
    DeadlineKind::CameraReady,
    DeadlineKind::Registration,
    DeadlineKind::Application,
    DeadlineKind::Other,
];

/// A place people go to.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Venue {
    /// What the place is called, as the organisers write it.
    pub name: String,
    /// A postal address.
    pub address: Option<String>,
    /// The place pin.
    pub geo: Option<Geo>,
}

impl Venue {
    /// A place by its name.
    pub fn new(name: impl Into<String>) -> Venue {
        Venue { name: name.into(), address: None, geo: None }
    }
}

/// WGS 84 coordinates in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geo {
    /// Latitude, -90..=90.
    pub lat: f64,
    /// Longitude, -180..=180.
    pub lon: f64,
}

/// An online stream of the event (`Stream::default()`, then its fields).
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct Stream {
    /// The service, such as `Zoom`.
    pub platform: Option<String>,
    /// The join link, once known.
    pub url: Option<String>,
    /// A label for the link, such as `Join on Zoom`.
    pub label: Option<String>,
    /// What the organisers say while there is no link: `details to follow`.
    pub note: Option<String>,
}

/// A person with an optional affiliation.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Person {
    /// Full name.
    pub name: String,
    /// Institution, as written.
    pub affiliation: Option<String>,
}

impl Person {
    /// Someone by name, with their institution if known.
    pub fn new(name: impl Into<String>, affiliation: Option<String>) -> Person {
        Person { name: name.into(), affiliation }
    }
}

/// The address calendar replies and questions go to.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Contact {
    /// A display name (RFC 5545 `CN`).
    pub name: Option<String>,
    /// An email address.
    pub email: String,
}

impl Contact {
    /// An address, with a display name if known.
    pub fn new(email: impl Into<String>, name: Option<String>) -> Contact {
        Contact { name, email: email.into() }
    }
}

/// One row of the agenda.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Session {
    /// An explicit, stable id from the source, used verbatim as the UID.
    pub id: Option<String>,
    /// Wall-clock start in the schedule's zone.
    pub start: NaiveDateTime,
    /// Wall-clock end, if known.
    pub end: Option<NaiveDateTime>,
    /// What the session is called. May be empty when `title_tbc`.
    pub title: String,
    /// The title is still to be confirmed.
    pub title_tbc: bool,
    /// Who presents.
    pub presenters: Vec<Person>,
    /// Who presents is still to be confirmed.
    pub presenters_tbc: bool,
    /// What kind of session it is.
    pub kind: SessionKind,
    /// The room, when it differs per session.
    pub room: Option<String>,
    /// What the session is about: its abstract, or the details a page
    /// gives under its title. (iCalendar's SUMMARY is the title.)
    pub description: Option<String>,
}

impl Session {
    /// A talk starting at `start` (wall clock in the schedule's zone).
    pub fn new(start: NaiveDateTime, title: impl Into<String>) -> Session {
        Session {
            id: None,
            start,
            end: None,
            title: title.into(),
            title_tbc: false,
            presenters: Vec::new(),
            presenters_tbc: false,
            kind: SessionKind::Talk,
            room: None,
            description: None,
        }
    }

    /// The same session ending at `end`.
    pub fn with_end(mut self, end: NaiveDateTime) -> Session {
        self.end = Some(end);
        self
    }

    /// The same session of `kind`.
    pub fn with_kind(mut self, kind: SessionKind) -> Session {
        self.kind = kind;
        self
    }

    /// The same session with `person` presenting (after any others).
    pub fn with_presenter(mut self, person: Person) -> Session {
        self.presenters.push(person);
        self
    }

    /// The same session with a stable `id`, used verbatim as its UID.
    pub fn with_id(mut self, id: impl Into<String>) -> Session {
        self.id = Some(id.into());
        self
    }

    /// When it starts and ends, as instants, in `zone` (the schedule's);
    /// `None` for a time the clocks skip.
    pub fn instants(&self, zone: Tz) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
        let instant = |t| crate::time::resolve(zone, t).instant();
        (instant(self.start), self.end.and_then(instant))
    }

    /// Whether anything about the session is still to be confirmed.
    pub fn is_tentative(&self) -> bool {
        self.title_tbc || self.presenters_tbc
    }
}

/// What a session is, which decides how calendars show it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub enum SessionKind {
    /// A talk.
    Talk,
    /// A keynote.
    Keynote,
    /// A short talk.
    Lightning,
    /// A panel discussion.
    Panel,
    /// A hands-on workshop or tutorial.
    Workshop,
    /// A birds-of-a-feather meeting.
    Bof,
    /// Opening or closing remarks, awards.
    Ceremony,
    /// A coffee or lunch break: shown as free time.
    Break,
    /// Arrival, registration, refreshments before the start.
    Arrival,
    /// A social event.
    Social,
    /// Anything else, named by the source.
    Other(String),
}

impl SessionKind {
    /// The kind for a source's name of it, case-insensitively.
    pub fn from_name(name: &str) -> SessionKind {
        const NAMES: &[(&str, SessionKind)] = &[
            ("talk", SessionKind::Talk),
            ("", SessionKind::Talk),
            ("keynote", SessionKind::Keynote),
            ("lightning", SessionKind::Lightning),
            ("panel", SessionKind::Panel),
            ("workshop", SessionKind::Workshop),
            ("tutorial", SessionKind::Workshop),
            ("bof", SessionKind::Bof),
            ("ceremony", SessionKind::Ceremony),
            ("remarks", SessionKind::Ceremony),
            ("break", SessionKind::Break),
            ("coffee", SessionKind::Break),
            ("lunch", SessionKind::Break),
            ("arrival", SessionKind::Arrival),
            ("registration", SessionKind::Arrival),
            ("social", SessionKind::Social),
        ];
        let name = name.trim();
        NAMES
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map_or_else(|| SessionKind::Other(name.to_owned()), |(_, kind)| kind.clone())
    }

    /// The name written back to JSON, lower case.
    pub fn name(&self) -> &str {
        match self {
            SessionKind::Talk => "talk",
            SessionKind::Keynote => "keynote",
            SessionKind::Lightning => "lightning",
            SessionKind::Panel => "panel",
            SessionKind::Workshop => "workshop",
            SessionKind::Bof => "bof",
            SessionKind::Ceremony => "ceremony",
            SessionKind::Break => "break",
            SessionKind::Arrival => "arrival",
            SessionKind::Social => "social",
            SessionKind::Other(name) => name,
        }
    }

    /// A label for people, as in CATEGORIES.
    pub fn label(&self) -> &str {
        match self {
            SessionKind::Talk => "Talk",
            SessionKind::Keynote => "Keynote",
            SessionKind::Lightning => "Lightning talk",
            SessionKind::Panel => "Panel",
            SessionKind::Workshop => "Workshop",
            SessionKind::Bof => "BoF",
            SessionKind::Ceremony => "Ceremony",
            SessionKind::Break => "Break",
            SessionKind::Arrival => "Arrival",
            SessionKind::Social => "Social",
            SessionKind::Other(name) => name,
        }
    }

    /// Whether people are free during it (RFC 5545 `TRANSP:TRANSPARENT`).
    pub fn is_free_time(&self) -> bool {
        matches!(self, SessionKind::Break | SessionKind::Arrival)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_round_trip() {
        for name in
            ["talk", "keynote", "lightning", "panel", "workshop", "bof", "ceremony", "break"]
        {
            assert_eq!(SessionKind::from_name(name).name(), name);
        }
        assert_eq!(SessionKind::from_name("Poster"), SessionKind::Other("Poster".into()));
        assert!(SessionKind::Break.is_free_time() && !SessionKind::Talk.is_free_time());
    }
}
