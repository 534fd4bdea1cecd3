//! Prints how fast symcal loads a JSON schedule and renders its feed.
//!
//! ```text
//! python3 ../shared/bench/make_schedule.py 100000 -o /tmp/schedule-100000.json
//! cargo run --release --example feed_figures -- /tmp/schedule-100000.json 5
//! ```
//!
//! Each run loads the file and renders the feed into memory; the figures
//! are the median over the runs. Writing to disk is left out: that is the
//! I/O floor `../shared/bench/run_peers.sh` measures separately.

use std::time::{Duration, Instant};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: feed_figures SCHEDULE.json [RUNS]")?;
    let runs: usize = args.next().map_or(Ok(3), |r| r.parse())?;

    let mut load_times = Vec::new();
    let mut render_times = Vec::new();
    let (mut sessions, mut bytes) = (0, 0);
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        let loaded = symcal::load(path.as_ref())?;
        let loaded_at = Instant::now();
        let options = symcal::RenderOptions::new(symcal::default_dtstamp(&loaded.schedule));
        let mut feed = Vec::new();
        symcal::render_feed(&loaded.schedule, &options, &mut feed)?;
        render_times.push(loaded_at.elapsed());
        load_times.push(loaded_at - started);
        sessions = loaded.schedule.sessions.len();
        bytes = feed.len();
    }
    let load = median(&mut load_times);
    let render = median(&mut render_times);
    println!("schedule: {path}");
    println!("sessions: {sessions}");
    println!("feed bytes: {bytes}");
    println!("load (read + parse + check): {:.1} ms", ms(load));
    println!(
        "render (into memory): {:.1} ms, {:.0} MB/s",
        ms(render),
        bytes as f64 / render.as_secs_f64() / 1e6
    );
    println!(
        "total: {:.1} ms, {:.0} sessions/s",
        ms(load + render),
        sessions as f64 / (load + render).as_secs_f64()
    );
    Ok(())
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
