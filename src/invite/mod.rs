//! Email invitations: who gets what ([`plan`]), from whom
//! ([`registrations`]), as which message ([`message`]), through what
//! ([`transport`]), remembered where ([`state`]).
//!
//! [`deliver`] sends a plan one message at a time and records each delivery
//! in the journal before the next message goes, so a run that stops
//! halfway (a lost connection, a temporary refusal) can simply be run
//! again: it sends what is missing and nothing twice. A recipient the
//! server refuses for good is recorded and passed over; a rerun tries them
//! again.

pub mod journal;
pub mod lock;
pub mod message;
pub mod plan;
pub mod registrations;
pub mod state;
pub mod transport;

use std::path::Path;

use plan::{Outgoing, Plan};
use state::{Delivery, State};
use transport::Transport;

use crate::model::Schedule;
use crate::{Error, Result};

/// How many refusals in a row, with nothing delivered between, stop a run:
/// a server that refuses that many recipients in a row is refusing the
/// sender or the account, not those addresses, and trying every remaining
/// registrant would only be refused again (a rerun tries them all).
pub const REFUSED_IN_A_ROW: usize = 10;

/// What happened to one message of a plan, for progress lines.
#[derive(Debug)]
pub enum Step<'a> {
    /// Delivered, to this place (a file, or the server and its reply).
    Delivered(&'a str),
    /// Refused for good, or not buildable: recorded, and the run goes on.
    Refused(&'a str),
}

/// How a run went.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Messages delivered and recorded.
    pub delivered: usize,
    /// Messages the server refused (or that could not be built), with the
    /// reason, in sending order; the run went on past each.
    pub refused: Vec<(Outgoing, String)>,
    /// What stopped the run before the end of the plan, if anything: a
    /// temporary (4xx) refusal, a lost connection, a refused login, a
    /// journal that cannot be written. A rerun sends the rest.
    pub stopped: Option<crate::Error>,
}

/// Sends every message of `plan` through `transport`, writing each step to
/// the [`journal`] beside `state_path` and the state once at the end.
/// `progress` hears of each message delivered or refused.
///
/// Messages are composed, sent and dropped one at a time, so a run holds
/// one message in memory, not the plan's (100,000 registrants took 2 GB when
/// every message was composed first).
///
/// A message the server refuses for good (a 5xx reply to RCPT or DATA, an
/// address it cannot carry), or that cannot be built, is recorded as refused
/// for that person (journal and state) and the run goes on with the others;
/// a rerun tries the refused ones again. A temporary (4xx) refusal, a lost
/// connection or a refused login stops the run, as do [`REFUSED_IN_A_ROW`]
/// refusals in a row; the deliveries before are recorded and a rerun sends
/// the rest.
///
/// # Errors
///
/// A state that cannot be saved, or a journal that cannot be opened; what
/// happened to each message is in the [`Outcome`].
pub fn deliver(
    schedule: &Schedule,
    plan: &Plan,
    state: &mut State,
    state_path: &Path,
    transport: &Transport,
    mut progress: impl FnMut(&Outgoing, Step<'_>),
) -> Result<Outcome> {
    // the revisions the plan advanced are saved even if nothing is sent, so
    // the feed and later runs agree on SEQUENCE
    state.save(state_path)?;
    let mut outcome = Outcome::default();
    if plan.messages.is_empty() {
        return Ok(outcome);
    }
    let mut journal = journal::Journal::open(state_path, transport.is_remote())?;
    let mut in_a_row = 0;
    for outgoing in &plan.messages {
        let delivery = Delivery {
            address: outgoing.to.email.clone(),
            name: outgoing.to.name.clone(),
            audience: outgoing.audience,
            sequence: outgoing.revision.sequence,
            method: outgoing.kind.method(),
            uncertain: false,
        };
        let sent = match message::compose(schedule, outgoing) {
            Ok(composed) => journal
                .sending(&outgoing.uid, &delivery)
                .and_then(|()| transport.deliver(&composed, &outgoing.to.email)),
            Err(e) => Err(Error::refused(&outgoing.to.email, e.to_string())),
        };
        match sent {
            Ok(place) => {
                in_a_row = 0;
                let recorded = journal.sent(&outgoing.uid, &delivery);
                state.record(&outgoing.uid, delivery);
                outcome.delivered += 1;
                progress(outgoing, Step::Delivered(&place));
                if let Err(e) = recorded {
                    outcome.stopped = Some(e);
                    break;
                }
            }
            Err(e) if e.is_refused() => {
                let reason = match e.kind() {
                    crate::ErrorKind::Refused { reason, .. } => reason.clone(),
                    _ => e.to_string(),
                };
                journal.failed(&outgoing.uid, &delivery, Some(&reason));
                state.record_refusal(&outgoing.uid, &delivery, &reason);
                progress(outgoing, Step::Refused(&reason));
                outcome.refused.push((outgoing.clone(), reason));
                in_a_row += 1;
                if in_a_row >= REFUSED_IN_A_ROW {
                    outcome.stopped = Some(Error::delivery(
                        &outgoing.to.email,
                        format!(
                            "the server refused the last {REFUSED_IN_A_ROW} recipients in a row, so it is refusing the sender or the account rather than these addresses; nothing more was tried"
                        ),
                    ));
                    break;
                }
            }
            Err(e) if e.is_uncertain() => {
                // the journal keeps its `sending`, and the next run reports
                // it by name; fold what was sent
                outcome.stopped = Some(e);
                state.save(state_path)?;
                return Ok(outcome);
            }
            Err(e) => {
                journal.failed(&outgoing.uid, &delivery, None);
                outcome.stopped = Some(e);
                break;
            }
        }
    }
    // one save for the whole run; if it fails the journal stays, and the
    // next run replays it
    state.save(state_path)?;
    journal.finish()?;
    Ok(outcome)
}
