//! Rows written as lines: list items, paragraphs, headings, terms.
//!
//! A line may open with its time (`- 18:05 - 18:10: Welcome`), with its
//! day and then its time (`Jan 12, 2024, 4:00 PM ET: Talk`, `Lørdag
//! 10:00`), or end with it (`Lunch: 12:30 – 13:30`, `## Lunch (12:05 -
//! 13:00)`). A time on its own takes the next line, or the next block, as
//! its title (`<div class="time">7:00 AM</div><h3>Registration</h3>`).

use super::super::render::blocks::{Block, Cell, Kind};
use super::super::tokens::{clock, dates, gazetteer, zones};
use super::{
    Context, Day, Draft, HOURS_LABELS, after_time, day_of, is_deadline_row, is_deadline_text,
    tables, title_and_details, zone_after,
};

/// `| 7:50 - 8:00 | Opening |` written as a paragraph line (a row with no
/// table around it): its cells.
fn pipe_cells(line: &str, offset: usize) -> Option<Vec<Cell>> {
    let t = line.trim();
    if !(t.starts_with('|') || t.ends_with('|')) || t.matches('|').count() < 2 {
        return None;
    }
    let inner = t.trim_start_matches('|').trim_end_matches('|');
    Some(inner.split('|').map(|c| Cell::new(c.trim().to_owned(), offset)).collect())
}

/// Reads the lines of block `i`. Returns how many blocks after it were
/// taken as its title and details.
pub(super) fn read(cx: &mut Context, blocks: &[Block], i: usize) -> usize {
    let made = cx.found.rows.len();
    let taken = read_lines(cx, blocks, i);
    if taken == 0 && cx.found.rows.len() > made {
        return match blocks[i].kind {
            Kind::Heading(_) | Kind::Term => section_details(cx, blocks, i),
            Kind::Para if !blocks[i].path.iter().any(|n| n.item) => para_details(cx, blocks, i),
            _ => item_details(cx, blocks, i),
        };
    }
    taken
}

/// What a heading heads, or a term's definitions (`<dt>10:00 Invited
/// talk</dt><dd>Ada Lovelace</dd>`), are the details of the row the heading
/// or term made, up to the next heading, table, time, day or track.
fn section_details(cx: &mut Context, blocks: &[Block], i: usize) -> usize {
    let term = matches!(blocks[i].kind, Kind::Term);
    let taken = blocks[i + 1..]
        .iter()
        .take_while(|next| {
            let kind_fits = if term {
                matches!(next.kind, Kind::Definition)
            } else {
                !matches!(next.kind, Kind::Row { .. } | Kind::Heading(_) | Kind::Caption)
            };
            kind_fits
                && !has_time(next.text())
                && day_of(next.text(), 0).is_none()
                && super::tables::track_name(next.text()).is_none()
        })
        .count();
    add_details(cx, blocks, i + 1..i + 1 + taken);
    taken
}

/// Short paragraphs right after a paragraph that made a row, in the same
/// element, with no time of their own (`11:00 - 11:40 Ada` then the talk's
/// title), continue it: its details. At most three.
fn para_details(cx: &mut Context, blocks: &[Block], i: usize) -> usize {
    let parent = |b: &Block| b.path.len().checked_sub(2).map(|d| b.path[d].id);
    let taken = blocks[i + 1..]
        .iter()
        .take(3)
        .take_while(|next| {
            matches!(next.kind, Kind::Para)
                && parent(next) == parent(&blocks[i])
                && next.text().chars().count() <= 300
                && !has_time(next.text())
                && day_of(next.text(), 0).is_none()
                && super::tables::track_name(next.text()).is_none()
        })
        .count();
    add_details(cx, blocks, i + 1..i + 1 + taken);
    taken
}

/// Whether a text has a time in it, or a line that opens with one (a
/// dotted `09.10` counts only there).
fn has_time(text: &str) -> bool {
    !clock::all(text).is_empty()
        || text.lines().any(|l| leading_day(l).is_some() || clock::leading(l).is_some())
}

/// The blocks' lines become the last row's details.
fn add_details(cx: &mut Context, blocks: &[Block], range: std::ops::Range<usize>) {
    let Some(row) = cx.found.rows.last_mut() else { return };
    for next in &blocks[range.clone()] {
        row.details.extend(next.text().lines().map(str::to_owned));
        row.links.extend(next.cells.iter().flat_map(|c| c.links.iter().cloned()));
    }
    cx.found.used_blocks.extend(range);
}

/// The blocks a list item holds after the line that made its row (a
/// nested list of talks, a paragraph of speakers) are that row's details,
/// up to a block with a time, a heading or a day. Returns how many.
fn item_details(cx: &mut Context, blocks: &[Block], i: usize) -> usize {
    let b = &blocks[i];
    // the item around the row's line: its own element or the one above
    let Some(depth) =
        (b.path.len().saturating_sub(2)..b.path.len()).rev().find(|&d| b.path[d].item)
    else {
        return 0;
    };
    let item = b.path[depth].id;
    let mut taken = 0;
    for next in &blocks[i + 1..] {
        let inside = next.path.get(depth).is_some_and(|n| n.id == item);
        if !inside
            || matches!(next.kind, Kind::Row { .. } | Kind::Heading(_))
            || has_time(next.text())
            || day_of(next.text(), 0).is_some()
        {
            break;
        }
        taken += 1;
    }
    add_details(cx, blocks, i + 1..i + 1 + taken);
    taken
}

/// Reads the lines of block `i`; see [`read`].
fn read_lines(cx: &mut Context, blocks: &[Block], i: usize) -> usize {
    let b = &blocks[i];
    let following = &blocks[i + 1..];
    let text = b.text();
    let lines: Vec<&str> = text.lines().collect();
    let line_at = |line: &str| b.offset() + text.find(line).unwrap_or(0).min(text.len());
    let mut consumed_next = 0;
    let next = following.first();
    let mut li = 0;
    // lines since the last row that gave none: a title above its time
    let mut unused: Vec<&str> = Vec::new();
    while li < lines.len() {
        let line = lines[li];
        // rows written with pipes inside a paragraph: a table of their own
        if pipe_cells(line, 0).is_some() {
            let run: Vec<Block> = lines[li..]
                .iter()
                .map_while(|l| pipe_cells(l, line_at(l)))
                .map(|cells| Block::new(Kind::Row { header: false }, cells, usize::MAX))
                .collect();
            let n = run.len();
            cx.region += 1;
            tables::read_at(cx, &run, 0..n, i);
            li += n;
            continue;
        }
        // the line's own day before its time (`Lørdag 10:00`, `Jan 12,
        // 2024, 4:00 PM`)
        let (day, line_rest, day_at) = match leading_day(line) {
            Some((d, skip)) => (Some(d), &line[skip..], skip),
            None => (None, line, 0),
        };
        let Some(span) = clock::leading(line_rest).filter(|s| s.range.start <= 2 || day.is_none())
        else {
            let row = if matches!(b.kind, Kind::Heading(_)) {
                heading_time(cx, line, b.offset(), i)
            } else if !is_deadline_row(line) && !is_deadline_text(line) {
                trailing_time(cx, b.kind, line, line_at(line), i)
            } else {
                true
            };
            if row || day_of(line, 0).is_some() || !clock::all(line).is_empty() {
                unused.clear();
            } else {
                unused.push(line);
            }
            li += 1;
            continue;
        };
        if is_deadline_row(line) {
            li += 1;
            continue;
        }
        let after = &line_rest[span.range.end..];
        let zone = zone_after(after);
        let rest = match &zone {
            Some(z) => after_time(&after[z.range.end..]),
            None => after_time(after),
        };
        // `June 30th 2025, 14:00 – 16:45 UTC+1 Time (British Summer Time)`
        // states the event's hours: its "title" is only zone words
        if day.is_some() && (only_zone_words(rest) && (!rest.is_empty() || zone.is_some())) {
            li += 1;
            continue;
        }
        // `Saturday, 12 March 2025, 9:00–17:00, Town Hall, Lisbon` in a
        // page's head states the event's day, hours and venue: not a session
        if day.is_some()
            && span.end.is_some()
            && (matches!(b.kind, Kind::Heading(1 | 2))
                || (rest.split_whitespace().count() <= 8 && !gazetteer::find(rest).is_empty()))
        {
            li += 1;
            continue;
        }
        let at = line_at(line);
        let row_day = match &day {
            Some(Day::Date(p, _)) => Day::Date(p.clone(), at),
            Some(Day::Weekday(w, _)) => Day::Weekday(*w, at),
            Some(d) => d.clone(),
            None => cx.day.clone(),
        };
        if day.is_some() {
            cx.found.days.push(row_day.clone());
        }
        // `17:00-20:00 on Mon, April 24th`: hours of a day (a desk's
        // opening hours), no session
        if names_only_days(rest) {
            cx.found.used_blocks.push(i);
            cx.found.strays.push(super::Stray { offset: at, why: "hours of a day, with no title" });
            li += 1;
            continue;
        }
        let mut parts = vec![rest.to_owned()];
        let mut j = li + 1;
        let above = std::mem::take(&mut unused);
        // `09:00<br>–<br>09:30`: a range written over three lines
        let mut end = span.end;
        if end.is_none()
            && rest.is_empty()
            && lines.get(j).is_some_and(|l| {
                !l.trim().is_empty() && l.chars().all(|c| matches!(c, '-' | '–' | '—' | '~' | ' '))
            })
            && let Some(e) = lines.get(j + 1).and_then(|l| clock::leading(l).map(|e| (e, *l)))
            && e.0.end.is_none()
            && after_time(&e.1[e.0.range.end..]).is_empty()
        {
            end = Some(e.0.start);
            j += 2;
        }
        if !rest.chars().any(char::is_alphanumeric) {
            // the title follows: the next line, or the next block; or it is
            // above, when the time closes the block (`Keynote<br>LLMs<br>
            // <small>9:35-10:35</small>`)
            if j >= lines.len()
                && (1..=3).contains(&above.len())
                && above.iter().all(|l| l.chars().count() <= 160)
            {
                parts.extend(above.iter().map(|l| (*l).to_owned()));
            } else if j < lines.len() && clock::leading(lines[j]).is_none() {
                parts.push(lines[j].to_owned());
                j += 1;
            } else if j >= lines.len()
                && let Some(nb) = next
                && !matches!(nb.kind, Kind::Row { .. })
                // a list item is whole: the next item is another one
                && !(b.kind == Kind::Item && nb.kind == Kind::Item)
                && clock::leading(nb.text()).is_none()
                && leading_day(nb.text()).is_none()
                && day_of(nb.text(), 0).is_none()
            {
                parts.push(nb.text().to_owned());
                consumed_next = 1;
                // and the short blocks after it that are neither a time, a
                // day nor a heading above its own (speakers, rooms)
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
                        || leading_day(t).is_some()
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
            && leading_day(lines[j]).is_none()
            && pipe_cells(lines[j], 0).is_none()
        {
            parts.push(lines[j].to_owned());
            j += 1;
        }
        let (title, details) = title_and_details(&parts);
        let _ = day_at;
        let mut d = Draft::new(row_day, span.start, end, at, i);
        d.approximate = span.approximate;
        d.zone = zone;
        (d.title, d.details) = (title, details);
        d.links = b.cells.iter().flat_map(|c| c.links.iter().cloned()).collect();
        cx.push(d);
        li = j;
    }
    consumed_next
}

/// Whether a row's text after its time names only dates (`on Mon, April
/// 24th`, `on Tue, April 25th and Wed, April 26th`).
fn names_only_days(rest: &str) -> bool {
    let found = dates::find(rest);
    if found.is_empty() {
        return false;
    }
    let mut left = String::new();
    let mut from = 0;
    for d in &found {
        left.push_str(&rest[from..d.range.start]);
        left.push(' ');
        from = d.range.end;
    }
    left.push_str(&rest[from..]);
    left.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).all(|w| {
        ["on", "and", "am", "le", "et", "und", "y", "el", "the"]
            .contains(&w.to_lowercase().as_str())
    })
}

/// A day that opens a line and is followed by a time: a date (`Jan 12,
/// 2024, 4:00 PM ET`) or a weekday (`Lørdag 10:00`, `Sat 9:30`), and how
/// many bytes it and the separators after it take.
pub(super) fn leading_day(line: &str) -> Option<(Day, usize)> {
    if line.chars().count() > 300 {
        return None;
    }
    let (day, end) = if let Some(p) = dates::find(line).into_iter().next() {
        // the date opens the line (after a weekday or a bullet's mark)
        if line[..p.range.start].chars().any(char::is_alphanumeric) || p.last_day.is_some() {
            return None;
        }
        let end = p.range.end;
        (Day::Date(p, 0), end)
    } else {
        let first = line.split_whitespace().next()?;
        let word = first.trim_end_matches([',', '.', ':']);
        let w = dates::weekday_only(word)?;
        let end = line.find(first)? + word.len();
        (Day::Weekday(w, 0), end)
    };
    let after = &line[end..];
    let skip = after.len()
        - after
            .trim_start_matches(|c: char| {
                c.is_whitespace()
                    || matches!(c, ',' | '|' | '-' | '–' | '—' | '·' | '@' | '(' | '.')
            })
            .trim_start_matches("at ")
            .len();
    let rest = &after[skip..];
    let span = clock::leading(rest)?;
    (span.range.start <= 2).then_some((day, end + skip))
}

/// Whether a text is only zone words (`UTC+1 Time (British Summer Time)`).
fn only_zone_words(text: &str) -> bool {
    let mut words = text.to_owned();
    for z in zones::find(text).iter().rev() {
        words.replace_range(z.range.clone(), " ");
    }
    let words = words.to_lowercase().replace("time", " ").replace("zone", " ");
    words.chars().filter(|c| c.is_alphabetic()).count() < 3
}

/// `### Talks (~6:30pm)`, `Lunch Break (12:05 - 13:00)`: a heading whose
/// time is in brackets at its end.
fn heading_time(cx: &mut Context, line: &str, offset: usize, block: usize) -> bool {
    // the last bracket that holds a time; remarks may follow it in
    // brackets of their own (`Lightning talks (~6:45pm) (optional)`)
    for (open, _) in line.match_indices('(').collect::<Vec<_>>().into_iter().rev() {
        let close = line[open..].find(')').map(|c| open + c);
        let inner = match close {
            Some(c) => &line[open + 1..c],
            None => line[open + 1..].trim_end(),
        };
        let after = close.map_or("", |c| line[c + 1..].trim());
        if !(after.is_empty()
            || after.starts_with('(') && !after.contains(|c: char| c.is_ascii_digit()))
        {
            break;
        }
        let Some(span) = clock::leading(inner) else { continue };
        if !after_time(&inner[span.range.end..]).is_empty() {
            break;
        }
        let mut d = Draft::new(cx.day.clone(), span.start, span.end, offset, block);
        d.title = line[..open].trim().to_owned();
        if !after.is_empty() {
            d.details.push(after.to_owned());
        }
        d.approximate = span.approximate || inner.contains('~');
        cx.push(d);
        return true;
    }
    heading_ranges(cx, line, offset, block)
}

/// `Book signing from 13h to 13h30 and from 14h to 14h25, Salon B`: a
/// heading that names its session and then gives its time ranges, each a
/// row (what follows the last range, a room, is a detail). Only ranges
/// count: a heading with a lone time in it is a sentence.
fn heading_ranges(cx: &mut Context, line: &str, offset: usize, block: usize) -> bool {
    if line.chars().count() > 140 || is_deadline_text(line) {
        return false;
    }
    let spans = clock::all(line);
    if spans.is_empty() || spans.iter().any(|s| s.end.is_none()) {
        return false;
    }
    // between two ranges of one session only a joining word or two (`et
    // de`, `and from`); `Morning 9 - 12; Afternoon 13:30 - 18` names two
    let joined = spans.windows(2).all(|w| {
        let between = &line[w[0].range.end..w[1].range.start];
        !between.contains(';') && between.chars().filter(|c| c.is_alphabetic()).count() <= 8
    });
    if !joined {
        return false;
    }
    let mut head = line[..spans[0].range.start].trim_end();
    // the word that opens the range (`from`, `de`, `von`) is not the title's
    if let Some(k) = head.rfind(' ')
        && clock::leading(&line[k + 1..]).is_some_and(|s| s.end == spans[0].end)
    {
        head = head[..k].trim_end();
    }
    let (head, own_day) = match day_before_time(cx, head, offset) {
        Some((head, day)) => (head, Some(day)),
        None => (head, None),
    };
    let title = head.trim_end_matches([':', '-', '–', '—', ',', '(', '[']).trim();
    let lower = title.to_lowercase();
    if title.chars().filter(|c| c.is_alphabetic()).count() < 3
        || HOURS_LABELS.iter().any(|l| lower == *l || lower.ends_with(l))
    {
        return false;
    }
    let last = spans.last().map_or(line.len(), |s| s.range.end);
    let rest = after_time(&line[last..]).trim_end_matches([')', '.', ']']).trim();
    for s in &spans {
        let day = own_day.clone().unwrap_or_else(|| cx.day.clone());
        let mut d = Draft::new(day, s.start, s.end, offset, block);
        d.title = title.to_owned();
        d.approximate = s.approximate;
        if !rest.is_empty() {
            d.details.push(rest.to_owned());
        }
        cx.push(d);
    }
    true
}

/// `Session 1 [Day 1 15:40–16:35]`, `Workshop (Day 2, 10:00–12:00)`: a
/// day number in the bracket that holds the range is the row's own day,
/// whatever day heading is above it (sessions described after the
/// programme name their day this way). Day N is the programme's Nth day
/// as its day markers have named them, else `Day N` itself. Returns the
/// text before the bracket and the day.
fn day_before_time<'a>(cx: &Context, head: &'a str, offset: usize) -> Option<(&'a str, Day)> {
    let open = head.rfind(['[', '('])?;
    let inside = head[open + 1..].trim().trim_end_matches([',', ':', ';']).trim();
    if inside.split_whitespace().count() > 3 {
        return None;
    }
    let n = dates::day_number(inside)?;
    // the days named so far, each once, in the order the page names them
    let mut named: Vec<&Day> = Vec::new();
    for d in &cx.found.days {
        if !matches!(d, Day::Unsaid | Day::Number(..)) && !named.iter().any(|k| k.key() == d.key())
        {
            named.push(d);
        }
    }
    let day = match named.get(n as usize - 1) {
        Some(d) => (*d).clone(),
        None => Day::Number(n, offset),
    };
    Some((&head[..open], day))
}

/// A line that names its session first and ends with its time range:
/// `Lunch: 12:30 – 13:30`, `Keynote by A. Author (10:00–11:00)`. Only a
/// range counts (a lone time at the end of a sentence is prose); in a list
/// item any short line, elsewhere only a `Label: range` line whose label is
/// not the event's hours (`Time: 9:00 - 17:00`).
fn trailing_time(cx: &mut Context, kind: Kind, line: &str, offset: usize, block: usize) -> bool {
    let Some(t) = trailing_range(line, cx.titles_first) else { return false };
    // in a paragraph, a `Label: range` line, or any short line when the
    // page writes its rows so (`PhD Workshop 9:00 am - 2:00 pm`, again and
    // again)
    if !matches!(kind, Kind::Item) {
        let words = t.title.split_whitespace().count();
        let labelled = t.labelled && words <= 4;
        if !(labelled || cx.titles_first && words <= 10) {
            return false;
        }
    }
    let mut d = Draft::new(cx.day.clone(), t.span.start, t.span.end, offset, block);
    d.title = t.title.to_owned();
    d.zone = zone_after(t.rest);
    cx.push(d);
    true
}

/// What [`trailing_range`] reads from a line.
pub(super) struct Trailing<'l> {
    span: clock::Span,
    title: &'l str,
    rest: &'l str,
    /// Written `Label: range`.
    labelled: bool,
}

/// A line that names something and ends with a time range (and maybe a
/// zone or a short remark in brackets), not the event's hours; with
/// `starts`, a short name and a start alone (`Gala dinner 8:00 pm`) too.
pub(super) fn trailing_range(line: &str, starts: bool) -> Option<Trailing<'_>> {
    if line.chars().count() > 140 {
        return None;
    }
    let spans = clock::all(line);
    let [s] = spans.as_slice() else { return None };
    let rest = line[s.range.end..].trim().trim_end_matches([')', ']', '.', ' ']);
    // a remark in brackets may follow (`(5 sessions)`, `（online）`)
    let remark =
        (rest.starts_with(['(', '（', '[']) && rest.chars().count() <= 40) || rest.is_empty();
    let head = line[..s.range.start].trim_end();
    let start_alone = starts && rest.is_empty() && head.split_whitespace().count() <= 6;
    if (s.end.is_none() && !start_alone)
        || !(remark || zone_after(rest).is_some_and(|z| z.range.start == 0))
    {
        return None;
    }
    let title = head
        .trim_end_matches(['(', '[', ':', '：', '-', '–', '—', ',', '@'])
        .trim_end_matches(" at")
        .trim_end_matches(" from")
        .trim();
    // a word of two letters is a title in scripts without spaces (`签到`)
    let letters: usize =
        title.chars().filter(|c| c.is_alphabetic()).map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
    if letters < 3 {
        return None;
    }
    // `Registration: 8:15am - 9:00am` names a session; `Time: …`, `When:
    // …` and a date before the hours (`Date/Time: Nov 25th, 2025, 14:00-
    // 17:00`) state the event's
    let lower = title.to_lowercase();
    let label = lower.split([':', '：']).next().unwrap_or("").trim();
    if HOURS_LABELS.iter().any(|l| label == *l || label.ends_with(l))
        || !dates::find(title).is_empty()
    {
        return None;
    }
    Some(Trailing { span: s.clone(), title, rest, labelled: head.ends_with(':') })
}

/// Whether the page writes its rows title first, time range last, on
/// three or more lines outside lists and tables.
pub(super) fn titles_first(blocks: &[Block]) -> bool {
    blocks
        .iter()
        .filter(|b| matches!(b.kind, Kind::Para))
        .flat_map(|b| b.cells.iter().flat_map(|c| c.text.lines()))
        .filter(|l| {
            clock::leading(l).is_none()
                && trailing_range(l, false)
                    .is_some_and(|t| t.title.split_whitespace().count() <= 10)
        })
        .nth(2)
        .is_some()
}

/// A line that opens with hours written without minutes (`10-13 lecture`,
/// `9-12 hack`, `13- hack`) when several do: a programme symcal does not
/// read, not a page without times.
pub(crate) fn bare_hours(blocks: &[Block]) -> Option<usize> {
    let opens = |line: &str| {
        let t = line.trim_start_matches(['-', '*', '•', ' ']);
        let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
        let a = digits(t);
        if !(1..=2).contains(&a) || !t[a..].starts_with(['-', '–']) {
            return false;
        }
        let rest = &t[a + t[a..].chars().next().map_or(1, char::len_utf8)..];
        let b = digits(rest);
        let (first, second): (u32, Option<u32>) =
            (t[..a].parse().unwrap_or(99), rest[..b].parse().ok().filter(|_| b <= 2));
        let after = rest[b..].trim_start();
        first <= 24
            && (b == 0 || second.is_some_and(|s| s > first && s <= 24))
            && rest[b..].starts_with(' ')
            && after.starts_with(char::is_alphabetic)
    };
    let mut found = blocks.iter().flat_map(|b| &b.cells).flat_map(|c| {
        let mut at = c.offset;
        c.text.split('\n').filter_map(move |l| {
            let here = at;
            at += l.len() + 1;
            opens(l).then_some(here)
        })
    });
    let first = found.next()?;
    (found.count() >= 2).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{html_rows, rows};
    use super::names_only_days;
    use crate::source::page::render::{blocks::Builder, markdown};

    fn t(title: &str, start: &str, end: Option<&str>) -> (String, String, Option<String>) {
        (title.to_owned(), start.to_owned(), end.map(str::to_owned))
    }

    #[test]
    fn list_items_with_the_time_last_and_labelled_lines() {
        let got = rows(
            "- Lunch: 12:30 – 13:30\n- Keynote by A. Author (10:00–11:00)\n- We meet at 10:00.\n\nRegistration: **8:15am - 9:00am**\n\nTime: 9:00 - 17:00\n",
        );
        assert_eq!(
            got,
            vec![
                t("Lunch", "12:30", Some("13:30")),
                t("Keynote by A. Author", "10:00", Some("11:00")),
                t("Registration", "08:15", Some("09:00")),
            ]
        );
    }

    #[test]
    fn a_head_line_with_day_hours_and_venue_is_not_a_session() {
        assert!(rows("Saturday, 12 March 2025, 9:00–17:00, Town Hall, Lisbon\n").is_empty());
        assert!(rows("## Saturday, 12 March 2025, 9:00–17:00\n").is_empty());
    }

    #[test]
    fn a_heading_with_its_ranges() {
        let got = rows(
            "## Ventes et dédicaces De 13h à 13h30 et de 14h à 14h25 Salon Palladio\n\n\
             ## Lunch (12:05 - 13:00)\n\n## Our history since 1990\n\n\
             ## Morning sessions 9 AM - 12 PM; Afternoon sessions 1:30 PM - 6 PM\n",
        );
        assert_eq!(
            got,
            vec![
                t("Ventes et dédicaces", "13:00", Some("13:30")),
                t("Ventes et dédicaces", "14:00", Some("14:25")),
                t("Lunch", "12:05", Some("13:00")),
            ]
        );
    }

    #[test]
    fn what_a_list_item_holds_is_its_rows_details() {
        let mut b = Builder::new();
        markdown::feed(
            "- 10:00 Invited talk\n  - Ada Lovelace: Engines\n  - Bob: Looms\n- 11:00 Lunch\n\
             - 12:00 Session\n\n  Chair: Cy\n\n  - 12:00 Talk A\n- 13:00 Coffee\n",
            0,
            &mut b,
        );
        let f = super::super::find(&b.finish().blocks);
        let got: Vec<(&str, Vec<&str>)> = f
            .rows
            .iter()
            .map(|r| (r.title.as_str(), r.details.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            got,
            [
                ("Invited talk", vec!["Ada Lovelace: Engines", "Bob: Looms"]),
                ("Lunch", vec![]),
                ("Session", vec!["Chair: Cy"]),
                ("Talk A", vec![]),
                ("Coffee", vec![])
            ]
        );
    }

    #[test]
    fn what_a_heading_heads_and_a_terms_definitions_are_details() {
        let mut b = Builder::new();
        markdown::feed(
            "### 10:00 Invited talk\n\nAda Lovelace (Oxford)\n\n### 11:00 Lunch\n\n\
             ### 12:00 Panel\n\nCoffee at 12:45.\n\n\
             <dl><dt>13:00 Talk</dt><dd>Bob</dd><dt>14:00 Tea</dt></dl>\n",
            0,
            &mut b,
        );
        let f = super::super::find(&b.finish().blocks);
        let got: Vec<(&str, Vec<&str>)> = f
            .rows
            .iter()
            .map(|r| (r.title.as_str(), r.details.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            got,
            [
                ("Invited talk", vec!["Ada Lovelace (Oxford)"]),
                ("Lunch", vec![]),
                ("Panel", vec![]),
                ("Talk", vec!["Bob"]),
                ("Tea", vec![])
            ]
        );
    }

    #[test]
    fn short_paragraphs_after_a_row_continue_it() {
        let got: Vec<String> = {
            let mut b = Builder::new();
            markdown::feed(
                "10.00 - 10.40 Ada\n\nEngines of the future\n\n10.50 - 11.30 Bob\n\n\
                 ca. 11.30 End of the morning\n",
                0,
                &mut b,
            );
            let f = super::super::find(&b.finish().blocks);
            f.rows.iter().map(|r| format!("{} {:?}", r.title, r.details)).collect()
        };
        assert_eq!(got, ["Ada [\"Engines of the future\"]", "Bob []", "End of the morning []"]);
    }

    #[test]
    fn a_range_over_three_lines() {
        let got = html_rows("<p>09:00<br>–<br>09:30<br>Keynote</p>");
        assert_eq!(got, vec![t("Keynote", "09:00", Some("09:30"))]);
    }

    #[test]
    fn a_time_under_its_title_closes_the_block() {
        let got = html_rows(
            "<h3>Keynote</br>LLMs and us<br><small>9:35-10:35</small></h3><p>Speaker: Ada</p>\
             <p>Day 1<br>10:00</p><p>Opening</p>",
        );
        assert_eq!(got, vec![t("Keynote", "09:35", Some("10:35")), t("Opening", "10:00", None)]);
    }

    #[test]
    fn lines_that_open_with_their_own_day() {
        let got = rows(
            "- Jan 12, 2024, 4:00 PM ET: Ada Lovelace — Engines\n- Feb 2, 2024, 4:00 PM ET: Bob — Looms\n",
        );
        assert_eq!(
            got,
            vec![t("Ada Lovelace — Engines", "16:00", None), t("Bob — Looms", "16:00", None)]
        );
        let got = html_rows(
            "<div><p>Saturday 10:00</p><h3>Velkommen</h3><p>Sun 09:30</p><h3>Frokost</h3></div>",
        );
        assert_eq!(got, vec![t("Velkommen", "10:00", None), t("Frokost", "09:30", None)]);
    }

    #[test]
    fn hours_of_a_day_are_no_session() {
        let got = rows(
            "Registration desk is open on:\n\n+ 17:00-20:00 on Mon, April 24th\n+ 7:00-17:00 on Tue, April 25th and Wed, April 26th\n\n## Day 1\n\n- 9:00 Opening\n",
        );
        assert_eq!(got, vec![t("Opening", "09:00", None)]);
        assert!(names_only_days("on Tue, April 25th and Wed, April 26th"));
        let got = rows("## Talks (~6:45pm) (optional)\n\nShort talks.\n\n## Wrap-up (8pm)\n");
        assert_eq!(got, vec![t("Talks", "18:45", None), t("Wrap-up", "20:00", None)]);
        // `(ish)` is the time's, and the marker ends the row above
        let got = rows("- 15:00 Work\n- 16:30(ish): End of Day\n");
        assert_eq!(got, vec![t("Work", "15:00", Some("16:30"))]);
        assert!(!names_only_days("Dinner on April 24th"));
    }
}
