//! The deadlines calendar (`deadlines.ics`): the dates before the event,
//! for authors who subscribe to them without the programme.
//!
//! A deadline at a time is a VEVENT with no DTEND, which RFC 5545 §3.6.1
//! reads as ending when it starts; one with only a date is an all-day item.
//! Both are TRANSP:TRANSPARENT (a deadline does not make anyone busy).
//! Timed deadlines carry VALARM reminders; Google and Outlook's internet
//! calendars ignore them (CLIENT-QUIRKS.md #25), Apple and Thunderbird show
//! them. Zones with a fixed offset under an `Etc/` name, such as Anywhere on
//! Earth (`Etc/GMT+12`), are written in UTC: not every client knows them,
//! and a UTC instant reads the same in all.

use chrono::{Duration, TimeZone};
use chrono_tz::Tz;

use super::description::Description;
use super::event::{Shared, write_days, write_description, write_organizer, write_time};
use super::line::Lines;
use super::{RenderOptions, begin_calendar, refresh_hints, uid, vtimezone};
use crate::model::{Deadline, Due, Schedule};

/// The name of the deadlines calendar of an event titled `title`.
pub fn deadlines_name(title: &str) -> String {
    format!("{title} — deadlines")
}

/// The deadlines as a calendar of their own, each an all-day item or a
/// timed one with reminders (`options.reminders`); `None` when the
/// schedule lists none. Unchecked: [`super::deadlines_to_string`] checks.
pub(crate) fn deadlines_string(schedule: &Schedule, options: &RenderOptions) -> Option<String> {
    if schedule.deadlines.is_empty() {
        return None;
    }
    let mut lines = Lines::new();
    begin_calendar(&mut lines, schedule, options);
    let name = deadlines_name(&schedule.title);
    lines.property("NAME").text(&name);
    lines.property("X-WR-CALNAME").text(&name);
    refresh_hints(&mut lines, options);
    if let Some(base) = &options.base_url {
        lines.property("SOURCE").param("VALUE", "URI").uri(&format!("{base}deadlines.ics"));
    }
    write_zones(&mut lines, &[schedule]);
    write_deadlines(&mut lines, schedule, options);
    lines.end("VCALENDAR");
    Some(lines.into_string())
}

/// One VTIMEZONE for each zone the deadlines of `schedules` are written in.
pub(crate) fn write_zones(lines: &mut Lines, schedules: &[&Schedule]) {
    let timed = schedules.iter().flat_map(|s| &s.deadlines).filter_map(|d| match d.due {
        Due::At(t, zone) if !in_utc(zone) => Some((zone, t)),
        _ => None,
    });
    vtimezone::write_for(lines, timed);
}

/// The VEVENT of every deadline of `schedule`.
pub(crate) fn write_deadlines(lines: &mut Lines, schedule: &Schedule, options: &RenderOptions) {
    let shared = Shared::new(schedule, options);
    for (d, uid) in schedule.deadlines.iter().zip(uid::deadline_uids(schedule, &options.uid_domain))
    {
        write_deadline(lines, &shared, d, &uid, &options.reminders);
    }
}

/// Written in UTC rather than with a TZID: UTC itself, and fixed offsets
/// under `Etc/` names.
fn in_utc(zone: Tz) -> bool {
    vtimezone::is_utc(zone) || zone.name().starts_with("Etc/")
}

pub(crate) fn write_deadline(
    lines: &mut Lines,
    shared: &Shared<'_>,
    d: &Deadline,
    uid: &str,
    reminders: &[Duration],
) {
    let schedule = shared.schedule();
    lines.begin("VEVENT");
    shared.write_identity(lines, uid);
    match d.due {
        Due::Day(day) => write_days(lines, crate::model::Days { first: day, last: day }),
        Due::At(t, zone) if in_utc(zone) => match zone.from_local_datetime(&t).single() {
            Some(at) => write_time(lines, "DTSTART", Tz::UTC, at.naive_utc()),
            None => write_time(lines, "DTSTART", zone, t),
        },
        Due::At(t, zone) => write_time(lines, "DTSTART", zone, t),
    }
    let summary = match &d.group {
        Some(group) => format!("{} ({group}) — {}", d.title, schedule.title),
        None => format!("{} — {}", d.title, schedule.title),
    };
    lines.property("SUMMARY").text(&summary);

    let mut text = Description::default();
    text.text(&d.title).text(": ").text(&due_text(d.due));
    if let Some(group) = &d.group {
        text.line().text("For: ").text(group);
    }
    if let Some(note) = &d.note {
        text.paragraph().text(note);
    }
    text.paragraph().text(&schedule.title);
    if let Some(url) = &schedule.url {
        // Google ignores URL: repeat it here (CLIENT-QUIRKS.md #26)
        text.line().text("Details: ").link(url);
    }
    write_description(lines, &text);
    if let Some(url) = &schedule.url {
        lines.property("URL").param("VALUE", "URI").uri(url);
    }
    if let Some(contact) = &schedule.contact {
        write_organizer(lines, contact);
    }
    lines.property("CATEGORIES").text_list(&[d.kind.label()]);
    lines.property("TRANSP").raw("TRANSPARENT");
    if matches!(d.due, Due::At(..)) {
        for before in reminders {
            lines.begin("VALARM");
            lines.property("ACTION").raw("DISPLAY");
            lines.property("DESCRIPTION").text(&format!("{} in {}", d.title, span_text(*before)));
            lines.property("TRIGGER").raw(&duration(*before));
            lines.end("VALARM");
        }
    }
    lines.end("VEVENT");
}

/// `1 July 2026, 23:59 America/Los_Angeles (2 July 2026, 06:59 UTC)`;
/// `23:59 Anywhere on Earth (UTC−12)`; a date alone.
pub fn due_text(due: Due) -> String {
    match due {
        Due::Day(d) => d.format("%-d %B %Y").to_string(),
        Due::At(t, zone) => {
            let local = t.format("%-d %B %Y, %H:%M");
            let zone_name = if zone == chrono_tz::Etc::GMTPlus12 {
                "Anywhere on Earth (UTC−12)".to_owned()
            } else {
                zone.name().to_owned()
            };
            match zone.from_local_datetime(&t).earliest() {
                Some(at) if !vtimezone::is_utc(zone) => format!(
                    "{local} {zone_name} ({} UTC)",
                    at.naive_utc().format("%-d %B %Y, %H:%M")
                ),
                _ => format!("{local} {zone_name}"),
            }
        }
    }
}

/// A span in its largest whole unit: (count, unit, RFC 5545 designator).
fn whole_units(before: Duration) -> (i64, &'static str, &'static str) {
    let minutes = before.num_minutes().max(0);
    if minutes > 0 && minutes % (24 * 60) == 0 {
        (minutes / (24 * 60), "day", "D")
    } else if minutes > 0 && minutes % 60 == 0 {
        (minutes / 60, "hour", "H")
    } else {
        (minutes, "minute", "M")
    }
}

/// A reminder's TRIGGER: `-P7D`, `-PT12H`, `-PT30M` (RFC 5545 §3.3.6).
fn duration(before: Duration) -> String {
    match whole_units(before) {
        (n, _, "D") => format!("-P{n}D"),
        (n, _, designator) => format!("-PT{n}{designator}"),
    }
}

/// `7 days`, `1 day`, `2 hours`, `30 minutes`.
fn span_text(before: Duration) -> String {
    match whole_units(before) {
        (1, unit, _) => format!("1 {unit}"),
        (n, unit, _) => format!("{n} {unit}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reminders_are_written_in_their_largest_unit() {
        assert_eq!(duration(Duration::days(7)), "-P7D");
        assert_eq!(duration(Duration::hours(36)), "-PT36H");
        assert_eq!(duration(Duration::minutes(90)), "-PT90M");
        assert_eq!(span_text(Duration::days(1)), "1 day");
        assert_eq!(span_text(Duration::hours(2)), "2 hours");
    }

    #[test]
    fn due_text_names_the_zone_and_the_utc_instant() {
        let t =
            chrono::NaiveDateTime::parse_from_str("2026-07-01T23:59", "%Y-%m-%dT%H:%M").unwrap();
        assert_eq!(
            due_text(Due::At(t, chrono_tz::America::Los_Angeles)),
            "1 July 2026, 23:59 America/Los_Angeles (2 July 2026, 06:59 UTC)"
        );
        assert_eq!(
            due_text(Due::At(t, chrono_tz::Etc::GMTPlus12)),
            "1 July 2026, 23:59 Anywhere on Earth (UTC−12) (2 July 2026, 11:59 UTC)"
        );
    }
}
