//! Durations as event pages write them: `45 min`, `5 mins`, `(2 hours)`,
//! `1 hr 15 min`, `1h30`, `1 h 30`, `1.5 h`, `2 Std.`, `30 Minuten`, `90'`,
//! `(20')`, `30分`, `2時間`, `1時間30分`, `30분`, `2시간`, in minutes.
//!
//! This module finds every duration a text writes and says nothing about
//! what it measures: `5 min walk` is returned like `(45 min)`, and the
//! reader decides. It never reads a clock time or a year as a duration: a
//! number glued to a clock separator (`10:30`, `10.30`) or longer than
//! three digits is not one, and the `h` forms that are also clock times
//! (`9h`, `14h30`, `9h - 12h`) are durations only up to 4 hours and
//! outside a range.

// no stage reads durations yet: the programme reader being rewritten is
// their first user
#![cfg_attr(not(test), expect(dead_code))]

use std::ops::Range;

/// A length of time as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Duration {
    pub(crate) minutes: u32,
    pub(crate) range: Range<usize>,
    /// Written in parentheses: `(2 hours)`, `(20')`.
    pub(crate) bracketed: bool,
}

/// Words for hours: English, French, German, Spanish and Portuguese,
/// Italian, Dutch, Nordic, Finnish, Polish, Czech, Turkish, Russian, CJK.
#[rustfmt::skip]
const HOURS: &[&str] = &[
    "h", "hr", "hrs", "hour", "hours", "heure", "heures", "std", "stunde", "stunden",
    "hora", "horas", "ora", "ore", "uur", "timer", "timme", "timmar", "tunti", "tuntia",
    "godzina", "godziny", "godzin", "hodina", "hodiny", "hodin", "saat", "час", "часа", "часов",
    "時間", "小时", "小時", "시간",
];

/// Words for minutes, in the same languages.
#[rustfmt::skip]
const MINUTES: &[&str] = &[
    "min", "mins", "minute", "minutes", "minuto", "minutos", "minuti", "minuten", "minutter",
    "minuter", "minuuttia", "minut", "minuty", "dakika", "мин", "минут", "минуты", "分", "分钟",
    "分鐘", "분",
];

/// Marks for minutes written right after the number: `90'`, `90′`.
const PRIMES: &[char] = &['\'', '’', '′'];

/// Hour units after which a number is a clock's minutes (`10時30分`).
const CLOCK_HOURS: &[char] = &['時', '时', '点', '시'];

/// A number at the start of `s`: up to three digits, with one decimal
/// (`1.5`, `1,5`). Returns tenths and the bytes used.
fn number(s: &str) -> Option<(u32, usize, bool)> {
    let b = s.as_bytes();
    let n = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if n == 0 || n > 3 {
        return None;
    }
    let whole: u32 = s[..n].parse().ok()?;
    if matches!(b.get(n), Some(b'.' | b',')) && b.get(n + 1).is_some_and(u8::is_ascii_digit) {
        // one decimal only: `9.30` is a clock's
        if b.get(n + 2).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        return Some((whole * 10 + u32::from(b[n + 1] - b'0'), n + 2, true));
    }
    Some((whole * 10, n, false))
}

/// The unit word at the start of `s` (after spaces when `spaced`), with
/// the bytes used (a dot after an abbreviation included).
fn unit<'a>(s: &str, list: &[&'a str]) -> Option<(&'a str, usize)> {
    let trimmed = s.trim_start_matches([' ', '\u{a0}']);
    let gap = s.len() - trimmed.len();
    let word_len =
        trimmed.char_indices().find(|&(_, c)| !c.is_alphabetic()).map_or(trimmed.len(), |(i, _)| i);
    let word = &trimmed[..word_len];
    // CJK units are glued to what follows (`30分から`): match by prefix
    let lower = word.to_lowercase();
    let found = list
        .iter()
        .find(|u| if is_cjk(u) { gap == 0 && trimmed.starts_with(**u) } else { lower == **u })?;
    let mut used = gap + if is_cjk(found) { found.len() } else { word_len };
    if matches!(*found, "std" | "min" | "mins" | "hr" | "hrs" | "мин") && s[used..].starts_with('.')
    {
        used += 1;
    }
    Some((found, used))
}

fn is_cjk(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c as u32 >= 0x3000)
}

/// Whether a reading at `start..end` stands next to a range mark, as a
/// clock range does (`9h - 12h`).
fn in_range(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end_matches([' ', '\u{a0}']);
    let after = text[end..].trim_start_matches([' ', '\u{a0}']);
    let marks = ['-', '–', '—', '~', '〜', '～', '→'];
    before.ends_with(marks) || after.starts_with(marks)
}

/// The duration that starts at `text[at..]`.
fn duration_at(text: &str, at: usize) -> Option<Duration> {
    let s = &text[at..];
    let (tenths, n, decimal) = number(s)?;
    let rest = &s[n..];
    // `10:30`, `10.30`: a clock's number
    if rest.starts_with([':', '.']) && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // `90'`, `(20')`
    if let Some(prime) = rest.chars().next().filter(|c| PRIMES.contains(c)) {
        let after = &rest[prime.len_utf8()..];
        if decimal || after.starts_with(|c: char| c.is_alphanumeric()) {
            return None;
        }
        return Some(Duration {
            minutes: tenths / 10,
            range: at..at + n + prime.len_utf8(),
            bracketed: false,
        });
    }
    if let Some((_, used)) = unit(rest, MINUTES) {
        if decimal {
            return None;
        }
        return Some(Duration { minutes: tenths / 10, range: at..at + n + used, bracketed: false });
    }
    let (hour_unit, used) = unit(rest, HOURS)?;
    let mut minutes = tenths * 6;
    let mut end = at + n + used;
    // `1 hr 15 min`, `1h30`, `1 h 30`, `1時間30分`, `1h 30m`
    let more = &text[end..];
    let spaced = more.trim_start_matches([' ', '\u{a0}']);
    let gap = more.len() - spaced.len();
    let md = spaced.bytes().take_while(u8::is_ascii_digit).count();
    if !decimal && (1..=2).contains(&md) && gap <= 1 {
        let m: u32 = spaced[..md].parse().ok()?;
        let after = &spaced[md..];
        let with_unit = unit(after, MINUTES)
            .or_else(|| (after.starts_with('m') && word_len_is(after, 1)).then_some(("m", 1)));
        let bare = hour_unit == "h" && md == 2 && word_len_is(after, 0) && !after.starts_with(':');
        if m < 60 && (with_unit.is_some() || bare) {
            minutes += m;
            end += gap + md + with_unit.map_or(0, |(_, u)| u);
        }
    }
    // the `h` forms are also clock times: `9h`, `14h30`, `9h - 12h`
    if hour_unit == "h" && !decimal && (tenths > 40 || in_range(text, at, end)) {
        return None;
    }
    Some(Duration { minutes, range: at..end, bracketed: false })
}

/// Whether the word at the start of `s` is `n` letters long (0: `s` does
/// not start with a letter or digit).
fn word_len_is(s: &str, n: usize) -> bool {
    let len = s.chars().take_while(|c| c.is_alphanumeric()).count();
    len == n
}

/// Whether a duration may start at byte `i`: not inside a word, a number,
/// or a clock or date (`10:30`, `1.5`, `2/3`).
fn may_start(text: &str, i: usize) -> bool {
    // a clock's minutes: `10時30分`, `2시 30분`
    if text[..i].trim_end().ends_with(CLOCK_HOURS) {
        return false;
    }
    match text[..i].chars().next_back() {
        None => true,
        // `約30分`, `所要時間30分`: CJK text runs into its numbers
        Some(c) if c as u32 >= 0x3000 => true,
        Some(c) => !(c.is_alphanumeric() || matches!(c, ':' | '.' | ',' | '/' | '\'' | '’')),
    }
}

/// Every duration in `text`, in order.
pub(crate) fn find(text: &str) -> Vec<Duration> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit()
            && may_start(text, i)
            && let Some(mut d) = duration_at(text, i)
        {
            let before = text[..d.range.start].trim_end_matches(' ');
            let after = text[d.range.end..].trim_start_matches(' ');
            d.bracketed = before.ends_with(['(', '（']) && after.starts_with([')', '）']);
            i = d.range.end;
            out.push(d);
            continue;
        }
        // past the whole number, so `2024` is not read from its `024`
        let n = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        i += if n > 0 { n } else { text[i..].chars().next().map_or(1, char::len_utf8) };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minutes(text: &str) -> Vec<u32> {
        find(text).iter().map(|d| d.minutes).collect()
    }

    #[test]
    fn forms_pages_write() {
        for (text, want) in [
            ("Break (5 mins)", 5),
            ("Panel (2 hours)", 120),
            ("Tutorial 1h30", 90),
            ("Tutorial 1 h 30", 90),
            ("Tutorial 1h 30m", 90),
            ("Keynote 90'", 90),
            ("Talk (20')", 20),
            ("Talk 45 min", 45),
            ("Talk 45min.", 45),
            ("Workshop 1.5 h", 90),
            ("Workshop 1,5 h", 90),
            ("Workshop 2 Std.", 120),
            ("Vortrag 30 Minuten", 30),
            ("Session 1 hr 15 min", 75),
            ("Session 1 hour 30 minutes", 90),
            ("Atelier 2 heures", 120),
            ("Taller 2 horas", 120),
            ("Lezione 2 ore", 120),
            ("Lezing 30 minuten", 30),
            ("Föredrag 30 minuter", 30),
            ("Wykład 30 minut", 30),
            ("Sunum 30 dakika", 30),
            ("Доклад 30 минут", 30),
            ("講演30分", 30),
            ("講演 30分", 30),
            ("所要時間 2時間", 120),
            ("1時間30分", 90),
            ("발표 30분", 30),
            ("워크숍 2시간", 120),
            ("5 min walk from the station", 5),
            ("Hackathon (24 hours)", 1440),
        ] {
            assert_eq!(minutes(text), [want], "{text}");
        }
        let d = &find("Talk (20')")[0];
        assert!(d.bracketed);
        assert_eq!(&"Talk (20')"[d.range.clone()], "20'");
        assert!(!find("Talk 45 min")[0].bracketed);
    }

    #[test]
    fn clock_times_and_years_are_not_durations() {
        for text in [
            "10:30 Opening",
            "10.30 Opening",
            "14h30 Atelier",
            "9h Accueil",
            "9h - 12h Atelier",
            "1h - 2h",
            "10時30分 開始",
            "오후 2시 30분",
            "in 2024",
            "2024 min",
            "Room 12",
            "the 90's",
            "6'2\" tall",
            "June '23",
            "9.30 h",
        ] {
            assert!(find(text).is_empty(), "{text}: {:?}", find(text));
        }
    }
}
