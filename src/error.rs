//! The library's error type.
//!
//! An [`Error`] is either an I/O failure on a named path or an input that
//! cannot be used, which carries every error-severity [`Diagnostic`] found
//! (importers collect problems rather than stopping at the first).

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;

/// How many diagnostics an error shows; the rest are counted.
pub const SHOWN: usize = 100;

/// A result with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong.
#[derive(Debug)]
pub struct Error {
    kind: Box<ErrorKind>,
}

/// The kinds of [`Error`].
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Reading or writing a file failed.
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// The input cannot be used; each diagnostic says where and why.
    Invalid {
        /// At least one, with error severity first.
        diagnostics: Vec<Diagnostic>,
    },
    /// A mail server did not take a message (feature `invite`).
    #[cfg(feature = "invite")]
    Delivery {
        /// The recipient.
        to: String,
        /// What the server or the connection said.
        reason: String,
    },
    /// The server refused one recipient or one message for good (a 5xx
    /// reply to RCPT or DATA, or an address it cannot carry); the other
    /// recipients can still be sent to (feature `invite`).
    #[cfg(feature = "invite")]
    Refused {
        /// The recipient.
        to: String,
        /// What the server said.
        reason: String,
    },
    /// A message may or may not have reached the server: it stopped
    /// answering before the end (feature `invite`).
    #[cfg(feature = "invite")]
    Uncertain {
        /// The recipient.
        to: String,
        /// What happened.
        reason: String,
    },
}

impl Error {
    /// An I/O error on `path`.
    pub(crate) fn io(path: &Path, source: io::Error) -> Error {
        Error { kind: Box::new(ErrorKind::Io { path: path.to_owned(), source }) }
    }

    /// An unusable input.
    pub(crate) fn invalid(diagnostics: Vec<Diagnostic>) -> Error {
        debug_assert!(!diagnostics.is_empty());
        Error { kind: Box::new(ErrorKind::Invalid { diagnostics }) }
    }

    /// A message to `to` that was not delivered.
    #[cfg(feature = "invite")]
    pub(crate) fn delivery(to: &str, reason: impl Into<String>) -> Error {
        Error { kind: Box::new(ErrorKind::Delivery { to: to.to_owned(), reason: reason.into() }) }
    }

    /// A message to `to` that the server refused for good.
    #[cfg(feature = "invite")]
    pub(crate) fn refused(to: &str, reason: impl Into<String>) -> Error {
        Error { kind: Box::new(ErrorKind::Refused { to: to.to_owned(), reason: reason.into() }) }
    }

    /// Whether the server refused this one recipient or message for good,
    /// so the run can go on with the others.
    pub fn is_refused(&self) -> bool {
        #[cfg(feature = "invite")]
        return matches!(*self.kind, ErrorKind::Refused { .. });
        #[cfg(not(feature = "invite"))]
        false
    }

    /// A message that may or may not have been delivered.
    #[cfg(feature = "invite")]
    pub(crate) fn uncertain(to: &str, reason: impl Into<String>) -> Error {
        Error { kind: Box::new(ErrorKind::Uncertain { to: to.to_owned(), reason: reason.into() }) }
    }

    /// Whether a message may or may not have been delivered.
    pub fn is_uncertain(&self) -> bool {
        #[cfg(feature = "invite")]
        return matches!(*self.kind, ErrorKind::Uncertain { .. });
        #[cfg(not(feature = "invite"))]
        false
    }

    /// What kind of error this is.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The diagnostics of an unusable input; empty for other errors.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match &*self.kind {
            ErrorKind::Invalid { diagnostics } => diagnostics,
            _ => &[],
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.kind {
            ErrorKind::Io { path, source } => write!(f, "`{}`: {source}", path.display()),
            #[cfg(feature = "invite")]
            ErrorKind::Delivery { to, reason } => {
                write!(f, "the message to `{to}` was not delivered: {reason}")
            }
            #[cfg(feature = "invite")]
            ErrorKind::Refused { to, reason } => {
                write!(
                    f,
                    "the message to `{to}` was not delivered: the server refused it: {reason}"
                )
            }
            #[cfg(feature = "invite")]
            ErrorKind::Uncertain { to, reason } => {
                write!(f, "the message to `{to}` may or may not have been delivered: {reason}")
            }
            ErrorKind::Invalid { diagnostics } => {
                for (i, d) in diagnostics.iter().take(SHOWN).enumerate() {
                    if i > 0 {
                        f.write_str("\n\n")?;
                    }
                    write!(f, "{d}")?;
                }
                if diagnostics.len() > SHOWN {
                    write!(f, "\n\n… and {} more", diagnostics.len() - SHOWN)?;
                }
                Ok(())
            }
        }
    }
}

/// Display already says what the system said (`kind()` has the
/// `io::Error`), so no source is chained: printed with `{:#}` it would say
/// it twice.
impl std::error::Error for Error {}
