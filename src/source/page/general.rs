//! The general page reader: any event page, Markdown or HTML, into a
//! schedule.
//!
//! The page becomes blocks (`blocks`, through `markdown`/`html`), the
//! blocks a programme (`programme`); then every row's date and the zone are
//! decided from the evidence the page gives, and every decision that is
//! not written outright is a note or warning with its place. When the
//! evidence does not decide, the error lists what was seen and the flag to
//! pass (`--date`, `--timezone`): a refusal is honest, a wrong time is not.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike};
use chrono_tz::Tz;

use super::blocks::{Kind, Page};
use super::clock::{self, Clock};
use super::dates;
use super::frontmatter::{self, Split};
use super::programme::{self, Day, Row};
use super::structured::{self, Evidence};
use super::zones;
use super::{Overrides, agenda, deadlines, gazetteer, html, markdown};
use crate::diag::{Diagnostic, Location, shown};
use crate::error::{Error, Result};
use crate::model::{Days, Schedule, Session};
use crate::source::Loaded;
use crate::time;

/// Reads a page. `is_html` says whether the whole file is HTML.
///
/// # Errors
///
/// No programme and no stated hours, or a date or zone the evidence does
/// not decide; the error lists what was seen.
pub(crate) fn parse(
    text: &str,
    path: &Path,
    overrides: Overrides,
    is_html: bool,
) -> Result<Loaded> {
    let split =
        if is_html { Split { body: text, ..Split::default() } } else { frontmatter::split(text) };
    let mut builder = super::blocks::Builder::new();
    if is_html {
        html::feed(text, 0, &mut builder);
    } else {
        markdown::feed(split.body, split.body_start, &mut builder);
    }
    let page = builder.finish();
    let sections = deadlines::Context { sections_only: true, ..deadlines::Context::default() };
    let not_event = deadlines::read(&page, sections).not_event;
    Reader {
        text,
        path,
        split: &split,
        page: &page,
        not_event,
        structured: structured::read(&page),
        found: Vec::new(),
        rejected_days: Vec::new(),
        years_seen: Vec::new(),
    }
    .read(overrides)
}

struct Reader<'a> {
    text: &'a str,
    path: &'a Path,
    split: &'a Split<'a>,
    page: &'a Page,
    structured: Evidence,
    found: Vec<Diagnostic>,
    /// Day headings that could not be dated, and why: for the error.
    rejected_days: Vec<String>,
    /// The years the page names, for the error.
    years_seen: Vec<i32>,
    /// Blocks of the page's dates sections that are deadlines: their dates
    /// and times are not the event's.
    not_event: Vec<usize>,
}

/// A date the page states, where, and how much it counts.
#[derive(Debug, Clone)]
struct DateClaim {
    date: NaiveDate,
    last: Option<NaiveDate>,
    at: usize,
    weight: u32,
    source: &'static str,
}

/// Hours stated for the whole event.
#[derive(Debug, Clone)]
struct Hours {
    date: Option<NaiveDate>,
    start: Clock,
    end: Option<Clock>,
    at: usize,
    /// Stated in UTC (`2018-02-08T08:00:00.000Z`): the wall clock is UTC's
    /// until the page's zone is known.
    utc: bool,
}

/// A zone decision and what it rests on.
struct ZoneChoice {
    zone: Tz,
    because: String,
    at: Option<usize>,
    note: bool,
}

/// Where a text came from when it is a table row: its dates are the
/// programme's (read in `programme`), not claims about the event.
const TABLE_ROW: &str = "a table row";

/// Where a text came from when it is the page's structured data.
const STRUCTURED: &str = "the page's structured data";

/// Labels of lines that state the event's date.
const LABELS: &[&str] = &[
    "date:",
    "date :",
    "dates:",
    "when:",
    "fecha:",
    "data:",
    "datum:",
    "tarih:",
    "time:",
    "date and time",
    "date & time",
];

/// The offset of `line`, a slice of `text`.
fn line_offset(text: &str, line: &str) -> usize {
    (line.as_ptr() as usize).saturating_sub(text.as_ptr() as usize).min(text.len())
}

/// Lines with their byte offsets in `text`.
fn lines_at(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    text.split('\n').map(move |line| {
        let start = at;
        at += line.len() + 1;
        (start, line)
    })
}

/// Front-matter keys that hold the event's start or end (not a post date).
const START_KEYS: &[&str] = &[
    "timestart",
    "start",
    "startdate",
    "start_date",
    "event_date",
    "eventdate",
    "begin",
    "date_start",
];
const END_KEYS: &[&str] =
    &["timeend", "end", "enddate", "end_date", "date_end", "dateend", "finish"];

impl Reader<'_> {
    fn loc(&self, at: usize, len: usize) -> Location {
        Location::span(self.path, self.text, at.min(self.text.len()), len)
    }

    fn fail(&self, message: String, at: Option<usize>, help: String) -> Error {
        let mut d = Diagnostic::error(message).help(help);
        d = d.at(match at {
            Some(a) => self.loc(a, 1),
            None => Location::file(self.path),
        });
        let mut all = vec![d];
        all.extend(self.found.iter().cloned());
        Error::invalid(all)
    }

    fn title(&self) -> String {
        if let Some(f) = self.split.get("title") {
            return f.value.trim().to_owned();
        }
        if let Some((t, _)) = &self.page.title {
            return t.clone();
        }
        self.page
            .blocks
            .iter()
            .find(|b| matches!(b.kind, Kind::Heading(1 | 2)))
            .map(|b| b.text().lines().next().unwrap_or("").to_owned())
            .unwrap_or_else(|| {
                self.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
            })
    }

    fn key(&self) -> String {
        if let Some(p) = self.split.get("permalink").or_else(|| self.split.get("slug")) {
            let slug =
                crate::slug::slugify(p.value.trim_matches('/').rsplit('/').next().unwrap_or(""));
            if !slug.is_empty() {
                return slug;
            }
        }
        let stem =
            self.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let stem = if matches!(stem.as_str(), "index" | "_index" | "README" | "readme") {
            self.path
                .parent()
                .and_then(|p| p.file_name())
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or(stem)
        } else {
            stem
        };
        let slug = crate::slug::slugify(&stem);
        if slug.is_empty() { "event".into() } else { slug }
    }

    /// Texts to search for evidence: (text, offset, weight, source). The
    /// front matter's fields, the HTML title, and every block.
    fn texts(&self) -> Vec<(String, usize, u32, &'static str)> {
        let mut out = Vec::new();
        for f in &self.split.fields {
            let k = f.key.as_str();
            let (w, src) = if k == "title" {
                (3, "the front matter's `title`")
            } else if k == "description" || k == "subtitle" || k == "summary" || k == "excerpt" {
                (2, "the front matter")
            } else if k == "date"
                || k.starts_with("publish")
                || k.starts_with("last")
                || k.contains("modified")
                || k.contains("updated")
            {
                // a post's date, not the event's: the traps of blogs
                (0, "the front matter's `date`")
            } else {
                (1, "the front matter")
            };
            out.push((f.value.clone(), f.offset, w, src));
        }
        if let Some((t, at)) = &self.page.title {
            out.push((t.clone(), *at, 3, "the page title"));
        }
        // machine-readable, but weighed like a heading: templates leave
        // stale values behind
        for (d, at) in &self.structured.dates {
            out.push((d.format("%Y-%m-%d").to_string(), *at, 2, STRUCTURED));
        }
        for (place, at) in &self.structured.places {
            out.push((place.clone(), *at, 2, STRUCTURED));
        }
        for (i, b) in self.page.blocks.iter().enumerate() {
            if self.not_event.contains(&i) {
                continue;
            }
            let text = b.text();
            let lower = text.to_lowercase();
            let labelled = lower.lines().any(|l| LABELS.iter().any(|p| l.starts_with(p)));
            let (w, src) = match b.kind {
                _ if labelled => (4, "a `Date:` line"),
                Kind::Heading(1 | 2) => (3, "a heading"),
                Kind::Heading(_) => (2, "a heading"),
                Kind::Row { .. } => (1, TABLE_ROW),
                _ => (1, "the text"),
            };
            out.push((text.to_owned(), b.offset(), w, src));
        }
        out
    }

    fn read(mut self, overrides: Overrides) -> Result<Loaded> {
        let title = self.title();
        let key = self.key();
        let found = programme::find(&self.page.blocks);
        let texts = self.texts();

        // ---- the event's dates, stated anywhere
        let mut claims: Vec<DateClaim> = Vec::new();
        let mut partials: Vec<(dates::Phrase, usize, u32)> = Vec::new();
        let mut years: BTreeMap<i32, u32> = BTreeMap::new();
        for (text, at, weight, source) in &texts {
            if *source == TABLE_ROW {
                for (y, _) in dates::years(text) {
                    *years.entry(y).or_default() += 1;
                }
                continue;
            }
            for (offset, line) in lines_at(text) {
                let found = dates::find(line);
                let line_years = dates::years(line);
                if (found.is_empty() && line_years.is_empty()) || programme::is_deadline_text(line)
                {
                    continue;
                }
                let base = at + offset;
                for p in found {
                    if let Some(d) = p.date() {
                        let last = p
                            .last_day
                            .and_then(|ld| NaiveDate::from_ymd_opt(d.year(), d.month(), ld));
                        claims.push(DateClaim {
                            date: d,
                            last,
                            at: base + p.range.start,
                            weight: *weight,
                            source,
                        });
                    } else if *weight > 0 {
                        partials.push((p.clone(), base, *weight));
                    }
                }
                for (y, _) in line_years {
                    *years.entry(y).or_default() += weight.max(&1);
                }
            }
        }
        if let Some(p) = self.split.get("permalink") {
            for (y, _) in dates::years(&p.value) {
                *years.entry(y).or_default() += 2;
            }
        }
        for (y, _) in dates::years(&self.path.to_string_lossy()) {
            *years.entry(y).or_default() += 1;
        }

        self.years_seen = years.keys().copied().collect();
        // ---- hours stated for the whole event (front matter, `Time:` lines)
        let fm_hours = self.front_matter_hours();
        let hours = fm_hours.clone().or_else(|| self.stated_hours());

        // ---- rows without a stated day need the event's date
        let first_day = match self.first_day(
            &found,
            &claims,
            &partials,
            &years,
            overrides.date,
            hours.as_ref(),
        ) {
            Ok(day) => day,
            // a call for papers may name no event date yet: its deadlines
            // still go to deadlines.ics
            Err(e) => {
                let dated = deadlines::read(self.page, deadlines::Context::default());
                if dated.deadlines.is_empty() {
                    return Err(e);
                }
                self.found.push(
                        Diagnostic::note("no event date found: only the deadlines are written")
                            .at(Location::file(self.path))
                            .help("add the event's date (`Date: 27 September 2026`) to give it a calendar event"),
                    );
                return Ok(self.dates_only(title, key, overrides.zone, None, dated));
            }
        };

        if hours.is_none() && found.rows.iter().all(|r| r.marker) {
            // the zone matters only for deadline times the dates do not
            // zone themselves: the page's, if it says one, else none
            let zone = match overrides.zone {
                Some(z) => Some(z),
                None => {
                    let found_before = self.found.len();
                    let zone = self.zone(&found.rows, first_day, None, &texts).ok();
                    self.found.truncate(found_before);
                    zone.map(|z| z.zone)
                }
            };
            return self.untimed(title, key, first_day, &claims, zone);
        }
        self.check_structured(first_day);
        if overrides.date.is_none() {
            self.check_days(&found, &claims, first_day)?;
        }

        // ---- the zone
        let zone = match overrides.zone {
            Some(z) => {
                ZoneChoice { zone: z, because: "`--timezone`".into(), at: None, note: false }
            }
            None => self.zone(&found.rows, first_day, fm_hours.as_ref(), &texts)?,
        };
        if zone.note {
            self.found.push(
                Diagnostic::note(format!(
                    "no time zone is stated: read the times in {} from {}",
                    zone.zone.name(),
                    zone.because
                ))
                .at(zone.at.map_or(Location::file(self.path), |a| self.loc(a, 1)))
                .help("state the zone on the page (\"All times are in …\"), or pass `--timezone`"),
            );
        }

        // ---- sessions
        let mut sessions = Vec::new();
        let day_dates = self.day_dates(&found, first_day, overrides.date)?;
        let times = self.clock_times(&found.rows, &day_dates);
        for (i, r) in found.rows.iter().enumerate() {
            if r.marker {
                continue;
            }
            let Some(date) = day_dates[i] else { continue };
            let Some((start, end)) = times[i] else { continue };
            let mut end = end.map(|e| date.and_time(e));
            let start = date.and_time(start);
            if end.is_some_and(|e| e <= start) {
                self.found.push(
                    Diagnostic::warning(format!("`{}` ends before it starts", shown(&r.title)))
                        .at(self.loc(r.offset, 1))
                        .help("the end is not used; correct it"),
                );
                end = None;
            }
            if r.approximate {
                self.found.push(
                    Diagnostic::note(format!(
                        "`{}` is at about {}: kept as written",
                        shown(&r.title),
                        start.time().format("%H:%M")
                    ))
                    .at(self.loc(r.offset, 1)),
                );
            }
            let mut summary = r.details.join("\n");
            if summary.is_empty() {
                summary.clear();
            }
            sessions.push(Session {
                id: None,
                start,
                end,
                title: r.title.clone(),
                title_tbc: false,
                presenters: Vec::new(),
                presenters_tbc: false,
                kind: agenda::kind_of(&r.title, ""),
                room: None,
                description: (!summary.is_empty()).then_some(summary),
            });
        }
        // a row with only a start ends where the next row of its day starts
        for i in 0..sessions.len() {
            if sessions[i].end.is_none()
                && let Some(next) = sessions[i + 1..].iter().find(|n| {
                    n.start.date() == sessions[i].start.date() && n.start > sessions[i].start
                })
            {
                sessions[i].end = Some(next.start);
            }
        }
        for s in &found.strays {
            self.found.push(
                Diagnostic::warning(format!("a time here is not used: {}", s.why))
                    .at(self.loc(s.offset, 1)),
            );
        }

        let (event_start, event_end) = match &hours {
            Some(h) => {
                let d = h.date.unwrap_or(first_day);
                let local = |t: NaiveDateTime| if h.utc { utc_to_local(zone.zone, t) } else { t };
                (
                    h.start.time().map(|t| local(d.and_time(t))),
                    h.end.and_then(|e| e.time()).map(|t| local(d.and_time(t))),
                )
            }
            None => (None, None),
        };
        if sessions.is_empty() {
            match event_start {
                Some(start) => {
                    sessions.push(Session {
                        id: None,
                        start,
                        end: event_end.filter(|e| *e > start),
                        title: title.clone(),
                        title_tbc: false,
                        presenters: Vec::new(),
                        presenters_tbc: false,
                        kind: agenda::kind_of(&title, ""),
                        room: None,
                        description: None,
                    });
                    self.found.push(
                        Diagnostic::note("no programme: the whole event is one session")
                            .at(Location::file(self.path)),
                    );
                }
                None => return Err(self.no_times(first_day)),
            }
        }
        let (twice, gap) = super::check_local_times(&sessions, zone.zone, self.path);
        self.found.extend(twice);
        if let Some(gap) = gap {
            return Err(self.fail(
                gap,
                None,
                "the clocks go forward over it; correct the time".into(),
            ));
        }
        let description = self.description();
        let dated = deadlines::read(
            self.page,
            deadlines::Context {
                event_day: Some(first_day),
                zone: Some(zone.zone),
                sections_only: false,
            },
        );
        self.found.extend(super::dated_diagnostics(&dated, self.path, self.text));
        let schedule = Schedule {
            key,
            title,
            description,
            url: None,
            zone: zone.zone,
            venue: None,
            online: None,
            organizers: Vec::new(),
            contact: None,
            registration: None,
            start: event_start,
            end: event_end.filter(|e| Some(*e) > event_start),
            updated: None,
            sessions,
            days: None,
            deadlines: dated.deadlines,
        };
        Ok(Loaded { schedule, diagnostics: self.found })
    }

    /// A page with a date and no times: an all-day event when nothing on it
    /// outside its dates looks like a time (else the programme is there and
    /// unread, and the page is refused), none when its dates say the day is
    /// not fixed; its deadlines either way.
    fn untimed(
        mut self,
        title: String,
        key: String,
        first_day: NaiveDate,
        claims: &[DateClaim],
        zone: Option<Tz>,
    ) -> Result<Loaded> {
        let dated = deadlines::read(
            self.page,
            deadlines::Context { event_day: Some(first_day), zone, sections_only: false },
        );
        if let Some(at) = deadlines::time_outside(self.page, &dated) {
            self.found.push(
                Diagnostic::note(
                    "this looks like a time, so the page is not read as an all-day event",
                )
                .at(self.loc(at, 1)),
            );
            return Err(self.no_times(first_day));
        }
        if let Some(at) = dated.tbd {
            if dated.deadlines.is_empty() {
                self.found.push(
                    Diagnostic::note("the page's dates say the event's day is still to be decided: no event is written")
                        .at(self.loc(at, 1)),
                );
                return Err(self.no_times(first_day));
            }
            self.found.push(
                Diagnostic::note("the event's day is still to be decided: no event is written, only the deadlines")
                    .at(self.loc(at, 1)),
            );
            return Ok(self.dates_only(title, key, zone, None, dated));
        }
        let days = match dated.event {
            Some((days, _)) if days.first == first_day => days,
            _ => {
                let last = claims
                    .iter()
                    .filter(|c| c.date == first_day)
                    .filter_map(|c| c.last)
                    .max()
                    .unwrap_or(first_day);
                Days { first: first_day, last }
            }
        };
        self.found.push(
            Diagnostic::note(format!(
                "no times yet: the event is written as an all-day event on {}",
                if days.first == days.last {
                    long(days.first)
                } else {
                    format!("{} – {}", long(days.first), long(days.last))
                }
            ))
            .at(Location::file(self.path))
            .help("once the programme is on the page, the same event gets its times"),
        );
        Ok(self.dates_only(title, key, zone, Some(days), dated))
    }

    /// A schedule of dates alone: the event's days (if any) and deadlines.
    fn dates_only(
        mut self,
        title: String,
        key: String,
        zone: Option<Tz>,
        days: Option<Days>,
        dated: deadlines::Found,
    ) -> Loaded {
        self.found.extend(super::dated_diagnostics(&dated, self.path, self.text));
        // all-day events and deadlines carry their own zones; this one only
        // names the calendar's
        let mut schedule = Schedule::new(key, title, zone.unwrap_or(Tz::UTC));
        schedule.description = self.description();
        schedule.days = days;
        schedule.deadlines = dated.deadlines;
        Loaded { schedule, diagnostics: self.found }
    }

    /// The front matter's `description`, if it has one.
    fn description(&self) -> Option<String> {
        self.split.get("description").map(|f| f.value.trim().to_owned()).filter(|d| !d.is_empty())
    }

    /// Clock readings as 24-hour times. On a page that writes no 24-hour
    /// time, a reading without am/pm is the one that goes forward through
    /// its day (`12:00 - 1:00`, then `1:00 - 1:30` is 13:00), and a day that
    /// starts at 1–6 o'clock starts in the afternoon; `11:05pm - 12:00pm`
    /// is read as 11:05 am. Each such reading is noted.
    fn clock_times(
        &mut self,
        rows: &[Row],
        days: &[Option<NaiveDate>],
    ) -> Vec<Option<(NaiveTime, Option<NaiveTime>)>> {
        let twelve = |c: &Clock| c.pm.is_none() && (1..=12).contains(&c.hour);
        let any_24h =
            rows.iter().flat_map(|r| [Some(r.start), r.end]).flatten().any(|c| c.is_24h());
        let infer = !any_24h && rows.iter().any(|r| twelve(&r.start));
        let half = chrono::Duration::hours(12);
        let mut prev: BTreeMap<NaiveDate, NaiveTime> = BTreeMap::new();
        let mut noted = false;
        let mut out = Vec::with_capacity(rows.len());
        for (r, day) in rows.iter().zip(days) {
            let (Some(day), Some(mut start)) = (day, r.start.time()) else {
                out.push(None);
                continue;
            };
            let mut end = r.end.and_then(|e| e.time());
            if infer && twelve(&r.start) {
                let before = prev.get(day).copied();
                let later = start.overflowing_add_signed(half).0;
                let shifted = match before {
                    None => r.start.hour <= 6,
                    Some(p) => start < p && r.start.hour < 12 && later >= p,
                };
                if shifted {
                    start = later;
                    noted = true;
                }
            }
            if let (Some(e), Some(ec)) = (end, r.end)
                && e <= start
            {
                if infer && twelve(&ec) && ec.hour < 12 && e.overflowing_add_signed(half).0 > start
                {
                    end = Some(e.overflowing_add_signed(half).0);
                    noted = true;
                } else if r.start.pm == Some(true) && ec.pm == Some(true) && r.start.hour < 12 {
                    // `11:05pm - 12:00pm` for a morning panel
                    let morning = start.overflowing_add_signed(-half).0;
                    if morning < e {
                        self.found.push(
                            Diagnostic::warning(format!(
                                "`{}` is written to end before it starts: read as {}–{}",
                                shown(&r.title),
                                morning.format("%H:%M"),
                                e.format("%H:%M")
                            ))
                            .at(self.loc(r.offset, 1))
                            .help("correct am/pm on the page"),
                        );
                        start = morning;
                    }
                }
            }
            if end.is_none()
                && let Some(e) = stated_end(&r.title, &r.details, start)
            {
                end = Some(e);
            }
            prev.insert(*day, start);
            out.push(Some((start, end)));
        }
        // an explicit am/pm out of order with the rows around it is a typo
        // when the other half of the day puts it in order (`11:30 pm`
        // between `8:50 am` and `5:00 pm`)
        for i in 1..rows.len().saturating_sub(1) {
            let (Some(Some((p, _))), Some(Some((c, ce))), Some(Some((n, _)))) =
                (out.get(i - 1).cloned(), out.get(i).cloned(), out.get(i + 1).cloned())
            else {
                continue;
            };
            let same_day = days[i - 1] == days[i] && days[i] == days[i + 1];
            if !same_day || rows[i].start.pm.is_none() || (p <= c && c <= n) {
                continue;
            }
            let flipped = c
                .overflowing_add_signed(if rows[i].start.pm == Some(true) { -half } else { half })
                .0;
            if p <= flipped && flipped <= n && ce.is_none_or(|e| e > flipped) {
                self.found.push(
                    Diagnostic::warning(format!(
                        "`{}` at {} is out of order with the rows around it: read as {}",
                        shown(&rows[i].title),
                        c.format("%H:%M"),
                        flipped.format("%H:%M")
                    ))
                    .at(self.loc(rows[i].offset, 1))
                    .help("correct am/pm on the page"),
                );
                out[i] = Some((flipped, ce));
            }
        }
        if noted {
            self.found.push(
                Diagnostic::note("times written without am/pm are read as going forward through each day (a day starting at 1–6 o'clock starts in the afternoon)")
                    .at(rows.first().map_or(Location::file(self.path), |r| self.loc(r.offset, 1)))
                    .help("write am/pm or 24-hour times on the page to be sure"),
            );
        }
        out
    }

    /// `date: 2025-04-12 10:00:00 +0800` with `date_end`, or `timeStart`:
    /// the event's own times in the front matter.
    fn front_matter_hours(&self) -> Option<Hours> {
        let fields = &self.split.fields;
        let has_end = fields.iter().any(|f| END_KEYS.contains(&f.key.as_str()));
        let start = fields
            .iter()
            .find(|f| START_KEYS.contains(&f.key.as_str()) || (f.key == "date" && has_end))?;
        let end = fields.iter().find(|f| END_KEYS.contains(&f.key.as_str()));
        let (sd, st) = front_matter_time(&start.value)?;
        let e = end.and_then(|e| front_matter_time(&e.value));
        Some(Hours {
            utc: start.value.trim().ends_with('Z'),
            date: Some(sd),
            start: Clock { hour: st.hour(), minute: st.minute(), pm: None, padded: true },
            end: e.filter(|(d, _)| *d == sd).map(|(_, t)| Clock {
                hour: t.hour(),
                minute: t.minute(),
                pm: None,
                padded: true,
            }),
            at: start.offset,
        })
    }

    /// `Time: 9:00am - 5:00pm ET`, or a line with a date and hours
    /// (`August 15, 2022, 8:30am-5:00pm EDT`, `Tuesday, April 16, 2019 |
    /// 6:30pm - 8:30pm`).
    fn stated_hours(&self) -> Option<Hours> {
        for (i, b) in self.page.blocks.iter().enumerate() {
            if matches!(b.kind, Kind::Row { .. }) || self.not_event.contains(&i) {
                continue;
            }
            let text = b.text();
            for line in text.lines() {
                if programme::is_deadline_text(line) || clock::leading(line).is_some() {
                    continue;
                }
                let lower = line.to_lowercase();
                let labelled = lower.starts_with("time:")
                    || lower.starts_with("time :")
                    || lower.starts_with("hours:")
                    || lower.starts_with("when:");
                let date = dates::find(line).into_iter().next();
                if !labelled && date.is_none() {
                    continue;
                }
                let spans = clock::all(line);
                // a single start right after the date (`Thursday, March 14th,
                // 2024 at 6:30 PM`) starts the event
                if let [only] = spans.as_slice()
                    && only.end.is_none()
                    && let Some(d) = &date
                    && only.range.start >= d.range.end
                    && only.range.start - d.range.end <= 12
                    && !line[d.range.end..only.range.start].contains(". ")
                {
                    let at = b.offset() + line_offset(text, line);
                    return Some(Hours {
                        date: d.date(),
                        start: only.start,
                        end: None,
                        at: at + only.range.start,
                        utc: false,
                    });
                }
                let Some(s) = spans.iter().find(|s| s.end.is_some()) else { continue };
                // the hours belong to the date when they follow it closely
                // (same sentence, a few words on)
                let close = date.as_ref().is_some_and(|d| {
                    s.range.start >= d.range.end
                        && s.range.start - d.range.end <= 80
                        && !line[d.range.end..s.range.start].contains(". ")
                });
                if !(labelled || close || line.chars().count() <= 120) {
                    continue;
                }
                // several ranges (`11:00-13:00 UTC and 15:00-17:00 UTC`) span
                // from the first start to the last end, if all are ranges in order
                let last = spans.last().expect("one");
                if spans.iter().any(|x| x.end.is_none())
                    || spans.windows(2).any(|w| w[0].end.and_then(|e| e.time()) > w[1].start.time())
                {
                    continue;
                }
                let at = b.offset() + line_offset(text, line);
                return Some(Hours {
                    date: date.and_then(|d| d.date()),
                    start: s.start,
                    end: last.end,
                    at: at + s.range.start,
                    utc: false,
                });
            }
        }
        None
    }

    /// The date rows with no day of their own are on.
    fn first_day(
        &mut self,
        found: &programme::Found,
        claims: &[DateClaim],
        partials: &[(dates::Phrase, usize, u32)],
        years: &BTreeMap<i32, u32>,
        forced: Option<NaiveDate>,
        hours: Option<&Hours>,
    ) -> Result<NaiveDate> {
        if let Some(d) = forced {
            // the page's own date, overruled, is worth a warning
            if let Some(c) = claims
                .iter()
                .filter(|c| {
                    c.weight >= 2 && c.date != d && c.last.is_none_or(|l| d > l || d < c.date)
                })
                .max_by_key(|c| c.weight)
            {
                self.found.push(
                    Diagnostic::warning(format!(
                        "{} gives the date {}, but the event is on {} (`--date`)",
                        c.source,
                        long(c.date),
                        long(d)
                    ))
                    .at(self.loc(c.at, 1))
                    .help("correct the page, or drop `--date` if the page is right"),
                );
            }
            return Ok(d);
        }
        if let Some(d) = hours.and_then(|h| h.date) {
            return Ok(d);
        }
        // a programme whose days are dated: the first of them
        let mut rejected: Vec<String> = Vec::new();
        let mut dated: Vec<NaiveDate> = Vec::new();
        for d in &found.days {
            if let Day::Date(p, at) = d {
                match self.year_for(p, *at, claims, years) {
                    Ok(date) => dated.push(date),
                    Err(why) => rejected.push(format!(
                        "`{}`: {why}",
                        self.text
                            .get(*at + p.range.start..*at + p.range.end)
                            .unwrap_or("a day heading")
                    )),
                }
            }
        }
        if let Some(d) = dated.into_iter().min() {
            return Ok(d);
        }
        rejected.dedup();
        self.rejected_days = rejected;
        let strong: Vec<&DateClaim> = claims.iter().filter(|c| c.weight > 0).collect();
        let best = strong.iter().map(|c| c.weight).max();
        let Some(best) = best else {
            // dates written without a year (`On Saturday, November 7`),
            // placed in the page's year
            let mut resolved: Vec<(u32, NaiveDate, usize)> = partials
                .iter()
                .filter_map(|(p, base, w)| {
                    Some((*w, self.year_for(p, 0, claims, years).ok()?, base + p.range.start))
                })
                .collect();
            resolved.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(&b.2)));
            let top = resolved.first().map(|r| r.0);
            let mut dates: Vec<NaiveDate> =
                resolved.iter().filter(|r| Some(r.0) == top).map(|r| r.1).collect();
            dates.sort();
            dates.dedup();
            if let [d] = dates.as_slice() {
                let at = resolved[0].2;
                self.found.push(
                    Diagnostic::note(format!(
                        "the event's date is written without a year: read as {}",
                        long(*d)
                    ))
                    .at(self.loc(at, 1))
                    .help("write the year, or pass `--date`"),
                );
                return Ok(*d);
            }
            return Err(self.no_date(claims));
        };
        let mut top: Vec<NaiveDate> =
            strong.iter().filter(|c| c.weight == best).map(|c| c.date).collect();
        top.sort();
        top.dedup();
        // a stated range (`October 10–12`) starts the event
        if let [only] = top.as_slice() {
            return Ok(*only);
        }
        // dates the heaviest claims agree on across the page
        let mut support: BTreeMap<NaiveDate, u32> = BTreeMap::new();
        for c in &strong {
            *support.entry(c.date).or_default() += c.weight;
        }
        let mut ranked: Vec<(u32, NaiveDate)> = support.into_iter().map(|(d, w)| (w, d)).collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        // a programme whose days are named relatively (`Monday`, `Day 2`)
        // starts on the first of the dates the page states close together
        // (`from Monday 8 July to Tuesday 9 July`)
        let relative = found.days.iter().any(|d| matches!(d, Day::Weekday(..) | Day::Number(..)));
        if relative
            && let (Some(first), Some(last)) = (top.first(), top.last())
            && (*last - *first).num_days() <= 14
        {
            self.found.push(
                Diagnostic::note(format!(
                    "the programme's days are counted from {}, the first date the page gives",
                    long(*first)
                ))
                .at(claims
                    .iter()
                    .find(|c| c.date == *first)
                    .map_or(Location::file(self.path), |c| self.loc(c.at, 1)))
                .help("pass `--date` if the programme starts on another day"),
            );
            return Ok(*first);
        }
        match ranked.as_slice() {
            [(w1, d1), (w2, _), ..] if w1 > w2 && *w1 >= 2 * *w2 => Ok(*d1),
            [(_, d1), (_, d2), ..] => {
                let at = claims.iter().find(|c| c.date == *d2).map(|c| c.at);
                Err(self.fail(
                    format!("the page gives several dates ({} and {}, …) and none is clearly the event's", long(*d1), long(*d2)),
                    at,
                    "pass `--date YYYY-MM-DD` with the event's (first) day".into(),
                ))
            }
            [(_, d)] => Ok(*d),
            [] => Err(self.no_date(claims)),
        }
    }

    /// Structured data the page's own programme contradicts: a template's
    /// leftover, worth a warning where it is.
    fn check_structured(&mut self, first_day: NaiveDate) {
        for (what, at) in self.structured.unreadable.clone() {
            self.found.push(
                Diagnostic::note(format!("the page's structured data is not used: {what}"))
                    .at(self.loc(at, 1)),
            );
        }
        let mut warned = std::collections::BTreeSet::new();
        for (d, at) in self.structured.dates.clone() {
            let days = (d - first_day).num_days().abs();
            if days > 31 && warned.insert(d) {
                self.found.push(
                    Diagnostic::warning(format!(
                        "the page's structured data gives the date {}, but its programme is on {}",
                        long(d),
                        long(first_day)
                    ))
                    .at(self.loc(at, 1))
                    .help("a template may have left it behind; correct or remove it"),
                );
            }
        }
    }

    /// A page that states an event over several days but names no day for
    /// its rows cannot place them when their times go back (a second day's
    /// programme): refused rather than collapsed onto one date.
    fn check_days(
        &self,
        found: &programme::Found,
        claims: &[DateClaim],
        first_day: NaiveDate,
    ) -> Result<()> {
        let multi =
            claims.iter().any(|c| c.date == first_day && c.last.is_some_and(|l| l > first_day));
        let unsaid: Vec<&Row> =
            found.rows.iter().filter(|r| !r.marker && r.day == Day::Unsaid).collect();
        if !multi || unsaid.len() != found.rows.iter().filter(|r| !r.marker).count() {
            return Ok(());
        }
        let t = |r: &Row| r.start.time();
        if let Some(w) = unsaid.windows(2).find(|w| match (t(w[0]), t(w[1])) {
            (Some(a), Some(b)) => b + chrono::Duration::hours(2) < a,
            _ => false,
        }) {
            return Err(self.fail(
                format!(
                    "the event runs over several days from {}, but the programme names no day for its rows, and `{}` comes after a later time",
                    long(first_day),
                    shown(&w[1].title)
                ),
                Some(w[1].offset),
                "write the day above each day's rows (a heading such as `Tuesday, 11 March`), or pass `--date` for a one-day programme".into(),
            ));
        }
        Ok(())
    }

    fn no_times(&self, date: NaiveDate) -> Error {
        self.fail(
            format!("no times found for the event on {}", long(date)),
            None,
            "looked for agenda rows that start with a time (tables, lists, headings, `<dt>`/`<dd>`) and for stated hours such as `Time: 9:00am - 5:00pm`; the programme may not be published yet".into(),
        )
    }

    fn no_date(&self, claims: &[DateClaim]) -> Error {
        let mut seen: Vec<String> = claims
            .iter()
            .take(5)
            .map(|c| format!("{} in {} (not counted)", long(c.date), c.source))
            .collect();
        seen.extend(self.rejected_days.iter().take(3).map(|r| format!("day heading {r}")));
        let years: Vec<String> = self.years_seen.iter().map(i32::to_string).collect();
        seen.push(if years.is_empty() {
            "no year anywhere".to_owned()
        } else {
            format!("years {}", years.join(", "))
        });
        let seen = seen.join("; ");
        self.fail(
            format!("no event date found in `{}`", self.path.display()),
            None,
            format!(
                "looked for a dated day heading, a `Date:` line and dates with a year in the title, headings and text (saw: {seen}); dates next to deadline words are not the event's; pass `--date YYYY-MM-DD`"
            ),
        )
    }

    /// The year of a date written without one: the same day written with
    /// a year elsewhere, else the one year of the page's years on which its
    /// weekday falls, else the page's one strong year.
    fn year_for(
        &self,
        p: &dates::Phrase,
        _at: usize,
        claims: &[DateClaim],
        years: &BTreeMap<i32, u32>,
    ) -> std::result::Result<NaiveDate, String> {
        if let Some(d) = p.date() {
            return Ok(d);
        }
        if let Some(c) = claims.iter().find(|c| {
            c.date.month() == p.month
                && (c.date.day() == p.day
                    || c.last.is_some_and(|l| (c.date.day()..=l.day()).contains(&p.day)))
        }) {
            return p.in_year(c.date.year()).ok_or_else(|| "no such day".to_owned());
        }
        let candidates: Vec<i32> = years.keys().copied().collect();
        if let Some(weekday) = p.weekday {
            let fits: Vec<i32> =
                candidates.iter().copied().filter(|y| p.weekday_fits(*y)).collect();
            // of several years that fit, one the page names far more often
            let mut by_weight: Vec<(u32, i32)> = fits.iter().map(|y| (years[y], *y)).collect();
            by_weight.sort_by(|a, b| b.cmp(a));
            if let [(w1, y1), (w2, _), ..] = by_weight.as_slice()
                && *w1 >= 2 * *w2
                && *w1 >= 3
            {
                return p.in_year(*y1).ok_or_else(|| "no such day".into());
            }
            return match fits.as_slice() {
                [y] => p.in_year(*y).ok_or_else(|| "no such day".into()),
                [] => Err(format!(
                    "no year the page names has {} {} on a {:?}",
                    p.day,
                    month_name(p.month),
                    weekday
                )),
                _ => Err(format!(
                    "several years the page names fit ({})",
                    fits.iter().map(i32::to_string).collect::<Vec<_>>().join(", ")
                )),
            };
        }
        let strong: Vec<i32> = years.iter().filter(|(_, w)| **w >= 2).map(|(y, _)| *y).collect();
        match strong.as_slice() {
            [y] => p.in_year(*y).ok_or_else(|| "no such day".into()),
            [] => Err("it has no year and the page names none strongly".into()),
            _ => Err(format!(
                "it has no year and the page names several ({})",
                strong.iter().map(i32::to_string).collect::<Vec<_>>().join(", ")
            )),
        }
    }

    /// The date of every row.
    fn day_dates(
        &mut self,
        found: &programme::Found,
        first_day: NaiveDate,
        forced: Option<NaiveDate>,
    ) -> Result<Vec<Option<NaiveDate>>> {
        let claims: Vec<DateClaim> = Vec::new();
        // years known from the first day decide dates written without one
        let mut years = BTreeMap::new();
        years.insert(first_day.year(), 10);
        let first_numbered = found.days.iter().find_map(|d| match d {
            Day::Number(n, _) => Some(*n),
            _ => None,
        });
        let first_dated = found.days.iter().find_map(|d| match d {
            Day::Date(p, _) => Some(p.clone()),
            _ => None,
        });
        // with --date, days written without a year are read in its year; a
        // first day that is not `--date` is worth saying
        if let (Some(f), Some(p)) = (forced, &first_dated)
            && p.year.is_none()
            && p.in_year(f.year()) != Some(f)
        {
            self.found.push(
                Diagnostic::warning(format!(
                    "`--date {f}` is not the programme's first day as written ({} {})",
                    p.day,
                    month_name(p.month)
                ))
                .at(Location::file(self.path))
                .help("the days are read in the year of `--date`, as written"),
            );
        }
        let mut out = Vec::with_capacity(found.rows.len());
        let mut cache: BTreeMap<usize, Option<NaiveDate>> = BTreeMap::new();
        for r in &found.rows {
            let d = match &r.day {
                Day::Unsaid => Some(first_day),
                Day::Number(n, _) => {
                    let base = first_numbered.unwrap_or(1);
                    first_day.checked_add_signed(Duration::days(i64::from(*n) - i64::from(base)))
                }
                // `Monday`, `Tuesday`: that weekday in the event's first week
                Day::Weekday(w, _) => {
                    let ahead = (7 + i64::from(w.num_days_from_monday())
                        - i64::from(first_day.weekday().num_days_from_monday()))
                        % 7;
                    first_day.checked_add_signed(Duration::days(ahead))
                }
                Day::Date(p, at) => {
                    if let Some(d) = cache.get(at) {
                        *d
                    } else {
                        let d = match self.year_for(p, *at, &claims, &years) {
                            Ok(d) => {
                                if p.weekday.is_some() && !p.weekday_fits(d.year()) {
                                    self.found.push(
                                        Diagnostic::warning(format!(
                                            "`{}` is not on the weekday written",
                                            long(d)
                                        ))
                                        .at(self.loc(*at + p.range.start, p.range.len()))
                                        .help("correct the weekday or the date"),
                                    );
                                }
                                Some(d)
                            }
                            Err(why) => {
                                self.found.push(
                                    Diagnostic::warning(format!(
                                        "a day of the programme cannot be dated: {why}"
                                    ))
                                    .at(self.loc(*at, 1))
                                    .help(
                                        "its rows are left out; write the year, or pass `--date`",
                                    ),
                                );
                                None
                            }
                        };
                        cache.insert(*at, d);
                        d
                    }
                }
            };
            out.push(d);
        }
        if out.iter().all(Option::is_none) && !found.rows.is_empty() {
            return Err(self.fail(
                "no day of the programme can be dated".into(),
                found.rows.first().map(|r| r.offset),
                "write the year with the days, or pass `--date YYYY-MM-DD` with the first day"
                    .into(),
            ));
        }
        Ok(out)
    }

    /// The zone: stated on the page (rows first, then notes and prose),
    /// checked against places it names; else a place; else an error.
    fn zone(
        &mut self,
        rows: &[Row],
        date: NaiveDate,
        fm: Option<&Hours>,
        texts: &[(String, usize, u32, &'static str)],
    ) -> Result<ZoneChoice> {
        let noon = date.and_hms_opt(12, 0, 0).expect("noon");
        let offset_on = |tz: Tz| -> Option<i32> {
            let t = time::resolve(tz, noon).instant()?;
            Some(time::offset_at(tz, t).utc_offset)
        };
        // phrases: those written with the rows count most
        let mut phrases: Vec<(zones::Phrase, usize, u32)> = Vec::new();
        for r in rows {
            if let Some(z) = &r.zone {
                phrases.push((z.clone(), r.zone_offset, 3));
            }
        }
        let mut places: Vec<(gazetteer::ZonedPlace, usize, u32)> = Vec::new();
        for &(ref text, at, weight, _) in texts {
            for (offset, line) in lines_at(text) {
                let base = at + offset;
                let found = zones::find(line);
                if !found.is_empty() && !programme::is_deadline_text(line) {
                    for z in found {
                        if z.aoe {
                            continue;
                        }
                        let lower = line.to_lowercase();
                        let w = if lower.contains("all times")
                            || lower.contains("time zone")
                            || lower.contains("timezone")
                            || lower.starts_with("time")
                        {
                            3
                        } else {
                            weight.max(1)
                        };
                        phrases.push((z.clone(), base + z.range.start, w));
                    }
                }
                for p in gazetteer::find_zones(line) {
                    let at = base + p.range.start;
                    places.push((p, at, weight.max(1)));
                }
            }
        }
        // front matter offsets (`+0800`) are a stated offset
        if let Some(h) = fm
            && !h.utc
            && let Some(f) = self.split.fields.iter().find(|f| f.offset == h.at)
            && let Some(o) = front_matter_offset(&f.value)
        {
            phrases.push((
                zones::Phrase {
                    zones: vec![],
                    offset: Some(o),
                    dst: None,
                    range: 0..0,
                    aoe: false,
                },
                h.at,
                3,
            ));
        }
        let place_zones: Vec<Tz> = {
            let mut v: Vec<Tz> = places.iter().map(|(p, _, _)| p.zone).collect();
            v.sort_by_key(|z| z.name());
            v.dedup();
            v
        };
        if !phrases.is_empty() {
            // the heaviest phrase decides; offsets on the page choose among
            // its candidates; a place with the same clock names the zone
            let stated_offsets: Vec<i32> = phrases
                .iter()
                .filter(|(p, _, _)| p.zones.is_empty() || p.zones == [Tz::UTC])
                .filter_map(|(p, _, _)| p.offset)
                .filter(|o| *o != 0)
                .collect();
            let mut ranked = phrases.clone();
            ranked.sort_by(|a, b| b.2.cmp(&a.2).then(a.1.cmp(&b.1)));
            let (best, at, _) = ranked[0].clone();
            let written = self.text.get(at..at + best.range.len()).unwrap_or("").to_owned();
            let written = if written.is_empty() {
                "the stated offset".to_owned()
            } else {
                format!("`{written}`")
            };
            let mut candidates: Vec<Tz> = best.zones.clone();
            if candidates.len() > 1 {
                let by_offset: Vec<Tz> = candidates
                    .iter()
                    .copied()
                    .filter(|z| offset_on(*z).is_some_and(|o| stated_offsets.contains(&o)))
                    .collect();
                let by_place: Vec<Tz> = candidates
                    .iter()
                    .copied()
                    .filter(|z| place_zones.iter().any(|p| offset_on(*p) == offset_on(*z)))
                    .collect();
                if by_offset.len() == 1 {
                    candidates = by_offset;
                } else if by_place.len() == 1 {
                    candidates = by_place;
                } else {
                    let names: Vec<&str> = candidates.iter().map(|z| z.name()).collect();
                    return Err(self.fail(
                        format!(
                            "{written} may mean {}, and nothing else on the page decides",
                            names.join(", ")
                        ),
                        Some(at),
                        format!(
                            "pass `--timezone` with one of them, e.g. `--timezone {}`",
                            names[0]
                        ),
                    ));
                }
            }
            let offset = best.offset.or_else(|| candidates.first().and_then(|z| offset_on(*z)));
            // a place whose clock agrees names the zone (CEST + Zurich)
            let agreeing: Vec<Tz> = place_zones
                .iter()
                .copied()
                .filter(|p| offset.is_some_and(|o| offset_on(*p) == Some(o)))
                .collect();
            let zone = if let [p] = agreeing.as_slice()
                && (candidates.is_empty()
                    || candidates.contains(&Tz::UTC)
                    || offset_on(candidates[0]) == offset_on(*p))
            {
                *p
            } else if let Some(z) =
                candidates.first().copied().filter(|z| *z != Tz::UTC || best.offset == Some(0))
            {
                z
            } else {
                match offset {
                    Some(0) => Tz::UTC,
                    Some(o) if o % 3600 == 0 => {
                        let name = format!("Etc/GMT{:+}", -o / 3600);
                        let tz: Tz = name.parse().unwrap_or(Tz::UTC);
                        self.found.push(
                            Diagnostic::note(format!("{written} names only an offset: the times are read in {}", tz.name()))
                                .at(self.loc(at, 1))
                                .help("name a city or an IANA zone if the event follows a place's clock changes"),
                        );
                        tz
                    }
                    _ => {
                        return Err(self.fail(
                            format!("{written} is an offset no zone database name gives"),
                            Some(at),
                            "pass `--timezone` with an IANA name".into(),
                        ));
                    }
                }
            };
            // summer/winter time written against the date
            if let (Some(dst), Some(t)) = (best.dst, time::resolve(zone, noon).instant())
                && time::offset_at(zone, t).is_dst != dst
                && best.offset.is_none_or(|o| Some(o) != offset_on(zone))
            {
                self.found.push(
                    Diagnostic::warning(format!(
                        "{written} is {} time, but on {} {} is on {} time",
                        if dst { "summer" } else { "standard" },
                        long(date),
                        zone.name(),
                        if dst { "standard" } else { "summer" }
                    ))
                    .at(self.loc(at, best.range.len().max(1)))
                    .help(format!(
                        "the times are read as {} wall-clock time; correct the abbreviation",
                        zone.name()
                    )),
                );
            }
            // other phrases that disagree
            for (p, pat, _) in &phrases {
                let o = p.offset.or_else(|| p.zones.first().and_then(|z| offset_on(*z)));
                if let (Some(o), Some(actual)) = (o, offset_on(zone))
                    && o != actual
                    && !p.zones.contains(&zone)
                {
                    self.found.push(
                        Diagnostic::warning(format!(
                            "`{}` disagrees with the zone the times are read in ({})",
                            self.text.get(*pat..*pat + p.range.len()).unwrap_or(""),
                            zone.name()
                        ))
                        .at(self.loc(*pat, p.range.len().max(1)))
                        .help(format!("chose {} from {written}; make the page agree", zone.name())),
                    );
                }
            }
            return Ok(ZoneChoice { zone, because: written, at: Some(at), note: false });
        }
        // no zone stated: a place, if the page's places agree
        match place_zones.as_slice() {
            [] => Err(self.fail(
                format!("`{}` does not say which time zone its times are in", self.path.display()),
                None,
                "looked for a zone (`EDT`, `Pacific Time`, `UTC+8`, an IANA name) and a city or country with one zone; pass `--timezone` with an IANA name such as `Europe/Athens`".into(),
            )),
            [z] => {
                let (p, at, _) = places.iter().find(|(p, _, _)| p.zone == *z).expect("a place");
                Ok(ZoneChoice { zone: *z, because: format!("the place `{}`", p.name), at: Some(*at), note: true })
            }
            many => {
                // the place the page names most, if it outweighs the others
                let mut weight: BTreeMap<&str, u32> = BTreeMap::new();
                for (p, _, w) in &places {
                    *weight.entry(p.zone.name()).or_default() += w;
                }
                let mut ranked: Vec<(u32, &str)> = weight.into_iter().map(|(z, w)| (w, z)).collect();
                ranked.sort_by_key(|r| std::cmp::Reverse(r.0));
                if ranked.len() >= 2 && ranked[0].0 >= 3 * ranked[1].0 {
                    let z: Tz = ranked[0].1.parse().expect("a zone name");
                    let (p, at, _) = places.iter().find(|(p, _, _)| p.zone == z).expect("a place");
                    return Ok(ZoneChoice { zone: z, because: format!("the place `{}`, named most", p.name), at: Some(*at), note: true });
                }
                let names: Vec<String> = places.iter().map(|(p, _, _)| format!("{} ({})", p.name, p.zone.name())).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
                Err(self.fail(
                    format!("the page names places in different time zones: {}", names.join(", ")),
                    places.first().map(|p| p.1),
                    format!("pass `--timezone` with the event's zone, e.g. `--timezone {}`", many[0].name()),
                ))
            }
        }
    }
}

/// `2025-04-12 10:00:00 +0800`, `2018-02-08T08:00:00.000Z`: the local date
/// and time as written (UTC values are converted to UTC's wall clock).
fn front_matter_time(value: &str) -> Option<(NaiveDate, NaiveTime)> {
    let v = value.trim();
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(v) {
        if v.ends_with('Z') {
            // stated in UTC: the page's zone is not known yet, so keep UTC
            // and let the offset phrase say so
            let n = t.naive_utc();
            return Some((n.date(), n.time()));
        }
        let n = t.naive_local();
        return Some((n.date(), n.time()));
    }
    for fmt in ["%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M %z", "%Y-%m-%dT%H:%M:%S%z"] {
        if let Ok(t) = chrono::DateTime::parse_from_str(v, fmt) {
            let n = t.naive_local();
            return Some((n.date(), n.time()));
        }
    }
    for fmt in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"] {
        if let Ok(n) = NaiveDateTime::parse_from_str(v, fmt) {
            return Some((n.date(), n.time()));
        }
    }
    None
}

/// The UTC offset a front-matter time states, in seconds.
fn front_matter_offset(value: &str) -> Option<i32> {
    let v = value.trim();
    if v.ends_with('Z') && chrono::DateTime::parse_from_rfc3339(v).is_ok() {
        return Some(0);
    }
    for fmt in ["%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M %z", "%Y-%m-%dT%H:%M:%S%z"] {
        if let Ok(t) = chrono::DateTime::parse_from_str(v, fmt) {
            return Some(t.offset().local_minus_utc());
        }
    }
    chrono::DateTime::parse_from_rfc3339(v).ok().map(|t| t.offset().local_minus_utc())
}

/// An end a row states in words: `(2 hours)`, `(30 mins)`, `(90 minutes)`,
/// `(ends at 17:00)`.
fn stated_end(title: &str, details: &[String], start: NaiveTime) -> Option<NaiveTime> {
    for text in std::iter::once(title).chain(details.iter().map(String::as_str)) {
        let lower = text.to_lowercase();
        for (open, _) in lower.match_indices('(') {
            let inner = lower[open + 1..].split(')').next().unwrap_or("").trim();
            if let Some(rest) =
                inner.strip_prefix("ends at").or_else(|| inner.strip_prefix("until"))
            {
                if let Some(s) = clock::leading(rest.trim()) {
                    return s.start.time().filter(|e| *e > start);
                }
                continue;
            }
            let mut words = inner.split_whitespace();
            let (Some(n), Some(unit), None) = (words.next(), words.next(), words.next()) else {
                continue;
            };
            let Ok(n) = n.parse::<f64>() else { continue };
            let minutes = match unit {
                "hour" | "hours" | "hr" | "hrs" | "h" => n * 60.0,
                "min" | "mins" | "minute" | "minutes" => n,
                _ => continue,
            };
            if !(1.0..=12.0 * 60.0).contains(&minutes) {
                continue;
            }
            let (end, wrap) = start.overflowing_add_signed(Duration::minutes(minutes as i64));
            return (wrap == 0).then_some(end);
        }
    }
    None
}

/// "30 June 2025".
fn long(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

fn month_name(m: u32) -> String {
    NaiveDate::from_ymd_opt(2000, m, 1).map(|d| d.format("%B").to_string()).unwrap_or_default()
}

fn utc_to_local(zone: Tz, d: NaiveDateTime) -> NaiveDateTime {
    zone.from_utc_datetime(&d).naive_local()
}
