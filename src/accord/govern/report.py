"""The inventory as a self-contained HTML report (inline CSS, no external assets) and as CSV."""

from __future__ import annotations

import csv
import io
import os
from collections import Counter, defaultdict
from collections.abc import Iterable
from html import escape
from typing import Any

from accord.policy.sections.govern import CATEGORIES

_RANK = {"public": 0, "internal": 1, "confidential": 2, "restricted": 3}
_LABEL_COLOUR = {
    "public": "#2e7d32",
    "internal": "#1565c0",
    "confidential": "#ef6c00",
    "restricted": "#c62828",
}
CSV_FIELDS = (
    "dataset",
    "path",
    "relpath",
    "file_type",
    "size",
    "owner",
    "label",
    "content_label",
    "existing_label",
    "conflict",
    "categories",
    "entities",
    "injection",
    "hidden",
    "error_kind",
    "error",
    "sha256",
)


def folder_of(relpath: str, depth: int = 2) -> str:
    parts = relpath.replace("!/", "/").split("/")[:-1]
    return "/".join(parts[:depth]) or "."


def csv_rows(rows: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    for r in rows:
        yield {
            **{k: r.get(k) for k in CSV_FIELDS},
            "categories": ";".join(r["categories"]),
            "entities": ";".join(f"{k}={v}" for k, v in sorted(r["entities"].items())),
            "hidden": ";".join(sorted({h["kind"] for h in r["hidden"]})),
            "injection": int(r["injection"]),
        }


def to_csv(rows: Iterable[dict[str, Any]]) -> str:
    buf = io.StringIO(newline="")
    w = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    w.writeheader()
    for r in csv_rows(rows):
        w.writerow(r)
    return buf.getvalue()


def _heat(count: int, total: int) -> str:
    if not count:
        return "background:#fafafa;color:#bbb"
    alpha = 0.15 + 0.85 * count / max(total, 1)
    return f"background:rgba(198,40,40,{alpha:.2f});color:{'#fff' if alpha > 0.55 else '#000'}"


def to_html(rows: list[dict[str, Any]], title: str = "Accord data inventory", top: int = 25) -> str:
    folders: dict[str, Counter[str]] = defaultdict(Counter)
    folder_files: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    owners: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        f = folder_of(r["relpath"])
        folder_files[f] += 1
        folders[f].update(r["categories"])
        labels[r["label"] or "unscanned"] += 1
        owners[r["owner"] or "unknown"][r["label"] or "unscanned"] += 1
    cats = [c for c in CATEGORIES if any(c in fc for fc in folders.values())] + sorted(
        {c for fc in folders.values() for c in fc} - set(CATEGORIES)
    )
    h: list[str] = [
        "<!doctype html><html><head><meta charset='utf-8'>",
        f"<title>{escape(title)}</title><style>",
        "body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}",
        "td,th{border:1px solid #ddd;padding:4px 8px;text-align:left}th{background:#f0f0f0}",
        ".lab{color:#fff;padding:1px 6px;border-radius:3px;font-size:12px}.num{text-align:right}",
        "</style></head><body>",
        f"<h1>{escape(title)}</h1><p>{len(rows)} files. ",
        " ".join(f"{_badge(k)} {v}" for k, v in sorted(labels.items(), key=lambda kv: -_RANK.get(kv[0], -1))),
        "</p><h2>Folders × categories</h2><p>Files per folder carrying each category (darker: larger share).</p>",
        "<table><tr><th>folder</th><th>files</th>" + "".join(f"<th>{escape(c)}</th>" for c in cats) + "</tr>",
    ]
    for f in sorted(folders):
        n = folder_files[f]
        cells = "".join(
            f"<td class='num' style='{_heat(folders[f][c], n)}'>{folders[f][c] or ''}</td>" for c in cats
        )
        h.append(f"<tr><td>{escape(f)}</td><td class='num'>{n}</td>{cells}</tr>")
    h.append(
        "</table><h2>Most sensitive files</h2><table><tr><th>file</th><th>label</th><th>categories</th>"
        "<th>entities</th><th>owner</th><th>flags</th></tr>"
    )
    ranked = sorted(
        (r for r in rows if r["label"]),
        key=lambda r: (-_RANK.get(r["label"], 0), -sum(r["entities"].values()), r["relpath"]),
    )
    for r in ranked[:top]:
        flags = [
            x
            for x, on in (("injection", r["injection"]), ("hidden", r["hidden"]), ("conflict", r["conflict"]))
            if on
        ]
        ents = ", ".join(f"{k} {v}" for k, v in sorted(r["entities"].items()))
        h.append(
            f"<tr><td>{escape(r['relpath'])}</td><td>{_badge(r['label'])}</td><td>{escape(', '.join(r['categories']))}</td>"
            f"<td>{escape(ents)}</td><td>{escape(r['owner'] or '')}</td><td>{escape(', '.join(flags))}</td></tr>"
        )
    h.append(
        "</table><h2>Owners</h2><table><tr><th>owner</th>"
        + "".join(f"<th>{_badge(k)}</th>" for k in _RANK)
        + "</tr>"
    )
    for o in sorted(owners, key=lambda o: -sum(owners[o].values())):
        h.append(
            f"<tr><td>{escape(o)}</td>"
            + "".join(f"<td class='num'>{owners[o][k] or ''}</td>" for k in _RANK)
            + "</tr>"
        )
    errors = [r for r in rows if r["error"]]
    h.append(f"</table><h2>Not scanned ({len(errors)})</h2><table><tr><th>file</th><th>why</th></tr>")
    for r in errors[:200]:
        h.append(
            f"<tr><td>{escape(r['relpath'])}</td><td>{escape(r['error_kind'] or '')}: {escape(r['error'] or '')}</td></tr>"
        )
    h.append("</table></body></html>")
    return "\n".join(h)


def _badge(label: str) -> str:
    colour = _LABEL_COLOUR.get(label, "#757575")
    return f"<span class='lab' style='background:{colour}'>{escape(label)}</span>"


def default_report_name(dataset: str | None) -> str:
    base = os.path.basename(dataset.rstrip("/")) if dataset else "inventory"
    return f"accord-report-{base or 'inventory'}.html"
