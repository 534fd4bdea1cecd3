//! The whole event's hours, as the page states them: front-matter start
//! and end keys, `Time: 9:00am - 5:00pm ET`, a line with a date and hours.

use super::*;

impl Reader<'_> {
    /// `date: 2025-04-12 10:00:00 +0800` with `date_end`, or `timeStart`:
    /// the event's own times in the front matter.
    pub(super) fn front_matter_hours(&self) -> Option<Hours> {
        let fields = &self.split.fields;
        let has_end = fields.iter().any(|f| END_KEYS.contains(&f.key.as_str()));
        let start = fields
            .iter()
            .find(|f| START_KEYS.contains(&f.key.as_str()) || (f.key == "date" && has_end))?;
        let end = fields.iter().find(|f| END_KEYS.contains(&f.key.as_str()));
        let (sd, st) = front_matter_time(&start.value)?;
        let e = end.and_then(|e| front_matter_time(&e.value));
        Some(Hours {
            utc: start.value.trim().ends_with('Z'),
            date: Some(sd),
            start: Clock {
                hour: st.hour(),
                minute: st.minute(),
                pm: None,
                padded: true,
                ..Clock::default()
            },
            end: e.filter(|(d, _)| *d == sd).map(|(_, t)| Clock {
                hour: t.hour(),
                minute: t.minute(),
                pm: None,
                padded: true,
                ..Clock::default()
            }),
            at: start.offset,
        })
    }

    /// `Time: 9:00am - 5:00pm ET`, or a line with a date and hours
    /// (`August 15, 2022, 8:30am-5:00pm EDT`, `Tuesday, April 16, 2019 |
    /// 6:30pm - 8:30pm`).
    pub(super) fn stated_hours(&self) -> Option<Hours> {
        for (i, b) in self.page.blocks.iter().enumerate() {
            if matches!(b.kind, Kind::Row { .. }) || self.not_event.contains(&i) {
                continue;
            }
            let text = b.text();
            for line in text.lines() {
                if programme::is_deadline_text(line) || clock::leading(line).is_some() {
                    continue;
                }
                // `Time:`, `Zeit:`, `Horaire :`, `日時：`: the line states hours
                let lower = line.to_lowercase();
                let label = lower.split([':', '：']).next().unwrap_or("").trim();
                let labelled = lower.contains([':', '：'])
                    && label.chars().count() <= 20
                    && programme::HOURS_LABELS.iter().any(|l| label == *l || label.ends_with(l));
                let date = dates::find(line).into_iter().next();
                if !labelled && date.is_none() {
                    continue;
                }
                let spans = clock::all(line);
                // a single start right after the date (`Thursday, March 14th,
                // 2024 at 6:30 PM`) starts the event
                if let [only] = spans.as_slice()
                    && only.end.is_none()
                    && let Some(d) = &date
                    && only.range.start >= d.range.end
                    && only.range.start - d.range.end <= 12
                    && !line[d.range.end..only.range.start].contains(". ")
                {
                    let at = b.offset() + line_offset(text, line);
                    return Some(Hours {
                        date: d.date(),
                        start: only.start,
                        end: None,
                        at: at + only.range.start,
                        utc: false,
                    });
                }
                let Some(s) = spans.iter().find(|s| s.end.is_some()) else { continue };
                // the hours belong to the date when they follow it closely
                // (same sentence, a few words on)
                let close = date.as_ref().is_some_and(|d| {
                    s.range.start >= d.range.end
                        && s.range.start - d.range.end <= 80
                        && !line[d.range.end..s.range.start].contains(". ")
                });
                if !(labelled || close || line.chars().count() <= 120) {
                    continue;
                }
                // several ranges (`11:00-13:00 UTC and 15:00-17:00 UTC`) span
                // from the first start to the last end, if all are ranges in order
                let last = spans.last().expect("one");
                if spans.iter().any(|x| x.end.is_none())
                    || spans.windows(2).any(|w| w[0].end.and_then(|e| e.time()) > w[1].start.time())
                {
                    continue;
                }
                let at = b.offset() + line_offset(text, line);
                return Some(Hours {
                    date: date.and_then(|d| d.date()),
                    start: s.start,
                    end: last.end,
                    at: at + s.range.start,
                    utc: false,
                });
            }
        }
        None
    }
}
