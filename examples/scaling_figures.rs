//! Prints how the page reader's time grows with the size of inputs that
//! were once quadratic (issue 18): each shape is read at `n` and at `4n`,
//! and the ratio of the times is printed. About 4 is linear; 16 is
//! quadratic. A benchmark, not a test: the machine is shared and noisy.
//!
//! ```text
//! cargo run --release --example scaling_figures -- 20000 3
//! ```
//!
//! `n` is the number of repeated items (default 20,000); the figure is the
//! median over the runs (default 3).

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use symcal::source::Overrides;
use symcal::source::page;

#[cfg(feature = "cli")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const PROGRAMME: &str =
    "## Monday 1 June 2026\n\n| Time | Talk |\n|---|---|\n| 09:00 | Opening |\n| 10:00 | Close |\n";

/// A shape: its name, whether the page is HTML, and the page for `n`.
type Shape = (&'static str, bool, fn(usize) -> String);

fn shapes() -> Vec<Shape> {
    vec![
        ("front matter keys", false, |n| {
            let mut s = String::from("---\ntitle: Conf\n");
            for i in 0..n {
                let _ = writeln!(s, "key{i}: value {i}");
            }
            s + "---\n# Conf\n\n" + PROGRAMME
        }),
        ("dates in one paragraph", false, |n| {
            let dates: Vec<String> = (0..n).map(|i| format!("{} May 2026", 1 + i % 28)).collect();
            format!("---\ntitle: Conf\n---\n# Conf\n\n{PROGRAMME}\n{}\n", dates.join(", "))
        }),
        ("numeric dates among month names", false, |n| {
            let dates: Vec<String> =
                (0..n).map(|i| format!("2026-05-{:02} May", 1 + i % 28)).collect();
            format!("---\ntitle: Conf\n---\n# Conf\n\n{PROGRAMME}\n{}\n", dates.join(" "))
        }),
        ("dated deadlines, one a line", false, |n| {
            let mut s =
                format!("---\ntitle: Conf\n---\n# Conf\n\n{PROGRAMME}\n## Important dates\n\n");
            for i in 0..n {
                let _ = writeln!(s, "Abstract deadline: {} May 2026 (extended)", 1 + i % 28);
            }
            s
        }),
        ("times in one HTML list on one line", false, |n| {
            let items: String =
                (0..n).map(|i| format!("<li>{:02}:{:02}</li>", i / 60 % 24, i % 60)).collect();
            format!("---\ntitle: Conf\n---\n# Conf\n\n## Monday 1 June 2026\n\n<ul>{items}</ul>\n")
        }),
        ("dates in one HTML paragraph", true, |n| {
            let dates: Vec<String> = (0..n).map(|i| format!("{} May 2026", 1 + i % 28)).collect();
            format!(
                "<html><body><h1>Conf</h1><p>{}</p><table><tr><td>09:00</td><td>Opening</td></tr>\
                 <tr><td>10:00</td><td>Close</td></tr></table></body></html>",
                dates.join(", ")
            )
        }),
    ]
}

fn median_read(text: &str, html: bool, runs: usize) -> Duration {
    let path = std::path::Path::new(if html { "scaling.html" } else { "scaling.md" });
    let zone: chrono_tz::Tz = "Europe/London".parse().expect("a zone");
    let overrides = Overrides::default().with_zone(zone);
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            // the reading may refuse the page; its time is what is measured
            let _ = if html {
                page::parse_html(text, path, overrides)
            } else {
                page::parse(text, path, overrides)
            };
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(3);
    for (name, html, page) in shapes() {
        let (small, large) = (page(n), page(4 * n));
        let (a, b) = (median_read(&small, html, runs), median_read(&large, html, runs));
        println!(
            "{name}: {n} in {:.3} s ({} KB), {} in {:.3} s ({} KB), ratio {:.1}",
            a.as_secs_f64(),
            small.len() / 1000,
            4 * n,
            b.as_secs_f64(),
            large.len() / 1000,
            b.as_secs_f64() / a.as_secs_f64().max(1e-9)
        );
    }
}
