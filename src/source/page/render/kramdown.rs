//! The Markdown dialect of Jekyll sites: kramdown's tables.
//!
//! kramdown reads any run of lines that start with `|` as a table: a
//! separator line (`|---|---|`) is optional, may have fewer cells than the
//! rows, and makes the rows above it the header. CommonMark with GitHub's
//! table rule (pulldown-cmark) needs a header row and a separator with as
//! many cells, and reads anything else as a paragraph of pipes; a page
//! written for Jekyll would lose its programme table. So a paragraph whose
//! lines are pipe rows is read here, the way the site's generator shows it.

use std::ops::Range;

/// A table found in a paragraph's source.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Table {
    /// Lines of text before the table (`Schedule:` right above the rows).
    pub(crate) before: Range<usize>,
    /// Each row's cells, as ranges of the source (without the pipes).
    pub(crate) rows: Vec<Vec<Range<usize>>>,
    /// How many rows, from the top, are header rows.
    pub(crate) header_rows: usize,
}

/// Whether a line is a table row in kramdown's sense.
fn is_row(line: &str) -> bool {
    let t = line.trim_start();
    line.len() - t.len() <= 3 && t.starts_with('|') && t.len() > 1
}

/// `|---|:--:|`, `|-|`: a separator line.
fn is_separator(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|')
        && t.contains('-')
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | '+' | ' ' | '\t'))
}

/// The table in `src` (a paragraph's source): the paragraph's lines from
/// the first pipe row to the end must all be rows, at least two of them.
pub(crate) fn table(src: &str) -> Option<Table> {
    let mut lines: Vec<Range<usize>> = Vec::new();
    let mut at = 0;
    for raw in src.split_inclusive('\n') {
        let body = raw.trim_end_matches(['\n', '\r']);
        lines.push(at..at + body.len());
        at += raw.len();
    }
    let first = lines.iter().position(|l| is_row(&src[l.clone()]))?;
    let rows_src = &lines[first..];
    if rows_src.len() < 2 || !rows_src.iter().all(|l| is_row(&src[l.clone()])) {
        return None;
    }
    let mut rows = Vec::new();
    let mut header_rows = 0;
    for l in rows_src {
        let line = &src[l.clone()];
        if is_separator(line) {
            // rows above the first separator are the header
            if header_rows == 0 {
                header_rows = rows.len();
            }
            continue;
        }
        rows.push(cells(line, l.start));
    }
    if rows.is_empty() {
        return None;
    }
    let before = 0..lines.get(first).map_or(0, |l| l.start);
    Some(Table { before, rows, header_rows })
}

/// The cells of a row: text between unescaped pipes outside code spans,
/// as ranges offset by `base`.
fn cells(line: &str, base: usize) -> Vec<Range<usize>> {
    let bytes = line.as_bytes();
    let mut bounds = Vec::new();
    let mut code = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'`' => code = !code,
            b'|' if !code => bounds.push(i),
            _ => {}
        }
        i += 1;
    }
    let mut out = Vec::new();
    for w in bounds.windows(2) {
        out.push(base + w[0] + 1..base + w[1]);
    }
    // a last cell without its closing pipe
    if let Some(&last) = bounds.last()
        && !line[last + 1..].trim().is_empty()
    {
        out.push(base + last + 1..base + line.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str, t: &Table) -> Vec<Vec<String>> {
        t.rows
            .iter()
            .map(|r| r.iter().map(|c| src[c.clone()].trim().to_owned()).collect())
            .collect()
    }

    #[test]
    fn a_separator_with_fewer_cells_still_makes_a_table() {
        let src = "| Time | Talk | Room |\n|---|\n| 09:00 | Opening | A |\n| 09:30 | Keynote |\n";
        let t = table(src).unwrap();
        assert_eq!(t.header_rows, 1);
        assert_eq!(
            texts(src, &t),
            [vec!["Time", "Talk", "Room"], vec!["09:00", "Opening", "A"], vec!["09:30", "Keynote"]]
        );
    }

    #[test]
    fn rows_without_a_separator_and_text_above_them() {
        let src = "Schedule:\n| 08:45 09:00 | Welcome\n| `a|b` | x \\| y |\n";
        let t = table(src).unwrap();
        assert_eq!((t.header_rows, &src[t.before.clone()]), (0, "Schedule:\n"));
        assert_eq!(texts(src, &t), [vec!["08:45 09:00", "Welcome"], vec!["`a|b`", "x \\| y"]]);
    }

    #[test]
    fn prose_with_a_pipe_is_not_a_table() {
        assert!(table("a | b\nc | d\n").is_none());
        assert!(table("| only one row |\n").is_none());
        assert!(table("| row |\ntext after\n").is_none());
    }
}
