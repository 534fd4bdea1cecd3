//! Places as evidence of the zone, weighed by where the page names them.
//!
//! A venue line (`Venue:`, `Lieu :`, `Ort:`, `会場：`), an address, the
//! page's title and its structured data say where the event is; a city in
//! a speaker's affiliation (`Ada (ETH Zurich)`, `University of Lagos`), a
//! talk's title or a bio does not. Each mention gives its zone a weight by
//! that role; zones on the same clock on the event's day count together;
//! the zone is the best one only when it clearly outweighs the next. A
//! name that is also a word or a person's name counts only in a venue line
//! or when qualified (`Nice, France`). A country with several zones (the
//! United States, Australia) names no zone by itself.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use chrono_tz::Tz;

use super::super::tokens::gazetteer::{self, Kind as PlaceKind, Mention};
use super::super::tokens::lexicon::Lexicon;
use super::super::tokens::{clock, dates};
use crate::time;

/// Labels of lines that say where the event is, in the languages pages
/// are written in (lower case; the line opens with one, then `:`).
pub(super) const VENUE_LABELS: &[&str] = &[
    "venue",
    "location",
    "where",
    "address",
    "place",
    "located",
    "lieu",
    "localisation",
    "adresse",
    "endroit",
    "ort",
    "veranstaltungsort",
    "anschrift",
    "lugar",
    "sede",
    "dirección",
    "direccion",
    "ubicación",
    "ubicacion",
    "localización",
    "localizacion",
    "lokalizacja",
    "standort",
    "local",
    "localização",
    "localizacao",
    "endereço",
    "endereco",
    "luogo",
    "indirizzo",
    "locatie",
    "adres",
    "plats",
    "sted",
    "adresse",
    "miejsce",
    "место",
    "адрес",
    "yer",
    "会場",
    "場所",
    "开会地点",
    "地点",
    "地址",
    "会场",
    "장소",
    "주소",
];

/// Words of a street address: a line with one holds the venue.
static STREET_WORDS: Lexicon = Lexicon::new(&[
    "street",
    "st.",
    "road",
    "rd.",
    "avenue",
    "ave",
    "boulevard",
    "blvd",
    "lane",
    "square",
    "strasse",
    "straße",
    "str.",
    "platz",
    "weg",
    "allee",
    "rue",
    "place du",
    "boulevard",
    "calle",
    "avenida",
    "av.",
    "rua",
    "praça",
    "via",
    "piazza",
    "corso",
    "straat",
    "plein",
    "gate",
    "gatan",
    "vej",
    "ulica",
    "ul.",
    "улица",
    "caddesi",
    "sokak",
    "区",
    "路",
    "街",
    "丁目",
    "番地",
    "대로",
    "로 ",
]);

/// Words right before a place that make it an affiliation.
const AFFILIATION_WORDS: &[&str] = &[
    "university of",
    "universität",
    "université",
    "universidad",
    "universidade",
    "università",
    "universiteit",
    "college of",
    "institute of",
    "uc ",
    "eth ",
    "epfl",
    "tu ",
];

/// Words of an institution's name: a place in the same part of a line as
/// one (`Universidad Nacional del Litoral`, `King's College London`) is
/// where people come from, not where the event is.
const INSTITUTION_WORDS: &[&str] = &[
    "university",
    "universidad",
    "universidade",
    "universität",
    "universitat",
    "université",
    "università",
    "universiteit",
    "uniwersytet",
    "universitet",
    "college",
    "institute",
    "institut",
    "instituto",
    "istituto",
    "hospital",
    "hôpital",
    "klinikum",
    "laboratory",
    "laboratoire",
    "lab",
    "labs",
    "school",
    "academy",
    "akademie",
    "foundation",
    "fondation",
    "inc",
    "ltd",
    "gmbh",
    "corporation",
    "company",
    "centre",
    "center",
    "centro",
    "zentrum",
    "ministry",
    "council",
    "polytechnic",
    "politecnico",
    "hochschule",
    "大学",
    "研究所",
    "대학교",
    "대학",
];

/// Where a text sits on the page, as the evidence collector names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// A line that labels the venue or holds an address.
    Venue,
    /// The page's title, front-matter title, first heading, structured data.
    Title,
    /// A heading.
    Heading,
    /// A programme row (a talk's title, a speaker's affiliation).
    Row,
    /// Anything else.
    Text,
}

/// One place the page names, weighed.
#[derive(Debug, Clone)]
pub(super) struct Named {
    pub(super) name: String,
    /// The place it most likely is (the most populous of its candidates).
    pub(super) place: gazetteer::PlaceId,
    pub(super) kind: PlaceKind,
    pub(super) zone: Tz,
    pub(super) at: usize,
    pub(super) weight: f32,
    pub(super) role: Role,
}

/// The role of one line of a block of `role`: a venue label or a street
/// address makes any line a venue line.
pub(super) fn line_role(line: &str, role: Role) -> Role {
    let lower = line.trim_start_matches(['-', '*', '•', ' ', '#', '>']).to_lowercase();
    let labelled = VENUE_LABELS.iter().any(|l| {
        lower.strip_prefix(l).is_some_and(|rest| {
            let rest = rest.trim_start_matches(['*', '_', ' ']);
            rest.starts_with([':', '：', '—', '-']) || rest.starts_with("s:")
        })
    });
    // a programme row's street words do not make it a venue line: they
    // are not looked for in one
    let street = role != Role::Row
        && STREET_WORDS.any_match(&lower, |i, w| {
            let before = lower[..i].chars().next_back();
            before.is_none_or(|c| !c.is_alphanumeric()) || !w.is_ascii()
        })
        && lower.chars().any(|c| c.is_ascii_digit());
    // an address is a short line; a bio that says where someone works
    // ("… at 4 Main Street") is not the venue
    let short = line.chars().count() <= 160;
    if labelled || (street && short) || dateline(line) { Role::Venue } else { role }
}

/// `15–19 June 2026, Lorentz Center, Leiden`: a short line outside the
/// programme that opens with the event's dates and names a building.
fn dateline(line: &str) -> bool {
    if line.chars().count() > 120 {
        return false;
    }
    let Some(first) = dates::find(line).into_iter().next() else { return false };
    let opens = line[..first.range.start].trim().is_empty();
    opens
        && first.year.is_some()
        && clock::all(line).is_empty()
        && super::whereabouts::names_a_building(&line[first.range.end..].to_lowercase())
}

/// The places of one line, each with its weight.
pub(super) fn weigh(line: &str, base: usize, role: Role, out: &mut Vec<Named>) {
    let mentions = gazetteer::find(line);
    if mentions.is_empty() {
        return;
    }
    // the line's role is read only for a line that names a place
    let role = line_role(line, role);
    for m in mentions {
        let Some((zone, name, kind)) = zone_of(line, &m, role) else { continue };
        let before = line[..m.range.start].to_lowercase();
        // `at the University of Lisbon`: an institution is the venue when
        // the sentence puts the event in it
        let locative = locative_before(&before);
        let institution =
            (AFFILIATION_WORDS.iter().any(|w| before.trim_end().ends_with(w.trim_end()))
                || in_an_institution(line, &m.range))
                && !locative;
        // (a title opens with the event's name: `Balkan Ruby – 25-26 May;
        // Sofia` is no person's workplace)
        let affiliation = institution
            || in_brackets_after_a_name(line, m.range.start)
            || (role != Role::Title || after_a_titled_person(line, m.range.start))
                && after_a_person(line, m.range.start);
        let mut weight: f32 = match role {
            Role::Venue => 6.0,
            Role::Title => 3.0,
            Role::Heading => 2.0,
            Role::Text => 1.0,
            // a reception or a dinner in a row names the city as well
            Role::Row => 0.6,
        };
        if affiliation && role != Role::Venue {
            weight = 0.0;
        }
        // `13 Pl. Saint-Hubert, 59800 Lille`: a street named after a
        // place is no place of the event's
        if names_a_street(&line[..m.range.start]) {
            weight = 0.0;
        }
        // the city whose clock the page names (`Time (Philadelphia)`,
        // `Philadelphia time`, `heure de Paris`) says the zone as a venue
        // line does
        if names_the_clock(&before, &line[m.range.end..]) {
            weight = 6.0;
        }
        // in prose, a country names less than a city; a small town named
        // in passing (a language, a surname, a product) less still, unless
        // the sentence puts something in it
        if matches!(role, Role::Text | Role::Row | Role::Heading) {
            let population = m.candidates.first().map_or(0, |c| gazetteer::place(*c).population);
            if kind == PlaceKind::Country {
                weight *= 0.5;
            } else if population < 100_000
                && m.qualified_by.is_none()
                && !locative
                && !right_after_a_preposition(line, m.range.start)
            {
                weight *= 0.3;
            }
        }
        // in a venue line, a small place inside a longer name (`River City
        // Labs`) is the name's, not the venue's city
        if role == Role::Venue
            && kind == PlaceKind::City
            && gazetteer::place(m.candidates[0]).population < 100_000
            && inside_a_name(line, &m.range)
        {
            weight = 0.0;
        }
        if weight > 0.0 {
            out.push(Named {
                name,
                place: m.candidates[0],
                kind,
                zone,
                at: base + m.range.start,
                weight,
                role,
            });
        }
    }
}

/// Whether the text before a place ends with a street's word (`Pl.`,
/// `rue de`, `Via`, `Calle`), making the place the street's name.
fn names_a_street(before: &str) -> bool {
    let mut t = before.trim_end().to_lowercase();
    for glue in [" de la", " de", " du", " des", " del", " della", " di", " der"] {
        if let Some(stripped) = t.strip_suffix(glue) {
            t = stripped.trim_end().to_owned();
            break;
        }
    }
    let word = t.rsplit(|c: char| c.is_whitespace() || c == ',').next().unwrap_or("");
    [
        "pl.",
        "place",
        "rue",
        "rua",
        "via",
        "calle",
        "avenue",
        "av.",
        "avenida",
        "piazza",
        "platz",
        "quai",
        "boulevard",
        "bd",
        "bd.",
        "chemin",
        "allée",
        "plaza",
        "street",
        "road",
        "ulica",
        "ul.",
    ]
    .contains(&word)
        && before.trim_end().chars().last().is_some_and(|c| c.is_alphabetic() || c == '.')
}

/// Whether the words around a place make it the clock's: `Time
/// (Philadelphia)`, `times in Philadelphia`, `Philadelphia time`, `hora de
/// Madrid`, `heure de Paris`, `ora di Roma`. `before` is lower case.
fn names_the_clock(before: &str, after: &str) -> bool {
    let before = before.trim_end();
    let after = after.trim_start_matches([' ', ')']).to_lowercase();
    [
        "time (",
        "time(",
        "time:",
        "times in",
        "times are in",
        "time in",
        "time zone:",
        "timezone:",
        "hora de",
        "horário de",
        "heure de",
        "ora di",
    ]
    .iter()
    .any(|w| before.ends_with(w))
        || ["time", "local time"].iter().any(|w| {
            after.strip_prefix(w).is_some_and(|rest| !rest.starts_with(char::is_alphabetic))
        })
}

/// The zone a mention names, if it names one plainly: a word or a person's
/// name only in a venue line or qualified; a city whose bigger namesake
/// dominates; a country or region with one zone.
fn zone_of(line: &str, m: &Mention, role: Role) -> Option<(Tz, String, PlaceKind)> {
    if m.common_word && m.qualified_by.is_none() && role != Role::Venue {
        return None;
    }
    let first = gazetteer::place(*m.candidates.first()?);
    let name = line[m.range.clone()].to_owned();
    // another name of a small place counts only where the venue is named
    // or right after a preposition of place (`in Brixen`, `à Lyon`)
    let after_in = right_after_a_preposition(line, m.range.start);
    if role != Role::Venue
        && first.population < 100_000
        && !gazetteer::is_main_name(&name, &first)
        && name.is_ascii()
        && !after_in
    {
        return None;
    }
    // a nickname (`River City`, `the Eternal City`) among a place's other
    // names is more often part of another name
    let lower = name.to_lowercase();
    if !lower.contains(&first.name.to_lowercase())
        && lower.split_whitespace().count() > 1
        && lower.split_whitespace().any(|w| matches!(w, "city" | "town" | "the" | "of"))
    {
        return None;
    }
    if role == Role::Venue {
        // in a venue line the biggest place of the name is meant, unless
        // its namesakes are as big
        let [zone] = first.zones[..] else { return None };
        // (what `find_zones(line)` says of this mention)
        let plain = gazetteer::plain_zone(line, m).is_some();
        let second = m.candidates.get(1).map(|c| gazetteer::place(*c));
        let dominant = second.is_none_or(|s| first.population >= 3 * s.population);
        return (plain || dominant).then_some((zone, name, first.kind));
    }
    let zone = gazetteer::plain_zone(line, m)?;
    Some((zone, name, first.kind))
}

/// Whether the words around `range` continue a capitalised name (`River
/// City Labs`): a capitalised word right after it, or right before it with
/// no comma between.
fn inside_a_name(line: &str, range: &std::ops::Range<usize>) -> bool {
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let after = line[range.end..].strip_prefix(' ').unwrap_or("");
    let next = after.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    let before = line[..range.start].strip_suffix(' ').unwrap_or("");
    let prev = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    (!line[range.end..].starts_with(',') && capital(next))
        || (!before.is_empty() && capital(prev) && !before.ends_with(','))
}

/// Whether the word right before byte `at` is a preposition of place (`in
/// Brixen`, `à Lyon`, `nach Wien`).
fn right_after_a_preposition(line: &str, at: usize) -> bool {
    line[..at].split_whitespace().next_back().is_some_and(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "in" | "at"
                | "à"
                | "en"
                | "im"
                | "a"
                | "em"
                | "na"
                | "w"
                | "в"
                | "nach"
                | "to"
                | "te"
                | "i"
                | "på"
                | "aus"
        )
    })
}

/// Prepositions that put an event somewhere (`at`, `en el`, `bei`, `presso`):
/// one among the last words before a place makes it where the event is.
fn locative_before(before: &str) -> bool {
    // the last few words: a sentence's place, not a word far back in it
    before
        .split(|c: char| !c.is_alphanumeric() && c != '@')
        .filter(|w| !w.is_empty())
        .rev()
        .take(10)
        .any(|w| {
            matches!(
                w,
                "at" | "en"
                    | "à"
                    | "au"
                    | "bei"
                    | "im"
                    | "presso"
                    | "nel"
                    | "nella"
                    | "alla"
                    | "em"
                    | "в"
                    | "@"
                    | "venue"
                    | "held"
                    | "hosted"
                    | "lieu"
                    | "sede"
                    | "ort"
            )
        })
}

/// `**Ada Lovelace**, King's College London`, `Dr. Ada Lovelace – ETH
/// Zurich`: a line that opens with a person's name and then a comma or a
/// dash goes on with where the person comes from.
/// Whether the name before the place opens with a title of address
/// (`Prof. Hervé Lombaert, Montreal`): a person even in the page's title.
fn after_a_titled_person(line: &str, at: usize) -> bool {
    let head = line[..at].trim_start_matches(['-', '*', '•', ' ', '_', '#']);
    let first = head.split_whitespace().next().unwrap_or("");
    matches!(
        first.trim_end_matches('.').to_lowercase().as_str(),
        "dr" | "prof" | "professor" | "mr" | "ms" | "mrs" | "dra" | "dott" | "herr" | "frau"
    )
}

fn after_a_person(line: &str, at: usize) -> bool {
    let start = line.len() - line.trim_start_matches(['-', '*', '•', ' ', '_']).len();
    let head = &line[start..at];
    let Some(cut) = head.find([',', '–', '—']).or_else(|| head.find(" - ")) else {
        return false;
    };
    let name = head[..cut].trim().trim_end_matches(['*', '_']).trim();
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| {
            !matches!(
                w.trim_end_matches('.').to_lowercase().as_str(),
                "dr" | "prof"
                    | "mr"
                    | "ms"
                    | "mrs"
                    | "sr"
                    | "sra"
                    | "mme"
                    | "m"
                    | "herr"
                    | "frau"
                    | "dott"
                    | "dra"
            )
        })
        .collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().skip(1).any(char::is_lowercase)
                && !w.ends_with(':')
        })
}

/// Whether the part of the line around `range` (between commas, brackets,
/// slashes) names an institution.
fn in_an_institution(line: &str, range: &std::ops::Range<usize>) -> bool {
    let stops = [',', ';', '(', ')', '/', '|', '·', '—', '–'];
    let start = line[..range.start]
        .char_indices()
        .rev()
        .find(|(_, c)| stops.contains(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = line[range.end..].find(stops).map_or(line.len(), |i| range.end + i);
    let part = line[start..end].to_lowercase();
    part.split(|c: char| !c.is_alphanumeric()).any(|w| INSTITUTION_WORDS.contains(&w))
        || INSTITUTION_WORDS.iter().any(|w| !w.is_ascii() && part.contains(w))
}

/// `Ada Lovelace (Zurich)`: a place alone in brackets right after a name is
/// where the person comes from.
fn in_brackets_after_a_name(line: &str, at: usize) -> bool {
    let before = line[..at].trim_end();
    let Some(open) = before.rfind('(') else { return false };
    if !before[open + 1..].chars().all(|c| c.is_alphabetic() || c.is_whitespace() || c == ',') {
        return false;
    }
    let name = before[..open].trim_end();
    name.split_whitespace().rev().take(2).all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && name.split_whitespace().count() >= 2
}

/// What the places decide.
#[derive(Debug, Clone)]
pub(super) enum Verdict {
    /// No place counts.
    None,
    /// One zone clearly outweighs the others: the place that names it most.
    Zone(Named),
    /// Several zones weigh about the same: each with its strongest place.
    Split(Vec<Named>),
}

/// The zone the places support, on the clock of `at` (the event's day):
/// the heaviest clock when it weighs at least twice the next.
pub(super) fn decide(named: &[Named], at: NaiveDateTime) -> Verdict {
    if named.is_empty() {
        return Verdict::None;
    }
    let offset = |tz: Tz| -> Option<i32> {
        let t = time::resolve(tz, at).instant()?;
        Some(time::offset_at(tz, t).utc_offset)
    };
    // one name said again and again (a language, a sponsor) adds little:
    // its strongest mention counts whole, each other a quarter
    let mut per_name: BTreeMap<(String, &str), (f32, f32)> = BTreeMap::new();
    for n in named {
        let e = per_name.entry((n.name.to_lowercase(), n.zone.name())).or_default();
        e.0 = e.0.max(n.weight);
        e.1 += n.weight;
    }
    // by clock: zones that keep the same time that day count together
    let mut clocks: BTreeMap<i32, f32> = BTreeMap::new();
    let mut by_zone: BTreeMap<&str, (f32, &Named)> = BTreeMap::new();
    for ((_, zone), (max, total)) in &per_name {
        let Some(n) = named.iter().find(|n| n.zone.name() == *zone) else { continue };
        let Some(o) = offset(n.zone) else { continue };
        *clocks.entry(o).or_default() += max + (total - max) / 4.0;
    }
    for n in named {
        let Some(_) = offset(n.zone) else { continue };
        let e = by_zone.entry(n.zone.name()).or_insert((0.0, n));
        e.0 += n.weight;
        if n.weight > e.1.weight {
            e.1 = n;
        }
    }
    let mut ranked: Vec<(f32, i32)> = clocks.into_iter().map(|(o, w)| (w, o)).collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    let Some(&(best, clock)) = ranked.first() else { return Verdict::None };
    let second = ranked.get(1).map_or(0.0, |r| r.0);
    let strongest_of = |o: i32| {
        by_zone
            .values()
            .filter(|(_, n)| offset(n.zone) == Some(o))
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, n)| (*n).clone())
    };
    if best >= 0.5 && best >= 2.0 * second {
        return strongest_of(clock).map_or(Verdict::None, Verdict::Zone);
    }
    if best < 0.5 {
        return Verdict::None;
    }
    Verdict::Split(ranked.iter().take(4).filter_map(|(_, o)| strongest_of(*o)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(lines: &[(&str, Role)]) -> Option<String> {
        let mut named = Vec::new();
        for (l, r) in lines {
            weigh(l, 0, *r, &mut named);
        }
        let noon =
            chrono::NaiveDate::from_ymd_opt(2025, 6, 10).unwrap().and_hms_opt(12, 0, 0).unwrap();
        match decide(&named, noon) {
            Verdict::Zone(n) => Some(n.zone.name().to_owned()),
            _ => None,
        }
    }

    #[test]
    fn a_venue_line_outweighs_affiliations_and_talk_titles() {
        assert_eq!(
            zone(&[
                ("Venue: Congress Innsbruck, Rennweg 3", Role::Text),
                ("Ada Lovelace (University of Lagos)", Role::Row),
                ("Bob Smith (Toronto)", Role::Text),
                ("Scaling Perl in Chicago", Role::Row),
            ])
            .as_deref(),
            Some("Europe/Vienna")
        );
        assert_eq!(zone(&[("Keynote: Ada Lovelace (Zurich)", Role::Text)]), None, "an affiliation");
        assert_eq!(zone(&[("**Ada Lovelace**, King's College London", Role::Text)]), None);
        assert_eq!(
            zone(&[("Location: River City Labs, Brisbane", Role::Text)]).as_deref(),
            Some("Australia/Brisbane")
        );
        assert_eq!(zone(&[("Meet us in Lisbon!", Role::Text)]).as_deref(), Some("Europe/Lisbon"));
        assert_eq!(zone(&[("Ort: Nice, France", Role::Text)]).as_deref(), Some("Europe/Paris"));
    }

    #[test]
    fn the_city_whose_clock_the_page_names_outweighs_affiliations() {
        let lines = [
            ("Philadelphia, Pennsylvania, USA", Role::Text),
            ("Time (Philadelphia) | Title", Role::Row),
            ("Timo Gros, Research Center, Saarbrücken, Germany", Role::Text),
            ("Daniel Höller, Saarland University, Saarbrücken, Germany", Role::Text),
        ];
        assert_eq!(zone(&lines).as_deref(), Some("America/New_York"));
        assert_eq!(zone(&lines[2..]), None, "affiliations alone name no zone");
        assert!(names_the_clock("all times are in", " and"));
        assert!(names_the_clock("", " time (UTC+9)"));
        assert!(!names_the_clock("", " timeline"));
    }

    #[test]
    fn streets_speakers_and_date_lines() {
        assert_eq!(
            zone(&[("Lieu : Le HEIN, 13 Pl. Saint-Hubert, 59800 Lille", Role::Text)]).as_deref(),
            Some("Europe/Paris"),
            "a street named after a town"
        );
        assert!(names_a_street("12 rue de "));
        assert_eq!(zone(&[("Prof. Hervé Lombaert, Montreal", Role::Title)]), None, "a speaker");
        assert_eq!(line_role("15–19 June 2026, Lorentz Center, Leiden", Role::Text), Role::Venue);
        assert_eq!(line_role("15 June 2026, 9:00 Opening at the Center", Role::Text), Role::Text);
        assert!(!names_a_street("held in "));
    }

    #[test]
    fn places_in_different_zones_that_weigh_alike_decide_nothing() {
        assert_eq!(
            zone(&[("Travel from Madrid or Lisbon", Role::Text), ("Tokyo", Role::Text)]),
            None
        );
        assert_eq!(
            zone(&[("Our sponsors in Australia", Role::Text)]),
            None,
            "a country with several zones"
        );
    }
}
