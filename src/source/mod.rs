//! Inputs: find the importer for a source and run it.
//!
//! Every importer returns the schedule together with the diagnostics it
//! collected; only input that cannot be used at all is an [`Error`].

pub mod json;
pub mod page;

pub use page::Overrides;

use std::path::Path;

use crate::diag::{Diagnostic, Location};
use crate::error::{Error, Result};
use crate::model::Schedule;

/// A schedule read from a source, with what was noticed on the way.
#[derive(Debug)]
pub struct Loaded {
    /// The schedule.
    pub schedule: Schedule,
    /// Warnings and notes; errors make [`load`] fail instead.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads the schedule at `path`, choosing the importer by its extension.
///
/// # Errors
///
/// The file cannot be read, is of a kind no importer reads, or cannot be
/// used; see [`Error::diagnostics`].
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
            let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
            json::parse(&text, path)
        }
        "md" | "markdown" => {
            let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
            page::parse(&text, path, overrides)
        }
        "html" | "htm" => {
            // pages are UTF-8 in practice; a stray byte must not stop the reading
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            page::parse_html(&String::from_utf8_lossy(&bytes), path, overrides)
        }
        _ => Err(Error::invalid(vec![
            Diagnostic::error(format!("cannot tell what kind of schedule `{}` is", path.display()))
                .at(Location::file(path))
                .help("give a JSON schedule (`.json`), a Markdown page (`.md`, `.markdown`) or an HTML page (`.html`, `.htm`)"),
        ])),
    }
}
