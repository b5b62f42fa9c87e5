"""Engine configuration, registry, overlap resolution, custom dictionaries and classification."""

from __future__ import annotations

import pytest

from accord.detect import (
    DataClass,
    Engine,
    EngineConfig,
    Entity,
    RecognizerRegistry,
    default_engine,
    inspect,
    resolve_overlaps,
)
from accord.detect.recognizers.email import RECOGNIZER as EMAIL
from accord.errors import ConfigError


class FixedRecognizer:
    """A third-party recognizer (the extension point): reports fixed spans."""

    name = "fixed"
    entities = ("SECRET",)

    def __init__(self, spans):
        self._spans = spans

    def analyze(self, text):
        return [Entity("SECRET", s, e, 0.6, "test-rule", self.name) for s, e in self._spans]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"score_threshold": 1.5}, "score_threshold"),
        ({"bogus": 1}, "bogus"),
        ({"dictionaries": [{"name": "p", "terms": []}]}, "dictionaries.0.terms"),
        ({"dictionaries": [{"name": "p", "type": "lower", "terms": ["ab"]}]}, "dictionaries.0.type"),
        ({"dictionaries": [{"name": "p", "category": "nope", "terms": ["ab"]}]}, "dictionaries.0.category"),
    ],
)
def test_config_errors_name_the_field(data, field):
    with pytest.raises(ConfigError) as exc:
        EngineConfig.from_mapping(data, source="accord.yaml")
    assert exc.value.field == field
    assert "accord.yaml" in str(exc.value)


def test_unknown_entity_type_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown entity types"):
        Engine([EMAIL], config=EngineConfig(entities=("EMAIL_ADDRESS", "NOPE")), secrets=None, injection=None)


def test_registry_rejects_duplicates_and_non_recognizers():
    reg = RecognizerRegistry([EMAIL])
    with pytest.raises(ValueError, match="already registered"):
        reg.add(EMAIL)
    with pytest.raises(TypeError):
        reg.add(object())  # type: ignore[arg-type]


def test_custom_dictionary_allow_list_and_enabled_entities():
    cfg = EngineConfig.from_mapping(
        {
            "allow_list": ["support@example.com"],
            "dictionaries": [
                {"name": "projects", "type": "PROJECT", "category": "legal", "terms": ["Bluebird", "Project X"]},
                {"name": "customers", "type": "CUSTOMER", "terms": ["ACME"], "case_sensitive": True},
            ],
        }
    )
    eng = Engine([EMAIL], config=cfg, secrets=None, injection=None)
    text = "Ask support@example.com or bob@corp.io about bluebird, project x, ACME and acme; not Bluebirds."
    found = [(e.type, e.kind, text[e.start : e.end]) for e in eng.analyze(text)]
    assert ("EMAIL_ADDRESS", None, "bob@corp.io") in found
    assert all(v != "support@example.com" for _, _, v in found)
    assert ("PROJECT", "projects", "bluebird") in found
    assert ("PROJECT", "projects", "project x") in found
    assert ("CUSTOMER", "customers", "ACME") in found
    assert ("CUSTOMER", "customers", "acme") not in found  # case-sensitive dictionary
    assert ("PROJECT", "projects", "Bluebird") not in found  # "Bluebirds": not on a word boundary
    report = eng.inspect(text)
    assert "legal" in report.categories and report.classification >= DataClass.CONFIDENTIAL

    only = Engine([EMAIL], config=EngineConfig(entities=("PROJECT",), dictionaries=cfg.dictionaries),
                  secrets=None, injection=None)
    assert {e.type for e in only.analyze(text)} == {"PROJECT"}


def test_secret_beats_pii_in_the_same_span():
    text = "key alice@example.com end"
    eng = Engine([EMAIL, FixedRecognizer([(4, 21)])], secrets=None, injection=None)
    (ent,) = eng.analyze(text)
    assert ent.type == "SECRET" and ent.kind == "test-rule"


def test_overlap_resolution_keeps_higher_score_then_longer():
    a = Entity("PERSON", 0, 10, 0.6)
    b = Entity("LOCATION", 5, 12, 0.9)
    c = Entity("URL", 20, 30, 0.5)
    d = Entity("URL", 20, 35, 0.5)
    assert resolve_overlaps([a, b, c, d]) == [b, d]


def test_address_absorbs_the_city_inside_it():
    text = "Ship to 221 Baker Street, London NW1 6XE please"
    types = [e.type for e in default_engine().analyze(text)]
    assert types == ["STREET_ADDRESS"]


@pytest.mark.parametrize(
    ("text", "category", "data_class"),
    [
        ("Patient was diagnosed with type 2 diabetes; continue metformin 500 mg.", "PHI", DataClass.RESTRICTED),
        ("Draft the termination letter and mention the severance package.", "HR", DataClass.CONFIDENTIAL),
        ("Summarise the NDA and the pending litigation.", "legal", DataClass.CONFIDENTIAL),
        ("Our Q3 revenue forecast and EBITDA margin for the board.", "financial", DataClass.CONFIDENTIAL),
        ("def f(x):\n    return x\nimport os\nclass A:\n    pass\n", "source_code", DataClass.INTERNAL),
        ("card 4111 1111 1111 1111", "PCI", DataClass.RESTRICTED),
        ("mail bob@example.com", "PII", DataClass.CONFIDENTIAL),
    ],
)
def test_classification(text, category, data_class):
    report = inspect(text)
    assert category in report.categories, report.reasons
    assert report.classification == data_class
    assert any(r.startswith(category) for r in report.reasons)


def test_benign_text_is_public_and_one_weak_cue_is_not_a_topic():
    report = inspect("What is the capital of France? Our customer asked.")
    assert report.classification == DataClass.PUBLIC
    assert report.categories == ()


def test_report_shape():
    report = inspect("mail bob@example.com")
    d = report.to_dict()
    assert d["entities"] == [{"type": "EMAIL_ADDRESS", "start": 5, "end": 20, "score": d["entities"][0]["score"]}]
    assert report.entity_counts() == {"EMAIL_ADDRESS": 1}
    assert set(d["injection"]) == {"score", "detected"}


def test_engine_fails_closed_when_a_builtin_detector_cannot_load(monkeypatch):
    """A broken secrets rule set must stop the engine, never silently drop secret detection."""
    import pytest

    import accord.detect.secrets as secrets_pkg
    from accord.detect import Engine
    from accord.errors import ScannerError

    class Broken:
        def __init__(self) -> None:
            raise RuntimeError("rule database corrupt")

    monkeypatch.setattr(secrets_pkg, "SecretsRecognizer", Broken)
    with pytest.raises(ScannerError, match="secrets recognizer failed to load"):
        Engine(injection=False)
    # Opting out explicitly still works.
    assert all(e.type != "SECRET" for e in Engine(secrets=False, injection=False).analyze("AKIAZ7Q3XK2M4N8P5R6T"))
