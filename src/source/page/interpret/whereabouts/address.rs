//! A street address inside a line: `900 Howe St`, `Oberseestrasse 10`,
//! `12 rue de la Paix`, `Calle Mayor 5`, `中关村南大街5号`.
//!
//! An address is a street word with its house number next to it, in the
//! order the street's language writes them: the number before an English
//! street name and before a French one, after a German or Dutch compound
//! and after a Spanish, Italian or Portuguese street name. A street word
//! with no number beside it ("Jane Street", "Wall Street Journal", "the
//! road ahead") names no address, nor does a number far from it.

/// English street words: the number comes first (`900 Howe St`).
const AFTER_NAME: &[&str] = &[
    "street",
    "st",
    "st.",
    "road",
    "rd",
    "rd.",
    "avenue",
    "ave",
    "ave.",
    "boulevard",
    "blvd",
    "blvd.",
    "lane",
    "ln",
    "ln.",
    "drive",
    "dr",
    "dr.",
    "way",
    "place",
    "pl",
    "pl.",
    "square",
    "sq",
    "parade",
    "terrace",
    "court",
    "ct",
    "highway",
    "hwy",
    "crescent",
    "close",
    "row",
];

/// Compound endings of German, Dutch and Nordic streets: the number comes
/// after the word (`Pleinlaan 2`).
const COMPOUND_ENDINGS: &[&str] = &[
    "strasse", "straße", "str.", "gasse", "weg", "platz", "allee", "ring", "damm", "ufer", "laan",
    "straat", "plein", "gracht", "kade", "gatan", "vägen", "vej", "gade", "gate", "veien", "katu",
    "tie",
];

/// Words that open a Romance street name: the number comes after the
/// name (`Via Roma 1`, `Av. Paulista 1578`) or, in French, before the
/// word (`12 rue de la Paix`).
const BEFORE_NAME: &[&str] = &[
    "calle",
    "avenida",
    "av.",
    "avda.",
    "paseo",
    "plaza",
    "carrer",
    "rua",
    "praça",
    "largo",
    "via",
    "viale",
    "piazza",
    "corso",
    "rue",
    "avenue",
    "boulevard",
    "bd",
    "quai",
    "allée",
    "chemin",
    "cours",
    "place",
    "pl.",
];

/// Small words inside a street's name.
const PARTICLES: &[&str] = &[
    "de", "del", "la", "las", "los", "el", "di", "da", "do", "dos", "das", "della", "delle", "dei",
    "du", "des", "le", "y", "e",
];

/// The street address a line holds, as written: from its first word to its
/// house number (or the street word, where the number comes first).
pub(super) fn find(text: &str) -> Option<&str> {
    let words = words(text);
    for (i, &(start, end)) in words.iter().enumerate() {
        let word = &text[start..end];
        let lower = word.to_lowercase();
        let bare = lower.trim_end_matches([',', ';', ':']);
        let number = |j: usize| words.get(j).is_some_and(|&(s, e)| house_number(&text[s..e]));
        // `900 Howe St`: a number, one to three capitalised words, the word
        if AFTER_NAME.contains(&bare) && i >= 2 {
            let mut j = i;
            while j > 0 && i - j < 3 && capitalised(&text[words[j - 1].0..words[j - 1].1]) {
                j -= 1;
            }
            if j < i && j > 0 && number(j - 1) {
                return Some(text[words[j - 1].0..end].trim_end_matches([',', ';', ':']));
            }
        }
        // `Oberseestrasse 10`: a compound street and its number
        if number(i + 1)
            && capitalised(word)
            && COMPOUND_ENDINGS.iter().any(|e| bare.ends_with(e) && bare.len() > e.len() + 2)
        {
            return Some(text[start..words[i + 1].1].trim_end_matches([',', ';', ':', '.']));
        }
        // `올림픽로 300`, `테헤란로 152`: a Korean road and its number
        if number(i + 1)
            && (bare.ends_with('로') || bare.ends_with('길'))
            && bare.chars().count() >= 2
        {
            return Some(text[start..words[i + 1].1].trim_end_matches([',', ';', ':', '.']));
        }
        if BEFORE_NAME.contains(&bare) {
            // `12 rue de la Paix`: the number, the word, the name to a comma
            if i > 0 && number(i - 1) {
                let stop =
                    text[end..].find([',', '(', '.', ';', '\n']).map_or(text.len(), |k| end + k);
                return Some(text[words[i - 1].0..stop].trim_end());
            }
            // `Via Roma 1`, `Calle Mayor, 5`: the word, a name, the number
            let mut j = i + 1;
            while j < words.len() && j - i <= 5 {
                if number(j) && j > i + 1 {
                    return Some(text[start..words[j].1].trim_end_matches([',', ';', ':', '.']));
                }
                let w = &text[words[j].0..words[j].1];
                // a street's name: capitalised words and their particles
                // (`Calle de la Paz 3`), not a sentence (`place on August 15`)
                if w.ends_with(['.', ';'])
                    || !(capitalised(w) || PARTICLES.contains(&w.to_lowercase().as_str()))
                {
                    break;
                }
                j += 1;
            }
        }
    }
    unspaced(text)
}

/// `中关村南大街5号`, `西新宿2丁目8番1号`: a street or block sign and a
/// number with its counter.
fn unspaced(text: &str) -> Option<&str> {
    for counter in ["号", "號", "番地", "番", "丁目", "번지", "번길"] {
        for (i, _) in text.match_indices(counter) {
            let before = &text[..i];
            let digits =
                before.chars().rev().take_while(|c| c.is_ascii_digit() || *c == '-').count();
            if digits == 0 {
                continue;
            }
            let number_start = i - digits;
            let sign = before[..number_start].chars().next_back();
            if sign.is_some_and(|c| "路街道巷弄里区區町丁目로길동".contains(c)) {
                let start = before[..number_start]
                    .char_indices()
                    .rev()
                    .find(|(_, c)| {
                        c.is_whitespace() || c.is_ascii_punctuation() || "、，。：（）".contains(*c)
                    })
                    .map_or(0, |(j, c)| j + c.len_utf8());
                return Some(&text[start..i + counter.len()]);
            }
        }
    }
    None
}

/// The words of a text, as byte ranges.
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// `10`, `900`, `12a`, `7-9`, `#100`, `5,`: a house number, not a year or a
/// date (a number of four digits starting 19 or 20 is a year).
fn house_number(word: &str) -> bool {
    let w = word
        .trim_start_matches(['#', 'n', 'N', 'º', '°', '.'])
        .trim_end_matches([',', ';', ':', ')', '.']);
    let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
    let rest = &w[digits.len()..];
    !digits.is_empty()
        && digits.len() <= 5
        && !(digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20")))
        && (rest.is_empty()
            || rest.len() == 1 && rest.chars().all(|c| c.is_ascii_alphabetic())
            || rest.starts_with('-') && rest[1..].chars().all(|c| c.is_ascii_digit()))
}

fn capitalised(word: &str) -> bool {
    word.trim_start_matches(['(', '[', '"', '\'']).chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::find;

    #[test]
    fn a_street_word_with_its_number_is_an_address() {
        assert_eq!(find("#### 900 Howe St #100, Vancouver, BC"), Some("900 Howe St"));
        assert_eq!(
            find("It is right next to the station, at Oberseestrasse 10 in Rapperswil"),
            Some("Oberseestrasse 10")
        );
        assert_eq!(
            find("Vrije Universiteit Brussel, Pleinlaan 2, 1050 Brussels"),
            Some("Pleinlaan 2")
        );
        assert_eq!(find("Rendez-vous au 12 rue de la Paix, Paris"), Some("12 rue de la Paix"));
        assert_eq!(
            find("Dinner at La Closerie, 34 Pl. des Lices, Rennes"),
            Some("34 Pl. des Lices")
        );
        assert_eq!(find("Sede: Calle Mayor 5, Madrid"), Some("Calle Mayor 5"));
        assert_eq!(find("北京市海淀区中关村南大街5号"), Some("北京市海淀区中关村南大街5号"));
        assert_eq!(find("Lotte Tower 31F | 서울시 송파구 올림픽로 300"), Some("올림픽로 300"));
    }

    #[test]
    fn a_street_word_alone_or_a_year_is_not() {
        assert_eq!(
            find(
                "The event will take place on Feb 7th and Feb 8th 2026 within Jane Street’s New York premises"
            ),
            None
        );
        assert_eq!(find("Jane Street NYC"), None);
        assert_eq!(find("Wall Street 2024 review"), None);
        assert_eq!(find("稀疏行動隨意網路下基於2-Hop鄰近節點資訊的地理路由方法"), None);
        assert_eq!(find("the road ahead in 2026"), None);
        assert_eq!(find("The day will take place on August 15, 2022"), None);
    }
}
