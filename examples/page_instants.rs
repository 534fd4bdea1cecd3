//! Read an organiser's event page (Markdown or HTML) and list each
//! session's start and end in UTC, with what the reader noticed on the way.
//!
//! ```sh
//! cargo run --example page_instants -- fixtures/faimi/site/2025-london-symposium.v6.md
//! ```

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let page = std::env::args_os().nth(1).map_or_else(
        || PathBuf::from("fixtures/faimi/site/2025-london-symposium.v6.md"),
        PathBuf::from,
    );
    let loaded = match symcal::load(&page) {
        Ok(loaded) => loaded,
        // a page that cannot be read says where and why
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    for note in &loaded.diagnostics {
        eprintln!("{note}");
    }
    let schedule = &loaded.schedule;
    println!("{} ({})", schedule.title, schedule.zone.name());
    for session in &schedule.sessions {
        let (start, end) = session.instants(schedule.zone);
        let utc = |t: Option<symcal::chrono::DateTime<symcal::chrono::Utc>>| {
            t.map_or_else(|| "-".to_owned(), |t| t.format("%Y-%m-%d %H:%MZ").to_string())
        };
        println!("{}  {}  {}", utc(start), utc(end), session.title);
    }
    for deadline in &schedule.deadlines {
        println!("due {}  {}", symcal::ical::due_text(deadline.due), deadline.title);
    }
    Ok(())
}
