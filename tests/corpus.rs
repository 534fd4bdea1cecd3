//! Every page of the FAIMI site (`fixtures/faimi/site/`, copies of its public pages) either
//! gives the events a careful reader takes from it, at the right instants,
//! or is refused with a message that says what to pass. The expectations
//! were written by reading each page.

mod util;

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use symcal::diag::Severity;
use symcal::source::{Overrides, load_with};
use util::{fixture, symcal, symcal_env};

fn page(name: &str) -> PathBuf {
    util::fixture("faimi/site").join(name)
}

fn load(name: &str) -> symcal::Loaded {
    load_with(&page(name), Overrides::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn refusal(name: &str) -> String {
    match load_with(&page(name), Overrides::default()) {
        Ok(_) => panic!("{name} should be refused"),
        Err(e) => e.to_string(),
    }
}

fn utc(s: &symcal::model::Schedule, local: chrono::NaiveDateTime) -> String {
    let t: DateTime<Utc> = symcal::time::resolve(s.zone, local).instant().unwrap();
    t.format("%Y-%m-%dT%H:%MZ").to_string()
}

/// (UTC start, UTC end or "", title) of every session.
fn instants(name: &str) -> Vec<(String, String, String)> {
    let s = load(name).schedule;
    s.sessions
        .iter()
        .map(|x| (utc(&s, x.start), x.end.map(|e| utc(&s, e)).unwrap_or_default(), x.title.clone()))
        .collect()
}

fn starts(name: &str) -> Vec<String> {
    instants(name).into_iter().map(|(s, _, _)| s).collect()
}

const LONDON_STARTS: [&str; 10] = [
    "2025-06-30T12:30Z",
    "2025-06-30T13:00Z",
    "2025-06-30T13:00Z",
    "2025-06-30T13:20Z",
    "2025-06-30T13:40Z",
    "2025-06-30T14:00Z",
    "2025-06-30T14:30Z",
    "2025-06-30T14:50Z",
    "2025-06-30T15:10Z",
    "2025-06-30T15:30Z",
];

#[test]
fn every_london_revision_is_on_30_june_2025_in_bst() {
    for v in 1..=6 {
        let name = format!("2025-london-symposium.v{v}.md");
        let loaded = load(&name);
        let s = &loaded.schedule;
        assert_eq!(s.zone, chrono_tz::Europe::London, "{name}");
        assert_eq!(starts(&name), LONDON_STARTS, "{name}");
        assert_eq!(s.start.map(|t| utc(s, t)).as_deref(), Some("2025-06-30T13:00Z"), "{name}");
        assert_eq!(s.end.map(|t| utc(s, t)).as_deref(), Some("2025-06-30T15:45Z"), "{name}");
        let venue = s.venue.as_ref().unwrap();
        assert_eq!(venue.name, "Imperial College London, Huxley Building, Rooms 217/218");
        let geo = venue.geo.unwrap();
        assert_eq!((geo.lat, geo.lon), (51.4989961, -0.1790107), "the place pin, not the viewport");
        let online = s.online.as_ref().unwrap();
        assert_eq!((online.platform.as_deref(), online.url.as_deref()), (Some("Zoom"), None));
        assert_eq!(online.note.as_deref(), Some("details to follow"));
        let contact = s.contact.as_ref().unwrap();
        assert_eq!(
            (contact.name.as_deref(), contact.email.as_str()),
            (Some("Enzo Ferrante"), "eferrante@dc.uba.ar")
        );
        let ktena = &s.sessions[2];
        assert_eq!(ktena.presenters[0].name, "Ira Ktena");
        assert_eq!(ktena.presenters[0].affiliation.as_deref(), Some("Google DeepMind"));
        assert_eq!(ktena.title_tbc, v < 3, "{name}: the title was filled in in v3");
        assert_eq!(
            s.sessions[4].presenters_tbc,
            v < 6,
            "{name}: the 14:40 speaker was added in v6"
        );
        assert_eq!(
            s.sessions[1].end, None,
            "{name}: opening remarks start together with the next talk"
        );
        assert_eq!(s.sessions[9].end.map(|t| utc(s, t)).as_deref(), Some("2025-06-30T15:45Z"));
        let registration = s.registration.as_deref();
        assert_eq!(
            registration,
            (v >= 5).then_some("https://forms.gle/ka21yDyngGycc4g27"),
            "{name}"
        );
    }
}

#[test]
fn v1_warns_where_the_page_contradicts_itself() {
    let loaded = load("2025-london-symposium.v1.md");
    let warnings: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.to_string().replace(&page("").display().to_string(), ""))
        .collect();
    insta::assert_snapshot!(warnings.join("\n\n"), @r#"
    warning: the TL;DR gives the date 4 December 2024, but the event is on 30 June 2025
      --> 2025-london-symposium.v1.md:12:4
       |
    12 |  - Dec 4th, 2024, 14:00-17:00 GMT/UTC
       |    ^^^^^^^^^^^^^
       = help: chose 30 June 2025 because the front matter's `description` says `30 June 2025`, the permalink says 2025, "British Summer Time" needs a summer date; correct or remove this date

    warning: the TL;DR gives the hours `14:00-17:00`, but the **Time:** line gives `14:00 – 16:45`
      --> 2025-london-symposium.v1.md:12:19
       |
    12 |  - Dec 4th, 2024, 14:00-17:00 GMT/UTC
       |                   ^^^^^^^^^^^
       = help: chose `14:00 – 16:45` from the **Time:** line; make the two agree

    warning: `GMT/UTC` means UTC+0, but on 30 June 2025 Europe/London is UTC+1 (BST)
      --> 2025-london-symposium.v1.md:12:31
       |
    12 |  - Dec 4th, 2024, 14:00-17:00 GMT/UTC
       |                               ^^^^^^^
       = help: times are read in Europe/London (from the venue `London`); make this say BST, or pass `--timezone` if it is right

    warning: `UTC/GMT` means UTC+0, but on 30 June 2025 Europe/London is UTC+1 (BST)
      --> 2025-london-symposium.v1.md:17:19
       |
    17 | *All times are in UTC/GMT*
       |                   ^^^^^^^
       = help: times are read in Europe/London (from the venue `London`); make this say BST, or pass `--timezone` if it is right
    "#);
}

#[test]
fn check_exit_codes_and_strict() {
    let v1 = page("2025-london-symposium.v1.md");
    let v6 = page("2025-london-symposium.v6.md");
    let run = symcal(&["check", v1.to_str().unwrap()]).success();
    assert!(run.stderr.contains(":12:4\n") && run.stderr.contains(":17:19\n"), "{}", run.stderr);
    assert!(
        run.stderr.contains("ends with the event, at 16:45"),
        "which end rule applied: {}",
        run.stderr
    );
    symcal(&["check", v1.to_str().unwrap(), "--strict"]).failure();
    let run = symcal(&["check", v6.to_str().unwrap(), "--strict"]).success();
    assert!(!run.stderr.contains("warning:"), "v6 has no date or zone warning: {}", run.stderr);
}

#[test]
fn v1_page_builds_the_same_bytes_as_the_hand_resolved_json() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("page"), dir.path().join("json"));
    symcal(&[
        "build",
        page("2025-london-symposium.v1.md").to_str().unwrap(),
        "-o",
        a.to_str().unwrap(),
    ])
    .success();
    symcal(&[
        "build",
        fixture("2025-london-symposium.json").to_str().unwrap(),
        "-o",
        b.to_str().unwrap(),
    ])
    .success();
    assert_eq!(util::tree(&a), util::tree(&b));
}

#[test]
fn every_slot_keeps_its_uid_from_v1_to_v6() {
    let uids = |v: u32| -> Vec<String> {
        let feed =
            symcal(&["feed", page(&format!("2025-london-symposium.v{v}.md")).to_str().unwrap()])
                .success()
                .stdout;
        String::from_utf8(feed)
            .unwrap()
            .lines()
            .filter_map(|l| l.strip_prefix("UID:"))
            .map(str::to_owned)
            .collect()
    };
    let first = uids(1);
    assert_eq!(first.len(), 10);
    for v in 2..=6 {
        assert_eq!(uids(v), first, "v{v}");
    }
}

#[test]
fn import_then_build_gives_identical_feeds() {
    let dir = tempfile::tempdir().unwrap();
    for name in
        ["2025-london-symposium.v1.md", "2024-online.md", "2023-miccai.md", "2025-online.md"]
    {
        let json = dir.path().join("schedule.json");
        symcal(&["import", page(name).to_str().unwrap(), "-o", json.to_str().unwrap()]).success();
        // one stamp for both: without it each is its own file's time
        let epoch = [("SOURCE_DATE_EPOCH", "1750000000")];
        let from_json = symcal_env(&["feed", json.to_str().unwrap()], &epoch).success().stdout;
        let from_page =
            symcal_env(&["feed", page(name).to_str().unwrap()], &epoch).success().stdout;
        assert_eq!(from_json, from_page, "{name}");
    }
}

#[test]
fn online_events_in_utc() {
    let s = load("2023-online.md").schedule;
    assert_eq!(s.zone.name(), "UTC");
    let got = instants("2023-online.md");
    assert_eq!(got.len(), 14);
    assert_eq!(
        got[0],
        ("2023-11-06T13:00Z".into(), "2023-11-06T13:10Z".into(), "Opening Remarks".into())
    );
    assert_eq!(got[13].0, "2023-11-06T17:00Z");
    assert_eq!(s.sessions[1].presenters[0].name, "Kanwal Bhatia");
    assert_eq!(s.sessions[1].kind, symcal::model::SessionKind::Keynote);

    let got = instants("2024-online.md");
    assert_eq!(got.len(), 6);
    assert_eq!(
        got[1],
        ("2024-12-04T14:10Z".into(), "2024-12-04T15:20Z".into(), "Invited talks".into())
    );
    let s = load("2024-online.md").schedule;
    assert_eq!(
        s.sessions[1].description.as_deref().unwrap().matches('•').count(),
        4,
        "the four talks below it"
    );

    let got = instants("2025-online.md");
    assert_eq!(got.len(), 6, "the raw-HTML agenda");
    assert_eq!(got[1], ("2025-11-25T14:10Z".into(), "2025-11-25T15:00Z".into(), "Keynote".into()));
    let s = load("2025-online.md").schedule;
    assert_eq!(s.sessions[1].presenters[0].name, "Leo Celi");
}

#[test]
fn gmt_on_a_summer_date_is_read_literally_with_a_warning() {
    let loaded = load("2022.md");
    assert_eq!(loaded.schedule.zone.name(), "UTC");
    let got = instants("2022.md");
    assert_eq!(got.len(), 8);
    assert_eq!(got[0].0, "2022-10-05T12:00Z", "`1200` in an agenda read as 12:00");
    assert_eq!(got[7], ("2022-10-05T15:20Z".into(), String::new(), "Panel Discussion".into()));
    assert!(loaded.diagnostics.iter().any(|d| d.severity == Severity::Warning && d.message.contains("UK clocks were on BST")));
}

#[test]
fn conference_workshops_take_the_zone_of_the_named_place() {
    let s = load("2023-miccai.md").schedule;
    assert_eq!(s.zone, chrono_tz::America::Vancouver);
    let got = instants("2023-miccai.md");
    assert_eq!(got.len(), 15);
    assert_eq!(
        got[0],
        ("2023-10-12T20:30Z".into(), "2023-10-12T20:35Z".into(), "Welcome".into()),
        "1:30 read as 13:30 PDT"
    );
    assert_eq!(got[14].1, "2023-10-13T01:00Z", "6:00 is 18:00 PDT");

    assert_eq!(load("2024-miccai.md").schedule.zone, chrono_tz::Africa::Casablanca);
    assert_eq!(starts("2024-miccai.md")[0], "2024-10-10T12:30Z");

    assert_eq!(load("2025-miccai-workshop.md").schedule.zone, chrono_tz::Asia::Seoul);
    let got = instants("2025-miccai-workshop.md");
    assert_eq!((got.len(), got[0].0.as_str()), (13, "2025-09-23T04:30Z"));
    let got = instants("2025-miccai-tutorial.md");
    assert_eq!(got.len(), 3);
    assert_eq!(
        got[0],
        (
            "2025-09-22T23:00Z".into(),
            "2025-09-23T01:00Z".into(),
            "Lecture on Fairness of AI in Medical Imaging".into()
        )
    );
}

#[test]
fn pages_without_an_event_are_refused_with_what_was_looked_for() {
    assert!(refusal("2024-melba.md").contains("no event date found"));
    assert!(refusal("2026-miccai-workshop.md").contains("no event date found"));
    // its dates say `Workshop: TBC`: no all-day event is made up from `Oct 10th`
    let e = refusal("2025-miccai.md");
    assert!(e.contains("no times found") && e.contains("still to be decided"), "{e}");
}

#[test]
fn a_page_with_dates_and_no_times_is_an_all_day_event_with_deadlines() {
    use symcal::model::{DeadlineKind, Due};
    let s = load("2026-miccai.md").schedule;
    assert!(s.sessions.is_empty());
    let day = NaiveDate::from_ymd_opt(2026, 9, 27).unwrap();
    assert_eq!(s.all_day(), Some(symcal::model::Days { first: day, last: day }));
    assert_eq!(s.venue.as_ref().map(|v| v.name.as_str()), Some("Strasbourg, France"));
    let due: Vec<(DeadlineKind, String)> = s
        .deadlines
        .iter()
        .map(|d| match d.due {
            Due::At(t, zone) => {
                let at = symcal::time::resolve(zone, t).instant().unwrap();
                (d.kind, at.format("%Y-%m-%dT%H:%MZ").to_string())
            }
            Due::Day(day) => (d.kind, day.to_string()),
        })
        .collect();
    assert_eq!(
        due,
        [
            (DeadlineKind::Submission, "2026-07-02T06:59Z".to_owned()),
            (DeadlineKind::Notification, "2026-08-01T06:59Z".to_owned()),
            (DeadlineKind::CameraReady, "2026-08-16T06:59Z".to_owned()),
        ]
    );
}

#[test]
fn a_page_with_no_zone_asks_for_one_and_accepts_it() {
    let e = refusal("2024-isbi.md");
    assert!(
        (e.contains("does not say which time zone")
            || e.contains("places in different time zones"))
            && e.contains("pass `--timezone`"),
        "{e}"
    );
    let forced = Overrides::default().with_zone(chrono_tz::Europe::Athens);
    let s = load_with(&page("2024-isbi.md"), forced).unwrap().schedule;
    assert_eq!(s.sessions.len(), 1, "no agenda: the event is one session");
    assert_eq!(utc(&s, s.sessions[0].start), "2024-05-30T10:00Z");
    assert_eq!(utc(&s, s.sessions[0].end.unwrap()), "2024-05-30T11:30Z");
}

#[test]
fn date_override_wins_and_the_page_still_warns() {
    let forced = Overrides::default().with_date(NaiveDate::from_ymd_opt(2025, 7, 1).unwrap());
    let loaded = load_with(&page("2025-london-symposium.v6.md"), forced).unwrap();
    assert_eq!(
        loaded.schedule.sessions[0].start.date(),
        NaiveDate::from_ymd_opt(2025, 7, 1).unwrap()
    );
    assert!(
        loaded.diagnostics.iter().any(|d| d.message.contains("but the event is on 1 July 2025"))
    );
}

#[test]
fn no_corpus_page_panics_and_every_buildable_one_renders() {
    for entry in std::fs::read_dir(page("")).unwrap() {
        let path = entry.unwrap().path();
        if let Ok(loaded) = load_with(&path, Overrides::default()) {
            let options = symcal::RenderOptions::new(symcal::default_dtstamp(&loaded.schedule));
            let feed = symcal::feed_to_string(&loaded.schedule, &options).unwrap();
            // a page with no programme yet is its all-day event
            let events = loaded.schedule.sessions.len().max(1);
            assert_eq!(feed.matches("BEGIN:VEVENT").count(), events, "{}", path.display());
        }
    }
}

#[test]
fn a_site_folder_builds_every_page_and_all_ics() {
    // the site's repository as it stands: `<slug>/index.md` per event
    let tree = util::fixture("faimi/site-tree");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let args = ["build", tree.to_str().unwrap(), "-o", out.to_str().unwrap()];
    let run = symcal_env(&args, &[("SOURCE_DATE_EPOCH", "1767225600")]).success();
    assert!(
        run.stderr.contains("skipped")
            && run.stderr.contains("2024-melba/index.md: no event date found"),
        "{}",
        run.stderr
    );
    assert!(out.join("2025-london-symposium/feed.ics").is_file());
    assert!(!out.join("2024-melba").exists(), "a page with no event writes nothing");
    assert!(!out.join("_layouts").exists() && !out.join("newsletter").exists());
    let all = std::fs::read_to_string(out.join("all.ics")).unwrap();
    let uids: Vec<&str> = all.lines().filter_map(|l| l.strip_prefix("UID:")).collect();
    let unique: std::collections::BTreeSet<&str> = uids.iter().copied().collect();
    assert_eq!(uids.len(), unique.len());
    // 8 + 15 + 14 + 13 + 6 + 10 + 3 + 13 + 6 sessions, and MICCAI 2026's all-day event
    assert_eq!(uids.len(), 89);
    assert!(all.contains(
        "UID:2026-miccai@symcal\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20260927\r\n"
    ));
    // the site's deadlines in their own calendar: MICCAI 2023, 2024 and 2025
    // (AoE, written in UTC) and 2026 (Pacific)
    let dates = std::fs::read_to_string(out.join("deadlines.ics")).unwrap();
    assert_eq!(dates.matches("BEGIN:VEVENT").count(), 13);
    assert_eq!(dates.matches("DTSTART;TZID=America/Los_Angeles:").count(), 3);
    assert!(dates.contains("UID:2026-miccai-due-camera-ready@symcal\r\n"));
    assert!(dates.contains("DTSTART:20230729T115900Z\r\n"), "2023's paper deadline, AoE");
    let uids: Vec<&str> = dates.lines().filter_map(|l| l.strip_prefix("UID:")).collect();
    assert_eq!(uids.len(), uids.iter().collect::<std::collections::BTreeSet<_>>().len());
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("Important dates") && index.contains("Full Paper Deadline"));
    for zone in ["Europe/London", "America/Vancouver", "Africa/Casablanca", "Asia/Seoul"] {
        assert_eq!(
            all.matches(&format!("BEGIN:VTIMEZONE\r\nTZID:{zone}\r\n")).count(),
            1,
            "{zone}"
        );
    }
    let run = symcal(&["feed", tree.to_str().unwrap()]).failure();
    assert!(
        run.stderr.contains("only `symcal build` and `symcal serve` take a folder"),
        "{}",
        run.stderr
    );
    // the flat copies hold six revisions of one permalink: one folder, refused
    let run = symcal(&["build", page("").to_str().unwrap(), "-o", out.to_str().unwrap()]).failure();
    assert!(run.stderr.contains("would both write to `2025-london-symposium/`"), "{}", run.stderr);
}

#[test]
fn hours_that_end_before_they_start_warn_and_are_not_used() {
    let loaded = symcal::load(&fixture("pages/ends-before-start.md")).unwrap();
    let warnings: Vec<&str> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        warnings,
        [
            "the **Time:** line gives hours `16:45 – 14:00` that end before they start",
            "`15:00 – 14:40` ends at 14:40, not after it starts at 15:00",
        ]
    );
    let s = &loaded.schedule;
    assert_eq!(s.start, None, "the backwards span is not used");
    for session in &s.sessions {
        assert!(session.end.is_none_or(|e| e > session.start), "{session:?}");
    }
}
