"""Topic cues: one Hyperscan pass finds the first word-bounded occurrence of every cue, as a plain search would."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.govern.cues import Cue, CueMatcher
from accord.govern.topics import TOPICS

CUES = [
    Cue(t.category, c, strong)
    for t in TOPICS
    for cues, strong in ((t.cues, False), (t.strong, True))
    for c in cues
]
MATCHER = CueMatcher(CUES)
_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def reference(text: str) -> list[tuple[int, int, str]]:
    """The obvious way: for each cue, scan every occurrence and keep the first with non-alphanumeric
    neighbours (ASCII case-insensitive)."""
    low = text.translate(_LOWER)
    out = []
    for c in CUES:
        i = low.find(c.cue)
        while i != -1:
            j = i + len(c.cue)
            if not (i > 0 and low[i - 1].isalnum()) and not (j < len(low) and low[j].isalnum()):
                out.append((j, i, c.cue))
                break
            i = low.find(c.cue, i + 1)
    return [(s, e, cue) for e, s, cue in sorted(out, key=lambda t: (t[0], t[1]))]


def found(text: str) -> list[tuple[int, int, str]]:
    return [(h.start, h.end, h.entries[0].cue) for h in MATCHER.find(text)]


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        ("Salary review: the payroll run", ["salary", "salary review", "payroll"]),  # overlapping cues
        ("SALARY and Bonus", ["salary", "bonus"]),
        ("“salary” — bonus…", ["salary", "bonus"]),  # typographic punctuation is a boundary
        ("salary\u00a0review", ["salary"]),  # a no-break space is not the space of the cue
        ("icd-10 and ICD-10", ["icd-10"]),
        ("attorney-client privilege applies", ["attorney", "client", "attorney-client privilege"]),
    ],
)
def test_cues_that_must_be_found(text: str, cues: list[str]) -> None:
    assert sorted(c for _, _, c in found(text)) == sorted(cues)


@pytest.mark.parametrize(
    "text",
    [
        "salaryman bonuses",  # inside longer words
        "ésalary payrollé",  # glued to accented letters (a letter is a letter, ASCII or not)
        "salary2 x_bonusy 1payroll",  # glued to digits and letters
        "sal ary pay-roll",  # broken up
        "客户salary",  # glued to a CJK letter
    ],
)
def test_near_misses_are_not_cues(text: str) -> None:
    assert found(text) == []


def test_a_later_occurrence_is_found_when_the_first_is_glued_to_a_letter() -> None:
    text = "ésalary then salary"
    assert found(text) == [(13, 19, "salary")]
    assert text[13:19] == "salary"


def test_offsets_are_characters_of_the_text() -> None:
    text = "日本語のテキスト — payroll и 😀 bonus"
    hits = found(text)
    assert [text[s:e] for s, e, _ in hits] == ["payroll", "bonus"]


_PIECES = st.sampled_from(
    [c.cue for c in CUES[::7]]
    + [c.cue.upper() for c in CUES[::11]]
    + ["é", "ü", "—", "“", "\u00a0", "\u200b", "客", "😀", "x", "1", "_", "-", " ", "\n", ".", "s", "\ud800"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_same_hits_as_the_obvious_search(text: str) -> None:
    assert found(text) == reference(text)


def test_an_empty_table_finds_nothing() -> None:
    assert CueMatcher([]).find("salary") == []
