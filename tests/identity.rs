//! Calendar identities (issue 17): a UID names one event and never moves.
//!
//! Subscribers hold the UIDs the FAIMI pages were published with, so those
//! are pinned here, built every way the site is built: as a site folder,
//! each page of the folder on its own, and each flat copy on its own (the
//! London page's six revisions share one event's UIDs).

mod util;

use std::collections::BTreeSet;
use std::path::Path;

use util::{fixture, symcal};

/// The UID of every VEVENT in the calendars below `dir`.
fn uids_below(dir: &Path) -> BTreeSet<String> {
    util::tree(dir)
        .into_iter()
        .filter(|(name, _)| name.ends_with(".ics"))
        .flat_map(|(_, bytes)| {
            let text = String::from_utf8(bytes).unwrap().replace("\r\n ", "");
            text.lines()
                .filter_map(|l| l.strip_prefix("UID:"))
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The pages of the site folder, relative to it, as `symcal build` finds them.
fn tree_pages(dir: &Path) -> Vec<String> {
    let mut pages = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() && !name.starts_with('_') {
                stack.push(path);
            } else if name.ends_with(".md") && name != "README.md" {
                pages.push(path.strip_prefix(dir).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    pages.sort();
    pages
}

/// `source<TAB>uid` for every UID of every FAIMI build that succeeds.
fn faimi_uids() -> String {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = Vec::new();
    let mut record = |label: &str, out: &Path| {
        for uid in uids_below(out) {
            lines.push(format!("{label}\t{uid}"));
        }
    };
    let site = fixture("faimi/site-tree");
    let out = dir.path().join("site");
    symcal(&["build", site.to_str().unwrap(), "-o", out.to_str().unwrap()]).success();
    record("site-tree/ (a site folder)", &out);
    for page in tree_pages(&site) {
        let out = dir.path().join(format!("tree-{}", page.replace('/', "-")));
        let run =
            symcal(&["build", site.join(&page).to_str().unwrap(), "-o", out.to_str().unwrap()]);
        if run.status.success() {
            record(&format!("site-tree/{page}"), &out);
        }
    }
    let flat = fixture("faimi/site");
    let mut names: Vec<String> = std::fs::read_dir(&flat)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in names {
        let out = dir.path().join(format!("flat-{name}"));
        let run =
            symcal(&["build", flat.join(&name).to_str().unwrap(), "-o", out.to_str().unwrap()]);
        if run.status.success() {
            record(&format!("site/{name}"), &out);
        }
    }
    lines.join("\n") + "\n"
}

#[test]
fn issue_17_faimi_uids_stay_as_published() {
    let got = faimi_uids();
    util::assert_golden("faimi-uids.txt", got.as_bytes());
    // the London page's revisions are one event: one set of UIDs
    let london = |v: u32| -> Vec<&str> {
        let label = format!("site/2025-london-symposium.v{v}.md\t");
        got.lines().filter_map(|l| l.strip_prefix(label.as_str())).collect()
    };
    assert_eq!(london(1).len(), 11, "the event and its 10 sessions");
    for v in 2..=6 {
        assert_eq!(london(v), london(1), "v{v}");
    }
}
