//! The phrases organisers write for dates, times and zones, found inside a
//! line with their byte ranges: "Jun 30th 2025", "Dec 4th, 2024",
//! "Sept 23, 2025", "**Oct 12th**"; "14:00 – 16:45", "1:30 - 1:35", "1200",
//! "2:00 pm"; "British Summer Time", "UTC+1", "GMT/UTC".
//!
//! None of the date-parsing crates read these correctly (checked:
//! dateparser, chrono-english, interim), so this is a small scanner over
//! words. It only finds phrases; deciding which to believe is `resolve`'s job.

use std::ops::Range;

use chrono::NaiveDate;

/// A date as written: the year may be missing (`**Oct 12th**`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DatePhrase {
    pub(crate) year: Option<i32>,
    pub(crate) month: u32,
    pub(crate) day: u32,
    pub(crate) range: Range<usize>,
}

impl DatePhrase {
    pub(crate) fn date(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year?, self.month, self.day)
    }
}

pub(crate) use super::clock::Clock;

/// `14:00`, or `14:00 – 16:45`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TimeRange {
    pub(crate) start: Clock,
    pub(crate) end: Option<Clock>,
    pub(crate) range: Range<usize>,
}

/// What a zone phrase says about the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ZonePhrase {
    /// "British Summer Time", "BST": Europe/London on summer time.
    BritishSummerTime,
    /// "GMT", "UTC", "UTC/GMT": UTC+0.
    Utc,
    /// "UTC+1", "GMT-3": a fixed offset, in seconds east.
    Offset(i32),
}

impl ZonePhrase {
    /// The offset from UTC it claims, in seconds.
    pub(crate) fn offset(&self) -> i32 {
        match self {
            ZonePhrase::BritishSummerTime => 3600,
            ZonePhrase::Utc => 0,
            ZonePhrase::Offset(s) => *s,
        }
    }
}

/// Words (runs of letters and digits) with their byte ranges.
fn words(text: &str) -> Vec<(&str, Range<usize>)> {
    super::words::spans(text).map(|(r, w)| (w, r)).collect()
}

fn month(word: &str) -> Option<u32> {
    super::dates::month_number(word)
}

/// `30`, `30th`, `1st`: a day of the month.
fn day(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if !["", "st", "nd", "rd", "th"].contains(&suffix.to_ascii_lowercase().as_str()) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year(word: &str) -> Option<i32> {
    (word.len() == 4).then(|| word.parse().ok()).flatten().filter(|y| (1970..=2200).contains(y))
}

/// Every date in `text`: "Jun 30th 2025", "30 June 2025", "Oct 12th".
pub(crate) fn dates(text: &str) -> Vec<DatePhrase> {
    let w = words(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() {
        let found = month(w[i].0)
            .and_then(|m| Some((m, day(w.get(i + 1)?.0)?, i + 1)))
            .map(|(m, d, last)| (m, d, last, w[i].1.start))
            .or_else(|| {
                let d = day(w[i].0)?;
                let m = month(w.get(i + 1)?.0)?;
                Some((m, d, i + 1, w[i].1.start))
            });
        // words of one phrase are separated by spaces, a comma or a full
        // stop only: "Nov 6th](/2023-online/)" is a date and a link, not
        // 6 November 2023
        let joined = |a: usize, b: usize| {
            text[w[a].1.end..w[b].1.start].chars().all(|c| matches!(c, ' ' | ',' | '.' | '\u{a0}'))
        };
        let found = found.filter(|&(_, _, last, _)| joined(last - 1, last));
        if let Some((m, d, mut last, start)) = found {
            let y =
                w.get(last + 1).filter(|_| joined(last, last + 1)).and_then(|(word, _)| year(word));
            if y.is_some() {
                last += 1;
            }
            out.push(DatePhrase { year: y, month: m, day: d, range: start..w[last].1.end });
            i = last + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// A 4-digit year standing alone, as in a permalink `/2025-london-symposium/`.
pub(crate) fn first_year(text: &str) -> Option<(i32, Range<usize>)> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|i| {
        let before = i.checked_sub(1).map(|j| bytes[j]);
        let after = bytes.get(i + 4).copied();
        let alone = !before.is_some_and(|b| b.is_ascii_digit())
            && !after.is_some_and(|b| b.is_ascii_digit());
        let y = std::str::from_utf8(&bytes[i..i + 4]).ok().and_then(year)?;
        alone.then_some((y, i..i + 4))
    })
}

/// One clock reading at the start of `s`: `14:00`, `1:30`, `1200`, `2:00 pm`.
/// Returns it and the bytes it used.
fn clock(s: &str, allow_bare: bool) -> Option<(Clock, usize)> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let (hour, minute, mut used) =
        if s[digits..].starts_with([':', '.', 'h']) && (1..=2).contains(&digits) {
            let m = &s[digits + 1..];
            let mdigits = m.bytes().take_while(u8::is_ascii_digit).count();
            if mdigits != 2 {
                return None;
            }
            (s[..digits].parse().ok()?, m[..2].parse().ok()?, digits + 3)
        } else if allow_bare && digits == 4 {
            (s[..2].parse().ok()?, s[2..4].parse().ok()?, 4)
        } else {
            return None;
        };
    if hour > 24 || minute > 59 {
        return None;
    }
    let rest = &s[used..];
    let gap = rest.len() - rest.trim_start().len();
    let word: String =
        rest.trim_start().chars().take_while(|c| c.is_ascii_alphabetic() || *c == '.').collect();
    let pm = match word.to_ascii_lowercase().replace('.', "").as_str() {
        "pm" => Some(true),
        "am" => Some(false),
        _ => None,
    };
    if pm.is_some() {
        used += gap + word.len();
    }
    let padded = digits == 2 && s.starts_with('0');
    Some((Clock { hour, minute, pm, padded, ..Clock::default() }, used))
}

/// The first time or time range in `text`. `allow_bare` accepts `1200`
/// (agenda time cells); elsewhere a 4-digit number is a year.
pub(crate) fn time_range(text: &str, allow_bare: bool) -> Option<TimeRange> {
    for (i, _) in text.char_indices() {
        if i > 0 && text.as_bytes()[i - 1].is_ascii_alphanumeric() {
            continue;
        }
        let Some((start, used)) = clock(&text[i..], allow_bare) else { continue };
        let mut end_at = i + used;
        let rest = &text[end_at..];
        let trimmed = rest.trim_start_matches([' ', '\u{a0}']);
        let after_sep = ["–", "—", "-", "to "]
            .iter()
            .find_map(|sep| trimmed.strip_prefix(sep))
            .map(|r| r.trim_start_matches([' ', '\u{a0}']));
        let mut end = None;
        if let Some(after) = after_sep
            && let Some((e, used)) = clock(after, allow_bare)
        {
            end = Some(e);
            end_at = text.len() - after.len() + used;
            // "1:30 - 2:00 pm": the pm applies to both
            if start.pm.is_none() && e.pm.is_some() {
                let start = Clock { pm: e.pm.filter(|_| start.hour <= e.hour), ..start };
                return Some(TimeRange { start, end, range: i..end_at });
            }
        }
        return Some(TimeRange { start, end, range: i..end_at });
    }
    None
}

/// Every zone phrase in `text`.
pub(crate) fn zones(text: &str) -> Vec<(ZonePhrase, Range<usize>)> {
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    if let Some(i) = lower.find("british summer time") {
        out.push((ZonePhrase::BritishSummerTime, i..i + "british summer time".len()));
    }
    for (w, range) in words(text) {
        match w {
            "BST" => out.push((ZonePhrase::BritishSummerTime, range)),
            "UTC" | "GMT" => {
                let after = &text[range.end..];
                let sign = after.trim_start().chars().next();
                if let Some(sign @ ('+' | '-' | '−')) = sign {
                    let rest = after.trim_start()[sign.len_utf8()..].trim_start();
                    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                    if let Ok(h) = digits.parse::<i32>()
                        && h <= 14
                    {
                        let s = if sign == '+' { h * 3600 } else { -h * 3600 };
                        let end = range.end + (after.len() - rest.len()) + digits.len();
                        out.push((ZonePhrase::Offset(s), range.start..end));
                        continue;
                    }
                }
                // "UTC/GMT" is one claim, not two
                let joined = out.last().is_some_and(|(z, r): &(ZonePhrase, Range<usize>)| {
                    *z == ZonePhrase::Utc && text[r.end..range.start].trim() == "/"
                });
                if joined {
                    out.last_mut().expect("checked").1.end = range.end;
                } else {
                    out.push((ZonePhrase::Utc, range));
                }
            }
            _ => {}
        }
    }
    out.sort_by_key(|(_, r)| r.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveTime;

    fn d(text: &str) -> Vec<(Option<i32>, u32, u32, &str)> {
        dates(text).into_iter().map(|p| (p.year, p.month, p.day, &text[p.range])).collect()
    }

    #[test]
    fn reads_the_corpus_date_phrases() {
        assert_eq!(d("Hybrid Symposium, Jun 30th 2025"), [(Some(2025), 6, 30, "Jun 30th 2025")]);
        assert_eq!(
            d(" - Dec 4th, 2024, 14:00-17:00 GMT/UTC"),
            [(Some(2024), 12, 4, "Dec 4th, 2024")]
        );
        assert_eq!(d("Date: Sept 23, 2025. Room: DCC1"), [(Some(2025), 9, 23, "Sept 23, 2025")]);
        assert_eq!(d("workshop on **Oct 12th** at MICCAI 2023"), [(None, 10, 12, "Oct 12th")]);
        assert_eq!(d("October 5th, 2022, held online"), [(Some(2022), 10, 5, "October 5th, 2022")]);
        assert_eq!(d("on 30 June 2025"), [(Some(2025), 6, 30, "30 June 2025")]);
        assert!(d("May the force; march on").is_empty());
        assert_eq!(d("[online event on Nov 6th](/2023-online/)"), [(None, 11, 6, "Nov 6th")]);
        assert_eq!(d("Sept. 23, 2025"), [(Some(2025), 9, 23, "Sept. 23, 2025")]);
        assert!(d("Date: TBC").is_empty());
    }

    fn t(text: &str, bare: bool) -> Option<(Option<NaiveTime>, Option<NaiveTime>, &str)> {
        let r = time_range(text, bare)?;
        Some((r.start.time(), r.end.and_then(|e| e.time()), &text[r.range]))
    }

    fn hm(h: u32, m: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, 0)
    }

    #[test]
    fn reads_time_ranges() {
        assert_eq!(
            t("14:00 – 16:45 British Summer Time", false),
            Some((hm(14, 0), hm(16, 45), "14:00 – 16:45"))
        );
        assert_eq!(
            t("Dec 4th, 2024, 14:00-17:00 GMT/UTC", false),
            Some((hm(14, 0), hm(17, 0), "14:00-17:00"))
        );
        assert_eq!(t(" 13:30 – 14:00  ", true), Some((hm(13, 30), hm(14, 0), "13:30 – 14:00")));
        assert_eq!(t(" 1200 ", true), Some((hm(12, 0), None, "1200")));
        assert_eq!(t("Dec 4th, 2024", false), None, "a year is not a time");
        assert_eq!(t("1:30 - 2:00 pm", true), Some((hm(13, 30), hm(14, 0), "1:30 - 2:00 pm")));
        assert_eq!(t("2:00 pm", true), Some((hm(14, 0), None, "2:00 pm")));
        let r = time_range("1:30 - 1:35", true).unwrap();
        assert_eq!((r.start.hour, r.start.pm), (1, None), "no am/pm: left to the agenda to infer");
    }

    #[test]
    fn reads_zone_phrases() {
        let z = |text: &str| {
            zones(text).into_iter().map(|(z, r)| (z, text[r].to_owned())).collect::<Vec<_>>()
        };
        assert_eq!(z("*All times are in UTC/GMT*"), [(ZonePhrase::Utc, "UTC/GMT".into())]);
        assert_eq!(
            z("14:00 – 16:45 UTC+1 Time (British Summer Time)"),
            [
                (ZonePhrase::Offset(3600), "UTC+1".into()),
                (ZonePhrase::BritishSummerTime, "British Summer Time".into())
            ]
        );
        assert_eq!(z("All times GMT"), [(ZonePhrase::Utc, "GMT".into())]);
        assert!(z("*All times are 23:59 Pacific Time*").is_empty());
    }

    #[test]
    fn permalink_year() {
        assert_eq!(first_year("/2025-london-symposium/index.html").map(|(y, _)| y), Some(2025));
        assert_eq!(first_year("/20251/"), None);
    }
}
