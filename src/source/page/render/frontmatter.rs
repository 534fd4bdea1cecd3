//! Front matter: Jekyll's YAML between `---` lines, Hugo's TOML between
//! `+++` lines, parsed by yaml-rust2 and toml and flattened to
//! `key.sub` → text pairs. Each value keeps the offset of the line that
//! holds its key, found by search because neither parser reports it.

use std::collections::{BTreeMap, HashMap, HashSet};

use yaml_rust2::Yaml;

use super::yaml::{self, Refused};

/// One scalar of the front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Field {
    /// The key path, lower case: `title`, `venue.city`, `dates.0`.
    pub(crate) key: String,
    pub(crate) value: String,
    /// Offset of the value (or its key's line) in the file.
    pub(crate) offset: usize,
}

/// A page split into front matter and body.
#[derive(Debug, Default)]
pub(crate) struct Split<'a> {
    pub(crate) fields: Vec<Field>,
    pub(crate) body: &'a str,
    /// Where the body starts in the file.
    pub(crate) body_start: usize,
    /// The offset of YAML aliases that would copy more than
    /// [`yaml::MAX_ALIASED`] nodes: the front matter was not read.
    pub(crate) aliases_refused: Option<usize>,
}

impl Split<'_> {
    /// The value of `key`, if present.
    pub(crate) fn get(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }
}

/// Splits off and reads the front matter, if the page has one.
pub(crate) fn split(text: &str) -> Split<'_> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[bom..];
    for fence in ["---", "+++"] {
        let Some(after) = rest.strip_prefix(fence) else { continue };
        if !after.starts_with(['\n', '\r']) {
            continue;
        }
        let open = bom + fence.len() + (after.len() - after.trim_start_matches(['\r', '\n']).len());
        let inner = &text[open..];
        let mut pos = 0;
        for line in inner.split_inclusive('\n') {
            if line.trim_end() == fence {
                let matter = &inner[..pos];
                let body_start = open + pos + line.len();
                let (fields, refused) = if fence == "---" {
                    match yaml::load(matter) {
                        Ok(docs) => (yaml_fields(&docs), None),
                        Err(Refused::Aliases { at }) => (Vec::new(), Some(open + at)),
                        Err(Refused::Syntax) => (Vec::new(), None),
                    }
                } else {
                    (toml_fields(matter), None)
                };
                let fields = locate(fields, matter, open);
                return Split {
                    fields,
                    body: &text[body_start..],
                    body_start,
                    aliases_refused: refused,
                };
            }
            pos += line.len();
        }
    }
    Split { fields: Vec::new(), body: &text[bom..], body_start: bom, aliases_refused: None }
}

fn yaml_fields(docs: &[Yaml]) -> Vec<Field> {
    let mut out = Vec::new();
    if let Some(doc) = docs.first() {
        flatten_yaml("", doc, &mut out);
    }
    out
}

fn flatten_yaml(prefix: &str, value: &Yaml, out: &mut Vec<Field>) {
    let push = |out: &mut Vec<Field>, v: String| {
        out.push(Field { key: prefix.to_owned(), value: v, offset: 0 });
    };
    match value {
        Yaml::Hash(map) => {
            for (k, v) in map {
                let key = match k {
                    Yaml::String(s) => s.to_ascii_lowercase(),
                    Yaml::Integer(i) => i.to_string(),
                    _ => continue,
                };
                let path = if prefix.is_empty() { key } else { format!("{prefix}.{key}") };
                flatten_yaml(&path, v, out);
            }
        }
        Yaml::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                flatten_yaml(&format!("{prefix}.{i}"), v, out);
            }
        }
        Yaml::String(s) | Yaml::Real(s) => push(out, s.clone()),
        Yaml::Integer(i) => push(out, i.to_string()),
        Yaml::Boolean(b) => push(out, b.to_string()),
        _ => {}
    }
}

fn toml_fields(matter: &str) -> Vec<Field> {
    let mut out = Vec::new();
    if let Ok(table) = matter.parse::<toml::Table>() {
        flatten_toml("", &toml::Value::Table(table), &mut out);
    }
    out
}

fn flatten_toml(prefix: &str, value: &toml::Value, out: &mut Vec<Field>) {
    let mut push = |v: String| out.push(Field { key: prefix.to_owned(), value: v, offset: 0 });
    match value {
        toml::Value::Table(t) => {
            for (k, v) in t {
                let key = k.to_ascii_lowercase();
                let path = if prefix.is_empty() { key } else { format!("{prefix}.{key}") };
                flatten_toml(&path, v, out);
            }
        }
        toml::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                flatten_toml(&format!("{prefix}.{i}"), v, out);
            }
        }
        toml::Value::String(s) => push(s.clone()),
        toml::Value::Integer(i) => push(i.to_string()),
        toml::Value::Float(f) => push(f.to_string()),
        toml::Value::Boolean(b) => push(b.to_string()),
        toml::Value::Datetime(d) => push(d.to_string()),
    }
}

/// Gives each field the offset of its value in the file: the first place
/// after its key's last segment where the value's first line appears.
///
/// Searched field by field from the start, front matter of 20,000 keys
/// took 17 s (each search lower-cased the whole front matter and ran to
/// the key's line). The keys' first places now come from one pass per
/// key length ([`first_places`]), and each value is searched from its key
/// on, remembering where it was found, within a budget ([`Values`]); the
/// places found are the ones the field-by-field search found.
fn locate(mut fields: Vec<Field>, matter: &str, base: usize) -> Vec<Field> {
    let last = |f: &Field| -> String {
        f.key.rsplit('.').find(|s| s.parse::<usize>().is_err()).unwrap_or("").to_ascii_lowercase()
    };
    let keys = first_places(matter, fields.iter().map(last).collect());
    let mut values = Values::new(matter);
    for f in &mut fields {
        let key_at = keys.get(&last(f)).copied().unwrap_or(0);
        let first_line = f.value.lines().next().unwrap_or("").trim();
        let value_at =
            if first_line.is_empty() { None } else { values.find(matter, first_line, key_at) };
        f.offset = base + key_at + value_at.map_or(0, |v| v - key_at);
    }
    fields
}

/// Where each of `needles` (lower case) first appears in `hay`, ASCII case
/// ignored; needles that do not appear are left out. Needles of one length
/// are looked up together at every place of `hay`, so the work is the
/// length of `hay` times the number of distinct lengths (a few dozen), not
/// times the number of needles. Needles longer than `INDEXED` are rare
/// and searched one by one, within a budget of [`Values::BUDGET`] times the
/// length of `hay`; once it is spent the rest are left out (their fields
/// are placed at the start, as a key not found is). Real front matter
/// never spends it.
fn first_places(hay: &str, needles: Vec<String>) -> HashMap<String, usize> {
    const INDEXED: usize = 64;
    let lower = hay.to_ascii_lowercase();
    let mut by_length: BTreeMap<usize, HashSet<&str>> = BTreeMap::new();
    for n in &needles {
        if !n.is_empty() {
            by_length.entry(n.len()).or_default().insert(n);
        }
    }
    let mut found = HashMap::new();
    // long needles share a budget, as values do: 20,000 keys of 70
    // characters, searched one by one from the start, took 12 s
    let mut budget = Values::BUDGET * hay.len().max(4096);
    for (len, mut wanted) in by_length {
        if len > INDEXED {
            for n in wanted {
                if budget == 0 {
                    break;
                }
                let at = lower.find(n);
                budget = budget.saturating_sub(at.map_or(lower.len(), |at| at + n.len()));
                if let Some(at) = at {
                    found.insert(n.to_owned(), at);
                }
            }
            continue;
        }
        let bytes = lower.as_bytes();
        for at in 0..=bytes.len().saturating_sub(len) {
            if wanted.is_empty() {
                break;
            }
            // a needle is text, so a window that is not text is no needle
            let Ok(window) = std::str::from_utf8(&bytes[at..at + len]) else { continue };
            if wanted.remove(window) {
                found.insert(window.to_owned(), at);
            }
        }
    }
    found
}

/// Each value's place, found from its key on: fields come in the order of
/// their keys, mostly, so the search for a value resumes where the last
/// one for the same text ended instead of starting again.
///
/// A value the front matter does not hold as written (`"a\tb"`, whose tab
/// is an escape) is searched to the end, once per distinct value: 20,000
/// of them took 7.6 s. So the searches share a budget of
/// [`Values::BUDGET`] times the front matter's length; once it is spent, a
/// value is looked for only in the [`Values::NEAR`] bytes after its key,
/// and one not there is placed at its key. Real front matter never spends
/// the budget, so its places are the ones an unbounded search finds.
struct Values {
    /// Per value text: searched from this place, found here (or nowhere).
    known: HashMap<String, (usize, Option<usize>)>,
    /// Bytes the searches may still look at.
    budget: usize,
}

impl Values {
    const BUDGET: usize = 64;
    const NEAR: usize = 1024;

    fn new(matter: &str) -> Values {
        Values { known: HashMap::new(), budget: Values::BUDGET * matter.len().max(4096) }
    }

    /// The first place at or after `from` where `value` starts in `matter`.
    fn find(&mut self, matter: &str, value: &str, from: usize) -> Option<usize> {
        match self.known.get(value) {
            // nothing between `searched` and `at`, so nothing between
            // `from` and `at` either
            Some(&(searched, Some(at))) if searched <= from && from <= at => return Some(at),
            Some(&(searched, None)) if searched <= from => return None,
            _ => {}
        }
        if self.budget == 0 {
            let mut end = (from + Values::NEAR).min(matter.len());
            while !matter.is_char_boundary(end) {
                end += 1;
            }
            return matter[from..end].find(value).map(|i| from + i);
        }
        let answer = matter[from..].find(value).map(|i| from + i);
        let looked = answer.map_or(matter.len(), |at| at + value.len()) - from;
        self.budget = self.budget.saturating_sub(looked);
        self.known.insert(value.to_owned(), (from, answer));
        answer
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_and_toml_flatten_with_offsets() {
        let text = "---\ntitle: \"Day: one\"\nvenue:\n  city: Brisbane\n---\nbody";
        let s = split(text);
        assert_eq!(s.get("title").unwrap().value, "Day: one");
        let city = s.get("venue.city").unwrap();
        assert_eq!(&text[city.offset..city.offset + 8], "Brisbane");
        assert_eq!(s.body, "body");
        let t = split("+++\ntitle = \"Programme\"\ndate = 2023-06-11\n+++\nx");
        assert_eq!(t.get("date").unwrap().value, "2023-06-11");
        assert_eq!(t.body, "x");
    }

    /// `locate` as it was, one search per field: the reference.
    fn locate_one_by_one(mut fields: Vec<Field>, matter: &str, base: usize) -> Vec<Field> {
        for f in &mut fields {
            let last = f.key.rsplit('.').find(|s| s.parse::<usize>().is_err()).unwrap_or("");
            let key_at = if last.is_empty() {
                None
            } else {
                matter.to_ascii_lowercase().find(&last.to_ascii_lowercase())
            }
            .unwrap_or(0);
            let first_line = f.value.lines().next().unwrap_or("").trim();
            let value_at =
                if first_line.is_empty() { None } else { matter[key_at..].find(first_line) };
            f.offset = base + key_at + value_at.unwrap_or(0);
        }
        fields
    }

    #[test]
    fn fields_are_located_as_one_search_each_located_them() {
        for matter in [
            "title: \"Day: one\"\nvenue:\n  city: Brisbane\n",
            "Title: Conf\ntitle2: x\ndates:\n  - 2026-06-01\n  - 2026-06-01\ncity: Title\nsub:\n  city: Lyon\n",
            "a: 1\nb: 11\nc: \"quoted\\tvalue\"\nd: |\n  block\n  text\ne: 1\nA: B\n",
            "speakers:\n  - name: Ana\n    name2: Ana\n  - name: Bo\nname: Bo\n",
        ] {
            let mut fields = Vec::new();
            let docs = yaml::load(matter).unwrap();
            flatten_yaml("", &docs[0], &mut fields);
            assert!(!fields.is_empty(), "{matter}");
            assert_eq!(locate(fields.clone(), matter, 4), locate_one_by_one(fields, matter, 4));
        }
    }

    #[test]
    fn values_not_written_as_read_spend_a_bounded_search() {
        // each value holds a tab the front matter writes as `\t`
        let matter: String = (0..5_000).map(|i| format!("key{i}: \"a\\tb{i}\"\n")).collect();
        let docs = yaml::load(&matter).unwrap();
        let mut fields = Vec::new();
        flatten_yaml("", &docs[0], &mut fields);
        let mut values = Values::new(&matter);
        let mut full_searches = 0;
        for f in &fields {
            let key_at = matter.find(&format!("{}:", f.key)).unwrap();
            let before = values.budget;
            assert_eq!(values.find(&matter, &f.value, key_at), None);
            full_searches += usize::from(values.budget < before);
        }
        // the work is a bounded multiple of the front matter, not 5,000 scans
        assert!(full_searches < 5_000 / 4, "{full_searches} full searches");
        assert_eq!(values.budget, 0);
    }

    #[test]
    fn long_keys_spend_a_bounded_search() {
        let key = |i: usize| format!("{}{i}", "k".repeat(66));
        let hay: String = (0..5_000).map(|i| format!("{}: v\n", key(i))).collect();
        let found = first_places(&hay, (0..5_000).map(key).collect());
        // the first ones are where they are; the search stopped long before
        // 5,000 scans of the whole front matter
        assert_eq!(found.get(&key(10)), hay.find(&format!("{}:", key(10))).as_ref());
        assert!(found.len() < 5_000, "{}", found.len());
    }

    #[test]
    fn no_front_matter_is_all_body() {
        let s = split("# Title\n---\n");
        assert!(s.fields.is_empty());
        assert_eq!(s.body_start, 0);
    }
}
