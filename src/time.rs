//! Civil time in an IANA zone: resolving wall-clock readings to instants, and
//! the offset changes a VTIMEZONE must describe.
//!
//! The model keeps every time as a wall-clock reading plus a zone, because
//! that is what organisers write and what a `TZID=` DTSTART says. This module
//! is where such a reading meets the tz database: it finds DST gaps and
//! overlaps (so importers can report them) and the transitions in a span of
//! years (so `ical::vtimezone` can write observances that match chrono-tz).
//!
//! chrono-tz has no public list of transitions, so [`transitions`] finds them
//! by scanning the span in steps shorter than any real gap between two
//! changes and bisecting each step whose offset differs.

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Timelike, Utc,
    Weekday,
};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

/// How a wall-clock reading maps to instants in a zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalTime {
    /// The reading happens exactly once.
    Unique(DateTime<Utc>),
    /// The clocks went back: the reading happens twice. RFC 5545 §3.3.5
    /// reads it as the first of the two, and so do we.
    Ambiguous {
        /// The first occurrence, before the clocks went back.
        earlier: DateTime<Utc>,
        /// The second occurrence.
        later: DateTime<Utc>,
    },
    /// The clocks went forward over this reading: it never happens.
    Gap,
}

impl LocalTime {
    /// The instant RFC 5545 gives the reading, if it exists.
    pub fn instant(self) -> Option<DateTime<Utc>> {
        match self {
            LocalTime::Unique(t) | LocalTime::Ambiguous { earlier: t, .. } => Some(t),
            LocalTime::Gap => None,
        }
    }
}

/// Resolves a wall-clock reading in `zone`.
pub fn resolve(zone: Tz, local: NaiveDateTime) -> LocalTime {
    match zone.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) => LocalTime::Unique(t.with_timezone(&Utc)),
        chrono::LocalResult::Ambiguous(a, b) => {
            let (a, b) = (a.with_timezone(&Utc), b.with_timezone(&Utc));
            LocalTime::Ambiguous { earlier: a.min(b), later: a.max(b) }
        }
        chrono::LocalResult::None => LocalTime::Gap,
    }
}

/// Reads `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS`, a wall-clock reading
/// with no offset. Written out rather than through chrono's format parser,
/// which was a fifth of the time to load a large schedule.
pub fn parse_local(text: &str) -> Option<NaiveDateTime> {
    let b = text.as_bytes();
    if !(b.len() == 16 || b.len() == 19)
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
    {
        return None;
    }
    let num = |range: std::ops::Range<usize>| -> Option<u32> {
        b[range]
            .iter()
            .try_fold(0u32, |n, &d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
    };
    let seconds = match b.len() {
        19 if b[16] == b':' => num(17..19)?,
        19 => return None,
        _ => 0,
    };
    let date = NaiveDate::from_ymd_opt(i32::try_from(num(0..4)?).ok()?, num(5..7)?, num(8..10)?)?;
    date.and_hms_opt(num(11..13)?, num(14..16)?, seconds)
}

/// The zone's offset at an instant, with what a VTIMEZONE says of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZoneOffset {
    /// Seconds east of UTC, DST included.
    pub utc_offset: i32,
    /// Whether this is daylight saving time (RFC 5545 `DAYLIGHT`).
    pub is_dst: bool,
    /// The abbreviation tzdb gives, such as `BST`, when it is a name rather
    /// than a number.
    pub abbreviation: Option<String>,
}

/// The offset in effect at `at`.
pub fn offset_at(zone: Tz, at: DateTime<Utc>) -> ZoneOffset {
    let offset = zone.offset_from_utc_datetime(&at.naive_utc());
    // numeric "abbreviations" such as `-03` are not names: leave TZNAME out
    let abbreviation = offset
        .abbreviation()
        .filter(|name| name.chars().all(|c| c.is_ascii_alphabetic()))
        .map(str::to_owned);
    ZoneOffset {
        utc_offset: offset.fix().local_minus_utc(),
        is_dst: offset.dst_offset() != Duration::zero(),
        abbreviation,
    }
}

/// A change of offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    /// The first instant of the new offset.
    pub at: DateTime<Utc>,
    /// The offset before.
    pub from: ZoneOffset,
    /// The offset from `at` on.
    pub to: ZoneOffset,
}

impl Transition {
    /// The wall-clock reading at which the change happens, on the clock
    /// before it: what a VTIMEZONE observance's DTSTART holds (RFC 5545
    /// §3.6.5: "local time", in the offset it changes from).
    pub fn local_onset(&self) -> NaiveDateTime {
        self.at.naive_utc() + Duration::seconds(i64::from(self.from.utc_offset))
    }
}

/// Shorter than the shortest time between two offset changes in tzdb's
/// modern data (a few weeks), so no change is stepped over.
const SCAN_STEP_HOURS: i64 = 24;

/// Every offset change in `[from, to)`, in order.
pub fn transitions(zone: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Transition> {
    let mut found = Vec::new();
    let step = Duration::hours(SCAN_STEP_HOURS);
    let mut lo = from;
    let mut lo_offset = offset_at(zone, lo);
    while lo < to {
        let hi = (lo + step).min(to);
        let hi_offset = offset_at(zone, hi);
        if hi_offset != lo_offset {
            let at = bisect(zone, lo, hi, &lo_offset);
            found.push(Transition { at, from: lo_offset, to: offset_at(zone, at) });
        }
        lo = hi;
        lo_offset = hi_offset;
    }
    found
}

/// The first second in `(lo, hi]` whose offset is not `lo_offset`.
fn bisect(
    zone: Tz,
    mut lo: DateTime<Utc>,
    mut hi: DateTime<Utc>,
    lo_offset: &ZoneOffset,
) -> DateTime<Utc> {
    while hi - lo > Duration::seconds(1) {
        let mid = lo + (hi - lo) / 2;
        let mid = mid.with_nanosecond(0).unwrap_or(mid);
        if offset_at(zone, mid) == *lo_offset {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    hi
}

/// A yearly rule such as "last Sunday of March" (RFC 5545 RRULE
/// `FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct YearlyRule {
    /// 1..=12.
    pub(crate) month: u32,
    /// 1..=4 for "the nth", -1 for "the last".
    pub(crate) week: i8,
    /// The weekday.
    pub(crate) weekday: Weekday,
}

impl YearlyRule {
    /// The rule that a date follows. A date in the last seven days of its
    /// month is "the last"; otherwise "the nth".
    pub(crate) fn of(date: NaiveDate) -> YearlyRule {
        let days_in_month = days_in_month(date.year(), date.month());
        let week =
            if date.day() + 7 > days_in_month { -1 } else { ((date.day() - 1) / 7 + 1) as i8 };
        YearlyRule { month: date.month(), week, weekday: date.weekday() }
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next.and_then(|n| n.pred_opt()).map_or(31, |d| d.day())
}

/// One STANDARD or DAYLIGHT part of a VTIMEZONE (RFC 5545 §3.6.5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Observance {
    /// `DAYLIGHT` if true, else `STANDARD`.
    pub(crate) is_dst: bool,
    /// The first onset, as a wall-clock reading on the clock before it.
    pub(crate) dtstart: NaiveDateTime,
    /// Seconds east of UTC before the onset.
    pub(crate) offset_from: i32,
    /// Seconds east of UTC from the onset on.
    pub(crate) offset_to: i32,
    /// The abbreviation, such as `BST`.
    pub(crate) tzname: Option<String>,
    /// How the onset repeats, if it does.
    pub(crate) rule: Option<YearlyRule>,
    /// The last onset of a rule that stops within the span.
    pub(crate) until: Option<DateTime<Utc>>,
}

/// The observances that describe `zone` from the start of `first_year - 1`
/// to the end of `last_year`.
///
/// Transitions that recur on the same rule in consecutive years become one
/// RRULE observance, the style Outlook reads; a rule that stops before the
/// span ends gets an UNTIL. A zone with no change in the span gets a single
/// STANDARD observance. The span starts a year early so that the first
/// event is preceded by an observance whatever its date.
pub(crate) fn observances(zone: Tz, first_year: i32, last_year: i32) -> Vec<Observance> {
    let start = Utc.with_ymd_and_hms(first_year - 1, 1, 1, 0, 0, 0).single().expect("valid date");
    let end = Utc.with_ymd_and_hms(last_year + 1, 1, 1, 0, 0, 0).single().expect("valid date");
    let changes = transitions(zone, start, end);
    if changes.is_empty() {
        let offset = offset_at(zone, start);
        return vec![Observance {
            is_dst: false,
            dtstart: start.naive_utc(),
            offset_from: offset.utc_offset,
            offset_to: offset.utc_offset,
            tzname: offset.abbreviation,
            rule: None,
            until: None,
        }];
    }

    let mut runs: Vec<(Transition, YearlyRule, Vec<Transition>)> = Vec::new();
    for t in changes {
        let onset = t.local_onset();
        let rule = YearlyRule::of(onset.date());
        // The same change on the same rule, one year after the previous one
        // of this run, extends it.
        let extends = runs.iter_mut().rev().find(|(first, r, members)| {
            let last = members.last().expect("runs are never empty");
            *r == rule
                && first.from == t.from
                && first.to == t.to
                && first.local_onset().time() == onset.time()
                && last.local_onset().year() + 1 == onset.year()
        });
        match extends {
            Some((_, _, members)) => members.push(t),
            None => runs.push((t.clone(), rule, vec![t])),
        }
    }

    let span_last_year = last_year;
    runs.into_iter()
        .map(|(first, rule, members)| {
            let last = members.last().expect("runs are never empty");
            let recurs = members.len() > 1;
            let continues = last.local_onset().year() >= span_last_year;
            Observance {
                is_dst: first.to.is_dst,
                dtstart: first.local_onset(),
                offset_from: first.from.utc_offset,
                offset_to: first.to.utc_offset,
                tzname: first.to.abbreviation.clone(),
                rule: recurs.then_some(rule),
                until: (recurs && !continues).then_some(last.at),
            }
        })
        .collect()
}

/// An event's span as people read it, in `zone`:
/// "Monday 30 June 2025, 14:00–16:45 BST".
pub(crate) fn span_text(
    start: DateTime<Utc>,
    end: Option<DateTime<Utc>>,
    zone: chrono_tz::Tz,
) -> String {
    let start = start.with_timezone(&zone);
    let mut text = start.format("%A %-d %B %Y, %H:%M").to_string();
    if let Some(end) = end.map(|e| e.with_timezone(&zone)) {
        if end.date_naive() == start.date_naive() {
            text.push_str(&end.format("–%H:%M").to_string());
        } else {
            text.push_str(&end.format(" – %A %-d %B %Y, %H:%M").to_string());
        }
    }
    text.push_str(&start.format(" %Z").to_string());
    text
}

/// The days of an all-day event as people read them: `Sunday 27
/// September 2026 (all day)`, `24–26 November 2025`.
pub fn days_text(first: chrono::NaiveDate, last: chrono::NaiveDate) -> String {
    if first == last {
        return format!("{} (all day)", first.format("%A %-d %B %Y"));
    }
    format!("{}–{}", first.format("%-d %B %Y"), last.format("%-d %B %Y"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::{America, Asia, Australia, Europe};

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn local(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
    }

    #[test]
    fn span_text_reads_in_the_event_zone() {
        let start = DateTime::parse_from_rfc3339("2025-06-30T13:00:00Z").unwrap().to_utc();
        let end = DateTime::parse_from_rfc3339("2025-06-30T15:45:00Z").unwrap().to_utc();
        assert_eq!(
            span_text(start, Some(end), chrono_tz::Europe::London),
            "Monday 30 June 2025, 14:00–16:45 BST"
        );
        assert_eq!(span_text(start, None, chrono_tz::UTC), "Monday 30 June 2025, 13:00 UTC");
    }

    #[test]
    fn parse_local_reads_iso_readings_only() {
        assert_eq!(parse_local("2025-06-30T14:00"), Some(local("2025-06-30T14:00")));
        assert_eq!(parse_local("2025-06-30T14:00:30").map(|t| t.second()), Some(30));
        for bad in [
            "2025-06-30 14:00",
            "2025-02-30T14:00",
            "2025-06-30T24:00",
            "2025-06-30T14:00Z",
            "2025-06-30T14:00+01:00",
            "2025-6-30T14:00",
            "２０25-06-30T14:00",
            "2025-06-30T14:0٣",
        ] {
            assert_eq!(parse_local(bad), None, "{bad}");
        }
    }

    #[test]
    fn london_2025_changes_at_the_known_instants() {
        let found =
            transitions(Europe::London, utc("2025-01-01T00:00:00Z"), utc("2026-01-01T00:00:00Z"));
        let at: Vec<_> = found.iter().map(|t| t.at).collect();
        assert_eq!(at, [utc("2025-03-30T01:00:00Z"), utc("2025-10-26T01:00:00Z")]);
        assert_eq!((found[0].from.utc_offset, found[0].to.utc_offset), (0, 3600));
        assert_eq!(found[0].to.abbreviation.as_deref(), Some("BST"));
        assert!(found[0].to.is_dst && !found[1].to.is_dst);
        // onsets are read on the clock before the change
        assert_eq!(found[0].local_onset(), local("2025-03-30T01:00"));
        assert_eq!(found[1].local_onset(), local("2025-10-26T02:00"));
    }

    #[test]
    fn resolves_gap_overlap_and_summer() {
        assert_eq!(resolve(Europe::London, local("2025-03-30T01:30")), LocalTime::Gap);
        assert_eq!(
            resolve(Europe::London, local("2025-10-26T01:30")),
            LocalTime::Ambiguous {
                earlier: utc("2025-10-26T00:30:00Z"),
                later: utc("2025-10-26T01:30:00Z")
            }
        );
        assert_eq!(
            resolve(Europe::London, local("2025-06-30T13:30")).instant(),
            Some(utc("2025-06-30T12:30:00Z"))
        );
    }

    #[test]
    fn london_observances_are_yearly_rules() {
        let obs = observances(Europe::London, 2025, 2025);
        assert_eq!(obs.len(), 2);
        let (daylight, standard) = (&obs[0], &obs[1]);
        assert!(daylight.is_dst && !standard.is_dst);
        assert_eq!(daylight.dtstart, local("2024-03-31T01:00"));
        assert_eq!((daylight.offset_from, daylight.offset_to), (0, 3600));
        assert_eq!(daylight.rule, Some(YearlyRule { month: 3, week: -1, weekday: Weekday::Sun }));
        assert_eq!(standard.dtstart, local("2024-10-27T02:00"));
        assert_eq!((standard.offset_from, standard.offset_to), (3600, 0));
        assert_eq!(standard.tzname.as_deref(), Some("GMT"));
        assert_eq!(daylight.until, None);
    }

    #[test]
    fn zone_without_dst_has_one_standard_observance() {
        let obs = observances(Asia::Tokyo, 2025, 2026);
        assert_eq!(obs.len(), 1);
        assert!(!obs[0].is_dst);
        assert_eq!((obs[0].offset_from, obs[0].offset_to), (9 * 3600, 9 * 3600));
        assert_eq!(obs[0].rule, None);
    }

    #[test]
    fn nth_weekday_rules_and_southern_hemisphere() {
        let ny = observances(America::New_York, 2025, 2026);
        let rules: Vec<_> = ny.iter().map(|o| o.rule.unwrap()).collect();
        assert!(rules.contains(&YearlyRule { month: 3, week: 2, weekday: Weekday::Sun }));
        assert!(rules.contains(&YearlyRule { month: 11, week: 1, weekday: Weekday::Sun }));
        let syd = observances(Australia::Sydney, 2025, 2025);
        let dst = syd.iter().find(|o| o.is_dst).unwrap();
        assert_eq!(dst.rule, Some(YearlyRule { month: 10, week: 1, weekday: Weekday::Sun }));
        assert_eq!(dst.offset_to, 11 * 3600);
    }

    #[test]
    fn a_rule_that_stops_gets_until() {
        // Brazil abolished DST in 2019: the last onset of its DAYLIGHT rule
        // falls inside the span and must bound the RRULE.
        let obs = observances(chrono_tz::America::Sao_Paulo, 2017, 2020);
        let daylight: Vec<_> = obs.iter().filter(|o| o.is_dst).collect();
        assert!(!daylight.is_empty());
        assert!(daylight.iter().all(|o| o.rule.is_none() || o.until.is_some()), "{obs:#?}");
    }
}
