//! docs/schedule.schema.json must describe exactly the fields the loader
//! accepts. serde lists those in its "unknown field" message, so each object
//! of the format is probed with an unknown field and the two lists compared.

mod util;

use std::collections::BTreeSet;

fn schema() -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(util::root().join("docs/schedule.schema.json")).unwrap())
        .expect("the schema is JSON")
}

/// The fields the loader names when it meets `zzz_unknown` in `json`.
fn accepted_fields(json: &str) -> BTreeSet<String> {
    let err = symcal::source::json::parse(json, "probe.json".as_ref()).unwrap_err();
    let message = &err.diagnostics()[0].message;
    // serde says "expected one of `a`, `b`, `c`", or "expected `a` or `b`"
    let list = message.split_once("expected ").unwrap_or_else(|| panic!("{message}")).1;
    let list = list.trim_start_matches("one of ");
    list.split([',', ' '])
        .filter(|w| w.starts_with('`'))
        .map(|f| f.trim_matches('`').to_owned())
        .collect()
}

fn schema_fields(object: &serde_json::Value) -> BTreeSet<String> {
    object["properties"].as_object().unwrap().keys().cloned().collect()
}

const HEAD: &str = r#""title":"T","timezone":"UTC""#;

#[test]
fn schedule_fields_match_the_schema() {
    let s = schema();
    assert_eq!(
        accepted_fields(&format!(r#"{{{HEAD},"zzz_unknown":1,"sessions":[]}}"#)),
        schema_fields(&s)
    );
}

#[test]
fn session_fields_match_the_schema() {
    let s = schema();
    let json = format!(r#"{{{HEAD},"sessions":[{{"start":"2025-01-01T10:00","zzz_unknown":1}}]}}"#);
    assert_eq!(accepted_fields(&json), schema_fields(&s["$defs"]["session"]));
}

#[test]
fn nested_objects_match_the_schema() {
    let s = schema();
    let probe = |field: &str, inner: &str| {
        accepted_fields(&format!(
            r#"{{{HEAD},"{field}":{{{inner}"zzz_unknown":1}},"sessions":[]}}"#
        ))
    };
    assert_eq!(probe("venue", r#""name":"x","#), schema_fields(&s["properties"]["venue"]));
    assert_eq!(probe("online", ""), schema_fields(&s["properties"]["online"]));
    assert_eq!(
        probe("organizer", r#""email":"a@b.c","#),
        schema_fields(&s["properties"]["organizer"])
    );
    let speaker = accepted_fields(&format!(
        r#"{{{HEAD},"sessions":[{{"start":"2025-01-01T10:00","speakers":[{{"name":"x","zzz_unknown":1}}]}}]}}"#
    ));
    assert_eq!(speaker, schema_fields(&s["$defs"]["person"]));
}
