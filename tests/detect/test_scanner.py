"""The multi-pattern scanner and the engine's fast paths: they must find exactly what the plain paths
find (short and long texts, shared expressions, overlap clusters, the entity constructor)."""

from __future__ import annotations

import dataclasses
import random
import subprocess
import sys

import pytest

import accord.detect.scanner as scanner_mod
from accord.detect import Engine, Entity, default_engine, resolve_overlaps
from accord.detect.engine import _CONTAINERS

SNIPPETS = [
    "From: Xqzor Plimby <xq.plimby@example.com>\nHi Anna, call Björn Åkesson on +46 70 123 45 67.\n",
    "Dear Mr. Okafor, ship to 3968 Bay Street, Springfield. IBAN DE89370400440532013000.\n",
    "10.0.0.12 - - [12/May/2024:10:22:33 +0000] \"GET /healthz HTTP/1.1\" 200 1234\n",
    "customer_id,name,email,city\n1041,Zoë Müller,zoe.mueller@example.de,Berlin\n",
    "Efimiya, Mary, Ariana and Jodi met in Paris; Lena Andersson's flight to New York left at 9.\n",
]


def _found(engine: Engine, text: str) -> list[tuple[str, int, int, float]]:
    return [(e.type, e.start, e.end, round(e.score, 6)) for e in engine.analyze(text)]


@pytest.fixture(scope="module")
def engine() -> Engine:
    return default_engine()


def test_long_and_short_texts_take_the_same_path_to_the_same_findings(engine, monkeypatch):
    """Long texts group hits with numpy (and check gazetteer words' boundaries there), short ones in
    plain Python: both must agree on the same text, ASCII or not."""
    rng = random.Random(4)
    text = "".join(rng.choice(SNIPPETS) for _ in range(160))
    assert len(text.encode()) > scanner_mod._BIG_TEXT
    long_path = _found(engine, text)
    monkeypatch.setattr(scanner_mod, "_BIG_TEXT", 10**12)
    short_path = _found(engine, text)
    assert long_path == short_path
    assert {t for t, *_ in long_path} >= {"PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "IP_ADDRESS", "IBAN_CODE"}


def test_a_shared_expression_is_compiled_once_and_serves_both_recognizers(engine):
    scanner = engine._scanner
    assert scanner._dups, "the names recognizer follows the e-mail recognizer's expression"
    text = "Sent from the office of Xqzor Plimby <xq.plimby@example.com> yesterday"
    found = {(e.type, text[e.start : e.end]) for e in engine.analyze(text)}
    # "Xqzor Plimby" is in no gazetteer: only the address after it makes it a name.
    assert ("PERSON", "Xqzor Plimby") in found
    assert ("EMAIL_ADDRESS", "xq.plimby@example.com") in found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Xqzor Plimby <xq@example.com>", "Xqzor Plimby"),
        ("Xqzor Plimby (xq@example.com)", "Xqzor Plimby"),
        ("Xqzor Plimby, xq@example.com", "Xqzor Plimby"),
        ("Xqzor Plimby xq@example.com", "Xqzor Plimby"),
    ],
)
def test_name_before_an_address(engine, text, name):
    assert ("PERSON", name) in {(e.type, text[e.start : e.end]) for e in engine.analyze(text)}


@pytest.mark.parametrize(
    "text",
    ["Xqzor Plimby <<xq@example.com>", "XQZOR PLIMBY, xq@example.com", "Xqzor Plimby;xq@example.com"],
)
def test_no_name_without_the_separator_shape(engine, text):
    assert "PERSON" not in {e.type for e in engine.analyze(text)}


def _reference_overlaps(ents: list[Entity]) -> list[Entity]:
    """The resolution rule written out plainly (quadratic): what the clustered sweep must reproduce."""
    def contained(e: Entity) -> bool:
        return any(c is not e and c.type in _CONTAINERS and e.type in _CONTAINERS[c.type]
                   and c.start <= e.start and c.end >= e.end and c.end - c.start > e.end - e.start for c in ents)

    kept: list[Entity] = []
    for e in sorted((e for e in ents if not contained(e)),
                    key=lambda e: (e.type != "SECRET", -e.score, -(e.end - e.start), e.start)):
        if all(k.end <= e.start or e.end <= k.start for k in kept):
            kept.append(e)
    return sorted(kept, key=lambda e: (e.start, e.end))


def test_overlap_clusters_match_the_plain_rule():
    rng = random.Random(11)
    types = ["PERSON", "LOCATION", "STREET_ADDRESS", "EMAIL_ADDRESS", "SECRET", "PHONE_NUMBER", "ORGANIZATION"]
    for _ in range(300):
        ents = []
        for _ in range(rng.randint(0, 14)):
            s = rng.randint(0, 60)
            ents.append(Entity(rng.choice(types), s, s + rng.randint(1, 15), rng.choice((0.5, 0.6, 0.8, 0.9))))
        assert resolve_overlaps(ents) == _reference_overlaps(ents), ents


def test_entity_stays_a_frozen_value():
    e = Entity("PERSON", 1, 5, 0.8)
    assert e == Entity("PERSON", 1, 5, 0.8, None, "") and hash(e) == hash(Entity("PERSON", 1, 5, 0.8))
    assert dataclasses.replace(e, start=0) == Entity("PERSON", 0, 5, 0.8)
    with pytest.raises(dataclasses.FrozenInstanceError):
        e.start = 3  # type: ignore[misc]
    assert e.to_dict() == {"type": "PERSON", "start": 1, "end": 5, "score": 0.8}


def test_types_import_does_not_load_the_engine():
    """Policy, store and CLI import `accord.detect.types`: that must not pull in Hyperscan or numpy."""
    code = (
        "import sys, accord.detect.types\n"
        "heavy = [m for m in ('numpy', 'hyperscan', 'pydantic', 'accord.detect.engine') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "from accord.detect import Engine, EngineConfig, Pseudonymizer, RecognizerRegistry, inspect\n"
        "assert 'accord.detect.engine' in sys.modules and callable(inspect)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_unknown_public_name_is_an_attribute_error():
    import accord.detect

    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        accord.detect.Nope  # noqa: B018
