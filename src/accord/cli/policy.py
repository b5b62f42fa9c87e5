"""`accord policy`: validate a policy file, show the effective policy (secrets masked)."""

from __future__ import annotations

from pathlib import Path

import click
import orjson
import yaml

from accord.cli.common import home_option, resolve_home


@click.group()
def policy() -> None:
    """Validate and show the policy file."""


def _path(home: str | None, file: str | None) -> str:
    return file if file else str(resolve_home(home).policy_path)


@policy.command("validate")
@home_option
@click.argument("file", required=False, type=click.Path(dir_okay=False))
def validate(home: str | None, file: str | None) -> None:
    """Check FILE (default: accord.yaml in --home). Exit 0 when valid, 3 with a line-numbered error."""
    from accord.discover.settings import catalog_for
    from accord.policy import load_policy

    path = _path(home, file)
    p = load_policy(path)
    # The discover section names catalog services; check them now, not when a report or the
    # coaching page first needs them.
    catalog_for(p.discover, Path(path))
    click.echo(
        f"OK: {path}: {len(p.routes)} route(s) ({len(p.active_routes)} enabled), "
        f"{len(p.teams)} team(s), {len(p.tenants)} tenant(s), {len(p.rules)} rule(s)"
    )


@policy.command("show")
@home_option
@click.option("--format", "fmt", type=click.Choice(["yaml", "json"]), default="yaml", show_default=True)
@click.argument("file", required=False, type=click.Path(dir_okay=False))
def show(home: str | None, fmt: str, file: str | None) -> None:
    """Print the effective policy with every default filled in; secrets appear only as references."""
    from accord.policy import load_policy

    p = load_policy(_path(home, file))
    data = p.public_dump()
    data["_enabled_routes"] = [r.name for r in p.active_routes]
    if fmt == "json":
        click.echo(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode())
    else:
        click.echo(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110), nl=False)
