//! The links a subscribe page offers: webcal for Apple and Thunderbird,
//! Google's `cid=` and Outlook's `addfromweb` for subscribing, and per
//! session Google's event template and Outlook's compose form.
//!
//! Each is a URL built from parts that may hold anything (titles, rooms), so
//! every query value is percent-encoded here and the whole URL escaped again
//! by the template where it goes into an attribute.

use chrono::{DateTime, Utc};

use crate::percent::encode;

/// `webcal://` for an `http(s)://` feed URL: calendar apps on iOS and macOS
/// subscribe when they open it, where an https link would download once.
pub(crate) fn webcal(feed: &str) -> String {
    let rest =
        feed.strip_prefix("https://").or_else(|| feed.strip_prefix("http://")).unwrap_or(feed);
    format!("webcal://{rest}")
}

/// Google Calendar's "add by URL", which takes the webcal form.
pub(crate) fn google_subscribe(feed: &str) -> String {
    format!("https://calendar.google.com/calendar/r?cid={}", encode(&webcal(feed)))
}

/// Outlook on the web's "subscribe from web": `live` is outlook.com,
/// otherwise Microsoft 365.
pub(crate) fn outlook_subscribe(feed: &str, name: &str, live: bool) -> String {
    let host = if live { "outlook.live.com" } else { "outlook.office.com" };
    format!("https://{host}/calendar/0/addfromweb?url={}&name={}", encode(feed), encode(name))
}

/// One event to add by hand.
pub(crate) struct Add<'a> {
    pub(crate) title: &'a str,
    pub(crate) start: DateTime<Utc>,
    pub(crate) end: Option<DateTime<Utc>>,
    pub(crate) details: &'a str,
    pub(crate) location: &'a str,
    pub(crate) zone: &'a str,
}

/// Google Calendar's event template.
pub(crate) fn google_add(add: &Add<'_>) -> String {
    let basic = |t: DateTime<Utc>| t.format("%Y%m%dT%H%M%SZ").to_string();
    let end = add.end.unwrap_or(add.start);
    format!(
        "https://calendar.google.com/calendar/render?action=TEMPLATE&text={}&dates={}/{}&details={}&location={}&ctz={}",
        encode(add.title),
        basic(add.start),
        basic(end),
        encode(add.details),
        encode(add.location),
        encode(add.zone)
    )
}

/// Outlook on the web's compose form.
pub(crate) fn outlook_add(add: &Add<'_>) -> String {
    let iso = |t: DateTime<Utc>| t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let end = add.end.unwrap_or(add.start);
    format!(
        "https://outlook.live.com/calendar/0/deeplink/compose?path=%2Fcalendar%2Faction%2Fcompose&rru=addevent&subject={}&startdt={}&enddt={}&body={}&location={}",
        encode(add.title),
        encode(&iso(add.start)),
        encode(&iso(end)),
        encode(add.details),
        encode(add.location)
    )
}

/// OpenStreetMap at a point, or a search for an address.
pub(crate) fn map(geo: Option<crate::model::Geo>, query: &str) -> String {
    match geo {
        Some(g) => format!(
            "https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}",
            lat = g.lat,
            lon = g.lon
        ),
        None => format!("https://www.openstreetmap.org/search?query={}", encode(query)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subscribe_links() {
        let feed = "https://faimi.org/cal/2025-london/feed.ics";
        assert_eq!(webcal(feed), "webcal://faimi.org/cal/2025-london/feed.ics");
        assert_eq!(
            google_subscribe(feed),
            "https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2Ffaimi.org%2Fcal%2F2025-london%2Ffeed.ics"
        );
        assert_eq!(
            outlook_subscribe(feed, "FAIMI & co", true),
            "https://outlook.live.com/calendar/0/addfromweb?url=https%3A%2F%2Ffaimi.org%2Fcal%2F2025-london%2Ffeed.ics&name=FAIMI%20%26%20co"
        );
    }

    #[test]
    fn add_links_carry_utc_times() {
        let start = DateTime::from_timestamp(1_751_288_400, 0).unwrap(); // 2025-06-30 13:00Z
        let add = Add {
            title: "Keynote",
            start,
            end: None,
            details: "",
            location: "Room 1",
            zone: "Europe/London",
        };
        assert!(google_add(&add).contains("&dates=20250630T130000Z/20250630T130000Z&"));
        assert!(outlook_add(&add).contains("&startdt=2025-06-30T13%3A00%3A00Z&"));
    }
}
