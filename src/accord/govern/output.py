"""Writing results: atomic files, and the stable JSON shape of `accord scan --json`."""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import IO, Any

import orjson

from accord.govern.inventory import Inventory
from accord.govern.scanner import ScanOutcome

# Read once at import (os.umask can only be read by setting it): temp files get the usual permissions.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


@contextmanager
def atomic_write(path: str, mode: str = "wb") -> Iterator[IO[Any]]:
    """Write to a temporary file beside `path`, then rename: readers never see half a file."""
    folder = os.path.dirname(os.path.abspath(path)) or "."
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".accord-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, mode) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def display_path(outcome: ScanOutcome, row: dict[str, Any]) -> str:
    """The path as reached from the argument the user gave (like `find` prints it)."""
    if outcome.dataset.kind == "database":
        return row["path"]
    if os.path.isdir(outcome.given):
        return os.path.join(outcome.given, row["relpath"])
    base = outcome.given
    return (
        base + row["path"][len(outcome.dataset.root) :]
        if row["path"].startswith(outcome.dataset.root)
        else base
    )


def file_entry(row: dict[str, Any], path: str) -> dict[str, Any]:
    return {
        "path": path,
        "label": row["label"],
        "categories": row["categories"],
        "entities": row["entities"],
        "injection": row["injection"],
        "error": row["error"],
        "error_kind": row["error_kind"],
        "type": row["file_type"],
        "size": row["size"],
        "sha256": row["sha256"],
        "owner": row["owner"],
        "container": row["container"],
        "content_label": row["content_label"],
        "existing_label": row["existing_label"],
        "conflict": row["conflict"],
        "reasons": row["reasons"],
        "hidden": row["hidden"],
        "injection_signals": row["injection_signals"],
        "evidence": row["evidence"],
        "columns": row["columns"],
        "dataset": row.get("dataset"),
    }


def scan_entries(inventory: Inventory, outcomes: Iterable[ScanOutcome]) -> Iterator[dict[str, Any]]:
    for o in outcomes:
        for row in inventory.files(o.dataset):
            row["dataset"] = o.dataset.name
            yield file_entry(row, display_path(o, row))


def summarize(entries: list[dict[str, Any]], outcomes: list[ScanOutcome]) -> dict[str, Any]:
    labels: Counter[str] = Counter()
    cats: Counter[str] = Counter()
    ents: Counter[str] = Counter()
    errors: Counter[str] = Counter()
    for e in entries:
        if e["label"]:
            labels[e["label"]] += 1
        cats.update(e["categories"])
        ents.update(e["entities"])
        if e["error"]:
            errors[e["error_kind"] or "error"] += 1
    return {
        "files": len(entries),
        "labels": dict(labels),
        "categories": dict(cats),
        "entities": dict(ents),
        "errors": dict(errors),
        "injection": sum(1 for e in entries if e["injection"]),
        "hidden_content": sum(1 for e in entries if e["hidden"]),
        "conflicts": sum(1 for e in entries if e["conflict"]),
        "datasets": [
            {
                "name": o.dataset.name,
                "root": o.dataset.root,
                "kind": o.dataset.kind,
                "scan": o.stats.to_dict(),
            }
            for o in outcomes
        ],
    }


def write_scan_json(path: str, inventory: Inventory, outcomes: list[ScanOutcome]) -> dict[str, Any]:
    entries = list(scan_entries(inventory, outcomes))
    doc = {"files": entries, "summary": summarize(entries, outcomes)}
    with atomic_write(path) as fh:
        fh.write(orjson.dumps(doc, option=orjson.OPT_INDENT_2))
    return doc
