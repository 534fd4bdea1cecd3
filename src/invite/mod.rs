//! Email invitations: who gets what ([`plan`]), from whom
//! ([`registrations`]), as which message ([`message`]), through what
//! ([`transport`]), remembered where ([`state`]).
//!
//! [`deliver`] sends a plan one message at a time and records each delivery
//! in the state file before the next message goes, so a run that stops
//! halfway (a server refusing a recipient, a lost connection) can simply be
//! run again: it sends what is missing and nothing twice.

pub mod journal;
pub mod lock;
pub mod message;
pub mod plan;
pub mod registrations;
pub mod state;
pub mod transport;

use std::path::Path;

use message::Composed;
use plan::{Outgoing, Plan};
use state::{Delivery, State};
use transport::Transport;

use crate::Result;
use crate::model::Schedule;

/// Sends every message of `plan` through `transport`, writing each step to
/// the [`journal`] beside `state_path` and the state once at the end. `progress` hears
/// of each message delivered, with where it went.
///
/// Every message is composed before the first is sent, so a message that
/// cannot be built stops the run before anything goes out.
///
/// # Errors
///
/// The first message that cannot be built or delivered, or a state that
/// cannot be saved; the deliveries before it are recorded.
pub fn deliver(
    schedule: &Schedule,
    plan: &Plan,
    state: &mut State,
    state_path: &Path,
    transport: &Transport,
    mut progress: impl FnMut(&Outgoing, &str),
) -> Result<()> {
    let composed: Vec<Composed> =
        plan.messages.iter().map(|m| message::compose(schedule, m)).collect::<Result<_>>()?;
    // the revisions the plan advanced are saved even if nothing is sent, so
    // the feed and later runs agree on SEQUENCE
    state.save(state_path)?;
    if plan.messages.is_empty() {
        return Ok(());
    }
    let mut journal = journal::Journal::open(state_path, transport.is_remote())?;
    let mut outcome = Ok(());
    for (outgoing, composed) in plan.messages.iter().zip(&composed) {
        let delivery = Delivery {
            address: outgoing.to.email.clone(),
            name: outgoing.to.name.clone(),
            audience: outgoing.audience,
            sequence: outgoing.revision.sequence,
            method: outgoing.kind.method(),
            uncertain: false,
        };
        if let Err(e) = journal.sending(&outgoing.uid, &delivery) {
            outcome = Err(e);
            break;
        }
        let place = match transport.deliver(composed, &outgoing.to.email) {
            Ok(place) => place,
            Err(e) => {
                // refused: not delivered; uncertain: the journal keeps its
                // `sending`, and the next run reports it by name
                if !e.is_uncertain() {
                    journal.failed(&outgoing.uid, &delivery);
                    outcome = Err(e);
                    break;
                }
                outcome = Err(e);
                // fold what was sent, but keep the journal for the uncertain one
                state.save(state_path)?;
                return outcome;
            }
        };
        let recorded = journal.sent(&outgoing.uid, &delivery);
        state.record(&outgoing.uid, delivery);
        progress(outgoing, &place);
        if let Err(e) = recorded {
            outcome = Err(e);
            break;
        }
    }
    // one save for the whole run; if it fails the journal stays, and the
    // next run replays it
    state.save(state_path)?;
    journal.finish()?;
    outcome
}
