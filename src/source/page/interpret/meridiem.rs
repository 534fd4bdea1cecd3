//! Clock readings as 24-hour times: which half of the day a time written
//! without am/pm means, read for the whole page.

use super::*;

impl Reader<'_> {
    /// Clock readings as 24-hour times. On a page that writes no 24-hour
    /// time, a reading without am/pm is the one that goes forward through
    /// its day (`12:00 - 1:00`, then `1:00 - 1:30` is 13:00), and a day that
    /// starts at 1–6 o'clock starts in the afternoon; `11:05pm - 12:00pm`
    /// is read as 11:05 am. Each such reading is noted.
    pub(super) fn clock_times(
        &mut self,
        rows: &[Row],
        days: &[Option<NaiveDate>],
    ) -> Vec<Option<(NaiveTime, Option<NaiveTime>)>> {
        let twelve = |c: &Clock| c.pm.is_none() && (1..=12).contains(&c.hour);
        let any_24h =
            rows.iter().flat_map(|r| [Some(r.start), r.end]).flatten().any(|c| c.is_24h());
        let infer = !any_24h && rows.iter().any(|r| twelve(&r.start));
        let half = chrono::Duration::hours(12);
        let mut prev: BTreeMap<NaiveDate, NaiveTime> = BTreeMap::new();
        let mut noted = false;
        let mut out = Vec::with_capacity(rows.len());
        for (r, day) in rows.iter().zip(days) {
            let (Some(day), Some(mut start)) = (day, r.start.time()) else {
                out.push(None);
                continue;
            };
            let mut end = r.end.and_then(|e| e.time());
            if infer && twelve(&r.start) {
                let before = prev.get(day).copied();
                let later = start.overflowing_add_signed(half).0;
                let shifted = match before {
                    None => r.start.hour <= 6,
                    Some(p) => start < p && r.start.hour < 12 && later >= p,
                };
                if shifted {
                    start = later;
                    noted = true;
                }
            }
            if let (Some(e), Some(ec)) = (end, r.end)
                && e <= start
            {
                if infer && twelve(&ec) && ec.hour < 12 && e.overflowing_add_signed(half).0 > start
                {
                    end = Some(e.overflowing_add_signed(half).0);
                    noted = true;
                } else if r.start.pm == Some(true) && ec.pm == Some(true) && r.start.hour < 12 {
                    // `11:05pm - 12:00pm` for a morning panel
                    let morning = start.overflowing_add_signed(-half).0;
                    if morning < e {
                        self.found.push(
                            Diagnostic::warning(format!(
                                "`{}` is written to end before it starts: read as {}–{}",
                                shown(&r.title),
                                morning.format("%H:%M"),
                                e.format("%H:%M")
                            ))
                            .at(self.loc(r.offset, 1))
                            .help("correct am/pm on the page"),
                        );
                        start = morning;
                    }
                }
            }
            if end.is_none()
                && let Some(e) = stated_end(&r.title, &r.details, start)
            {
                end = Some(e);
            }
            prev.insert(*day, start);
            out.push(Some((start, end)));
        }
        // an explicit am/pm out of order with the rows around it is a typo
        // when the other half of the day puts it in order (`11:30 pm`
        // between `8:50 am` and `5:00 pm`)
        for i in 1..rows.len().saturating_sub(1) {
            let (Some(Some((p, _))), Some(Some((c, ce))), Some(Some((n, _)))) =
                (out.get(i - 1).cloned(), out.get(i).cloned(), out.get(i + 1).cloned())
            else {
                continue;
            };
            let same_day = days[i - 1] == days[i] && days[i] == days[i + 1];
            if !same_day || rows[i].start.pm.is_none() || (p <= c && c <= n) {
                continue;
            }
            let flipped = c
                .overflowing_add_signed(if rows[i].start.pm == Some(true) { -half } else { half })
                .0;
            if p <= flipped && flipped <= n && ce.is_none_or(|e| e > flipped) {
                self.found.push(
                    Diagnostic::warning(format!(
                        "`{}` at {} is out of order with the rows around it: read as {}",
                        shown(&rows[i].title),
                        c.format("%H:%M"),
                        flipped.format("%H:%M")
                    ))
                    .at(self.loc(rows[i].offset, 1))
                    .help("correct am/pm on the page"),
                );
                out[i] = Some((flipped, ce));
            }
        }
        if noted {
            self.found.push(
                Diagnostic::note("times written without am/pm are read as going forward through each day (a day starting at 1–6 o'clock starts in the afternoon)")
                    .at(rows.first().map_or(Location::file(self.path), |r| self.loc(r.offset, 1)))
                    .help("write am/pm or 24-hour times on the page to be sure"),
            );
        }
        out
    }
}
