//! The city a page names as its event's, when it names no venue: its
//! places weighed by where they are named, without biographies, the
//! clock's city and places only relative to another.

use super::*;

/// The city the page names as its event's: the places of its title,
/// headings and text weighed as for the zone, the heaviest city on the
/// event's clock when it weighs at least 1 and twice any other city.
pub(super) fn page_city(
    reader: &Reader<'_>,
    lines: &[Line<'_>],
    on_clock: &dyn Fn(PlaceId) -> bool,
) -> Option<(PlaceId, usize, String)> {
    let mut named: Vec<Named> = Vec::new();
    let title = reader.split.get("title").map(|f| (f.value.as_str(), f.offset));
    let html_title = reader.page.title.as_ref().map(|(t, at)| (t.as_str(), *at));
    for (text, at) in title.into_iter().chain(html_title) {
        places::weigh(text, at, Role::Title, &mut named);
    }
    for (property, content, at) in &reader.page.meta {
        let role = if property.ends_with("title") || property.ends_with("site_name") {
            Role::Title
        } else {
            Role::Text
        };
        places::weigh(content, *at, role, &mut named);
    }
    for line in lines {
        // `All times are in PST (Los Angeles time)`: the clock's city, not
        // the event's
        if names_the_clock(line.text) || about_a_person(line.text) {
            continue;
        }
        let before = named.len();
        // the city of a street address (`Reception at X (Korte Nieuwstraat
        // 14, Utrecht)`) is where that part of the event is, even in a row
        // and in brackets: read as a venue's line, weighed as a heading's
        let address = address::find(line.text).is_some();
        let role = match line.kind {
            _ if address => Role::Venue,
            _ if line.programme => Role::Row,
            Kind::Heading(1) => Role::Title,
            Kind::Heading(_) => Role::Heading,
            _ => Role::Text,
        };
        places::weigh(line.text, line.at, role, &mut named);
        // `8 km south-west of Paris`, `near Paris`: somewhere else
        let mut i = before;
        while i < named.len() {
            if relative_to(line.text, named[i].at.saturating_sub(line.at)) {
                named.remove(i);
            } else {
                i += 1;
            }
        }
        if address {
            for n in &mut named[before..] {
                n.weight = n.weight.min(1.5);
            }
        }
    }
    // a province named like its capital (`Utrecht`): the city
    for n in &mut named {
        if n.kind == PlaceKind::Region
            && let Some(city) = gazetteer::find(&n.name).first().and_then(|m| {
                m.candidates.iter().copied().find(|c| gazetteer::place(*c).kind == PlaceKind::City)
            })
            && gazetteer::place(city).country == gazetteer::place(n.place).country
        {
            n.place = city;
            n.kind = PlaceKind::City;
        }
    }
    named.retain(|n| n.kind == PlaceKind::City && on_clock(n.place));
    // per city: its strongest mention whole, each other a quarter
    let mut cities: Vec<(PlaceId, f32, f32, usize)> = Vec::new();
    for n in &named {
        match cities.iter_mut().find(|c| c.0 == n.place) {
            Some(c) => {
                c.1 = c.1.max(n.weight);
                c.2 += n.weight;
            }
            None => cities.push((n.place, n.weight, n.weight, n.at)),
        }
    }
    let mut ranked: Vec<(f32, PlaceId, usize)> =
        cities.into_iter().map(|(p, max, total, at)| (max + (total - max) / 4.0, p, at)).collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (best, place, at) = *ranked.first()?;
    let second = ranked.get(1).map_or(0.0, |r| r.0);
    // the name as the page writes it (`Brixen`, not `Bressanone`): its
    // heaviest mention's
    let written = named
        .iter()
        .filter(|n| n.place == place)
        .max_by(|a, b| a.weight.total_cmp(&b.weight))
        .map_or_else(|| gazetteer::place(place).name.to_owned(), |n| n.name.clone());
    // one mention in passing in prose ("a view over X", "two of us came
    // from X") is not enough: a title, a heading or a second mention is
    let mentions = named.iter().filter(|n| n.place == place).count();
    let enough = best >= 1.5 || best >= 1.0 && mentions >= 2;
    (enough && best >= 2.0 * second).then_some((place, at, written))
}

/// Whether a line is a speaker's biography: the places in it are where
/// people work or studied.
pub(super) fn about_a_person(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "biography",
        "bio:",
        "professor",
        "researcher",
        "phd",
        "ph.d",
        "postdoc",
        "scientist",
        "lecturer",
        "his research",
        "her research",
        "their research",
        "graduated",
        "received",
        "works at",
        "working at",
        "joined",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// Whether the words before `start` place something relative to the
/// place named there: near it, outside it, some distance from it.
pub(super) fn relative_to(text: &str, start: usize) -> bool {
    let Some(before) = text.get(..start) else { return false };
    let lower = before.to_lowercase();
    let lower = lower.trim_end();
    let tail: String = lower.chars().rev().take(40).collect::<Vec<_>>().into_iter().rev().collect();
    let near = [
        "near",
        "outside",
        "close to",
        "outskirts of",
        "près de",
        "proche de",
        "cerca de",
        "vicino a",
        "nahe",
        "in der nähe von",
        "nära",
        "perto de",
    ];
    let distance = ["km", "mile", "minutes", "min ", "hour", "kilomet"];
    near.iter().any(|w| lower.ends_with(w))
        || ["of", "from", "de", "von", "da", "di", "du"]
            .iter()
            .any(|w| lower.ends_with(&format!(" {w}")))
            && distance.iter().any(|d| tail.contains(d))
}

/// Whether a line says which clock the times are on.
pub(super) fn names_the_clock(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "time zone",
        "timezone",
        "times are",
        "all times",
        " time)",
        "local time",
        "hora local",
        "heure locale",
        "ortszeit",
        "時間)",
    ]
    .iter()
    .any(|w| lower.contains(w))
}
