//! A page as text with positions: the YAML front matter, the body's lines,
//! and inline Markdown reduced to plain text.
//!
//! Everything keeps byte offsets into the original file, so a diagnostic
//! can point at the exact place the organiser must edit. The front matter
//! of these pages is flat `key: value` YAML; it is read here line by line
//! (values unquoted) rather than through a YAML library, which would lose
//! the positions.

/// One line of the page: its text (without the line break) and where it
/// starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Line<'a> {
    pub(crate) start: usize,
    pub(crate) text: &'a str,
}

impl Line<'_> {
    /// The byte offset of `part`, which must be a slice of this line.
    pub(crate) fn offset_of(&self, part: &str) -> usize {
        self.start + (part.as_ptr() as usize - self.text.as_ptr() as usize)
    }
}

/// A front matter value with the offset of its first byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Field<'a> {
    pub(crate) value: &'a str,
    pub(crate) start: usize,
}

/// The page split into front matter and body lines.
#[derive(Debug)]
pub(crate) struct Document<'a> {
    pub(crate) front: Vec<(&'a str, Field<'a>)>,
    pub(crate) body: Vec<Line<'a>>,
}

impl<'a> Document<'a> {
    pub(crate) fn parse(text: &'a str) -> Document<'a> {
        let mut lines = Vec::new();
        let mut start = 0;
        for raw in text.split_inclusive('\n') {
            let body = raw.trim_end_matches(['\n', '\r']);
            lines.push(Line { start, text: body });
            start += raw.len();
        }
        let mut front = Vec::new();
        let mut body_from = 0;
        if lines.first().is_some_and(|l| l.text.trim_end() == "---")
            && let Some(end) = lines.iter().skip(1).position(|l| l.text.trim_end() == "---")
        {
            for line in &lines[1..=end] {
                if let Some((key, value)) = line.text.split_once(':')
                    && !key.starts_with([' ', '#'])
                {
                    let trimmed = value.trim();
                    let unquoted = trimmed
                        .strip_prefix('"')
                        .and_then(|v| v.strip_suffix('"'))
                        .or_else(|| trimmed.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
                        .unwrap_or(trimmed);
                    front.push((
                        key.trim(),
                        Field { value: unquoted, start: line.offset_of(unquoted) },
                    ));
                }
            }
            body_from = end + 2;
        }
        Document { front, body: lines.split_off(body_from.min(lines.len())) }
    }

    pub(crate) fn field(&self, key: &str) -> Option<&Field<'a>> {
        self.front.iter().find(|(k, _)| *k == key).map(|(_, f)| f)
    }
}

/// Inline Markdown and HTML reduced to what a calendar shows: emphasis
/// markers and tags dropped, `[text](url)` reduced to its text, entities
/// decoded. Links are returned separately.
pub(crate) fn plain_text(markdown: &str) -> (String, Vec<String>) {
    // a text with no link, tag, entity, emphasis or escape is its own
    // plain text (most cells: a name and an affiliation)
    if !markdown.bytes().any(|b| matches!(b, b'[' | b'<' | b'&' | b'*' | b'_' | b'\\')) {
        return (collapse_spaces(markdown), Vec::new());
    }
    let mut out = String::new();
    let mut links = Vec::new();
    let mut rest = markdown;
    while let Some(c) = rest.chars().next() {
        if let Some((text, url, after)) = markdown_link(rest) {
            let (inner, inner_links) = plain_text(text);
            out.push_str(&inner);
            links.extend(inner_links);
            links.push(url.to_owned());
            rest = after;
        } else if c == '<'
            && let Some(end) = rest.find('>')
            && is_tag(&rest[..=end])
        {
            if let Some(href) = attribute(&rest[..=end], "href") {
                links.push(href.to_owned());
            }
            rest = &rest[end + 1..];
        } else if c == '&'
            && let Some((decoded, len)) = entity(rest)
        {
            out.push(decoded);
            rest = &rest[len..];
        } else if c == '*' || (c == '_' && rest.starts_with("__")) {
            rest = rest.trim_start_matches(c);
        } else if c == '\\' && rest.len() > 1 {
            let next = rest[1..].chars().next().expect("checked");
            out.push(next);
            rest = &rest[1 + next.len_utf8()..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    (collapse_spaces(&out), links)
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `[text](url)` at the start of `s`: the text, the URL and what follows.
fn markdown_link(s: &str) -> Option<(&str, &str, &str)> {
    let s = s.strip_prefix('[')?;
    let close = closing(s, '[', ']')?;
    let after = s[close + 1..].strip_prefix('(')?;
    // URLs may hold balanced parentheses: `(https://x.org/a_(b))`
    let end = closing(after, '(', ')')?;
    Some((&s[..close], after[..end].trim(), &after[end + 1..]))
}

/// Where the bracket opened just before `s` closes, counting nesting.
fn closing(s: &str, open: char, close: char) -> Option<usize> {
    let mut depth = 1;
    s.char_indices().find_map(|(i, c)| {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
        }
        (depth == 0).then_some(i)
    })
}

fn is_tag(s: &str) -> bool {
    let inner = s.trim_start_matches('<').trim_start_matches('/');
    inner.starts_with(|c: char| c.is_ascii_alphabetic() || c == '!')
}

/// Whether a link may go into a calendar: http(s) only, never
/// `javascript:` or `data:`.
pub(crate) fn is_web_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// The value of `name="…"` in an HTML tag.
pub(crate) fn attribute<'s>(tag: &'s str, name: &str) -> Option<&'s str> {
    let at = tag.find(&format!("{name}=\""))? + name.len() + 2;
    let end = tag[at..].find('"')?;
    Some(&tag[at..at + end])
}

fn entity(s: &str) -> Option<(char, usize)> {
    let end = s.find(';').filter(|&e| e <= 10)?;
    let c = match &s[1..end] {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" | "#39" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        num if num.starts_with('#') => char::from_u32(num[1..].parse().ok()?)?,
        _ => return None,
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_keeps_positions() {
        let text = "---\ntitle: Hello\ndescription: \"Hybrid, Jun 30th 2025\"\n---\n\n## TL;DR\n";
        let doc = Document::parse(text);
        let d = doc.field("description").unwrap();
        assert_eq!(d.value, "Hybrid, Jun 30th 2025");
        assert_eq!(&text[d.start..d.start + 6], "Hybrid");
        assert_eq!(doc.body[1].text, "## TL;DR");
        assert_eq!(&text[doc.body[1].start..doc.body[1].start + 2], "##");
    }

    #[test]
    fn plain_text_drops_markup_and_keeps_links() {
        let (text, links) = plain_text(
            "**Ira Ktena** (Google DeepMind) [(Recording)](https://y.t/x) &amp; <b>co</b> *tbc*",
        );
        assert_eq!(text, "Ira Ktena (Google DeepMind) (Recording) & co tbc");
        assert_eq!(links, ["https://y.t/x"]);
        let (text, links) = plain_text(r#"<a href="mailto:e@x.org">e@x.org</a>"#);
        assert_eq!((text.as_str(), links), ("e@x.org", vec!["mailto:e@x.org".to_owned()]));
        let (text, links) = plain_text("[link](javascript:alert(1)) after");
        assert_eq!((text.as_str(), links), ("link after", vec!["javascript:alert(1)".to_owned()]));
        assert!(!is_web_url("javascript:alert(1)") && is_web_url("https://forms.gle/x"));
        let (text, links) = plain_text("  Speaker 5,\u{a0} University 12 ");
        assert_eq!((text.as_str(), links.len()), ("Speaker 5, University 12", 0));
    }

    #[test]
    fn crlf_pages_split_cleanly() {
        let doc = Document::parse("---\r\ntitle: T\r\n---\r\nA\r\n");
        assert_eq!(doc.field("title").unwrap().value, "T");
        assert_eq!(doc.body[0].text, "A");
    }
}
