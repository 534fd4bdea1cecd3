//! Any bytes, read as a Markdown page and as an HTML page, then rendered.
//! For each reading:
//!
//! - nothing panics;
//! - an error has at least one error diagnostic, and every error diagnostic
//!   says where (a location in the page);
//! - a schedule passes symcal's own `Schedule::validate` (warnings allowed);
//! - its feed and its single-event calendar are content lines only: every
//!   line ends with CRLF (no bare CR or LF from the page's text), is at
//!   most 75 octets, and `BEGIN:`/`END:` balance; the feed has one VEVENT
//!   per session (a page with no programme yet but with the event's days
//!   gives that one event; one with no event is not written,
//!   `Schedule::has_event`), the event calendar at most one — so no text
//!   of the page can start a VEVENT of its own;
//! - reading and rendering are deterministic: a second reading gives the
//!   same feed, event calendar and JSON, byte for byte, or the same error.
//!
//! cargo install cargo-fuzz
//! cargo +nightly fuzz run page fuzz/corpus/page -- -dict=fuzz/page.dict -max_len=65536
#![no_main]

use libfuzzer_sys::fuzz_target;
use symcal::diag::Severity;
use symcal::source::{Overrides, page};

/// What one reading gives: the rendered bytes, or the error's text.
fn read(text: &str, html: bool) -> Result<[String; 3], String> {
    let loaded = if html {
        page::parse_html(text, "fuzz.html".as_ref(), Overrides::default())
    } else {
        page::parse(text, "fuzz.md".as_ref(), Overrides::default())
    };
    let loaded = match loaded {
        Ok(loaded) => loaded,
        Err(e) => {
            let errors: Vec<_> =
                e.diagnostics().iter().filter(|d| d.severity == Severity::Error).collect();
            assert!(!errors.is_empty(), "an error with no error diagnostic: {e}");
            for d in errors {
                assert!(d.location.is_some(), "an error with no location: {}", d.message);
            }
            return Err(e.to_string());
        }
    };
    let schedule = &loaded.schedule;
    if let Err(e) = schedule.validate() {
        panic!("a page's schedule does not validate: {e}");
    }
    let options = symcal::RenderOptions::new(symcal::default_dtstamp(schedule));
    let feed = symcal::feed_to_string(schedule, &options).expect("a valid schedule renders");
    let events = match schedule.sessions.len() {
        0 => usize::from(schedule.has_event()),
        n => n,
    };
    assert_eq!(content_lines(&feed, "feed"), events, "VEVENTs in the feed");
    let event = symcal::event_to_string(schedule, &options).expect("a valid schedule renders");
    assert!(content_lines(&event, "event") <= 1, "more than one VEVENT in event.ics");
    let json = symcal::source::json::write(schedule);
    Ok([feed, event, json])
}

/// Checks that `ics` is CRLF-ended content lines of at most 75 octets with
/// balanced BEGIN/END, and counts the lines that begin a VEVENT.
fn content_lines(ics: &str, what: &str) -> usize {
    assert!(ics.is_empty() || ics.ends_with("\r\n"), "{what}: does not end with CRLF");
    let mut open = Vec::new();
    let mut vevents = 0;
    for line in ics.strip_suffix("\r\n").unwrap_or(ics).split("\r\n") {
        assert!(!line.contains(['\r', '\n']), "{what}: a bare CR or LF in {line:?}");
        assert!(line.len() <= 75, "{what}: a line of {} octets: {line:?}", line.len());
        if let Some(name) = line.strip_prefix("BEGIN:") {
            vevents += usize::from(name == "VEVENT");
            open.push(name);
        } else if let Some(name) = line.strip_prefix("END:") {
            assert_eq!(open.pop(), Some(name), "{what}: END:{name} closes nothing open");
        }
    }
    assert!(open.is_empty(), "{what}: {open:?} left open");
    vevents
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for html in [false, true] {
        let first = read(&text, html);
        let second = read(&text, html);
        assert!(first == second, "two readings differ (html: {html})");
    }
});
