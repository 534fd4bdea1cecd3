//! A schedule as an agenda to confirm at a glance: the zone, the date and
//! the hours with the evidence that decided each (file:line:column), then
//! each day's sessions in local time with where the page gives each one.
//! `symcal check` prints it; [`json()`] gives the same for tools.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::diag::{Diagnostic, Location, Place, Severity};
use crate::model::Schedule;
use crate::source::{Because, Reading};

/// `path:line:column`, or the path alone.
fn place(at: &Location) -> String {
    match &at.place {
        Place::LineColumn { line, column, .. } => {
            format!("{}:{line}:{column}", at.path.display())
        }
        Place::Path(inner) => format!("{}: {inner}", at.path.display()),
        Place::File => at.path.display().to_string(),
    }
}

fn day(d: NaiveDate) -> String {
    d.format("%A %-d %B %Y").to_string()
}

/// The agenda as text: a head with the decisions and their evidence, then
/// one block per day.
pub fn text(schedule: &Schedule, reading: &Reading) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", crate::diag::shown(&schedule.title));
    let mut head = |what: &str, b: &Option<Because>, fallback: Option<String>| {
        let (value, said) = match b {
            Some(b) => (
                b.value.clone(),
                match &b.at {
                    Some(at) => format!("{} ({})", b.said, place(at)),
                    None => b.said.clone(),
                },
            ),
            None => match &fallback {
                Some(v) => (v.clone(), "stated in the schedule".to_owned()),
                None => return,
            },
        };
        let _ = writeln!(out, "  {what:<6} {value:<22} ← {}", crate::diag::shown(&said));
    };
    head("zone", &reading.zone, Some(schedule.zone.name().to_owned()));
    let first = schedule.sessions.iter().map(|s| s.start.date()).min();
    head("date", &reading.date, first.map(day));
    head("hours", &reading.hours, None);
    let mut current = None;
    for (i, s) in schedule.sessions.iter().enumerate() {
        let date = s.start.date();
        if current != Some(date) {
            let _ = writeln!(out, "\n{}", day(date));
            current = Some(date);
        }
        let time = match s.end {
            Some(e) if e.date() == date => {
                format!("{}–{}", s.start.format("%H:%M"), e.format("%H:%M"))
            }
            Some(e) => {
                format!("{}–{} {}", s.start.format("%H:%M"), e.format("%H:%M"), e.format("%-d %b"))
            }
            None => s.start.format("%H:%M").to_string(),
        };
        let mut title = crate::diag::shown(&crate::ical::summary(s));
        if let Some(room) = &s.room {
            let _ = write!(title, " [{}]", crate::diag::shown(room));
        }
        let at = reading.sessions.get(i).and_then(Option::as_ref).map(place).unwrap_or_default();
        let _ = writeln!(out, "  {time:<12} {title}  {at}");
    }
    if let Some(days) = schedule.all_day()
        && schedule.sessions.is_empty()
    {
        let _ = writeln!(out, "\n  all day, {} – {}", day(days.first), day(days.last));
    }
    for d in &schedule.deadlines {
        let _ = writeln!(out, "  due    {}", crate::diag::shown(&d.title));
    }
    out
}

/// The same as [`text()`], as JSON for tools, with the diagnostics.
pub fn json(schedule: &Schedule, reading: &Reading, diagnostics: &[Diagnostic]) -> String {
    let because = |b: &Option<Because>| -> Value {
        match b {
            Some(b) => json!({
                "value": b.value,
                "because": b.said,
                "at": b.at.as_ref().map(place),
            }),
            None => Value::Null,
        }
    };
    let sessions: Vec<Value> = schedule
        .sessions
        .iter()
        .enumerate()
        .map(|(i, s)| {
            json!({
                "date": s.start.date().to_string(),
                "start": s.start.format("%H:%M").to_string(),
                "end": s.end.map(|e| e.format("%Y-%m-%dT%H:%M").to_string()),
                "title": s.title,
                "summary": crate::ical::summary(s),
                "room": s.room,
                "at": reading.sessions.get(i).and_then(Option::as_ref).map(place),
            })
        })
        .collect();
    let found: Vec<Value> = diagnostics_json(diagnostics);
    let value = json!({
        "title": schedule.title,
        "zone": if reading.zone.is_some() { because(&reading.zone) } else { json!({ "value": schedule.zone.name() }) },
        "date": because(&reading.date),
        "hours": because(&reading.hours),
        "sessions": sessions,
        "deadlines": schedule.deadlines.len(),
        "diagnostics": found,
    });
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

/// Diagnostics as JSON objects: severity, message, place, help.
pub fn diagnostics_json(diagnostics: &[Diagnostic]) -> Vec<Value> {
    diagnostics
        .iter()
        .map(|d| {
            json!({
                "severity": match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Note => "note",
                },
                "message": d.message,
                "at": d.location.as_ref().map(place),
                "help": d.help,
            })
        })
        .collect()
}
