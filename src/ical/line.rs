//! Content lines ([RFC 5545 §3.1]): the only place that knows the wire format.
//!
//! It owns TEXT escaping (§3.3.11), parameter values (§3.2, with the
//! [RFC 6868] caret encoding for characters a parameter cannot hold), folding
//! at 75 octets without splitting a UTF-8 sequence or an escape, and CRLF line
//! endings. Renderers describe a property as name, parameters and a typed
//! value; they never write `:`, `;` or `\r\n` themselves.
//!
//! It deliberately does not decide *which* properties a component has: that
//! is the renderers' job.
//!
//! [RFC 5545 §3.1]: https://www.rfc-editor.org/rfc/rfc5545#section-3.1
//! [RFC 6868]: https://www.rfc-editor.org/rfc/rfc6868

/// The longest physical line, in octets, not counting the CRLF (RFC 5545 §3.1).
pub(crate) const MAX_OCTETS: usize = 75;

/// A buffer of finished content lines.
///
/// Lines are appended to `out`; a logical line is assembled in `scratch` and
/// folded into `out` when its value is written, so the folding pass always
/// sees the whole line.
#[derive(Debug, Default)]
pub(crate) struct Lines {
    out: String,
    scratch: String,
}

impl Lines {
    pub(crate) fn new() -> Lines {
        Lines::default()
    }

    /// `BEGIN:<component>`.
    pub(crate) fn begin(&mut self, component: &str) {
        self.property("BEGIN").raw(component);
    }

    /// `END:<component>`.
    pub(crate) fn end(&mut self, component: &str) {
        self.property("END").raw(component);
    }

    /// Starts a property line. The line is written when a value method of the
    /// returned [`Property`] is called.
    pub(crate) fn property(&mut self, name: &str) -> Property<'_> {
        debug_assert!(is_name(name), "property name {name:?}");
        self.scratch.clear();
        self.scratch.push_str(name);
        Property { lines: self }
    }

    /// Appends lines finished in another buffer: properties that are the
    /// same in many components are rendered once.
    pub(crate) fn append(&mut self, other: &Lines) {
        self.out.push_str(&other.out);
    }

    /// Takes the finished lines, leaving the buffer empty but allocated.
    pub(crate) fn drain_into(
        &mut self,
        sink: &mut (impl std::io::Write + ?Sized),
    ) -> std::io::Result<()> {
        sink.write_all(self.out.as_bytes())?;
        self.out.clear();
        Ok(())
    }

    pub(crate) fn into_string(self) -> String {
        self.out
    }

    fn finish(&mut self) {
        fold_into(&self.scratch, &mut self.out);
    }
}

/// One property line under construction: parameters, then exactly one value.
#[must_use = "a property is written only when its value is given"]
pub(crate) struct Property<'a> {
    lines: &'a mut Lines,
}

impl Property<'_> {
    /// A parameter with one value, quoted when it holds `;`, `:` or `,`.
    pub(crate) fn param(self, name: &str, value: &str) -> Self {
        debug_assert!(is_name(name), "parameter name {name:?}");
        let s = &mut self.lines.scratch;
        s.push(';');
        s.push_str(name);
        s.push('=');
        push_param_value(value, s);
        self
    }

    /// A parameter with several values, separated by unquoted commas, as
    /// `FEATURE=AUDIO,VIDEO` (RFC 7986 §6.3) needs.
    pub(crate) fn param_list(self, name: &str, values: &[&str]) -> Self {
        debug_assert!(is_name(name), "parameter name {name:?}");
        let s = &mut self.lines.scratch;
        s.push(';');
        s.push_str(name);
        s.push('=');
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            push_param_value(v, s);
        }
        self
    }

    /// A TEXT value (RFC 5545 §3.3.11), escaped.
    pub(crate) fn text(self, value: &str) {
        self.lines.scratch.push(':');
        push_text(value, &mut self.lines.scratch);
        self.lines.finish();
    }

    /// One TEXT value given in parts, escaped as if concatenated. Escaping
    /// works per character, so this holds unless a CRLF is split between two
    /// parts (it would count as two line breaks); callers pass no CR.
    pub(crate) fn text_parts(self, parts: &[&str]) {
        self.lines.scratch.push(':');
        for part in parts {
            push_text(part, &mut self.lines.scratch);
        }
        self.lines.finish();
    }

    /// A list of TEXT values separated by commas, as in CATEGORIES.
    pub(crate) fn text_list(self, values: &[&str]) {
        let s = &mut self.lines.scratch;
        s.push(':');
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            push_text(v, s);
        }
        self.lines.finish();
    }

    /// A URI value (RFC 5545 §3.3.13). Characters that cannot stand in a
    /// URI, or that a client would cut the value at, are percent-encoded, so
    /// hostile input cannot end the line or add a property.
    pub(crate) fn uri(self, value: &str) {
        self.lines.scratch.push(':');
        push_uri(value, &mut self.lines.scratch);
        self.lines.finish();
    }

    /// A value this crate formatted itself (dates, durations, numbers,
    /// enumerations), written as it is.
    pub(crate) fn raw(self, value: &str) {
        debug_assert!(!value.chars().any(char::is_control), "raw value {value:?}");
        self.lines.scratch.push(':');
        self.lines.scratch.push_str(value);
        self.lines.finish();
    }
}

fn is_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Normalises text the way every value here sees it: CRLF and CR become LF,
/// TAB becomes a space, and other control characters are dropped (RFC 5545
/// allows none of them in a value).
pub(crate) fn normalize(text: &str) -> impl Iterator<Item = char> + '_ {
    let mut chars = text.chars().peekable();
    std::iter::from_fn(move || {
        loop {
            let c = chars.next()?;
            match c {
                '\r' => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    return Some('\n');
                }
                '\n' => return Some('\n'),
                '\t' => return Some(' '),
                c if c.is_control() => continue,
                c => return Some(c),
            }
        }
    })
}

fn push_text(value: &str, out: &mut String) {
    // Byte-wise, copying runs between specials in one go: escaping is most of
    // the work of writing a large feed. Every special is ASCII or a C1
    // control (0xC2 0x80..=0x9F), so slicing at them keeps UTF-8 intact.
    let bytes = value.as_bytes();
    let mut run = 0;
    let mut i = 0;
    let plain_controls =
        !bytes.iter().fold(false, |any, &b| any | (b < 0x20) | (b == 0x7f) | (b == 0xc2));
    let find = |from: &[u8]| {
        if plain_controls {
            memchr::memchr3(b'\\', b';', b',', from)
        } else {
            from.iter().position(|&b| TEXT_SPECIAL[usize::from(b)])
        }
    };
    while let Some(offset) = find(&bytes[i..]) {
        i += offset;
        let b = bytes[i];
        let (replacement, width) = match b {
            b'\\' => ("\\\\", 1),
            b';' => ("\\;", 1),
            b',' => ("\\,", 1),
            b'\n' => ("\\n", 1),
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => ("\\n", 2),
            b'\r' => ("\\n", 1),
            b'\t' => (" ", 1),
            0..=0x1f | 0x7f => ("", 1),
            0xc2 if matches!(bytes.get(i + 1), Some(0x80..=0x9f)) => ("", 2),
            _ => {
                i += 1; // 0xC2 leading an ordinary character
                continue;
            }
        };
        out.push_str(&value[run..i]);
        out.push_str(replacement);
        i += width;
        run = i;
    }
    out.push_str(&value[run..]);
}

/// Bytes that TEXT escaping looks at: the escaped ones, control characters
/// and 0xC2, the lead byte of the C1 controls.
static TEXT_SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'\\' as usize] = true;
    table[b';' as usize] = true;
    table[b',' as usize] = true;
    table[0x7f] = true;
    table[0xc2] = true;
    table
};

fn push_param_value(value: &str, out: &mut String) {
    let needs_quotes = value.contains([';', ':', ',']);
    if needs_quotes {
        out.push('"');
    }
    let plain = !value.bytes().any(|b| matches!(b, b'^' | b'"' | 0..=0x1f | 0x7f | 0xc2));
    if plain {
        out.push_str(value);
        if needs_quotes {
            out.push('"');
        }
        return;
    }
    // RFC 6868: a parameter value cannot hold DQUOTE or a line break, so
    // they are written as ^' and ^n, and ^ itself as ^^.
    for c in normalize(value) {
        match c {
            '^' => out.push_str("^^"),
            '\n' => out.push_str("^n"),
            '"' => out.push_str("^'"),
            c => out.push(c),
        }
    }
    if needs_quotes {
        out.push('"');
    }
}

fn push_uri(value: &str, out: &mut String) {
    for c in value.chars() {
        if c.is_ascii_graphic() && c != '"' && c != '\\' {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
}

/// Appends `line` to `out` folded at [`MAX_OCTETS`], each physical line ended
/// by CRLF. A fold never splits a UTF-8 sequence (clients that decode before
/// unfolding show U+FFFD) nor a backslash escape (some clients unescape each
/// physical line on its own).
fn fold_into(line: &str, out: &mut String) {
    let bytes = line.as_bytes();
    let mut start = 0;
    let mut limit = MAX_OCTETS;
    while bytes.len() - start > limit {
        let mut cut = start + limit;
        while !line.is_char_boundary(cut) {
            cut -= 1;
        }
        if splits_escape(bytes, start, cut) {
            cut -= 1;
        }
        out.push_str(&line[start..cut]);
        out.push_str("\r\n ");
        start = cut;
        // the leading space of a continuation line counts toward its length
        limit = MAX_OCTETS - 1;
    }
    out.push_str(&line[start..]);
    out.push_str("\r\n");
}

/// Whether cutting at `cut` leaves a lone escaping backslash at the end of
/// the physical line: an odd run of backslashes just before the cut.
fn splits_escape(bytes: &[u8], start: usize, cut: usize) -> bool {
    let run = bytes[start..cut].iter().rev().take_while(|&&b| b == b'\\').count();
    run % 2 == 1
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Unfolds physical lines (RFC 5545 §3.1), checking each is well formed.
    pub(crate) fn unfold(text: &str) -> Vec<String> {
        assert!(text.ends_with("\r\n"), "missing final CRLF in {text:?}");
        let mut lines: Vec<String> = Vec::new();
        for physical in text[..text.len() - 2].split("\r\n") {
            assert!(!physical.contains('\n') && !physical.contains('\r'), "{physical:?}");
            assert!(physical.len() <= MAX_OCTETS, "{} octets: {physical:?}", physical.len());
            match physical.strip_prefix(' ') {
                Some(rest) => lines.last_mut().expect("continuation first").push_str(rest),
                None => lines.push(physical.to_owned()),
            }
        }
        lines
    }

    /// The RFC 5545 reading of an escaped TEXT value.
    pub(crate) fn unescape(value: &str) -> String {
        let mut out = String::new();
        let mut chars = value.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next().expect("dangling backslash") {
                    'n' | 'N' => out.push('\n'),
                    c @ ('\\' | ';' | ',') => out.push(c),
                    c => panic!("bad escape \\{c}"),
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    fn one_line(f: impl FnOnce(&mut Lines)) -> String {
        let mut lines = Lines::new();
        f(&mut lines);
        lines.into_string()
    }

    #[test]
    fn text_parts_escape_like_their_concatenation() {
        let parts = ["a\r\n", "b,", ";c\\", "\u{85}d"];
        let joined = one_line(|l| l.property("X").text(&parts.concat()));
        assert_eq!(one_line(|l| l.property("X").text_parts(&parts)), joined);
    }

    #[test]
    fn escapes_text_specials_and_drops_bare_cr() {
        let got = one_line(|l| l.property("SUMMARY").text("a\\b;c,d\r\ne\rf\u{7}g\th"));
        assert_eq!(got, "SUMMARY:a\\\\b\\;c\\,d\\ne\\nfg h\r\n");
    }

    #[test]
    fn hostile_text_cannot_start_a_component() {
        let got = one_line(|l| l.property("SUMMARY").text("x\r\nEND:VEVENT\r\nBEGIN:VEVENT"));
        assert_eq!(got, "SUMMARY:x\\nEND:VEVENT\\nBEGIN:VEVENT\r\n");
    }

    #[test]
    fn quotes_parameters_and_caret_encodes() {
        let got = one_line(|l| {
            l.property("ORGANIZER").param("CN", "Ferrante, \"Enzo\"\n^").uri("mailto:e@x.org")
        });
        assert_eq!(got, "ORGANIZER;CN=\"Ferrante, ^'Enzo^'^n^^\":mailto:e@x.org\r\n");
    }

    #[test]
    fn feature_list_is_not_one_quoted_value() {
        let got = one_line(|l| {
            l.property("CONFERENCE")
                .param("VALUE", "URI")
                .param_list("FEATURE", &["AUDIO", "VIDEO"])
                .param("LABEL", "Zoom")
                .uri("https://zoom.us/j/1")
        });
        assert_eq!(
            got,
            "CONFERENCE;VALUE=URI;FEATURE=AUDIO,VIDEO;LABEL=Zoom:https://zoom.us/j/1\r\n"
        );
    }

    #[test]
    fn uri_cannot_break_the_line() {
        let got = one_line(|l| l.property("URL").uri("https://x.org/a b\r\nX-EVIL:1\"é"));
        assert_eq!(got, "URL:https://x.org/a%20b%0D%0AX-EVIL:1%22%C3%A9\r\n");
    }

    #[test]
    fn folds_at_75_octets_between_characters() {
        // 72 ASCII octets after "SUMMARY:" puts the 2-byte é across octet 75
        let value = format!("{}é{}", "a".repeat(66), "b".repeat(100));
        let got = one_line(|l| l.property("SUMMARY").text(&value));
        let first = got.split("\r\n").next().unwrap();
        assert_eq!(first.len(), 74, "the fold moves before the é");
        assert_eq!(unfold(&got), [format!("SUMMARY:{value}")]);
    }

    #[test]
    fn fold_never_separates_backslash_from_its_escape() {
        for pad in 60..80 {
            let value = format!("{},{}", "a".repeat(pad), "z".repeat(80));
            let got = one_line(|l| l.property("SUMMARY").text(&value));
            for physical in got.split("\r\n") {
                let run = physical.bytes().rev().take_while(|&b| b == b'\\').count();
                assert_eq!(run % 2, 0, "pad {pad}: {physical:?}");
            }
        }
    }

    proptest! {
        #[test]
        fn fast_escaping_matches_the_definition(value in "[a-c,;\\\\\r\n\t\u{7}\u{85}é ]{0,40}") {
            let mut fast = String::new();
            push_text(&value, &mut fast);
            let mut reference = String::new();
            for c in normalize(&value) {
                match c {
                    '\\' => reference.push_str("\\\\"),
                    ';' => reference.push_str("\\;"),
                    ',' => reference.push_str("\\,"),
                    '\n' => reference.push_str("\\n"),
                    c => reference.push(c),
                }
            }
            prop_assert_eq!(fast, reference);
        }

        #[test]
        fn text_round_trips(value in any::<String>(), name in "[A-Z][A-Z-]{0,20}") {
            let got = one_line(|l| l.property(&name).text(&value));
            let lines = unfold(&got);
            prop_assert_eq!(lines.len(), 1);
            let (n, v) = lines[0].split_once(':').unwrap();
            prop_assert_eq!(n, name.as_str());
            let expected: String = normalize(&value).collect();
            prop_assert_eq!(unescape(v), expected);
        }

        #[test]
        fn param_values_stay_in_the_parameter(value in any::<String>()) {
            let got = one_line(|l| l.property("ATTENDEE").param("CN", &value).uri("mailto:a@b.c"));
            let lines = unfold(&got);
            prop_assert_eq!(lines.len(), 1);
            prop_assert!(lines[0].ends_with(":mailto:a@b.c"));
            prop_assert!(!lines[0].contains(|c: char| c.is_control()));
        }
    }
}
