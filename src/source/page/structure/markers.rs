//! Rows that mark rather than are: the end of a day ("End", "Adjourn"),
//! a "… starts" / "… ends" pair, a row whose range only groups the rows
//! after it, and a row written twice (a table and a list).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveTime;

use super::super::tokens::clock::Clock;
use super::{Programme, Row};

/// Words that only mark a moment, in the languages pages are written in.
const MARKER_WORDS: &[&str] = &[
    "end",
    "eod",
    "ends",
    "ending",
    "adjourn",
    "adjourns",
    "adjourned",
    "adjournment",
    "close",
    "closes",
    "closed",
    "closing",
    "doors",
    "fin",
    "ende",
    "schluss",
    "the",
    "of",
    "day",
    "days",
    "session",
    "sessions",
    "program",
    "programme",
    "conference",
    "workshop",
    "event",
    "meeting",
    "symposium",
    "official",
    "day's",
    "fim",
    "cierre",
    "chiusura",
    "einde",
    "slutt",
    "konferenz",
    "konferanse",
    "tag",
    "jour",
    "journée",
    "dia",
    "día",
    "des",
    "du",
    "de",
    "la",
    "le",
    "der",
    "des",
    "del",
    "and",
    "for",
    "today",
    "first",
    "second",
    "third",
    "all",
    "zoom",
    "schließt",
    "termine",
    "termina",
    "fine",
];

/// A title that only marks the end of a day or of the event: marker words
/// (and day numbers) only. `End of day 1` and `Adjourn` mark; `End of Day
/// Debrief` and `Closing remarks` are sessions.
pub(crate) fn is_end_marker(title: &str) -> bool {
    let t: String = title
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '\'' { c } else { ' ' })
        .collect();
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 {
        return false;
    }
    let joined = words.join(" ");
    let opens = [
        "end",
        "eod",
        "adjourn",
        "adjourned",
        "adjourns",
        "fin",
        "ende",
        "fim",
        "einde",
        "slutt",
        "schluss",
    ]
    .contains(&words[0])
        || joined.starts_with("close of")
        || joined.starts_with("doors close")
        || joined == "close"
        || joined == "the end"
        || (words.len() <= 4
            && (joined.ends_with(" ends")
                || joined.ends_with(" closes")
                || joined.ends_with(" adjourns")
                || joined.ends_with(" schließt")));
    // "closing" alone marks; "closing remarks" is a session
    let only_markers =
        words.iter().all(|w| MARKER_WORDS.contains(w) || w.chars().all(|c| c.is_ascii_digit()));
    opens && only_markers
}

/// End markers give the row before them its end, and a "… starts" row
/// its matching "… ends"; they stay in the list, marked, so the reader can
/// check the order of times, but are not sessions.
pub(super) fn close(found: &mut Programme) {
    let n = found.rows.len();
    for i in 0..n {
        if !is_end_marker(&found.rows[i].title) {
            continue;
        }
        found.rows[i].marker = true;
        let (day, at) = (found.rows[i].day.clone(), found.rows[i].start);
        let lower = found.rows[i].title.to_lowercase();
        // "Zoom session ends" closes "Zoom session starts"
        let stem = ["ends", "closes", "end"]
            .iter()
            .find_map(|w| lower.strip_suffix(w))
            .map(str::trim)
            .unwrap_or("");
        let opener = (!stem.is_empty())
            .then(|| {
                (0..i).rev().find(|&k| {
                    let t = found.rows[k].title.to_lowercase();
                    found.rows[k].day == day
                        && !found.rows[k].marker
                        && t.starts_with(stem)
                        && (t.ends_with("starts") || t.ends_with("begins") || t.ends_with("start"))
                })
            })
            .flatten();
        let target = opener.or_else(|| {
            (0..i).rev().find(|&k| !found.rows[k].marker).filter(|&k| found.rows[k].day == day)
        });
        // a row that states its own length (`10:50 (20 min)`) keeps it
        if let Some(k) = target
            && found.rows[k].end.is_none()
            && found.rows[k].minutes.is_none()
        {
            found.rows[k].end = Some(at);
        }
    }
}

/// In a list of one track, or a grid of named tracks, a row with only a
/// start ends where the next row of its own track starts (or the next row
/// for all tracks), not where a parallel track's next row does. Rows whose
/// half of the day is not written are left to the reading of the hours.
pub(super) fn track_ends(found: &mut Programme, tracks: &BTreeSet<usize>) {
    let sure = |c: Clock| c.pm.is_some() || c.is_24h();
    // two times without am/pm follow each other in the same half of the
    // day unless noon lies between them
    let before = |a: Clock, b: Clock| {
        if sure(a) && sure(b) {
            a.time() < b.time()
        } else {
            a.pm.is_none()
                && b.pm.is_none()
                && (a.hour, a.minute) < (b.hour, b.minute)
                && b.hour <= 12
        }
    };
    for i in 0..found.rows.len() {
        let r = &found.rows[i];
        if r.end.is_some() || r.minutes.is_some() || r.marker || !tracks.contains(&r.region) {
            continue;
        }
        let next = found.rows[i + 1..].iter().find(|n| {
            n.region == r.region
                && n.day.key() == r.day.key()
                && !n.marker
                && (n.room == r.room || n.room.is_none())
                && before(r.start, n.start)
        });
        if let Some(n) = next.map(|n| n.start) {
            found.rows[i].end = Some(n);
        }
    }
}

/// A row whose range holds the rows right after it, the first starting
/// with it, only groups them. Rows with exactly its times are parallel
/// sessions unless its title says it groups ("Parallel Session 1").
pub(super) fn drop_groups(found: &mut Programme) {
    let t = |c: Clock| c.time().unwrap_or(NaiveTime::MIN);
    let rows = &found.rows;
    let mut keep = vec![true; rows.len()];
    for (i, r) in rows.iter().enumerate() {
        let Some(end) = r.end else { continue };
        let inside: Vec<&Row> = rows[i + 1..]
            .iter()
            .take_while(|n| n.day == r.day && t(n.start) >= t(r.start) && t(n.start) < t(end))
            .collect();
        if inside.len() < 2 || t(inside[0].start) != t(r.start) {
            continue;
        }
        // the title is read only for a row that holds others
        let grouping = || {
            let l = r.title.to_lowercase();
            ["session", "track", "parallel", "block", "sesión", "sessão", "séance", "sitzung"]
                .iter()
                .any(|w| l.contains(w))
        };
        let strictly_inside = inside.iter().all(|n| n.end.is_none_or(|e| t(e) <= t(end)))
            && (inside.iter().all(|n| !(t(n.start) == t(r.start) && n.end.map(t) == Some(t(end))))
                || grouping());
        if strictly_inside {
            keep[i] = false;
        }
    }
    let mut k = keep.into_iter();
    found.rows.retain(|_| k.next().unwrap_or(true));
}

/// A row written twice (a table and a list, or the mobile and desktop
/// layouts of one page) is one row. Twins share a day and a start, and one
/// title holds the other; rows of one table or list are never twins of
/// each other: at one time they are parallel sessions. Nor are rows of two
/// lists that share only a few such rows (the breaks of two tracks listed
/// in turn): a programme written twice repeats most of its rows.
pub(super) fn dedup(found: &mut Programme) {
    type Key = ((u8, i32, u32, u32), Option<NaiveTime>);
    let key = |r: &Row| -> Key { (r.day.key(), r.start.time()) };
    let rows = std::mem::take(&mut found.rows);
    let lowers: Vec<String> = rows.iter().map(|r| r.title.to_lowercase()).collect();
    let alike = |a: usize, b: usize| {
        let (o, r) = (&rows[a], &rows[b]);
        !o.marker
            && !r.marker
            && key(o) == key(r)
            && o.room == r.room
            && (o.end.is_none()
                || r.end.is_none()
                || o.end.map(|c| c.time()) == r.end.map(|c| c.time()))
            && (lowers[a].contains(&lowers[b]) || lowers[b].contains(&lowers[a]))
    };
    // how many rows of each list have a twin in another list
    let mut index: HashMap<Key, Vec<usize>> = HashMap::new();
    let mut size: BTreeMap<usize, usize> = BTreeMap::new();
    let mut shared: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        *size.entry(r.region).or_default() += 1;
        let list = index.entry(key(r)).or_default();
        let mut seen: Vec<usize> = Vec::new();
        for &k in list.iter() {
            let other = rows[k].region;
            if other != r.region && !seen.contains(&other) && alike(k, i) {
                seen.push(other);
                *shared.entry((other.min(r.region), other.max(r.region))).or_default() += 1;
            }
        }
        list.push(i);
    }
    let twins_of = |a: usize, b: usize| {
        let pair = (a.min(b), a.max(b));
        let smaller = size[&a].min(size[&b]);
        shared.get(&pair).is_some_and(|&n| n * 5 >= smaller * 4)
    };
    let mut index: HashMap<Key, Vec<usize>> = HashMap::new();
    let mut out: Vec<Row> = Vec::new();
    let mut kept: Vec<usize> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let k = key(r);
        let twin = index.get(&k).and_then(|list| {
            list.iter().copied().find(|&o| {
                let same_text = lowers[kept[o]] == lowers[i];
                let (ra, rb) = (out[o].region, r.region);
                alike(kept[o], i) && (same_text || (ra != rb && twins_of(ra, rb)))
            })
        });
        match twin {
            Some(o) => {
                let o = &mut out[o];
                if o.end.is_none() {
                    o.end = r.end;
                }
                for d in std::iter::once(r.title.clone()).chain(r.details.iter().cloned()) {
                    if !o.details.contains(&d) && d != o.title {
                        o.details.push(d);
                    }
                }
            }
            None => {
                index.entry(k).or_default().push(out.len());
                out.push(r.clone());
                kept.push(i);
            }
        }
    }
    found.rows = out;
}

#[cfg(test)]
mod tests {
    use super::super::tests::{html_rows, rows};
    use super::*;

    #[test]
    fn end_markers_are_only_marker_words() {
        for t in [
            "End",
            "Adjourn",
            "End of day 1",
            "Close of Conference",
            "Zoom session ends",
            "Doors close",
            "Ende",
            "EoD",
        ] {
            assert!(is_end_marker(t), "{t}");
        }
        for t in [
            "End of Day Debrief",
            "Closing remarks",
            "Endnote lecture",
            "Ending the silence: a talk",
        ] {
            assert!(!is_end_marker(t), "{t}");
        }
    }

    #[test]
    fn a_programme_written_twice_is_one_but_parallel_lists_stay_apart() {
        // a table, then the same rows as a list
        let got = rows(
            "| Time | Talk |\n|--|--|\n| 10:00 | Keynote |\n| 11:00 | Lunch |\n\n\
             - 10:00 Keynote: Ada\n- 11:00 Lunch\n",
        );
        let titles: Vec<&str> = got.iter().map(|r| r.0.as_str()).collect();
        assert_eq!(titles, ["Keynote", "Lunch"]);
        // two rooms listed in turn share a break, not their sessions
        let got = rows(
            "### Belvédère\n\n- 10:00 Workshop\n- 11:00 Lunch\n- 12:00 Talk A\n\n\
             ### Chalet\n\n- 10:00 Workshop on X\n- 11:00 Lunch\n- 12:00 Talk B\n",
        );
        let titles: Vec<&str> = got.iter().map(|r| r.0.as_str()).collect();
        assert_eq!(titles, ["Workshop", "Lunch", "Talk A", "Workshop on X", "Talk B"]);
    }

    #[test]
    fn a_row_ends_where_its_own_track_goes_on() {
        let got = html_rows(
            "<p>Track 1</p><p>10:00 A</p><p>11:00 B</p><p>Track 2</p><p>10:00 C</p><p>10:30 D</p>",
        );
        let ends: Vec<(&str, Option<&str>)> =
            got.iter().map(|r| (r.0.as_str(), r.2.as_deref())).collect();
        assert_eq!(ends, [("A", Some("11:00")), ("B", None), ("C", Some("10:30")), ("D", None)]);
    }

    #[test]
    fn a_group_row_is_not_a_row_and_parallel_rows_are_kept() {
        let got = rows(
            "| 09:10--10:50 | Session I |\n|--|--|\n| 09:10--09:30 | A |\n| 09:30--09:50 | B |\n\n\
             | 14:00 | Lab 5 |\n|--|--|\n| 14:00 | Lab 5 advanced |\n",
        );
        let titles: Vec<&str> = got.iter().map(|r| r.0.as_str()).collect();
        assert_eq!(titles, ["A", "B", "Lab 5", "Lab 5 advanced"]);
    }
}
