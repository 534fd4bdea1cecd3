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

    pub(crate) fn paragraphs(&self) -> &[Vec<Vec<Inline>>] {
        &self.paragraphs
    }

    /// Paragraphs separated by a blank line, lines by a line break.
    pub(crate) fn plain(&self) -> String {
        let mut out = String::new();
        for (p, para) in self.paragraphs.iter().filter(|p| !p.is_empty()).enumerate() {
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
        out
    }

    /// The same content as an HTML document.
    pub(crate) fn html(&self) -> String {
        let mut out = String::from("<html><body>");
        for para in self.paragraphs.iter().filter(|p| !p.is_empty()) {
            out.push_str("<p>");
            for (l, line) in para.iter().enumerate() {
                if l > 0 {
                    out.push_str("<br>");
                }
                for inline in line {
                    match inline {
                        Inline::Text(t) => push_escaped(t, &mut out),
                        Inline::Link(url) => {
                            out.push_str("<a href=\"");
                            push_escaped(url, &mut out);
                            out.push_str("\">");
                            push_escaped(url, &mut out);
                            out.push_str("</a>");
                        }
                    }
                }
            }
            out.push_str("</p>");
        }
        out.push_str("</body></html>");
        out
    }
}

fn push_escaped(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            d.html(),
            "<html><body><p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</p><p>Join: \
             <a href=\"https://x.org/?a=1&amp;b=&quot;2&quot;\">https://x.org/?a=1&amp;b=&quot;2&quot;</a></p></body></html>"
        );
    }
}
