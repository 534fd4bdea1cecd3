//! `index.html`: the page people land on from the feed URL's folder. It
//! says what, when and where, lists the agenda (in the event's zone and the
//! reader's own), and offers the feed to every calendar app and each session
//! to add by hand.
//!
//! The page is a askama template, so every value is HTML-escaped unless
//! marked otherwise; only the page's own script and style are. Links from
//! the source are used only when they are http(s). It loads nothing from
//! elsewhere, and a Content-Security-Policy allows only its own inline
//! script and style (by hash), so even a `<script>` that slipped through
//! escaping would not run.

mod links;

use askama::Template;
use base64::Engine as _;
use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use sha2::{Digest, Sha256};

use crate::ical::{presenters, summary};
use crate::model::{Due, Schedule, Session};
use crate::source::page::is_web_url;

const SCRIPT: &str = include_str!("index.js");
const STYLE: &str = include_str!("index.css");

/// What the page needs to know besides the schedule.
#[derive(Debug, Clone, Copy, Default)]
pub struct PageOptions<'a> {
    /// The absolute URL of the folder the page and calendars are served
    /// from (ending in `/`). Without it, links are relative and the script
    /// makes the subscribe links absolute from where the page is.
    pub base_url: Option<&'a str>,
    /// A problem to show the organiser at the top, such as an edit that
    /// could not be read (`symcal serve`).
    pub problem: Option<&'a str>,
}

/// `index.html` for `schedule`, whose session files are `session_files`
/// (in schedule order, under `sessions/`).
pub fn index_html(
    schedule: &Schedule,
    session_files: &[String],
    options: &PageOptions<'_>,
) -> String {
    let feed = FeedLinks::new(options.base_url, "feed.ics", &schedule.title);
    let zone = schedule.zone;
    let when = when(schedule);
    let venue = schedule.venue.as_ref().map(|v| {
        let query = match &v.address {
            Some(a) => format!("{}, {a}", v.name),
            None => v.name.clone(),
        };
        VenueView { name: &v.name, address: v.address.as_deref(), map: links::map(v.geo, &query) }
    });
    let online = schedule.online.as_ref().map(|o| OnlineView {
        label: o.label.clone().unwrap_or_else(|| match &o.platform {
            Some(p) => format!("join on {p}"),
            None => "join online".to_owned(),
        }),
        url: o.url.as_deref().filter(|u| is_web_url(u)),
        note: o.note.as_deref(),
    });
    let multi_day = {
        let first = schedule.sessions.first().map(|s| s.start.date());
        schedule.sessions.iter().any(|s| Some(s.start.date()) != first)
    };
    let page_url = schedule.url.as_deref().filter(|u| is_web_url(u));
    let sessions = schedule
        .sessions
        .iter()
        .zip(session_files)
        .map(|(s, file)| SessionView::new(schedule, s, file, multi_day, page_url, options.base_url))
        .collect();
    let dates_name = crate::ical::deadlines_name(&schedule.title);
    let index = Index {
        has_feed: schedule.has_event(),
        deadlines: deadline_views(schedule),
        dates_feed: FeedLinks::new(options.base_url, "deadlines.ics", &dates_name),
        dates_name,
        csp: csp(),
        title: &schedule.title,
        style: STYLE,
        script: SCRIPT,
        zone: zone.name(),
        problem: options.problem,
        when,
        description: schedule.description.as_deref(),
        venue,
        online,
        registration: schedule.registration.as_deref().filter(|u| is_web_url(u)),
        feed,
        sessions,
        contact: schedule.contact.as_ref().map(|c| c.email.as_str()),
    };
    index.render().expect("the template renders")
}

/// One event of a site, for the site's index.
#[derive(Debug, Clone, Copy)]
pub struct SiteEntry<'a> {
    /// Its folder in the tree.
    pub folder: &'a str,
    /// Its schedule.
    pub schedule: &'a Schedule,
}

/// `index.html` of a site: every event, and `all.ics` to subscribe to.
pub fn site_index_html(
    name: &str,
    entries: &[SiteEntry<'_>],
    base_url: Option<&str>,
    problem: Option<&str>,
) -> String {
    let feed = FeedLinks::new(base_url, "all.ics", name);
    let mut deadlines: Vec<DeadlineView> =
        entries.iter().flat_map(|e| deadline_views(e.schedule)).collect();
    deadlines.sort_by_key(|d| d.order);
    let dates_name = crate::ical::deadlines_name(name);
    let events = entries
        .iter()
        .map(|e| EntryView {
            href: format!("{}{}/", base_url.unwrap_or(""), e.folder),
            title: e.schedule.title.clone(),
            when: when(e.schedule),
        })
        .collect();
    let page = Site {
        deadlines,
        dates_feed: FeedLinks::new(base_url, "deadlines.ics", &dates_name),
        dates_name,
        csp: csp(),
        title: name,
        zone: "",
        problem,
        style: STYLE,
        script: SCRIPT,
        feed,
        events,
    };
    page.render().expect("the template renders")
}

#[derive(Template)]
#[template(path = "site.html")]
struct Site<'a> {
    csp: String,
    title: &'a str,
    /// None: a site's events may be in several zones.
    zone: &'a str,
    problem: Option<&'a str>,
    style: &'static str,
    script: &'static str,
    feed: FeedLinks,
    events: Vec<EntryView>,
    deadlines: Vec<DeadlineView>,
    dates_feed: FeedLinks,
    dates_name: String,
}

/// One important date, as the page lists it.
struct DeadlineView {
    /// Sorts by instant (all-day items at the day's start, UTC).
    order: DateTime<Utc>,
    due: String,
    title: String,
    group: Option<String>,
    event: String,
}

fn deadline_views(schedule: &Schedule) -> Vec<DeadlineView> {
    schedule
        .deadlines
        .iter()
        .map(|d| DeadlineView {
            order: match d.due {
                Due::At(t, zone) => {
                    crate::time::resolve(zone, t).instant().unwrap_or_else(|| t.and_utc())
                }
                Due::Day(day) => day.and_time(chrono::NaiveTime::MIN).and_utc(),
            },
            due: crate::ical::due_text(d.due),
            title: d.title.clone(),
            group: d.group.clone(),
            event: schedule.title.clone(),
        })
        .collect()
}

struct EntryView {
    href: String,
    title: String,
    when: String,
}

/// When the whole event is, as people read it.
fn when(schedule: &Schedule) -> String {
    let zone = schedule.zone;
    let instant = |t: NaiveDateTime| crate::time::resolve(zone, t).instant();
    if schedule.sessions.is_empty()
        && schedule.start.is_none()
        && let Some(days) = schedule.days
    {
        return crate::time::days_text(days.first, days.last);
    }
    match schedule.event_start().and_then(instant) {
        Some(start) => crate::time::span_text(start, schedule.event_end().and_then(instant), zone),
        None => "date to be announced".to_owned(),
    }
}

#[derive(Template)]
#[template(path = "index.html")]
struct Index<'a> {
    csp: String,
    title: &'a str,
    style: &'static str,
    script: &'static str,
    zone: &'a str,
    problem: Option<&'a str>,
    when: String,
    description: Option<&'a str>,
    venue: Option<VenueView<'a>>,
    online: Option<OnlineView<'a>>,
    registration: Option<&'a str>,
    feed: FeedLinks,
    has_feed: bool,
    sessions: Vec<SessionView>,
    deadlines: Vec<DeadlineView>,
    dates_feed: FeedLinks,
    dates_name: String,
    contact: Option<&'a str>,
}

struct VenueView<'a> {
    name: &'a str,
    address: Option<&'a str>,
    map: String,
}

struct OnlineView<'a> {
    label: String,
    url: Option<&'a str>,
    note: Option<&'a str>,
}

/// The subscribe links; relative (and completed by the script) when the
/// page does not know its address.
struct FeedLinks {
    relative: bool,
    https: String,
    webcal: String,
    google: String,
    outlook_live: String,
    outlook_365: String,
}

impl FeedLinks {
    /// The links to `file` in the folder served at `base`.
    fn new(base: Option<&str>, file: &str, title: &str) -> FeedLinks {
        match base {
            Some(base) => {
                let https = format!("{base}{file}");
                FeedLinks {
                    relative: false,
                    webcal: links::webcal(&https),
                    google: links::google_subscribe(&https),
                    outlook_live: links::outlook_subscribe(&https, title, true),
                    outlook_365: links::outlook_subscribe(&https, title, false),
                    https,
                }
            }
            None => FeedLinks {
                relative: true,
                https: file.into(),
                webcal: file.into(),
                google: file.into(),
                outlook_live: file.into(),
                outlook_365: file.into(),
            },
        }
    }
}

struct SessionView {
    start_utc: String,
    time: String,
    title: String,
    presenters: Option<String>,
    room: Option<String>,
    ics: String,
    google: String,
    outlook: String,
}

impl SessionView {
    fn new(
        schedule: &Schedule,
        s: &Session,
        file: &str,
        multi_day: bool,
        page_url: Option<&str>,
        base: Option<&str>,
    ) -> SessionView {
        let mut time = String::new();
        if multi_day {
            time.push_str(&format!("{} {} ", weekday(s.start), s.start.format("%-d %b")));
        }
        time.push_str(&s.start.format("%H:%M").to_string());
        if let Some(end) = s.end {
            time.push_str(&end.format("–%H:%M").to_string());
        }
        let title = summary(s);
        // as the agenda in event.ics: a "tbc" title already names who is known
        let shown = !s.title_tbc && (!s.presenters.is_empty() || s.presenters_tbc);
        let presenters = shown.then(|| presenters(s));
        let zone = schedule.zone;
        let start = crate::time::resolve(zone, s.start).instant();
        let end = s.end.and_then(|e| crate::time::resolve(zone, e).instant());
        let location = match (&s.room, &schedule.venue, &schedule.online) {
            (Some(room), Some(v), _) => format!("{room}, {}", v.name),
            (None, Some(v), _) => v.name.clone(),
            (_, None, Some(o)) => o.url.clone().unwrap_or_default(),
            (room, None, None) => room.clone().unwrap_or_default(),
        };
        let mut details = String::new();
        if let Some(p) = &presenters {
            details.push_str(p);
            details.push_str("\n\n");
        }
        details.push_str(&schedule.title);
        if let Some(url) = page_url {
            details.push('\n');
            details.push_str(url);
        }
        let (google, outlook) = match start {
            Some(start) => {
                let add = links::Add {
                    title: &title,
                    start,
                    end,
                    details: &details,
                    location: &location,
                    zone: zone.name(),
                };
                (links::google_add(&add), links::outlook_add(&add))
            }
            None => (String::new(), String::new()),
        };
        SessionView {
            start_utc: start.map(iso).unwrap_or_default(),
            time,
            title,
            presenters,
            room: s.room.clone(),
            ics: format!("{}sessions/{file}", base.unwrap_or("")),
            google,
            outlook,
        }
    }
}

fn weekday(t: NaiveDateTime) -> &'static str {
    ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][t.weekday().num_days_from_monday() as usize]
}

fn iso(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The page's policy: its own script and style by hash, images only as
/// `data:` (the empty favicon), nothing else from anywhere.
fn csp() -> String {
    let hash = |text: &str| base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text));
    format!(
        "default-src 'none'; script-src 'sha256-{}'; style-src 'sha256-{}'; img-src data:; base-uri 'none'; form-action 'none'",
        hash(SCRIPT),
        hash(STYLE)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn london() -> Schedule {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/2025-london-symposium.json");
        let text = std::fs::read_to_string(&path).unwrap();
        crate::source::json::parse(&text, &path).unwrap().schedule
    }

    fn files(s: &Schedule) -> Vec<String> {
        crate::output::session_file_names(s)
    }

    #[test]
    fn absolute_links_with_a_base_url() {
        let s = london();
        let options = PageOptions {
            base_url: Some("https://faimi.org/cal/london/"),
            ..PageOptions::default()
        };
        let html = index_html(&s, &files(&s), &options);
        assert!(html.contains("href=\"webcal://faimi.org/cal/london/feed.ics\""), "{html}");
        assert!(html.contains("cid=webcal%3A%2F%2Ffaimi.org%2Fcal%2Flondon%2Ffeed.ics"));
        assert!(html.contains(
            "href=\"https://faimi.org/cal/london/sessions/2025-06-30-1400-opening-remarks.ics\""
        ));
        assert!(!html.contains("data-feed=\""));
        assert!(html.contains("<time datetime=\"2025-06-30T13:00:00Z\">14:00</time>"), "{html}");
    }

    #[test]
    fn relative_links_without_one() {
        let s = london();
        let html = index_html(&s, &files(&s), &PageOptions::default());
        assert!(
            html.contains("id=\"subscribe-webcal\" href=\"feed.ics\" data-feed=\"feed.ics\""),
            "{html}"
        );
        assert!(html.contains("href=\"sessions/2025-06-30-1400-opening-remarks.ics\""));
    }

    #[test]
    fn text_from_the_source_is_escaped_and_scripts_are_refused() {
        let mut s = london();
        s.title = "<script>alert(1)</script><img src=x onerror=alert(2)>".into();
        s.registration = Some("javascript:alert(3)".into());
        s.sessions[0].title = "\"><svg onload=alert(4)>".into();
        let html = index_html(
            &s,
            &files(&s),
            &PageOptions { problem: Some("<b>bad</b>"), ..Default::default() },
        );
        assert!(!html.contains("<script>alert"), "{html}");
        assert!(!html.contains("<img src=x"));
        assert!(!html.contains("<svg"));
        assert!(!html.contains("javascript:"));
        assert!(html.contains("&#60;script&#62;alert(1)&#60;/script&#62;"), "{html}");
        assert!(html.contains("&#60;b&#62;bad&#60;/b&#62;"));
        assert_eq!(html.matches("<script>").count(), 1, "only the page's own script");
    }

    #[test]
    fn the_policy_allows_exactly_the_page_own_script_and_style() {
        let csp = csp();
        assert!(csp.starts_with("default-src 'none'; script-src 'sha256-"));
        assert!(!csp.contains("unsafe"));
    }
}
