//! Render one session as its own `.ics` (an "add this talk" file) and the
//! whole event as an invitation (METHOD:REQUEST) for one person.
//!
//! ```sh
//! cargo run --example session_and_invitation -- fixtures/2025-london-symposium.json
//! ```

use std::path::PathBuf;

use symcal::ical::{Audience, Invitation, invitation_to_string};
use symcal::model::Contact;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let source = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("fixtures/2025-london-symposium.json"), PathBuf::from);
    let schedule = symcal::load(&source)?.schedule;
    let options = symcal::RenderOptions::new(symcal::default_dtstamp(&schedule));

    // the second session, found by its UID
    let uids = symcal::session_uids(&schedule, &options);
    let uid = uids.get(1).ok_or("the schedule has fewer than two sessions")?;
    let session = symcal::session_by_uid(&schedule, &options, uid)?.ok_or("no such session")?;
    println!("--- sessions/{uid}.ics\n{session}");

    if schedule.contact.is_none() {
        return Err("an invitation needs the schedule's organizer".into());
    }
    let guest = Contact::new("ada@example.org", Some("Ada Lovelace".into()));
    let invitation = Invitation { attendee: &guest, audience: Audience::Online, cancel: false };
    println!(
        "--- invitation for {}\n{}",
        guest.email,
        invitation_to_string(&schedule, &options, &invitation)
    );
    Ok(())
}
