#!/usr/bin/env python3
"""Score the page reader on a labelled corpus and keep its calendars for ics-check.

Usage: score_pages.py BIN CORPUS_DIR SCORER OUT_DIR [--min-auto N] [--min-flags N]

Runs SCORER (shared/corpus/score.py) on CORPUS_DIR and prints its report, then
`N/M pages right, K refused cleanly, W silently wrong`. Fails when W > 0 (a page
built with exit 0 and a wrong date, zone, instant, a missing or an extra row), or
when fewer pages than the floors are right (a regression). Every page that builds
(with no flags, else with the label's minimal flags) is written to
OUT_DIR/<page>/ so that ics-check can read every calendar the reader produced.
"""
import json
import pathlib
import re
import shutil
import subprocess
import sys


def main(argv):
    floors = {"--min-auto": 0, "--min-flags": 0}
    for flag in floors:
        if flag in argv:
            i = argv.index(flag)
            floors[flag] = int(argv[i + 1])
            del argv[i : i + 2]
    binary, corpus, scorer, out = argv
    corpus, out = pathlib.Path(corpus), pathlib.Path(out)
    report = subprocess.run(
        [sys.executable, scorer, "--bin", binary, "--corpus", str(corpus)],
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

    failed = False
    if silent:
        print(f"FAIL: {silent} page(s) silently wrong")
        failed = True
    if auto < floors["--min-auto"] or flagged < floors["--min-flags"]:
        print(f"FAIL: below the floor ({auto} < {floors['--min-auto']} or {flagged} < {floors['--min-flags']})")
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
