//! Month and weekday names in the languages event pages are written in,
//! taken from the glibc locale data (`pure-rust-locales`, the tables
//! chrono's `unstable-locales` reads): full and abbreviated forms, the
//! stand-alone and genitive month forms where a locale has both (`январь`
//! / `января`, `styczeń` / `stycznia`), and each without its accents
//! (`fevrier`, `Eylul`, `lordag`), as pages that drop them write them.
//!
//! This module owns the lookup of one word; which words make a date is
//! `dates`' business. Words are matched case-insensitively and without a
//! trailing dot (`janv.`, `Okt.`), since the word scanner stops at it.
//!
//! # Sure and weak readings
//!
//! A full name (`März`, `lørdag`, `土曜日`) is *sure*: it names its month or
//! weekday wherever it stands next to a day number. So is an English
//! abbreviation (`Oct`, `Wed`, `Sept`, `Thurs`), because pages in every
//! language borrow them (`MON, 02 OCT 2023`), and an abbreviation of four
//! letters or more that the data writes with its dot (`janv.`, `févr.`).
//! The other abbreviations are *weak*, because most are ordinary words
//! somewhere: `set` and `out`
//! (Italian and Portuguese months), `des` (Norwegian December, French
//! "of the"), `sie` (Polish August, German "she"), `on` and `to`
//! (Norwegian weekdays); so are the longer English prefixes (`Marc` is a
//! name before it is March, `Thurs` is Thursday) and the spellings without
//! accents (`marco`). `dates` reads a weak month only with support
//! from the rest of the phrase (a year, a weekday, a trailing dot), and a
//! weak weekday only when a dot or comma follows it.
//!
//! When one word is a sure reading of one kind and a weak reading of the
//! other (`mar`: English March, French and Spanish Tuesday), the sure one
//! wins unless the phrase needs the other. When two locales give one word
//! different meanings of the same kind (`So`: German Sunday, Czech
//! Saturday), the word has no reading of that kind: a date with a wrong
//! weekday is worse than one without it.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use chrono::Weekday;
use pure_rust_locales as locales;
use unicode_normalization::UnicodeNormalization;

use super::zones::Map;

/// What a word can name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Name {
    /// The month (1–12), if the word names one.
    pub(crate) month: Option<u32>,
    /// Whether the month reading stands on its own (see the module docs).
    pub(crate) month_sure: bool,
    /// Whether the month may come before the day (`March 3`): English
    /// writes it so; the other languages read put it after the day (`3
    /// mars`), and `Objectif Mars 2` is a title.
    pub(crate) month_first: bool,
    /// The weekday, if the word names one.
    pub(crate) weekday: Option<Weekday>,
    /// Whether the weekday reading stands on its own.
    pub(crate) weekday_sure: bool,
}

impl Name {
    /// The month, if the reading is sure.
    pub(crate) fn sure_month(&self) -> Option<u32> {
        self.month.filter(|_| self.month_sure)
    }
}

/// One locale's `LC_TIME` names.
struct Locale {
    english: bool,
    /// Finnish writes a date's month in the partitive (`12. maaliskuuta`).
    partitive: bool,
    mon: &'static [&'static str],
    abmon: &'static [&'static str],
    alt_mon: Option<&'static [&'static str]>,
    ab_alt_mon: Option<&'static [&'static str]>,
    day: &'static [&'static str],
    abday: &'static [&'static str],
}

macro_rules! locale {
    ($l:ident) => {
        locale!($l, false, false)
    };
    ($l:ident, $english:expr, $partitive:expr) => {
        Locale {
            english: $english,
            partitive: $partitive,
            mon: locales::$l::LC_TIME::MON,
            abmon: locales::$l::LC_TIME::ABMON,
            alt_mon: locales::$l::LC_TIME::ALT_MON,
            ab_alt_mon: locales::$l::LC_TIME::AB_ALT_MON,
            day: locales::$l::LC_TIME::DAY,
            abday: locales::$l::LC_TIME::ABDAY,
        }
    };
}

/// The locales read: the languages of the pages seen so far and their
/// neighbours. `es_PE` brings `setiembre`, `de_AT` `Jänner`.
fn locales() -> [Locale; 26] {
    [
        locale!(en_US, true, false),
        locale!(en_GB, true, false),
        locale!(de_DE),
        locale!(de_AT),
        locale!(de_CH),
        locale!(fr_FR),
        locale!(es_ES),
        locale!(es_PE),
        locale!(pt_PT),
        locale!(pt_BR),
        locale!(it_IT),
        locale!(nl_NL),
        locale!(nb_NO),
        locale!(nn_NO),
        locale!(da_DK),
        locale!(sv_SE),
        locale!(fi_FI, false, true),
        locale!(pl_PL),
        locale!(cs_CZ),
        locale!(tr_TR),
        locale!(ru_RU),
        locale!(uk_UA),
        locale!(ja_JP),
        locale!(zh_CN),
        locale!(zh_TW),
        locale!(ko_KR),
    ]
}

/// `LC_TIME` lists weekdays from Sunday.
const FROM_SUNDAY: [Weekday; 7] = [
    Weekday::Sun,
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
];

/// A key as looked up: lower case, without the data's padding and dot.
fn key(name: &str) -> String {
    name.trim().trim_end_matches('.').trim().to_lowercase()
}

/// `février` → `fevrier`, `Eylül` → `eylul`, `lørdag` → `lordag`: base
/// letters only. `ø`, `ł`, `ı` and `đ` have no decomposition and are
/// mapped to their base letters by hand.
pub(crate) fn fold(word: &str) -> String {
    word.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| match c {
            'ø' => 'o',
            'ł' => 'l',
            'ı' => 'i',
            'đ' => 'd',
            _ => c,
        })
        .collect()
}

struct Slot<T> {
    value: Option<T>,
    sure: bool,
    english: bool,
    conflict: bool,
}

impl<T> Default for Slot<T> {
    fn default() -> Self {
        Slot { value: None, sure: false, english: false, conflict: false }
    }
}

impl<T: PartialEq + Copy> Slot<T> {
    fn add(&mut self, value: T, sure: bool, english: bool) {
        match self.value {
            _ if self.conflict => {}
            None => {
                self.value = Some(value);
                self.sure = sure;
                self.english = english;
            }
            Some(v) if v == value => {
                self.sure |= sure;
                self.english |= english;
            }
            Some(_) => {
                self.conflict = true;
                self.value = None;
            }
        }
    }
}

#[derive(Default)]
struct Entry {
    month: Slot<u32>,
    weekday: Slot<Weekday>,
}

#[derive(Clone, Copy)]
enum Meaning {
    Month(u32),
    Weekday(Weekday),
}

/// A word as one locale gives it: what it means, whether that reading is
/// sure, and whether the locale is English.
struct Given {
    key: String,
    meaning: Meaning,
    sure: bool,
    english: bool,
}

/// Every word the locales give, before they are merged into the table.
#[derive(Default)]
struct Builder {
    given: Vec<Given>,
    english: bool,
}

impl Builder {
    fn month(&mut self, name: &str, month: u32, sure: bool) {
        let english = self.english;
        self.given.push(Given { key: key(name), meaning: Meaning::Month(month), sure, english });
    }

    fn weekday(&mut self, name: &str, weekday: Weekday, sure: bool) {
        let english = self.english;
        let meaning = Meaning::Weekday(weekday);
        self.given.push(Given { key: key(name), meaning, sure, english });
    }

    /// The table: each word as the data spells it, then without its
    /// accents where that spelling is no other word of the data. A word
    /// without its accents is weak (`marco` is a name before it is
    /// `março`).
    fn merge(self) -> HashMap<String, Entry> {
        fn add(table: &mut HashMap<String, Entry>, g: Given) {
            let e = table.entry(g.key).or_default();
            match g.meaning {
                Meaning::Month(m) => e.month.add(m, g.sure, g.english),
                Meaning::Weekday(w) => e.weekday.add(w, g.sure, g.english),
            }
        }
        let mut table = HashMap::new();
        let mut folded = Vec::new();
        // `1月`, ` 1월`: numbered months are the CJK scanner's, not words
        let words = self
            .given
            .into_iter()
            .filter(|g| !g.key.is_empty() && !g.key.contains(|c: char| c.is_ascii_digit()));
        for g in words {
            let f = fold(&g.key);
            if f != g.key {
                folded.push(Given { key: f, sure: false, ..g });
            }
            add(&mut table, g);
        }
        let spelled: HashSet<String> = table.keys().cloned().collect();
        for g in folded {
            if !spelled.contains(&g.key) {
                add(&mut table, g);
            }
        }
        table
    }
}

/// Whether an abbreviation is plainly one: four letters or more and
/// written with its dot in the data (`janv.`, `févr.`, `sept.`).
fn long(abbreviation: &str) -> bool {
    abbreviation.trim().ends_with('.') && key(abbreviation).chars().count() >= 4
}

fn build() -> Map<&'static str, Name> {
    let mut b = Builder::default();
    for l in locales() {
        b.english = l.english;
        let full = l.mon.iter().chain(l.alt_mon.into_iter().flatten());
        for (i, m) in full.enumerate() {
            let month = i as u32 % 12 + 1;
            b.month(m, month, true);
            if l.partitive {
                b.month(&format!("{}ta", key(m)), month, true);
            }
        }
        let abbreviated = l.abmon.iter().chain(l.ab_alt_mon.into_iter().flatten());
        for (i, m) in abbreviated.enumerate() {
            b.month(m, i as u32 % 12 + 1, l.english || long(m));
        }
        for (i, d) in l.day.iter().enumerate() {
            let weekday = FROM_SUNDAY[i];
            b.weekday(d, weekday, true);
            // `土曜` for `土曜日`; `周六` is the simplified spelling of `週六`
            if let Some(short) = key(d).strip_suffix('日').filter(|s| s.ends_with('曜')) {
                b.weekday(short, weekday, true);
            }
            if key(d).starts_with('週') {
                b.weekday(&key(d).replace('週', "周"), weekday, true);
            }
        }
        for (i, d) in l.abday.iter().enumerate() {
            b.weekday(d, FROM_SUNDAY[i], l.english || long(d));
        }
        if l.english {
            // English abbreviates freely (`Tues`, `Thurs`): every prefix
            // longer than the locale's abbreviation, weak (`Marc` is a name)
            let pairs = l.mon.iter().zip(l.abmon).map(|(f, a)| (f, a, None));
            let days = l.day.iter().zip(l.abday).map(|(f, a)| (f, a, Some(())));
            for (i, (full, abbr, is_day)) in pairs.chain(days).enumerate() {
                let full = key(full);
                let n = key(abbr).chars().count();
                for (cut, _) in full.char_indices().skip(n + 1) {
                    if is_day.is_some() {
                        b.weekday(&full[..cut], FROM_SUNDAY[i - 12], false);
                    } else {
                        b.month(&full[..cut], i as u32 + 1, false);
                    }
                }
            }
        }
    }
    b.merge()
        .into_iter()
        .filter_map(|(k, e)| {
            let name = Name {
                month: e.month.value,
                month_sure: e.month.sure,
                month_first: e.month.english,
                weekday: e.weekday.value,
                weekday_sure: e.weekday.sure,
            };
            // the keys live as long as the program: the table is built once
            (name.month.is_some() || name.weekday.is_some())
                .then(|| (&*Box::leak(k.into_boxed_str()), name))
        })
        .collect()
}

struct Table {
    /// Looked up for every word of every line with a digit: the quick hash
    /// of the zone table (never iterated for output).
    names: Map<&'static str, Name>,
    /// The longest key in bytes: longer words are not looked up.
    longest: usize,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let names = build();
        let longest = names.keys().map(|k| k.len()).max().unwrap_or(0);
        Table { names, longest }
    })
}

/// What `word` (one word, any case) can name.
pub(crate) fn lookup(word: &str) -> Option<Name> {
    let t = table();
    if word.len() > t.longest * 2 || word.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    if word.bytes().all(|b| b.is_ascii_lowercase()) {
        return t.names.get(word).copied();
    }
    // an ASCII word (`Talk`, `June`) lower-cased on the stack; one with an
    // `I` may still be Turkish (`KASIM`), below
    let mut buf = [0u8; 64];
    if word.is_ascii() && word.len() <= buf.len() {
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        let found = std::str::from_utf8(lower).ok().and_then(|l| t.names.get(l).copied());
        if found.is_some_and(|n| n.month_sure || n.weekday_sure) || !word.contains('I') {
            return found;
        }
    }
    let lower = word.to_lowercase();
    let found = t.names.get(lower.as_str()).copied();
    if found.is_some_and(|n| n.month_sure || n.weekday_sure) || !word.contains(['I', 'İ']) {
        return found.or_else(|| {
            // accents the data does not have
            (!lower.is_ascii()).then(|| t.names.get(fold(&lower).as_str()).copied()).flatten()
        });
    }
    // Turkish capitals: `KASIM` is `kasım`, `İ` is `i`
    let turkish: String = word
        .chars()
        .map(|c| match c {
            'I' => 'ı',
            'İ' => 'i',
            _ => c,
        })
        .collect::<String>()
        .to_lowercase();
    t.names.get(turkish.as_str()).copied().or(found)
}

/// The month a word surely names (`Sept`, `octubre`, `января`).
pub(crate) fn month(word: &str) -> Option<u32> {
    lookup(word).and_then(|n| n.sure_month())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(word: &str) -> Option<(u32, bool)> {
        lookup(word).and_then(|n| Some((n.month?, n.month_sure)))
    }

    fn w(word: &str) -> Option<(Weekday, bool)> {
        lookup(word).and_then(|n| Some((n.weekday?, n.weekday_sure)))
    }

    #[test]
    fn months_in_many_languages_and_forms() {
        for (word, number) in [
            ("March", 3),
            ("SEPT", 9),
            ("Sept", 9),
            ("März", 3),
            ("Jänner", 1),
            ("février", 2),
            ("août", 8),
            ("juil", 7),
            ("octubre", 10),
            ("setiembre", 9),
            ("outubro", 10),
            ("março", 3),
            ("ottobre", 10),
            ("maart", 3),
            ("november", 11),
            ("desember", 12),
            ("marts", 3),
            ("augusti", 8),
            ("maaliskuu", 3),
            ("maaliskuuta", 3),
            ("stycznia", 1),
            ("styczeń", 1),
            ("ledna", 1),
            ("leden", 1),
            ("Eylül", 9),
            ("EYLÜL", 9),
            ("Kasım", 11),
            ("KASIM", 11),
            ("января", 1),
            ("Январь", 1),
            ("жовтня", 10),
        ] {
            assert_eq!(month(word), Some(number), "{word}");
        }
    }

    #[test]
    fn weekdays_in_many_languages_and_forms() {
        for (word, weekday) in [
            ("Monday", Weekday::Mon),
            ("MON", Weekday::Mon),
            ("mardi", Weekday::Tue),
            ("Samstag", Weekday::Sat),
            ("miércoles", Weekday::Wed),
            ("sábado", Weekday::Sat),
            ("terça", Weekday::Tue),
            ("giovedì", Weekday::Thu),
            ("zaterdag", Weekday::Sat),
            ("Lørdag", Weekday::Sat),
            ("laurdag", Weekday::Sat),
            ("lördag", Weekday::Sat),
            ("lauantai", Weekday::Sat),
            ("sobota", Weekday::Sat),
            ("Cumartesi", Weekday::Sat),
            ("суббота", Weekday::Sat),
            ("土曜日", Weekday::Sat),
            ("土曜", Weekday::Sat),
            ("星期六", Weekday::Sat),
            ("週六", Weekday::Sat),
            ("周六", Weekday::Sat),
            ("토요일", Weekday::Sat),
        ] {
            assert_eq!(w(word), Some((weekday, true)), "{word}");
        }
    }

    #[test]
    fn names_without_their_accents_and_english_prefixes_are_weak() {
        for (word, month) in [("Marz", 3), ("fevrier", 2), ("aout", 8), ("marco", 3), ("Eylul", 9)]
        {
            assert_eq!(m(word), Some((month, false)), "{word}");
        }
        assert_eq!(w("lordag"), Some((Weekday::Sat, false)));
        assert_eq!(w("Thurs"), Some((Weekday::Thu, false)));
        assert_eq!(m("Marc"), Some((3, false)));
        assert_eq!(w("miercoles"), Some((Weekday::Wed, false)));
    }

    #[test]
    fn shared_words_take_the_safe_reading() {
        // English March, and French, Spanish, Italian Tuesday
        assert_eq!(m("mar"), Some((3, true)));
        assert_eq!(w("mar"), Some((Weekday::Tue, false)));
        // ordinary words elsewhere: read only with support
        assert_eq!(m("set"), Some((9, false)));
        assert_eq!(m("out"), Some((10, false)));
        assert_eq!(m("des"), Some((12, false)));
        assert_eq!(w("on"), Some((Weekday::Wed, false)));
        assert_eq!(w("do"), Some((Weekday::Thu, false)));
        // German Sunday, Czech Saturday: no weekday at all
        assert_eq!(w("so"), None);
        assert_eq!(month("set"), None);
        assert_eq!(month("walk"), None);
        // only English puts the month first
        assert!(lookup("Oct").unwrap().month_first && lookup("April").unwrap().month_first);
        assert!(!lookup("mars").unwrap().month_first && !lookup("Juni").unwrap().month_first);
        assert_eq!(lookup("2024"), None);
    }
}
