//! The README is followed by people who know nothing else: every file it
//! names is in the repository, and every `symcal` example that reads only
//! bundled files runs and succeeds.

mod util;

use std::path::Path;
use std::process::{Command, Stdio};

fn readme() -> String {
    std::fs::read_to_string(util::root().join("README.md")).expect("README.md")
}

/// The lines of the README's `sh` blocks, a `\` continuation joined and a
/// trailing `# comment` removed.
fn shell_lines(readme: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut in_block = false;
    let mut pending = String::new();
    for line in readme.lines() {
        if line.starts_with("```") {
            in_block = line == "```sh";
            continue;
        }
        if !in_block {
            continue;
        }
        let line = line.split(" # ").next().unwrap_or_default().trim_end();
        if let Some(head) = line.strip_suffix('\\') {
            pending.push_str(head);
            continue;
        }
        pending.push_str(line);
        lines.push(std::mem::take(&mut pending).trim().to_owned());
    }
    lines
}

#[test]
fn every_fixture_the_readme_names_exists() {
    let text = readme();
    let mut named = 0;
    for word in text.split(|c: char| c.is_whitespace() || "`()[],".contains(c)) {
        if let Some(start) = word.find("fixtures/") {
            let path = word[start..].trim_end_matches(['.', ':', ';']);
            // `v1.md` … `v6.md` and globs are families, not files
            if path.contains(['*', '…']) {
                continue;
            }
            let path = path.split(':').next().unwrap_or(path);
            assert!(util::root().join(path).exists(), "README names {path}, which is not there");
            named += 1;
        }
    }
    assert!(named >= 5, "the README's examples should read bundled files ({named} found)");
    assert!(text.contains("cargo install --path ."), "the README says how to get symcal");
    assert!(
        !text.contains("symcal check ../shared") && !text.contains("symcal build ../shared"),
        "an example reads ../shared, which a fresh clone does not have"
    );
}

#[test]
fn every_example_on_bundled_files_runs() {
    let text = readme();
    let work = tempfile::tempdir().unwrap();
    let mut ran = 0;
    for line in shell_lines(&text) {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.first() != Some(&"symcal") || words.len() < 3 {
            continue;
        }
        // only examples whose source is bundled: `page.md` is a stand-in
        if !words[2].starts_with("fixtures/") {
            continue;
        }
        let args: Vec<String> = words[1..]
            .iter()
            .map(|w| match w.strip_prefix("fixtures/") {
                Some(_) => util::root().join(w).display().to_string(),
                None => (*w).to_owned(),
            })
            .collect();
        let out = Command::new(env!("CARGO_BIN_EXE_symcal"))
            .args(&args)
            .current_dir(work.path())
            .env_remove("SOURCE_DATE_EPOCH")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "README example `{line}` failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        ran += 1;
    }
    assert!(ran >= 3, "the README's try-it examples were not found ({ran} ran)");
    assert!(Path::new(&work.path().join("site-out/all.ics")).exists());
}
