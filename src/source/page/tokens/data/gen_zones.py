#!/usr/bin/env python3
"""Write zones.tsv: what the page reader knows about time-zone words.

Run from the repository root on a developer machine (CI only reads the
committed table):

    python3 -m venv /tmp/gen-zones
    /tmp/gen-zones/bin/pip install tzdata==2025.2
    npm install --prefix /tmp/gen-zones/npm cldr-core@48.2.0 cldr-dates-full@48.2.0
    /tmp/gen-zones/bin/python src/source/page/tokens/data/gen_zones.py \
        --cldr /tmp/gen-zones/npm/node_modules \
        --pg /usr/share/postgresql/15/timezonesets

The output depends only on these inputs (no clock, no hash order), so the
same inputs give the same bytes. Sources and licences: README.md beside
this file.

Inputs are pinned below.
"""

# The tzdb release must be the one chrono-tz (Cargo.lock) is built from,
# so every zone written here parses on the Rust side: chrono-tz 0.10.4 is
# tzdb 2025b, which PyPI ships as tzdata 2025.2.
TZDATA = "2025.2"
TZDB = "2025b"
CLDR = "48.2.0"  # npm cldr-core and cldr-dates-full (CLDR 48)
POSTGRESQL = "15"  # Debian postgresql-15: src/timezone/tznames

import argparse
import datetime as dt
import json
import os
import re
import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent / "zones.tsv"

# CLDR locales read, each with its regional variants (fr-CA, pt-PT, es-419,
# en-AU, en-IN, zh-Hant-HK …): regional variants add short names (AEST,
# IST, HNE) and spellings (pt-PT "Hora de verão da Europa Central").
LANGUAGES = [
    "en", "de", "fr", "es", "pt", "it", "nl", "nb", "no", "da", "sv", "fi",
    "pl", "cs", "ru", "tr", "ja", "zh", "zh-Hant", "ko",
]
# A reference year for the offsets a name implies (January and July noon,
# so both hemispheres' summers are seen).
YEAR = 2025
EMPTY = "∅∅∅"  # CLDR's "no name here"
# Tiers of an abbreviation's meanings (see the table's header). Tiers 1-2
# are the meanings a reader must choose between; 3-4 need the page to
# point at them (PST is also the Philippines' in tzdb and PostgreSQL's
# Asia set, but no CLDR locale writes it so).
CLDR_TIER = 2


def die(msg):
    sys.exit(f"gen_zones.py: {msg}")


def check_versions(cldr_dir):
    try:
        import tzdata
    except ImportError as e:
        die(f"{e.name} is missing: pip install tzdata=={TZDATA}")
    from importlib.metadata import version

    for name, want in [("tzdata", TZDATA)]:
        if version(name) != want:
            die(f"{name} {version(name)} installed, {want} wanted")
    if tzdata.IANA_VERSION != TZDB:
        die(f"tzdata carries tzdb {tzdata.IANA_VERSION}, {TZDB} wanted")
    for pkg in ["cldr-core", "cldr-dates-full"]:
        got = json.loads((cldr_dir / pkg / "package.json").read_text())["version"]
        if got != CLDR:
            die(f"{pkg} {got} found in {cldr_dir}, {CLDR} wanted")


# ---------------------------------------------------------------- tzdb


class Tzdb:
    """Zone names and links of one tzdb release, and the offsets a zone
    keeps in the reference year."""

    def __init__(self):
        import tzdata
        import zoneinfo

        zoneinfo.reset_tzpath(to=[])  # only the pinned tzdata, never the system's
        self.zoneinfo = zoneinfo
        zi = Path(tzdata.__file__).parent / "zoneinfo" / "tzdata.zi"
        self.zones = set()
        self.links = {}
        for line in zi.read_text().splitlines():
            parts = line.split()
            if parts[:1] == ["Z"]:
                self.zones.add(parts[1])
            elif parts[:1] == ["L"]:
                self.links[parts[2]] = parts[1]

    def canonical(self, name):
        seen = set()
        while name in self.links and name not in seen:
            seen.add(name)
            name = self.links[name]
        return name if name in self.zones else None

    def offsets(self, zone):
        """(standard, daylight or None) offsets in seconds in YEAR."""
        tz = self.zoneinfo.ZoneInfo(zone)
        seen = set()
        for month in (1, 7):
            t = dt.datetime(YEAR, month, 15, 12, tzinfo=dt.timezone.utc).astimezone(tz)
            seen.add(int(t.utcoffset().total_seconds()))
        # summer time is the later clock, whatever the zone calls it
        # (tzdb writes Europe/Dublin's winter as a negative DST)
        return min(seen), (max(seen) if len(seen) > 1 else None)


# ---------------------------------------------------------------- CLDR


class Cldr:
    def __init__(self, root, tzdb):
        self.root = root
        self.tzdb = tzdb
        meta = json.loads((root / "cldr-core/supplemental/metaZones.json").read_text())
        meta = meta["supplemental"]["metaZones"]
        # the metazone each zone uses now (the entry with no end date)
        self.current = {}
        for cldr_zone, uses in walk_zones(meta["metazoneInfo"]["timezone"]):
            zone = tzdb.canonical(cldr_zone)
            if zone is None:
                continue
            now = [u["usesMetazone"]["_mzone"] for u in uses if "_to" not in u["usesMetazone"]]
            # a zone's own entry wins over a link's (Asia/Kuala_Lumpur is a
            # link to Asia/Singapore now, with another metazone)
            if now and (zone not in self.current or cldr_zone == zone):
                self.current[zone] = now[0]
        # golden zone (territory 001) first, then each territory's zone
        # CLDR's four-letter metazone ids keep the table small
        self.short_id = {v["_longId"]: k for k, v in meta["metazoneIds"].items()}
        self.golden_ids = sorted(
            m["mapZone"]["_type"] for m in meta["metazones"] if m["mapZone"]["_territory"] == "001"
        )
        mapped = {}
        for item in meta["metazones"]:
            m = item["mapZone"]
            zone = tzdb.canonical(m["_type"])
            if zone is None:
                continue
            entry = mapped.setdefault(m["_other"], [])
            if m["_territory"] == "001":
                entry.insert(0, zone)
            elif zone not in entry:
                entry.append(zone)
        self.members = {}
        for mz, zones in mapped.items():
            rest = sorted(z for z, m in self.current.items() if m == mz and z not in zones)
            now = [z for z in zones if self.current.get(z) == mz or z == zones[0]]
            self.members[mz] = now + rest

    def golden(self, mz):
        return self.members[mz][0]

    def locales(self):
        main = self.root / "cldr-dates-full/main"
        out = []
        for name in sorted(os.listdir(main)):
            for lang in LANGUAGES:
                if name == lang or (name.startswith(lang + "-") and not is_script(name, lang)):
                    out.append(name)
                    break
        return out

    def names(self, locale):
        path = self.root / "cldr-dates-full/main" / locale / "timeZoneNames.json"
        return json.loads(path.read_text())["main"][locale]["dates"]["timeZoneNames"]


def is_script(name, lang):
    """zh-Latn, en-Dsrt, en-Shaw: another script, not a region (zh-Hant is
    listed on its own)."""
    rest = name[len(lang) + 1 :].split("-")[0]
    return len(rest) == 4 and not (lang == "zh" and rest in ("Hans", "Hant"))


def walk_zones(tree, path=()):
    for key in sorted(tree):
        value = tree[key]
        if isinstance(value, list):
            yield "/".join(path + (key,)), value
        else:
            yield from walk_zones(value, path + (key,))


def walk_names(tree, path=()):
    for key in sorted(tree):
        value = tree[key]
        if not isinstance(value, dict):
            continue
        if "long" in value or "short" in value or "exemplarCity" in value:
            yield "/".join(path + (key,)), value
        else:
            yield from walk_names(value, path + (key,))


# ---------------------------------------------------------------- PostgreSQL

ENTRY = re.compile(r"^([A-Za-z]+)\s+(-?\d+|[A-Za-z_/+-]+)\s*(D)?\s*(?:#\s*(.*))?$")
ZONE_NOTE = re.compile(r"^\s+#\s+\(([A-Za-z_]+/[A-Za-z0-9_/+-]+)\)\s*$")


def read_pg(pg_dir):
    """Every entry of every set: (set, abbr, offset or zone, daylight,
    comment, zones listed under it)."""
    out = []
    for name in sorted(os.listdir(pg_dir)):
        cur = None
        for line in (pg_dir / name).read_text(encoding="utf-8").splitlines():
            m = ENTRY.match(line)
            if m:
                cur = {
                    "set": name.removesuffix(".txt"),
                    "abbr": m.group(1),
                    "value": m.group(2),
                    "daylight": m.group(3) == "D",
                    "comment": (m.group(4) or "").strip(),
                    "zones": [],
                }
                cur["zones"] += re.findall(r"\(([A-Za-z_]+/[A-Za-z0-9_/+-]+)\)", cur["comment"])
                out.append(cur)
            elif cur and ZONE_NOTE.match(line):
                cur["zones"].append(ZONE_NOTE.match(line).group(1))
            elif not line.startswith(" "):
                cur = None
    return out


STOP = {"time", "standard", "summer", "daylight", "saving", "obsolete", "not", "in",
        "iana", "database", "of", "the", "and", "island", "islands", "caution",
        "this", "used", "to", "mean", "is", "now", "preferred"}


def words(text):
    return {w for w in re.findall(r"[a-z]+", text.lower()) if w not in STOP}


# ---------------------------------------------------------------- folding

APOSTROPHES = "’‘ʼ`´′"
DASHES = "-‐‑‒–—―"


def fold_char(c):
    """The folded form of one character: lower case, accents off,
    apostrophes as ', dashes and spaces as one space."""
    if c in APOSTROPHES:
        return "'"
    if c in DASHES or c.isspace():
        return " "
    out = ""
    for ch in c.lower():
        if ord(ch) < 0x530:  # Latin, Greek, Cyrillic: accents off (not Hangul's jamo)
            base = unicodedata.normalize("NFD", ch)
            ch = "".join(b for b in base if not unicodedata.combining(b)) or ch
        out += ch
    return out


def fold(text):
    out = "".join(fold_char(c) for c in text)
    return re.sub(" +", " ", out).strip()


def fold_table():
    """Characters whose folded form is not their lower case: the Rust side
    folds page text with this table, so both sides fold alike."""
    pairs = []
    for cp in range(0x00C0, 0x0530):  # Latin-1 … Cyrillic
        c = chr(cp)
        if not c.isalpha():
            continue
        f = fold_char(c)
        lower = c.lower()
        if f != lower and len(f) == 1 and len(lower) == 1:
            pairs.append((lower, f))
    pairs = sorted(set(pairs))
    return "".join(a for a, _ in pairs), "".join(b for _, b in pairs)


# ---------------------------------------------------------------- build


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cldr", type=Path, required=True, help="node_modules with cldr-core and cldr-dates-full")
    ap.add_argument("--pg", type=Path, default=Path(f"/usr/share/postgresql/{POSTGRESQL}/timezonesets"))
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    check_versions(args.cldr)

    tzdb = Tzdb()
    cldr = Cldr(args.cldr, tzdb)
    offsets = {}

    def offs(zone):
        if zone not in offsets:
            offsets[zone] = tzdb.offsets(zone)
        return offsets[zone]

    # A metazone is written as @Name; GMT is read as Etc/UTC (a +0 clock
    # with no summer time and no place), its members stay for a place.
    def rep(target):
        if target.startswith("@"):
            return "Etc/UTC" if target == "@GMT" else cldr.golden(target[1:])
        return target

    def offset_of(target, kind):
        std, dst = offs(rep(target))
        return {"s": std, "d": dst, "g": None}[kind]

    def clock_fits(zone, offset, daylight):
        std, dst = offs(zone)
        return (dst if daylight else std) == offset

    def place(zones, offset, daylight):
        """What a PostgreSQL entry's listed zones stand for: the metazone
        most of them use, if its clock agrees (CST: America_Central), else
        the first listed zone whose clock agrees, else the first."""
        votes = {}
        for z in zones:
            mz = cldr.current.get(z)
            if mz and clock_fits(cldr.golden(mz), offset, daylight):
                votes[mz] = votes.get(mz, 0) + 1 + (cldr.golden(mz) in zones)
        if votes:
            return "@" + max(sorted(votes), key=lambda mz: votes[mz])
        fits = [z for z in zones if clock_fits(z, offset, daylight)]
        return (fits or zones or ["-"])[0]

    # English metazone names, to place PostgreSQL entries that list no zone
    en = cldr.names("en")
    en_words = {}
    for mz, v in en["metazone"].items():
        text = " ".join(x for kind in v.get("long", {}).values() for x in [kind])
        text += " " + mz.replace("_", " ")
        en_words[mz] = words(text)

    # ---- abbreviations: meanings keyed (abbr, target, kind)
    abbrs = {}  # abbr -> list of meaning dicts, in the order found

    def add_abbr(abbr, target, kind, offset, tier, source):
        for m in abbrs.setdefault(abbr, []):
            if m["target"] == target and (m["offset"] == offset or offset is None or m["offset"] is None):
                if m["kind"] != kind:
                    # sources disagree on summer/winter (Europe/Dublin's IST
                    # is daylight in CLDR, standard in PostgreSQL): say neither
                    m["kind"] = "g"
                m["tier"] = min(m["tier"], tier)
                if m["offset"] is None:
                    m["offset"] = offset
                m["sources"].add(source)
                return
        abbrs[abbr].append(
            {"target": target, "kind": kind, "offset": offset, "tier": tier, "sources": {source}}
        )

    pg = read_pg(args.pg)
    default = {(e["abbr"], e["value"]) for e in pg if e["set"] == "Default"}
    # Default first, then the other sets by name: the "most likely" order
    pg.sort(key=lambda e: (e["set"] != "Default", e["set"]))
    for e in pg:
        abbr, value, comment = e["abbr"], e["value"], e["comment"]
        if len(abbr) < 2:
            continue  # Z: a letter, not a word to find in text
        listed = [z for z in (tzdb.canonical(x) for x in e["zones"]) if z]
        daylight = e["daylight"]
        if re.fullmatch(r"-?\d+", value):
            offset = int(value)
            dynamic = None
        else:
            dynamic = tzdb.canonical(value)
            if dynamic is None:
                continue
            offset = None
            daylight = bool(re.search(r"summer|daylight", comment, re.I))
        kind = "d" if daylight else "s"
        if offset == 0 and not daylight and not listed and not dynamic:
            target = "Etc/UTC"  # UT, UTC, Z, ZULU
        elif dynamic:
            target = place([dynamic], offs(dynamic)[1 if daylight else 0], daylight)
        elif listed:
            target = place(listed, offset, daylight)
        else:
            # no zone listed: a zone whose city the comment names
            # ("Bougainville Standard Time"), else the metazone whose clock
            # and English name fit ("Gulf Standard Time")
            target = "-"
            said = words(comment)
            for zone in sorted(tzdb.zones):
                city = words(zone.rsplit("/", 1)[-1].replace("_", " "))
                std, dst = offs(zone)
                if city and city <= said and (dst if daylight else std) == offset:
                    target = place([zone], offset, daylight)
                    break
            if target == "-":
                best, score = None, 0
                for mz in sorted(cldr.members):
                    std, dst = offs(cldr.golden(mz))
                    if (dst if daylight else std) != offset:
                        continue
                    s = len(said & en_words.get(mz, set()))
                    if s > score:
                        best, score = mz, s
                target = "@" + best if best else "-"
        obsolete = "obsolete" in comment or "not in IANA" in comment
        if e["set"] == "Default" and (abbr, value) in default:
            tier = 1
        elif not obsolete:
            tier = 3
        else:
            tier = 4
        add_abbr(abbr, target, kind, offset, tier, "pg:" + e["set"])

    # ---- CLDR: names and short names
    names = {}  # folded -> list of meanings
    langs_seen = set()

    def add_name(text, target, kind, ctx, locale):
        key = fold(text)
        if not key or text == EMPTY:
            return
        for m in names.setdefault(key, []):
            if m["target"] == target:
                if m["kind"] != kind:
                    m["kind"] = "s" if "s" in (m["kind"], kind) and "d" not in (m["kind"], kind) else "g"
                m["ctx"] = m["ctx"] and ctx
                return
        names[key].append({"target": target, "kind": kind, "ctx": ctx, "locale": locale})

    short_ok = re.compile(r"^[A-Z]{2,6}$")
    for locale in cldr.locales():
        langs_seen.add(locale)
        t = cldr.names(locale)
        for mz in sorted(t.get("metazone", {})):
            if mz not in cldr.members:
                continue  # a metazone no zone uses any more
            v = t["metazone"][mz]
            for width in ("long", "short"):
                forms = v.get(width, {})
                for kind_name, kind in (("standard", "s"), ("daylight", "d"), ("generic", "g")):
                    text = forms.get(kind_name)
                    if not text or text == EMPTY:
                        continue
                    # generic written like standard (MEZ, HKT) is standard
                    if kind == "g" and text == forms.get("standard"):
                        continue
                    target = "@" + mz
                    if width == "long":
                        add_name(text, target, kind, False, locale)
                    elif short_ok.match(text):
                        add_abbr(text, target, kind, offset_of(target, kind), CLDR_TIER, "cldr:" + locale)
        for zone_id, v in walk_names(t.get("zone", {})):
            zone = tzdb.canonical(zone_id)
            if zone is None:
                continue
            for width in ("long", "short"):
                for kind_name, kind in (("standard", "s"), ("daylight", "d"), ("generic", "g")):
                    text = v.get(width, {}).get(kind_name)
                    if not text or text == EMPTY:
                        continue
                    if width == "long":
                        add_name(text, zone, kind, False, locale)
                    elif short_ok.match(text):
                        add_abbr(text, zone, kind, offset_of(zone, kind), CLDR_TIER, "cldr:" + locale)
        # "{city} Time" for the zones that stand for a metazone: CLDR's
        # generic location format ("Los Angeles Time", "hora de Tokio"),
        # a weaker phrase than a metazone name, so it needs context. A city
        # CLDR leaves unnamed is the ID's last part (its documented fallback)
        region = t.get("regionFormat")
        if region and locale in LANGUAGES:
            for cldr_id in cldr.golden_ids:
                zone = tzdb.canonical(cldr_id)
                if zone != cldr_id:
                    continue  # through a link: Pacific/Truk is not Port Moresby
                node = t.get("zone", {})
                for part in cldr_id.split("/"):
                    node = node.get(part, {}) if isinstance(node, dict) else {}
                city = node.get("exemplarCity") or cldr_id.rsplit("/", 1)[-1].replace("_", " ")
                add_name(region.replace("{0}", city), zone, "g", True, locale)

    def has_dst(target):
        return target != "-" and offs(rep(target))[1] is not None

    def clock(m):
        """What a meaning says of the clock: two meanings that say the
        same are one (en "Hawaii-Aleutian Standard Time" is both Hawaii's
        and Hawaii_Aleutian's name for UTC-10)."""
        if m["target"] == "-":
            return (m["kind"], m.get("offset"), "-")
        std, dst = offs(rep(m["target"]))
        given = m.get("offset")
        if dst is None and given in (None, std):
            return ("s", std)  # no summer time: its generic name is its standard one
        return {
            "s": ("s", given if given is not None else std),
            "d": ("d", given if given is not None else dst),
            "g": ("g", std, dst),
        }[m["kind"]]

    def merge_same_clock(meanings):
        out = []
        for m in meanings:
            for o in out:
                if clock(o) == clock(m) and "-" not in (o["target"], m["target"]):
                    o["targets"].append(m["target"])
                    o["tier"] = min(o.get("tier", 0), m.get("tier", 0))
                    o["ctx"] = o.get("ctx", False) and m.get("ctx", False)
                    break
            else:
                out.append(dict(m, targets=[m["target"]]))
        return out

    def short(target):
        return "@" + cldr.short_id.get(target[1:], target[1:]) if target.startswith("@") else target

    # ---- abbreviations: order, context
    lines = []
    fa, fb = fold_table()
    lines.append(f"f\t{fa}\t{fb}")
    used = set()
    abbr_lines = []
    for abbr in sorted(abbrs):
        meanings = abbrs[abbr]
        # an offset-only meaning (PostgreSQL's MEZ lists no zone) that
        # another source places (CLDR de: Europe_Central) is that one
        for m in [m for m in meanings if m["target"] == "-"]:
            for other in meanings:
                if other is not m and other["target"] != "-" and other["offset"] == m["offset"] and other["kind"] == m["kind"]:
                    other["tier"] = min(other["tier"], m["tier"])
                    meanings.remove(m)
                    break
        # Default, in use, obsolete; within a tier a standard time with no
        # summer time first (HAST: Honolulu before Adak); else as found
        for m in meanings:
            # a summer time where the clock has none now (Acre, Brasília,
            # Macau) is history, whoever still names it
            if m["kind"] == "d" and m["target"] != "-" and not has_dst(m["target"]):
                m["tier"] = 4
        meanings.sort(key=lambda m: (m["tier"], m["kind"] == "s" and has_dst(m["target"])))
        meanings = merge_same_clock(meanings)
        # capitals are an acronym as often as a zone: the corpora show MSK
        # (musculoskeletal), UT (Austin), ICT, CAT, CT (scans), PT (Sans),
        # and AST is an abstract syntax tree; so every abbreviation counts
        # only beside a time, in brackets or after a zone word. UTC and GMT
        # open offsets (UTC+8) and are no other word.
        ctx = abbr not in ("UTC", "GMT")
        for m in meanings:
            off = "-" if m["offset"] is None else str(m["offset"])
            targets = " ".join(short(t) for t in m["targets"])
            abbr_lines.append(f"a\t{abbr}\t{int(ctx)}\t{m['tier']}\t{off}\t{m['kind']}\t{targets}")
            used.update(m["targets"])
    name_lines = []
    for key in sorted(names):
        meanings = names[key]
        # one name, several metazones (en "Hawaii-Aleutian Standard Time"
        # names Hawaii and Hawaii_Aleutian): the one with fewer summer
        # names (no DST: Hawaii) first, then the golden zone's name
        meanings.sort(key=lambda m: (has_dst(m["target"]), rep(m["target"])))
        for m in merge_same_clock(meanings):
            targets = " ".join(short(t) for t in m["targets"])
            name_lines.append(f"n\t{key}\t{int(m['ctx'])}\t{m['kind']}\t{targets}")
            used.update(m["targets"])
    meta_lines = []
    for mz in sorted(cldr.members):
        if "@" + mz in used:
            zones = cldr.members[mz]
            first = rep("@" + mz)
            if first != zones[0]:
                zones = [first] + zones
            meta_lines.append(f"m\t{cldr.short_id.get(mz, mz)}\t{mz}\t{' '.join(zones)}")
    link_lines = []
    for link in sorted(tzdb.links):
        target = tzdb.canonical(link)
        if "/" in link and target and link != target:
            link_lines.append(f"l\t{link}\t{target}")
    header = [
        "# Time-zone words for the page reader. GENERATED by gen_zones.py: do not edit;",
        f"# sources: CLDR {CLDR} (npm cldr-core, cldr-dates-full), tzdb {TZDB} (PyPI tzdata {TZDATA}),",
        f"# PostgreSQL {POSTGRESQL} timezonesets. See README.md.",
        "# f  chars  folded      how page text is folded (lower case first)",
        "# m  id  metazone  zones  golden zone first, then the zones on its clock now",
        "# a  ABBR  context  tier  offset  kind  targets  one line a meaning, most likely first",
        "# n  name  context  kind  targets                folded; one line a meaning",
        "# l  link  zone                                  tzdb backward names",
        "# kind: s standard, d daylight, g either; targets: @id (a metazone) or a zone, the first one",
        "# standing for the meaning and the others on the same clock, or - (an offset only);",
        "# tier: 1 PostgreSQL Default; 2 a CLDR short name; 3 another PostgreSQL set, in tzdb use;",
        "# 4 obsolete, never in tzdb, or a summer time where the clock keeps none now",
    ]
    body = header + lines + meta_lines + abbr_lines + name_lines + link_lines
    args.out.write_text("\n".join(body) + "\n", encoding="utf-8")
    print(
        f"{args.out}: {args.out.stat().st_size} bytes; {len(meta_lines)} metazones, "
        f"{len(abbrs)} abbreviations ({len(abbr_lines)} meanings), {len(name_lines)} names, "
        f"{len(link_lines)} links, {len(langs_seen)} locales",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
