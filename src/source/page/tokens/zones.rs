//! What a page says about its clock: IANA names (`America/New_York`),
//! abbreviations (`EDT`, `PT`, `CEST`, `JST`, `IST`), names (`Pacific
//! Time`, `Central European Summer Time`, `Beijing Time`), offsets (`UTC+8`,
//! `UTC + 8`, `GMT-3`, `UTC+05:30`) and `AoE`.
//!
//! A phrase gives candidate zones and, for abbreviations, whether it means
//! summer time: the reader checks that against the date and lets a place
//! or an offset on the page choose between candidates (IST is India,
//! Israel or Ireland). A phrase never becomes a TZID by itself: an offset
//! with no place is a fixed-offset zone only as the last resort.

use std::ops::Range;

use chrono_tz::Tz;

/// What one phrase says.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Phrase {
    /// The zones it may mean, most likely first.
    pub(crate) zones: Vec<Tz>,
    /// A fixed offset it states, in seconds east (`UTC+8`, `EDT` = −4 h).
    pub(crate) offset: Option<i32>,
    /// Whether it names summer time (`EDT`), winter time (`EST`) or either (`ET`).
    pub(crate) dst: Option<bool>,
    pub(crate) range: Range<usize>,
    /// Anywhere on Earth: a deadline convention, UTC−12.
    pub(crate) aoe: bool,
}

use Tz::*;

/// Abbreviations: (text, zones, offset in hours ×4 if fixed, dst, needs a
/// time or a bracket next to it because the letters are also a word).
#[allow(clippy::type_complexity)]
const ABBREVIATIONS: &[(&str, &[Tz], Option<i32>, Option<bool>, bool)] = &[
    ("UTC", &[UTC], Some(0), None, false),
    ("GMT", &[UTC], Some(0), None, false),
    ("EST", &[America__New_York], Some(-20), Some(false), false),
    ("EDT", &[America__New_York], Some(-16), Some(true), false),
    ("ET", &[America__New_York], None, None, true),
    ("CST", &[America__Chicago, Asia__Shanghai], None, Some(false), false),
    ("CDT", &[America__Chicago], Some(-20), Some(true), false),
    ("CT", &[America__Chicago], None, None, true),
    ("MST", &[America__Denver, America__Phoenix], Some(-28), Some(false), false),
    ("MDT", &[America__Denver], Some(-24), Some(true), false),
    ("MT", &[America__Denver], None, None, true),
    ("PST", &[America__Los_Angeles], Some(-32), Some(false), false),
    ("PDT", &[America__Los_Angeles], Some(-28), Some(true), false),
    ("PT", &[America__Los_Angeles], None, None, true),
    ("AKST", &[America__Anchorage], Some(-36), Some(false), false),
    ("AKDT", &[America__Anchorage], Some(-32), Some(true), false),
    ("HST", &[Pacific__Honolulu], Some(-40), Some(false), true),
    ("BST", &[Europe__London], Some(4), Some(true), false),
    ("WET", &[Europe__Lisbon], Some(0), Some(false), true),
    ("WEST", &[Europe__Lisbon], Some(4), Some(true), true),
    ("CET", &[Europe__Berlin], Some(4), Some(false), false),
    ("CEST", &[Europe__Berlin], Some(8), Some(true), false),
    ("EET", &[Europe__Athens], Some(8), Some(false), true),
    ("EEST", &[Europe__Athens], Some(12), Some(true), false),
    ("MSK", &[Europe__Moscow], Some(12), None, true),
    ("TRT", &[Europe__Istanbul], Some(12), None, true),
    ("IST", &[Asia__Kolkata, Asia__Jerusalem, Europe__Dublin], None, None, false),
    ("PKT", &[Asia__Karachi], Some(20), None, true),
    ("GST", &[Asia__Dubai, Atlantic__South_Georgia], None, None, true),
    ("SGT", &[Asia__Singapore], Some(32), None, false),
    ("HKT", &[Asia__Hong_Kong], Some(32), None, false),
    ("JST", &[Asia__Tokyo], Some(36), None, false),
    ("KST", &[Asia__Seoul], Some(36), None, false),
    ("AWST", &[Australia__Perth], Some(32), None, true),
    ("ACST", &[Australia__Adelaide, Australia__Darwin], Some(38), Some(false), false),
    ("ACDT", &[Australia__Adelaide], Some(42), Some(true), false),
    ("AEST", &[Australia__Sydney, Australia__Brisbane], Some(40), Some(false), false),
    ("AEDT", &[Australia__Sydney], Some(44), Some(true), false),
    ("NZST", &[Pacific__Auckland], Some(48), Some(false), false),
    ("NZDT", &[Pacific__Auckland], Some(52), Some(true), false),
    ("WIB", &[Asia__Jakarta], Some(28), None, true),
    ("ICT", &[Asia__Bangkok], Some(28), None, true),
    ("PHT", &[Asia__Manila], Some(32), None, true),
    ("BRT", &[America__Sao_Paulo], Some(-12), None, true),
    ("ART", &[America__Argentina__Buenos_Aires], Some(-12), None, true),
    ("CLT", &[America__Santiago], None, None, true),
    ("SAST", &[Africa__Johannesburg], Some(8), None, true),
    ("WAT", &[Africa__Lagos], Some(4), None, true),
    ("EAT", &[Africa__Nairobi], Some(12), None, true),
    ("CAT", &[Africa__Maputo], Some(8), None, true),
];

/// Names in words (lower case), longest first within a family.
#[allow(clippy::type_complexity)]
const NAMES: &[(&str, &[Tz], Option<bool>)] = &[
    ("eastern standard time", &[America__New_York], Some(false)),
    ("eastern daylight time", &[America__New_York], Some(true)),
    ("eastern time", &[America__New_York], None),
    ("central standard time", &[America__Chicago], Some(false)),
    ("central daylight time", &[America__Chicago], Some(true)),
    ("mountain standard time", &[America__Denver], Some(false)),
    ("mountain daylight time", &[America__Denver], Some(true)),
    ("mountain time", &[America__Denver], None),
    ("pacific standard time", &[America__Los_Angeles], Some(false)),
    ("pacific daylight time", &[America__Los_Angeles], Some(true)),
    ("pacific daylight savings time", &[America__Los_Angeles], Some(true)),
    ("pacific time", &[America__Los_Angeles], None),
    ("los angeles time", &[America__Los_Angeles], None),
    ("new york time", &[America__New_York], None),
    ("central european summer time", &[Europe__Berlin], Some(true)),
    ("central european time", &[Europe__Berlin], Some(false)),
    ("eastern european summer time", &[Europe__Athens], Some(true)),
    ("eastern european time", &[Europe__Athens], Some(false)),
    ("western european summer time", &[Europe__Lisbon], Some(true)),
    ("british summer time", &[Europe__London], Some(true)),
    ("uk time", &[Europe__London], None),
    ("greenwich mean time", &[UTC], None),
    ("coordinated universal time", &[UTC], None),
    ("beijing time", &[Asia__Shanghai], None),
    ("china standard time", &[Asia__Shanghai], None),
    ("japan standard time", &[Asia__Tokyo], None),
    ("korea standard time", &[Asia__Seoul], None),
    ("korean standard time", &[Asia__Seoul], None),
    ("india standard time", &[Asia__Kolkata], None),
    ("indian standard time", &[Asia__Kolkata], None),
    ("singapore time", &[Asia__Singapore], None),
    ("gulf standard time", &[Asia__Dubai], None),
    ("australian eastern daylight time", &[Australia__Sydney], Some(true)),
    ("australian eastern standard time", &[Australia__Sydney, Australia__Brisbane], Some(false)),
    ("anywhere on earth", &[], None),
];

/// Every zone phrase in `text`.
pub(crate) fn find(text: &str) -> Vec<Phrase> {
    let mut out = Vec::new();
    // names in words all contain "time" or "earth"; lower-casing can move
    // bytes outside ASCII, so only use positions when the lengths agree
    // most lines name no zone in words: look before lower-casing
    let may_name = text
        .as_bytes()
        .windows(4)
        .any(|w| w.eq_ignore_ascii_case(b"time") || w.eq_ignore_ascii_case(b"arth"));
    let lower = if may_name { text.to_lowercase() } else { String::new() };
    if may_name && lower.len() == text.len() {
        for &(name, zones, dst) in NAMES {
            for (i, _) in lower.match_indices(name) {
                if !boundary(&lower, i, name.len())
                    || out.iter().any(|p: &Phrase| p.range.contains(&i))
                {
                    continue;
                }
                out.push(Phrase {
                    zones: zones.to_vec(),
                    offset: if zones.is_empty() { Some(-12 * 3600) } else { None },
                    dst,
                    range: i..i + name.len(),
                    aoe: zones.is_empty(),
                });
            }
        }
    }
    for (i, word) in upper_words(text) {
        if word == "AOE" || word == "AoE" {
            out.push(Phrase {
                zones: vec![],
                offset: Some(-12 * 3600),
                dst: None,
                range: i..i + word.len(),
                aoe: true,
            });
            continue;
        }
        let Some(&(_, zones, quarter, dst, needs)) = ABBREVIATIONS.iter().find(|a| a.0 == word)
        else {
            continue;
        };
        if needs && !near_time_or_bracket(text, i, word.len()) {
            continue;
        }
        let mut range = i..i + word.len();
        let mut offset = quarter.map(|q| q * 900);
        // `UTC+8`, `GMT -3`, `UTC+05:30`
        if (word == "UTC" || word == "GMT")
            && let Some((o, len)) = offset_after(&text[range.end..])
        {
            offset = Some(o);
            range.end += len;
        }
        out.push(Phrase { zones: zones.to_vec(), offset, dst, range, aoe: false });
    }
    // IANA names written out
    for (i, word) in iana_words(text) {
        if let Ok(tz) = word.parse::<Tz>() {
            out.push(Phrase {
                zones: vec![tz],
                offset: None,
                dst: None,
                range: i..i + word.len(),
                aoe: false,
            });
        }
    }
    out.sort_by_key(|p| p.range.start);
    out.dedup_by(|b, a| a.range.contains(&b.range.start));
    out
}

/// A signed offset right after `UTC`/`GMT`: `+8`, ` + 8`, `-03:00`, `+0530`.
fn offset_after(s: &str) -> Option<(i32, usize)> {
    let t = s.trim_start_matches(' ');
    let sign = match t.chars().next()? {
        '+' => 1,
        '-' | '−' | '–' => -1,
        _ => return None,
    };
    let sign_len = t.chars().next()?.len_utf8();
    let u = &t[sign_len..];
    let u2 = u.trim_start_matches(' ');
    let digits: String = u2.chars().take_while(char::is_ascii_digit).collect();
    let (h, mut m, mut used) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0, digits.len()),
        4 => (digits[..2].parse::<i32>().ok()?, digits[2..].parse::<i32>().ok()?, 4),
        _ => return None,
    };
    if digits.len() <= 2 && u2[used..].starts_with(':') {
        let mm: String = u2[used + 1..].chars().take_while(char::is_ascii_digit).collect();
        if mm.len() == 2 {
            m = mm.parse().ok()?;
            used += 3;
        }
    }
    if h > 14 || m > 59 {
        return None;
    }
    let len = (s.len() - t.len()) + sign_len + (u.len() - u2.len()) + used;
    Some((sign * (h * 3600 + m * 60), len))
}

/// Words of 2–4 capital letters (and `AoE`), with their offsets.
fn upper_words(text: &str) -> Vec<(usize, &str)> {
    super::words::spans(text)
        .filter(|(_, w)| {
            (2..=4).contains(&w.len()) && (w.bytes().all(|b| b.is_ascii_uppercase()) || *w == "AoE")
        })
        .map(|(r, w)| (r.start, w))
        .collect()
}

/// `Area/City` words.
fn iana_words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    if !text.contains('/') {
        return out;
    }
    for area in [
        "America/",
        "Europe/",
        "Asia/",
        "Africa/",
        "Australia/",
        "Pacific/",
        "Atlantic/",
        "Indian/",
        "Etc/",
    ] {
        for (i, _) in text.match_indices(area) {
            let len = text[i..]
                .char_indices()
                .find(|&(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '-' | '+')))
                .map_or(text.len() - i, |(j, _)| j);
            out.push((i, &text[i..i + len]));
        }
    }
    out
}

fn boundary(text: &str, i: usize, len: usize) -> bool {
    let before = text[..i].chars().next_back();
    let after = text[i + len..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Whether a short abbreviation sits next to a clock time or in brackets:
/// `9:00am - 5:00pm ET`, `Time (PT)`.
fn near_time_or_bracket(text: &str, i: usize, len: usize) -> bool {
    let before = text[..i].trim_end_matches([' ', '\u{a0}']);
    let after = text[i + len..].trim_start_matches([' ', '\u{a0}']);
    let bracketed = before.ends_with('(') && after.starts_with(')');
    let after_time = before.ends_with(|c: char| c.is_ascii_digit())
        || before.to_ascii_lowercase().ends_with("am")
        || before.to_ascii_lowercase().ends_with("pm")
        || before.to_ascii_lowercase().ends_with("noon");
    let lower_before = before.to_lowercase();
    let said = ["in", "times", "time", "zone", "timezone", "are", "(", "/"]
        .iter()
        .any(|w| lower_before.ends_with(w))
        || after.to_lowercase().starts_with("time")
        || after.starts_with('/')
        || after.starts_with('(');
    bracketed || after_time || said
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases() {
        let one = |t: &str| find(t).into_iter().next();
        assert_eq!(one("Time (EDT)").unwrap().zones, vec![America__New_York]);
        assert_eq!(one("**Time (PT)**").unwrap().zones, vec![America__Los_Angeles]);
        assert_eq!(one("in Pacific Time (PT)").unwrap().zones, vec![America__Los_Angeles]);
        let cest = one("All times are in Central European Summer Time").unwrap();
        assert_eq!((cest.zones[0], cest.dst), (Europe__Berlin, Some(true)));
        assert_eq!(one("UTC + 8").unwrap().offset, Some(8 * 3600));
        assert_eq!(one("AEDT (UTC+11)").unwrap().zones, vec![Australia__Sydney]);
        assert_eq!(one("GMT-3").unwrap().offset, Some(-3 * 3600));
        assert_eq!(one("UTC+05:30").unwrap().offset, Some(5 * 3600 + 1800));
        assert!(one("23:59 AoE").unwrap().aoe);
        assert_eq!(one("time zone: America/New_York").unwrap().zones, vec![America__New_York]);
        assert_eq!(one("GST (GMT+4)").unwrap().zones.len(), 2);
        assert_eq!(find("GST (GMT+4)")[1].offset, Some(4 * 3600));
    }

    #[test]
    fn words_that_are_not_zones() {
        assert!(find("the ET team and PT exercises").is_empty());
        assert!(find("ICT for development").is_empty());
        assert_eq!(find("9:00am - 5:00pm ET").len(), 1);
    }
}
