"""`accord keys`: create, list, revoke and rotate virtual API keys. Every change is audited."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

import click
import orjson

from accord.cli.common import cli_actor, home_option, parse_time, resolve_home
from accord.errors import InputError, NotFound
from accord.store import Store, open_store


@contextmanager
def store_for(home_value: str | None, *, create: bool = False) -> Iterator[Store]:
    """The store of `--home`; commands that only read refuse to create an empty database."""
    home = resolve_home(home_value)
    if "ACCORD_DATABASE_URL" not in os.environ:
        if create:
            home.ensure()
        elif not home.db_path.exists():
            raise NotFound(
                f"no Accord database in {home.path}",
                hint="start once with 'accord up --home DIR' (or create a key) first, or pass the right --home",
            )
    store = open_store(home.db_url)
    try:
        yield store
    finally:
        store.close()


@click.group()
def keys() -> None:
    """Create, list, revoke and rotate virtual API keys."""


@keys.command("create")
@home_option
@click.option("--team", required=True, help="Team the key belongs to (policy: teams.<team>).")
@click.option("--user", required=True, help="User the key acts for.")
@click.option("--tenant", default="default", show_default=True, help="Tenant (MSSP / multi-tenant installs).")
@click.option("--app", default=None, help="Application name, for audit and policy rules (when.apps).")
@click.option("--role", "roles", multiple=True, help="Role, e.g. admin (repeatable).")
@click.option("--group", "groups", multiple=True, help="Directory group, for data entitlements (repeatable).")
@click.option("--expires", default=None, help="Expiry: ISO date/time or a duration such as 90d.")
def create(
    home: str | None, team: str, user: str, tenant: str, app: str | None,
    roles: tuple[str, ...], groups: tuple[str, ...], expires: str | None,
) -> None:  # fmt: skip
    """Mint a key and print it, alone, on stdout (it is shown only once)."""
    from accord.store.db import now_iso

    expires_at = None
    if expires:
        when = parse_time(expires, option="--expires", future=True)
        if when <= time.time():
            raise InputError(
                f"--expires {expires!r} is in the past; the key would never work",
                hint="give a future date/time or a duration such as 90d",
            )
        expires_at = now_iso(when)
    with store_for(home, create=True) as store:
        raw, rec = store.keys.create(
            tenant, team, user, app=app, roles=roles, groups=groups, expires_at=expires_at, actor=cli_actor()
        )
    click.echo(raw)
    click.echo(f"created key {rec.id} ({rec.prefix}…) for {rec.user} in team {rec.team}, tenant {rec.tenant}", err=True)


@keys.command("list")
@home_option
@click.option("--json", "as_json", is_flag=True, help="One JSON array (never hashes or raw keys).")
@click.option("--tenant", default=None, help="Only this tenant.")
@click.option("--team", default=None, help="Only this team.")
@click.option("--active", "active_only", is_flag=True, help="Hide revoked and expired keys.")
def list_keys(home: str | None, as_json: bool, tenant: str | None, team: str | None, active_only: bool) -> None:
    """List keys: id, display prefix, owner, roles and state."""
    with store_for(home) as store:
        recs = store.keys.list(tenant=tenant, team=team, include_revoked=not active_only)
    if as_json:
        click.echo(orjson.dumps([r.to_dict() for r in recs], option=orjson.OPT_INDENT_2).decode())
        return
    header = ("ID", "PREFIX", "TENANT", "TEAM", "USER", "ROLES", "CREATED", "STATE")
    rows = [
        (r.id, r.prefix + "…", r.tenant, r.team, r.user, ",".join(r.roles) or "-", r.created_at[:19] + "Z",
         "active" if r.active() else ("revoked" if r.revoked_at else "expired"))
        for r in recs
    ]  # fmt: skip
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=False)]
    for row in (header, *rows):
        click.echo("  ".join(str(x).ljust(w) for x, w in zip(row, widths, strict=True)).rstrip())


@keys.command("revoke")
@home_option
@click.argument("key_id")
def revoke(home: str | None, key_id: str) -> None:
    """Revoke KEY_ID now (the gateway stops accepting it within seconds)."""
    with store_for(home) as store:
        rec = store.keys.revoke(key_id, actor=cli_actor())
    click.echo(f"revoked key {rec.id} ({rec.prefix}…) at {rec.revoked_at}", err=True)


@keys.command("rotate")
@home_option
@click.argument("key_id")
@click.option("--grace", "grace_s", type=click.FloatRange(min=0), default=0, help="Seconds the old key keeps working.")
def rotate(home: str | None, key_id: str, grace_s: float) -> None:
    """Replace KEY_ID with a new key (same owner and roles); prints the new key alone on stdout."""
    with store_for(home) as store:
        raw, rec = store.keys.rotate(key_id, grace_s=grace_s, actor=cli_actor())
    click.echo(raw)
    click.echo(f"rotated {key_id} -> {rec.id} ({rec.prefix}…)", err=True)



