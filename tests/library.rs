//! The library as a downstream crate uses it (issue 12): a schedule built
//! in code is validated like a JSON file, every calendar renders to a
//! string and to any writer, sessions are found by UID, and the UID domain,
//! PRODID and threads are the caller's.

use symcal::chrono::{NaiveDate, NaiveDateTime};
use symcal::model::{Contact, Schedule, Session, SessionKind};
use symcal::{RenderOptions, chrono_tz};

fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2025, 3, d).unwrap().and_hms_opt(h, m, 0).unwrap()
}

fn schedule() -> Schedule {
    Schedule::new("spring-day", "Spring day", chrono_tz::Europe::London)
        .with_contact(Contact::new("org@example.org", Some("Org".into())))
        .with_session(Session::new(at(28, 10, 0), "Welcome").with_end(at(28, 10, 30)))
        .with_session(
            Session::new(at(28, 10, 30), "Coffee")
                .with_end(at(28, 11, 0))
                .with_kind(SessionKind::Break),
        )
}

#[test]
fn issue_12_a_schedule_built_in_code_is_checked_like_a_file() {
    assert!(schedule().validate().unwrap().is_empty());
    let mut bad = schedule();
    bad.key = String::new();
    bad.sessions[0].end = Some(at(28, 9, 0));
    bad.sessions.push(Session::new(at(30, 1, 30), "In the gap"));
    bad.sessions.push(Session::new(at(28, 12, 0), "").with_id("x"));
    let messages: Vec<String> =
        bad.validate().unwrap_err().diagnostics().iter().map(|d| d.message.clone()).collect();
    assert_eq!(
        messages,
        [
            "event id `` is empty or has spaces",
            "session 1 (`Welcome`) ends at `2025-03-28T09:00`, which is not after its start `2025-03-28T10:00`",
            "`2025-03-30T01:30` does not exist in Europe/London: the clocks go forward over it",
            "session `x` has no title",
        ]
    );
}

#[test]
fn issue_12_every_calendar_to_a_string_and_to_a_writer() {
    let s = schedule();
    let options = RenderOptions::new(symcal::default_dtstamp(&s));
    let mut out = Vec::new();
    symcal::render_event(&s, &options, &mut out).unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), symcal::event_to_string(&s, &options).unwrap());
    let mut out = Vec::new();
    assert!(symcal::render_session(&s, &options, 1, &mut out).unwrap());
    assert_eq!(
        String::from_utf8(out).unwrap(),
        symcal::session_to_string(&s, &options, 1).unwrap().unwrap()
    );
    assert!(!symcal::render_session(&s, &options, 2, &mut Vec::new()).unwrap());
    assert!(!symcal::render_deadlines(&s, &options, &mut Vec::new()).unwrap());

    let uids = symcal::session_uids(&s, &options);
    assert_eq!(uids, ["spring-day-20250328T1000@symcal", "spring-day-20250328T1030@symcal"]);
    let coffee = symcal::session_by_uid(&s, &options, &uids[1]).unwrap().unwrap();
    assert!(coffee.contains("SUMMARY:Coffee\r\n") && coffee.contains("TRANSP:TRANSPARENT\r\n"));
    assert!(symcal::session_by_uid(&s, &options, "nobody@symcal").unwrap().is_none());
    let (start, end) = s.sessions[0].instants(s.zone);
    assert_eq!(start.unwrap().to_rfc3339(), "2025-03-28T10:00:00+00:00");
    assert_eq!(end.unwrap().to_rfc3339(), "2025-03-28T10:30:00+00:00");
}

#[test]
fn issue_12_uid_domain_prodid_and_threads_are_the_caller_s() {
    let s = schedule();
    let mut options = RenderOptions::new(symcal::default_dtstamp(&s));
    let default = symcal::feed_to_string(&s, &options).unwrap();
    options.threads = 1;
    assert_eq!(symcal::feed_to_string(&s, &options).unwrap(), default, "one thread, same bytes");
    options.uid_domain = "calendars.example.org".into();
    options.prodid = "-//Example//Events//EN".into();
    let feed = symcal::feed_to_string(&s, &options).unwrap();
    assert!(feed.contains("UID:spring-day-20250328T1000@calendars.example.org\r\n"));
    assert!(feed.contains("PRODID:-//Example//Events//EN\r\n"));
    assert_eq!(symcal::event_uid(&s, &options), "spring-day@calendars.example.org");
    assert!(!feed.contains("@symcal"));
}

#[test]
fn issue_18_validate_makes_the_checks_the_json_importer_makes() {
    let mut venue = symcal::model::Venue::new("Hall");
    venue.geo = Some(symcal::model::Geo { lat: f64::NAN, lon: 0.0 });
    let mut bad = schedule().with_venue(venue);
    bad.contact = Some(Contact::new("not an address", None));
    bad.sessions[1] = bad.sessions[1].clone().with_id("coffee break");
    let messages: Vec<String> =
        bad.validate().unwrap_err().diagnostics().iter().map(|d| d.message.clone()).collect();
    assert_eq!(
        messages,
        [
            "`not an address` is not an email address",
            "venue coordinates `lat` NaN, `lon` 0 are out of range",
            "session `coffee break`'s id `coffee break` has spaces",
        ]
    );
}

/// Issue 18: the renderers wrote whatever they were given. The writer
/// functions keep their signature (so this test reads the same before and
/// after) and now refuse such a schedule with `InvalidInput`, the
/// diagnostics inside.
#[test]
fn issue_18_renderers_refuse_a_schedule_validate_refuses() {
    let refused = |s: &Schedule| {
        let options = RenderOptions::new(symcal::default_dtstamp(&schedule()));
        let mut out = Vec::new();
        let e = symcal::render_feed(s, &options, &mut out).expect_err("an invalid calendar");
        assert_eq!(e.kind(), std::io::ErrorKind::InvalidInput);
        assert!(out.is_empty(), "nothing written");
        let inner = e.into_inner().unwrap().downcast::<symcal::Error>().unwrap();
        inner.diagnostics().iter().map(|d| d.message.clone()).collect::<Vec<_>>().join("\n")
    };
    let mut backwards = schedule();
    backwards.sessions[0].end = Some(at(28, 9, 0));
    assert!(refused(&backwards).contains("which is not after its start"));
    let gap = schedule().with_session(Session::new(at(30, 1, 30), "In the gap"));
    assert!(refused(&gap).contains("does not exist in Europe/London"));
    let mut spaced = schedule();
    spaced.sessions[0] = spaced.sessions[0].clone().with_id("a uid with spaces");
    assert!(refused(&spaced).contains("has spaces"));
    let options = RenderOptions::new(symcal::default_dtstamp(&schedule()));
    assert!(symcal::render_event(&gap, &options, &mut Vec::new()).is_err());
    assert!(symcal::render_session(&gap, &options, 0, &mut Vec::new()).is_err());
    // and the DTSTAMP must be a time a calendar holds
    let far =
        RenderOptions::new(symcal::chrono::DateTime::from_timestamp(253_402_300_800, 0).unwrap());
    assert!(symcal::render_feed(&schedule(), &far, &mut Vec::new()).is_err());
}
