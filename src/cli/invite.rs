//! `symcal invite`: the flags, and the run with its progress lines.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::bail;
use chrono::{DateTime, Utc};
use symcal::invite::Step;
use symcal::invite::plan::{Kind, Outgoing, plan};
use symcal::invite::registrations::{self, Columns};
use symcal::invite::state::State;
use symcal::invite::transport::Transport;
use symcal::model::Schedule;

use super::{report, usable};

/// The environment variable the SMTP password is read from, and the only
/// place it may come from.
const PASSWORD_VARIABLE: &str = "SYMCAL_SMTP_PASSWORD";

/// The flags of `symcal invite`.
#[derive(Debug, clap::Args)]
// one of the two destinations, so a run without either names both
#[command(group(clap::ArgGroup::new("destination").required(true).args(["output", "send"])))]
pub(super) struct InviteArgs {
    /// The registrations: a CSV export, such as Google Forms writes.
    #[arg(long, value_name = "CSV")]
    attendees: PathBuf,
    /// Write one `.eml` file per message to this folder.
    #[arg(short = 'o', long = "output", value_name = "OUTBOX", conflicts_with = "send")]
    output: Option<PathBuf>,
    /// Send through this SMTP server: smtp://USER@HOST:PORT (STARTTLS) or
    /// smtps://USER@HOST:PORT. The password is read from
    /// SYMCAL_SMTP_PASSWORD.
    #[arg(long, value_name = "URL")]
    send: Option<String>,
    /// What was sent to whom, so updates go only to those who need them
    /// (default with -o: OUTBOX/symcal-state.json; required with --send).
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
    /// Call the event off: everyone who was invited gets a cancellation.
    #[arg(long)]
    cancel: bool,
    /// Print who would get what; send, write and record nothing.
    #[arg(long)]
    dry_run: bool,
    /// The state holds invitations to an event this source no longer has
    /// (its key changed, or it was replaced): send those invitees a
    /// cancellation. Without it, such a run is refused.
    #[arg(long)]
    cancel_missing: bool,
    /// Send again the messages an interrupted run may or may not have
    /// delivered (each run lists them by name).
    #[arg(long)]
    resend_uncertain: bool,
    /// Who invites, as `"Name <address>"` or `address`: the ORGANIZER and
    /// the sender, instead of the page's contact (required when the page
    /// names none).
    #[arg(long, value_name = "\"NAME <ADDRESS>\"")]
    organizer: Option<String>,
    /// The header of the email column, when it is not found by itself.
    #[arg(long, value_name = "HEADER")]
    email_column: Option<String>,
    /// The header of the name column.
    #[arg(long, value_name = "HEADER")]
    name_column: Option<String>,
    /// The header of the "how will you attend?" column.
    #[arg(long, value_name = "HEADER")]
    attendance_column: Option<String>,
}

/// `symcal invite`, checked.
#[derive(Debug, PartialEq)]
pub(super) struct Invite {
    attendees: PathBuf,
    to: Destination,
    cancel: bool,
    dry_run: bool,
    cancel_missing: bool,
    resend_uncertain: bool,
    columns: Columns,
    organizer: Option<symcal::model::Contact>,
}

#[derive(Debug, PartialEq)]
enum Destination {
    Outbox(PathBuf),
    Smtp(String),
}

impl InviteArgs {
    /// The checked command and its state file.
    pub(super) fn into_config(self) -> anyhow::Result<(Invite, PathBuf)> {
        let (to, state) = match (self.output, self.send) {
            (Some(dir), None) => {
                if dir.is_file() {
                    bail!(
                        "`{}` is a file; -o takes the folder to write messages to",
                        dir.display()
                    );
                }
                let state = self.state.unwrap_or_else(|| dir.join("symcal-state.json"));
                (Destination::Outbox(dir), state)
            }
            (None, Some(url)) => {
                let Some(state) = self.state else {
                    bail!(
                        "--send needs --state FILE, which records every delivery so that a second run never sends anyone the same message again"
                    );
                };
                (Destination::Smtp(url), state)
            }
            _ => bail!("give either -o OUTBOX or --send URL"),
        };
        let columns = Columns {
            email: self.email_column,
            name: self.name_column,
            attendance: self.attendance_column,
        };
        let organizer = self.organizer.as_deref().map(organizer).transpose()?;
        let invite = Invite {
            attendees: self.attendees,
            to,
            cancel: self.cancel,
            dry_run: self.dry_run,
            cancel_missing: self.cancel_missing,
            resend_uncertain: self.resend_uncertain,
            columns,
            organizer,
        };
        Ok((invite, state))
    }
}

/// `--organizer "Name <address>"`, checked as a mail address.
fn organizer(text: &str) -> anyhow::Result<symcal::model::Contact> {
    let mailbox: lettre::message::Mailbox = text.trim().parse().map_err(|e| {
        anyhow::anyhow!(
            "`--organizer {text}` is not a mail address ({e}); write `--organizer \"Ada Lovelace <ada@example.org>\"` or `--organizer ada@example.org`"
        )
    })?;
    let name = mailbox.name.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
    Ok(symcal::model::Contact::new(mailbox.email.to_string(), name))
}

pub(super) fn run(
    invite: &Invite,
    schedule: &Schedule,
    state_path: &Path,
    base_url: Option<&str>,
    now: DateTime<Utc>,
) -> anyhow::Result<ExitCode> {
    let limit = attendees_limit()?;
    let registrations = match usable(
        registrations::read_at_most(&invite.attendees, &invite.columns, limit),
        &format!("`{}` cannot be used; nothing was sent", invite.attendees.display()),
    )? {
        Ok(r) => r,
        Err(failed) => return Ok(failed),
    };
    report(&registrations.diagnostics);
    // an SMTP URL that cannot be used is refused before anything is
    // written, the state's lock included (an outbox is made only to send)
    let smtp = match &invite.to {
        Destination::Smtp(url) if !invite.dry_run => {
            let password = std::env::var(PASSWORD_VARIABLE).ok().filter(|p| !p.is_empty());
            Some(Transport::smtp(url, password)?)
        }
        _ => None,
    };
    // held until the run has recorded everything it sent; a dry run writes
    // nothing, not even the lock
    let _lock = if invite.dry_run {
        None
    } else {
        match usable(symcal::invite::lock::StateLock::acquire(state_path), "nothing was sent")? {
            Ok(lock) => Some(lock),
            Err(failed) => return Ok(failed),
        }
    };
    if let (Destination::Outbox(dir), false) = (&invite.to, invite.dry_run) {
        // under the lock: no other run on this state is writing there
        let removed = symcal::invite::transport::remove_stale_temporaries(dir)?;
        if removed > 0 {
            eprintln!(
                "note: removed {removed} temporary file{} an interrupted run left in `{}`",
                if removed == 1 { "" } else { "s" },
                dir.display()
            );
        }
    }
    let mut state = State::load(state_path)?;
    // a run that was killed or could not save left its journal: what it
    // sent is recorded, what it may have sent is uncertain. A dry run
    // applies it too (issue 18: it listed people already sent to), in
    // memory only: the journal stays for the real run to fold in.
    let (sent, uncertain) = symcal::invite::journal::replay(state_path, &mut state)?;
    if sent + uncertain > 0 {
        if !invite.dry_run {
            state.save(state_path)?;
            symcal::invite::journal::discard(state_path)?;
        }
        eprintln!(
            "note: an earlier run stopped early: {sent} deliveries recorded from its journal, {uncertain} uncertain"
        );
    }
    if invite.resend_uncertain {
        let n = state.forget_uncertain();
        eprintln!("note: {n} uncertain messages will be sent again");
    }
    for (uid, d) in state.uncertain() {
        let who =
            d.name.as_ref().map_or_else(|| d.address.clone(), |n| format!("{n} <{}>", d.address));
        eprintln!(
            "warning: {who} may or may not have received {uid} (SEQUENCE {}): a run stopped between sending it and recording it; it is not sent again unless you pass --resend-uncertain",
            d.sequence
        );
    }
    if let Err(failed) = usable(state.served_at(base_url, state_path), "nothing was sent")? {
        return Ok(failed);
    }
    // --organizer replaces the page's contact
    let with_organizer;
    let schedule = match &invite.organizer {
        Some(o) => {
            let mut s = schedule.clone();
            s.contact = Some(o.clone());
            with_organizer = s;
            &with_organizer
        }
        None => schedule,
    };
    let planned = plan(
        schedule,
        &registrations.registrants,
        &mut state,
        invite.cancel,
        invite.cancel_missing,
        now,
    );
    let plan = match usable(planned, "nothing was sent")? {
        Ok(plan) => plan,
        Err(failed) => return Ok(failed),
    };
    report(&plan.notes);
    // refused last time: those in this plan are tried again; the others
    // (no longer registered, or sent since) are forgotten
    let planned: HashSet<(&str, String)> =
        plan.messages.iter().map(|m| (m.uid.as_str(), m.to.email.to_ascii_lowercase())).collect();
    state.keep_refusals(|uid, address| planned.contains(&(uid, address.to_ascii_lowercase())));
    let refusals = state.refusals();
    if !refusals.is_empty() {
        let who: Vec<&str> = refusals.iter().take(20).map(|(_, r)| r.address.as_str()).collect();
        let more = if refusals.len() > who.len() {
            format!(", and {} more", refusals.len() - who.len())
        } else {
            String::new()
        };
        eprintln!(
            "note: the server refused {} message{} last time, to {}{more}; {} tried again",
            refusals.len(),
            if refusals.len() == 1 { "" } else { "s" },
            who.join(", "),
            if invite.dry_run { "they would be" } else { "they are" }
        );
    }
    eprintln!(
        "{} registrants in `{}`; {}",
        registrations.registrants.len(),
        invite.attendees.display(),
        summary(&plan.messages)
    );

    if invite.dry_run {
        for m in &plan.messages {
            println!("would send {}", describe(m));
        }
        return Ok(ExitCode::SUCCESS);
    }
    let transport = match (smtp, &invite.to) {
        (Some(smtp), _) => smtp,
        (None, Destination::Outbox(dir)) => Transport::outbox(dir)?,
        (None, Destination::Smtp(_)) => unreachable!("made above unless a dry run"),
    };
    let total = plan.messages.len();
    let mut done = 0;
    // a bar on a terminal, under the same lines a log gets
    let progress = super::progress::Progress::new(total, "sending");
    let delivered = symcal::invite::deliver(
        schedule,
        &plan,
        &mut state,
        state_path,
        &transport,
        |m, step| {
            done += 1;
            progress.step();
            progress.line(&match step {
                Step::Delivered(place) => format!("[{done}/{total}] {} → {place}", describe(m)),
                Step::Refused(reason) => format!(
                    "[{done}/{total}] the message to `{}` was not delivered, the server refused it: {reason} ({}); going on with the others",
                    m.to.email,
                    describe(m)
                ),
            });
        },
    )?;
    drop(progress);
    let recorded = state_path.display();
    if let Some(e) = &delivered.stopped {
        eprintln!("error: {e}");
    }
    if !delivered.refused.is_empty() {
        let n = delivered.refused.len();
        let who: Vec<String> = delivered
            .refused
            .iter()
            .take(20)
            .map(|(m, reason)| format!("{} ({reason})", recipient(m)))
            .collect();
        let more =
            if n > who.len() { format!(", and {} more", n - who.len()) } else { String::new() };
        eprintln!(
            "error: the server refused {n} message{}, to {}{more}; recorded in `{recorded}`: correct those addresses in the sheet, or run again to try them again",
            if n == 1 { "" } else { "s" },
            who.join(", ")
        );
    }
    if delivered.stopped.is_some() {
        eprintln!(
            "{} of {total} delivered and recorded in `{recorded}`; run the same command again to send the rest",
            delivered.delivered
        );
        return Ok(ExitCode::FAILURE);
    }
    if !delivered.refused.is_empty() {
        eprintln!("{} of {total} delivered and recorded in `{recorded}`", delivered.delivered);
        return Ok(ExitCode::FAILURE);
    }
    if total > 0 {
        eprintln!("done: {}; recorded in `{recorded}`", summary(&plan.messages));
    }
    Ok(ExitCode::SUCCESS)
}

/// The most a registrations file may hold: [`registrations::MAX_BYTES`], or
/// `SYMCAL_ATTENDEES_MAX_MIB` for the rare form that outgrows it.
fn attendees_limit() -> anyhow::Result<u64> {
    let variable = registrations::LIMIT_VARIABLE;
    match std::env::var(variable) {
        Err(_) => Ok(registrations::MAX_BYTES),
        Ok(text) => match text.trim().parse::<u64>() {
            Ok(mib) if mib > 0 => Ok(mib.saturating_mul(1 << 20)),
            _ => bail!(
                "{variable}={text} is not a size; give a whole number of MiB, such as {variable}=256"
            ),
        },
    }
}

/// "Ada <ada@example.org>", or the address alone.
fn recipient(m: &Outgoing) -> String {
    match &m.to.name {
        Some(name) => format!("{} <{}>", symcal::diag::shown(name), m.to.email),
        None => m.to.email.clone(),
    }
}

/// "invitation (SEQUENCE 0) to Ada <ada@example.org>, in person".
fn describe(m: &Outgoing) -> String {
    let what = match m.kind {
        Kind::Invitation => "invitation",
        Kind::Update => "update",
        Kind::Cancellation => "cancellation",
    };
    let to = recipient(m);
    let how = match m.audience {
        symcal::ical::Audience::InPerson => ", in person",
        symcal::ical::Audience::Online => ", online",
        symcal::ical::Audience::Everyone => "",
    };
    format!("{what} (SEQUENCE {}) of {} to {to}{how}", m.revision.sequence, m.uid)
}

/// "3 messages: 2 invitations, 1 update".
fn summary(messages: &[Outgoing]) -> String {
    if messages.is_empty() {
        return "nothing to send: everyone has the current version".to_owned();
    }
    let count = |kind| messages.iter().filter(|m| m.kind == kind).count();
    let parts: Vec<String> = [
        (Kind::Invitation, "invitation"),
        (Kind::Update, "update"),
        (Kind::Cancellation, "cancellation"),
    ]
    .into_iter()
    .filter_map(|(kind, name)| {
        let n = count(kind);
        (n > 0).then(|| format!("{n} {name}{}", if n == 1 { "" } else { "s" }))
    })
    .collect();
    let n = messages.len();
    format!("{n} message{}: {}", if n == 1 { "" } else { "s" }, parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organizer_is_a_mail_address_with_an_optional_name() {
        let o = organizer("Ada Lovelace <ada@example.org>").unwrap();
        assert_eq!(
            (o.name.as_deref(), o.email.as_str()),
            (Some("Ada Lovelace"), "ada@example.org")
        );
        let o = organizer(" ada@example.org ").unwrap();
        assert_eq!((o.name, o.email.as_str()), (None, "ada@example.org"));
        for bad in ["Ada", "Ada <ada>", "<>", "ada@", "a b@c.org"] {
            let err = organizer(bad).unwrap_err().to_string();
            assert!(err.contains(&format!("`--organizer {bad}` is not a mail address")), "{err}");
        }
    }
}
