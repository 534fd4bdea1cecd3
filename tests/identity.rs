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

/// The UIDs of the calendars `symcal build ARGS -o OUT` writes.
fn built_uids(source: &Path, extra: &[&str]) -> (tempfile::TempDir, BTreeSet<String>) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let mut args = vec!["build", source.to_str().unwrap(), "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    symcal(&args).success();
    let uids = uids_below(&out);
    (dir, uids)
}

#[test]
fn issue_17_a_site_s_address_gives_its_pages_uids_and_its_title_names_all_ics() {
    let site = fixture("sites/workshop-site");
    let (dir, uids) = built_uids(&site, &[]);
    // `url` + `baseurl` of _config.yml, joined to the page's permalink /schedule/
    assert!(uids.contains("2025-schedule@robust-learning.github.io"), "{uids:?}");
    assert!(uids.contains("2025-schedule-20250614T0900@robust-learning.github.io"), "{uids:?}");
    assert!(uids.iter().all(|u| u.ends_with("@robust-learning.github.io")), "{uids:?}");
    let all = std::fs::read_to_string(dir.path().join("out/all.ics")).unwrap();
    assert!(all.contains("X-WR-CALNAME:Workshop on Robust Learning 2025\r\n"), "{all}");
    assert!(all.contains("\r\nNAME:Workshop on Robust Learning 2025\r\n"), "{all}");
    // the FAIMI site is named after its _config.yml title, not its folder
    let (dir, _) = built_uids(&fixture("faimi/site-tree"), &[]);
    let all = std::fs::read_to_string(dir.path().join("out/all.ics")).unwrap();
    assert!(all.contains("X-WR-CALNAME:FAIMI\r\n"), "{all}");
    // a folder with no configuration keeps its folder's name
    let (dir, _) = built_uids(&fixture("sites/two-schedules"), &[]);
    let all = std::fs::read_to_string(dir.path().join("out/all.ics")).unwrap();
    assert!(all.contains("X-WR-CALNAME:two-schedules\r\n"), "{all}");
}

#[test]
fn issue_17_two_events_pages_of_one_name_do_not_share_uids() {
    let (_a, ai) = built_uids(&fixture("sites/two-schedules/ai-day/schedule.md"), &[]);
    let (_m, ml) = built_uids(&fixture("sites/two-schedules/ml-workshop/schedule.md"), &[]);
    assert_eq!(ai.len(), 3, "{ai:?}");
    assert_eq!(ml.len(), 3, "{ml:?}");
    assert!(ai.is_disjoint(&ml), "{ai:?} {ml:?}");
    assert!(ai.contains("ai-day-schedule@symcal"), "{ai:?}");
}

#[test]
fn issue_17_uid_domain_and_base_url() {
    let page = fixture("sites/two-schedules/ai-day/schedule.md");
    let (_d, uids) = built_uids(&page, &["--uid-domain", "Calendars.Lab.org"]);
    assert!(uids.contains("ai-day-schedule@calendars.lab.org"), "{uids:?}");
    // where it is served names a page with no address of its own
    let (_d, uids) = built_uids(&page, &["--base-url", "https://lab.org/cal/ai-day/"]);
    assert!(uids.contains("cal-ai-day@lab.org"), "{uids:?}");
    // --uid-domain wins over the site's host
    let (_d, uids) = built_uids(&fixture("sites/workshop-site"), &["--uid-domain", "lab.org"]);
    assert!(uids.contains("2025-schedule@lab.org"), "{uids:?}");
    let run = symcal(&["build", page.to_str().unwrap(), "--uid-domain", "lab org"]).failure();
    assert!(run.stderr.contains("`--uid-domain lab org` is not a domain"), "{}", run.stderr);
}
