//! What a schedule must satisfy before it is rendered, however it was made:
//! the JSON importer reports these for a file, [`Schedule::validate`] for a
//! schedule built in code. One set of checks, so the two never disagree.
//!
//! Places are written as JSON paths (`sessions[2].end`), the names the
//! JSON format gives the same fields.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Datelike as _, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;

use crate::diag::{Diagnostic, Location, Severity, shown};
use crate::error::{Error, Result};
use crate::model::{Due, Schedule};
use crate::time::{self, LocalTime};

impl Schedule {
    /// Checks what the renderers rely on: a key and a title, every time
    /// existing in the zone (a time the clocks skip is an error, one they
    /// repeat a warning) and in the years 1–9999, ends after starts,
    /// sessions with titles (or marked "to be confirmed"), ids that are
    /// unique, printable and one word, an organizer that is an email
    /// address, venue coordinates in range, a UID domain that is a host
    /// name.
    ///
    /// # Errors
    ///
    /// Every error found, each naming its field; the warnings come back in
    /// the `Ok`.
    ///
    /// # Example
    ///
    /// ```
    /// use symcal::chrono::NaiveDate;
    /// use symcal::model::{Schedule, Session};
    ///
    /// let at = |h, m| NaiveDate::from_ymd_opt(2025, 3, 30).unwrap().and_hms_opt(h, m, 0).unwrap();
    /// let mut schedule = Schedule::new("spring-day", "Spring day", symcal::chrono_tz::Europe::London);
    /// schedule.sessions.push(Session::new(at(10, 0), "Welcome").with_end(at(9, 0)));
    /// schedule.sessions.push(Session::new(at(1, 30), "In the gap"));
    /// let errors = schedule.validate().unwrap_err();
    /// assert_eq!(errors.diagnostics().len(), 2);
    /// ```
    pub fn validate(&self) -> Result<Vec<Diagnostic>> {
        let found = check(self, Path::new("schedule"));
        if found.iter().any(|d| d.severity == Severity::Error) {
            let mut found = found;
            found.sort_by_key(|d| std::cmp::Reverse(d.severity));
            return Err(Error::invalid(found));
        }
        Ok(found)
    }
}

/// Every problem of `schedule`, placed in `path` by field.
pub(crate) fn check(schedule: &Schedule, path: &Path) -> Vec<Diagnostic> {
    let mut c = Checks { path, zone: schedule.zone, found: Vec::new() };
    if schedule.key.trim().is_empty() || schedule.key.chars().any(|c| c.is_whitespace()) {
        c.error("id", format!("event id `{}` is empty or has spaces", shown(&schedule.key)), "");
    }
    if schedule.title.trim().is_empty() {
        c.error("title", "`title` is empty".into(), "");
    }
    if let Some(domain) = schedule.uid_domain.as_deref()
        && !crate::ical::is_uid_domain(domain)
    {
        c.error(
            "uid_domain",
            format!("`{}` is not a domain for UIDs", shown(domain)),
            "write a host name such as `faimi.org` (letters, digits, `-` and `.`)",
        );
    }
    if let Some(contact) = &schedule.contact
        && !crate::source::json::is_email(&contact.email)
    {
        c.error(
            "organizer.email",
            format!("`{}` is not an email address", shown(&contact.email)),
            "the organizer is written as a mailto: address",
        );
    }
    if let Some(geo) = schedule.venue.as_ref().and_then(|v| v.geo)
        && !((-90.0..=90.0).contains(&geo.lat) && (-180.0..=180.0).contains(&geo.lon))
    {
        c.error(
            "venue",
            format!("venue coordinates `lat` {}, `lon` {} are out of range", geo.lat, geo.lon),
            "give `lat` in -90..90 and `lon` in -180..180, in degrees",
        );
    }
    c.time("start", schedule.start);
    c.time("end", schedule.end);
    c.order("end", schedule.start, schedule.end, "the event");
    let mut seen_ids: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, s) in schedule.sessions.iter().enumerate() {
        let name = || match s.id.as_deref() {
            Some(id) => format!("session `{}`", shown(id)),
            None => format!("session {} (`{}`)", i + 1, shown(&s.title)),
        };
        c.time(&format!("sessions[{i}].start"), Some(s.start));
        c.time(&format!("sessions[{i}].end"), s.end);
        c.order(&format!("sessions[{i}].end"), Some(s.start), s.end, &name());
        if s.title.trim().is_empty() && !s.title_tbc {
            c.error(
                &format!("sessions[{i}].title"),
                format!("{} has no title", name()),
                "give a `title`, or set `\"title_tbc\": true` while it is to be confirmed",
            );
        }
        if let Some(id) = s.id.as_deref()
            && (id.trim().is_empty() || id.chars().any(char::is_control))
        {
            c.error(
                &format!("sessions[{i}].id"),
                format!("{} has an empty or unprintable id", name()),
                "",
            );
        } else if let Some(id) = s.id.as_deref()
            && id.chars().any(char::is_whitespace)
        {
            c.error(
                &format!("sessions[{i}].id"),
                format!("{}'s id `{}` has spaces", name(), shown(id)),
                "an id is the session's calendar UID, one word: write `opening-talk@example.org`",
            );
        }
    }
    for (i, s) in schedule.sessions.iter().enumerate() {
        if let Some(id) = s.id.as_deref()
            && let Some(first) = seen_ids.insert(id, i)
        {
            c.error(
                &format!("sessions[{i}].id"),
                format!(
                    "session id `{}` is used twice, by sessions[{first}] and sessions[{i}]",
                    shown(id)
                ),
                "ids become calendar UIDs and must be unique",
            );
        }
    }
    for (i, d) in schedule.deadlines.iter().enumerate() {
        if d.title.trim().is_empty() {
            c.error(
                &format!("deadlines[{i}].title"),
                format!("`deadlines[{i}].title` is empty"),
                "",
            );
        }
        if let Due::At(t, zone) = d.due {
            c.time_in(&format!("deadlines[{i}].time"), t, zone);
        }
        if let Some(id) = d.id.as_deref()
            && id.chars().any(char::is_whitespace)
        {
            c.error(
                &format!("deadlines[{i}].id"),
                format!("deadline id `{}` has spaces", shown(id)),
                "an id is the deadline's calendar UID, one word",
            );
        }
    }
    if let Some(days) = schedule.days {
        c.year("days.first", days.first);
        c.year("days.last", days.last);
    }
    for (i, d) in schedule.deadlines.iter().enumerate() {
        if let Due::Day(day) = d.due {
            c.year(&format!("deadlines[{i}].date"), day);
        }
    }
    if let Some(days) = schedule.days
        && days.last < days.first
    {
        c.error(
            "days.last",
            format!("the last day {} comes before the first {}", days.last, days.first),
            "",
        );
    }
    c.found
}

struct Checks<'a> {
    path: &'a Path,
    zone: Tz,
    found: Vec<Diagnostic>,
}

impl Checks<'_> {
    fn error(&mut self, place: &str, message: String, help: &str) {
        let d = Diagnostic::error(message).at(Location::path_in(self.path, place));
        self.found.push(if help.is_empty() { d } else { d.help(help) });
    }

    fn time(&mut self, place: &str, t: Option<NaiveDateTime>) {
        if let Some(t) = t {
            self.time_in(place, t, self.zone);
        }
    }

    /// A time the clocks skip is an error; one they repeat, a warning; a
    /// year iCalendar cannot write, an error.
    fn time_in(&mut self, place: &str, t: NaiveDateTime, zone: Tz) {
        let value = written(t);
        match time_problem(t, zone) {
            None => {}
            Some(TimeProblem::OutOfRange(message)) => self.error(place, message, YEARS_HELP),
            Some(TimeProblem::Gap { .. }) => self.error(
                place,
                format!("`{value}` does not exist in {}: the clocks go forward over it", zone.name()),
                "move the time out of the daylight-saving gap",
            ),
            Some(TimeProblem::Repeated) => self.found.push(
                Diagnostic::warning(format!(
                    "`{value}` happens twice in {}: the clocks go back over it",
                    zone.name()
                ))
                .at(Location::path_in(self.path, place))
                .help("calendars read it as the first of the two (RFC 5545 §3.3.5); move it if that is not meant"),
            ),
        }
    }

    /// A day in a year iCalendar cannot write is an error, and so is
    /// 9999-12-31: an all-day item ends the next day (DTEND is exclusive).
    fn year(&mut self, place: &str, day: NaiveDate) {
        if !YEARS.contains(&day.year()) {
            self.error(place, format!("the year of `{day}` is outside 1–9999"), YEARS_HELP);
        } else if day.succ_opt().is_none_or(|next| !YEARS.contains(&next.year())) {
            self.error(
                place,
                format!("`{day}` as an all-day item ends on the next day, in the year 10000"),
                YEARS_HELP,
            );
        }
    }

    /// An end must come after its start (compared as instants; a time in
    /// a gap is reported by itself).
    fn order(
        &mut self,
        place: &str,
        start: Option<NaiveDateTime>,
        end: Option<NaiveDateTime>,
        what: &str,
    ) {
        let (Some(start), Some(end)) = (start, end) else { return };
        let instant = |t| time::resolve(self.zone, t).instant();
        let (Some(s), Some(e)) = (instant(start), instant(end)) else { return };
        if e <= s {
            self.error(
                place,
                format!(
                    "{what} ends at `{}`, which is not after its start `{}`",
                    end.format("%Y-%m-%dT%H:%M"),
                    start.format("%Y-%m-%dT%H:%M")
                ),
                "an end must come after the start; leave `end` out if it is not known",
            );
        }
    }
}

/// The years iCalendar can write: DATE and DATE-TIME values have four
/// digits (RFC 5545 §3.3.4), and year 0 does not exist.
pub(crate) const YEARS: std::ops::RangeInclusive<i32> = 1..=9999;

const YEARS_HELP: &str =
    "calendars can only hold years 1 to 9999 (RFC 5545 dates have four digits); check the date";

/// What is wrong with a wall-clock time in a zone: one set of checks for
/// every source (the JSON importer, the page reader's deadlines,
/// [`Schedule::validate`], the renderers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TimeProblem {
    /// Its year, or its year in UTC (how a deadline or DTSTAMP is
    /// written), is outside [`YEARS`]; the message says which.
    OutOfRange(String),
    /// The clocks go forward over it; `shifted` is what calendars read it
    /// as (RFC 5545 §3.3.5: the offset from before the gap).
    Gap {
        /// The time it stands for, after the gap.
        shifted: NaiveDateTime,
    },
    /// The clocks go back over it: it happens twice.
    Repeated,
}

/// The problem with `t` in `zone`, if any.
pub(crate) fn time_problem(t: NaiveDateTime, zone: Tz) -> Option<TimeProblem> {
    let value = written(t);
    if !YEARS.contains(&t.year()) {
        return Some(TimeProblem::OutOfRange(format!("the year of `{value}` is outside 1–9999")));
    }
    let utc = match time::resolve(zone, t) {
        LocalTime::Unique(utc) => utc,
        LocalTime::Ambiguous { earlier, .. } => {
            return in_range(earlier, &value, zone).or(Some(TimeProblem::Repeated));
        }
        LocalTime::Gap => {
            use chrono::{Offset as _, TimeZone as _};
            // the offset in force just before the gap
            let before = t - chrono::Duration::hours(24);
            let offset = zone.offset_from_local_datetime(&before).earliest()?.fix();
            let instant =
                (t - chrono::Duration::seconds(i64::from(offset.local_minus_utc()))).and_utc();
            let shifted = instant.with_timezone(&zone).naive_local();
            return in_range(instant, &value, zone).or(Some(TimeProblem::Gap { shifted }));
        }
    };
    in_range(utc, &value, zone)
}

/// An instant whose UTC year is outside [`YEARS`] cannot be written.
fn in_range(utc: DateTime<Utc>, value: &str, zone: Tz) -> Option<TimeProblem> {
    (!YEARS.contains(&utc.year())).then(|| {
        TimeProblem::OutOfRange(format!(
            "`{value}` in {} is {}-{} in UTC, outside the years 1–9999",
            zone.name(),
            // (chrono writes a fifth digit with a sign)
            utc.year(),
            utc.format("%m-%dT%H:%MZ")
        ))
    })
}

/// A wall-clock time as the JSON format writes it.
fn written(t: NaiveDateTime) -> String {
    use chrono::Timelike;
    let format = if t.second() == 0 { "%Y-%m-%dT%H:%M" } else { "%Y-%m-%dT%H:%M:%S" };
    t.format(format).to_string()
}
