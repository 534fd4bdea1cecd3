//! A small harness: run the `symcal` binary, compare golden files.
#![allow(dead_code, unreachable_pub)] // each test file uses a different part

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub mod smtp;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture path under `fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    root().join("fixtures").join(rel)
}

/// The outcome of one run.
pub struct Run {
    pub status: std::process::ExitStatus,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

impl Run {
    pub fn success(self) -> Run {
        assert!(
            self.status.success(),
            "expected success, got {:?}\nstderr:\n{}",
            self.status,
            self.stderr
        );
        self
    }

    pub fn failure(self) -> Run {
        assert!(!self.status.success(), "expected failure\nstderr:\n{}", self.stderr);
        self
    }
}

/// Runs `symcal ARGS` with a pinned environment (no SOURCE_DATE_EPOCH
/// unless given).
pub fn symcal(args: &[&str]) -> Run {
    symcal_env(args, &[])
}

pub fn symcal_env(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_symcal"));
    cmd.args(args).env_remove("SOURCE_DATE_EPOCH").stdin(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let Output { status, stdout, stderr } = cmd.output().expect("run symcal");
    Run { status, stdout, stderr: String::from_utf8_lossy(&stderr).into_owned() }
}

/// Compares `actual` with the golden file `fixtures/expected/<rel>` byte for
/// byte. With `SYMCAL_BLESS=1` it writes the golden file instead.
pub fn assert_golden(rel: &str, actual: &[u8]) {
    let path = fixture(&format!("expected/{rel}"));
    if std::env::var_os("SYMCAL_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|e| {
        panic!("{}: {e} (run with SYMCAL_BLESS=1 to create it)", path.display())
    });
    if expected != actual {
        let (e, a) = (String::from_utf8_lossy(&expected), String::from_utf8_lossy(actual));
        let line = e.split_inclusive('\n').zip(a.split_inclusive('\n')).position(|(x, y)| x != y);
        panic!(
            "{} differs (first at line {:?})\n--- expected ---\n{e:?}\n--- actual ---\n{a:?}\n\
             run with SYMCAL_BLESS=1 to accept the new output",
            path.display(),
            line.map(|l| l + 1)
        );
    }
}

/// Every file below `dir`, as (relative path, bytes), sorted.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
                out.push((rel, std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}
