//! What states a venue, each a candidate with its weight: the front
//! matter, structured data, a labelled line, a sentence that puts the
//! event somewhere, the line with the event's date, an address, the
//! building the programme's rows keep naming.

use super::*;

/// The page's descriptions (the front matter's `description`, `summary`,
/// `excerpt`; the HTML's description meta), read as lines of prose: a
/// page often says where its event is only there.
pub(super) fn descriptions<'r>(reader: &'r Reader<'_>) -> Vec<Line<'r>> {
    let mut out = Vec::new();
    let mut push = |text: &'r str, at: usize| {
        out.push(Line {
            text,
            at,
            block: usize::MAX,
            kind: Kind::Para,
            programme: false,
            in_programme_region: false,
        });
    };
    for f in &reader.split.fields {
        if matches!(f.key.as_str(), "description" | "summary" | "excerpt" | "abstract") {
            push(f.value.as_str(), f.offset);
        }
    }
    for (property, content, at) in &reader.page.meta {
        if property.ends_with("description") {
            push(content.as_str(), *at);
            // the same text under another name says nothing more
            break;
        }
    }
    out
}

/// Front-matter keys that hold the venue: `location`, `venue.name`,
/// `place`, `address`.
pub(super) fn front_matter(reader: &Reader<'_>, out: &mut Vec<Candidate>) {
    let keys = ["location", "venue", "place", "address", "where", "ort", "lieu", "lugar", "city"];
    let mut parts: Vec<(&str, usize)> = Vec::new();
    for f in &reader.split.fields {
        let key = f.key.as_str();
        let first = key.split('.').next().unwrap_or(key);
        let last = key.rsplit('.').next().unwrap_or(key);
        if keys.contains(&first) && !last.contains("url") && !last.contains("link") {
            parts.push((f.value.as_str(), f.offset));
        }
    }
    if let Some(&(_, at)) = parts.first() {
        let joined = parts.iter().map(|(v, _)| *v).collect::<Vec<_>>().join(", ");
        let plain = super::super::super::super::document::plain_text(&joined).0;
        if let Some(name) = clean(&plain) {
            out.push(Candidate { name, weight: 6, said: "the front matter", at, line: None });
        }
    }
}

/// Structured data's `location` of the page's event.
pub(super) fn structured(reader: &Reader<'_>, out: &mut Vec<Candidate>) {
    if let Some((place, at)) = reader.structured.places.first()
        && let Some(name) = clean(place)
    {
        out.push(Candidate {
            name,
            weight: 5,
            said: "the page's structured data",
            at: *at,
            line: None,
        });
    }
}

/// The value of a line that opens with a venue label and a colon, or
/// `Some("")` for a label standing alone (its value follows).
pub(super) fn label_value(text: &str) -> Option<&str> {
    let t = text.trim_start_matches(['-', '*', '•', ' ', '#', '>', '📍', '🏢']);
    let lower = t.to_lowercase();
    let labels = places::VENUE_LABELS.iter().chain(MORE_LABELS).chain(DATE_AND_PLACE_LABELS);
    for label in labels {
        let Some(rest) = lower.strip_prefix(label) else { continue };
        let rest_trim = rest.trim_start_matches(['*', '_', ' ', '?']);
        let skipped = lower.len() - rest_trim.len();
        if rest_trim.is_empty() {
            return Some("");
        }
        for colon in [':', '：', '—'] {
            if rest_trim.starts_with(colon) {
                let from = skipped + colon.len_utf8();
                return t.get(from..).map(|v| v.trim_start_matches(['*', '_', ' ']));
            }
        }
        // a question answered on its line: `¿Cuándo y dónde? Viernes …`
        if label.ends_with('?') || lower[..skipped].trim_end_matches(['*', '_', ' ']).ends_with('?')
        {
            return t.get(skipped..);
        }
    }
    None
}

/// `Date: …`, `Time : …`: a line that opens with a short label and a colon.
pub(super) fn opens_with_a_label(text: &str) -> bool {
    text.split_once([':', '：']).is_some_and(|(head, rest)| {
        let words = head.split_whitespace().count();
        (1..=3).contains(&words)
            && !rest.starts_with("//")
            && head.chars().all(|c| c.is_alphabetic() || c.is_whitespace() || c == '&')
    })
}

/// Lines labelled as the venue; a label alone (a heading, a term, a
/// table's first cell) takes the line after it.
pub(super) fn labelled(lines: &[Line<'_>], out: &mut Vec<Candidate>) {
    for (i, line) in lines.iter().enumerate() {
        let Some(value) = label_value(line.text) else { continue };
        if line.programme && !value.is_empty() {
            // a room of one session
            continue;
        }
        // a label alone names what follows it in its own block, or in the
        // next when it heads it (a heading, a term); a label among a menu's
        // items names a page
        let (value, from) = if value.is_empty() {
            let heads = matches!(line.kind, Kind::Heading(_) | Kind::Term);
            let Some(next) = lines
                .get(i + 1)
                .filter(|n| n.block == line.block || heads && n.block <= line.block + 2)
            else {
                continue;
            };
            // another label's line (`Date: …` under `Date & Venue`) is not
            // the venue
            if label_value(next.text).is_some() || next.programme || opens_with_a_label(next.text) {
                continue;
            }
            (next.text, i + 1)
        } else {
            (value, i)
        };
        if let Some(name) = clean(value) {
            out.push(Candidate {
                name,
                weight: 6,
                said: "a line labelled as the venue",
                at: line.at,
                line: Some(from),
            });
        }
    }
}

/// Sentences that put the event somewhere: "will be held at the X",
/// "takes place on Friday at the X", "Xで開催", "在X举办".
pub(super) fn sentences(lines: &[Line<'_>], of_the_page: bool, out: &mut Vec<Candidate>) {
    for (index, line) in lines.iter().enumerate().filter(|(_, l)| !l.programme) {
        let lower = line.text.to_lowercase();
        if lower.contains("was held") || lower.contains("took place") || lower.contains("were held")
        {
            continue;
        }
        let mut push = |name: String| {
            out.push(Candidate {
                name,
                weight: 4,
                said: "a sentence that says where it is held",
                at: line.at,
                line: of_the_page.then_some(index),
            });
        };
        for verb in PLACING_VERBS {
            let Some(v) = lower.find(verb) else { continue };
            let after = v + verb.len();
            let sentence_end =
                lower[after..].find(['.', ';', '!', '?', '\n']).map_or(lower.len(), |e| after + e);
            // `take place on Friday, 12 April, at the X`: the first
            // preposition of place in the sentence
            // (from the verb's last word: `held at` ends in its preposition)
            let from = lower[..after].rfind(' ').filter(|&i| i > v).unwrap_or(after);
            let Some((p, len)) = PLACE_PREPOSITIONS
                .iter()
                .filter_map(|p| lower[from..sentence_end].find(p).map(|i| (from + i, p.len())))
                .min_by_key(|(i, _)| *i)
            else {
                continue;
            };
            let value = place_phrase(&line.text[p + len..]);
            // a place is named (capitalised, a digit, another script), not
            // a manner (`in person`, `in English`, `in the morning`)
            let named = |t: &str| {
                t.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_numeric() || !c.is_ascii())
            };
            let value_lower = value.to_lowercase();
            let article = ["the ", "el ", "la ", "le ", "l'", "il ", "los ", "las "]
                .iter()
                .find(|a| value_lower.starts_with(**a));
            let ok = match article {
                Some(a) => named(&value[a.len()..]),
                None => named(value),
            };
            if !ok {
                continue;
            }
            if let Some(name) = clean(value) {
                push(name);
                break;
            }
        }
        // CJK: the place before `で開催`, `にて開催`, `에서 개최`; after `在`
        // and before `举办`/`举行`
        for marker in ["にて開催", "で開催", "에서 개최", "에서 열"] {
            if let Some(i) = line.text.find(marker) {
                let before = &line.text[..i];
                let start = before
                    .char_indices()
                    .rev()
                    .find(|(_, c)| c.is_whitespace() || "、。，,：:（(」】)）".contains(*c))
                    .map_or(0, |(j, c)| j + c.len_utf8());
                if let Some(name) = clean(&before[start..]) {
                    push(name);
                }
            }
        }
        if let Some(i) = line.text.find('在') {
            let after = &line.text[i + '在'.len_utf8()..];
            if let Some(j) = ["举办", "举行", "召开"].iter().filter_map(|m| after.find(m)).min()
                && after[..j].chars().count() <= 40
                && let Some(name) = clean(&after[..j])
            {
                push(name);
            }
        }
    }
}

/// The place a sentence names after its preposition: up to what says
/// something else of the event (`in Mexico City, co-located with …`,
/// `at the X on 12 May`, `at the X from 9am`).
pub(super) fn place_phrase(value: &str) -> &str {
    let lower = value.to_lowercase();
    let mut end = value.len();
    for stop in [
        " on ",
        " from ",
        " during ",
        " between ",
        " for ",
        " with ",
        " to ",
        " and will ",
        " where ",
        " which ",
        " as part of ",
    ] {
        if let Some(i) = lower.find(stop) {
            end = end.min(i);
        }
    }
    // a comma before a word in lower case ends the place: `, co-located`
    for (i, _) in value.match_indices(", ") {
        if value[i + 2..].chars().next().is_some_and(char::is_lowercase) {
            end = end.min(i);
            break;
        }
    }
    value[..end].trim_end()
}

/// Lines outside the programme that open with a date (and maybe hours)
/// and go on to name a building, a city or a short name: `20 November
/// 2026 Masaryk University, Brno`, `5 - 9 October 2020 / Lund University`,
/// `January 2023, MBZUAI`.
pub(super) fn datelines(lines: &[Line<'_>], out: &mut Vec<Candidate>) {
    for (index, line) in lines.iter().enumerate().filter(|(_, l)| !l.programme) {
        if line.text.chars().count() > 200 {
            continue;
        }
        let found = dates::find(line.text);
        let (start, end) = match found.first() {
            Some(first) if first.year.is_some() => {
                (first.range.start, found.iter().map(|d| d.range.end).max().unwrap_or(0))
            }
            Some(_) => continue,
            None => match month_and_year(line.text) {
                Some(end) => (0, end),
                None => continue,
            },
        };
        // the date comes first, or right after the event's name and a dash
        let end = clock::all(&line.text[end..]).last().map_or(end, |c| end + c.range.end);
        let rest = &line.text[end..];
        let head = &line.text[..start];
        let before_is_date_or_name = head.trim().is_empty()
            || head.trim_end().ends_with(['-', '–', '|', ',', '/'])
            || city_in(head).is_some();
        if !before_is_date_or_name {
            continue;
        }
        // `15 March 2024 9:30–18:00` and, on the block's next line, the
        // building
        let (rest, index) = match lines.get(index + 1) {
            Some(next) if rest.trim().is_empty() && next.block == line.block => {
                (next.text, index + 1)
            }
            _ => (rest, index),
        };
        let lower = rest.to_lowercase();
        let building = names_a_building(&lower);
        let city = city_in(rest).is_some() || city_in(head).is_some();
        // a date and then only a short name in capitals: the host
        let trimmed = rest.trim_matches(|c: char| {
            c == ',' || c == '/' || c == '|' || c == '-' || c == '–' || c.is_whitespace()
        });
        let short_name = head.trim().is_empty()
            && rest.trim_start().starts_with([',', '/', '|', '-', '–', '@'])
            && (1..=4).contains(&trimmed.split_whitespace().count())
            && trimmed.split_whitespace().all(|w| w.chars().next().is_some_and(char::is_uppercase));
        if !building && !city && !short_name {
            continue;
        }
        // `Brno, 20 November 2026`: the city before the date
        let value = if building || short_name || city_in(rest).is_some() { rest } else { head };
        let value = value.trim_matches(|c: char| {
            c == ',' || c == '/' || c == '|' || c == '-' || c == '–' || c.is_whitespace()
        });
        if let Some(name) = clean(value) {
            out.push(Candidate {
                name,
                weight: 3,
                said: "the line with the event's date",
                at: line.at,
                line: Some(index),
            });
        }
    }
}

/// `January 2023`, `Oct. 2019` opening a line: where that month and year
/// end.
pub(super) fn month_and_year(text: &str) -> Option<usize> {
    let t = text.trim_start();
    let skipped = text.len() - t.len();
    let (word, rest) = t.split_once(char::is_whitespace)?;
    dates::month_number(word.trim_end_matches([',', '.']))?;
    let (year, range) = dates::years(rest).into_iter().next()?;
    let at = skipped + word.len() + (t.len() - word.len() - rest.len()) + range.start;
    (range.start == 0 && (1900..=2100).contains(&year)).then_some(at - range.start + range.end)
}

/// Addresses outside the programme: a street and its number, or a postcode
/// next to a city. A short line is the venue's line whole; in a longer one
/// only the street address is.
pub(super) fn addresses(lines: &[Line<'_>], out: &mut Vec<Candidate>) {
    for (index, line) in lines.iter().enumerate().filter(|(_, l)| !l.programme) {
        let street = address::find(line.text);
        if street.is_none() && !postcode_before_city(line.text) {
            continue;
        }
        let value = match street {
            Some(s) if line.text.chars().count() > 80 => s,
            _ => line.text,
        };
        if let Some(name) = clean(value) {
            out.push(Candidate {
                name,
                weight: 2,
                said: "an address",
                at: line.at,
                line: Some(index),
            });
        }
    }
}

/// The building the programme's rows keep naming: a cell that is only a
/// place (`PCTS, 407 Jadwin Hall`), a place in brackets (`(Hall A-2F-Room
/// 3)`: the building is the first part), a place after "at" (`reception
/// at The Liberty Hotel`). Named in two rows or more, it is where the
/// event is; named once, it is one session's room.
pub(super) fn programme_places(lines: &[Line<'_>], out: &mut Vec<Candidate>) {
    let mut seen: Vec<(String, String, Vec<usize>, usize)> = Vec::new();
    for (index, line) in
        lines.iter().enumerate().filter(|(_, l)| l.programme || l.in_programme_region)
    {
        for phrase in places_in_a_row(line.text) {
            let key = fold(&phrase);
            match seen.iter_mut().find(|s| s.0 == key) {
                Some(s) if !s.2.contains(&line.at) => s.2.push(line.at),
                Some(_) => {}
                None => seen.push((key, phrase, vec![line.at], index)),
            }
        }
    }
    let best = seen
        .into_iter()
        .filter(|s| s.2.len() >= 2)
        .max_by_key(|s| (s.2.len(), std::cmp::Reverse(s.3)));
    if let Some((_, phrase, rows, index)) = best
        && let Some(name) = clean(&phrase)
    {
        out.push(Candidate {
            name,
            weight: 1,
            said: "the place the programme's rows name",
            at: rows[0],
            line: Some(index),
        });
    }
}

/// Whether a place phrase carries a name of its own (`The Liberty Hotel`,
/// `Jadwin Hall`, `渴望會館`), not only words any building has (`Main
/// Auditorium`, `the lecture room`): a room's kind is no venue.
pub(super) fn has_a_name(text: &str) -> bool {
    const GENERIC: &[&str] = &[
        "the",
        "of",
        "a",
        "an",
        "main",
        "big",
        "small",
        "large",
        "lecture",
        "conference",
        "seminar",
        "meeting",
        "plenary",
        "front",
        "back",
        "upper",
        "lower",
        "level",
        "floor",
        "ground",
        "first",
        "second",
        "third",
        "east",
        "west",
        "north",
        "south",
        "new",
        "old",
        "grand",
        "great",
        "central",
        "foyer",
        "lobby",
        "poster",
        "session",
        "dining",
        "coffee",
        "lunch",
        "break",
        "area",
        "hotel",
        "hall",
        "room",
        "auditorium",
        "building",
        "center",
        "centre",
        "aula",
        "sala",
        "salle",
        "saal",
        "theatre",
        "theater",
        "library",
        "campus",
        "house",
    ];
    if !text.starts_with(|c: char| c.is_uppercase() || !c.is_ascii()) {
        return false;
    }
    text.split(|c: char| !c.is_alphanumeric() && c != '.').any(|w| {
        let lower = w.to_lowercase();
        let unspaced = w
            .chars()
            .any(|c| !c.is_ascii() && c.is_alphabetic() && !c.is_uppercase() && !c.is_lowercase());
        // a room's code (`A108`, `2F`) is not a name either
        let code = w.chars().any(|c| c.is_ascii_digit());
        (w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().count() >= 2
            && !code
            && !GENERIC.contains(&lower.trim_end_matches('.')))
            || unspaced && BUILDING_WORDS.iter().all(|b| lower != *b)
    })
}

/// The place phrases of one programme line.
pub(super) fn places_in_a_row(text: &str) -> Vec<String> {
    let is_place = |t: &str| {
        let lower = t.to_lowercase();
        names_a_building(&lower) && t.split_whitespace().count() <= 8 && has_a_name(t)
    };
    let mut out = Vec::new();
    for (open, close) in [('(', ')'), ('[', ']'), ('（', '）')] {
        let mut rest = text;
        while let Some(i) = rest.find(open) {
            let after = &rest[i + open.len_utf8()..];
            let Some(j) = after.find(close) else { break };
            let inner = after[..j].trim();
            // `Building-2F-Room`: the building
            let first = inner.split(['-', '－']).next().unwrap_or(inner).trim();
            if is_place(first) {
                out.push(first.to_owned());
            } else if is_place(inner) {
                out.push(inner.to_owned());
            }
            rest = &after[j + close.len_utf8()..];
        }
    }
    for (i, _) in text.match_indices(" at ") {
        let after = &text[i + 4..];
        if !after.starts_with(|c: char| c.is_uppercase()) {
            continue;
        }
        let end = after.find(['.', ',', ';', '(', '\n']).unwrap_or(after.len());
        if is_place(&after[..end]) {
            out.push(after[..end].trim().to_owned());
        }
    }
    // a cell that is only a place
    let trimmed = text.trim();
    if out.is_empty()
        && trimmed.split_whitespace().count() <= 6
        && is_place(trimmed)
        && clock::all(trimmed).is_empty()
        && dates::find(trimmed).is_empty()
    {
        out.push(trimmed.to_owned());
    }
    out
}

/// `9000 Gent`, `10117 Berlin`, `Brussels 1050`: a 4- or 5-digit number
/// right before or after a city's name (not a year: `Berlin 2024`).
pub(super) fn postcode_before_city(text: &str) -> bool {
    gazetteer::find(text).iter().any(|m| {
        if m.candidates.first().is_none_or(|c| gazetteer::place(*c).kind != PlaceKind::City) {
            return false;
        }
        let before = text[..m.range.start].trim_end();
        let after = text[m.range.end..].trim_start();
        let postcode = |s: &str| {
            (4..=5).contains(&s.len())
                && s.chars().all(|c| c.is_ascii_digit())
                && !(s.len() == 4 && (s.starts_with("19") || s.starts_with("20")))
        };
        let last = before.rsplit(|c: char| !c.is_ascii_digit()).next().unwrap_or("");
        let next = after.split(|c: char| !c.is_ascii_digit()).next().unwrap_or("");
        (before.ends_with(|c: char| c.is_ascii_digit()) && postcode(last))
            || (after.starts_with(|c: char| c.is_ascii_digit()) && postcode(next))
    })
}
