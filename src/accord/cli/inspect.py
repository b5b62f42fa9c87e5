"""`accord inspect`: scan text for PII, secrets and prompt injection.

    accord inspect notes.txt              # a readable table
    accord inspect --jsonl rows.jsonl     # one JSON report per input line, same order (stable interface)
    cat rows.jsonl | accord inspect --jsonl

JSON lines mode never stops at a bad line: it writes `{"id": ..., "error": "..."}` for it, carries on,
and exits with status 4 at the end if any line was bad.
"""

from __future__ import annotations

import sys
from typing import IO, Any

import click
import orjson

from accord.errors import InputError


def _report_row(row_id: Any, report: Any) -> dict[str, Any]:
    return {
        "id": row_id,
        "entities": [e.to_dict() for e in report.entities],
        "injection": report.injection.to_dict(),
        "classification": str(report.classification),
    }


def run_jsonl(stream: IO[bytes], out: IO[bytes], err: IO[str]) -> int:
    """Process JSON lines; return the number of bad lines."""
    from accord.detect import default_engine

    engine = default_engine()
    bad = 0
    for lineno, raw in enumerate(stream, 1):
        if not raw.strip():
            continue
        row_id: Any = None
        try:
            row = orjson.loads(raw)
            if not isinstance(row, dict):
                raise ValueError("expected a JSON object")
            row_id = row.get("id")
            text = row["text"]
            if not isinstance(text, str):
                raise ValueError(f"'text' must be a string, got {type(text).__name__}")
        except (orjson.JSONDecodeError, KeyError, ValueError) as exc:
            bad += 1
            reason = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
            msg = f"line {lineno}: {reason}"
            err.write(f"Error: {msg}\n")
            out.write(orjson.dumps({"id": row_id, "error": msg}) + b"\n")
            continue
        out.write(orjson.dumps(_report_row(row_id, engine.inspect(text))) + b"\n")
    return bad


def _table(text: str, report: Any) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"{len(report.entities)} finding(s)")
    for col in ("type", "kind", "start", "end", "score", "value"):
        table.add_column(col)
    for e in report.entities:
        value = text[e.start : e.end]
        shown = value if len(value) <= 48 else value[:45] + "..."
        table.add_row(e.type, e.kind or "", str(e.start), str(e.end), f"{e.score:.2f}", shown)
    console.print(table)
    inj = report.injection
    console.print(f"injection: score {inj.score:.2f}, detected: {inj.detected}")
    console.print(f"classification: [bold]{report.classification}[/bold]  categories: "
                  f"{', '.join(report.categories) or '-'}")
    for reason in report.reasons:
        console.print(f"  - {reason}")


@click.command()
@click.option("--jsonl", "jsonl", is_flag=True, help='Read JSON lines {"id", "text"}; write one report per line.')
@click.option("--json", "as_json", is_flag=True, help="Plain mode: print the report as JSON instead of a table.")
@click.argument("path", required=False, type=click.Path(dir_okay=False, allow_dash=True))
def inspect(jsonl: bool, as_json: bool, path: str | None) -> None:
    """Scan PATH (or stdin) and print what was found."""
    try:
        stream: IO[bytes] = sys.stdin.buffer if path in (None, "-") else open(path, "rb")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}", hint="check the path") from None
    with stream:
        if jsonl:
            bad = run_jsonl(stream, sys.stdout.buffer, sys.stderr)
            sys.stdout.flush()
            if bad:
                raise InputError(
                    f"{bad} input line(s) could not be read (see the \"error\" rows)",
                    hint='each line must be a JSON object with a string "text" field',
                )
            return
        from accord.detect import inspect as run_inspect

        text = stream.read().decode("utf-8", errors="replace")
        report = run_inspect(text)
        if as_json:
            sys.stdout.buffer.write(orjson.dumps(report.to_dict(), option=orjson.OPT_INDENT_2) + b"\n")
        else:
            _table(text, report)
