//! Slugs: the ASCII names used for output files and event keys.

/// Lower-case ASCII letters and digits joined by single hyphens, at most
/// `MAX_LEN` bytes: `Opening remarks (2025)` → `opening-remarks-2025`.
///
/// Letters with accents lose them where the base letter is ASCII (`é` →
/// `e`); other characters separate words.
pub(crate) fn slugify(text: &str) -> String {
    const MAX_LEN: usize = 60;
    let mut out = String::new();
    let mut pending_hyphen = false;
    for c in text.chars().flat_map(fold_accent) {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            out.push(c.to_ascii_lowercase());
        } else {
            pending_hyphen = true;
        }
        if out.len() >= MAX_LEN {
            break;
        }
    }
    out
}

/// The ASCII base letter of common Latin letters with diacritics.
fn fold_accent(c: char) -> impl Iterator<Item = char> {
    let folded: &str = match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => "a",
        'À'..='Å' | 'Ā' | 'Ă' | 'Ą' => "A",
        'æ' => "ae",
        'Æ' => "AE",
        'ç' | 'ć' | 'č' => "c",
        'Ç' | 'Ć' | 'Č' => "C",
        'è'..='ë' | 'ē' | 'ę' | 'ě' => "e",
        'È'..='Ë' | 'Ē' | 'Ę' | 'Ě' => "E",
        'ì'..='ï' | 'ī' => "i",
        'Ì'..='Ï' | 'Ī' => "I",
        'ł' => "l",
        'Ł' => "L",
        'ñ' | 'ń' | 'ň' => "n",
        'Ñ' | 'Ń' | 'Ň' => "N",
        'ò'..='ö' | 'ø' | 'ō' | 'ő' => "o",
        'Ò'..='Ö' | 'Ø' | 'Ō' | 'Ő' => "O",
        'œ' => "oe",
        'ß' => "ss",
        'ś' | 'š' => "s",
        'Ś' | 'Š' => "S",
        'ù'..='ü' | 'ū' | 'ů' | 'ű' => "u",
        'Ù'..='Ü' | 'Ū' | 'Ů' | 'Ű' => "U",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'Ź' | 'Ż' | 'Ž' => "Z",
        _ => "",
    };
    let keep = folded.is_empty().then_some(c);
    folded.chars().chain(keep)
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn slugs() {
        assert_eq!(slugify("Opening remarks"), "opening-remarks");
        assert_eq!(slugify("  Mélanie's guide: Zürich → Łódź! "), "melanie-s-guide-zurich-lodz");
        assert_eq!(slugify("東京 🚀"), "");
        assert_eq!(slugify(&"a".repeat(100)).len(), 60);
        assert_eq!(slugify("/2025-london-symposium/"), "2025-london-symposium");
    }
}
