//! Lists of lower-case words looked for inside lines, all words at once.
//!
//! `words.iter().any(|w| line.contains(w))` builds a searcher and reads the
//! line once per word; the readers ask it of every line of a page, for
//! lists of dozens of words. A [`Lexicon`] reads the line once and, at each
//! byte, compares only the words that start with that byte. The answers
//! are those of `contains` and `match_indices`, word for word.

use std::sync::OnceLock;

/// A list of lower-case words, indexed by their first byte on first use.
pub(crate) struct Lexicon {
    words: &'static [&'static str],
    index: OnceLock<Index>,
}

/// The words by first byte: those starting with byte `b` are
/// `order[starts[b]..starts[b + 1]]`, in the list's order.
struct Index {
    starts: [u16; 257],
    order: Vec<u16>,
}

impl Lexicon {
    pub(crate) const fn new(words: &'static [&'static str]) -> Lexicon {
        Lexicon { words, index: OnceLock::new() }
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| {
            debug_assert!(self.words.iter().all(|w| !w.is_empty() && *w == w.to_lowercase()));
            let mut order: Vec<u16> = (0..self.words.len() as u16).collect();
            order.sort_by_key(|&k| self.words[k as usize].as_bytes()[0]);
            let mut starts = [0u16; 257];
            for b in 0..256 {
                starts[b + 1] = starts[b]
                    + order
                        .iter()
                        .filter(|&&k| self.words[k as usize].as_bytes()[0] == b as u8)
                        .count() as u16;
            }
            Index { starts, order }
        })
    }

    /// The words that start with byte `b`.
    fn starting_with(&self, b: u8) -> impl Iterator<Item = &'static str> + '_ {
        let index = self.index();
        let (from, to) = (index.starts[b as usize], index.starts[b as usize + 1]);
        index.order[from as usize..to as usize].iter().map(|&k| self.words[k as usize])
    }

    /// Whether one of the words occurs in `lower` (a lower-cased text):
    /// `words.iter().any(|w| lower.contains(w))`.
    pub(crate) fn any_in(&self, lower: &str) -> bool {
        let bytes = lower.as_bytes();
        (0..bytes.len())
            .any(|i| self.starting_with(bytes[i]).any(|w| bytes[i..].starts_with(w.as_bytes())))
    }

    /// Whether one of the words occurs in `text` lower-cased:
    /// `words.iter().any(|w| text.to_lowercase().contains(w))`. ASCII text
    /// (most lines) is compared ignoring case, without the lower-case copy.
    pub(crate) fn any_in_lowercased(&self, text: &str) -> bool {
        if !text.is_ascii() {
            return self.any_in(&text.to_lowercase());
        }
        let bytes = text.as_bytes();
        (0..bytes.len()).any(|i| {
            self.starting_with(bytes[i].to_ascii_lowercase()).any(|w| {
                bytes.len() - i >= w.len()
                    && bytes[i..i + w.len()].eq_ignore_ascii_case(w.as_bytes())
            })
        })
    }

    /// Whether `test` holds for one of the matches of the words in `lower`:
    /// (byte, word) for each match `lower.match_indices(word)` gives for
    /// each word (a word's matches do not overlap one another).
    pub(crate) fn any_match(&self, lower: &str, mut test: impl FnMut(usize, &str) -> bool) -> bool {
        let bytes = lower.as_bytes();
        // where each word may match next: after its last match
        let mut next: Vec<usize> = Vec::new();
        for i in 0..bytes.len() {
            let index = self.index();
            let b = bytes[i] as usize;
            for &k in &index.order[index.starts[b] as usize..index.starts[b + 1] as usize] {
                let w = self.words[k as usize];
                if !bytes[i..].starts_with(w.as_bytes()) {
                    continue;
                }
                if next.is_empty() {
                    next = vec![0; self.words.len()];
                }
                if i >= next[k as usize] {
                    next[k as usize] = i + w.len();
                    if test(i, w) {
                        return true;
                    }
                }
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static WORDS: Lexicon = Lexicon::new(&["deadline", "due:", "aa", "a b", "©", "straße", "st."]);

    #[test]
    fn answers_as_contains_does() {
        for text in [
            "",
            "Paper Deadline",
            "DUE: today",
            "due",
            "Copyright © 2024",
            "STRASSE",
            "Hauptstraße 3",
            "HAUPTSTRASSE",
            "a  b",
            "A B",
            "ÉTÉ DEADLINE",
            "İstanbul deadline",
            "first st. then",
        ] {
            let lower = text.to_lowercase();
            let want = WORDS.words.iter().any(|w| lower.contains(w));
            assert_eq!(WORDS.any_in(&lower), want, "{text:?}");
            assert_eq!(WORDS.any_in_lowercased(text), want, "{text:?}");
        }
    }

    #[test]
    fn matches_as_match_indices_does() {
        for text in ["aaaa a b aa", "st.st. straße", "", "deadline deadline", "aaa"] {
            let mut want: Vec<(usize, &str)> =
                WORDS.words.iter().flat_map(|w| text.match_indices(w)).collect();
            want.sort();
            let mut got: Vec<(usize, String)> = Vec::new();
            WORDS.any_match(text, |i, w| {
                got.push((i, w.to_owned()));
                false
            });
            got.sort();
            let got: Vec<(usize, &str)> = got.iter().map(|(i, w)| (*i, w.as_str())).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }
}
