//! Words of a text, as the phrase scanners see them: runs of letters and
//! digits (in any script), with their byte ranges.

use std::ops::Range;

/// Every word of `text` with its range, in order.
pub(crate) fn spans(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    let mut start: Option<usize> = None;
    text.char_indices().chain(std::iter::once((text.len(), ' '))).filter_map(move |(i, c)| {
        match (start, c.is_alphanumeric()) {
            (None, true) => {
                start = Some(i);
                None
            }
            (Some(s), false) => {
                start = None;
                Some((s..i, &text[s..i]))
            }
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_letters_and_digits() {
        let got: Vec<_> = spans("Jun 30th, 2025 – 渴望會館!").collect();
        assert_eq!(got, [(0..3, "Jun"), (4..8, "30th"), (10..14, "2025"), (19..31, "渴望會館")]);
    }
}
