//! The programs in `examples/` are built by `cargo test`; this runs them,
//! so they cannot rot.

mod util;

use std::process::Command;

/// Runs example `name` with `args` from the repository root; its stdout.
fn run_example(name: &str, args: &[&str]) -> String {
    let exe = std::env::current_exe().unwrap();
    let examples = exe.parent().unwrap().parent().unwrap().join("examples");
    let program = examples.join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    if !program.exists() {
        // `cargo test` builds examples, but `cargo test --test examples` does
        // not: build it, in the profile this test runs in
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let mut build = Command::new(cargo);
        build.args(["build", "--example", name]);
        if examples.parent().is_some_and(|p| p.ends_with("release")) {
            build.arg("--release");
        }
        assert!(build.status().unwrap().success());
    }
    let out = Command::new(&program)
        .args(args)
        .current_dir(util::root())
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", program.display()));
    assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn feed_figures_reports_the_london_fixture() {
    let fixture = util::fixture("2025-london-symposium.json");
    let text = run_example("feed_figures", &[fixture.to_str().unwrap(), "1"]);
    assert!(text.contains("sessions: 10\n"), "{text}");
    let feed = std::fs::read(util::fixture("expected/london/feed.ics")).unwrap();
    assert!(text.contains(&format!("feed bytes: {}\n", feed.len())), "{text}");
}

#[test]
fn page_figures_reads_its_generated_pages() {
    let text = run_example("page_figures", &["20000", "1"]);
    // 40 rows a day: every row of every generated day is read, in both forms
    for kind in ["markdown", "html"] {
        let sessions: usize = text
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{kind} sessions: ")))
            .unwrap()
            .parse()
            .unwrap();
        assert!(sessions > 0 && sessions.is_multiple_of(40), "{text}");
    }
}

#[test]
fn issue_12_the_library_examples_run() {
    let feed = run_example("schedule_in_code", &[]);
    assert!(feed.starts_with("BEGIN:VCALENDAR\r\n") && feed.ends_with("END:VCALENDAR\r\n"));
    assert_eq!(feed.matches("BEGIN:VEVENT").count(), 3);
    assert!(feed.contains("DTSTART;TZID=Europe/Lisbon:20270514T093000\r\n"));

    let listed = run_example("page_instants", &["fixtures/faimi/site/2025-london-symposium.v6.md"]);
    // 14:00 BST is 13:00 UTC
    assert!(listed.contains("2025-06-30 13:00Z  -  Opening remarks\n"), "{listed}");
    assert_eq!(listed.lines().filter(|l| l.starts_with("2025-06-30")).count(), 10);

    let both = run_example("session_and_invitation", &["fixtures/2025-london-symposium.json"]);
    assert!(both.contains("UID:2025-london-symposium-20250630T1400@symcal\r\n"));
    assert!(both.contains("METHOD:REQUEST\r\n"));
    assert!(both.contains("ATTENDEE;CN=Ada Lovelace;"));
}

#[test]
fn scaling_figures_reads_each_shape_at_two_sizes() {
    let text = run_example("scaling_figures", &["200", "1"]);
    assert_eq!(text.lines().filter(|l| l.contains(", ratio ")).count(), 6, "{text}");
}
