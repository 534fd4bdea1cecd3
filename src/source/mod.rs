//! Inputs: find the importer for a source and run it.
//!
//! Every importer returns the schedule together with the diagnostics it
//! collected; only input that cannot be used at all is an [`Error`].

#[cfg(feature = "pages")]
mod charset;
#[cfg(feature = "pages")]
pub(crate) mod identity;
pub mod json;
mod limit;
#[cfg(feature = "pages")]
pub mod page;
mod reading;

#[cfg_attr(not(any(feature = "site", feature = "invite")), allow(unused_imports))]
// the site walker's, the invite state's
pub(crate) use limit::read_text_capped;
pub use limit::{LIMIT_VAR, MAX_INPUT, MAX_SCHEDULE, read_text};

pub use reading::{Because, Reading};

/// What the command line overrides in a page (not in a JSON schedule,
/// which states both).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Overrides {
    /// The event's first date, instead of the page's (the CLI's `--date`).
    pub date: Option<chrono::NaiveDate>,
    /// The zone of the page's times, instead of the page's (the CLI's `--timezone`).
    pub zone: Option<chrono_tz::Tz>,
    /// Read a page whose reading fails a check anyway, keeping the
    /// findings as warnings (the CLI's `--accept-warnings`).
    pub accept_findings: bool,
}

impl Overrides {
    /// The event's first date.
    #[must_use]
    pub fn with_date(mut self, date: chrono::NaiveDate) -> Overrides {
        self.date = Some(date);
        self
    }

    /// The zone of the page's times.
    #[must_use]
    pub fn with_zone(mut self, zone: chrono_tz::Tz) -> Overrides {
        self.zone = Some(zone);
        self
    }

    /// Findings of the page reader's checks are warnings, not errors.
    #[must_use]
    pub fn accepting_findings(mut self) -> Overrides {
        self.accept_findings = true;
        self
    }
}

/// What the command line says about a source's identity: where its
/// calendars are served and what its UIDs end in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Naming {
    /// Where the page's calendars are served (the CLI's `--base-url`): its
    /// address for its UIDs when neither the page nor its site states one
    /// and its permalink names no edition. Not used for a JSON schedule,
    /// whose `id` is its key.
    pub base_url: Option<String>,
    /// The right-hand side of every UID, instead of the site's host (the
    /// CLI's `--uid-domain`); checked with [`crate::ical::is_uid_domain`].
    pub uid_domain: Option<String>,
}

impl Naming {
    /// The page is served at `url`.
    #[must_use]
    pub fn served_at(mut self, url: impl Into<String>) -> Naming {
        self.base_url = Some(url.into());
        self
    }

    /// Every UID ends in `@domain`.
    #[must_use]
    pub fn with_uid_domain(mut self, domain: impl Into<String>) -> Naming {
        self.uid_domain = Some(domain.into());
        self
    }
}

use std::path::Path;

use crate::diag::{Diagnostic, Location};
use crate::error::{Error, Result};
use crate::model::Schedule;

/// A schedule read from a source, with what was noticed on the way.
#[derive(Debug)]
#[non_exhaustive]
pub struct Loaded {
    /// The schedule.
    pub schedule: Schedule,
    /// Warnings and notes; errors make [`load`] fail instead.
    pub diagnostics: Vec<Diagnostic>,
    /// How a page was read: the evidence for its zone, date and hours, and
    /// where each session is on it (empty for a JSON schedule).
    pub reading: Reading,
    /// When the source file was last modified, to the second, if the file
    /// system says: the DTSTAMP of a build ([`crate::build_dtstamp`]).
    pub modified: Option<chrono::DateTime<chrono::Utc>>,
}

impl Loaded {
    pub(crate) fn new(schedule: Schedule, diagnostics: Vec<Diagnostic>) -> Loaded {
        Loaded { schedule, diagnostics, reading: Reading::default(), modified: None }
    }
}

/// Reads the schedule at `path`, choosing the importer by its extension.
///
/// # Errors
///
/// The file cannot be read, is of a kind no importer reads, or cannot be
/// used; see [`Error::diagnostics`].
///
/// # Example
///
/// ```no_run
/// let loaded = symcal::load("event/index.md".as_ref())?;
/// for note in &loaded.diagnostics {
///     eprintln!("{note}");
/// }
/// println!("{} sessions", loaded.schedule.sessions.len());
/// # Ok::<(), symcal::Error>(())
/// ```
pub fn load(path: &Path) -> Result<Loaded> {
    load_with(path, Overrides::default())
}

/// [`load`], with the date or zone given on the command line. A JSON
/// schedule states both, so overrides for one are an error.
///
/// # Errors
///
/// As for [`load`].
pub fn load_with(path: &Path, overrides: Overrides) -> Result<Loaded> {
    load_named(path, overrides, &Naming::default())
}

/// [`load_with`], with what the command line says about the source's
/// identity: a page's key and UID domain come from its address, its site's
/// (`_config.yml`, Hugo's config, `mkdocs.yml`) or `naming.base_url`, else
/// from its site folder and path; `naming.uid_domain` replaces the domain.
///
/// # Errors
///
/// As for [`load`].
pub fn load_named(path: &Path, overrides: Overrides, naming: &Naming) -> Result<Loaded> {
    let mut loaded = load_unnamed(path, overrides, naming)?;
    loaded.modified = modified(path);
    if let Some(domain) = &naming.uid_domain {
        loaded.schedule.uid_domain = Some(domain.to_ascii_lowercase());
    }
    Ok(loaded)
}

/// The file's modification time, to the second.
fn modified(path: &Path) -> Option<chrono::DateTime<chrono::Utc>> {
    let time = std::fs::metadata(path).and_then(|m| m.modified()).ok()?;
    let secs = match time.duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).ok()?,
        Err(e) => -i64::try_from(e.duration().as_secs_f64().ceil() as u64).ok()?,
    };
    chrono::DateTime::from_timestamp(secs, 0)
}

fn load_unnamed(path: &Path, overrides: Overrides, naming: &Naming) -> Result<Loaded> {
    #[cfg(not(feature = "pages"))]
    let _ = naming;
    if path.is_dir() {
        return Err(Error::invalid(vec![
            Diagnostic::error(format!("`{}` is a folder", path.display()))
                .at(Location::file(path))
                .help("`symcal build FOLDER -o OUT` builds every page of a site; the other commands take one page or JSON file"),
        ]));
    }
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match extension.as_str() {
        "json" => {
            if overrides != Overrides::default() {
                // a flag that changes nothing must not pass silently
                return Err(Error::invalid(vec![
                    Diagnostic::error(
                        "`--timezone` and `--date` apply to pages, not to a JSON schedule",
                    )
                    .at(Location::file(path))
                    .help("a JSON schedule states its own `timezone` and dates; edit them there"),
                ]));
            }
            let text = read_text_capped(path, MAX_SCHEDULE)?;
            // a byte-order mark is not JSON, but editors write one
            json::parse(text.strip_prefix('\u{feff}').unwrap_or(&text), path)
        }
        #[cfg(feature = "pages")]
        "md" | "markdown" => {
            let (text, found) = charset::decoded(path, read_text(path)?)?;
            page::parse(&text, path, overrides)
                .map(|l| with_found(identified(l, &text, path, naming), found))
        }
        #[cfg(feature = "pages")]
        "html" | "htm" => {
            let (text, found) = charset::decoded(path, read_text(path)?)?;
            page::parse_html(&text, path, overrides)
                .map(|l| with_found(identified(l, &text, path, naming), found))
        }
        #[cfg(not(feature = "pages"))]
        "md" | "markdown" | "html" | "htm" => Err(Error::invalid(vec![
            Diagnostic::error(format!("`{}` is a page, and this build reads JSON schedules only", path.display()))
                .at(Location::file(path))
                .help("build symcal with its `pages` feature (on by default) to read Markdown and HTML pages"),
        ])),
        _ => Err(Error::invalid(vec![
            Diagnostic::error(format!("cannot tell what kind of schedule `{}` is", path.display()))
                .at(Location::file(path))
                .help("give a JSON schedule (`.json`), a Markdown page (`.md`, `.markdown`) or an HTML page (`.html`, `.htm`)"),
        ])),
    }
}

/// What reading the file noticed (its charset), before what the reader did.
#[cfg(feature = "pages")]
fn with_found(mut loaded: Loaded, mut found: Vec<Diagnostic>) -> Loaded {
    if !found.is_empty() {
        found.append(&mut loaded.diagnostics);
        loaded.diagnostics = found;
    }
    loaded
}

/// The page's key and UID domain, now that its folders and its site are
/// known (`identity`).
#[cfg(feature = "pages")]
fn identified(mut loaded: Loaded, text: &str, path: &Path, naming: &Naming) -> Loaded {
    let path = identity::absolute(path);
    let site = path.parent().and_then(identity::Site::find);
    let id = identity::of_page(text, &path, site.as_ref(), naming.base_url.as_deref());
    loaded.schedule.key = id.key;
    loaded.schedule.uid_domain = id.domain;
    loaded
}

/// The title of the site `dir` is (or is in): `_config.yml`'s `title`,
/// Hugo's `title`, MkDocs' `site_name`.
#[cfg(feature = "site")]
pub(crate) fn site_title(dir: &Path) -> Option<String> {
    identity::Site::find(dir).and_then(|s| s.title)
}
