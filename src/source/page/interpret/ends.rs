//! The ends of rows that give only a start, from the page's own evidence,
//! each with the rule that gave it.
//!
//! A row whose text gives its own range (`Dinner (18:30–20:00)`) ends
//! there; else a row ends where the next row of its list starts (one table
//! or list, one day; one room when rows of different rooms start
//! together); a row that starts together with the next one has no end
//! (`14:00 Opening remarks` above `14:00 – 14:20 First talk`); the last
//! row of a list ends where the next row of its day starts further down
//! the page (in another list), else with the event's stated end, else it
//! has none.

use super::content::hhmm;
use super::*;

impl Reader<'_> {
    /// Gives start-only sessions an end, and notes which rule applied.
    pub(super) fn fill_ends(
        &mut self,
        sessions: &mut [Session],
        rows: &[Option<usize>],
        found: &programme::Programme,
        event_end: Option<NaiveDateTime>,
    ) {
        // a list's rooms are tracks only when two of its rows start
        // together in different rooms; else a room is where one row is held
        // (`Zoom: Main Session`, `Slack`) and the next row ends it
        let mut first_room: BTreeMap<(usize, NaiveDateTime), &Option<String>> = BTreeMap::new();
        let mut parallel: std::collections::BTreeSet<usize> = std::collections::BTreeSet::new();
        for (s, o) in sessions.iter().zip(rows) {
            let Some(o) = o.map(|o| &found.rows[o]) else { continue };
            if **first_room.entry((o.region, s.start)).or_insert(&o.room) != o.room {
                parallel.insert(o.region);
            }
        }
        for i in 0..sessions.len() {
            if sessions[i].end.is_some() {
                continue;
            }
            let Some(r) = rows[i] else { continue };
            let row = &found.rows[r];
            let start = sessions[i].start;
            let tracks = parallel.contains(&row.region);
            let in_list = |k: usize| {
                rows[k].is_some_and(|o| {
                    let o = &found.rows[o];
                    o.region == row.region && (o.room == row.room || !tracks)
                }) && sessions[k].start.date() == start.date()
            };
            let next = (i + 1..sessions.len()).find(|&k| in_list(k)).map(|k| sessions[k].start);
            let title = if sessions[i].title.is_empty() {
                "(to be confirmed)".to_owned()
            } else {
                sessions[i].title.clone()
            };
            let what = format!("`{}` at {}", shown(&title), hhmm(start.time()));
            // `Dinner (18:30–20:00, last entry 19:30)`: the row says its
            // own range after its title
            let own = [Some(&sessions[i].title), sessions[i].description.as_ref()]
                .into_iter()
                .flatten()
                .flat_map(|t| clock::all(t))
                .find_map(|s| {
                    let end = s.end?.time()?;
                    (s.start.time()? == start.time() && end > start.time()).then_some(end)
                });
            let (end, rule) = match next {
                _ if own.is_some() => {
                    let end = own.map(|e| start.date().and_time(e));
                    (end, "ends as its own text says".to_owned())
                }
                Some(n) if n > start => (Some(n), "ends where the next row starts".to_owned()),
                Some(n) if n == start => {
                    (None, "has no end: it starts together with the next row".to_owned())
                }
                _ => {
                    let room = sessions[i].room.clone();
                    // rows further down the page, in other lists
                    let later = sessions[i + 1..]
                        .iter()
                        .filter(|s| {
                            s.start.date() == start.date()
                                && s.start > start
                                && (s.room.is_none() || s.room == room)
                        })
                        .map(|s| s.start)
                        .min();
                    match (later, event_end) {
                        (Some(n), _) => {
                            (Some(n), "ends where the next row of its day starts".to_owned())
                        }
                        (None, Some(e)) if e > start && e.date() == start.date() => {
                            (Some(e), format!("ends with the event, at {}", hhmm(e.time())))
                        }
                        _ => (
                            None,
                            "has no end: it is the last row and the page gives no end for the event"
                                .to_owned(),
                        ),
                    }
                }
            };
            sessions[i].end = end;
            self.found.push(Diagnostic::note(format!("{what} {rule}")).at(self.loc(row.offset, 1)));
        }
    }
}
