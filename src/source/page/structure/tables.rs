//! Tables, read whole: the header names each column's role, rowspans and
//! colspans make a grid, and every body row with a time is a row of the
//! programme (or one per day or track column it fills).
//!
//! A column's role comes from its header in the languages pages are
//! written in (`Time`, `Horário`, `Uhrzeit`, `時間`; `Speaker`, `Orateur`;
//! `Room`, `Salle`; `Duration`; `Title`, `Thema`), from dates or weekdays in
//! the header (one column per day), or from names of rooms and tracks (one
//! column per track: parallel sessions). A table with no header is read
//! by what its cells hold.

use std::collections::BTreeMap;
use std::ops::Range;

use super::super::render::blocks::{Block, Cell, Kind};
use super::super::tokens::{clock, dates, zones};
use super::{
    Context, Day, Draft, after_time, clock_pair, day_of, is_deadline_row, title_and_details,
    zone_after,
};

/// What a column holds, by its header.
#[derive(Debug, Clone, PartialEq)]
enum Role {
    Time,
    Start,
    End,
    Duration,
    Date,
    Title,
    Presenter,
    Room,
    /// Text worth keeping but not a title (an affiliation, a chair).
    Detail,
    /// Not part of the session's text (slides, video, links).
    Skip,
    /// One day's sessions.
    Day(Day),
    /// One track's (room's) sessions.
    Track(String),
}

/// Header words of each role, lower case, accents as written. A header
/// cell takes the role of the first of its words found here.
const ROLE_WORDS: &[(&str, &[&str])] = &[
    (
        "time",
        &[
            "time",
            "times",
            "hour",
            "hours",
            "hora",
            "horas",
            "horario",
            "horário",
            "heure",
            "heures",
            "horaire",
            "horaires",
            "zeit",
            "uhrzeit",
            "ora",
            "orario",
            "tijd",
            "tid",
            "kl",
            "klokkeslett",
            "klokkeslæt",
            "tidspunkt",
            "czas",
            "godzina",
            "время",
            "saat",
            "時間",
            "時刻",
            "시간",
            "时间",
            "slot",
            "when",
            "horaires",
        ],
    ),
    ("start", &["start", "starts", "begin", "beginn", "início", "inicio", "début", "from", "von"]),
    ("end", &["end", "ends", "fim", "fin", "ende", "until", "to", "bis", "hasta"]),
    (
        "duration",
        &[
            "duration",
            "length",
            "dur",
            "min",
            "mins",
            "minutes",
            "durée",
            "dauer",
            "duración",
            "durata",
            "duur",
            "varighet",
            "所要時間",
            "소요시간",
        ],
    ),
    (
        "date",
        &[
            "date", "dates", "day", "datum", "fecha", "data", "jour", "tag", "día", "giorno",
            "日付", "날짜", "tarih",
        ],
    ),
    (
        "title",
        &[
            "title",
            "titles",
            "topic",
            "topics",
            "talk",
            "talks",
            "session",
            "sessions",
            "event",
            "events",
            "activity",
            "activities",
            "programme",
            "program",
            "agenda",
            "what",
            "subject",
            "content",
            "contents",
            "description",
            "titre",
            "sujet",
            "thème",
            "titel",
            "thema",
            "vortrag",
            "programm",
            "inhalt",
            "título",
            "titulo",
            "tema",
            "actividad",
            "atividade",
            "palestra",
            "evento",
            "titolo",
            "attività",
            "onderwerp",
            "programma",
            "演題",
            "タイトル",
            "内容",
            "題目",
            "제목",
            "내용",
            "세션",
            "主题",
            "內容",
            "议程",
            "aktivitet",
            "innhold",
            "beskrivelse",
            "temat",
        ],
    ),
    (
        "presenter",
        &[
            "speaker",
            "speakers",
            "presenter",
            "presenters",
            "who",
            "by",
            "lecturer",
            "lecturers",
            "instructor",
            "instructors",
            "teacher",
            "teachers",
            "facilitator",
            "facilitators",
            "orateur",
            "orateurs",
            "intervenant",
            "intervenants",
            "conférencier",
            "conférenciers",
            "referent",
            "referenten",
            "referentin",
            "sprecher",
            "vortragende",
            "ponente",
            "ponentes",
            "palestrante",
            "palestrantes",
            "relatore",
            "relatori",
            "spreker",
            "sprekers",
            "発表者",
            "講演者",
            "登壇者",
            "연사",
            "발표자",
            "演讲者",
            "讲者",
            "foredragsholder",
            "talare",
            "prelegent",
            "докладчик",
            "konuşmacı",
            "nom",
            "name",
            "names",
        ],
    ),
    (
        "room",
        &[
            "room",
            "rooms",
            "location",
            "venue",
            "where",
            "hall",
            "salle",
            "lieu",
            "raum",
            "ort",
            "saal",
            "sala",
            "aula",
            "zaal",
            "lokale",
            "rom",
            "会場",
            "장소",
            "会议室",
            "place",
        ],
    ),
    (
        "detail",
        &[
            "affiliation",
            "affiliations",
            "institution",
            "organisation",
            "organization",
            "company",
            "chair",
            "chairs",
            "moderator",
            "moderators",
            "host",
            "hosts",
            "type",
            "format",
            "language",
            "level",
            "statut",
            "status",
            "empresa",
            "instituição",
        ],
    ),
    (
        "skip",
        &[
            "slides",
            "video",
            "videos",
            "recording",
            "recordings",
            "links",
            "link",
            "materials",
            "pdf",
            "notes",
        ],
    ),
];

/// Words that name a room or a track in a column header: the column is
/// one track's sessions (`Room A`, `Track 2`, `Sala Azul`, `Trilha 1`).
const TRACK_WORDS: &[&str] = &[
    "room",
    "track",
    "hall",
    "stage",
    "auditorium",
    "theatre",
    "theater",
    "salle",
    "sala",
    "saal",
    "raum",
    "trilha",
    "trilho",
    "aula",
    "zaal",
    "amphi",
    "amphitheatre",
    "amphithéâtre",
    "auditório",
    "auditorio",
    "ballroom",
    "lab",
    "lecture",
    "studio",
    "arena",
    "lounge",
    "室",
    "룸",
    "홀",
    "트랙",
    "오디토리움",
    "会場",
    "ホール",
    "教室",
];

/// A short text that names a room or a track (`Track 2 (Hall A)`, `Room
/// B`, `Salle 3`): the name, when it heads the rows after it.
pub(super) fn track_name(text: &str) -> Option<String> {
    if text.chars().count() > 60 || text.lines().count() > 2 {
        return None;
    }
    match role_of(text, 0)? {
        Role::Track(_) => Some(text.replace('\n', " ")),
        _ => None,
    }
}

/// The role a header cell gives its column.
fn role_of(text: &str, offset: usize) -> Option<Role> {
    let first = text.lines().next().unwrap_or("").trim();
    if first.is_empty() {
        return None;
    }
    if let Some(d) = day_of(&text.replace('\n', " "), offset) {
        return Some(Role::Day(d));
    }
    let lower = first.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    // a room or a track by name (`Room A`, `Track 2`): one track's sessions
    let short = words.len() <= 4;
    if short
        && words.first().is_some_and(|w| TRACK_WORDS.iter().any(|t| w.contains(t)))
        && words.len() > 1
    {
        return Some(Role::Track(first.to_owned()));
    }
    for w in words.iter().take(3) {
        for (role, list) in ROLE_WORDS {
            if list.contains(w)
                || (w.chars().all(|c| !c.is_ascii()) && list.iter().any(|l| w.contains(l)))
            {
                return Some(match *role {
                    "time" => Role::Time,
                    "start" => Role::Start,
                    "end" => Role::End,
                    "duration" => Role::Duration,
                    "date" => Role::Date,
                    "title" => Role::Title,
                    "presenter" => Role::Presenter,
                    "room" => Role::Room,
                    "detail" => Role::Detail,
                    _ => Role::Skip,
                });
            }
        }
    }
    if short && words.len() == 1 && TRACK_WORDS.iter().any(|t| words[0] == *t) {
        return Some(Role::Track(first.to_owned()));
    }
    None
}

/// Where a cell sits in the table's grid: (cell index, first column,
/// columns spanned).
type Slot = (usize, usize, usize);

/// Where each cell of a row sits in the table's grid: (cell index, first
/// column, columns spanned). Cells of rows above that span into this row
/// (`rowspan`) hold their columns.
fn grid(blocks: &[Block], rows: &Range<usize>) -> Vec<Vec<(usize, usize, usize)>> {
    let mut carry: Vec<usize> = Vec::new();
    let mut out = Vec::with_capacity(rows.len());
    for b in &blocks[rows.clone()] {
        let mut col = 0;
        let mut slots = Vec::with_capacity(b.cells.len());
        for (ci, cell) in b.cells.iter().enumerate() {
            while carry.get(col).is_some_and(|&c| c > 0) {
                col += 1;
            }
            let span = cell.colspan.max(1);
            if carry.len() < col + span {
                carry.resize(col + span, 0);
            }
            for c in &mut carry[col..col + span] {
                // this row's own cell counts for this row too; it is taken
                // off below with the others
                *c = cell.rowspan.max(1);
            }
            slots.push((ci, col, span));
            col += span;
        }
        for c in &mut carry {
            *c = c.saturating_sub(1);
        }
        out.push(slots);
    }
    out
}

/// The time cell of a row: the index of a cell that is a time (or range)
/// and little else, and the span read from it.
fn time_cell(
    block: &Block,
    time_col: Option<usize>,
    slots: &[(usize, usize, usize)],
) -> Option<(usize, clock::Span)> {
    let candidates: Vec<usize> = match time_col {
        // the Time column first, then any cell
        Some(col) => slots
            .iter()
            .filter(|s| s.1 <= col && col < s.1 + s.2)
            .map(|s| s.0)
            .chain(0..block.cells.len())
            .collect(),
        None => (0..block.cells.len()).collect(),
    };
    let candidates_first = candidates.first().copied().unwrap_or(0);
    for i in candidates {
        let c = &block.cells[i];
        let first = c.text.lines().next().unwrap_or("");
        // `1200` in a column headed Time is noon, as `0800` anywhere is 8:00
        if time_col.is_some()
            && i == candidates_first
            && let Some(span) = hhmm(first)
        {
            return Some((i, span));
        }
        if let Some(s) = clock::leading(first) {
            let rest = after_time(&first[s.range.end..]);
            // a time cell may carry a zone (`17:00 JST`) but not a sentence,
            // unless it is the first cell (`09:00 Opening` in one cell)
            let short = rest.split_whitespace().count() <= 2 || zone_after(rest).is_some();
            if i == 0 || short || c.text.lines().count() > 1 {
                return Some((i, s));
            }
        }
    }
    None
}

/// `1200`, `0930`: four digits alone, a time on the 24-hour clock.
fn hhmm(text: &str) -> Option<clock::Span> {
    let t = text.trim();
    let b = t.as_bytes();
    if b.len() != 4 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let (hour, minute) = (
        u32::from(b[0] - b'0') * 10 + u32::from(b[1] - b'0'),
        u32::from(b[2] - b'0') * 10 + u32::from(b[3] - b'0'),
    );
    if hour > 23 || minute > 59 {
        return None;
    }
    let start = clock::Clock { hour, minute, padded: true, ..clock::Clock::default() };
    let at = text.find(t).unwrap_or(0);
    Some(clock::Span {
        start,
        end: None,
        range: at..at + 4,
        approximate: false,
        dotted: false,
        bare: true,
    })
}

/// `08:45 09:00`: a second time right after the first, with nothing but
/// space between, is the end.
fn second_time(text: &str, span: &clock::Span) -> Option<(clock::Clock, usize)> {
    if span.end.is_some() {
        return None;
    }
    let rest = &text[span.range.end..];
    let gap = rest.len() - rest.trim_start().len();
    if gap == 0 || rest[..gap].contains('\n') {
        return None;
    }
    let e = clock::leading(rest.trim_start())?;
    if e.end.is_some() || e.range.start != 0 {
        return None;
    }
    Some((e.start, span.range.end + gap + e.range.end))
}

/// A cell that is only a time, maybe with a zone: the same slot in
/// another zone (`9:00 AM PST | 12:00 PM EST | Talk`), not a title.
fn only_time(t: &str) -> bool {
    clock::leading(t).is_some_and(|s| {
        let rest = after_time(&t[s.range.end..]);
        rest.is_empty()
            || zone_after(rest)
                .is_some_and(|z| z.range.start == 0 && rest[z.range.end..].trim().is_empty())
    })
}

/// A room's or track's code as programmes write it in a cell of its own:
/// a letter or two and a number (`V3`, `W1`, `H2`, `HS 1` is a name, not a
/// code). Never a title: no real session is called `V3`.
fn is_room_code(text: &str) -> bool {
    let t = text.trim();
    let letters = t.chars().take_while(char::is_ascii_uppercase).count();
    let digits = t.chars().skip(letters).take_while(char::is_ascii_digit).count();
    (1..=2).contains(&letters) && (1..=3).contains(&digits) && letters + digits == t.chars().count()
}

/// A cell that is only a length: `15 min`, `(2 hours)`, `45'`.
fn only_minutes(t: &str) -> Option<u32> {
    let inner = t.trim().trim_start_matches('(').trim_end_matches(')').trim();
    let lower = inner.to_lowercase();
    let digits: String = lower.chars().take_while(|c| c.is_ascii_digit()).collect();
    let n: u32 = digits.parse().ok()?;
    let unit = lower[digits.len()..].trim().trim_end_matches('.');
    let minutes = match unit {
        "'" | "min" | "mins" | "minute" | "minutes" | "minuten" | "minutos" | "minuti" | "分"
        | "분" => n,
        "h" | "hr" | "hrs" | "hour" | "hours" | "stunde" | "stunden" | "std" | "hora" | "horas"
        | "heure" | "heures" | "時間" | "시간" => n * 60,
        _ => return None,
    };
    (1..=12 * 60).contains(&minutes).then_some(minutes)
}

/// One row of a cell that holds its own timed lines.
#[derive(Debug, Clone)]
struct LineRow {
    span: clock::Span,
    title: String,
    details: Vec<String>,
    zone: Option<zones::Phrase>,
}

/// A line of a cell that opens with a time: the time, the zone written
/// with it, and the text after them (empty for a time alone, `14.00 – …`
/// and `7.30 – 18.00/19.00` included).
fn time_line(line: &str) -> Option<(clock::Span, Option<zones::Phrase>, &str)> {
    let s = clock::leading(line)?;
    // a date that reads like a dotted time (`12.06.2023`) is a date
    if s.range.start > 3
        || dates::find(line).first().is_some_and(|p| p.range.start <= s.range.start)
    {
        return None;
    }
    let after = &line[s.range.end..];
    let zone = zone_after(after);
    let rest = match &zone {
        Some(z) => after_time(&after[z.range.end..]),
        None => after_time(after),
    };
    let rest = if rest.chars().any(char::is_alphabetic) { rest } else { "" };
    Some((s, zone, rest))
}

/// A cell's own rows. A cell may list its sessions as lines that open
/// with their time (`09:00 - 09:15 Uhr Registrierung`, or `09:00` over
/// its title), the lines above the first time naming what they are part
/// of; or give each title with its time on the line below
/// (`Registration<br>8.00 – 9.30`). Returns the heading and the rows.
fn cell_rows(text: &str) -> (Option<String>, Vec<LineRow>) {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    // each line's time, read once
    let mut times = Vec::with_capacity(lines.len());
    for l in &lines {
        times.push(time_line(l));
    }
    let first_time = times.iter().position(Option::is_some);
    let Some(first_time) = first_time else { return (None, Vec::new()) };
    // titles above their times: the first time is alone on its line, under
    // text
    let after_layout = first_time > 0 && times[first_time].as_ref().is_some_and(|t| t.2.is_empty());
    let mut rows: Vec<LineRow> = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    let mut heading = None;
    for (k, (line, time)) in lines.iter().zip(times).enumerate() {
        if let Some((span, zone, rest)) = time {
            let mut row = LineRow { span, title: rest.to_owned(), details: Vec::new(), zone };
            if after_layout && rest.is_empty() && !pending.is_empty() {
                row.title = pending.remove(0);
                row.details = std::mem::take(&mut pending);
            }
            rows.push(row);
            continue;
        }
        let line = (*line).to_owned();
        match rows.last_mut() {
            None if !after_layout && k < first_time => {
                heading = Some(heading.map_or(line.clone(), |h: String| format!("{h} {line}")));
            }
            Some(r) if r.title.is_empty() => r.title = line,
            Some(r) if !after_layout => r.details.push(line),
            _ => pending.push(line),
        }
    }
    // lines after the last time, titles above times: the last row's
    if let Some(r) = rows.last_mut() {
        r.details.append(&mut pending);
    }
    (heading, rows)
}

/// What the table's header says of its columns.
#[derive(Debug, Default, Clone)]
struct Columns {
    /// Role by grid column.
    roles: Vec<Option<Role>>,
    /// A zone in the header (`Time (EDT)`), with its offset.
    zone: Option<(zones::Phrase, usize)>,
}

impl Columns {
    fn role(&self, col: usize, span: usize) -> Option<&Role> {
        (col..col + span).find_map(|c| self.roles.get(c).and_then(Option::as_ref))
    }

    fn col_of(&self, want: &Role) -> Option<usize> {
        self.roles.iter().position(|r| r.as_ref() == Some(want))
    }

    fn has_days(&self) -> bool {
        self.roles.iter().filter(|r| matches!(r, Some(Role::Day(_)))).count() >= 2
    }

    fn has_tracks(&self) -> bool {
        self.roles.iter().filter(|r| matches!(r, Some(Role::Track(_)))).count() >= 2
    }

    /// Reads a header row into the columns; whether it was one. A header
    /// with a single day among its roles (`SÁBADO 19/10 | Trilha 1 |
    /// Trilha 2`) dates the whole table: that day is returned in `day`.
    fn header(
        &mut self,
        b: &Block,
        slots: &[(usize, usize, usize)],
        forced: bool,
        day: &mut Option<Day>,
    ) -> bool {
        let mut roles: Vec<(usize, usize, Option<Role>)> = slots
            .iter()
            .map(|&(ci, col, span)| (col, span, role_of(&b.cells[ci].text, b.cells[ci].offset)))
            .collect();
        let days = roles.iter().filter(|r| matches!(r.2, Some(Role::Day(_)))).count();
        let known = roles.iter().filter(|r| r.2.is_some()).count();
        let filled = b.cells.iter().filter(|c| !c.text.trim().is_empty()).count();
        if days == 1 && known >= 2 {
            for r in &mut roles {
                if let Some(Role::Day(d)) = &r.2 {
                    *day = Some(d.clone());
                    r.2 = None;
                }
            }
        }
        let days = if day.is_some() { 0 } else { days };
        // a header names roles for most of its cells, or days for two
        // (one bold cell such as `SESSION 1` heads rows; it names no columns)
        let is_header = days >= 2
            || (days == 0 && known >= 1 && (forced || (filled >= 2 && known * 2 >= filled)));
        if !is_header {
            return false;
        }
        let width = slots.last().map_or(0, |s| s.1 + s.2);
        if self.roles.len() < width {
            self.roles.resize(width, None);
        }
        for (col, span, role) in roles {
            let Some(role) = role else { continue };
            for slot in self.roles.iter_mut().skip(col).take(span) {
                // a second header row only fills what the first left open,
                // or dates columns the first only numbered (`Day 1`)
                let numbered = matches!(slot, Some(Role::Day(Day::Number(..))));
                let dated = matches!(role, Role::Day(Day::Date(..)));
                if slot.is_none() || (numbered && dated) {
                    *slot = Some(role.clone());
                }
            }
        }
        if let Some(z) = zones::find(b.text()).into_iter().find(|z| !z.aoe) {
            self.zone = Some((z, b.offset()));
        }
        true
    }

    /// The days of the day columns.
    fn days(&self) -> impl Iterator<Item = &Day> {
        self.roles.iter().filter_map(|r| match r {
            Some(Role::Day(d)) => Some(d),
            _ => None,
        })
    }
}

/// A row under a time cell that spans rows (`<td rowspan=2>10:00</td>`)
/// has that time too: the row with the cell standing in its column, and
/// the row's grid slots. `None` when the row has a time of its own
/// (`has_time`, its [`time_cell`] without a Time column), or no cell
/// spans into it.
fn with_spanning_time(
    b: &Block,
    slots: &[Slot],
    has_time: bool,
    spanning: Option<&(Cell, usize, usize)>,
) -> Option<(Block, Vec<Slot>)> {
    let (cell, col, _) = spanning?;
    if has_time || slots.iter().any(|s| s.1 <= *col && *col < s.1 + s.2) {
        return None;
    }
    let at = slots.iter().position(|s| s.1 > *col).unwrap_or(slots.len());
    let mut cells = b.cells.clone();
    let mut stand_in = cell.clone();
    stand_in.rowspan = 1;
    cells.insert(at, stand_in);
    let mut new_slots: Vec<Slot> =
        slots.iter().map(|&(ci, c, w)| (if ci >= at { ci + 1 } else { ci }, c, w)).collect();
    new_slots.insert(at, (at, *col, cell.colspan.max(1)));
    let mut row = Block::new(b.kind, cells, b.table);
    row.path.clone_from(&b.path);
    Some((row, new_slots))
}

/// Where a table row is, for the readers of its parts.
struct RowAt<'a> {
    /// The block its rows are read from.
    block: usize,
    slots: &'a [(usize, usize, usize)],
    section: &'a Option<String>,
}

/// A row whose cells hold their own timed lines (a `<ul>` of `09:00 -
/// 09:15 Uhr Registrierung` items, or `Registration<br>8.00 – 9.30` in a
/// table of day columns): each line is a row, with the row's other cells
/// as context (a day cell dates them, a day or track column places them).
/// With a time cell of its own, a row needs a cell of two timed lines at
/// least (one line under a time is a detail of that row). Returns the
/// index of the last row made, if the row was read so.
fn read_lists(
    cx: &mut Context,
    b: &Block,
    at: &RowAt<'_>,
    columns: &Columns,
    time: Option<&(usize, clock::Span)>,
) -> Option<usize> {
    let mut lists: Vec<(usize, Option<String>, Vec<LineRow>)> = Vec::new();
    for (k, c) in b.cells.iter().enumerate() {
        let (heading, rows) = cell_rows(&c.text);
        let titled = rows.iter().all(|r| !r.title.is_empty());
        let enough = if time.is_some() { 2 } else { 1 };
        if rows.len() >= enough && titled {
            lists.push((k, heading, rows));
        }
    }
    if lists.is_empty() {
        return None;
    }
    // a cell that is a day dates the rows
    let mut row_day = cx.day.clone();
    for (k, c) in b.cells.iter().enumerate() {
        if lists.iter().all(|l| l.0 != k)
            && let Some(d) = day_of(&c.text, c.offset)
        {
            cx.found.days.push(d.clone());
            row_day = d;
        }
    }
    let slot_of = |ci: usize| at.slots.iter().find(|s| s.0 == ci).copied();
    let group_end = time.and_then(|(_, s)| s.end);
    let mut last = None;
    for (k, heading, rows) in lists {
        let c = &b.cells[k];
        let (day, room) = match slot_of(k).and_then(|s| columns.role(s.1, s.2)) {
            Some(Role::Day(d)) => (d.clone(), None),
            Some(Role::Track(t)) => (row_day.clone(), Some(t.clone())),
            _ => (row_day.clone(), None),
        };
        let n = rows.len();
        for (j, r) in rows.into_iter().enumerate() {
            if is_deadline_row(&r.title) {
                continue;
            }
            let mut d = Draft::new(day.clone(), r.span.start, r.span.end, c.offset, at.block);
            d.approximate = r.span.approximate;
            d.zone = r.zone;
            if d.zone.is_none()
                && let Some((z, z_at)) = &columns.zone
            {
                (d.zone, d.zone_offset) = (Some(z.clone()), *z_at);
            }
            d.section = heading.clone().or_else(|| at.section.clone());
            d.room = room.clone();
            // the last line of a timed block ends with the block
            if j + 1 == n
                && d.end.is_none()
                && let Some(e) = group_end
                && d.start.time().zip(e.time()).is_some_and(|(s, e)| s < e)
            {
                d.end = Some(e);
            }
            (d.title, d.details, d.links) = (r.title, r.details, c.links.clone());
            cx.push(d);
            last = Some(cx.found.rows.len().saturating_sub(1));
        }
    }
    last
}

/// Reads the rows `rows` of one table.
pub(super) fn read(cx: &mut Context, blocks: &[Block], rows: Range<usize>) {
    let made = cx.found.rows.len();
    read_impl(cx, blocks, rows.clone(), None);
    if cx.found.rows.len() == made {
        lengths_from_a_start(cx, blocks, &rows);
    }
}

/// A table of lengths and no times (`Duration | Activity`, `5 mins |
/// Welcome`) right under a line that states when it starts (`**2:30 PM, 16
/// July | Bella Center**`, read as a row of its own): each row starts
/// where the one above it ends, from that start. The start's line was the
/// start, not a session.
fn lengths_from_a_start(cx: &mut Context, blocks: &[Block], rows: &Range<usize>) {
    let body: Vec<&Block> = blocks[rows.clone()]
        .iter()
        .filter(|b| {
            !matches!(b.kind, Kind::Row { header: true })
                && b.cells.iter().any(|c| !c.text.trim().is_empty())
        })
        .collect();
    // each row's length and the cell that gives it
    let Some(lengths) = body
        .iter()
        .map(|b| b.cells.iter().enumerate().find_map(|(k, c)| Some((k, only_minutes(&c.text)?))))
        .collect::<Option<Vec<(usize, u32)>>>()
    else {
        return;
    };
    if body.len() < 3 {
        return;
    }
    // the start: the last row read, from one of the few blocks above
    let Some(first) = blocks.get(rows.start) else { return };
    let Some(above) = cx.found.rows.last() else { return };
    let near = cx.found.used_blocks.last().is_some_and(|&u| u < rows.start && u + 3 >= rows.start);
    if !near || above.end.is_some() || above.minutes.is_some() || above.offset >= first.offset() {
        return;
    }
    let Some(mut at) =
        above.start.time().map(|t| chrono::Timelike::num_seconds_from_midnight(&t) / 60)
    else {
        return;
    };
    // a programme that would run past midnight is not this shape
    if at + lengths.iter().map(|l| l.1).sum::<u32>() > 24 * 60 {
        return;
    }
    let (start, day, zone) = (above.start, above.day.clone(), above.zone.clone());
    cx.found.rows.pop();
    // each start and end on the clock the start was written on
    let clock_at = |minutes: u32| {
        let (hour, minute) = (minutes / 60, minutes % 60);
        let base = clock::Clock { minute, end_of_day: hour == 24, ..start };
        match start.pm {
            Some(_) => clock::Clock {
                hour: if hour % 12 == 0 { 12 } else { hour % 12 },
                pm: Some(hour % 24 >= 12),
                ..base
            },
            None => clock::Clock { hour, ..base },
        }
    };
    for (b, (k, minutes)) in body.iter().zip(lengths) {
        let texts: Vec<String> = b
            .cells
            .iter()
            .enumerate()
            .filter(|(k2, c)| *k2 != k && !c.text.trim().is_empty())
            .map(|(_, c)| c.text.clone())
            .collect();
        let offset = b.cells.get(k).map_or(b.offset(), |c| c.offset);
        let mut d =
            Draft::new(day.clone(), clock_at(at), Some(clock_at(at + minutes)), offset, rows.start);
        (d.title, d.details) = title_and_details(&texts);
        d.links = b.cells.iter().flat_map(|c| c.links.iter().cloned()).collect();
        d.zone = zone.clone();
        cx.push(d);
        at += minutes;
    }
}

/// Reads rows made from the lines of block `origin` (pipes in a paragraph).
pub(super) fn read_at(cx: &mut Context, blocks: &[Block], rows: Range<usize>, origin: usize) {
    read_impl(cx, blocks, rows, Some(origin));
}

fn read_impl(cx: &mut Context, blocks: &[Block], rows: Range<usize>, origin: Option<usize>) {
    let slots = grid(blocks, &rows);
    let mut columns = Columns::default();
    let mut section: Option<String> = None;
    // the last row made from this table, which untimed rows continue
    let mut last: Option<usize> = None;
    // a row that is only a time heads a slot: the untimed rows below it are
    // its sessions (`| 10:00 |` over `| W2 | LibreOffice | Stefan |`)
    let mut slot: Option<Draft> = None;
    // whether the slot got a session: an empty one is an empty slot
    let mut filled = false;
    // the text that opens each cell, by grid row and column: a category
    // (`Full paper`) is written again on the rows next to it. Read on
    // first use: only a cell of no role asks
    let first_line = |c: &Cell| c.text.lines().next().unwrap_or("").trim().to_lowercase();
    let written = std::cell::OnceCell::new();
    let written = || {
        written.get_or_init(|| {
            let mut written: BTreeMap<(usize, usize), String> = BTreeMap::new();
            for (k, i) in rows.clone().enumerate() {
                for &(ci, col, _) in &slots[k] {
                    let first = first_line(&blocks[i].cells[ci]);
                    if !first.is_empty() && clock::leading(&first).is_none() {
                        written.insert((k, col), first);
                    }
                }
            }
            written
        })
    };
    // the time cell of each grid row as written (no Time column asked
    // for), read once: the rows below, the spanning cells and the header
    // test all ask for it
    let own_times: Vec<Option<(usize, clock::Span)>> =
        rows.clone().zip(&slots).map(|(i, s)| time_cell(&blocks[i], None, s)).collect();
    // the start of each grid row, for cells that span rows
    let starts: Vec<Option<clock::Clock>> =
        own_times.iter().map(|t| t.as_ref().map(|(_, sp)| sp.start)).collect();
    let ends: Vec<Option<clock::Clock>> =
        own_times.iter().map(|t| t.as_ref().and_then(|(_, sp)| sp.end)).collect();
    // a time cell that spans rows (`rowspan`): its cell, grid column, and
    // how many rows below it still covers
    let mut spanning: Option<(Cell, usize, usize)> = None;
    let mut timed_seen = false;
    for (k, i) in rows.clone().enumerate() {
        let patched;
        let written_time = own_times[k].is_some();
        let (b, row_slots, own_time) =
            match with_spanning_time(&blocks[i], &slots[k], written_time, spanning.as_ref()) {
                Some(p) => {
                    patched = p;
                    let own = time_cell(&patched.0, None, &patched.1);
                    (&patched.0, &patched.1[..], own)
                }
                None => (&blocks[i], &slots[k][..], own_times[k].clone()),
            };
        spanning = spanning.and_then(|(c, col, left)| (left > 1).then_some((c, col, left - 1)));
        if let Some(ti) = own_time.as_ref().map(|t| t.0)
            && b.cells[ti].rowspan > 1
            && let Some(&(_, col, _)) = row_slots.iter().find(|s| s.0 == ti)
        {
            spanning = Some((b.cells[ti].clone(), col, b.cells[ti].rowspan - 1));
        }
        let header_row = matches!(b.kind, Kind::Row { header: true });
        // a header row of `<th>`s that names roles is a header, even with a
        // date in it that reads like a time (`Zeit | 23.11. | Sprecher`)
        let mut table_day = None;
        // only a header row is asked for the roles its cells name: reading
        // every body cell's role is most of a large table's cost
        let names_time = || b.cells.iter().any(|c| role_of(&c.text, c.offset) == Some(Role::Time));
        let timed = own_time.is_some();
        if header_row
            && (!timed || names_time())
            && columns.header(b, row_slots, true, &mut table_day)
        {
            let days: Vec<Day> = columns.days().cloned().collect();
            cx.found.days.extend(days);
            if let Some(d) = table_day {
                cx.set_day(d);
            }
            continue;
        }
        let time_col = columns.col_of(&Role::Time);
        let time = match time_col {
            Some(_) => time_cell(b, time_col, row_slots),
            None => own_time,
        };
        let at = RowAt { block: origin.unwrap_or(i), slots: row_slots, section: &section };
        if let Some(l) = read_lists(cx, b, &at, &columns, time.as_ref()) {
            last = Some(l);
            continue;
        }
        if time.is_none() {
            let non_empty: Vec<&Cell> =
                b.cells.iter().filter(|c| !c.text.trim().is_empty()).collect();
            // a row with one cell (or one spanning all) naming a day
            if non_empty.len() == 1
                && let Some(d) = day_of(&non_empty[0].text, non_empty[0].offset)
            {
                cx.set_day(d);
                last = None;
                section = None;
                continue;
            }
            // `**Day 1** | **2020-07-27** Topic of the day`: a day's label
            // and its date in the next cell head the rows below (a header
            // of day columns names days of one kind: `Day 1 | Day 2`)
            if !header_row
                && non_empty.len() >= 2
                && matches!(
                    day_of(&non_empty[0].text, non_empty[0].offset),
                    Some(Day::Number(..) | Day::Weekday(..))
                )
                && let Some(d @ Day::Date(..)) = day_of(&non_empty[1].text, non_empty[1].offset)
            {
                cx.set_day(d);
                last = None;
                section = None;
                continue;
            }
            // a header: roles, days, a zone; below timed rows, a row of
            // plain cells is a header only when it names days (a new day's
            // columns): `Talk B | Hall 2` is a row, not a header naming a
            // track
            let names_days = b.cells.iter().filter(|c| day_of(&c.text, c.offset).is_some()).count();
            let late = !header_row && timed_seen && names_days < 2;
            if late && columns.clone().header(b, row_slots, false, &mut None) {
                // it names roles but comes too late to set them: passed over
                continue;
            }
            if !late && columns.header(b, row_slots, header_row, &mut table_day) {
                let days: Vec<Day> = columns.days().cloned().collect();
                cx.found.days.extend(days);
                if let Some(d) = table_day {
                    cx.set_day(d);
                }
                continue;
            }
            // a row with one bold cell right above a timed row heads the
            // rows below it (under a timed row with a gap, it continues it)
            let next_timed = rows.contains(&(i + 1)) && own_times[k + 1].is_some();
            if non_empty.len() == 1 && non_empty[0].strong && !header_row && next_timed {
                section = Some(non_empty[0].text.replace('\n', " "));
                continue;
            }
            if header_row {
                continue;
            }
            if let Some(base) = &slot {
                let mut texts: Vec<String> = non_empty.iter().map(|c| c.text.clone()).collect();
                // `V3 | Talk | Speaker` under a slot's time: a short code
                // first names the room or track, not the session
                let room = (texts.len() > 1 && is_room_code(&texts[0])).then(|| texts.remove(0));
                let (title, details) = title_and_details(&texts);
                let mut d = base.clone();
                if room.is_some() {
                    d.room = room;
                }
                d.offset = non_empty.first().map_or(d.offset, |c| c.offset);
                (d.title, d.details) = (title, details);
                d.links = non_empty.iter().flat_map(|c| c.links.iter().cloned()).collect();
                cx.push(d);
                filled = true;
                continue;
            }
            // an untimed row under a timed one continues it (speakers, papers)
            if let Some(l) = last {
                let row = &mut cx.found.rows[l];
                for c in non_empty {
                    row.details.extend(c.text.lines().map(|l| format!("• {l}")));
                }
            }
            continue;
        }
        timed_seen = true;
        let (ti, span) = time.expect("a time cell");
        let cell = &b.cells[ti];
        let first = cell.text.lines().next().unwrap_or("");
        // a table of deadlines (`23:59 AoE | Paper submission`) is not a programme
        let cell_zone = zone_after(&first[span.range.end..]);
        if cell_zone.as_ref().is_some_and(|z| z.aoe) || is_deadline_row(b.text()) {
            continue;
        }
        let mut start = span.start;
        let mut end = span.end;
        let mut used = vec![ti];
        let mut rest_in_cell = after_time(&first[span.range.end..]).to_owned();
        if let Some((e, upto)) = second_time(first, &span) {
            let pair = clock_pair(start, e);
            (start, end) = (pair.0, Some(pair.1));
            rest_in_cell = after_time(&first[upto..]).to_owned();
        }
        // `09:00<br>09:30`, `09:00<br>–<br>09:30`: the end on the time
        // cell's next lines
        let mut time_lines = 1;
        let mut next_lines = cell.text.lines().skip(1);
        let mut second = next_lines.next();
        let dash = |l: &str| {
            !l.trim().is_empty() && l.chars().all(|c| matches!(c, '-' | '–' | '—' | '~' | ' '))
        };
        if second.is_some_and(dash) {
            second = next_lines.next();
            time_lines += 1;
        }
        if end.is_none()
            && let Some(second) = second
            && let Some(e) = clock::leading(second)
            && e.end.is_none()
            && after_time(&second[e.range.end..]).is_empty()
        {
            let pair = clock_pair(start, e.start);
            (start, end) = (pair.0, Some(pair.1));
            time_lines += 1;
        } else {
            time_lines = 1;
        }
        // separate start and end columns
        let slot_of = |ci: usize| row_slots.iter().find(|s| s.0 == ci).copied();
        if end.is_none()
            && let Some(next) = b.cells.get(ti + 1)
            && let Some(e) = clock::leading(&next.text)
            && e.end.is_none()
            && after_time(&next.text[e.range.end..]).is_empty()
        {
            used.push(ti + 1);
            let pair = clock_pair(start, e.start);
            (start, end) = (pair.0, Some(pair.1));
        }
        let mut zone = cell_zone.clone();
        let mut zone_at = cell.offset;
        if zone.is_none()
            && let Some((z, at)) = &columns.zone
        {
            zone = Some(z.clone());
            zone_at = *at;
        }
        // `10:00 (5 min)`: a length written after the start, in the time
        // cell itself, is the row's length
        let mut minutes = only_minutes(&rest_in_cell);
        if minutes.is_some() {
            rest_in_cell.clear();
        }
        // a date written in the row itself (`2 PM ET<br>Mar 24, 2026`, a
        // Date column) is the row's day
        let mut row_day = cx.day.clone();
        for (k2, c) in b.cells.iter().enumerate() {
            let role = slot_of(k2).and_then(|s| columns.role(s.1, s.2).cloned());
            if (matches!(role, Some(Role::Duration)) || k2 != ti)
                && let Some(m) = only_minutes(&c.text)
            {
                minutes = Some(m);
                used.push(k2);
                continue;
            }
            let t = if k2 == ti {
                c.text.lines().skip(1).collect::<Vec<_>>().join(" ")
            } else {
                c.text.clone()
            };
            if t.len() > 160 || t.chars().count() > 40 {
                continue;
            }
            let found = dates::find(&t);
            if let Some(p) = found.first()
                && p.range.start <= 12
                && t.len() - p.range.end <= 12
                && p.last_day.is_none()
            {
                row_day = Day::Date(p.clone(), c.offset);
                cx.found.days.push(row_day.clone());
                if k2 != ti {
                    used.push(k2);
                }
            }
        }
        let base = |day: Day| {
            let mut d = Draft::new(day, start, end, cell.offset, origin.unwrap_or(i));
            d.approximate = span.approximate;
            d.zone = zone.clone();
            d.zone_offset = zone_at;
            d.minutes = minutes;
            d.section = section.clone();
            d
        };
        // a cell with its own time is a parallel row of its own
        for (k2, c) in b.cells.iter().enumerate() {
            if used.contains(&k2) || c.text.lines().count() < 2 {
                continue;
            }
            let first = c.text.lines().next().unwrap_or("");
            if let Some(s) = clock::leading(first)
                && after_time(&first[s.range.end..]).is_empty()
            {
                used.push(k2);
                let lines: Vec<String> = c.text.lines().skip(1).map(str::to_owned).collect();
                let (title, details) = title_and_details(&lines);
                let mut d = base(row_day.clone());
                (d.start, d.end, d.offset) = (s.start, s.end, c.offset);
                (d.title, d.details, d.links) = (title, details, c.links.clone());
                last = cx.push(d).or(last);
            }
        }
        let other: Vec<(usize, &Cell)> = b
            .cells
            .iter()
            .enumerate()
            .filter(|(k2, c)| {
                !used.contains(k2) && !c.text.trim().is_empty() && !only_time(&c.text)
            })
            .collect();
        // one row per day column, or per track column, the cell fills
        if columns.has_days() || columns.has_tracks() {
            if other.is_empty() {
                // an empty slot of the grid: noted, not a session
                cx.push(base(row_day.clone()));
            }
            for &(k2, c) in &other {
                let Some((_, col, width)) = slot_of(k2) else { continue };
                let (title, details) = title_and_details(std::slice::from_ref(&c.text));
                if title.is_empty() {
                    continue;
                }
                // a cell over several time rows lasts through them: it ends
                // with the last one's range, else where the row after it
                // starts (`10:00–10:45 | Talk | <td rowspan=2>Workshop` over
                // `11:00–11:45 | Talk` runs to 11:45)
                let span_end = (c.rowspan > 1)
                    .then(|| {
                        ends.get(k + c.rowspan - 1)
                            .copied()
                            .flatten()
                            .or_else(|| starts.get(k + c.rowspan).copied().flatten())
                    })
                    .flatten();
                for colx in col..col + width {
                    let (day, room) = match columns.roles.get(colx).and_then(Option::as_ref) {
                        Some(Role::Day(d)) => (d.clone(), None),
                        Some(Role::Track(t)) => (row_day.clone(), Some(t.clone())),
                        _ => continue,
                    };
                    let mut d = base(day);
                    d.offset = c.offset;
                    if span_end.is_some() {
                        d.end = span_end;
                    }
                    (d.title, d.details, d.room, d.links) =
                        (title.clone(), details.clone(), room, c.links.clone());
                    last = cx.push(d).or(last);
                    // a track cell spanning all tracks is one session
                    if matches!(columns.roles.get(colx), Some(Some(Role::Track(_)))) && width > 1 {
                        break;
                    }
                }
            }
            continue;
        }
        let mut d = base(row_day);
        let mut parts: Vec<String> = Vec::new();
        if !rest_in_cell.is_empty() && cell_zone.is_none() {
            parts.push(rest_in_cell);
        }
        parts.extend(
            cell.text
                .lines()
                .skip(time_lines)
                .map(str::to_owned)
                .filter(|l| dates::find(l).is_empty()),
        );
        let roles: Vec<Option<Role>> = other
            .iter()
            .map(|(k2, _)| slot_of(*k2).and_then(|s| columns.role(s.1, s.2).cloned()))
            .collect();
        let titled = roles.iter().any(|r| matches!(r, Some(Role::Title)));
        // with no Title column, a category written on the rows next to it
        // (papers of one kind in a row) is not the title of a row that has
        // a text of its own beside it
        let repeated = |k2: usize, c: &Cell| {
            let (Some(s), text) = (slot_of(k2), first_line(c)) else { return false };
            [k.wrapping_sub(1), k + 1].iter().any(|&n| written().get(&(n, s.1)) == Some(&text))
        };
        let own_text =
            other.iter().zip(&roles).any(|((k2, c), r)| r.is_none() && !repeated(*k2, c));
        let mut details_after: Vec<String> = Vec::new();
        for ((k2, c), role) in other.iter().zip(&roles) {
            d.links.extend(c.links.iter().cloned());
            match role {
                Some(Role::Presenter) if titled => d.presenter = Some(c.text.replace('\n', " ")),
                Some(Role::Room) => d.room = Some(c.text.replace('\n', " ")),
                Some(Role::Skip) => {}
                Some(Role::Detail) => details_after.extend(c.text.lines().map(str::to_owned)),
                None if !titled && own_text && repeated(*k2, c) => {
                    details_after.extend(c.text.lines().map(str::to_owned));
                }
                _ => parts.push(c.text.clone()),
            }
        }
        let (title, mut details) = title_and_details(&parts);
        details.extend(details_after);
        (d.title, d.details) = (title, details);
        if let Some(empty) = slot.take().filter(|_| !filled) {
            cx.found
                .strays
                .push(super::Stray { offset: empty.offset, why: "a time with no title" });
        }
        filled = false;
        if d.title.is_empty() && d.presenter.is_none() && other.is_empty() {
            // the time alone: a slot the rows below fill
            d.block = origin.unwrap_or(i);
            cx.found.used_blocks.push(d.block);
            slot = Some(d);
            last = None;
            continue;
        }
        last = cx.push(d).or(last);
    }
    if let Some(empty) = slot.filter(|_| !filled) {
        cx.found.strays.push(super::Stray { offset: empty.offset, why: "a time with no title" });
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{html_rows, rows};

    fn t(title: &str, start: &str, end: Option<&str>) -> (String, String, Option<String>) {
        (title.to_owned(), start.to_owned(), end.map(str::to_owned))
    }

    #[test]
    fn columns_by_header_role() {
        let got = rows(
            "| Speaker | Title | Uhrzeit | Dauer |\n|--|--|--|--|\n| Ada | Engines | 09:00 | 30 min |\n| Bob | Looms | 09:30 | 15' |\n",
        );
        assert_eq!(got, vec![t("Engines", "09:00", None), t("Looms", "09:30", None)]);
    }

    #[test]
    fn a_cell_over_rows_with_ranges_ends_with_the_last_ones() {
        let got = html_rows(
            "<table><tr><th>Hora</th><th>Track 1</th><th>Track 2</th></tr>\
             <tr><td>10:00 - 10:45</td><td>Talk A</td><td rowspan=2>Workshop</td></tr>\
             <tr><td>11:00 - 11:45</td><td>Talk B</td></tr>\
             <tr><td>12:00 - 12:30</td><td colspan=2>Break</td></tr></table>",
        );
        assert_eq!(got[1], t("Workshop", "10:00", Some("11:45")), "{got:?}");
        assert_eq!(got[0], t("Talk A", "10:00", Some("10:45")));
    }

    #[test]
    fn day_columns_tracks_and_rowspans() {
        let got = html_rows(
            "<table><tr><th></th><th>Mardi 22 juin</th><th>Mercredi 23 juin</th></tr>\
             <tr><td>14:00</td><td rowspan=2>Keynote</td><td>Talks</td></tr>\
             <tr><td>14:50</td><td>Pause</td></tr>\
             <tr><td>15:15</td><td>Session B</td><td>Session D</td></tr></table>",
        );
        assert_eq!(
            got,
            vec![
                t("Keynote", "14:00", Some("15:15")),
                t("Talks", "14:00", None),
                t("Pause", "14:50", None),
                t("Session B", "15:15", None),
                t("Session D", "15:15", None),
            ]
        );
        let got = rows(
            "| Time | Room A | Room B |\n|--|--|--|\n| 10:00 | Rust | Go |\n| 11:00 | Lunch ||\n",
        );
        assert_eq!(
            got,
            vec![t("Rust", "10:00", None), t("Go", "10:00", None), t("Lunch", "11:00", None)]
        );
    }

    #[test]
    fn a_time_alone_heads_the_rows_below_it() {
        let got = html_rows(
            "<table><tr><td colspan=3>10:00</td></tr><tr><td>W2</td><td>LibreOffice</td><td>Ada</td></tr>\
             <tr><td>V1</td><td>Kernel</td><td>Bob</td></tr><tr><td colspan=3>11:00</td></tr>\
             <tr><td>V1</td><td>Docker</td><td>Eve</td></tr></table>",
        );
        let titles: Vec<(&str, &str)> = got.iter().map(|r| (r.0.as_str(), r.1.as_str())).collect();
        // the room codes are the rows' rooms, not their titles
        assert_eq!(titles, [("LibreOffice", "10:00"), ("Kernel", "10:00"), ("Docker", "11:00")]);
    }

    #[test]
    fn a_cell_that_lists_its_own_timed_lines() {
        // a day cell and a list of timed items: each item is a row
        let got = html_rows(
            "<table><tr><td>Day 1</td><td><ul><li>09:00 - 09:15 Uhr Registrierung</li>\
             <li>09:15 - 10:00 Uhr Keynote</li></ul></td></tr></table>",
        );
        assert_eq!(
            got,
            vec![t("Registrierung", "09:00", Some("09:15")), t("Keynote", "09:15", Some("10:00")),]
        );
        // a block's time and its timed lines: the lines are the rows, the
        // last ends with the block
        let got = rows(
            "| Time | Talk |\n|--|--|\n| 14:00-15:30 | Papers<br>14:00 Talk A<br>14:45 Talk B |\n",
        );
        assert_eq!(got, vec![t("Talk A", "14:00", None), t("Talk B", "14:45", Some("15:30"))]);
        // one timed line under a row's own time is a detail of that row
        let got = rows("| Time | Talk |\n|--|--|\n| 14:00 | Session<br>14:00 Talk A |\n");
        assert_eq!(got, vec![t("Session", "14:00", None)]);
    }

    #[test]
    fn day_columns_of_titles_over_their_times() {
        let got = html_rows(
            "<table><tr><th>12 June</th><th>13 June</th></tr>\
             <tr><td>Registration<br><b>8.00 – 9.30</b></td><td>Excursion<br>7.30 – 18.00/19.00</td></tr>\
             <tr><td>Opening<br>9.30 – 10.00</td><td>Arrival</td></tr></table>",
        );
        assert_eq!(
            got,
            vec![
                t("Registration", "08:00", Some("09:30")),
                t("Excursion", "07:30", Some("18:00")),
                t("Opening", "09:30", Some("10:00")),
            ]
        );
    }

    #[test]
    fn a_time_cell_over_two_rows_times_both() {
        let got = html_rows(
            "<table><tr><th>Time</th><th>Session</th><th>Room</th></tr>\
             <tr><td rowspan=2>10:00 - 11:00</td><td>Talk A</td><td>Hall 1</td></tr>\
             <tr><td>Talk B</td><td>Hall 2</td></tr>\
             <tr><td>11:00 - 11:30</td><td>Coffee</td><td></td></tr></table>",
        );
        assert_eq!(
            got,
            vec![
                t("Talk A", "10:00", Some("11:00")),
                t("Talk B", "10:00", Some("11:00")),
                t("Coffee", "11:00", Some("11:30")),
            ]
        );
    }

    #[test]
    fn a_plain_row_below_timed_rows_is_not_a_header() {
        let got = rows(
            "| Time | Session | Room |\n|--|--|--|\n| 10:00 | Talk A | Hall 1 |\n\
             | | Talk B | Hall 2 |\n| 11:00 | Coffee | Foyer |\n",
        );
        assert_eq!(got, vec![t("Talk A", "10:00", None), t("Coffee", "11:00", None)]);
    }

    #[test]
    fn a_column_of_categories_is_not_the_title() {
        let got = rows(
            "| 13:00 | Opening | |\n| 13:10 | Full paper | Engines |\n| 13:30 | Full paper | Looms |\n\
             | 13:50 | Full paper | Cards |\n| 14:10 | Invited talks | Ada |\n| 14:30 | Break | |\n\
             | 15:00 | Invited talks | Bob |\n",
        );
        let titles: Vec<&str> = got.iter().map(|r| r.0.as_str()).collect();
        // a kind on the rows next to each other is a category; a session
        // that recurs is a title
        assert_eq!(
            titles,
            ["Opening", "Engines", "Looms", "Cards", "Invited talks", "Break", "Invited talks"]
        );
    }

    #[test]
    fn two_times_in_one_cell_and_a_second_zone_column() {
        let got = rows("| 08:45 09:00 | Welcome |\n| 09:00 | 18:00 CET | Keynote |\n");
        assert_eq!(got, vec![t("Welcome", "08:45", Some("09:00")), t("Keynote", "09:00", None)]);
        let got = html_rows(
            "<table><tr><td>09:00<br>–<br>09:30</td><td>Keynote</td></tr>\
             <tr><td>09:30<br>10:00</td><td>Coffee</td></tr></table>",
        );
        assert_eq!(
            got,
            vec![t("Keynote", "09:00", Some("09:30")), t("Coffee", "09:30", Some("10:00"))]
        );
    }
}
