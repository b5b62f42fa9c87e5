"""docs/discover.md documents every CLI option, parser and policy setting."""

from __future__ import annotations

from pathlib import Path

from accord.cli.catalog import catalog
from accord.cli.discover import discover
from accord.discover.parsers import default_registry
from accord.policy.sections.discover import (
    DiscoverPolicy,
    ExfilSettings,
    ExportSettings,
    RiskWeights,
    SanctionedAlternative,
)

DOC = (Path(__file__).resolve().parents[2] / "docs" / "discover.md").read_text()


def _options(cmd) -> list[str]:  # type: ignore[no-untyped-def]
    return [opt for p in cmd.params for opt in getattr(p, "opts", []) if opt.startswith("--")]


def test_every_cli_option_is_documented():
    for name, cmd in discover.commands.items():
        for opt in _options(cmd):
            assert f"`{opt}" in DOC or f"{opt} " in DOC, f"discover {name} {opt}"
    for name in catalog.commands:
        assert f"catalog {name}" in DOC or "list|show|search" in DOC, name


def test_every_parser_is_documented():
    for parser in default_registry():
        assert f"`{parser.name}`" in DOC, parser.name


def test_every_policy_setting_is_documented():
    for model in (DiscoverPolicy, RiskWeights, SanctionedAlternative, ExportSettings, ExfilSettings):
        for field in model.model_fields:
            assert field in DOC, field
