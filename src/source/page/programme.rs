//! Finding the programme in a page's blocks, wherever it is written:
//! tables whose rows start with (or carry in a cell) a time, tables with one
//! column per day, lists, paragraphs and headings whose lines start with a
//! time, a time on its own followed by its title (`<dt>`/`<dd>`, a bold time
//! line and then a bold title), and headings that end in a time
//! (`Lunch Break (12:05 - 13:00)`).
//!
//! Each row keeps the day it belongs to as written (a date, maybe without
//! its year, or `Day 2`); `general` turns those into dates. End markers
//! ("End", "Adjourn") end the row before them and are not rows; a row whose
//! range only groups the rows after it ("Session I 09:10–10:50") is not one.

use chrono::NaiveTime;

use super::blocks::{Block, Kind};
use super::clock::{self, Clock};
use super::dates::{self, Phrase};
use super::zones;

/// Where a row's day comes from, as the page writes it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Day {
    /// Nothing said: the event's date.
    Unsaid,
    /// A date phrase (its year may be missing), at an offset.
    Date(Phrase, usize),
    /// `Day N`, at an offset.
    Number(u32, usize),
    /// A weekday's name alone: that weekday on or after the first day.
    Weekday(chrono::Weekday, usize),
}

/// One row of the programme.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row {
    pub(crate) day: Day,
    pub(crate) start: Clock,
    pub(crate) end: Option<Clock>,
    pub(crate) title: String,
    pub(crate) details: Vec<String>,
    /// Offset of the time in the file.
    pub(crate) offset: usize,
    pub(crate) approximate: bool,
    /// A zone written with the time (`17:00 JST`, a `Time (EDT)` column).
    pub(crate) zone: Option<zones::Phrase>,
    pub(crate) zone_offset: usize,
    /// Only marks an end ("End", "Adjourn"): not a session.
    pub(crate) marker: bool,
}

/// A time mentioned where no row could be made of it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Stray {
    pub(crate) offset: usize,
    pub(crate) why: &'static str,
}

/// What was found.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub(crate) rows: Vec<Row>,
    /// Every day marker seen, in order.
    pub(crate) days: Vec<Day>,
    pub(crate) strays: Vec<Stray>,
}

/// Words of lines that give a deadline or a page's own date, not the
/// event's: their dates are not the event's date.
pub(crate) fn is_deadline_text(text: &str) -> bool {
    let t = text.to_lowercase();
    [
        "deadline",
        "submission",
        "submit",
        "notification",
        "camera-ready",
        "camera ready",
        "due date",
        "due:",
        "due by",
        "last updated",
        "updated on",
        "posted on",
        "published",
        "updated:",
        "modified",
        "important dates",
        "call for",
        "extended",
        "acceptance",
        "decision",
        "registration closes",
        "registration deadline",
        "abstract due",
        "abstracts due",
        "early bird",
        "early-bird",
        "copyright",
        "©",
    ]
    .iter()
    .any(|w| t.contains(w))
}

/// A programme line that is a deadline, not a session.
fn is_deadline_row(text: &str) -> bool {
    let t = text.to_lowercase();
    ["deadline", "submission due", "notification", "camera-ready", "camera ready", "due date"]
        .iter()
        .any(|w| t.contains(w))
}

/// A heading that opens a section of dates or deadlines, not a programme.
fn is_deadline_heading(text: &str) -> bool {
    let t = text.to_lowercase();
    let t = t.trim();
    ["deadline", "important date", "key date", "call for", "submission"]
        .iter()
        .any(|w| t.contains(w))
        || matches!(t, "dates" | "timeline" | "fechas importantes")
}

/// A title that only marks the end of a day or of the event.
fn is_end_marker(title: &str) -> bool {
    let t: String = title
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() || c == ' ' { c } else { ' ' })
        .collect();
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 {
        return false;
    }
    let first = words[0];
    let joined = words.join(" ");
    first == "end"
        || first == "adjourn"
        || first == "adjourned"
        || joined.starts_with("close of")
        || joined.starts_with("doors close")
        || joined == "close"
        || joined == "the end"
        || joined == "fin"
        || (words.len() <= 4
            && (joined.ends_with(" ends")
                || joined.ends_with(" closes")
                || joined.ends_with(" adjourns")))
}

/// Short text that names a day: a date or `Day N`, and no time row.
fn day_of(text: &str, offset: usize) -> Option<Day> {
    // a short block is read whole (`Thursday<br>January 6:`)
    let joined;
    let first_line = if text.len() <= 240 && text.chars().count() <= 60 {
        joined = text.replace('\n', " ");
        joined.as_str()
    } else {
        text.lines().next().unwrap_or("")
    };
    if first_line.len() > 360
        || first_line.chars().count() > 90
        || clock::leading(first_line).is_some()
    {
        return None;
    }
    let phrases = dates::find(first_line);
    if phrases.is_empty()
        && let Some(w) = dates::weekday_only(first_line)
    {
        return Some(Day::Weekday(w, offset));
    }
    let number = if phrases.is_empty() { dates::day_number(first_line) } else { None };
    if (phrases.is_empty() && number.is_none()) || is_deadline_text(first_line) {
        return None;
    }
    if let Some(p) = phrases.into_iter().next() {
        // `October 10–12` is the event's span, not one of its days
        return p.last_day.is_none().then_some(Day::Date(p, offset));
    }
    let n = number?;
    // `Day 2`, `Day 2: Finale`, `Day 1 - Arrival` name a day; `Day 1
    // Roadmap`, `Day 1 Closing` are titles
    let lower = first_line.to_lowercase();
    let after = lower.split_once(&n.to_string()).map_or("", |(_, a)| a).trim_start();
    (after.is_empty() || after.starts_with([':', '-', '–', '—', '(', ',', '|', '.']))
        .then_some(Day::Number(n, offset))
}

/// The title and details in cells or lines other than the time.
fn title_and_details(parts: &[String]) -> (String, Vec<String>) {
    let mut lines: Vec<String> = Vec::new();
    for p in parts {
        for l in p.lines() {
            let l = l.trim().trim_matches(|c: char| matches!(c, '|' | '*' | '_')).trim();
            if !l.is_empty() {
                lines.push(l.to_owned());
            }
        }
    }
    lines.retain(|l| l.chars().any(char::is_alphanumeric));
    if lines.is_empty() {
        return (String::new(), Vec::new());
    }
    let title = lines.remove(0);
    (title, lines)
}

/// Strips the separators between a time and its title: `: `, ` - `, `|`.
fn after_time(text: &str) -> &str {
    text.trim_start_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ':' | '-'
                    | '–'
                    | '—'
                    | '|'
                    | '*'
                    | '_'
                    | ')'
                    | ']'
                    | ','
                    | '.'
                    | '»'
                    | '›'
                    | '→'
                    | '·'
                    | '•'
                    | '>'
                    | '='
            )
    })
}

/// A zone written right after a time: `17:00 JST`, `4:00 PM ET`. The text
/// given is what follows the time; a digit stands in for the time so that
/// short abbreviations (`ET`, `PT`) count as written beside one.
fn zone_after(text: &str) -> Option<zones::Phrase> {
    let probe = format!("0 {text}");
    zones::find(&probe).into_iter().find(|z| (2..=5).contains(&z.range.start)).map(|mut z| {
        z.range = z.range.start - 2..z.range.end - 2;
        z
    })
}

/// Where a table's cells sit, counting colspans.
fn columns(block: &Block) -> Vec<(usize, usize)> {
    let mut at = 0;
    block
        .cells
        .iter()
        .map(|c| {
            let span = (at, c.colspan);
            at += c.colspan;
            span
        })
        .collect()
}

/// The time cell of a row: the index of a cell that is a time (or range)
/// and little else, and the span read from it.
fn time_cell(block: &Block) -> Option<(usize, clock::Span)> {
    for (i, c) in block.cells.iter().enumerate() {
        let first = c.text.lines().next().unwrap_or("");
        if let Some(s) = clock::leading(first) {
            let rest = after_time(&first[s.range.end..]);
            // a time cell may carry a zone (`17:00 JST`) but not a sentence,
            // unless it is the first cell (`09:00 Opening` in one cell)
            let short = rest.split_whitespace().count() <= 2 || zone_after(rest).is_some();
            if i == 0 || short || c.text.lines().count() > 1 {
                return Some((i, s));
            }
        }
    }
    None
}

/// What reading has established so far.
struct Context {
    found: Found,
    /// The day rows fall on until another is named.
    day: Day,
    /// Per table: the day of each column.
    table_days: Option<(usize, Vec<Option<Day>>)>,
    /// Per table: a zone from its header (`Time (EDT)`).
    table_zone: Option<(usize, zones::Phrase, usize)>,
    /// The table of the last timed row, whose untimed rows continue it.
    last_table: Option<usize>,
}

/// Reads the blocks.
pub(crate) fn find(blocks: &[Block]) -> Found {
    let mut cx = Context {
        found: Found::default(),
        day: Day::Unsaid,
        table_days: None,
        table_zone: None,
        last_table: None,
    };
    let mut deadlines = false;
    let mut i = 0;
    while i < blocks.len() {
        let b = &blocks[i];
        let text = b.text();
        if let Kind::Heading(_) = b.kind {
            deadlines = is_deadline_heading(text);
        }
        if deadlines {
            i += 1;
            continue;
        }
        if let Kind::Row { .. } = b.kind {
            cx.row(b.table, &b.cells);
            i += 1;
            continue;
        }
        if let Some(d) = day_of(text, b.offset())
            && !matches!(b.kind, Kind::Item)
        {
            cx.found.days.push(d.clone());
            cx.day = d;
            i += 1;
            continue;
        }
        i += 1 + cx.lines(b, &blocks[i + 1..]);
    }
    let mut found = cx.found;
    close_markers(&mut found);
    drop_groups(&mut found);
    dedup(&mut found);
    found
}

/// `| 7:50 - 8:00 | Opening |` written as a paragraph line (a table
/// with no header row, which Markdown does not see as a table): its cells.
fn pipe_cells(line: &str, offset: usize) -> Option<Vec<super::blocks::Cell>> {
    let t = line.trim();
    if !(t.starts_with('|') || t.ends_with('|')) || t.matches('|').count() < 2 {
        return None;
    }
    let inner = t.trim_start_matches('|').trim_end_matches('|');
    Some(
        inner
            .split('|')
            .map(|c| super::blocks::Cell { text: c.trim().to_owned(), offset, colspan: 1 })
            .collect(),
    )
}

impl Context {
    /// A table row (or a line of pipes).
    fn row(&mut self, table: usize, cells: &[super::blocks::Cell]) {
        let block = Block::new(Kind::Row { header: false }, cells.to_vec(), table);
        let b = &block;
        let Some((ti, span)) = time_cell(b) else {
            // a header: a zone in `Time (EDT)`, days as columns
            let text = b.text();
            if let Some(z) = zones::find(text).into_iter().find(|z| !z.aoe) {
                self.table_zone = Some((table, z, b.offset()));
            }
            let cols = columns(b);
            let col_days: Vec<Option<Day>> =
                b.cells.iter().map(|c| day_of(&c.text.replace('\n', " "), c.offset)).collect();
            if col_days.iter().filter(|d| d.is_some()).count() >= 2 {
                let width = cols.last().map_or(0, |(a, s)| a + s);
                // a second header row only fills columns the first left undated
                let mut by_col = match self.table_days.take() {
                    Some((t, d)) if t == table => d,
                    _ => vec![None; width],
                };
                by_col.resize(width.max(by_col.len()), None);
                for ((at, span), d) in cols.iter().zip(col_days) {
                    for slot in by_col.iter_mut().skip(*at).take(*span) {
                        if slot.is_none() {
                            slot.clone_from(&d);
                        }
                    }
                }
                self.found.days.extend(by_col.iter().flatten().cloned());
                self.table_days = Some((table, by_col));
                return;
            }
            // a row with one cell (or one spanning all) naming a day
            let non_empty: Vec<_> = b.cells.iter().filter(|c| !c.text.is_empty()).collect();
            if non_empty.len() == 1
                && let Some(d) = day_of(&non_empty[0].text, non_empty[0].offset)
            {
                self.found.days.push(d.clone());
                self.day = d;
                self.last_table = None;
                return;
            }
            // an untimed row under a timed one continues it (speakers, papers)
            if self.last_table == Some(table)
                && let Some(last) = self.found.rows.last_mut()
            {
                for c in non_empty {
                    last.details.extend(c.text.lines().map(str::to_owned));
                }
            }
            return;
        };
        // a table of deadlines (`23:59 AoE | Paper submission`) is not a programme
        let first = b.cells[ti].text.lines().next().unwrap_or("");
        let cell_zone = zone_after(&first[span.range.end..]);
        if cell_zone.as_ref().is_some_and(|z| z.aoe) || is_deadline_row(b.text()) {
            return;
        }
        self.last_table = Some(table);
        let cell = &b.cells[ti];
        let first = cell.text.lines().next().unwrap_or("");
        let rest_in_cell = after_time(&first[span.range.end..]).to_owned();
        let mut start = span.start;
        let mut end = span.end;
        let mut used = vec![ti];
        // `09:00<br>09:30`: the end on the time cell's second line
        let mut end_line = false;
        if end.is_none()
            && let Some(second) = cell.text.lines().nth(1)
            && let Some(e) = clock::leading(second)
            && e.end.is_none()
            && after_time(&second[e.range.end..]).is_empty()
        {
            let shared = clock_pair(start, e.start);
            start = shared.0;
            end = Some(shared.1);
            end_line = true;
        }
        // separate start and end columns
        if end.is_none()
            && let Some(next) = b.cells.get(ti + 1)
            && let Some(e) = clock::leading(&next.text)
            && e.end.is_none()
            && after_time(&next.text[e.range.end..]).is_empty()
        {
            used.push(ti + 1);
            let shared = clock_pair(start, e.start);
            start = shared.0;
            end = Some(shared.1);
        }
        let mut zone = cell_zone.clone();
        let mut zone_at = cell.offset;
        if zone.is_none()
            && let Some((t, z, at)) = &self.table_zone
            && *t == table
        {
            zone = Some(z.clone());
            zone_at = *at;
        }
        // a date written in the row itself (`2 PM ET<br>Mar 24, 2026`, a
        // Date column) is the row's day
        let mut row_day = self.day.clone();
        for (k, c) in b.cells.iter().enumerate() {
            let t = if k == ti {
                c.text.lines().skip(1).collect::<Vec<_>>().join(" ")
            } else {
                c.text.clone()
            };
            if t.len() > 160 || t.chars().count() > 40 {
                continue;
            }
            let found = dates::find(&t);
            if let Some(p) = found.first()
                && p.range.start <= 12
                && t.len() - p.range.end <= 12
            {
                row_day = Day::Date(p.clone(), c.offset);
                self.found.days.push(row_day.clone());
                if k != ti {
                    used.push(k);
                }
                break;
            }
        }
        // a cell with its own time is a parallel row of its own
        for (k, c) in b.cells.iter().enumerate() {
            if used.contains(&k) || c.text.lines().count() < 2 {
                continue;
            }
            let first = c.text.lines().next().unwrap_or("");
            if let Some(s) = clock::leading(first)
                && after_time(&first[s.range.end..]).is_empty()
            {
                used.push(k);
                let lines: Vec<String> = c.text.lines().skip(1).map(str::to_owned).collect();
                let (title, details) = title_and_details(&lines);
                self.push(
                    row_day.clone(),
                    s.start,
                    s.end,
                    title,
                    details,
                    c.offset,
                    s.approximate,
                    zone.clone(),
                    zone_at,
                );
            }
        }
        let other: Vec<(usize, &super::blocks::Cell)> =
            b.cells.iter().enumerate().filter(|(k, _)| !used.contains(k)).collect();
        let per_day = self.table_days.as_ref().filter(|(t, _)| *t == table).map(|(_, d)| d.clone());
        if let Some(col_days) = per_day {
            // one event per day column
            let cols = columns(b);
            for (k, c) in other {
                if c.text.trim().is_empty() {
                    continue;
                }
                let (at, spanned) = cols[k];
                for col in at..at + spanned {
                    let Some(Some(d)) = col_days.get(col) else { continue };
                    let (title, details) = title_and_details(std::slice::from_ref(&c.text));
                    if title.is_empty() || is_end_marker(&title) {
                        continue;
                    }
                    self.push(
                        d.clone(),
                        start,
                        end,
                        title,
                        details,
                        c.offset,
                        span.approximate,
                        zone.clone(),
                        zone_at,
                    );
                }
            }
            return;
        }
        let mut parts: Vec<String> = Vec::new();
        if !rest_in_cell.is_empty() && cell_zone.is_none() {
            parts.push(rest_in_cell);
        }
        parts.extend(
            cell.text
                .lines()
                .skip(if end_line { 2 } else { 1 })
                .map(str::to_owned)
                .filter(|l| dates::find(l).is_empty()),
        );
        // a cell that is only a time, maybe with a zone, is the same slot in
        // another zone (`9:00 AM PST | 12:00 PM EST | Talk`), not a title
        let only_time = |t: &str| {
            clock::leading(t).is_some_and(|s| {
                let rest = after_time(&t[s.range.end..]);
                rest.is_empty()
                    || zone_after(rest).is_some_and(|z| {
                        z.range.start == 0 && rest[z.range.end..].trim().is_empty()
                    })
            })
        };
        parts.extend(
            other
                .iter()
                .map(|(_, c)| c.text.clone())
                .filter(|t| !t.trim().is_empty() && !only_time(t)),
        );
        let (title, details) = title_and_details(&parts);
        self.push(
            row_day,
            start,
            end,
            title,
            details,
            cell.offset,
            span.approximate,
            zone,
            zone_at,
        );
    }

    /// The lines of a paragraph, list item, heading or term. Returns
    /// whether the next block was taken as a title.
    fn lines(&mut self, b: &Block, following: &[Block]) -> usize {
        let text = b.text();
        let lines: Vec<&str> = text.lines().collect();
        let line_at = |line: &str| b.offset() + text.find(line).unwrap_or(0).min(text.len());
        let mut consumed_next = 0;
        let next = following.first();
        let mut li = 0;
        while li < lines.len() {
            let line = lines[li];
            if let Some(cells) = pipe_cells(line, line_at(line)) {
                // rows of one headerless table share an id no real table has
                self.row(usize::MAX - b.table, &cells);
                li += 1;
                continue;
            }
            let Some(span) = clock::leading(line) else {
                if matches!(b.kind, Kind::Heading(_)) {
                    self.heading_time(line, b.offset());
                } else if !is_deadline_row(line)
                    && !is_deadline_text(line)
                    && !self.dated_line(line, line_at(line))
                    && matches!(b.kind, Kind::Item)
                {
                    self.trailing_time(line, line_at(line));
                }
                li += 1;
                continue;
            };
            if is_deadline_row(line) {
                li += 1;
                continue;
            }
            let after = &line[span.range.end..];
            let zone = zone_after(after);
            let rest = match &zone {
                Some(z) => after_time(&after[z.range.end..]),
                None => after_time(after),
            };
            let mut parts = vec![rest.to_owned()];
            let mut j = li + 1;
            if !rest.chars().any(char::is_alphanumeric) {
                // the title follows: the next line, or the next block
                if j < lines.len() && clock::leading(lines[j]).is_none() {
                    parts.push(lines[j].to_owned());
                    j += 1;
                } else if j >= lines.len()
                    && let Some(nb) = next
                    && !matches!(nb.kind, Kind::Row { .. })
                    && clock::leading(nb.text()).is_none()
                    && day_of(nb.text(), 0).is_none()
                {
                    parts.push(nb.text().to_owned());
                    consumed_next = 1;
                    // and the short blocks after it that are neither a time,
                    // a day nor a heading above its own (speakers, rooms)
                    let level = |k: Kind| match k {
                        Kind::Heading(l) => l,
                        _ => 9,
                    };
                    for more in following.iter().skip(1).take(3) {
                        let t = more.text();
                        if matches!(more.kind, Kind::Row { .. })
                            || level(more.kind) <= level(nb.kind)
                            || t.len() > 300
                            || clock::leading(t).is_some()
                            || day_of(t, 0).is_some()
                        {
                            break;
                        }
                        parts.push(t.to_owned());
                        consumed_next += 1;
                    }
                }
            }
            // the lines up to the next time are its details
            while j < lines.len()
                && clock::leading(lines[j]).is_none()
                && pipe_cells(lines[j], 0).is_none()
            {
                parts.push(lines[j].to_owned());
                j += 1;
            }
            let (title, details) = title_and_details(&parts);
            let at = line_at(line);
            self.push(
                self.day.clone(),
                span.start,
                span.end,
                title,
                details,
                at,
                span.approximate,
                zone,
                at,
            );
            li = j;
        }
        consumed_next
    }

    /// `### Talks (~6:30pm)`, `Lunch Break (12:05 - 13:00)`: a heading whose
    /// time is in brackets at its end.
    fn heading_time(&mut self, line: &str, offset: usize) {
        let Some(open) = line.rfind('(') else { return };
        let inner = line[open + 1..].trim_end().trim_end_matches(')');
        let Some(span) = clock::leading(inner) else { return };
        if !after_time(&inner[span.range.end..]).is_empty() {
            return;
        }
        let title = line[..open].trim().to_owned();
        let approximate = span.approximate || inner.contains('~');
        self.push(
            self.day.clone(),
            span.start,
            span.end,
            title,
            Vec::new(),
            offset,
            approximate,
            None,
            offset,
        );
    }

    /// A line that starts with its own date and then its time: `Jan 12,
    /// 2024, 4:00 PM ET: Speaker — Title` (a seminar series, one line a
    /// talk). Returns whether the line was one.
    fn dated_line(&mut self, line: &str, offset: usize) -> bool {
        if line.chars().count() > 300 {
            return false;
        }
        let Some(p) = dates::find(line).into_iter().next() else { return false };
        // the date opens the line (after a weekday or a bullet's mark)
        if line[..p.range.start].chars().filter(|c| c.is_alphanumeric()).count() > 0 {
            return false;
        }
        let after_date = &line[p.range.end..];
        let skip = after_date.len()
            - after_date
                .trim_start_matches(|c: char| {
                    c.is_whitespace() || matches!(c, ',' | '|' | '-' | '–' | '—' | '·' | '@' | '(')
                })
                .trim_start_matches("at ")
                .len();
        let rest = &after_date[skip..];
        let Some(span) = clock::leading(rest) else { return false };
        if span.range.start > 2 {
            return false;
        }
        let after = &rest[span.range.end..];
        let zone = zone_after(after);
        let title_text = match &zone {
            Some(z) => after_time(&after[z.range.end..]),
            None => after_time(after),
        };
        let (title, details) = title_and_details(&[title_text.to_owned()]);
        // `June 30th 2025, 14:00 – 16:45 UTC+1 Time (British Summer Time)`
        // states the event's hours; its "title" is only zone words
        let mut words = title.clone();
        for z in zones::find(&title).iter().rev() {
            words.replace_range(z.range.clone(), " ");
        }
        let words = words.to_lowercase().replace("time", " ").replace("zone", " ");
        if words.chars().filter(|c| c.is_alphabetic()).count() < 3 {
            return false;
        }
        let day = Day::Date(p, offset);
        self.found.days.push(day.clone());
        self.push(
            day,
            span.start,
            span.end,
            title,
            details,
            offset,
            span.approximate,
            zone,
            offset,
        );
        true
    }

    /// A list item that names its session first and ends with its time:
    /// `Lunch: 12:30 – 13:30`, `Keynote by A. Author (10:00–11:00)`. Only a
    /// range counts (a lone time at the end of a sentence is prose), and
    /// only in a short item.
    fn trailing_time(&mut self, line: &str, offset: usize) {
        if line.chars().count() > 140 {
            return;
        }
        let spans = clock::all(line);
        let [s] = spans.as_slice() else { return };
        let rest = line[s.range.end..].trim().trim_end_matches([')', ']', '.', ' ']);
        if s.end.is_none()
            || !(rest.is_empty() || zone_after(rest).is_some_and(|z| z.range.start == 0))
        {
            return;
        }
        let title = line[..s.range.start]
            .trim_end()
            .trim_end_matches(['(', '[', ':', '-', '–', '—', ',', '@'])
            .trim_end_matches(" at")
            .trim_end_matches(" from")
            .trim();
        if title.chars().filter(|c| c.is_alphabetic()).count() < 3 {
            return;
        }
        let zone = zone_after(rest);
        self.push(
            self.day.clone(),
            s.start,
            s.end,
            title.to_owned(),
            Vec::new(),
            offset,
            false,
            zone,
            offset,
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        day: Day,
        start: Clock,
        end: Option<Clock>,
        title: String,
        details: Vec<String>,
        offset: usize,
        approximate: bool,
        zone: Option<zones::Phrase>,
        zone_offset: usize,
    ) {
        if title.is_empty() {
            self.found.strays.push(Stray { offset, why: "a time with no title" });
            return;
        }
        self.found.rows.push(Row {
            day,
            start,
            end,
            title,
            details,
            offset,
            approximate,
            zone,
            zone_offset,
            marker: false,
        });
    }
}

/// Separate start and end cells share a 12-hour suffix the way a range does.
fn clock_pair(start: Clock, end: Clock) -> (Clock, Clock) {
    if start.pm.is_none() && end.pm.is_some() && !start.is_24h() {
        let same = Clock { pm: end.pm, ..start };
        if same.time() <= end.time() {
            return (same, end);
        }
        return (Clock { pm: end.pm.map(|p| !p), ..start }, end);
    }
    (start, end)
}

/// End markers give the row before them its end, and a "… starts" row
/// its matching "… ends"; they stay in the list, marked, so the reader can
/// check the order of times, but are not sessions.
fn close_markers(found: &mut Found) {
    let n = found.rows.len();
    for i in 0..n {
        if !is_end_marker(&found.rows[i].title) {
            continue;
        }
        found.rows[i].marker = true;
        let (day, at) = (found.rows[i].day.clone(), found.rows[i].start);
        let lower = found.rows[i].title.to_lowercase();
        // "Zoom session ends" closes "Zoom session starts"
        let stem = ["ends", "closes", "end"]
            .iter()
            .find_map(|w| lower.strip_suffix(w))
            .map(str::trim)
            .unwrap_or("");
        let opener = (!stem.is_empty())
            .then(|| {
                (0..i).rev().find(|&k| {
                    let t = found.rows[k].title.to_lowercase();
                    found.rows[k].day == day
                        && !found.rows[k].marker
                        && t.starts_with(stem)
                        && (t.ends_with("starts") || t.ends_with("begins") || t.ends_with("start"))
                })
            })
            .flatten();
        let target = opener.or_else(|| {
            (0..i).rev().find(|&k| !found.rows[k].marker).filter(|&k| found.rows[k].day == day)
        });
        if let Some(k) = target
            && found.rows[k].end.is_none()
        {
            found.rows[k].end = Some(at);
        }
    }
}

/// A row whose range holds the rows right after it, the first starting
/// with it, only groups them.
fn drop_groups(found: &mut Found) {
    let t = |c: Clock| c.time().unwrap_or(NaiveTime::MIN);
    let rows = &found.rows;
    let mut keep = vec![true; rows.len()];
    for (i, r) in rows.iter().enumerate() {
        let Some(end) = r.end else { continue };
        let inside: Vec<&Row> = rows[i + 1..]
            .iter()
            .take_while(|n| n.day == r.day && t(n.start) >= t(r.start) && t(n.start) < t(end))
            .collect();
        let grouping = {
            let l = r.title.to_lowercase();
            ["session", "track", "parallel", "block", "sesión", "sessão"]
                .iter()
                .any(|w| l.contains(w))
        };
        // rows with exactly its times are parallel rows, unless its title
        // says it groups ("Parallel Session 1")
        let strictly_inside = inside.iter().all(|n| n.end.is_none_or(|e| t(e) <= t(end)))
            && (grouping
                || inside
                    .iter()
                    .all(|n| !(t(n.start) == t(r.start) && n.end.map(t) == Some(t(end)))));
        if inside.len() >= 2 && t(inside[0].start) == t(r.start) && strictly_inside {
            keep[i] = false;
        }
    }
    let mut k = keep.into_iter();
    found.rows.retain(|_| k.next().unwrap_or(true));
}

/// A row written twice (a table and a list) is one row.
fn dedup(found: &mut Found) {
    // rows that may be twins share a day and a start
    type Key = ((u8, i32, u32, u32), Option<NaiveTime>);
    let key = |r: &Row| -> Key { (r.day_key(), r.start.time()) };
    let mut index: std::collections::HashMap<Key, Vec<usize>> = std::collections::HashMap::new();
    let mut out: Vec<Row> = Vec::new();
    let mut lowers: Vec<String> = Vec::new();
    for r in std::mem::take(&mut found.rows) {
        let lower = r.title.to_lowercase();
        let k = key(&r);
        let twin = index.get(&k).and_then(|list| {
            list.iter().copied().find(|&i| {
                let o = &out[i];
                !o.marker
                    && !r.marker
                    && (o.end.is_none()
                        || r.end.is_none()
                        || o.end.map(|c| c.time()) == r.end.map(|c| c.time()))
                    && (lowers[i].contains(&lower) || lower.contains(&lowers[i]))
            })
        });
        match twin {
            Some(i) => {
                let o = &mut out[i];
                if o.end.is_none() {
                    o.end = r.end;
                }
                for d in std::iter::once(r.title.clone()).chain(r.details) {
                    if !o.details.contains(&d) && d != o.title {
                        o.details.push(d);
                    }
                }
            }
            None => {
                index.entry(k).or_default().push(out.len());
                out.push(r);
                lowers.push(lower);
            }
        }
    }
    found.rows = out;
}

impl Row {
    /// What identifies the row's day, ignoring where it was written.
    fn day_key(&self) -> (u8, i32, u32, u32) {
        match &self.day {
            Day::Unsaid => (0, 0, 0, 0),
            Day::Date(p, _) => (1, p.year.unwrap_or(0), p.month, p.day),
            Day::Number(n, _) => (2, 0, *n, 0),
            Day::Weekday(w, _) => (3, 0, w.num_days_from_monday(), 0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::page::{blocks::Builder, markdown};

    fn rows(md: &str) -> Vec<(String, String, Option<String>)> {
        let mut b = Builder::new();
        markdown::feed(md, 0, &mut b);
        let f = find(&b.finish().blocks);
        f.rows
            .iter()
            .filter(|r| !r.marker)
            .map(|r| {
                let hm = |c: Clock| c.time().unwrap().format("%H:%M").to_string();
                (r.title.clone(), hm(r.start), r.end.map(hm))
            })
            .collect()
    }

    #[test]
    fn lists_tables_and_bold_time_lines() {
        let got = rows(
            "- 18:05 - 18:10: Welcome\n- 18:10 Talk one\n\n| Time (EDT) | What |\n|--|--|\n| 09:00 | Opening |\n| 09:30 | End |\n\n**10:00 – 12:00**\n\n**Check-in**\n",
        );
        assert_eq!(
            got,
            vec![
                ("Welcome".into(), "18:05".into(), Some("18:10".into())),
                ("Talk one".into(), "18:10".into(), None),
                ("Opening".into(), "09:00".into(), Some("09:30".into())),
                ("Check-in".into(), "10:00".into(), Some("12:00".into())),
            ]
        );
    }

    #[test]
    fn a_group_row_is_not_a_row_and_deadlines_are_not_the_programme() {
        let got = rows(
            "| Time | |\n|--|--|\n| 09:10-10:50 | Session I |\n| 09:10-09:30 | A |\n| 09:30-09:50 | B |\n\n## Important dates\n\n- 23:59 AoE: paper deadline\n",
        );
        assert_eq!(got.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(), ["A", "B"]);
    }

    #[test]
    fn list_items_with_the_time_last() {
        let got = rows(
            "- Lunch: 12:30 – 13:30\n- Keynote by A. Author (10:00–11:00)\n- We start at 9:00.\n- Posters 15:00 - 16:00 CET\n",
        );
        assert_eq!(
            got,
            vec![
                ("Lunch".into(), "12:30".into(), Some("13:30".into())),
                ("Keynote by A. Author".into(), "10:00".into(), Some("11:00".into())),
                ("Posters".into(), "15:00".into(), Some("16:00".into())),
            ]
        );
    }

    #[test]
    fn lines_that_open_with_their_own_date_and_time() {
        let got = rows(
            "- Jan 12, 2024, 4:00 PM ET: Ada Lovelace — Engines\n- Jan 26, 2024 at 4:00 PM ET: Alan Turing\n- Feb 2, 2024: TBA\n",
        );
        assert_eq!(
            got,
            vec![
                ("Ada Lovelace — Engines".into(), "16:00".into(), None),
                ("Alan Turing".into(), "16:00".into(), None),
            ]
        );
    }

    #[test]
    fn end_markers_recognised() {
        assert!(is_end_marker("End"));
        assert!(is_end_marker("Adjourn"));
        assert!(is_end_marker("End of day 1"));
        assert!(!is_end_marker("Closing remarks"));
        assert!(!is_end_marker("CVC 217 closes - head to Hackathon Reception"));
    }
}
