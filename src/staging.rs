//! Writing a whole output tree so that an error leaves the old one as it
//! was.
//!
//! Every file of the new tree is written first into a staging folder inside
//! the output folder (`.symcal-XXXX`, on the same file system as the files
//! it replaces); only when all of them are written are they renamed into
//! place, folder by folder. A full disk or any other write error therefore
//! stops the build before the first rename: the staging folder is removed
//! and the old tree is untouched. Renames within one file system need no
//! space, so the second step does not fail for the reasons the first one
//! does.
//!
//! The staging folder lives inside the output folder rather than beside it
//! so that the output folder itself stays what it was (a symlink, a mount,
//! its permissions, files symcal does not write such as `CNAME`), and a
//! folder whose parent is not writable can still be the output.
//!
//! One build at a time: the output folder's lock (`.symcal.lock`, removed
//! when the build ends) is held from before the staging folder is made
//! until the last rename, so concurrent builds into one folder take turns
//! instead of removing each other's staging folders.

use std::fs;
use std::io;
use std::path::Path;

use crate::error::{Error, Result};
use crate::lock::{FileLock, Wait};
use crate::output::TEMP_PREFIX;

/// The output folder's lock file.
pub(crate) const LOCK_NAME: &str = ".symcal.lock";

/// A tree to write: files by `/`-separated path relative to the output
/// folder.
#[derive(Debug, Default)]
pub(crate) struct Staged<'a> {
    /// Every file, with its bytes.
    pub(crate) files: Vec<(String, &'a [u8])>,
    /// Folders replaced whole (a file that left them does not linger), made
    /// even when empty: each event's `sessions/`. Other folders are merged
    /// into the old ones, keeping what symcal did not write there.
    pub(crate) whole: Vec<String>,
    /// Files removed when present: a calendar the source no longer gives.
    pub(crate) gone: Vec<String>,
}

impl Staged<'_> {
    /// Writes the tree under `dir`, creating it if needed.
    ///
    /// # Errors
    ///
    /// Any I/O error, naming the path; the old tree is left as it was.
    pub(crate) fn write(&self, dir: &Path) -> Result<()> {
        self.write_with(dir, |path, bytes| fs::write(path, bytes))
    }

    /// [`Staged::write`] with the function that writes one file: the seam
    /// tests fail a write through.
    pub(crate) fn write_with(
        &self,
        dir: &Path,
        write: impl Fn(&Path, &[u8]) -> io::Result<()>,
    ) -> Result<()> {
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let lock_path = dir.join(LOCK_NAME);
        let _lock = FileLock::acquire(&lock_path, Wait::Yes, true)?
            .map_err(|_| Error::io(&lock_path, io::Error::other("held by another process")))?;
        // under the lock: what is left is from a run that was killed
        remove_leftovers(dir)?;
        let staging = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .tempdir_in(dir)
            .map_err(|e| Error::io(dir, e))?;
        let root = staging.path();
        for folder in &self.whole {
            let path = root.join(folder);
            fs::create_dir_all(&path).map_err(|e| Error::io(&dir.join(folder), e))?;
        }
        for (name, bytes) in &self.files {
            let path = root.join(name);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(|e| Error::io(&dir.join(name), e))?;
            }
            // errors name the file's place in the output, not the staging
            write(&path, bytes).map_err(|e| Error::io(&dir.join(name), e))?;
        }
        // everything is written: now the renames
        let retired = root.join(".retired");
        fs::create_dir(&retired).map_err(|e| Error::io(dir, e))?;
        let mut commit = Commit { whole: &self.whole, retired: &retired, n: 0 };
        commit.merge(root, dir, "")?;
        for name in &self.gone {
            let path = dir.join(name);
            match fs::remove_file(&path) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(Error::io(&path, e)),
                _ => {}
            }
        }
        // the staging folder, now holding only the retired old entries,
        // goes when `staging` drops
        Ok(())
    }
}

/// Moves a staged folder's entries into place.
struct Commit<'a> {
    whole: &'a [String],
    /// Where replaced folders go until the staging folder is removed.
    retired: &'a Path,
    n: usize,
}

impl Commit<'_> {
    /// Moves the entries of `from` (staged, at `rel`) into `to`: folders
    /// first, then files, the feeds last so that a poller never sees a feed
    /// ahead of the files it links to.
    fn merge(&mut self, from: &Path, to: &Path, rel: &str) -> Result<()> {
        let mut entries: Vec<(String, bool)> = Vec::new();
        for entry in fs::read_dir(from).map_err(|e| Error::io(from, e))? {
            let entry = entry.map_err(|e| Error::io(from, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if rel.is_empty() && name == ".retired" {
                continue;
            }
            let is_dir = entry.file_type().map_err(|e| Error::io(&entry.path(), e))?.is_dir();
            entries.push((name, is_dir));
        }
        entries.sort_by_key(|(name, is_dir)| (!is_dir, rank(name), name.clone()));
        for (name, is_dir) in entries {
            let (source, target) = (from.join(&name), to.join(&name));
            let rel = if rel.is_empty() { name.clone() } else { format!("{rel}/{name}") };
            let old = fs::symlink_metadata(&target).ok();
            if is_dir && !self.whole.contains(&rel) && old.as_ref().is_some_and(|m| m.is_dir()) {
                remove_leftovers(&target)?;
                self.merge(&source, &target, &rel)?;
                continue;
            }
            // a folder, or anything of another kind, in the way of the new
            // entry is set aside (a file is simply renamed over)
            if old.is_some_and(|m| is_dir || m.is_dir()) {
                self.n += 1;
                let aside = self.retired.join(self.n.to_string());
                fs::rename(&target, &aside).map_err(|e| Error::io(&target, e))?;
            }
            fs::rename(&source, &target).map_err(|e| Error::io(&target, e))?;
        }
        Ok(())
    }
}

/// The order of files within a folder: the calendars that point at others
/// last.
fn rank(name: &str) -> u8 {
    match name {
        "deadlines.ics" => 1,
        "event.ics" => 2,
        "feed.ics" => 3,
        "all.ics" => 4,
        _ => 0,
    }
}

/// Temporary files and folders an earlier run left when it was killed.
fn remove_leftovers(dir: &Path) -> Result<()> {
    let entries = fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        // (and the names older symcals used)
        if name.starts_with(TEMP_PREFIX)
            || name.starts_with(".sessions.tmp-")
            || name.starts_with(".sessions.old-")
        {
            let path = entry.path();
            let _ = if path.is_dir() { fs::remove_dir_all(&path) } else { fs::remove_file(&path) };
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    fn listing(dir: &Path) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_owned()];
        while let Some(d) = stack.pop() {
            for entry in fs::read_dir(&d).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let rel = path.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                    out.push((rel, fs::read_to_string(&path).unwrap()));
                }
            }
        }
        out.sort();
        out
    }

    fn tree(text: &str) -> Staged<'_> {
        Staged {
            files: vec![
                ("feed.ics".into(), text.as_bytes()),
                ("index.html".into(), text.as_bytes()),
                ("sessions/a.ics".into(), text.as_bytes()),
                ("sessions/b.ics".into(), text.as_bytes()),
            ],
            whole: vec!["sessions".into()],
            gone: vec!["deadlines.ics".into()],
        }
    }

    /// Issue 18: a full disk left a tree mixing old and new files.
    #[test]
    fn a_failed_write_leaves_the_old_tree_and_no_staging_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        tree("old").write(&out).unwrap();
        fs::write(out.join("CNAME"), "mine").unwrap();
        let before = listing(&out);
        let written = Cell::new(0);
        let err = tree("new")
            .write_with(&out, |path, bytes| {
                written.set(written.get() + 1);
                if written.get() == 3 {
                    return Err(io::Error::other("No space left on device"));
                }
                fs::write(path, bytes)
            })
            .unwrap_err();
        assert!(err.to_string().contains("No space left"), "{err}");
        assert_eq!(listing(&out), before);
        let names: Vec<_> = fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 4, "no staging folder or lock left: {names:?}");
    }

    #[test]
    fn a_whole_folder_is_replaced_and_others_are_merged() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        fs::create_dir_all(out.join("sessions")).unwrap();
        fs::write(out.join("sessions/gone.ics"), "old").unwrap();
        fs::write(out.join("deadlines.ics"), "old").unwrap();
        fs::write(out.join("CNAME"), "mine").unwrap();
        tree("new").write(&out).unwrap();
        let names: Vec<String> = listing(&out).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["CNAME", "feed.ics", "index.html", "sessions/a.ics", "sessions/b.ics"]);
    }
}
