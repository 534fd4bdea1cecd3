//! Our calendars read back by an independent parser (the icalendar crate),
//! with times resolved through the VTIMEZONE we wrote, not through
//! chrono-tz: the instants a client computes must be the ones organisers
//! meant.

mod util;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc, Weekday};
use icalendar::parser::{Component, read_calendar, unfold};
use util::{fixture, symcal};

fn feed(source: &str) -> String {
    String::from_utf8(symcal(&["feed", fixture(source).to_str().unwrap()]).success().stdout)
        .unwrap()
}

fn prop<'a>(c: &'a Component<'a>, name: &str) -> Option<String> {
    c.find_prop(name).map(|p| p.val.clone().unescape_text().as_str().to_owned())
}

fn param(c: &Component<'_>, prop: &str, name: &str) -> Option<String> {
    let p = c.find_prop(prop)?;
    p.params
        .iter()
        .find(|x| x.key == name)
        .and_then(|x| x.val.as_ref())
        .map(|v| v.as_str().to_owned())
}

fn offset(s: &str) -> Duration {
    let sign = if s.starts_with('-') { -1 } else { 1 };
    let h: i64 = s[1..3].parse().unwrap();
    let m: i64 = s[3..5].parse().unwrap();
    Duration::minutes(sign * (h * 60 + m))
}

/// The onset of an RRULE observance (`FREQ=YEARLY;BYMONTH=m;BYDAY=nSU`) in
/// `year`, as local time on the clock before it.
fn onset(obs: &Component<'_>, year: i32) -> NaiveDateTime {
    let start =
        NaiveDateTime::parse_from_str(&prop(obs, "DTSTART").unwrap(), "%Y%m%dT%H%M%S").unwrap();
    let Some(rule) = prop(obs, "RRULE") else { return start };
    let field = |k: &str| rule.split(';').find_map(|kv| kv.strip_prefix(k)).unwrap().to_owned();
    let month: u32 = field("BYMONTH=").parse().unwrap();
    let byday = field("BYDAY=");
    assert!(byday.ends_with("SU"), "test only knows Sundays: {byday}");
    let n: i32 = byday.trim_end_matches("SU").parse().unwrap();
    let sundays: Vec<NaiveDate> = (1..=31)
        .filter_map(|d| NaiveDate::from_ymd_opt(year, month, d))
        .filter(|d| d.weekday() == Weekday::Sun)
        .collect();
    let day = if n < 0 { *sundays.last().unwrap() } else { sundays[n as usize - 1] };
    day.and_time(start.time())
}

/// Resolves a local time through a VTIMEZONE: the offset of the latest
/// observance whose onset (in its TZOFFSETFROM clock) is not after it.
fn to_utc(vtimezone: &Component<'_>, local: NaiveDateTime) -> DateTime<Utc> {
    let mut best: Option<(NaiveDateTime, Duration)> = None;
    for obs in &vtimezone.components {
        for year in [local.year() - 1, local.year()] {
            let on = onset(obs, year);
            let from = offset(&prop(obs, "TZOFFSETFROM").unwrap());
            let to = offset(&prop(obs, "TZOFFSETTO").unwrap());
            // compare in UTC: the onset instant against the local reading
            // taken with the new offset
            let onset_utc = on - from;
            if onset_utc <= local - to && best.is_none_or(|(b, _)| onset_utc > b) {
                best = Some((onset_utc, to));
            }
        }
    }
    let (_, off) = best.expect("an observance precedes the time");
    (local - off).and_utc()
}

fn instants(text: &str) -> Vec<(String, DateTime<Utc>, Option<DateTime<Utc>>)> {
    let unfolded = unfold(text);
    let cal = read_calendar(&unfolded).expect("icalendar parses our output");
    let vtz = cal.components.iter().find(|c| c.name.as_str() == "VTIMEZONE");
    cal.components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .map(|e| {
            let at = |name: &str| {
                let v = prop(e, name)?;
                Some(match v.strip_suffix('Z') {
                    Some(utc) => {
                        NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S").unwrap().and_utc()
                    }
                    None => {
                        let vtz = vtz.expect("a TZID time needs a VTIMEZONE");
                        assert_eq!(param(e, name, "TZID"), prop(vtz, "TZID"));
                        to_utc(vtz, NaiveDateTime::parse_from_str(&v, "%Y%m%dT%H%M%S").unwrap())
                    }
                })
            };
            (prop(e, "SUMMARY").unwrap(), at("DTSTART").unwrap(), at("DTEND"))
        })
        .collect()
}

fn z(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

#[test]
fn london_sessions_land_on_the_right_instants() {
    let got = instants(&feed("2025-london-symposium.json"));
    let expected = [
        ("Arrival with refreshments", "2025-06-30T12:30:00Z", Some("2025-06-30T13:00:00Z")),
        ("Opening remarks", "2025-06-30T13:00:00Z", None),
        ("Ira Ktena: title to be confirmed", "2025-06-30T13:00:00Z", Some("2025-06-30T13:20:00Z")),
        (
            "Fairly (un)certain models and how (not) to assess it",
            "2025-06-30T13:20:00Z",
            Some("2025-06-30T13:40:00Z"),
        ),
        ("Talk (to be confirmed)", "2025-06-30T13:40:00Z", Some("2025-06-30T14:00:00Z")),
        ("Coffee break", "2025-06-30T14:00:00Z", Some("2025-06-30T14:30:00Z")),
        (
            "Understanding Causal and Statistical Dataset Biases in Medical Imaging",
            "2025-06-30T14:30:00Z",
            Some("2025-06-30T14:50:00Z"),
        ),
        (
            "Understanding-informed bias mitigation for CMR segmentation",
            "2025-06-30T14:50:00Z",
            Some("2025-06-30T15:10:00Z"),
        ),
        (
            "Mind the graph when balancing data for fairness or robustness",
            "2025-06-30T15:10:00Z",
            Some("2025-06-30T15:30:00Z"),
        ),
        ("Closing remarks", "2025-06-30T15:30:00Z", Some("2025-06-30T15:45:00Z")),
    ];
    let expected: Vec<_> =
        expected.iter().map(|(s, a, b)| (s.to_string(), z(a), b.map(z))).collect();
    assert_eq!(got, expected);
}

#[test]
fn london_event_spans_the_afternoon_in_bst() {
    let text = String::from_utf8(
        std::fs::read(fixture("expected/london/event.ics")).expect("golden event.ics"),
    )
    .unwrap();
    let got = instants(&text);
    assert_eq!(got.len(), 1);
    assert_eq!((got[0].1, got[0].2), (z("2025-06-30T13:00:00Z"), Some(z("2025-06-30T15:45:00Z"))));
    assert!(!text.contains("X-WR-CALNAME"), "no calendar name in a single-event file");
    assert!(text.contains("GEO:51.4989961;-0.1790107\r\n"));
    assert!(text.contains("ORGANIZER;CN=Enzo Ferrante:mailto:eferrante@dc.uba.ar\r\n"));
}

#[test]
fn dst_sessions_on_both_sides_of_both_changes() {
    let got = instants(&feed("json/dst-london.json"));
    let times: Vec<_> = got.iter().map(|(_, a, b)| (*a, b.unwrap())).collect();
    assert_eq!(
        times,
        [
            (z("2025-03-29T10:00:00Z"), z("2025-03-29T11:00:00Z")), // GMT
            (z("2025-03-29T23:00:00Z"), z("2025-03-30T02:00:00Z")), // 4 h of wall clock, 3 h of time
            (z("2025-03-30T09:00:00Z"), z("2025-03-30T10:00:00Z")), // BST
            (z("2025-10-25T09:00:00Z"), z("2025-10-25T10:00:00Z")), // BST
            (z("2025-10-26T10:00:00Z"), z("2025-10-26T11:00:00Z")), // GMT again
        ]
    );
}

#[test]
fn utc_times_are_written_with_z_and_no_vtimezone() {
    let text = unfold(&feed("json/online-utc.json"));
    assert!(text.contains("DTSTART:20250923T140000Z\r\n"));
    assert!(!text.contains("TZID") || text.contains("X-WR-TIMEZONE:UTC"));
    assert!(!text.contains("BEGIN:VTIMEZONE"));
    assert!(
        text.contains("CONFERENCE;VALUE=URI;FEATURE=AUDIO,VIDEO;LABEL=Join on Zoom:https://zoom.us/j/123456789?pwd=abc\r\n"),
        "{text}"
    );
    assert!(text.contains("ORGANIZER;CN=\"Ferrante, Enzo ^'E^'\":mailto:eferrante@dc.uba.ar\r\n"));
}

#[test]
fn hostile_text_reads_back_as_text_and_adds_nothing() {
    let text = feed("json/hostile.json");
    let unfolded = unfold(&text);
    let cal = read_calendar(&unfolded).unwrap();
    let events: Vec<_> = cal.components.iter().filter(|c| c.name.as_str() == "VEVENT").collect();
    assert_eq!(events.len(), 1, "one session, one VEVENT");
    let e = events[0];
    assert_eq!(prop(e, "UID").unwrap(), "a;b,c\\d");
    assert!(e.components.is_empty(), "no VALARM smuggled in");
    let names: Vec<&str> = e.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names.iter().filter(|n| **n == "UID").count(), 1);
    assert!(!names.contains(&"ATTENDEE"), "{names:?}");
    assert!(prop(e, "DESCRIPTION").unwrap().contains("BEGIN:VALARM\nACTION:AUDIO"));
    let summary = prop(e, "SUMMARY").unwrap();
    assert!(summary.starts_with("Ünïcödé 🎉") && summary.ends_with("accents éèêë"), "{summary}");
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{line:?}");
        assert!(!line.contains('\n') && !line.contains('\r'));
    }
}

#[test]
fn bench_shape_uses_ids_as_uids_and_keeps_titles() {
    let text = feed("json/bench-100.json");
    let schedule: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixture("json/bench-100.json")).unwrap()).unwrap();
    let unfolded = unfold(&text);
    let cal = read_calendar(&unfolded).unwrap();
    let events: Vec<_> = cal.components.iter().filter(|c| c.name.as_str() == "VEVENT").collect();
    let sessions = schedule["sessions"].as_array().unwrap();
    assert_eq!(events.len(), sessions.len());
    for (e, s) in events.iter().zip(sessions) {
        assert_eq!(prop(e, "UID").unwrap(), s["id"].as_str().unwrap());
        assert_eq!(prop(e, "SUMMARY").unwrap(), s["title"].as_str().unwrap());
        assert!(prop(e, "DESCRIPTION").unwrap().contains(s["abstract"].as_str().unwrap()));
    }
}
