//! Any text may be hostile. The importers must never panic, and nothing
//! from a page may become a property, component or header of its own.

mod util;

use std::path::Path;

use proptest::prelude::*;
use symcal::source::{Overrides, json, page};

fn corpus() -> Vec<String> {
    let dir = util::fixture("faimi/site");
    let mut pages: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    pages.sort();
    pages.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect()
}

/// Loads and, when that succeeds, renders: a panic anywhere fails the test.
fn exercise(text: &str) {
    // (a schedule the renderers' checks refuse is not rendered: the
    // fuzz target holds pages to passing them)
    if let Ok(loaded) = page::parse(text, Path::new("fuzz.md"), Overrides::default())
        && loaded.schedule.validate().is_ok()
    {
        let options = symcal::RenderOptions::new(symcal::default_dtstamp(&loaded.schedule));
        let feed = symcal::feed_to_string(&loaded.schedule, &options).unwrap();
        let s = &loaded.schedule;
        // no programme yet: the all-day event, if the page gives its days
        let events = if s.sessions.is_empty() {
            usize::from(s.all_day().is_some())
        } else {
            s.sessions.len()
        };
        assert_eq!(feed.matches("\r\nBEGIN:VEVENT\r\n").count(), events);
        let _ = symcal::event_to_string(&loaded.schedule, &options).unwrap();
        if let Some(dates) = symcal::deadlines_to_string(&loaded.schedule, &options).unwrap() {
            assert_eq!(dates.matches("\r\nBEGIN:VEVENT\r\n").count(), s.deadlines.len());
        }
        let _ = json::write(&loaded.schedule);
    }
    for d in page::parse(text, Path::new("fuzz.md"), Overrides::default())
        .err()
        .iter()
        .flat_map(|e| e.diagnostics())
    {
        let _ = d.to_string();
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        exercise(&text);
        let _ = json::parse(&text, Path::new("fuzz.json"));
    }

    #[test]
    fn mutated_corpus_pages_never_panic(
        which in 0usize..18,
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), "[|:*\\-–0-9a-zé’\n\r ]{0,4}"), 1..8),
    ) {
        let pages = corpus();
        let mut text = pages[which % pages.len()].clone();
        for (at, op, insert) in edits {
            let mut i = at.index(text.len() + 1);
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            match op % 3 {
                0 => text.insert_str(i, &insert),
                1 => {
                    let mut end = (i + usize::from(op % 7) + 1).min(text.len());
                    while !text.is_char_boundary(end) {
                        end += 1;
                    }
                    text.replace_range(i..end, "");
                }
                _ => text.insert_str(i, "\n| 1:61 | x |\n|--|\n"),
            }
        }
        exercise(&text);
    }
}

#[test]
fn a_hostile_page_adds_no_property_component_or_header() {
    let path = util::fixture("pages/hostile.md");
    let loaded = symcal::load(&path).unwrap();
    let options = symcal::RenderOptions::new(symcal::default_dtstamp(&loaded.schedule));
    let feed = symcal::feed_to_string(&loaded.schedule, &options).unwrap();
    let unfolded = feed.replace("\r\n ", "");
    assert_eq!(unfolded.lines().filter(|l| *l == "BEGIN:VEVENT").count(), 2);
    assert_eq!(unfolded.lines().filter(|l| l.starts_with("UID:")).count(), 2);
    assert!(
        !unfolded.lines().any(|l| l.starts_with("ATTENDEE") || l.starts_with("SUMMARY:injected"))
    );
    let contact = loaded.schedule.contact.as_ref();
    assert!(contact.is_none(), "a mailto with encoded line breaks is not an address: {contact:?}");
    let summary = unfolded.lines().find(|l| l.starts_with("SUMMARY:Talk")).unwrap();
    assert_eq!(summary, "SUMMARY:Talk END:VEVENT BEGIN:VEVENT UID:x SUMMARY:injected");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Registrations are typed into a web form by anyone: no CSV makes the
    /// reader panic, and no name that comes out of it can start a header.
    #[test]
    fn arbitrary_registrations_never_panic_and_names_stay_on_one_line(
        rows in proptest::collection::vec(
            (any::<String>(), "[a-zA-Z0-9.@\r\n\",<>]{0,30}", any::<String>()), 0..8)
    ) {
        let mut text = String::from("\u{feff}Timestamp,Email address,Name,How will you attend?\r\n");
        for (name, email, attend) in &rows {
            let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
            text.push_str(&format!("x,{},{},{}\r\n", quote(email), quote(name), quote(attend)));
        }
        let columns = symcal::invite::registrations::Columns::default();
        if let Ok(r) = symcal::invite::registrations::parse(&text, Path::new("r.csv"), &columns) {
            for person in &r.registrants {
                prop_assert!(!person.email.contains(['\r', '\n', '<', '>', ',', '"']));
                if let Some(name) = &person.name {
                    prop_assert!(!name.chars().any(char::is_control), "{name:?}");
                }
            }
            for d in &r.diagnostics {
                let _ = d.to_string();
            }
        }
    }
}
