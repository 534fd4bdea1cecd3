//! HTML, a whole page or a raw block inside Markdown, through html5gum (a
//! WHATWG tokenizer that keeps each token's byte span), into [`Builder`]
//! calls. Entities are decoded by the tokenizer as a browser would (also
//! the legacy `&nbsp` without a semicolon); comments are dropped.

use std::collections::BTreeMap;

use html5gum::emitters::callback::{Callback, CallbackEmitter, CallbackEvent};
use html5gum::{EndTag, HtmlString, Span, Spanned, StartTag, Token, Tokenizer};

use super::blocks::{Builder, is_void};

/// Feeds `html`, which starts at byte `base` of the file, to `builder`.
pub(crate) fn feed(html: &str, base: usize, builder: &mut Builder) {
    let mut emitter = CallbackEmitter::new(Tokens::default());
    // `<script>`/`<style>` contents are raw text, not tags
    emitter.naively_switch_states(true);
    let mut json_ld = false;
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let attr = |key: &str| {
                    tag.attributes
                        .get(key.as_bytes())
                        .map(|v| String::from_utf8_lossy(&v.value).into_owned())
                };
                let at = base + tag.span.start;
                if name == "script"
                    && attr("type")
                        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
                {
                    json_ld = true;
                    builder.open_json_ld(at);
                    continue;
                }
                let style = attr("style").unwrap_or_default().to_ascii_lowercase().replace(' ', "");
                let hidden = tag.attributes.contains_key(b"hidden".as_slice())
                    || style.contains("display:none")
                    || attr("aria-hidden").is_some_and(|v| v == "true") && name != "span";
                let colspan =
                    attr("colspan").and_then(|c| c.trim().parse::<usize>().ok()).unwrap_or(1);
                let class = attr("class").unwrap_or_default();
                // machine-readable dates: `<time datetime>`, microdata,
                // h-event
                let itemprop = attr("itemprop").unwrap_or_default();
                let h_event = class.split_whitespace().any(|c| c == "dt-start" || c == "dt-end");
                let value = attr("datetime")
                    .or_else(|| {
                        (itemprop == "startDate" || itemprop == "endDate")
                            .then(|| attr("content"))
                            .flatten()
                    })
                    .or_else(|| h_event.then(|| attr("title").or_else(|| attr("value"))).flatten());
                if let Some(v) = &value {
                    builder.machine_date(v, at);
                }
                // what the page says of itself to link previews: its
                // title and description, often with the event's city
                if name == "meta"
                    && let Some(property) = attr("property").or_else(|| attr("name"))
                    && matches!(
                        property.to_ascii_lowercase().as_str(),
                        "og:title" | "og:site_name" | "og:description" | "description"
                    )
                    && let Some(content) = attr("content")
                {
                    builder.meta(&property.to_ascii_lowercase(), &content, at);
                }
                builder.open(&name, &class, colspan.min(50), hidden, at);
                if name == "a"
                    && let Some(href) = attr("href")
                {
                    builder.link(&href, at);
                }
                if matches!(name.as_str(), "td" | "th")
                    && let Some(rows) = attr("rowspan").and_then(|r| r.trim().parse::<usize>().ok())
                {
                    builder.rowspan(rows);
                }
                // tab components (MDX `<TabItem label>`, `<Tab title>`,
                // Vue/Bootstrap tab panes) show their label as the tab
                if matches!(name.as_str(), "tabitem" | "tab" | "b-tab" | "el-tab-pane" | "v-tab")
                    && let Some(label) =
                        attr("label").or_else(|| attr("title")).or_else(|| attr("name"))
                {
                    builder.tab(&label, at);
                }
                if name == "time"
                    && let Some(clock) = attr("datetime").as_deref().and_then(clock_of)
                {
                    builder.open_time(&clock, at);
                }
                if tag.self_closing && !is_void(&name) {
                    builder.close(&name);
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if json_ld && name == "script" {
                    json_ld = false;
                    builder.close_json_ld();
                    continue;
                }
                if name == "time" {
                    builder.close_time();
                }
                // a browser reads `</br>` as `<br>` (WHATWG, "in body")
                if name == "br" {
                    builder.open("br", "", 1, false, base + tag.span.start);
                    continue;
                }
                builder.close(&name);
            }
            Token::String(s) => {
                let text = String::from_utf8_lossy(&s.value);
                builder.source_text(&text, base + s.span.start);
            }
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
}

/// html5gum's `DefaultEmitter` without its parse errors: it queues one
/// error token per bad character (a NUL, a control character) until the
/// text around it ends, so 40 MB of NULs queued 40 million errors (6 GiB)
/// that were dropped unread. Everything else is what `DefaultEmitter`
/// does (html5gum 0.9, `emitters/default.rs`): the same tokens, spans and
/// first-attribute-wins rule.
#[derive(Debug, Default)]
struct Tokens {
    tag_name: Vec<u8>,
    tag_start: usize,
    /// The attribute whose value is being read; empty for a repeated one,
    /// whose value is dropped.
    attribute: Vec<u8>,
    attributes: BTreeMap<HtmlString, Spanned<HtmlString, usize>>,
}

impl Callback<Token<usize>, usize> for Tokens {
    fn handle_event(
        &mut self,
        event: CallbackEvent<'_>,
        span: Span<usize>,
    ) -> Option<Token<usize>> {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                self.tag_name.clear();
                self.tag_name.extend(name);
                self.tag_start = span.start;
                None
            }
            CallbackEvent::AttributeName { name } => {
                self.attribute.clear();
                if !self.attributes.contains_key(name) {
                    self.attribute.extend(name);
                    self.attributes.insert(
                        name.to_owned().into(),
                        Spanned { value: HtmlString::default(), span },
                    );
                }
                None
            }
            CallbackEvent::AttributeValue { value } => {
                if !self.attribute.is_empty()
                    && let Some(attr) = self.attributes.get_mut(self.attribute.as_slice())
                {
                    attr.value.extend(value);
                    attr.span.end = span.end + 1;
                }
                None
            }
            CallbackEvent::CloseStartTag { self_closing } => Some(Token::StartTag(StartTag {
                self_closing,
                name: std::mem::take(&mut self.tag_name).into(),
                span: Span { start: self.tag_start, end: span.end },
                attributes: std::mem::take(&mut self.attributes),
            })),
            CallbackEvent::EndTag { name } => {
                self.attributes.clear();
                Some(Token::EndTag(EndTag { name: name.to_owned().into(), span }))
            }
            CallbackEvent::String { value } => {
                Some(Token::String(Spanned { value: value.to_owned().into(), span }))
            }
            // comments and doctypes are dropped by the reader anyway
            CallbackEvent::Comment { .. }
            | CallbackEvent::Doctype { .. }
            | CallbackEvent::Error(_) => None,
        }
    }
}

/// The clock time of a `datetime` value (`2018-12-07T08:00`,
/// `December 07T08:00`, `08:00`), as `HH:MM`.
fn clock_of(value: &str) -> Option<String> {
    let t = value.rsplit(['T', ' ']).next().unwrap_or(value);
    let b = t.as_bytes();
    let ok = b.len() >= 5
        && b[..2].iter().all(u8::is_ascii_digit)
        && b[2] == b':'
        && b[3..5].iter().all(u8::is_ascii_digit);
    let (h, m): (u32, u32) = (t.get(..2)?.parse().ok()?, t.get(3..5)?.parse().ok()?);
    (ok && h < 24 && m < 60).then(|| format!("{h:02}:{m:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::page::blocks::Kind;

    fn blocks(html: &str) -> Vec<(Kind, String)> {
        let mut b = Builder::new();
        feed(html, 0, &mut b);
        b.finish().blocks.into_iter().map(|b| (b.kind, b.text().to_owned())).collect()
    }

    #[test]
    fn text_reads_as_a_browser_shows_it() {
        let got = blocks(
            "<p><b>Date</b>: 15<sup>th</sup> December&nbsp;2024</p>\
             <!-- <table><tr><td>09:00</td><td>Hidden</td></tr></table> -->\
             <script>var x = '<p>10:00</p>';</script><p>&nbsp09:30&nbsp-&nbsp10:15&nbsp</p>",
        );
        assert_eq!(
            got,
            vec![
                (Kind::Para, "Date: 15th December 2024".to_owned()),
                (Kind::Para, "09:30 - 10:15".to_owned())
            ]
        );
    }

    #[test]
    fn source_line_breaks_are_spaces_as_a_browser_shows_them() {
        // a range written over two source lines is one line of text; items
        // written one per line (styled spans, grid cells) are laid out apart
        let got = blocks(
            "<table><tr><td>09:00 -\n   10:00</td></tr></table>\n<p>Lunch\n\tbreak</p>\
             <div>\n  <span class=\"time\">11:00</span>\n  <span class=\"title\">Talk</span>\n</div>\
             <p><b>Keynote</b>\n<i>Ada</i></p><pre>a\nb</pre>",
        );
        let texts: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts, ["09:00 - 10:00", "Lunch break", "11:00\nTalk", "Keynote Ada", "a\nb"]);
    }

    #[test]
    fn an_end_tag_br_breaks_the_line() {
        let got = blocks("<h3>Keynote</br>LLMs<br/><small>9:35-10:35</small></h3>");
        assert_eq!(got, vec![(Kind::Heading(3), "Keynote\nLLMs\n9:35-10:35".to_owned())]);
    }

    #[test]
    fn struck_and_hidden_text_is_not_read() {
        let got = blocks(
            "<li><strike>May 1</strike> June 5</li><tr style='display: none'><td>x</td></tr>",
        );
        assert_eq!(got, vec![(Kind::Item, "June 5".to_owned())]);
    }

    #[test]
    fn time_elements_show_their_datetime() {
        let got = blocks(
            "<div><time datetime=\"December 07T08:00\"> 08<span>00</span> </time> \
             <time datetime=\"December 07T08:50\">08<span>50</span></time></div><h5>Registration</h5>",
        );
        assert_eq!(got[0], (Kind::Para, "08:00 – 08:50".to_owned()));
    }

    #[test]
    fn blocks_know_their_elements_and_empty_rows_keep_their_place() {
        let mut b = Builder::new();
        feed(
            "<div class=\"row a\"><div class=time>9:00</div><p>Talk<div class=row>Lunch</div>\
             <ul><li>x<li>y</ul><table><tr><td rowspan=2>z</td></tr><tr></tr></table>",
            0,
            &mut b,
        );
        let page = b.finish();
        let paths: Vec<Vec<u32>> =
            page.blocks.iter().map(|b| b.path.iter().map(|n| n.id).collect()).collect();
        // the `<p>` ends where the next `<div>` opens; `<li>`s close each
        // other; the empty row is a row of its own
        assert_eq!(paths[..5], [vec![1, 2], vec![1, 3], vec![1, 4], vec![1, 5, 6], vec![1, 5, 7]]);
        let sig = |b: usize, k: usize| page.blocks[b].path[k].sig;
        assert_eq!(sig(0, 0), sig(2, 1), "both `div.row`");
        assert_ne!(sig(0, 1), sig(1, 1));
        assert_eq!(page.blocks.len(), 7);
        assert_eq!(page.blocks[6].kind, Kind::Row { header: false });
        assert!(page.blocks[6].cells.is_empty());
    }

    #[test]
    fn offsets_point_into_the_file() {
        let html = "<h2>Day 1</h2>\n<table><tr><td>09:00</td><td>Talk</td></tr></table>";
        let mut b = Builder::new();
        feed(html, 100, &mut b);
        let page = b.finish();
        let row = &page.blocks[1];
        assert_eq!(&html[row.cells[1].offset - 100..][..4], "Talk");
    }
}
