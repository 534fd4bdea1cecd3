//! Clock times and ranges as event pages write them: `14:00`, `9.00`,
//! `2:00 PM`, `2pm`, `6.30pm`, `12:15 Noon`, `09:00--09:10`, `9:00 - 9:10a`,
//! `11:50-12:45 PM`, `11:30~13:00`, `10:00 to 12:00`, `~6:30pm`, `8:00-`.
//!
//! A 12-hour suffix written once applies to both ends of a range when
//! that is the only reading that goes forward. Years, dates (`2018.08.26`,
//! `10/12`), ordinals and phone numbers are never times: a clock reading
//! is never glued to other digits or to a date separator.

use std::ops::Range;

use chrono::NaiveTime;

/// A reading as written: 12-hour suffix or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Clock {
    pub(crate) hour: u32,
    pub(crate) minute: u32,
    /// `Some(true)` pm (or noon), `Some(false)` am, `None` not said.
    pub(crate) pm: Option<bool>,
    /// Written with a leading zero (`09:00`): a 24-hour habit.
    pub(crate) padded: bool,
}

impl Clock {
    /// As a 24-hour time, taking the suffix at its word.
    pub(crate) fn time(&self) -> Option<NaiveTime> {
        let hour = match self.pm {
            Some(true) if self.hour < 12 => self.hour + 12,
            Some(false) if self.hour == 12 => 0,
            _ => self.hour,
        };
        NaiveTime::from_hms_opt(hour, self.minute, 0)
    }

    /// Whether it is a 24-hour reading (`13:00`, `00:30`, `09:00`).
    pub(crate) fn is_24h(&self) -> bool {
        self.pm.is_none() && (self.hour >= 13 || self.hour == 0 || self.padded)
    }
}

/// A time or a range with its byte range in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) start: Clock,
    pub(crate) end: Option<Clock>,
    pub(crate) range: Range<usize>,
    /// Written as approximate (`~6:30pm`, `ca. 12.45`).
    pub(crate) approximate: bool,
    /// Written with a dot (`09.00`), which is a time only at a row's start.
    pub(crate) dotted: bool,
    /// Written as a 4-digit `0800`.
    pub(crate) bare: bool,
}

/// A clock reading at the start of `s`, and the bytes it used.
fn clock(s: &str, allow_bare: bool) -> Option<(Clock, usize, bool, bool)> {
    let b = s.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 || digits > 4 {
        return None;
    }
    let mut dotted = false;
    let mut bare = false;
    let (hour, minute, mut used) =
        if digits <= 2 && matches!(b.get(digits), Some(b':' | b'.' | b'h')) {
            let m = &b[digits + 1..];
            let md = m.iter().take_while(|c| c.is_ascii_digit()).count();
            if md != 2 {
                // `6pm`-style handled below; `6.` or `6:5` is not a time
                return suffix_only(s, digits);
            }
            // a third group (`2018.08.26`, `10:30:00` is fine) means a date
            let sep = b[digits];
            if sep == b'.' && m.get(2) == Some(&b'.') && m.get(3).is_some_and(u8::is_ascii_digit) {
                return None;
            }
            dotted = sep == b'.';
            if sep == b'h' && m.get(2).is_some_and(|c| c.is_ascii_alphabetic()) {
                return None;
            }
            let mut used = digits + 3;
            // seconds: `10:30:00`
            if sep == b':'
                && m.get(2) == Some(&b':')
                && m.get(3..5).is_some_and(|x| x.iter().all(u8::is_ascii_digit))
            {
                used += 3;
            }
            (s[..digits].parse().ok()?, s[digits + 1..digits + 3].parse().ok()?, used)
        } else if digits == 4 && allow_bare {
            bare = true;
            (s[..2].parse().ok()?, s[2..4].parse().ok()?, 4)
        } else if digits <= 2 {
            return suffix_only(s, digits);
        } else {
            return None;
        };
    if hour > 24 || minute > 59 {
        return None;
    }
    // the next byte must not continue a number
    if b.get(used).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let (pm, len) = meridiem(&s[used..]);
    used += len;
    if pm.is_some() && hour > 12 {
        return None;
    }
    let padded = digits == 2 && b[0] == b'0';
    Some((Clock { hour, minute, pm, padded }, used, dotted, bare))
}

/// `6pm`, `2 PM`, `12 noon`: an hour with a suffix and no minutes.
fn suffix_only(s: &str, digits: usize) -> Option<(Clock, usize, bool, bool)> {
    let hour: u32 = s[..digits].parse().ok()?;
    let (pm, len) = meridiem(&s[digits..]);
    let pm = pm?;
    if !(1..=12).contains(&hour) {
        return None;
    }
    Some((Clock { hour, minute: 0, pm: Some(pm), padded: false }, digits + len, false, false))
}

/// A 12-hour suffix at the start of `s` (after spaces): `pm`, ` PM`,
/// `p.m.`, `a`, `noon`. Returns pm-ness and the bytes used.
fn meridiem(s: &str) -> (Option<bool>, usize) {
    let trimmed = s.trim_start_matches([' ', '\u{a0}']);
    let gap = s.len() - trimmed.len();
    let lower: String = trimmed.chars().take(6).collect::<String>().to_ascii_lowercase();
    let word_end = |n: usize| {
        !trimmed[n.min(trimmed.len())..].chars().next().is_some_and(|c| c.is_alphanumeric())
    };
    for (text, pm) in [
        ("p.m.", true),
        ("a.m.", false),
        ("p. m.", true),
        ("a. m.", false),
        ("noon", true),
        ("pm", true),
        ("am", false),
    ] {
        if lower.starts_with(text) && trimmed.is_char_boundary(text.len()) && word_end(text.len()) {
            return (Some(pm), gap + text.len());
        }
    }
    // a lone `a`/`p` glued to the digits: `9:10a`
    if gap == 0 && (lower.starts_with('a') || lower.starts_with('p')) && word_end(1) {
        return (Some(lower.starts_with('p')), 1);
    }
    (None, 0)
}

/// Range separators, longest first.
const DASHES: &[&str] =
    &["->", "→", "--", "–", "—", "-", "~", "〜", "～", "to ", "until ", "till ", "a ", "bis "];

/// The span that starts exactly at `text[at..]`.
fn span_at(text: &str, at: usize, allow_bare: bool) -> Option<Span> {
    let (start, used, dotted, bare) = clock(&text[at..], allow_bare)?;
    let mut end_at = at + used;
    let rest = &text[end_at..];
    let trimmed = rest.trim_start_matches([' ', '\u{a0}']);
    let mut end = None;
    let mut open = false;
    if let Some(after) = DASHES.iter().find_map(|d| trimmed.strip_prefix(d)) {
        let after_trim = after.trim_start_matches([' ', '\u{a0}']);
        match clock(after_trim, allow_bare) {
            Some((e, used, _, _)) => {
                end = Some(e);
                end_at = text.len() - after_trim.len() + used;
            }
            None => open = after_trim.is_empty() || after_trim.starts_with(char::is_alphabetic),
        }
    }
    if open && trimmed.starts_with('-') {
        // `8:00- Banquet`: an open end, the dash is part of the time
        end_at = text.len() - trimmed.len() + 1;
    }
    let (start, end) = share_suffix(start, end);
    Some(Span { start, end, range: at..end_at, approximate: false, dotted, bare })
}

/// "9:00 - 9:10a", "11:50-12:45 PM": a suffix on the end only applies to
/// the start too when that reading goes forward; otherwise the start is
/// the other half of the day.
fn share_suffix(start: Clock, end: Option<Clock>) -> (Clock, Option<Clock>) {
    let Some(e) = end else { return (start, end) };
    if start.pm.is_some() || e.pm.is_none() || start.is_24h() {
        return (start, end);
    }
    let same = Clock { pm: e.pm, ..start };
    let other = Clock { pm: e.pm.map(|p| !p), ..start };
    let forward = |s: Clock| match (s.time(), e.time()) {
        (Some(a), Some(b)) => a <= b,
        _ => false,
    };
    if forward(same) {
        (same, end)
    } else if forward(other) {
        (other, end)
    } else {
        (start, end)
    }
}

/// Whether a reading may start at byte `i` (not glued to a word, a number
/// or a date separator before it).
fn may_start(text: &str, i: usize) -> bool {
    let before = text[..i].chars().next_back();
    match before {
        None => true,
        Some(c) => {
            !(c.is_alphanumeric()
                || matches!(c, '.' | '/' | ':' | ',' | '-' | '+' | '#' | '$' | '€' | '£'))
        }
    }
}

/// The time or range the text starts with, after leading marks: `~`,
/// `ca.`, `approx.`, bullets, `(`.
pub(crate) fn leading(text: &str) -> Option<Span> {
    let lead = text
        .char_indices()
        .find(|&(_, c)| {
            !(c.is_whitespace()
                || matches!(c, '~' | '*' | '•' | '·' | '(' | '[' | '>' | '|' | '–' | '-'))
        })
        .map_or(text.len(), |(i, _)| i);
    let mut approximate = text[..lead].contains('~');
    let mut at = lead;
    let lower = text[at..].to_ascii_lowercase();
    for word in ["ca.", "ca ", "approx.", "approx ", "around ", "c. "] {
        if lower.starts_with(word) {
            approximate = true;
            at += word.len();
            at += text[at..].len() - text[at..].trim_start().len();
            break;
        }
    }
    // `Noon – 1:00 PM`, `Noon: Lunch`
    if text[at..].get(..4).is_some_and(|w| w.eq_ignore_ascii_case("noon"))
        && !text[at + 4..].starts_with(char::is_alphanumeric)
    {
        let noon = Clock { hour: 12, minute: 0, pm: Some(true), padded: false };
        let rest = &text[at + 4..];
        let trimmed = rest.trim_start_matches([' ', '\u{a0}']);
        let after = DASHES
            .iter()
            .find_map(|d| trimmed.strip_prefix(d))
            .map(|a| a.trim_start_matches([' ', '\u{a0}']));
        if let Some(after) = after
            && let Some((e, used, _, _)) = clock(after, false)
        {
            let end_at = text.len() - after.len() + used;
            return Some(Span {
                start: noon,
                end: Some(e),
                range: at..end_at,
                approximate: false,
                dotted: false,
                bare: false,
            });
        }
        return Some(Span {
            start: noon,
            end: None,
            range: at..at + 4,
            approximate: false,
            dotted: false,
            bare: false,
        });
    }
    let mut span = span_at(text, at, true)?;
    // a bare `0800` is a time only when it is all the text says
    if span.bare && !text[span.range.end..].trim().is_empty() {
        return None;
    }
    span.approximate = approximate;
    Some(span)
}

/// Every time or range in prose (colon or suffix forms only: `9.00` and
/// `0800` are too like other numbers away from a row's start).
pub(crate) fn all(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if text.as_bytes()[i].is_ascii_digit()
            && may_start(text, i)
            && let Some(s) = span_at(text, i, false)
            && !s.dotted
        {
            i = s.range.end.max(i + 1);
            out.push(s);
            continue;
        }
        i += text[i..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hm(s: &Span) -> (String, Option<String>) {
        let f = |c: Clock| c.time().unwrap().format("%H:%M").to_string();
        (f(s.start), s.end.map(f))
    }

    fn lead(text: &str) -> Option<(String, Option<String>)> {
        leading(text).map(|s| hm(&s))
    }

    #[test]
    fn forms_of_times_and_ranges() {
        let p = |a: &str, b: Option<&str>| Some((a.to_owned(), b.map(str::to_owned)));
        assert_eq!(lead("09:00--09:10 Opening"), p("09:00", Some("09:10")));
        assert_eq!(lead("9:00 - 9:10a"), p("09:00", Some("09:10")));
        assert_eq!(lead("11:50-12:45 PM"), p("11:50", Some("12:45")));
        assert_eq!(lead("12:30pm – 1:30pm"), p("12:30", Some("13:30")));
        assert_eq!(lead("12:15 Noon Lunch"), p("12:15", None));
        assert_eq!(lead("Noon – 1:00 PM Lunch"), p("12:00", Some("13:00")));
        assert_eq!(lead("Noonday prayer"), None);
        assert_eq!(lead("6pm Doors Open"), p("18:00", None));
        assert_eq!(lead("6.30pm Presentations"), p("18:30", None));
        assert_eq!(lead("09.00 - 09.10"), p("09:00", Some("09:10")));
        assert_eq!(lead("11:30~13:00 報到"), p("11:30", Some("13:00")));
        assert_eq!(lead("10:00 to 12:00"), p("10:00", Some("12:00")));
        assert_eq!(lead("08:30 → 09:00"), p("08:30", Some("09:00")));
        assert_eq!(lead("08:30->09:00"), p("08:30", Some("09:00")));
        assert_eq!(lead("8:30 AM - 9:00 AM"), p("08:30", Some("09:00")));
        assert_eq!(lead("1:00 - 1:30 pm"), p("13:00", Some("13:30")));
        let approx = leading("~6:30pm talks").unwrap();
        assert!(approx.approximate);
        assert!(leading("ca. 12.45 End of day 1").unwrap().approximate);
        let open = leading("8:00- Banquet").unwrap();
        assert_eq!((open.end, &"8:00- Banquet"[open.range.clone()]), (None, "8:00-"));
    }

    #[test]
    fn numbers_that_are_not_times() {
        assert_eq!(lead("2020 was a year"), None);
        assert_eq!(lead("2018.08.26 (日)"), None);
        assert_eq!(lead("10/12 meeting"), None);
        assert_eq!(lead("3rd floor"), None);
        assert_eq!(lead("25 people"), None);
        assert!(all("Call +44 20 7594 8000, room 217/218, in 2020").is_empty());
        assert!(all("version 3.10.2 at 10.30").is_empty());
        assert_eq!(all("from 13:00-18:00 EDT and 2pm").len(), 2);
    }
}
