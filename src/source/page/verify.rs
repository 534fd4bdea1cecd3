//! Stage 5 of reading a page: checking the reading as a whole.
//!
//! The checks do not trust the stages before them: they look at the
//! sessions that came out and at the page's own words again. Every time on
//! the page that reads like a programme row is used, or explained (a date
//! section, a sentence); no session lasts most of a day or runs backwards
//! against the rows around it; no title is only a time; a table full of
//! times gave sessions; a weekday written with a date agrees with it; the
//! half of the day of every time is decided. A failed check is an error
//! unless the caller accepts the findings as warnings: a wrong time in
//! hundreds of calendars is worse than a refusal that says what to fix.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Timelike};

use super::render::blocks::{Kind, Page};
use super::structure::{Day, Programme};
use super::tokens::clock;
use crate::model::Session;

/// Something the reading got wrong, or could not decide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Finding {
    pub(crate) message: String,
    /// Offset in the file.
    pub(crate) at: Option<usize>,
    pub(crate) help: String,
}

/// What is checked: the reading and the page it came from.
pub(crate) struct Subject<'a> {
    pub(crate) page: &'a Page,
    pub(crate) programme: &'a Programme,
    pub(crate) sessions: &'a [Session],
    /// The programme row of each session (none for one made of stated hours).
    pub(crate) rows: &'a [Option<usize>],
    /// The date of each programme row.
    pub(crate) dates: &'a [Option<NaiveDate>],
    /// Blocks of the page's dates sections (deadlines, not the programme).
    pub(crate) not_event: &'a [usize],
    /// The event's stated hours (start, end), which the page may write in
    /// the programme's region too.
    pub(crate) hours: Option<&'a [chrono::NaiveTime]>,
    /// The zone phrase as the page writes it beside its times, if any
    /// (`CEST`): times followed by it are the programme's own.
    pub(crate) zone_written: Option<&'a str>,
}

/// Longer than this, a session is not one session.
const LONGEST_HOURS: i64 = 12;

/// Every check, in the order the findings are shown.
pub(crate) fn check(s: &Subject<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    coverage(s, &mut out);
    times_written(s, &mut out);
    lengths(s, &mut out);
    backwards(s, &mut out);
    titles(s, &mut out);
    weekdays(s, &mut out);
    out
}

/// Lines that read like programme rows (they open with a time, maybe after
/// their day) but gave no session. (A time whose row is empty is an empty
/// slot of a grid: noted where it is, not a finding.)
fn coverage(s: &Subject<'_>, out: &mut Vec<Finding>) {
    let used: BTreeSet<usize> = s.programme.used_blocks.iter().copied().collect();
    let mut missed: Vec<(usize, String)> = Vec::new();
    let mut in_dates = false;
    for (i, b) in s.page.blocks.iter().enumerate() {
        if let Kind::Heading(_) = b.kind {
            in_dates = s.not_event.contains(&i);
        }
        if used.contains(&i) || s.not_event.contains(&i) || in_dates {
            continue;
        }
        let text = b.text();
        for line in text.lines() {
            let words = line.split_whitespace().count();
            // a row opens with its time, maybe after its day (`Sat 10:00`);
            // a sentence with a time in it is prose
            let body =
                line.split_once(|c: char| c.is_ascii_digit()).map_or("", |(head, _)| head).trim();
            let day_first = !body.is_empty()
                && body.split_whitespace().count() <= 3
                && (super::tokens::dates::weekday_only(body.trim_end_matches([',', ':']))
                    .is_some()
                    || !super::tokens::dates::find(line).is_empty());
            let from = if day_first {
                line.len() - line.trim_start_matches(|c: char| !c.is_ascii_digit()).len()
            } else {
                0
            };
            let leading = words <= 40
                && clock::leading(&line[from..]).is_some_and(|t| {
                    // `9.30%` alone is not a row
                    !t.dotted || words > 1
                })
                && (from == 0 || clock::leading(&line[from..]).is_some_and(|t| !t.dotted));
            if leading && !super::structure::is_deadline_text(line) {
                let at = b.offset() + text.find(line).unwrap_or(0);
                missed.push((at, line.chars().take(60).collect()));
            }
        }
    }
    if missed.is_empty() {
        return;
    }
    missed.sort();
    let (at, first) = &missed[0];
    out.push(Finding {
        message: format!(
            "{} line{} of the page read{} like programme rows but gave no session, the first `{}`",
            missed.len(),
            if missed.len() == 1 { "" } else { "s" },
            if missed.len() == 1 { "s" } else { "" },
            first
        ),
        at: Some(*at),
        help: "the programme may be written in a way symcal does not read yet; check the agenda \
               `symcal check` shows, and pass `--accept-warnings` if it is complete"
            .into(),
    });
}

/// Every time that opens a cell or a line in the programme's region (from
/// its first row's block to its last) is a start or an end in the
/// calendar, read either way round the clock: one that is in none is a row
/// lost or a time read as another. Times inside sentences, dates sections,
/// deadline lines, empty slots, times of another zone and lengths written
/// as `0:10` are not counted.
fn times_written(s: &Subject<'_>, out: &mut Vec<Finding>) {
    let used = &s.programme.used_blocks;
    let (Some(&first), Some(&last)) = (used.first(), used.last()) else { return };
    // and the few blocks around it: a list's first item may be the one lost
    let (first, last) = (first.saturating_sub(3), last + 3);
    let mut known: BTreeSet<u32> = BTreeSet::new();
    for x in s.sessions {
        known.insert(x.start.time().num_seconds_from_midnight() / 60);
        if let Some(e) = x.end {
            known.insert(e.time().num_seconds_from_midnight() / 60);
        }
    }
    if let Some(h) = s.hours {
        known.extend(h.iter().map(|t| t.num_seconds_from_midnight() / 60));
    }
    // every row's times as written: markers (`00:00 Konferenz schließt`)
    // and ends not used (warned where they are) are read, not lost
    for r in &s.programme.rows {
        for c in [Some(r.start), r.end].into_iter().flatten() {
            if let Some(t) = c.time() {
                known.insert(t.num_seconds_from_midnight() / 60);
            }
        }
    }
    let seen = |m: u32| known.contains(&m) || known.contains(&((m + 720) % 1440));
    let empty_slots: BTreeSet<usize> = s.programme.strays.iter().map(|x| x.offset).collect();
    let mut missed: Vec<(usize, String)> = Vec::new();
    for (i, b) in s.page.blocks.iter().enumerate().take(last + 1).skip(first) {
        if s.not_event.contains(&i) {
            continue;
        }
        // in a block that gave rows, the times that open its lines; in one
        // that gave none, every time of its short lines (`## Talks (~7:05pm)
        // (optional)`)
        let gave_rows = used.binary_search(&i).is_ok();
        // a header names columns and days (`Zeit | 23.11. | Sprecher`)
        if matches!(b.kind, Kind::Row { header: true }) {
            continue;
        }
        for cell in &b.cells {
            if empty_slots.contains(&cell.offset) {
                continue;
            }
            for line in cell.text.lines() {
                let words = line.split_whitespace().count();
                if (gave_rows && words > 30) || (!gave_rows && words > 12) {
                    continue;
                }
                let lead = clock::leading(line);
                let first_at = lead.as_ref().map(|l| l.range.start);
                let mut spans: Vec<clock::Span> = lead.into_iter().collect();
                // a sentence (`The Mensa is open 11:00-13:15.`) is prose
                let sentence = line.trim_end().ends_with(['.', '!', '?', '。']);
                if !gave_rows && !sentence {
                    spans.extend(
                        clock::all(line).into_iter().filter(|x| Some(x.range.start) != first_at),
                    );
                }
                // the line's dates, read only when a time would be missed
                let mut dated = None;
                for span in spans {
                    // the span's times in no session, counted first: the
                    // excuses below are read only for those
                    let missing = [Some(span.start), span.end]
                        .into_iter()
                        .flatten()
                        .filter(|c| {
                            c.time().is_some_and(|t| {
                                let m = t.num_seconds_from_midnight() / 60;
                                let length = c.hour == 0 && !c.padded && span.end.is_none();
                                !seen(m) && !c.end_of_day && !length
                            })
                        })
                        .count();
                    // a deadline line's times are not the programme's
                    if missing == 0 || super::structure::is_deadline_text(line) {
                        continue;
                    }
                    // an offset is not a time (`EDT (UTC−04:00)`, `GMT+5:30`)
                    let before = line[..span.range.start].trim_end();
                    if let Some(base) = before.strip_suffix(['+', '-', '−', '–']) {
                        let base = base.trim_end().to_ascii_uppercase();
                        if base.ends_with("UTC") || base.ends_with("GMT") {
                            continue;
                        }
                    }
                    // a date is not a time (`23.11.`)
                    let dated: &Vec<_> =
                        dated.get_or_insert_with(|| super::tokens::dates::find(line));
                    if dated.iter().any(|d| d.range.contains(&span.range.start)) {
                        continue;
                    }
                    // a time of another zone (`12:00 PM EST` beside the
                    // programme's `9:00 AM PST`)
                    let probe = format!("0 {}", &line[span.range.end..]);
                    if let Some(z) = super::tokens::zones::find(&probe).first()
                        && (2..=5).contains(&z.range.start)
                        && s.zone_written.is_none_or(|w| probe.get(z.range.clone()) != Some(w))
                    {
                        continue;
                    }
                    for _ in 0..missing {
                        missed.push((cell.offset, line.chars().take(60).collect()));
                    }
                }
            }
        }
    }
    if missed.is_empty() {
        return;
    }
    missed.sort();
    missed.dedup();
    let (at, line) = &missed[0];
    out.push(Finding {
        message: format!(
            "{} time{} written in the programme {} in no session, the first in `{}`",
            missed.len(),
            if missed.len() == 1 { "" } else { "s" },
            if missed.len() == 1 { "is" } else { "are" },
            line
        ),
        at: Some(*at),
        help: "a row may be lost or read at another time; check the agenda `symcal check` shows"
            .into(),
    });
}

/// A session of most of a day is two rows read as one, or a wrong half of
/// the day.
fn lengths(s: &Subject<'_>, out: &mut Vec<Finding>) {
    for (k, x) in s.sessions.iter().enumerate() {
        let Some(end) = x.end else { continue };
        let hours = (end - x.start).num_hours();
        if hours >= LONGEST_HOURS && s.rows[k].is_some() {
            out.push(Finding {
                message: format!(
                    "`{}` would last {hours} hours ({}–{})",
                    crate::diag::shown(&x.title),
                    x.start.format("%H:%M"),
                    end.format("%H:%M")
                ),
                at: s.rows[k].map(|r| s.programme.rows[r].offset),
                help: "correct its times on the page".into(),
            });
        }
    }
}

/// Rows of one list on one day that start an hour or more before the row
/// above them: days collapsed onto one date, a half of the day misread, or
/// a slot copied from the row above and not corrected (`11.00 – 12.30`
/// again after `12.30 – 13.00`).
fn backwards(s: &Subject<'_>, out: &mut Vec<Finding>) {
    let rows = &s.programme.rows;
    let mut last: std::collections::HashMap<(NaiveDate, usize, Option<String>), (u32, usize)> =
        std::collections::HashMap::new();
    let mut worst: Option<(usize, usize)> = None;
    for (k, x) in s.sessions.iter().enumerate() {
        let Some(r) = s.rows[k] else { continue };
        let row = &rows[r];
        let key = (x.start.date(), row.region, row.room.clone());
        let minutes = x.start.time().num_seconds_from_midnight() / 60;
        if let Some((prev, pr)) = last.get(&key)
            && *prev >= minutes + 60
            && worst.is_none()
        {
            worst = Some((*pr, r));
        }
        last.insert(key, (minutes, r));
    }
    if let Some((a, b)) = worst {
        out.push(Finding {
            message: format!(
                "`{}` is listed after `{}` but starts an hour or more before it, on the same day",
                crate::diag::shown(&rows[b].title),
                crate::diag::shown(&rows[a].title)
            ),
            at: Some(rows[b].offset),
            help: "write the day above each day's rows, or correct the times".into(),
        });
    }
}

/// A title that is only a time, a date or punctuation is a cell read as
/// the wrong column.
fn titles(s: &Subject<'_>, out: &mut Vec<Finding>) {
    for (k, x) in s.sessions.iter().enumerate() {
        let Some(r) = s.rows[k] else { continue };
        if x.title_tbc {
            continue;
        }
        let t = x.title.trim();
        let letters = t.chars().filter(|c| c.is_alphabetic()).count();
        let only_time = clock::leading(t).is_some_and(|c| t[c.range.end..].trim().len() <= 3);
        if (letters == 0 && t.is_ascii()) || only_time {
            out.push(Finding {
                message: format!("a session's title is only `{}`", crate::diag::shown(t)),
                at: Some(s.programme.rows[r].offset),
                help: "give the row a title on the page".into(),
            });
            return;
        }
    }
}

/// A weekday written with a date must be that date's weekday.
fn weekdays(s: &Subject<'_>, out: &mut Vec<Finding>) {
    for (r, row) in s.programme.rows.iter().enumerate() {
        let (Day::Date(p, at), Some(Some(date))) = (&row.day, s.dates.get(r)) else { continue };
        if let Some(w) = p.weekday
            && date.weekday() != w
            && p.month == date.month()
            && p.day == date.day()
        {
            out.push(Finding {
                message: format!(
                    "the page puts {} on a {w:?}, but it is a {:?}",
                    date.format("%-d %B %Y"),
                    date.weekday()
                ),
                at: Some(*at + p.range.start),
                help: "correct the weekday or the date, or pass `--date` with the first day".into(),
            });
            return;
        }
    }
}
