#!/usr/bin/env python3
"""Score the page reader on a labelled corpus and keep its calendars for ics-check.

Usage: score_pages.py BIN CORPUS_DIR SCORER OUT_DIR [--min-auto N] [--min-flags N] [--min-deadlines N]
                      [--min-venue N] [--min-link N] [--min-contact N]

Runs SCORER (shared/corpus/score.py) on CORPUS_DIR and prints its report, then
`N/M pages right, K refused cleanly, W silently wrong`. Fails when W > 0 (a page
built with exit 0 and a wrong date, zone, instant, a missing or an extra row), or
when fewer pages than the floors are right (a regression). Every page that builds
(with no flags, else with the label's minimal flags) is written to
OUT_DIR/<page>/ so that ics-check can read every calendar the reader produced.

Deadlines (the labels' `deadlines`, issue 11) are scored on OUT_DIR/<page>/deadlines.ics
with python icalendar: a label with a zone is due at its time (23:59 when it gives none)
in that zone; one with neither time nor zone is an all-day item on its date. A VEVENT
whose SUMMARY or DESCRIPTION holds the keyword at another instant is a wrong deadline
and fails the run; missing ones count against the --min-deadlines floor.

Where (issue 17): SCORER --where checks each label's venue, join link and contact
in the built calendars; the counts right must reach --min-venue, --min-link and
--min-contact.
"""
import json
import pathlib
import re
import shutil
import subprocess
import sys


def main(argv):
    floors = {"--min-auto": 0, "--min-flags": 0, "--min-deadlines": 0,
              "--min-venue": 0, "--min-link": 0, "--min-contact": 0}
    for flag in floors:
        if flag in argv:
            i = argv.index(flag)
            floors[flag] = int(argv[i + 1])
            del argv[i : i + 2]
    binary, corpus, scorer, out = argv
    corpus, out = pathlib.Path(corpus), pathlib.Path(out)
    report = subprocess.run(
        [sys.executable, scorer, "--bin", binary, "--corpus", str(corpus), "--where"],
        capture_output=True, text=True, check=True,
    ).stdout
    print(report, end="")
    last = report.strip().splitlines()[-1]
    m = re.search(r"score: (\d+)/(\d+) pages correct with no flags, (\d+)/\d+ with minimal flags "
                  r"\((\d+)/(\d+) no-event pages refused cleanly, (\d+) silently wrong\)", last)
    if not m:
        print(f"cannot read the score line: {last}")
        return 1
    auto, total, flagged, refused, noevent, silent = map(int, m.groups())
    print(f"{flagged}/{total} pages right ({auto} with no flags), "
          f"{refused} refused cleanly (of {noevent} with no event), {silent} silently wrong")

    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    truth = json.loads((corpus / "truth.json").read_text())
    built = 0
    for t in truth:
        page = corpus / "pages" / t["page"]
        for flags in ([], t.get("flags") or []):
            dest = out / page.stem
            r = subprocess.run([binary, "build", str(page), "-o", str(dest)] + flags,
                               capture_output=True, text=True)
            if r.returncode == 0:
                built += 1
                break
            if not flags:
                continue
    print(f"{built} pages built into {out} for ics-check")

    right, labelled, wrong = score_deadlines(truth, corpus, out)
    print(f"deadlines: {right}/{labelled} labelled deadlines right, {wrong} wrong")

    failed = False
    where = re.search(r"where: venue (\d+)/(\d+), link (\d+)/(\d+), contact (\d+)/(\d+)", report)
    if not where:
        print("cannot read the where line")
        failed = True
    else:
        venue, _, link, _, contact, _ = map(int, where.groups())
        for name, got in (("venue", venue), ("link", link), ("contact", contact)):
            if got < floors[f"--min-{name}"]:
                print(f"FAIL: {name} below its floor ({got} < {floors[f'--min-{name}']})")
                failed = True
    if silent:
        print(f"FAIL: {silent} page(s) silently wrong")
        failed = True
    if wrong:
        print(f"FAIL: {wrong} deadline(s) at a wrong instant")
        failed = True
    if right < floors["--min-deadlines"]:
        print(f"FAIL: below the deadlines floor ({right} < {floors['--min-deadlines']})")
        failed = True
    if auto < floors["--min-auto"] or flagged < floors["--min-flags"]:
        print(f"FAIL: below the floor ({auto} < {floors['--min-auto']} or {flagged} < {floors['--min-flags']})")
        failed = True
    return 1 if failed else 0


def score_deadlines(truth, corpus, out):
    """(right, labelled, wrong) over every labelled deadline."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    import icalendar

    right = labelled = wrong = 0
    for t in truth:
        labels = t.get("deadlines") or []
        if not labels:
            continue
        path = out / pathlib.Path(t["page"]).stem / "deadlines.ics"
        events = []
        if path.exists():
            for ev in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"):
                start = ev.decoded("DTSTART")
                if isinstance(start, dt.datetime) and start.tzinfo is not None:
                    start = start.astimezone(dt.timezone.utc)
                text = (str(ev.get("SUMMARY", "")) + " " + str(ev.get("DESCRIPTION", ""))).lower()
                events.append((start, " ".join(text.split())))
        used = set()
        for date, hm, zone, keyword in labels:
            labelled += 1
            day = dt.date.fromisoformat(date)
            if zone:
                h, m = map(int, (hm or "23:59").split(":"))
                want = dt.datetime(day.year, day.month, day.day, h, m, tzinfo=ZoneInfo(zone)).astimezone(dt.timezone.utc)
            elif hm:
                h, m = map(int, hm.split(":"))
                want = dt.datetime(day.year, day.month, day.day, h, m, tzinfo=ZoneInfo(t.get("tz") or "UTC")).astimezone(dt.timezone.utc)
            else:
                want = day
            kw = keyword.lower()
            hits = [i for i, (_, text) in enumerate(events) if kw in text and i not in used]
            good = [i for i in hits if events[i][0] == want]
            if good:
                used.add(good[0])
                right += 1
                print(f"  deadline ok    {t['page']}: {keyword!r} {want}")
            elif hits and not any(events[i][0] == want for i in range(len(events)) if kw in events[i][1]):
                wrong += 1
                print(f"  deadline WRONG {t['page']}: {keyword!r} want {want}, got {[str(events[i][0]) for i in hits]}")
            else:
                print(f"  deadline missing {t['page']}: {keyword!r} {want}")
    return right, labelled, wrong


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
