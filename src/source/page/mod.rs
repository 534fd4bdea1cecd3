//! The organisers' own page, a Jekyll Markdown file, read into the model.
//!
//! What is read: the front matter (`title`, `description`, `permalink`);
//! the TL;DR bullets; the `**Organisers:**`, `**Location:**`, `**Time:**`,
//! `**Delivery mode:**` and `**Registration form**` lines; notes such as
//! "*All times are in UTC/GMT*"; agenda tables; the contact `mailto:`.
//! Every claim about the date, the zone and the hours is weighed in
//! `resolve`; every inference is reported, with its place in the file.

mod agenda;
mod render;
mod tokens;
use render::{blocks, frontmatter, html, markdown};
use tokens::{clock, dates, places, words, zones};
mod deadlines;
mod document;
mod interpret;
pub(crate) use document::is_web_url;
mod phrases;
mod resolve;
mod structure;
mod structured;
mod verify;

use std::ops::Range;
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use chrono_tz::Tz;

use crate::diag::{Diagnostic, Location, shown};
use crate::error::{Error, Result};
use crate::model::{Contact, Days, Person, Schedule, Session, Stream, Venue};
use crate::source::Loaded;
use crate::source::json::{is_email, key_from_url};
use crate::time::{self, LocalTime};
use agenda::{Columns, Row};
use document::{Document, Line, plain_text};
use phrases::ZonePhrase;
use resolve::{Claim, DateChoice, ZoneSource};

pub use super::Overrides;

/// Weights: how deliberate a statement looks.
const TIME_LINE: u32 = 3;
const FRONT_MATTER: u32 = 3;
const TLDR: u32 = 2;
const ZONE_NOTE: u32 = 2;

/// Reads a page. `path` names it in diagnostics.
///
/// # Errors
///
/// The page names no event (no date, or no times and no agenda), its date
/// or zone cannot be decided from the evidence, or a time does not exist;
/// each error says what was looked for and what to pass.
///
/// # Example
///
/// ```
/// let page = "# Spring meetup\n\nThursday, March 14th, 2024 at 6:30 PM, at the library in Edinburgh.\n";
/// let loaded = symcal::source::page::parse(page, "meetup.md".as_ref(), Default::default())?;
/// let s = &loaded.schedule;
/// assert_eq!(s.zone, symcal::chrono_tz::Europe::London);
/// assert_eq!(s.sessions[0].start.to_string(), "2024-03-14 18:30:00");
/// # Ok::<(), symcal::Error>(())
/// ```
pub fn parse(text: &str, path: &Path, overrides: Overrides) -> Result<Loaded> {
    // The labelled reader knows pages that state their event in a
    // description, a TL;DR and `**Time:**`/`**Location:**` lines; its result
    // stands when the page itself gave it the date. Every other page, and
    // every page whose date comes from `--date`, goes to the general reader,
    // which knows far more layouts and refuses what it cannot place.
    // (a page with none of its places has no date it could find)
    let lower = text.to_ascii_lowercase();
    let has_labels =
        ["description", "tl;dr", "**time:**", "all times"].iter().any(|l| lower.contains(l));
    if !has_labels {
        return interpret::parse(text, path, overrides, false);
    }
    let labelled = parse_labelled(text, path, overrides);
    let general = || interpret::parse(text, path, overrides, false);
    match labelled {
        Ok(loaded) if overrides.date.is_none() => Ok(loaded),
        // with `--date`, the labelled reader's richer reading stands only
        // where the general reader finds the same sessions at the same times
        Ok(loaded) => match general() {
            Ok(g) if same_times(&g, &loaded) => Ok(loaded),
            Ok(g) => Ok(g),
            Err(_) => Ok(loaded),
        },
        Err(_) => general(),
    }
}

fn same_times(a: &Loaded, b: &Loaded) -> bool {
    let times = |l: &Loaded| {
        let mut t: Vec<NaiveDateTime> = l.schedule.sessions.iter().map(|s| s.start).collect();
        t.sort();
        t
    };
    a.schedule.zone == b.schedule.zone && times(a) == times(b)
}

/// Each session time checked against the zone's clock changes: a time in
/// the spring gap does not exist (the message, for an error); one in the
/// autumn overlap happens twice (a warning each).
fn check_local_times(
    sessions: &[Session],
    zone: Tz,
    path: &Path,
) -> (Vec<Diagnostic>, Option<String>) {
    let mut twice = Vec::new();
    for (i, s) in sessions.iter().enumerate() {
        for t in [Some(s.start), s.end].into_iter().flatten() {
            let what = format!("session {} (`{}`) is at {t}", i + 1, shown(&s.title));
            match time::resolve(zone, t) {
                LocalTime::Unique(_) => {}
                LocalTime::Gap => {
                    return (twice, Some(format!("{what}, which does not exist in {}", zone.name())));
                }
                LocalTime::Ambiguous { .. } => twice.push(
                    Diagnostic::warning(format!("{what}, which happens twice in {}", zone.name()))
                        .at(Location::file(path))
                        .help("the clocks go back over it; calendars read it as the first of the two (RFC 5545 §3.3.5)"),
                ),
            }
        }
    }
    (twice, None)
}

/// The blocks of a Markdown page (after its front matter).
fn markdown_page(text: &str) -> blocks::Page {
    let split = frontmatter::split(text);
    let mut builder = blocks::Builder::new();
    markdown::feed(split.body, split.body_start, &mut builder);
    builder.finish()
}

/// The notes and warnings of a page's dates, placed in `text`.
fn dated_diagnostics(found: &deadlines::Found, path: &Path, text: &str) -> Vec<Diagnostic> {
    found
        .findings
        .iter()
        .map(|f| {
            let d = if f.warning {
                Diagnostic::warning(f.message.clone())
            } else {
                Diagnostic::note(f.message.clone())
            };
            d.at(Location::span(path, text, f.at.min(text.len()), 1)).help(f.help.clone())
        })
        .collect()
}

/// The page's permalink, from its front matter, if it has one.
#[cfg(feature = "site")]
pub(crate) fn permalink(text: &str) -> Option<String> {
    frontmatter::split(text)
        .get("permalink")
        .map(|f| f.value.trim().to_owned())
        .filter(|p| !p.is_empty())
}

/// Reads a whole HTML page (`.html`, `.htm`).
///
/// # Errors
///
/// As for [`parse`].
pub fn parse_html(text: &str, path: &Path, overrides: Overrides) -> Result<Loaded> {
    interpret::parse(text, path, overrides, true)
}

/// The labelled reader alone.
fn parse_labelled(text: &str, path: &Path, overrides: Overrides) -> Result<Loaded> {
    Reader { text, path, doc: Document::parse(text), found: Vec::new() }.read(overrides)
}

struct Reader<'a> {
    text: &'a str,
    path: &'a Path,
    doc: Document<'a>,
    found: Vec<Diagnostic>,
}

/// A labelled line such as `**Time:** 14:00 – 16:45`: the value after the
/// label, with its offset.
struct Labelled<'a> {
    value: &'a str,
    start: usize,
}

impl<'a> Reader<'a> {
    fn span(&self, range: &Range<usize>) -> Location {
        Location::span(self.path, self.text, range.start, range.end - range.start)
    }

    fn slice(&self, range: &Range<usize>) -> String {
        self.text.get(range.clone()).unwrap_or("").to_owned()
    }

    fn fail(&self, message: String, at: Option<Range<usize>>, help: &str) -> Error {
        let mut d = Diagnostic::error(message).help(help);
        d = d.at(match at {
            Some(r) => self.span(&r),
            None => Location::file(self.path),
        });
        let mut all = vec![d];
        all.extend(self.found.iter().cloned());
        Error::invalid(all)
    }

    /// The line whose text has `label` (e.g. `**Time:**`), and what follows.
    fn labelled(&self, labels: &[&str]) -> Option<Labelled<'a>> {
        self.doc.body.iter().find_map(|line| {
            // ASCII lower-casing keeps byte positions; Unicode's may not
            let lower = line.text.to_ascii_lowercase();
            labels.iter().find_map(|label| {
                let at = lower.find(&label.to_ascii_lowercase())?;
                let value = line.text.get(at + label.len()..)?;
                Some(Labelled { value, start: line.offset_of(value) })
            })
        })
    }

    /// The lines under the first heading whose text contains `name`
    /// (case-insensitive), up to the next heading.
    fn section(&self, name: &str) -> &[Line<'a>] {
        let body = &self.doc.body;
        let Some(start) = body
            .iter()
            .position(|l| is_heading(l.text) && l.text.to_ascii_lowercase().contains(name))
        else {
            return &[];
        };
        let rest = &body[start + 1..];
        let len = rest.iter().position(|l| is_heading(l.text)).unwrap_or(rest.len());
        &rest[..len]
    }

    /// The TL;DR's bullets (Markdown or HTML list items).
    fn tldr(&self) -> Vec<Line<'a>> {
        self.section("tl;dr")
            .iter()
            .filter(|l| {
                let t = l.text.trim_start();
                t.starts_with("- ") || t.starts_with("* ") || t.contains("<li")
            })
            .copied()
            .collect()
    }

    fn read(mut self, overrides: Overrides) -> Result<Loaded> {
        let title = self.doc.field("title").map(|f| f.value.trim().to_owned()).unwrap_or_default();
        let description = self.doc.field("description").map(|f| (f.value.to_owned(), f.start));
        let permalink = self.doc.field("permalink").map(|f| (f.value.to_owned(), f.start));
        let key = permalink
            .as_ref()
            .and_then(|(p, _)| key_from_url(&format!("https://site{}", ensure_slash(p))))
            .or_else(|| self.path.file_stem().map(|s| crate::slug::slugify(&s.to_string_lossy())))
            .unwrap_or_default();

        // ---- claims
        let mut dates: Vec<Claim<NaiveDate>> = Vec::new();
        let mut partial: Vec<(phrases::DatePhrase, usize)> = Vec::new();
        let mut zones: Vec<Claim<ZonePhrase>> = Vec::new();
        let mut spans: Vec<Claim<(NaiveTime, Option<NaiveTime>)>> = Vec::new();
        let mut collect =
            |text: &str, offset: usize, weight: u32, source: &'static str, with_span: bool| {
                for p in phrases::dates(text) {
                    let span = offset + p.range.start..offset + p.range.end;
                    match p.date() {
                        Some(value) => dates.push(Claim { value, span, weight, source }),
                        None if p.year.is_none() => partial.push((p, offset)),
                        None => {}
                    }
                }
                for (z, r) in phrases::zones(text) {
                    zones.push(Claim {
                        value: z,
                        span: offset + r.start..offset + r.end,
                        weight,
                        source,
                    });
                }
                if with_span
                    && let Some(t) = phrases::time_range(text, false)
                    && let Some(start) = t.start.time()
                {
                    let span = offset + t.range.start..offset + t.range.end;
                    spans.push(Claim {
                        value: (start, t.end.and_then(|e| e.time())),
                        span,
                        weight,
                        source,
                    });
                }
            };
        if let Some((d, start)) = &description {
            collect(d, *start, FRONT_MATTER, "the front matter's `description`", false);
        }
        let tldr = self.tldr();
        for line in &tldr {
            collect(line.text, line.start, TLDR, "the TL;DR", true);
        }
        let time_line = self.labelled(&["**Time:**"]);
        if let Some(l) = &time_line {
            collect(l.value, l.start, TIME_LINE, "the **Time:** line", true);
        }
        for line in &self.doc.body {
            let plain = plain_text(line.text).0;
            if plain.to_lowercase().starts_with("all times") {
                collect(line.text, line.start, ZONE_NOTE, "the time-zone note", false);
            }
        }
        let permalink_year =
            permalink.as_ref().and_then(|(p, _)| phrases::first_year(p)).map(|(y, _)| y);

        // ---- the date
        let date = match resolve::choose_date(&dates, permalink_year, &zones, overrides.date) {
            DateChoice::Chosen { date, overruled, .. } => {
                for f in overruled {
                    self.found
                        .push(Diagnostic::warning(f.message).at(self.span(&f.span)).help(f.help));
                }
                date
            }
            DateChoice::Tied(a, b) => {
                return Err(self.fail(
                    format!(
                        "the page gives two dates, {} and {}, with equal support",
                        resolve::long_date(a),
                        resolve::long_date(b)
                    ),
                    dates.first().map(|c| c.span.clone()),
                    "pass `--date YYYY-MM-DD`, or correct the page",
                ));
            }
            DateChoice::None => match (partial.first(), permalink_year) {
                (Some((p, offset)), Some(year))
                    if NaiveDate::from_ymd_opt(year, p.month, p.day).is_some() =>
                {
                    let date = NaiveDate::from_ymd_opt(year, p.month, p.day).expect("checked");
                    let span = offset + p.range.start..offset + p.range.end;
                    self.found.push(
                        Diagnostic::note(format!(
                            "`{}` has no year: read as {} from the permalink",
                            self.slice(&span),
                            resolve::long_date(date)
                        ))
                        .at(self.span(&span)),
                    );
                    date
                }
                _ => {
                    let tbc = tldr.iter().find(|l| l.text.to_lowercase().contains("date: tbc"));
                    return Err(match tbc {
                        Some(l) => self.fail(
                            "the event's date is still to be confirmed".into(),
                            Some(l.start..l.start + l.text.len()),
                            "there is nothing to put in a calendar yet; pass `--date` once it is known",
                        ),
                        None => self.fail(
                            format!("no event date found in `{}`", self.path.display()),
                            None,
                            "looked for a date such as `Jun 30th 2025` in the front matter's `description`, the TL;DR and a `**Time:**` line; this page may announce no event (a call for papers?); pass `--date` if it does",
                        ),
                    });
                }
            },
        };

        // ---- the venue, the stream, people
        let location = self.labelled(&["**Location:**"]);
        let venue = location
            .as_ref()
            .map(|l| venue(l.value))
            .or_else(|| {
                // a TL;DR bullet `Location: Strasbourg, France (in person only)`
                tldr.iter().find_map(|l| {
                    let text = l.text.trim().trim_start_matches(['-', '*']).trim_start();
                    let value = text.strip_prefix("Location:")?;
                    let v = venue(value.split(" (").next().unwrap_or(value));
                    (!v.name.is_empty()).then_some(v)
                })
            })
            .or_else(|| {
                tldr.iter().find_map(|l| {
                    let plain = plain_text(l.text).0;
                    let room = plain.split("Room:").nth(1)?.trim().trim_end_matches('.');
                    Some(Venue { name: format!("Room {room}"), address: None, geo: None })
                })
            });
        let delivery = self.labelled(&["**Delivery mode:**"]);
        let online = self.stream(delivery.as_ref().map(|d| d.value), &tldr);
        let organizers = self.organizers();
        let contact = self.contact(&organizers);
        let registration = self
            .labelled(&["**Registration form**", "**Registration:**"])
            .and_then(|l| plain_text(l.value).1.into_iter().find(|u| is_web_url(u)))
            .or_else(|| {
                tldr.iter()
                    .filter(|l| l.text.to_lowercase().contains("regist"))
                    .find_map(|l| plain_text(l.text).1.into_iter().find(|u| is_web_url(u)))
            });

        // ---- the zone
        let (zone, zone_source) = match overrides.zone {
            Some(z) => (z, ZoneSource::Forced),
            None => match self.zone(location.as_ref(), &zones, &tldr, &title) {
                Some(found) => found,
                None => {
                    return Err(self.fail(
                        format!("`{}` does not say which time zone its times are in", self.path.display()),
                        None,
                        "looked for a zone (`British Summer Time`, `UTC+1`, `GMT`), a venue in a place with one zone, and a place such as `(South Korea)`; pass `--timezone` with an IANA name such as `Europe/Athens`",
                    ));
                }
            },
        };
        if let ZoneSource::Place(place) = &zone_source {
            self.found.push(
                Diagnostic::note(format!(
                    "no time zone is stated: read the times in {} from `{place}`",
                    zone.name()
                ))
                .at(Location::file(self.path))
                .help("state the zone on the page (\"All times are in …\"), or pass `--timezone`"),
            );
        }

        // ---- the hours
        let slice = |r: &Range<usize>| self.text.get(r.clone()).unwrap_or("").to_owned();
        // hours that end before they start are a typo, not evidence
        let (spans, backwards): (Vec<_>, Vec<_>) =
            spans.into_iter().partition(|c| c.value.1.is_none_or(|end| end > c.value.0));
        for c in &backwards {
            self.found.push(
                Diagnostic::warning(format!(
                    "{} gives hours `{}` that end before they start",
                    c.source,
                    slice(&c.span)
                ))
                .at(self.span(&c.span))
                .help("these hours are not used; correct them"),
            );
        }
        let (span, span_findings) = resolve::choose_span(&spans, &slice);
        for f in span_findings {
            self.found.push(Diagnostic::warning(f.message).at(self.span(&f.span)).help(f.help));
        }
        let event_start = span.as_ref().map(|c| date.and_time(c.value.0));
        let event_end = span.as_ref().and_then(|c| c.value.1).map(|e| date.and_time(e));
        let noon = date.and_hms_opt(12, 0, 0).expect("noon exists");
        let zone_findings = resolve::check_zone_claims(
            &zones,
            zone,
            event_start.unwrap_or(noon),
            &zone_source,
            &slice,
        );
        for f in zone_findings {
            self.found.push(Diagnostic::warning(f.message).at(self.span(&f.span)).help(f.help));
        }
        if matches!(zone_source, ZoneSource::Phrase(_))
            && zone == Tz::UTC
            && let Some(z) = zones.iter().find(|z| z.value == ZonePhrase::Utc)
            && resolve::london_on_summer_time(date)
        {
            self.found.push(
                Diagnostic::warning(format!(
                    "read `{}` as UTC+0; on {} UK clocks were on BST (UTC+1)",
                    slice(&z.span),
                    resolve::long_date(date)
                ))
                .at(self.span(&z.span))
                .help("if UK time was meant, pass `--timezone Europe/London`, and write `BST` on the page"),
            );
        }

        // ---- the dates before the event
        let page = markdown_page(self.text);
        let dated = deadlines::read(
            &page,
            deadlines::Context { event_day: Some(date), zone: Some(zone), sections_only: false },
        );
        self.found.extend(dated_diagnostics(&dated, self.path, self.text));
        let mut days = None;

        // ---- the sessions
        let mut sessions = self.sessions(date, event_end);
        if sessions.is_empty() {
            match span.as_ref() {
                Some(c) => {
                    let start = date.and_time(c.value.0);
                    let end = c.value.1.map(|e| date.and_time(e));
                    sessions.push(Session {
                        id: None,
                        start,
                        end,
                        title: title.clone(),
                        title_tbc: false,
                        presenters: Vec::new(),
                        presenters_tbc: false,
                        kind: agenda::kind_of(
                            &description.as_ref().map(|d| d.0.clone()).unwrap_or_default(),
                            "",
                        ),
                        room: None,
                        description: None,
                    });
                    self.found.push(
                        Diagnostic::note("no agenda table: the whole event is one session")
                            .at(self.span(&c.span)),
                    );
                }
                None => {
                    // dates and no times: an all-day event, unless a time
                    // outside the dates shows a programme this reader missed
                    let untimed = dated
                        .event
                        .map(|e| e.0)
                        .filter(|d| d.first == date)
                        .unwrap_or(Days { first: date, last: date });
                    match deadlines::time_outside(&page, &dated) {
                        None if dated.tbd.is_none() => {
                            self.found.push(
                                Diagnostic::note(format!(
                                    "no times yet: the event is written as an all-day event on {}",
                                    resolve::long_date(date)
                                ))
                                .at(Location::file(self.path))
                                .help("once the programme is on the page, the same event gets its times"),
                            );
                            days = Some(untimed);
                        }
                        _ => {
                            return Err(self.fail(
                                format!("no times found for the event on {}", resolve::long_date(date)),
                                None,
                                "looked for an agenda table with a `Time` column and for hours such as `14:00 – 16:45` in the TL;DR or a `**Time:**` line",
                            ));
                        }
                    }
                }
            }
        }
        let (twice, gap) = check_local_times(&sessions, zone, self.path);
        self.found.extend(twice);
        if let Some(gap) = gap {
            return Err(self.fail(gap, None, "the clocks go forward over it; correct the time"));
        }

        let schedule = Schedule {
            key,
            title,
            description: description.map(|d| d.0).filter(|d| !d.trim().is_empty()),
            url: None,
            zone,
            venue,
            online,
            organizers,
            contact,
            registration,
            start: event_start,
            end: event_end.filter(|e| Some(*e) > event_start),
            updated: None,
            sessions,
            days,
            deadlines: dated.deadlines,
        };
        Ok(Loaded { schedule, diagnostics: self.found })
    }

    /// The zone from the venue, else the page's zone phrases, else a place
    /// it names.
    fn zone(
        &self,
        location: Option<&Labelled<'_>>,
        zones: &[Claim<ZonePhrase>],
        tldr: &[Line<'_>],
        title: &str,
    ) -> Option<(Tz, ZoneSource)> {
        if let Some(l) = location
            && let Some((zone, range)) = places::zone_of_place(&plain_text(l.value).0)
        {
            let name = plain_text(l.value).0.get(range).unwrap_or("").to_owned();
            return Some((zone, ZoneSource::Venue(name)));
        }
        if let Some(best) =
            zones.iter().max_by_key(|z| (z.weight, z.value == ZonePhrase::BritishSummerTime))
        {
            return Some((
                resolve::zone_of_phrase(best.value),
                ZoneSource::Phrase(self.slice(&best.span)),
            ));
        }
        let mut texts: Vec<String> = tldr.iter().map(|l| plain_text(l.text).0).collect();
        texts.push(title.to_owned());
        texts.iter().find_map(|t| {
            let (zone, place) = places::zone_of_parenthesised_place(t)?;
            Some((zone, ZoneSource::Place(place)))
        })
    }

    fn stream(&self, delivery: Option<&str>, tldr: &[Line<'_>]) -> Option<Stream> {
        let said = match delivery {
            Some(d) => d.to_owned(),
            None => tldr
                .iter()
                .map(|l| l.text)
                .find(|t| {
                    let t = t.to_lowercase();
                    t.contains("virtual") || t.contains("online") || t.contains("hybrid")
                })?
                .to_owned(),
        };
        let (plain, links) = plain_text(&said);
        let lower = plain.to_lowercase();
        if lower.contains("in person only") || lower.contains("in-person only") {
            return None;
        }
        if !(lower.contains("zoom")
            || lower.contains("teams")
            || lower.contains("online")
            || lower.contains("virtual")
            || lower.contains("stream")
            || lower.contains("webinar")
            || lower.contains("hybrid"))
        {
            return None;
        }
        let platform = [
            ("zoom", "Zoom"),
            ("teams", "Microsoft Teams"),
            ("google meet", "Google Meet"),
            ("youtube", "YouTube"),
        ]
        .iter()
        .find(|(k, _)| lower.contains(k))
        .map(|(_, v)| (*v).to_owned());
        let url = links.into_iter().find(|u| {
            let u = u.to_lowercase();
            u.starts_with("https://")
                && (u.contains("zoom.") || u.contains("teams.") || u.contains("meet.google"))
        });
        let note = plain
            .split('(')
            .skip(1)
            .filter_map(|p| p.split(')').next())
            .find(|p| {
                let p = p.to_lowercase();
                p.contains("follow") || p.contains("tbc") || p.contains("to be")
            })
            .map(str::to_owned);
        // "Hybrid – Streamed as a webinar on Zoom (details to follow)"
        let label = plain
            .split(['–', '—'])
            .nth(1)
            .map(|s| s.split('(').next().unwrap_or(s).trim().to_owned())
            .filter(|s| !s.is_empty() && delivery.is_some());
        Some(Stream { platform, url, label, note })
    }

    /// `**Organisers:** A (X), B (Y)`, or the lines of an Organizers section
    /// (`**Name**, Affiliation`).
    fn organizers(&self) -> Vec<Person> {
        if let Some(l) = self.labelled(&[
            "**Organisers:**",
            "**Organizers:**",
            "**Organiser:**",
            "**Organizer:**",
        ]) {
            return agenda::presenter_title(&plain_text(l.value).0.replace(", ", " / "), "")
                .presenters;
        }
        self.section("organi")
            .iter()
            .filter_map(|l| {
                let t = l.text.trim();
                let rest = t.strip_prefix("**")?;
                let (name, after) = rest.split_once("**")?;
                let affiliation = plain_text(after.trim_start_matches([',', ' '])).0;
                Some(Person {
                    name: name.trim().to_owned(),
                    affiliation: Some(affiliation).filter(|a| !a.is_empty()),
                })
            })
            .collect()
    }

    /// The first email address of the page (a `mailto:` link, else one
    /// written out in the Contacts section), named when it belongs to a
    /// listed organiser.
    fn contact(&mut self, organizers: &[Person]) -> Option<Contact> {
        // only a link counts: `href="mailto:…"`, `](mailto:…)` or `<mailto:…>`,
        // not the text "mailto:" written in an agenda cell
        let mailto = self.doc.body.iter().find_map(|l| {
            let at = ["href=\"mailto:", "](mailto:", "<mailto:"]
                .iter()
                .find_map(|p| l.text.find(p).map(|i| i + p.len()))?;
            let rest = &l.text[at..];
            let end = rest.find(['"', ')', '\'', '>', ' ', '?']).unwrap_or(rest.len());
            Some((percent_decode(&rest[..end]), l.start + at..l.start + at + end))
        });
        let email = match mailto {
            Some((email, _)) if is_email(&email) => email,
            Some((email, span)) => {
                // a link that is not one plain address (encoded line breaks,
                // a second recipient) gives no organiser at all
                self.found.push(
                    Diagnostic::warning(format!(
                        "`mailto:{}` is not a single email address",
                        shown(&email)
                    ))
                    .at(self.span(&span))
                    .help("the calendars get no ORGANIZER; link one plain address"),
                );
                return None;
            }
            None => self.section("contact").iter().find_map(|l| {
                l.text
                    .split(|c: char| c.is_whitespace() || "()<>,;".contains(c))
                    .map(|w| w.trim_end_matches('.'))
                    .find(|w| is_email(w))
                    .map(str::to_owned)
            })?,
        };
        let local = email.split('@').next().unwrap_or("").to_lowercase();
        let name = organizers
            .iter()
            .find(|p| {
                let parts: Vec<String> = p
                    .name
                    .split_whitespace()
                    .map(|w| crate::slug::slugify(w).replace('-', ""))
                    .collect();
                let (Some(first), Some(last)) = (parts.first(), parts.last()) else { return false };
                let initial = first.chars().next().map(String::from).unwrap_or_default();
                [
                    format!("{initial}{last}"),
                    format!("{first}.{last}"),
                    format!("{first}{last}"),
                    format!("{first}_{last}"),
                ]
                .contains(&local)
            })
            .map(|p| p.name.clone());
        Some(Contact { name, email })
    }

    fn sessions(&mut self, date: NaiveDate, event_end: Option<NaiveDateTime>) -> Vec<Session> {
        let mut tables = agenda::tables(&self.doc.body);
        if tables.is_empty() {
            tables.extend(agenda::html_table(&self.doc.body));
        }
        let mut sessions: Vec<Session> = Vec::new();
        let mut places: Vec<Range<usize>> = Vec::new();
        let mut inferred_afternoon: Vec<Range<usize>> = Vec::new();
        for table in &tables {
            let mut section: Option<String> = None;
            let timed: Vec<&Row<'_>> =
                table.rows.iter().filter(|r| matches!(r, Row::Timed { .. })).collect();
            let clocks: Vec<phrases::Clock> = timed
                .iter()
                .flat_map(|r| match r {
                    Row::Timed { start, end, .. } => [Some(*start), *end],
                    _ => [None, None],
                })
                .flatten()
                .collect();
            let readings = agenda::read_clocks(&clocks);
            let mut next_reading = readings.into_iter();
            for row in &table.rows {
                match row {
                    Row::Section(name) => section = Some(name.clone()),
                    Row::Continuation(text) => {
                        if let Some(s) = sessions.last_mut() {
                            let summary = s.description.get_or_insert_with(String::new);
                            if !summary.is_empty() {
                                summary.push('\n');
                            }
                            summary.push_str("• ");
                            summary.push_str(text);
                        }
                    }
                    Row::Timed { end, time: time_range, cells, .. } => {
                        let start_reading = next_reading.next().flatten();
                        let mut end_reading =
                            if end.is_some() { next_reading.next().flatten() } else { None };
                        let Some(start_reading) = start_reading else { continue };
                        if let Some(e) = end_reading.filter(|e| e.time <= start_reading.time) {
                            self.found.push(
                                Diagnostic::warning(format!(
                                    "`{}` ends at {}, not after it starts at {}",
                                    self.slice(time_range),
                                    agenda::hhmm(e.time),
                                    agenda::hhmm(start_reading.time)
                                ))
                                .at(self.span(time_range))
                                .help("this end is not used; correct it"),
                            );
                            end_reading = None;
                        }
                        if start_reading.afternoon_inferred {
                            inferred_afternoon.push(time_range.clone());
                        }
                        let text_of = |i: usize| cells.get(i).map_or("", |c| c.text);
                        let content = match table.columns {
                            Columns::PresenterTitle { presenter, title } => {
                                agenda::presenter_title(text_of(presenter), text_of(title))
                            }
                            Columns::Combined(i) => agenda::combined(text_of(i)),
                        };
                        let mut summary = section.as_ref().map(|s| format!("Part of {s}"));
                        for link in &content.links {
                            let s = summary.get_or_insert_with(String::new);
                            if !s.is_empty() {
                                s.push('\n');
                            }
                            s.push_str(link);
                        }
                        sessions.push(Session {
                            id: None,
                            start: date.and_time(start_reading.time),
                            end: end_reading.map(|r| date.and_time(r.time)),
                            title: content.title,
                            title_tbc: content.title_tbc,
                            presenters: content.presenters,
                            presenters_tbc: content.presenters_tbc,
                            kind: content.kind,
                            room: None,
                            description: summary,
                        });
                        places.push(time_range.clone());
                    }
                }
            }
        }
        if let Some(first) = inferred_afternoon.first() {
            self.found.push(
                Diagnostic::note(format!(
                    "read {} agenda times without am/pm as afternoon, from `{}`",
                    inferred_afternoon.len(),
                    self.slice(first)
                ))
                .at(self.span(first))
                .help("write 24-hour times (`13:30`) to make them unambiguous"),
            );
        }
        self.fill_ends(&mut sessions, &places, event_end);
        sessions
    }

    /// Gives start-only rows an end from the page's own evidence, and says
    /// which rule applied.
    fn fill_ends(
        &mut self,
        sessions: &mut [Session],
        places: &[Range<usize>],
        event_end: Option<NaiveDateTime>,
    ) {
        for i in 0..sessions.len() {
            if sessions[i].end.is_some() {
                continue;
            }
            let start = sessions[i].start;
            let at = self.span(&places[i]);
            let what = format!(
                "`{}` at {}",
                shown(&agenda_title(&sessions[i])),
                agenda::hhmm(start.time())
            );
            let next = sessions.get(i + 1).map(|s| s.start);
            let (end, rule) = match next {
                Some(n) if n > start => (Some(n), "ends where the next row starts".to_owned()),
                Some(_) => (None, "has no end: it starts together with the next row".to_owned()),
                None => match event_end {
                    Some(e) if e > start => {
                        (Some(e), format!("ends with the event, at {}", agenda::hhmm(e.time())))
                    }
                    _ => (
                        None,
                        "has no end: it is the last row and the page gives no end for the event"
                            .to_owned(),
                    ),
                },
            };
            sessions[i].end = end;
            self.found.push(Diagnostic::note(format!("{what} {rule}")).at(at));
        }
    }
}

fn agenda_title(s: &Session) -> String {
    if s.title.is_empty() { "(to be confirmed)".into() } else { s.title.clone() }
}

fn is_heading(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with('#') || t.starts_with("<h1") || t.starts_with("<h2") || t.starts_with("<h3")
}

fn ensure_slash(p: &str) -> String {
    if p.starts_with('/') { p.to_owned() } else { format!("/{p}") }
}

/// The venue of a `**Location:**` value: the text before the directions
/// link, with coordinates from a Google Maps link.
fn venue(value: &str) -> Venue {
    let cut = value.find(" ([").or_else(|| value.find(" [")).unwrap_or(value.len());
    let name = plain_text(&value[..cut]).0.trim_end_matches([',', ' ']).to_owned();
    let geo = plain_text(value).1.iter().find_map(|u| places::google_maps_geo(u));
    Venue { name, address: None, geo }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(v) = s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
