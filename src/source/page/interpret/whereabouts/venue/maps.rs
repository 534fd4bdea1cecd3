//! Coordinates from map links: Google Maps, OpenStreetMap, Apple Maps.

use super::*;

/// Coordinates from the first map link outside the programme (Google
/// Maps, OpenStreetMap, Apple Maps).
pub(super) fn map_geo(reader: &Reader<'_>, lines: &[Line<'_>]) -> Option<Geo> {
    reader.page.links.iter().find_map(|(url, at)| {
        let line = lines.iter().rev().find(|l| l.at <= *at)?;
        if line.programme {
            return None;
        }
        google_maps_geo_checked(url).or_else(|| osm_or_apple_geo(url))
    })
}

pub(super) fn google_maps_geo_checked(url: &str) -> Option<Geo> {
    let lower = url.to_ascii_lowercase();
    (lower.contains("google.") && lower.contains("/maps") || lower.contains("maps.google."))
        .then(|| google_maps_geo(url))
        .flatten()
}

/// `openstreetmap.org/?mlat=…&mlon=…`, `…#map=17/lat/lon`,
/// `maps.apple.com/?ll=lat,lon`.
pub(super) fn osm_or_apple_geo(url: &str) -> Option<Geo> {
    let lower = url.to_ascii_lowercase();
    let number = |s: &str| -> Option<f64> {
        let end =
            s.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-')).unwrap_or(s.len());
        s[..end].parse().ok()
    };
    let param = |name: &str| {
        let i = lower.find(&format!("{name}="))?;
        number(&url[i + name.len() + 1..])
    };
    let geo = if lower.contains("openstreetmap.org") || lower.contains("osm.org") {
        match (param("mlat"), param("mlon")) {
            (Some(lat), Some(lon)) => Some(Geo { lat, lon }),
            _ => {
                let i = lower.find("#map=")?;
                let mut parts = url[i + 5..].split('/').skip(1);
                Some(Geo { lat: number(parts.next()?)?, lon: number(parts.next()?)? })
            }
        }
    } else if lower.contains("maps.apple.com") {
        let i = lower.find("ll=")?;
        let (lat, lon) = url[i + 3..].split_once([',', '%'])?;
        let lon = lon.trim_start_matches("2C").trim_start_matches("2c");
        Some(Geo { lat: number(lat)?, lon: number(lon)? })
    } else {
        None
    };
    geo.filter(|g| (-90.0..=90.0).contains(&g.lat) && (-180.0..=180.0).contains(&g.lon))
}
