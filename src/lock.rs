//! An advisory lock on a file (`flock`/`LockFileEx` through fs4), shared by
//! the invite state and the build output so that neither needs the other's
//! feature.
//!
//! The lock goes with the process: a killed run leaves nothing held. The
//! holder writes its PID into the file, so a run that finds the lock taken
//! can say who has it.

use std::fs::{File, OpenOptions};
use std::io::{Read as _, Seek as _, Write as _};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A held lock; released when dropped.
#[derive(Debug)]
pub(crate) struct FileLock {
    /// Held open: closing it releases the lock.
    _file: File,
    /// The lock file, removed on release (under the lock) when the lock is
    /// only for the length of a run and should leave no trace.
    remove: Option<PathBuf>,
}

/// Whether [`FileLock::acquire`] waits for another holder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
// the invite state stops at once, the build output waits: with one of the
// two features, one variant is unused
#[cfg_attr(not(all(feature = "site", feature = "invite")), allow(dead_code))]
pub(crate) enum Wait {
    /// Stop at once when another process holds the lock.
    No,
    /// Wait until the holder is done.
    Yes,
}

impl FileLock {
    /// Takes the lock at `path`, creating the file. `Ok(Err(holder))` when
    /// another process holds it and `wait` is [`Wait::No`]: its PID as it
    /// wrote it, or empty.
    ///
    /// With `remove_after`, the file is deleted when the lock is released,
    /// and a lock taken on a file that was deleted meanwhile is taken again
    /// on the new one (otherwise two runs could each lock a different
    /// inode under one name).
    ///
    /// # Errors
    ///
    /// The lock file cannot be made or locked.
    pub(crate) fn acquire(
        path: &Path,
        wait: Wait,
        remove_after: bool,
    ) -> Result<std::result::Result<FileLock, String>> {
        loop {
            let mut file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(path)
                .map_err(|e| Error::io(path, e))?;
            // the trait's, not std's newer inherent methods (rust-version 1.88)
            match wait {
                Wait::Yes => fs4::FileExt::lock(&file).map_err(|e| Error::io(path, e))?,
                Wait::No => match fs4::FileExt::try_lock(&file) {
                    Ok(()) => {}
                    Err(fs4::TryLockError::WouldBlock) => {
                        let mut holder = String::new();
                        let _ = file.read_to_string(&mut holder);
                        return Ok(Err(holder.trim().to_owned()));
                    }
                    Err(fs4::TryLockError::Error(e)) => return Err(Error::io(path, e)),
                },
            }
            if remove_after && !still_named(&file, path) {
                // the previous holder removed it while we waited
                continue;
            }
            // who holds it, for the message a second run gives
            let _ = file.set_len(0);
            let _ = file.rewind();
            let _ = write!(file, "{}", std::process::id());
            let _ = file.flush();
            return Ok(Ok(FileLock { _file: file, remove: remove_after.then(|| path.to_owned()) }));
        }
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        // removed before the lock is released (when the file closes), so a
        // waiter sees that its file is gone and locks the next one
        if let Some(path) = &self.remove {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Whether `path` still names the file that is open as `file`.
#[cfg(unix)]
fn still_named(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Elsewhere an open file cannot be removed, so the file stays (see
/// [`Drop`]) and is always the one locked.
#[cfg(not(unix))]
fn still_named(_file: &File, _path: &Path) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_sees_the_holder_and_a_removed_file_is_gone_after_release() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".lock");
        let held = FileLock::acquire(&path, Wait::No, true).unwrap().unwrap();
        let holder = FileLock::acquire(&path, Wait::No, true).unwrap().unwrap_err();
        assert_eq!(holder, std::process::id().to_string());
        drop(held);
        #[cfg(unix)]
        assert!(!path.exists());
        assert!(FileLock::acquire(&path, Wait::Yes, true).unwrap().is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_waiter_gets_the_lock_when_the_holder_is_done() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".lock");
        let held = FileLock::acquire(&path, Wait::No, true).unwrap().unwrap();
        let waiter = {
            let path = path.clone();
            std::thread::spawn(move || {
                let lock = FileLock::acquire(&path, Wait::Yes, true).unwrap().unwrap();
                // it holds the file now named `path`
                assert!(still_named(&lock._file, &path));
            })
        };
        std::thread::sleep(std::time::Duration::from_millis(100));
        drop(held);
        waiter.join().unwrap();
    }
}
