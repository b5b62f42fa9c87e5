"""Per-family must-fire tables: each fake credential is found, with the right kind and span."""

from __future__ import annotations

import pytest

from accord.detect.secrets import RULES, SecretsRecognizer
from tests.detect.secrets.tables import FAMILIES

ROWS = [(family, *row) for family, rows in FAMILIES.items() for row in rows]


@pytest.fixture(scope="module")
def recognizer() -> SecretsRecognizer:
    return SecretsRecognizer()


@pytest.mark.parametrize(("family", "rule_id", "secret", "template"), ROWS, ids=[f"{r[1]}-{i}" for i, r in enumerate(ROWS)])
def test_must_fire(recognizer: SecretsRecognizer, family: str, rule_id: str, secret: str, template: str) -> None:
    text = template.format(s=secret)
    found = [(e.kind, text[e.start : e.end]) for e in recognizer.analyze(text)]
    assert (rule_id, secret) in found, f"{rule_id} missed in {text!r}; found {found}"
    assert RULES.get(rule_id).family == family


def test_every_rule_has_an_example() -> None:
    covered = {row[1] for row in ROWS}
    missing = [rule.id for rule in RULES if rule.id not in covered]
    assert not missing, f"rules without a must-fire example: {missing}"
