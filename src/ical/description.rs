//! Event descriptions, written once as plain text (the DESCRIPTION every
//! client shows) and as HTML (`X-ALT-DESC`, where Outlook makes links
//! clickable, CLIENT-QUIRKS.md #30).
//!
//! Both are built side by side in reusable buffers: a feed writes one per
//! session, so no per-session tree is allocated. Line and paragraph breaks
//! are held back until text follows them, so empty paragraphs vanish and two
//! descriptions concatenate cleanly ([`Description::append`]). HTML uses
//! `<br>` rather than `<p>` for the same reason.
//!
//! Text from the source is escaped for HTML here; iCalendar escaping is
//! `line`'s job and happens later, to both versions alike.

/// A description being written.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Description {
    plain: String,
    html: String,
    pending: Break,
    has_link: bool,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Break {
    #[default]
    None,
    Line,
    Paragraph,
}

impl Description {
    /// Empties the description, keeping its buffers.
    pub(crate) fn clear(&mut self) {
        self.plain.clear();
        self.html.clear();
        self.pending = Break::None;
        self.has_link = false;
    }

    /// What follows starts a new paragraph.
    pub(crate) fn paragraph(&mut self) -> &mut Self {
        self.pending = self.pending.max(Break::Paragraph);
        self
    }

    /// What follows starts a new line.
    pub(crate) fn line(&mut self) -> &mut Self {
        self.pending = self.pending.max(Break::Line);
        self
    }

    /// Plain text, which may hold line breaks of its own.
    pub(crate) fn text(&mut self, text: &str) -> &mut Self {
        if !text.is_empty() {
            self.flush_break();
            self.plain.push_str(text);
            push_escaped(text, &mut self.html);
        }
        self
    }

    /// A link, shown as its URL in plain text.
    pub(crate) fn link(&mut self, url: &str) -> &mut Self {
        self.flush_break();
        self.plain.push_str(url);
        self.html.push_str("<a href=\"");
        push_escaped(url, &mut self.html);
        self.html.push_str("\">");
        push_escaped(url, &mut self.html);
        self.html.push_str("</a>");
        self.has_link = true;
        self
    }

    /// Appends `other`, after the break pending here.
    pub(crate) fn append(&mut self, other: &Description) -> &mut Self {
        if !other.plain.is_empty() {
            self.flush_break();
            self.plain.push_str(&other.plain);
            self.html.push_str(&other.html);
            self.has_link |= other.has_link;
        }
        self
    }

    fn flush_break(&mut self) {
        if !self.plain.is_empty() {
            let (plain, html) = match self.pending {
                Break::None => ("", ""),
                Break::Line => ("\n", "<br>"),
                Break::Paragraph => ("\n\n", "<br><br>"),
            };
            self.plain.push_str(plain);
            self.html.push_str(html);
        }
        self.pending = Break::None;
    }

    /// The plain text.
    pub(crate) fn plain(&self) -> &str {
        &self.plain
    }

    /// The HTML body content, to go between `<body>` and `</body>`.
    pub(crate) fn html_body(&self) -> &str {
        &self.html
    }

    /// Whether the HTML says more than the plain text: it has a link.
    pub(crate) fn has_link(&self) -> bool {
        self.has_link
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
    fn plain_and_html_say_the_same_and_html_is_escaped() {
        let mut d = Description::default();
        d.text("<script>alert(1)</script> & co");
        d.paragraph().text("Join: ").link("https://x.org/?a=1&b=\"2\"");
        assert_eq!(d.plain(), "<script>alert(1)</script> & co\n\nJoin: https://x.org/?a=1&b=\"2\"");
        assert_eq!(
            d.html_body(),
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co<br><br>Join: \
             <a href=\"https://x.org/?a=1&amp;b=&quot;2&quot;\">https://x.org/?a=1&amp;b=&quot;2&quot;</a>"
        );
        assert!(d.has_link());
    }

    #[test]
    fn breaks_wait_for_text_and_empty_paragraphs_vanish() {
        let mut d = Description::default();
        d.paragraph()
            .line()
            .text("a")
            .paragraph()
            .paragraph()
            .line()
            .text("b")
            .line()
            .text("")
            .paragraph();
        assert_eq!(d.plain(), "a\n\nb");
        assert!(!d.has_link());
    }

    #[test]
    fn append_joins_after_the_pending_break() {
        let mut tail = Description::default();
        tail.text("In person: Huxley").line().text("Join: ").link("https://z.us/j");
        let mut d = Description::default();
        d.text("Presenters: A").paragraph().text("Event").line().append(&tail);
        assert_eq!(d.plain(), "Presenters: A\n\nEvent\nIn person: Huxley\nJoin: https://z.us/j");
        assert!(d.has_link());
        d.clear();
        d.paragraph().append(&tail);
        assert_eq!(d.plain(), "In person: Huxley\nJoin: https://z.us/j");
    }
}
