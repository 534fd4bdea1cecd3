//! Event descriptions, built once and written twice: as the plain-text
//! DESCRIPTION every client shows, and as the HTML of `X-ALT-DESC`, where
//! Outlook makes links clickable (CLIENT-QUIRKS.md #30).
//!
//! Text from the source is escaped for HTML here; iCalendar escaping is
//! `line`'s job and happens later, to both versions alike.

/// A piece of a line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Inline {
    /// Plain text.
    Text(String),
    /// A link, shown as its URL in plain text.
    Link(String),
}

/// Paragraphs of lines of inlines.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Description {
    paragraphs: Vec<Vec<Vec<Inline>>>,
}

impl Description {
    /// Starts a new paragraph; empty paragraphs are dropped when written.
    pub(crate) fn paragraph(&mut self) -> &mut Self {
        self.paragraphs.push(Vec::new());
        self
    }

    /// Adds a line to the current paragraph.
    pub(crate) fn line(&mut self, inlines: Vec<Inline>) -> &mut Self {
        if self.paragraphs.is_empty() {
            self.paragraphs.push(Vec::new());
        }
        self.paragraphs.last_mut().expect("just ensured").push(inlines);
        self
    }

    /// Adds a line of plain text, which may hold line breaks of its own.
    pub(crate) fn text(&mut self, text: &str) -> &mut Self {
        self.line(vec![Inline::Text(text.to_owned())])
    }

    /// Paragraphs separated by a blank line, lines by a line break.
    pub(crate) fn plain(&self) -> String {
        self.plain_with(&Tail::default())
    }

    /// [`Description::plain`], with `tail` as more lines of the last paragraph.
    pub(crate) fn plain_with(&self, tail: &Tail) -> String {
        let mut out = String::new();
        let paragraphs: Vec<_> = self.paragraphs.iter().filter(|p| !p.is_empty()).collect();
        for (p, para) in paragraphs.iter().enumerate() {
            if p > 0 {
                out.push_str("\n\n");
            }
            for (l, line) in para.iter().enumerate() {
                if l > 0 {
                    out.push('\n');
                }
                for inline in line {
                    match inline {
                        Inline::Text(t) | Inline::Link(t) => out.push_str(t),
                    }
                }
            }
        }
        if !tail.plain.is_empty() {
            if !paragraphs.is_empty() {
                out.push_str(if self.ends_with_open_paragraph() { "\n\n" } else { "\n" });
            }
            out.push_str(&tail.plain);
        }
        out
    }

    /// A trailing empty paragraph: the tail starts a paragraph of its own.
    fn ends_with_open_paragraph(&self) -> bool {
        self.paragraphs.last().is_some_and(Vec::is_empty)
    }

    /// The same content as an HTML document, with `tail` as in
    /// [`Description::plain_with`].
    pub(crate) fn html_with(&self, tail: &Tail) -> String {
        let mut out = String::from("<html><body>");
        let paragraphs: Vec<_> = self.paragraphs.iter().filter(|p| !p.is_empty()).collect();
        for (p, para) in paragraphs.iter().enumerate() {
            out.push_str("<p>");
            html_lines(para, &mut out);
            if p + 1 == paragraphs.len()
                && !tail.html.is_empty()
                && !self.ends_with_open_paragraph()
            {
                out.push_str("<br>");
                out.push_str(&tail.html);
            }
            out.push_str("</p>");
        }
        if (paragraphs.is_empty() || self.ends_with_open_paragraph()) && !tail.html.is_empty() {
            out.push_str("<p>");
            out.push_str(&tail.html);
            out.push_str("</p>");
        }
        out.push_str("</body></html>");
        out
    }
}

/// Lines rendered once and appended to many descriptions: the same "how to
/// attend" ends every session's DESCRIPTION in a feed.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Tail {
    plain: String,
    html: String,
}

impl Tail {
    /// The lines of `lines`, all paragraphs run together.
    pub(crate) fn new(lines: &Description) -> Tail {
        let all: Vec<Vec<Inline>> = lines.paragraphs.iter().flatten().cloned().collect();
        let one = Description { paragraphs: vec![all] };
        let mut html = String::new();
        html_lines(&one.paragraphs[0], &mut html);
        Tail { plain: one.plain(), html }
    }
}

fn html_lines(lines: &[Vec<Inline>], out: &mut String) {
    for (l, line) in lines.iter().enumerate() {
        if l > 0 {
            out.push_str("<br>");
        }
        for inline in line {
            match inline {
                Inline::Text(t) => push_escaped(t, out),
                Inline::Link(url) => {
                    out.push_str("<a href=\"");
                    push_escaped(url, out);
                    out.push_str("\">");
                    push_escaped(url, out);
                    out.push_str("</a>");
                }
            }
        }
    }
}

fn push_escaped(text: &str, out: &mut String) {
    // runs between specials are copied whole; every special is ASCII
    let mut run = 0;
    for (i, b) in text.bytes().enumerate() {
        let replacement = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            b'\n' => "<br>",
            b'\r' => "", // CRLF and CR were normalised to LF upstream, or are noise
            _ => continue,
        };
        out.push_str(&text[run..i]);
        out.push_str(replacement);
        run = i + 1;
    }
    out.push_str(&text[run..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_joins_the_last_paragraph() {
        let mut tail = Description::default();
        tail.text("In person: Huxley")
            .line(vec![Inline::Text("Join: ".into()), Inline::Link("https://z.us/j".into())]);
        let tail = Tail::new(&tail);
        let mut d = Description::default();
        d.text("Presenters: A").paragraph().text("Event");
        assert_eq!(
            d.plain_with(&tail),
            "Presenters: A\n\nEvent\nIn person: Huxley\nJoin: https://z.us/j"
        );
        assert_eq!(
            d.html_with(&tail),
            "<html><body><p>Presenters: A</p><p>Event<br>In person: Huxley<br>Join: \
             <a href=\"https://z.us/j\">https://z.us/j</a></p></body></html>"
        );
        assert_eq!(
            Description::default().plain_with(&tail),
            "In person: Huxley\nJoin: https://z.us/j"
        );
        d.paragraph();
        assert_eq!(
            d.plain_with(&tail),
            "Presenters: A\n\nEvent\n\nIn person: Huxley\nJoin: https://z.us/j"
        );
        assert!(d.html_with(&tail).contains("<p>Event</p><p>In person: Huxley<br>"));
    }

    #[test]
    fn plain_and_html_say_the_same_and_html_is_escaped() {
        let mut d = Description::default();
        d.text("<script>alert(1)</script> & co");
        d.paragraph().line(vec![
            Inline::Text("Join: ".into()),
            Inline::Link("https://x.org/?a=1&b=\"2\"".into()),
        ]);
        assert_eq!(d.plain(), "<script>alert(1)</script> & co\n\nJoin: https://x.org/?a=1&b=\"2\"");
        assert_eq!(
            d.html_with(&Tail::default()),
            "<html><body><p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</p><p>Join: \
             <a href=\"https://x.org/?a=1&amp;b=&quot;2&quot;\">https://x.org/?a=1&amp;b=&quot;2&quot;</a></p></body></html>"
        );
    }
}
