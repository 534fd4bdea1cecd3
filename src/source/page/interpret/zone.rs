//! The zone the page's times are in: stated (rows first, then notes and
//! prose), checked against the places it names; else a place.

use super::*;

impl Reader<'_> {
    /// The zone: stated on the page (rows first, then notes and prose),
    /// checked against places it names; else a place; else an error.
    pub(super) fn zone(
        &mut self,
        rows: &[Row],
        date: NaiveDate,
        fm: Option<&Hours>,
        texts: &[(String, usize, u32, &'static str)],
    ) -> Result<ZoneChoice> {
        let noon = date.and_hms_opt(12, 0, 0).expect("noon");
        let offset_on = |tz: Tz| -> Option<i32> {
            let t = time::resolve(tz, noon).instant()?;
            Some(time::offset_at(tz, t).utc_offset)
        };
        // phrases: those written with the rows (a time cell, a `Time (EDT)`
        // header) count most
        let mut phrases: Vec<(zones::Phrase, usize, u32)> = Vec::new();
        for r in rows {
            if let Some(z) = &r.zone {
                phrases.push((z.clone(), r.zone_offset, 4));
            }
        }
        let mut places: Vec<places::Named> = Vec::new();
        for &(ref text, at, weight, source) in texts {
            let role = match source {
                TABLE_ROW => places::Role::Row,
                STRUCTURED | "the page title" | "the front matter's `title`" => places::Role::Title,
                "a heading" if weight >= 3 => places::Role::Title,
                "a heading" => places::Role::Heading,
                // a post's date line says nothing of the venue
                "the front matter's `date`" => continue,
                _ => places::Role::Text,
            };
            for (offset, line) in lines_at(text) {
                let base = at + offset;
                let found = zones::find(line);
                if !found.is_empty() && !programme::is_deadline_text(line) {
                    for z in found {
                        if z.aoe {
                            continue;
                        }
                        let lower = line.to_lowercase();
                        let w = if lower.contains("all times")
                            || lower.contains("time zone")
                            || lower.contains("timezone")
                            || lower.starts_with("time")
                        {
                            3
                        } else {
                            weight.max(1)
                        };
                        phrases.push((z.clone(), base + z.range.start, w));
                    }
                }
                places::weigh(line, base, role, &mut places);
            }
        }
        // front matter offsets (`+0800`) are a stated offset
        if let Some(h) = fm
            && !h.utc
            && let Some(f) = self.split.fields.iter().find(|f| f.offset == h.at)
            && let Some(o) = front_matter_offset(&f.value)
        {
            phrases.push((
                zones::Phrase {
                    zones: vec![],
                    offset: Some(o),
                    dst: None,
                    range: 0..0,
                    aoe: false,
                    members: vec![],
                    also: vec![],
                },
                h.at,
                3,
            ));
        }
        // front-matter keys that name the venue (`location: Seoul`)
        for f in &self.split.fields {
            let key = f.key.to_lowercase();
            if ["location", "venue", "city", "place", "address", "where", "ort", "lieu", "lugar"]
                .iter()
                .any(|k| key.contains(k))
            {
                places::weigh(
                    &format!("Venue: {}", f.value),
                    f.offset.saturating_sub(7),
                    places::Role::Venue,
                    &mut places,
                );
            }
        }
        let place_zones: Vec<Tz> = {
            let mut v: Vec<Tz> =
                places.iter().filter(|p| p.weight >= 1.0).map(|p| p.zone).collect();
            v.sort_by_key(|z| z.name());
            v.dedup();
            v
        };
        if !phrases.is_empty() {
            // the heaviest phrase decides; offsets on the page choose among
            // its candidates; a place with the same clock names the zone
            let stated_offsets: Vec<i32> = phrases
                .iter()
                .filter(|(p, _, _)| p.zones.is_empty() || p.zones == [Tz::UTC])
                .filter_map(|(p, _, _)| p.offset)
                .filter(|o| *o != 0)
                .collect();
            let mut ranked = phrases.clone();
            ranked.sort_by(|a, b| b.2.cmp(&a.2).then(a.1.cmp(&b.1)));
            let (best, at, _) = ranked[0].clone();
            let written = self.text.get(at..at + best.range.len()).unwrap_or("").to_owned();
            let written = if written.is_empty() {
                "the stated offset".to_owned()
            } else {
                format!("`{written}`")
            };
            let mut candidates: Vec<Tz> = best.zones.clone();
            // a meaning the page must point at (`PST` is also Manila's):
            // only when none of the likely ones fits the page's offsets or
            // places and one of these does
            let fits = |z: &Tz| {
                offset_on(*z).is_some_and(|o| stated_offsets.contains(&o))
                    || place_zones.contains(z)
            };
            if !best.also.is_empty()
                && !candidates.iter().any(fits)
                && let [z] = best.also.iter().copied().filter(fits).collect::<Vec<_>>().as_slice()
            {
                candidates = vec![*z];
            }
            if candidates.len() > 1 {
                let by_offset: Vec<Tz> = candidates
                    .iter()
                    .copied()
                    .filter(|z| offset_on(*z).is_some_and(|o| stated_offsets.contains(&o)))
                    .collect();
                let by_place: Vec<Tz> = candidates
                    .iter()
                    .copied()
                    .filter(|z| place_zones.iter().any(|p| offset_on(*p) == offset_on(*z)))
                    .collect();
                if by_offset.len() == 1 {
                    candidates = by_offset;
                } else if by_place.len() == 1 {
                    candidates = by_place;
                } else {
                    let names: Vec<&str> = candidates.iter().map(|z| z.name()).collect();
                    return Err(self.fail(
                        format!(
                            "{written} may mean {}, and nothing else on the page decides",
                            names.join(", ")
                        ),
                        Some(at),
                        format!(
                            "pass `--timezone` with one of them, e.g. `--timezone {}`",
                            names[0]
                        ),
                    ));
                }
            }
            let offset = best.offset.or_else(|| candidates.first().and_then(|z| offset_on(*z)));
            // a place whose clock agrees names the zone (CEST + Zurich)
            let mut agreeing: Vec<Tz> = place_zones
                .iter()
                .copied()
                .filter(|p| offset.is_some_and(|o| offset_on(*p) == Some(o)))
                .collect();
            // several places on that clock: those the phrase names (CET and
            // Zürich, not Lagos)
            if agreeing.len() > 1 {
                let named: Vec<Tz> =
                    agreeing.iter().copied().filter(|p| best.members.contains(p)).collect();
                if !named.is_empty() {
                    agreeing = named;
                }
            }
            let zone = if let [p] = agreeing.as_slice()
                && (candidates.is_empty()
                    || candidates.contains(&Tz::UTC)
                    || offset_on(candidates[0]) == offset_on(*p))
            {
                *p
            } else if let Some(z) =
                candidates.first().copied().filter(|z| *z != Tz::UTC || best.offset == Some(0))
            {
                z
            } else {
                match offset {
                    Some(0) => Tz::UTC,
                    Some(o) if o % 3600 == 0 => {
                        let name = format!("Etc/GMT{:+}", -o / 3600);
                        let tz: Tz = name.parse().unwrap_or(Tz::UTC);
                        self.found.push(
                            Diagnostic::note(format!("{written} names only an offset: the times are read in {}", tz.name()))
                                .at(self.loc(at, 1))
                                .help("name a city or an IANA zone if the event follows a place's clock changes"),
                        );
                        tz
                    }
                    _ => {
                        return Err(self.fail(
                            format!("{written} is an offset no zone database name gives"),
                            Some(at),
                            "pass `--timezone` with an IANA name".into(),
                        ));
                    }
                }
            };
            // summer/winter time written against the date
            if let (Some(dst), Some(t)) = (best.dst, time::resolve(zone, noon).instant())
                && time::offset_at(zone, t).is_dst != dst
                && best.offset.is_none_or(|o| Some(o) != offset_on(zone))
            {
                self.found.push(
                    Diagnostic::warning(format!(
                        "{written} is {} time, but on {} {} is on {} time",
                        if dst { "summer" } else { "standard" },
                        long(date),
                        zone.name(),
                        if dst { "standard" } else { "summer" }
                    ))
                    .at(self.loc(at, best.range.len().max(1)))
                    .help(format!(
                        "the times are read as {} wall-clock time; correct the abbreviation",
                        zone.name()
                    )),
                );
            }
            // other phrases that disagree
            for (p, pat, _) in &phrases {
                let o = p.offset.or_else(|| p.zones.first().and_then(|z| offset_on(*z)));
                if let (Some(o), Some(actual)) = (o, offset_on(zone))
                    && o != actual
                    && !p.zones.contains(&zone)
                    && !p.members.contains(&zone)
                {
                    self.found.push(
                        Diagnostic::warning(format!(
                            "`{}` disagrees with the zone the times are read in ({})",
                            self.text.get(*pat..*pat + p.range.len()).unwrap_or(""),
                            zone.name()
                        ))
                        .at(self.loc(*pat, p.range.len().max(1)))
                        .help(format!("chose {} from {written}; make the page agree", zone.name())),
                    );
                }
            }
            return Ok(ZoneChoice { zone, because: written, at: Some(at), note: false });
        }
        // no zone stated: a place, if the page's places clearly agree
        match places::decide(&places, noon) {
            places::Verdict::None => Err(self.fail(
                format!("`{}` does not say which time zone its times are in", self.path.display()),
                None,
                "looked for a zone (`EDT`, `Pacific Time`, `UTC+8`, an IANA name) and for the venue's city or country (a `Venue:` line, an address, the title); pass `--timezone` with an IANA name such as `Europe/Athens`".into(),
            )),
            places::Verdict::Zone(n) => Ok(ZoneChoice {
                zone: n.zone,
                because: if n.role == places::Role::Venue {
                    format!("the venue `{}`", n.name)
                } else {
                    format!("the place `{}`", n.name)
                },
                at: Some(n.at),
                note: true,
            }),
            places::Verdict::Split(named) => {
                let names: Vec<String> =
                    named.iter().map(|n| format!("{} ({})", n.name, n.zone.name())).collect();
                Err(self.fail(
                    format!("the page names places in different time zones: {}", names.join(", ")),
                    named.first().map(|n| n.at),
                    format!(
                        "pass `--timezone` with the event's zone, e.g. `--timezone {}`",
                        named[0].zone.name()
                    ),
                ))
            }
        }
    }
}
