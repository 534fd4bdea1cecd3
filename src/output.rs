//! Writing outputs so that nothing is ever half-written.
//!
//! Every file is written to a temporary name in its destination folder and
//! renamed into place, so a reader (a web server, a calendar polling the
//! feed) sees the old file or the new one, never a torn one. The
//! `sessions/` folder is built beside the old one and swapped in whole, so a
//! session removed from the schedule does not linger as a stale file.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::html::PageOptions;
use crate::ical::{self, RenderOptions};
use crate::model::Schedule;
use crate::slug::slugify;

/// The files `build` writes, relative to its output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildOutput {
    /// `feed.ics`: every session, for subscribing.
    pub feed: String,
    /// `event.ics`: the whole event as one VEVENT.
    pub event: String,
    /// `sessions/<name>.ics`, in schedule order.
    pub sessions: Vec<(String, String)>,
    /// `index.html`: the event, the agenda and the subscribe links.
    pub index: String,
}

impl BuildOutput {
    /// Renders every calendar of `schedule` in memory; nothing is written.
    pub fn render(schedule: &Schedule, options: &RenderOptions) -> BuildOutput {
        let names = session_file_names(schedule);
        let calendars = ical::sessions_to_strings(schedule, options);
        let page = PageOptions { base_url: options.base_url.as_deref(), problem: None };
        BuildOutput {
            feed: ical::feed_to_string(schedule, options),
            event: ical::event_to_string(schedule, options),
            index: crate::html::index_html(schedule, &names, &page),
            sessions: names.into_iter().zip(calendars).collect(),
        }
    }

    /// Every file as (path relative to the folder, bytes): what `serve`
    /// holds in memory.
    pub fn files(&self) -> Vec<(String, &[u8])> {
        let mut files = vec![
            ("feed.ics".to_owned(), self.feed.as_bytes()),
            ("event.ics".to_owned(), self.event.as_bytes()),
            ("index.html".to_owned(), self.index.as_bytes()),
        ];
        files.extend(self.sessions.iter().map(|(n, t)| (format!("sessions/{n}"), t.as_bytes())));
        files
    }

    /// Writes the files under `dir`, creating it if needed.
    ///
    /// # Errors
    ///
    /// Any I/O error, naming the path. Files already renamed into place stay;
    /// none is left partly written.
    pub fn write(&self, dir: &Path) -> Result<()> {
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let sessions = dir.join("sessions");
        let staging = dir.join(format!(".sessions.tmp-{}", std::process::id()));
        let retired = dir.join(format!(".sessions.old-{}", std::process::id()));
        remove_dir_if_present(&staging)?;
        fs::create_dir(&staging).map_err(|e| Error::io(&staging, e))?;
        for (name, text) in &self.sessions {
            let path = staging.join(name);
            fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
        }
        if sessions.exists() {
            fs::rename(&sessions, &retired).map_err(|e| Error::io(&sessions, e))?;
        }
        fs::rename(&staging, &sessions).map_err(|e| Error::io(&sessions, e))?;
        remove_dir_if_present(&retired)?;
        write_atomic(&dir.join("event.ics"), self.event.as_bytes())?;
        write_atomic(&dir.join("index.html"), self.index.as_bytes())?;
        write_atomic(&dir.join("feed.ics"), self.feed.as_bytes())
    }
}

fn remove_dir_if_present(path: &Path) -> Result<()> {
    match fs::remove_dir_all(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(Error::io(path, e)),
        _ => Ok(()),
    }
}

/// `<date>-<time>-<slug>.ics`, unique within the schedule: a second session
/// with the same name gets `-2`, and so on.
pub fn session_file_names(schedule: &Schedule) -> Vec<String> {
    let mut taken = std::collections::BTreeSet::new();
    schedule
        .sessions
        .iter()
        .map(|s| {
            let mut slug = slugify(&s.title);
            if slug.is_empty() {
                slug = slugify(s.kind.label());
            }
            let stem = format!("{}-{}", s.start.format("%Y-%m-%d-%H%M"), slug);
            let mut name = format!("{stem}.ics");
            let mut n = 1;
            while !taken.insert(name.clone()) {
                n += 1;
                name = format!("{stem}-{n}.ics");
            }
            name
        })
        .collect()
}

/// Writes `bytes` to `path` through a temporary file and a rename.
///
/// # Errors
///
/// Any I/O error, naming the path.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// Like [`write_atomic`], with the content streamed by `fill`. If `fill`
/// fails, the temporary file is removed and `path` is untouched.
///
/// # Errors
///
/// Any I/O error, naming the path.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    let tmp = temporary_name(path);
    let result = (|| {
        let file = fs::File::create(&tmp)?;
        let mut w = io::BufWriter::with_capacity(1 << 16, file);
        fill(&mut w)?;
        w.into_inner().map_err(io::IntoInnerError::into_error)?;
        fs::rename(&tmp, path)
    })();
    result.map_err(|e| {
        let _ = fs::remove_file(&tmp);
        Error::io(path, e)
    })
}

fn temporary_name(path: &Path) -> PathBuf {
    let name = path.file_name().map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_fill_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feed.ics");
        let err = write_atomic_with(&path, |w| {
            w.write_all(b"BEGIN:VCALENDAR")?;
            Err(io::Error::other("disk full"))
        });
        assert!(err.is_err());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
