"""The shipped name and place lists (see data/SOURCES.md), loaded once per process.

Words are lower-cased and NFC-normalised; look-ups lower-case the token. Built by
`scripts/build_gazetteer.py`; nothing is downloaded at run time.

All lists live in one dict, word -> bit flags (`FIRST | SURNAME | ...`): one look-up answers every
question the recognizers ask about a word, and a dict of strings to ints is invisible to the garbage
collector (a frozenset is not: with 400,000 words, each full collection walked them all, mid-scan).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# Function words, greetings, calendar words and other capitalised-at-sentence-start words that are also
# first names or surnames in some list ("May", "Will", "Bill", "June", "Hope"...). They never start or
# end a name on their own; written here because no shipped list covers them.
STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having
    he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
    nor not now of off on once only or other our ours out over own same she should so some such than that the
    their theirs them then there these they this those through to too under until up very was we were what
    when where which while who whom why will with would you your yours yourself yourselves hello hi hey dear
    thanks thank regards best cheers sincerely please yes ok okay sure great good morning evening afternoon
    night today tomorrow yesterday monday tuesday wednesday thursday friday saturday sunday january february
    march april may june july august september october november december mon tue wed thu fri sat sun jan feb
    mar apr jun jul aug sep sept oct nov dec street road avenue lane drive suite apt apartment unit floor
    north south east west new old great little big saint st mount mt lake river fort port bay island
    account customer client user team support service services manager director department company ticket
    order invoice note notes subject re fw fwd cc bcc attn name address phone email mobile tel fax id date time
    total price amount payment card bank number code key token password version release update issue bug
    error warning info debug true false null none yes no
    """.split()
)

#: Nationalities and languages: capitalised like names, never a person on their own ("Russian", "Greek").
DEMONYMS = frozenset(
    """
    afghan albanian algerian american andorran angolan argentine argentinian armenian australian austrian
    azerbaijani bahraini bangladeshi belarusian belgian bolivian bosnian brazilian british bulgarian burmese
    cambodian cameroonian canadian catalan chilean chinese colombian congolese croatian cuban cypriot czech
    danish dutch ecuadorian egyptian english eritrean estonian ethiopian european filipino finnish flemish
    french georgian german ghanaian greek guatemalan haitian honduran hungarian icelandic indian indonesian
    iranian iraqi irish israeli italian ivorian jamaican japanese jordanian kazakh kenyan korean kosovar
    kurdish kuwaiti kyrgyz lao latvian lebanese libyan lithuanian luxembourgish macedonian malagasy malaysian
    maltese mexican moldovan mongolian montenegrin moroccan nepalese nigerian norwegian pakistani palestinian
    panamanian paraguayan persian peruvian polish portuguese qatari romanian russian rwandan saudi scottish
    senegalese serbian singaporean slovak slovakian slovenian somali spanish sudanese swedish swiss syrian
    taiwanese tajik tanzanian thai tunisian turkish turkmen ugandan ukrainian uruguayan uzbek venezuelan
    vietnamese welsh yemeni zambian zimbabwean african asian arab arabic hispanic latino latina nordic
    scandinavian balkan baltic slavic hebrew hindi urdu bengali punjabi tamil swahili yoruba zulu mandarin
    cantonese latin esperanto basque galician breton frisian
    """.split()
)

TITLES = frozenset(
    """
    mr mrs ms miss mx dr prof professor sir dame madam madame mme mlle m herr frau fr hr sr sra srta don dona
    doña dott dott.ssa ing avv sig sig.ra signor signora pan pani capt captain col colonel gen general lt
    sgt rev reverend fr father sister brother lord lady
    """.split()
)


#: Bit flags of a word in `Gazetteer.words`.
FIRST, SURNAME, CITY, COUNTRY, REGION, ORG_SUFFIX, ENGLISH, COMMON = 1, 2, 4, 8, 16, 32, 64, 128
STOP, DEMONYM, TITLE = 256, 512, 1024
#: The first word of a place name of several words ("new" of "new york"): only such a word makes it worth
#: looking up the words that follow it.
PLACE_HEAD = 2048
PLACE = CITY | COUNTRY | REGION
_LISTS = (("first_names", FIRST), ("surnames", SURNAME), ("cities", CITY), ("countries", COUNTRY),
          ("regions", REGION), ("org_suffixes", ORG_SUFFIX), ("english_words", ENGLISH), ("common_words", COMMON))


class FlagSet:
    """The words carrying one flag, as a read-only set (`in`, iteration, `len`)."""

    __slots__ = ("_bit", "_words")

    def __init__(self, words: dict[str, int], bit: int) -> None:
        self._words, self._bit = words, bit

    def __contains__(self, word: object) -> bool:
        return bool(self._words.get(word, 0) & self._bit)  # type: ignore[call-overload]

    def __iter__(self) -> Iterator[str]:
        bit = self._bit
        return (w for w, f in self._words.items() if f & bit)

    def __len__(self) -> int:
        return sum(1 for _ in self)


@dataclass(frozen=True, eq=False)
class Gazetteer:
    #: word -> flags (FIRST, SURNAME, CITY, COUNTRY, REGION, ORG_SUFFIX, ENGLISH, COMMON, STOP, DEMONYM, TITLE,
    #: PLACE_HEAD)
    words: dict[str, int]

    def flags(self, lower: str) -> int:
        return self.words.get(lower, 0)

    @property
    def first_names(self) -> FlagSet:
        return FlagSet(self.words, FIRST)

    @property
    def surnames(self) -> FlagSet:
        return FlagSet(self.words, SURNAME)

    @property
    def cities(self) -> FlagSet:
        return FlagSet(self.words, CITY)

    @property
    def countries(self) -> FlagSet:
        return FlagSet(self.words, COUNTRY)

    @property
    def regions(self) -> FlagSet:
        return FlagSet(self.words, REGION)

    @property
    def org_suffixes(self) -> FlagSet:
        return FlagSet(self.words, ORG_SUFFIX)

    @property
    def english_words(self) -> FlagSet:
        """Every English word we know (web2 lemmas): used to tell names from words."""
        return FlagSet(self.words, ENGLISH)

    @property
    def common_words(self) -> FlagSet:
        """The most common English words only (no rare senses like "anna", "alma")."""
        return FlagSet(self.words, COMMON)

    def is_common(self, lower: str) -> bool:
        """An English word, also in a simple inflected form (web2 lists lemmas only)."""
        return is_common(self.words, lower)

    def is_place(self, lower: str) -> bool:
        return bool(self.words.get(lower, 0) & PLACE)


def is_common(words: dict[str, int], lower: str) -> bool:
    """`Gazetteer.is_common` on the flags dict itself (hot paths skip the method call)."""
    get = words.get
    if get(lower, 0) & ENGLISH:
        return True
    if lower.endswith("s") and (get(lower[:-1], 0) & ENGLISH or (lower.endswith("es") and get(lower[:-2], 0) & ENGLISH)):
        return True
    if lower.endswith("ed") and (get(lower[:-2], 0) & ENGLISH or get(lower[:-1], 0) & ENGLISH):
        return True
    if lower.endswith("ing") and (get(lower[:-3], 0) & ENGLISH or get(lower[:-3] + "e", 0) & ENGLISH):
        return True
    return lower.endswith("ly") and bool(get(lower[:-2], 0) & ENGLISH)


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    raw = (resources.files("accord.detect") / "data" / "gazetteer.json.gz").read_bytes()
    data = json.loads(gzip.decompress(raw))
    if data.get("version") != 2 or tuple(data["lists"]) != tuple(k for k, _ in _LISTS):
        raise RuntimeError("accord.detect/data/gazetteer.json.gz: unknown format; rebuild it with "
                           "`python scripts/build_gazetteer.py`")
    # Each word is stored once, grouped by its flags (see scripts/build_gazetteer.py): the table is built
    # at C speed, a few `dict.fromkeys` calls instead of a loop over 400,000 words.
    words: dict[str, int] = {}
    heads: set[str] = set()
    for flags, blob in data["words"].items():
        group = blob.split("\n")
        words.update(dict.fromkeys(group, int(flags)))
        if int(flags) & PLACE:
            heads.update(w[: w.index(" ")] for w in group if " " in w)
    for bit, values in ((STOP | ENGLISH | COMMON, STOPWORDS), (DEMONYM, DEMONYMS), (TITLE, TITLES), (PLACE_HEAD, heads)):
        for w in values:
            words[w] = words.get(w, 0) | bit
    return Gazetteer(words=words)
