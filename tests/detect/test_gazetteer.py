"""The shipped gazetteer (one word -> flags table) and the validators the hot paths call inline."""

from __future__ import annotations

import gc

import pytest

from accord.detect import gazetteer as gz
from accord.detect.recognizers.ip_address import validate as ip_validate
from accord.detect.recognizers.phone import validate as phone_validate


@pytest.fixture(scope="module")
def g() -> gz.Gazetteer:
    return gz.load()


@pytest.mark.parametrize(
    ("word", "has", "lacks"),
    [
        ("jennifer", gz.FIRST | gz.SURNAME, gz.STOP | gz.PLACE),
        ("smith", gz.SURNAME | gz.ENGLISH, gz.PLACE),
        ("tokyo", gz.CITY, gz.FIRST | gz.STOP),
        ("germany", gz.COUNTRY, gz.FIRST),
        ("the", gz.STOP | gz.ENGLISH | gz.COMMON, gz.FIRST),
        ("german", gz.DEMONYM, gz.STOP),
        ("dr", gz.TITLE, gz.FIRST),
        ("paavolainen", 0, gz.FIRST | gz.SURNAME | gz.ENGLISH),
    ],
)
def test_flags(g, word, has, lacks):
    assert g.flags(word) & has == has
    assert not g.flags(word) & lacks


def test_list_views_and_inflections(g):
    assert "jennifer" in g.first_names and "tokyo" not in g.first_names and "tokyo" in g.cities
    assert g.is_place("paris") and not g.is_place("walked")
    assert g.is_common("walked") and g.is_common("houses") and not g.is_common("paavolainen")
    assert len(g.first_names) > 10_000 and all(g.flags(w) & gz.FIRST for w in list(g.first_names)[:100])


def test_the_table_is_invisible_to_the_garbage_collector(g):
    """A dict of str -> int is not tracked: full collections do not walk 400,000 words mid-scan."""
    assert not gc.is_tracked(g.words)
    assert len(g.words) > 300_000


@pytest.mark.parametrize(
    ("value", "verdict"),
    [("203.0.113.45", True), ("10.0.0.1", True), ("1.2.3.4", 0.3), ("256.1.1.1", False), ("01.2.3.4", False),
     ("1..2.3", False), ("2001:db8::8a2e:370:7334", True), (":1:2", False), ("::1", True)],
)
def test_ip_validator(value, verdict):
    assert ip_validate(value) == verdict


@pytest.mark.parametrize(
    ("value", "verdict"),
    [("2024-05-12", False), ("12.05.2024", False), ("2024-05-12 10:22", False), ("1.2.3.4567", False),
     ("192.168.1.10", False), ("1111111", False), ("(415) 555-0142", 0.65), ("020 7946 0958", 0.5),
     ("9472 7916", 0.4), ("12 3 4 5 6 7", False), ("0490754081", 0.2)],
)
def test_phone_validator_shapes(value, verdict):
    assert phone_validate(value) == verdict
