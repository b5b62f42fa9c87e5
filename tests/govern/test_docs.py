"""docs/govern.md documents every command, option, policy setting and format (fails when one is missing)."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from pydantic import BaseModel

from accord.cli.data import data
from accord.cli.scan import scan
from accord.govern.extract import default_registry
from accord.policy.sections.govern import GovernPolicy

DOC = (Path(__file__).resolve().parents[2] / "docs" / "govern.md").read_text()


def _options(cmd: click.Command) -> list[str]:
    return [
        o
        for p in cmd.params
        if isinstance(p, click.Option)
        for o in p.opts
        if o.startswith("--") and o != "--home"
    ]


@pytest.mark.parametrize("name", sorted(data.commands))  # type: ignore[attr-defined]
def test_every_data_command_and_option_is_documented(name: str) -> None:
    assert f"accord data {name}" in DOC
    for opt in _options(data.commands[name]):  # type: ignore[attr-defined]
        assert opt in DOC, f"{name} {opt}"


def test_scan_options_are_documented() -> None:
    for opt in _options(scan):
        assert opt in DOC, opt


def _fields(model: type[BaseModel]) -> list[str]:
    out = []
    for name, field in model.model_fields.items():
        out.append(name)
        ann = field.annotation
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            out += _fields(ann)
    return out


def test_every_policy_setting_is_documented() -> None:
    for name in _fields(GovernPolicy):
        assert f"{name}:" in DOC, name


def test_every_format_is_documented() -> None:
    for suffix in default_registry().suffixes:
        assert suffix in DOC, suffix
