//! Grids written with elements, not tables: a programme laid out by CSS
//! from `<div>`s (or `<li>`s) where each row is a container holding a time
//! and one or more session cells, often under a container of track names.
//!
//! The page shows such a grid as blocks one after another, so a reader of
//! lines would take the first cell as the time's title and lose the
//! parallel sessions beside it. The blocks know the elements they sit in
//! (`render`), which is enough to see the grid again:
//!
//! * a row is the outermost element around a time alone that holds no
//!   other time, with more text in it, and rows repeat: two of them at
//!   least under one parent;
//! * its cells are the groups its other blocks fall into at the first
//!   level where they part; they are parallel sessions when they are
//!   elements of one kind (tag and class) and each holds a title and more,
//!   or when a header names as many tracks; otherwise they are one
//!   session's parts (title, speaker, room);
//! * the header is the element right before the rows (or before their
//!   parent) whose parts are short texts without a time, as many as the
//!   cells of a row.
//!
//! A time heading followed by several elements of one kind, each a title
//! and more (a CMS's view grouped by time), is a row of such cells too.
//! Nested `<div>`s of ordinary text are not grids: a grid needs a time
//! alone in each row, rows repeated, and at least one row with parallel
//! cells; anything less is read as lines.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use super::super::render::blocks::{Block, Kind};
use super::super::tokens::clock;
use super::lines::leading_day;
use super::{Context, Day, Draft, after_time, day_of, title_and_details, zone_after};

/// A grid found in the blocks.
#[derive(Debug, Clone)]
pub(super) struct Grid {
    /// Its blocks: the header's and the rows'.
    pub(super) blocks: Range<usize>,
    /// The tracks' names, one per parallel cell.
    header: Option<Vec<String>>,
    rows: Vec<GridRow>,
}

/// One row of a grid.
#[derive(Debug, Clone)]
struct GridRow {
    /// The block of its time.
    time: usize,
    /// Its cells, each a run of blocks.
    cells: Vec<Vec<usize>>,
    /// The cells are parallel sessions (else one session's parts).
    parallel: bool,
}

/// The day written before a row's time, the time, and what follows it, of
/// a text that is only a time (`11:10 - 11:50`, `Lørdag 17:15`, `9:00 AM
/// EST`).
fn time_only(text: &str) -> Option<(Option<Day>, clock::Span)> {
    // a range may be written over lines (`09:00<br>–<br>09:30`)
    if text.lines().count() > 3 || text.chars().count() > 60 {
        return None;
    }
    let joined = text.replace('\n', " ");
    let text = joined.as_str();
    let (day, rest) = match leading_day(text) {
        Some((d, skip)) => (Some(d), &text[skip..]),
        None => (None, text),
    };
    let span = clock::leading(rest).filter(|s| s.range.start <= 2)?;
    let after = &rest[span.range.end..];
    let tail = match zone_after(after) {
        Some(z) => &after[z.range.end..],
        None => after,
    };
    (!after_time(tail).chars().any(char::is_alphabetic)).then_some((day, span))
}

/// How many lines of a block open with a time (maybe after their day).
fn time_lines(b: &Block) -> usize {
    if time_only(b.text()).is_some() {
        return 1;
    }
    b.text()
        .lines()
        .filter(|l| {
            leading_day(l).is_some() || clock::leading(l).is_some_and(|s| s.range.start <= 2)
        })
        .count()
}

/// The element at `depth` around block `i`: its id, if the block is that
/// deep.
pub(super) fn id_at(b: &Block, depth: usize) -> Option<u32> {
    b.path.get(depth).map(|n| n.id)
}

/// The blocks of the element at `depth` around block `i`.
pub(super) fn extent(blocks: &[Block], i: usize, depth: usize) -> Range<usize> {
    let Some(id) = id_at(&blocks[i], depth) else { return i..i + 1 };
    let mut start = i;
    while start > 0 && id_at(&blocks[start - 1], depth) == Some(id) {
        start -= 1;
    }
    let mut end = i + 1;
    while end < blocks.len() && id_at(&blocks[end], depth) == Some(id) {
        end += 1;
    }
    start..end
}

/// The groups `members` fall into at the first level below `depth` where
/// they part, and whether the groups are elements of one kind.
fn groups(blocks: &[Block], members: &[usize], depth: usize) -> (Vec<Vec<usize>>, bool) {
    let deepest = members.iter().map(|&m| blocks[m].path.len()).max().unwrap_or(0);
    for k in depth..deepest {
        let mut out: Vec<Vec<usize>> = Vec::new();
        let mut keys: Vec<Option<u32>> = Vec::new();
        for &m in members {
            let key = id_at(&blocks[m], k);
            if key.is_some() && keys.last() == Some(&key) {
                out.last_mut().expect("a group").push(m);
            } else {
                out.push(vec![m]);
                keys.push(key);
            }
        }
        if out.len() >= 2 {
            let sigs: Vec<Option<u32>> =
                out.iter().map(|g| blocks[g[0]].path.get(k).map(|n| n.sig)).collect();
            let alike = sigs.iter().all(|s| s.is_some() && *s == sigs[0]);
            return (out, alike);
        }
    }
    (vec![members.to_vec()], true)
}

/// How many lines of text the blocks hold.
fn lines_of(blocks: &[Block], members: &[usize]) -> usize {
    members.iter().map(|&m| blocks[m].text().lines().count()).sum()
}

/// The kind of element the cells are (their outermost element of their
/// own), and whether it has a class.
fn cell_kind(blocks: &[Block], cells: &[Vec<usize>]) -> Option<(u32, bool)> {
    let (a, b) = (cells.first()?, cells.get(1)?);
    let (pa, pb) = (&blocks[a[0]].path, &blocks[b[0]].path);
    let k = pa.iter().zip(pb.iter()).position(|(x, y)| x.id != y.id)?;
    Some((pa[k].sig, pa[k].classed))
}

/// A row found around a time alone.
struct Candidate {
    time: usize,
    /// Depth of the row's element.
    depth: usize,
    range: Range<usize>,
}

/// The row around the time alone in block `t`: the outermost element that
/// holds no other time, if it holds more than the time.
///
/// Asked for every block that is a time, so the element around it is found
/// once per element (`extents`), and its times are counted only until
/// there are two: 4,000 times in one list took 5.4 s when each asked for
/// the whole list's.
fn row_around(blocks: &[Block], t: usize, extents: &mut Extents) -> Option<Candidate> {
    let mut best = None;
    for d in (0..blocks[t].path.len()).rev() {
        let r = extents.of(blocks, t, d);
        let more_than_one = blocks[r.clone()]
            .iter()
            .scan(0, |times, b| {
                *times += time_lines(b);
                Some(*times)
            })
            .any(|times| times > 1);
        if more_than_one || blocks[r.clone()].iter().any(|b| matches!(b.kind, Kind::Row { .. })) {
            break;
        }
        best = Some((d, r));
    }
    let (depth, range) = best?;
    (depth > 0 && range.len() > 1).then_some(Candidate { time: t, depth, range })
}

/// [`extent`], remembered per element: the blocks of one element are one
/// run, the same for every block in it.
#[derive(Default)]
struct Extents(HashMap<(usize, u32), Range<usize>>);

impl Extents {
    fn of(&mut self, blocks: &[Block], i: usize, depth: usize) -> Range<usize> {
        let Some(id) = id_at(&blocks[i], depth) else { return i..i + 1 };
        match self.0.get(&(depth, id)) {
            Some(r) if r.contains(&i) => r.clone(),
            _ => {
                let r = extent(blocks, i, depth);
                self.0.insert((depth, id), r.clone());
                r
            }
        }
    }
}

/// The short texts of the element right before block `first` at `depth`
/// (a header of track names), if it is one.
fn header_before(blocks: &[Block], first: usize, depth: usize) -> Option<Vec<String>> {
    let last = first.checked_sub(1)?;
    // the header is a sibling: it shares the elements above `depth`
    let above = |b: &Block| b.path.iter().take(depth).map(|n| n.id).collect::<Vec<_>>();
    if blocks[last].path.len() <= depth || above(&blocks[last]) != above(&blocks[first]) {
        return None;
    }
    let range = extent(blocks, last, depth);
    let members: Vec<usize> = range.collect();
    if members.iter().any(|&m| time_lines(&blocks[m]) > 0 || blocks[m].kind != Kind::Para) {
        return None;
    }
    let (parts, _) = groups(blocks, &members, depth + 1);
    let names: Vec<String> = parts
        .iter()
        .map(|g| g.iter().map(|&m| blocks[m].text().replace('\n', " ")).collect::<Vec<_>>())
        .map(|texts| texts.join(" "))
        .collect();
    (names.len() >= 2 && names.iter().all(|n| n.chars().count() <= 80)).then_some(names)
}

/// The grids of the page, in order.
pub(super) fn find(blocks: &[Block]) -> Vec<Grid> {
    let mut by_parent: BTreeMap<(usize, u32), Vec<Candidate>> = BTreeMap::new();
    let mut order: Vec<(usize, u32)> = Vec::new();
    let mut headings: Vec<Grid> = Vec::new();
    let mut extents = Extents::default();
    for (t, b) in blocks.iter().enumerate() {
        if matches!(b.kind, Kind::Row { .. }) || b.path.is_empty() || time_only(b.text()).is_none()
        {
            continue;
        }
        if let Some(c) = row_around(blocks, t, &mut extents) {
            let key = (c.depth, blocks[t].path[c.depth - 1].id);
            if !by_parent.contains_key(&key) {
                order.push(key);
            }
            by_parent.entry(key).or_default().push(c);
        } else if let Some(g) = heading_row(blocks, t) {
            headings.push(g);
        }
    }
    let mut out: Vec<Grid> = Vec::new();
    for key in order {
        let rows = &by_parent[&key];
        if let Some(g) = grid_of(blocks, rows) {
            out.push(g);
        }
    }
    out.extend(headings);
    out.sort_by_key(|g| g.blocks.start);
    // a grid inside another's blocks is part of it
    let mut kept: Vec<Grid> = Vec::new();
    for g in out {
        if kept.last().is_none_or(|k| g.blocks.start >= k.blocks.end) {
            kept.push(g);
        }
    }
    kept
}

/// The grid of the rows found under one parent, if they make one.
fn grid_of(blocks: &[Block], rows: &[Candidate]) -> Option<Grid> {
    if rows.len() < 2 {
        return None;
    }
    let depth = rows[0].depth;
    let mut cells: Vec<(Vec<Vec<usize>>, bool)> = Vec::new();
    for r in rows {
        let members: Vec<usize> = r.range.clone().filter(|&m| m != r.time).collect();
        cells.push(groups(blocks, &members, depth + 1));
    }
    // what lies between the rows is a day or nothing timed
    for w in rows.windows(2) {
        for b in &blocks[w[0].range.end..w[1].range.start] {
            if time_lines(b) > 0 && day_of(b.text(), 0).is_none() {
                return None;
            }
        }
    }
    let widest = cells.iter().filter(|c| c.1).map(|c| c.0.len()).max().unwrap_or(1);
    let first = rows[0].range.start;
    // the header: a sibling of the first row, or of the rows' parent
    let header = [depth, depth - 1]
        .into_iter()
        .find_map(|d| header_before(blocks, first, d).map(|h| (d, h)))
        .and_then(|(d, mut names)| {
            if names.len() == widest + 1 {
                // a label over the times' column
                names.remove(0);
            }
            (names.len() == widest && widest >= 2).then(|| {
                let start = extent(blocks, first - 1, d).start;
                (start, names)
            })
        });
    let named = header.as_ref().map(|h| h.1.len());
    let grid_rows: Vec<GridRow> = rows
        .iter()
        .zip(cells)
        .map(|(r, (cells, alike))| {
            // each cell a title and more, or cells of a class of their
            // own (the time's element is of another kind: cells that share
            // the time's kind are columns of one session)
            let full = cells.iter().all(|c| lines_of(blocks, c) >= 2);
            let own_kind = cell_kind(blocks, &cells).is_some_and(|(sig, classed)| {
                classed && !blocks[r.time].path.iter().any(|n| n.sig == sig)
            });
            let parallel =
                cells.len() >= 2 && alike && (full || own_kind || named == Some(cells.len()));
            GridRow { time: r.time, cells, parallel }
        })
        .collect();
    // only a grid with parallel sessions needs reading as one
    if !grid_rows.iter().any(|r| r.parallel) {
        return None;
    }
    let start = header.as_ref().map_or(first, |h| h.0);
    let end = rows.last().map_or(first, |r| r.range.end);
    Some(Grid { blocks: start..end, header: header.map(|h| h.1), rows: grid_rows })
}

/// A time heading followed by several elements of one kind, each a title
/// and more (`<h3>17:15</h3><div class="views-row">…</div><div
/// class="views-row">…</div>`): parallel sessions at that time.
fn heading_row(blocks: &[Block], t: usize) -> Option<Grid> {
    let depth = blocks[t].path.len().checked_sub(1)?;
    let parent = id_at(&blocks[t], depth.checked_sub(1)?)?;
    let mut j = extent(blocks, t, depth).end;
    let mut cells: Vec<Vec<usize>> = Vec::new();
    let mut sig = None;
    while j < blocks.len()
        && id_at(&blocks[j], depth - 1) == Some(parent)
        && let Some(node) = blocks[j].path.get(depth)
    {
        let r = extent(blocks, j, depth);
        if blocks[r.clone()].iter().any(|b| time_lines(b) > 0 || matches!(b.kind, Kind::Row { .. }))
        {
            break;
        }
        let members: Vec<usize> = r.clone().collect();
        if lines_of(blocks, &members) < 2 || sig.is_some_and(|s| s != node.sig) {
            return None;
        }
        sig = Some(node.sig);
        cells.push(members);
        j = r.end;
    }
    (cells.len() >= 2).then(|| Grid {
        blocks: t..j,
        header: None,
        rows: vec![GridRow { time: t, cells, parallel: true }],
    })
}

/// Reads a grid: each parallel cell a row of its own (in the header's
/// track), other rows one session each.
pub(super) fn read(cx: &mut Context, blocks: &[Block], g: &Grid) {
    cx.region += 1;
    if g.header.is_some() {
        cx.track_regions.insert(cx.region);
    }
    let mut next_row = 0;
    for i in g.blocks.clone() {
        cx.found.used_blocks.push(i);
        let Some(row) = g.rows.get(next_row).filter(|r| r.time == i) else {
            // a day between the rows governs the rows after it
            let in_row = g.rows.iter().any(|r| r.cells.iter().flatten().any(|&c| c == i));
            if !in_row && let Some(d) = day_of(blocks[i].text(), blocks[i].offset()) {
                cx.set_day(d);
            }
            continue;
        };
        next_row += 1;
        let b = &blocks[i];
        let Some((day, span)) = time_only(b.text()) else { continue };
        let day = match day {
            Some(Day::Weekday(w, _)) => Day::Weekday(w, b.offset()),
            Some(d) => d,
            None => cx.day.clone(),
        };
        let after = &b.text()[span.range.end..];
        let zone = zone_after(after);
        let cells: Vec<Vec<usize>> =
            if row.parallel { row.cells.clone() } else { vec![row.cells.concat()] };
        for (k, cell) in cells.iter().enumerate() {
            let texts: Vec<String> = cell.iter().map(|&c| blocks[c].text().to_owned()).collect();
            let (title, details) = title_and_details(&texts);
            let first = cell.first().map_or(i, |&c| c);
            let mut d =
                Draft::new(day.clone(), span.start, span.end, blocks[first].offset(), first);
            d.approximate = span.approximate;
            d.zone = zone.clone();
            d.zone_offset = b.offset();
            d.room = match &g.header {
                Some(names) if row.parallel => names.get(k).cloned(),
                _ => None,
            };
            d.links = cell
                .iter()
                .flat_map(|&c| blocks[c].cells.iter().flat_map(|x| x.links.iter().cloned()))
                .collect();
            (d.title, d.details) = (title, details);
            cx.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::html_rows;

    fn t(title: &str, start: &str, end: Option<&str>) -> (String, String, Option<String>) {
        (title.to_owned(), start.to_owned(), end.map(str::to_owned))
    }

    #[test]
    fn rows_of_a_time_and_parallel_cells_under_track_names() {
        let got = html_rows(
            "<div class=grid><div class=tracks><div class=track>Track 1</div>\
             <div class=track>Track 2</div></div><div class=rows>\
             <div class=row><div class=cells>\
             <div class=talk><div class=title>Rust</div><div class=who>Ada</div></div>\
             <div class=talk><div class=title>Go</div><div class=who>Bob</div></div></div>\
             <div class=time>11:10 - 11:50</div></div>\
             <div class=row><div class=time>12:00<br>–<br>13:00</div><div class=what>Lunch</div></div>\
             </div></div>",
        );
        assert_eq!(
            got,
            vec![
                t("Rust", "11:10", Some("11:50")),
                t("Go", "11:10", Some("11:50")),
                t("Lunch", "12:00", Some("13:00")),
            ]
        );
    }

    #[test]
    fn cells_of_a_class_of_their_own_beside_a_time() {
        let got = html_rows(
            "<div><div class=slot><div class=time>10:00</div><div class=talk><h4>Talk A</h4></div>\
             <div class=talk><h4>Talk B</h4></div></div>\
             <div class=slot><div class=time>11:00</div><div class=talk><h4>Lunch</h4></div></div>\
             </div>",
        );
        assert_eq!(
            got,
            vec![t("Talk A", "10:00", None), t("Talk B", "10:00", None), t("Lunch", "11:00", None)]
        );
        // columns that share the time's kind are one session's parts
        let got = html_rows(
            "<div><div class=row><div class=col>10:00</div><div class=col>Talk A</div>\
             <div class=col>Ada</div></div>\
             <div class=row><div class=col>11:00</div><div class=col>Lunch</div></div></div>",
        );
        assert_eq!(got, vec![t("Talk A", "10:00", None), t("Lunch", "11:00", None)]);
    }

    #[test]
    fn one_sessions_parts_are_not_parallel_sessions() {
        // a time, a title and a speaker side by side: one session
        let got = html_rows(
            "<div class=item><div class=time>7:00 AM</div><h3>Registration</h3><p>Hall</p></div>\
             <div class=item><div class=time>8:00 AM</div><h3>Opening</h3><p>Ada</p></div>",
        );
        assert_eq!(got, vec![t("Registration", "07:00", None), t("Opening", "08:00", None)]);
    }

    #[test]
    fn a_time_heading_over_several_items_of_one_kind() {
        let got = html_rows(
            "<div class=view><h3>Saturday 17:00</h3><div class=row><h2>Pause</h2></div>\
             <h3>Saturday 17:15</h3>\
             <div class=row><h2>Layout builders</h2><p>thorandre</p></div>\
             <div class=row><h2>Twig</h2><p>ooystein</p></div></div>",
        );
        assert_eq!(
            got,
            vec![
                t("Pause", "17:00", None),
                t("Layout builders", "17:15", None),
                t("Twig", "17:15", None)
            ]
        );
    }
}
