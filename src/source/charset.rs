//! Pages written in another encoding than UTF-8.
//!
//! Older sites still serve `<meta charset="iso-8859-1">` or
//! `windows-1252` pages; read as UTF-8, every accented letter became
//! U+FFFD without a word. A page whose bytes are not UTF-8 is decoded by
//! the charset it declares (`<meta charset>`, or an `http-equiv`
//! Content-Type), through encoding_rs, the WHATWG Encoding Standard's
//! decoders (so `iso-8859-1` is read as windows-1252, as browsers read it).
//!
//! Bytes that are valid UTF-8 are read as UTF-8 whatever the page declares:
//! text in a single-byte encoding with accented letters is almost never
//! valid UTF-8, while a page saved as UTF-8 under a stale declaration is
//! common. Bytes that are not UTF-8, under no declaration or a UTF-8 one,
//! stay replaced (one stray byte must not garble the rest), now with a
//! warning at the first of them.

use std::io::Read as _;
use std::path::Path;

use encoding_rs::Encoding;

use crate::diag::{Diagnostic, Location};
use crate::error::{Error, Result};

/// How far into a page a charset declaration is looked for (the HTML
/// standard's prescan looks at 1024 bytes; front matter comes first here).
const PRESCAN: usize = 4096;

/// The page at `path`, read as `text` by [`super::read_text`], decoded by
/// its declared charset when its bytes are not UTF-8; with what was
/// noticed on the way.
///
/// # Errors
///
/// The file cannot be read again.
pub(crate) fn decoded(path: &Path, text: String) -> Result<(String, Vec<Diagnostic>)> {
    // valid UTF-8 (read_text replaced nothing), whatever it declares
    if !text.contains('\u{fffd}') {
        return Ok((text, Vec::new()));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(super::MAX_INPUT).read_to_end(&mut bytes))
        .map_err(|e| Error::io(path, e))?;
    if std::str::from_utf8(&bytes).is_ok() {
        // a U+FFFD the page itself writes
        return Ok((text, Vec::new()));
    }
    if let Some((encoding, bom)) = Encoding::for_bom(&bytes) {
        let (decoded, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        let decoded = decoded.into_owned();
        let found = replaced(path, &decoded, encoding.name());
        return Ok((decoded, found));
    }
    match declared(&text) {
        Some(encoding) if encoding != encoding_rs::UTF_8 => {
            let (decoded, _) = encoding.decode_without_bom_handling(&bytes);
            let decoded = decoded.into_owned();
            let found = replaced(path, &decoded, encoding.name());
            Ok((decoded, found))
        }
        declared => {
            let at = text.find('\u{fffd}').unwrap_or(0);
            let help = if declared.is_some() {
                "the page declares UTF-8 but is not: save it as UTF-8, or declare the charset it is in"
            } else {
                "save the page as UTF-8, or declare the charset it is in (`<meta charset=\"windows-1252\">`)"
            };
            let warning = Diagnostic::warning(format!(
                "`{}` is not UTF-8 and declares no other charset: bytes that are not UTF-8 are read as `\u{fffd}`",
                path.display()
            ))
            .at(Location::span(path, &text, at, '\u{fffd}'.len_utf8()))
            .help(help);
            Ok((text, vec![warning]))
        }
    }
}

/// A warning at the first character `encoding` could not decode.
fn replaced(path: &Path, text: &str, encoding: &str) -> Vec<Diagnostic> {
    let Some(at) = text.find('\u{fffd}') else { return Vec::new() };
    vec![
        Diagnostic::warning(format!(
            "`{}` has bytes that are not {encoding}, its declared charset: read as `\u{fffd}`",
            path.display()
        ))
        .at(Location::span(path, text, at, '\u{fffd}'.len_utf8()))
        .help("save the page as UTF-8, or correct its charset declaration"),
    ]
}

/// The encoding a page declares in its first bytes: `<meta charset=X>` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=X">`.
fn declared(text: &str) -> Option<&'static Encoding> {
    let mut head = &text[..floor(text, PRESCAN)];
    loop {
        let start = find_ascii_ci(head, "<meta")?;
        let rest = &head[start + 5..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        if let Some(at) = find_ascii_ci(tag, "charset") {
            let value = tag[at + 7..].trim_start().strip_prefix('=')?.trim_start();
            let value = value.trim_start_matches(['"', '\'']);
            let label: String = value
                .chars()
                .take_while(|c| !matches!(c, '"' | '\'' | ';' | '>' | '/') && !c.is_whitespace())
                .collect();
            if let Some(encoding) = Encoding::for_label(label.as_bytes()) {
                return Some(encoding);
            }
        }
        head = &rest[end..];
    }
}

/// The first place of `needle` (ASCII, lower case) in `haystack`, ignoring
/// ASCII case.
fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The largest char boundary at or below `at`.
fn floor(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_are_found_in_either_form() {
        let latin = |t: &str| declared(t).map(Encoding::name);
        assert_eq!(latin("<meta charset=iso-8859-1>"), Some("windows-1252"));
        assert_eq!(latin("<META CHARSET=\"Windows-1252\" />"), Some("windows-1252"));
        assert_eq!(
            latin(r#"<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-15">"#),
            Some("ISO-8859-15")
        );
        assert_eq!(latin("<meta name=x><meta charset='utf-8'>"), Some("UTF-8"));
        assert_eq!(latin("<p>charset=latin1</p>"), None);
    }

    #[test]
    fn latin_1_bytes_are_decoded_by_the_declaration() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.html");
        std::fs::write(&path, b"<meta charset=iso-8859-1><p>Caf\xe9 \xe0 Z\xfcrich</p>").unwrap();
        let lossy = crate::source::read_text(&path).unwrap();
        let (text, found) = decoded(&path, lossy).unwrap();
        assert!(text.contains("Café à Zürich"), "{text}");
        assert!(found.is_empty());
        std::fs::write(&path, b"<p>Caf\xe9</p>").unwrap();
        let lossy = crate::source::read_text(&path).unwrap();
        let (text, found) = decoded(&path, lossy).unwrap();
        assert!(text.contains("Caf\u{fffd}"));
        assert!(found[0].to_string().contains("is not UTF-8 and declares no other charset"));
    }
}
