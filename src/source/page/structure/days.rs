//! Day markers: the short texts that say which day the rows below (or in a
//! column) are on: a date, maybe without its year (`Monday, Oct. 23`,
//! `Mardi 22 juin`), `Day 2`, or a weekday alone (`Samstag`).

use chrono::Weekday;

use super::super::tokens::{clock, dates};
use super::is_deadline_text;

/// Where a row's day comes from, as the page writes it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Day {
    /// Nothing said: the event's date.
    Unsaid,
    /// A date phrase (its year may be missing), at an offset.
    Date(dates::Phrase, usize),
    /// `Day N`, at an offset.
    Number(u32, usize),
    /// A weekday's name alone: that weekday on or after the first day.
    Weekday(Weekday, usize),
}

impl Day {
    /// What identifies the day, ignoring where it was written.
    pub(crate) fn key(&self) -> (u8, i32, u32, u32) {
        match self {
            Day::Unsaid => (0, 0, 0, 0),
            Day::Date(p, _) => (1, p.year.unwrap_or(0), p.month, p.day),
            Day::Number(n, _) => (2, 0, *n, 0),
            Day::Weekday(w, _) => (3, 0, w.num_days_from_monday(), 0),
        }
    }
}

/// A short text that names a day, and no time row: a date (over a day
/// number written with it: `Day 1 (Wed, Oct 2)` is 2 October), `Day N`, or
/// a weekday alone.
pub(crate) fn day_of(text: &str, offset: usize) -> Option<Day> {
    // a short block is read whole (`Thursday<br>January 6:`)
    let joined;
    let first_line = if text.len() <= 240 && text.chars().count() <= 60 {
        joined = text.replace('\n', " ");
        joined.as_str()
    } else {
        text.lines().next().unwrap_or("")
    };
    if first_line.len() > 360
        || first_line.chars().count() > 90
        || clock::leading(first_line).is_some()
    {
        return None;
    }
    let phrases = dates::find(first_line);
    if phrases.is_empty()
        && let Some(w) = dates::weekday_only(first_line)
    {
        return Some(Day::Weekday(w, offset));
    }
    let number = if phrases.is_empty() { dates::day_number(first_line) } else { None };
    if (phrases.is_empty() && number.is_none()) || is_deadline_text(first_line) {
        return None;
    }
    if let Some(p) = phrases.into_iter().next() {
        // `October 10–12` is the event's span, not one of its days; a
        // date with much text after it is a sentence, not a day's label
        let rest = first_line[p.range.end..].trim();
        let words_after = rest.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic));
        if p.last_day.is_some() || words_after.count() > 6 {
            return None;
        }
        return Some(Day::Date(p, offset));
    }
    let n = number?;
    // `Day 2`, `Day 2: Finale`, `Day 1 - Arrival` name a day; `Day 1
    // Roadmap`, `Day 1 Closing` are titles
    let lower = first_line.to_lowercase();
    let after = lower.split_once(&n.to_string()).map_or("", |(_, a)| a).trim_start();
    (after.is_empty() || after.starts_with([':', '-', '–', '—', '(', ',', '|', '.']))
        .then_some(Day::Number(n, offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_is_a_day_over_a_number_and_titles_are_not_days() {
        let date = |t: &str| match day_of(t, 0) {
            Some(Day::Date(p, _)) => Some((p.month, p.day)),
            _ => None,
        };
        assert_eq!(date("Day 1 (Wednesday, July 10)"), Some((7, 10)));
        assert_eq!(date("Monday, Oct. 23"), Some((10, 23)));
        assert_eq!(date("October 10–12, 2021"), None, "a span, not a day");
        assert!(matches!(day_of("Day 2: Finale", 0), Some(Day::Number(2, 0))));
        assert_eq!(day_of("Day 1 Closing", 0), None);
        assert!(matches!(day_of("Saturday", 0), Some(Day::Weekday(Weekday::Sat, 0))));
        assert_eq!(day_of("09:00 Monday meeting", 0), None);
        assert_eq!(day_of("Important dates: March 3", 0), None);
    }
}
