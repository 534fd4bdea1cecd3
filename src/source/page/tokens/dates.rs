//! Calendar dates as event pages write them, in the languages they are
//! written in: `2024-09-26`, `2018.08.26`, `15th December 2024`,
//! `December 13th`, `Monday, Oct. 23`, `Tuesday, April 16, 2019`,
//! `October 10–12, 2021`, `20 de octubre`, `22 Eylül 2018`, `7. März 2025`,
//! `10月31日`, `2018年8月26日`; and `Day 2`.
//!
//! A phrase may lack its year; the weekday, when written, is kept so the
//! reader can check it against the date or use it to find the year.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, Weekday};

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

const MONTHS: &[(&str, u32)] = &[
    // English
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
    // Spanish
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    // Portuguese
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
    // French
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    // German
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    // Italian
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    // Turkish
    ("ocak", 1),
    ("şubat", 2),
    ("mart", 3),
    ("nisan", 4),
    ("mayıs", 5),
    ("haziran", 6),
    ("temmuz", 7),
    ("ağustos", 8),
    ("eylül", 9),
    ("ekim", 10),
    ("kasım", 11),
    ("aralık", 12),
];

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("mon", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("tue", Weekday::Tue),
    ("tues", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("wed", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("thu", Weekday::Thu),
    ("thur", Weekday::Thu),
    ("thurs", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("fri", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sat", Weekday::Sat),
    ("sunday", Weekday::Sun),
    ("sun", Weekday::Sun),
    ("lunes", Weekday::Mon),
    ("martes", Weekday::Tue),
    ("miércoles", Weekday::Wed),
    ("miercoles", Weekday::Wed),
    ("jueves", Weekday::Thu),
    ("viernes", Weekday::Fri),
    ("sábado", Weekday::Sat),
    ("sabado", Weekday::Sat),
    ("domingo", Weekday::Sun),
    ("segunda", Weekday::Mon),
    ("terça", Weekday::Tue),
    ("quarta", Weekday::Wed),
    ("quinta", Weekday::Thu),
    ("sexta", Weekday::Fri),
    ("lundi", Weekday::Mon),
    ("mardi", Weekday::Tue),
    ("mercredi", Weekday::Wed),
    ("jeudi", Weekday::Thu),
    ("vendredi", Weekday::Fri),
    ("samedi", Weekday::Sat),
    ("dimanche", Weekday::Sun),
    ("montag", Weekday::Mon),
    ("dienstag", Weekday::Tue),
    ("mittwoch", Weekday::Wed),
    ("donnerstag", Weekday::Thu),
    ("freitag", Weekday::Fri),
    ("samstag", Weekday::Sat),
    ("sonntag", Weekday::Sun),
    ("pazartesi", Weekday::Mon),
    ("salı", Weekday::Tue),
    ("çarşamba", Weekday::Wed),
    ("perşembe", Weekday::Thu),
    ("cuma", Weekday::Fri),
    ("cumartesi", Weekday::Sat),
    ("pazar", Weekday::Sun),
];

/// Words that join a phrase's parts: `20 de octubre de 2025`, `7. März`.
const GLUE: &[&str] = &["de", "del", "of", "the"];

#[derive(Debug, Clone)]
struct Word<'a> {
    text: &'a str,
    lower: String,
    range: Range<usize>,
}

fn words(text: &str) -> Vec<Word<'_>> {
    super::words::spans(text)
        .map(|(range, t)| {
            // digits have no case, and most words are numbers or not names
            let lower = if t.bytes().all(|b| b.is_ascii_digit()) {
                String::new()
            } else {
                t.to_lowercase()
            };
            Word { text: t, lower, range }
        })
        .collect()
}

/// Month and weekday names by lower-case word.
type Names = (HashMap<&'static str, u32>, HashMap<&'static str, Weekday>);

/// Month and weekday names, looked up once per word.
fn names() -> &'static Names {
    static NAMES: OnceLock<Names> = OnceLock::new();
    NAMES.get_or_init(|| (MONTHS.iter().copied().collect(), WEEKDAYS.iter().copied().collect()))
}

/// The month a word names, in any of the languages read (`Sept`, `octubre`).
pub(crate) fn month_number(word: &str) -> Option<u32> {
    names().0.get(word.to_lowercase().as_str()).copied()
}

fn month(w: &Word<'_>) -> Option<u32> {
    names().0.get(w.lower.as_str()).copied()
}

fn weekday(w: &Word<'_>) -> Option<Weekday> {
    names().1.get(w.lower.as_str()).copied()
}

/// `30`, `30th`, `1st`, `2nd`, `1er`.
fn day(w: &Word<'_>) -> Option<u32> {
    let digits = w.text.trim_end_matches(|c: char| c.is_alphabetic());
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let suffix = w.text[digits.len()..].to_lowercase();
    if !["", "st", "nd", "rd", "th", "er", "º", "o"].contains(&suffix.as_str()) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year(w: &Word<'_>) -> Option<i32> {
    (w.text.len() == 4 && w.text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.text.parse().ok())
        .flatten()
        .filter(|y| (1990..=2100).contains(y))
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
    // words of one phrase are separated only by spaces and light punctuation
    let joined = |a: usize, b: usize| {
        text[w[a].range.end..w[b].range.start]
            .chars()
            .all(|c| matches!(c, ' ' | ',' | '.' | '\u{a0}' | '\n'))
    };
    let mut i = 0;
    while i < w.len() {
        // skip words inside numeric dates found already
        if out.iter().any(|p| p.range.contains(&w[i].range.start)) {
            i += 1;
            continue;
        }
        let mut first = i;
        let mut wd = None;
        if let Some(d) = weekday(&w[i]) {
            if i + 1 < w.len() && joined(i, i + 1) {
                wd = Some(d);
                first = i + 1;
            } else {
                i += 1;
                continue;
            }
        }
        let mut k = first;
        let mut leading_last = None;
        let parsed = if let Some(m) = month(&w[k]) {
            // Month D[th][–D][, YYYY]
            let next = k + 1;
            let d = w.get(next).filter(|_| joined(k, next)).and_then(day);
            d.map(|d| {
                k = next;
                (m, d)
            })
        } else if let Some(d) = day(&w[k]) {
            // D[th][–D] [de|of] Month [[de] YYYY]
            let mut next = k + 1;
            // a range's last day before the month: `5–9 July 2027`
            let mut first_last = None;
            if let Some(nxt) = w.get(next)
                && matches!(text[w[k].range.end..nxt.range.start].trim(), "-" | "–" | "—")
                && let Some(ld) = day(nxt)
                && ld > d
                && w[next + 1..]
                    .iter()
                    .find(|x| !GLUE.contains(&x.lower.as_str()))
                    .is_some_and(|x| month(x).is_some())
            {
                first_last = Some(ld);
                next += 1;
            }
            while w.get(next).is_some_and(|x| GLUE.contains(&x.lower.as_str()))
                && joined(next - 1, next)
            {
                next += 1;
            }
            let m = w.get(next).filter(|_| joined(next - 1, next)).and_then(month);
            m.map(|m| {
                k = next;
                leading_last = first_last;
                (m, d)
            })
        } else {
            None
        };
        let Some((m, d)) = parsed else {
            i += 1;
            continue;
        };
        // a range's last day: `October 10–12, 2021`
        let mut last_day = leading_last;
        if let Some(nxt) = w.get(k + 1) {
            let between = &text[w[k].range.end..nxt.range.start];
            if matches!(between.trim(), "-" | "–" | "—" | "to" | "~")
                && let Some(ld) = day(nxt)
                && ld > d
                && w.get(k + 2).is_none_or(|x| month(x).is_none())
            {
                last_day = Some(ld);
                k += 1;
            }
        }
        let mut y = None;
        let mut next = k + 1;
        while w.get(next).is_some_and(|x| GLUE.contains(&x.lower.as_str()))
            && joined(next - 1, next)
        {
            next += 1;
        }
        if let Some(yw) = w.get(next).filter(|_| joined(next - 1, next)).and_then(year) {
            y = Some(yw);
            k = next;
        }
        // a trailing weekday: `27th Oct, Fri`
        if wd.is_none()
            && let Some(nw) = w.get(k + 1)
            && joined(k, k + 1)
            && let Some(d) = weekday(nw)
        {
            wd = Some(d);
        }
        let start = w[i].range.start;
        if NaiveDate::from_ymd_opt(y.unwrap_or(2024), m, d).is_some() {
            out.push(Phrase {
                year: y,
                month: m,
                day: d,
                last_day,
                weekday: wd,
                range: start..w[k].range.end,
            });
        }
        i = k + 1;
    }
    out.sort_by_key(|p| p.range.start);
    out
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

/// A weekday written right before or after a numeric date.
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
    let before = words(&text[from..start]);
    let before = before.last().filter(|w| {
        let tail = &text[..start];
        tail.trim_end_matches([' ', ',']).ends_with(w.text)
    });
    let after_text = &text[end..to];
    let after = words(after_text);
    let after = after
        .first()
        .filter(|w| after_text[..w.range.start].chars().all(|c| matches!(c, ' ' | '(' | ',')));
    before.and_then(weekday).or_else(|| after.and_then(weekday))
}

/// `10月31日`, `2018年8月26日`.
fn cjk(text: &str) -> Vec<Phrase> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices('月') {
        let before = &text[..i];
        let m_digits: String = before.chars().rev().take_while(char::is_ascii_digit).collect();
        let after = &text[i + '月'.len_utf8()..];
        let d_digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        if m_digits.is_empty() || d_digits.is_empty() || !after[d_digits.len()..].starts_with('日')
        {
            continue;
        }
        let m: u32 = m_digits.chars().rev().collect::<String>().parse().unwrap_or(0);
        let d: u32 = d_digits.parse().unwrap_or(0);
        let mut start = i - m_digits.len();
        let mut y = None;
        if let Some(pre) = text[..start].strip_suffix('年') {
            let y_digits: String = pre.chars().rev().take_while(char::is_ascii_digit).collect();
            if y_digits.len() == 4 {
                y = y_digits.chars().rev().collect::<String>().parse().ok();
                start -= 4 + '年'.len_utf8();
            }
        }
        let end = i + '月'.len_utf8() + d_digits.len() + '日'.len_utf8();
        if NaiveDate::from_ymd_opt(y.unwrap_or(2024), m, d).is_some() {
            out.push(Phrase {
                year: y,
                month: m,
                day: d,
                last_day: None,
                weekday: None,
                range: start..end,
            });
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

/// A text that is only a weekday's name (`Monday`, `Lunes:`, `(Tue)`).
pub(crate) fn weekday_only(text: &str) -> Option<Weekday> {
    let w = words(text);
    let [only] = w.as_slice() else { return None };
    let rest = text.replace(only.text, "");
    if rest.chars().any(char::is_alphanumeric) {
        return None;
    }
    weekday(only)
}

/// `Day 2`, `Day 1:`, `Día 3`, `Tag 2`, `第2天`: a programme's day number.
pub(crate) fn day_number(text: &str) -> Option<u32> {
    let w = words(text);
    w.windows(2).find_map(|p| {
        let label = matches!(
            p[0].lower.as_str(),
            "day" | "día" | "dia" | "tag" | "jour" | "gün" | "giorno"
        );
        let n: u32 = p[1].text.parse().ok()?;
        (label && (1..=31).contains(&n) && text[p[0].range.end..p[1].range.start].trim().is_empty())
            .then_some(n)
    })
}

#[cfg(test)]
mod tests {
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
        let r = &find("12 - 14 de octubre de 2026")[0];
        assert_eq!((ymd(r), r.last_day), ((Some(2026), 10, 12), Some(14)));
        let wd = &find("27th Oct, Fri")[0];
        assert_eq!(wd.weekday, Some(Weekday::Fri));
        assert!(find("Tuesday, April 16, 2019")[0].weekday_fits(2019));
        assert_eq!(day_number("Day 2: Finale"), Some(2));
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
    fn not_dates() {
        assert!(find("May we meet at 10").is_empty());
        assert!(find("version 1.2.3 and 10:30").is_empty());
        assert!(find("room 12/04").is_empty());
    }
}
