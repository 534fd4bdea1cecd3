//! Dates before times (issue 11): an announcement with only its date is an
//! all-day event, a dates section gives deadlines.ics, and one `--state`
//! carries every UID through the page's life, SEQUENCE rising only where
//! something changed.

mod util;

use std::collections::BTreeMap;
use std::path::Path;

use util::{fixture, symcal_env};

/// UID → (SEQUENCE, DTSTART line) of every VEVENT in the calendar at `path`.
fn events(path: &Path) -> BTreeMap<String, (u32, String)> {
    let text = std::fs::read_to_string(path).unwrap().replace("\r\n ", "");
    let mut out = BTreeMap::new();
    for event in text.split("BEGIN:VEVENT\r\n").skip(1) {
        let field = |name: &str| {
            event.lines().find(|l| l.starts_with(name)).map(|l| l[name.len()..].to_owned())
        };
        let uid = field("UID:").expect("a UID");
        let sequence = field("SEQUENCE:").map_or(0, |s| s.parse().unwrap());
        out.insert(uid, (sequence, field("DTSTART").unwrap()));
    }
    out
}

fn build(page: &str, out: &Path, state: &Path, epoch: &str) -> String {
    let page = fixture(&format!("pages/edits/{page}.md"));
    let args = [
        "build",
        page.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--state",
        state.to_str().unwrap(),
    ];
    symcal_env(&args, &[("SOURCE_DATE_EPOCH", epoch)]).success().stderr
}

const EVENT: &str = "2027-calendars-workshop@symcal";
const PAPER: &str = "2027-calendars-workshop-due-submission@symcal";
const NOTIFICATION: &str = "2027-calendars-workshop-due-notification@symcal";
const CAMERA: &str = "2027-calendars-workshop-due-camera-ready@symcal";

#[test]
fn issue_11_three_edits_keep_every_uid_and_raise_sequence_only_on_change() {
    let dir = tempfile::tempdir().unwrap();
    let (out, state) = (dir.path().join("out"), dir.path().join("state.json"));

    // 1. the date alone: an all-day event, in event.ics and as the feed
    let said = build("1-date-only", &out, &state, "1800000000");
    assert!(said.contains("all-day event on 14 May 2027"), "{said}");
    let event = events(&out.join("event.ics"));
    assert_eq!(event[EVENT], (0, ";VALUE=DATE:20270514".to_owned()));
    assert_eq!(events(&out.join("feed.ics")), event);
    assert!(!out.join("deadlines.ics").exists());

    // 2. deadlines added: the event is untouched, the deadlines start at 0
    build("2-deadlines", &out, &state, "1800100000");
    assert_eq!(events(&out.join("event.ics")), event, "nothing about the event changed");
    let dates = events(&out.join("deadlines.ics"));
    assert_eq!(
        dates,
        BTreeMap::from([
            // 23:59 AoE, written in UTC
            (PAPER.to_owned(), (0, ":20270302T115900Z".to_owned())),
            (NOTIFICATION.to_owned(), (0, ":20270402T115900Z".to_owned())),
            (CAMERA.to_owned(), (0, ":20270416T115900Z".to_owned())),
        ])
    );
    let text = std::fs::read_to_string(out.join("deadlines.ics")).unwrap();
    assert!(text.contains("X-WR-CALNAME:Workshop on Calendars for Science — deadlines\r\n"));
    assert_eq!(text.matches("TRIGGER:-P7D\r\n").count(), 3);
    assert_eq!(text.matches("TRIGGER:-P1D\r\n").count(), 3);

    // 3. the programme, and the paper deadline extended: the all-day event
    // becomes the timed event under its UID, the moved deadline keeps its
    let said = build("3-programme", &out, &state, "1800200000");
    assert!(!said.contains("all-day"), "{said}");
    let event = events(&out.join("event.ics"));
    assert_eq!(event[EVENT], (1, ";TZID=Europe/Lisbon:20270514T090000".to_owned()));
    assert_eq!(events(&out.join("feed.ics")).len(), 4);
    let dates = events(&out.join("deadlines.ics"));
    assert_eq!(dates[PAPER], (1, ":20270309T115900Z".to_owned()));
    assert_eq!(dates[NOTIFICATION].0, 0);
    assert_eq!(dates[CAMERA].0, 0);

    // the same page again: nothing rises
    build("3-programme", &out, &state, "1800300000");
    assert_eq!(events(&out.join("deadlines.ics")), dates);
    assert_eq!(events(&out.join("event.ics")), event);
}

#[test]
fn issue_11_reminders_can_be_changed_or_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let page = fixture("pages/edits/2-deadlines.md");
    let out = dir.path().join("a");
    let run = |extra: &[&str]| {
        let mut args = vec!["build", page.to_str().unwrap(), "-o", out.to_str().unwrap()];
        args.extend_from_slice(extra);
        symcal_env(&args, &[])
    };
    run(&["--reminders", "2d,3h"]).success();
    let text = std::fs::read_to_string(out.join("deadlines.ics")).unwrap();
    assert_eq!(text.matches("TRIGGER:-P2D\r\n").count(), 3);
    assert_eq!(text.matches("TRIGGER:-PT3H\r\n").count(), 3);
    run(&["--reminders", "none"]).success();
    let text = std::fs::read_to_string(out.join("deadlines.ics")).unwrap();
    assert!(!text.contains("BEGIN:VALARM"));
    let refused = run(&["--reminders", "soon"]).failure();
    assert!(refused.stderr.contains("`soon` is not a duration"), "{}", refused.stderr);
}

#[test]
fn issue_11_a_call_with_no_event_date_writes_only_its_deadlines() {
    let dir = tempfile::tempdir().unwrap();
    let page = fixture("pages/general/call-for-papers.html");
    let out = dir.path().join("out");
    let run =
        symcal_env(&["build", page.to_str().unwrap(), "-o", out.to_str().unwrap()], &[]).success();
    assert!(run.stderr.contains("still to be decided"), "{}", run.stderr);
    assert!(!out.join("feed.ics").exists() && !out.join("event.ics").exists());
    let dates = events(&out.join("deadlines.ics"));
    assert_eq!(dates.len(), 2, "{dates:?}");
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("Important dates") && index.contains("deadlines.ics"));
    // the feed alone has nothing to give
    let feed = symcal_env(&["feed", page.to_str().unwrap()], &[]).failure();
    assert!(feed.stderr.contains("only deadlines"), "{}", feed.stderr);
}

#[test]
fn issue_11_an_all_day_event_can_be_sent_as_an_invitation() {
    use mail_parser::{MessageParser, MimeHeaders, PartType};
    let dir = tempfile::tempdir().unwrap();
    let page = fixture("faimi/site-tree/2026-miccai/index.md");
    let csv = fixture("registrations/google-forms.csv");
    let (outbox, state) = (dir.path().join("outbox"), dir.path().join("state.json"));
    let args = [
        "invite",
        page.to_str().unwrap(),
        "--attendees",
        csv.to_str().unwrap(),
        "-o",
        outbox.to_str().unwrap(),
        "--state",
        state.to_str().unwrap(),
    ];
    symcal_env(&args, &[]).success();
    let files: Vec<_> = std::fs::read_dir(&outbox).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(files.len(), 3);
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        let mail = MessageParser::default().parse(&bytes).unwrap();
        let mut calendar = None;
        let mut body = String::new();
        for part in &mail.parts {
            let ct = part.content_type().unwrap();
            match (&part.body, ct.c_type.as_ref(), ct.c_subtype.as_deref()) {
                (PartType::Text(t), "text", Some("calendar")) => calendar = Some(t.to_string()),
                (PartType::Text(t), "text", Some("plain")) => body = t.to_string(),
                _ => {}
            }
        }
        let calendar = calendar.expect("a text/calendar part");
        assert!(calendar.contains("METHOD:REQUEST\r\n"));
        assert!(calendar.contains("DTSTART;VALUE=DATE:20260927\r\nDTEND;VALUE=DATE:20260928\r\n"));
        assert!(calendar.contains("LOCATION:Strasbourg\\, France\r\n"), "{calendar}");
        // never a clock time for a day with none
        assert!(body.contains("When: Sunday 27 September 2026 (all day)"), "{body}");
        assert!(mail.subject().unwrap().ends_with("27 September 2026 (all day)"));
    }
}

#[test]
fn issue_11_a_day_range_with_its_timetable_to_come_is_all_day_with_prose_deadlines() {
    use symcal::model::{DeadlineKind, Due};
    let page = fixture("pages/general/summer-school-dates-only.md");
    let loaded = symcal::load(&page).unwrap();
    let s = &loaded.schedule;
    let day = |d| chrono::NaiveDate::from_ymd_opt(2027, 7, d).unwrap();
    assert_eq!(s.all_day(), Some(symcal::model::Days { first: day(5), last: day(9) }));
    let due: Vec<(DeadlineKind, Due)> = s.deadlines.iter().map(|d| (d.kind, d.due)).collect();
    let at = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap();
    assert_eq!(
        due,
        [
            (DeadlineKind::Application, Due::At(at("2027-03-03T23:59"), chrono_tz::Etc::GMTPlus12)),
            (
                DeadlineKind::Notification,
                Due::Day(chrono::NaiveDate::from_ymd_opt(2027, 4, 15).unwrap())
            ),
        ]
    );
    // the year each takes is said
    let notes = loaded.diagnostics.iter().filter(|d| d.message.contains("gives no year")).count();
    assert_eq!(notes, 2);
}

#[test]
fn issue_11_a_date_marked_tba_is_no_event() {
    let page = fixture("pages/general/date-tba.md");
    let e = symcal::load(&page).unwrap_err().to_string();
    assert!(e.contains("no times found") && e.contains("still to be decided"), "{e}");
}

#[test]
fn issue_11_deadline_times_are_not_the_event_s_hours() {
    use symcal::model::{DeadlineKind, Due};
    // `<dt>Submission deadline</dt><dd>January 31, 2026 (11:59 PM PST)</dd>`:
    // the time was once read as the event's hours, on 31 January
    let page = fixture("pages/general/dates-in-a-definition-list.html");
    let s = symcal::load(&page).unwrap().schedule;
    let day = chrono::NaiveDate::from_ymd_opt(2026, 6, 20).unwrap();
    assert!(s.sessions.is_empty() && s.start.is_none());
    assert_eq!(s.all_day(), Some(symcal::model::Days { first: day, last: day }));
    let at = chrono::NaiveDateTime::parse_from_str("2026-01-31T23:59", "%Y-%m-%dT%H:%M").unwrap();
    let got: Vec<(&str, DeadlineKind, Due)> =
        s.deadlines.iter().map(|d| (d.title.as_str(), d.kind, d.due)).collect();
    assert_eq!(
        got,
        [
            (
                "Submission deadline",
                DeadlineKind::Submission,
                Due::At(at, chrono_tz::America::Los_Angeles)
            ),
            (
                "Author notification",
                DeadlineKind::Notification,
                Due::Day(chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap())
            ),
        ]
    );
}

#[test]
fn issue_11_a_markdown_dates_table_takes_the_live_date() {
    let page = fixture("pages/general/dates-table-struck.md");
    let s = symcal::load(&page).unwrap().schedule;
    let got: Vec<(String, String)> =
        s.deadlines.iter().map(|d| (d.title.clone(), d.due.date().to_string())).collect();
    assert_eq!(
        got,
        [
            ("Talk proposals due".to_owned(), "2026-06-15".to_owned()),
            ("Speakers notified".to_owned(), "2026-07-01".to_owned()),
            ("Early-bird tickets until".to_owned(), "2026-08-31".to_owned()),
        ]
    );
    let days = s.all_day().unwrap();
    assert_eq!(
        (days.first.to_string(), days.last.to_string()),
        ("2026-10-03".into(), "2026-10-04".into())
    );
}

#[test]
fn issue_11_days_and_deadlines_survive_import_as_json() {
    // what `symcal import` writes reads back to the same schedule, so the
    // same calendars (AoE, Pacific and all-day deadlines; the event's days)
    for page in [
        "faimi/site-tree/2026-miccai/index.md",
        "pages/edits/2-deadlines.md",
        "pages/general/summer-school-dates-only.md",
        "pages/general/dates-in-a-definition-list.html",
    ] {
        let loaded = symcal::load(&fixture(page)).unwrap().schedule;
        let text = symcal::source::json::write(&loaded);
        let back = symcal::source::json::parse(&text, "back.json".as_ref()).unwrap().schedule;
        assert_eq!(back.days, loaded.days, "{page}");
        assert_eq!(back.deadlines, loaded.deadlines, "{page}");
        let options = symcal::RenderOptions::new(symcal::default_dtstamp(&loaded));
        assert_eq!(
            symcal::deadlines_to_string(&back, &options).unwrap(),
            symcal::deadlines_to_string(&loaded, &options).unwrap(),
            "{page}"
        );
        assert_eq!(
            symcal::event_to_string(&back, &options).unwrap(),
            symcal::event_to_string(&loaded, &options).unwrap(),
            "{page}"
        );
    }
}
