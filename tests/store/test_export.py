"""Exports: JSON lines, CSV and CEF carry what a SIEM needs and never the prompt unless captured."""

from __future__ import annotations

import csv
import io
import time

import orjson

from accord.store import AuditEvent, Store


def _fill(store: Store) -> None:
    store.audit.emit(
        AuditEvent(
            tenant="acme", action="chat.completions", team="eng", user="ada", key_id="k1", route="openai",
            upstream_model="gpt-4o-mini", decision="block", reasons=("rule 'secrets' (block): SECRET",),
            entity_counts={"SECRET": 1}, tokens_in=12, cost_usd=0.0, status=403,
            latency_ms={"scan": 0.4, "total": 0.9}, ts=time.time() - 3 * 86400,
        )  # fmt: skip
    )
    store.audit.emit(
        AuditEvent(
            tenant="acme", action="chat.completions", team="eng", user="=cmd|' /C calc'!A0", route="echo",
            decision="redact", entity_counts={"EMAIL_ADDRESS": 2}, status=200, prompt="captured text",
        )
    )
    store.audit.flush()


def test_jsonl_has_the_required_fields(store: Store) -> None:
    _fill(store)
    buf = io.StringIO()
    assert store.audit.export(buf, fmt="jsonl") == 2
    first, second = (orjson.loads(line) for line in buf.getvalue().splitlines())
    for ev in (first, second):
        for field in ("decision", "entity_counts", "status", "route", "ts", "tenant", "seq", "hash", "latency_ms"):
            assert field in ev
    assert first["decision"] == "block" and first["entity_counts"] == {"SECRET": 1} and first["status"] == 403
    assert first["latency_ms"] == {"scan": 0.4, "upstream": None, "total": 0.9}
    assert "prompt" not in first and second["prompt"] == "captured text"


def test_since_filters_old_events(store: Store) -> None:
    _fill(store)
    buf = io.StringIO()
    from accord.store.db import now_iso

    assert store.audit.export(buf, since=now_iso(time.time() - 86400)) == 1
    assert orjson.loads(buf.getvalue())["decision"] == "redact"


def test_csv_is_parseable_and_formula_safe(store: Store) -> None:
    _fill(store)
    buf = io.StringIO()
    store.audit.export(buf, fmt="csv")
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert len(rows) == 2 and rows[0]["decision"] == "block" and orjson.loads(rows[0]["entity_counts"]) == {"SECRET": 1}
    assert rows[1]["user"].startswith("'="), "a cell starting with = is neutralised"


def test_cef_lines(store: Store) -> None:
    _fill(store)
    buf = io.StringIO()
    store.audit.export(buf, fmt="cef")
    lines = buf.getvalue().splitlines()
    assert len(lines) == 2 and all(line.startswith("CEF:0|Accord|Accord|") for line in lines)
    head = lines[0].split("|")
    assert head[4] == "chat.completions" and head[6] == "7"  # block -> high severity
    assert "act=block" in lines[0] and "outcome=403" in lines[0] and "cs3=openai" in lines[0]
    assert "cs5Label=entityCounts" in lines[0]
    # '=' and '|' inside values are escaped so parsers keep fields apart.
    assert "suser=\\=cmd|' /C calc'!A0" in lines[1]
