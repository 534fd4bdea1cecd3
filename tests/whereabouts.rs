//! Where the event is, how to join it and whom to ask, read from small
//! pages written for one rule each (`fixtures/pages/where/`), and how they
//! reach the calendar.

mod util;

use symcal::source::{Overrides, load_with};

fn load(name: &str) -> symcal::model::Schedule {
    let path = util::fixture(&format!("pages/where/{name}"));
    load_with(&path, Overrides::default()).unwrap_or_else(|e| panic!("{name}: {e}")).schedule
}

#[test]
fn a_sentence_names_the_building_the_front_matter_the_city_and_an_address_follows() {
    let s = load("sentence-and-address.md");
    let venue = s.venue.expect("a venue");
    // the front matter's `location` names only a city: the sentence's
    // building wins and keeps the city
    assert_eq!(venue.name, "Campus of the Arts, Ghent, Belgium");
    assert_eq!(venue.address.as_deref(), Some("Sint-Pietersnieuwstraat 41"));
    // a `mailto:` link whose words say to write
    assert_eq!(s.contact.map(|c| c.email).as_deref(), Some("rust-science@example.org"));
    let s = load("sentence-and-address.md");
    let options = symcal::ical::RenderOptions::new(chrono::DateTime::UNIX_EPOCH);
    let event = symcal::ical::event_to_string(&s, &options).unwrap().replace("\r\n ", "");
    assert!(
        event.contains(
            "LOCATION:Campus of the Arts\\, Ghent\\, Belgium\\, Sint-Pietersnieuwstraat 41"
        ),
        "{event}"
    );
}

#[test]
fn the_building_every_row_names_is_the_venue_and_a_bio_names_no_city() {
    let s = load("rooms-in-rows.md");
    assert_eq!(s.venue.map(|v| v.name).as_deref(), Some("Morrow Hall, 210"));
}

#[test]
fn the_clocks_city_a_bio_and_a_blog_address_say_nothing_of_where() {
    let s = load("online-clock-city.md");
    assert_eq!(s.venue, None, "`Los Angeles time` names the clock, a bio names a workplace");
    assert_eq!(s.contact, None, "`blogs about science at jopark.example.com` is no address");
}

#[test]
fn a_date_line_then_the_building_and_an_address_hidden_from_robots() {
    let s = load("dateline-next-line.html");
    assert_eq!(s.venue.map(|v| v.name).as_deref(), Some("仙台国際センター"));
    assert_eq!(s.contact.map(|c| c.email).as_deref(), Some("nlp-ws@example.jp"));
}
