//! Places a page names, and what they tell: the time zone of a city or a
//! country that has only one, and the coordinates of a Google Maps link.
//!
//! The names and zones are the gazetteer's (GeoNames' cities, regions and
//! countries, taken only where they name one zone plainly); this module
//! holds the labelled reader's rules for where a place counts.

use chrono_tz::Tz;

use super::gazetteer;
use crate::model::Geo;

/// The first place in `text` with a single zone, with its byte range.
pub(crate) fn zone_of_place(text: &str) -> Option<(Tz, std::ops::Range<usize>)> {
    gazetteer::find_zones(text).into_iter().next().map(|p| (p.zone, p.range))
}

/// A place standing alone in parentheses, as pages write where a
/// conference is: `(Vancouver)`, `(South Korea)`, `(Strasbourg, France)`.
/// Parentheses holding anything else, such as an affiliation `(Technical
/// University of Denmark)`, say nothing about where the event is.
pub(crate) fn zone_of_parenthesised_place(text: &str) -> Option<(Tz, String)> {
    text.split('(').skip(1).filter_map(|p| p.split(')').next()).find_map(|inner| {
        let parts: Vec<&str> = inner.split(',').map(str::trim).collect();
        let zones: Vec<Tz> = parts
            .iter()
            .map(|part| {
                // the whole part is one place's name
                let found = gazetteer::find_zones(part);
                match found.as_slice() {
                    [p] if p.range == (0..part.len()) => Some(p.zone),
                    _ => None,
                }
            })
            .collect::<Option<_>>()?;
        let first = *zones.first()?;
        zones.iter().all(|&z| z == first).then(|| (first, inner.trim().to_owned()))
    })
}

/// Coordinates from a Google Maps URL: the place pin `!3d<lat>!4d<lon>`
/// if present (it marks the building), else the viewport `@<lat>,<lon>`
/// (the map's centre, which may be off by hundreds of metres).
pub(crate) fn google_maps_geo(url: &str) -> Option<Geo> {
    let number = |s: &str| -> Option<f64> {
        let end =
            s.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-')).unwrap_or(s.len());
        s[..end].parse().ok()
    };
    let pin = || {
        let lat = number(&url[url.rfind("!3d")? + 3..])?;
        let lon = number(&url[url.rfind("!4d")? + 3..])?;
        Some(Geo { lat, lon })
    };
    let viewport = || {
        let at = &url[url.find('@')? + 1..];
        let (lat, rest) = at.split_once(',')?;
        Some(Geo { lat: number(lat)?, lon: number(rest)? })
    };
    pin()
        .or_else(viewport)
        .filter(|g| (-90.0..=90.0).contains(&g.lat) && (-180.0..=180.0).contains(&g.lon))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_with_one_zone() {
        assert_eq!(
            zone_of_place("Imperial College London, Huxley Building").map(|p| p.0),
            Some(Tz::Europe__London)
        );
        assert_eq!(
            zone_of_place("at MICCAI 2025 (South Korea)").map(|p| p.0),
            Some(Tz::Asia__Seoul)
        );
        assert_eq!(zone_of_place("(Strasbourg, France)").map(|p| p.0), Some(Tz::Europe__Paris));
        // a longer word is not the place ("Londonderry" is a city of its own)
        assert_eq!(zone_of_place("Londoners"), None);
        assert_eq!(zone_of_place("held online"), None);
    }

    #[test]
    fn only_a_place_alone_in_parentheses_counts() {
        assert_eq!(
            zone_of_parenthesised_place("at MICCAI 2025 (South Korea)"),
            Some((Tz::Asia__Seoul, "South Korea".into()))
        );
        assert_eq!(
            zone_of_parenthesised_place("(Strasbourg, France)").map(|p| p.0),
            Some(Tz::Europe__Paris)
        );
        assert_eq!(
            zone_of_parenthesised_place("Organiser: A (Technical University of Denmark)"),
            None
        );
        assert_eq!(zone_of_parenthesised_place("(London, Japan)"), None, "contradicting parts");
    }

    #[test]
    fn the_place_pin_wins_over_the_viewport() {
        let url = "https://www.google.com/maps/place/Huxley+Building/@51.4989961,-0.181591,17z/data=!3m2!4b1!5s0x48:0x37!4m6!3m5!1s0x48:0x25!8m2!3d51.4989961!4d-0.1790107!16s%2Fg";
        assert_eq!(google_maps_geo(url), Some(Geo { lat: 51.4989961, lon: -0.1790107 }));
        assert_eq!(
            google_maps_geo("https://maps.google.com/@1.5,2.5,10z"),
            Some(Geo { lat: 1.5, lon: 2.5 })
        );
        assert_eq!(google_maps_geo("https://example.org/"), None);
    }
}
