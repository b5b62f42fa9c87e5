"""Options and helpers shared by every CLI verb. Only the CLI prints; library code logs."""

from __future__ import annotations

import getpass
import os
import re
import time
from datetime import UTC, datetime
from typing import Any

import click

from accord.errors import InputError
from accord.home import HOME_ENV, Home

home_option = click.option(
    "--home",
    "home",
    type=click.Path(file_okay=False),
    default=None,
    help=f"State directory (database, accord.yaml). Default: ${HOME_ENV} or ./.accord",
)


def resolve_home(value: str | None) -> Home:
    return Home.resolve(value)


def cli_actor() -> str:
    """Who ran the command, for the audit trail."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = f"uid{os.getuid()}"
    return f"cli:{name}"


def audit_admin(home: Home, action: str, **detail: Any) -> None:
    """Record an administrative action taken from the CLI on the home's audit chain (written before
    returning). For commands whose own library code has no store at hand."""
    from accord.store import open_store

    store = open_store(home.db_url)
    try:
        store.audit.admin(action, actor=cli_actor(), detail=detail)
    finally:
        store.close()


_RELATIVE = re.compile(r"^(\d+)\s*([smhdw])$")
_UNIT_S = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
TIME_HINT = "use an ISO date/time (2025-01-31 or 2025-01-31T12:00Z) or a duration: 30s, 30m, 12h, 7d, 2w"


def parse_time(value: str, *, option: str, future: bool = False, now: float | None = None) -> float:
    """Seconds since the epoch for every time option of the CLI (`--since`, `--expires`, ...).

    `7d`, `12h`, `30m`, `45s`, `2w` count from now (backwards, or forwards when `future`); anything
    else must be an ISO 8601 date or date/time, read as UTC when it has no offset.
    """
    text = value.strip()
    base = time.time() if now is None else now
    m = _RELATIVE.match(text)
    if m:
        delta = int(m.group(1)) * _UNIT_S[m.group(2)]
        return base + delta if future else base - delta
    try:
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise InputError(f"{option} {value!r} is not a time", hint=TIME_HINT) from None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.timestamp()
