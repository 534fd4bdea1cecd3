//! The delivery journal: a write-ahead log beside the state file.
//!
//! Before a message goes, `sending` is appended; after the server's 250 (or
//! the `.eml` is in the outbox), `sent`; if delivery fails, `failed`. Over
//! SMTP each line is synced to disk before the next step. At the end of a
//! run the journal is folded into the state, saved once, and removed, so a
//! run's writes grow with its messages (rewriting the state after every
//! message made 10,000 invitations take most of a minute and 100,000 hours).
//!
//! A run that was killed, or could not save its state, leaves the journal
//! behind; the next run replays it first: `sent` deliveries are recorded,
//! and a `sending` with no outcome is *uncertain* (the server may have
//! taken it). Uncertain deliveries are recorded as such, reported by name
//! on every run, and sent again only when the organiser asks
//! (`--resend-uncertain`): never a silent duplicate, never a silent loss.

use std::fs::{File, OpenOptions};
use std::io::{BufRead as _, BufReader, Write as _};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::state::{Delivery, State};
use crate::{Error, Result};

/// A step of one delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Step {
    Sending,
    Sent,
    Failed,
}

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    step: Step,
    uid: String,
    delivery: Delivery,
    /// Why a `failed` delivery failed, when the server refused it for good.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    refused: Option<String>,
}

/// An open journal.
#[derive(Debug)]
pub struct Journal {
    file: File,
    path: PathBuf,
    sync: bool,
}

/// `STATE.journal`, beside the file the state path leads to (as its
/// lock is), so a run through a symlink finds what another run left.
pub fn path_for(state: &Path) -> PathBuf {
    let state = super::lock::canonical(state);
    let mut name = state.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".journal");
    state.with_file_name(name)
}

impl Journal {
    /// Opens the journal of `state` for appending. `sync` makes every line
    /// durable before the next step (for SMTP, where a lost line is a
    /// duplicate or a loss; an outbox rewrites the same file harmlessly).
    ///
    /// # Errors
    ///
    /// The file cannot be opened.
    pub fn open(state: &Path, sync: bool) -> Result<Journal> {
        let path = path_for(state);
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        Ok(Journal { file, path, sync })
    }

    fn append(
        &mut self,
        step: Step,
        uid: &str,
        delivery: &Delivery,
        refused: Option<&str>,
    ) -> Result<()> {
        let entry = Entry {
            step,
            uid: uid.to_owned(),
            delivery: delivery.clone(),
            refused: refused.map(str::to_owned),
        };
        let mut line = serde_json::to_string(&entry).expect("an entry serialises");
        line.push('\n');
        self.file.write_all(line.as_bytes()).map_err(|e| Error::io(&self.path, e))?;
        if self.sync {
            self.file.sync_data().map_err(|e| Error::io(&self.path, e))?;
        }
        Ok(())
    }

    /// Before the message goes.
    ///
    /// # Errors
    ///
    /// The line cannot be written: the message must not go.
    pub fn sending(&mut self, uid: &str, delivery: &Delivery) -> Result<()> {
        self.append(Step::Sending, uid, delivery, None)
    }

    /// After it was taken.
    ///
    /// # Errors
    ///
    /// The line cannot be written (the next run reports the message as uncertain).
    pub fn sent(&mut self, uid: &str, delivery: &Delivery) -> Result<()> {
        self.append(Step::Sent, uid, delivery, None)
    }

    /// After it failed: not uncertain, simply not delivered. `refused` is
    /// what the server said when it refused it for good.
    pub fn failed(&mut self, uid: &str, delivery: &Delivery, refused: Option<&str>) {
        let _ = self.append(Step::Failed, uid, delivery, refused);
    }

    /// Removes the journal once the state holds everything in it.
    ///
    /// # Errors
    ///
    /// The file cannot be removed.
    pub fn finish(self) -> Result<()> {
        std::fs::remove_file(&self.path).map_err(|e| Error::io(&self.path, e))
    }
}

/// Replays a journal a previous run left beside `state_path` into `state`:
/// deliveries that were taken are recorded; those with no outcome are
/// recorded as uncertain. Returns how many of each. The caller saves the
/// state, then calls [`discard`].
///
/// # Errors
///
/// The journal cannot be read.
pub fn replay(state_path: &Path, state: &mut State) -> Result<(usize, usize)> {
    let path = path_for(state_path);
    let file = match File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((0, 0)),
        Err(e) => return Err(Error::io(&path, e)),
    };
    let mut open: Vec<(String, Delivery)> = Vec::new();
    let mut sent = 0;
    for line in BufReader::new(file).lines() {
        let line = line.map_err(|e| Error::io(&path, e))?;
        // a line cut short by a kill is the last one: its message had not gone
        let Ok(entry) = serde_json::from_str::<Entry>(&line) else { continue };
        let same = |(uid, d): &(String, Delivery)| {
            *uid == entry.uid
                && d.address.eq_ignore_ascii_case(&entry.delivery.address)
                && d.sequence == entry.delivery.sequence
        };
        match entry.step {
            Step::Sending => open.push((entry.uid, entry.delivery)),
            Step::Sent => {
                open.retain(|o| !same(o));
                state.record(&entry.uid, entry.delivery);
                sent += 1;
            }
            Step::Failed => {
                open.retain(|o| !same(o));
                if let Some(reason) = &entry.refused {
                    state.record_refusal(&entry.uid, &entry.delivery, reason);
                }
            }
        }
    }
    let uncertain = open.len();
    for (uid, mut delivery) in open {
        delivery.uncertain = true;
        state.record(&uid, delivery);
    }
    Ok((sent, uncertain))
}

/// Removes a replayed journal.
///
/// # Errors
///
/// The file exists and cannot be removed.
pub fn discard(state_path: &Path) -> Result<()> {
    let path = path_for(state_path);
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(&path, e)),
    }
}
