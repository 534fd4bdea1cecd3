//! Prints how fast symcal reads a large event page, Markdown and HTML.
//!
//! ```text
//! cargo run --release --example page_figures -- 1000000 9
//! ```
//!
//! It writes a page of about the given size in bytes (default 1 MB): a
//! front matter, a zone note, then days of agenda (a heading, a table of
//! timed rows with speakers and links, a paragraph of prose), the same
//! programme as Markdown and as HTML, and reads each in memory; the figure
//! is the median over the runs (default 5).

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use symcal::source::Overrides;
use symcal::source::page;

// The allocator the `symcal` binary reads pages with (the `cli` feature's
// mimalloc), so the figure is the command's; glibc's malloc adds about a
// sixth to the instructions of a read.
#[cfg(feature = "cli")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn markdown(target: usize) -> String {
    let mut s = String::from("---\ntitle: Big Symposium 2026\npermalink: /big-2026/\n---\n\n");
    s.push_str("All times are in Central European Summer Time (CEST), in Zurich.\n\n");
    let mut day = 0;
    while s.len() < target {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap() + chrono::Days::new(day);
        let _ = writeln!(
            s,
            "## {}\n\n| Time | Session | Speaker |\n|---|---|---|",
            date.format("%A, %-d %B %Y")
        );
        for slot in 0..40u32 {
            let (h, m) = (8 + slot / 4, slot % 4 * 15);
            let _ = writeln!(
                s,
                "| {h:02}:{m:02} - {h:02}:{:02} | Talk {slot} on [fairness](https://example.org/{day}/{slot}) | Speaker {slot}, University {day} |",
                m + 10
            );
        }
        s.push_str("\nCoffee is served in the foyer from 10:00; lunch is at the canteen, open 11:00-13:15.\n\n");
        day += 1;
    }
    s
}

fn html(target: usize) -> String {
    let mut s =
        String::from("<!DOCTYPE html><html><head><title>Big Symposium 2026</title></head><body>");
    s.push_str("<p>All times are in Central European Summer Time (CEST), in Zurich.</p>");
    let mut day = 0;
    while s.len() < target {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap() + chrono::Days::new(day);
        let _ = write!(
            s,
            "<h2>{}</h2><table><tr><th>Time</th><th>Session</th><th>Speaker</th></tr>",
            date.format("%A, %-d %B %Y")
        );
        for slot in 0..40u32 {
            let (h, m) = (8 + slot / 4, slot % 4 * 15);
            let _ = write!(
                s,
                "<tr><td>{h:02}:{m:02}&nbsp;&ndash; {h:02}:{:02}</td><td>Talk {slot} on <a href=\"https://example.org/{day}/{slot}\">fairness</a></td><td><em>Speaker {slot}</em>, University {day}</td></tr>",
                m + 10
            );
        }
        s.push_str("</table><p>Coffee is served in the foyer from 10:00.<!-- a comment --></p>");
        day += 1;
    }
    s.push_str("</body></html>");
    s
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let size: usize = args.next().map_or(Ok(1_000_000), |s| s.parse())?;
    let runs: usize = args.next().map_or(Ok(5), |r| r.parse())?;
    for (kind, text) in [("markdown", markdown(size)), ("html", html(size))] {
        let mut times = Vec::new();
        let mut sessions = 0;
        for _ in 0..runs.max(1) {
            let started = Instant::now();
            let loaded = if kind == "html" {
                page::parse_html(&text, "big.html".as_ref(), Overrides::default())?
            } else {
                page::parse(&text, "big.md".as_ref(), Overrides::default())?
            };
            times.push(started.elapsed());
            sessions = loaded.schedule.sessions.len();
        }
        println!("{kind} page bytes: {}", text.len());
        println!("{kind} sessions: {sessions}");
        println!("{kind} read ms (median of {runs}): {:.1}", median(times).as_secs_f64() * 1000.0);
    }
    Ok(())
}
