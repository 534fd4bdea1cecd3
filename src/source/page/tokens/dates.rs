//! Calendar dates as event pages write them, in the languages they are
//! written in: `2024-09-26`, `2018.08.26`, `31-Oct-2022`, `15th December
//! 2024`, `March 3rd, 2025`, `3rd of March`, `Monday, Oct. 23`, `MON, 02
//! OCT 2023`, `Mardi 22 juin`, `20 de octubre de 2025`, `Lørdag 14.
//! november 2015`, `14.-15. November 2015`, `11-16 June '23`, `22 Eylül
//! 2018`, `10月31日`, `2024年3月12日`, `3月12日(火)`, `2019년 10월 26일
//! 토요일`; a weekday alone (`Samstag`, `土曜日`); and a programme's day
//! number (`Day 2`, `Jour 2`, `2日目`).
//!
//! A phrase may lack its year; the weekday, when written, is kept so the
//! reader can check it against the date or use it to find the year. Month
//! and weekday names come from [`names`](super::names), whose module docs
//! say which words are read only with support from the rest of the phrase.
//! Numbers alone decide only when they cannot be read two ways: year first
//! (`2024-09-26`), dots day first (`26.09.2024`), slashes only when one
//! number is over 12 (`06/25/2023`).

use std::ops::Range;

use chrono::{Datelike, NaiveDate, Weekday};

use super::names::{self, Name};

/// A date as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Phrase {
    pub(crate) year: Option<i32>,
    pub(crate) month: u32,
    pub(crate) day: u32,
    /// The last day of a range (`October 10–12`), same month and year.
    pub(crate) last_day: Option<u32>,
    pub(crate) weekday: Option<Weekday>,
    pub(crate) range: Range<usize>,
}

impl Phrase {
    pub(crate) fn date(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year?, self.month, self.day)
    }

    /// The date in `year`.
    pub(crate) fn in_year(&self, year: i32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, self.month, self.day)
    }

    /// Whether a written weekday agrees with the date in `year`.
    pub(crate) fn weekday_fits(&self, year: i32) -> bool {
        match (self.weekday, self.in_year(year)) {
            (Some(w), Some(d)) => d.weekday() == w,
            (None, Some(_)) => true,
            _ => false,
        }
    }
}

/// Words that join a phrase's parts: `20 de octubre de 2025`, `3rd of
/// March`, `Samstag, den 14.`, `Monday the 3rd`, `segunda-feira, 3`.
const GLUE: &[&str] = &["de", "del", "of", "the", "den", "der", "feira"];

/// Words between the two days of a range: `5 to 9 July`, `3 au 5 mars`,
/// `del 3 al 5`, `vom 3. bis 5.`, `3 tot 5 maart`.
const RANGE_WORDS: &[&str] = &["to", "au", "al", "a", "bis", "till", "til", "tot", "until"];

/// Marks between the two days of a range: `5–9 July`, `14.-15. November`.
const RANGE_MARKS: &[&str] = &["-", "–", "—", "~", "〜", "～", "--"];

/// Ordinal endings of a day: `1st`, `2nd`, `3rd`, `4th`, `1er`, `1e`,
/// `1º`, `1ª`, `1o`.
const ORDINALS: &[&str] = &["", "st", "nd", "rd", "th", "er", "e", "º", "ª", "o"];

#[derive(Debug, Clone)]
struct Word<'a> {
    text: &'a str,
    range: Range<usize>,
    name: Option<Name>,
}

impl Word<'_> {
    fn is(&self, list: &[&str]) -> bool {
        list.iter().any(|g| self.text.eq_ignore_ascii_case(g))
    }
}

fn words(text: &str) -> Vec<Word<'_>> {
    super::words::spans(text)
        .map(|(range, t)| {
            // digits have no name, and most words are numbers or not names
            let name = if t.as_bytes()[0].is_ascii_digit() { None } else { names::lookup(t) };
            Word { text: t, range, name }
        })
        .collect()
}

/// The month a word surely names, in any of the languages read (`Sept`,
/// `octubre`, `января`).
pub(crate) fn month_number(word: &str) -> Option<u32> {
    names::month(word)
}

/// `30`, `30th`, `1st`, `2nd`, `1er`, `1º`.
fn day(w: &Word<'_>) -> Option<u32> {
    let digits = w.text.trim_end_matches(|c: char| !c.is_ascii_digit());
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let suffix = &w.text[digits.len()..];
    if !ORDINALS.iter().any(|o| suffix.eq_ignore_ascii_case(o)) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// `2025`, within the years pages are about.
fn year(w: &Word<'_>) -> Option<i32> {
    (w.text.len() == 4 && w.text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.text.parse().ok())
        .flatten()
        .filter(|y| (1990..=2100).contains(y))
}

/// The text between two words, and whether it only separates the words of
/// one phrase (spaces and light punctuation).
fn light(between: &str) -> bool {
    between.chars().all(|c| matches!(c, ' ' | ',' | '.' | '\u{a0}' | '\n' | '\t'))
}

/// A phrase being read, word by word.
struct Reader<'t, 'w> {
    text: &'t str,
    w: &'w [Word<'t>],
}

/// What a phrase's core gave: month, day, last day, the index of its last
/// word, and whether it gave a weak month some support.
struct Core {
    year: Option<i32>,
    month: u32,
    day: u32,
    last_day: Option<u32>,
    end: usize,
    sure: bool,
    supported: bool,
}

impl Reader<'_, '_> {
    fn between(&self, a: usize, b: usize) -> &str {
        &self.text[self.w[a].range.end..self.w[b].range.start]
    }

    fn joined(&self, a: usize, b: usize) -> bool {
        b < self.w.len()
            && (light(self.between(a, b))
                // `segunda-feira`
                || self.between(a, b) == "-" && self.w[b].text.eq_ignore_ascii_case("feira"))
    }

    /// The byte right after word `k`.
    fn dot_after(&self, k: usize) -> bool {
        self.text[self.w[k].range.end..].starts_with('.')
    }

    /// Past any glue words after word `k`: the index of the next word.
    fn skip_glue(&self, k: usize) -> usize {
        let mut next = k + 1;
        while next < self.w.len() && self.w[next].is(GLUE) && self.joined(next - 1, next) {
            next += 1;
        }
        next
    }

    /// The last day of a range starting at the day in word `k`, and its
    /// index: `10–12`, `14.-15.`, `5 to 9`.
    fn range_end(&self, k: usize, first: u32) -> Option<(u32, usize)> {
        let next = k + 1;
        let nw = self.w.get(next)?;
        let mark = self.between(k, next).trim_matches(|c: char| c == '.' || c.is_whitespace());
        let at = if RANGE_MARKS.contains(&mark) {
            next
        } else if mark.is_empty() && nw.is(RANGE_WORDS) && self.joined(next, next + 1) {
            next + 1
        } else {
            return None;
        };
        // the last day may have its weekday too, when the first has one
        // (`Monday 13th till Friday 17th July`; in `Jour 1 – Lundi 17
        // novembre` the 1 is no day of a range)
        let first_has_weekday = k > 0 && self.weekday_at(k - 1).is_some() && self.joined(k - 1, k);
        let at = match self.weekday_at(at) {
            Some(_) if first_has_weekday && self.joined(at, at + 1) => self.skip_glue(at),
            _ => at,
        };
        let last = day(self.w.get(at)?)?;
        (last > first).then_some((last, at))
    }

    /// A month word at `k`: its number and whether it is sure.
    fn month_at(&self, k: usize) -> Option<(u32, bool)> {
        let n = self.w.get(k)?.name?;
        Some((n.month?, n.month_sure))
    }

    /// A month word at `k` that may come before its day (`March 3`).
    fn month_first_at(&self, k: usize) -> Option<(u32, bool)> {
        self.w.get(k)?.name.filter(|n| n.month_first)?;
        self.month_at(k)
    }

    /// `D[–D] [glue] Month` or `Month D[–D]` starting at word `k`.
    fn core(&self, k: usize) -> Option<Core> {
        if let Some((month, sure)) = self.month_first_at(k) {
            // Month D[th][–D], in English
            let next = k + 1;
            if !self.joined(k, next) {
                return None;
            }
            let d = day(&self.w[next])?;
            let mut core = Core {
                year: None,
                month,
                day: d,
                last_day: None,
                end: next,
                sure,
                supported: self.dot_after(k),
            };
            if let Some((ld, at)) = self.range_end(next, d)
                // `March 30 – 2 April` is two phrases
                && self.month_at(at + 1).is_none()
            {
                core.last_day = Some(ld);
                core.end = at;
                core.supported = true;
            }
            return Some(core);
        }
        // D[th][.][–D] [de|of] Month
        let d = day(&self.w[k])?;
        let mut supported = self.dot_after(k);
        let mut last_day = None;
        let mut at = k;
        if let Some((ld, end)) = self.range_end(k, d) {
            last_day = Some(ld);
            at = end;
            supported = true;
        }
        let m = self.skip_glue(at);
        let between = self.w.get(m).map(|_| self.between(m - 1, m))?;
        // `31-Oct-2022`: a dash between day and month only when another
        // comes before the year
        let dashed = matches!(between, "-" | "/")
            && last_day.is_none()
            && m == at + 1
            && self.w.get(m + 1).is_some_and(|y| year(y).is_some())
            && self.between(m, m + 1) == between;
        if !(light(between) || dashed) {
            return None;
        }
        let (month, sure) = self.month_at(m)?;
        Some(Core {
            year: if dashed { year(&self.w[m + 1]) } else { None },
            month,
            day: d,
            last_day,
            end: if dashed { m + 1 } else { m },
            sure,
            supported: supported || self.dot_after(m) || dashed,
        })
    }

    /// `19/10`, `14.11.` right after a weekday (`SÁBADO 19/10`, `Sa
    /// 14.11.`): day and month in numbers, day first with dots, and with a
    /// slash only when one number is over 12.
    fn numeric_core(&self, k: usize) -> Option<Core> {
        let (a, b) = (self.w.get(k)?, self.w.get(k + 1)?);
        let sep = self.between(k, k + 1);
        let short = |t: &str| t.len() <= 2 && t.bytes().all(|c| c.is_ascii_digit());
        if !matches!(sep, "/" | ".") || !short(a.text) || !short(b.text) {
            return None;
        }
        // `19/10/2019` is a whole numeric date, read elsewhere
        let after = &self.text.as_bytes()[b.range.end..];
        if matches!(after.first(), Some(b'/' | b'.' | b'-'))
            && after.get(1).is_some_and(u8::is_ascii_digit)
        {
            return None;
        }
        let (x, y): (u32, u32) = (a.text.parse().ok()?, b.text.parse().ok()?);
        let (day, month) = match sep {
            "." => (x, y),
            _ if x > 12 => (x, y),
            _ if y > 12 => (y, x),
            _ => return None,
        };
        (1..=12).contains(&month).then_some(Core {
            year: None,
            month,
            day,
            last_day: None,
            end: k + 1,
            sure: true,
            supported: true,
        })
    }

    /// A year after word `k` (`, 2025`, `de 2025`, `'23`), and its index.
    fn year_after(&self, k: usize) -> Option<(i32, usize)> {
        let next = self.skip_glue(k);
        let nw = self.w.get(next)?;
        let between = self.between(next - 1, next);
        if light(between) {
            return Some((year(nw)?, next));
        }
        // `June '23`
        let apostrophe = between.strip_suffix(['\'', '’'])?;
        if !light(apostrophe) || nw.text.len() != 2 || !nw.text.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let yy: i32 = nw.text.parse().ok()?;
        Some((if yy >= 90 { 1900 + yy } else { 2000 + yy }, next))
    }

    /// A weekday written at word `k` that may open or close a phrase: a
    /// sure name, or a weak one followed by a dot or comma (`Do.`, `sam.,`)
    /// or inside parentheses (`(Mo)`).
    fn weekday_at(&self, k: usize) -> Option<Weekday> {
        let w = self.w.get(k)?;
        let n = w.name?;
        let weekday = n.weekday?;
        if n.weekday_sure {
            return Some(weekday);
        }
        let after = &self.text[w.range.end..];
        let before = &self.text[..w.range.start];
        let marked = after.starts_with(['.', ',']);
        let bracketed = before.ends_with(['(', '（']) && after.starts_with([')', '）']);
        (marked || bracketed).then_some(weekday)
    }

    /// The phrase whose first word is `i`, and the index of its last word.
    fn phrase(&self, i: usize) -> Option<(Phrase, usize)> {
        let mut weekday = None;
        let mut core = None;
        if let Some(wd) = self.weekday_at(i)
            && self.joined(i, i + 1)
        {
            let first = self.skip_glue(i);
            if first < self.w.len()
                && self.joined(first - 1, first)
                && let Some(c) = self.core(first).or_else(|| self.numeric_core(first))
            {
                weekday = Some(wd);
                core = Some(c);
            }
        }
        // `Mar 3`: a weekday reading that gave nothing may be a month
        let mut core = match core {
            Some(c) => c,
            None => match self.core(i) {
                Some(c) => c,
                // `28/04 - Friday`: day and month in numbers, then the
                // weekday that makes them a date
                None => {
                    let mut c = self.numeric_core(i)?;
                    let next = c.end + 1;
                    self.w.get(next)?;
                    let sep = self.between(c.end, next).trim();
                    if !matches!(sep, "" | "-" | "–" | "," | "(") {
                        return None;
                    }
                    weekday = Some(self.weekday_at(next).or_else(|| {
                        // a weak name is sure enough right after the numbers
                        self.w[next].name.and_then(|n| n.weekday)
                    })?);
                    c.end = next;
                    c
                }
            },
        };
        let mut year = core.year;
        if year.is_none()
            && let Some((y, at)) = self.year_after(core.end)
        {
            year = Some(y);
            core.end = at;
        }
        // a trailing weekday: `27th Oct, Fri`
        if weekday.is_none()
            && self.joined(core.end, core.end + 1)
            && let Some(wd) = self.weekday_at(core.end + 1)
        {
            weekday = Some(wd);
            core.end += 1;
        }
        // a weak month (`set`, `des`) needs support from the phrase
        if !core.sure && !core.supported && year.is_none() && weekday.is_none() {
            return None;
        }
        NaiveDate::from_ymd_opt(year.unwrap_or(2024), core.month, core.day)?;
        if let Some(ld) = core.last_day {
            NaiveDate::from_ymd_opt(year.unwrap_or(2024), core.month, ld)?;
        }
        let phrase = Phrase {
            year,
            month: core.month,
            day: core.day,
            last_day: core.last_day,
            weekday,
            range: self.w[i].range.start..self.w[core.end].range.end,
        };
        Some((phrase, core.end))
    }
}

/// Every date phrase in `text`.
pub(crate) fn find(text: &str) -> Vec<Phrase> {
    // every form has a digit
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let mut out = numeric(text);
    out.extend(cjk(text));
    let w = words(text);
    // every phrase has a month or a weekday name in it (the numeric and
    // CJK forms are read above)
    if w.iter().all(|x| x.name.is_none()) {
        out.sort_by_key(|p| p.range.start);
        return out;
    }
    let r = Reader { text, w: &w };
    let taken = Taken::new(&out);
    let mut i = 0;
    while i < w.len() {
        // skip words inside numeric and CJK dates found already
        if taken.any_ends_after(w[i].range.start + 1, w[i].range.start) {
            i += 1;
            continue;
        }
        // a phrase has a name in it: skip to words that may start one
        match r.phrase(i) {
            Some((p, end)) if !taken.any_ends_after(p.range.end, p.range.start) => {
                out.push(p);
                i = end + 1;
            }
            _ => i += 1,
        }
    }
    out.sort_by_key(|p| p.range.start);
    out
}

/// A day and month no calendar has (`31 February`, `April 31st`), with the
/// year when one follows: [`find`] takes these for no date at all, and a
/// dates section says so rather than dropping the row in silence. Gives
/// (day, month, year).
pub(crate) fn impossible(text: &str) -> Option<(u32, u32, Option<i32>)> {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let w = words(text);
    let joined = |a: &Word<'_>, b: &Word<'_>| {
        a.range.end <= b.range.start && light(&text[a.range.end..b.range.start])
    };
    for i in 0..w.len() {
        let Some(month) = month_number(w[i].text) else { continue };
        // `31 February` or `February 31`
        let (day, last) = match (i.checked_sub(1).map(|j| &w[j]), w.get(i + 1)) {
            (Some(before), _) if joined(before, &w[i]) && day(before).is_some() => (day(before), i),
            (_, Some(after)) if joined(&w[i], after) && day(after).is_some() => (day(after), i + 1),
            _ => continue,
        };
        let Some(day) = day else { continue };
        let year = w.get(last + 1).filter(|y| joined(&w[last], y)).and_then(year);
        if NaiveDate::from_ymd_opt(year.unwrap_or(2024), month, day).is_none() {
            return Some((day, month, year));
        }
    }
    None
}

/// The numeric and CJK dates already found, for the words and phrases
/// that fall inside one. Each question was a scan of all of them, per
/// word: a block of 40,000 dates with month names took 7 s (600 KB), and
/// 1.5 MB took minutes. Now it is a binary search.
struct Taken {
    /// The dates' starts, in order.
    starts: Vec<usize>,
    /// The latest end among the dates up to each index.
    max_end: Vec<usize>,
}

impl Taken {
    fn new(phrases: &[Phrase]) -> Taken {
        let mut ranges: Vec<Range<usize>> = phrases.iter().map(|p| p.range.clone()).collect();
        ranges.sort_by_key(|r| r.start);
        let starts = ranges.iter().map(|r| r.start).collect();
        let max_end = ranges
            .iter()
            .scan(0, |max, r| {
                *max = r.end.max(*max);
                Some(*max)
            })
            .collect();
        Taken { starts, max_end }
    }

    /// Whether a date that starts before `before` ends after `after`: with
    /// `before = x + 1, after = x`, one contains `x`; with a phrase's end
    /// and start, one overlaps it.
    fn any_ends_after(&self, before: usize, after: usize) -> bool {
        let n = self.starts.partition_point(|&s| s < before);
        n > 0 && self.max_end[n - 1] > after
    }
}

/// `2024-09-26`, `2018.08.26`, `2018/08/26`, and `26.09.2024`, `26/09/2024`
/// when the day cannot be a month.
fn numeric(text: &str) -> Vec<Phrase> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && (b[i - 1].is_ascii_alphanumeric())) {
            i += 1;
            continue;
        }
        let run = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
        let n1 = run(i);
        let sep = b.get(i + n1).copied();
        if !matches!(sep, Some(b'-' | b'.' | b'/')) {
            i += n1.max(1);
            continue;
        }
        let j = i + n1 + 1;
        let n2 = run(j);
        if n2 == 0 || b.get(j + n2).copied() != sep {
            i += n1.max(1);
            continue;
        }
        let k = j + n2 + 1;
        let n3 = run(k);
        let end = k + n3;
        if n3 == 0
            || b.get(end).is_some_and(|c| c.is_ascii_alphanumeric() || *c == sep.unwrap_or(0))
        {
            i = end.max(i + 1);
            continue;
        }
        let num = |a: usize, n: usize| text[a..a + n].parse::<u32>().ok();
        let (y, m, d) = if n1 == 4 && n2 <= 2 && n3 <= 2 {
            (num(i, n1), num(j, n2), num(k, n3))
        } else if n3 == 4 && n1 <= 2 && n2 <= 2 && sep == Some(b'.') {
            // `15.12.2023`: dots are written day first wherever they are used
            (num(k, n3), num(j, n2), num(i, n1))
        } else if n3 == 4 && n1 <= 2 && n2 <= 2 && sep == Some(b'/') {
            // `/` is day first in most of the world and month first in the
            // US: only when the numbers decide
            let (a, c) = (num(i, n1), num(j, n2));
            match (a, c) {
                (Some(a), Some(c)) if a > 12 => (num(k, n3), Some(c), Some(a)),
                (Some(a), Some(c)) if c > 12 => (num(k, n3), Some(a), Some(c)),
                _ => (None, None, None),
            }
        } else {
            (None, None, None)
        };
        if let (Some(y), Some(m), Some(d)) = (y, m, d)
            && (1990..=2100).contains(&y)
            && NaiveDate::from_ymd_opt(y as i32, m, d).is_some()
        {
            out.push(Phrase {
                year: Some(y as i32),
                month: m,
                day: d,
                last_day: None,
                weekday: weekday_near(text, i, end),
                range: i..end,
            });
        }
        i = end.max(i + 1);
    }
    out
}

/// A weekday written right before or after a numeric date: `Dienstag,
/// 05.06.2023`, `2018.08.26 (日)`.
fn weekday_near(text: &str, start: usize, end: usize) -> Option<Weekday> {
    // a few bytes either side, widened to whole characters
    let mut from = start.saturating_sub(16);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (end + 16).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let w = words(&text[from..to]);
    let r = Reader { text: &text[from..to], w: &w };
    let (start, end) = (start - from, end - from);
    let before = w.iter().rposition(|x| x.range.end <= start).filter(|&k| {
        r.text[w[k].range.end..start].chars().all(|c| matches!(c, ' ' | ',' | '.' | '\u{a0}'))
    });
    let after = w.iter().position(|x| x.range.start >= end).filter(|&k| {
        r.text[end..w[k].range.start].chars().all(|c| matches!(c, ' ' | '(' | '（' | ','))
    });
    before.and_then(|k| r.weekday_at(k)).or_else(|| after.and_then(|k| r.weekday_at(k)))
}

/// The digits that end `s` (at most `max`, and not glued to more).
fn digits_before(s: &str, max: usize) -> Option<(u32, usize)> {
    let start = s.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let n = s.len() - start;
    (1..=max).contains(&n).then(|| s[start..].parse().ok().map(|v| (v, start))).flatten()
}

/// The digits that start `s` (at most `max`, and not glued to more).
fn digits_after(s: &str, max: usize) -> Option<(u32, usize)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    (1..=max).contains(&n).then(|| s[..n].parse().ok().map(|v| (v, n))).flatten()
}

/// `10月31日`, `2018年8月26日`, `2019년 10월 26일`, with a last day
/// (`3月12日～14日`) and a weekday after (`(火)`, `（火）`, ` 토요일`).
fn cjk(text: &str) -> Vec<Phrase> {
    let mut out = Vec::new();
    // `月` and `월` are not ASCII: most texts are, and are not searched
    if text.is_ascii() {
        return out;
    }
    for (i, unit) in text.match_indices(['月', '월']) {
        // Japanese and Chinese write the parts together; Korean spaces them
        let (year_unit, day_unit) = if unit == "月" { ('年', '日') } else { ('년', '일') };
        let Some((month, m_start)) = digits_before(&text[..i], 2) else { continue };
        let mut end = i + unit.len();
        let spaced = |s: &str| s.len() - s.trim_start_matches(' ').len();
        end += spaced(&text[end..]);
        let Some((day, n)) = digits_after(&text[end..], 2) else { continue };
        end += n;
        if !text[end..].starts_with(day_unit) {
            continue;
        }
        end += day_unit.len_utf8();
        let mut start = m_start;
        let mut year = None;
        let pre = text[..m_start].trim_end_matches(' ');
        if let Some(pre) = pre.strip_suffix(year_unit)
            && let Some((y, y_start)) = digits_before(pre, 4)
            && pre.len() - y_start == 4
        {
            start = y_start;
            year = Some(y as i32);
        }
        // a last day: `3月12日～14日`, `26일~27일`
        let mut last_day = None;
        let rest = text[end..].trim_start_matches(' ');
        if let Some(mark) = RANGE_MARKS.iter().find(|m| rest.starts_with(*m)) {
            let after = rest[mark.len()..].trim_start_matches(' ');
            if let Some((ld, n)) = digits_after(after, 2)
                && after[n..].starts_with(day_unit)
                && ld > day
            {
                last_day = Some(ld);
                end = text.len() - after.len() + n + day_unit.len_utf8();
            }
        }
        // a weekday: `(火)`, `（土）`, ` 토요일`, ` 星期二`
        let mut weekday = None;
        let rest = text[end..].trim_start_matches(' ');
        let w = words(rest);
        if let Some(first) = w.first()
            && rest[..first.range.start].chars().all(|c| matches!(c, '(' | '（'))
        {
            let r = Reader { text: rest, w: &w };
            if let Some(wd) = r.weekday_at(0) {
                weekday = Some(wd);
                let close = rest[first.range.end..].starts_with([')', '）']);
                let closing = if close {
                    rest[first.range.end..].chars().next().map_or(0, char::len_utf8)
                } else {
                    0
                };
                end = text.len() - rest.len() + first.range.end + closing;
            }
        }
        let ok = |d| NaiveDate::from_ymd_opt(year.unwrap_or(2024), month, d).is_some();
        if ok(day) && last_day.is_none_or(ok) {
            out.push(Phrase { year, month, day, last_day, weekday, range: start..end });
        }
    }
    out
}

/// Years standing alone (`2025`, `NeurIPS 2021`, `/2023/`), with ranges.
pub(crate) fn years(text: &str) -> Vec<(i32, Range<usize>)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= b.len() {
        let alone_before = i == 0 || !b[i - 1].is_ascii_digit();
        let alone_after = b.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        if alone_before
            && alone_after
            && b[i..i + 4].iter().all(u8::is_ascii_digit)
            && let Ok(y) = text[i..i + 4].parse::<i32>()
            && (1990..=2100).contains(&y)
        {
            out.push((y, i..i + 4));
            i += 4;
        } else {
            i += 1;
        }
    }
    out
}

/// A text that is only a weekday's name (`Monday`, `Lunes:`, `(Tue)`,
/// `Lørdag`, `土曜日`, `토요일`, `Segunda-feira`).
pub(crate) fn weekday_only(text: &str) -> Option<Weekday> {
    let mut w = words(text);
    // `Donnerstag ab` (from Thursday on)
    while w.len() > 1 && w.last().is_some_and(|x| x.is(&["ab"])) {
        w.pop();
    }
    let (first, rest) = w.split_first()?;
    if !rest.iter().all(|x| x.is(GLUE)) {
        return None;
    }
    if first.is(GLUE) {
        return None;
    }
    if let Some(day) = (Reader { text, w: &w }).weekday_at(0) {
        return Some(day);
    }
    // `Freitags`, `Samstags` (German: on Friday): the weekday with an `s`
    let stem = first.text.strip_suffix('s').filter(|s| s.chars().count() >= 6)?;
    names::lookup(stem).filter(|n| n.weekday_sure)?.weekday
}

/// Words that label a programme's day: `Day 2`, `Tag 2`, `Jour 2`, `Día
/// 2`, `Giorno 2`, `Dag 2`, `Gün 2`, `Dzień 2`, `Päivä 2`, `День 2`.
const DAY_WORDS: &[&str] = &[
    "day", "día", "dia", "tag", "jour", "journée", "gün", "giorno", "dag", "dzień", "päivä", "день",
];

/// `Day 2`, `Day 1:`, `Día 3`, `Tag 2`, `2日目`, `第2日`, `第2天`, `2일차`:
/// a programme's day number.
pub(crate) fn day_number(text: &str) -> Option<u32> {
    // every form has a digit
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let w: Vec<_> = super::words::spans(text).collect();
    let labelled = w.windows(2).find_map(|p| {
        let ((a, label), (b, number)) = (&p[0], &p[1]);
        let n: u32 = number.parse().ok()?;
        let label = label.len() <= 12
            && (1..=31).contains(&n)
            && DAY_WORDS.iter().any(|d| label.to_lowercase() == *d);
        (label && text[a.end..b.start].trim().is_empty()).then_some(n)
    });
    labelled.or_else(|| {
        // CJK: the number inside its word (`第2日`, `2日目`, `2일차`)
        w.iter().find_map(|(_, t)| {
            let (n, after) = if let Some(rest) = t.strip_prefix('第') {
                let (n, len) = digits_after(rest, 2)?;
                (n, &rest[len..])
            } else {
                let (n, len) = digits_after(t, 2)?;
                (n, &t[len..])
            };
            let numbered = if t.starts_with('第') {
                matches!(after, "日" | "天")
            } else {
                matches!(after, "日目" | "일차")
            };
            (numbered && (1..=31).contains(&n)).then_some(n)
        })
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn impossible_days_are_found_and_real_ones_are_not() {
        assert_eq!(impossible("Abstracts: 31 February 2026"), Some((31, 2, Some(2026))));
        assert_eq!(impossible("April 31st"), Some((31, 4, None)));
        assert_eq!(impossible("29 February 2026"), Some((29, 2, Some(2026))));
        assert_eq!(impossible("29 February 2028"), None);
        assert_eq!(impossible("30 April 2026, 31 people"), None);
    }

    use super::*;

    fn ymd(p: &Phrase) -> (Option<i32>, u32, u32) {
        (p.year, p.month, p.day)
    }

    #[test]
    fn phrases_in_many_forms() {
        let one = |t: &str| find(t).first().map(ymd);
        assert_eq!(one("**Date**: 15th December 2024"), Some((Some(2024), 12, 15)));
        assert_eq!(one("Date: 2024-09-26"), Some((Some(2024), 9, 26)));
        assert_eq!(one("Monday 7th April 2025"), Some((Some(2025), 4, 7)));
        assert_eq!(one("held on October 17, 2021, from"), Some((Some(2021), 10, 17)));
        assert_eq!(one("Lunes\n20 de octubre"), Some((None, 10, 20)));
        assert_eq!(one("22 Eylül 2018"), Some((Some(2018), 9, 22)));
        assert_eq!(one("2018.08.26 (日)"), Some((Some(2018), 8, 26)));
        assert_eq!(one("10月31日"), Some((None, 10, 31)));
        assert_eq!(one("Dienstag, 05.06.2023"), Some((Some(2023), 6, 5)));
        assert_eq!(one("06/05/2023"), None, "month or day first? not decided");
        assert_eq!(one("06/25/2023"), Some((Some(2023), 6, 25)));
        assert_eq!(one("Monday, Oct. 23"), Some((None, 10, 23)));
        let r = &find("October 10–12, 2021 - Workshop")[0];
        assert_eq!((ymd(r), r.last_day), ((Some(2021), 10, 10), Some(12)));
        let r = &find("The school takes place on 5–9 July 2027 in Heidelberg")[0];
        assert_eq!((ymd(r), r.last_day), ((Some(2027), 7, 5), Some(9)));
        let r = &find("Jour 1 – Lundi 17 novembre 2025 : Ouverture")[0];
        assert_eq!((ymd(r), r.last_day), ((Some(2025), 11, 17), None));
        let r = &find("28/04 - Friday")[0];
        assert_eq!((ymd(r), r.weekday), ((None, 4, 28), Some(Weekday::Fri)));
        assert!(find("28/04 - Talk").is_empty(), "numbers alone are no date");
        let r = &find("from Monday 13th till Friday 17th July 2020.")[0];
        assert_eq!(
            (ymd(r), r.last_day, r.weekday),
            ((Some(2020), 7, 13), Some(17), Some(Weekday::Mon))
        );
        let r = &find("lundi 3 au vendredi 7 mars 2025")[0];
        assert_eq!((ymd(r), r.last_day), ((Some(2025), 3, 3), Some(7)));
        let r = &find("12 - 14 de octubre de 2026")[0];
        assert_eq!((ymd(r), r.last_day), ((Some(2026), 10, 12), Some(14)));
        let wd = &find("27th Oct, Fri")[0];
        assert_eq!(wd.weekday, Some(Weekday::Fri));
        assert!(find("Tuesday, April 16, 2019")[0].weekday_fits(2019));
        assert_eq!(day_number("Day 2: Finale"), Some(2));
    }

    /// Year, month, day, last day, weekday.
    type Read = (Option<i32>, u32, u32, Option<u32>, Option<Weekday>);

    fn full(t: &str) -> Option<Read> {
        find(t).first().map(|p| (p.year, p.month, p.day, p.last_day, p.weekday))
    }

    #[test]
    fn forms_pages_write() {
        use Weekday::*;
        for (text, want) in [
            ("3 March 2025", (Some(2025), 3, 3, None, None)),
            ("March 3rd, 2025", (Some(2025), 3, 3, None, None)),
            ("the 3rd of March", (None, 3, 3, None, None)),
            ("Monday, Oct. 23", (None, 10, 23, None, Some(Mon))),
            ("Mardi 22 juin", (None, 6, 22, None, Some(Tue))),
            ("le mercredi 3 avril 2024", (Some(2024), 4, 3, None, Some(Wed))),
            ("20 de octubre de 2025", (Some(2025), 10, 20, None, None)),
            ("Segunda-feira, 3 de março de 2025", (Some(2025), 3, 3, None, Some(Mon))),
            ("Lørdag 14. november 2015", (Some(2015), 11, 14, None, Some(Sat))),
            ("Samstag, den 14. November 2015", (Some(2015), 11, 14, None, Some(Sat))),
            ("14.-15. November 2015", (Some(2015), 11, 14, Some(15), None)),
            ("vom 3. bis 5. März", (None, 3, 3, Some(5), None)),
            ("del 3 al 5 de marzo", (None, 3, 3, Some(5), None)),
            ("3 maart 2025", (Some(2025), 3, 3, None, None)),
            ("zaterdag 8 juni", (None, 6, 8, None, Some(Sat))),
            ("giovedì 12 settembre 2024", (Some(2024), 9, 12, None, Some(Thu))),
            ("lördag 5 oktober", (None, 10, 5, None, Some(Sat))),
            ("12. maaliskuuta 2025", (Some(2025), 3, 12, None, None)),
            ("5 października 2024", (Some(2024), 10, 5, None, None)),
            ("12. září 2024", (Some(2024), 9, 12, None, None)),
            ("22 Eylül 2018", (Some(2018), 9, 22, None, None)),
            ("22 EYLÜL 2018", (Some(2018), 9, 22, None, None)),
            ("12 апреля 2025", (Some(2025), 4, 12, None, None)),
            ("11-16 June '23", (Some(2023), 6, 11, Some(16), None)),
            ("June 11–16, ’98", (Some(1998), 6, 11, Some(16), None)),
            ("MON, 02 OCT 2023", (Some(2023), 10, 2, None, Some(Mon))),
            ("Mon 28 Oct", (None, 10, 28, None, Some(Mon))),
            ("Tues., Sept. 3", (None, 9, 3, None, Some(Tue))),
            ("31-Oct-2022", (Some(2022), 10, 31, None, None)),
            ("2025-07-03", (Some(2025), 7, 3, None, None)),
            ("Di., 05.06.2023", (Some(2023), 6, 5, None, Some(Tue))),
            ("2024年3月12日", (Some(2024), 3, 12, None, None)),
            ("3月12日(火)", (None, 3, 12, None, Some(Tue))),
            ("3月12日（火）～14日", (None, 3, 12, None, Some(Tue))),
            ("3月12日～14日", (None, 3, 12, Some(14), None)),
            ("2024年3月12日 星期二", (Some(2024), 3, 12, None, Some(Tue))),
            ("2019년 10월 26일 토요일", (Some(2019), 10, 26, None, Some(Sat))),
            ("10월 26일 (토)", (None, 10, 26, None, Some(Sat))),
            ("Day 1 (Wed, Oct 2)", (None, 10, 2, None, Some(Wed))),
            ("3 set. 2025", (Some(2025), 9, 3, None, None)),
            ("sex., 3 out. 2025", (Some(2025), 10, 3, None, Some(Fri))),
            ("Mar 3", (None, 3, 3, None, None)),
            ("Juni 5, 2024 – 3. Juni 2024", (Some(2024), 6, 3, None, None)),
            ("SÁBADO 19/10", (None, 10, 19, None, Some(Sat))),
            ("Sa., 14.11.", (None, 11, 14, None, Some(Sat))),
            ("Friday 10/25", (None, 10, 25, None, Some(Fri))),
            ("mar. 3 juin", (None, 6, 3, None, Some(Tue))),
        ] {
            assert_eq!(full(text), Some(want), "{text}");
        }
    }

    #[test]
    fn weak_names_need_support() {
        // ordinary words that are month or weekday abbreviations somewhere
        assert!(find("Problem set 3 is due").is_empty());
        assert!(find("sold out 2 weeks ago").is_empty());
        assert!(find("des 3 ateliers").is_empty());
        assert!(find("Session 3 Marc Dupont").is_empty());
        // only English writes the month before the day
        assert!(find("Objectif Mars 2 : la revanche").is_empty());
        // a weak weekday without its dot is left out, the date is kept
        assert_eq!(full("to 5 March"), Some((None, 3, 5, None, None)));
        assert_eq!(full("on 5 March"), Some((None, 3, 5, None, None)));
        assert_eq!(full("Do 5. März"), Some((None, 3, 5, None, None)));
        assert_eq!(full("Do, 5. März"), Some((None, 3, 5, None, Some(Weekday::Thu))));
    }

    #[test]
    fn weekdays_alone() {
        for (text, want) in [
            ("Lørdag", Weekday::Sat),
            ("Samstag:", Weekday::Sat),
            ("(Tue)", Weekday::Tue),
            ("土曜日", Weekday::Sat),
            ("토요일", Weekday::Sat),
            ("Segunda-feira", Weekday::Mon),
            ("Sa.", Weekday::Sat),
            ("Donnerstag ab", Weekday::Thu),
            ("Freitags", Weekday::Fri),
        ] {
            assert_eq!(weekday_only(text), Some(want), "{text}");
        }
        assert_eq!(weekday_only("Sa"), None);
        assert_eq!(weekday_only("Monday morning"), None);
        assert_eq!(weekday_only("On"), None);
        assert_eq!(weekday_only("Dos"), None);
        assert_eq!(weekday_only("ab"), None);
    }

    #[test]
    fn day_numbers() {
        for (text, n) in [
            ("Day 2", 2),
            ("Tag 2", 2),
            ("Jour 2 :", 2),
            ("Día 2", 2),
            ("Dia 2", 2),
            ("Giorno 2", 2),
            ("Dag 2", 2),
            ("2日目", 2),
            ("第2日", 2),
            ("第2天", 2),
            ("2일차", 2),
            ("Day 1 (Wed, Oct 2)", 1),
        ] {
            assert_eq!(day_number(text), Some(n), "{text}");
        }
        assert_eq!(day_number("2 days"), None);
        assert_eq!(day_number("3月2日"), None);
    }

    #[test]
    fn a_weekday_is_looked_for_by_whole_characters() {
        // found by cargo fuzz: a slice 12 bytes before a date fell inside `�`
        let text = format!("da{}2024-09-26 Mon", "\u{fffd}".repeat(5));
        assert_eq!(find(&text)[0].weekday, Some(Weekday::Mon));
        let text = format!("2024-09-26{}", "\u{fffd}".repeat(9));
        assert_eq!(find(&text)[0].weekday, None);
    }

    #[test]
    fn taken_answers_as_a_scan_of_every_date_did() {
        let phrase = |range: Range<usize>| Phrase {
            year: None,
            month: 1,
            day: 1,
            last_day: None,
            weekday: None,
            range,
        };
        // out of order and overlapping, as numeric and CJK dates may be
        let dates =
            vec![phrase(30..40), phrase(2..9), phrase(5..7), phrase(12..13), phrase(35..50)];
        let taken = Taken::new(&dates);
        for x in 0..55 {
            assert_eq!(
                taken.any_ends_after(x + 1, x),
                dates.iter().any(|p| p.range.contains(&x)),
                "contains {x}"
            );
            for end in x..55 {
                assert_eq!(
                    taken.any_ends_after(end, x),
                    dates.iter().any(|t| t.range.start < end && x < t.range.end),
                    "overlaps {x}..{end}"
                );
            }
        }
        assert!(!Taken::new(&[]).any_ends_after(10, 0));
    }

    #[test]
    fn not_dates() {
        assert!(find("May we meet at 10").is_empty());
        assert!(find("version 1.2.3 and 10:30").is_empty());
        assert!(find("room 12/04").is_empty());
        assert!(find("Friday 10/12").is_empty(), "day or month first? not decided");
    }
}
