//! Clock times and ranges as event pages write them: `14:00`, `9.00`,
//! `2:00 PM`, `2pm`, `6.30pm`, `9 a.m.`, `12:15 Noon`, `noon`, `midnight`,
//! `9h00`, `9h`, `14h30`, `18 Uhr`, `18.30 Uhr`, `10時30分`, `午後2時`,
//! `오후 2시 30분`, `下午2点半`; ranges `09:00--09:10`, `9:00 - 9:10a`,
//! `11:50-12:45 PM`, `11:30~13:00`, `10:00 to 12:00`, `de 13h à 13h30`,
//! `von 9 bis 12 Uhr`, `from 9 to 11 am`, `9pm – midnight`; `~6:30pm`,
//! `8:00-`.
//!
//! A 12-hour suffix written once applies to both ends of a range when
//! that is the only reading that goes forward, and so does a 24-hour mark
//! (`9 - 12 Uhr`, `9-12h`). Years, dates (`2018.08.26`, `10/12`), version
//! numbers, ordinals and phone numbers are never times: a clock reading is
//! never glued to other digits or to a date separator, a 4-digit number is
//! a time only alone in a time cell (`0800`), and an hour alone is a time
//! only with a suffix or a mark (`6pm`, `18 Uhr`, `9h`, `10時`) or as the
//! start of a range whose end has one.
//!
//! What is odd is kept and said: a 12-hour suffix on a 24-hour reading
//! (`13:00 pm`) is dropped and flagged, and `24:00` (or a closing
//! `midnight`) is the end of the day, flagged, not dropped.

use std::ops::Range;
use std::sync::OnceLock;

use chrono::NaiveTime;
use pure_rust_locales as locales;

/// A reading as written: 12-hour suffix or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Clock {
    pub(crate) hour: u32,
    pub(crate) minute: u32,
    /// `Some(true)` pm (or noon), `Some(false)` am, `None` not said.
    pub(crate) pm: Option<bool>,
    /// Written with a leading zero (`09:00`): a 24-hour habit.
    pub(crate) padded: bool,
    /// Written in a form only 24-hour clocks use: `9h00`, `9h`, `18 Uhr`,
    /// `14:00h`.
    pub(crate) marked_24h: bool,
    /// A 12-hour suffix on a 24-hour reading (`13:00 pm`): the suffix is
    /// not used, and the reader may say so.
    pub(crate) stray_suffix: bool,
    /// `24:00`, or `midnight` closing a range: the end of the day, which
    /// [`Clock::time`] gives as `00:00` (of the next day).
    pub(crate) end_of_day: bool,
}

impl Clock {
    /// As a 24-hour time, taking the suffix at its word. The end of the
    /// day is `00:00`; see `end_of_day`.
    pub(crate) fn time(&self) -> Option<NaiveTime> {
        if self.end_of_day {
            return NaiveTime::from_hms_opt(0, 0, 0);
        }
        let hour = match self.pm {
            Some(true) if self.hour < 12 => self.hour + 12,
            Some(false) if self.hour == 12 => 0,
            _ => self.hour,
        };
        NaiveTime::from_hms_opt(hour, self.minute, 0)
    }

    /// Whether it is a 24-hour reading (`13:00`, `00:30`, `09:00`, `9h`).
    pub(crate) fn is_24h(&self) -> bool {
        self.pm.is_none()
            && (self.hour >= 13
                || self.hour == 0
                || self.padded
                || self.marked_24h
                || self.stray_suffix)
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
    /// Written with a dot and nothing else to say it is a time (`09.00`),
    /// which is a time only at a row's start.
    pub(crate) dotted: bool,
    /// Written as a 4-digit `0800`.
    pub(crate) bare: bool,
}

/// One clock reading at the start of a text.
#[derive(Debug, Clone, Copy)]
struct Read {
    clock: Clock,
    /// Bytes used.
    used: usize,
    dotted: bool,
    bare: bool,
    /// Said which clock it is on: a suffix, `h`, `Uhr`, a CJK unit.
    marked: bool,
    /// An hour alone with `h` (`9h`), which is also how durations are
    /// written (`2h`).
    hour_h: bool,
}

impl Read {
    fn new(hour: u32, minute: u32, used: usize) -> Read {
        Read {
            clock: Clock { hour, minute, ..Clock::default() },
            used,
            dotted: false,
            bare: false,
            marked: false,
            hour_h: false,
        }
    }
}

/// CJK words for the two halves of the day, which come before the time
/// (`午後2時`, `오후 2시`, `下午2点`), from the locale data: pm-ness and word.
fn cjk_meridiems() -> &'static [(bool, &'static str)] {
    static WORDS: OnceLock<Vec<(bool, &'static str)>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut out = Vec::new();
        for am_pm in [
            locales::ja_JP::LC_TIME::AM_PM,
            locales::zh_CN::LC_TIME::AM_PM,
            locales::zh_TW::LC_TIME::AM_PM,
            locales::ko_KR::LC_TIME::AM_PM,
        ] {
            for (i, w) in am_pm.iter().enumerate() {
                if !w.is_empty() && !out.contains(&(i == 1, *w)) {
                    out.push((i == 1, *w));
                }
            }
        }
        out
    })
}

/// A CJK half-of-day word at the start of `s`, with the spaces after it.
fn cjk_meridiem(s: &str) -> Option<(bool, usize)> {
    // every such word starts with a 3-byte character
    if s.as_bytes().first().is_none_or(|b| *b < 0xe0) {
        return None;
    }
    cjk_meridiems().iter().find_map(|(pm, w)| {
        let rest = s.strip_prefix(w)?;
        Some((*pm, s.len() - rest.trim_start_matches(' ').len()))
    })
}

/// CJK hour units (`10時`, `10时`, `10点`, `10시`), minute units (`30分`,
/// `30분`), and half past (`10時半`, `10시 반`).
const HOUR_UNITS: &[char] = &['時', '时', '点', '시'];
const MINUTE_UNITS: &[char] = &['分', '분'];
const HALF: &[char] = &['半', '반'];
/// After an hour unit, a duration (`2時間`, `2小时`, `2시간`), not a time.
const DURATION_AFTER_HOUR: &[char] = &['間', '间', '간'];

/// What may follow a reading: a 12-hour suffix, a word that fixes the hour
/// (`noon`, `midnight`), or a 24-hour mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Suffix {
    Meridiem(bool),
    Noon,
    Midnight,
    Mark24,
}

/// Whether a word ends at `n` in `s`.
fn word_end(s: &str, n: usize) -> bool {
    s.get(n..).is_some_and(|r| !r.chars().next().is_some_and(char::is_alphanumeric))
}

/// A suffix at the start of `s` (after spaces): `pm`, ` PM`, `p.m.`, `a`,
/// `noon`, `Uhr`; with `minutes`, also `h` and `hrs` (`14:00h`). Returns the
/// suffix and the bytes used.
fn suffix(s: &str, minutes: bool) -> Option<(Suffix, usize)> {
    let trimmed = s.trim_start_matches([' ', '\u{a0}']);
    let gap = s.len() - trimmed.len();
    let head = trimmed.get(..trimmed.len().min(9)).unwrap_or(trimmed);
    let starts = |w: &str| {
        head.len() >= w.len()
            && head.is_char_boundary(w.len())
            && head[..w.len()].eq_ignore_ascii_case(w)
            && word_end(trimmed, w.len())
    };
    for (text, suffix) in [
        ("p.m.", Suffix::Meridiem(true)),
        ("a.m.", Suffix::Meridiem(false)),
        ("p. m.", Suffix::Meridiem(true)),
        ("a. m.", Suffix::Meridiem(false)),
        ("noon", Suffix::Noon),
        ("midnight", Suffix::Midnight),
        ("pm", Suffix::Meridiem(true)),
        ("am", Suffix::Meridiem(false)),
        ("uhr", Suffix::Mark24),
    ] {
        if starts(text) {
            return Some((suffix, gap + text.len()));
        }
    }
    if minutes {
        for text in ["hrs", "hs", "h"] {
            if starts(text) {
                return Some((Suffix::Mark24, gap + text.len()));
            }
        }
    }
    // a lone `a`/`p` glued to the digits: `9:10a`
    let lower = head.bytes().next().map(|b| b.to_ascii_lowercase());
    if gap == 0 && matches!(lower, Some(b'a' | b'p')) && word_end(trimmed, 1) {
        return Some((Suffix::Meridiem(lower == Some(b'p')), 1));
    }
    None
}

/// Applies a suffix to a reading; `None` when they cannot go together.
fn with_suffix(mut r: Read, suffix: Suffix, len: usize) -> Option<Read> {
    let c = &mut r.clock;
    match suffix {
        // `24:00 pm`: not a time at all
        _ if c.hour >= 24 && suffix != Suffix::Mark24 => return None,
        Suffix::Meridiem(_) if c.hour > 12 || c.hour == 0 => c.stray_suffix = true,
        // `11:30 noon`
        Suffix::Noon | Suffix::Midnight if c.hour != 12 => c.stray_suffix = true,
        Suffix::Meridiem(pm) => c.pm = Some(pm),
        Suffix::Noon => c.pm = Some(true),
        Suffix::Midnight => c.pm = Some(false),
        Suffix::Mark24 => c.marked_24h = true,
    }
    r.used += len;
    r.marked = true;
    r.dotted = false;
    Some(r)
}

/// `10時`, `10時30分`, `10時半`, `2시 30분` after the hour's digits (`s`
/// starts right after them).
fn cjk_units(s: &str, hour: u32, digits: usize) -> Option<Read> {
    let unit = s.chars().next().filter(|c| HOUR_UNITS.contains(c))?;
    let mut used = unit.len_utf8();
    if s[used..].starts_with(DURATION_AFTER_HOUR) {
        return None;
    }
    let mut minute = 0;
    let rest = &s[used..];
    let spaced = rest.trim_start_matches(' ');
    let md = spaced.bytes().take_while(u8::is_ascii_digit).count();
    if let Some(half) = spaced.chars().next().filter(|c| HALF.contains(c)) {
        minute = 30;
        used += rest.len() - spaced.len() + half.len_utf8();
    } else if (1..=2).contains(&md) && spaced[md..].starts_with(MINUTE_UNITS) {
        minute = spaced[..md].parse().ok()?;
        let unit = spaced[md..].chars().next().map_or(0, char::len_utf8);
        used += rest.len() - spaced.len() + md + unit;
    }
    let mut r = Read::new(hour, minute, digits + used);
    r.marked = true;
    Some(r)
}

/// A clock reading at the start of `s`.
fn clock(s: &str, allow_bare: bool) -> Option<Read> {
    // `午後2時`, `오후 2시 30분`, `下午2:30`
    if let Some((pm, len)) = cjk_meridiem(s) {
        let mut r = clock(&s[len..], false)?;
        if r.clock.pm.is_some() || r.clock.hour == 24 {
            return None;
        }
        r = with_suffix(r, Suffix::Meridiem(pm), 0)?;
        r.used += len;
        return Some(r);
    }
    let b = s.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 || digits > 4 {
        return None;
    }
    let mut r = if digits <= 2 && matches!(b.get(digits), Some(b':' | b'.' | b'h' | b'H')) {
        let sep = b[digits];
        let h_form = matches!(sep, b'h' | b'H');
        let m = &b[digits + 1..];
        let md = m.iter().take_while(|c| c.is_ascii_digit()).count();
        let hour: u32 = s[..digits].parse().ok()?;
        if md == 0 && h_form && word_end(s, digits + 1) {
            // `9h`, `9h-12h`; `24h` is a day's length
            if hour > 23 {
                return None;
            }
            let mut r = Read::new(hour, 0, digits + 1);
            r.clock.marked_24h = true;
            r.marked = true;
            r.hour_h = true;
            r
        } else if md != 2 {
            // `6.`, `6:5`
            return None;
        } else {
            // a third group (`2018.08.26`; `10:30:00` is fine) means a date
            if sep == b'.' && m.get(2) == Some(&b'.') && m.get(3).is_some_and(u8::is_ascii_digit) {
                return None;
            }
            // `1h30min` is a duration
            if h_form && m.get(2).is_some_and(|c| c.is_ascii_alphabetic()) {
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
            let mut r = Read::new(hour, s[digits + 1..digits + 3].parse().ok()?, used);
            r.dotted = sep == b'.';
            r.clock.marked_24h = h_form;
            r.marked = h_form;
            r
        }
    } else if digits == 4 && allow_bare {
        let mut r = Read::new(s[..2].parse().ok()?, s[2..4].parse().ok()?, 4);
        r.bare = true;
        r
    } else if digits <= 2 {
        // an hour alone: `6pm`, `12 noon`, `18 Uhr`, `10時`
        let hour: u32 = s[..digits].parse().ok()?;
        if let Some(r) = cjk_units(&s[digits..], hour, digits) {
            r
        } else {
            let (sfx, len) = suffix(&s[digits..], false)?;
            // `13pm` is flagged like `13:00 pm`
            with_suffix(Read::new(hour, 0, digits), sfx, len)?
        }
    } else {
        return None;
    };
    let c = &mut r.clock;
    if c.hour > 24 || c.minute > 59 || (c.hour == 24 && c.minute > 0) {
        return None;
    }
    c.end_of_day = c.hour == 24;
    c.padded = digits == 2 && b[0] == b'0';
    // the next byte must not continue a number
    if b.get(r.used).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    if !r.marked
        && let Some((sfx, len)) = suffix(&s[r.used..], !r.hour_h)
    {
        r = with_suffix(r, sfx, len)?;
    }
    Some(r)
}

/// Range separators written as marks, longest first.
const DASHES: &[&str] = &["->", "→", "--", "–", "—", "-", "~", "〜", "～"];

/// Range separators written as words, between spaces: `10:00 to 12:00`,
/// `9 bis 12 Uhr`, `13h à 13h30`, `9 a 12h`, `9 al 12`, `9 hasta 12`, `9
/// tot 12`, `9 til 12`, `dalle 9 alle 12`, `das 9h às 12h`.
const RANGE_WORDS: &[&str] =
    &["to", "until", "till", "til", "bis", "à", "a", "al", "às", "hasta", "tot", "alle"];

/// Words that open a range and are not part of it: `from 9 to 11 am`,
/// `von 9 bis 12 Uhr`, `de 13h à 13h30`, `das 9h às 12h`, `dalle 9 alle 12`.
const RANGE_OPENERS: &[&str] = &["from", "von", "de", "das", "dalle", "van", "fra", "desde"];

/// Words that say a clock time follows, alone or opening a range: `klo 17`
/// (Finnish), `kl. 17.00` (Scandinavian), `ab 18 Uhr` (German "from"),
/// `vanaf`, `om` (Dutch), `dès`, `après` (French), `after` (`After 11:00 am
/// | Hacking`: a row that starts then and has no end).
const TIME_MARKERS: &[&str] = &["klo", "kl", "ab", "vanaf", "om", "dès", "après", "after"];

/// Words that are a time by themselves, with what they read as.
fn word_clock(s: &str, closing: bool) -> Option<(Clock, usize)> {
    let noon = Clock { hour: 12, minute: 0, pm: Some(true), ..Clock::default() };
    let midnight = Clock { hour: 12, minute: 0, pm: Some(false), ..Clock::default() };
    for (w, c) in [
        ("noon", noon),
        ("midday", noon),
        ("midi", noon),
        ("midnight", midnight),
        ("minuit", midnight),
    ] {
        if s.get(..w.len()).is_some_and(|x| x.eq_ignore_ascii_case(w)) && word_end(s, w.len()) {
            let end_of_day = closing && c.pm == Some(false);
            return Some((Clock { end_of_day, ..c }, w.len()));
        }
    }
    None
}

/// A range separator at the start of `rest` (which may start with
/// spaces), and the bytes it and the spaces after it use.
fn separator(rest: &str) -> Option<usize> {
    let trimmed = rest.trim_start_matches([' ', '\u{a0}']);
    let gap = rest.len() - trimmed.len();
    let after = |n: usize| {
        let a = &trimmed[n..];
        gap + n + (a.len() - a.trim_start_matches([' ', '\u{a0}']).len())
    };
    if let Some(d) = DASHES.iter().find(|d| trimmed.starts_with(**d)) {
        return Some(after(d.len()));
    }
    RANGE_WORDS.iter().find_map(|w| {
        let word = trimmed.get(..w.len())?;
        let spaced = trimmed[w.len()..].starts_with([' ', '\u{a0}']);
        (gap > 0 && spaced && word.eq_ignore_ascii_case(w)).then(|| after(w.len()))
    })
}

/// The span that starts exactly at `text[at..]`. `opened`: a word such as
/// `from` or `de` comes right before it.
fn span_at(text: &str, at: usize, allow_bare: bool, opened: bool) -> Option<Span> {
    let s = &text[at..];
    let (start, hour_alone) = match clock(s, allow_bare) {
        Some(r) => (r, false),
        None => {
            // `9 to 11 am`, `9 bis 12 Uhr`: an hour alone opens a range
            // whose end says which clock it is
            let digits = s.bytes().take_while(u8::is_ascii_digit).count();
            let hour: u32 = s.get(..digits).filter(|_| digits <= 2)?.parse().ok()?;
            (hour <= 23).then_some(())?;
            (Read::new(hour, 0, digits), true)
        }
    };
    let mut end_at = at + start.used;
    let rest = &text[end_at..];
    let mut end = None;
    let mut open = false;
    if let Some(sep) = separator(rest) {
        let after = &rest[sep..];
        match clock(after, allow_bare && start.bare) {
            Some(e)
                if !hour_alone || (e.marked && !e.clock.end_of_day && (!e.hour_h || opened)) =>
            {
                end = Some(e.clock);
                end_at = text.len() - after.len() + e.used;
            }
            Some(_) => {}
            None => {
                if let Some((c, used)) = word_clock(after, true).filter(|_| !hour_alone) {
                    end = Some(c);
                    end_at = text.len() - after.len() + used;
                } else {
                    open = after.is_empty() || after.starts_with(char::is_alphabetic);
                }
            }
        }
    }
    if hour_alone && end.is_none() {
        return None;
    }
    let trimmed = rest.trim_start_matches([' ', '\u{a0}']);
    if open && !hour_alone && trimmed.starts_with('-') {
        // `8:00- Banquet`: an open end, the dash is part of the time
        end_at = text.len() - trimmed.len() + 1;
    }
    let (start_clock, end) = share_suffix(start.clock, end);
    let dotted = start.dotted && !end.is_some_and(|e| e.pm.is_some() || e.marked_24h);
    Some(Span {
        start: start_clock,
        end,
        range: at..end_at,
        approximate: false,
        dotted,
        bare: start.bare,
    })
}

/// "9:00 - 9:10a", "11:50-12:45 PM": a suffix on the end only applies to
/// the start too when that reading goes forward; otherwise the start is
/// the other half of the day. The same for a suffix on the start only
/// (`11am - 1`, `午後2時～4時`), and a 24-hour mark on either end applies
/// to both (`9 - 12 Uhr`).
fn share_suffix(start: Clock, end: Option<Clock>) -> (Clock, Option<Clock>) {
    let Some(mut e) = end else { return (start, end) };
    let mut start = start;
    if e.marked_24h && start.pm.is_none() {
        start.marked_24h = true;
    }
    if start.marked_24h && e.pm.is_none() {
        e.marked_24h = true;
    }
    let forward = |s: Clock, e: Clock| match (s.time(), e.time()) {
        (Some(_), Some(_)) if e.end_of_day => true,
        (Some(a), Some(b)) => a <= b,
        _ => false,
    };
    if start.pm.is_none() && e.pm.is_some() && !start.is_24h() {
        let same = Clock { pm: e.pm, ..start };
        let other = Clock { pm: e.pm.map(|p| !p), ..start };
        if forward(same, e) {
            start = same;
        } else if forward(other, e) {
            start = other;
        }
    } else if e.pm.is_none() && start.pm.is_some() && !e.is_24h() && e.hour <= 12 {
        let same = Clock { pm: start.pm, ..e };
        let other = Clock { pm: start.pm.map(|p| !p), ..e };
        if forward(start, same) {
            e = same;
        } else if forward(start, other) {
            e = other;
        }
    }
    (start, Some(e))
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

/// Whether the word that ends right before `i` (after spaces) opens a
/// range (`from`, `de`, `von`).
fn opened_at(text: &str, i: usize) -> bool {
    let before = text[..i].trim_end_matches([' ', '\u{a0}']);
    if before.len() == i {
        return false;
    }
    let word = &before[before.trim_end_matches(char::is_alphabetic).len()..];
    RANGE_OPENERS.iter().any(|w| word.eq_ignore_ascii_case(w))
}

/// The time or range the text starts with, after leading marks: `~`,
/// `ca.`, `approx.`, bullets, `(`; and a word that opens a range
/// (`from 9 to 11 am`, `de 13h à 13h30`) when a range follows.
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
    let head = text.get(at..).map_or("", |t| t.get(..t.len().min(8)).unwrap_or(t));
    for word in ["ca.", "ca ", "approx.", "approx ", "around ", "c. "] {
        if head.len() >= word.len()
            && head.is_char_boundary(word.len())
            && head[..word.len()].eq_ignore_ascii_case(word)
        {
            approximate = true;
            at += word.len();
            at += text[at..].len() - text[at..].trim_start().len();
            break;
        }
    }
    // `klo 17` (Finnish), `kl. 17.00`, `ab 18:00 Uhr`, `vanaf 18u`, `dès 19h`:
    // a word that says a time follows, and the time, open-ended
    let word_len = text[at..].find(|c: char| !c.is_alphabetic()).unwrap_or(text.len() - at);
    if word_len > 0 {
        let word = &text[at..at + word_len];
        // an ASCII word lower-cased in place of a copy (most words are)
        let marker = if word.is_ascii() {
            TIME_MARKERS.iter().any(|m| word.eq_ignore_ascii_case(m))
        } else {
            TIME_MARKERS.contains(&word.to_lowercase().as_str())
        };
        let dotted = text[at + word_len..].starts_with('.');
        let after = at + word_len + usize::from(dotted);
        let digit = after + text[after..].len() - text[after..].trim_start().len();
        if marker
            && digit > at + word_len
            && text[digit..].starts_with(|c: char| c.is_ascii_digit())
        {
            if let Some(mut span) = span_at(text, digit, false, true) {
                span.approximate = approximate;
                return Some(span);
            }
            // `klo 17`: the hour alone, on the 24-hour clock the word says
            // (`after 2 days` is no time: only the words that name a clock)
            if ["after", "après"].iter().any(|w| word.eq_ignore_ascii_case(w)) {
                return None;
            }
            let digits = text[digit..].bytes().take_while(u8::is_ascii_digit).count();
            let hour: u32 = text[digit..digit + digits].parse().ok()?;
            if digits <= 2 && hour <= 23 {
                let start = Clock { hour, minute: 0, marked_24h: true, ..Clock::default() };
                return Some(Span {
                    start,
                    end: None,
                    range: digit..digit + digits,
                    approximate,
                    dotted: false,
                    bare: false,
                });
            }
        }
    }
    // `from 9 to 11 am`, `de 13h à 13h30`: the opening word is left out
    if word_len > 0 && RANGE_OPENERS.iter().any(|w| text[at..at + word_len].eq_ignore_ascii_case(w))
    {
        let after = at + word_len;
        let digit = after + text[after..].len() - text[after..].trim_start().len();
        if digit > after
            && let Some(mut span) = span_at(text, digit, false, true)
            && span.end.is_some()
        {
            span.approximate = approximate;
            return Some(span);
        }
        return None;
    }
    // `Noon – 1:00 PM`, `Noon: Lunch`, `Midnight`
    if let Some((start, used)) = word_clock(&text[at..], false) {
        let rest = &text[at + used..];
        let mut end = None;
        let mut end_at = at + used;
        if let Some(sep) = separator(rest) {
            let after = &rest[sep..];
            if let Some(e) = clock(after, false) {
                end = Some(e.clock);
                end_at = text.len() - after.len() + e.used;
            }
        }
        let (start, end) = share_suffix(start, end);
        return Some(Span {
            start,
            end,
            range: at..end_at,
            approximate,
            dotted: false,
            bare: false,
        });
    }
    let mut span = span_at(text, at, true, false)?;
    if span.bare {
        // a bare `0800` is a time only when it is all the text says, and
        // never a year (`1530`, `2024`)
        let alone = text[span.range.end..].trim().is_empty();
        let s = &text[span.range.clone()];
        let year_like = |c: Clock| (1990..=2100).contains(&(c.hour * 100 + c.minute));
        let ranged = span.end.is_some_and(|e| !year_like(e)) && !year_like(span.start);
        if !alone || !(s.starts_with('0') || ranged) {
            return None;
        }
    }
    span.approximate = approximate;
    Some(span)
}

/// Every time or range in prose (colon, `h` or suffix forms: `9.00` and
/// `0800` are too like other numbers away from a row's start).
pub(crate) fn all(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        // `sunnuntai 8.9. klo 17`: a word that says a time follows, inside
        // a line as at its start
        if b[i].is_ascii_alphabetic()
            && (i == 0 || !text[..i].chars().next_back().is_some_and(char::is_alphanumeric))
            && TIME_MARKERS.iter().any(|m| {
                text.get(i..i + m.len()).is_some_and(|w| w.eq_ignore_ascii_case(m))
                    && !text[i + m.len()..].starts_with(char::is_alphabetic)
            })
            && let Some(mut s) = leading(&text[i..])
        {
            s.range = s.range.start + i..s.range.end + i;
            i = s.range.end.max(i + 1);
            out.push(s);
            continue;
        }
        let candidate = (b[i].is_ascii_digit() && may_start(text, i))
            || (b[i] >= 0xe0 && cjk_meridiem(&text[i..]).is_some());
        if candidate
            && let Some(s) = span_at(text, i, false, opened_at(text, i))
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
    fn a_time_marker_inside_a_line_gives_its_time() {
        let found = all("sunnuntai 8.9. klo 17");
        assert_eq!(found.iter().map(hm).collect::<Vec<_>>(), [("17:00".to_owned(), None)]);
        assert!(all("the klondike 17 times").is_empty());
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

    fn first(text: &str) -> Option<(String, Option<String>)> {
        all(text).first().map(hm)
    }

    #[test]
    fn forms_in_many_languages() {
        let p = |a: &str, b: Option<&str>| Some((a.to_owned(), b.map(str::to_owned)));
        // 12-hour words
        assert_eq!(lead("9 a.m. Registration"), p("09:00", None));
        assert_eq!(lead("2 P.M. Tea"), p("14:00", None));
        assert_eq!(lead("12 noon Lunch"), p("12:00", None));
        assert_eq!(lead("Midday – 1pm Lunch"), p("12:00", Some("13:00")));
        assert_eq!(lead("12 midnight"), p("00:00", None));
        assert_eq!(lead("Noon – 1:30 Lunch"), p("12:00", Some("13:30")));
        // French, German
        assert_eq!(lead("9h00 Accueil"), p("09:00", None));
        assert_eq!(lead("9h Accueil"), p("09:00", None));
        assert_eq!(lead("14h30 - 16h Atelier"), p("14:30", Some("16:00")));
        assert_eq!(lead("de 13h à 13h30 Pause"), p("13:00", Some("13:30")));
        assert_eq!(lead("9h - midi"), p("09:00", Some("12:00")));
        assert_eq!(lead("18 Uhr Abendessen"), p("18:00", None));
        assert_eq!(lead("18.30 Uhr Abendessen"), p("18:30", None));
        assert_eq!(lead("von 9 bis 12 Uhr Workshop"), p("09:00", Some("12:00")));
        assert_eq!(lead("9 - 12 Uhr"), p("09:00", Some("12:00")));
        assert_eq!(lead("14:00h Pausa"), p("14:00", None));
        // Spanish, Italian, Dutch, Norwegian, Portuguese
        assert_eq!(lead("de 9 a 12h"), p("09:00", Some("12:00")));
        assert_eq!(lead("10:00 hasta 12:00"), p("10:00", Some("12:00")));
        assert_eq!(lead("10:00 al 12:00"), p("10:00", Some("12:00")));
        assert_eq!(lead("dalle 9:00 alle 12:00"), p("09:00", Some("12:00")));
        assert_eq!(lead("10:00 tot 12:00"), p("10:00", Some("12:00")));
        assert_eq!(lead("10:00 til 12:00"), p("10:00", Some("12:00")));
        assert_eq!(lead("das 9h às 12h"), p("09:00", Some("12:00")));
        // English ranges
        assert_eq!(lead("from 9 to 11 am"), p("09:00", Some("11:00")));
        assert_eq!(lead("9-11am Workshop"), p("09:00", Some("11:00")));
        assert_eq!(lead("10:00 until 12:00"), p("10:00", Some("12:00")));
        assert_eq!(lead("10:00 till 12:00"), p("10:00", Some("12:00")));
        assert_eq!(lead("10:00 — 12:00"), p("10:00", Some("12:00")));
        assert_eq!(lead("10:00〜12:00"), p("10:00", Some("12:00")));
        assert_eq!(lead("10:00～12:00"), p("10:00", Some("12:00")));
        assert_eq!(lead("11am - 1pm Lunch"), p("11:00", Some("13:00")));
        assert_eq!(lead("11am - 1:30 Lunch"), p("11:00", Some("13:30")));
        // Japanese, Chinese, Korean
        assert_eq!(lead("10時 開場"), p("10:00", None));
        assert_eq!(lead("10時30分 開始"), p("10:30", None));
        assert_eq!(lead("10時半"), p("10:30", None));
        assert_eq!(lead("午前10時"), p("10:00", None));
        assert_eq!(lead("午後2時～4時"), p("14:00", Some("16:00")));
        assert_eq!(lead("14時～16時"), p("14:00", Some("16:00")));
        assert_eq!(lead("下午2点半"), p("14:30", None));
        assert_eq!(lead("下午 2:30"), p("14:30", None));
        assert_eq!(lead("오전 10시"), p("10:00", None));
        assert_eq!(lead("오후 2시 30분"), p("14:30", None));
        assert_eq!(lead("오후 2시 ~ 4시"), p("14:00", Some("16:00")));
        assert_eq!(first("開場は午後6時30分から"), p("18:30", None));
        assert_eq!(first("Doors at 18 Uhr, talks from 9 to 11 am"), p("18:00", None));
        assert_eq!(all("Doors at 18 Uhr, talks from 9 to 11 am").len(), 2);
        assert_eq!(first("Rendez-vous de 13h à 13h30"), p("13:00", Some("13:30")));
        assert_eq!(first("The talk is at 6.30pm"), p("18:30", None));
    }

    #[test]
    fn odd_readings_are_kept_and_flagged() {
        let s = leading("13:00 pm Lunch").unwrap();
        assert!(s.start.stray_suffix && s.start.pm.is_none());
        assert_eq!(hm(&s), ("13:00".to_owned(), None));
        let s = leading("22:00 - 24:00 Party").unwrap();
        let end = s.end.unwrap();
        assert!(end.end_of_day && !s.start.end_of_day);
        assert_eq!(end.time(), NaiveTime::from_hms_opt(0, 0, 0));
        let s = leading("9pm - midnight").unwrap();
        assert!(s.end.unwrap().end_of_day);
        assert_eq!(leading("24:30 Party"), None);
        assert!(leading("11:30 noon").unwrap().start.stray_suffix);
        assert!(leading("13pm").unwrap().start.stray_suffix);
        assert!(leading("24 Uhr").unwrap().start.end_of_day);
        assert!(!leading("9 - 12 Uhr").unwrap().start.stray_suffix);
        assert!(leading("9 - 12 Uhr").unwrap().start.is_24h());
    }

    #[test]
    fn durations_and_counts_are_not_times() {
        assert_eq!(lead("1h30min of talks"), None);
        assert_eq!(first("takes 2時間"), None);
        assert_eq!(first("takes 2시간"), None);
        assert_eq!(first("takes 2-3h"), None);
        assert_eq!(first("24h hackathon"), None);
        assert_eq!(lead("1530"), None, "a year-like number alone");
        assert_eq!(lead("2024"), None);
        assert_eq!(lead("0800"), Some(("08:00".to_owned(), None)));
        assert_eq!(lead("1030-1200"), Some(("10:30".to_owned(), Some("12:00".to_owned()))));
        assert_eq!(lead("2019-2020"), None);
        assert_eq!(lead("3 - 5 June"), None);
        assert_eq!(lead("9 to 11 people"), None);
        assert!(all("Python 3.10 and 3.12 are out").is_empty());
        assert!(all("version v2.10 at 10.30").is_empty());
        assert!(all("from 2019 to 2024").is_empty());
        assert!(all("chapters 1-3, pages 10 to 12").is_empty());
    }

    #[test]
    fn a_word_that_says_a_time_follows() {
        assert_eq!(lead("klo 17"), Some(("17:00".to_owned(), None)));
        assert_eq!(lead("kl. 17.30 Konsert"), Some(("17:30".to_owned(), None)));
        assert_eq!(lead("ab 18:00 Uhr Ausklang"), Some(("18:00".to_owned(), None)));
        assert_eq!(lead("After 11:00 am PDT"), Some(("11:00".to_owned(), None)));
        assert_eq!(lead("after 2 days of hacking"), None);
        assert_eq!(lead("ab und zu"), None);
        assert_eq!(lead("om 2024"), None);
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
