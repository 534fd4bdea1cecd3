//! The calendar: the event's first day, the year of days written without
//! one, and the date of every row.

use super::*;

impl Reader<'_> {
    /// The date rows with no day of their own are on.
    pub(super) fn first_day(
        &mut self,
        found: &programme::Programme,
        claims: &[DateClaim],
        partials: &[(dates::Phrase, usize, u32)],
        years: &BTreeMap<i32, u32>,
        forced: Option<NaiveDate>,
        hours: Option<&Hours>,
    ) -> Result<NaiveDate> {
        if let Some(d) = forced {
            // the page's own date, overruled, is worth a warning
            if let Some(c) = claims
                .iter()
                .filter(|c| {
                    c.weight >= 2 && c.date != d && c.last.is_none_or(|l| d > l || d < c.date)
                })
                .max_by_key(|c| c.weight)
            {
                self.found.push(
                    Diagnostic::warning(format!(
                        "{} gives the date {}, but the event is on {} (`--date`)",
                        c.source,
                        long(c.date),
                        long(d)
                    ))
                    .at(self.loc(c.at, 1))
                    .help("correct the page, or drop `--date` if the page is right"),
                );
            }
            return Ok(d);
        }
        if let Some(d) = hours.and_then(|h| h.date) {
            return Ok(d);
        }
        // a programme whose days are dated: the first of them
        let mut rejected: Vec<String> = Vec::new();
        let mut dated: Vec<NaiveDate> = Vec::new();
        for d in &found.days {
            if let Day::Date(p, at) = d {
                match self.year_for(p, *at, claims, years) {
                    Ok(date) => dated.push(date),
                    Err(why) => rejected.push(format!(
                        "`{}`: {why}",
                        self.text
                            .get(*at + p.range.start..*at + p.range.end)
                            .unwrap_or("a day heading")
                    )),
                }
            }
        }
        if let Some(d) = dated.into_iter().min() {
            return Ok(d);
        }
        rejected.dedup();
        self.rejected_days = rejected;
        let strong: Vec<&DateClaim> = claims.iter().filter(|c| c.weight > 0).collect();
        let best = strong.iter().map(|c| c.weight).max();
        let Some(best) = best else {
            // dates written without a year (`On Saturday, November 7`),
            // placed in the page's year
            let mut resolved: Vec<(u32, NaiveDate, usize)> = partials
                .iter()
                .filter_map(|(p, base, w)| {
                    Some((*w, self.year_for(p, 0, claims, years).ok()?, base + p.range.start))
                })
                .collect();
            resolved.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(&b.2)));
            let top = resolved.first().map(|r| r.0);
            let mut dates: Vec<NaiveDate> =
                resolved.iter().filter(|r| Some(r.0) == top).map(|r| r.1).collect();
            dates.sort();
            dates.dedup();
            if let [d] = dates.as_slice() {
                let at = resolved[0].2;
                self.found.push(
                    Diagnostic::note(format!(
                        "the event's date is written without a year: read as {}",
                        long(*d)
                    ))
                    .at(self.loc(at, 1))
                    .help("write the year, or pass `--date`"),
                );
                return Ok(*d);
            }
            return Err(self.no_date(claims));
        };
        let mut top: Vec<NaiveDate> =
            strong.iter().filter(|c| c.weight == best).map(|c| c.date).collect();
        top.sort();
        top.dedup();
        // a stated range (`October 10–12`) starts the event
        if let [only] = top.as_slice() {
            return Ok(*only);
        }
        // dates the heaviest claims agree on across the page
        let mut support: BTreeMap<NaiveDate, u32> = BTreeMap::new();
        for c in &strong {
            *support.entry(c.date).or_default() += c.weight;
        }
        let mut ranked: Vec<(u32, NaiveDate)> = support.into_iter().map(|(d, w)| (w, d)).collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        // a programme whose days are named relatively (`Monday`, `Day 2`,
        // `jeudi 23`)
        // starts on the first of the dates the page states close together
        // (`from Monday 8 July to Tuesday 9 July`)
        let relative = found.days.iter().any(|d| !matches!(d, Day::Date(..) | Day::Unsaid));
        if relative
            && let (Some(first), Some(last)) = (top.first(), top.last())
            && (*last - *first).num_days() <= 14
        {
            self.found.push(
                Diagnostic::note(format!(
                    "the programme's days are counted from {}, the first date the page gives",
                    long(*first)
                ))
                .at(claims
                    .iter()
                    .find(|c| c.date == *first)
                    .map_or(Location::file(self.path), |c| self.loc(c.at, 1)))
                .help("pass `--date` if the programme starts on another day"),
            );
            return Ok(*first);
        }
        match ranked.as_slice() {
            [(w1, d1), (w2, _), ..] if w1 > w2 && *w1 >= 2 * *w2 => Ok(*d1),
            [(_, d1), (_, d2), ..] => {
                let at = claims.iter().find(|c| c.date == *d2).map(|c| c.at);
                Err(self.fail(
                    format!("the page gives several dates ({} and {}, …) and none is clearly the event's", long(*d1), long(*d2)),
                    at,
                    "pass `--date YYYY-MM-DD` with the event's (first) day".into(),
                ))
            }
            [(_, d)] => Ok(*d),
            [] => Err(self.no_date(claims)),
        }
    }

    /// Structured data the page's own programme contradicts: a template's
    /// leftover, worth a warning where it is.
    pub(super) fn check_structured(&mut self, first_day: NaiveDate) {
        for (what, at) in self.structured.unreadable.clone() {
            self.found.push(
                Diagnostic::note(format!("the page's structured data is not used: {what}"))
                    .at(self.loc(at, 1)),
            );
        }
        let mut warned = std::collections::BTreeSet::new();
        for (d, at) in self.structured.dates.clone() {
            let days = (d - first_day).num_days().abs();
            if days > 31 && warned.insert(d) {
                self.found.push(
                    Diagnostic::warning(format!(
                        "the page's structured data gives the date {}, but its programme is on {}",
                        long(d),
                        long(first_day)
                    ))
                    .at(self.loc(at, 1))
                    .help("a template may have left it behind; correct or remove it"),
                );
            }
        }
    }

    /// A page that states an event over several days but names no day for
    /// its rows cannot place them when their times go back (a second day's
    /// programme): refused rather than collapsed onto one date.
    pub(super) fn check_days(
        &self,
        found: &programme::Programme,
        claims: &[DateClaim],
        first_day: NaiveDate,
    ) -> Result<()> {
        let multi =
            claims.iter().any(|c| c.date == first_day && c.last.is_some_and(|l| l > first_day));
        let unsaid: Vec<&Row> =
            found.rows.iter().filter(|r| !r.marker && r.day == Day::Unsaid).collect();
        if !multi || unsaid.len() != found.rows.iter().filter(|r| !r.marker).count() {
            return Ok(());
        }
        let t = |r: &Row| r.start.time();
        if let Some(w) = unsaid.windows(2).find(|w| match (t(w[0]), t(w[1])) {
            (Some(a), Some(b)) => b + chrono::Duration::hours(2) < a,
            _ => false,
        }) {
            return Err(self.fail(
                format!(
                    "the event runs over several days from {}, but the programme names no day for its rows, and `{}` comes after a later time",
                    long(first_day),
                    shown(&w[1].title)
                ),
                Some(w[1].offset),
                "write the day above each day's rows (a heading such as `Tuesday, 11 March`), or pass `--date` for a one-day programme".into(),
            ));
        }
        Ok(())
    }

    pub(super) fn no_date(&self, claims: &[DateClaim]) -> Error {
        let mut seen: Vec<String> = claims
            .iter()
            .take(5)
            .map(|c| format!("{} in {} (not counted)", long(c.date), c.source))
            .collect();
        seen.extend(self.rejected_days.iter().take(3).map(|r| format!("day heading {r}")));
        let years: Vec<String> = self.years_seen.iter().map(i32::to_string).collect();
        seen.push(if years.is_empty() {
            "no year anywhere".to_owned()
        } else {
            format!("years {}", years.join(", "))
        });
        let seen = seen.join("; ");
        self.fail(
            format!("no event date found in `{}`", self.path.display()),
            None,
            format!(
                "looked for a dated day heading, a `Date:` line and dates with a year in the title, headings and text (saw: {seen}); dates next to deadline words are not the event's; pass `--date YYYY-MM-DD`"
            ),
        )
    }

    /// The year of a date written without one: the same day written with
    /// a year elsewhere, else the one year of the page's years on which its
    /// weekday falls, else the page's one strong year.
    pub(super) fn year_for(
        &self,
        p: &dates::Phrase,
        _at: usize,
        claims: &[DateClaim],
        years: &BTreeMap<i32, u32>,
    ) -> std::result::Result<NaiveDate, String> {
        if let Some(d) = p.date() {
            return Ok(d);
        }
        if let Some(c) = claims.iter().find(|c| {
            c.date.month() == p.month
                && (c.date.day() == p.day
                    || c.last.is_some_and(|l| (c.date.day()..=l.day()).contains(&p.day)))
        }) {
            return p.in_year(c.date.year()).ok_or_else(|| "no such day".to_owned());
        }
        let candidates: Vec<i32> = years.keys().copied().collect();
        if let Some(weekday) = p.weekday {
            let fits: Vec<i32> =
                candidates.iter().copied().filter(|y| p.weekday_fits(*y)).collect();
            // of several years that fit, one the page names far more often
            let mut by_weight: Vec<(u32, i32)> = fits.iter().map(|y| (years[y], *y)).collect();
            by_weight.sort_by(|a, b| b.cmp(a));
            if let [(w1, y1), (w2, _), ..] = by_weight.as_slice()
                && *w1 >= 2 * *w2
                && *w1 >= 3
            {
                return p.in_year(*y1).ok_or_else(|| "no such day".into());
            }
            return match fits.as_slice() {
                [y] => p.in_year(*y).ok_or_else(|| "no such day".into()),
                [] => Err(format!(
                    "no year the page names has {} {} on a {:?}",
                    p.day,
                    month_name(p.month),
                    weekday
                )),
                _ => Err(format!(
                    "several years the page names fit ({})",
                    fits.iter().map(i32::to_string).collect::<Vec<_>>().join(", ")
                )),
            };
        }
        let strong: Vec<i32> = years.iter().filter(|(_, w)| **w >= 2).map(|(y, _)| *y).collect();
        match strong.as_slice() {
            [y] => p.in_year(*y).ok_or_else(|| "no such day".into()),
            [] => Err("it has no year and the page names none strongly".into()),
            _ => Err(format!(
                "it has no year and the page names several ({})",
                strong.iter().map(i32::to_string).collect::<Vec<_>>().join(", ")
            )),
        }
    }

    /// The date of every row.
    pub(super) fn day_dates(
        &mut self,
        found: &programme::Programme,
        first_day: NaiveDate,
        forced: Option<NaiveDate>,
    ) -> Result<Vec<Option<NaiveDate>>> {
        let claims: Vec<DateClaim> = Vec::new();
        // years known from the first day decide dates written without one
        let mut years = BTreeMap::new();
        years.insert(first_day.year(), 10);
        let first_numbered = found.days.iter().find_map(|d| match d {
            Day::Number(n, _) => Some(*n),
            _ => None,
        });
        let first_dated = found.days.iter().find_map(|d| match d {
            Day::Date(p, _) => Some(p.clone()),
            _ => None,
        });
        // with --date, days written without a year are read in its year; a
        // first day that is not `--date` is worth saying
        if let (Some(f), Some(p)) = (forced, &first_dated)
            && p.year.is_none()
            && p.in_year(f.year()) != Some(f)
        {
            self.found.push(
                Diagnostic::warning(format!(
                    "`--date {f}` is not the programme's first day as written ({} {})",
                    p.day,
                    month_name(p.month)
                ))
                .at(Location::file(self.path))
                .help("the days are read in the year of `--date`, as written"),
            );
        }
        let weekdays = weekday_dates(found, first_day);
        let mut out = Vec::with_capacity(found.rows.len());
        let mut cache: BTreeMap<usize, Option<NaiveDate>> = BTreeMap::new();
        for r in &found.rows {
            let d = match &r.day {
                Day::Unsaid => Some(first_day),
                Day::Number(n, _) => {
                    let base = first_numbered.unwrap_or(1);
                    first_day.checked_add_signed(Duration::days(i64::from(*n) - i64::from(base)))
                }
                Day::Weekday(w, at) => weekdays.get(&(*at, w.num_days_from_monday())).copied(),
                // `jeudi 23` (structure's `Day::OfMonth`): in the first
                // day's month, or the next when it is smaller than the
                // first day's; not dated when the weekday does not fit
                Day::OfMonth(w, n, at) => {
                    if let Some(d) = cache.get(at) {
                        *d
                    } else {
                        let d = month_day(first_day, *w, *n);
                        if d.is_none() {
                            self.found.push(
                                Diagnostic::warning(format!(
                                    "a day of the programme cannot be dated: no {w:?} {n} in the month of {} or the next",
                                    long(first_day)
                                ))
                                .at(self.loc(*at, 1))
                                .help("its rows are left out; write the month, or correct the weekday"),
                            );
                        }
                        cache.insert(*at, d);
                        d
                    }
                }
                Day::Date(p, at) => {
                    if let Some(d) = cache.get(at) {
                        *d
                    } else {
                        let d = match self.year_for(p, *at, &claims, &years) {
                            Ok(d) => {
                                if p.weekday.is_some() && !p.weekday_fits(d.year()) {
                                    self.found.push(
                                        Diagnostic::warning(format!(
                                            "`{}` is not on the weekday written",
                                            long(d)
                                        ))
                                        .at(self.loc(*at + p.range.start, p.range.len()))
                                        .help("correct the weekday or the date"),
                                    );
                                }
                                Some(d)
                            }
                            Err(why) => {
                                self.found.push(
                                    Diagnostic::warning(format!(
                                        "a day of the programme cannot be dated: {why}"
                                    ))
                                    .at(self.loc(*at, 1))
                                    .help(
                                        "its rows are left out; write the year, or pass `--date`",
                                    ),
                                );
                                None
                            }
                        };
                        cache.insert(*at, d);
                        d
                    }
                }
            };
            out.push(d);
        }
        if out.iter().all(Option::is_none) && !found.rows.is_empty() {
            return Err(self.fail(
                "no day of the programme can be dated".into(),
                found.rows.first().map(|r| r.offset),
                "write the year with the days, or pass `--date YYYY-MM-DD` with the first day"
                    .into(),
            ));
        }
        Ok(out)
    }
}

/// The dates of days named by their weekday alone (`Monday`, `Tuesday`),
/// by where each is written and its weekday: in the order the page gives
/// them, each on or after the one before (the same name again is the same
/// day: pages repeat it on every row). The first day is the first of them
/// on its weekday (a page that dates only `Friday 17th July` and then lists
/// `Monday` … `Friday` means the Monday before); when none is, the first of
/// them is on or after it.
fn weekday_dates(
    found: &programme::Programme,
    first_day: NaiveDate,
) -> BTreeMap<(usize, u32), NaiveDate> {
    let mut named: Vec<(usize, chrono::Weekday)> = found
        .rows
        .iter()
        .filter_map(|r| match r.day {
            Day::Weekday(w, at) => Some((at, w)),
            _ => None,
        })
        .collect();
    named.sort_by_key(|n| (n.0, n.1.num_days_from_monday()));
    named.dedup();
    let key = |n: &(usize, chrono::Weekday)| (n.0, n.1.num_days_from_monday());
    let mut out = BTreeMap::new();
    let Some(anchor) = named
        .iter()
        .position(|n| n.1 == first_day.weekday())
        .or_else(|| (!named.is_empty()).then_some(0))
    else {
        return out;
    };
    let gap = |from: chrono::Weekday, to: chrono::Weekday| {
        (7 + i64::from(to.num_days_from_monday()) - i64::from(from.num_days_from_monday())) % 7
    };
    let Some(anchored) =
        first_day.checked_add_signed(Duration::days(gap(first_day.weekday(), named[anchor].1)))
    else {
        return out;
    };
    out.insert(key(&named[anchor]), anchored);
    let mut date = anchored;
    for n in &named[anchor + 1..] {
        let step = gap(date.weekday(), n.1);
        let Some(next) = date.checked_add_signed(Duration::days(step)) else { break };
        date = next;
        out.insert(key(n), date);
    }
    let mut date = anchored;
    for n in named[..anchor].iter().rev() {
        let step = gap(n.1, date.weekday());
        let Some(before) = date.checked_sub_signed(Duration::days(step)) else { break };
        date = before;
        out.insert(key(n), date);
    }
    out
}

/// The day `n` on weekday `w` in the month of `first`, or in the next month
/// when `n` is before `first`'s day (`jeudi 23` after `mercredi 22`,
/// `Monday 2nd` after `Friday 30th`).
fn month_day(first: NaiveDate, w: chrono::Weekday, n: u32) -> Option<NaiveDate> {
    let in_month = |y: i32, m: u32| NaiveDate::from_ymd_opt(y, m, n);
    let d = if n >= first.day() {
        in_month(first.year(), first.month())
    } else if first.month() == 12 {
        in_month(first.year() + 1, 1)
    } else {
        in_month(first.year(), first.month() + 1)
    };
    d.filter(|d| d.weekday() == w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_weekday_and_a_day_of_the_month_follow_the_first_day() {
        let first = NaiveDate::from_ymd_opt(2013, 5, 23).unwrap();
        let day = |w, n| month_day(first, w, n).map(|d| d.to_string());
        assert_eq!(day(chrono::Weekday::Fri, 24).as_deref(), Some("2013-05-24"));
        assert_eq!(day(chrono::Weekday::Mon, 3).as_deref(), Some("2013-06-03"));
        assert_eq!(day(chrono::Weekday::Sat, 24), None, "24 May 2013 is a Friday");
    }
}
