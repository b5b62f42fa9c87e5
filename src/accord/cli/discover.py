"""`accord discover LOG...` and `accord discover export --format ...`.

`discover` is a group whose first argument is either a sub-command (`export`) or a log path:
anything that is not a sub-command name is handed to the hidden `run` command.
"""

from __future__ import annotations

import sys
import time
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from accord.cli.common import home_option, parse_time, resolve_home

EXPORT_FORMATS = ("pac", "squid", "edl", "rpz", "hosts")
STATUSES = ("sanctioned", "tolerated", "unsanctioned")


class DiscoverGroup(click.Group):
    """A group that treats a first argument that is not a sub-command as a LOG path."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or args[0] in ("-h", "--help") or args[0] not in self.commands:
            args = ["run", *args]
        return super().parse_args(ctx, args)


class _RunContext(click.Context):
    @property
    def command_path(self) -> str:
        # `run` is an implementation detail: errors and help say `accord discover`, not `... run`.
        return self.parent.command_path if self.parent is not None else super().command_path


class _RunCommand(click.Command):
    context_class = _RunContext

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage("accord discover", "[OPTIONS] LOG...")
        formatter.write_usage("accord discover", "export --format FORMAT [OPTIONS]", prefix="       ")


def parse_since(value: str | None, now: datetime | None = None) -> float | None:
    """`--since`: `2024-05-01`, `2024-05-01T08:00:00Z`, or relative: `7d`, `12h`, `30m` (see `parse_time`)."""
    if not value:
        return None
    return parse_time(value, option="--since", now=None if now is None else now.timestamp())


@click.group(cls=DiscoverGroup)
def discover() -> None:
    """Find Shadow AI in proxy, DNS and firewall logs; export enforcement lists."""


@discover.command("run", cls=_RunCommand, hidden=True)
@click.argument("logs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", default="auto", show_default=True, help="Log format or family (auto-detected by default).")
@click.option("--map", "mapping", multiple=True, metavar="FIELD=COLUMN", help="Column mapping for --format csv/jsonl.")
@click.option("--identity", type=click.Path(dir_okay=False, path_type=Path), help="CSV mapping ip/user to department.")
@click.option("--since", help="Only activity from this time on: 2024-05-01, ISO time, or 7d / 12h.")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path), help="Write the HTML report here.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path), help="Write the JSON result here.")
@click.option("--csv", "csv_out", type=click.Path(dir_okay=False, path_type=Path), help="Write one CSV row per service here.")
@click.option("--engine", type=click.Choice(["duckdb", "spark"]), default="duckdb", show_default=True)
@click.option("--threads", type=click.IntRange(min=1), default=None, help="DuckDB threads (default: all cores).")
@click.option("--memory-limit", default="1GB", show_default=True, help="DuckDB memory cap; past it, work spills to disk.")
@click.option("--no-store", is_flag=True, help="Do not save this run to the store.")
@click.option("-q", "--quiet", is_flag=True, help="No terminal summary.")
@home_option
def run(
    logs: tuple[Path, ...],
    fmt: str,
    mapping: tuple[str, ...],
    identity: Path | None,
    since: str | None,
    report: Path | None,
    json_out: Path | None,
    csv_out: Path | None,
    engine: str,
    threads: int | None,
    memory_limit: str,
    no_store: bool,
    quiet: bool,
    home: str | None,
) -> None:
    """Find AI services in LOG files (plain or gzip) and rank them by risk.

    Formats: auto (default), squid, squid-common, zscaler, zscaler-json, paloalto, umbrella-dns,
    umbrella-proxy, zeek, zeek-json, fortigate, cef, csv and jsonl (with --map). See also
    `accord discover export --help`.
    """
    from rich.console import Console

    from accord.discover.analysis import RunOptions, run_discovery
    from accord.discover.identity import load_identity
    from accord.discover.parsers import default_registry, parse_mapping
    from accord.discover.settings import catalog_for, load_discover_policy

    started = time.time()
    err = Console(stderr=True)
    hm = resolve_home(home)
    policy, policy_path = load_discover_policy(hm)
    catalog = catalog_for(policy, policy_path)
    cols = parse_mapping(mapping) if mapping else None
    registry = default_registry(cols)
    registry.candidates(fmt)  # unknown format: a clear error before any work
    ident = load_identity(identity) if identity else None
    opts = RunOptions(fmt=fmt, since=parse_since(since), identity=ident)  # every option checked before any work
    with ExitStack() as cleanup:
        eng = _engine(engine, threads, memory_limit)
        cleanup.callback(eng.close)
        history = None if no_store else _open_history(hm, err, cleanup)
        if history is not None:
            opts.seen_before, opts.previous_runs = history.seen_services(), history.run_count()
        with _progress(err, quiet) as prog:
            result = run_discovery(logs, catalog=catalog, policy=policy, engine=eng, options=opts, registry=registry, progress=prog)
        if history is not None:
            try:
                result.history = history.recent()
                history.save(result, started)
            except Exception as exc:  # the store is optional for a run: say so, keep the outputs
                err.print(f"[yellow]warning:[/] results not saved to the store: {exc}")
    _write_outputs(result, report, json_out, csv_out)
    if not quiet:
        from accord.discover.outputs.terminal import summary

        console = Console()
        for part in summary(result):
            console.print(part)


def _open_history(hm: Any, err: Any, cleanup: ExitStack) -> Any:
    """The run history in the home's store (closed with `cleanup`), or None (no home yet, or the
    store is unavailable)."""
    import os

    if not (hm.policy_path.exists() or hm.db_path.exists() or os.environ.get("ACCORD_DATABASE_URL")):
        return None  # a bare home stays untouched
    try:
        from accord.discover.history import RunHistory
        from accord.store import open_store

        store = open_store(hm.db_url)
        cleanup.callback(store.close)
        return RunHistory(store.engine)
    except Exception as exc:
        err.print(f"[yellow]warning:[/] store unavailable, this run will not be saved: {exc}")
        return None


def _engine(name: str, threads: int | None, memory_limit: str) -> Any:
    if name == "spark":
        from accord.discover.engine.spark_engine import SparkEngine

        return SparkEngine()
    from accord.discover.engine.duckdb_engine import DuckDBEngine

    return DuckDBEngine(threads=threads, memory_limit=memory_limit)


def _write_outputs(result: Any, report: Path | None, json_out: Path | None, csv_out: Path | None) -> None:
    from accord.discover.outputs import write_csv, write_html, write_json

    if json_out:
        write_json(result, json_out)
    if csv_out:
        write_csv(result, csv_out)
    if report:
        write_html(result, report)


class _progress:
    """Rich progress on stderr, fed by the analysis' Progress hooks; silent when quiet."""

    def __init__(self, console: Any, quiet: bool) -> None:
        self.console, self.quiet = console, quiet

    def __enter__(self) -> Any:
        from rich.progress import Progress as RichProgress
        from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

        from accord.discover.analysis import Progress

        if self.quiet or not self.console.is_terminal:
            self._rich = None
            return Progress()
        self._rich = RichProgress(
            SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed:,} lines"),
            TimeElapsedColumn(), console=self.console, transient=True,
        )
        self._rich.start()
        task = self._rich.add_task("starting", total=None)
        rich = self._rich

        class _Hooks(Progress):
            def stage(self, text: str) -> None:
                rich.update(task, description=text)

            def lines(self, n: int) -> None:
                rich.advance(task, n)

        return _Hooks()

    def __exit__(self, *exc: object) -> None:
        if self._rich is not None:
            self._rich.stop()


@discover.command("export")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True, help="Artefact to generate.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write here (default: stdout).")
@click.option("--status", "statuses", multiple=True, type=click.Choice(STATUSES), help="Statuses to list (default: discover.export.statuses).")
@home_option
def export_cmd(fmt: str, output: Path | None, statuses: tuple[str, ...], home: str | None) -> None:
    """Generate a PAC file, Squid ACL, PAN-OS EDL, DNS RPZ zone or hosts file from the policy."""
    from accord.discover.enforce import export
    from accord.discover.outputs import write_atomic
    from accord.discover.settings import catalog_for, load_discover_policy

    hm = resolve_home(home)
    policy, policy_path = load_discover_policy(hm)
    text = export(fmt, catalog_for(policy, policy_path), policy, statuses=statuses or None)
    if output:
        write_atomic(output, text)
        click.echo(f"wrote {output}", err=True)
    else:
        sys.stdout.write(text)
