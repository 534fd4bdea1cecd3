//! Regressions for issue 18 (hardening, round two: resources): the input
//! caps, and inputs that made the reader allocate far more than their
//! size. Memory is bounded with `ulimit -v` on the child, so a regression
//! aborts on allocation instead of filling the machine; nothing is timed.

mod util;

use std::path::Path;
use std::process::Command;

use util::{fixture, symcal, symcal_env};

/// Runs `symcal ARGS` with its address space limited to `kib` KiB.
#[cfg(unix)]
fn symcal_within(kib: u64, args: &[&str]) -> util::Run {
    let out = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v \"$0\" && exec \"$@\"")
        .arg(kib.to_string())
        .arg(env!("CARGO_BIN_EXE_symcal"))
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("SYMCAL_MAX_INPUT")
        .output()
        .expect("run sh");
    util::Run {
        status: out.status,
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The run ended by itself (an exit code), not by a signal (an abort on a
/// failed allocation).
fn exited(run: &util::Run) {
    assert!(run.status.code().is_some(), "killed: {:?}\n{}", run.status, run.stderr);
    assert!(!run.stderr.contains("memory allocation"), "{}", run.stderr);
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn issue_18_a_json_schedule_over_64_mib_reads() {
    // the 100,000-session benchmark schedule is 89 MB; whitespace stands in
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.json");
    let mut bytes = std::fs::read(fixture("json/online-utc.json")).unwrap();
    bytes.resize(bytes.len() + 65 * 1024 * 1024, b' ');
    std::fs::write(&path, bytes).unwrap();
    let run = symcal(&["check", s(&path)]).success();
    assert!(run.stderr.contains(": 1 session, "), "{}", run.stderr);
}

#[test]
fn issue_18_symcal_max_input_sets_the_cap_and_the_message_says_how() {
    let json = fixture("json/online-utc.json");
    let run = symcal_env(&["check", s(&json)], &[("SYMCAL_MAX_INPUT", "100")]).failure();
    assert!(run.stderr.contains("is larger than 100 bytes"), "{}", run.stderr);
    assert!(run.stderr.contains("SYMCAL_MAX_INPUT=1MiB"), "{}", run.stderr);
    symcal_env(&["check", s(&json)], &[("SYMCAL_MAX_INPUT", "1MiB")]).success();
    let run = symcal_env(&["check", s(&json)], &[("SYMCAL_MAX_INPUT", "lots")]).failure();
    assert!(run.stderr.contains("SYMCAL_MAX_INPUT is `lots`, not a size"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn issue_18_the_site_walker_refuses_a_6_gb_page_without_reading_it() {
    let site = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("pages/hostile.md"), site.path().join("index.md")).unwrap();
    // sparse: no disk used
    let huge = std::fs::File::create(site.path().join("huge.md")).unwrap();
    huge.set_len(6_000_000_000).unwrap();
    let out = site.path().join("_site");
    let run = symcal_within(2_000_000, &["build", s(site.path()), "-o", s(&out)]);
    exited(&run);
    assert!(run.stderr.contains("huge.md` is larger than 64 MiB"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn issue_18_billion_laughs_in_front_matter_are_refused_at_the_alias() {
    let mut page = String::from(
        "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (prev, name) in ('a'..='i').zip('b'..='j') {
        let refs = vec![format!("*{prev}"); 9].join(",");
        page.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    page.push_str("title: Conf\n---\n# Conf\n");
    assert!(page.len() < 600);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("laughs.md");
    std::fs::write(&path, &page).unwrap();
    let run = symcal_within(2_000_000, &["check", s(&path)]);
    exited(&run);
    assert!(run.stderr.contains("YAML aliases would copy more than"), "{}", run.stderr);
    // the line of the alias that went over, not the whole file
    assert!(run.stderr.contains("laughs.md:"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn issue_18_nul_bytes_in_an_html_page_are_read_within_a_few_times_their_size() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nul.html");
    let mut page = b"<html><body><h1>Conf</h1><p>".to_vec();
    page.resize(page.len() + 8_000_000, 0);
    page.extend(b"</p></body></html>");
    std::fs::write(&path, page).unwrap();
    // one queued tokenizer error per NUL took 1.3 GB for these 8 MB
    let run = symcal_within(1_000_000, &["check", s(&path)]);
    exited(&run);
}

#[test]
fn issue_18_an_unknown_json_field_of_4_mb_prints_a_screenful_that_cannot_act_on_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("field.json");
    // JSON escapes: the parsed name holds ESC and BEL
    let field =
        format!(r"{}\u001b[2J\u001b]0;pwned\u0007{}", "x".repeat(100), "y".repeat(4_400_000));
    let json = format!(
        r#"{{"id": "e", "title": "E", "timezone": "UTC", "sessions": [{{"id": "a", "title": "T", "start": "2025-09-23T14:00", "{field}": 1}}]}}"#
    );
    std::fs::write(&path, json).unwrap();
    let run = symcal(&["check", s(&path)]).failure();
    assert!(run.stderr.len() < 4000, "{} bytes of stderr", run.stderr.len());
    assert!(run.stderr.contains("unknown field `xxx"), "{}", run.stderr);
    assert!(!run.stderr.contains(['\u{1b}', '\u{7}']), "{}", run.stderr);
}
