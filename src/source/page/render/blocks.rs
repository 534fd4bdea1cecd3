//! A page as a browser shows it: blocks of visible text (headings,
//! paragraphs, list items, table rows with their cells, definition terms),
//! each with the byte offset in the file where it starts.
//!
//! Markdown (`markdown.rs`) and HTML (`html.rs`) both drive one
//! [`Builder`] with the same small vocabulary of tags, so the reader that
//! looks for a programme sees one shape whatever the page was written in.
//! What a browser does not show is not here: comments, scripts, styles,
//! struck-through text, hidden elements and template code (`{{ … }}`,
//! `{% … %}`). JSON-LD scripts are kept apart, as structured data.

/// What kind of block it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `<h1>`…`<h6>`, `#`…`######`: the level.
    Heading(u8),
    /// A paragraph, `<div>` or any other flow text.
    Para,
    /// A list item.
    Item,
    /// A table row; `header` when every cell is a `<th>` or it sits in `<thead>`.
    Row { header: bool },
    /// A table caption.
    Caption,
    /// A definition term (`<dt>`).
    Term,
    /// A definition (`<dd>`).
    Definition,
}

/// One cell of a row (other blocks have one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cell {
    /// Visible text; line breaks (`<br>`, soft breaks, nested blocks) as `\n`.
    pub(crate) text: String,
    /// Offset of the cell's first visible character in the file.
    pub(crate) offset: usize,
    /// How many columns it spans.
    pub(crate) colspan: usize,
    /// How many rows it spans (`rowspan`): a session over several time
    /// rows of a grid.
    pub(crate) rowspan: usize,
    /// The links in it (`href`s, Markdown link targets), in order.
    pub(crate) links: Vec<String>,
    /// All its text is bold (`**SESSION 1**`): it heads what follows.
    pub(crate) strong: bool,
    /// Visible characters written outside bold, while it is built.
    plain: usize,
}

impl Cell {
    /// A cell of one column and one row.
    pub(crate) fn new(text: String, offset: usize) -> Cell {
        Cell { text, offset, colspan: 1, rowspan: 1, links: Vec::new(), strong: false, plain: 0 }
    }
}

/// One element around a block: which element it is (numbered in the
/// order elements open) and its kind (tag and first class: `div.row`), so
/// that the reader can tell sibling elements laid out alike (the rows and
/// cells of a grid written in `<div>`s) from one element's parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Node {
    pub(crate) id: u32,
    /// Elements of one tag and first class share it.
    pub(crate) sig: u32,
    /// It has a class: its kind was named by the page's author.
    pub(crate) classed: bool,
    /// A list item or a definition (`<li>`, `<dd>`): what it holds belongs
    /// to its first line.
    pub(crate) item: bool,
}

/// A block of visible text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    pub(crate) kind: Kind,
    pub(crate) cells: Vec<Cell>,
    /// Which table a row belongs to (rows of one table share it).
    pub(crate) table: usize,
    /// The block-level elements it sits in, outermost first, ending with
    /// its own (empty for blocks made by a reader, not from a page).
    pub(crate) path: Vec<Node>,
    /// The cells' text joined with ` | `, made once.
    joined: String,
    /// Where it starts when it has no cells (an empty table row).
    at: usize,
}

impl Block {
    pub(crate) fn new(kind: Kind, cells: Vec<Cell>, table: usize) -> Block {
        let mut joined = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                joined.push_str(" | ");
            }
            joined.push_str(&c.text);
        }
        let at = cells.first().map_or(0, |c| c.offset);
        Block { kind, cells, table, path: Vec::new(), joined, at }
    }

    /// The block's text, cells joined with ` | `.
    pub(crate) fn text(&self) -> &str {
        &self.joined
    }

    /// Where the block starts in the file.
    pub(crate) fn offset(&self) -> usize {
        self.cells.first().map_or(self.at, |c| c.offset)
    }
}

/// The page's blocks, and what it carries besides visible text.
#[derive(Debug, Default)]
pub(crate) struct Page {
    pub(crate) blocks: Vec<Block>,
    /// `<title>` of an HTML page.
    pub(crate) title: Option<(String, usize)>,
    /// The text of each `application/ld+json` script, with its offset.
    pub(crate) json_ld: Vec<(String, usize)>,
    /// Machine-readable dates of elements (`<time datetime>`, microdata
    /// `startDate`, h-event `dt-start`), with their offsets.
    pub(crate) machine_dates: Vec<(String, usize)>,
    /// Every link of the visible page (`href`, Markdown link target), with
    /// the offset of the element or text that carries it.
    pub(crate) links: Vec<(String, usize)>,
    /// What the page says of itself to link previews (`og:title`,
    /// `og:site_name`, `description`): (property, content, offset).
    pub(crate) meta: Vec<(String, String, usize)>,
}

/// Tags the front ends speak, by their HTML names.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    page: Page,
    /// Text of the block being built.
    cells: Vec<Cell>,
    kind: Option<Kind>,
    /// Open `<tr>`: cells go to it until it closes.
    in_row: bool,
    row_header: bool,
    in_thead: bool,
    table: usize,
    /// The element whose text is not shown, and how deep it nests in itself.
    hide: Option<(String, usize)>,
    /// Open `<title>`.
    in_title: bool,
    title: String,
    title_at: usize,
    /// Open JSON-LD script.
    json_ld: Option<(String, usize)>,
    /// Inside a `<time>` whose `datetime` gave the text shown.
    in_time: bool,
    /// Cell text length right after the last `</time>`.
    after_time: Option<usize>,
    /// Open `<pre>`-like elements: their source line breaks are shown.
    pre: usize,
    /// Whitespace with a source line break between two elements, not yet
    /// shown: a line break before an element laid out apart, else a space.
    pending_break: Option<usize>,
    /// Open bold elements (`<b>`, `<strong>`, `**`).
    strong: usize,
    /// Links met before the cell that shows them has any text.
    pending_links: Vec<String>,
    /// The open block-level elements, outermost first, with their tags.
    open: Vec<(Node, String)>,
    /// How many elements have opened.
    opened: u32,
    /// The kinds of element seen (`div.row`), numbered in order of first
    /// sight; only looked up, never iterated.
    sigs: std::collections::HashMap<String, u32>,
    /// The elements around the block being built, from its first text.
    block_path: Option<Vec<Node>>,
    /// Where the open `<tr>` starts.
    row_at: usize,
}

/// Elements that start a block of their own.
fn block_kind(tag: &str) -> Option<Kind> {
    Some(match tag {
        "h1" => Kind::Heading(1),
        "h2" => Kind::Heading(2),
        "h3" => Kind::Heading(3),
        "h4" => Kind::Heading(4),
        "h5" => Kind::Heading(5),
        "h6" => Kind::Heading(6),
        "li" => Kind::Item,
        "dt" => Kind::Term,
        "dd" => Kind::Definition,
        "caption" => Kind::Caption,
        "p" | "div" | "section" | "article" | "header" | "footer" | "main" | "aside" | "nav"
        | "blockquote" | "pre" | "ul" | "ol" | "dl" | "table" | "tbody" | "form" | "figure"
        | "figcaption" | "center" | "address" | "details" | "summary" | "hr" | "body" => Kind::Para,
        _ => return None,
    })
}

/// Elements whose nesting the blocks record: those laid out as blocks.
fn is_tracked(tag: &str) -> bool {
    block_kind(tag).is_some() || matches!(tag, "tr" | "td" | "th" | "thead" | "tfoot")
}

/// Elements that never close.
pub(crate) fn is_void(tag: &str) -> bool {
    matches!(
        tag,
        "br" | "img"
            | "input"
            | "meta"
            | "link"
            | "hr"
            | "wbr"
            | "source"
            | "col"
            | "area"
            | "embed"
            | "param"
            | "track"
            | "base"
    )
}

/// A template tag that opens a tab with a title: `{% tab title="X" %}`
/// (GitBook, Liquid), `{{< tab "X" >}}`, `{{< tab name="X" >}}` (Hugo):
/// the tag's range and the title's.
fn tab_tag(text: &str) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    let mut from = 0;
    while let Some(i) = text[from..].find('{').map(|i| from + i) {
        from = i + 1;
        let rest = &text[i..];
        let (open, close) = if rest.starts_with("{%") {
            ("{%", "%}")
        } else if rest.starts_with("{{<") {
            ("{{<", ">}}")
        } else if rest.starts_with("{{%") {
            ("{{%", "%}}")
        } else {
            continue;
        };
        let Some(end) = rest[open.len()..].find(close).map(|e| e + open.len()) else { continue };
        let inner = &rest[open.len()..end];
        let body = inner.trim_start_matches(['-', ' ']);
        let Some(args) = body.strip_prefix("tab ").or_else(|| body.strip_prefix("tab\t")) else {
            continue;
        };
        // the first quoted value: `title="X"`, `name="X"`, or `"X"` alone
        let Some(q) = args.find(['"', '\'']) else { continue };
        let quote = if args[q..].starts_with('"') { '"' } else { '\'' };
        let Some(len) = args[q + 1..].find(quote) else { continue };
        let title_at = i + open.len() + (inner.len() - body.len()) + 4 + q + 1;
        return Some((i..i + end + close.len(), title_at..title_at + len));
    }
    None
}

/// Inline (phrasing) elements: their text flows with the words around them.
fn is_phrasing(tag: &str) -> bool {
    matches!(
        tag,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "cite"
            | "code"
            | "data"
            | "dfn"
            | "em"
            | "i"
            | "kbd"
            | "mark"
            | "q"
            | "samp"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "var"
            | "font"
            | "label"
            | "img"
    )
}

/// Elements whose content a reader never sees as text.
fn is_hidden(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "template"
            | "noscript"
            | "svg"
            | "iframe"
            | "object"
            | "del"
            | "s"
            | "strike"
            | "select"
            | "head"
    )
}

impl Builder {
    pub(crate) fn new() -> Builder {
        Builder::default()
    }

    /// An element opens. `hidden` says its attributes hide it
    /// (`hidden`, `display:none`).
    pub(crate) fn open(&mut self, tag: &str, class: &str, colspan: usize, hidden: bool, at: usize) {
        if tag == "title" {
            // inside `<head>`, which hides everything else
            self.in_title = true;
            self.title_at = at;
            return;
        }
        if let Some((name, depth)) = &mut self.hide {
            // `</head>` is optional: the body ends it
            if name == "head" && tag == "body" {
                self.hide = None;
            } else {
                if name == tag {
                    *depth += 1;
                }
                return;
            }
        }
        if (hidden || is_hidden(tag)) && !is_void(tag) {
            self.hide = Some((tag.to_owned(), 1));
            return;
        }
        if is_tracked(tag) && !is_void(tag) {
            self.enter(tag, class);
        }
        if matches!(tag, "pre" | "textarea" | "listing") {
            self.pre += 1;
        }
        if matches!(tag, "b" | "strong") {
            self.strong += 1;
        }
        if let Some(at) = self.pending_break.take() {
            // elements written one per source line, each a grid item or a
            // styled span, are laid out apart; words and inline markup flow
            let styled_span = tag == "span" && !class.trim().is_empty();
            if is_phrasing(tag) && !styled_span {
                self.text(" ", at);
            } else {
                self.newline();
            }
        }
        match tag {
            "br" => self.newline(),
            "table" => {
                self.flush();
                self.table += 1;
            }
            "thead" => self.in_thead = true,
            "tbody" | "tfoot" => self.in_thead = false,
            "tr" => {
                self.flush();
                self.in_row = true;
                self.row_header = true;
                self.row_at = at;
                self.block_path = Some(self.path());
            }
            "td" | "th" => {
                if !self.in_row {
                    self.flush();
                    self.in_row = true;
                    self.row_header = true;
                    self.row_at = at;
                    self.block_path = Some(self.path());
                }
                if tag == "td" && !self.in_thead {
                    self.row_header = false;
                }
                let mut cell = Cell::new(String::new(), at);
                cell.colspan = colspan.max(1);
                self.cells.push(cell);
            }
            // a styled inline element (`<span class="time">`) is laid out
            // apart from its neighbours: its text must not glue to theirs
            "span" if !class.trim().is_empty() => {
                if self
                    .cells
                    .last()
                    .is_some_and(|c| !c.text.is_empty() && !c.text.ends_with(char::is_whitespace))
                {
                    self.text(" ", at);
                }
            }
            _ => {
                if let Some(kind) = block_kind(tag) {
                    if self.in_row {
                        // blocks inside a cell are lines of that cell
                        self.newline();
                    } else {
                        self.flush();
                        self.kind = Some(kind);
                    }
                }
            }
        }
    }

    /// An element closes.
    pub(crate) fn close(&mut self, tag: &str) {
        if self.in_title && tag == "title" {
            self.in_title = false;
            let t = collapse(&self.title);
            if !t.is_empty() && self.page.title.is_none() {
                self.page.title = Some((t, self.title_at));
            }
            return;
        }
        if let Some((name, depth)) = &mut self.hide {
            if name == tag {
                *depth -= 1;
                if *depth == 0 {
                    self.hide = None;
                }
            }
            return;
        }
        if matches!(tag, "pre" | "textarea" | "listing") {
            self.pre = self.pre.saturating_sub(1);
        }
        if matches!(tag, "b" | "strong") {
            self.strong = self.strong.saturating_sub(1);
        }
        match tag {
            "tr" => {
                self.flush();
            }
            "thead" => self.in_thead = false,
            "td" | "th" => {}
            "table" => {
                self.flush();
            }
            _ => {
                if block_kind(tag).is_some() {
                    if self.in_row {
                        self.newline();
                    } else {
                        self.flush();
                    }
                }
            }
        }
        if is_tracked(tag) {
            self.leave(tag);
        }
    }

    /// A tracked element opens: elements it closes by opening (a `<p>`
    /// before a block, an `<li>` before the next) leave first.
    fn enter(&mut self, tag: &str, class: &str) {
        let top = self.open.last().map(|(_, t)| t.as_str());
        if top == Some("p") {
            self.open.pop();
        }
        let closes: &[&str] = match tag {
            "li" => &["li"],
            "dt" | "dd" => &["dt", "dd"],
            "tr" => &["tr"],
            "td" | "th" => &["td", "th"],
            _ => &[],
        };
        let scope: &[&str] = match tag {
            "li" => &["ul", "ol", "menu"],
            "dt" | "dd" => &["dl"],
            "tr" => &["table", "tbody", "thead", "tfoot"],
            "td" | "th" => &["tr", "table"],
            _ => &[],
        };
        if let Some(k) = self.open.iter().rposition(|(_, t)| closes.contains(&t.as_str()))
            && !self.open[k..].iter().any(|(_, t)| scope.contains(&t.as_str()))
        {
            self.open.truncate(k);
        }
        let first_class = class.split_whitespace().next().unwrap_or("");
        let key = format!("{tag}.{first_class}");
        let next = u32::try_from(self.sigs.len()).unwrap_or(u32::MAX);
        let sig = *self.sigs.entry(key).or_insert(next);
        self.opened += 1;
        let classed = !first_class.is_empty();
        let item = matches!(tag, "li" | "dd");
        self.open.push((Node { id: self.opened, sig, classed, item }, tag.to_owned()));
    }

    /// A tracked element closes, and the elements left open inside it.
    fn leave(&mut self, tag: &str) {
        if let Some(k) = self.open.iter().rposition(|(_, t)| t == tag) {
            self.open.truncate(k);
        }
    }

    /// The open elements, outermost first.
    fn path(&self) -> Vec<Node> {
        self.open.iter().map(|(n, _)| *n).collect()
    }

    /// A tab's title (`{% tab title="Mon 28 Oct" %}`, `<TabItem
    /// label="Day 2">`): the generator shows it as the tab's heading.
    pub(crate) fn tab(&mut self, title: &str, at: usize) {
        if self.in_row || self.hide.is_some() || title.trim().is_empty() {
            return;
        }
        self.flush();
        self.kind = Some(Kind::Heading(6));
        self.text(title, at);
        self.flush();
    }

    /// The cell just opened spans `rows` rows.
    pub(crate) fn rowspan(&mut self, rows: usize) {
        if self.in_row
            && self.hide.is_none()
            && let Some(c) = self.cells.last_mut()
        {
            c.rowspan = rows.clamp(1, 500);
        }
    }

    /// Visible text at `at`.
    pub(crate) fn text(&mut self, text: &str, at: usize) {
        if !self.in_row
            && (text.contains("{%") || text.contains("{{"))
            && let Some((tag, title)) = tab_tag(text)
        {
            self.text(&text[..tag.start], at);
            self.tab(&text[title.clone()], at + title.start);
            return self.text(&text[tag.end..], at + tag.end);
        }
        if self.in_title {
            self.title.push_str(text);
            return;
        }
        if let Some((s, _)) = &mut self.json_ld {
            s.push_str(text);
            return;
        }
        if self.hide.is_some() || self.in_time {
            return;
        }
        if self.cells.is_empty() {
            if text.trim().is_empty() {
                return;
            }
            self.cells.push(Cell::new(String::new(), at));
        }
        if self.block_path.is_none() && !text.trim().is_empty() {
            self.block_path = Some(self.path());
        }
        let cell = self.cells.last_mut().expect("a cell");
        if cell.text.trim().is_empty() {
            // the block starts where its first visible character is
            let lead = text.len() - text.trim_start().len();
            cell.offset = at + lead;
        }
        cell.text.push_str(text);
        if self.strong == 0 {
            cell.plain += text.chars().filter(|c| c.is_alphanumeric()).count();
        }
        cell.links.append(&mut self.pending_links);
    }

    /// Text of an HTML source at `at`: a browser shows its line breaks and
    /// tabs as spaces (only `<pre>` keeps them), so a range written over
    /// two source lines (`09:00 -⏎ 10:00`) stays one line of text.
    pub(crate) fn source_text(&mut self, text: &str, at: usize) {
        if self.pre > 0 || !text.contains(['\n', '\r', '\t', '\x0c']) {
            return self.text(text, at);
        }
        if text.trim().is_empty() && text.contains('\n') {
            self.pending_break = Some(at);
            return;
        }
        if let Some(p) = self.pending_break.take() {
            self.text(" ", p);
        }
        // one byte for one byte, so offsets into the file stay right
        let shown = text.replace(['\n', '\r', '\t', '\x0c'], " ");
        self.text(&shown, at);
    }

    /// A line break inside the current block.
    pub(crate) fn newline(&mut self) {
        if let Some(cell) = self.cells.last_mut() {
            cell.text.push('\n');
        }
    }

    /// A link opens: its target belongs to the cell being built and to
    /// the page.
    pub(crate) fn link(&mut self, url: &str, at: usize) {
        if self.hide.is_some() || self.in_title || url.trim().is_empty() {
            return;
        }
        let url = url.trim().to_owned();
        self.page.links.push((url.clone(), at));
        match self.cells.last_mut() {
            Some(c) => c.links.push(url),
            None => self.pending_links.push(url),
        }
    }

    /// A `<meta>` the page gives link previews (`og:title`, `description`).
    pub(crate) fn meta(&mut self, property: &str, content: &str, at: usize) {
        self.page.meta.push((property.to_owned(), content.to_owned(), at));
    }

    /// A machine-readable date of an element.
    pub(crate) fn machine_date(&mut self, value: &str, at: usize) {
        self.page.machine_dates.push((value.to_owned(), at));
    }

    /// A `<time datetime="…T08:00">` shows its clock time as `08:00`
    /// whatever its text (`08<span>00</span>`); two in a row are a range.
    pub(crate) fn open_time(&mut self, clock: &str, at: usize) {
        if self.hide.is_some() {
            return;
        }
        let follows = self.after_time.is_some_and(|len| {
            self.cells
                .last()
                .is_some_and(|c| c.text.len() >= len && c.text[len..].trim().is_empty())
        });
        self.text(if follows { " – " } else { " " }, at);
        self.text(clock, at);
        self.in_time = true;
    }

    /// The `<time>` opened by `open_time` closes.
    pub(crate) fn close_time(&mut self) {
        if self.in_time {
            self.in_time = false;
            self.after_time = self.cells.last().map(|c| c.text.len());
        }
    }

    /// A JSON-LD script opens at `at`; its text goes to structured data.
    pub(crate) fn open_json_ld(&mut self, at: usize) {
        self.json_ld = Some((String::new(), at));
    }

    /// The JSON-LD script closes.
    pub(crate) fn close_json_ld(&mut self) {
        if let Some(j) = self.json_ld.take() {
            self.page.json_ld.push(j);
        }
    }

    /// Ends the block being built, keeping it if it shows any text.
    pub(crate) fn flush(&mut self) {
        let kind = if self.in_row {
            Kind::Row { header: self.row_header }
        } else {
            self.kind.unwrap_or(Kind::Para)
        };
        let mut cells = std::mem::take(&mut self.cells);
        for c in &mut cells {
            c.text = clean(&c.text);
            c.strong = c.plain == 0 && c.text.chars().any(char::is_alphanumeric);
        }
        self.pending_links.clear();
        let path = self.block_path.take().unwrap_or_default();
        if cells.iter().any(|c| !c.text.is_empty()) {
            let mut block = Block::new(kind, cells, self.table);
            block.path = path;
            self.page.blocks.push(block);
        } else if self.in_row {
            // a row with nothing to show still takes its place in the
            // table: cells above it span into it (`<tr></tr>` under a
            // `rowspan`)
            let mut block = Block::new(Kind::Row { header: false }, cells, self.table);
            block.path = path;
            block.at = self.row_at;
            self.page.blocks.push(block);
        }
        self.in_row = false;
        self.kind = None;
        self.after_time = None;
        self.pending_break = None;
    }

    pub(crate) fn finish(mut self) -> Page {
        self.flush();
        self.page
    }
}

/// Template code (`{{ … }}`, `{% … %}`) shows nothing, whitespace runs are
/// one space, and each line is trimmed.
fn clean(text: &str) -> String {
    // every template opens with `{`: most cells have none, and one line
    let stripped;
    let text = if text.contains('{') {
        stripped = strip_templates(text);
        &stripped
    } else {
        text
    };
    if !text.contains('\n') {
        return collapse(text);
    }
    // the non-empty lines, collapsed, joined by newlines
    let mut out = String::with_capacity(text.len());
    for line in text.split('\n') {
        let l = collapse(line);
        if !l.is_empty() {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&l);
        }
    }
    out
}

/// Whitespace runs (including no-break spaces) as one space, trimmed.
pub(crate) fn collapse(text: &str) -> String {
    // printable ASCII with single spaces inside (most text) is its own
    // collapsed form
    let b = text.as_bytes();
    if b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && b.iter().all(|&c| (b' '..=b'~').contains(&c))
        && !b.windows(2).any(|w| w == b"  ")
    {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        // U+240D (a visible "CR" symbol) and other controls copied from
        // editors are not text a reader sees as content
        if c.is_whitespace() || c == '\u{a0}' || c.is_control() || c == '\u{240d}' {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// Template code and kramdown's attribute lists (`{: .class}`), which a
/// generator consumes and never shows.
fn strip_templates(text: &str) -> String {
    if !text.contains("{{") && !text.contains("{%") && !text.contains("{:") {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let next = [rest.find("{{"), rest.find("{%"), rest.find("{:")].into_iter().flatten().min();
        let Some(i) = next else {
            out.push_str(rest);
            break;
        };
        out.push_str(&rest[..i]);
        let close = if rest[i..].starts_with("{{") {
            "}}"
        } else if rest[i..].starts_with("{%") {
            "%}"
        } else {
            "}"
        };
        match rest[i + 2..].find(close) {
            Some(j) => rest = &rest[i + 2 + j + close.len()..],
            // `{:` with no `}` is text, not an attribute list
            None if close == "}" => {
                out.push_str(&rest[i..]);
                break;
            }
            None => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_cleaned_line_by_line() {
        assert_eq!(collapse("plain text, one space"), "plain text, one space");
        assert_eq!(collapse(" a  b\u{a0}c\t"), "a b c");
        assert_eq!(collapse("a\u{7f}b ~"), "a b ~");
        assert_eq!(collapse(""), "");
        assert_eq!(clean("one line"), "one line");
        assert_eq!(clean(" a \n\n b  c \n"), "a\nb c");
        assert_eq!(clean("x {{ site.y }} z\n{% if %}"), "x z");
        assert_eq!(clean("{: .class}"), "");
        assert_eq!(clean("set {a, b}"), "set {a, b}");
    }

    #[test]
    fn templates_and_whitespace_are_not_text() {
        assert_eq!(clean("**{{ site.day }} at {{ site.time }}**"), "** at **");
        assert_eq!(clean("  a \u{a0} b\n\n c {% if x %}d"), "a b\nc d");
    }

    #[test]
    fn tab_titles_are_headings() {
        let mut b = Builder::new();
        b.open("p", "", 1, false, 0);
        let text = "{% tabs %}\n{% tab title=\"Mon 28 Oct\" %}\nVenue: Hall\n{% endtab %}";
        b.text(text, 10);
        b.close("p");
        b.open("p", "", 1, false, 100);
        b.text("{{< tab \"Day 2\" >}} Talks", 100);
        let page = b.finish();
        let got: Vec<(Kind, &str, usize)> =
            page.blocks.iter().map(|b| (b.kind, b.text(), b.offset())).collect();
        assert_eq!(
            got,
            [
                (Kind::Heading(6), "Mon 28 Oct", 10 + text.find("Mon").unwrap()),
                (Kind::Para, "Venue: Hall", 10 + text.find("Venue").unwrap()),
                (Kind::Heading(6), "Day 2", 109),
                (Kind::Para, "Talks", 120),
            ]
        );
    }

    #[test]
    fn cells_make_rows_and_blocks_inside_cells_make_lines() {
        let mut b = Builder::new();
        b.open("table", "", 1, false, 0);
        b.open("tr", "", 1, false, 1);
        b.open("td", "", 1, false, 2);
        b.text("09:00", 3);
        b.open("td", "", 1, false, 10);
        b.open("p", "", 1, false, 11);
        b.text("Talk", 12);
        b.close("p");
        b.open("p", "", 1, false, 20);
        b.text("Speaker", 21);
        b.close("tr");
        b.open("h2", "", 1, false, 40);
        b.text("Day 2", 41);
        let page = b.finish();
        assert_eq!(page.blocks.len(), 2);
        assert_eq!(page.blocks[0].kind, Kind::Row { header: false });
        assert_eq!(page.blocks[0].cells[1].text, "Talk\nSpeaker");
        assert_eq!((page.blocks[1].kind, page.blocks[1].offset()), (Kind::Heading(2), 41));
    }
}
