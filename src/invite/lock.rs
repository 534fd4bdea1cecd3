//! One run at a time per state file.
//!
//! Two `invite --send` runs on one state each read it, send, and write
//! their own copy back: everyone invited twice, or one run's deliveries
//! erased by the other's. A run therefore holds an exclusive lock on
//! `STATE.lock` (an advisory `flock`/`LockFileEx` through fs4) from before
//! it reads the state until it has written it, and a second run stops at
//! once, naming the process that holds it. The lock goes with the process,
//! so a killed run leaves nothing to clean up.
//!
//! The lock (and the journal) belong to the file, not to the name it was
//! given by: a symlink to the state, or a path through a linked folder,
//! takes the same lock as the state's own path (issue 18: two runs through
//! two names each took "their" lock and sent 40 invitations twice).

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Location};
use crate::error::{Error, Result};
use crate::lock::{FileLock, Wait};

/// A held lock on a state file; released when dropped.
#[derive(Debug)]
pub struct StateLock {
    _lock: FileLock,
}

impl StateLock {
    /// Takes the lock of the state at `state`, without waiting.
    ///
    /// # Errors
    ///
    /// Another process holds it (the error names its PID), or the lock file
    /// cannot be made.
    pub fn acquire(state: &Path) -> Result<StateLock> {
        if let Some(dir) = state.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let real = canonical(state);
        let mut name = real.file_name().map(|n| n.to_os_string()).unwrap_or_default();
        name.push(".lock");
        let path = real.with_file_name(name);
        match FileLock::acquire(&path, Wait::No, false)? {
            Ok(lock) => Ok(StateLock { _lock: lock }),
            Err(holder) => {
                let who = if holder.is_empty() {
                    "another process".to_owned()
                } else {
                    format!("PID {holder}")
                };
                Err(Error::invalid(vec![
                    Diagnostic::error(format!("`{}` is in use by {who}", state.display()))
                        .at(Location::file(state))
                        .help("another symcal run is sending with this state; wait for it to finish, then run again: it sends only what is missing"),
                ]))
            }
        }
    }
}

/// The file `state` names, whichever way: symlinks followed (to a state
/// that does not exist yet too), the folder made absolute. Falls back to
/// `state` as given when its folder cannot be resolved (it is then made, or
/// the run fails on it anyway).
pub fn canonical(state: &Path) -> PathBuf {
    let mut path = state.to_owned();
    // a link whose target does not exist yet (a state before its first
    // run); 40 is the kernel's own limit on links in a path
    for _ in 0..40 {
        match std::fs::read_link(&path) {
            Ok(target) => {
                path = match path.parent() {
                    Some(dir) => dir.join(target),
                    None => target,
                }
            }
            Err(_) => break,
        }
    }
    if let Ok(real) = std::fs::canonicalize(&path) {
        return real;
    }
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    match (std::fs::canonicalize(dir), path.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_with_the_holders_pid_and_free_after_drop() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("invites.json");
        let held = StateLock::acquire(&state).unwrap();
        let e = StateLock::acquire(&state).unwrap_err().to_string();
        assert!(e.contains(&format!("is in use by PID {}", std::process::id())), "{e}");
        drop(held);
        assert!(StateLock::acquire(&state).is_ok());
    }
}
