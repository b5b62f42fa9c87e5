"""`accord audit`: verify the hash chain, export events for a SIEM."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click

from accord.cli.common import home_option, parse_time
from accord.cli.keys import store_for
from accord.errors import AccordError, InputError
from accord.store.db import now_iso


class ChainBroken(AccordError):
    """`accord audit verify` found an edit, a deletion or a reordering."""

    exit_code = 1


@click.group()
def audit() -> None:
    """Verify and export the tamper-evident audit trail."""


@audit.command("verify")
@home_option
@click.option("--tenant", default=None, help="Only this tenant's chain.")
def verify(home: str | None, tenant: str | None) -> None:
    """Re-hash every event; exit 0 when intact, 1 naming the first bad event."""
    with store_for(home) as store:
        result = store.audit.verify(tenant=tenant)
    if result.ok:
        click.echo(f"OK: {result.checked} event(s) verified in {len(result.heads)} chain(s)")
        for t, (seq, digest) in sorted(result.heads.items()):
            click.echo(f"  {t}: head seq {seq} sha256 {digest}")
        return
    raise ChainBroken(
        f"audit chain broken at {result.first_bad}: {result.reason} ({result.checked} event(s) checked)",
        hint="the audit log was modified outside Accord; compare with your latest export or anchored head hash",
    )


@audit.command("export")
@home_option
@click.option("--since", default=None, help="Only events at or after this time: ISO date/time, or 7d, 12h, 30m ago.")
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "csv", "cef"]), default="jsonl", show_default=True,
    help="jsonl: one JSON event per line; csv: one row per event; cef: ArcSight Common Event Format.",
)  # fmt: skip
@click.option("--output", "-o", default=None, type=click.Path(dir_okay=False), help="Write here (default: stdout).")
@click.option("--tenant", default=None, help="Only this tenant's events.")
def export(home: str | None, since: str | None, fmt: str, output: str | None, tenant: str | None) -> None:
    """Write audit events, oldest first."""
    since_iso = now_iso(parse_time(since, option="--since")) if since else None
    target = None if output is None or output == "-" else Path(output)
    if target is not None and not target.parent.is_dir():
        raise InputError(f"--output {output}: the folder {target.parent} does not exist", hint="create it first, or write to stdout")
    with store_for(home) as store:
        if target is None:
            n = store.audit.export(sys.stdout, since=since_iso, fmt=fmt, tenant=tenant)  # type: ignore[arg-type]
        else:
            fd, tmp = tempfile.mkstemp(prefix=".accord-export-", dir=target.parent or ".")
            try:
                with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                    n = store.audit.export(fh, since=since_iso, fmt=fmt, tenant=tenant)  # type: ignore[arg-type]
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
    click.echo(f"exported {n} event(s)", err=True)
