//! Regressions for issue 10 (hardening): inputs that are too large, marked
//! with a byte-order mark or full of errors, OS errors, and site pages whose
//! names try to leave the output folder.

mod util;

use util::{fixture, symcal};

#[test]
fn issue_10_an_os_error_is_printed_once_with_one_prefix() {
    let run = symcal(&["build", "/nonexistent/schedule.json", "-o", "/tmp/never"]).failure();
    assert_eq!(run.stderr.matches("No such file or directory").count(), 1, "{}", run.stderr);
    assert!(!run.stderr.contains("error: error:"), "{}", run.stderr);
}

#[test]
fn issue_10_a_json_schedule_with_a_byte_order_mark_reads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bom.json");
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(std::fs::read(fixture("json/online-utc.json")).unwrap());
    std::fs::write(&path, bytes).unwrap();
    let run = symcal(&["check", path.to_str().unwrap()]).success();
    assert!(run.stderr.contains("1 sessions"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn issue_10_an_endless_input_is_refused_at_64_mib() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zero.md");
    std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
    let out = dir.path().join("out");
    let run = symcal(&["build", path.to_str().unwrap(), "-o", out.to_str().unwrap()]).failure();
    assert!(run.stderr.contains("is larger than 64 MiB"), "{}", run.stderr);
    assert!(!out.exists());
}

#[test]
fn issue_10_a_million_errors_print_a_hundred_and_a_count() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dups.json");
    let sessions: Vec<String> = (0..1000)
        .map(|i| format!(r#"{{"id": "same", "title": "T{i}", "start": "2025-09-23T14:00"}}"#))
        .collect();
    let json = format!(
        r#"{{"id": "e", "title": "E", "timezone": "UTC", "sessions": [{}]}}"#,
        sessions.join(",")
    );
    std::fs::write(&path, json).unwrap();
    let run = symcal(&["check", path.to_str().unwrap()]).failure();
    // 1,000 sessions with one id: 100 shown, the rest counted
    assert!(run.stderr.contains("… and 900 more"), "{}", &run.stderr[run.stderr.len() - 300..]);
    assert_eq!(run.stderr.matches("is used twice").count(), 100);
    assert!(run.stderr.len() < 100_000, "{} bytes of errors", run.stderr.len());
}

#[test]
fn issue_10_site_pages_cannot_name_a_folder_outside_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir(&site).unwrap();
    let page = std::fs::read_to_string(fixture("pages/general/bullets-and-headings.md")).unwrap();
    // a file stem of `..`, and a permalink that climbs
    std::fs::write(site.join("...md"), &page).unwrap();
    std::fs::write(site.join("climb.md"), format!("---\npermalink: /../../x/\n---\n{page}"))
        .unwrap();
    let parent = dir.path().join("p");
    let out = parent.join("out");
    symcal(&["build", site.to_str().unwrap(), "-o", out.to_str().unwrap()]).success();
    let outside: Vec<_> =
        std::fs::read_dir(&parent).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(outside, ["out"], "nothing written beside the output folder");
    assert!(out.join("x/feed.ics").is_file());
    assert!(!dir.path().join("x").exists() && !dir.path().join("feed.ics").exists());
}
