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

/// A page of the site fixture, with `front` as its front matter.
fn site_page(front: &str) -> String {
    let page = std::fs::read_to_string(fixture("pages/general/bullets-and-headings.md")).unwrap();
    if front.is_empty() { page } else { format!("---\n{front}\n---\n{page}") }
}

fn symcal_in(cwd: &std::path::Path, args: &[&str]) -> util::Run {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_symcal"))
        .args(args)
        .current_dir(cwd)
        .env("SOURCE_DATE_EPOCH", "1750000000")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    util::Run {
        status: out.status,
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn issue_18_a_site_built_into_itself_does_not_read_its_output_back() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir(&site).unwrap();
    std::fs::write(site.join("meetup.md"), site_page("")).unwrap();
    let source = site.to_str().unwrap();
    let outside = dir.path().join("outside");
    symcal_in(dir.path(), &["build", source, "-o", outside.to_str().unwrap()]).success();
    let expected = std::fs::read(outside.join("all.ics")).unwrap();
    // `cd site && symcal build .`, twice
    symcal_in(&site, &["build", "."]).success();
    let first = util::tree(&site.join("out"));
    symcal_in(&site, &["build", "."]).success();
    assert_eq!(util::tree(&site.join("out")), first, "the second build read the first's output");
    assert!(!site.join("out/out").exists());
    // `-o` inside the site, named another way
    std::fs::create_dir(site.join("sub")).unwrap();
    for _ in 0..2 {
        symcal_in(&site, &["build", source, "-o", "./sub/../out"]).success();
    }
    assert_eq!(std::fs::read(site.join("out/all.ics")).unwrap(), expected);
    // the site inside its own output folder is refused
    let refused = symcal_in(&site, &["build", ".", "-o", "."]).failure();
    assert!(refused.stderr.contains("would read its own output"), "{}", refused.stderr);
}

#[test]
fn issue_18_a_page_inside_another_pages_sessions_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir(&site).unwrap();
    std::fs::write(site.join("parent.md"), site_page("permalink: /parent/")).unwrap();
    std::fs::write(site.join("child.md"), site_page("permalink: /parent/sessions/")).unwrap();
    let out = dir.path().join("out");
    let run = symcal(&["build", site.to_str().unwrap(), "-o", out.to_str().unwrap()]).failure();
    assert!(
        run.stderr.contains(
            "child.md` would write to `parent/sessions/`, inside the `sessions/` folder of"
        ) && run.stderr.contains("parent.md"),
        "{}",
        run.stderr
    );
    assert!(!out.exists(), "nothing written");
}

#[test]
fn issue_18_concurrent_builds_into_one_folder_each_leave_a_whole_tree() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let london = fixture("2025-london-symposium.json");
    let build = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_symcal"))
            .args(["build", london.to_str().unwrap(), "-o", out.to_str().unwrap()])
            .env("SOURCE_DATE_EPOCH", "1751288400")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let alone = symcal(&["build", london.to_str().unwrap(), "-o", out.to_str().unwrap()]).success();
    drop(alone);
    let sessions = std::fs::read_dir(out.join("sessions")).unwrap().count();
    for round in 0..8 {
        let runs: Vec<_> = (0..3).map(|_| build()).collect();
        for run in runs {
            let output = run.wait_with_output().unwrap();
            assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        }
        let now = std::fs::read_dir(out.join("sessions")).map(|d| d.count()).unwrap_or(0);
        assert_eq!(now, sessions, "round {round}: sessions/ incomplete");
        let hidden: Vec<_> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(hidden.is_empty(), "round {round}: left behind {hidden:?}");
    }
}

#[cfg(unix)]
#[test]
fn issue_18_a_link_out_of_the_site_is_not_published() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir(&site).unwrap();
    std::fs::write(site.join("public.md"), site_page("")).unwrap();
    let private = dir.path().join("private.md");
    std::fs::write(&private, site_page("").replace("Rust Meetup", "Private board meeting"))
        .unwrap();
    std::os::unix::fs::symlink(&private, site.join("board.md")).unwrap();
    // a link that stays inside the site is still a page
    std::fs::create_dir(site.join("_includes")).unwrap();
    std::fs::write(site.join("_includes/real.md"), site_page("")).unwrap();
    std::os::unix::fs::symlink(site.join("_includes/real.md"), site.join("alias.md")).unwrap();
    let out = dir.path().join("out");
    let run = symcal(&["build", site.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let run = run.success();
    assert!(
        run.stderr.contains("warning: skipped")
            && run.stderr.contains("board.md: a symbolic link to"),
        "{}",
        run.stderr
    );
    let all = std::fs::read_to_string(out.join("all.ics")).unwrap();
    assert!(!all.contains("Private board meeting"), "{all}");
    assert!(!out.join("board").exists());
    assert!(out.join("alias/feed.ics").is_file(), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn issue_18_an_unreadable_page_is_skipped_with_a_warning() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir(&site).unwrap();
    std::fs::write(site.join("public.md"), site_page("")).unwrap();
    let locked = site.join("locked.md");
    std::fs::write(&locked, site_page("")).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        // running as root: permissions do not stop a read; the library's
        // unit test covers this through its seam
        return;
    }
    let out = dir.path().join("out");
    let run = symcal(&["build", site.to_str().unwrap(), "-o", out.to_str().unwrap()]).success();
    assert!(
        run.stderr.contains("warning: skipped") && run.stderr.contains("locked.md"),
        "{}",
        run.stderr
    );
    assert!(out.join("public/feed.ics").is_file());
    // a single page that cannot be read is still an error
    symcal(&["build", locked.to_str().unwrap(), "-o", out.to_str().unwrap()]).failure();
}

/// `ulimit -f` makes a write past the limit fail (with SIGXFSZ ignored) as
/// a full disk does.
#[cfg(target_os = "linux")]
#[test]
fn issue_18_a_write_that_fails_leaves_the_old_tree_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let online = fixture("json/online-utc.json");
    symcal(&["build", online.to_str().unwrap(), "-o", out.to_str().unwrap()]).success();
    let before = util::tree(&out);
    let london = fixture("2025-london-symposium.json");
    let script = format!(
        "trap '' XFSZ; ulimit -f 8; exec '{}' build '{}' -o '{}'",
        env!("CARGO_BIN_EXE_symcal"),
        london.display(),
        out.display()
    );
    let run = std::process::Command::new("sh")
        .args(["-c", &script])
        .env_remove("SOURCE_DATE_EPOCH")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(!run.status.success(), "{stderr}");
    assert!(stderr.contains("File too large"), "{stderr}");
    assert_eq!(util::tree(&out), before, "the old tree is as it was, with nothing beside it");
}

#[test]
fn issue_18_years_calendars_cannot_hold_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let run = symcal(&["check", fixture("json/year-zero.json").to_str().unwrap()]).failure();
    assert!(
        run.stderr.contains("the year of `0000-06-30T14:00` is outside 1–9999"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("sessions[0].start"), "{}", run.stderr);
    let far = fixture("json/deadline-year-10000.json");
    let run = symcal(&["build", far.to_str().unwrap(), "-o", out.to_str().unwrap()]).failure();
    assert!(
        run.stderr.contains("`9999-12-31T23:59` in Etc/GMT+12 is 10000-01-01T11:59Z in UTC"),
        "{}",
        run.stderr
    );
    assert!(!out.exists(), "nothing written");
    let london = fixture("2025-london-symposium.json");
    let run = util::symcal_env(
        &["build", london.to_str().unwrap(), "-o", out.to_str().unwrap()],
        &[("SOURCE_DATE_EPOCH", "253402300800")],
    )
    .failure();
    assert!(
        run.stderr.contains("SOURCE_DATE_EPOCH `253402300800` is out of range"),
        "{}",
        run.stderr
    );
    assert!(!out.exists(), "nothing written");
}

#[test]
fn issue_18_page_deadlines_go_through_the_same_checks_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let page = fixture("pages/general/deadline-gap-and-31-february.md");
    let run = symcal(&["build", page.to_str().unwrap(), "-o", out.to_str().unwrap()]).success();
    // an impossible date is said, with its place, not dropped in silence
    assert!(
        run.stderr.contains("`Abstract deadline`: 31 February 2026 is not a date")
            && run.stderr.contains("deadline-gap-and-31-february.md:10:3"),
        "{}",
        run.stderr
    );
    // a time in the spring-forward gap is said, with the time it becomes
    assert!(
        run.stderr.contains(
            "02:30 on 8 March 2026 does not exist in America/New_York, the clocks go forward over it: written as 03:30 on 8 March 2026"
        ),
        "{}",
        run.stderr
    );
    let deadlines = std::fs::read_to_string(out.join("deadlines.ics")).unwrap();
    assert!(deadlines.contains("DTSTART;TZID=America/New_York:20260308T033000"), "{deadlines}");
}

#[test]
fn issue_18_a_page_in_a_declared_legacy_charset_is_decoded() {
    let page = fixture("pages/general/latin-1.html");
    let run = symcal(&["feed", page.to_str().unwrap()]).success();
    let feed = String::from_utf8(run.stdout).unwrap();
    assert!(feed.contains("SUMMARY:Accueil et café\r\n"), "{feed}");
    assert!(feed.contains("SUMMARY:Présentation des résultats\r\n"), "{feed}");
    assert!(!feed.contains('\u{fffd}'));
    // `<meta charset=windows-1252>`, with a typographic apostrophe (0x92)
    let dir = tempfile::tempdir().unwrap();
    let cp1252 = dir.path().join("cp1252.html");
    // the fixture is Latin-1: each byte is the character of that number
    let text: String = std::fs::read(&page).unwrap().iter().map(|&b| char::from(b)).collect();
    let text = text
        .replace(
            r#"<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">"#,
            "<meta charset=windows-1252>",
        )
        .replace("Accueil et café", "Accueil et café l\u{2019}après-midi");
    let encoded = windows_1252(&text);
    std::fs::write(&cp1252, encoded).unwrap();
    let run = symcal(&["feed", cp1252.to_str().unwrap()]).success();
    let feed = String::from_utf8(run.stdout).unwrap();
    assert!(feed.contains("SUMMARY:Accueil et café l’après-midi\r\n"), "{feed}");
    // bytes that are not UTF-8 under no declaration are said, with their place
    let stray = dir.path().join("stray.md");
    let mut md = std::fs::read(fixture("pages/general/bullets-and-headings.md")).unwrap();
    md.extend_from_slice(b"\nCaf\xe9\n");
    std::fs::write(&stray, md).unwrap();
    let run = symcal(&["check", stray.to_str().unwrap()]).success();
    assert!(run.stderr.contains("is not UTF-8 and declares no other charset"), "{}", run.stderr);
    assert!(run.stderr.contains("stray.md:12:4"), "{}", run.stderr);
}

/// Windows-1252 bytes of `text` (only the letters the test uses).
fn windows_1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '\u{2019}' => 0x92,
            c if (c as u32) < 0x100 => c as u32 as u8,
            c => panic!("{c} is not in the test's windows-1252"),
        })
        .collect()
}
