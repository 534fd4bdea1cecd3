//! The JSON schedule format (`docs/FORMAT.md`, `docs/schedule.schema.json`)
//! read into the model.
//!
//! Syntax errors carry serde_json's line and column. Problems with values
//! (an unknown zone, an end before its start, a time the clocks skip) are
//! collected for every session and name it by index and id, so one run
//! shows them all.

use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime, Timelike};
use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, Location, shown};
use crate::error::{Error, Result};
use crate::model::{
    Contact, Days, Deadline, DeadlineKind, Due, Geo, Person, Schedule, Session, SessionKind,
    Stream, Venue,
};
use crate::slug::slugify;
use crate::source::Loaded;
use crate::time;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSchedule {
    id: Option<String>,
    uid_domain: Option<String>,
    title: String,
    description: Option<String>,
    url: Option<String>,
    timezone: String,
    start: Option<String>,
    end: Option<String>,
    updated: Option<String>,
    venue: Option<RawVenue>,
    online: Option<RawStream>,
    organizer: Option<RawContact>,
    #[serde(default)]
    organisers: Vec<RawPerson>,
    registration: Option<String>,
    days: Option<RawDays>,
    #[serde(default)]
    sessions: Vec<RawSession>,
    #[serde(default)]
    deadlines: Vec<RawDeadline>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDays {
    first: String,
    last: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDeadline {
    id: Option<String>,
    title: String,
    kind: Option<String>,
    group: Option<String>,
    date: String,
    time: Option<String>,
    timezone: Option<String>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVenue {
    name: String,
    address: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStream {
    platform: Option<String>,
    url: Option<String>,
    label: Option<String>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContact {
    name: Option<String>,
    email: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPerson {
    name: String,
    affiliation: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSession {
    id: Option<String>,
    #[serde(default)]
    title: String,
    #[serde(default)]
    title_tbc: bool,
    start: String,
    end: Option<String>,
    room: Option<String>,
    #[serde(default)]
    speakers: Vec<RawPerson>,
    #[serde(default)]
    speakers_tbc: bool,
    #[serde(rename = "abstract")]
    summary: Option<String>,
    kind: Option<String>,
}

/// Reads a JSON schedule. `path` names the input in diagnostics.
///
/// # Errors
///
/// A syntax error, a missing field, or any value that cannot be used: every
/// such problem is reported, each with its place.
///
/// # Example
///
/// ```
/// let text = r#"{"id": "demo", "title": "Demo", "timezone": "Europe/London",
///   "sessions": [{"title": "Welcome", "start": "2025-03-30T01:30"}]}"#;
/// // 01:30 does not exist in London that night: an error naming the field
/// let e = symcal::source::json::parse(text, "demo.json".as_ref()).unwrap_err();
/// assert!(e.to_string().contains("sessions[0].start"));
/// ```
pub fn parse(text: &str, path: &Path) -> Result<Loaded> {
    let raw: RawSchedule = serde_json::from_str(text).map_err(|e| {
        let mut d = Diagnostic::error(format!("invalid JSON schedule: {}", strip_position(&e)));
        if e.line() > 0 {
            d = d.at(Location::line_column(path, text, e.line(), e.column()));
        }
        Error::invalid(vec![d.help("see docs/FORMAT.md for the schedule format")])
    })?;
    Checker { path, found: Vec::new() }.schedule(raw)
}

/// serde_json appends " at line L column C"; the location shows it already.
fn strip_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

struct Checker<'p> {
    path: &'p Path,
    found: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn at(&self, inner: impl Into<String>) -> Location {
        Location::path_in(self.path, inner)
    }

    fn error(&mut self, place: impl Into<String>, message: String, help: &str) {
        let d = Diagnostic::error(message).at(self.at(place));
        self.found.push(if help.is_empty() { d } else { d.help(help) });
    }

    fn schedule(mut self, raw: RawSchedule) -> Result<Loaded> {
        let zone = match raw.timezone.parse::<chrono_tz::Tz>() {
            Ok(zone) => Some(zone),
            Err(_) => {
                let help = "use an IANA zone name such as `Europe/London`; abbreviations and offsets (`BST`, `UTC+1`) are not zones";
                self.error(
                    "timezone",
                    format!("unknown time zone `{}`", shown(&raw.timezone)),
                    help,
                );
                None
            }
        };
        let key = self.key(&raw);
        let uid_domain = raw.uid_domain.as_deref().map(str::trim).and_then(|d| {
            if crate::ical::is_uid_domain(d) {
                Some(d.to_ascii_lowercase())
            } else {
                self.error(
                    "uid_domain",
                    format!("`{}` is not a domain for UIDs", shown(d)),
                    "write a host name such as `faimi.org`: letters, digits, `-` and `.`",
                );
                None
            }
        });
        let title = raw.title.trim().to_owned();
        let url = raw.url.as_deref().and_then(|u| self.url("url", u));
        let registration = raw.registration.as_deref().and_then(|u| self.url("registration", u));
        let venue = raw.venue.map(|v| self.venue(v));
        let online = raw.online.map(|s| self.stream(s));
        let contact = raw.organizer.and_then(|c| self.contact(c));
        let organizers = raw.organisers.into_iter().map(person).collect();

        let Some(zone) = zone else { return Err(Error::invalid(self.found)) };
        let start = raw.start.as_deref().and_then(|s| self.local_time(|| "start".into(), s, zone));
        let end = raw.end.as_deref().and_then(|s| self.local_time(|| "end".into(), s, zone));
        let updated = raw.updated.as_deref().and_then(|u| self.instant("updated", u));
        if contact.is_none() {
            self.found.push(
                Diagnostic::warning("the schedule has no `organizer`: calendars will carry no ORGANIZER and no METHOD")
                    .at(self.at("organizer"))
                    .help("add `\"organizer\": {\"name\": …, \"email\": …}`; clients need it to treat the feed as published by someone"),
            );
        }
        let days = raw.days.as_ref().and_then(|d| self.days(d));
        if raw.sessions.is_empty() && days.is_none() && raw.deadlines.is_empty() {
            self.error(
                "sessions",
                "the schedule has no sessions, no `days` and no `deadlines`".into(),
                "add at least one session, or the event's `days` while its programme is not known",
            );
        }
        let deadlines: Vec<Deadline> = raw
            .deadlines
            .into_iter()
            .enumerate()
            .filter_map(|(i, d)| self.deadline(i, d, zone))
            .collect();
        // indexed as in the input, so messages name the right `sessions[i]`
        let sessions: Vec<Option<Session>> =
            raw.sessions.into_iter().enumerate().map(|(i, s)| self.session(i, s, zone)).collect();
        let schedule = Schedule {
            key,
            uid_domain,
            title,
            description: raw.description.filter(|d| !d.trim().is_empty()),
            url,
            zone,
            venue,
            online,
            organizers,
            contact,
            registration,
            start,
            end,
            updated,
            sessions: sessions.into_iter().flatten().collect(),
            days,
            deadlines,
        };
        // what every schedule must satisfy, however it was made
        self.found.extend(crate::validate::check(&schedule, self.path));
        if self.found.iter().any(|d| d.severity == crate::diag::Severity::Error) {
            self.found.sort_by_key(|d| std::cmp::Reverse(d.severity));
            return Err(Error::invalid(self.found));
        }
        Ok(Loaded::new(schedule, self.found))
    }

    /// The event's identity: `id`, else the page URL's last path segment,
    /// else the title (with a warning, since titles get reworded).
    fn key(&mut self, raw: &RawSchedule) -> String {
        if let Some(id) = raw.id.as_deref() {
            // an id with no letters or digits is an empty key: `validate`
            return slugify(id);
        }
        if let Some(key) = raw.url.as_deref().and_then(key_from_url) {
            return key;
        }
        self.found.push(
            Diagnostic::warning("the schedule has no `id` or `url`: calendar UIDs derive from its title")
                .at(self.at("id"))
                .help("add a stable `id` such as `2025-london-symposium`; renaming the event would otherwise duplicate it in subscribers' calendars"),
        );
        slugify(&raw.title)
    }

    fn url(&mut self, place: &str, value: &str) -> Option<String> {
        let ok = (value.starts_with("https://") || value.starts_with("http://"))
            && !value.chars().any(|c| c.is_whitespace() || c.is_control());
        if !ok {
            self.error(
                place,
                format!("`{}` is not an http(s) URL", shown(value)),
                "write an absolute URL such as `https://example.org/event`",
            );
            return None;
        }
        Some(value.to_owned())
    }

    fn venue(&mut self, raw: RawVenue) -> Venue {
        let geo = match (raw.lat, raw.lon) {
            (Some(lat), Some(lon))
                if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) =>
            {
                Some(Geo { lat, lon })
            }
            (None, None) => None,
            (lat, lon) => {
                let shown = |v: Option<f64>, name: &str| {
                    v.map_or_else(|| format!("no `{name}`"), |v| format!("`{name}` {v}"))
                };
                self.error(
                    "venue",
                    format!(
                        "venue coordinates {}, {} are incomplete or out of range",
                        shown(lat, "lat"),
                        shown(lon, "lon")
                    ),
                    "give both `lat` (-90..90) and `lon` (-180..180), in degrees",
                );
                None
            }
        };
        Venue { name: trimmed(raw.name), address: non_empty(raw.address), geo }
    }

    fn stream(&mut self, raw: RawStream) -> Stream {
        let url = raw.url.as_deref().and_then(|u| self.url("online.url", u));
        Stream {
            platform: non_empty(raw.platform),
            url,
            label: non_empty(raw.label),
            note: non_empty(raw.note),
        }
    }

    fn contact(&mut self, raw: RawContact) -> Option<Contact> {
        let email = raw.email.trim();
        if !is_email(email) {
            self.error(
                "organizer.email",
                format!("`{}` is not an email address", shown(email)),
                "",
            );
            return None;
        }
        Some(Contact { name: non_empty(raw.name), email: email.to_owned() })
    }

    /// A wall-clock reading in `zone`, with the instant RFC 5545 gives it
    /// (none in a DST gap, which is reported). `place` is built only for a
    /// message: this runs twice per session.
    /// A wall-clock reading; whether it exists in the zone is `validate`'s.
    fn local_time(
        &mut self,
        place: impl Fn() -> String,
        value: &str,
        zone: chrono_tz::Tz,
    ) -> Option<NaiveDateTime> {
        let local = time::parse_local(value);
        if local.is_none() {
            self.error(
                place(),
                format!(
                    "expected a local date and time like `2025-06-30T14:00`, but found `{}`",
                    shown(value)
                ),
                &format!(
                    "times are wall-clock readings in `{}`, with no offset or `Z`",
                    zone.name()
                ),
            );
        }
        local
    }

    fn instant(&mut self, place: &str, value: &str) -> Option<chrono::DateTime<chrono::Utc>> {
        match chrono::DateTime::parse_from_rfc3339(value) {
            Ok(t) => Some(t.with_timezone(&chrono::Utc)),
            Err(_) => {
                self.error(
                    place,
                    format!(
                        "expected an RFC 3339 instant like `2025-06-20T09:00:00Z`, but found `{}`",
                        shown(value)
                    ),
                    "",
                );
                None
            }
        }
    }

    fn date(&mut self, place: impl Into<String>, value: &str) -> Option<NaiveDate> {
        let date = NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok();
        if date.is_none() {
            self.error(
                place,
                format!("`{}` is not a date", shown(value)),
                "write dates as `YYYY-MM-DD`",
            );
        }
        date
    }

    fn days(&mut self, raw: &RawDays) -> Option<Days> {
        let first = self.date("days.first", &raw.first)?;
        let last = match raw.last.as_deref() {
            Some(l) => self.date("days.last", l)?,
            None => first,
        };
        if last < first {
            self.error(
                "days.last",
                format!("the last day {last} comes before the first {first}"),
                "",
            );
            return None;
        }
        Some(Days { first, last })
    }

    fn deadline(&mut self, i: usize, raw: RawDeadline, zone: chrono_tz::Tz) -> Option<Deadline> {
        let date = self.date(format!("deadlines[{i}].date"), &raw.date);
        let title = raw.title.trim().to_owned();
        let kind = match raw.kind.as_deref() {
            None => DeadlineKind::Other,
            Some(k) => DeadlineKind::from_name(k).or_else(|| {
                self.error(
                    format!("deadlines[{i}].kind"),
                    format!("unknown deadline kind `{}`", shown(k)),
                    "use abstract, submission, notification, camera-ready, registration, application or date",
                );
                None
            })?,
        };
        let their_zone = match raw.timezone.as_deref() {
            None => zone,
            Some(z) if z.trim().eq_ignore_ascii_case("aoe") => chrono_tz::Etc::GMTPlus12,
            Some(z) => match z.parse::<chrono_tz::Tz>() {
                Ok(z) => z,
                Err(_) => {
                    self.error(
                        format!("deadlines[{i}].timezone"),
                        format!("unknown time zone `{}`", shown(z)),
                        "use an IANA zone name such as `America/Los_Angeles`, or `AoE`",
                    );
                    return None;
                }
            },
        };
        let due = match raw.time.as_deref() {
            None => Due::Day(date?),
            Some(t) => {
                let at = date?.format("%Y-%m-%dT").to_string() + t.trim();
                Due::At(
                    self.local_time(|| format!("deadlines[{i}].time"), &at, their_zone)?,
                    their_zone,
                )
            }
        };
        if let Some(id) = raw.id.as_deref()
            && (id.trim().is_empty() || id.chars().any(char::is_control))
        {
            self.error(format!("deadlines[{i}].id"), "an empty or unprintable id".into(), "");
        }
        Some(Deadline {
            id: raw.id,
            title,
            kind,
            group: non_empty(raw.group),
            due,
            note: non_empty(raw.note),
        })
    }

    fn session(&mut self, i: usize, raw: RawSession, zone: chrono_tz::Tz) -> Option<Session> {
        let start = self.local_time(|| format!("sessions[{i}].start"), &raw.start, zone);
        let end = raw
            .end
            .as_deref()
            .and_then(|e| self.local_time(|| format!("sessions[{i}].end"), e, zone));
        Some(Session {
            id: raw.id,
            start: start?,
            end,
            title: trimmed(raw.title),
            title_tbc: raw.title_tbc,
            presenters: raw.speakers.into_iter().map(person).collect(),
            presenters_tbc: raw.speakers_tbc,
            kind: raw.kind.as_deref().map_or(SessionKind::Talk, SessionKind::from_name),
            room: non_empty(raw.room),
            description: non_empty(raw.summary),
        })
    }
}

fn person(raw: RawPerson) -> Person {
    Person { name: trimmed(raw.name), affiliation: non_empty(raw.affiliation) }
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(trimmed).filter(|s| !s.is_empty())
}

/// `s` without surrounding white space, reusing its buffer: a large
/// schedule holds a million strings, and copying each again was a tenth of
/// the time to load it.
fn trimmed(mut s: String) -> String {
    let end = s.trim_end().len();
    s.truncate(end);
    let start = s.len() - s.trim_start().len();
    s.drain(..start);
    s
}

/// The last meaningful path segment of a page URL:
/// `https://x.org/2025-london-symposium/index.html` → `2025-london-symposium`.
pub(crate) fn key_from_url(url: &str) -> Option<String> {
    let path =
        url.split_once("://").map_or(url, |(_, rest)| rest.split_once('/').map_or("", |(_, p)| p));
    let path = path.split(['?', '#']).next().unwrap_or("");
    path.split('/')
        .filter(|seg| !seg.is_empty() && !seg.starts_with("index."))
        .map(|seg| slugify(seg.trim_end_matches(".html").trim_end_matches(".md")))
        .rfind(|s| !s.is_empty())
}

/// A pragmatic check: one `@`, something on each side, and nothing that
/// would break a `mailto:` URI or a mail header.
pub(crate) fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && s.chars().all(|c| c.is_ascii_graphic() && !"<>()[]\\,;:\"@".contains(c) || c == '@')
        && s.matches('@').count() == 1
}

/// Writes `schedule` in the JSON format, so that reading it back gives the
/// same schedule and so the same calendars (what `symcal import` writes).
/// Fields come out in a fixed order; absent values are left out.
pub fn write(schedule: &Schedule) -> String {
    let local = |t: NaiveDateTime| {
        let format = if t.second() == 0 { "%Y-%m-%dT%H:%M" } else { "%Y-%m-%dT%H:%M:%S" };
        t.format(format).to_string()
    };
    let out = OutSchedule {
        id: &schedule.key,
        uid_domain: schedule.uid_domain.as_deref(),
        title: &schedule.title,
        description: schedule.description.as_deref(),
        url: schedule.url.as_deref(),
        timezone: schedule.zone.name(),
        start: schedule.start.map(local),
        end: schedule.end.map(local),
        updated: schedule.updated.map(|u| u.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        venue: schedule.venue.as_ref().map(|v| OutVenue {
            name: &v.name,
            address: v.address.as_deref(),
            lat: v.geo.map(|g| g.lat),
            lon: v.geo.map(|g| g.lon),
        }),
        online: schedule.online.as_ref().map(|o| OutStream {
            platform: o.platform.as_deref(),
            url: o.url.as_deref(),
            label: o.label.as_deref(),
            note: o.note.as_deref(),
        }),
        organizer: schedule
            .contact
            .as_ref()
            .map(|c| OutContact { name: c.name.as_deref(), email: &c.email }),
        organisers: schedule.organizers.iter().map(out_person).collect(),
        registration: schedule.registration.as_deref(),
        days: schedule.days.map(|d| OutDays {
            first: d.first.to_string(),
            last: (d.last != d.first).then(|| d.last.to_string()),
        }),
        deadlines: schedule
            .deadlines
            .iter()
            .map(|d| {
                let (time, timezone) = match d.due {
                    Due::Day(_) => (None, None),
                    Due::At(t, z) => (
                        Some(t.format("%H:%M").to_string()),
                        (z != schedule.zone).then(|| z.name()),
                    ),
                };
                OutDeadline {
                    id: d.id.as_deref(),
                    title: &d.title,
                    kind: d.kind.name(),
                    group: d.group.as_deref(),
                    date: d.due.date().to_string(),
                    time,
                    timezone,
                    note: d.note.as_deref(),
                }
            })
            .collect(),
        sessions: schedule
            .sessions
            .iter()
            .map(|s| OutSession {
                id: s.id.as_deref(),
                title: &s.title,
                title_tbc: s.title_tbc,
                start: local(s.start),
                end: s.end.map(local),
                room: s.room.as_deref(),
                speakers: s.presenters.iter().map(out_person).collect(),
                speakers_tbc: s.presenters_tbc,
                summary: s.description.as_deref(),
                kind: s.kind.name(),
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&out).expect("plain data serializes");
    text.push('\n');
    text
}

fn out_person(p: &Person) -> OutPerson<'_> {
    OutPerson { name: &p.name, affiliation: p.affiliation.as_deref() }
}

fn is_false(b: &bool) -> bool {
    !b
}

#[derive(Serialize)]
struct OutSchedule<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    uid_domain: Option<&'a str>,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    timezone: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    venue: Option<OutVenue<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    online: Option<OutStream<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    organizer: Option<OutContact<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    organisers: Vec<OutPerson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    registration: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    days: Option<OutDays>,
    sessions: Vec<OutSession<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    deadlines: Vec<OutDeadline<'a>>,
}

#[derive(Serialize)]
struct OutDays {
    first: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    last: Option<String>,
}

#[derive(Serialize)]
struct OutDeadline<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    title: &'a str,
    kind: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<&'a str>,
    date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    timezone: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct OutVenue<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lat: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lon: Option<f64>,
}

#[derive(Serialize)]
struct OutStream<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    platform: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct OutContact<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    email: &'a str,
}

#[derive(Serialize)]
struct OutPerson<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    affiliation: Option<&'a str>,
}

#[derive(Serialize)]
struct OutSession<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    title: &'a str,
    #[serde(skip_serializing_if = "is_false")]
    title_tbc: bool,
    start: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    room: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    speakers: Vec<OutPerson<'a>>,
    #[serde(skip_serializing_if = "is_false")]
    speakers_tbc: bool,
    #[serde(rename = "abstract", skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    kind: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Loaded> {
        parse(text, Path::new("s.json"))
    }

    fn messages(text: &str) -> Vec<String> {
        match load(text) {
            Ok(l) => l.diagnostics.iter().map(|d| d.to_string()).collect(),
            Err(e) => e.diagnostics().iter().map(|d| d.to_string()).collect(),
        }
    }

    const MINIMAL: &str = r#"{"id":"e","title":"T","timezone":"Europe/London","organizer":{"email":"o@x.org"},
        "sessions":[{"id":"a","title":"A","start":"2025-06-30T14:00","end":"2025-06-30T14:20"}]}"#;

    #[test]
    fn reads_a_minimal_schedule() {
        let loaded = load(MINIMAL).unwrap();
        assert!(loaded.diagnostics.is_empty());
        assert_eq!(loaded.schedule.zone, chrono_tz::Europe::London);
        assert_eq!(loaded.schedule.sessions[0].kind, SessionKind::Talk);
    }

    #[test]
    fn uid_domain_is_read_checked_and_written_back() {
        let with = |d: &str| {
            MINIMAL.replacen(r#""id":"e","#, &format!(r#""id":"e","uid_domain":{d},"#), 1)
        };
        let loaded = load(&with(r#""Faimi.ORG""#)).unwrap();
        assert_eq!(loaded.schedule.uid_domain.as_deref(), Some("faimi.org"));
        assert!(write(&loaded.schedule).contains(r#""uid_domain": "faimi.org""#));
        assert!(!write(&load(MINIMAL).unwrap().schedule).contains("uid_domain"));
        let errors = messages(&with(r#""faimi org""#)).join("\n");
        assert!(errors.contains("`faimi org` is not a domain for UIDs"), "{errors}");
    }

    #[test]
    fn syntax_errors_keep_line_and_column() {
        insta::assert_snapshot!(messages("{\n  \"title\": 3\n}").join("\n"), @r#"
        error: invalid JSON schedule: invalid type: integer `3`, expected a string
         --> s.json:2:12
          |
        2 |   "title": 3
          |            ^
          = help: see docs/FORMAT.md for the schedule format
        "#);
    }

    #[test]
    fn collects_every_value_problem_and_names_the_session() {
        let text = r#"{"id":"e","title":"T","timezone":"Europe/London","organizer":{"email":"o@x.org"},"sessions":[
            {"id":"gap","title":"A","start":"2025-03-30T01:30"},
            {"id":"back","title":"B","start":"2025-06-30T14:00","end":"2025-06-30T13:00"},
            {"id":"gap","title":"C","start":"2025-06-30T15:00"}]}"#;
        insta::assert_snapshot!(messages(text).join("\n"), @r"
        error: `2025-03-30T01:30` does not exist in Europe/London: the clocks go forward over it
          --> s.json (at `sessions[0].start`)
          = help: move the time out of the daylight-saving gap
        error: session `back` ends at `2025-06-30T13:00`, which is not after its start `2025-06-30T14:00`
          --> s.json (at `sessions[1].end`)
          = help: an end must come after the start; leave `end` out if it is not known
        error: session id `gap` is used twice, by sessions[0] and sessions[2]
          --> s.json (at `sessions[2].id`)
          = help: ids become calendar UIDs and must be unique
        ");
    }

    #[test]
    fn unknown_zone_is_an_error_with_advice() {
        let text = MINIMAL.replace("Europe/London", "BST");
        let all = messages(&text).join("\n");
        assert!(all.contains("unknown time zone `BST`"), "{all}");
        assert!(all.contains("IANA zone name"), "{all}");
    }

    #[test]
    fn overnight_session_across_the_gap_is_fine_and_overlap_warns() {
        let text = r#"{"id":"e","title":"T","timezone":"Europe/London","organizer":{"email":"o@x.org"},"sessions":[
            {"id":"n","title":"Night","start":"2026-03-28T23:00","end":"2026-03-29T03:00"},
            {"id":"o","title":"Back","start":"2026-10-25T01:30","end":"2026-10-25T03:00"}]}"#;
        let loaded = load(text).unwrap();
        assert_eq!(loaded.schedule.sessions.len(), 2);
        assert_eq!(loaded.diagnostics.len(), 1);
        assert!(loaded.diagnostics[0].message.contains("happens twice"));
    }

    #[test]
    fn unknown_fields_are_errors_not_ignored() {
        let text = MINIMAL.replace("\"timezone\"", "\"timezone\":\"UTC\",\"timzone\"");
        assert!(messages(&text)[0].contains("unknown field `timzone`"));
    }

    #[test]
    fn write_then_read_gives_the_same_schedule() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/2025-london-symposium.json"
        ))
        .unwrap();
        let first = parse(&text, Path::new("a.json")).unwrap().schedule;
        let written = write(&first);
        let second = parse(&written, Path::new("b.json")).unwrap().schedule;
        assert_eq!(first, second);
        assert_eq!(write(&second), written, "writing is deterministic");
    }

    #[test]
    fn trimmed_trims_both_ends() {
        assert_eq!(trimmed("  a b \n".into()), "a b");
        assert_eq!(trimmed(" é ".into()), "é");
        assert_eq!(trimmed("   ".into()), "");
    }

    #[test]
    fn key_comes_from_the_permalink() {
        assert_eq!(
            key_from_url("https://faimi.org/2025-london-symposium/index.html").as_deref(),
            Some("2025-london-symposium")
        );
        assert_eq!(
            key_from_url("https://x.org/events/2024-online/?a=1").as_deref(),
            Some("2024-online")
        );
        assert_eq!(key_from_url("https://x.org/"), None);
    }

    #[test]
    fn email_check_rejects_header_breakers() {
        assert!(is_email("eferrante@dc.uba.ar"));
        for bad in ["a@b", "a b@c.d", "a@b.c\r\nBcc: x@y.z", "<a@b.c>", "a@@b.c", "@b.c"] {
            assert!(!is_email(bad), "{bad:?}");
        }
    }
}
