"""Docs are tested: every CLI verb, sub-command and option appears in the user docs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from accord.cli.main import COMMANDS, cli

ROOT = Path(__file__).resolve().parents[2]


def _docs_text() -> str:
    parts = [(ROOT / "README.md").read_text(encoding="utf-8")]
    parts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md"))]
    return "\n".join(parts)


def _walk(cmd: click.Command, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    yield path, cmd
    if isinstance(cmd, click.Group):
        ctx = click.Context(cmd)
        for name in cmd.list_commands(ctx):
            sub = cmd.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                yield from _walk(sub, (*path, name))


def _all_commands() -> list[tuple[tuple[str, ...], click.Command]]:
    ctx = click.Context(cli)
    out = []
    for name in COMMANDS:
        cmd = cli.get_command(ctx, name)
        assert cmd is not None, name
        out.extend(_walk(cmd, (name,)))
    return out


COMMAND_PATHS = _all_commands()


@pytest.mark.parametrize(("path", "cmd"), COMMAND_PATHS, ids=[" ".join(p) for p, _ in COMMAND_PATHS])
def test_command_and_its_options_are_documented(path: tuple[str, ...], cmd: click.Command) -> None:
    docs = _docs_text()
    usage = "accord " + " ".join(path)
    assert re.search(re.escape(usage) + r"\b", docs), f"`{usage}` is not documented in README.md or docs/*.md"
    for param in cmd.params:
        if not isinstance(param, click.Option) or param.hidden:
            continue
        flags = [o for o in param.opts if o.startswith("--")] or param.opts
        if flags == ["--help"]:
            continue
        assert any(f in docs for f in flags), f"option {flags[0]} of `{usage}` is not documented"
