//! Places a page names, and the zones they are in.
//!
//! The table is generated from GeoNames and CLDR by `data/gen_places.py`
//! (provenance and licences in `data/README.md`) and read here once:
//! `places.tsv` has one row per country, first-level region and city of
//! 15,000 people or more; `names.tsv` maps each folded name to the rows it
//! names, most populous first. A name is found as written with a capital
//! (or in capitals), as whole words, longest first; names in scripts written
//! without spaces (Chinese, Japanese, Korean, Thai) are found inside words.
//!
//! A mention says which places it may be, never which one it is: "Paris"
//! is in France and in Texas, "Reading" is also a word. [`find`] gives
//! every candidate and what the page says around it ("Paris, Texas"); the
//! callers decide what is enough. [`find_zones`] is that decision for the
//! readers that want one zone per mention.
//!
//! Text is folded the way the generator folds names (lower case; accents
//! dropped from Latin, Greek and Cyrillic letters; `ß` → `ss`), so
//! "MÜNCHEN", "München" and "Munchen" are one key.

use std::ops::Range;
use std::sync::OnceLock;

use chrono_tz::Tz;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::model::Geo;

const PLACES: &str = include_str!("data/places.tsv");
const NAMES: &str = include_str!("data/names.tsv");

/// A row of the place table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct PlaceId(u32);

/// What a place is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    City,
    /// A first-level region: a state, province, Land.
    Region,
    Country,
}

/// A place of the table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Place {
    /// Its name in GeoNames ("Munich", "Bavaria", "Germany").
    pub(crate) name: &'static str,
    pub(crate) kind: Kind,
    /// ISO 3166-1 alpha-2 code.
    pub(crate) country: &'static str,
    /// GeoNames admin1 code of a region, or of a city's region; empty if none.
    pub(crate) region: &'static str,
    /// One zone for a city; every zone its cities use for a region or a
    /// country (sorted by name).
    pub(crate) zones: Vec<Tz>,
    /// People (for a region, those of its cities in the table).
    pub(crate) population: u64,
    /// The city's centre (for a region, its biggest city's); none for a country.
    pub(crate) geo: Option<Geo>,
}

/// A place name found in text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mention {
    /// The name as the text writes it, without a qualifier after it.
    pub(crate) range: Range<usize>,
    /// The places the name may be, most populous first; never empty. A
    /// qualifier ("Paris, Texas") leaves only those in the place it names.
    pub(crate) candidates: Vec<PlaceId>,
    /// The name is also a word, a given name or a surname ("Reading",
    /// "Nice", "Jackson"), or very short: it counts only with support, such
    /// as a qualifier.
    pub(crate) common_word: bool,
    /// The country or region written after the name (`, France`, `, MA`,
    /// ` (Canada)`) that the candidates were narrowed to.
    pub(crate) qualified_by: Option<PlaceId>,
}

/// A name of `names.tsv`: the rows it names.
#[derive(Clone, Copy)]
struct Name {
    /// Row numbers, most populous first; a `q` suffix marks a name that is
    /// only a qualifier there ("MA" after a city, not on its own).
    ids: &'static str,
    common: bool,
}

struct Table {
    /// Where each row of `places.tsv` starts.
    places: Vec<u32>,
    /// Where each line of `names.tsv` starts (they are sorted by key).
    names: Vec<u32>,
    /// Whether some key starts with the byte: a word starting with another
    /// (a number, mostly) starts no name.
    first: [bool; 256],
    /// The first eight bytes of each name's key, as a big-endian number:
    /// most comparisons of a search end there.
    prefixes: Vec<u64>,
    /// For each first two bytes of a key, the first name at or after them:
    /// a look-up searches a few dozen names instead of all of them.
    buckets: Vec<u32>,
    /// The first region row and the first city row.
    regions: usize,
    cities: usize,
}

/// The table, split into lines on first use (a few milliseconds: lines are
/// found with memchr and nothing else is parsed until it is asked for).
fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let places = line_starts(PLACES);
        let names = line_starts(NAMES);
        let prefixes: Vec<u64> =
            names.iter().map(|&start| prefix(&NAMES[start as usize..])).collect();
        let mut buckets = vec![0u32; 0x1_0001];
        let mut next = 0;
        for (i, &p) in prefixes.iter().enumerate() {
            let b = (p >> 48) as usize;
            while next <= b {
                buckets[next] = i as u32;
                next += 1;
            }
        }
        for slot in &mut buckets[next..] {
            *slot = names.len() as u32;
        }
        let kind_of = |i: usize| PLACES.as_bytes()[places[i] as usize];
        let regions = (0..places.len()).find(|&i| kind_of(i) != b'C').unwrap_or(places.len());
        let cities = (regions..places.len()).find(|&i| kind_of(i) == b'P').unwrap_or(places.len());
        let mut first = [false; 256];
        for &start in &names {
            first[usize::from(NAMES.as_bytes()[start as usize])] = true;
        }
        Table { places, names, first, prefixes, buckets, regions, cities }
    })
}

fn line_starts(text: &str) -> Vec<u32> {
    let mut out = Vec::with_capacity(text.len() / 24);
    out.push(0);
    out.extend(
        memchr::memchr_iter(b'\n', text.as_bytes())
            .map(|end| end as u32 + 1)
            .filter(|&start| (start as usize) < text.len()),
    );
    out
}

/// The first eight bytes of a key (up to a tab), zero-padded, as a number
/// that sorts as the keys do.
fn prefix(key: &str) -> u64 {
    let mut bytes = [0u8; 8];
    for (slot, &b) in bytes.iter_mut().zip(key.as_bytes().iter().take_while(|&&b| b != b'\t')) {
        *slot = b;
    }
    u64::from_be_bytes(bytes)
}

fn line(text: &'static str, starts: &[u32], i: usize) -> &'static str {
    let start = starts[i] as usize;
    let end = starts.get(i + 1).map_or(text.len(), |&e| e as usize);
    text[start..end].trim_end_matches('\n')
}

impl Table {
    fn name(&self, i: usize) -> Option<Name> {
        if i >= self.names.len() {
            return None;
        }
        let line = line(NAMES, &self.names, i);
        let rest = line.split_once('\t').map_or("", |(_, rest)| rest);
        let (ids, flag) = rest.split_once('\t').unwrap_or((rest, ""));
        Some(Name { ids, common: flag == "c" })
    }

    fn key(&self, i: usize) -> &'static str {
        // up to the tab (or the line's end): what `line` then `split_once`
        // give, without finding the line's end first
        let rest = &NAMES[self.names[i] as usize..];
        &rest[..memchr::memchr2(b'\t', b'\n', rest.as_bytes()).unwrap_or(rest.len())]
    }

    /// The name at `i` if its key is `key`.
    fn exact(&self, i: usize, key: &str) -> Option<Name> {
        // a key shorter than 8 bytes is all in its prefix (keys hold no NUL)
        let same =
            self.prefixes.get(i) == Some(&prefix(key)) && (key.len() < 8 || self.key(i) == key);
        if same { self.name(i) } else { None }
    }

    /// Whether the name at `i` is longer than `key` and starts with it (then
    /// with a space if `word`).
    fn extends(&self, i: usize, key: &str, word: bool) -> bool {
        let n = key.len().min(8);
        let mask = if n == 0 { 0 } else { u64::MAX << (8 * (8 - n)) };
        let Some(&p) = self.prefixes.get(i) else { return false };
        if p & mask != prefix(key) & mask {
            return false;
        }
        let k = self.key(i);
        k.len() > key.len() && k.starts_with(key) && (!word || k.as_bytes()[key.len()] == b' ')
    }

    /// The index of the first name not below `key`.
    fn lower_bound(&self, key: &str) -> usize {
        let q = prefix(key);
        let b = (q >> 48) as usize;
        let (mut lo, mut hi) = (self.buckets[b] as usize, self.buckets[b + 1] as usize);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let p = self.prefixes[mid];
            // equal prefixes of a key under 8 bytes are equal keys
            let below = if p == q { key.len() >= 8 && self.key(mid) < key } else { p < q };
            if below {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    fn row(&self, id: PlaceId) -> Row {
        let mut f = line(PLACES, &self.places, id.0 as usize).splitn(8, '\t');
        let mut next = || f.next().unwrap_or("");
        let kind = match next() {
            "C" => Kind::Country,
            "R" => Kind::Region,
            _ => Kind::City,
        };
        let (country, region) = (next(), next());
        let population = next().parse().unwrap_or(0);
        let (lat, lon, zones, name) = (next(), next(), next(), next());
        Row { kind, country, region, population, lat, lon, zones, name }
    }
}

/// A row's fields, unparsed but for the cheap ones.
struct Row {
    kind: Kind,
    country: &'static str,
    region: &'static str,
    population: u64,
    lat: &'static str,
    lon: &'static str,
    zones: &'static str,
    name: &'static str,
}

impl Row {
    fn zones(&self) -> Vec<Tz> {
        if self.zones.is_empty() {
            // a city in its region's (or country's) only zone leaves it unsaid
            inherited_zone(self.country, self.region).into_iter().collect()
        } else {
            self.zones.split(',').filter_map(|z| z.parse().ok()).collect()
        }
    }
}

/// The place of a row.
pub(crate) fn place(id: PlaceId) -> Place {
    let r = table().row(id);
    let geo = match (r.lat.parse::<f64>(), r.lon.parse::<f64>()) {
        // hundredths of a degree
        (Ok(lat), Ok(lon)) => Some(Geo { lat: lat / 100.0, lon: lon / 100.0 }),
        _ => None,
    };
    Place {
        name: r.name,
        kind: r.kind,
        country: r.country,
        region: r.region,
        zones: r.zones(),
        population: r.population,
        geo,
    }
}

/// The country whose ISO 3166-1 code is `code`.
pub(crate) fn country(code: &str) -> Option<PlaceId> {
    let t = table();
    // countries come first, sorted by code
    let (mut lo, mut hi) = (0, t.regions);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if t.row(PlaceId(mid as u32)).country < code {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    (lo < t.regions && t.row(PlaceId(lo as u32)).country == code).then_some(PlaceId(lo as u32))
}

/// The zones a place may be in (one for a city).
pub(crate) fn zones_of(id: PlaceId) -> Vec<Tz> {
    table().row(id).zones()
}

fn inherited_zone(country: &str, region: &str) -> Option<Tz> {
    let t = table();
    // countries sorted by code, regions by country and code
    let (mut lo, mut hi) = if region.is_empty() { (0, t.regions) } else { (t.regions, t.cities) };
    let key = |r: &Row| (r.country, if region.is_empty() { "" } else { r.region });
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if key(&t.row(PlaceId(mid as u32))) < (country, region) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    let end = if region.is_empty() { t.regions } else { t.cities };
    let found = (lo < end).then(|| t.row(PlaceId(lo as u32)))?;
    if key(&found) != (country, region) || found.zones.contains(',') {
        return None;
    }
    found.zones.parse().ok()
}

/// Every place name in `text`, in order, the longest where names overlap.
///
/// A name followed by `, <country or region>` or ` (<country>)` (or a
/// region's code after a space: `Cambridge MA`) is qualified: its
/// candidates are narrowed to those in that place, when any are.
pub(crate) fn find(text: &str) -> Vec<Mention> {
    let t = table();
    let tokens = tokens(text);
    let mut out = Vec::new();
    let mut key = String::new();
    let mut i = 0;
    while i < tokens.len() {
        let tok = &tokens[i];
        if tok.unspaced {
            // names inside the word: 北京市朝阳区 holds 北京
            let mut at = tok.range().start;
            while at < tok.range().end {
                match longest_unspaced(t, &text[at..tok.range().end], &mut key) {
                    Some((len, name)) => {
                        let candidates = ids(&name, false);
                        if !candidates.is_empty() && !inside_a_word(text, at..at + len) {
                            out.push(Mention {
                                range: at..at + len,
                                candidates,
                                common_word: name.common,
                                qualified_by: None,
                            });
                        }
                        at += len;
                    }
                    None => at += text[at..].chars().next().map_or(1, char::len_utf8),
                }
            }
            i += 1;
            continue;
        }
        let Some((n, name)) = longest_words(t, text, &tokens[i..], &mut key, false) else {
            i += 1;
            continue;
        };
        let candidates = ids(&name, false);
        if candidates.is_empty() {
            i += n;
            continue;
        }
        let range = tok.range().start..tokens[i + n - 1].range().end;
        let mut mention =
            Mention { range, candidates, common_word: name.common, qualified_by: None };
        qualify(t, text, &tokens[i + n..], &mut mention, &mut key);
        out.push(mention);
        i += n;
    }
    out
}

/// Katakana is written for loanwords, run together: `タイ` (Thailand) inside
/// `タイムテーブル` (timetable) is part of another word. A name in katakana
/// is a place only as a whole run, one in hangul only at a word's start
/// (particles follow it: `서울에서`); kanji compounds hold their places
/// (`北京市`).
fn inside_a_word(text: &str, range: Range<usize>) -> bool {
    let katakana = |c: char| matches!(c, '\u{30a0}'..='\u{30ff}' | '\u{31f0}'..='\u{31ff}' | '\u{ff66}'..='\u{ff9f}');
    let hangul = |c: char| matches!(c, '\u{ac00}'..='\u{d7af}' | '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}');
    let name = &text[range.clone()];
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    if name.chars().all(|c| katakana(c) || c == '・') {
        return before.is_some_and(katakana) || after.is_some_and(katakana);
    }
    if name.chars().all(hangul) {
        return before.is_some_and(hangul);
    }
    false
}

/// Narrows `m` by the country or region written right after it, and by one
/// after that ("Cambridge, MA, USA").
fn qualify(t: &Table, text: &str, rest: &[Token], m: &mut Mention, key: &mut String) {
    let mut end = m.range.end;
    let mut rest = rest;
    while let Some(next) = rest.first() {
        let between = &text[end..next.range().start];
        let sep = between.trim();
        let code_only = sep.is_empty();
        if !(sep == "," || sep == "(" || code_only) || between.contains('\n') {
            return;
        }
        let Some((n, name)) = longest_words(t, text, rest, key, true) else { return };
        let written = &text[next.range().start..rest[n - 1].range().end];
        let qualifiers: Vec<PlaceId> = name
            .ids
            .split(',')
            .filter(|id| !code_only || id.ends_with('q'))
            .filter(|id| !id.ends_with('q') || is_all_caps(written))
            .filter_map(|id| id.trim_end_matches('q').parse().ok().map(PlaceId))
            .collect();
        let narrowed = qualifiers.iter().find_map(|&q| {
            let outer = t.row(q);
            if outer.kind == Kind::City {
                return None;
            }
            let kept: Vec<PlaceId> = m
                .candidates
                .iter()
                .copied()
                .filter(|&c| c != q && is_within(&t.row(c), &outer))
                .collect();
            (!kept.is_empty()).then_some((q, kept))
        });
        let Some((q, kept)) = narrowed else { return };
        m.candidates = kept;
        m.qualified_by.get_or_insert(q);
        end = rest[n - 1].range().end;
        rest = &rest[n..];
    }
}

fn is_within(p: &Row, outer: &Row) -> bool {
    p.country == outer.country
        && match outer.kind {
            Kind::Country => p.kind != Kind::Country,
            Kind::Region => p.kind == Kind::City && p.region == outer.region,
            Kind::City => false,
        }
}

fn is_all_caps(s: &str) -> bool {
    s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase)
}

/// The rows a name names; with `qualifier`, also those where it is only a
/// qualifier.
fn ids(name: &Name, qualifier: bool) -> Vec<PlaceId> {
    name.ids
        .split(',')
        .filter(|id| qualifier || !id.ends_with('q'))
        .filter_map(|id| id.trim_end_matches('q').parse().ok().map(PlaceId))
        .collect()
}

/// A run of word characters, split where a script written without spaces
/// starts or stops. Offsets are `u32` to keep a megabyte's tokens small.
struct Token {
    start: u32,
    end: u32,
    unspaced: bool,
}

impl Token {
    fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Han, kana, hangul and Thai: scripts whose words are not spaced apart.
fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0E7F | 0x1100..=0x11FF | 0x3005..=0x3007 | 0x3040..=0x30FF | 0x3130..=0x318F
        | 0x31F0..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

fn tokens(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out: Vec<Token> = Vec::with_capacity(text.len() / 8);
    let mut current: Option<Token> = None;
    let mut i = 0;
    while i < bytes.len() {
        // ASCII without decoding: most text is
        let (len, word, unspaced) = if bytes[i].is_ascii() {
            (1, bytes[i].is_ascii_alphanumeric(), false)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.len_utf8(), is_word_char(c), is_unspaced(c))
        };
        let end = (i + len) as u32;
        if !word {
            out.extend(current.take());
        } else {
            match &mut current {
                Some(tok) if tok.unspaced == unspaced => tok.end = end,
                _ => {
                    out.extend(current.take());
                    current = Some(Token { start: i as u32, end, unspaced });
                }
            }
        }
        i += len;
    }
    out.extend(current);
    out
}

/// The longest name made of whole words from the start of `tokens`, written
/// as a name is (capitalised first and last words, or in capitals), with
/// the number of words it takes. With `qualifier`, codes count too.
fn longest_words(
    t: &Table,
    text: &str,
    tokens: &[Token],
    key: &mut String,
    qualifier: bool,
) -> Option<(usize, Name)> {
    let first = &text[tokens.first()?.range()];
    if starts_lower(first) || tokens[0].unspaced {
        return None;
    }
    key.clear();
    let mut best = None;
    for (n, tok) in tokens.iter().enumerate() {
        if n > 0 {
            // the words of one name are apart by a space, a hyphen, a dot or
            // an apostrophe: "Saint-Étienne", "St. Louis", "Frankfurt a.M."
            let gap = &text[tokens[n - 1].range().end..tok.range().start];
            if gap.chars().count() > 2
                || !gap.chars().all(|c| matches!(c, ' ' | '\u{a0}' | '-' | '.' | '\'' | '’' | '/'))
                || tok.unspaced
            {
                break;
            }
            key.push(' ');
        }
        let word = &text[tok.range()];
        fold_into(word, key);
        if n == 0 && key.as_bytes().first().is_some_and(|&b| !t.first[usize::from(b)]) {
            // no name is `key` or starts with it
            return None;
        }
        let at = t.lower_bound(key);
        let exact = t.exact(at, key);
        if let Some(name) = exact
            && !starts_lower(word)
            && (n > 0 || !is_short_code(word) || qualifier)
        {
            best = Some((n + 1, name));
        }
        let after = at + usize::from(exact.is_some());
        if !t.extends(after, key, true) {
            break;
        }
    }
    best
}

/// `ABC`: in capitals and at most three letters, as acronyms are; such a
/// word names a place only as a qualifier ("Cambridge, MA").
fn is_short_code(word: &str) -> bool {
    word.chars().count() <= 3 && is_all_caps(word)
}

fn starts_lower(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
}

/// The longest name of at least two characters at the start of `s`, in a
/// script written without spaces, with its length in bytes.
fn longest_unspaced(t: &Table, s: &str, key: &mut String) -> Option<(usize, Name)> {
    key.clear();
    let mut best = None;
    for (i, c) in s.char_indices() {
        fold_into(c.encode_utf8(&mut [0; 4]), key);
        let at = t.lower_bound(key);
        let exact = t.exact(at, key);
        if let Some(name) = exact
            && i > 0
        {
            best = Some((i + c.len_utf8(), name));
        }
        let after = at + usize::from(exact.is_some());
        if !t.extends(after, key, false) {
            break;
        }
    }
    best
}

/// Whether `written` is the place's own name (or its ASCII spelling), not
/// one of its other names: local spellings and nicknames of small places
/// (`Perl` for Pearl, Mississippi) are more often something else.
pub(crate) fn is_main_name(written: &str, place: &Place) -> bool {
    let (mut a, mut b) = (String::new(), String::new());
    fold_into(written, &mut a);
    fold_into(place.name, &mut b);
    a == b || a.starts_with(&b) || b.starts_with(&a)
}

/// Appends `word` as the table keys it: lower case, without accents on
/// Latin, Greek and Cyrillic letters (elsewhere a mark is part of the
/// letter: kana voicing, Devanagari vowels). `gen_places.py` has the same
/// `fold_char`.
fn fold_into(word: &str, out: &mut String) {
    let push = |c: char, out: &mut String| match c {
        'ß' => out.push_str("ss"),
        'æ' => out.push_str("ae"),
        'œ' => out.push_str("oe"),
        'þ' => out.push_str("th"),
        'ø' => out.push('o'),
        'đ' | 'ð' => out.push('d'),
        'ł' => out.push('l'),
        'ı' => out.push('i'),
        'ħ' => out.push('h'),
        'ŧ' => out.push('t'),
        'ς' => out.push('σ'),
        c => out.push(c),
    };
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        for lower in c.to_lowercase() {
            let o = lower as u32;
            if o < 0x530 || (0x1E00..0x2000).contains(&o) {
                decompose_canonical(lower, |d| {
                    if !is_combining_mark(d) {
                        push(d, out);
                    }
                });
            } else {
                push(lower, out);
            }
        }
    }
}

/// Whether the word before or after `range` is a capitalised word (not an
/// acronym such as "ETH" or "UC") joined to it by a space or a hyphen.
fn beside_a_name(text: &str, range: &Range<usize>) -> bool {
    let is_name =
        |word: &str| word.chars().next().is_some_and(char::is_uppercase) && !is_all_caps(word);
    let before = &text[..range.start];
    let joined = before.strip_suffix(' ').or_else(|| before.strip_suffix('-'));
    let before_is_name = joined.is_some_and(|rest| {
        let start = rest.trim_end_matches(is_word_char).len();
        is_name(&rest[start..])
    });
    let after = &text[range.end..];
    let joined = after.strip_prefix(' ').or_else(|| after.strip_prefix('-'));
    let after_is_name = joined.is_some_and(|rest| {
        let end = rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len());
        is_name(&rest[..end])
    });
    before_is_name || after_is_name
}

/// A place named in text whose zone is clear, in the shape the readers
/// used before the table had candidates.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ZonedPlace {
    /// The name as written.
    pub(crate) name: String,
    pub(crate) zone: Tz,
    pub(crate) range: Range<usize>,
}

/// The mentions of [`find`] that name one zone plainly enough to act on
/// without other evidence: not a common word unless qualified; a country
/// or region with one zone; a city whose candidates keep its clock, or
/// whose biggest candidate is at least [`DOMINANT`] times the next (London,
/// England rather than London, Ontario). A place of under a million people written
/// right beside another capitalised word, as in "Fernando Pereira" or "Hari
/// Babu Kommi", is taken for part of a person's name unless qualified.
pub(crate) fn find_zones(text: &str) -> Vec<ZonedPlace> {
    find(text)
        .into_iter()
        .filter_map(|m| {
            let zone = plain_zone(text, &m)?;
            Some(ZonedPlace { name: text[m.range.clone()].to_owned(), zone, range: m.range })
        })
        .collect()
}

/// People of a place whose name is written more often as itself than as a
/// person's: a page's "London" is the city whatever stands around it.
const KNOWN: u64 = 1_000_000;

/// The zone [`find_zones`] gives mention `m` of `text` (one [`find`] found
/// there), if it gives one.
pub(crate) fn plain_zone(text: &str, m: &Mention) -> Option<Tz> {
    if m.common_word && m.qualified_by.is_none() {
        return None;
    }
    let t = table();
    let first = t.row(*m.candidates.first()?);
    // a region's population is its cities' sum: "Vladimir" (the oblast) is
    // as often the given name as the city is
    let small = first.kind == Kind::Region || first.population < KNOWN;
    if m.qualified_by.is_none() && small && beside_a_name(text, &m.range) {
        return None;
    }
    let [zone] = first.zones()[..] else { return None };
    let Some(&second) = m.candidates.get(1) else { return Some(zone) };
    let second = t.row(second);
    let same = m.candidates[1..].iter().all(|&c| same_clock(&zones_of(c), zone));
    (same || first.population >= DOMINANT * second.population).then_some(zone)
}

/// How many times bigger than the next a place must be to be the one a
/// bare name means. Ten, not more: San Francisco, California is ten times
/// San Francisco in the Philippines' Caraga region.
const DOMINANT: u64 = 10;

/// Whether `zones` is one zone keeping the same clock as `zone` (America/
/// Vancouver and America/Los_Angeles): the 15th of each month of a recent
/// year has the same offset in both.
fn same_clock(zones: &[Tz], zone: Tz) -> bool {
    use chrono::{NaiveDate, Offset, TimeZone};
    let [other] = zones else { return false };
    other == &zone
        || (1..=12).all(|month| {
            let noon = NaiveDate::from_ymd_opt(2025, month, 15)
                .and_then(|d| d.and_hms_opt(12, 0, 0))
                .expect("a date");
            let offset = |tz: Tz| tz.offset_from_utc_datetime(&noon).fix();
            offset(*other) == offset(zone)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The zones of each mention's first candidate.
    fn zones(text: &str) -> Vec<&'static str> {
        find_zones(text).into_iter().map(|p| p.zone.name()).collect()
    }

    fn only(text: &str) -> Mention {
        let found = find(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().expect("one mention")
    }

    fn first_zone(text: &str) -> &'static str {
        zones_of(only(text).candidates[0])[0].name()
    }

    #[test]
    fn countries_by_their_code() {
        assert_eq!(country("NO").map(|c| place(c).name), Some("Norway"));
        assert_eq!(country("XX"), None);
    }

    #[test]
    fn katakana_and_hangul_names_are_whole_words() {
        assert!(find("タイムテーブル").is_empty(), "timetable is not Thailand");
        assert_eq!(find("タイ料理").len(), 1, "Thai cooking");
        assert!(find("대서울").is_empty());
        assert_eq!(find("서울에서 만나요").len(), 1);
    }

    #[test]
    fn cities_by_their_names_in_any_language() {
        assert_eq!(first_zone("Lahore"), "Asia/Karachi");
        assert_eq!(first_zone("Innsbruck"), "Europe/Vienna");
        assert_eq!(first_zone("Bengaluru"), "Asia/Kolkata");
        assert_eq!(first_zone("Bangalore"), "Asia/Kolkata");
        assert_eq!(first_zone("München"), "Europe/Berlin");
        assert_eq!(first_zone("MÜNCHEN"), "Europe/Berlin");
        assert_eq!(first_zone("Muenchen"), "Europe/Berlin");
        assert_eq!(first_zone("Munich"), "Europe/Berlin");
        assert_eq!(first_zone("서울"), "Asia/Seoul");
        assert_eq!(zones("Rio de Janeiro"), ["America/Sao_Paulo"]);
        assert_eq!(zones("San Francisco"), ["America/Los_Angeles"]);
        assert_eq!(zones("Frankfurt am Main"), ["Europe/Berlin"]);
    }

    #[test]
    fn names_inside_words_of_unspaced_scripts() {
        let found = find("会場：北京市朝阳区");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(zones_of(found[0].candidates[0]), [Tz::Asia__Shanghai]);
        assert_eq!(&"会場：北京市朝阳区"[found[0].range.clone()], "北京市");
        assert_eq!(zones("東京都"), ["Asia/Tokyo"], "not 京都 inside it");
    }

    #[test]
    fn a_qualifier_narrows_the_candidates() {
        let paris = only_first("Paris, Texas");
        assert_eq!(zones_of(paris.candidates[0]), [Tz::America__Chicago]);
        assert_eq!(place(paris.qualified_by.expect("qualified")).name, "Texas");
        let cambridge = only_first("Cambridge, MA");
        assert_eq!(zones_of(cambridge.candidates[0]), [Tz::America__New_York]);
        let cambridge = only_first("Cambridge MA 02139");
        assert_eq!(zones_of(cambridge.candidates[0]), [Tz::America__New_York]);
        let cambridge = only_first("Cambridge, UK");
        assert_eq!(zones_of(cambridge.candidates[0]), [Tz::Europe__London]);
        let london = only_first("London, Ontario");
        assert_eq!(zones_of(london.candidates[0]), [Tz::America__Toronto]);
        assert_eq!(zones("London, Ontario"), ["America/Toronto"]);
        let washington = only_first("Washington, D.C.");
        assert_eq!(zones_of(washington.candidates[0]), [Tz::America__New_York]);
        // not a qualifier: the list goes on
        assert_eq!(find("Paris, Berlin").len(), 2);
        assert_eq!(find("Paris, Berlin")[0].qualified_by, None);
    }

    fn only_first(text: &str) -> Mention {
        find(text).into_iter().next().expect("a mention")
    }

    #[test]
    fn candidates_come_most_populous_first() {
        let perth = only("Perth");
        assert!(perth.candidates.len() >= 2);
        assert_eq!(place(perth.candidates[0]).country, "AU");
        assert!(perth.candidates[1..].iter().any(|&c| place(c).country == "GB"));
        assert_eq!(zones("Perth"), ["Australia/Perth"]);
    }

    #[test]
    fn names_that_are_words_or_people() {
        for word in ["Reading", "Nice", "Mobile", "Phoenix", "Aurora", "Split", "Bath"] {
            assert!(only(word).common_word, "{word}");
            assert!(zones(word).is_empty(), "{word}");
        }
        for name in ["Victoria", "Jackson", "Florence", "Georgia"] {
            assert!(only(name).common_word, "{name}");
        }
        // with a qualifier it counts
        assert_eq!(zones("Nice, France"), ["Europe/Paris"; 2], "Nice, and France");
        assert_eq!(zones("Reading, UK"), ["Europe/London"]);
        // a speaker's surname that is a small town's name
        for talk in ["Keynote by Anna Wilson", "Dr. Ito Takahashi"] {
            for m in find(talk) {
                let p = place(m.candidates[0]);
                assert!(m.common_word || p.population < 100_000, "{talk}: {p:?}");
            }
        }
        assert!(zones("Alexis Palmer and Charles Darwin").is_empty());
        assert!(zones("UC Davis").is_empty());
        assert!(zones("londonderry vancouverite").is_empty(), "whole words with a capital");
        assert!(zones("reading in nice weather").is_empty());
        assert!(zones("Fernando Pereira and Hari Babu Kommi").is_empty(), "people");
        assert!(zones("Vladimir Vovk").is_empty(), "a person, not the oblast");
        assert_eq!(zones("Lunch (self-sourced in Brixen)"), ["Europe/Rome"]);
    }

    #[test]
    fn countries_and_regions() {
        let australia = only("Australia");
        assert_eq!(place(australia.candidates[0]).kind, Kind::Country);
        assert!(zones_of(australia.candidates[0]).len() > 3);
        assert!(zones("Australia").is_empty(), "several zones: no one zone");
        for name in ["Germany", "Deutschland", "Allemagne", "Alemania", "ドイツ"] {
            assert_eq!(zones(name), ["Europe/Berlin"], "{name}");
        }
        assert_eq!(zones("Türkiye"), ["Europe/Istanbul"]);
        assert_eq!(zones("South Korea"), ["Asia/Seoul"]);
        assert_eq!(zones("California"), ["America/Los_Angeles"]);
        assert_eq!(place(only("New South Wales").candidates[0]).kind, Kind::Region);
    }

    #[test]
    fn the_old_readers_cases() {
        assert_eq!(zones("ST Center, Seoul, Korea"), ["Asia/Seoul"]);
        assert_eq!(zones("New York, New York")[0], "America/New_York");
        assert_eq!(zones("Universidad de Buenos Aires"), ["America/Argentina/Buenos_Aires"]);
        assert_eq!(zones("San Diego, California"), ["America/Los_Angeles"; 2]);
    }

    #[test]
    fn every_row_parses() {
        let t = table();
        for i in 0..t.places.len() {
            let p = place(PlaceId(i as u32));
            assert!(!p.zones.is_empty(), "{p:?}");
            assert!(p.kind != Kind::City || p.zones.len() == 1, "{p:?}");
            assert!(!p.name.is_empty());
        }
        assert!((1..t.names.len()).all(|i| t.key(i - 1) < t.key(i)), "names.tsv is sorted");
    }

    /// `cargo test --release -- --ignored --nocapture timings`: the table
    /// loads in a few milliseconds and a megabyte of text scans in about ten.
    #[test]
    #[ignore = "a measurement, for release builds"]
    fn timings() {
        let start = std::time::Instant::now();
        let t = table();
        let load = start.elapsed();
        let paragraph = "The Summer School on Data Science takes place at the \
            Congress Centre in Innsbruck, Austria, from 12 to 16 June. Speakers: \
            Anna Wilson (University of Reading, UK), Luis García (Universidad de \
            Buenos Aires), Chen Wei (Peking University, 北京市海淀区). Lunch is \
            served at noon; the social dinner is in the Old Town. Reading group \
            at 18:00. Registration closes on 1 May (AoE). Contact the organisers \
            by email for travel grants, visa letters and accessibility needs.\n";
        // SYMCAL_SCAN_TEXT names a file of real text to measure instead
        let text = match std::env::var("SYMCAL_SCAN_TEXT") {
            Ok(path) => std::fs::read_to_string(path).expect("a text file"),
            Err(_) => paragraph.repeat((1 << 20) / paragraph.len() + 1),
        };
        let start = std::time::Instant::now();
        let found = find(&text);
        let scan = start.elapsed();
        let start = std::time::Instant::now();
        let zoned = find_zones(&text);
        let scan_zones = start.elapsed();
        // stdout, not a print macro: the library denies those
        use std::io::Write as _;
        writeln!(
            std::io::stdout(),
            "load: {load:?} ({} places, {} names); find over {} bytes: {scan:?} \
             ({} mentions); find_zones: {scan_zones:?} ({} zoned)",
            t.places.len(),
            t.names.len(),
            text.len(),
            found.len(),
            zoned.len()
        )
        .expect("stdout");
    }

    #[test]
    fn folding_is_the_generators() {
        let fold = |s: &str| {
            let mut out = String::new();
            fold_into(s, &mut out);
            out
        };
        assert_eq!(fold("MÜNCHEN"), "munchen");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("ΑΘΗΝΑΣ"), "αθηνασ");
        assert_eq!(fold("ガ"), "ガ", "kana keep their voicing");
    }
}
