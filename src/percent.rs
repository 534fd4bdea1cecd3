//! Percent-encoding (RFC 3986 §2.1): query values in the links symcal
//! writes, request paths `serve` reads, the user name in an SMTP URL.

/// `text` with everything but the unreserved characters percent-encoded,
/// for use as one query value.
#[cfg(feature = "site")]
pub(crate) fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `text` decoded; `None` if a `%` is not followed by two hex digits or
/// the bytes are not UTF-8 (which also refuses overlong encodings).
#[cfg(any(feature = "serve", feature = "invite"))]
pub(crate) fn decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let digit = |b: u8| char::from(b).to_digit(16);
            out.push((digit(hex[0])? * 16 + digit(hex[1])?) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_cannot_break_out_of_their_parameter() {
        assert_eq!(encode("a&b=c #d\"<e>\n"), "a%26b%3Dc%20%23d%22%3Ce%3E%0A");
        assert_eq!(encode("é"), "%C3%A9");
    }

    #[test]
    fn decoding_is_strict() {
        assert_eq!(decode("org%40example.org").as_deref(), Some("org@example.org"));
        assert_eq!(decode("%C3%A9").as_deref(), Some("é"));
        for bad in ["%", "%4", "%zz", "%+f", "%c0%ae"] {
            assert_eq!(decode(bad), None, "{bad}");
        }
    }
}
