"""Train the injection classifier and write src/accord/detect/injection/model.npz.

Data: the `train` split of ../shared/data/injection/dev.jsonl (split by group, never by row; the minority
label of each mixed template group up-weighted), paired attack/benign rows and unpaired benign prompts from
scripts/gen_injection_data.py and scripts/gen_injection_benign.py, and BIPIA's *train* e-mails with its
*train* attack strings inserted (the test files are kept for evaluation). Never harmful_requests.jsonl (a
different task), never the `eval` split, never the hand-written probes, never reserved benchmarks.

Model: logistic regression (scikit-learn, training only) over hashed byte n-grams of each normalised view
plus one feature per signature family and strength. Long texts are scored by their best window at
inference, so training does the same (rounds: fit on whole texts, then refit on each text's best-scoring
window and view). The threshold is the lowest with at most 2% false alarms on held-out dev benign rows
and at most 3% on held-out generated hard benign rows (15% of groups are held out for this and for C).

    .venv/bin/pip install -e '.[train]'
    nice .venv/bin/python scripts/train_injection.py            # ~2 minutes on 2 cores, byte-identical reruns
    .venv/bin/python scripts/train_injection.py --confusables   # rebuild confusables.tsv only
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
import unicodedata
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "src"))

import gen_injection_benign  # noqa: E402
import gen_injection_data  # noqa: E402

from accord.detect.injection import features  # noqa: E402
from accord.detect.injection.detector import classifier_views  # noqa: E402
from accord.detect.injection.scanner import Scanner  # noqa: E402
from accord.detect.injection.signatures import FEATURES, all_signatures  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "injection" / "dev.jsonl"
BIPIA = ROOT.parent / "shared" / "data" / "indirect" / "sources" / "bipia"
PKG = ROOT / "src" / "accord" / "detect" / "injection"
SEED = 13
TARGET_FPR = 0.02
HARD_FPR = 0.03
N_SIG = len(FEATURES)
SIG_INDEX = {f: i for i, f in enumerate(FEATURES)}


def build_confusables() -> None:
    import confusable_homoglyphs  # training extra

    data = json.loads((Path(confusable_homoglyphs.__file__).parent / "confusables.json").read_text())
    keep = ("LATIN", "GREEK", "CYRILLIC", "ARMENIAN", "CHEROKEE", "COPTIC", "LISU")
    table: dict[str, str] = {}
    for key in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ":
        for entry in data.get(key, []):
            c = entry["c"]
            if len(c) != 1 or c.isascii() or unicodedata.normalize("NFKC", c) != c:
                continue
            if not unicodedata.name(c, "").startswith(keep):
                continue
            for cc in (c, c.casefold()):
                if len(cc) == 1 and not cc.isascii():
                    table.setdefault(cc, key.lower())
    lines = ["# Homoglyph folding table: character<TAB>ASCII letter. Built by scripts/train_injection.py --confusables",
             "# from Unicode's confusables data (via the confusable-homoglyphs package), restricted to NFKC-stable letters",
             "# of Latin, Greek, Cyrillic, Armenian, Cherokee, Coptic and Lisu (NFKC already folds fullwidth and math letters)."]
    lines += [f"{c}\t{a}" for c, a in sorted(table.items())]
    out = PKG / "confusables.tsv"
    tmp = out.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(out)
    print(f"wrote {len(table)} confusables to {out}")


def load_rows(pairs: int, standalone: int) -> list[dict]:
    rows = []
    for line in DATA.open(encoding="utf-8"):
        r = json.loads(line)
        if r["split"] == "train":
            rows.append({"text": r["text"], "label": int(r["label"]), "group": r["group"], "origin": "dev",
                         "kind": r["kind"]})
    rows += bipia_train_rows()
    for r in gen_injection_data.generate(pairs, SEED):
        rows.append({"text": r["text"], "label": int(r["label"]), "group": str(r["pair"]), "origin": "gen",
                     "kind": f"gen-{r['technique']}"})
    # Unpaired benign prompts full of attack vocabulary (NotInject-style), so that the words alone are no evidence.
    for r in gen_injection_benign.standalone(random.Random(SEED + 1), standalone):
        rows.append({"text": r["text"], "label": 0, "group": f"sa-{r['id']}", "origin": "gen-benign",
                     "kind": f"gen-benign-{r['family']}"})
    return rows


def bipia_train_rows() -> list[dict]:
    """BIPIA *train* e-mail contexts x *train* attacks (text and code), inserted at the start, middle or end, and
    the clean contexts. The test contexts and test attacks stay untouched for evaluation."""
    rng = random.Random(SEED)
    attacks = [a for f in ("text_attack_train.json", "code_attack_train.json")
               for v in json.loads((BIPIA / f).read_text()).values() for a in v]
    rows = []
    for i, line in enumerate((BIPIA / "email_train.jsonl").open(encoding="utf-8")):
        ctx = json.loads(line)["context"]
        group = f"bipia-train/{i}"
        rows.append({"text": ctx, "label": 0, "group": group, "origin": "dev", "kind": "bipia-clean"})
        # One injected twin per clean context: with more, the e-mail template itself would predict "attack".
        attack, lines = rng.choice(attacks), ctx.split("\n")
        k = rng.choice([0, len(lines) // 2, len(lines)])
        doc = "\n".join(lines[:k] + [attack] + lines[k:])
        rows.append({"text": doc, "label": 1, "group": group, "origin": "dev", "kind": "bipia-injected"})
    return rows


class Featurizer:
    """Views of every row, computed once; features of a chosen (view, window) on demand."""

    def __init__(self, scanner: Scanner, rows: list[dict]) -> None:
        self.views: list[list[tuple[bytes, frozenset[str]]]] = []
        t0 = time.perf_counter()
        for r in rows:
            _, views = classifier_views(scanner, r["text"])
            self.views.append([(data, hits.features) for _, data, hits in views])
        print(f"  normalised {len(rows)} rows in {time.perf_counter() - t0:.1f}s")

    def matrix(self, choice: list[tuple[int, int]]) -> sparse.csr_matrix:
        """Rows of (view index, window start) per text -> sparse matrix [buckets | signature features]."""
        indptr, indices, values = [0], [], []
        for views, (vi, start) in zip(self.views, choice, strict=True):
            data, fired = views[vi]
            ids, vals = features.counts(data, start)
            indices.append(ids)
            values.append(vals)
            sig = np.array(sorted(SIG_INDEX[f] for f in fired if f in SIG_INDEX), dtype=np.int64)
            indices.append((1 << features.BITS) + sig)
            values.append(np.ones(len(sig)))
            indptr.append(indptr[-1] + len(ids) + len(sig))
        return sparse.csr_matrix((np.concatenate(values), np.concatenate(indices), np.array(indptr)),
                                 shape=(len(choice), (1 << features.BITS) + N_SIG))

    def best(self, w: np.ndarray, sig_w: np.ndarray, bias: float) -> list[tuple[int, int]]:
        """For each text, the (view, window) the detector would score highest with these weights."""
        w32 = features.with_null(w.astype(np.float32))
        out = []
        for views in self.views:
            best = (-1e9, 0, 0)
            for vi, (data, fired) in enumerate(views):
                s, start = features.window_score(w32, data)
                s += bias + sum(sig_w[SIG_INDEX[f]] for f in fired if f in SIG_INDEX)
                if s > best[0]:
                    best = (s, vi, start)
            out.append((best[1], best[2]))
        return out


def group_balance(rows: list[dict], cap: float = 8.0) -> np.ndarray:
    """Weights that give both labels the same total weight inside every dev template group.

    Some source templates come with many injected variants and one or two clean twins (a WHOIS report
    with 8 injected copies and 1 clean one): counted as is, the template itself would predict "attack".
    The minority label of a mixed group is up-weighted (at most `cap` times)."""
    counts: dict[str, list[int]] = {}
    for r in rows:
        if r["origin"] == "dev":
            counts.setdefault(r["group"], [0, 0])[r["label"]] += 1
    w = np.ones(len(rows))
    for i, r in enumerate(rows):
        c = counts.get(r["group"]) if r["origin"] == "dev" else None
        if c and c[0] and c[1] and c[r["label"]] < c[1 - r["label"]]:
            w[i] = min(cap, c[1 - r["label"]] / c[r["label"]])
    return w


def fit(x: sparse.csr_matrix, y: np.ndarray, sample_weight: np.ndarray, c: float) -> LogisticRegression:
    clf = LogisticRegression(C=c, solver="liblinear", max_iter=2000, class_weight="balanced", random_state=SEED)
    clf.fit(x, y, sample_weight=sample_weight)
    return clf


def split_weights(clf: LogisticRegression) -> tuple[np.ndarray, np.ndarray, float]:
    coef = clf.coef_.ravel()
    return coef[: 1 << features.BITS], coef[1 << features.BITS:], float(clf.intercept_[0])


def train(rows: list[dict], feats: Featurizer, c: float, rounds: int) -> tuple[np.ndarray, np.ndarray, float]:
    y = np.array([r["label"] for r in rows])
    sw = np.array([1.0 if r["origin"] == "dev" else 0.6 for r in rows]) * group_balance(rows)
    # Round 1: canonical view, first window. Round 2 and 3: the view and window the detector would pick.
    choice = [(0, 0)] * len(rows)
    for rnd in range(rounds):
        t0 = time.perf_counter()
        clf = fit(feats.matrix(choice), y, sw, c)
        w, sig_w, bias = split_weights(clf)
        print(f"  round {rnd + 1}: fitted in {time.perf_counter() - t0:.1f}s")
        if rnd < rounds - 1:
            choice = feats.best(w, sig_w, bias)
    return w, sig_w, bias


def scores(w: np.ndarray, sig_w: np.ndarray, bias: float, feats: Featurizer) -> np.ndarray:
    w32 = features.with_null(w.astype(np.float32))
    out = []
    for views in feats.views:
        best = -1e9
        for data, fired in views:
            s, _ = features.window_score(w32, data)
            best = max(best, s + bias + sum(sig_w[SIG_INDEX[f]] for f in fired if f in SIG_INDEX))
        out.append(1.0 / (1.0 + np.exp(-best)))
    return np.array(out)


def holdout(rows: list[dict]) -> np.ndarray:
    """15% of train groups (by hash) held out to choose C and the threshold."""
    return np.array([int(hashlib.sha256(r["group"].encode()).hexdigest(), 16) % 100 < 15 for r in rows])


def save(out: Path, w: np.ndarray, sig_w: np.ndarray, bias: float, threshold: float, info: dict) -> Path:
    scale = float(np.abs(w).max()) / 127.0 or 1.0
    q = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
    meta = {"bits": features.BITS, "orders": list(features.ORDERS), "window": features.WINDOW,
            "normalization": features.NORMALIZATION, "bias": bias,
            "threshold": threshold, "weight_scale": scale, **info}
    tmp = out.with_name(out.stem + ".tmp.npz")
    np.savez_compressed(tmp, weights_q=q, signature_names=np.array(FEATURES),
                        signature_weights=sig_w.astype(np.float32), meta=np.array(json.dumps(meta)))
    tmp.replace(out)
    return out


def threshold_at(p: np.ndarray, fpr: float) -> float:
    """Smallest threshold with at most `fpr` of the scores `p` (benign rows) at or above it."""
    neg = np.sort(p)
    return float(neg[int(np.ceil((1 - fpr) * len(neg))) - 1]) + 1e-6


def main() -> None:
    ap = argparse.ArgumentParser(description="Train the injection classifier.")
    ap.add_argument("--pairs", type=int, default=8000, help="generated attack/benign pairs")
    ap.add_argument("--standalone", type=int, default=4000, help="generated unpaired benign prompts")
    ap.add_argument("--c", type=float, nargs="*", default=[2.0, 4.0], help="inverse regularisation to try")
    ap.add_argument("--rounds", type=int, default=3, help="fit rounds (2+ refit on the windows the detector picks)")
    ap.add_argument("--out", type=Path, default=PKG / "model.npz", help="where to write the artefact")
    ap.add_argument("--confusables", action="store_true", help="only rebuild confusables.tsv")
    args = ap.parse_args()
    if args.confusables:
        build_confusables()
        return
    np.random.seed(SEED)
    t_start = time.perf_counter()
    rows = load_rows(args.pairs, args.standalone)
    scanner = Scanner(all_signatures())
    hold = holdout(rows)
    fit_rows = [r for r, h in zip(rows, hold, strict=True) if not h]
    val_rows = [r for r, h in zip(rows, hold, strict=True) if h]
    print(f"{len(rows)} rows ({sum(r['origin'] == 'dev' for r in rows)} dev train, "
          f"{sum(r['origin'] != 'dev' for r in rows)} generated); {len(val_rows)} held out for C/threshold")
    fit_feats, val_feats = Featurizer(scanner, fit_rows), Featurizer(scanner, val_rows)
    y_val = np.array([r["label"] for r in val_rows])
    val_dev = np.array([r["origin"] == "dev" for r in val_rows])
    best = None
    for c in args.c:
        print(f"C={c}")
        w, sig_w, bias = train(fit_rows, fit_feats, c, args.rounds)
        p = scores(w, sig_w, bias, val_feats)
        # The operating point: at most TARGET_FPR false alarms on held-out real benign prompts (dev groups) and
        # at most HARD_FPR on the held-out generated benign twins (trigger words, security questions, code,
        # notices), whichever needs the higher threshold. Both sides are printed.
        thr_dev = threshold_at(p[(y_val == 0) & val_dev], TARGET_FPR)
        thr_hard = threshold_at(p[(y_val == 0) & ~val_dev], HARD_FPR)
        thr = max(thr_dev, thr_hard)
        tpr = float((p[(y_val == 1) & val_dev] >= thr).mean())
        fpr = float((p[(y_val == 0) & val_dev] >= thr).mean())
        gen_fpr = float((p[(y_val == 0) & ~val_dev] >= thr).mean())
        gen_tpr = float((p[(y_val == 1) & ~val_dev] >= thr).mean())
        print(f"  threshold {thr:.3f} (dev bound {thr_dev:.3f}, generated-benign bound {thr_hard:.3f}): held-out dev "
              f"TPR {tpr:.3f} FPR {fpr:.3f}; held-out generated TPR {gen_tpr:.3f} FPR {gen_fpr:.3f}")
        if best is None or tpr + gen_tpr > best[0]:
            best = (tpr + gen_tpr, c, thr, w, sig_w, bias, tpr)
    assert best is not None
    # The model fitted without the held-out groups is the one shipped: its threshold was chosen on them.
    _, c, thr, w, sig_w, bias, tpr = best
    out = save(args.out, w, sig_w, bias, thr, {
        "C": c, "heldout_tpr_at_threshold": round(tpr, 4),
        "trained_on": f"dev.jsonl split=train + BIPIA email train + gen_injection_data pairs={args.pairs} "
                      f"standalone-benign={args.standalone} seed={SEED}", "version": 2})
    top = np.argsort(sig_w)
    print("signature weights:", {FEATURES[i]: round(float(sig_w[i]), 2) for i in top[::-1]})
    print(f"wrote {out} ({out.stat().st_size / 1024:.0f} KiB) in {time.perf_counter() - t_start:.0f}s")


if __name__ == "__main__":
    main()
