//! Long runs show a bar on a terminal, and only there: logs and pipes get
//! the same lines as without it. The terminal is a real pseudo-terminal,
//! made by util-linux's `script`.

mod util;

use std::process::Command;

/// Runs `symcal ARGS` with standard error on a pseudo-terminal and returns
/// what the terminal was sent, or `None` where `script` is missing.
fn on_a_terminal(args: &[&str], dir: &std::path::Path) -> Option<String> {
    let mut command = vec![env!("CARGO_BIN_EXE_symcal").to_owned()];
    command.extend(args.iter().map(|a| format!("'{a}'")));
    let out = Command::new("script")
        .args(["-q", "-e", "-c", &command.join(" ")])
        .arg(dir.join("typescript"))
        .env("TERM", "xterm")
        .env_remove("SOURCE_DATE_EPOCH")
        .current_dir(dir)
        .output()
        .ok()?;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn a_site_build_shows_a_bar_on_a_terminal_and_nothing_more_in_a_pipe() {
    let work = tempfile::tempdir().unwrap();
    let site = util::fixture("faimi/site-tree");
    let site = site.to_str().unwrap();
    let Some(terminal) = on_a_terminal(&["build", site, "-o", "tty-out"], work.path()) else {
        eprintln!("no `script` here: the terminal half is not run");
        return;
    };
    assert!(terminal.contains("reading pages"), "no bar on a terminal:\n{terminal}");
    assert!(terminal.contains("wrote tty-out"), "{terminal}");
    let out = work.path().join("pipe-out");
    let piped = util::symcal(&["build", site, "-o", out.to_str().unwrap()]).success();
    assert!(!piped.stderr.contains("reading pages"), "{}", piped.stderr);
    assert!(!piped.stderr.contains('\u{1b}'), "escape sequences in a pipe: {}", piped.stderr);
    // the same files either way
    assert_eq!(util::tree(&work.path().join("tty-out")), util::tree(&out));
}

#[test]
fn invitations_show_a_bar_on_a_terminal_and_the_same_lines_in_a_pipe() {
    let work = tempfile::tempdir().unwrap();
    let event = util::fixture("2025-london-symposium.json");
    let csv = util::fixture("registrations/google-forms.csv");
    let args = ["invite", event.to_str().unwrap(), "--attendees", csv.to_str().unwrap(), "-o"];
    let tty: Vec<&str> = args.iter().copied().chain(["tty-outbox"]).collect();
    let Some(terminal) = on_a_terminal(&tty, work.path()) else {
        eprintln!("no `script` here: the terminal half is not run");
        return;
    };
    assert!(terminal.contains("sending"), "no bar on a terminal:\n{terminal}");
    assert!(terminal.contains("[3/3] invitation"), "the lines stay above the bar:\n{terminal}");
    let outbox = work.path().join("pipe-outbox");
    let pipe: Vec<&str> = args.iter().copied().chain([outbox.to_str().unwrap()]).collect();
    let piped = util::symcal(&pipe).success();
    assert!(piped.stderr.contains("[3/3] invitation"), "{}", piped.stderr);
    assert!(!piped.stderr.contains("sending ["), "{}", piped.stderr);
}
