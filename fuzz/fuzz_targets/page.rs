//! Any bytes, read as a Markdown page and as an HTML page, then rendered:
//! must never panic, and every session must become one VEVENT (a page with
//! no programme yet but with the event's days gives that one event; one
//! with no event is not written, `Schedule::has_event`).
//!
//! cargo install cargo-fuzz
//! RUSTC_BOOTSTRAP=1 cargo fuzz run page -- -max_total_time=300
#![no_main]

use libfuzzer_sys::fuzz_target;
use symcal::source::{Overrides, page};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let read = [
        page::parse(&text, "fuzz.md".as_ref(), Overrides::default()),
        page::parse_html(&text, "fuzz.html".as_ref(), Overrides::default()),
    ];
    for loaded in read.into_iter().flatten() {
        let schedule = &loaded.schedule;
        let options = symcal::RenderOptions::new(symcal::default_dtstamp(schedule));
        let feed = symcal::feed_to_string(schedule, &options);
        let events = match schedule.sessions.len() {
            0 => usize::from(schedule.has_event()),
            n => n,
        };
        assert_eq!(feed.matches("\r\nBEGIN:VEVENT\r\n").count(), events);
        let _ = symcal::event_to_string(schedule, &options);
        let _ = symcal::source::json::write(schedule);
    }
});
