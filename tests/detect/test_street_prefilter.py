"""The street-address recognizer skips kinds of street line whose regex cannot match in a window; the
checks must never skip a kind that would match (they change speed, never results)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from accord.detect.recognizers import street_address as sa

_ALL = tuple(sa._KINDS)

# Pieces of addresses and near-misses, in several scripts and cases: street words of every list, numbers
# of every shape, capitalised words, PO boxes, military mail, punctuation and separators.
_STREET_WORDS = (
    sa._EN_SUFFIXES + [w.capitalize() for w in sa._EN_SUFFIXES[::5]] + [w.upper() for w in sa._EN_SUFFIXES[::9]]
    + sa._literals(sa._PREFIXES) + [w.upper() for w in sa._literals(sa._PREFIXES)[::5]]
    + [f"Haupt{w}" for w in sa._COMPOUND_ENDINGS] + [f"KOSKI{w.upper()}" for w in sa._COMPOUND_ENDINGS[::3]]
    + sa._SUFNUM_WORDS + ["Box", "BOX", "P.O. Box", "PO Box", "P. O. Box", "Post Office Box", "Postfach", "Apartado",
                          "Case postale", "PSC", "Unit", "CMR", "APO AE", "FPO AP", "DPO AA", "corner of",
                          "The Corner Of", "and", "&", "Apt", "Suite", "ſtreet", "ＳＴＲＥＥＴ"]
)
# Whole phrases of the rarer kinds (cut by the window's edges or not).
_PHRASES = ["P.O. Box 211", "PO Box 7", "Postfach 1234", "Apartado 45", "Case postale 12",
            "PSC 2581, Box 0041 APO AP 32376", "Unit 45 Box 12 FPO AE 09876", "the corner of Elm Street and Main",
            "corner of 5th and Pine", "Petőfi Sándor u. 12", "Main street 5", "Baker Road 12", "Kossuth Lajos utca 3",
            "Long Str. 5", "Via dei Fiorentini 17", "Calle Mayor, 5", "12, rue de la Paix", "Hauptstraße 5",
            "Koskikatu 25", "ul. Biskupa Bogedaina 118", "Kossuth Lajos utca3", "Baker rd.12", "Jones' 12",
            "Nord- 5"]
_WORDS = ["Bay", "Gordon", "Quadra", "dei", "Fiorentini", "Dalbraut", "Žilinská", "Rovensko", "Östbygatan",
          "O'Neil", "Saint-Jean", "St.", "Main", "Elm", "the", "of", "in", "version", "Kelvin", "ıi", "x_y"]
_NUMBERS = ["1", "17", "221", "3968", "6750", "104", "25A", "12/3", "5-7", "0041", "32376", "1971", "2023",
            "٣٤", "２１", "5th", "D02"]
_SEPS = (" ",) * 8 + (", ", ",", "\n", ". ", " - ", "  ", "\t", "", ",\n")


@st.composite
def _windows(draw):
    token = st.one_of(st.sampled_from(_STREET_WORDS), st.sampled_from(_WORDS), st.sampled_from(_NUMBERS),
                      st.sampled_from(_PHRASES))
    parts = draw(st.lists(st.tuples(token, st.sampled_from(_SEPS)), min_size=1, max_size=10))
    text = draw(st.text(max_size=4)) + "".join(p + s for p, s in parts) + draw(st.text(max_size=4))
    text = draw(st.sampled_from((str, str, str.upper, str.lower, str.title)))(text)
    n = len(text)
    lo = draw(st.integers(0, n // 4))
    hi = draw(st.integers(lo + (n - lo) * 3 // 4, n))
    return text, lo, hi


def _check(text: str, lo: int, hi: int) -> None:
    kept = set(sa._kinds_to_try(text, lo, hi, _ALL))
    for kind in _ALL:
        if sa._KIND_RX[kind].search(text, lo, hi) is not None:
            assert kind in kept, (kind, text[lo:hi])


@settings(max_examples=1500, deadline=None)
@given(_windows())
def test_no_kind_that_matches_is_skipped(window):
    _check(*window)


def test_table_of_addresses_keeps_the_matching_kind():
    table = {
        "3968 Bay Street, Springfield": "en",
        "69 Gordon Terrace": "en",
        "Via dei Fiorentini 17": "pre",
        "ul. Biskupa Bogedaina 118": "pre",
        "Koskikatu 25": "comp",
        "Hauptstraße 5": "comp",
        "KOSKIKATU 25": "comp",
        "Petőfi Sándor u. 12": "sufnum",
        "6750 Quadra 104": "num2",
        "Dalbraut 99": "gen",
        "Jones' 12": "gen",
        "Nord- 5": "gen",
        "Baker rd.12": "sufnum",
        "P.O. Box 211": "po",
        "POST OFFICE BOX 7": "po",
        "PSC 2581, Box 0041 APO AP 32376": "mil",
        "at the corner of Elm Street and Main": "corner",
        "12, rue de la Paix": "preb",
    }
    for text, kind in table.items():
        assert sa._KIND_RX[kind].search(text) is not None, text
        assert kind in sa._kinds_to_try(text, 0, len(text), _ALL), text
        _check(text, 0, len(text))


def test_near_misses_skip_kinds_on_ascii_windows():
    # Nothing address-like: every kind is skipped without running its regex.
    assert sa._kinds_to_try("the build passed again, thanks", 0, 30, _ALL) == []
    # A number after a word: only the kinds that end in one stay.
    assert set(sa._kinds_to_try("version 12", 0, 10, _ALL)) == {"num2", "gen"}
