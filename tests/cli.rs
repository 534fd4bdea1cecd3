//! The `symcal` binary end to end: outputs, exit codes, messages.

mod util;

use util::{assert_golden, fixture, symcal, symcal_env, tree};

const LONDON: &str = "2025-london-symposium.json";

fn build(source: &str) -> (tempfile::TempDir, Vec<(String, Vec<u8>)>) {
    build_env(source, &[])
}

fn build_env(source: &str, env: &[(&str, &str)]) -> (tempfile::TempDir, Vec<(String, Vec<u8>)>) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    symcal_env(&["build", fixture(source).to_str().unwrap(), "-o", out.to_str().unwrap()], env)
        .success();
    let files = tree(&out);
    (dir, files)
}

/// The golden files' DTSTAMP: without SOURCE_DATE_EPOCH it would be the
/// fixture's modification time, which a checkout sets.
const LONDON_STAMP: (&str, &str) = ("SOURCE_DATE_EPOCH", "1751288400"); // 2025-06-30T13:00:00Z

#[test]
fn london_build_matches_the_golden_files() {
    let (_dir, files) = build_env(LONDON, &[LONDON_STAMP]);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names.len(), 13, "{names:?}");
    assert!(
        names.contains(&"feed.ics")
            && names.contains(&"event.ics")
            && names.contains(&"index.html")
    );
    assert_eq!(names.iter().filter(|n| n.starts_with("sessions/")).count(), 10);
    for (name, bytes) in &files {
        assert_golden(&format!("london/{name}"), bytes);
    }
}

#[test]
fn two_builds_give_identical_bytes() {
    let (_a, first) = build(LONDON);
    let (_b, second) = build(LONDON);
    assert_eq!(first, second);
}

#[test]
fn source_date_epoch_sets_dtstamp() {
    let run = symcal_env(
        &["feed", fixture(LONDON).to_str().unwrap()],
        &[("SOURCE_DATE_EPOCH", "1767225600")],
    )
    .success();
    let feed = String::from_utf8(run.stdout).unwrap();
    assert_eq!(feed.matches("DTSTAMP:20260101T000000Z\r\n").count(), 10);
}

/// The time now as a DTSTAMP value (`20260101T000000Z`).
fn now_stamp() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
    let now = symcal::chrono::DateTime::from_timestamp(secs.as_secs() as i64, 0).unwrap();
    now.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The distinct DTSTAMP lines in the feed `symcal feed SOURCE ARGS` writes.
fn stamps(source: &std::path::Path, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["feed", source.to_str().unwrap()];
    args.extend_from_slice(extra);
    let feed = String::from_utf8(symcal(&args).success().stdout).unwrap();
    let mut lines: Vec<String> =
        feed.lines().filter(|l| l.starts_with("DTSTAMP:")).map(str::to_owned).collect();
    lines.dedup();
    lines
}

#[test]
fn issue_17_dtstamp_is_the_file_s_time_the_state_s_last_change_never_the_future() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("london.json");
    std::fs::copy(fixture(LONDON), &source).unwrap();
    let set_mtime = |secs: u64| {
        let file = std::fs::File::options().write(true).open(&source).unwrap();
        file.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs)).unwrap();
    };
    // the file's modification time, not the event's start (2025-06-30)
    set_mtime(1_704_067_200);
    assert_eq!(stamps(&source, &[]), ["DTSTAMP:20240101T000000Z"]);
    // a file from the future: stamped no later than now
    set_mtime(4_102_444_800); // 2100
    let now = now_stamp();
    let got = stamps(&source, &[]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0]["DTSTAMP:".len()..] <= *now.as_str(), "{got:?} after {now}");
    // with --state: the last change it records, kept while nothing changes
    set_mtime(1_704_067_200);
    let state = dir.path().join("state.json");
    let state_arg = ["--state", state.to_str().unwrap()];
    let first = stamps(&source, &state_arg);
    assert_ne!(first, ["DTSTAMP:20240101T000000Z"]);
    assert!(first[0]["DTSTAMP:".len()..] <= *now_stamp());
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(stamps(&source, &state_arg), first, "a rebuild with no change keeps its stamp");
}

#[test]
fn feed_goes_to_stdout_or_a_file_and_matches_build() {
    let (dir, files) = build(LONDON);
    let built = &files.iter().find(|(n, _)| n == "feed.ics").unwrap().1;
    let stdout = symcal(&["feed", fixture(LONDON).to_str().unwrap()]).success().stdout;
    assert_eq!(&stdout, built);
    let file = dir.path().join("feed-only.ics");
    let run = symcal(&["feed", fixture(LONDON).to_str().unwrap(), "-o", file.to_str().unwrap()])
        .success();
    assert!(run.stdout.is_empty());
    assert_eq!(&std::fs::read(&file).unwrap(), built);
}

#[test]
fn dst_sessions_golden() {
    // 2025-03-29T10:00:00Z
    let (_dir, files) = build_env("json/dst-london.json", &[("SOURCE_DATE_EPOCH", "1743242400")]);
    let feed = &files.iter().find(|(n, _)| n == "feed.ics").unwrap().1;
    assert_golden("dst-london/feed.ics", feed);
}

#[test]
fn a_time_in_the_dst_gap_fails_names_the_session_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let run = symcal(&[
        "build",
        fixture("json/dst-gap.json").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ])
    .failure();
    assert!(
        run.stderr.contains("`2025-03-30T01:30` does not exist in Europe/London"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("sessions[1].start"), "{}", run.stderr);
    assert!(!out.exists(), "an error must write no output");
}

#[test]
fn syntax_error_is_located_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        "{\n  \"title\": \"x\",\n  \"timezone\": \"Europe/London\"\n  \"sessions\": []\n}\n",
    )
    .unwrap();
    let feed = dir.path().join("feed.ics");
    let run = symcal(&["feed", bad.to_str().unwrap(), "-o", feed.to_str().unwrap()]).failure();
    insta::assert_snapshot!(run.stderr.replace(dir.path().to_str().unwrap(), "TMP"), @r#"
    error: invalid JSON schedule: expected `,` or `}`
     --> TMP/bad.json:4:3
      |
    4 |   "sessions": []
      |   ^
      = help: see docs/FORMAT.md for the schedule format

    error: `TMP/bad.json` cannot be used; nothing was written
    "#);
    assert!(!feed.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file is left behind"
    );
}

#[test]
fn check_reports_warnings_and_strict_fails_on_them() {
    let bench = fixture("json/bench-100.json");
    let run = symcal(&["check", bench.to_str().unwrap()]).success();
    assert!(run.stderr.contains("warning: the schedule has no `id` or `url`"), "{}", run.stderr);
    assert!(run.stderr.contains("100 sessions, 1 warning"), "{}", run.stderr);
    symcal(&["check", bench.to_str().unwrap(), "--strict"]).failure();
    symcal(&["check", fixture(LONDON).to_str().unwrap(), "--strict"]).success();
}

#[test]
fn a_closed_pipe_on_stdout_is_not_an_error() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_symcal"))
        .args(["feed", fixture("json/bench-100.json").to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut head = [0u8; 64];
    child.stdout.take().unwrap().read_exact(&mut head).unwrap(); // then drop: the pipe closes
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    assert!(status.success(), "{status:?}: {stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
}

#[test]
fn rebuilding_removes_sessions_that_left_the_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let stale = out.join("sessions/2020-01-01-0900-gone.ics");
    std::fs::create_dir_all(stale.parent().unwrap()).unwrap();
    std::fs::write(&stale, "old").unwrap();
    symcal(&["build", fixture(LONDON).to_str().unwrap(), "-o", out.to_str().unwrap()]).success();
    assert!(!stale.exists());
    assert_eq!(tree(&out).len(), 13, "no temporary folders are left behind");
}

#[test]
fn overrides_on_a_json_schedule_are_refused_not_ignored() {
    let run =
        symcal(&["check", fixture(LONDON).to_str().unwrap(), "--timezone", "Asia/Tokyo"]).failure();
    assert!(run.stderr.contains("apply to pages, not to a JSON schedule"), "{}", run.stderr);
}

#[test]
fn index_html_shows_hostile_text_and_runs_none_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let page = fixture("pages/hostile.md");
    symcal(&["build", page.to_str().unwrap(), "-o", out.to_str().unwrap()]).success();
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(html.contains("Evil &#60;script&#62;alert(1)&#60;/script&#62; Symposium"), "{html}");
    assert!(!html.contains("<img src=x"), "{html}");
    assert_eq!(html.matches("<script").count(), 1, "only the page's own script: {html}");
    assert!(html.contains("Content-Security-Policy"));
}

#[test]
fn base_url_makes_links_absolute_and_changes_no_uid() {
    let dir = tempfile::tempdir().unwrap();
    let page = "fixtures/faimi/site/2025-london-symposium.v6.md";
    let page = util::root().join(page);
    let build = |name: &str, extra: &[&str]| {
        let out = dir.path().join(name);
        let mut args = vec!["build", page.to_str().unwrap(), "-o", out.to_str().unwrap()];
        args.extend_from_slice(extra);
        symcal(&args).success();
        let feed = std::fs::read_to_string(out.join("feed.ics")).unwrap();
        let html = std::fs::read_to_string(out.join("index.html")).unwrap();
        let uids: Vec<String> =
            feed.lines().filter(|l| l.starts_with("UID:")).map(str::to_owned).collect();
        (feed, html, uids)
    };
    let (plain_feed, plain_html, plain_uids) = build("plain", &[]);
    let (feed, html, uids) = build("based", &["--base-url", "https://faimi.example/cal/london"]);
    assert_eq!(uids, plain_uids);
    assert!(uids.len() > 5);
    assert!(feed.contains("SOURCE;VALUE=URI:https://faimi.example/cal/london/feed.ics\r\n"));
    assert!(feed.contains("URL;VALUE=URI:https://faimi.example/cal/london/\r\n"));
    assert!(!plain_feed.contains("SOURCE"));
    assert!(html.contains("href=\"webcal://faimi.example/cal/london/feed.ics\""), "{html}");
    assert!(plain_html.contains("data-feed=\"feed.ics\""));
    let bad =
        symcal(&["build", page.to_str().unwrap(), "--base-url", "javascript:alert(1)"]).failure();
    assert!(bad.stderr.contains("is not the http(s) address of a folder"), "{}", bad.stderr);
}
