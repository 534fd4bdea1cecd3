//! symcal turns a symposium's schedule into calendars people actually use:
//! a subscribable feed, an importable file for the whole event, and one file
//! per session, all RFC 5545 that Google, Apple, Outlook and Thunderbird
//! read the same way.
//!
//! Data flows one way: a [`source`] reads a schedule into the [`model`]
//! (with [`diag`]nostics), and [`ical`] renders it to bytes.
//!
//! ```
//! let text = r#"{
//!   "id": "2025-london-symposium",
//!   "title": "Fairness of AI in Medical Imaging",
//!   "timezone": "Europe/London",
//!   "organizer": {"name": "Enzo Ferrante", "email": "eferrante@dc.uba.ar"},
//!   "sessions": [{"title": "Opening remarks", "start": "2025-06-30T14:00"}]
//! }"#;
//! let loaded = symcal::source::json::parse(text, "london.json".as_ref())?;
//! let options = symcal::RenderOptions::new(symcal::default_dtstamp(&loaded.schedule));
//! let feed = symcal::feed_to_string(&loaded.schedule, &options)?;
//! assert!(feed.starts_with("BEGIN:VCALENDAR\r\n"));
//! assert!(feed.contains("UID:2025-london-symposium-20250630T1400@symcal\r\n"));
//! # Ok::<(), symcal::Error>(())
//! ```
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod agenda;
pub mod diag;
mod digest;
mod error;
#[cfg(feature = "site")]
pub mod html;
pub mod ical;
#[cfg(feature = "invite")]
pub mod invite;
#[cfg(any(feature = "site", feature = "invite"))]
mod lock;
pub mod model;
#[cfg(any(feature = "site", feature = "invite"))]
pub mod output;
#[cfg(any(feature = "site", feature = "invite"))]
mod percent;
#[cfg(feature = "serve")]
pub mod serve;
#[cfg(feature = "site")]
pub mod site;
mod slug;
pub mod source;
#[cfg(feature = "site")]
mod staging;
pub mod time;
mod validate;
#[cfg(feature = "site")]
pub mod walk;

pub use chrono;
pub use chrono_tz;
pub use error::{Error, ErrorKind, Result, SHOWN};
pub use ical::{
    RenderOptions, build_dtstamp, combined_deadlines_to_string, combined_feed_to_string,
    deadline_uids, deadlines_to_string, default_dtstamp, event_to_string, event_uid,
    feed_to_string, render_deadlines, render_event, render_feed, render_session, session_by_uid,
    session_to_string, session_uids,
};
pub use source::{Loaded, load};
