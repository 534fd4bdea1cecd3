//! Clock readings as 24-hour times: which half of the day a time written
//! without am/pm means, decided for the whole page.
//!
//! Each row gets its candidate readings, each with a cost: a time written
//! with am/pm or on the 24-hour clock has one reading (and a costly one
//! with the suffix flipped, for typos); a time like `1:30` on a page that
//! writes no 24-hour time has two. The page's habit sets the costs: on a
//! page that writes `14:00`, `2:00` is 2 am unless everything around it
//! says otherwise. Then the readings of each day's rows, in the order the
//! page lists them, are chosen together (a shortest path): times that go
//! back, sessions of many hours and sessions in the small hours cost. The
//! runner-up of every choice is known: when it is about as good as the
//! choice and gives another time, the page does not decide, and the
//! reading says so.

use chrono::{Duration, NaiveTime, Timelike};

use super::*;

/// One way to read a row's times.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Candidate {
    start: NaiveTime,
    end: Option<NaiveTime>,
    cost: f32,
    /// The page's weak habit (a 12-hour page's mornings and afternoons):
    /// it decides the first row of a list, whose reading the rows after it
    /// then follow, and is not paid again on every row.
    weak: f32,
    /// The end was dropped because no reading of it comes after the start.
    dropped_end: bool,
    /// A suffix written on the page was read as the other half of the day.
    flipped: bool,
    /// A time without am/pm was read as afternoon or evening.
    shifted: bool,
}

/// How the page writes its clock, from all its rows.
#[derive(Debug, Clone, Copy)]
struct Habit {
    /// Some time is written on the 24-hour clock (`14:00`, `00:30`).
    clock24: bool,
    /// Some time carries am/pm.
    suffixed: bool,
    /// A zero-padded time is written on the 12-hour clock: a range
    /// (`12:30-01:30`) ends at one that can only be afternoon.
    padded12: bool,
}

impl Habit {
    fn of(rows: &[Row]) -> Habit {
        let clocks = || rows.iter().flat_map(|r| [Some(r.start), r.end]).flatten();
        Habit {
            clock24: clocks().any(|c| c.pm.is_none() && (c.hour >= 13 || c.hour == 0)),
            suffixed: clocks().any(|c| c.pm.is_some() && !(c.hour == 12 && c.minute == 0)),
            padded12: rows.iter().any(|r| {
                r.end.is_some_and(|e| {
                    e.padded
                        && e.pm.is_none()
                        && r.start.pm.is_none()
                        && (1..=11).contains(&e.hour)
                        && e.time() <= r.start.time()
                        && e.time().map(shift) > r.start.time()
                })
            }),
        }
    }
}

/// Backwards by more than a quarter of an hour within one list.
const BACKWARDS: f32 = 6.0;
/// A suffix on the page read as its opposite.
const FLIP: f32 = 5.0;
/// When the runner-up is this close, the page does not decide.
pub(super) const MARGIN: f32 = 0.75;

fn shift(t: NaiveTime) -> NaiveTime {
    t.overflowing_add_signed(Duration::hours(12)).0
}

/// One reading of one clock.
#[derive(Debug, Clone, Copy)]
struct Reading {
    time: NaiveTime,
    cost: f32,
    weak: f32,
    flipped: bool,
    shifted: bool,
}

/// The readings of one clock.
fn readings(c: &Clock, habit: Habit) -> Vec<Reading> {
    let Some(t) = c.time() else { return Vec::new() };
    let read = |time, cost, weak, flipped, shifted| Reading { time, cost, weak, flipped, shifted };
    let mut out = vec![read(t, 0.0, 0.0, false, false)];
    match c.pm {
        // `2:00 pm` is 14:00; read the other way only as a typo
        Some(_) if c.hour >= 1 && c.hour <= 12 => {
            let other = Clock { pm: c.pm.map(|p| !p), ..*c };
            if let Some(o) = other.time() {
                out.push(read(o, FLIP, 0.0, true, false));
            }
        }
        Some(_) => {}
        None if (1..=11).contains(&c.hour) => {
            // the habit of the page decides the prior; the order of the
            // rows decides the rest
            let pm = shift(t);
            // nobody writes `09:00` for nine in the evening; `01:30` on a
            // page with no 24-hour time is a 12-hour clock written with a
            // zero; a page that writes `14:00` means 2:00 as written
            if c.padded && !habit.padded12 {
                out.push(read(pm, 7.0, 0.0, false, true));
            } else if habit.clock24 && !habit.suffixed {
                out.push(read(pm, 4.0, 0.0, false, true));
            } else if c.hour <= 6 {
                // nobody starts a session at half past one at night
                out[0].weak = 1.5;
                out.push(read(pm, 0.0, 0.0, false, true));
            } else {
                out.push(read(pm, 0.0, 1.0, false, true));
            }
        }
        None => {}
    }
    out
}

/// A row's candidates: every reading of its start with every reading of
/// its end that comes after it.
fn candidates(r: &Row, habit: Habit) -> Vec<Candidate> {
    // a start without am/pm shares the end's (`01:00 - 02:00 PM`,
    // `11:00 - 1:00 pm` if only the other half goes forward)
    let starts = match (r.start.pm, r.end.and_then(|e| e.pm)) {
        (None, Some(pm)) if (1..=11).contains(&r.start.hour) => {
            let same = Clock { pm: Some(pm), ..r.start };
            let other = Clock { pm: Some(!pm), ..r.start };
            [(same, 0.0), (other, 0.5)]
                .iter()
                .filter_map(|(c, weak)| {
                    Some(Reading {
                        time: c.time()?,
                        cost: 0.0,
                        weak: *weak,
                        flipped: false,
                        shifted: c.pm == Some(true),
                    })
                })
                .collect()
        }
        _ => readings(&r.start, habit),
    };
    let ends = r.end.map(|e| readings(&e, habit));
    let mut out = Vec::new();
    for a in &starts {
        let (s, sc, sw, sf, ss) = (a.time, a.cost, a.weak, a.flipped, a.shifted);
        match &ends {
            None => out.push(Candidate {
                start: s,
                end: None,
                cost: sc,
                weak: sw,
                dropped_end: false,
                flipped: sf,
                shifted: ss,
            }),
            Some(ends) => {
                let mut any = false;
                for b in ends {
                    let (e, ec, ew, ef, es) = (b.time, b.cost, b.weak, b.flipped, b.shifted);
                    // `24:00` and ends after midnight are not read here
                    if e <= s {
                        continue;
                    }
                    any = true;
                    let hours = (e - s).num_minutes() as f32 / 60.0;
                    let long = if hours > 10.0 {
                        5.0
                    } else if hours > 6.0 {
                        2.0
                    } else {
                        0.0
                    };
                    out.push(Candidate {
                        start: s,
                        end: Some(e),
                        // the end's own prior counts half: its start has paid
                        cost: sc + ec / 2.0 + long,
                        weak: sw + ew / 2.0,
                        dropped_end: false,
                        flipped: sf || ef,
                        shifted: ss || es,
                    });
                }
                if !any {
                    // `24:00` ends the day: not an end before the start
                    let midnight = r.end.is_some_and(|e| e.end_of_day);
                    out.push(Candidate {
                        start: s,
                        end: None,
                        cost: sc + if midnight { 0.0 } else { 6.0 },
                        weak: sw,
                        dropped_end: true,
                        flipped: sf,
                        shifted: ss,
                    });
                }
            }
        }
    }
    // a session starting in the small hours is unlikely on any page
    for c in &mut out {
        if c.start.hour() < 6 && !(r.start.pm.is_none() && (r.start.hour == 0 || r.start.padded)) {
            c.cost += 1.0;
        }
    }
    out
}

/// The cost of reading `b` right after `a` in one list.
fn step(a: &Candidate, b: &Candidate) -> f32 {
    let back = (a.start - b.start).num_minutes();
    if back > 15 {
        BACKWARDS
    } else if back > 0 {
        1.0
    } else if (b.start - a.start).num_hours() >= 10 {
        2.0
    } else {
        0.0
    }
}

/// The chosen reading of every row of one list, and for each row the cost
/// of the best path that reads it otherwise (with another start).
fn choose(cands: &[Vec<Candidate>]) -> (Vec<usize>, Vec<Option<f32>>) {
    let n = cands.len();
    // forward and backward shortest paths give, for every candidate, the
    // best whole path through it
    let mut fwd: Vec<Vec<(f32, usize)>> = Vec::with_capacity(n);
    for (i, cs) in cands.iter().enumerate() {
        let mut layer = Vec::with_capacity(cs.len());
        for c in cs {
            let best = if i == 0 {
                (c.cost + c.weak, 0)
            } else {
                fwd[i - 1]
                    .iter()
                    .enumerate()
                    .map(|(k, (acc, _))| (acc + step(&cands[i - 1][k], c) + c.cost, k))
                    .fold((f32::INFINITY, 0), |m, x| if x.0 < m.0 { x } else { m })
            };
            layer.push(best);
        }
        fwd.push(layer);
    }
    // (the backward pass never reaches row 0's weak prior: the forward
    // pass holds it)
    let mut bwd: Vec<Vec<f32>> = vec![Vec::new(); n];
    for i in (0..n).rev() {
        bwd[i] = cands[i]
            .iter()
            .map(|c| {
                if i + 1 == n {
                    0.0
                } else {
                    cands[i + 1]
                        .iter()
                        .enumerate()
                        .map(|(k, d)| step(c, d) + d.cost + bwd[i + 1][k])
                        .fold(f32::INFINITY, f32::min)
                }
            })
            .collect();
    }
    let mut path = vec![0; n];
    if n == 0 {
        return (path, Vec::new());
    }
    let last = &fwd[n - 1];
    let mut k = (0..last.len()).fold(0, |m, x| if last[x].0 < last[m].0 { x } else { m });
    for i in (0..n).rev() {
        path[i] = k;
        k = fwd[i][k].1;
    }
    let runner_up = (0..n)
        .map(|i| {
            let chosen = cands[i][path[i]].start;
            (0..cands[i].len())
                .filter(|&k| cands[i][k].start != chosen)
                .map(|k| fwd[i][k].0 + bwd[i][k])
                .fold(None, |m: Option<f32>, x| Some(m.map_or(x, |m| m.min(x))))
                .map(|alt| alt - (fwd[i][path[i]].0 + bwd[i][path[i]]))
        })
        .collect();
    (path, runner_up)
}

/// A row's start and end as 24-hour times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    pub(super) start: NaiveTime,
    pub(super) end: Option<NaiveTime>,
    /// The end is midnight at the end of the day (`24:00`).
    pub(super) to_midnight: bool,
}

/// Each row's times (none for a row with no date).
pub(super) type Times = Vec<Option<Span>>;

/// A row whose half of the day the page does not decide.
#[derive(Debug, Clone)]
pub(super) struct Undecided {
    pub(super) row: usize,
    pub(super) chosen: NaiveTime,
    pub(super) other: NaiveTime,
}

impl Reader<'_> {
    /// Clock readings as 24-hour times, chosen for the whole page. Rows of
    /// one day in one table or list are read together, in page order.
    pub(super) fn clock_times(
        &mut self,
        rows: &[Row],
        days: &[Option<NaiveDate>],
    ) -> (Times, Vec<Undecided>) {
        let habit = Habit::of(rows);
        let mut out: Times = vec![None; rows.len()];
        let mut undecided = Vec::new();
        // the lists: rows of one day, one table or list, one room
        let mut groups: BTreeMap<(NaiveDate, usize, String), Vec<usize>> = BTreeMap::new();
        for (i, (r, d)) in rows.iter().zip(days).enumerate() {
            if let Some(d) = d
                && r.start.time().is_some()
            {
                groups
                    .entry((*d, r.region, r.room.clone().unwrap_or_default()))
                    .or_default()
                    .push(i);
            }
        }
        let mut shifted = 0;
        let mut first_shifted = None;
        for members in groups.values() {
            let cands: Vec<Vec<Candidate>> =
                members.iter().map(|&i| candidates(&rows[i], habit)).collect();
            let (path, runner_up) = choose(&cands);
            for (k, &i) in members.iter().enumerate() {
                let c = cands[k][path[k]];
                let r = &rows[i];
                if let Some(gap) = runner_up[k]
                    && gap < MARGIN
                    && !r.marker
                {
                    let other =
                        cands[k].iter().find(|o| o.start != c.start).map_or(c.start, |o| o.start);
                    undecided.push(Undecided { row: i, chosen: c.start, other });
                }
                if c.flipped && !r.marker {
                    self.found.push(
                        Diagnostic::warning(format!(
                            "`{}` is written at {}, out of order with the rows around it: read as {}{}",
                            shown(&r.title),
                            written(r),
                            c.start.format("%H:%M"),
                            c.end.map(|e| format!("–{}", e.format("%H:%M"))).unwrap_or_default()
                        ))
                        .at(self.loc(r.offset, 1))
                        .help("correct am/pm on the page"),
                    );
                }
                if c.dropped_end && !r.marker && !r.end.is_some_and(|e| e.end_of_day) {
                    // the range as the page writes it
                    let at = r.offset.min(self.text.len());
                    let page = self.text.get(at..).unwrap_or("");
                    let range = clock::leading(page)
                        .and_then(|s| page.get(s.range))
                        .map_or_else(|| written(r), str::to_owned);
                    let end = r
                        .end
                        .and_then(|e| e.time())
                        .map_or(String::new(), |e| e.format("%H:%M").to_string());
                    self.found.push(
                        Diagnostic::warning(format!(
                            "`{}` ends at {end}, not after it starts at {}",
                            shown(&range),
                            c.start.format("%H:%M")
                        ))
                        .at(self.loc(r.offset, 1))
                        .help("this end is not used; correct it"),
                    );
                }
                if r.start.stray_suffix || r.end.is_some_and(|e| e.stray_suffix) {
                    self.found.push(
                        Diagnostic::note(format!(
                            "`{}` is written on the 24-hour clock with am/pm: the am/pm is not used",
                            shown(&r.title)
                        ))
                        .at(self.loc(r.offset, 1)),
                    );
                }
                if c.shifted {
                    shifted += 1;
                    first_shifted.get_or_insert(r.offset);
                }
                let mut end = c.end;
                if end.is_none()
                    && let Some(m) = r.minutes
                {
                    let (e, wrap) = c.start.overflowing_add_signed(Duration::minutes(i64::from(m)));
                    end = (wrap == 0).then_some(e);
                }
                if end.is_none()
                    && let Some(e) = stated_end(&r.title, &r.details, c.start)
                {
                    end = Some(e);
                }
                // `22:00 – 24:00` ends at midnight, the start of the next day
                let to_midnight = c.dropped_end && r.end.is_some_and(|e| e.end_of_day);
                if to_midnight {
                    end = None;
                }
                out[i] = Some(Span { start: c.start, end, to_midnight });
            }
        }
        if let Some(at) = first_shifted {
            self.found.push(
                Diagnostic::note(format!(
                    "{shifted} time{} written without am/pm read as afternoon or evening, from the order of the rows",
                    if shifted == 1 { "" } else { "s" }
                ))
                .at(self.loc(at, 1))
                .help("write am/pm or 24-hour times on the page to be sure"),
            );
        }
        (out, undecided)
    }
}

/// The row's times as written, for messages.
fn written(r: &Row) -> String {
    let f = |c: &Clock| {
        let suffix = match c.pm {
            Some(true) => "pm",
            Some(false) => "am",
            None => "",
        };
        format!("{}:{:02}{suffix}", c.hour, c.minute)
    };
    match &r.end {
        Some(e) => format!("{}–{}", f(&r.start), f(e)),
        None => f(&r.start),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clock(hour: u32, minute: u32, pm: Option<bool>) -> Clock {
        Clock { hour, minute, pm, ..Clock::default() }
    }

    fn read(rows: &[(Clock, Option<Clock>)]) -> (Vec<String>, Vec<Option<f32>>) {
        let r = |s: Clock, e: Option<Clock>| Row {
            day: Day::Unsaid,
            start: s,
            end: e,
            minutes: None,
            title: "x".into(),
            details: Vec::new(),
            presenter: None,
            room: None,
            section: None,
            links: Vec::new(),
            offset: 0,
            approximate: false,
            zone: None,
            zone_offset: 0,
            marker: false,
            region: 0,
            block: 0,
        };
        let rows: Vec<Row> = rows.iter().map(|(s, e)| r(*s, *e)).collect();
        let habit = Habit::of(&rows);
        let cands: Vec<Vec<Candidate>> = rows.iter().map(|x| candidates(x, habit)).collect();
        let (path, gaps) = choose(&cands);
        let times = path
            .iter()
            .enumerate()
            .map(|(i, &k)| {
                let c = cands[i][k];
                format!(
                    "{}{}",
                    c.start.format("%H:%M"),
                    c.end.map(|e| e.format("-%H:%M").to_string()).unwrap_or_default()
                )
            })
            .collect();
        (times, gaps)
    }

    #[test]
    fn twelve_hour_times_go_forward_through_the_day() {
        let (t, _) = read(&[
            (clock(11, 0, None), Some(clock(12, 0, None))),
            (clock(12, 0, None), Some(clock(1, 0, None))),
            (clock(1, 0, None), Some(clock(1, 30, None))),
            (clock(5, 0, None), None),
        ]);
        assert_eq!(t, ["11:00-12:00", "12:00-13:00", "13:00-13:30", "17:00"]);
    }

    #[test]
    fn a_typo_between_two_neighbours_is_flipped_but_a_second_track_is_not() {
        let (t, _) = read(&[
            (clock(8, 50, Some(false)), None),
            (clock(11, 30, Some(true)), None),
            (clock(5, 0, Some(true)), None),
        ]);
        assert_eq!(t, ["08:50", "11:30", "17:00"]);
        let (t, _) = read(&[
            (clock(10, 0, Some(false)), Some(clock(11, 5, Some(false)))),
            (clock(11, 5, Some(true)), Some(clock(12, 0, Some(true)))),
            (clock(12, 0, Some(true)), Some(clock(1, 0, Some(true)))),
        ]);
        assert_eq!(t, ["10:00-11:05", "11:05-12:00", "12:00-13:00"]);
        let (t, _) = read(&[
            (clock(9, 0, Some(false)), None),
            (clock(5, 0, Some(true)), None),
            (clock(9, 0, Some(false)), None),
            (clock(10, 0, Some(false)), None),
        ]);
        assert_eq!(t, ["09:00", "17:00", "09:00", "10:00"]);
    }

    #[test]
    fn a_padded_start_shares_the_end_s_pm_and_a_24_hour_page_stays_24_hour() {
        let padded = Clock { hour: 1, minute: 0, padded: true, ..Clock::default() };
        let (t, _) =
            read(&[(clock(9, 0, Some(false)), None), (padded, Some(clock(2, 0, Some(true))))]);
        assert_eq!(t, ["09:00", "13:00-14:00"]);
        let p = |hour, minute| Clock { hour, minute, padded: true, ..Clock::default() };
        let (t, _) = read(&[
            (p(11, 0), Some(p(12, 30))),
            (p(12, 30), Some(p(1, 30))),
            (p(1, 30), Some(p(3, 0))),
            (p(3, 0), Some(p(3, 30))),
        ]);
        assert_eq!(t, ["11:00-12:30", "12:30-13:30", "13:30-15:00", "15:00-15:30"]);
        let (t, _) = read(&[(clock(13, 0, None), None), (clock(2, 0, None), None)]);
        assert_eq!(t, ["13:00", "14:00"], "2:00 after 13:00 in one list goes forward");
    }
}
