"""`accord inspect`: scan text for PII, secrets and prompt injection."""

from __future__ import annotations

import sys

import click
import orjson

from accord.errors import InputError


@click.command()
@click.option("--jsonl", "jsonl", is_flag=True, help='Read JSON lines {"id", "text"}; write one report per line.')
@click.argument("path", required=False, type=click.Path(dir_okay=False, allow_dash=True))
def inspect(jsonl: bool, path: str | None) -> None:
    """Scan PATH (or stdin) and print what was found."""
    from accord.detect import inspect as run_inspect

    stream = sys.stdin.buffer if path in (None, "-") else open(path, "rb")
    out = sys.stdout.buffer
    with stream:
        if not jsonl:
            text = stream.read().decode("utf-8", errors="replace")
            out.write(orjson.dumps(run_inspect(text).to_dict(), option=orjson.OPT_INDENT_2) + b"\n")
            return
        for lineno, raw in enumerate(stream, 1):
            if not raw.strip():
                continue
            try:
                row = orjson.loads(raw)
                text = row["text"]
            except (orjson.JSONDecodeError, KeyError, TypeError) as exc:
                raise InputError(f"line {lineno}: expected a JSON object with a 'text' field ({exc})") from None
            report = run_inspect(text).to_dict()
            out.write(orjson.dumps({"id": row.get("id"), **report}) + b"\n")
