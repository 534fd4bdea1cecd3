//! Labelled evidence: what a page states in labelled lines and a summary.
//!
//! Many event pages (the FAIMI site's among them) state their event in a
//! few deliberate places: a front-matter `description` ("Hybrid Symposium,
//! Jun 30th 2025"), a TL;DR list, and labelled lines (`**Time:** 14:00 –
//! 16:45 British Summer Time`, `**Location:**`, `**Organisers:**`,
//! `**Delivery mode:**`, `**Registration form**`), with notes such as
//! "*All times are in UTC/GMT*". Each is a claim with its place and a
//! weight for how deliberate it looks (a `**Time:**` line outweighs a TL;DR
//! bullet); `resolve` weighs the claims. The agenda itself is read by the
//! structure stage like any other page's.

use std::ops::Range;
use std::path::Path;

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;

use super::super::document::{Document, Line, is_web_url, plain_text};
use super::super::phrases::{self, ZonePhrase};
use super::super::places;
use super::super::resolve::{self, Claim, ZoneSource};
use super::content;
use crate::diag::{Diagnostic, Location, shown};
use crate::model::{Contact, Person, Stream, Venue};
use crate::source::json::is_email;

/// Weights: how deliberate a statement looks.
const TIME_LINE: u32 = 3;
const FRONT_MATTER: u32 = 3;
const TLDR: u32 = 2;
const ZONE_NOTE: u32 = 2;

/// A labelled line such as `**Time:** 14:00 – 16:45`: the value after the
/// label, with its offset.
pub(super) struct Labelled<'a> {
    pub(super) value: &'a str,
    pub(super) start: usize,
}

/// Labelled hours: the start and end, the claim's source, its offset.
pub(super) type LabelledHours = ((NaiveTime, Option<NaiveTime>), &'static str, usize);

/// The page's labelled claims.
pub(super) struct Labels<'a> {
    text: &'a str,
    path: &'a Path,
    doc: Document<'a>,
    pub(super) dates: Vec<Claim<NaiveDate>>,
    /// Dates written without a year, with the offset of their text.
    pub(super) partial: Vec<(phrases::DatePhrase, usize)>,
    pub(super) zones: Vec<Claim<ZonePhrase>>,
    pub(super) spans: Vec<Claim<(NaiveTime, Option<NaiveTime>)>>,
    pub(super) permalink_year: Option<i32>,
    pub(super) tldr: Vec<Line<'a>>,
    pub(super) location: Option<Labelled<'a>>,
}

impl<'a> Labels<'a> {
    /// Reads the labelled claims of a Markdown page.
    pub(super) fn read(text: &'a str, path: &'a Path) -> Labels<'a> {
        let doc = Document::parse(text);
        let mut l = Labels {
            text,
            path,
            doc,
            dates: Vec::new(),
            partial: Vec::new(),
            zones: Vec::new(),
            spans: Vec::new(),
            permalink_year: None,
            tldr: Vec::new(),
            location: None,
        };
        let description = l.doc.field("description").map(|f| (f.value, f.start));
        let permalink = l.doc.field("permalink").map(|f| f.value);
        l.permalink_year = permalink.and_then(phrases::first_year).map(|(y, _)| y);
        if let Some((d, start)) = description {
            l.collect(d, start, FRONT_MATTER, "the front matter's `description`", false);
        }
        l.tldr = l.tldr_lines();
        for line in l.tldr.clone() {
            l.collect(line.text, line.start, TLDR, "the TL;DR", true);
        }
        if let Some(t) = l.labelled(&["**Time:**"]) {
            l.collect(t.value, t.start, TIME_LINE, "the **Time:** line", true);
        }
        let notes: Vec<Line<'a>> = l
            .doc
            .body
            .iter()
            .filter(|line| {
                may_say_all_times(line.text)
                    && plain_text(line.text).0.to_lowercase().starts_with("all times")
            })
            .copied()
            .collect();
        for line in notes {
            l.collect(line.text, line.start, ZONE_NOTE, "the time-zone note", false);
        }
        l.location = l.labelled(&["**Location:**"]);
        l
    }

    /// Whether the page states its event in labelled form: a `**Time:**`
    /// line, a `**Location:**` line or a TL;DR list. Its claims then weigh
    /// over what headings and prose say.
    pub(super) fn strong(&self) -> bool {
        !self.tldr.is_empty() || self.location.is_some() || self.labelled(&["**Time:**"]).is_some()
    }

    /// The text of `range`, for messages.
    pub(super) fn slice(&self, range: &Range<usize>) -> String {
        self.text.get(range.clone()).unwrap_or("").to_owned()
    }

    /// Whether the page states its date in labelled places.
    pub(super) fn has_date(&self) -> bool {
        !self.dates.is_empty() || (!self.partial.is_empty() && self.permalink_year.is_some())
    }

    fn collect(
        &mut self,
        text: &str,
        offset: usize,
        weight: u32,
        source: &'static str,
        with_span: bool,
    ) {
        for p in phrases::dates(text) {
            let span = offset + p.range.start..offset + p.range.end;
            match p.date() {
                Some(value) => self.dates.push(Claim { value, span, weight, source }),
                None if p.year.is_none() => self.partial.push((p, offset)),
                None => {}
            }
        }
        for (z, r) in phrases::zones(text) {
            self.zones.push(Claim {
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
            self.spans.push(Claim {
                value: (start, t.end.and_then(|e| e.time())),
                span,
                weight,
                source,
            });
        }
    }

    fn span(&self, range: &Range<usize>) -> Location {
        Location::span(self.path, self.text, range.start, range.end - range.start)
    }

    /// The line whose text has `label` (e.g. `**Time:**`), and what follows.
    fn labelled(&self, labels: &[&str]) -> Option<Labelled<'a>> {
        // each label lower-cased and its searcher built once, not per line
        let finders: Vec<(usize, memchr::memmem::Finder<'static>)> = labels
            .iter()
            .map(|l| (l.len(), memchr::memmem::Finder::new(&l.to_ascii_lowercase()).into_owned()))
            .collect();
        self.doc.body.iter().find_map(|line| {
            // ASCII lower-casing keeps byte positions; Unicode's may not
            let lower = line.text.to_ascii_lowercase();
            finders.iter().find_map(|(len, finder)| {
                let at = finder.find(lower.as_bytes())?;
                let value = line.text.get(at + len..)?;
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
    fn tldr_lines(&self) -> Vec<Line<'a>> {
        self.section("tl;dr")
            .iter()
            .filter(|l| {
                let t = l.text.trim_start();
                t.starts_with("- ") || t.starts_with("* ") || t.contains("<li")
            })
            .copied()
            .collect()
    }

    /// The zone from the venue, else the page's zone phrases, else a place
    /// it names.
    pub(super) fn zone(&self, title: &str) -> Option<(Tz, ZoneSource)> {
        let location = self.location.as_ref();
        let zones = &self.zones;
        let tldr = &self.tldr;
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

    /// The venue: the `**Location:**` line, else a TL;DR bullet
    /// `Location: …` or `Room: …`.
    pub(super) fn venue(&self) -> Option<Venue> {
        self.location.as_ref().map(|l| venue(l.value)).or_else(|| {
            self.tldr
                .iter()
                .find_map(|l| {
                    let text = l.text.trim().trim_start_matches(['-', '*']).trim_start();
                    let value = text.strip_prefix("Location:")?;
                    let v = venue(value.split(" (").next().unwrap_or(value));
                    (!v.name.is_empty()).then_some(v)
                })
                .or_else(|| {
                    self.tldr.iter().find_map(|l| {
                        let plain = plain_text(l.text).0;
                        let room = plain.split("Room:").nth(1)?.trim().trim_end_matches('.');
                        Some(Venue { name: format!("Room {room}"), address: None, geo: None })
                    })
                })
        })
    }

    /// How to join online: the `**Delivery mode:**` line, else a TL;DR
    /// bullet that says virtual, online or hybrid.
    pub(super) fn online(&self) -> Option<Stream> {
        let delivery = self.labelled(&["**Delivery mode:**"]);
        self.stream(delivery.as_ref().map(|d| d.value), &self.tldr)
    }

    /// The registration form: the `**Registration form**` line, else a TL;DR
    /// bullet about registering.
    pub(super) fn registration(&self) -> Option<String> {
        self.labelled(&["**Registration form**", "**Registration:**"])
            .and_then(|l| plain_text(l.value).1.into_iter().find(|u| is_web_url(u)))
            .or_else(|| {
                self.tldr
                    .iter()
                    .filter(|l| l.text.to_lowercase().contains("regist"))
                    .find_map(|l| plain_text(l.text).1.into_iter().find(|u| is_web_url(u)))
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
    pub(super) fn organizers(&self) -> Vec<Person> {
        if let Some(l) = self.labelled(&[
            "**Organisers:**",
            "**Organizers:**",
            "**Organiser:**",
            "**Organizer:**",
        ]) {
            return content::presenter_title(&plain_text(l.value).0.replace(", ", " / "), "")
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
    pub(super) fn contact(
        &self,
        organizers: &[Person],
        found: &mut Vec<Diagnostic>,
    ) -> Option<Contact> {
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
                found.push(
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
}

fn is_heading(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with('#') || t.starts_with("<h1") || t.starts_with("<h2") || t.starts_with("<h3")
}

/// The venue of a `**Location:**` value: the text before the directions
/// link, with coordinates from a Google Maps link.
fn venue(value: &str) -> Venue {
    let cut = value.find(" ([").or_else(|| value.find(" [")).unwrap_or(value.len());
    let name = plain_text(&value[..cut]).0.trim_end_matches([',', ' ']).to_owned();
    let geo = plain_text(value).1.iter().find_map(|u| places::google_maps_geo(u));
    Venue { name, address: None, geo }
}

pub(super) fn percent_decode(s: &str) -> String {
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

impl super::Reader<'_> {
    /// The event's date from labelled claims: the best supported (the
    /// permalink's year and a summer-time name support dates they fit),
    /// every overruled claim a warning; a date without a year takes the
    /// permalink's.
    pub(super) fn labelled_day(
        &mut self,
        labels: &Labels<'_>,
        forced: Option<NaiveDate>,
    ) -> crate::error::Result<NaiveDate> {
        use resolve::DateChoice;
        match resolve::choose_date(&labels.dates, labels.permalink_year, &labels.zones, forced) {
            DateChoice::Chosen { date, overruled, because } => {
                let at = labels.dates.iter().find(|c| c.value == date).map(|c| c.span.start);
                self.date_because = Some((because, at));
                for f in overruled {
                    self.found
                        .push(Diagnostic::warning(f.message).at(labels.span(&f.span)).help(f.help));
                }
                Ok(date)
            }
            DateChoice::Tied(a, b) => Err(self.fail(
                format!(
                    "the page gives two dates, {} and {}, with equal support",
                    resolve::long_date(a),
                    resolve::long_date(b)
                ),
                labels.dates.first().map(|c| c.span.start),
                "pass `--date YYYY-MM-DD`, or correct the page".into(),
            )),
            DateChoice::None => {
                let year = labels.permalink_year;
                match (labels.partial.first(), year) {
                    (Some((p, offset)), Some(year))
                        if NaiveDate::from_ymd_opt(year, p.month, p.day).is_some() =>
                    {
                        let date = NaiveDate::from_ymd_opt(year, p.month, p.day).expect("checked");
                        let span = offset + p.range.start..offset + p.range.end;
                        self.found.push(
                            Diagnostic::note(format!(
                                "`{}` has no year: read as {} from the permalink",
                                labels.slice(&span),
                                resolve::long_date(date)
                            ))
                            .at(labels.span(&span)),
                        );
                        Ok(date)
                    }
                    _ => Err(self.fail(
                        format!("no event date found in `{}`", self.path.display()),
                        None,
                        "looked for a date such as `Jun 30th 2025` in the front matter's `description`, the TL;DR and a `**Time:**` line; pass `--date`".into(),
                    )),
                }
            }
        }
    }

    /// The event's hours from labelled claims: the heaviest, the others
    /// warned about; hours that end before they start are not evidence.
    pub(super) fn labelled_hours(&mut self, labels: &Labels<'_>) -> Option<LabelledHours> {
        let (spans, backwards): (Vec<_>, Vec<_>) =
            labels.spans.iter().cloned().partition(|c| c.value.1.is_none_or(|end| end > c.value.0));
        for c in &backwards {
            self.found.push(
                Diagnostic::warning(format!(
                    "{} gives hours `{}` that end before they start",
                    c.source,
                    labels.slice(&c.span)
                ))
                .at(labels.span(&c.span))
                .help("these hours are not used; correct them"),
            );
        }
        let slice = |r: &Range<usize>| labels.slice(r);
        let (span, findings) = resolve::choose_span(&spans, &slice);
        for f in findings {
            self.found.push(Diagnostic::warning(f.message).at(labels.span(&f.span)).help(f.help));
        }
        span.map(|c| (c.value, c.source, c.span.start))
    }

    /// Warnings for labelled zone claims the chosen zone contradicts.
    pub(super) fn check_labelled_zones(
        &mut self,
        labels: &Labels<'_>,
        zone: Tz,
        at: chrono::NaiveDateTime,
        source: &ZoneSource,
    ) {
        let slice = |r: &Range<usize>| labels.slice(r);
        for f in resolve::check_zone_claims(&labels.zones, zone, at, source, &slice) {
            self.found.push(Diagnostic::warning(f.message).at(labels.span(&f.span)).help(f.help));
        }
        if matches!(source, ZoneSource::Phrase(_))
            && zone == Tz::UTC
            && let Some(z) = labels.zones.iter().find(|z| z.value == ZonePhrase::Utc)
            && resolve::london_on_summer_time(at.date())
        {
            self.found.push(
                Diagnostic::warning(format!(
                    "read `{}` as UTC+0; on {} UK clocks were on BST (UTC+1)",
                    labels.slice(&z.span),
                    resolve::long_date(at.date())
                ))
                .at(labels.span(&z.span))
                .help("if UK time was meant, pass `--timezone Europe/London`, and write `BST` on the page"),
            );
        }
    }
}

/// Whether the plain text of `line` may start with `all times`: the
/// letters `alltimes` are in the line in that order (ASCII case aside),
/// or an entity (`&`) may write them. Every letter of a line's plain text
/// is one of its own (markup is dropped, an escape keeps the letter it
/// escapes) but for entities, and lower-casing gives these ASCII letters
/// only from themselves (`İ` gives `i` and a dot after it), so a line
/// without them is not read for the note.
fn may_say_all_times(line: &str) -> bool {
    if line.contains('&') {
        return true;
    }
    let mut want = b"alltimes".iter().peekable();
    for b in line.bytes() {
        if want.peek().is_some_and(|&&w| b.to_ascii_lowercase() == w) {
            want.next();
        }
    }
    want.peek().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_without_the_letters_is_no_zone_note() {
        for line in
            ["**All times** are CEST", "All\\ ti<b>mes</b> in UTC", "&#65;ll times", "ALL TIMES"]
        {
            assert!(may_say_all_times(line), "{line}");
        }
        for line in ["| 08:00 | Talk | Speaker |", "Times are all CEST", "all time"] {
            assert!(!may_say_all_times(line), "{line}");
            assert!(!plain_text(line).0.to_lowercase().starts_with("all times"));
        }
    }
}
