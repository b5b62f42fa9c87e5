"""Context words (`ContextWords.near`) and the trie-shaped alternations the fast paths use, checked
against the plain regex they replace."""

from __future__ import annotations

import random
import re

import pytest

from accord.detect.recognizers.base import ContextWords, trie_alternation

WORDS = ("my name is", "name", "i'm", "dear", "to:", "no.", "'s", "phone", "tel", "téléphone")


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("Dear Anna, hello", "Anna", True),  # a cue before
        ("my name is Anna", "Anna", True),  # several words
        ("dearest Anna", "Anna", False),  # inside a longer word
        ("endear Anna", "Anna", False),
        ("x" * 60 + " Anna", "Anna", False),  # nothing in the window
        ("TÉLÉPHONE Anna", "Anna", True),  # case folded, beyond ASCII
        ("to: Anna", "Anna", True),  # punctuation in the cue
        ("Anna phone", "Anna", True),  # a cue after
        ("Anna phones", "Anna", False),
        ("Anna's", "Anna", False),  # "'s" right after a word character is not a separate word
        ("Anna 's", "Anna", True),
        ("Anna no. 5", "Anna", True),
        ("Anna no.5", "Anna", False),  # a cue must end a word
    ],
)
def test_near_finds_whole_cue_words(text, span, expected):
    cw = ContextWords(WORDS, before=28, after=14)
    start = text.index(span)
    assert cw.near(text, start, start + len(span)) is expected


def test_a_word_cut_by_the_window_edge_does_not_count():
    assert ContextWords(("dear",), before=5, after=0).near("dear Anna", 5, 9)  # the window holds "dear "
    assert not ContextWords(("dear",), before=4, after=0).near("dear Anna", 5, 9)  # it holds "ear " only
    assert not ContextWords(("ear",), before=4, after=0).near("dear Anna", 5, 9)  # and "ear" is part of "dear"


def _plain(words: tuple[str, ...], before: int, after: int):
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    rx = re.compile(rf"(?<!\w)(?:{alts})(?!\w)", re.IGNORECASE)

    def near(text: str, start: int, end: int) -> bool:
        if rx.search(text, max(0, start - before), start):
            return True
        return after > 0 and rx.search(text, end, end + after) is not None

    return near


def test_near_agrees_with_the_plain_regex_on_random_windows():
    rng = random.Random(9)
    alphabet = ["dear ", "name ", "my ", "is ", "to: ", "Tel", "phone", "x", ".", "'s", " ", "\n", "é", "_", "1"]
    cw = ContextWords(WORDS, before=20, after=10)
    plain = _plain(WORDS, 20, 10)
    for _ in range(4000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        assert cw.near(text, start, end) == plain(text, start, end), (text, start, end)


def test_trie_alternation_prefers_the_longest_word_like_a_sorted_alternation():
    words = ["st", "street", "str", "str.", "road", "rd."]
    trie = re.compile(trie_alternation(words))
    plain = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    for text in ["street", "str.", "strx", "st", "rd.", "road", "ro", "xstreet"]:
        a, b = trie.match(text), plain.match(text)
        assert (a and a.group()) == (b and b.group()), text
