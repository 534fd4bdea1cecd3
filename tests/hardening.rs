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
    assert!(run.stderr.contains(": 1 session, "), "{}", run.stderr);
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

fn registrants(dir: &std::path::Path, n: usize) -> std::path::PathBuf {
    let mut csv = String::from("Email Address,Name\n");
    for i in 0..n {
        csv.push_str(&format!("p{i}@example.org,Person {i}\n"));
    }
    let path = dir.join("r.csv");
    std::fs::write(&path, csv).unwrap();
    path
}

fn invite_cmd(csv: &std::path::Path, state: &std::path::Path, url: &str) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_symcal"));
    cmd.args(["invite", fixture("json/online-utc.json").to_str().unwrap(), "--attendees"])
        .arg(csv)
        .args(["--send", url, "--state"])
        .arg(state)
        .env("SOURCE_DATE_EPOCH", "1750000000")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    cmd
}

#[test]
fn issue_10_a_state_in_use_is_refused_with_the_pid_holding_it() {
    let server = util::smtp::SmtpServer::start();
    let dir = tempfile::tempdir().unwrap();
    let csv = registrants(dir.path(), 3);
    let state = dir.path().join("invites.json");
    let held = symcal::invite::lock::StateLock::acquire(&state).unwrap();
    let out = invite_cmd(&csv, &state, &server.url()).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains(&format!("is in use by PID {}", std::process::id())), "{stderr}");
    assert!(server.messages().is_empty(), "nothing sent while another run holds the state");
    drop(held);
    let out = invite_cmd(&csv, &state, &server.url()).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(server.messages().len(), 3);
}

#[test]
fn issue_10_two_concurrent_runs_and_a_rerun_deliver_every_message_exactly_once() {
    let server = util::smtp::SmtpServer::start();
    let dir = tempfile::tempdir().unwrap();
    let csv = registrants(dir.path(), 40);
    let state = dir.path().join("invites.json");
    let a = invite_cmd(&csv, &state, &server.url()).spawn().unwrap();
    let b = invite_cmd(&csv, &state, &server.url()).spawn().unwrap();
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    let ok = [&a, &b].iter().filter(|o| o.status.success()).count();
    assert!(ok >= 1);
    for o in [&a, &b] {
        if !o.status.success() {
            let stderr = String::from_utf8_lossy(&o.stderr);
            assert!(stderr.contains("is in use by"), "{stderr}");
        }
    }
    let again = invite_cmd(&csv, &state, &server.url()).output().unwrap();
    assert!(again.status.success());
    let mut to: Vec<String> = server.messages().iter().flat_map(|m| m.to.clone()).collect();
    assert_eq!(to.len(), 40, "40 registrants, 40 messages");
    to.sort();
    to.dedup();
    assert_eq!(to.len(), 40, "nobody twice");
}

/// A journal line as a run killed at that step leaves it.
fn journal_line(step: &str, address: &str) -> String {
    format!(
        r#"{{"step":"{step}","uid":"2025-online@symcal","delivery":{{"address":"{address}","sequence":0,"method":"REQUEST"}}}}"#
    )
}

#[test]
fn issue_10_a_run_killed_between_send_and_record_neither_resends_nor_forgets() {
    let server = util::smtp::SmtpServer::start();
    let dir = tempfile::tempdir().unwrap();
    let csv = registrants(dir.path(), 3);
    let state = dir.path().join("invites.json");
    // a first run (to someone else) tracks the event; then a run that was
    // killed: p0 recorded as sent in its journal, p1 sent but not recorded,
    // p2 never started
    let other = dir.path().join("other.csv");
    std::fs::write(&other, "Email Address,Name\nzed@example.org,Zed\n").unwrap();
    assert!(invite_cmd(&other, &state, &server.url()).output().unwrap().status.success());
    let journal = dir.path().join("invites.json.journal");
    std::fs::write(
        &journal,
        [
            journal_line("sending", "p0@example.org"),
            journal_line("sent", "p0@example.org"),
            journal_line("sending", "p1@example.org"),
        ]
        .join("\n"),
    )
    .unwrap();
    let run = invite_cmd(&csv, &state, &server.url()).output().unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(stderr.contains("1 deliveries recorded from its journal, 1 uncertain"), "{stderr}");
    assert!(
        stderr.contains("p1@example.org may or may not have received 2025-online@symcal"),
        "{stderr}"
    );
    let to: Vec<String> = server.messages().iter().flat_map(|m| m.to.clone()).collect();
    assert_eq!(to, ["zed@example.org", "p2@example.org"], "only the one never started is sent");
    assert!(!journal.exists(), "the journal is folded into the state");
    // asked to, the uncertain one goes again
    let run = invite_cmd(&csv, &state, &server.url()).arg("--resend-uncertain").output().unwrap();
    assert!(run.status.success());
    let to: Vec<String> = server.messages().iter().flat_map(|m| m.to.clone()).collect();
    assert_eq!(to, ["zed@example.org", "p2@example.org", "p1@example.org"]);
    let again = invite_cmd(&csv, &state, &server.url()).output().unwrap();
    assert!(!String::from_utf8_lossy(&again.stderr).contains("may or may not"));
    assert_eq!(server.messages().len(), 3);
}

#[test]
fn issue_10_leftover_temporary_files_go_and_outputs_are_readable_by_others() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(out.join(".symcal-abc123")).unwrap();
    std::fs::write(out.join(".symcal-abc123/big.ics"), "x".repeat(10_000)).unwrap();
    std::fs::write(out.join(".sessions.tmp-4242"), "old").unwrap();
    symcal(&[
        "build",
        fixture("json/online-utc.json").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ])
    .success();
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(names.iter().all(|n| !n.starts_with('.')), "{names:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(out.join("feed.ics")).unwrap().permissions().mode();
        assert_eq!(mode & 0o044, 0o044, "a web server must be able to read it: {mode:o}");
    }
}

#[test]
fn issue_10_another_events_state_cancels_nothing_without_the_word() {
    let dir = tempfile::tempdir().unwrap();
    let csv = registrants(dir.path(), 2);
    let state = dir.path().join("invites.json");
    let outbox = dir.path().join("outbox");
    let run = |source: &str, extra: &[&str]| {
        let mut args = vec!["invite", source, "--attendees", csv.to_str().unwrap()];
        args.extend_from_slice(&[
            "-o",
            outbox.to_str().unwrap(),
            "--state",
            state.to_str().unwrap(),
        ]);
        args.extend_from_slice(extra);
        util::symcal_env(&args, &[("SOURCE_DATE_EPOCH", "1750000000")])
    };
    let london = fixture("2025-london-symposium.json");
    let online = fixture("json/online-utc.json");
    run(london.to_str().unwrap(), &[]).success();
    let count = || {
        std::fs::read_dir(&outbox)
            .unwrap()
            .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "eml"))
            .count()
    };
    assert_eq!(count(), 2);
    let refused = run(online.to_str().unwrap(), &[]).failure();
    assert!(
        refused.stderr.contains("`2025-london-symposium@symcal` (sent to 2)"),
        "{}",
        refused.stderr
    );
    assert!(refused.stderr.contains("--cancel-missing"));
    assert_eq!(count(), 2, "no cancellation sent to London's invitees");
    let replaced = run(online.to_str().unwrap(), &["--cancel-missing"]).success();
    assert_eq!(count(), 6, "2 cancellations, then 2 invitations");
    let order: Vec<&str> = replaced.stderr.lines().filter(|l| l.starts_with('[')).collect();
    assert!(order[0].contains("cancellation") && order[3].contains("invitation"), "{order:?}");
}

#[test]
fn issue_10_coordinates_are_shown_as_numbers_not_debug_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("geo.json");
    std::fs::write(
        &path,
        r#"{"id": "e", "title": "E", "timezone": "UTC", "venue": {"name": "Hall", "lat": 91.0},
            "sessions": [{"title": "T", "start": "2025-09-23T14:00"}]}"#,
    )
    .unwrap();
    let run = symcal(&["check", path.to_str().unwrap()]).failure();
    assert!(run.stderr.contains("venue coordinates `lat` 91, no `lon`"), "{}", run.stderr);
    assert!(!run.stderr.contains("Some("), "{}", run.stderr);
}
