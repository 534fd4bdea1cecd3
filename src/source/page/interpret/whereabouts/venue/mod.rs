//! Where the event is: a named venue with its city, or only the city.
//!
//! Candidates come from what states a venue, each with a weight for how
//! plainly it does: a labelled line or front-matter key (6), structured
//! data (5), a sentence that puts the event somewhere (4), a line that
//! opens with the event's date and then names a building or a city (3),
//! an address (2). The heaviest wins (the first of equals). A venue that
//! names no city takes the page's city when the page's places name one
//! clearly; a page that names no venue but a city in its title or as the
//! place of its event gets the city. A place on another clock than the
//! event's times is not the venue, and an event that says it is online
//! only has none unless a line labels one (hybrid).

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;

use super::super::super::blocks::Kind;
use super::super::super::dates;
use super::super::super::tokens::clock;
use super::super::super::tokens::gazetteer::{self, Kind as PlaceKind, PlaceId};
use super::super::super::tokens::places::google_maps_geo;
use super::super::places::{self, Named, Role};
use super::{Line, Reader, address, fold, names_a_building};
use crate::model::{Geo, Venue};
use crate::time;

mod city;
mod maps;
mod statements;
mod words;
pub(super) use words::BUILDING_WORDS;

use city::page_city;
use maps::map_geo;
use statements::{
    addresses, datelines, descriptions, front_matter, labelled, programme_places, sentences,
    structured,
};
use words::*;

/// The decided venue, what says so and where.
pub(super) struct Decided {
    pub(super) venue: Venue,
    pub(super) said: String,
    pub(super) at: usize,
    /// The coordinates are the centre of this city, not the venue's.
    pub(super) city_geo: Option<String>,
}

#[derive(Debug, Clone)]
struct Candidate {
    name: String,
    weight: u8,
    said: &'static str,
    at: usize,
    /// The line it was read from (none for front matter and structured
    /// data): an address near it is the venue's.
    line: Option<usize>,
}

/// Values that name no place: the event is online, or its place is to come.
fn names_no_place(lower: &str) -> bool {
    let l = lower.trim_matches(|c: char| !c.is_alphanumeric());
    l.is_empty()
        || [
            "online",
            "virtual",
            "zoom",
            "remote",
            "tba",
            "tbd",
            "tbc",
            "to be announced",
            "to be confirmed",
            "to be determined",
            "n/a",
            "à confirmer",
            "por confirmar",
            "a definir",
            "por definir",
            "未定",
        ]
        .iter()
        .any(|w| l == *w || l.starts_with(&format!("{w} ")) || l.starts_with(&format!("{w},")))
}

/// Finds the event's venue.
pub(super) fn find(
    reader: &Reader<'_>,
    lines: &[Line<'_>],
    zone: Option<Tz>,
    day: Option<NaiveDate>,
    only_online: bool,
) -> Option<Decided> {
    let mut candidates: Vec<Candidate> = Vec::new();
    front_matter(reader, &mut candidates);
    structured(reader, &mut candidates);
    labelled(lines, &mut candidates);
    sentences(lines, true, &mut candidates);
    sentences(&descriptions(reader), false, &mut candidates);
    datelines(lines, &mut candidates);
    addresses(lines, &mut candidates);
    programme_places(lines, &mut candidates);
    let on_clock = |place: PlaceId| on_the_clock(place, zone, day);
    // a candidate naming a city on another clock is a template's leftover
    // or another event's place
    candidates.retain(|c| {
        let cities = cities_in(&c.name);
        cities.is_empty() || cities.iter().any(|(p, _)| on_clock(*p))
    });
    if only_online {
        candidates.retain(|c| c.weight >= 5);
    }
    candidates.sort_by(|a, b| b.weight.cmp(&a.weight).then(a.at.cmp(&b.at)));
    let city = if only_online { None } else { page_city(reader, lines, &on_clock) };
    let geo = map_geo(reader, lines);
    if let Some(best) = most_specific(candidates) {
        let mut name = best.name;
        let mut city_geo = None;
        let stated_city = city_in(&name);
        if stated_city.is_none()
            && let Some((_, _, written)) = &city
            && !fold(&name).contains(&fold(written))
        {
            name = format!("{name}, {written}");
        }
        let address = best.line.and_then(|i| nearby_address(lines, i, &name));
        let geo = geo.or_else(|| {
            let place = stated_city.map(|(p, _)| p).or(city.as_ref().map(|c| c.0))?;
            let p = gazetteer::place(place);
            city_geo = Some(p.name.to_owned());
            p.geo
        });
        return Some(Decided {
            venue: Venue { name, address, geo },
            said: best.said.to_owned(),
            at: best.at,
            city_geo,
        });
    }
    let (place, at, written) = city?;
    let p = gazetteer::place(place);
    let country = country_name(p.country);
    // in another script than its English name, both: `福岡 (Fukuoka)`
    let shown = if !written.is_ascii() && p.name.is_ascii() {
        format!("{written} ({})", p.name)
    } else {
        written.clone()
    };
    let name = match country {
        Some(c) if c != written => format!("{shown}, {c}"),
        _ => shown,
    };
    let city_geo = geo.is_none().then(|| written.clone());
    Some(Decided {
        venue: Venue { name, address: None, geo: geo.or(p.geo) },
        said: format!("the city `{written}` the page names"),
        at,
        city_geo,
    })
}

/// The heaviest candidate (the first of equals), unless it names only a
/// city or a country and another names a building there: "Rapperswil,
/// Switzerland" in the front matter and "the campus of OST" in a sentence
/// say the same, the second more. The city is added back to the name.
fn most_specific(candidates: Vec<Candidate>) -> Option<Candidate> {
    let first = candidates.first()?.clone();
    if !names_only_places(&first.name) {
        return Some(first);
    }
    let city = city_in(&first.name).map(|(p, _)| p);
    let better = candidates.into_iter().skip(1).find(|c| {
        !names_only_places(&c.name)
            && match city_in(&c.name) {
                Some((p, _)) => Some(p) == city,
                None => c.weight >= 3,
            }
    });
    Some(match better {
        Some(mut c) => {
            if city_in(&c.name).is_none() && !fold(&c.name).contains(&fold(&first.name)) {
                c.name = format!("{}, {}", c.name, first.name);
            }
            c
        }
        None => first,
    })
}

/// Whether a text names nothing but places (`Rapperswil, Switzerland`,
/// `New York, NY`): no building, no street.
fn names_only_places(text: &str) -> bool {
    let mut rest = text.to_owned();
    let mut mentions = gazetteer::find(text);
    mentions.sort_by_key(|m| std::cmp::Reverse(m.range.start));
    for m in mentions {
        rest.replace_range(m.range, " ");
    }
    rest.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).all(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "the" | "city" | "of" | "and" | "area" | "metro" | "greater" | "downtown"
        )
    })
}

/// The street address in the candidate's line or one near it (its block
/// or the two around it), when the name does not hold it already.
fn nearby_address(lines: &[Line<'_>], index: usize, name: &str) -> Option<String> {
    let block = lines.get(index)?.block;
    let near = (index.saturating_sub(3)..(index + 4).min(lines.len()))
        .filter(|&i| lines[i].block.abs_diff(block) <= 2 && !lines[i].programme);
    // the candidate's own line first, then the nearest
    let mut order: Vec<usize> = near.collect();
    order.sort_by_key(|&i| i.abs_diff(index));
    order.into_iter().find_map(|i| {
        let a = address::find(lines[i].text)?;
        (!fold(name).contains(&fold(a))).then(|| a.to_owned())
    })
}

/// Whether `place` keeps the event's clock on its day (any place does when
/// the zone or the day is not known).
fn on_the_clock(place: PlaceId, zone: Option<Tz>, day: Option<NaiveDate>) -> bool {
    let (Some(zone), Some(day)) = (zone, day) else { return true };
    let noon = day.and_time(NaiveTime::from_hms_opt(12, 0, 0).expect("noon"));
    let offset =
        |tz: Tz| time::resolve(tz, noon).instant().map(|t| time::offset_at(tz, t).utc_offset);
    let ours = offset(zone);
    gazetteer::zones_of(place).into_iter().any(|z| offset(z) == ours)
}

/// The first city a text names plainly, and where.
fn city_in(text: &str) -> Option<(PlaceId, usize)> {
    cities_in(text).into_iter().next()
}

/// The cities a text names plainly, read as a venue's line: a small place
/// inside a longer name (`River City Labs`), a nickname, or a name that is
/// also a word (`Universidad`) is not one.
fn cities_in(text: &str) -> Vec<(PlaceId, usize)> {
    let plain: Vec<usize> = gazetteer::find(text)
        .into_iter()
        .filter(|m| !m.common_word || m.qualified_by.is_some())
        .map(|m| m.range.start)
        .collect();
    let mut named = Vec::new();
    places::weigh(text, 0, Role::Venue, &mut named);
    named
        .into_iter()
        .filter(|n| n.kind == PlaceKind::City && plain.contains(&n.at))
        .map(|n| (n.place, n.at))
        .collect()
}

/// The English name of a country by its ISO code, from the place table.
fn country_name(code: &str) -> Option<&'static str> {
    gazetteer::country(code).map(|id| gazetteer::place(id).name)
}

/// The text of a venue: one line, without links' addresses, a trailing
/// "(map)" or a date or time before it, at most a sentence.
fn clean(value: &str) -> Option<String> {
    let mut v = value.trim();
    // what follows a date or a time on the line: `Friday 22 June at the X`
    let mut cut = 0;
    for d in dates::find(v) {
        if d.range.start <= cut + 3 {
            cut = cut.max(d.range.end);
        }
    }
    for c in clock::all(v) {
        if c.range.start <= cut + 3 {
            cut = cut.max(c.range.end);
        }
    }
    if cut > 0 {
        v = &v[cut..];
    }
    let v = v.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '(' && c != '[');
    let lower = v.to_lowercase();
    // a preposition, or an article in lower case: the sentence's words
    let v = [
        "en la ", "en el ", "en ", "at the ", "at ", "in the ", "in ", "à ", "au ", "im ",
        "in der ",
    ]
    .iter()
    .find_map(|p| lower.starts_with(p).then(|| &v[p.len()..]))
    .unwrap_or(v);
    // (`The Liberty Hotel` keeps its article)
    let v = v.strip_prefix("the ").unwrap_or(v);
    let mut out = String::new();
    for word in v.split_whitespace() {
        if word.starts_with("http://") || word.starts_with("https://") {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    // a sentence's end, a map link's words, a join link after the place
    for stop in
        [". ", "＋", " + ", " (map", " [map", " (google", " [google", " (zoom", " [zoom", " | "]
    {
        if let Some(i) = out.to_lowercase().find(stop) {
            out.truncate(i);
        }
    }
    let out = out.trim_end_matches([',', ';', ':', ' ', '.', '-', '–', '(']).to_owned();
    let chars = out.chars().count();
    if chars < 2 || names_no_place(&out.to_lowercase()) {
        return None;
    }
    // a place is not a date: `… du lundi 28 juin à 10:00 au mercredi 30
    // juin` reads `au` as a place's preposition
    if dates::find(&out).first().is_some_and(|d| d.range.start <= 3) {
        return None;
    }
    if chars > 160 {
        return Some(out.chars().take(160).collect::<String>().trim_end().to_owned());
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::maps::osm_or_apple_geo;
    use super::statements::label_value;
    use super::*;

    #[test]
    fn labels_open_a_venue_line_in_many_languages() {
        assert_eq!(
            label_value("Location: River City Labs, Fortitude Valley"),
            Some("River City Labs, Fortitude Valley")
        );
        assert_eq!(label_value("**Where:** Jane Street NYC"), Some("Jane Street NYC"));
        assert_eq!(
            label_value("会場名: 沖縄コンベンションセンター"),
            Some("沖縄コンベンションセンター")
        );
        assert_eq!(label_value("Venue"), Some(""));
        assert_eq!(
            label_value("***¿Cuándo y dónde?*** Viernes 22 de Junio en la Universidad"),
            Some("Viernes 22 de Junio en la Universidad")
        );
        assert_eq!(label_value("Locations of the workshops are listed below: A"), None);
        assert_eq!(label_value("Localisation"), Some(""));
        assert_eq!(label_value("Ubicación: Centro Cultural"), Some("Centro Cultural"));
    }

    #[test]
    fn a_venue_value_loses_its_date_links_and_map() {
        assert_eq!(
            clean("Viernes 22 de Junio en la Universidad Iberoamericana. Auditorio Crescencio")
                .as_deref(),
            Some("Universidad Iberoamericana")
        );
        assert_eq!(clean("Yeung LT-15 (Zoom Link)").as_deref(), Some("Yeung LT-15"));
        assert_eq!(clean("Online"), None);
        assert_eq!(clean("TBA"), None);
        assert_eq!(clean("9:30) au mercredi 30 juin 2021 - 16:00"), None, "a date");
    }

    #[test]
    fn map_links_give_coordinates() {
        let g = osm_or_apple_geo(
            "https://www.openstreetmap.org/?mlat=51.05&mlon=3.72#map=17/51.05/3.72",
        )
        .unwrap();
        assert_eq!((g.lat, g.lon), (51.05, 3.72));
        let g = osm_or_apple_geo("https://maps.apple.com/?ll=37.33,-122.03&q=Cupertino").unwrap();
        assert_eq!((g.lat, g.lon), (37.33, -122.03));
    }
}
