//! How much of an input file is read: every read of a page, schedule or
//! site file goes through [`read_capped`], so `/dev/zero`, a runaway log
//! or a 6 GB file named `.md` stops with a message instead of filling
//! memory. The caps differ by kind of input because the inputs do: a page
//! is a document a person wrote, a JSON schedule may be generated and list
//! a hundred thousand sessions. `docs/LIMITS.md` lists every cap.

use std::io::Read as _;
use std::path::Path;

use crate::diag::{Diagnostic, Location};
use crate::error::{Error, Result};

/// The largest page (Markdown or HTML) or site configuration read: a page
/// of 1 MB is already a whole conference's programme, and the page reader
/// does far more work per byte than the JSON reader.
pub const MAX_INPUT: u64 = 64 * 1024 * 1024;

/// The largest JSON schedule read: the project's 100,000-session benchmark
/// schedule is 89 MB, and this is six times that, while reading it still
/// fits in a few GiB of memory.
pub const MAX_SCHEDULE: u64 = 512 * 1024 * 1024;

/// The environment variable that replaces both caps, in bytes or with a
/// `KiB`, `MiB` or `GiB` suffix (`SYMCAL_MAX_INPUT=2GiB`).
pub const LIMIT_VAR: &str = "SYMCAL_MAX_INPUT";

/// The cap for an input whose default cap is `default`: [`LIMIT_VAR`] if
/// it is set.
///
/// # Errors
///
/// The variable is set to something that is not a size.
pub(crate) fn limit(default: u64) -> Result<u64> {
    match std::env::var(LIMIT_VAR) {
        Err(std::env::VarError::NotPresent) => Ok(default),
        Ok(text) if parse_size(&text).is_some() => Ok(parse_size(&text).expect("checked")),
        Ok(text) => Err(bad_variable(&text)),
        Err(std::env::VarError::NotUnicode(text)) => Err(bad_variable(&text.to_string_lossy())),
    }
}

fn bad_variable(text: &str) -> Error {
    Error::invalid(vec![
        Diagnostic::error(format!("{LIMIT_VAR} is `{}`, not a size", crate::diag::shown(text)))
            .help(format!(
                "write a number of bytes, or one with KiB, MiB or GiB: {LIMIT_VAR}=1GiB"
            )),
    ])
}

/// `1048576`, `1024KiB`, `1 MiB`, `2G`: a size in bytes.
fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let digits = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let number: u64 = text[..digits].parse().ok()?;
    let shift = match text[digits..].trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        _ => return None,
    };
    number.checked_mul(1 << shift)
}

/// A size as the messages say it: whole MiB where it is whole MiB.
fn size(bytes: u64) -> String {
    if bytes.is_multiple_of(1024 * 1024) {
        format!("{} MiB", bytes / 1024 / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

/// Reads at most `limit` bytes of `path` (before [`LIMIT_VAR`], which
/// replaces it). Reads no more than the limit plus one byte, whatever the
/// file's size, so an endless device stops too.
///
/// # Errors
///
/// The file cannot be read, is larger than the limit, or the variable is
/// not a size.
pub(crate) fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let limit = self::limit(limit)?;
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    // the size the file says, to allocate once; never more than the cap
    let hint = file.metadata().map_or(0, |m| m.len()).min(limit);
    let mut bytes = Vec::with_capacity(usize::try_from(hint).unwrap_or(0).saturating_add(1));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > limit {
        return Err(Error::invalid(vec![
            Diagnostic::error(format!("`{}` is larger than {}", path.display(), size(limit)))
                .at(Location::file(path))
                .help(format!(
                    "check that the path names the right file; to read a larger one, raise the limit: {LIMIT_VAR}={}MiB (docs/LIMITS.md)",
                    (limit / 1024 / 1024 + 1).next_power_of_two()
                )),
        ]));
    }
    Ok(bytes)
}

/// [`read_capped`] as text: bytes that are not UTF-8 are replaced, so a
/// stray byte in a page does not stop the reading.
pub(crate) fn read_text_capped(path: &Path, limit: u64) -> Result<String> {
    let bytes = read_capped(path, limit)?;
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// Reads a page or other text input of at most [`MAX_INPUT`] bytes (or
/// [`LIMIT_VAR`]). Bytes that are not UTF-8 are replaced: a stray byte in
/// a page must not stop the reading.
///
/// # Errors
///
/// The file cannot be read, or is larger than the limit.
pub fn read_text(path: &Path) -> Result<String> {
    read_text_capped(path, MAX_INPUT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_with_and_without_units() {
        assert_eq!(parse_size("1048576"), Some(1 << 20));
        assert_eq!(parse_size("1024KiB"), Some(1 << 20));
        assert_eq!(parse_size(" 2 GiB "), Some(2 << 30));
        assert_eq!(parse_size("128m"), Some(128 << 20));
        assert_eq!(parse_size("lots"), None);
        assert_eq!(parse_size("1.5GiB"), None);
        assert_eq!(parse_size("99999999999999999999GiB"), None);
    }

    #[test]
    fn a_file_over_the_cap_is_refused_with_the_way_to_raise_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.md");
        std::fs::write(&path, "x".repeat(2048)).unwrap();
        assert_eq!(read_capped(&path, 2048).unwrap().len(), 2048);
        let message = read_capped(&path, 2047).unwrap_err().to_string();
        assert!(message.contains("is larger than 2047 bytes"), "{message}");
        assert!(message.contains("SYMCAL_MAX_INPUT="), "{message}");
    }
}
