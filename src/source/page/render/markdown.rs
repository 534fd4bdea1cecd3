//! Markdown through pulldown-cmark (CommonMark with GitHub tables and
//! strikethrough), its offset iterator giving each piece's place in the
//! file. Raw HTML blocks and inline HTML go through `html.rs` into the same
//! [`Builder`], so a table written in HTML inside a Markdown page reads like
//! one written in pipes.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::blocks::Builder;
use super::{html, kramdown};

/// Feeds the Markdown body `text`, which starts at byte `base` of the file.
pub(crate) fn feed(text: &str, base: usize, builder: &mut Builder) {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    // consecutive raw HTML pieces are one fragment: a comment or a table may
    // span many lines, each its own event
    let mut pending: Option<Range<usize>> = None;
    let mut in_head = false;
    // an indented code block: kramdown (Jekyll) keeps indented HTML after a
    // blank line as HTML where CommonMark makes it code, so markup in one
    // is read as HTML
    let mut code: Option<(Range<usize>, bool)> = None;
    // inside a paragraph already read as a kramdown table
    let mut in_table_paragraph = false;
    let flush = |pending: &mut Option<Range<usize>>, builder: &mut Builder| {
        if let Some(r) = pending.take() {
            let fragment = &text[r.clone()];
            match markdown_after_html(fragment) {
                // kramdown ends an HTML block where its element closes: the
                // lines after it are Markdown again
                Some(cut) => {
                    html::feed(&fragment[..cut], base + r.start, builder);
                    feed(&fragment[cut..], base + r.start + cut, builder);
                }
                None => html::feed(fragment, base + r.start, builder),
            }
        }
    };
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        if let Event::Html(_) | Event::InlineHtml(_) = event {
            match &mut pending {
                Some(r) if r.end <= range.start && text[r.end..range.start].trim().is_empty() => {
                    r.end = range.end
                }
                Some(_) => {
                    flush(&mut pending, builder);
                    pending = Some(range);
                }
                None => pending = Some(range),
            }
            continue;
        }
        flush(&mut pending, builder);
        let at = base + range.start;
        if in_table_paragraph {
            if let Event::End(TagEnd::Paragraph) = event {
                in_table_paragraph = false;
            }
            continue;
        }
        if let Event::Start(Tag::Paragraph) = event
            && let Some(table) = kramdown::table(&text[range.clone()])
        {
            in_table_paragraph = true;
            pipe_table(text, base, range.start, &table, builder);
            continue;
        }
        if let Some((r, _)) = &mut code {
            match event {
                Event::End(TagEnd::CodeBlock) => {
                    let (r, _) = code.take().expect("open");
                    let body = &text[r.clone()];
                    if body.trim_start().starts_with('<') {
                        html::feed(body, base + r.start, builder);
                    } else {
                        builder.open("pre", "", 1, false, base + r.start);
                        builder.text(body, base + r.start);
                        builder.close("pre");
                    }
                }
                _ => {
                    r.end = r.end.max(range.end);
                }
            }
            continue;
        }
        if let Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Indented)) = event {
            code = Some((range.start..range.start, true));
            continue;
        }
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => builder.open(&format!("{level}"), "", 1, false, at),
                Tag::Paragraph => builder.open("p", "", 1, false, at),
                Tag::Item => builder.open("li", "", 1, false, at),
                Tag::Table(_) => builder.open("table", "", 1, false, at),
                Tag::TableHead => {
                    in_head = true;
                    builder.open("thead", "", 1, false, at);
                    builder.open("tr", "", 1, false, at);
                }
                Tag::TableRow => builder.open("tr", "", 1, false, at),
                Tag::TableCell => builder.open(if in_head { "th" } else { "td" }, "", 1, false, at),
                Tag::Strikethrough => builder.open("del", "", 1, false, at),
                Tag::Strong => builder.open("strong", "", 1, false, at),
                Tag::Link { dest_url, .. } => builder.link(&dest_url, at),
                // a list is a `<ul>`/`<ol>`, so the items of a nested list
                // sit inside the item that holds it
                Tag::List(first) => {
                    builder.open(if first.is_some() { "ol" } else { "ul" }, "", 1, false, at)
                }
                Tag::CodeBlock(_) | Tag::BlockQuote(_) => builder.open("div", "", 1, false, at),
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::Heading(level) => builder.close(&format!("{level}")),
                TagEnd::Paragraph => builder.close("p"),
                TagEnd::Item => builder.close("li"),
                TagEnd::Table => builder.close("table"),
                TagEnd::TableHead => {
                    in_head = false;
                    builder.close("tr");
                    builder.close("thead");
                }
                TagEnd::TableRow => builder.close("tr"),
                TagEnd::Strikethrough => builder.close("del"),
                TagEnd::Strong => builder.close("strong"),
                TagEnd::List(ordered) => builder.close(if ordered { "ol" } else { "ul" }),
                TagEnd::CodeBlock | TagEnd::BlockQuote(_) => builder.close("div"),
                _ => {}
            },
            Event::Text(t) | Event::Code(t) => builder.text(&t, at),
            Event::SoftBreak | Event::HardBreak => builder.newline(),
            Event::Rule => builder.open("hr", "", 1, false, at),
            _ => {}
        }
    }
    flush(&mut pending, builder);
}

/// Where Markdown resumes inside a raw HTML block: CommonMark runs an HTML
/// block to the next blank line, but kramdown (Jekyll) ends it where its
/// elements close, so `</ul>` followed by `* 15:00 Break` on the next line
/// is a list item there. The offset of the first line after the elements
/// have closed that starts like a Markdown block, if any.
fn markdown_after_html(fragment: &str) -> Option<usize> {
    if !fragment.trim_start().starts_with('<') {
        return None;
    }
    let mut depth: i32 = 0;
    let mut at = 0;
    let mut comment = false;
    for line in fragment.split_inclusive('\n') {
        // inside a comment nothing is Markdown
        if comment || line.contains("<!--") {
            let open = line.rfind("<!--");
            let close = line.rfind("-->");
            comment = match (open, close) {
                (Some(o), Some(c)) => o > c,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => comment,
            };
            at += line.len();
            continue;
        }
        let t = line.trim_start();
        let markdown = t.starts_with("* ")
            || t.starts_with("- ")
            || t.starts_with("+ ")
            || t.starts_with('#')
            || t.starts_with('|')
            || t.split_once(". ").is_some_and(|(n, _)| {
                !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit())
            });
        if at > 0 && depth <= 0 && markdown {
            return Some(at);
        }
        let mut rest = line;
        while let Some(i) = rest.find('<') {
            rest = &rest[i + 1..];
            let closing = rest.starts_with('/');
            let name: String = rest
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            if name.is_empty() || super::blocks::is_void(&name) {
                continue;
            }
            let end = rest.find('>').unwrap_or(rest.len());
            if closing {
                depth -= 1;
            } else if !rest[..end].ends_with('/') {
                depth += 1;
            }
        }
        at += line.len();
    }
    None
}

/// A kramdown table found in the paragraph at `start` of `text`: the text
/// above it as a paragraph, then its rows, each cell read as Markdown.
fn pipe_table(
    text: &str,
    base: usize,
    start: usize,
    table: &kramdown::Table,
    builder: &mut Builder,
) {
    let before = start + table.before.start..start + table.before.end;
    if !text[before.clone()].trim().is_empty() {
        feed(&text[before.clone()], base + before.start, builder);
    }
    let first = table.rows.first().and_then(|r| r.first()).map_or(start, |c| start + c.start);
    builder.open("table", "", 1, false, base + first);
    for (i, row) in table.rows.iter().enumerate() {
        let header = i < table.header_rows;
        let row_at = row.first().map_or(first, |c| start + c.start);
        builder.open("tr", "", 1, false, base + row_at);
        for cell in row {
            let cell = start + cell.start..start + cell.end;
            builder.open(if header { "th" } else { "td" }, "", 1, false, base + cell.start);
            feed(&text[cell.clone()], base + cell.start, builder);
        }
        builder.close("tr");
    }
    builder.close("table");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::page::blocks::Kind;

    fn blocks(md: &str) -> Vec<(Kind, String)> {
        let mut b = Builder::new();
        feed(md, 0, &mut b);
        b.finish().blocks.into_iter().map(|b| (b.kind, b.text().to_owned())).collect()
    }

    #[test]
    fn tables_headings_and_inline_html() {
        let got = blocks(
            "## Day 1\n\n| Time (EDT) | Talk |\n|---|---|\n| 09:00 | **Opening** |\n\n\
             **Date**: 15<sup>th</sup> December 2024\n<!--\n| 10:00 | hidden |\n-->\n",
        );
        assert_eq!(
            got,
            vec![
                (Kind::Heading(2), "Day 1".to_owned()),
                (Kind::Row { header: true }, "Time (EDT) | Talk".to_owned()),
                (Kind::Row { header: false }, "09:00 | Opening".to_owned()),
                (Kind::Para, "Date: 15th December 2024".to_owned()),
            ]
        );
    }

    #[test]
    fn markdown_resumes_where_an_html_block_closes() {
        let got = blocks("<ul>\n<li>Ada</li>\n</ul>\n* 15:00 Break\n* 15:30 Session 3\n");
        let texts: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts, ["Ada", "15:00 Break", "15:30 Session 3"]);
    }

    #[test]
    fn kramdown_tables_are_tables() {
        let got = blocks(
            "Intro\n\n| **Time (KST)**{: .h5} | Talk |\n|---|\n| 09:00 | *Opening* |\n| 09:30 | Keynote\n\nAfter\n",
        );
        assert_eq!(
            got,
            vec![
                (Kind::Para, "Intro".to_owned()),
                (Kind::Row { header: true }, "Time (KST) | Talk".to_owned()),
                (Kind::Row { header: false }, "09:00 | Opening".to_owned()),
                (Kind::Row { header: false }, "09:30 | Keynote".to_owned()),
                (Kind::Para, "After".to_owned()),
            ]
        );
    }

    #[test]
    fn cells_keep_their_links_and_whether_they_are_bold() {
        let mut b = Builder::new();
        feed(
            "| Time | Talk |\n|--|--|\n||**SESSION 1** |\n| 14:00 | Ada [(Slides)](https://x.org/s) <a href=\"mailto:a@b.c\">a@b.c</a> |\n",
            0,
            &mut b,
        );
        let page = b.finish();
        let session = &page.blocks[1];
        assert!(session.cells.iter().any(|c| c.strong && c.text == "SESSION 1"));
        let talk = &page.blocks[2].cells[1];
        assert!(!talk.strong);
        assert_eq!(talk.links, ["https://x.org/s", "mailto:a@b.c"]);
        assert_eq!(page.links.len(), 2);
    }

    #[test]
    fn an_html_table_inside_markdown_is_a_table() {
        let got = blocks(
            "Intro\n\n<table>\n<tr><th colspan=2>2023-06-07</th></tr>\n<tr><td>08:00</td><td>Registration</td></tr>\n</table>\n",
        );
        assert_eq!(got[1], (Kind::Row { header: true }, "2023-06-07".to_owned()));
        assert_eq!(got[2], (Kind::Row { header: false }, "08:00 | Registration".to_owned()));
    }
}
