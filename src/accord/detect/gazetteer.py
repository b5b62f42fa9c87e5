"""The shipped name and place lists (see data/SOURCES.md), loaded once per process, as frozensets.

Words are lower-cased and NFC-normalised; look-ups lower-case the token. Built by
`scripts/build_gazetteer.py`; nothing is downloaded at run time.
"""

from __future__ import annotations

import gzip
import json
import sys
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


@dataclass(frozen=True)
class Gazetteer:
    first_names: frozenset[str]
    surnames: frozenset[str]
    cities: frozenset[str]
    countries: frozenset[str]
    regions: frozenset[str]
    org_suffixes: frozenset[str]
    #: Every English word we know (web2 lemmas): used to tell names from words.
    english_words: frozenset[str]
    #: The most common English words only (no rare senses like "anna", "alma").
    common_words: frozenset[str]

    def is_common(self, lower: str) -> bool:
        """An English word, also in a simple inflected form (web2 lists lemmas only)."""
        w = self.english_words
        if lower in w:
            return True
        if lower.endswith("s") and (lower[:-1] in w or (lower.endswith("es") and lower[:-2] in w)):
            return True
        if lower.endswith("ed") and (lower[:-2] in w or lower[:-1] in w):
            return True
        if lower.endswith("ing") and (lower[:-3] in w or lower[:-3] + "e" in w):
            return True
        return lower.endswith("ly") and lower[:-2] in w

    def is_place(self, lower: str) -> bool:
        return lower in self.cities or lower in self.countries or lower in self.regions


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    raw = (resources.files("accord.detect") / "data" / "gazetteer.json.gz").read_bytes()
    data = json.loads(gzip.decompress(raw))
    # Interning shares the many repeated short strings between sets.
    intern = sys.intern

    def fs(key: str) -> frozenset[str]:
        return frozenset(intern(w) for w in data[key])

    return Gazetteer(
        first_names=fs("first_names"),
        surnames=fs("surnames"),
        cities=fs("cities"),
        countries=fs("countries"),
        regions=fs("regions"),
        org_suffixes=fs("org_suffixes"),
        english_words=fs("english_words") | STOPWORDS,
        common_words=fs("common_words") | STOPWORDS,
    )
