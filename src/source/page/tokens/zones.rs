//! What a page says about its clock: IANA names (`America/New_York`,
//! `US/Eastern`), abbreviations (`EDT`, `PT`, `CEST`, `MESZ`, `IST`), names
//! in many languages (`Pacific Time`, `heure normale d’Europe centrale`,
//! `日本標準時`, `horário de Brasília`), offsets (`UTC+8`, `UTC + 8`,
//! `GMT-3`, `UTC+05:30`) and `AoE`.
//!
//! A phrase gives candidate zones and, for abbreviations, whether it means
//! summer time: the reader checks that against the date and lets a place
//! or an offset on the page choose between candidates (IST is India,
//! Israel or Ireland). A phrase never becomes a TZID by itself: an offset
//! with no place is a fixed-offset zone only as the last resort.
//!
//! Abbreviations and names come from `data/zones.tsv`, which
//! `data/gen_zones.py` writes from PostgreSQL's abbreviation sets, CLDR's
//! metazone names and tzdb (`data/README.md`); this module only reads it.
//! Offsets and `AoE` are grammar, not data, and stay here.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::OnceLock;

use chrono_tz::Tz;

/// What one phrase says.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Phrase {
    /// The zones it may mean, most likely first: one per meaning (IST:
    /// Israel, India, Ireland), each standing for every zone on its clock.
    pub(crate) zones: Vec<Tz>,
    /// A fixed offset it states, in seconds east (`UTC+8`, `EDT` = −4 h).
    pub(crate) offset: Option<i32>,
    /// Whether it names summer time (`EDT`), winter time (`EST`) or either (`ET`).
    pub(crate) dst: Option<bool>,
    pub(crate) range: Range<usize>,
    /// Anywhere on Earth: a deadline convention, UTC−12.
    pub(crate) aoe: bool,
    /// The zones that keep the clock of one of `zones` today (CLDR's
    /// metazone: `CEST` is Paris, Berlin, Zürich, …), for a place on the
    /// page to name the precise one.
    pub(crate) members: Vec<Tz>,
    /// Meanings the page must point at with a place or an offset before
    /// they count: in use elsewhere but no CLDR locale writes them so
    /// (`PST` in Manila, `CST` in Shanghai), or history (`EST` in Sydney).
    pub(crate) also: Vec<Tz>,
}

/// The generated table (see the module docs).
const TABLE: &str = include_str!("data/zones.tsv");

/// One way to read an abbreviation or a name.
struct Meaning {
    /// `@id` metazones or zone names, space-separated; the first stands
    /// for the meaning, the others keep the same clock. `-`: an offset only.
    targets: &'static str,
    offset: Option<i32>,
    dst: Option<bool>,
    /// Tiers 1–2 of the table: the reader must choose among these.
    likely: bool,
}

struct Entry {
    /// Counts only next to a time, in brackets or after "in"/"times"/"zone"
    /// (`ET`, `CAT`, `IST`; "Los Angeles Time").
    context: bool,
    meanings: Vec<Meaning>,
}

struct Table {
    /// Lower-case letter → its letter without accents.
    fold: Map<char, char>,
    /// Metazone id (and zone name) → its zones, the one standing for it first.
    metazones: Map<&'static str, Vec<Tz>>,
    abbreviations: Map<&'static str, Entry>,
    /// Folded names.
    names: Map<&'static str, Entry>,
    /// Folded names by their first three characters (`None` for the third
    /// of a two-character name), longest first: a text is looked up where a
    /// name may start instead of searched once per name. A list by three
    /// characters holds the two-character names of its first two too.
    starts: Map<(char, char, Option<char>), Vec<&'static str>>,
    /// tzdb's backward names (`US/Eastern`, `Asia/Calcutta`) → the zone now.
    links: Map<&'static str, Tz>,
    /// The longest folded name, in bytes: how far a name that starts a
    /// text may reach.
    longest: usize,
}

/// The table's maps are looked up at every word of every page: a plain
/// multiply-and-rotate hash (keys come from the table, not from the page,
/// so no one can choose collisions). Never iterated for output.
pub(super) type Map<K, V> = HashMap<K, V, BuildHasherDefault<Quick>>;

#[derive(Default)]
pub(super) struct Quick(u64);

impl Quick {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for Quick {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
}

fn table() -> &'static Table {
    static LOADED: OnceLock<Table> = OnceLock::new();
    LOADED.get_or_init(|| load(TABLE))
}

fn load(source: &'static str) -> Table {
    let mut t = Table {
        fold: Map::default(),
        metazones: Map::default(),
        abbreviations: Map::default(),
        names: Map::with_capacity_and_hasher(10_000, BuildHasherDefault::default()),
        starts: Map::default(),
        links: Map::default(),
        longest: "anywhere on earth".len(),
    };
    for line in source.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            ["f", from, to] => t.fold.extend(from.chars().zip(to.chars())),
            ["m", id, _, zones] => {
                t.metazones.insert(id, zones.split(' ').filter_map(zone).collect());
            }
            ["a", abbr, context, tier, offset, kind, targets] => {
                t.add_zones(targets);
                let meaning = Meaning {
                    targets,
                    offset: offset.parse().ok(),
                    dst: dst(kind),
                    likely: matches!(*tier, "1" | "2"),
                };
                let e = t
                    .abbreviations
                    .entry(abbr)
                    .or_insert_with(|| Entry { context: *context == "1", meanings: Vec::new() });
                e.meanings.push(meaning);
            }
            ["n", name, context, kind, targets] => {
                t.add_zones(targets);
                let meaning = Meaning { targets, offset: None, dst: dst(kind), likely: true };
                let e = t
                    .names
                    .entry(name)
                    .or_insert_with(|| Entry { context: *context == "1", meanings: Vec::new() });
                e.meanings.push(meaning);
            }
            ["l", link, target] => {
                if let Some(tz) = zone(target) {
                    t.links.insert(link, tz);
                }
            }
            _ => {}
        }
    }
    for name in t.names.keys() {
        let mut chars = name.chars();
        if let (Some(a), Some(b)) = (chars.next(), chars.next()) {
            t.starts.entry((a, b, chars.next())).or_default().push(name);
        }
    }
    let short: Vec<((char, char), &'static str)> = t
        .starts
        .iter()
        .filter(|(k, _)| k.2.is_none())
        .flat_map(|(k, names)| names.iter().map(|n| ((k.0, k.1), *n)))
        .collect();
    for ((a, b), name) in short {
        for (k, list) in t.starts.iter_mut() {
            if (k.0, k.1) == (a, b) && k.2.is_some() {
                list.push(name);
            }
        }
    }
    for list in t.starts.values_mut() {
        list.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    }
    t.longest = t.names.keys().map(|n| n.len()).fold(t.longest, usize::max);
    t
}

impl Table {
    /// Zone targets (not `@id`) parsed once, kept beside the metazones.
    fn add_zones(&mut self, targets: &'static str) {
        for target in targets.split(' ') {
            if !target.starts_with('@')
                && !self.metazones.contains_key(target)
                && let Some(z) = zone(target)
            {
                self.metazones.insert(target, vec![z]);
            }
        }
    }
}

/// A zone of the table; `Etc/UTC` is the reader's `UTC`.
fn zone(name: &str) -> Option<Tz> {
    if name == "Etc/UTC" { Some(Tz::UTC) } else { name.parse().ok() }
}

fn dst(kind: &str) -> Option<bool> {
    match kind {
        "s" => Some(false),
        "d" => Some(true),
        _ => None,
    }
}

impl Meaning {
    /// Each target's zones, the one standing for it first.
    fn targets<'t>(&self, t: &'t Table) -> impl Iterator<Item = &'t [Tz]> {
        self.targets.split(' ').filter(|t| *t != "-").map(|target| t.zones(target))
    }
}

impl Table {
    /// The zones of one target, the one standing for it first.
    fn zones(&self, target: &str) -> &[Tz] {
        let id = target.strip_prefix('@').unwrap_or(target);
        self.metazones.get(id).map_or(&[], Vec::as_slice)
    }

    /// The phrase an entry makes at `range`.
    fn phrase(&self, entry: &Entry, range: Range<usize>) -> Phrase {
        let likely: Vec<&Meaning> = if entry.meanings.iter().any(|m| m.likely) {
            entry.meanings.iter().filter(|m| m.likely).collect()
        } else {
            entry.meanings.iter().collect()
        };
        let mut zones = Vec::new();
        let mut members = Vec::new();
        for m in &likely {
            for (i, target) in m.targets(self).enumerate() {
                if i == 0
                    && let Some(&z) = target.first()
                    && !zones.contains(&z)
                {
                    zones.push(z);
                }
                members.extend_from_slice(target);
            }
        }
        // one target (the common case) lists each zone once already
        if likely.iter().map(|m| m.targets.split(' ').count()).sum::<usize>() > 1 {
            members.sort_unstable_by_key(|z| *z as u32);
            members.dedup();
        }
        let mut also = Vec::new();
        for m in entry.meanings.iter().filter(|m| !likely.iter().any(|l| std::ptr::eq(*l, *m))) {
            if let Some(&z) = m.targets(self).next().and_then(|t| t.first())
                && !zones.contains(&z)
                && !also.contains(&z)
            {
                also.push(z);
            }
        }
        let offset = match likely.as_slice() {
            [one] => one.offset,
            _ => None,
        };
        let dst = likely[0].dst.filter(|d| likely.iter().all(|m| m.dst == Some(*d)));
        Phrase { zones, offset, dst, range, aoe: false, members, also }
    }
}

/// How much of a text the scanners read.
#[derive(Clone, Copy, PartialEq)]
enum Reach {
    /// Every phrase.
    Whole,
    /// Only phrases that start at the text's first byte.
    Start,
}

/// Every zone phrase in `text`.
pub(crate) fn find(text: &str) -> Vec<Phrase> {
    phrases(text, Reach::Whole)
}

/// The zone phrase `text` starts with: what `find(text)` gives first when
/// that starts at 0. Only the start of `text` is read, so `text` may be
/// the rest of a page.
pub(crate) fn at_start(text: &str) -> Option<Phrase> {
    phrases(text, Reach::Start).into_iter().next().filter(|p| p.range.start == 0)
}

fn phrases(text: &str, reach: Reach) -> Vec<Phrase> {
    let t = table();
    let mut out = names(t, text, reach);
    // `Greenwich Mean Time+2`, `Coordinated Universal Time -3`: a name of
    // UTC's clock followed by an offset is that offset
    for p in &mut out {
        if p.zones == [Tz::UTC]
            && p.offset.is_none_or(|o| o == 0)
            && let Some((o, len)) = offset_after(&text[p.range.end..])
        {
            p.offset = Some(o);
            p.range.end += len;
        }
    }
    let words = super::words::spans(text);
    for (r, word) in words.take_while(|(r, _)| reach == Reach::Whole || r.start == 0) {
        let i = r.start;
        if word == "AOE" || word == "AoE" {
            out.push(aoe(r));
            continue;
        }
        if !(2..=6).contains(&word.len())
            || !word.starts_with(|c: char| c.is_ascii_uppercase())
            || !word.bytes().all(|b| b.is_ascii_alphabetic())
        {
            continue;
        }
        let Some(entry) = t.abbreviations.get(word) else { continue };
        if entry.context && !near_time_or_bracket(text, i, word.len()) {
            continue;
        }
        let mut p = t.phrase(entry, r);
        // `UTC+8`, `GMT -3`, `UTC+05:30`
        if (word == "UTC" || word == "GMT")
            && let Some((o, len)) = offset_after(&text[p.range.end..])
        {
            p.offset = Some(o);
            p.range.end += len;
        }
        out.push(p);
    }
    // IANA names written out, and tzdb's older names for them
    let iana_text = match reach {
        Reach::Whole => text,
        // the run of name characters that opens the text
        Reach::Start => &text[..text.find(|c| !iana_part(c)).unwrap_or(text.len())],
    };
    for (i, word) in iana_words(iana_text) {
        let tz = t.links.get(word).copied().or_else(|| word.parse::<Tz>().ok());
        if let Some(tz) = tz {
            out.push(Phrase {
                zones: vec![tz],
                offset: None,
                dst: None,
                range: i..i + word.len(),
                aoe: false,
                members: vec![tz],
                also: Vec::new(),
            });
        }
    }
    // the longest phrase at a place wins; one inside another is part of it
    out.sort_by_key(|p| (p.range.start, std::cmp::Reverse(p.range.end)));
    out.dedup_by(|b, a| a.range.contains(&b.range.start));
    out
}

fn aoe(range: Range<usize>) -> Phrase {
    Phrase {
        zones: vec![],
        offset: Some(-12 * 3600),
        dst: None,
        range,
        aoe: true,
        members: Vec::new(),
        also: Vec::new(),
    }
}

/// Names in words, matched folded (case, accents, apostrophes and dashes
/// as the table folds them), as whole words where the script spaces its
/// words.
fn names(t: &Table, text: &str, reach: Reach) -> Vec<Phrase> {
    let mut out = Vec::new();
    // a name that starts the text ends within the longest name (and the
    // character after it, read to see that the name is a whole word)
    let limit = match reach {
        Reach::Whole => usize::MAX,
        Reach::Start => t.longest + 32,
    };
    let (folded, at) = fold(t, text, limit);
    let mut prev_alnum = false;
    let mut iter = folded.char_indices().peekable();
    while let Some((p, c)) = iter.next() {
        if reach == Reach::Start && at[p] > 0 {
            break;
        }
        let starts_word = !prev_alnum || !spaced(c);
        prev_alnum = c.is_alphanumeric();
        let Some(&(_, next)) = iter.peek() else { break };
        if !starts_word {
            continue;
        }
        let rest = &folded[p..];
        if rest.starts_with("anywhere on earth") {
            let end = p + "anywhere on earth".len();
            out.push(aoe(at[p] as usize..at[end] as usize));
            continue;
        }
        // a name of three characters or more has the text's third; one of
        // two is in every list of its first two
        let third = rest[c.len_utf8() + next.len_utf8()..].chars().next();
        let Some(candidates) =
            t.starts.get(&(c, next, third)).or_else(|| t.starts.get(&(c, next, None)))
        else {
            continue;
        };
        for name in candidates {
            if !rest.starts_with(name) {
                continue;
            }
            let end = p + name.len();
            let last = name.chars().next_back().unwrap_or(' ');
            let after = folded[end..].chars().next();
            if after.is_some_and(|a| a.is_alphanumeric() && spaced(a) && spaced(last)) {
                continue;
            }
            let entry = &t.names[name];
            let range = at[p] as usize..at[end] as usize;
            if entry.context && !near_time_or_bracket(text, range.start, range.len()) {
                continue;
            }
            out.push(t.phrase(entry, range));
            // go on after the name
            while iter.peek().is_some_and(|&(q, _)| q < end) {
                iter.next();
            }
            prev_alnum = last.is_alphanumeric();
            break;
        }
    }
    out
}

/// Scripts that put spaces between words (Latin, Greek, Cyrillic): a name
/// in them starts and ends at a word's edge; 日本標準時 may sit inside a
/// run of letters.
fn spaced(c: char) -> bool {
    (c as u32) < 0x530
}

/// `text` folded as the table's names are, with the byte in `text` where
/// each byte of the folded text (and its end) comes from; only as far as
/// `limit` bytes of folded text, when `text` is longer.
fn fold(t: &Table, text: &str, limit: usize) -> (String, Vec<u32>) {
    let size = text.len().min(limit.saturating_add(16));
    let mut out = String::with_capacity(size);
    let mut at = Vec::with_capacity(size + 1);
    let mut push = |out: &mut String, c: char, i: usize| {
        out.push(c);
        at.resize(out.len(), i as u32);
    };
    for (i, c) in text.char_indices() {
        if out.len() >= limit {
            // the end of what was folded is where the next character is
            at.push(i as u32);
            return (out, at);
        }
        if matches!(c, '’' | '‘' | 'ʼ' | '`' | '´' | '′') {
            push(&mut out, '\'', i);
        } else if c.is_whitespace() || matches!(c, '-' | '‐' | '‑' | '‒' | '–' | '—' | '―')
        {
            if !out.ends_with(' ') {
                push(&mut out, ' ', i);
            }
        } else if c.is_ascii() {
            push(&mut out, c.to_ascii_lowercase(), i);
        } else {
            for l in c.to_lowercase() {
                push(&mut out, t.fold.get(&l).copied().unwrap_or(l), i);
            }
        }
    }
    at.push(text.len() as u32);
    (out, at)
}

/// A signed offset right after `UTC`/`GMT`: `+8`, ` + 8`, `-03:00`, `+0530`.
fn offset_after(s: &str) -> Option<(i32, usize)> {
    let t = s.trim_start_matches(' ');
    let sign = match t.chars().next()? {
        '+' => 1,
        '-' | '−' | '–' => -1,
        _ => return None,
    };
    let sign_len = t.chars().next()?.len_utf8();
    let u = &t[sign_len..];
    let u2 = u.trim_start_matches(' ');
    let digits: String = u2.chars().take_while(char::is_ascii_digit).collect();
    let (h, mut m, mut used) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0, digits.len()),
        4 => (digits[..2].parse::<i32>().ok()?, digits[2..].parse::<i32>().ok()?, 4),
        _ => return None,
    };
    if digits.len() <= 2 && u2[used..].starts_with(':') {
        let mm: String = u2[used + 1..].chars().take_while(char::is_ascii_digit).collect();
        if mm.len() == 2 {
            m = mm.parse().ok()?;
            used += 3;
        }
    }
    if h > 14 || m > 59 {
        return None;
    }
    let len = (s.len() - t.len()) + sign_len + (u.len() - u2.len()) + used;
    Some((sign * (h * 3600 + m * 60), len))
}

/// `Area/City` words (`America/New_York`, `US/Eastern`), with their offsets.
fn iana_words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    if !text.contains('/') {
        return out;
    }
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (start, iana_part(c)) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                start = None;
                let word = text[s..i].trim_end_matches(['/', '-', '+']);
                if word.contains('/') && word.starts_with(|c: char| c.is_ascii_uppercase()) {
                    out.push((s, word));
                }
            }
            _ => {}
        }
    }
    out
}

/// A character of an IANA name (`America/Port-au-Prince`, `Etc/GMT+5`).
fn iana_part(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '-' | '+')
}

/// Whether a word-like abbreviation or a weak name sits next to a clock
/// time or in brackets, or after words that announce a zone: `9:00am -
/// 5:00pm ET`, `Time (PT)`, `All times in ET`, `Time zone: CEST`, a
/// table cell `| EDT |`, a date's (`Freitag, 25. April CEST`).
fn near_time_or_bracket(text: &str, i: usize, len: usize) -> bool {
    // the words next to it are enough: lower-casing the whole text for
    // each phrase would make a long text quadratic
    let mut from = i.saturating_sub(24);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (i + len + 24).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let before = text[from..i].trim_end_matches([' ', '\u{a0}']);
    let after = text[i + len..to].trim_start_matches([' ', '\u{a0}']);
    let bracketed = before.ends_with('(') && after.starts_with(')');
    let after_time = before.ends_with(|c: char| c.is_ascii_digit())
        || before.to_ascii_lowercase().ends_with("am")
        || before.to_ascii_lowercase().ends_with("pm")
        || before.to_ascii_lowercase().ends_with("noon");
    let lower_before = before.to_lowercase();
    let lower_before = lower_before.trim_end_matches([':', ' ']);
    let said = ["in", "times", "time", "zone", "timezone", "are", "(", "/"]
        .iter()
        .any(|w| lower_before.ends_with(w))
        || after.to_lowercase().starts_with("time")
        || after.starts_with('/')
        || after.starts_with('(');
    // a table cell of its own (cells are joined with ` | `): `| EDT | Talk |`
    let cell = (before.ends_with('|') || before.is_empty())
        && (after.starts_with('|') || after.is_empty())
        && (before.ends_with('|') || after.starts_with('|'));
    // right after a date (`Freitag, 25. April CEST`): the day's clock
    let after_date = before.ends_with(|c: char| c.is_alphabetic())
        && super::dates::find(before).last().is_some_and(|d| d.range.end == before.len());
    bracketed || after_time || said || cell || after_date
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Tz::*;

    #[test]
    fn a_utc_name_with_an_offset_is_the_offset() {
        let p = &find("all slots are in Greenwich Mean Time+2 (GMT+2)")[0];
        assert_eq!(
            (p.offset, &"all slots are in Greenwich Mean Time+2 (GMT+2)"[p.range.clone()]),
            (Some(7200), "Greenwich Mean Time+2")
        );
    }

    #[test]
    fn phrases() {
        let one = |t: &str| find(t).into_iter().next();
        assert_eq!(one("Time (EDT)").unwrap().zones, vec![America__New_York]);
        assert_eq!(one("**Time (PT)**").unwrap().zones, vec![America__Los_Angeles]);
        assert_eq!(one("in Pacific Time (PT)").unwrap().zones, vec![America__Los_Angeles]);
        let cest = one("All times are in Central European Summer Time").unwrap();
        assert_eq!((cest.zones[0], cest.dst), (Europe__Paris, Some(true)));
        assert!(cest.members.contains(&Europe__Berlin));
        assert_eq!(one("UTC + 8").unwrap().offset, Some(8 * 3600));
        assert_eq!(one("AEDT (UTC+11)").unwrap().zones, vec![Australia__Sydney]);
        assert_eq!(one("GMT-3").unwrap().offset, Some(-3 * 3600));
        assert_eq!(one("UTC+05:30").unwrap().offset, Some(5 * 3600 + 1800));
        assert!(one("23:59 AoE").unwrap().aoe);
        assert_eq!(one("time zone: America/New_York").unwrap().zones, vec![America__New_York]);
        let gst = one("GST (GMT+4)").unwrap();
        assert_eq!((gst.zones, gst.also), (vec![Asia__Dubai], vec![Atlantic__South_Georgia]));
        assert_eq!(find("GST (GMT+4)")[1].offset, Some(4 * 3600));
    }

    #[test]
    fn words_that_are_not_zones() {
        assert!(find("the ET team and PT exercises").is_empty());
        assert!(find("ICT for development").is_empty());
        assert_eq!(find("9:00am - 5:00pm ET").len(), 1);
    }

    /// The first phrase, its candidates (likely, then pointed-at) and all
    /// the zones on their clocks.
    fn read(text: &str) -> (Phrase, Vec<Tz>) {
        let p = find(text).into_iter().next().unwrap_or_else(|| panic!("no zone in {text:?}"));
        let all = p.zones.iter().chain(&p.also).chain(&p.members).copied().collect();
        (p, all)
    }

    #[test]
    fn names_in_many_languages() {
        let (p, all) = read("heure normale d’Europe centrale");
        assert!(all.contains(&Europe__Paris) && p.dst == Some(false), "{p:?}");
        let (p, _) = read("heure d’été d’Europe centrale");
        assert_eq!((p.zones[0], p.dst), (Europe__Paris, Some(true)));
        // accents folded, case ignored, apostrophe as typed
        assert_eq!(read("Heure d'ete d'Europe Centrale").0.dst, Some(true));
        assert_eq!(read("日本標準時で開催").0.zones, vec![Asia__Tokyo]);
        assert_eq!(read("Horário de Brasília").0.zones, vec![America__Sao_Paulo]);
        assert_eq!(read("horario de brasilia").0.zones, vec![America__Sao_Paulo]);
        let (p, all) = read("Hawaii-Aleutian Standard Time");
        assert_eq!((p.zones[0], p.dst), (Pacific__Honolulu, Some(false)));
        assert!(all.contains(&America__Adak));
        let (p, _) = read("Pacific Time");
        assert_eq!((p.zones[0], p.dst), (America__Los_Angeles, None));
        assert_eq!(read("(한국 표준시)").0.zones, vec![Asia__Seoul]);
        let (p, _) = read("Hora de verano de Europa central");
        assert_eq!(p.dst, Some(true));
        // the range is the name as written, accents and all
        let text = "Zeitzone: Mitteleuropäische Sommerzeit.";
        let p = read(text).0;
        assert_eq!(&text[p.range], "Mitteleuropäische Sommerzeit");
        // a name is a whole word where words are spaced
        assert!(find("Pacific Timezone").is_empty());
        assert!(find("Pacific Tim€").is_empty());
    }

    #[test]
    fn abbreviations_from_the_sets() {
        let (p, all) = read("10:00 MESZ");
        assert_eq!((p.dst, p.offset), (Some(true), Some(2 * 3600)));
        assert!(all.contains(&Europe__Berlin));
        let (p, all) = read("14:00 IST");
        for z in [Asia__Kolkata, Europe__Dublin, Asia__Jerusalem] {
            assert!(p.zones.contains(&z), "{p:?}");
        }
        assert_eq!((p.offset, all.len() > 3), (None, true));
        let (p, all) = read("9:00 CST");
        assert_eq!((p.zones[0], p.dst), (America__Chicago, Some(false)));
        assert!(all.contains(&Asia__Shanghai));
        // Manila's PST needs the page to point there; Pacific's does not
        let (p, _) = read("9:00 PST");
        assert_eq!((p.zones.clone(), p.also), (vec![America__Los_Angeles], vec![Asia__Manila]));
        // a word-like abbreviation counts only beside a time or in brackets
        assert!(find("ET is a film").is_empty());
        assert_eq!(read("9:00 ET").0.zones, vec![America__New_York]);
        assert_eq!(read("Time zone: CET").0.zones, vec![Europe__Paris]);
        assert_eq!(read("Talk | EDT | Room").0.zones, vec![America__New_York]);
        assert!(find("Scientific Session VIII: MSK").is_empty());
        assert_eq!(read("#### Freitag, 25. April CEST").0.zones, vec![Europe__Paris]);
        assert!(find("Imaging in May MSK").is_empty(), "a month alone is no date");
    }

    #[test]
    fn the_phrase_at_the_start_is_the_first_found() {
        let long = " and then some more words".repeat(40);
        for start in [
            "CEST",
            "Central European Summer Time (CEST), in Zurich",
            "heure normale d’Europe centrale",
            "Greenwich Mean Time +2",
            "GMT   -3",
            "UTC+05:30",
            "ET is a film",
            "ET) 9:00",
            "Pacific Time",
            "Pacific Timezone",
            "anywhere on earth",
            "America/New_York",
            "US/Eastern then",
            "日本標準時で開催",
            "İstanbul",
            " CEST",
            "9:00 CEST",
            "Zurich",
        ] {
            for text in [start.to_owned(), format!("{start}{long}"), format!("{start}\n{long}")] {
                let first = find(&text).into_iter().next().filter(|p| p.range.start == 0);
                assert_eq!(at_start(&text), first, "{text:?}");
            }
        }
    }

    #[test]
    fn iana_names_and_their_old_names() {
        assert_eq!(read("US/Eastern").0.zones, vec![America__New_York]);
        assert_eq!(read("tz=Asia/Calcutta;").0.zones, vec![Asia__Kolkata]);
        assert_eq!(read("see Europe/Paris.").0.zones, vec![Europe__Paris]);
        assert!(find("and/or").is_empty());
    }

    #[test]
    fn table_loads_whole() {
        let t = table();
        assert!(t.names.len() > 5000 && t.abbreviations.len() > 200 && t.links.len() > 100);
        // every zone the table names is one chrono-tz knows
        for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
            let fields: Vec<&str> = line.split('\t').collect();
            let targets = match fields.as_slice() {
                ["m", _, _, zones] => zones.split(' ').collect(),
                ["a", .., targets] | ["n", .., targets] => targets.split(' ').collect(),
                _ => vec![],
            };
            for target in targets.into_iter().filter(|t| *t != "-") {
                let known = if target.starts_with('@') || fields[0] != "m" {
                    !t.zones(target).is_empty()
                } else {
                    zone(target).is_some()
                };
                assert!(known, "{target} in {line}");
            }
        }
    }

    /// `cargo test --release -- --ignored --nocapture zones::tests::timing`
    #[test]
    #[ignore = "a measurement, not a check"]
    #[allow(clippy::print_stdout)] // printing the figures is the point
    fn timing() {
        let start = std::time::Instant::now();
        let t = load(TABLE);
        let loaded = start.elapsed();
        let sample = "Keynote 09:00–10:00 (CEST), lunch at noon; all times are in \
                      heure normale d’Europe centrale, see America/New_York or 日本標準時.\n";
        let text = sample.repeat(1_000_000 / sample.len());
        let _ = table();
        let start = std::time::Instant::now();
        let found = text.lines().map(|l| find(l).len()).sum::<usize>();
        let lines = start.elapsed();
        let start = std::time::Instant::now();
        let whole = find(&text).len();
        let once = start.elapsed();
        // a page's ordinary prose: one zone phrase in ten lines
        let prose = "The workshop brings together researchers from industry and academia.\n\
                     Lunch will be served in the main hall; posters go up after the break.\n"
            .repeat(4)
            + "09:30 – 10:15 Keynote: learning from schedules (all times CEST)\n";
        let prose = prose.repeat(1_000_000 / prose.len());
        let start = std::time::Instant::now();
        let sparse = prose.lines().map(|l| find(l).len()).sum::<usize>();
        let plain = start.elapsed();
        println!(
            "load {loaded:?} ({} names); 1 MB of zone-dense lines {lines:?} ({found} phrases), \
             as one text {once:?} ({whole}); 1 MB of prose by line {plain:?} ({sparse})",
            t.names.len()
        );
    }
}
