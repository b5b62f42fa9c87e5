"""`accord scan`: scan files, folders, zip archives and databases; label them; record the inventory."""

from __future__ import annotations

import sys
from typing import Any

import click

from accord.cli.common import home_option, resolve_home
from accord.errors import InputError


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--db", "dbs", multiple=True, metavar="URL", help="Scan the tables of this database (SQLAlchemy URL)."
)
@home_option
@click.option(
    "--json", "json_out", type=click.Path(dir_okay=False), help="Write every file's result to this JSON file."
)
@click.option(
    "--workers", type=click.IntRange(1, 256), default=None, help="Worker processes (default: CPU count)."
)
@click.option(
    "--name", default=None, help="Dataset name (one PATH or --db only). Default: the resolved path."
)
@click.option("--full", is_flag=True, help="Re-read and re-classify every file, even unchanged ones.")
@click.option(
    "--max-file-mb", type=click.FloatRange(min=0, min_open=True), default=None, help="Skip larger files."
)
@click.option("--table", "tables", multiple=True, help="With --db: only these tables (repeatable).")
@click.option(
    "--progress/--no-progress", default=None, help="Progress bar on stderr (default: when a terminal)."
)
def scan(
    paths: tuple[str, ...],
    dbs: tuple[str, ...],
    home: str | None,
    json_out: str | None,
    workers: int | None,
    name: str | None,
    full: bool,
    max_file_mb: float | None,
    tables: tuple[str, ...],
    progress: bool | None,
) -> None:
    """Scan PATH... (folders, files, zip archives) and --db URL... and record the results.

    Unchanged files (same size and mtime) are skipped; an interrupted scan resumes where it stopped.
    """
    from accord.govern.inventory import open_inventory
    from accord.govern.output import summarize, write_scan_json
    from accord.govern.scanner import Scanner, ScanOutcome, scan_database
    from accord.govern.settings import govern_policy

    if not paths and not dbs:
        raise InputError("nothing to scan", hint="give one or more paths, or --db URL")
    if name and len(paths) + len(dbs) > 1:
        raise InputError(
            "--name names one dataset", hint="scan one PATH (or one --db URL) per run when using --name"
        )
    h = resolve_home(home).ensure()
    policy = govern_policy(h)
    if max_file_mb is not None:
        policy = policy.model_copy(
            update={"scan": policy.scan.model_copy(update={"max_file_mb": max_file_mb})}
        )
    inventory = open_inventory(h.db_url)
    show = sys.stderr.isatty() if progress is None else progress
    outcomes: list[ScanOutcome] = []
    with _progress(show) as bar:
        scanner = Scanner(inventory, policy, workers=workers, progress=bar, skip_paths=(str(h.path),))
        for p in paths:
            if full:
                dataset = inventory.dataset(name or _real(p), _real(p), "files")
                inventory.remove(dataset, list(inventory.known(dataset)))
            outcomes.append(scanner.scan(p, name))
        for url in dbs:
            outcomes.append(scan_database(inventory, url, policy, name, tables=list(tables) or None))
    if json_out:
        doc = write_scan_json(json_out, inventory, outcomes)
        summary = doc["summary"]
    else:
        from accord.govern.output import scan_entries

        summary = summarize(list(scan_entries(inventory, outcomes)), outcomes)
    _print_summary(summary)


def _real(path: str) -> str:
    import os

    return os.path.realpath(path)


class _progress:
    """A rich progress bar on stderr, or nothing."""

    def __init__(self, show: bool) -> None:
        self.show = show
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> _progress | None:
        if not self.show:
            return None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._bar = Progress(
            TextColumn("scanning"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task("scan", total=None)
        return self

    def __call__(self, done: int, total: int, nbytes: int) -> None:
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


def _print_summary(summary: dict[str, Any]) -> None:
    for ds in summary["datasets"]:
        s = ds["scan"]
        click.echo(
            f"{ds['name']}: {s['files_seen']} files, {s['files_classified']} classified, "
            f"{s['files_skipped']} unchanged (skipped), {s['errors']} errors, {s['elapsed_s']}s"
        )
    labels = ", ".join(f"{k} {v}" for k, v in sorted(summary["labels"].items())) or "none"
    click.echo(f"labels: {labels}")
    if summary["categories"]:
        click.echo("categories: " + ", ".join(f"{k} {v}" for k, v in sorted(summary["categories"].items())))
    if summary["errors"]:
        click.echo("errors: " + ", ".join(f"{k} {v}" for k, v in sorted(summary["errors"].items())))
        click.echo("  (list them: accord data list DATASET --errors)")
    if summary["injection"] or summary["conflicts"]:
        click.echo(f"injection flagged: {summary['injection']}, label conflicts: {summary['conflicts']}")
