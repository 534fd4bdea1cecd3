//! Build a schedule in code, check it, and write its subscribable feed.
//!
//! ```sh
//! cargo run --example schedule_in_code > feed.ics
//! ```

use std::io::Write as _;

use symcal::chrono::NaiveDate;
use symcal::chrono_tz::Europe::Lisbon;
use symcal::model::{Contact, Person, Schedule, Session, SessionKind, Venue};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let day = NaiveDate::from_ymd_opt(2027, 5, 14).ok_or("no such day")?;
    let at = |h, m| day.and_hms_opt(h, m, 0).ok_or("no such time");

    let mut venue = Venue::new("University of Lisbon");
    venue.address = Some("Alameda da Universidade, Lisboa".into());
    let schedule = Schedule::new("2027-calendars-workshop", "Workshop on Calendars", Lisbon)
        .with_contact(Contact::new("chair@example.org", Some("Programme chair".into())))
        .with_venue(venue)
        .with_session(Session::new(at(9, 0)?, "Welcome").with_end(at(9, 30)?))
        .with_session(
            Session::new(at(9, 30)?, "Time zones in practice")
                .with_end(at(10, 30)?)
                .with_kind(SessionKind::Keynote)
                .with_presenter(Person::new("Ada Lovelace", Some("Analytical Engines".into()))),
        )
        .with_session(
            Session::new(at(10, 30)?, "Coffee").with_end(at(11, 0)?).with_kind(SessionKind::Break),
        );

    // the same checks as a JSON schedule: times that exist, ends after starts
    for warning in schedule.validate()? {
        eprintln!("{warning}");
    }
    let options = symcal::RenderOptions::new(symcal::default_dtstamp(&schedule));
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    symcal::render_feed(&schedule, &options, &mut out)?;
    out.flush()?;
    Ok(())
}
