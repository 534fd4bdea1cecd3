#!/usr/bin/env python3
"""No two events share a UID: build every page of the corpora and compare their UIDs.

Usage: uids.py BIN CORPUS_DIR OUT_DIR

CORPUS_DIR is shared/corpus. Builds, into OUT_DIR:

- every page of faimi-site/ on its own (OUT_DIR/faimi-site/<page>/);
- faimi-site-tree/ as a site folder (OUT_DIR/faimi-site-tree/);
- every page of other-sites/pages/ and other-sites-2/pages/ on its own, with
  --accept-warnings, and with the flags of the page's label in truth.json when
  it does not build without them. A page that is refused either way is skipped
  (that is the page reader's business, scored by score_pages.py).

Then reads the UID of every VEVENT of every calendar written and fails when one
UID belongs to two different events. An event is a page of a site: the FAIMI
pages, flat or in the site folder, are one site, and its pages with the same
permalink (the London page's revisions v1..v6, a flat copy and the site's own
page) are one event; each page of other-sites/ and other-sites-2/ is an event
of its own. The site's all.ics and deadlines.ics repeat its pages' UIDs and are
only checked for a UID written twice in one calendar.

Python 3 standard library only.
"""
import json
import pathlib
import re
import shutil
import subprocess
import sys
from collections import defaultdict


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    binary, corpus, out = argv[0], pathlib.Path(argv[1]), pathlib.Path(argv[2])
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)

    # (output folder, event identity) for every page built
    built = []
    skipped = []

    def build(page, dest, flag_sets):
        for flags in flag_sets:
            r = subprocess.run([binary, "build", str(page), "-o", str(dest)] + flags,
                               capture_output=True, text=True)
            if r.returncode == 0:
                return True
            shutil.rmtree(dest, ignore_errors=True)
        return False

    # the FAIMI pages, one at a time
    for page in sorted((corpus / "faimi-site").glob("*.md")):
        dest = out / "faimi-site" / page.stem
        if build(page, dest, [["--accept-warnings"]]):
            built.append((dest, "faimi:" + (permalink(page) or "faimi-site/" + page.name)))
        else:
            skipped.append(page)

    # the FAIMI site as a folder: each page's calendars in a folder of its own
    tree = corpus / "faimi-site-tree"
    site_out = out / "faimi-site-tree"
    r = subprocess.run([binary, "build", str(tree), "-o", str(site_out), "--accept-warnings"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        print(r.stderr, file=sys.stderr)
        print(f"FAIL: the site folder {tree} does not build", file=sys.stderr)
        return 1
    folders = {folder_of(permalink(p) or ""): p for p in tree.rglob("*.md")}
    for index in sorted(site_out.rglob("index.html")):
        folder = index.parent
        if folder == site_out:
            continue
        name = folder.relative_to(site_out).as_posix()
        source = folders.get(name)
        ident = permalink(source) if source else None
        built.append((folder, "faimi:" + (ident or "faimi-site-tree/" + name)))

    # other sites: each page an event of its own
    for name in ("other-sites", "other-sites-2"):
        truth = {t["page"]: t for t in json.loads((corpus / name / "truth.json").read_text())}
        for page in sorted((corpus / name / "pages").iterdir()):
            flags = (truth.get(page.name) or {}).get("flags") or []
            sets = [["--accept-warnings"]]
            if flags:
                sets.append(["--accept-warnings"] + flags)
            dest = out / name / page.stem
            if build(page, dest, sets):
                built.append((dest, f"{name}/{page.name}"))
            else:
                skipped.append(page)

    # UID -> the events that write it
    owners = defaultdict(set)
    twice = []
    calendars = 0
    for folder, event in built:
        for ics in sorted(folder.glob("*.ics")) + sorted(folder.glob("sessions/*.ics")):
            calendars += 1
            uids = vevent_uids(ics)
            twice += [(ics, u) for u in set(uids) if uids.count(u) > 1]
            for u in uids:
                owners[u].add(event)
    for ics in (site_out / "all.ics", site_out / "deadlines.ics"):
        if ics.exists():
            calendars += 1
            uids = vevent_uids(ics)
            twice += [(ics, u) for u in set(uids) if uids.count(u) > 1]

    events = {e for _, e in built}
    shared = {u: sorted(e) for u, e in owners.items() if len(e) > 1}
    print(f"{len(built)} pages built ({len(events)} events), {len(skipped)} refused and skipped; "
          f"{calendars} calendars, {len(owners)} UIDs")
    for u, e in sorted(shared.items()):
        print(f"  {u}: {', '.join(e)}")
    for ics, u in sorted(twice):
        print(f"  {u}: twice in {ics}")
    print(f"{len(shared)} UIDs shared by two or more events, {len(twice)} written twice in one calendar")
    if shared or twice:
        print("FAIL: a UID names two events; subscribers' calendars would merge or refuse them")
        return 1
    return 0


def permalink(page):
    """The front matter's `permalink`, without `index.html` and slashes: `2022/submission`."""
    text = page.read_text(encoding="utf-8", errors="replace")
    if not text.startswith("---"):
        return None
    front = text[3:].split("\n---", 1)[0]
    m = re.search(r"^permalink:\s*(\S.*?)\s*$", front, re.M)
    if not m:
        return None
    p = m.group(1).strip("'\"").split("?")[0].split("#")[0]
    p = re.sub(r"(^|/)index\.html?$", "", p)
    p = re.sub(r"\.html?$", "", p)
    return p.strip("/") or "/"


def folder_of(link):
    """The folder `symcal build SITE` gives a permalink (its slugs, `/`-separated)."""
    return "/".join(s.lower() for s in link.split("/") if s)


def vevent_uids(ics):
    """The UID of every VEVENT in the calendar, in order (folded lines joined)."""
    text = ics.read_bytes().decode("utf-8", errors="replace")
    lines = re.sub(r"\r?\n[ \t]", "", text).splitlines()
    uids, inside = [], False
    for line in lines:
        if line == "BEGIN:VEVENT":
            inside = True
        elif line == "END:VEVENT":
            inside = False
        elif inside and line.upper().startswith("UID:"):
            uids.append(line[4:])
    return uids


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
