//! The `symcal` binary end to end: outputs, exit codes, messages.

mod util;

use util::{assert_golden, fixture, symcal, symcal_env, tree};

const LONDON: &str = "2025-london-symposium.json";

fn build(source: &str) -> (tempfile::TempDir, Vec<(String, Vec<u8>)>) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    symcal(&["build", fixture(source).to_str().unwrap(), "-o", out.to_str().unwrap()]).success();
    let files = tree(&out);
    (dir, files)
}

#[test]
fn london_build_matches_the_golden_files() {
    let (_dir, files) = build(LONDON);
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
    let (_dir, files) = build("json/dst-london.json");
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
