"""Docs are tested: every policy setting and every CLI option of ours is documented, and the policy
examples in docs/policy.md validate."""

from __future__ import annotations

import re
import typing
from pathlib import Path
from typing import Any

import click
import pytest
import yaml
from pydantic import BaseModel

from accord.policy import Policy
from accord.policy.loader import _Lines, validate_policy

DOCS = Path(__file__).resolve().parents[2] / "docs"
POLICY_MD = (DOCS / "policy.md").read_text(encoding="utf-8")
AUDIT_MD = (DOCS / "audit.md").read_text(encoding="utf-8")
#: Sections owned (and documented) by other capabilities.
ELSEWHERE = {"discover", "govern"}


def _models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models(arg)]


def _settings(model: type[BaseModel], prefix: str = "") -> list[str]:
    out = []
    for name, field in model.model_fields.items():
        path = f"{prefix}{name}"
        if not prefix and name in ELSEWHERE:
            continue
        out.append(path)
        for sub in _models(field.annotation):
            out += _settings(sub, path + ".")
    return out


@pytest.mark.parametrize("path", _settings(Policy))
def test_every_policy_setting_is_documented(path: str) -> None:
    leaf = path.rsplit(".", 1)[-1]
    assert f"`{leaf}`" in POLICY_MD or f".{leaf}`" in POLICY_MD, f"{path} is not documented in docs/policy.md"


def _yaml_blocks(text: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", text, flags=re.DOTALL)


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = out[key] + value
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def test_policy_examples_validate() -> None:
    blocks = _yaml_blocks(POLICY_MD)
    assert len(blocks) >= 10
    env = {"OPENAI_API_KEY": "x", "AZURE_OPENAI_KEY": "y"}
    full = yaml.safe_load(blocks[0])
    validate_policy(full, file="docs/policy.md", lines=_Lines(), env=env)
    for block in blocks[1:]:
        fragment = yaml.safe_load(block)
        validate_policy(_merge(full, fragment), file="docs/policy.md", lines=_Lines(), env=env)


def _options(cmd: click.Command, path: str) -> list[tuple[str, str]]:
    if isinstance(cmd, click.Group):
        return [o for name, sub in cmd.commands.items() for o in _options(sub, f"{path} {name}")]
    return [(path, opt) for p in cmd.params if isinstance(p, click.Option) for opt in p.opts if opt.startswith("--")]


@pytest.mark.parametrize(
    ("module", "doc"), [("accord.cli.keys:keys", "audit"), ("accord.cli.audit:audit", "audit"), ("accord.cli.policy:policy", "policy")]
)
def test_every_cli_command_and_option_is_documented(module: str, doc: str) -> None:
    import importlib

    mod, attr = module.split(":")
    group = getattr(importlib.import_module(mod), attr)
    text = AUDIT_MD if doc == "audit" else POLICY_MD
    for name in group.commands:
        assert f"accord {attr} {name}" in text, f"accord {attr} {name} is not documented in docs/{doc}.md"
    for command, option in _options(group, f"accord {attr}"):
        if option in ("--help",):
            continue
        assert f"`{option}" in text or f" {option}" in text, f"{command} {option} is not documented in docs/{doc}.md"
