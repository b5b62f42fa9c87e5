"""Export formats for the audit trail: JSON lines, CSV, and CEF (ArcSight Common Event Format)."""

from __future__ import annotations

import calendar
import csv
import time
from collections.abc import Iterable, Mapping
from typing import IO, Any

import orjson

from accord import __version__
from accord.store.events import LATENCY_KEYS, to_public

CSV_COLUMNS = (
    "id", "tenant", "seq", "ts", "kind", "action", "team", "user", "key_id", "app", "route",
    "upstream_model", "decision", "reasons", "entity_counts", "tokens_in", "tokens_out", "cost_usd",
    "latency_scan_ms", "latency_upstream_ms", "latency_total_ms", "status", "detail", "prompt",
    "prev_hash", "hash",
)  # fmt: skip
#: CEF custom fields: (extension key, label, column)
_LABELLED = (
    ("cs1", "tenant", "tenant"), ("cs2", "team", "team"), ("cs3", "route", "route"),
    ("cs4", "reasons", "reasons"), ("cs5", "entityCounts", "entity_counts"), ("cs6", "keyId", "key_id"),
    ("cn1", "tokensIn", "tokens_in"), ("cn2", "tokensOut", "tokens_out"), ("cfp1", "costUsd", "cost_usd"),
    ("cfp2", "latencyTotalMs", "latency_total_ms"),
)  # fmt: skip
_SEVERITY = {"block": 7, "rejected": 6, "route": 5, "redact": 3, "allow": 1, "ok": 3}


def _csv_cell(value: Any) -> Any:
    # Spreadsheet formula injection: a cell starting with = + - @ must not run as a formula.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _cef_header(value: Any) -> str:
    return str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def _cef_ext(value: Any) -> str:
    return (
        str(value).replace("\\", "\\\\").replace("=", "\\=").replace("\r", "\\r").replace("\n", "\\n")
    )


def _epoch_ms(ts: str) -> int:
    whole, frac = ts.rstrip("Z").split(".")
    return calendar.timegm(time.strptime(whole, "%Y-%m-%dT%H:%M:%S")) * 1000 + int(frac[:3])


def cef_line(row: Mapping[str, Any]) -> str:
    severity = _SEVERITY.get(row["decision"] or "", 3)
    if (row["status"] or 0) >= 500:
        severity = max(severity, 8)
    ext: list[tuple[str, Any]] = [
        ("rt", _epoch_ms(row["ts"])),
        ("externalId", f"{row['tenant']}:{row['seq']}"),
        ("suser", row["user"]),
        ("act", row["decision"]),
        ("outcome", row["status"]),
        ("app", row["app"]),
        ("requestClientApplication", row["upstream_model"]),
        ("fileHash", row["hash"]),
    ]
    for key, label, value in _LABELLED:
        if row[value] is not None:
            ext += [(f"{key}Label", label), (key, row[value])]
    body = " ".join(f"{k}={_cef_ext(v)}" for k, v in ext if v is not None)
    name = f"{row['kind']} {row['action']}"
    head = "|".join(_cef_header(x) for x in ("Accord", "Accord", __version__, row["action"], name, severity))
    return f"CEF:0|{head}|{body}"


def write_export(rows: Iterable[Mapping[Any, Any]], out: IO[str], fmt: str) -> int:
    n = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(orjson.dumps(to_public(row)).decode() + "\n")
            n += 1
    elif fmt == "csv":
        w = csv.writer(out, lineterminator="\n")
        w.writerow(CSV_COLUMNS)
        for row in rows:
            w.writerow([_csv_cell(row[c]) for c in CSV_COLUMNS])
            n += 1
    elif fmt == "cef":
        for row in rows:
            out.write(cef_line(row) + "\n")
            n += 1
    else:
        raise ValueError(f"unknown export format {fmt!r}; use jsonl, csv or cef")
    return n


__all__ = ["CSV_COLUMNS", "LATENCY_KEYS", "cef_line", "write_export"]
