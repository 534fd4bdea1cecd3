//! Dates before the event: "Important dates", "Dates" and "Deadlines"
//! sections (lists, tables, `**Key:** date` lines) and deadline sentences
//! in the text ("fill out this form by June 5").
//!
//! A section's statements apply to its rows: "*All times are 23:59 Pacific
//! Time*" makes each of its deadlines 23:59 in America/Los_Angeles, "All
//! deadlines are AoE" puts them at the end of the day Anywhere on Earth
//! (UTC−12). A row's own time or zone wins over the section's, with a
//! warning when they disagree. Of several dates in a row, the last is the
//! live one (`August 4, 2025 August 18, 2025 extended`; struck-through
//! dates are not visible text at all). A row that names the event itself
//! ("Workshop: Sept 27, 2026") gives the event's days, not a deadline, and
//! one marked TBD gives neither.

use std::ops::Range;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use chrono_tz::Tz;

use super::blocks::{Block, Kind, Page};
use super::{clock, dates, words, zones};
use crate::model::{Days, Deadline, DeadlineKind, Due};

/// What the dates of a page say.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub(crate) deadlines: Vec<Deadline>,
    /// The event's days as a dates section states them, and where.
    pub(crate) event: Option<(Days, usize)>,
    /// Where a dates section says the event's day is not fixed yet.
    pub(crate) tbd: Option<usize>,
    /// Notes and warnings, with their offsets.
    pub(crate) findings: Vec<Finding>,
    /// Blocks that are part of a dates section (or a deadline sentence):
    /// their times are not the programme's.
    pub(crate) blocks: Vec<usize>,
    /// Blocks of dates sections that are not about the event itself: no
    /// date or hours of the event is read from them.
    pub(crate) not_event: Vec<usize>,
    /// Whether a date with a zone and no time was read as 23:59 (said once).
    end_of_day_noted: bool,
}

/// Something to tell the organiser about a date.
#[derive(Debug, Clone)]
pub(crate) struct Finding {
    pub(crate) warning: bool,
    pub(crate) message: String,
    pub(crate) help: String,
    pub(crate) at: usize,
}

impl Finding {
    fn note(message: String, help: &str, at: usize) -> Finding {
        Finding { warning: false, message, help: help.to_owned(), at }
    }

    fn warning(message: String, help: String, at: usize) -> Finding {
        Finding { warning: true, message, help, at }
    }
}

/// How the dates are read: the event's first day (for dates with no
/// year) and the zone of the page (for a time with no zone of its own).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Context {
    pub(crate) event_day: Option<NaiveDate>,
    pub(crate) zone: Option<Tz>,
    /// Read the dates sections only, not the rest of the page's text.
    pub(crate) sections_only: bool,
}

/// The first clock time the page writes outside its dates (and deadline
/// sentences): a sign of a programme the reader did not read.
pub(crate) fn time_outside(page: &Page, found: &Found) -> Option<usize> {
    page.blocks.iter().enumerate().filter(|(i, _)| !found.blocks.contains(i)).find_map(|(_, b)| {
        b.cells.iter().find_map(|c| {
            let span = clock::all(&c.text).into_iter().next()?;
            Some(c.offset + span.range.start)
        })
    })
}

/// Anywhere on Earth: UTC−12 all year (POSIX signs are reversed).
const AOE: Tz = chrono_tz::Etc::GMTPlus12;

/// Words of a heading that opens a dates section.
const SECTION_WORDS: &[&str] = &[
    "dates",
    "deadlines",
    "deadline",
    "timeline",
    "fechas",
    "termine",
    "datas",
    "date importanti",
];

/// Words that say a row is the event itself.
const EVENT_WORDS: &[&str] = &[
    "workshop",
    "conference",
    "symposium",
    "event",
    "meeting",
    "summer school",
    "school",
    "congress",
    "summit",
    "hackathon",
    "day of",
    "main conference",
    "tutorials",
];

/// Abbreviations and phrases that say a date is not fixed (each starts
/// with `tb` or `to`: `has_tbd` looks for those first).
const TBD_WORDS: &[&str] = &["tbd", "tba", "tbc"];
const TBD_PHRASES: &[&str] = &["to be announced", "to be confirmed", "to be determined"];

/// Reads the dates of `page`.
pub(crate) fn read(page: &Page, context: Context) -> Found {
    let mut found = Found::default();
    let mut section: Option<Section> = None;
    for (index, block) in page.blocks.iter().enumerate() {
        let text = block.text();
        if let Kind::Heading(level) = block.kind {
            match &mut section {
                Some(s) if level > s.level => {
                    s.group = Some(clean_label(text)).filter(|g| !g.is_empty());
                    s.zone = s.outer_zone;
                    s.time = s.outer_time;
                    found.blocks.push(index);
                    continue;
                }
                _ => section = None,
            }
            if is_section_heading(text) {
                section = Some(Section::new(level));
                found.blocks.push(index);
            }
            continue;
        }
        // a bold line alone (`**Important Dates**`) opens a section too
        if section.is_none()
            && block.kind == Kind::Para
            && text.len() < 40
            && !text.trim_end().ends_with('.')
            && is_section_heading(text)
            && dates::find(text).is_empty()
            && zones::find(text).is_empty()
        {
            section = Some(Section::new(7));
            found.blocks.push(index);
            continue;
        }
        match &mut section {
            Some(s) => {
                found.blocks.push(index);
                if !row(block, s, context, &mut found) {
                    found.not_event.push(index);
                }
            }
            // most of a page is neither: look closer only where a digit
            // and a cue or a TBD word are
            None if !context.sections_only && text.bytes().any(|b| b.is_ascii_digit()) => {
                let lower = text.to_lowercase();
                if matches!(block.kind, Kind::Para | Kind::Item)
                    && has_cue(&lower)
                    && sentences(block, context, &mut found)
                {
                    found.blocks.push(index);
                }
                if found.tbd.is_none() && has_tbd(&lower) {
                    found.tbd = undecided_date(block);
                }
            }
            None => {}
        }
    }
    found
}

/// An open dates section.
#[derive(Debug)]
struct Section {
    level: u8,
    group: Option<String>,
    /// A zone and time stated for the rows (`All times are 23:59 PT`).
    zone: Option<(Tz, usize)>,
    time: Option<NaiveTime>,
    /// The same, stated above the first group: each group starts from it.
    outer_zone: Option<(Tz, usize)>,
    outer_time: Option<NaiveTime>,
    /// The last `<dt>`: the label of the `<dd>` dates after it.
    term: Option<String>,
}

impl Section {
    fn new(level: u8) -> Section {
        Section {
            level,
            group: None,
            zone: None,
            time: None,
            outer_zone: None,
            outer_time: None,
            term: None,
        }
    }
}

fn is_section_heading(text: &str) -> bool {
    let lower = text.to_lowercase();
    let lower = lower.trim_matches(|c: char| !c.is_alphanumeric());
    if lower.is_empty() || lower.len() > 60 {
        return false;
    }
    let words: Vec<&str> = words::spans(lower).map(|(_, w)| w).collect();
    SECTION_WORDS.iter().any(
        |w| {
            if w.contains(' ') { lower.contains(w) } else { words.contains(w) }
        },
    ) && !["programme", "program", "schedule", "agenda"].iter().any(|w| words.contains(w))
}

/// One row of a dates section; whether it is about the event itself.
fn row(block: &Block, section: &mut Section, context: Context, found: &mut Found) -> bool {
    let text = block.text();
    let at = block.offset();
    let phrases = dates::find(text);
    let (time, zone) = (time_in(text, &phrases), zone_in(text));
    if block.kind == Kind::Term {
        section.term = Some(clean_label(text)).filter(|t| !t.is_empty());
    }
    if phrases.is_empty()
        && let Some((day, month, year)) = dates::impossible(text)
    {
        // the row's words before the date, as other rows are named
        let label = shorten(one_line(text.split(':').next().unwrap_or(text)).trim());
        found.findings.push(not_a_date(&label, day, month, year, at));
        return false;
    }
    if phrases.is_empty() {
        // a statement about the rows: `All times are 23:59 Pacific Time`
        if let Some((z, _)) = zone {
            section.zone = Some((z, at));
        }
        if time.is_some() {
            section.time = time;
        }
        if section.group.is_none() {
            section.outer_zone = section.zone;
            section.outer_time = section.time;
        }
        let lower = text.to_lowercase();
        let undecided = has_any(&lower, EVENT_WORDS) && has_tbd(&lower);
        if undecided {
            found.tbd.get_or_insert(at);
        }
        return undecided;
    }
    if is_stamp(&text[..phrases[0].range.start]) {
        return false;
    }
    // a paragraph of prose in the section: only its deadline sentences
    if block.kind == Kind::Para && text.split_whitespace().count() > 25 {
        sentences(block, context, found);
        return false;
    }
    let mut label = label_of(block, &phrases);
    if label.is_empty() {
        // `<dt>Submission deadline</dt><dd>January 31, 2026</dd>`
        label = match (block.kind, &section.term) {
            (Kind::Definition, Some(term)) => term.clone(),
            _ => "Important date".to_owned(),
        };
    }
    let lower = format!("{} {}", label.to_lowercase(), text.to_lowercase());
    let label_lower = label.to_lowercase();
    let live = phrases.last().expect("not empty");
    if is_event(&label_lower) {
        if has_tbd(&lower) {
            found.tbd.get_or_insert(at);
            found.findings.push(Finding::note(
                format!("`{label}` is still to be decided: no event is made from it"),
                "once the day is fixed, write it here without `TBD`",
                at,
            ));
            return true;
        }
        let first = phrases.first().expect("not empty");
        if let Some(day) = date_of(first, context, &label, at, found) {
            let last =
                first.last_day.and_then(|d| NaiveDate::from_ymd_opt(day.year(), day.month(), d));
            let days = Days { first: day, last: last.filter(|&l| l >= day).unwrap_or(day) };
            found.event.get_or_insert((days, at));
        }
        return true;
    }
    if has_tbd(&lower) {
        found.findings.push(Finding::note(
            format!("`{label}` is still to be decided: not added to deadlines.ics"),
            "once the date is fixed, write it here without `TBD`",
            at,
        ));
        return false;
    }
    let Some(day) = date_of(live, context, &label, at, found) else { return false };
    let zone = match (zone, section.zone) {
        (Some((row_zone, zone_at)), Some((section_zone, _))) if row_zone != section_zone => {
            let message = format!(
                "`{label}` is given in {}, but the dates above say {}",
                zone_name(row_zone),
                zone_name(section_zone)
            );
            let help = "the row's own zone is used; state one zone for the dates".to_owned();
            found.findings.push(Finding::warning(message, help, zone_at));
            Some(row_zone)
        }
        (Some((z, _)), _) => Some(z),
        (None, s) => s.map(|(z, _)| z),
    };
    // `Registration opens: March 1` marks a beginning, not something due at
    // the end of that day (the section's `23:59` is for what is due): a day,
    // unless the row says its own time
    let due = if time.is_none() && opens(&label) {
        Due::Day(day)
    } else {
        due(day, time.or(section.time), zone, context, &label, at, found)
    };
    found.deadlines.push(Deadline {
        id: None,
        title: label.clone(),
        kind: kind_of(&label_lower),
        group: section.group.clone(),
        due,
        note: says_more(text, &phrases, &label).then(|| one_line(text)),
    });
    false
}

/// Whether a row says more than its label and dates (`(extended)`,
/// `(Midnight anywhere on Earth)`): then the row goes in the description.
fn says_more(text: &str, phrases: &[dates::Phrase], label: &str) -> bool {
    let rest: String = text
        .char_indices()
        .filter(|(i, _)| !phrases.iter().any(|p| p.range.contains(i)))
        .map(|(_, c)| c)
        .collect();
    rest.replacen(label, "", 1).chars().any(char::is_alphabetic)
}

/// Where a line outside the dates marks its date as not fixed (`Day of
/// workshop: TBD (July 17-18, 2020)`, `Date: October 10 (TBC)`): a TBD word
/// within a few characters of a date.
fn undecided_date(block: &Block) -> Option<usize> {
    let mut offset = 0;
    for line in block.text().split('\n') {
        let lower = line.to_lowercase();
        if lower.len() == line.len() && has_tbd(&lower) {
            // a short line is about its date; in a long one the word must
            // be near it
            let short = line.split_whitespace().count() <= 12;
            for p in dates::find(line) {
                let near = |r: Range<usize>| {
                    let from = r.start.saturating_sub(40);
                    let to = (r.end + 40).min(line.len());
                    short || lower.get(from..to).is_some_and(has_tbd)
                };
                if near(p.range.clone()) {
                    return Some(block.offset() + offset + p.range.start);
                }
            }
        }
        offset += line.len() + 1;
    }
    None
}

/// Deadline sentences outside a dates section; whether the block had one.
fn sentences(block: &Block, context: Context, found: &mut Found) -> bool {
    let text = block.text();
    let mut any = false;
    let mut start = 0;
    for i in sentence_ends(text) {
        let sentence = &text[start..i];
        let at = block.offset() + start;
        start = (i + 1).min(text.len());
        let lower = sentence.to_lowercase();
        if !is_deadline_sentence(&lower) {
            continue;
        }
        let phrases = dates::find(sentence);
        let Some(live) = phrases.last() else { continue };
        if is_stamp(&sentence[..phrases[0].range.start]) {
            continue;
        }
        if phrases.len() > 1 {
            // which date is due, and what the time beside one applies to,
            // is for a reader to decide
            found.findings.push(Finding::note(
                format!(
                    "`{}` names several dates: not read as a deadline",
                    shorten(&one_line(sentence))
                ),
                "list deadlines one per line under an \"Important dates\" heading",
                at,
            ));
            continue;
        }
        let title = shorten(one_line(sentence).trim_end_matches('.'));
        let Some(day) = date_of(live, context, &title, at, found) else { continue };
        let due = due(
            day,
            time_in(sentence, &phrases),
            zone_in(sentence).map(|z| z.0),
            context,
            &title,
            at,
            found,
        );
        found.deadlines.push(Deadline {
            id: None,
            title,
            kind: kind_of(&lower),
            group: None,
            due,
            note: Some(one_line(sentence)),
        });
        any = true;
    }
    any
}

/// Words that set a date as a limit.
fn has_cue(lower: &str) -> bool {
    [" by ", "until", "deadline", " due ", "no later than", " close ", " closes", "close on"]
        .iter()
        .any(|c| lower.contains(c))
}

/// Where the sentences of `text` end: line breaks, and a full stop before
/// a capital, unless it ends an abbreviation (`Oct. 23`, `e.g. The`); the
/// last ends with the text.
fn sentence_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    let stops = text.char_indices().filter_map(move |(i, c)| {
        if c == '\n' {
            return Some(i);
        }
        let after = text[i + c.len_utf8()..].trim_start_matches(' ');
        let capital = after.chars().next().is_some_and(char::is_uppercase);
        let spaced = text[i + c.len_utf8()..].starts_with(' ');
        let word = text[..i].rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        let abbreviation = word.chars().all(char::is_alphabetic)
            && !word.is_empty()
            && word.chars().count() <= 2
            || dates::month_number(word).is_some()
            || matches!(word.to_lowercase().as_str(), "approx" | "incl" | "dept" | "prof" | "etc");
        (c == '.' && spaced && capital && !abbreviation).then_some(i)
    });
    stops.chain(std::iter::once(text.len()))
}

/// A sentence that sets a deadline: a cue (`by`, `until`, `deadline`) and
/// something to hand in or sign up for.
fn is_deadline_sentence(lower: &str) -> bool {
    let cue = has_cue(lower);
    let subject = [
        "submit",
        "submission",
        "abstract",
        "paper",
        "regist",
        "applica",
        "apply",
        "form",
        "proposal",
        "camera",
        "notif",
        "poster",
    ]
    .iter()
    .any(|s| lower.contains(s));
    cue && subject
}

/// The date of `phrase`, with the event's year when it has none (noted).
fn date_of(
    phrase: &dates::Phrase,
    context: Context,
    label: &str,
    at: usize,
    found: &mut Found,
) -> Option<NaiveDate> {
    // `31 February` is no date in any year, `29 February 2026` none in
    // that one: said, not dropped in silence (the JSON reader refuses them)
    let not_a_date = |year: Option<i32>, found: &mut Found| {
        found.findings.push(not_a_date(label, phrase.day, phrase.month, year, at));
    };
    let date = match (phrase.date(), context.event_day) {
        (Some(d), _) => d,
        (None, _) if phrase.year.is_some() => {
            not_a_date(phrase.year, found);
            return None;
        }
        (None, Some(event)) => {
            // a date after the event in its year is the year before's
            let Some(same) = phrase.in_year(event.year()) else {
                not_a_date(Some(event.year()), found);
                return None;
            };
            let date = if same > event + chrono::Duration::days(62) {
                let Some(before) = phrase.in_year(event.year() - 1) else {
                    not_a_date(Some(event.year() - 1), found);
                    return None;
                };
                before
            } else {
                same
            };
            found.findings.push(Finding::note(
                format!("`{label}` gives no year: read as {}", date.format("%-d %B %Y")),
                "write the year with the date",
                at,
            ));
            date
        }
        (None, None) => {
            found.findings.push(Finding::warning(
                format!("`{label}` gives no year, and the page names no event date: not used"),
                "write the year with the date, or pass `--date`".into(),
                at,
            ));
            return None;
        }
    };
    if phrase.weekday.is_some_and(|w| w != date.weekday()) {
        found.findings.push(Finding::warning(
            format!(
                "`{label}`: {} is a {}, not a {}",
                date.format("%-d %B %Y"),
                date.format("%A"),
                weekday_name(phrase.weekday.expect("checked"))
            ),
            "the date is used as written; correct the weekday or the date".into(),
            at,
        ));
    }
    Some(date)
}

/// `31 February 2026` said as no date, as the JSON reader says it.
fn not_a_date(label: &str, day: u32, month: u32, year: Option<i32>, at: usize) -> Finding {
    let month = u8::try_from(month)
        .ok()
        .and_then(|m| chrono::Month::try_from(m).ok())
        .map_or_else(|| month.to_string(), |m| m.name().to_owned());
    let year = year.map(|y| format!(" {y}")).unwrap_or_default();
    Finding::warning(
        format!("`{label}`: {day} {month}{year} is not a date: not used"),
        "correct the day or the month".into(),
        at,
    )
}

/// When a deadline is due, from its day and the time and zone stated.
fn due(
    day: NaiveDate,
    time: Option<NaiveTime>,
    zone: Option<Tz>,
    context: Context,
    label: &str,
    at: usize,
    found: &mut Found,
) -> Due {
    match (time, zone.or(context.zone)) {
        (Some(t), Some(z)) => {
            if zone.is_none() {
                found.findings.push(Finding::note(
                    format!("`{label}` states no zone: read in {}, the event's", z.name()),
                    "state the zone of deadlines (`23:59 AoE`, `23:59 Pacific Time`)",
                    at,
                ));
            }
            checked(day.and_time(t), z, label, at, found)
        }
        (Some(_), None) => {
            found.findings.push(Finding::warning(
                format!("`{label}` gives a time but no zone: written as a day"),
                "state the zone of deadlines, or pass `--timezone`".into(),
                at,
            ));
            Due::Day(day)
        }
        // `July 14 (AoE)`: the end of that day there
        (None, Some(z)) if zone.is_some() => {
            if !found.end_of_day_noted {
                found.end_of_day_noted = true;
                found.findings.push(Finding::note(format!(
                        "`{label}` gives a zone and no time: read as 23:59 {}, the end of that day (and so for the other dates like it)",
                        zone_name(z)
                    ), "write the time (`23:59 AoE`) if another is meant", at));
            }
            checked(day.and_time(end_of_day()), z, label, at, found)
        }
        (None, _) => Due::Day(day),
    }
}

/// A deadline's time through the checks every source's times go through
/// ([`crate::validate::time_problem`]): a time the clocks skip is written
/// as the time calendars read it as, and said; a year a calendar cannot
/// hold leaves the day (its own check says so when it is rendered).
fn checked(t: NaiveDateTime, zone: Tz, label: &str, at: usize, found: &mut Found) -> Due {
    use crate::validate::TimeProblem;
    let written = |t: NaiveDateTime| t.format("%H:%M on %-d %B %Y").to_string();
    match crate::validate::time_problem(t, zone) {
        None => Due::At(t, zone),
        Some(TimeProblem::Gap { shifted }) => {
            found.findings.push(Finding::warning(
                format!(
                    "`{label}`: {} does not exist in {}, the clocks go forward over it: written as {}",
                    written(t),
                    zone.name(),
                    written(shifted)
                ),
                "write a time outside the daylight-saving gap".into(),
                at,
            ));
            Due::At(shifted, zone)
        }
        Some(TimeProblem::Repeated) => {
            found.findings.push(Finding::warning(
                format!(
                    "`{label}`: {} happens twice in {}, the clocks go back over it: read as the first",
                    written(t),
                    zone.name()
                ),
                "move it if the second is meant".into(),
                at,
            ));
            Due::At(t, zone)
        }
        Some(TimeProblem::OutOfRange(message)) => {
            found.findings.push(Finding::warning(
                format!("`{label}`: {message}; written as its day"),
                "calendars hold the years 1 to 9999; check the date".into(),
                at,
            ));
            Due::Day(t.date())
        }
    }
}

/// Whether a label announces a beginning (`Registration opens`, `Call
/// open`, `Ouverture des inscriptions`), not a date something is due.
fn opens(label: &str) -> bool {
    let lower = label.to_lowercase();
    words::spans(&lower).any(|(_, w)| {
        matches!(
            w,
            "open"
                | "opens"
                | "opening"
                | "start"
                | "starts"
                | "begin"
                | "begins"
                | "launch"
                | "launches"
                | "ouverture"
                | "ouvre"
                | "öffnet"
                | "eröffnung"
                | "apertura"
                | "abre"
                | "abertura"
                | "inicio"
                | "início"
        )
    })
}

fn end_of_day() -> NaiveTime {
    NaiveTime::from_hms_opt(23, 59, 0).expect("a time")
}

/// The first clock time of `text` that is not part of a date; `midnight`
/// and `end of day` are 23:59 (a deadline's midnight ends its day).
fn time_in(text: &str, phrases: &[dates::Phrase]) -> Option<NaiveTime> {
    let inside =
        |r: &Range<usize>| phrases.iter().any(|p| p.range.start < r.end && r.start < p.range.end);
    if let Some(t) =
        clock::all(text).into_iter().find(|s| !inside(&s.range)).and_then(|s| s.start.time())
    {
        return Some(t);
    }
    let lower = text.to_lowercase();
    if lower.contains("midnight")
        || lower.contains("end of day")
        || lower.contains("end of the day")
    {
        return Some(end_of_day());
    }
    if lower.contains("noon") {
        return NaiveTime::from_hms_opt(12, 0, 0);
    }
    None
}

/// The zone a text states, and where: AoE is `Etc/GMT+12`.
fn zone_in(text: &str) -> Option<(Tz, usize)> {
    let phrase = zones::find(text).into_iter().next()?;
    let zone = if phrase.aoe { AOE } else { *phrase.zones.first()? };
    Some((zone, phrase.range.start))
}

fn zone_name(zone: Tz) -> String {
    if zone == AOE { "AoE (UTC−12)".into() } else { zone.name().into() }
}

/// What a row is about: its first cell without a date, else the text
/// before its first date, else after its last.
fn label_of(block: &Block, phrases: &[dates::Phrase]) -> String {
    if block.cells.len() > 1
        && let Some(cell) = block.cells.iter().find(|c| dates::find(&c.text).is_empty())
    {
        let label = clean_label(&cell.text);
        if !label.is_empty() {
            return label;
        }
    }
    let text = block.text();
    let before = clean_label(&text[..phrases[0].range.start]);
    if !before.is_empty() {
        return before;
    }
    let after = &text[phrases.last().expect("not empty").range.end..];
    let after = after.split(['(', '\n']).next().unwrap_or("");
    clean_label(after)
}

fn clean_label(text: &str) -> String {
    let line = one_line(text);
    line.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ':' | '|' | '-' | '–' | '—' | '*' | '_' | ',' | '•' | '#')
    })
    .to_owned()
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most 90 characters, cut at a word.
fn shorten(text: &str) -> String {
    if text.chars().count() <= 90 {
        return text.to_owned();
    }
    let cut: String = text.chars().take(90).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}

/// Whether the text before a date makes it the date a notice was posted
/// (`UPDATE (24/04/2020):`, `Last updated`), not one that is due.
fn is_stamp(before: &str) -> bool {
    let lower = before.to_lowercase();
    let last = words::spans(&lower).map(|(_, w)| w).last().unwrap_or("");
    matches!(last, "update" | "updated" | "posted" | "news" | "edited" | "published" | "modified")
}

fn has_any(lower: &str, needles: &[&str]) -> bool {
    needles.iter().any(|n| lower.contains(n))
}

fn has_tbd(lower: &str) -> bool {
    // every TBD word and phrase starts with `tb` or `to`: most texts have
    // neither, and are not read word by word
    let b = lower.as_bytes();
    if !memchr::memchr_iter(b't', b).any(|i| matches!(b.get(i + 1), Some(b'b' | b'o'))) {
        return false;
    }
    words::spans(lower).any(|(_, w)| TBD_WORDS.contains(&w)) || has_any(lower, TBD_PHRASES)
}

/// A row about the event itself rather than something due before it.
fn is_event(label_lower: &str) -> bool {
    has_any(label_lower, EVENT_WORDS)
        && kind_of(label_lower) == DeadlineKind::Other
        && !label_lower.contains("open")
}

/// The kind a label names.
pub(crate) fn kind_of(lower: &str) -> DeadlineKind {
    if lower.contains("camera") || lower.contains("final version") {
        DeadlineKind::CameraReady
    } else if lower.contains("notif") || lower.contains("decision") || lower.contains("acceptance")
    {
        DeadlineKind::Notification
    } else if lower.contains("abstract") && !lower.contains("full") {
        DeadlineKind::Abstract
    } else if lower.contains("regist")
        || lower.contains("early bird")
        || lower.contains("early-bird")
    {
        DeadlineKind::Registration
    } else if lower.contains("applica") || lower.contains("apply") {
        DeadlineKind::Application
    } else if lower.contains("open") {
        DeadlineKind::Other
    } else if ["submission", "submit", "deadline", "paper", "due", "proposal"]
        .iter()
        .any(|w| lower.contains(w))
    {
        DeadlineKind::Submission
    } else {
        DeadlineKind::Other
    }
}

fn weekday_name(w: chrono::Weekday) -> &'static str {
    match w {
        chrono::Weekday::Mon => "Monday",
        chrono::Weekday::Tue => "Tuesday",
        chrono::Weekday::Wed => "Wednesday",
        chrono::Weekday::Thu => "Thursday",
        chrono::Weekday::Fri => "Friday",
        chrono::Weekday::Sat => "Saturday",
        chrono::Weekday::Sun => "Sunday",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tbd_words_start_as_has_tbd_looks_for() {
        for w in TBD_WORDS.iter().chain(TBD_PHRASES) {
            assert!(w.starts_with("tb") || w.starts_with("to"), "{w}");
            assert!(has_tbd(&format!("dates: {w}.")), "{w}");
        }
        assert!(!has_tbd("talk 5 on fairness | speaker 5, university 12"));
    }

    fn page(markdown: &str) -> Page {
        let mut builder = super::super::blocks::Builder::new();
        super::super::markdown::feed(markdown, 0, &mut builder);
        builder.finish()
    }

    fn at(s: &str) -> chrono::NaiveDateTime {
        chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
    }

    #[test]
    fn a_stated_time_and_zone_apply_to_the_deadlines_not_the_event() {
        let found = read(
            &page(
                "## Dates\n\n*All times are 23:59 Pacific Time*\n\nFull Paper Deadline: **July 1, 2026**\n\nNotification of Acceptance: **July 31, 2026**\n\nWorkshop: **Sept 27, 2026**\n\n## Other\n\nText.\n",
            ),
            Context::default(),
        );
        let la = chrono_tz::America::Los_Angeles;
        assert_eq!(found.deadlines.len(), 2, "{:?}", found.deadlines);
        assert_eq!(found.deadlines[0].due, Due::At(at("2026-07-01T23:59"), la));
        assert_eq!(found.deadlines[0].kind, DeadlineKind::Submission);
        assert_eq!(found.deadlines[1].kind, DeadlineKind::Notification);
        let day = NaiveDate::from_ymd_opt(2026, 9, 27).unwrap();
        assert_eq!(found.event.map(|e| e.0), Some(Days { first: day, last: day }));
    }

    #[test]
    fn aoe_dates_end_their_day_and_the_last_date_is_the_live_one() {
        let found = read(
            &page(
                "# Important Dates\n\nAll deadlines are AoE.\n\n## Research\n\n- **Full Paper Deadline:** August 4, 2025 August 18, 2025 extended\n- **Conference Dates:** November 24-26, 2025\n\n## Posters\n\n- **Deadline:** October 20, 2025\n",
            ),
            Context::default(),
        );
        assert_eq!(found.deadlines.len(), 2, "{found:?}");
        assert_eq!(found.deadlines[0].due, Due::At(at("2025-08-18T23:59"), AOE));
        assert_eq!(found.deadlines[0].group.as_deref(), Some("Research"));
        assert_eq!(found.deadlines[1].group.as_deref(), Some("Posters"));
        let (days, _) = found.event.unwrap();
        assert_eq!((days.first.day(), days.last.day()), (24, 26));
    }

    #[test]
    fn a_row_that_opens_something_is_a_day_not_due_at_23_59() {
        let found = read(
            &page(
                "## Important dates\n\nAll deadlines are 23:59 AoE.\n\n- Applications open: March 1, 2026\n- Application deadline: April 15, 2026\n",
            ),
            Context::default(),
        );
        assert_eq!(found.deadlines[0].due, Due::Day(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()));
        assert_eq!(found.deadlines[1].due, Due::At(at("2026-04-15T23:59"), AOE));
    }

    #[test]
    fn tbd_event_days_and_deadline_sentences() {
        let found = read(
            &page(
                "Please fill out [this registration form](x) by June 5 in order to participate.\n\n## Important dates\n\n| What | When |\n|---|---|\n| Submission deadline | ~~May 1, 2020~~ June 5, 2020 (Midnight anywhere on Earth) |\n| Day of workshop | TBD (July 17-18, 2020) |\n",
            ),
            Context { event_day: NaiveDate::from_ymd_opt(2020, 7, 17), ..Context::default() },
        );
        assert!(found.tbd.is_some() && found.event.is_none());
        let dues: Vec<Due> = found.deadlines.iter().map(|d| d.due).collect();
        assert_eq!(
            dues,
            [
                Due::Day(NaiveDate::from_ymd_opt(2020, 6, 5).unwrap()),
                Due::At(at("2020-06-05T23:59"), AOE)
            ]
        );
        assert_eq!(found.deadlines[0].kind, DeadlineKind::Registration);
        assert!(found.findings.iter().any(|f| f.message.contains("gives no year")));
    }

    #[test]
    fn sentences_do_not_end_at_abbreviations() {
        let text = "Submit by Oct. 23, 2026. Registration e.g. The form.\nNext";
        let ends: Vec<usize> = sentence_ends(text).collect();
        assert_eq!(ends, [23, 52, text.len()]);
    }

    #[test]
    fn a_wrong_weekday_and_two_zones_are_warnings() {
        let found = read(
            &page(
                "## Deadlines\n\nAll times are 23:59 PT.\n\n- Abstracts: Friday, March 3, 2026 (AoE)\n",
            ),
            Context::default(),
        );
        assert_eq!(found.deadlines[0].due, Due::At(at("2026-03-03T23:59"), AOE));
        let warnings: Vec<&str> =
            found.findings.iter().filter(|f| f.warning).map(|f| f.message.as_str()).collect();
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings.iter().any(|w| w.contains("is a Tuesday, not a Friday")));
        assert!(warnings.iter().any(|w| w.contains("the dates above say America/Los_Angeles")));
    }
}
