//! Words of a text, as the phrase scanners see them: runs of letters and
//! digits (in any script), with their byte ranges.

use std::ops::Range;

/// Every word of `text` with its range, in order.
pub(crate) fn spans(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    let mut i = 0;
    std::iter::from_fn(move || {
        // to the word's first character, then past its last
        while i < text.len() {
            let (len, word) = char_at(text, i);
            if word {
                break;
            }
            i += len;
        }
        if i >= text.len() {
            return None;
        }
        let start = i;
        while i < text.len() {
            let (len, word) = char_at(text, i);
            if !word {
                break;
            }
            i += len;
        }
        Some((start..i, &text[start..i]))
    })
}

/// The length of the character at byte `i` of `text` and whether it is a
/// letter or a digit; ASCII (most of any page) without decoding.
fn char_at(text: &str, i: usize) -> (usize, bool) {
    let b = text.as_bytes()[i];
    if b.is_ascii() {
        return (1, b.is_ascii_alphanumeric());
    }
    text[i..].chars().next().map_or((1, false), |c| (c.len_utf8(), c.is_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_letters_and_digits() {
        let got: Vec<_> = spans("Jun 30th, 2025 – 渴望會館!").collect();
        assert_eq!(got, [(0..3, "Jun"), (4..8, "30th"), (10..14, "2025"), (19..31, "渴望會館")]);
        let got: Vec<_> = spans("«Zürich»-١٢ x").collect();
        assert_eq!(got, [(2..9, "Zürich"), (12..16, "١٢"), (17..18, "x")]);
        assert_eq!(spans("").count(), 0);
        assert_eq!(spans(" - ").count(), 0);
    }
}
