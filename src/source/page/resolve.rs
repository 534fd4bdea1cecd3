//! Choosing the date, the zone and the event's span from what a page
//! claims, and reporting every claim that disagrees.
//!
//! Pages contradict themselves: the London page was copied from an older
//! event and still says "Dec 4th, 2024 … GMT/UTC" above "Jun 30th 2025" and
//! "British Summer Time". Each claim carries its place and a weight for how
//! deliberate it looks (a `**Time:**` line outweighs a TL;DR bullet); the
//! reading most of the evidence supports wins, and each claim it overrules
//! becomes a warning that says what was chosen, from what, and how to fix
//! the page. Nothing is chosen silently.

use std::ops::Range;

use chrono::{Datelike, NaiveDate, NaiveTime};
use chrono_tz::Tz;

use super::phrases::ZonePhrase;
use crate::time;

/// Something the page says, where, and how much to trust it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Claim<T> {
    pub(crate) value: T,
    pub(crate) span: Range<usize>,
    pub(crate) weight: u32,
    /// Where it was read, for messages: "the TL;DR", "the **Time:** line".
    pub(crate) source: &'static str,
}

/// A finding about a claim, to become a diagnostic.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Finding {
    pub(crate) span: Range<usize>,
    pub(crate) message: String,
    pub(crate) help: String,
}

/// How the date was chosen.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum DateChoice {
    Chosen {
        date: NaiveDate,
        because: String,
        overruled: Vec<Finding>,
    },
    /// Two dates are equally supported.
    Tied(NaiveDate, NaiveDate),
    None,
}

/// Weight the permalink's year adds to a date in that year.
const PERMALINK_YEAR: u32 = 2;

/// Chooses the event's date from full-date claims, supported by the
/// permalink's year and by "British Summer Time" (which needs a summer date).
pub(crate) fn choose_date(
    dates: &[Claim<NaiveDate>],
    permalink_year: Option<i32>,
    zones: &[Claim<ZonePhrase>],
    forced: Option<NaiveDate>,
) -> DateChoice {
    let support = |d: NaiveDate| -> u32 {
        let direct: u32 = dates.iter().filter(|c| c.value == d).map(|c| c.weight).sum();
        let year = if permalink_year == Some(d.year()) { PERMALINK_YEAR } else { 0 };
        let summer = zones
            .iter()
            .filter(|z| z.value == ZonePhrase::BritishSummerTime && london_on_summer_time(d))
            .map(|z| z.weight)
            .sum::<u32>();
        direct + year + summer
    };
    let (date, because) = match forced {
        Some(d) => (d, "`--date`".to_owned()),
        None => {
            let mut ranked: Vec<(u32, NaiveDate)> =
                dates.iter().map(|c| (support(c.value), c.value)).collect();
            ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            ranked.dedup();
            match ranked.as_slice() {
                [] => return DateChoice::None,
                [(s1, d1), (s2, d2), ..] if s1 == s2 => return DateChoice::Tied(*d1, *d2),
                [(_, d), ..] => {
                    let mut reasons: Vec<String> = dates
                        .iter()
                        .filter(|c| c.value == *d)
                        .map(|c| format!("{} says `{}`", c.source, long_date(c.value)))
                        .collect();
                    reasons.dedup();
                    if permalink_year == Some(d.year()) {
                        reasons.push(format!("the permalink says {}", d.year()));
                    }
                    if zones.iter().any(|z| z.value == ZonePhrase::BritishSummerTime)
                        && london_on_summer_time(*d)
                    {
                        reasons.push("\"British Summer Time\" needs a summer date".into());
                    }
                    (*d, reasons.join(", "))
                }
            }
        }
    };
    let overruled = dates
        .iter()
        .filter(|c| c.value != date)
        .map(|c| Finding {
            span: c.span.clone(),
            message: format!(
                "{} gives the date {}, but the event is on {}",
                c.source,
                long_date(c.value),
                long_date(date)
            ),
            help: format!(
                "chose {} because {because}; correct or remove this date",
                long_date(date)
            ),
        })
        .collect();
    DateChoice::Chosen { date, because, overruled }
}

/// Whether UK clocks are on summer time that day (so "GMT" and UK time
/// differ).
pub(crate) fn london_on_summer_time(d: NaiveDate) -> bool {
    let noon = d.and_hms_opt(12, 0, 0).expect("noon exists");
    time::resolve(Tz::Europe__London, noon)
        .instant()
        .is_some_and(|t| time::offset_at(Tz::Europe__London, t).is_dst)
}

/// "30 June 2025".
pub(crate) fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// Where the zone came from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ZoneSource {
    Forced,
    /// The venue is in a place with one zone; the text names it.
    Venue(String),
    /// A zone phrase of the page.
    Phrase(String),
    /// A place the page names elsewhere.
    Place(String),
}

impl ZoneSource {
    pub(crate) fn describe(&self) -> String {
        match self {
            ZoneSource::Forced => "`--timezone`".into(),
            ZoneSource::Venue(place) => format!("the venue `{place}`"),
            ZoneSource::Phrase(p) => format!("`{p}`"),
            ZoneSource::Place(place) => format!("the place `{place}`"),
        }
    }
}

/// The zone a phrase names on its own: "British Summer Time" is London,
/// "GMT"/"UTC" is UTC, "UTC+1" a fixed offset. A fixed offset is a last
/// resort: it is right for the day but not across a clock change.
pub(crate) fn zone_of_phrase(p: ZonePhrase) -> Tz {
    match p {
        ZonePhrase::BritishSummerTime => Tz::Europe__London,
        ZonePhrase::Utc | ZonePhrase::Offset(0) => Tz::UTC,
        ZonePhrase::Offset(s) => {
            // tzdb's Etc/GMT-1 is UTC+1: the sign is inverted (POSIX)
            let name = format!("Etc/GMT{:+}", -s / 3600);
            name.parse().unwrap_or(Tz::UTC)
        }
    }
}

/// Checks each zone claim against the chosen zone on the chosen date.
pub(crate) fn check_zone_claims(
    claims: &[Claim<ZonePhrase>],
    zone: Tz,
    at: chrono::NaiveDateTime,
    source: &ZoneSource,
    texts: &dyn Fn(&Range<usize>) -> String,
) -> Vec<Finding> {
    let Some(instant) = time::resolve(zone, at).instant() else { return Vec::new() };
    let offset = time::offset_at(zone, instant);
    let actual = offset.utc_offset;
    let name = offset.abbreviation.clone().unwrap_or_else(|| utc_offset(actual));
    claims
        .iter()
        .filter(|c| {
            let wrong_offset = c.value.offset() != actual;
            let bst_elsewhere = c.value == ZonePhrase::BritishSummerTime && zone != Tz::Europe__London;
            wrong_offset || bst_elsewhere
        })
        .map(|c| Finding {
            span: c.span.clone(),
            message: format!(
                "`{}` means {}, but on {} {} is {} ({name})",
                texts(&c.span),
                utc_offset(c.value.offset()),
                long_date(at.date()),
                zone.name(),
                utc_offset(actual)
            ),
            help: format!(
                "times are read in {} (from {}); make this say {name}, or pass `--timezone` if it is right",
                zone.name(),
                source.describe()
            ),
        })
        .collect()
}

/// "UTC+1", "UTC−3:30", "UTC+0".
pub(crate) fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    match s % 3600 / 60 {
        0 => format!("UTC{sign}{}", s / 3600),
        m => format!("UTC{sign}{}:{m:02}", s / 3600),
    }
}

/// The event's hours as a page states them: a start, maybe an end.
pub(crate) type Hours = (NaiveTime, Option<NaiveTime>);

/// Chooses the event's hours: the heaviest claim, warning on the others.
pub(crate) fn choose_span(
    spans: &[Claim<Hours>],
    texts: &dyn Fn(&Range<usize>) -> String,
) -> (Option<Claim<Hours>>, Vec<Finding>) {
    let Some(best) = spans.iter().max_by_key(|c| c.weight).cloned() else {
        return (None, Vec::new());
    };
    let findings = spans
        .iter()
        .filter(|c| c.value != best.value)
        .map(|c| Finding {
            span: c.span.clone(),
            message: format!(
                "{} gives the hours `{}`, but {} gives `{}`",
                c.source,
                texts(&c.span),
                best.source,
                texts(&best.span)
            ),
            help: format!("chose `{}` from {}; make the two agree", texts(&best.span), best.source),
        })
        .collect();
    (Some(best), findings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim<T>(value: T, weight: u32, source: &'static str) -> Claim<T> {
        Claim { value, span: 0..1, weight, source }
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_london_evidence_chooses_june() {
        let dates = [
            claim(ymd(2025, 6, 30), 3, "the front matter"),
            claim(ymd(2024, 12, 4), 2, "the TL;DR"),
        ];
        let zones = [
            claim(ZonePhrase::Utc, 2, "the TL;DR"),
            claim(ZonePhrase::BritishSummerTime, 3, "the **Time:** line"),
        ];
        let DateChoice::Chosen { date, overruled, because } =
            choose_date(&dates, Some(2025), &zones, None)
        else {
            panic!()
        };
        assert_eq!(date, ymd(2025, 6, 30));
        assert_eq!(overruled.len(), 1);
        assert!(overruled[0].message.contains("4 December 2024"), "{overruled:?}");
        assert!(because.contains("permalink says 2025"), "{because}");
    }

    #[test]
    fn equal_evidence_is_a_tie_not_a_guess() {
        let dates = [claim(ymd(2025, 6, 30), 2, "a"), claim(ymd(2025, 7, 1), 2, "b")];
        assert_eq!(
            choose_date(&dates, None, &[], None),
            DateChoice::Tied(ymd(2025, 6, 30), ymd(2025, 7, 1))
        );
        let DateChoice::Chosen { date, overruled, .. } =
            choose_date(&dates, None, &[], Some(ymd(2025, 7, 1)))
        else {
            panic!()
        };
        assert_eq!((date, overruled.len()), (ymd(2025, 7, 1), 1));
    }

    #[test]
    fn zone_claims_are_checked_on_the_day() {
        let claims = [
            claim(ZonePhrase::Utc, 2, "x"),
            claim(ZonePhrase::BritishSummerTime, 3, "y"),
            claim(ZonePhrase::Offset(3600), 3, "z"),
        ];
        let at = ymd(2025, 6, 30).and_hms_opt(14, 0, 0).unwrap();
        let source = ZoneSource::Venue("London".into());
        let found =
            check_zone_claims(&claims, Tz::Europe__London, at, &source, &|_| "UTC/GMT".into());
        assert_eq!(found.len(), 1, "only the GMT claim is wrong in June: {found:?}");
        assert!(
            found[0]
                .message
                .contains("means UTC+0, but on 30 June 2025 Europe/London is UTC+1 (BST)"),
            "{found:?}"
        );
        let winter = ymd(2024, 12, 4).and_hms_opt(14, 0, 0).unwrap();
        assert_eq!(
            check_zone_claims(&claims[..1], Tz::Europe__London, winter, &source, &|_| String::new(
            ))
            .len(),
            0
        );
    }

    #[test]
    fn phrases_name_zones() {
        assert_eq!(zone_of_phrase(ZonePhrase::BritishSummerTime), Tz::Europe__London);
        assert_eq!(zone_of_phrase(ZonePhrase::Offset(3600)).name(), "Etc/GMT-1");
        assert_eq!(zone_of_phrase(ZonePhrase::Utc), Tz::UTC);
    }
}
