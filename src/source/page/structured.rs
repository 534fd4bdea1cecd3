//! Structured data on a page: schema.org `Event`s in JSON-LD, microdata
//! `startDate`/`endDate`, h-event `dt-start`, and `<time datetime>`.
//!
//! They are machine-readable evidence, weighed with the visible text rather
//! than above it: templates leave stale values behind (a JSON-LD event in
//! another year or city), so a value the programme contradicts is a located
//! warning, not the answer. Only top-level events are read: a `subEvent` is
//! where template leftovers hide.

use chrono::NaiveDate;
use serde_json::Value;

use super::blocks::Page;

/// What the structured data says.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Evidence {
    /// Dates of events and elements, with the offset of their markup.
    pub(crate) dates: Vec<(NaiveDate, usize)>,
    /// Places of events (`location.name`, locality, country).
    pub(crate) places: Vec<(String, usize)>,
    /// Structured data that could not be read, with where.
    pub(crate) unreadable: Vec<(String, usize)>,
}

/// Reads the page's structured data.
pub(crate) fn read(page: &Page) -> Evidence {
    let mut out = Evidence::default();
    for (text, at) in &page.json_ld {
        // hand-written JSON-LD keeps JavaScript's comments and trailing
        // commas now and then; what is left is JSON
        let parsed = serde_json::from_str::<Value>(text)
            .or_else(|e| serde_json::from_str::<Value>(&loosened(text)).map_err(|_| e));
        match parsed {
            Ok(v) => events(&v, *at, &mut out, 0),
            Err(e) => {
                out.unreadable.push((format!("its JSON-LD is not JSON ({e})"), *at));
                // a block that does not parse still names its place
                if let Some(name) = location_name(text) {
                    out.places.push((name, *at));
                }
            }
        }
    }
    for (value, at) in &page.machine_dates {
        if let Some(d) = date_of(value) {
            out.dates.push((d, *at));
        }
    }
    out
}

/// The first `"name"` after a `"location"` key of JSON-LD that does not
/// parse (a minified block whose `//` comment runs to its end).
fn location_name(text: &str) -> Option<String> {
    let after = &text[text.find("\"location\"")?..];
    let name = &after[after.find("\"name\"")? + 6..];
    let value = name.trim_start().strip_prefix(':')?.trim_start().strip_prefix('"')?;
    let end = value.find('"')?;
    let value = value[..end].trim();
    (!value.is_empty() && value.len() <= 200).then(|| value.to_owned())
}

/// JSON-LD without `//` and `/* */` comments and trailing commas, strings
/// left as they are.
fn loosened(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match c {
                '\\' => out.extend(chars.next()),
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match (c, chars.peek()) {
            ('"', _) => {
                in_string = true;
                out.push(c);
            }
            ('/', Some('/')) => while chars.next_if(|&n| n != '\n').is_some() {},
            ('/', Some('*')) => {
                chars.next();
                let mut last = ' ';
                for n in chars.by_ref() {
                    if last == '*' && n == '/' {
                        break;
                    }
                    last = n;
                }
            }
            (']' | '}', _) => {
                // a comma before the closing bracket goes
                let kept = out.trim_end().len();
                if out[..kept].ends_with(',') {
                    out.truncate(kept - 1);
                }
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

fn is_event(v: &Value) -> bool {
    let ty = |t: &Value| t.as_str().is_some_and(|s| s.ends_with("Event"));
    match v.get("@type") {
        Some(Value::Array(types)) => types.iter().any(ty),
        Some(t) => ty(t),
        None => false,
    }
}

fn events(v: &Value, at: usize, out: &mut Evidence, depth: usize) {
    if depth > 2 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| events(i, at, out, depth + 1)),
        Value::Object(map) => {
            if let Some(graph) = map.get("@graph") {
                events(graph, at, out, depth + 1);
            }
            if !is_event(v) {
                return;
            }
            for key in ["startDate", "endDate"] {
                if let Some(d) = map.get(key).and_then(Value::as_str).and_then(date_of) {
                    out.dates.push((d, at));
                }
            }
            if let Some(place) = map.get("location").map(place_text).filter(|p| !p.is_empty()) {
                out.places.push((place, at));
            }
        }
        _ => {}
    }
}

/// `location` as text: a string, or a Place's name and address parts.
fn place_text(v: &Value) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut push = |s: Option<&str>| {
        if let Some(s) = s.map(str::trim).filter(|s| !s.is_empty()) {
            parts.push(s.to_owned());
        }
    };
    match v {
        Value::String(s) => push(Some(s)),
        Value::Object(map) => {
            push(map.get("name").and_then(Value::as_str));
            match map.get("address") {
                Some(Value::String(s)) => push(Some(s)),
                Some(Value::Object(a)) => {
                    for k in ["streetAddress", "addressLocality", "addressRegion", "addressCountry"]
                    {
                        push(a.get(k).and_then(Value::as_str));
                    }
                }
                _ => {}
            }
        }
        Value::Array(items) => {
            for i in items {
                let t = place_text(i);
                push(Some(&t));
            }
        }
        _ => {}
    }
    parts.join(", ")
}

/// The date of an ISO-like value, leniently (`2018-12-7T8:00`).
pub(crate) fn date_of(value: &str) -> Option<NaiveDate> {
    let date = value.trim().split(['T', ' ']).next()?;
    let mut parts = date.split('-');
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    if parts.next().is_some() || !(1990..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_block_that_does_not_parse_still_names_its_location() {
        let text = r#"[{ "name": "Conf", "location" : { "@type" : "Place", "name" : "Hall A" } }, // x }]"#;
        assert_eq!(super::location_name(text).as_deref(), Some("Hall A"));
        assert_eq!(super::location_name(r#"{"name": "Conf"}"#), None);
    }

    #[test]
    fn comments_and_trailing_commas_are_read_past() {
        let text = "[{ \"name\" : \"A // B\", // the venue\n \"x\": [1, 2,], /* note */ }]";
        let v: serde_json::Value = serde_json::from_str(&super::loosened(text)).unwrap();
        assert_eq!(v[0]["name"], "A // B");
        assert_eq!(v[0]["x"][1], 2);
    }

    use super::*;

    #[test]
    fn top_level_events_only_and_lenient_dates() {
        let page = Page {
            json_ld: vec![(
                r#"[{"@type":"Event","startDate":"2018-12-7T8:00","location":{"@type":"Place","name":"PwC Melbourne","address":{"addressLocality":"Melbourne","addressCountry":"Australia"}},
                   "subEvent":{"@type":"Event","startDate":"2014-10-24T10:00","location":{"name":"Communa, Lviv"}}}]"#
                    .into(),
                7,
            )],
            machine_dates: vec![("December 07T08:00".into(), 9), ("2018-12-07".into(), 11)],
            ..Page::default()
        };
        let e = read(&page);
        let d = NaiveDate::from_ymd_opt(2018, 12, 7).unwrap();
        assert_eq!(e.dates, vec![(d, 7), (d, 11)]);
        assert_eq!(e.places, vec![("PwC Melbourne, Melbourne, Australia".into(), 7)]);
        let bad = read(&Page { json_ld: vec![("{ // no".into(), 3)], ..Page::default() });
        assert_eq!(bad.unreadable.len(), 1);
    }
}
