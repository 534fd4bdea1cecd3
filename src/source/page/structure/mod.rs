//! Stage 3 of reading a page: the programme's structure.
//!
//! The rendered blocks (`render`) and the tokens in them (`tokens`) become
//! rows: a time as written (its 12/24-hour reading still open), a title,
//! details, a room, and the day the page puts it on as written (a date
//! maybe without its year, `Day 2`, a weekday). Tables are read whole
//! (`tables`): their header names each column's role (time, duration,
//! title, speaker, room, a day, a track) and rowspans make a grid; grids
//! written with `<div>`s are found by their elements and read alike
//! (`grids`). Lists, paragraphs and headings are read line by line
//! (`lines`); what a list item, a heading or a term holds after a row's
//! line is that row's details. Day markers (`days`, tabs of days included)
//! and a room or track named alone govern the rows after them; markers of
//! the end of a day and rows that only group others are marked, rows
//! written twice are one, and a track's rows end where the track goes on
//! (`markers`).
//!
//! Nothing here decides an instant: which year, which zone and which half
//! of the day a time means is the next stage's work (`interpret`), made
//! with the whole page in view.

mod days;
mod grids;
mod lines;
mod markers;
mod tables;

use super::render::blocks::{Block, Kind};
use super::tokens::clock::{self, Clock};
use super::tokens::lexicon::Lexicon;
use super::tokens::zones;

pub(crate) use days::{Day, day_of};
pub(crate) use lines::bare_hours;

/// One row of the programme.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row {
    pub(crate) day: Day,
    pub(crate) start: Clock,
    pub(crate) end: Option<Clock>,
    /// An end stated as a length (`(15 mins)`, a Duration column), in
    /// minutes.
    pub(crate) minutes: Option<u32>,
    pub(crate) title: String,
    pub(crate) details: Vec<String>,
    /// Who presents, from a speaker column (its text as shown).
    pub(crate) presenter: Option<String>,
    /// The room or track, from a Room column or a track's column header.
    pub(crate) room: Option<String>,
    /// The heading of the group of rows it is under (`SESSION 1`).
    pub(crate) section: Option<String>,
    /// Links in the row's cells.
    pub(crate) links: Vec<String>,
    /// Offset of the time in the file.
    pub(crate) offset: usize,
    pub(crate) approximate: bool,
    /// A zone written with the time (`17:00 JST`, a `Time (EDT)` column).
    pub(crate) zone: Option<zones::Phrase>,
    pub(crate) zone_offset: usize,
    /// Only marks an end ("End", "Adjourn"): not a session.
    pub(crate) marker: bool,
    /// Which table or run of lines it comes from.
    pub(crate) region: usize,
    /// The block it was read from.
    pub(crate) block: usize,
}

/// A time mentioned where no row could be made of it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Stray {
    pub(crate) offset: usize,
    pub(crate) why: &'static str,
}

/// What was found.
#[derive(Debug, Default)]
pub(crate) struct Programme {
    pub(crate) rows: Vec<Row>,
    /// Every day marker seen, in order.
    pub(crate) days: Vec<Day>,
    pub(crate) strays: Vec<Stray>,
    /// Blocks whose times were read as rows, markers or a second column of
    /// the same slots: the programme's region, for the coverage check.
    pub(crate) used_blocks: Vec<usize>,
}

/// Words of lines that give a deadline or a page's own date, not the
/// event's.
static DEADLINE_WORDS: Lexicon = Lexicon::new(&[
    "deadline",
    "submission",
    "submit",
    "notification",
    "camera-ready",
    "camera ready",
    "due date",
    "due:",
    "due by",
    "last updated",
    "updated on",
    "posted on",
    "published",
    "updated:",
    "modified",
    "important dates",
    "call for",
    "extended",
    "acceptance",
    "decision",
    "registration closes",
    "registration deadline",
    "abstract due",
    "abstracts due",
    "early bird",
    "early-bird",
    "copyright",
    "©",
]);

/// Whether `text` holds one of [`DEADLINE_WORDS`], in any case: its dates
/// are not the event's date.
pub(crate) fn is_deadline_text(text: &str) -> bool {
    DEADLINE_WORDS.any_in_lowercased(text)
}

/// Labels of lines that state the event's hours, not a session
/// (`Time: 9:00am - 5:00pm ET`).
pub(crate) const HOURS_LABELS: &[&str] = &[
    "time",
    "times",
    "hours",
    "when",
    "date",
    "dates",
    "zeit",
    "uhrzeit",
    "datum",
    "horaire",
    "horaires",
    "heure",
    "heures",
    "hora",
    "horario",
    "horário",
    "data",
    "fecha",
    "ora",
    "orario",
    "tijd",
    "tid",
    "open",
    "opening hours",
    "öffnungszeiten",
    "doors",
    "日時",
    "時間",
    "일시",
    "시간",
    "时间",
];

/// Words of a programme line that is a deadline, not a session.
static DEADLINE_ROW_WORDS: Lexicon = Lexicon::new(&[
    "deadline",
    "submission due",
    "notification",
    "camera-ready",
    "camera ready",
    "due date",
]);

/// A programme line that is a deadline, not a session.
pub(crate) fn is_deadline_row(text: &str) -> bool {
    DEADLINE_ROW_WORDS.any_in_lowercased(text)
}

/// A heading that opens a section of dates or deadlines, not a programme.
fn is_deadline_heading(text: &str) -> bool {
    let t = text.to_lowercase();
    let t = t.trim();
    ["deadline", "important date", "key date", "call for", "submission"]
        .iter()
        .any(|w| t.contains(w))
        || matches!(t, "dates" | "timeline" | "fechas importantes")
}

/// What reading has established so far.
pub(super) struct Context {
    found: Programme,
    /// The day rows fall on until another is named.
    day: Day,
    /// The room or track rows are in until another day or heading.
    room: Option<String>,
    region: usize,
    /// Lists of one track each, or grids of named tracks: a row's end is
    /// the next start in its own track.
    track_regions: std::collections::BTreeSet<usize>,
    /// The page writes rows as `Title 9:00 am - 2:00 pm` in paragraphs.
    titles_first: bool,
}

/// A row as the readers make it, before its place in the programme.
#[derive(Debug, Clone)]
pub(super) struct Draft {
    day: Day,
    start: Clock,
    end: Option<Clock>,
    minutes: Option<u32>,
    title: String,
    details: Vec<String>,
    presenter: Option<String>,
    room: Option<String>,
    section: Option<String>,
    links: Vec<String>,
    offset: usize,
    approximate: bool,
    zone: Option<zones::Phrase>,
    zone_offset: usize,
    block: usize,
}

impl Draft {
    fn new(day: Day, start: Clock, end: Option<Clock>, offset: usize, block: usize) -> Draft {
        Draft {
            day,
            start,
            end,
            minutes: None,
            title: String::new(),
            details: Vec::new(),
            presenter: None,
            room: None,
            section: None,
            links: Vec::new(),
            offset,
            approximate: false,
            zone: None,
            zone_offset: offset,
            block,
        }
    }
}

impl Context {
    /// Adds a row; its index, or none when it has no title (a stray time).
    fn push(&mut self, d: Draft) -> Option<usize> {
        self.found.used_blocks.push(d.block);
        if d.title.is_empty() && d.presenter.is_none() {
            self.found.strays.push(Stray { offset: d.offset, why: "a time with no title" });
            return None;
        }
        self.found.rows.push(Row {
            day: d.day,
            start: d.start,
            end: d.end,
            minutes: d.minutes,
            title: d.title,
            details: d.details,
            presenter: d.presenter,
            room: d.room.or_else(|| {
                if self.room.is_some() {
                    self.track_regions.insert(self.region);
                }
                self.room.clone()
            }),
            section: d.section,
            links: d.links,
            offset: d.offset,
            approximate: d.approximate,
            zone: d.zone,
            zone_offset: d.zone_offset,
            marker: false,
            region: self.region,
            block: d.block,
        });
        Some(self.found.rows.len() - 1)
    }

    /// A new day governs the rows after it.
    fn set_day(&mut self, day: Day) {
        self.found.days.push(day.clone());
        self.day = day;
        self.room = None;
    }
}

/// Reads the blocks.
pub(crate) fn find(blocks: &[Block]) -> Programme {
    let mut cx = Context {
        found: Programme::default(),
        day: Day::Unsaid,
        room: None,
        region: 0,
        track_regions: std::collections::BTreeSet::new(),
        titles_first: lines::titles_first(blocks),
    };
    let mut deadlines = false;
    let grids = grids::find(blocks);
    let mut next_grid = 0;
    let tabs = days::tab_panes(blocks);
    let mut next_tab = 0;
    let mut i = 0;
    while i < blocks.len() {
        let b = &blocks[i];
        let text = b.text();
        while let Some((at, day)) = tabs.get(next_tab)
            && *at <= i
        {
            cx.set_day(day.clone());
            cx.region += 1;
            next_tab += 1;
        }
        if let Kind::Heading(_) = b.kind {
            deadlines = is_deadline_heading(text);
        }
        while grids.get(next_grid).is_some_and(|g| g.blocks.start < i) {
            next_grid += 1;
        }
        if deadlines {
            i += 1;
            continue;
        }
        if let Some(g) = grids.get(next_grid).filter(|g| g.blocks.start == i) {
            grids::read(&mut cx, blocks, g);
            i = g.blocks.end;
            continue;
        }
        if let Kind::Row { .. } = b.kind {
            let end = blocks[i..]
                .iter()
                .position(|n| !matches!(n.kind, Kind::Row { .. }) || n.table != b.table)
                .map_or(blocks.len(), |k| i + k);
            cx.region += 1;
            tables::read(&mut cx, blocks, i..end);
            i = end;
            continue;
        }
        // a day over the rows of its own block (`**Monday 12 March**<br>09:00
        // Talk`): the day, then the rows
        let first_line = text.lines().next().unwrap_or("");
        let rows_below = text.lines().skip(1).any(|l| {
            clock::leading(l).is_some_and(|s| s.range.start <= 2) || lines::leading_day(l).is_some()
        });
        if rows_below && let Some(d) = day_of(first_line, b.offset()) {
            cx.set_day(d);
            i += 1 + lines::read(&mut cx, blocks, i);
            continue;
        }
        // a list item is a day when it holds the day's rows (a nested
        // list); other items that name a day are a list of dates
        if let Some(d) = day_of(text, b.offset())
            && (!matches!(b.kind, Kind::Item) || holds_next(b, blocks.get(i + 1)))
        {
            cx.set_day(d);
            i += 1;
            continue;
        }
        // a room or track named alone heads the rows after it: a
        // programme that lists each track in turn (`Track 2 (Hall A)`)
        if !matches!(b.kind, Kind::Item)
            && let Some(name) = tables::track_name(text)
        {
            cx.room = Some(name);
            cx.region += 1;
            i += 1;
            continue;
        }
        if let Kind::Heading(_) = b.kind {
            cx.room = None;
        }
        if !matches!(blocks.get(i.wrapping_sub(1)).map(|p| p.kind), Some(k) if k == b.kind) {
            cx.region += 1;
        }
        i += 1 + lines::read(&mut cx, blocks, i);
    }
    let mut found = cx.found;
    markers::track_ends(&mut found, &cx.track_regions);
    markers::close(&mut found);
    markers::drop_groups(&mut found);
    markers::dedup(&mut found);
    found.used_blocks.sort_unstable();
    found.used_blocks.dedup();
    found
}

/// Whether the list item block `b` is in holds the block after it.
fn holds_next(b: &Block, next: Option<&Block>) -> bool {
    let Some(item) = b.path.iter().rev().find(|n| n.item) else { return false };
    next.is_some_and(|n| n.path.iter().any(|x| x.id == item.id))
}

/// The title and details in cells or lines other than the time.
fn title_and_details(parts: &[String]) -> (String, Vec<String>) {
    let mut lines: Vec<String> = Vec::new();
    for p in parts {
        for l in p.lines() {
            let l = l.trim().trim_matches(|c: char| matches!(c, '|' | '*' | '_')).trim();
            if !l.is_empty() {
                lines.push(l.to_owned());
            }
        }
    }
    // a title may be a symbol alone (`🍕` for lunch), not punctuation alone
    lines.retain(|l| {
        l.chars().any(|c| {
            c.is_alphanumeric()
                || !(c.is_ascii() || c.is_whitespace() || "–—…·•‑‐’‘“”«»„".contains(c))
        })
    });
    if lines.is_empty() {
        return (String::new(), Vec::new());
    }
    let title = lines.remove(0);
    (title, lines)
}

/// Strips the separators between a time and its title: `: `, ` - `, `|`,
/// and a `(ish)` that says the time is approximate (`16:30(ish): End`).
fn after_time(text: &str) -> &str {
    let text = text.trim_start();
    let text = ["(ish)", "ish", "(approx.)", "(approx)", "(ca.)"]
        .iter()
        .find_map(|w| {
            text.get(..w.len())
                .filter(|head| head.eq_ignore_ascii_case(w))
                .map(|_| &text[w.len()..])
                .filter(|rest| !rest.starts_with(char::is_alphanumeric))
        })
        .unwrap_or(text);
    text.trim_start_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ':' | '-'
                    | '–'
                    | '—'
                    | '|'
                    | '*'
                    | '_'
                    | ')'
                    | ']'
                    | ','
                    | '.'
                    | '»'
                    | '›'
                    | '→'
                    | '·'
                    | '•'
                    | '>'
                    | '='
            )
    })
}

/// A zone written right after a time: `17:00 JST`, `4:00 PM ET`. The text
/// given is what follows the time; a digit stands in for the time so that
/// short abbreviations (`ET`, `PT`) count as written beside one.
fn zone_after(text: &str) -> Option<zones::Phrase> {
    let probe = format!("0 {text}");
    zones::find(&probe).into_iter().find(|z| (2..=5).contains(&z.range.start)).map(|mut z| {
        z.range = z.range.start - 2..z.range.end - 2;
        z
    })
}

/// Separate start and end cells share a 12-hour suffix the way a range does.
fn clock_pair(start: Clock, end: Clock) -> (Clock, Clock) {
    if start.pm.is_none() && end.pm.is_some() && !start.is_24h() {
        let same = Clock { pm: end.pm, ..start };
        if same.time() <= end.time() {
            return (same, end);
        }
        return (Clock { pm: end.pm.map(|p| !p), ..start }, end);
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::page::render::{blocks::Builder, html, markdown};

    fn read(page: &str, is_html: bool) -> Vec<(String, String, Option<String>)> {
        let mut b = Builder::new();
        if is_html {
            html::feed(page, 0, &mut b);
        } else {
            markdown::feed(page, 0, &mut b);
        }
        let f = find(&b.finish().blocks);
        f.rows
            .iter()
            .filter(|r| !r.marker)
            .map(|r| {
                let hm = |c: Clock| c.time().unwrap().format("%H:%M").to_string();
                (r.title.clone(), hm(r.start), r.end.map(hm))
            })
            .collect()
    }

    pub(super) fn rows(md: &str) -> Vec<(String, String, Option<String>)> {
        read(md, false)
    }

    pub(super) fn html_rows(html: &str) -> Vec<(String, String, Option<String>)> {
        read(html, true)
    }

    fn t(title: &str, start: &str, end: Option<&str>) -> (String, String, Option<String>) {
        (title.to_owned(), start.to_owned(), end.map(str::to_owned))
    }

    #[test]
    fn a_day_over_the_rows_of_its_block_or_its_item() {
        let mut b = Builder::new();
        html::feed(
            "<p><b>Monday 12 March</b><br>09:00 Talk<br>10:00 Lunch</p>\
             <ul><li>Tuesday 13 March<ul><li>09:00 Coffee</li></ul></li></ul>\
             <ul><li>Wednesday 14 March: arrival</li><li>Thursday 15 March: talks</li></ul>\
             <p>11:00 Tea</p>",
            0,
            &mut b,
        );
        let f = find(&b.finish().blocks);
        let days: Vec<(&str, u32)> =
            f.rows.iter().map(|r| (r.title.as_str(), r.day.key().3)).collect();
        assert_eq!(days, [("Talk", 12), ("Lunch", 12), ("Coffee", 13), ("Tea", 13)]);
    }

    #[test]
    fn a_track_named_alone_heads_its_rows() {
        let mut b = Builder::new();
        html::feed(
            "<p>Track 1 (Hall)</p><p>11:00 Ada</p><p>14:00 Bob</p>\
             <p>Track 2</p><p>11:00 Cy</p><h2>Social</h2><p>19:00 Dinner</p>",
            0,
            &mut b,
        );
        let f = find(&b.finish().blocks);
        let rooms: Vec<(&str, Option<&str>)> =
            f.rows.iter().map(|r| (r.title.as_str(), r.room.as_deref())).collect();
        assert_eq!(
            rooms,
            [
                ("Ada", Some("Track 1 (Hall)")),
                ("Bob", Some("Track 1 (Hall)")),
                ("Cy", Some("Track 2")),
                ("Dinner", None)
            ]
        );
        assert_ne!(f.rows[1].region, f.rows[2].region, "each track is a list of its own");
    }

    #[test]
    fn lists_tables_and_bold_time_lines() {
        let got = rows(
            "- 18:05 - 18:10: Welcome\n- 18:10 Talk one\n\n| Time (EDT) | What |\n|--|--|\n| 09:00 | Opening |\n| 09:30 | End |\n\n**10:00 – 12:00**\n\n**Check-in**\n",
        );
        assert_eq!(
            got,
            vec![
                t("Welcome", "18:05", Some("18:10")),
                t("Talk one", "18:10", None),
                t("Opening", "09:00", Some("09:30")),
                t("Check-in", "10:00", Some("12:00")),
            ]
        );
    }
}

/// A look at a page's blocks and rows while working on the readers:
/// `SYMCAL_DUMP=page.html cargo test dump -- --ignored --nocapture`.
#[cfg(test)]
mod dump {
    use std::io::Write;

    use super::*;
    use crate::source::page::render::{blocks::Builder, frontmatter, html, markdown};

    #[test]
    #[ignore = "a tool, not a test"]
    fn dump() {
        let Ok(path) = std::env::var("SYMCAL_DUMP") else { return };
        let text = std::fs::read_to_string(&path).expect("a readable page");
        let mut b = Builder::new();
        if path.ends_with(".html") || path.ends_with(".htm") {
            html::feed(&text, 0, &mut b);
        } else {
            let split = frontmatter::split(&text);
            markdown::feed(split.body, split.body_start, &mut b);
        }
        let blocks = b.finish().blocks;
        // a test tool writes to the test's output, not through print macros
        let mut out = std::io::stdout().lock();
        if std::env::var("SYMCAL_BLOCKS").is_ok() {
            for (i, b) in blocks.iter().enumerate() {
                writeln!(out, "[{i}] {:?} t{} {:?}", b.kind, b.table, b.text()).unwrap();
            }
        }
        let f = find(&blocks);
        for r in &f.rows {
            let hm = |c: Clock| c.time().map_or("?".into(), |t| t.format("%H:%M").to_string());
            writeln!(
                out,
                "{:?} {}-{} {}{:?} room={:?} det={:?} reg={} blk={}",
                r.day.key(),
                hm(r.start),
                r.end.map_or("".into(), hm),
                if r.marker { "MARK " } else { "" },
                r.title,
                r.room,
                r.details,
                r.region,
                r.block
            )
            .unwrap();
        }
        for s in &f.strays {
            writeln!(out, "stray {} {}", s.offset, s.why).unwrap();
        }
    }
}
