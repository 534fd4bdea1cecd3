//! Writing outputs so that nothing is ever half-written.
//!
//! Every file is written to a temporary name in its destination folder and
//! renamed into place, so a reader (a web server, a calendar polling the
//! feed) sees the old file or the new one, never a torn one. The
//! `sessions/` folder is built beside the old one and swapped in whole, so a
//! session removed from the schedule does not linger as a stale file.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use crate::error::{Error, Result};
#[cfg(feature = "site")]
use crate::html::PageOptions;
#[cfg(feature = "site")]
use crate::ical::{self, RenderOptions};
#[cfg(feature = "site")]
use crate::model::Schedule;
#[cfg(feature = "site")]
use crate::slug::slugify;

/// The files `build` writes, relative to its output folder.
#[cfg(feature = "site")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildOutput {
    /// `feed.ics`: every session (or the event's days while it has no
    /// programme), for subscribing. `None` for a call that names no event
    /// date yet, only deadlines.
    pub feed: Option<String>,
    /// `event.ics`: the whole event as one VEVENT; `None` as `feed`.
    pub event: Option<String>,
    /// `deadlines.ics`, when the source lists dates before the event.
    pub deadlines: Option<String>,
    /// `sessions/<name>.ics`, in schedule order.
    pub sessions: Vec<(String, String)>,
    /// `index.html`: the event, the agenda and the subscribe links.
    pub index: String,
}

#[cfg(feature = "site")]
impl BuildOutput {
    /// Renders every calendar of `schedule` in memory; nothing is written.
    ///
    /// # Errors
    ///
    /// The schedule fails the renderers' checks ([`ical::feed_to_string`]).
    pub fn render(schedule: &Schedule, options: &RenderOptions) -> Result<BuildOutput> {
        let names = session_file_names(schedule);
        let calendars = ical::sessions_to_strings(schedule, options)?;
        let page = PageOptions { base_url: options.base_url.as_deref(), problem: None };
        let has_event = schedule.has_event();
        Ok(BuildOutput {
            feed: has_event.then(|| ical::feed_to_string(schedule, options)).transpose()?,
            event: has_event.then(|| ical::event_to_string(schedule, options)).transpose()?,
            deadlines: ical::deadlines_to_string(schedule, options)?,
            index: crate::html::index_html(schedule, &names, &page),
            sessions: names.into_iter().zip(calendars).collect(),
        })
    }

    /// Every file as (path relative to the folder, bytes): what `serve`
    /// holds in memory.
    pub fn files(&self) -> Vec<(String, &[u8])> {
        let mut files = Vec::new();
        for (name, text) in self.calendars() {
            if let Some(text) = text {
                files.push((name.to_owned(), text.as_bytes()));
            }
        }
        files.push(("index.html".to_owned(), self.index.as_bytes()));
        files.extend(self.sessions.iter().map(|(n, t)| (format!("sessions/{n}"), t.as_bytes())));
        files
    }

    /// Writes the files under `dir`, creating it if needed.
    ///
    /// The whole tree is written to a staging folder inside `dir` first and
    /// moved into place only when every file is written; one build into a
    /// folder at a time (a second waits).
    ///
    /// # Errors
    ///
    /// Any I/O error, naming the path; the old files are then left as they
    /// were, and no file is left half-written.
    pub fn write(&self, dir: &Path) -> Result<()> {
        self.staged("").write(dir)
    }

    /// The tree as [`crate::staging`] writes it, under `prefix` (`""` or a
    /// page's folder ending in `/`).
    pub(crate) fn staged(&self, prefix: &str) -> crate::staging::Staged<'_> {
        crate::staging::Staged {
            files: self
                .files()
                .into_iter()
                .map(|(name, bytes)| (format!("{prefix}{name}"), bytes))
                .collect(),
            whole: vec![format!("{prefix}sessions")],
            gone: self
                .calendars()
                .into_iter()
                .filter(|(_, text)| text.is_none())
                .map(|(name, _)| format!("{prefix}{name}"))
                .collect(),
        }
    }

    /// The top-level calendars by file name, the feed first.
    fn calendars(&self) -> [(&'static str, Option<&String>); 3] {
        [
            ("feed.ics", self.feed.as_ref()),
            ("event.ics", self.event.as_ref()),
            ("deadlines.ics", self.deadlines.as_ref()),
        ]
    }
}

/// The prefix of every temporary file and folder symcal makes beside its
/// outputs.
pub(crate) const TEMP_PREFIX: &str = ".symcal-";

/// `<date>-<time>-<slug>.ics`, unique within the schedule: a second session
/// with the same name gets `-2`, and so on.
#[cfg(feature = "site")]
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
    // a device or a pipe (`-o /dev/null`, `-o /dev/stdout`, a FIFO) is
    // written to as it is: a rename would put a file in its place
    if let Ok(meta) = fs::metadata(path)
        && !meta.is_file()
    {
        if meta.is_dir() {
            return Err(Error::io(path, io::Error::other("is a folder, not a file")));
        }
        let mut file =
            fs::OpenOptions::new().write(true).open(path).map_err(|e| Error::io(path, e))?;
        let mut w = io::BufWriter::with_capacity(1 << 16, &mut file);
        return fill(&mut w).and_then(|()| w.flush()).map_err(|e| Error::io(path, e));
    }
    // a symlink stays: the file it points to is replaced
    let resolved;
    let path = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            resolved = fs::canonicalize(path).map_err(|e| Error::io(path, e))?;
            resolved.as_path()
        }
        _ => path,
    };
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    // O_EXCL under a random name: a planted symlink is not followed, and two
    // writers never share a temporary file
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        // readable like any other output (tempfile's default is 0600)
        builder.permissions(fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(|e| Error::io(path, e))?;
    let filled = (|| {
        let mut w = io::BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
        fill(&mut w)?;
        w.flush()
    })();
    // on failure the guard removes the temporary file
    filled.map_err(|e| Error::io(path, e))?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
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

    /// `-o /dev/null` once replaced the machine's /dev/null with a regular
    /// file; a FIFO stands in for the device here.
    #[cfg(unix)]
    #[test]
    fn a_pipe_is_written_to_not_replaced() {
        use std::os::unix::fs::FileTypeExt as _;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read(fifo).unwrap())
        };
        write_atomic(&fifo, b"BEGIN:VCALENDAR").unwrap();
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        assert_eq!(reader.join().unwrap(), b"BEGIN:VCALENDAR");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_keeps_pointing_at_the_file_it_names() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.ics");
        fs::write(&target, "old").unwrap();
        let link = dir.path().join("feed.ics");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
    }

    #[test]
    fn a_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(write_atomic(dir.path(), b"x").is_err());
        assert!(dir.path().is_dir());
    }
}
