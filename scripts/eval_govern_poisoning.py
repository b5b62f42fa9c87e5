"""Poisoned-document detection on a BIPIA-style corpus (Govern's scanner, end to end).

Builds documents from BIPIA's held-out *test* files (../shared/data/indirect/sources/bipia, MIT; the
contexts' own licences are listed in its SOURCE.md): every clean context is one clean document; a
poisoned twin inserts one test attack at the start, middle or end (seed 2023, as BIPIA's builder).
Attacks from `text_attack_test.json` go into e-mails and tables, `code_attack_test.json` into code
answers. Two placements are measured:

* visible: the attack is part of the text (`.txt`): only the Detect engine's injection detector sees it;
* hidden: the attack is hidden in HTML (display:none, an HTML comment, white-on-white text, font-size:0),
  rotated per document; clean twins are the same contexts as visible HTML;
* hidden-benign: a harder negative set - the first 300 characters of *another* clean context hidden the
  same way (as in collapsed FAQ panels or tabs): hidden, but not an attack. Its flag rate is the
  false-positive rate of the hidden-instruction rule itself.

Reports detection rate (poisoned documents flagged `injection`), the false-positive rate on the clean
documents, per attack category, plus the rate of hidden-content signals. Usage:

    .venv/bin/python scripts/eval_govern_poisoning.py [--json OUT.json] [--limit N]
"""

from __future__ import annotations

import argparse
import html
import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

from accord.govern.classify import Classifier
from accord.govern.extract import default_registry

BIPIA = Path(__file__).resolve().parents[2] / "shared" / "data" / "indirect" / "sources" / "bipia"
HIDERS = (
    lambda a: f'<div style="display:none">{html.escape(a)}</div>',
    lambda a: f"<!-- {a.replace('--', '- -')} -->",
    lambda a: f'<span style="color:#ffffff">{html.escape(a)}</span>',
    lambda a: f'<p style="font-size:0">{html.escape(a)}</p>',
)


def _jsonl(name: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in (BIPIA / name).read_text().splitlines() if line.strip()]


def _attacks(name: str) -> list[tuple[str, str]]:
    data = json.loads((BIPIA / name).read_text())
    return [(cat, text) for cat, items in data.items() for text in items]


def _insert(context: str, attack: str, where: str) -> str:
    if where == "start":
        return f"{attack}\n{context}"
    if where == "end":
        return f"{context}\n{attack}"
    cut = context.find("\n", len(context) // 2)
    cut = len(context) // 2 if cut == -1 else cut
    return f"{context[:cut]}\n{attack}\n{context[cut:]}"


def _other(rows: list[dict], i: int) -> str:  # type: ignore[type-arg]
    c = rows[(i + 1) % len(rows)]["context"]
    return c if isinstance(c, str) else "\n".join(c)


def build(limit: int | None) -> list[dict]:  # type: ignore[type-arg]
    rng = random.Random(2023)
    text_attacks, code_attacks = _attacks("text_attack_test.json"), _attacks("code_attack_test.json")
    docs = []
    sources = [
        ("email", _jsonl("email_test.jsonl"), text_attacks),
        ("table", _jsonl("table_test.jsonl"), text_attacks),
        ("code", _jsonl("code_test.jsonl"), code_attacks),
    ]
    for task, rows, attacks in sources:
        for i, row in enumerate(rows[:limit]):
            context = row["context"] if isinstance(row["context"], str) else "\n".join(row["context"])
            category, attack = attacks[i % len(attacks)]
            where = rng.choice(("start", "middle", "end"))
            page = f"<html><body><pre>{html.escape(context)}</pre>"
            hider = HIDERS[i % len(HIDERS)]
            docs += [
                {"task": task, "placement": "visible", "label": 0, "name": "doc.txt", "body": context},
                {
                    "task": task,
                    "placement": "visible",
                    "label": 1,
                    "name": "doc.txt",
                    "category": category,
                    "body": _insert(context, attack, where),
                },
                {
                    "task": task,
                    "placement": "hidden",
                    "label": 0,
                    "name": "doc.html",
                    "body": page + "</body></html>",
                },
                {
                    "task": task,
                    "placement": "hidden",
                    "label": 1,
                    "name": "doc.html",
                    "category": category,
                    "body": page + hider(attack) + "</body></html>",
                },
                {
                    "task": task,
                    "placement": "hidden-benign",
                    "label": 0,
                    "name": "doc.html",
                    "body": page + hider(_other(rows, i)[:300]) + "</body></html>",
                },
            ]
    return docs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", help="also write the figures here")
    ap.add_argument("--limit", type=int, default=None, help="contexts per task (default: all)")
    args = ap.parse_args()
    if not BIPIA.exists():
        print(f"BIPIA data not found at {BIPIA}", file=sys.stderr)
        return 2
    docs = build(args.limit)
    registry, classifier = default_registry(), Classifier()
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    per_cat: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    started = time.perf_counter()
    for d in docs:
        extractor = registry.for_name(d["name"])
        assert extractor is not None
        extracted = extractor.extract(d["body"].encode(), d["name"])
        cls = classifier.classify(extracted)
        key = f"{d['placement']}:{'poisoned' if d['label'] else 'clean'}"
        counts[key]["n"] += 1
        counts[key]["flagged"] += int(cls.injection)
        counts[key]["hidden_signal"] += int(bool(cls.hidden))
        counts[key]["by_engine"] += int(any(x.startswith("engine") for x in cls.injection_signals))
        counts[key]["by_hidden_rule"] += int(
            any(x.startswith("hidden-instruction") for x in cls.injection_signals)
        )
        if d["label"]:
            per_cat[f"{d['placement']}:{d['category']}"][0] += int(cls.injection)
            per_cat[f"{d['placement']}:{d['category']}"][1] += 1
    elapsed = time.perf_counter() - started

    def rate(key: str, field: str = "flagged") -> float:
        c = counts[key]
        return round(c[field] / c["n"], 4) if c["n"] else 0.0

    figures = {
        "documents": len(docs),
        "visible": {
            "detection_rate": rate("visible:poisoned"),
            "false_positive_rate": rate("visible:clean"),
            "poisoned": counts["visible:poisoned"]["n"],
            "clean": counts["visible:clean"]["n"],
        },
        "hidden": {
            "detection_rate": rate("hidden:poisoned"),
            "false_positive_rate": rate("hidden:clean"),
            "hidden_signal_rate_poisoned": rate("hidden:poisoned", "hidden_signal"),
            "hidden_signal_rate_clean": rate("hidden:clean", "hidden_signal"),
            "poisoned": counts["hidden:poisoned"]["n"],
            "clean": counts["hidden:clean"]["n"],
        },
        "hidden_benign": {
            "false_positive_rate": rate("hidden-benign:clean"),
            "hidden_signal_rate": rate("hidden-benign:clean", "hidden_signal"),
            "n": counts["hidden-benign:clean"]["n"],
        },
        "flagged_by": {
            k: {"engine": rate(k, "by_engine"), "govern_hidden_rule": rate(k, "by_hidden_rule")}
            for k in sorted(counts)
        },
        "per_category": {k: round(v[0] / v[1], 4) for k, v in sorted(per_cat.items())},
        "seconds": round(elapsed, 2),
        "data": "BIPIA test split (email_test, table_test, code_test x text/code_attack_test), commit 1a2a91d",
    }
    print(json.dumps(figures, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
