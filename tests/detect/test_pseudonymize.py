"""Pseudonymisation: stable placeholders, full restore, stream restore at any chunk boundary."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from accord.detect import Entity, Pseudonymizer, inspect


def test_placeholders_are_stable_per_type_and_value():
    p = Pseudonymizer()
    text = "bob@x.io, ann@y.io, bob@x.io"
    ents = [Entity("EMAIL_ADDRESS", 0, 8, 1), Entity("EMAIL_ADDRESS", 10, 18, 1), Entity("EMAIL_ADDRESS", 20, 28, 1)]
    masked = p.mask(text, ents)
    assert masked == "<EMAIL_ADDRESS_1>, <EMAIL_ADDRESS_2>, <EMAIL_ADDRESS_1>"
    assert p.restore(masked) == text


def test_round_trip_with_the_engine():
    text = "Maria Gonzalez (maria@example.com, +44 20 7946 0958) asked for a refund."
    p = Pseudonymizer()
    masked = p.mask(text, inspect(text).entities)
    assert "maria@example.com" not in masked and "+44" not in masked
    assert p.restore(masked) == text


def test_only_exact_placeholders_are_restored():
    p = Pseudonymizer()
    p.placeholder_for("PERSON", "Ann")
    assert p.restore("<PERSON_1> <person_1> < PERSON_1 > <PERSON_2>") == "Ann <person_1> < PERSON_1 > <PERSON_2>"


def test_stream_holds_back_less_than_the_longest_placeholder():
    p = Pseudonymizer()
    ph = p.placeholder_for("EMAIL_ADDRESS", "a@b.co")
    r = p.stream_restorer()
    out = []
    for ch in f"x {ph} y <EMAIL":
        out.append(r.feed(ch))
        assert r.pending < p.max_placeholder_len
    out.append(r.flush())
    assert "".join(out) == "x a@b.co y <EMAIL"


_VALUES = st.text(alphabet="ab<>_ 1", min_size=1, max_size=5)


@settings(max_examples=150, deadline=None)
@given(
    values=st.lists(st.tuples(st.sampled_from(["PERSON", "EMAIL_ADDRESS", "X"]), _VALUES), min_size=1, max_size=4),
    filler=st.lists(st.text(alphabet="<>_A1 x", max_size=6), min_size=1, max_size=6),
    cuts=st.lists(st.integers(min_value=0, max_value=200), max_size=12),
)
def test_stream_restore_equals_full_restore_for_any_chunking(values, filler, cuts):
    p = Pseudonymizer()
    phs = [p.placeholder_for(t, v) for t, v in values]
    parts = []
    for i, f in enumerate(filler):
        parts.append(f)
        parts.append(phs[i % len(phs)])
    text = "".join(parts)
    bounds = sorted({c % (len(text) + 1) for c in cuts})
    chunks = [text[a:b] for a, b in zip([0, *bounds], [*bounds, len(text)], strict=True)]
    r = p.stream_restorer()
    streamed = "".join(r.feed(c) for c in chunks) + r.flush()
    assert streamed == p.restore(text)
    one_by_one = p.stream_restorer()
    assert "".join(one_by_one.feed(c) for c in text) + one_by_one.flush() == p.restore(text)
