//! One run at a time per state file.
//!
//! Two `invite --send` runs on one state each read it, send, and write
//! their own copy back: everyone invited twice, or one run's deliveries
//! erased by the other's. A run therefore holds an exclusive lock on
//! `STATE.lock` (an advisory `flock`/`LockFileEx` through fs4) from before
//! it reads the state until it has written it, and a second run stops at
//! once, naming the process that holds it. The lock goes with the process,
//! so a killed run leaves nothing to clean up.

use std::path::Path;

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
        let mut name = state.file_name().map(|n| n.to_os_string()).unwrap_or_default();
        name.push(".lock");
        let path = state.with_file_name(name);
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
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
