//! Where messages go: `.eml` files in an outbox folder, or an SMTP server.
//!
//! `smtp://HOST[:PORT]` upgrades with STARTTLS and refuses to go on without
//! it (port 587 unless given); `smtps://HOST[:PORT]` is TLS from the first
//! byte (port 465). On a loopback host STARTTLS is used when offered, so a
//! local relay or test server works as is; `?tls=none` turns TLS off, which
//! is refused with a password anywhere but loopback. The user name comes
//! from the URL, the password only from the environment (the caller reads
//! it), so it is never in a shell history, a process list or a log.

use std::path::{Path, PathBuf};
use std::time::Duration;

use lettre::Transport as _;
use lettre::transport::smtp::SmtpTransport;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};

use super::message::Composed;
use crate::diag::Diagnostic;
use crate::{Error, Result};

/// How long to wait for the server before giving up on a message.
const TIMEOUT: Duration = Duration::from_secs(60);

/// A way to deliver messages.
#[derive(Debug)]
pub enum Transport {
    /// One `.eml` file per message in a folder.
    Outbox(PathBuf),
    /// An SMTP server.
    Smtp {
        /// The connection.
        transport: Box<SmtpTransport>,
        /// `host:port`, for messages.
        server: String,
        /// How long one message may take in all.
        deadline: Duration,
    },
}

/// How long one message may take in all: lettre's timeout is per read, so a
/// server that drips a line every 40 s would hold a run forever.
const DEADLINE: Duration = Duration::from_secs(120);

/// An SMTP URL, taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SmtpUrl {
    implicit_tls: bool,
    user: Option<String>,
    host: String,
    port: u16,
    tls: Option<bool>,
}

impl Transport {
    /// Whether messages leave the machine (SMTP), so each step must be on
    /// disk before the next.
    pub fn is_remote(&self) -> bool {
        !matches!(self, Transport::Outbox(_))
    }

    /// An outbox in `dir`, created if needed.
    ///
    /// # Errors
    ///
    /// If the folder cannot be created.
    pub fn outbox(dir: &Path) -> Result<Transport> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        Ok(Transport::Outbox(dir.to_owned()))
    }

    /// An SMTP server from its URL, with the password from the environment.
    ///
    /// # Errors
    ///
    /// If the URL is not an SMTP URL, holds a password, or would send a
    /// password in clear to another machine.
    pub fn smtp(url: &str, password: Option<String>) -> Result<Transport> {
        let parsed = parse_url(url)?;
        let loopback = is_loopback(&parsed.host);
        if password.is_some() && parsed.tls == Some(false) && !loopback {
            return Err(usage(
                "`?tls=none` would send the password in clear to another machine",
                "leave out `?tls=none`, or use smtps://",
            ));
        }
        let parameters = || {
            TlsParameters::new(parsed.host.clone()).map_err(|e| {
                usage(&format!("TLS for `{}`: {e}", parsed.host), "check the host name")
            })
        };
        let tls = match (parsed.implicit_tls, parsed.tls) {
            (true, _) => Tls::Wrapper(parameters()?),
            (false, Some(false)) => Tls::None,
            (false, _) if loopback => Tls::Opportunistic(parameters()?),
            (false, _) => Tls::Required(parameters()?),
        };
        let mut builder = SmtpTransport::builder_dangerous(parsed.host.clone())
            .port(parsed.port)
            .tls(tls)
            .timeout(Some(TIMEOUT));
        if let Some(user) = &parsed.user {
            builder =
                builder.credentials(Credentials::new(user.clone(), password.unwrap_or_default()));
        }
        Ok(Transport::Smtp {
            transport: Box::new(builder.build()),
            server: format!("{}:{}", parsed.host, parsed.port),
            deadline: DEADLINE,
        })
    }

    /// The same transport with another total deadline per message.
    #[must_use]
    pub fn with_deadline(self, limit: Duration) -> Transport {
        match self {
            Transport::Smtp { transport, server, .. } => {
                Transport::Smtp { transport, server, deadline: limit }
            }
            outbox => outbox,
        }
    }

    /// Delivers one message, and says where it went.
    ///
    /// # Errors
    ///
    /// If the file cannot be written or the server does not take the
    /// message.
    pub fn deliver(&self, composed: &Composed, to: &str) -> Result<String> {
        match self {
            Transport::Outbox(dir) => {
                let path = dir.join(&composed.file_name);
                crate::output::write_atomic(&path, &composed.message.formatted())?;
                Ok(path.display().to_string())
            }
            Transport::Smtp { transport, server, deadline } => {
                // the send runs on its own thread so the whole of it has a
                // deadline; past it the message may or may not have been
                // taken, and the run stops (ending that thread with it)
                let (tx, rx) = std::sync::mpsc::channel();
                let (transport, message) = ((**transport).clone(), composed.message.clone());
                std::thread::spawn(move || {
                    let _ = tx.send(transport.send(&message));
                });
                let response = match rx.recv_timeout(*deadline) {
                    Ok(sent) => sent.map_err(|e| classify(to, &e))?,
                    Err(_) => {
                        return Err(Error::uncertain(
                            to,
                            format!(
                                "the server at {server} did not finish within {} s",
                                deadline.as_secs()
                            ),
                        ));
                    }
                };
                let code = response.code().to_string();
                Ok(format!("{server} ({code})"))
            }
        }
    }
}

/// What a failed send means for the run. A permanent (5xx) reply refuses
/// this recipient or this message: the run records it and goes on with the
/// others (issue 18: one refused address stopped everyone after it, on
/// every rerun). So does an address the server cannot carry (a UTF-8 one
/// without SMTPUTF8). A refused login (530, 534, 535, 538) would refuse
/// everyone, and a temporary (4xx) reply or a lost connection may pass:
/// those stop the run, and a rerun sends the rest.
fn classify(to: &str, e: &lettre::transport::smtp::Error) -> Error {
    let unsendable = e.is_client() && e.to_string().contains("SMTPUTF8");
    if unsendable {
        return Error::refused(
            to,
            "the server does not offer SMTPUTF8, which an address with letters beyond ASCII before the `@` needs (RFC 6531); ask the registrant for another address, or send through a server that offers it",
        );
    }
    let reason = e.to_string();
    let login = e.status().is_some_and(|c| ["530", "534", "535", "538"].contains(&&*c.to_string()));
    if e.is_permanent() && !login {
        Error::refused(to, reason)
    } else {
        Error::delivery(to, reason)
    }
}

/// The prefix of the temporary files `output::write_atomic` makes beside
/// each `.eml` before renaming it into place.
const TEMP_PREFIX: &str = ".symcal-";

/// How old a temporary file must be to be taken for a leftover. Writing one
/// message takes milliseconds; the margin keeps the file of a run with
/// another state that writes into the same folder at this moment.
const STALE_AFTER: Duration = Duration::from_secs(60);

/// Removes the temporary files a killed run left in the outbox `dir` (each
/// `.eml` is written to `.symcal-…` and renamed; a kill between the two
/// leaves it, and nothing else ever removes it). Only files older than a
/// minute (a run with another state may be writing into the same folder).
/// Returns how many went. Call it holding the
/// state's lock, so no run on the same state is writing there.
///
/// # Errors
///
/// The folder exists and cannot be read.
pub fn remove_stale_temporaries(dir: &Path) -> Result<usize> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(Error::io(dir, e)),
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let stale = entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX)
            && entry.file_type().is_ok_and(|t| t.is_file())
            && entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|m| m.elapsed().is_ok_and(|age| age > STALE_AFTER));
        if stale && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    Ok(removed)
}

fn parse_url(url: &str) -> Result<SmtpUrl> {
    let bad = |why: &str| {
        usage(
            &format!("`--send {}`: {why}", crate::diag::shown(&redacted(url))),
            "write it as smtp://user@host:587 or smtps://user@host:465; the password goes in SYMCAL_SMTP_PASSWORD",
        )
    };
    let (implicit_tls, rest) = if let Some(rest) = url.strip_prefix("smtps://") {
        (true, rest)
    } else if let Some(rest) = url.strip_prefix("smtp://") {
        (false, rest)
    } else {
        return Err(bad("not an smtp:// or smtps:// URL"));
    };
    // a password is refused wherever it sits, even holding `/` or `?`
    if rest.rsplit_once('@').is_some_and(|(userinfo, _)| userinfo.contains(':')) {
        return Err(bad(
            "a password in the URL would be seen in the process list; put it in SYMCAL_SMTP_PASSWORD",
        ));
    }
    let (authority, query) = rest.split_once('?').unwrap_or((rest, ""));
    let authority = authority.trim_end_matches('/');
    let (user, hostport) = match authority.rsplit_once('@') {
        Some((userinfo, hostport)) => {
            if userinfo.contains(':') {
                return Err(bad(
                    "a password in the URL would be seen in the process list; put it in SYMCAL_SMTP_PASSWORD",
                ));
            }
            (
                Some(
                    crate::percent::decode(userinfo)
                        .ok_or_else(|| bad("the user name is not percent-encoded UTF-8"))?,
                ),
                hostport,
            )
        }
        None => (None, authority),
    };
    let (host, port) = match hostport.rsplit_once(':') {
        Some((host, port)) if !host.ends_with(']') || hostport.starts_with('[') => {
            (host, port.parse().map_err(|_| bad("the port is not a number"))?)
        }
        _ => (hostport, if implicit_tls { 465 } else { 587 }),
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if host.is_empty() || host.contains(['/', ' ']) {
        return Err(bad("no host"));
    }
    let mut tls = None;
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        match pair {
            "tls=none" => tls = Some(false),
            "tls=required" | "tls=starttls" => tls = Some(true),
            other => {
                // the name only: a value may be a password put in the wrong place
                let name = other.split_once('=').map_or("", |(name, _)| name);
                let which = if name.is_empty() { String::new() } else { format!(" `{name}`") };
                return Err(bad(&format!(
                    "unknown option{which} (known: tls=none, tls=required); the password goes in SYMCAL_SMTP_PASSWORD, never in the URL"
                )));
            }
        }
    }
    Ok(SmtpUrl { implicit_tls, user, host: host.to_owned(), port, tls })
}

/// `url` as it may be shown: everything that could be a secret replaced
/// with `***`, however the URL is mistyped (issue 18: `smtp:/user:pw@host`
/// and `smtp//…` printed the password). Kept: the scheme as typed, the user
/// name, the host, a numeric port, and `tls=`; replaced: what follows the
/// user name (the user part runs to the last `@`, whatever a password
/// holds), a port that is not a number (`smtp://user:pw` reads the password
/// as one), and every other query value.
fn redacted(url: &str) -> String {
    let lower = url.to_ascii_lowercase();
    let scheme = ["smtps", "smtp"].iter().find(|s| lower.starts_with(**s)).map_or(0, |s| s.len());
    let separator = url[scheme..].len() - url[scheme..].trim_start_matches([':', '/']).len();
    let (shown_scheme, rest) = url.split_at(scheme + separator);
    let mut out = shown_scheme.to_owned();
    let (userinfo, rest) = match rest.rsplit_once('@') {
        Some((userinfo, rest)) => (Some(userinfo), rest),
        None => (None, rest),
    };
    if let Some(userinfo) = userinfo {
        // a `?` or `=` here may be a query holding an `@` in a password
        let user = userinfo.split([':', '?', '/', '#', '=']).next().unwrap_or("");
        out.push_str(user);
        if user.len() < userinfo.len() {
            out.push_str(":***");
        }
        out.push('@');
    }
    let (authority, query) = match rest.split_once('?') {
        Some((authority, query)) => (authority, Some(query)),
        None => (rest, None),
    };
    match authority.rsplit_once(':') {
        Some((host, port))
            if !port.trim_end_matches('/').bytes().all(|b| b.is_ascii_digit())
                && !authority.trim_end_matches('/').ends_with(']')
                && !host.ends_with(':') =>
        {
            out.push_str(host);
            out.push_str(":***");
        }
        _ => out.push_str(authority),
    }
    if let Some(query) = query {
        let pairs: Vec<String> = query
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some(("tls", value)) => format!("tls={value}"),
                Some((key, _)) => format!("{key}=***"),
                None if pair.is_empty() => String::new(),
                None => "***".to_owned(),
            })
            .collect();
        out.push('?');
        out.push_str(&pairs.join("&"));
    }
    out
}

fn is_loopback(host: &str) -> bool {
    host == "localhost" || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

fn usage(message: &str, help: &str) -> Error {
    Error::invalid(vec![Diagnostic::error(message.to_owned()).help(help.to_owned())])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let u = parse_url("smtp://org%40example.org@mail.example.org").unwrap();
        assert_eq!(
            u,
            SmtpUrl {
                implicit_tls: false,
                user: Some("org@example.org".into()),
                host: "mail.example.org".into(),
                port: 587,
                tls: None
            }
        );
        let u = parse_url("smtps://mail.example.org").unwrap();
        assert_eq!((u.implicit_tls, u.port), (true, 465));
        let u = parse_url("smtp://127.0.0.1:2525?tls=none").unwrap();
        assert_eq!((u.host.as_str(), u.port, u.tls), ("127.0.0.1", 2525, Some(false)));
        let u = parse_url("smtp://[::1]:25").unwrap();
        assert_eq!((u.host.as_str(), u.port), ("::1", 25));
    }

    #[test]
    fn issue_10_a_password_with_slashes_or_questions_is_never_printed() {
        for url in ["smtp://org:pa/ss?x@smtp.example.org:587", "smtp://org:p?a@ss@host:25/"] {
            let e = Transport::smtp(url, None).unwrap_err().to_string();
            assert!(!e.contains("pa/ss") && !e.contains("p?a@ss"), "{e}");
            assert!(e.contains("password in the URL"), "{e}");
        }
    }

    #[test]
    fn issue_10_a_server_that_drips_is_cut_off_by_the_deadline() {
        use std::io::Write as _;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            if let Ok((mut s, _)) = listener.accept() {
                // one continuation line of the greeting at a time, forever
                while s.write_all(b"220-still here\r\n").is_ok() {
                    std::thread::sleep(Duration::from_millis(200));
                }
            }
        });
        let t = Transport::smtp(&format!("smtp://127.0.0.1:{port}"), None)
            .unwrap()
            .with_deadline(Duration::from_secs(1));
        let text = r#"{"id": "m", "title": "Day", "timezone": "UTC",
          "organizer": {"name": "Org", "email": "org@example.org"},
          "sessions": [{"title": "Talk", "start": "2025-06-30T14:00", "end": "2025-06-30T15:00"}]}"#;
        let schedule = crate::source::json::parse(text, "m.json".as_ref()).unwrap().schedule;
        let outgoing = crate::invite::plan::test_invitation(crate::model::Contact {
            name: None,
            email: "a@example.org".into(),
        });
        let composed = crate::invite::message::compose(&schedule, &outgoing).unwrap();
        let started = std::time::Instant::now();
        let e = t.deliver(&composed, "a@example.org").unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(5));
        assert!(e.is_uncertain(), "{e}");
    }

    #[test]
    fn a_password_in_the_url_is_refused() {
        let err = parse_url("smtp://me:secret@mail.example.org").unwrap_err().to_string();
        assert!(err.contains("SYMCAL_SMTP_PASSWORD"), "{err}");
        assert!(!err.contains("secret"), "{err}");
        assert!(err.contains("smtp://me:***@mail.example.org"), "{err}");
    }

    #[test]
    fn issue_18_what_a_mistyped_url_shows_keeps_its_secrets() {
        for (url, shown) in [
            ("smtp:/me:hunter2@host", "smtp:/me:***@host"),
            ("smtp//me:hunter2@host:25", "smtp//me:***@host:25"),
            ("SMTPS://me:hun@ter2@host", "SMTPS://me:***@host"),
            ("me:hunter2@host", "me:***@host"),
            ("smtp://me:hunter2", "smtp://me:***"),
            ("smtp://host?password=hunter2&tls=none", "smtp://host?password=***&tls=none"),
            ("smtp://host?password=hun@ter2", "smtp://host:***@ter2"),
            ("smtp://host?hunter2", "smtp://host?***"),
            ("smtp://me@[::1]:25", "smtp://me@[::1]:25"),
        ] {
            assert_eq!(redacted(url), shown, "{url}");
        }
    }

    #[test]
    fn a_password_in_clear_to_another_machine_is_refused() {
        let err = Transport::smtp("smtp://me@mail.example.org?tls=none", Some("pw".into()))
            .unwrap_err()
            .to_string();
        assert!(err.contains("in clear"), "{err}");
        assert!(Transport::smtp("smtp://me@127.0.0.1:2525?tls=none", Some("pw".into())).is_ok());
    }

    #[test]
    fn other_schemes_are_refused() {
        assert!(parse_url("http://mail.example.org").is_err());
        assert!(parse_url("smtp://").is_err());
        assert!(parse_url("smtp://host:port").is_err());
        assert!(parse_url("smtp://host?tls=maybe").is_err());
    }
}
