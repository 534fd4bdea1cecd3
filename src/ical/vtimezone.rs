//! VTIMEZONE components (RFC 5545 §3.6.5) generated from chrono-tz.
//!
//! Every TZID a calendar uses gets one, because Outlook shifts events by an
//! hour and Thunderbird floats them without it (CLIENT-QUIRKS.md #1, #7).
//! Observances are written in the RRULE style Outlook reads (#2), with both
//! offsets explicit; `time::observances` decides what they are.

use chrono::{Datelike, Weekday};
use chrono_tz::Tz;

use super::line::Lines;
use crate::time::{self, YearlyRule};

/// Zones that are UTC under another name: times in them are written with
/// `Z` and need no VTIMEZONE (`TZID=UTC` upsets Outlook, CLIENT-QUIRKS.md #5).
pub(crate) fn is_utc(zone: Tz) -> bool {
    matches!(
        zone.name(),
        "UTC" | "Etc/UTC" | "UCT" | "Etc/UCT" | "Universal" | "Etc/Universal" | "Zulu" | "Etc/Zulu"
    )
}

/// Writes the VTIMEZONE of `zone` for events in `first_year..=last_year`.
pub(crate) fn write(lines: &mut Lines, zone: Tz, first_year: i32, last_year: i32) {
    lines.begin("VTIMEZONE");
    lines.property("TZID").text(zone.name());
    // libical (Evolution) uses this to match its own zone database
    lines.property("X-LIC-LOCATION").text(zone.name());
    for o in time::observances(zone, first_year, last_year) {
        let component = if o.is_dst { "DAYLIGHT" } else { "STANDARD" };
        lines.begin(component);
        lines.property("DTSTART").raw(&o.dtstart.format("%Y%m%dT%H%M%S").to_string());
        lines.property("TZOFFSETFROM").raw(&utc_offset(o.offset_from));
        lines.property("TZOFFSETTO").raw(&utc_offset(o.offset_to));
        if let Some(rule) = o.rule {
            let mut rrule = rrule(rule);
            if let Some(until) = o.until {
                rrule.push_str(&until.format(";UNTIL=%Y%m%dT%H%M%SZ").to_string());
            }
            lines.property("RRULE").raw(&rrule);
        }
        if let Some(name) = &o.tzname {
            lines.property("TZNAME").text(name);
        }
        lines.end(component);
    }
    lines.end("VTIMEZONE");
}

/// `+0100`, `-0330`, or `+053328` for offsets with seconds (RFC 5545 §3.3.14).
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if sec == 0 { format!("{sign}{h:02}{m:02}") } else { format!("{sign}{h:02}{m:02}{sec:02}") }
}

fn rrule(rule: YearlyRule) -> String {
    let day = match rule.weekday {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    };
    format!("FREQ=YEARLY;BYMONTH={};BYDAY={}{day}", rule.month, rule.week)
}

/// One VTIMEZONE per zone of `readings` (wall clock, zone), each for the
/// years its readings span; none for UTC, which is written with `Z`.
pub(crate) fn write_for(
    lines: &mut Lines,
    readings: impl Iterator<Item = (Tz, chrono::NaiveDateTime)>,
) {
    let mut zones: std::collections::BTreeMap<&str, (Tz, i32, i32)> =
        std::collections::BTreeMap::new();
    for (zone, t) in readings {
        if is_utc(zone) {
            continue;
        }
        let y = t.year();
        let span = zones.entry(zone.name()).or_insert((zone, y, y));
        span.1 = span.1.min(y);
        span.2 = span.2.max(y);
    }
    for (zone, first, last) in zones.into_values() {
        write(lines, zone, first, last);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn london_vtimezone_reads_plus_one_in_summer() {
        let mut lines = Lines::new();
        write(&mut lines, chrono_tz::Europe::London, 2025, 2025);
        let text = lines.into_string();
        assert_eq!(
            text,
            "BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\nX-LIC-LOCATION:Europe/London\r\n\
             BEGIN:DAYLIGHT\r\nDTSTART:20240331T010000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\n\
             RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nTZNAME:BST\r\nEND:DAYLIGHT\r\n\
             BEGIN:STANDARD\r\nDTSTART:20241027T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\n\
             RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nTZNAME:GMT\r\nEND:STANDARD\r\n\
             END:VTIMEZONE\r\n"
        );
    }

    #[test]
    fn offsets_format() {
        assert_eq!(utc_offset(3600), "+0100");
        assert_eq!(utc_offset(-12600), "-0330");
        assert_eq!(utc_offset(0), "+0000");
        assert_eq!(utc_offset(19800 + 8), "+053008");
    }

    #[test]
    fn utc_names_are_recognised() {
        assert!(is_utc(chrono_tz::UTC) && is_utc(chrono_tz::Etc::UTC));
        assert!(!is_utc(chrono_tz::Europe::London));
    }
}
