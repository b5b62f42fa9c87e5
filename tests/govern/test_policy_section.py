"""The `govern:` policy section: defaults work, typos and bad values fail closed."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from accord.govern.classify import Classifier
from accord.govern.types import Extracted, Segment
from accord.policy.sections.govern import GovernPolicy


def test_defaults() -> None:
    p = GovernPolicy()
    assert p.default_label == "internal" and p.category_labels["credentials"] == "restricted"
    assert p.gate.deny_categories == ["credentials"] and p.retrieval.default_acl == []


@pytest.mark.parametrize(
    "data",
    [
        {"default_lable": "public"},
        {"default_label": "secret"},
        {"category_labels": {"gossip": "public"}},
        {"retrieval": {"default_acl": ["hr"]}},
        {"scan": {"max_file_mb": 0}},
        {"gate": {"indexes": {"kb": "top"}}},
    ],
)
def test_invalid_settings_are_rejected(data: dict) -> None:  # type: ignore[type-arg]
    with pytest.raises(ValidationError):
        GovernPolicy.model_validate(data)


def test_policy_changes_labels() -> None:
    text = Extracted(segments=[Segment("Write to ann@example.org")])
    assert str(Classifier().classify(text).label) == "confidential"
    strict = GovernPolicy.model_validate({"category_labels": {"pii": "restricted"}})
    assert str(Classifier(strict).classify(text).label) == "restricted"
    relaxed = GovernPolicy.model_validate({"default_label": "public"})
    assert str(Classifier(relaxed).classify(Extracted(segments=[Segment("hello world")])).label) == "public"


def test_label_aliases_map_existing_labels() -> None:
    c = Classifier(GovernPolicy.model_validate({"label_aliases": {"Acme Secret": "restricted"}}))
    assert str(c.label_for_name("Acme Secret")) == "restricted"
    assert str(c.label_for_name("Highly Confidential\\Project X")) == "restricted"
    assert str(c.label_for_name("General")) == "internal"
    assert c.label_for_name("Mystery") is None


def test_full_policy_embeds_the_section(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from accord.errors import ConfigError
    from accord.policy import load_policy

    f = tmp_path / "accord.yaml"
    f.write_text("version: 1\ngovern:\n  scan:\n    sample_rows: 10\n")
    assert load_policy(f).govern.scan.sample_rows == 10
    f.write_text("version: 1\ngovern:\n  scan:\n    sample_row: 10\n")
    with pytest.raises(ConfigError) as err:
        load_policy(f)
    assert "sample_row" in str(err.value)
