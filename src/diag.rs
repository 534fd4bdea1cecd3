//! Diagnostics: what is wrong with an input, where, and how to fix it.
//!
//! Importers record a byte offset (or, for JSON, the line and column that
//! the parser reports, or a path inside the document); line and column are
//! computed only when a diagnostic is displayed, in the rustc style:
//!
//! ```text
//! warning: `end` is before `start`
//!   --> schedule.json:12:5
//!    |
//! 12 |     "end": "2025-06-30T13:00",
//!    |     ^
//!    = help: ...
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Something the reader should know; not a problem.
    Note,
    /// A contradiction or doubt that was resolved; a strict check fails on it.
    Warning,
    /// The input cannot be used.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// Where in an input a diagnostic points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The input file.
    pub path: PathBuf,
    /// The place inside it.
    pub place: Place,
}

/// A place inside an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The whole file.
    File,
    /// A 1-based line and column (in characters), with the line's text.
    LineColumn {
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// The text of that line around the place, for the caret display:
        /// at most a screenful, control characters escaped.
        text: String,
        /// Where `column` is inside `text` (1-based, in characters).
        text_column: usize,
        /// How many characters to underline.
        width: usize,
    },
    /// A path inside a structured document, such as `sessions[3].end`.
    Path(String),
}

impl Location {
    /// A location for the whole file.
    pub fn file(path: &Path) -> Location {
        Location { path: path.to_owned(), place: Place::File }
    }

    /// A location from a 1-based line and column in `source`.
    pub fn line_column(path: &Path, source: &str, line: usize, column: usize) -> Location {
        // the line's start by `\n`s counted with memchr: a JSON error on
        // the last line of 89 MB does not walk every line as a `str`
        let start = match line.saturating_sub(1) {
            0 => 0,
            n => memchr::memchr_iter(b'\n', source.as_bytes())
                .nth(n - 1)
                .map_or(source.len(), |i| i + 1),
        };
        let full = source[start..].lines().next().unwrap_or("");
        let at = full.char_indices().nth(column.saturating_sub(1)).map_or(full.len(), |(i, _)| i);
        let (text, text_column) = excerpt(full, at);
        Location {
            path: path.to_owned(),
            place: Place::LineColumn { line, column, text, text_column, width: 1 },
        }
    }

    /// A location from a byte range in `source`.
    pub fn span(path: &Path, source: &str, start: usize, len: usize) -> Location {
        let start = floor_char_boundary(source, start.min(source.len()));
        // one scan of the text before, by memchr; many locations in one
        // file go through `span_in` instead, which scans it once for all
        let before = &source.as_bytes()[..start];
        let line = memchr::memchr_iter(b'\n', before).count() + 1;
        let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
        let column = source[line_start..start].chars().count() + 1;
        let full = source[line_start..].lines().next().unwrap_or("");
        let (text, text_column) = excerpt(full, start - line_start);
        let end = floor_char_boundary(source, (start + len).min(source.len()));
        let width = source[start..end].chars().take_while(|&c| c != '\n').count().clamp(1, 60);
        Location {
            path: path.to_owned(),
            place: Place::LineColumn { line, column, text, text_column, width },
        }
    }

    /// A location from a byte range in `source`, with the line starts of
    /// `source` already known: many locations in one large file each cost a
    /// binary search, not a scan from its start.
    #[cfg_attr(not(feature = "pages"), allow(dead_code))] // used by the page reader
    pub(crate) fn span_in(
        path: &Path,
        source: &str,
        lines: &LineStarts,
        start: usize,
        len: usize,
    ) -> Location {
        let start = floor_char_boundary(source, start.min(source.len()));
        let index = lines.0.partition_point(|&s| s <= start).saturating_sub(1);
        let line_start = lines.0.get(index).copied().unwrap_or(0);
        let column = lines.column(source, line_start, start);
        let full = lines.line(source, index);
        let (text, text_column) = excerpt(full, start - line_start);
        let end = floor_char_boundary(source, (start + len).min(source.len()));
        let width = source[start..end].chars().take_while(|&c| c != '\n').count().clamp(1, 60);
        Location {
            path: path.to_owned(),
            place: Place::LineColumn { line: index + 1, column, text, text_column, width },
        }
    }

    /// A location named by a path inside a structured document.
    pub fn path_in(path: &Path, inner: impl Into<String>) -> Location {
        Location { path: path.to_owned(), place: Place::Path(inner.into()) }
    }
}

/// How many characters of a line a diagnostic shows on each side of its
/// place: a minified page is one line of megabytes, and an input may hold
/// escape sequences that would clear a terminal.
const EXCERPT: usize = 60;

/// The part of `line` around byte `at` that a message shows, escaped,
/// with `…` where it is cut; and the 1-based column of `at` inside it.
/// Only the bytes near `at` are looked at, however long the line.
fn excerpt(line: &str, at: usize) -> (String, usize) {
    let at = floor_char_boundary(line, at.min(line.len()));
    let from = floor_char_boundary(line, at.saturating_sub(4 * EXCERPT));
    let to = floor_char_boundary(line, (at + 4 * EXCERPT).min(line.len()));
    let before = &line[from..at];
    let keep = before.chars().count().saturating_sub(EXCERPT);
    let mut out = String::new();
    if from > 0 || keep > 0 {
        out.push('…');
    }
    // runs without control characters (all of most lines) are copied whole
    let escape = |mut s: &str, out: &mut String| {
        while let Some(i) = s.find(|c: char| is_unsafe(c) && c != '\t') {
            out.push_str(&s[..i]);
            let c = s[i..].chars().next().expect("found");
            out.extend(c.escape_default());
            s = &s[i + c.len_utf8()..];
        }
        out.push_str(s);
    };
    escape(&before[before.char_indices().nth(keep).map_or(before.len(), |(i, _)| i)..], &mut out);
    let text_column = out.chars().count() + 1;
    let after = &line[at..to];
    match after.char_indices().nth(EXCERPT) {
        Some((cut, _)) => {
            escape(&after[..cut], &mut out);
            out.push('…');
        }
        None => escape(after, &mut out),
    }
    if to < line.len() && !out.ends_with('…') {
        out.push('…');
    }
    (out, text_column)
}

/// Where each line of a source starts, for [`Location::span_in`].
#[derive(Debug, Default)]
#[cfg_attr(not(feature = "pages"), allow(dead_code))] // used by the page reader
pub(crate) struct LineStarts(Vec<usize>, std::cell::RefCell<BTreeMap<usize, usize>>);

#[cfg_attr(not(feature = "pages"), allow(dead_code))] // used by the page reader
impl LineStarts {
    pub(crate) fn new(source: &str) -> LineStarts {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', source.as_bytes()).map(|i| i + 1));
        LineStarts(starts, std::cell::RefCell::new(BTreeMap::new()))
    }

    /// Line `index` (0-based) of `source` without its line ending, as
    /// `str::lines` gives it: its end is the next line's start, so a
    /// location on a line of megabytes does not search for that end.
    fn line<'s>(&self, source: &'s str, index: usize) -> &'s str {
        let start = self.0.get(index).copied().unwrap_or(0).min(source.len());
        match self.0.get(index + 1) {
            // the next line starts after this one's `\n`
            Some(&next) => {
                let line = &source[start..next - 1];
                line.strip_suffix('\r').unwrap_or(line)
            }
            None => &source[start..],
        }
    }

    /// The 1-based column, in characters, of byte `at` of the line that
    /// starts at `line_start`. On a long line (a minified page is one line
    /// of megabytes) counts resume from the last place counted before.
    fn column(&self, source: &str, line_start: usize, at: usize) -> usize {
        if at - line_start < 4096 {
            return source[line_start..at].chars().count() + 1;
        }
        let mut known = self.1.borrow_mut();
        // the last place already counted on this line before `at`, by byte
        let from =
            known.range(line_start..=at).next_back().map_or((line_start, 1), |(&b, &c)| (b, c));
        let column = from.1 + source[from.0..at].chars().count();
        known.insert(at, column);
        column
    }
}

/// Input text as a message shows it: control characters escaped (`\r`,
/// `\n`, `\u{7}`), so hostile input cannot add lines to a terminal or a log.
/// Bidirectional overrides are escaped too: they reorder what a terminal
/// shows after them.
pub fn shown(text: &str) -> String {
    text.chars()
        .map(|c| if is_unsafe(c) { c.escape_default().to_string() } else { c.to_string() })
        .collect()
}

/// A character a terminal acts on instead of showing: C0 and C1 controls
/// and DEL (ESC starts the sequences that clear a screen or retitle a
/// window), and the bidirectional marks and overrides that reorder a line.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with [`is_unsafe`] characters escaped (a tab too), borrowed when
/// there are none: messages, help and paths are printed through this, so
/// an input quoted in one cannot act on the terminal.
fn escaped(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(is_unsafe) { shown(text).into() } else { text.into() }
}

/// The longest quotation (`` `...` ``) a message keeps whole; a longer one
/// keeps its start and end around `…`. Messages quote the input (a
/// title, a field name), and one field name of 4 MB made 4 MB of stderr.
const QUOTED: usize = 120;

/// The longest message or help kept whole: far more than any the crate
/// writes; a longer one keeps its start and end around `…`.
const MESSAGE: usize = 2000;

/// `text` with long quotations and a long whole cut to a screenful, so a
/// diagnostic holds and prints at most a few KB whatever it quotes.
fn screenful(text: String) -> String {
    let long_quote = || {
        let mut parts = text.split('`');
        // odd parts are quoted
        parts.next();
        parts.step_by(2).any(|q| q.len() > QUOTED)
    };
    if text.len() <= QUOTED || (text.len() <= MESSAGE && !long_quote()) {
        return text;
    }
    let mut out = String::new();
    for (i, part) in text.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 1 { out.push_str(&middle_cut(part, QUOTED)) } else { out.push_str(part) }
    }
    middle_cut(&out, MESSAGE).into_owned()
}

/// `text` if it has at most `max` bytes, else its first and last parts
/// (two thirds and one third of `max`, at character boundaries) around `…`.
fn middle_cut(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    if text.len() <= max {
        return text.into();
    }
    let head = floor_char_boundary(text, max * 2 / 3);
    let mut tail = text.len() - max / 3;
    while !text.is_char_boundary(tail) {
        tail += 1;
    }
    format!("{}…{}", &text[..head], &text[tail..]).into()
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One finding about an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// How bad it is.
    pub severity: Severity,
    /// What is wrong, in lower case, with the input in backticks.
    pub message: String,
    /// Where.
    pub location: Option<Location>,
    /// What was chosen, or how to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error.
    pub fn error(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            message: screenful(message.into()),
            location: None,
            help: None,
        }
    }

    /// A warning.
    pub fn warning(message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(message) }
    }

    /// A note.
    pub fn note(message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Note, ..Diagnostic::error(message) }
    }

    /// With a location.
    pub fn at(mut self, location: Location) -> Diagnostic {
        self.location = Some(location);
        self
    }

    /// With advice.
    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(screenful(help.into()));
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // the fields are public: bounded again here, and escaped
        write!(f, "{}: {}", self.severity, escaped(&screenful(self.message.clone())))?;
        let mut gutter = 1;
        if let Some(loc) = &self.location {
            let path = loc.path.to_string_lossy();
            let path = escaped(&path);
            match &loc.place {
                Place::File => write!(f, "\n  --> {path}")?,
                Place::Path(inner) => {
                    write!(f, "\n  --> {path} (at `{}`)", escaped(&middle_cut(inner, QUOTED)))?;
                }
                Place::LineColumn { line, column, text, text_column, width } => {
                    gutter = line.to_string().len();
                    let pad = " ".repeat(gutter);
                    let text = middle_cut(text, 4 * EXCERPT).replace('\t', " ");
                    let text = escaped(&text);
                    let indent = " ".repeat(text_column.saturating_sub(1));
                    write!(f, "\n{pad}--> {path}:{line}:{column}")?;
                    write!(
                        f,
                        "\n{pad} |\n{line} | {text}\n{pad} | {indent}{}",
                        "^".repeat(*width)
                    )?;
                }
            }
        }
        if let Some(help) = &self.help {
            let help = escaped(&screenful(help.clone())).into_owned();
            write!(f, "\n{} = help: {help}", " ".repeat(gutter))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `excerpt` as it was written first, char by char: the reference.
    fn excerpt_by_chars(line: &str, at: usize) -> (String, usize) {
        let at = floor_char_boundary(line, at.min(line.len()));
        let from = floor_char_boundary(line, at.saturating_sub(4 * EXCERPT));
        let to = floor_char_boundary(line, (at + 4 * EXCERPT).min(line.len()));
        let before: Vec<char> = line[from..at].chars().collect();
        let keep = before.len().saturating_sub(EXCERPT);
        let mut out = String::new();
        if from > 0 || keep > 0 {
            out.push('…');
        }
        let escape = |c: char, out: &mut String| {
            if c.is_control() && c != '\t' {
                out.extend(c.escape_default());
            } else {
                out.push(c);
            }
        };
        for &c in &before[keep..] {
            escape(c, &mut out);
        }
        let text_column = out.chars().count() + 1;
        for (n, c) in line[at..to].chars().enumerate() {
            if n >= EXCERPT {
                out.push('…');
                break;
            }
            escape(c, &mut out);
        }
        if to < line.len() && !out.ends_with('…') {
            out.push('…');
        }
        (out, text_column)
    }

    #[test]
    fn excerpts_copy_runs_as_characters_did() {
        let long = "é\u{1b}[2Jx\tü".repeat(40) + &"a".repeat(300) + "\u{7}日本";
        for line in ["", "short line", "a\u{0}b\rc", long.as_str()] {
            for at in (0..=line.len() + 2).step_by(7).chain([line.len()]) {
                assert_eq!(excerpt(line, at), excerpt_by_chars(line, at), "{line:?} at {at}");
            }
        }
    }

    #[test]
    fn a_long_line_is_shown_around_the_place_and_escaped() {
        let source =
            format!("{}\u{1b}[2J<td>09:00</td>{}", "x".repeat(100_000), "y".repeat(100_000));
        let at = source.find("09:00").unwrap();
        let lines = LineStarts::new(&source);
        let loc = Location::span_in(Path::new("p"), &source, &lines, at, 5);
        let Place::LineColumn { column, text, text_column, .. } = &loc.place else { panic!() };
        assert_eq!(*column, at + 1);
        assert!(text.len() < 200, "a screenful, not the line: {}", text.len());
        assert!(text.contains("\\u{1b}[2J") && !text.contains('\u{1b}'), "escaped: {text}");
        assert_eq!(text.chars().skip(text_column - 1).take(5).collect::<String>(), "09:00");
        let shown = Diagnostic::warning("w").at(loc).to_string();
        assert!(shown.lines().all(|l| l.len() < 250), "{shown}");
    }

    #[test]
    fn a_span_found_through_line_starts_is_the_same_location() {
        for source in ["ab\ncdé\n\nfg héllo\n", "ab\r\ncd\r\r\n\r\nfg\r"] {
            let lines = LineStarts::new(source);
            for start in (0..=source.len()).filter(|&i| source.is_char_boundary(i)) {
                assert_eq!(
                    Location::span_in(Path::new("p"), source, &lines, start, 2),
                    Location::span(Path::new("p"), source, start, 2),
                    "{source:?} {start}"
                );
            }
        }
    }

    #[test]
    fn span_shows_line_column_and_caret() {
        let src = "a\nbé Dec 4th\nc";
        let d = Diagnostic::warning("old date `Dec 4th`")
            .at(Location::span(Path::new("p.md"), src, 6, 7))
            .help("remove it");
        insta::assert_snapshot!(d.to_string(), @r"
        warning: old date `Dec 4th`
         --> p.md:2:4
          |
        2 | bé Dec 4th
          |    ^^^^^^^
          = help: remove it
        ");
    }

    #[test]
    fn a_long_quotation_is_kept_to_a_screenful_and_the_rest_of_the_message_whole() {
        let d = Diagnostic::warning(format!("title `{}` has no end", "x".repeat(1_000_000)))
            .help(format!("`{}`", "y".repeat(1_000_000)));
        assert!(d.message.len() < 2 * QUOTED, "{}", d.message.len());
        assert!(d.message.starts_with("title `xxx") && d.message.ends_with("x` has no end"));
        assert!(d.message.contains('…'));
        assert!(d.to_string().len() < 600, "{}", d.to_string().len());
        // short ones are not touched
        assert_eq!(Diagnostic::note("`a` and `b`").message, "`a` and `b`");
    }

    #[test]
    fn controls_escapes_and_bidi_overrides_are_escaped_when_shown() {
        let mut d =
            Diagnostic::error("unknown field `\u{1b}[2J\u{1b}]0;pwned\u{7}\r\nok \u{202e}x`")
                .help("\u{9b}31m");
        d.location = Some(Location::path_in(Path::new("a\u{1b}b.json"), "x\u{1b}"));
        let shown = d.to_string();
        for c in ['\u{1b}', '\u{7}', '\r', '\u{202e}', '\u{9b}'] {
            assert!(!shown.contains(c), "{c:?} in {shown:?}");
        }
        assert!(shown.contains("\\u{1b}[2J") && shown.contains("\\u{202e}x"), "{shown}");
        assert_eq!(shown.lines().count(), 3, "{shown}");
    }

    #[test]
    fn shown_escapes_controls_only() {
        assert_eq!(shown("a\r\nUID:x\u{7} é"), "a\\r\\nUID:x\\u{7} é");
    }

    #[test]
    fn path_place_names_the_session() {
        let d =
            Diagnostic::error("x").at(Location::path_in(Path::new("s.json"), "sessions[3].end"));
        assert_eq!(d.to_string(), "error: x\n  --> s.json (at `sessions[3].end`)");
    }
}
