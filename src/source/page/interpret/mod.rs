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

mod calendar;
mod content;
mod ends;
mod hours;
mod labels;
mod meridiem;
mod places;
mod whereabouts;
mod zone;

use super::blocks::{Kind, Page};
use super::clock::{self, Clock};
use super::dates;
use super::frontmatter::{self, Split};
use super::resolve::ZoneSource;
use super::structure::{self as programme, Day, Row};
use super::structured::{self, Evidence};
use super::zones;
use super::{Overrides, deadlines, html, markdown, verify};
use crate::diag::{Diagnostic, Location, shown};
use crate::error::{Error, Result};
use crate::model::{Days, Schedule, Session};
use crate::source::Because;
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
    if let Some(at) = split.aliases_refused {
        return Err(Error::invalid(vec![
            Diagnostic::error(format!(
                "the front matter's YAML aliases would copy more than {} values",
                super::yaml::MAX_ALIASED
            ))
            .at(Location::span(path, text, at, 1))
            .help("write the values out, or use fewer nested aliases (`*name`)"),
        ]));
    }
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
        is_html,
        place: Whereabouts::default(),
        reading: crate::source::Reading::default(),
        date_because: None,
        lines: std::cell::OnceCell::new(),
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
    /// The whole file is HTML (no front matter, no Markdown labels).
    is_html: bool,
    /// Where the event is, how to join, whom to ask.
    place: Whereabouts,
    /// What was decided, and why, for `check`.
    reading: crate::source::Reading,
    /// Why the event is on its first day: the evidence and its offset.
    date_because: Option<(String, Option<usize>)>,
    /// Where the page's lines start, made on the first location asked for.
    lines: std::cell::OnceCell<crate::diag::LineStarts>,
}

/// Where the event is, how to join it and whom to ask.
#[derive(Debug, Default)]
struct Whereabouts {
    venue: Option<crate::model::Venue>,
    online: Option<crate::model::Stream>,
    organizers: Vec<crate::model::Person>,
    contact: Option<crate::model::Contact>,
    registration: Option<String>,
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
        let lines = self.lines.get_or_init(|| crate::diag::LineStarts::new(self.text));
        Location::span_in(self.path, self.text, lines, at.min(self.text.len()), len)
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

    /// The evidence for the first day, in words, with its place.
    fn date_evidence(
        &self,
        first_day: NaiveDate,
        claims: &[DateClaim],
        found: &programme::Programme,
        overrides: Overrides,
        hours: Option<&Hours>,
    ) -> (String, Option<usize>) {
        if overrides.date.is_some() {
            return ("`--date`".into(), None);
        }
        for d in &found.days {
            if let Day::Date(p, at) = d
                && p.month == first_day.month()
                && p.day == first_day.day()
                && p.year.is_none_or(|y| y == first_day.year())
            {
                let shown = self.text.get(at + p.range.start..at + p.range.end).unwrap_or("");
                return (format!("the programme's day `{shown}`"), Some(at + p.range.start));
            }
        }
        if let Some(c) = claims.iter().filter(|c| c.date == first_day).max_by_key(|c| c.weight) {
            return (format!("{} gives {}", c.source, long(first_day)), Some(c.at));
        }
        if let Some(h) = hours.filter(|h| h.date == Some(first_day)) {
            return ("the stated hours".into(), Some(h.at));
        }
        ("the page's dates".into(), None)
    }

    /// Findings of the checks: an error that lists them all, or, when the
    /// caller accepts them, warnings.
    fn judge(&mut self, findings: Vec<verify::Finding>, overrides: Overrides) -> Result<()> {
        if findings.is_empty() {
            return Ok(());
        }
        let diagnostic = |f: &verify::Finding, error: bool| {
            let d = if error {
                Diagnostic::error(f.message.clone())
            } else {
                Diagnostic::warning(f.message.clone())
            };
            d.help(f.help.clone()).at(f.at.map_or(Location::file(self.path), |a| self.loc(a, 1)))
        };
        if overrides.accept_findings {
            let warnings: Vec<Diagnostic> = findings.iter().map(|f| diagnostic(f, false)).collect();
            self.found.extend(warnings);
            return Ok(());
        }
        let mut all: Vec<Diagnostic> = findings.iter().map(|f| diagnostic(f, true)).collect();
        let n = all.len();
        all[n - 1] = all[n - 1].clone().help(format!(
            "{}; or pass `--accept-warnings` to write the calendars anyway",
            findings[n - 1].help
        ));
        all.extend(self.found.iter().cloned());
        Err(Error::invalid(all))
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

    /// The event's key, from its address or its place (`source::identity`;
    /// `load` adds the site folder the page is in).
    fn key(&self) -> String {
        crate::source::identity::of_page(self.text, self.path, None, None).key
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
        // labelled evidence (`**Time:**`, a TL;DR, the description) weighs
        // over headings and prose where the page states its event that way
        let labels = (!self.is_html).then(|| labels::Labels::read(self.text, self.path));
        let strong = labels.as_ref().filter(|l| l.strong());
        // ---- where, how to join, whom to ask
        if let Some(l) = &labels {
            let organizers = l.organizers();
            let contact = l.contact(&organizers, &mut self.found);
            self.place = Whereabouts {
                venue: l.venue(),
                online: l.online(),
                organizers,
                contact,
                registration: l.registration(),
            };
        }

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
        let dated_days = found.days.iter().any(|d| matches!(d, Day::Date(..)));
        let labelled_day = match strong.filter(|l| l.has_date() && !dated_days) {
            Some(l) => Some(self.labelled_day(l, overrides.date)?),
            None => None,
        };
        let first_day = match labelled_day {
            Some(day) => day,
            None => match self.first_day(
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
            },
        };
        // the labelled hours weigh over hours stated elsewhere
        let mut hours_source = "the stated hours";
        let hours = match strong.filter(|l| !l.spans.is_empty()) {
            Some(l) => self.labelled_hours(l).map(|((start, end), source, at)| {
                hours_source = source;
                Hours {
                    date: Some(first_day),
                    start: clock_of(start),
                    end: end.map(clock_of),
                    at,
                    utc: false,
                }
            }),
            None => hours,
        };
        if self.date_because.is_none() {
            self.date_because =
                Some(self.date_evidence(first_day, &claims, &found, overrides, hours.as_ref()));
        }

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
        let mut zone_source = None;
        let zone = match overrides.zone {
            Some(z) => {
                zone_source = Some(ZoneSource::Forced);
                ZoneChoice { zone: z, because: "`--timezone`".into(), at: None, note: false }
            }
            None => match strong.and_then(|l| l.zone(&title)) {
                Some((z, source)) => {
                    if let ZoneSource::Place(place) = &source {
                        self.found.push(
                            Diagnostic::note(format!(
                                "no time zone is stated: read the times in {} from `{place}`",
                                z.name()
                            ))
                            .at(Location::file(self.path))
                            .help("state the zone on the page (\"All times are in …\"), or pass `--timezone`"),
                        );
                    }
                    let because = source.describe();
                    zone_source = Some(source);
                    ZoneChoice { zone: z, because, at: None, note: false }
                }
                None => self.zone(&found.rows, first_day, fm_hours.as_ref(), &texts)?,
            },
        };
        if let Some(l) = strong {
            let source = zone_source.unwrap_or_else(|| ZoneSource::Phrase(zone.because.clone()));
            let noon = first_day.and_hms_opt(12, 0, 0).expect("noon");
            let at =
                hours.as_ref().and_then(|h| h.start.time()).map_or(noon, |t| first_day.and_time(t));
            self.check_labelled_zones(l, zone.zone, at, &source);
        }
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
        let mut session_rows: Vec<Option<usize>> = Vec::new();
        let day_dates = self.day_dates(&found, first_day, overrides.date)?;
        let (times, undecided) = self.clock_times(&found.rows, &day_dates);
        let mut findings: Vec<verify::Finding> = undecided
            .iter()
            .map(|u| {
                let r = &found.rows[u.row];
                verify::Finding {
                    message: format!(
                        "`{}` may be at {} or at {}: the page does not say which half of the day",
                        shown(&r.title),
                        u.chosen.format("%H:%M"),
                        u.other.format("%H:%M")
                    ),
                    at: Some(r.offset),
                    help: "write am/pm or a 24-hour time on the page".into(),
                }
            })
            .collect();
        // a row written twice with its day named two ways (`Sonntag` in
        // one list, `Sonntag, 27. April` in another) is one session once
        // dated: calendars would show it twice
        let mut written: std::collections::HashSet<(NaiveDateTime, String, Option<&str>)> =
            std::collections::HashSet::new();
        for (i, r) in found.rows.iter().enumerate() {
            if r.marker {
                continue;
            }
            let Some(date) = day_dates[i] else { continue };
            let Some(span) = times[i] else { continue };
            let (start, end) = (span.start, span.end);
            let mut end = end.map(|e| date.and_time(e));
            if span.to_midnight {
                end = date.succ_opt().and_then(|d| d.and_hms_opt(0, 0, 0));
            }
            let start = date.and_time(start);
            if !written.insert((start, r.title.trim().to_lowercase(), r.room.as_deref())) {
                continue;
            }
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
            // who presents and what: a speaker column beside the title, or
            // one cell that says both
            let content = match &r.presenter {
                Some(p) => content::presenter_title(p, &r.title),
                None => content::combined(&r.title),
            };
            let mut lines: Vec<String> = Vec::new();
            if let Some(section) = &r.section {
                lines.push(format!("Part of {section}"));
            }
            // a cell read as a label and its speakers (`Keynote: Ada
            // Lovelace`) keeps its words as the page wrote them
            if r.presenter.is_none()
                && !content.presenters.is_empty()
                && content.title != r.title.trim()
            {
                lines.push(r.title.clone());
            }
            for link in content.links.iter().chain(&r.links) {
                if crate::source::page::is_web_url(link) && !lines.contains(link) {
                    lines.push(link.clone());
                }
            }
            lines.extend(r.details.iter().cloned());
            let summary = lines.join("\n");
            session_rows.push(Some(i));
            sessions.push(Session {
                id: None,
                start,
                end,
                title: content.title,
                title_tbc: content.title_tbc,
                presenters: content.presenters,
                presenters_tbc: content.presenters_tbc,
                kind: content.kind,
                room: r.room.clone(),
                description: (!summary.is_empty()).then_some(summary),
            });
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
        self.fill_ends(&mut sessions, &session_rows, &found, event_end);
        if sessions.is_empty() {
            match event_start {
                Some(start) => {
                    session_rows.push(None);
                    sessions.push(Session {
                        id: None,
                        start,
                        end: event_end.filter(|e| *e > start),
                        title: title.clone(),
                        title_tbc: false,
                        presenters: Vec::new(),
                        presenters_tbc: false,
                        kind: content::kind_of(&title, ""),
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
        // ---- what was decided, for `check`
        let (said, at) = self.date_because.clone().unwrap_or_default();
        self.reading.date = Some(Because::new(long(first_day), said, at.map(|a| self.loc(a, 1))));
        self.reading.zone = Some(Because::new(
            zone.zone.name(),
            zone.because.clone(),
            zone.at.map(|a| self.loc(a, 1)),
        ));
        if let Some(h) = &hours
            && let Some(start) = event_start
        {
            let shown = match event_end {
                Some(e) => format!("{}–{}", start.format("%H:%M"), e.format("%H:%M")),
                None => start.format("%H:%M").to_string(),
            };
            self.reading.hours = Some(Because::new(shown, hours_source, Some(self.loc(h.at, 1))));
        }
        self.reading.sessions =
            session_rows.iter().map(|r| r.map(|r| self.loc(found.rows[r].offset, 1))).collect();
        // ---- the reading checked as a whole
        let stated: Vec<NaiveTime> =
            [event_start, event_end].into_iter().flatten().map(|t| t.time()).collect();
        let written = zone.at.and_then(|a| {
            let rest = self.text.get(a..)?;
            let z = zones::at_start(rest)?;
            rest.get(z.range)
        });
        findings.extend(verify::check(&verify::Subject {
            page: self.page,
            programme: &found,
            sessions: &sessions,
            rows: &session_rows,
            dates: &day_dates,
            not_event: &self.not_event,
            hours: Some(&stated),
            zone_written: written,
        }));
        self.judge(findings, overrides)?;
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
        let lines = self.lines.get_or_init(|| crate::diag::LineStarts::new(self.text));
        self.found.extend(super::dated_diagnostics(&dated, self.path, self.text, lines));
        let programme_blocks: Vec<usize> =
            found.used_blocks.iter().copied().chain(found.rows.iter().map(|r| r.block)).collect();
        self.settle_whereabouts(&programme_blocks, Some(zone.zone), Some(first_day));
        let Whereabouts { venue, online, organizers, contact, registration } =
            std::mem::take(&mut self.place);
        let schedule = Schedule {
            key,
            uid_domain: None,
            title,
            description,
            url: None,
            zone: zone.zone,
            venue,
            online,
            organizers,
            contact,
            registration,
            start: event_start,
            end: event_end.filter(|e| Some(*e) > event_start),
            updated: None,
            sessions,
            days: None,
            deadlines: dated.deadlines,
        };
        let mut loaded = Loaded::new(schedule, std::mem::take(&mut self.found));
        loaded.reading = std::mem::take(&mut self.reading);
        Ok(loaded)
    }

    /// Fills what the labelled evidence left open (the venue, the way to
    /// join, the contact) from the whole page, each decision a line of the
    /// reading.
    fn settle_whereabouts(
        &mut self,
        programme: &[usize],
        zone: Option<Tz>,
        day: Option<NaiveDate>,
    ) {
        let found = self.find_whereabouts(programme, zone, day);
        if self.place.venue.is_none()
            && let Some((venue, said, at)) = found.venue
        {
            if let Some(city) = &found.city_geo {
                self.found.push(
                    Diagnostic::note(format!(
                        "the venue's coordinates are the centre of {city}, not the venue's"
                    ))
                    .at(self.loc(at, 1))
                    .help(
                        "link a map of the venue (Google Maps, OpenStreetMap) to place it exactly",
                    ),
                );
            }
            self.reading.venue =
                Some(Because::new(venue.name.clone(), said, Some(self.loc(at, 1))));
            self.place.venue = Some(venue);
        }
        if self.place.online.is_none()
            && let Some((online, said, at)) = found.online
        {
            let shown = online
                .url
                .clone()
                .or_else(|| online.platform.clone())
                .unwrap_or_else(|| "online".into());
            self.reading.online = Some(Because::new(shown, said, Some(self.loc(at, 1))));
            self.place.online = Some(online);
        }
        if self.place.contact.is_none()
            && let Some((contact, said, at)) = found.contact
        {
            self.reading.contact =
                Some(Because::new(contact.email.clone(), said, Some(self.loc(at, 1))));
            self.place.contact = Some(contact);
        }
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
        if let Some(at) = programme::bare_hours(&self.page.blocks) {
            self.found.push(
                Diagnostic::note(
                    "lines open with hours written without minutes: the page has a programme symcal does not read",
                )
                .at(self.loc(at, 1))
                .help("write the times with minutes (`10:00-13:00`) so that its rows can be read"),
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
        let lines = self.lines.get_or_init(|| crate::diag::LineStarts::new(self.text));
        self.found.extend(super::dated_diagnostics(&dated, self.path, self.text, lines));
        // all-day events and deadlines carry their own zones; this one only
        // names the calendar's
        let mut schedule = Schedule::new(key, title, zone.unwrap_or(Tz::UTC));
        schedule.description = self.description();
        self.settle_whereabouts(&[], zone, days.map(|d| d.first));
        let place = std::mem::take(&mut self.place);
        schedule.venue = place.venue;
        schedule.online = place.online;
        schedule.organizers = place.organizers;
        schedule.contact = place.contact;
        schedule.registration = place.registration;
        schedule.days = days;
        schedule.deadlines = dated.deadlines;
        let mut loaded = Loaded::new(schedule, std::mem::take(&mut self.found));
        loaded.reading = std::mem::take(&mut self.reading);
        loaded
    }

    /// The front matter's `description`, if it has one.
    fn description(&self) -> Option<String> {
        self.split.get("description").map(|f| f.value.trim().to_owned()).filter(|d| !d.is_empty())
    }

    fn no_times(&self, date: NaiveDate) -> Error {
        self.fail(
            format!("no times found for the event on {}", long(date)),
            None,
            "looked for agenda rows that start with a time (tables, lists, headings, `<dt>`/`<dd>`) and for stated hours such as `Time: 9:00am - 5:00pm`; the programme may not be published yet".into(),
        )
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

/// Words that open an end time in brackets: `(until 17:00)`, `(bis 17 Uhr)`,
/// `(〜11:50)`; a dash or a wave dash alone is an open range's end.
const UNTIL: &[&str] = &[
    "ends at",
    "until",
    "till",
    "bis",
    "jusqu'à",
    "jusqu’à",
    "hasta",
    "até",
    "fino alle",
    "tot",
    "〜",
    "～",
    "~",
    "–",
    "—",
    "-",
];

/// An end a row states in words: `(2 hours)`, `(30 mins)`, `(90 minutes)`,
/// `(ends at 17:00)`, `（〜11:50）`.
fn stated_end(title: &str, details: &[String], start: NaiveTime) -> Option<NaiveTime> {
    for text in std::iter::once(title).chain(details.iter().map(String::as_str)) {
        // full-width brackets as CJK pages write them
        let lower = text.to_lowercase().replace('（', "(").replace('）', ")");
        for (open, _) in lower.match_indices('(') {
            let inner = lower[open + 1..].split(')').next().unwrap_or("").trim();
            if let Some(rest) = UNTIL.iter().find_map(|w| inner.strip_prefix(w)) {
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

/// A 24-hour time as a clock reading.
fn clock_of(t: NaiveTime) -> Clock {
    Clock { hour: t.hour(), minute: t.minute(), padded: true, ..Clock::default() }
}
