//! iCalendar output (RFC 5545, with RFC 5546 METHOD and RFC 7986 properties).
//!
//! Three calendars come from one schedule: the subscribable feed (every
//! session), the whole event as one VEVENT, and one calendar per session.
//! All of them are deterministic: the same schedule and options give the
//! same bytes, so a hosted feed keeps its ETag until something changes.
//!
//! This module decides which components and properties a calendar has;
//! `line` alone decides how they are written.

mod deadlines;
pub(crate) mod description;
mod event;
mod fingerprint;
mod itip;
pub(crate) mod line;
mod uid;
mod vtimezone;

use std::io;

use chrono::{DateTime, Utc};

use crate::diag::Diagnostic;
use crate::error::{Error, Result};
use crate::model::Schedule;
pub use deadlines::{deadlines_name, due_text};
pub use event::Audience;
#[cfg(feature = "site")]
pub(crate) use event::presenters;
pub(crate) use event::summary;
use event::{Scratch, Shared};
pub use fingerprint::{
    Fingerprint, deadline_fingerprints, event_fingerprint, session_fingerprints,
};
pub use itip::{Invitation, Snapshot, event_snapshot, invitation_to_string, withdrawal_to_string};
use line::Lines;
pub use uid::is_uid_domain;

/// PRODID (RFC 5545 §3.7.3). No version in it: an upgrade alone should not
/// change every hosted feed's bytes.
const PRODID: &str = "-//symcal//symcal//EN";

/// Choices fixed before rendering.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RenderOptions {
    /// DTSTAMP of every VEVENT. Never the clock: see [`build_dtstamp`] and
    /// [`default_dtstamp`].
    pub dtstamp: DateTime<Utc>,
    /// How often subscribers should poll the feed, in minutes
    /// (REFRESH-INTERVAL and X-PUBLISHED-TTL, CLIENT-QUIRKS.md #19).
    pub refresh_minutes: u32,
    /// SEQUENCE and LAST-MODIFIED by UID, from change tracking (`State::track`
    /// of the `invite` feature); a UID with none gets neither property.
    pub revisions: Revisions,
    /// Where the output folder is served, ending in `/`:
    /// the feed's SOURCE, and absolute links on the page. Never part of a
    /// UID: a flag must not duplicate every subscriber's events.
    pub base_url: Option<String>,
    /// How long before each timed deadline a reminder (VALARM) goes off;
    /// empty for none. A week and a day by default.
    pub reminders: Vec<chrono::Duration>,
    /// The right-hand side of generated UIDs (`<key>-…@symcal`) for a
    /// schedule that names none of its own ([`Schedule::uid_domain`], the
    /// host of the page's site): an organisation's own domain keeps its
    /// events apart from another's with the same key. Changing it changes
    /// every UID, so subscribers would see every event replaced: set it
    /// once. To override a schedule's own, set `Schedule::uid_domain`.
    pub uid_domain: String,
    /// PRODID of every calendar (RFC 5545 §3.7.3).
    pub prodid: String,
    /// Threads to render a feed on: 0 for one per core (the default), 1
    /// to render on the caller's thread only.
    pub threads: usize,
}

/// What version of an event a UID is at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Revision {
    /// RFC 5545 SEQUENCE: 0 as first published, one more per change.
    pub sequence: u32,
    /// When that version was first seen (LAST-MODIFIED).
    pub modified: DateTime<Utc>,
}

/// Revisions by UID.
pub type Revisions = std::collections::BTreeMap<String, Revision>;

impl RenderOptions {
    /// Options with `dtstamp` and an hourly refresh hint.
    pub fn new(dtstamp: DateTime<Utc>) -> RenderOptions {
        RenderOptions {
            dtstamp,
            refresh_minutes: 60,
            revisions: Revisions::new(),
            base_url: None,
            reminders: vec![chrono::Duration::days(7), chrono::Duration::days(1)],
            uid_domain: uid::DOMAIN.to_owned(),
            prodid: PRODID.to_owned(),
            threads: 0,
        }
    }
}

/// The DTSTAMP of a build from a source file: the schedule's `updated`
/// instant, else `modified` (the source file's modification time), else
/// [`default_dtstamp`], each clamped to `now` so that no calendar is
/// stamped later than it was written. The same file gives the same stamp,
/// so two builds of it are byte-identical; `SOURCE_DATE_EPOCH` and the
/// state's last change come before this (`docs/FORMAT.md`).
///
/// ```
/// use symcal::chrono::DateTime;
/// let schedule = symcal::model::Schedule::new("e", "E", symcal::chrono_tz::UTC);
/// let saved = DateTime::from_timestamp(1_750_000_000, 0);
/// let now = DateTime::from_timestamp(1_760_000_000, 0).unwrap();
/// assert_eq!(symcal::build_dtstamp(&schedule, saved, now), saved.unwrap());
/// let future = DateTime::from_timestamp(1_900_000_000, 0);
/// assert_eq!(symcal::build_dtstamp(&schedule, future, now), now);
/// ```
pub fn build_dtstamp(
    schedule: &Schedule,
    modified: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> DateTime<Utc> {
    schedule.updated.or(modified).unwrap_or_else(|| default_dtstamp(schedule)).min(now)
}

/// The DTSTAMP used when the caller has none (such as `SOURCE_DATE_EPOCH`):
/// the schedule's `updated` instant, else the instant the event starts (its
/// first day's midnight, UTC, for an all-day event; its first deadline's
/// day for a call with no event date yet), else the Unix epoch. Each is a
/// property of the input, so two renders of the same input agree.
pub fn default_dtstamp(schedule: &Schedule) -> DateTime<Utc> {
    let midnight = |d: chrono::NaiveDate| d.and_time(chrono::NaiveTime::MIN).and_utc();
    schedule
        .updated
        .or_else(|| {
            schedule.event_start().and_then(|s| crate::time::resolve(schedule.zone, s).instant())
        })
        .or_else(|| schedule.days.map(|d| midnight(d.first)))
        .or_else(|| schedule.deadlines.iter().map(|d| d.due.date()).min().map(midnight))
        .unwrap_or(DateTime::UNIX_EPOCH)
}

/// REFRESH-INTERVAL and X-PUBLISHED-TTL (CLIENT-QUIRKS.md #19).
fn refresh_hints(lines: &mut Lines, options: &RenderOptions) {
    let refresh = match options.refresh_minutes {
        m if m % 60 == 0 => format!("PT{}H", m / 60),
        m => format!("PT{m}M"),
    };
    lines.property("REFRESH-INTERVAL").param("VALUE", "DURATION").raw(&refresh);
    lines.property("X-PUBLISHED-TTL").raw(&refresh);
}

/// Writes the feed: every session as a VEVENT, METHOD:PUBLISH, with the
/// calendar's name, zone and refresh hints.
///
/// Output is streamed to `out` a component at a time, so memory stays flat
/// however long the schedule is.
///
/// # Errors
///
/// Only errors from `out`.
///
/// # Example
///
/// ```
/// let text = r#"{"id": "demo", "title": "Demo day", "timezone": "Europe/London",
///   "organizer": {"name": "Ada", "email": "ada@example.org"},
///   "sessions": [{"title": "Welcome", "start": "2025-06-30T14:00", "end": "2025-06-30T14:30"}]}"#;
/// let loaded = symcal::source::json::parse(text, "demo.json".as_ref()).unwrap();
/// let options = symcal::RenderOptions::new(symcal::default_dtstamp(&loaded.schedule));
/// let mut feed = Vec::new();
/// symcal::render_feed(&loaded.schedule, &options, &mut feed).unwrap();
/// let feed = String::from_utf8(feed).unwrap();
/// assert!(feed.contains("DTSTART;TZID=Europe/London:20250630T140000\r\n"));
/// ```
pub fn render_feed(
    schedule: &Schedule,
    options: &RenderOptions,
    out: &mut (impl io::Write + ?Sized),
) -> io::Result<()> {
    checked(schedule, options).map_err(invalid_input)?;
    write_feed(schedule, options, out)
}

/// [`render_feed`] for a schedule already checked.
fn write_feed(
    schedule: &Schedule,
    options: &RenderOptions,
    out: &mut (impl io::Write + ?Sized),
) -> io::Result<()> {
    let mut lines = Lines::new();
    begin_calendar(&mut lines, schedule, options);
    lines.property("NAME").text(&schedule.title);
    lines.property("X-WR-CALNAME").text(&schedule.title);
    if let Some(d) = &schedule.description {
        lines.property("DESCRIPTION").text(d);
        lines.property("X-WR-CALDESC").text(d);
    }
    if !schedule.sessions.is_empty() {
        lines.property("X-WR-TIMEZONE").text(schedule.zone.name());
    }
    refresh_hints(&mut lines, options);
    if let Some(url) = &schedule.url {
        lines.property("URL").param("VALUE", "URI").uri(url);
    }
    if let Some(base) = &options.base_url {
        // RFC 7986: where to fetch this calendar again
        lines.property("SOURCE").param("VALUE", "URI").uri(&format!("{base}feed.ics"));
    }
    write_zone(
        &mut lines,
        schedule,
        schedule.sessions.iter().flat_map(|s| [Some(s.start), s.end]).flatten(),
    );

    lines.drain_into(out)?;

    let shared = Shared::new(schedule, options);
    let uids = uid::session_uids(schedule, &options.uid_domain);
    write_sessions(&shared, &uids, out)?;
    if schedule.sessions.is_empty() {
        // no programme yet: the event's days, under the UID its timed
        // umbrella will have
        shared.write_event(&mut lines, &uid::event_uid(schedule, &options.uid_domain), None);
    }
    lines.end("VCALENDAR");
    lines.drain_into(out)?;
    out.flush()
}

/// Sessions per unit of work: large enough that handing chunks between
/// threads costs nothing, small enough to keep memory flat.
const CHUNK: usize = 512;

/// Writes the VEVENT of every session to `out`, in order, rendering chunks
/// on every core. Worker `t` renders chunks `t`, `t + T`, `t + 2T`, … and
/// hands each over a channel of its own holding at most two, so taking the
/// channels in turn yields the chunks in order with bounded memory, and
/// writing overlaps rendering. The bytes are the same as a single thread's.
fn write_sessions(
    shared: &Shared<'_>,
    uids: &[String],
    out: &mut (impl io::Write + ?Sized),
) -> io::Result<()> {
    let chunks = uids.len().div_ceil(CHUNK);
    let render = |chunk: usize, scratch: &mut Scratch| {
        let mut lines = Lines::new();
        let first = chunk * CHUNK;
        let end = (first + CHUNK).min(uids.len());
        for (offset, uid) in uids[first..end].iter().enumerate() {
            shared.write_session(&mut lines, scratch, first + offset, uid);
        }
        lines.into_string()
    };
    let cores = || std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let threads = match shared.threads() {
        0 => cores(),
        n => n,
    }
    .min(chunks);
    if threads <= 1 {
        let mut scratch = Scratch::default();
        for chunk in 0..chunks {
            out.write_all(render(chunk, &mut scratch).as_bytes())?;
        }
        return Ok(());
    }
    std::thread::scope(|scope| {
        let receivers: Vec<_> = (0..threads)
            .map(|t| {
                let (tx, rx) = std::sync::mpsc::sync_channel::<String>(2);
                scope.spawn(move || {
                    let mut scratch = Scratch::default();
                    for chunk in (t..chunks).step_by(threads) {
                        // a closed channel means the writer gave up: stop
                        if tx.send(render(chunk, &mut scratch)).is_err() {
                            return;
                        }
                    }
                });
                rx
            })
            .collect();
        for chunk in 0..chunks {
            let part = receivers[chunk % threads].recv().expect("a render thread panicked");
            out.write_all(part.as_bytes())?;
        }
        Ok(())
    })
}

/// The feed as a string; see [`render_feed`].
///
/// # Errors
///
/// The schedule fails [`Schedule::validate`] (or `options.dtstamp` is
/// outside the years 1–9999): nothing is rendered.
pub fn feed_to_string(schedule: &Schedule, options: &RenderOptions) -> Result<String> {
    checked(schedule, options)?;
    let mut out = Vec::new();
    write_feed(schedule, options, &mut out).expect("writing to a Vec cannot fail");
    Ok(String::from_utf8(out).expect("rendered as UTF-8"))
}

/// What every renderer checks before it writes a line: the schedule
/// passes [`Schedule::validate`] (ends after starts, no time in a DST gap,
/// UIDs of one word, years 1–9999, …) and the DTSTAMP is a time a calendar
/// can hold. A schedule from [`crate::load`] has passed these already; one
/// built in code may not have.
fn checked(schedule: &Schedule, options: &RenderOptions) -> Result<()> {
    schedule.validate()?;
    if !crate::validate::YEARS.contains(&chrono::Datelike::year(&options.dtstamp)) {
        return Err(Error::invalid(vec![
            Diagnostic::error(format!(
                "DTSTAMP {} is outside the years 1–9999",
                options.dtstamp.to_rfc3339()
            ))
            .help("give RenderOptions a dtstamp a calendar can hold"),
        ]));
    }
    Ok(())
}

/// A schedule that cannot be rendered, as the error of a writer function.
fn invalid_input(error: Error) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, error)
}

/// The whole event as a single-VEVENT calendar, the agenda in its
/// DESCRIPTION: what people import or get invited to. It has no calendar
/// name, so Outlook adds it to the user's calendar instead of creating a new
/// one (CLIENT-QUIRKS.md #24).
///
/// # Example
///
/// ```
/// use symcal::chrono::NaiveDate;
/// use symcal::model::{Days, Schedule};
///
/// // an announcement: the date, no programme yet
/// let mut schedule = Schedule::new("2026-miccai", "FAIMI at MICCAI", symcal::chrono_tz::Europe::Paris);
/// let day = NaiveDate::from_ymd_opt(2026, 9, 27).unwrap();
/// schedule.days = Some(Days { first: day, last: day });
/// let options = symcal::RenderOptions::new(symcal::default_dtstamp(&schedule));
/// let ics = symcal::event_to_string(&schedule, &options)?;
/// assert!(ics.contains("DTSTART;VALUE=DATE:20260927\r\nDTEND;VALUE=DATE:20260928\r\n"));
/// # Ok::<(), symcal::Error>(())
/// ```
///
/// # Errors
///
/// As for [`feed_to_string`].
pub fn event_to_string(schedule: &Schedule, options: &RenderOptions) -> Result<String> {
    checked(schedule, options)?;
    Ok(event_string(schedule, options))
}

/// [`event_to_string`] for a schedule already checked.
fn event_string(schedule: &Schedule, options: &RenderOptions) -> String {
    let mut lines = Lines::new();
    begin_calendar(&mut lines, schedule, options);
    let span = [schedule.event_start(), schedule.event_end()];
    write_zone(&mut lines, schedule, span.into_iter().flatten());
    Shared::new(schedule, options).write_event(
        &mut lines,
        &uid::event_uid(schedule, &options.uid_domain),
        None,
    );
    lines.end("VCALENDAR");
    lines.into_string()
}

/// Writes the whole event's calendar ([`event_to_string`]) to `out`.
///
/// # Errors
///
/// Errors from `out`; a schedule [`event_to_string`] refuses is an error of
/// kind [`io::ErrorKind::InvalidInput`] whose inner error is the
/// [`Error`] with its diagnostics.
pub fn render_event(
    schedule: &Schedule,
    options: &RenderOptions,
    out: &mut (impl io::Write + ?Sized),
) -> io::Result<()> {
    checked(schedule, options).map_err(invalid_input)?;
    out.write_all(event_string(schedule, options).as_bytes())
}

/// Writes session `index`'s calendar ([`session_to_string`]) to `out`;
/// `Ok(false)` when there is no such session.
///
/// # Errors
///
/// As for [`render_event`].
pub fn render_session(
    schedule: &Schedule,
    options: &RenderOptions,
    index: usize,
    out: &mut (impl io::Write + ?Sized),
) -> io::Result<bool> {
    match session_to_string(schedule, options, index).map_err(invalid_input)? {
        Some(text) => out.write_all(text.as_bytes()).map(|()| true),
        None => Ok(false),
    }
}

/// Writes the deadlines calendar ([`deadlines_to_string`]) to `out`;
/// `Ok(false)` when the schedule lists none.
///
/// # Errors
///
/// As for [`render_event`].
pub fn render_deadlines(
    schedule: &Schedule,
    options: &RenderOptions,
    out: &mut (impl io::Write + ?Sized),
) -> io::Result<bool> {
    match deadlines_to_string(schedule, options).map_err(invalid_input)? {
        Some(text) => out.write_all(text.as_bytes()).map(|()| true),
        None => Ok(false),
    }
}

/// The deadlines as a calendar of their own (`deadlines.ics`), each an
/// all-day item or a timed one with reminders (`options.reminders`);
/// `None` when the schedule lists none.
///
/// # Errors
///
/// As for [`feed_to_string`].
///
/// # Example
///
/// ```
/// use symcal::chrono::NaiveDate;
/// use symcal::model::{Deadline, DeadlineKind, Due, Schedule};
///
/// let mut schedule = Schedule::new("demo", "Demo workshop", symcal::chrono_tz::Europe::Paris);
/// let at = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap().and_hms_opt(23, 59, 0).unwrap();
/// // 23:59 Anywhere on Earth
/// let due = Due::At(at, symcal::chrono_tz::Etc::GMTPlus12);
/// schedule.deadlines.push(Deadline::new("Paper deadline", DeadlineKind::Submission, due));
/// let options = symcal::RenderOptions::new(symcal::default_dtstamp(&schedule));
/// let ics = symcal::deadlines_to_string(&schedule, &options)?.unwrap();
/// assert!(ics.contains("UID:demo-due-submission@symcal\r\n"));
/// assert!(ics.contains("DTSTART:20260702T115900Z\r\n"));
/// assert!(ics.contains("TRIGGER:-P7D\r\n"));
/// # Ok::<(), symcal::Error>(())
/// ```
pub fn deadlines_to_string(schedule: &Schedule, options: &RenderOptions) -> Result<Option<String>> {
    checked(schedule, options)?;
    Ok(deadlines::deadlines_string(schedule, options))
}

/// Session `index` (in schedule order) as a calendar of its own; `None`
/// when there is no such session.
///
/// # Example
///
/// ```
/// use symcal::chrono::NaiveDate;
/// use symcal::model::{Schedule, Session};
///
/// let at = |h| NaiveDate::from_ymd_opt(2025, 6, 30).unwrap().and_hms_opt(h, 0, 0).unwrap();
/// let schedule = Schedule::new("demo", "Demo day", symcal::chrono_tz::Europe::London)
///     .with_session(Session::new(at(14), "Welcome").with_end(at(15)));
/// let options = symcal::RenderOptions::new(symcal::default_dtstamp(&schedule));
/// let ics = symcal::session_to_string(&schedule, &options, 0)?.unwrap();
/// assert!(ics.contains("UID:demo-20250630T1400@symcal\r\n"));
/// assert!(symcal::session_to_string(&schedule, &options, 1)?.is_none());
/// # Ok::<(), symcal::Error>(())
/// ```
///
/// # Errors
///
/// As for [`feed_to_string`].
pub fn session_to_string(
    schedule: &Schedule,
    options: &RenderOptions,
    index: usize,
) -> Result<Option<String>> {
    checked(schedule, options)?;
    if schedule.sessions.get(index).is_none() {
        return Ok(None);
    }
    let uid = uid::session_uids(schedule, &options.uid_domain).swap_remove(index);
    let shared = Shared::new(schedule, options);
    Ok(Some(session_calendar(&shared, options, &mut Scratch::default(), index, &uid)))
}

/// The session whose UID is `uid` as a calendar of its own; `None` when
/// no session has it.
///
/// # Errors
///
/// As for [`feed_to_string`].
pub fn session_by_uid(
    schedule: &Schedule,
    options: &RenderOptions,
    uid: &str,
) -> Result<Option<String>> {
    match session_uids(schedule, options).iter().position(|u| u == uid) {
        Some(index) => session_to_string(schedule, options, index),
        None => checked(schedule, options).map(|()| None),
    }
}

/// The UID of every session, in schedule order, as `options` writes them.
pub fn session_uids(schedule: &Schedule, options: &RenderOptions) -> Vec<String> {
    uid::session_uids(schedule, &options.uid_domain)
}

/// The UID of the whole event (`event.ics`, invitations, the all-day
/// event of a schedule with no sessions yet).
pub fn event_uid(schedule: &Schedule, options: &RenderOptions) -> String {
    uid::event_uid(schedule, &options.uid_domain)
}

/// The UID of every deadline, in order.
pub fn deadline_uids(schedule: &Schedule, options: &RenderOptions) -> Vec<String> {
    uid::deadline_uids(schedule, &options.uid_domain)
}

/// Every session's calendar, in order: what `build` writes to `sessions/`.
/// Cheaper than calling [`session_to_string`] for each, which recomputes
/// the UIDs every time.
///
/// # Errors
///
/// As for [`feed_to_string`].
pub fn sessions_to_strings(schedule: &Schedule, options: &RenderOptions) -> Result<Vec<String>> {
    checked(schedule, options)?;
    let shared = Shared::new(schedule, options);
    let mut scratch = Scratch::default();
    let uids = uid::session_uids(schedule, &options.uid_domain);
    Ok(uids
        .iter()
        .enumerate()
        .map(|(i, uid)| session_calendar(&shared, options, &mut scratch, i, uid))
        .collect())
}

fn session_calendar(
    shared: &Shared<'_>,
    options: &RenderOptions,
    scratch: &mut Scratch,
    index: usize,
    uid: &str,
) -> String {
    let schedule = shared.schedule();
    let session = &schedule.sessions[index];
    let mut lines = Lines::new();
    begin_calendar(&mut lines, schedule, options);
    write_zone(&mut lines, schedule, [Some(session.start), session.end].into_iter().flatten());
    shared.write_session(&mut lines, scratch, index, uid);
    lines.end("VCALENDAR");
    lines.into_string()
}

/// One feed holding the sessions of several schedules, as `all.ics` of a
/// site: one VTIMEZONE per zone used, each schedule's sessions with its own
/// UIDs (an event with no programme yet as its all-day event). Keys must
/// differ between the schedules, or UIDs would repeat.
///
/// # Errors
///
/// One of the schedules fails the checks of [`feed_to_string`].
pub fn combined_feed_to_string(
    name: &str,
    schedules: &[(&Schedule, RenderOptions)],
) -> Result<String> {
    for (schedule, options) in schedules {
        checked(schedule, options)?;
    }
    let mut lines = Lines::new();
    let all_organised = schedules.iter().all(|(s, _)| s.contact.is_some());
    let prodid = schedules.first().map_or(PRODID, |(_, o)| o.prodid.as_str());
    begin_calendar_with(&mut lines, all_organised.then_some("PUBLISH"), prodid);
    lines.property("NAME").text(name);
    lines.property("X-WR-CALNAME").text(name);
    vtimezone::write_for(
        &mut lines,
        schedules.iter().flat_map(|(s, _)| {
            s.sessions.iter().flat_map(|x| [Some(x.start), x.end]).flatten().map(|t| (s.zone, t))
        }),
    );
    let mut scratch = Scratch::default();
    for (schedule, options) in schedules {
        let shared = Shared::new(schedule, options);
        for (i, uid) in uid::session_uids(schedule, &options.uid_domain).iter().enumerate() {
            shared.write_session(&mut lines, &mut scratch, i, uid);
        }
        if schedule.sessions.is_empty() {
            // an event with its days and no programme yet, as in its feed
            shared.write_event(&mut lines, &uid::event_uid(schedule, &options.uid_domain), None);
        }
    }
    lines.end("VCALENDAR");
    Ok(lines.into_string())
}

/// One calendar holding the deadlines of several schedules, as a site's
/// `deadlines.ics`; `None` when none lists any.
///
/// # Errors
///
/// As for [`combined_feed_to_string`].
pub fn combined_deadlines_to_string(
    name: &str,
    schedules: &[(&Schedule, RenderOptions)],
) -> Result<Option<String>> {
    for (schedule, options) in schedules {
        checked(schedule, options)?;
    }
    let with: Vec<_> = schedules.iter().filter(|(s, _)| !s.deadlines.is_empty()).collect();
    let Some((_, first_options)) = with.first() else { return Ok(None) };
    let mut lines = Lines::new();
    let all_organised = with.iter().all(|(s, _)| s.contact.is_some());
    begin_calendar_with(&mut lines, all_organised.then_some("PUBLISH"), &first_options.prodid);
    lines.property("NAME").text(name);
    lines.property("X-WR-CALNAME").text(name);
    refresh_hints(&mut lines, first_options);
    let plain: Vec<&Schedule> = with.iter().map(|(s, _)| *s).collect();
    deadlines::write_zones(&mut lines, &plain);
    for (schedule, options) in with {
        deadlines::write_deadlines(&mut lines, schedule, options);
    }
    lines.end("VCALENDAR");
    Ok(Some(lines.into_string()))
}

fn begin_calendar(lines: &mut Lines, schedule: &Schedule, options: &RenderOptions) {
    // RFC 5546 requires an ORGANIZER in every VEVENT of a PUBLISH, and
    // libical rejects one without: with no organiser, this is a plain
    // calendar rather than an iTIP message.
    begin_calendar_with(lines, schedule.contact.is_some().then_some("PUBLISH"), &options.prodid);
}

/// BEGIN:VCALENDAR and its fixed properties, METHOD right after them
/// (CLIENT-QUIRKS.md #11).
fn begin_calendar_with(lines: &mut Lines, method: Option<&str>, prodid: &str) {
    lines.begin("VCALENDAR");
    lines.property("VERSION").raw("2.0");
    lines.property("PRODID").text(prodid);
    lines.property("CALSCALE").raw("GREGORIAN");
    if let Some(method) = method {
        lines.property("METHOD").raw(method);
    }
}

fn write_zone(
    lines: &mut Lines,
    schedule: &Schedule,
    times: impl Iterator<Item = chrono::NaiveDateTime>,
) {
    vtimezone::write_for(lines, times.map(|t| (schedule.zone, t)));
}
