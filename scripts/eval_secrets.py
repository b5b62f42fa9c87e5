"""Score the secrets recognizer on a generated held-out set and on Nosey Parker's rule examples.

    .venv/bin/python scripts/eval_secrets.py                 # generated set (tune / held-out) + dev.jsonl (seen)
    .venv/bin/python scripts/eval_secrets.py --gen-show tune # list the generated tune part's misses and hits
    .venv/bin/python scripts/eval_secrets.py --gen-by nm     # generated set rates per carrier / provider / nm
    .venv/bin/python scripts/eval_secrets.py --show all      # list dev.jsonl's misses and near-miss hits
    .venv/bin/python scripts/eval_secrets.py --bench         # speed: 1 KB clean prompt, 1 MB mixed text
    .venv/bin/python scripts/eval_secrets.py --rules-table   # the rule list in docs/secrets.md (markdown)

Generated set (scripts/gen_secret_cases.py, fixed seed): a positive counts as found when every
secret span in it is overlapped by a reported SECRET; a near miss is hit when anything is reported.
Its `held-out` part has a carrier, provider or near-miss kind the tune part never shows: report it,
never tune on it (--gen-show refuses it).

dev.jsonl: each row went to `eval` when the first byte of sha256(rule name) is odd, else to `tune`;
both parts have since been read while tuning, so all of it is reported as *seen*.

Figures (a row counts as detected when the recognizer reports at least one SECRET in it):
- recall: detected / secret rows (label 1);
- recall (secrets only): the same without rows whose rule names an identifier, not a credential
  (bucket names, domains, usernames, client ids, public age recipients; see IDENTIFIER_RULE);
- near-miss hit rate: detected / near-miss rows (label 0);
- near-miss hit rate (uncontested): the same without negatives that contain a string another row
  of the file labels as a secret (Nosey Parker's negatives are negatives for one rule only, e.g. a
  Slack user token is a negative example of the Slack *bot* token rule).
Source: praetorian-inc/noseyparker, Apache-2.0 (see ../shared/data/secrets/sources).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from pathlib import Path

from accord.detect.secrets import SecretsRecognizer

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "secrets" / "dev.jsonl"
IDENTIFIER_RULE = re.compile(
    r"(?i)\b(?:bucket|domain|username|recipient|client id|account id|account sid|user id|app id|hostname)\b"
)
CREDENTIAL_WORD = re.compile(r"(?i)password|secret|token|credential|(?<!public )\bkey\b")
_TOKEN = re.compile(r"[A-Za-z0-9_\-+/=.]{20,}")


def part_of(rule: str) -> str:
    return "eval" if hashlib.sha256(rule.encode("utf-8")).digest()[0] % 2 else "tune"


def is_identifier_rule(rule: str) -> bool:
    return bool(IDENTIFIER_RULE.search(rule)) and not CREDENTIAL_WORD.search(rule)


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def contested_ids(rows: list[dict]) -> set[str]:
    secrets: set[str] = set()
    for r in rows:
        if r["label"] == 1:
            secrets.update(_TOKEN.findall(r["text"]))
    return {r["id"] for r in rows if r["label"] == 0 and set(_TOKEN.findall(r["text"])) & secrets}


def _overlaps(ents: list, spans: list) -> bool:
    return all(any(e.start < b and a < e.end for e in ents) for a, b in spans)


def gen_eval(recognizer: SecretsRecognizer, show: str | None, by: str | None) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from gen_secret_cases import generate

    rows = generate()
    t0 = time.perf_counter()
    found = {r.id: recognizer.analyze(r.text) for r in rows}
    elapsed = time.perf_counter() - t0
    print(f"generated set (scripts/gen_secret_cases.py): {len(rows)} rows, {elapsed * 1000 / len(rows):.3f} ms/row")
    print(f"{'part':<9} {'recall':>20} {'near-miss hits':>18}")
    for part, sel in (("tune", [r for r in rows if r.part == "tune"]), ("held-out", [r for r in rows if r.part == "held"]),
                      ("held-all", [r for r in rows if r.held_all])):
        pos = [r for r in sel if r.label == 1]
        neg = [r for r in sel if r.label == 0]
        ok = sum(_overlaps(found[r.id], r.spans) for r in pos)
        hit = sum(bool(found[r.id]) for r in neg)
        print(f"{part:<9} {_rate(ok, len(pos)):>20} {_rate(hit, len(neg)):>18}")
    if by:
        print(f"\nheld-out part by {by} (recall / near-miss hits):")
        groups: dict[str, list] = {}
        for r in rows:
            if r.part == "held":
                groups.setdefault(getattr(r, by) or "-", []).append(r)
        for name, sel in sorted(groups.items()):
            pos = [r for r in sel if r.label == 1]
            neg = [r for r in sel if r.label == 0]
            ok = sum(_overlaps(found[r.id], r.spans) for r in pos)
            hit = sum(bool(found[r.id]) for r in neg)
            print(f"  {name:<34} {_rate(ok, len(pos)):>16} {_rate(hit, len(neg)):>16}")
    if show:
        if show != "tune":
            raise SystemExit("--gen-show lists the tune part only: the held-out part is for reporting")
        for r in rows:
            if r.part != "tune":
                continue
            ents = found[r.id]
            bad = not _overlaps(ents, r.spans) if r.label else bool(ents)
            if bad:
                kinds = [(e.kind, r.text[e.start:e.end][:40]) for e in ents]
                print(f"\n{'MISS' if r.label else 'HIT'} {r.id} [{r.provider} / {r.carrier} / {r.nm}] {kinds}\n{r.text[:400]}")


def _rate(num: int, den: int) -> str:
    return f"{num / den:.3f} ({num}/{den})" if den else "n/a"


_PROSE = (
    "Could you summarise the attached quarterly report and list the three biggest risks? ",
    "Our deployment pipeline failed again last night; the logs mention a timeout in the billing service. ",
    "Please rewrite this paragraph in a friendlier tone for the customer newsletter. ",
    "The meeting with the design team moved to Thursday at 10:30, room 4B. ",
    "Remember to rotate credentials regularly and never paste a password or an API key into a chat. ",
    "Ça marche très bien, merci beaucoup ! Die Lieferung kommt morgen. 東京の天気は晴れです。 ",
)
_CODE = (
    "def total(items):\n    return sum(i.price * i.qty for i in items if i.active)\n",
    "const user = await db.users.findOne({ where: { email }, include: [Profile] });\n",
    "for (int i = 0; i < n; ++i) { acc += weights[i] * x[i]; }\n",
    "SELECT id, name, created_at FROM orders WHERE status = 'open' ORDER BY created_at DESC LIMIT 50;\n",
    "if password is None:\n    raise ValueError('password required')\ntoken = request.headers.get('X-Token')\n",
)
_DATA = (
    '{"id": 18236, "event": "checkout", "amount": 42.5, "currency": "EUR", "ts": "2024-06-01T10:22:31Z"}\n',
    "commit 3f786850e387550fdab836ed7e6dc881de23001b\nAuthor: Ada <ada@example.com>\n",
    "GET /api/v2/items?page=3&sort=desc HTTP/1.1 200 5123 https://shop.example.com/cart\n",
    "sha256sum: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  release.tar.gz\n",
    "request_id=550e8400-e29b-41d4-a716-446655440000 latency_ms=83 status=ok region=eu-west-1\n",
    "max_tokens: 4096\ntemperature: 0.2\nmodel: gpt-4o-mini\ntimeout: 30\n",
)


def mixed_text(size: int) -> str:
    """Deterministic ordinary text (prose in several languages, code, logs, JSON) without secrets."""
    import random

    rnd = random.Random(7)
    parts: list[str] = []
    total = 0
    while total < size:
        piece = rnd.choice(rnd.choice((_PROSE, _PROSE, _CODE, _DATA)))
        parts.append(piece)
        total += len(piece)
    return "".join(parts)[:size]


def bench() -> None:
    import statistics

    from accord.detect.secrets import RULES
    from accord.detect.secrets.scanner import CompiledRules

    t0 = time.perf_counter()
    CompiledRules(list(RULES))  # what the first SecretsRecognizer() in a process pays
    compile_s = time.perf_counter() - t0
    rec = SecretsRecognizer()
    prompt = mixed_text(1024)
    assert not rec.analyze(prompt), "the benchmark prompt must contain no secret"
    samples = []
    for _ in range(3000):
        t = time.perf_counter()
        rec.analyze(prompt)
        samples.append(time.perf_counter() - t)
    samples.sort()
    p50, p99 = statistics.median(samples), samples[int(len(samples) * 0.99)]
    big = mixed_text(1_000_000)
    runs = []
    for _ in range(15):
        t = time.perf_counter()
        rec.analyze(big)
        runs.append(time.perf_counter() - t)
    best = min(runs)
    mb = len(big.encode("utf-8")) / 1e6
    print(f"rules: {len(rec.rules)}; compile (Hyperscan + re): {compile_s:.2f} s")
    print(f"1 KB prompt, no secret: p50 {p50 * 1000:.4f} ms, p99 {p99 * 1000:.4f} ms (budget 0.05 ms)")
    print(f"1 MB mixed text: {mb / best:.0f} MB/s (best of 15; {best * 1000:.1f} ms; budget >= 100 MB/s)")


def rules_table() -> None:
    from accord.detect.secrets import RULES

    for family, ids in RULES.families().items():
        print(f"\n#### {family} ({len(ids)})\n")
        print("| kind | what |\n|---|---|")
        for rule_id in ids:
            print(f"| `{rule_id}` | {RULES.get(rule_id).description.replace('|', '/')} |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--show", choices=("tune", "eval", "all"), help="list dev.jsonl misses and near-miss hits of a part")
    ap.add_argument("--gen-show", choices=("tune", "held"), help="list the generated set's misses and hits (tune only)")
    ap.add_argument("--gen-by", choices=("carrier", "provider", "nm"), help="held-out rates per carrier, provider or nm kind")
    ap.add_argument("--no-gen", action="store_true", help="skip the generated set")
    ap.add_argument("--bench", action="store_true", help="measure speed instead of accuracy")
    ap.add_argument("--rules-table", action="store_true", help="print the rule list as markdown")
    args = ap.parse_args(argv)
    if args.rules_table:
        rules_table()
        return 0
    if args.bench:
        bench()
        return 0
    if not args.data.exists():
        print(f"error: {args.data} not found; pass --data PATH", file=sys.stderr)
        return 2
    recognizer = SecretsRecognizer()
    if not args.no_gen:
        gen_eval(recognizer, args.gen_show, args.gen_by)
        print()
    rows = load(args.data)
    contested = contested_ids(rows)
    t0 = time.perf_counter()
    found = {r["id"]: recognizer.analyze(r["text"]) for r in rows}
    elapsed = time.perf_counter() - t0

    print(f"seen: {args.data.name} (Nosey Parker rule examples, Apache-2.0): {len(rows)} rows, {len(recognizer.rules)} rules, "
          f"{elapsed * 1000 / len(rows):.3f} ms/row")
    print(f"{'part':<5} {'recall':>16} {'recall (secrets only)':>22} {'near-miss hits':>16} {'(uncontested)':>16}")
    for part in ("tune", "eval", "all"):
        sel = [r for r in rows if part == "all" or part_of(r["rule"]) == part]
        pos = [r for r in sel if r["label"] == 1]
        pos_s = [r for r in pos if not is_identifier_rule(r["rule"])]
        neg = [r for r in sel if r["label"] == 0]
        neg_u = [r for r in neg if r["id"] not in contested]
        hit = lambda rs: sum(1 for r in rs if found[r["id"]])  # noqa: E731
        print(f"{part:<5} {_rate(hit(pos), len(pos)):>16} {_rate(hit(pos_s), len(pos_s)):>22} "
              f"{_rate(hit(neg), len(neg)):>16} {_rate(hit(neg_u), len(neg_u)):>16}")

    if args.show:
        sel = [r for r in rows if args.show == "all" or part_of(r["rule"]) == args.show]
        for r in sel:
            ents = found[r["id"]]
            if (r["label"] == 1) != bool(ents):
                what = "MISS" if r["label"] == 1 else ("HIT*" if r["id"] in contested else "HIT")
                kinds = [(e.kind, r["text"][e.start:e.end][:40]) for e in ents]
                print(f"\n{what} {r['id']} [{r['rule']}] {kinds}\n{r['text'][:400]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
