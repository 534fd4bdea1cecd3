//! Day markers: the short texts that say which day the rows below (or in a
//! column) are on: a date, maybe without its year (`Monday, Oct. 23`,
//! `Mardi 22 juin`), `Day 2`, a weekday with its day of the month but no
//! month (`jeudi 23`, `Friday 24th`, `Sa. 14.`), or a weekday alone
//! (`Samstag`).

use chrono::Weekday;

use super::super::render::blocks::{Block, Kind};
use super::super::tokens::{clock, dates};
use super::grids::{extent, id_at};
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
    /// A weekday and a day of the month without its month (`jeudi 23`):
    /// that day in the first day's month, or the next, on that weekday.
    OfMonth(Weekday, u32, usize),
}

impl Day {
    /// What identifies the day, ignoring where it was written.
    pub(crate) fn key(&self) -> (u8, i32, u32, u32) {
        match self {
            Day::Unsaid => (0, 0, 0, 0),
            Day::Date(p, _) => (1, p.year.unwrap_or(0), p.month, p.day),
            Day::Number(n, _) => (2, 0, *n, 0),
            Day::Weekday(w, _) => (3, 0, w.num_days_from_monday(), 0),
            Day::OfMonth(w, n, _) => (4, 0, *n, w.num_days_from_monday()),
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
    // `01/05 - Monday`: numbers that are no date by themselves (day or
    // month first?) before a weekday: the weekday, dated by its place
    // among the programme's days
    let unnumbered = first_line.trim_start_matches(|c: char| {
        c.is_ascii_digit() || matches!(c, '/' | '.' | '-' | '–' | ' ')
    });
    if phrases.is_empty()
        && unnumbered.len() < first_line.len()
        && first_line.starts_with(|c: char| c.is_ascii_digit())
    {
        if let Some(w) = dates::weekday_only(unnumbered) {
            return Some(Day::Weekday(w, offset));
        }
        if let Some((w, n)) = weekday_and_day(unnumbered) {
            return Some(Day::OfMonth(w, n, offset));
        }
    }
    if phrases.is_empty()
        && let Some((w, n)) = weekday_and_day(first_line)
        && !is_deadline_text(first_line)
    {
        return Some(Day::OfMonth(w, n, offset));
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
        // a whole date opening the line labels a day and its theme
        // (`Wednesday, 25th March 2020 Independent work on the release`)
        let opens = first_line[..p.range.start].trim().is_empty()
            && (p.year.is_some() || p.weekday.is_some());
        if p.last_day.is_some() || words_after.count() > if opens { 12 } else { 6 } {
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

/// Tabs of days (`<ul class="nav-tabs"><li>MON, 02 OCT</li>…</ul>` then
/// one `<div class="tab-pane">` each): a run of two or more sibling blocks
/// that are days, followed right away by as many sibling elements of one
/// kind, dates each element by its tab, in order. Returns where each pane
/// starts and its day.
pub(super) fn tab_panes(blocks: &[Block]) -> Vec<(usize, Day)> {
    let parent = |b: &Block| b.path.len().checked_sub(2).and_then(|d| id_at(b, d));
    let is_day = |b: &Block| {
        !matches!(b.kind, Kind::Row { .. }) && !b.path.is_empty() && day_of(b.text(), 0).is_some()
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        if !is_day(&blocks[i]) {
            i += 1;
            continue;
        }
        let run =
            blocks[i..].iter().take_while(|b| is_day(b) && parent(b) == parent(&blocks[i])).count();
        let first = i + run;
        i = first;
        if run < 2 || first >= blocks.len() {
            continue;
        }
        for depth in 0..blocks[first].path.len() {
            if extent(blocks, first, depth).start != first {
                continue;
            }
            let sig = blocks[first].path[depth].sig;
            let above = depth.checked_sub(1).and_then(|d| id_at(&blocks[first], d));
            let mut panes = Vec::new();
            let mut at = first;
            while at < blocks.len()
                && blocks[at].path.get(depth).is_some_and(|n| n.sig == sig)
                && depth.checked_sub(1).and_then(|d| id_at(&blocks[at], d)) == above
                && panes.len() <= run
            {
                panes.push(at);
                at = extent(blocks, at, depth).end;
            }
            if panes.len() == run {
                for (k, start) in panes.into_iter().enumerate() {
                    let label = &blocks[first - run + k];
                    if let Some(d) = day_of(label.text(), label.offset()) {
                        out.push((start, d));
                    }
                }
                break;
            }
        }
    }
    out
}

/// Suffixes written after a day of the month: `24th`, `1er`, `2e`, `14.`.
const ORDINALS: &[&str] = &["st", "nd", "rd", "th", "er", "re", "e", "ème", "º", "ª", "."];

/// `jeudi 23`, `Friday 24th`, `Sa. 14.`, `Friday 24th – Workshops`: a
/// weekday, then a day of the month with nothing after it but an ordinal
/// suffix, or a separator and a short label.
fn weekday_and_day(text: &str) -> Option<(Weekday, u32)> {
    let digits_at = text.find(|c: char| c.is_ascii_digit())?;
    let head = text[..digits_at].trim_end_matches([' ', ',', '\u{a0}']);
    let w = dates::weekday_only(head)?;
    let rest = &text[digits_at..];
    let len = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    let n: u32 = rest[..len].parse().ok().filter(|n| (1..=31).contains(n))?;
    let mut tail = &rest[len..];
    for o in ORDINALS {
        if let Some(t) = tail.strip_prefix(o)
            && !t.starts_with(char::is_alphabetic)
        {
            tail = t;
            break;
        }
    }
    let tail = tail.trim();
    let label = tail.trim_start_matches([':', '-', '–', '—', '|', '(', ')', ',', '.']);
    let fits = tail.is_empty()
        || (label.len() < tail.len()
            && !label.chars().any(|c| c.is_ascii_digit())
            && label.split_whitespace().count() <= 6);
    fits.then_some((w, n))
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
        assert!(matches!(day_of("01/05 - Monday", 0), Some(Day::Weekday(Weekday::Mon, 0))));
        assert!(matches!(day_of("02/05 - Martedì 2", 0), Some(Day::OfMonth(Weekday::Tue, 2, 0))));
        assert_eq!(day_of("2 - Talks", 0), None);
        assert!(matches!(
            day_of(
                "Wednesday, 25th March 2020 Independent work on release management and webpage",
                0
            ),
            Some(Day::Date(..))
        ));
        assert_eq!(
            day_of(
                "On 25 March we will have independent work on release management and the webpage",
                0
            ),
            None,
            "a sentence"
        );
        assert_eq!(day_of("Important dates: March 3", 0), None);
    }

    #[test]
    fn tabs_of_days_date_their_panes_in_order() {
        use crate::source::page::render::{blocks::Builder, html};
        let mut b = Builder::new();
        html::feed(
            "<ul class=tabs><li>MON, 02 OCT 2023</li><li>TUE, 03 OCT 2023</li></ul>\
             <div class=content><div class=pane><table><tr><td>09:00</td><td>A</td></tr></table></div>\
             <div class=pane><p>Room 1</p><table><tr><td>09:00</td><td>B</td></tr></table></div></div>",
            0,
            &mut b,
        );
        let f = super::super::find(&b.finish().blocks);
        let days: Vec<(&str, u32)> =
            f.rows.iter().map(|r| (r.title.as_str(), r.day.key().3)).collect();
        assert_eq!(days, [("A", 2), ("B", 3)]);
    }

    #[test]
    fn a_weekday_with_a_day_of_the_month_is_a_day() {
        let of_month = |t: &str| match day_of(t, 0) {
            Some(Day::OfMonth(w, n, _)) => Some((w, n)),
            _ => None,
        };
        assert_eq!(of_month("jeudi 23"), Some((Weekday::Thu, 23)));
        assert_eq!(of_month("Friday 24th"), Some((Weekday::Fri, 24)));
        assert_eq!(of_month("Sa. 14."), Some((Weekday::Sat, 14)));
        assert_eq!(of_month("Friday 24th – Workshops"), Some((Weekday::Fri, 24)));
        assert_eq!(of_month("Friday 24 talks"), None);
        assert_eq!(of_month("Monday 10:00"), None);
        assert_eq!(of_month("Friday 42"), None);
    }
}
