//! Agenda tables: rows of a Markdown table whose header has a "Time"
//! column, turned into sessions.
//!
//! Real agendas mix several kinds of rows: timed rows; section rows
//! (`||**SESSION 1** |`, `|**EPIMI** ||`) that group sessions but are not
//! sessions; continuation rows with no time (the talks under "Invited
//! talks:") that belong to the row above. Times may be ranges or single
//! starts, `1200`, or 12-hour readings without am/pm (`1:30 - 1:35` in an
//! afternoon workshop). Every inference made here is reported as a note, so
//! `check` shows which rule gave each time.

use std::ops::Range;

use chrono::{NaiveTime, Timelike};

use super::document::{Line, is_web_url, plain_text};
use super::phrases::{self, Clock};
use crate::model::{Person, SessionKind};

/// A cell: its raw Markdown and where it starts in the file.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cell<'a> {
    pub(crate) text: &'a str,
    pub(crate) start: usize,
}

/// One row of an agenda, before times are resolved.
#[derive(Debug, Clone)]
pub(crate) enum Row<'a> {
    /// A row with a time.
    Timed { start: Clock, end: Option<Clock>, time: Range<usize>, cells: Vec<Cell<'a>> },
    /// A heading inside the table, such as `**SESSION 1**`.
    Section(String),
    /// A row with no time: more of the row above.
    Continuation(String),
}

/// Which columns hold what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Columns {
    /// `| Time | Presenter | Title |`
    PresenterTitle { presenter: usize, title: usize },
    /// `| Time | Speaker and Title |`, one cell to split.
    Combined(usize),
}

/// A table with a Time column.
#[derive(Debug)]
pub(crate) struct Table<'a> {
    pub(crate) columns: Columns,
    pub(crate) rows: Vec<Row<'a>>,
}

/// The cells of a table line, without the outer pipes.
fn cells(line: Line<'_>) -> Vec<Cell<'_>> {
    let text = line.text.trim_end();
    let inner = text.trim_start();
    let inner = inner.strip_prefix('|').unwrap_or(inner);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut out = Vec::new();
    let mut from = 0;
    let bytes = inner.as_bytes();
    for i in 0..=bytes.len() {
        if i == bytes.len() || (bytes[i] == b'|' && (i == 0 || bytes[i - 1] != b'\\')) {
            out.push(Cell { text: &inner[from..i], start: line.offset_of(&inner[from..i]) });
            from = i + 1;
        }
    }
    out
}

fn is_separator(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// Every agenda table in `body`: consecutive `|` lines whose header has a
/// cell named "Time".
pub(crate) fn tables<'a>(body: &[Line<'a>]) -> Vec<Table<'a>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < body.len() {
        let header = body[i];
        if !(header.text.trim_start().starts_with('|') && is_separator(body[i + 1].text)) {
            i += 1;
            continue;
        }
        let names: Vec<String> =
            cells(header).iter().map(|c| plain_text(c.text).0.to_lowercase()).collect();
        let Some(time) = names.iter().position(|n| n == "time") else {
            i += 2;
            continue;
        };
        let find = |word: &str| names.iter().position(|n| n.contains(word) && n != "time");
        let columns = match (find("presenter").or_else(|| find("speaker")), find("title")) {
            (Some(p), Some(t)) if p != t => Columns::PresenterTitle { presenter: p, title: t },
            (_, Some(t)) | (Some(t), None) => Columns::Combined(t),
            (None, None) => Columns::Combined(if time == 0 { 1 } else { 0 }),
        };
        let mut rows = Vec::new();
        let mut j = i + 2;
        while j < body.len() && body[j].text.trim_start().starts_with('|') {
            rows.extend(row(body[j], time));
            j += 1;
        }
        out.push(Table { columns, rows });
        i = j;
    }
    out
}

/// An agenda written in raw HTML, as on the 2025-online page: blocks with
/// `<span class="time">`, a `class="title"` element, `class="session"`
/// headings and `<li>` items under a block. Read from the first time to the
/// next Markdown heading.
pub(crate) fn html_table<'a>(body: &[Line<'a>]) -> Option<Table<'a>> {
    let mut rows = Vec::new();
    let mut pending: Option<(Clock, Option<Clock>, Range<usize>)> = None;
    for line in body {
        let t = line.text;
        if !rows.is_empty() && t.trim_start().starts_with('#') {
            break;
        }
        if t.contains("class=\"time\"") {
            pending = phrases::time_range(t, false)
                .map(|r| (r.start, r.end, line.start + r.range.start..line.start + r.range.end));
        } else if t.contains("class=\"title\"") {
            if let Some((start, end, time)) = pending.take() {
                rows.push(Row::Timed {
                    start,
                    end,
                    time,
                    cells: vec![Cell { text: t, start: line.start }],
                });
            }
        } else if t.contains("class=\"session\"") {
            rows.push(Row::Section(plain_text(t).0));
        } else if t.contains("<li") && !rows.is_empty() {
            rows.push(Row::Continuation(plain_text(t).0));
        }
    }
    rows.iter()
        .any(|r| matches!(r, Row::Timed { .. }))
        .then_some(Table { columns: Columns::Combined(0), rows })
}

fn row(line: Line<'_>, time_col: usize) -> Option<Row<'_>> {
    let cells = cells(line);
    let time_cell = cells.get(time_col)?;
    let rest: Vec<String> = cells
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != time_col)
        .map(|(_, c)| plain_text(c.text).0)
        .filter(|t| !t.is_empty())
        .collect();
    match phrases::time_range(time_cell.text, true) {
        Some(t) => Some(Row::Timed {
            start: t.start,
            end: t.end,
            time: time_cell.start + t.range.start..time_cell.start + t.range.end,
            cells,
        }),
        None if rest.is_empty() => None,
        None => {
            let text = rest.join(" — ");
            // a cell that is all bold (`**SESSION 1**`) heads a section
            let raw: Vec<&str> =
                cells.iter().map(|c| c.text.trim()).filter(|t| !t.is_empty()).collect();
            let bold = raw.len() == 1 && raw[0].starts_with("**") && raw[0].ends_with("**");
            Some(if bold { Row::Section(text) } else { Row::Continuation(text) })
        }
    }
}

/// A time read from the agenda, with the rule that decided it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Reading {
    pub(crate) time: NaiveTime,
    /// Set when a 12-hour reading without am/pm was taken as afternoon.
    pub(crate) afternoon_inferred: bool,
}

/// Reads the clocks of a table in order. Readings without am/pm from 1:00
/// to 6:59 are taken as afternoon (nobody schedules a workshop at half past
/// one at night), as is any later reading that would otherwise go back in
/// time past the previous one.
pub(crate) fn read_clocks(clocks: &[Clock]) -> Vec<Option<Reading>> {
    let mut previous: Option<NaiveTime> = None;
    clocks
        .iter()
        .map(|c| {
            let time = c.time()?;
            let mut reading = Reading { time, afternoon_inferred: false };
            if c.pm.is_none() && (1..12).contains(&c.hour) {
                let afternoon = NaiveTime::from_hms_opt(c.hour + 12, c.minute, 0)?;
                let backwards = previous.is_some_and(|p| time < p && afternoon >= p);
                if c.hour <= 6 || backwards {
                    reading = Reading { time: afternoon, afternoon_inferred: true };
                }
            }
            previous = Some(reading.time);
            Some(reading)
        })
        .collect()
}

/// What a row's text says: the title, the presenters, and the kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Content {
    pub(crate) title: String,
    pub(crate) title_tbc: bool,
    pub(crate) presenters: Vec<Person>,
    pub(crate) presenters_tbc: bool,
    pub(crate) kind: SessionKind,
    pub(crate) links: Vec<String>,
}

fn is_tbc(text: &str) -> bool {
    matches!(
        text.trim().to_lowercase().as_str(),
        "tbc" | "tba" | "tbd" | "to be confirmed" | "to be announced"
    )
}

fn is_nobody(text: &str) -> bool {
    text.trim().chars().all(|c| matches!(c, '—' | '–' | '-' | ' '))
}

/// Reads a `| Time | Presenter | Title |` row.
pub(crate) fn presenter_title(presenter: &str, title: &str) -> Content {
    let (presenter, mut links) = plain_text(presenter);
    let (title_text, title_links) = title_without_media_links(title);
    links.extend(title_links);
    links.retain(|u| is_web_url(u));
    let presenters_tbc = is_tbc(&presenter);
    let presenters = if presenters_tbc || is_nobody(&presenter) {
        Vec::new()
    } else {
        people(&presenter, " / ")
    };
    let title_tbc = is_tbc(&title_text);
    let title = if title_tbc { String::new() } else { title_text };
    let kind = kind_of(&title, "");
    Content { title, title_tbc, presenters, presenters_tbc, kind, links }
}

/// Reads a `| Time | Speaker and Title |` cell: `Invited talk 1: Name,
/// Affiliation - Title`, `**Keynote speaker:** Dr. X - Title`, `Name, et
/// al.: Title`, `Panel Discussion: A, B and C`, or just a title.
pub(crate) fn combined(cell: &str) -> Content {
    let (text, mut links) = title_without_media_links(cell);
    links.retain(|u| is_web_url(u));
    let text = text.trim().to_owned();
    let labelled = ["keynote speaker", "keynote", "invited talk", "panel discussion", "panel"]
        .iter()
        .find_map(|label| {
            // ASCII lower-casing keeps byte positions for slicing `text`
            let lower = text.to_ascii_lowercase();
            let rest = lower.strip_prefix(label)?;
            // "Keynote 1:" / "Invited talk 3:" / "Panel Discussion:"
            let colon = rest.find(':')?;
            rest[..colon]
                .trim()
                .chars()
                .all(|c| c.is_ascii_digit())
                .then_some((*label, label.len() + colon + 1))
        });
    let mut content = Content {
        title: text.clone(),
        title_tbc: is_tbc(&text),
        presenters: Vec::new(),
        presenters_tbc: false,
        kind: kind_of(&text, ""),
        links,
    };
    if let Some((label, at)) = labelled {
        let rest = text[at..].trim();
        let label_text = text[..at].trim_end_matches(':').trim().to_owned();
        content.kind = kind_of(&label_text, label);
        if label.starts_with("panel") {
            content.title = label_text;
            content.presenters = people(rest, ", ");
        } else if let Some((who, title)) = rest.split_once(" - ") {
            content.presenters = vec![person_with_affiliation(who)];
            content.title = title.trim().to_owned();
        } else if rest.is_empty() {
            content.title = label_text;
        } else {
            content.presenters = people(rest, ", ");
            content.title = label_text;
        }
        return content;
    }
    if let Some(at) = text.find("et al.") {
        let who = text[..at].trim().trim_end_matches(',').trim();
        let title = text[at + "et al.".len()..].trim_start_matches([':', ' ']).trim();
        if !who.is_empty() && !title.is_empty() {
            content.presenters = vec![Person { name: format!("{who} et al."), affiliation: None }];
            content.title = title.to_owned();
            content.kind = kind_of(title, "");
        }
    } else if let Some(title) = text.strip_suffix(':') {
        content.title = title.trim().to_owned();
    }
    content
}

/// The title's text without trailing media links such as
/// `[(Recording)](…)`, which are kept as links instead.
fn title_without_media_links(cell: &str) -> (String, Vec<String>) {
    let (text, links) = plain_text(cell);
    let mut text = text;
    for word in ["(Recording)", "(Slides)", "(Video)"] {
        if let Some(stripped) = text.strip_suffix(word) {
            text = stripped.trim_end().to_owned();
        }
    }
    (text, links)
}

/// People separated by `sep` (and "and"), each maybe with an affiliation
/// in parentheses. Separators inside parentheses do not split.
fn people(text: &str, sep: &str) -> Vec<Person> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut from = 0;
    let mut skip_to = 0;
    for (i, c) in text.char_indices() {
        if i < skip_to {
            continue;
        }
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        let rest = &text[i..];
        let sep_len = if rest.starts_with(sep) {
            sep.len()
        } else if rest.starts_with(" and ") {
            " and ".len()
        } else {
            0
        };
        if depth == 0 && sep_len > 0 {
            parts.push(&text[from..i]);
            from = i + sep_len;
            skip_to = from;
        }
    }
    parts.push(&text[from..]);
    parts
        .into_iter()
        .map(|p| p.trim().trim_start_matches("and ").trim())
        .filter(|p| !p.is_empty() && !is_nobody(p))
        .map(person)
        .collect()
}

/// `Name (Affiliation)` or `Name`.
fn person(text: &str) -> Person {
    let text = text.trim();
    if let Some(open) = text.find('(')
        && text.ends_with(')')
    {
        let name = text[..open].trim();
        let affiliation = text[open + 1..text.len() - 1].trim();
        if !name.is_empty() {
            return Person {
                name: name.to_owned(),
                affiliation: Some(affiliation.to_owned()).filter(|a| !a.is_empty()),
            };
        }
    }
    Person { name: text.to_owned(), affiliation: None }
}

/// `Name, Affiliation, Country` (the invited-talk style).
fn person_with_affiliation(text: &str) -> Person {
    match text.split_once(", ") {
        Some((name, affiliation)) => Person {
            name: name.trim().to_owned(),
            affiliation: Some(affiliation.trim().to_owned()),
        },
        None => person(text),
    }
}

/// The kind of session a title (or label) describes.
pub(crate) fn kind_of(title: &str, label: &str) -> SessionKind {
    let t = format!("{label} {title}").to_lowercase();
    let has = |w: &str| t.contains(w);
    if has("keynote") {
        SessionKind::Keynote
    } else if has("panel") || has("round table") {
        SessionKind::Panel
    } else if has("arrival") || has("registration") {
        SessionKind::Arrival
    } else if has("break")
        || has("coffee")
        || has("lunch")
        || has("posters/")
        || has("poster session")
    {
        SessionKind::Break
    } else if has("remarks")
        || has("welcome")
        || has("closing")
        || has("opening")
        || has("prize")
        || has("award")
    {
        SessionKind::Ceremony
    } else {
        SessionKind::Talk
    }
}

/// Minutes since midnight, for messages.
pub(crate) fn hhmm(t: NaiveTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::page::document::Document;

    fn names(c: &Content) -> Vec<(&str, Option<&str>)> {
        c.presenters.iter().map(|p| (p.name.as_str(), p.affiliation.as_deref())).collect()
    }

    #[test]
    fn three_column_cells() {
        let c = presenter_title("Enzo Ferrante / Ben Glocker", "Opening remarks");
        assert_eq!(names(&c), [("Enzo Ferrante", None), ("Ben Glocker", None)]);
        assert_eq!(c.kind, SessionKind::Ceremony);
        let c =
            presenter_title("**Rodrigo Echeveste** (CONICET / UNL)", "Fairly (un)certain models");
        assert_eq!(names(&c), [("Rodrigo Echeveste", Some("CONICET / UNL"))]);
        let c = presenter_title("*tbc*", "*tbc*");
        assert!(c.title_tbc && c.presenters_tbc && c.presenters.is_empty());
        let c = presenter_title("—", "Coffee break");
        assert!(c.presenters.is_empty() && !c.presenters_tbc);
        assert_eq!(c.kind, SessionKind::Break);
        let c = presenter_title("Commitee", "Welcome + Intro [(Recording)](https://y.t/1)");
        assert_eq!(
            (c.title.as_str(), c.links.as_slice()),
            ("Welcome + Intro", &["https://y.t/1".to_owned()][..])
        );
    }

    #[test]
    fn combined_cells() {
        let c = combined(
            "Invited talk 1: Amar Kumar, McGill University, Canada - Debiasing Counterfactuals",
        );
        assert_eq!(names(&c), [("Amar Kumar", Some("McGill University, Canada"))]);
        assert_eq!((c.title.as_str(), &c.kind), ("Debiasing Counterfactuals", &SessionKind::Talk));
        let c = combined("**Keynote speaker:** Dr. Xiaoxiao Li - Evaluating Fairness");
        assert_eq!(names(&c), [("Dr. Xiaoxiao Li", None)]);
        assert_eq!((c.title.as_str(), &c.kind), ("Evaluating Fairness", &SessionKind::Keynote));
        let c = combined("Debesh Jha, et al.: Practical and Ethical Considerations");
        assert_eq!(names(&c), [("Debesh Jha et al.", None)]);
        assert_eq!(c.title, "Practical and Ethical Considerations");
        let c = combined("Hartmut Häntze, et al. Sex-based Bias Inherent in the Dice");
        assert_eq!(c.title, "Sex-based Bias Inherent in the Dice");
        let c = combined(
            "**Panel Discussion: Roxana Daneshjou, Mercy Asiedu, Maria Zuluaga and FAIMI organisers**",
        );
        assert_eq!(c.title, "Panel Discussion");
        assert_eq!(c.presenters.len(), 4);
        assert_eq!(c.kind, SessionKind::Panel);
        let c = combined("Panel Discussion: Leo Celi, Ghada Zamzmi, and FAIMI organisers");
        assert_eq!(c.presenters.last().unwrap().name, "FAIMI organisers");
        let c = combined("Invited talks:");
        assert_eq!(c.title, "Invited talks");
        let c = presenter_title("Andy King (King’s College London) / Zoë Ø and Ümit", "x");
        assert_eq!(
            names(&c),
            [("Andy King", Some("King’s College London")), ("Zoë Ø", None), ("Ümit", None)]
        );
        let c = combined("Posters/Coffee");
        assert_eq!(c.kind, SessionKind::Break);
    }

    #[test]
    fn html_agenda_blocks() {
        let text = "x\n<div class=\"block\">\n  <span class=\"time\">14:10</span>\n  <div class=\"title\"><strong>Keynote:</strong> <em>Leo Celi</em> (MIT, USA)</div>\n</div>\n<div class=\"session\">SESSION 2</div>\n<span class=\"time\">15:15</span>\n<div class=\"title\"><strong>Invited Talks</strong></div>\n<ul><li><span>A</span>: <em>T</em></li></ul>\n## Organizers\n<li>not agenda</li>\n";
        let doc = Document::parse(text);
        let table = html_table(&doc.body).unwrap();
        assert_eq!(table.rows.len(), 4);
        let Row::Timed { cells, .. } = &table.rows[0] else { panic!() };
        let c = combined(cells[0].text);
        assert_eq!(
            (c.title.as_str(), names(&c)),
            ("Keynote", vec![("Leo Celi", Some("MIT, USA"))])
        );
        assert!(matches!(&table.rows[3], Row::Continuation(t) if t == "A: T"));
    }

    #[test]
    fn afternoon_readings() {
        let clock = |h, m| Clock { hour: h, minute: m, ..Clock::default() };
        let r = read_clocks(&[clock(1, 30), clock(5, 50), clock(6, 0)]);
        assert!(r.iter().all(|r| r.unwrap().afternoon_inferred));
        assert_eq!(r[0].unwrap().time, NaiveTime::from_hms_opt(13, 30, 0).unwrap());
        let r = read_clocks(&[clock(10, 30), clock(11, 45), clock(12, 0), clock(1, 0)]);
        assert!(!r[0].unwrap().afternoon_inferred && !r[2].unwrap().afternoon_inferred);
        assert_eq!(r[3].unwrap().time, NaiveTime::from_hms_opt(13, 0, 0).unwrap());
        let r = read_clocks(&[clock(8, 0), clock(10, 0)]);
        assert!(r.iter().all(|r| !r.unwrap().afternoon_inferred));
    }

    #[test]
    fn finds_tables_sections_and_continuations() {
        let text = "x\n | Time | Speaker and Title |\n |------|-------- |\n | 14:00 | Opening Remarks | \n ||**SESSION 1** |\n | 14:10 | Invited talks: | \n |       | A talk, Someone, Somewhere | \n";
        let doc = Document::parse(text);
        let t = tables(&doc.body);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].columns, Columns::Combined(1));
        let kinds: Vec<&str> = t[0]
            .rows
            .iter()
            .map(|r| match r {
                Row::Timed { .. } => "timed",
                Row::Section(_) => "section",
                Row::Continuation(_) => "more",
            })
            .collect();
        assert_eq!(kinds, ["timed", "section", "timed", "more"]);
    }
}
