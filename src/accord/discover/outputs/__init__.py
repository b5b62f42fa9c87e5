"""Writers for a DiscoveryResult: JSON, CSV, a self-contained HTML report (terminal: in the CLI)."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path

from accord.discover.outputs.html import render_report
from accord.discover.result import DiscoveryResult, iso

__all__ = ["render_report", "to_csv", "write_atomic", "write_csv", "write_html", "write_json"]

CSV_COLUMNS = (
    "id",
    "name",
    "vendor",
    "category",
    "status",
    "risk_score",
    "users",
    "devices",
    "requests",
    "dns_queries",
    "bytes_out",
    "bytes_in",
    "first_seen",
    "last_seen",
    "new",
    "hosts",
)


def write_atomic(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, then rename: readers never see half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json(result: DiscoveryResult, path: Path) -> None:
    write_atomic(path, json.dumps(result.to_json(), indent=2, ensure_ascii=False) + "\n")


def to_csv(result: DiscoveryResult) -> str:
    """One row per service (the per-user and per-day detail is in the JSON)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for s in result.services:
        w.writerow(
            [
                s.id,
                s.name,
                s.vendor,
                s.category,
                s.status,
                s.risk_score,
                s.users,
                s.devices,
                s.requests,
                s.dns_queries,
                s.bytes_out,
                s.bytes_in,
                iso(s.first_seen),
                iso(s.last_seen),
                str(s.new).lower(),
                " ".join(s.hosts),
            ]
        )
    return buf.getvalue()


def write_csv(result: DiscoveryResult, path: Path) -> None:
    write_atomic(path, to_csv(result))


def write_html(result: DiscoveryResult, path: Path, *, title: str = "Shadow AI discovery") -> None:
    write_atomic(path, render_report(result, title=title))
