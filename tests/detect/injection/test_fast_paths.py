"""The detector's shortcuts give exactly what the long way gives: squeezing text that is already squeezed,
NULL slots counted without a pass, short lexicon phrases matched with their word boundary in Hyperscan."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.detect.injection import features
from accord.detect.injection import scanner as scanner_mod
from accord.detect.injection.detector import squeeze
from accord.detect.injection.model import LinearModel
from accord.detect.injection.signatures import all_signatures
from accord.detect.injection.signatures.proximity import class_phrases

DATA = Path(__file__).parent / "data"


def _squeeze_reference(text: str) -> str:
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=" \n\t\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u00a0ab.é\x00", max_size=12))
def test_squeeze_matches_the_split_and_join(text):
    assert squeeze(text) == _squeeze_reference(text)


def test_squeeze_keeps_plain_prompts_as_they_are():
    plain = "summarise this e-mail\nfrom: ana\n\nthanks"
    assert squeeze(plain) is plain
    assert squeeze("two  spaces") == "two spaces"
    assert squeeze(" lead\n") == "lead"


def _window_score_reference(weights, data, window=features.WINDOW):
    """The score as first written: NULL slots counted, a concatenated running sum."""
    n = len(data)
    if n == 0:
        return 0.0, 0
    ids = features.bucket_ids(data)
    if n <= window:
        return float(weights[ids].sum(dtype=np.float64)) / features._norm(ids), 0
    per_pos = weights[ids].sum(axis=0, dtype=np.float64)
    csum = np.concatenate(([0.0], np.cumsum(per_pos)))
    best = int(np.argmax(csum[window:] - csum[:-window]))
    return float(csum[best + window] - csum[best]) / features._norm(ids[:, best:best + window]), best


@pytest.mark.parametrize("n", [0, 1, 2, 3, 5, 6, 7, 40, 1023, 1024, 1025, 1030, 2500])
def test_window_score_is_bit_identical_to_the_reference(n):
    rng = np.random.default_rng(n)
    data = rng.integers(32, 127, size=n, dtype=np.uint8).tobytes()
    for weights in (LinearModel.load().weights, features.with_null(rng.normal(size=1 << features.BITS).astype(np.float32))):
        assert features.window_score(weights, data) == _window_score_reference(weights, data)
        assert features.window_score(weights, data, 100) == _window_score_reference(weights, data, 100)


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 6, 7, 50, 1100])
def test_null_slots_are_counted_without_a_pass(n):
    ids = features.bucket_ids(b"x" * n)
    for start, stop in ((0, n), (0, max(n // 2, 1)), (n // 3, n), (max(n - 3, 0), n)):
        assert features._nulls(n, start, stop) == int(np.count_nonzero(ids[:, start:stop] == features.NULL))


@pytest.fixture(scope="module")
def scanners(monkeypatch_module):
    fast = scanner_mod.Scanner(all_signatures())
    monkeypatch_module.setattr(scanner_mod, "_SHORT_PHRASE", 0)  # every phrase a literal, checked in Python
    slow = scanner_mod.Scanner(all_signatures())
    return fast, slow


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


def _short_phrases() -> list[str]:
    return sorted({p.decode() for _, p in class_phrases() if len(p) <= scanner_mod._SHORT_PHRASE and p[:1].isalnum()})


def _same(fast, slow, text: str) -> None:
    data = text.encode("utf-8", "replace")
    hits_fast = {c: sorted(v) for c, v in fast._hits(data)[1].items()}
    hits_slow = {c: sorted(v) for c, v in slow._hits(data)[1].items()}
    assert hits_fast == hits_slow, text
    a, b = fast.canon(text), slow.canon(text)
    assert (a.features, a.hints, sorted(a.rules)) == (b.features, b.hints, sorted(b.rules)), text


def test_short_phrases_with_a_word_boundary_find_what_literals_find(scanners):
    fast, slow = scanners
    assert fast._short_phrase and not slow._short_phrase
    texts = [json.loads(line)["text"].lower() for f in ("probes.jsonl", "handwritten.jsonl")
             for line in (DATA / f).read_text(encoding="utf-8").splitlines() if line.strip()]
    for text in texts:
        _same(fast, slow, text)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_short_phrases_in_random_company(scanners, data):
    fast, slow = scanners
    pieces = _short_phrases() + ["ignore", "previous", "instructions", "system prompt", "reveal", "your", "ai",
                                 "station", "_", "é", "1", "'", '"', ".", "\n", "い", "ии", "9"]
    words = data.draw(st.lists(st.sampled_from(pieces), max_size=14))
    seps = data.draw(st.lists(st.sampled_from(["", "", " ", " ", ", ", "-", "_", "7"]), min_size=len(words),
                              max_size=len(words)))
    _same(fast, slow, "".join(w + s for w, s in zip(words, seps, strict=True)))


_ASCII = "".join(chr(c) for c in range(128))


@settings(max_examples=400, deadline=None)
@given(st.one_of(
    st.text(alphabet=_ASCII, max_size=60),
    st.text(alphabet="AQZaqz0279+/=%&#x;: .-_*|~,\nFf", min_size=10, max_size=80),
    st.lists(st.sampled_from(["a", "b", " ", ".", "-", "I", "g"]), min_size=6, max_size=30).map("".join),
))
def test_ascii_raw_hints_answer_like_the_full_database(scanners, text):
    fast, _ = scanners
    assert fast.raw(text) == fast._raw_hints(text.encode(), "_raw", fast._raw_names)


@pytest.mark.parametrize(("text", "hint"), [
    ("aWdub3JlIGFsbCBwcmV2aW91cw==", "base64"), ("NFXGQ2LTEBQWY3DM", "base32"), ("69676e6f726520616c6c", "hex"),
    ("%69%67%6e", "url"), ("&#105;&#103;", "entity"), ("i g n o r e all", "spaced-long"),
])
def test_raw_hints_of_ascii_text_fire(scanners, text, hint):
    fast, _ = scanners
    assert hint in fast.raw(text)
    assert hint in fast.raw(text + " é")  # and through the full database
