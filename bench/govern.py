"""Govern benchmarks: scan throughput (text and small mixed documents) and ACL-filtered retrieval latency.

    .venv/bin/python bench/govern.py                      # 1 GB of text, 20,000 small files, 100,000 chunks
    .venv/bin/python bench/govern.py --text-mb 200 --small-files 5000 --chunks 20000   # quicker

Data is generated under /tmp and removed afterwards. Figures: MB/s and files/s for each scan (first
scan, cold inventory; then the incremental re-scan), peak resident memory of the scanning processes,
and retrieval p50/p95 latency for k=5 with ACL filtering. Target: >= 50 MB/s on text.

`MB_per_s` is end to end, the Detect engine's one-off compilation (`engine_build_s`, paid once per
process, before the first scan) included; `MB_per_s_after_build` is the scan alone. `cpu_s_per_MB`
counts the CPU time of the scanning process and its workers (a figure that holds on a busy machine).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

WORDS = (
    "the of and to in is for on that with as was by this are be at from or an have it not which quarterly "
    "office report project customer meeting schedule budget team update review plan service network data "
    "policy release deadline holiday cafeteria system design roadmap vendor invoice delivery support"
).split()


def _paragraph(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _text_block(rng: random.Random, size: int) -> str:
    out, total, i = [], 0, 0
    while total < size:
        i += 1
        line = _paragraph(rng, rng.randint(8, 20))
        if i % 40 == 0:
            line += f" Contact person{i}@example.org or +1 415-555-{i % 10000:04d}."
        out.append(line)
        total += len(line) + 1
    return "\n".join(out) + "\n"


def gen_text(root: Path, total_mb: int, file_mb: int = 4) -> tuple[int, int]:
    rng = random.Random(7)
    block = _text_block(rng, file_mb * 1024 * 1024)
    n = max(1, total_mb // file_mb)
    for i in range(n):
        d = root / f"d{i % 16:02d}"
        d.mkdir(parents=True, exist_ok=True)
        (d / f"f{i:05d}.txt").write_text(f"file {i}\n" + block)
    return n, sum(p.stat().st_size for p in root.rglob("*.txt"))


def gen_small(root: Path, count: int) -> tuple[int, int]:
    rng = random.Random(11)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.govern.corpus import _docx, _pptx, _xlsx, minimal_pdf

    office = {
        ".docx": _docx(),
        ".xlsx": _xlsx(),
        ".pptx": _pptx(),
        ".pdf": minimal_pdf(["Facilities report", "x@y.org"]),
    }
    kinds = [".txt", ".md", ".csv", ".json", ".jsonl", ".html", ".eml"]
    for i in range(count):
        d = root / f"g{i % 50:02d}"
        d.mkdir(parents=True, exist_ok=True)
        if i % 50 == 49:  # 2% office documents and PDFs
            ext = list(office)[i // 50 % 4]
            (d / f"doc{i:06d}{ext}").write_bytes(office[ext])
            continue
        ext = kinds[i % len(kinds)]
        p = _paragraph(rng, rng.randint(20, 120))
        mail = f"user{i}@example.com"
        body = {
            ".txt": f"{p}\nReach {mail}.\n",
            ".md": f"# Note {i}\n\n{p}\n",
            ".csv": "id,email,comment\n"
            + "".join(f"{j},{j}.{mail},{_paragraph(rng, 6)}\n" for j in range(5)),
            ".json": json.dumps({"id": i, "owner": mail, "text": p}),
            ".jsonl": "".join(json.dumps({"n": j, "text": _paragraph(rng, 10)}) + "\n" for j in range(5)),
            ".html": f"<html><body><h1>Page {i}</h1><p>{p}</p></body></html>",
            ".eml": f"From: {mail}\nTo: team@example.com\nSubject: note {i}\n\n{p}\n",
        }[ext]
        (d / f"doc{i:06d}{ext}").write_text(body)
    files = [p for p in root.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def cpu_s() -> float:
    """CPU seconds of this process and of its waited-for children (the scan's worker processes)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def peak_rss_mb() -> tuple[float, float]:
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return round(me, 1), round(kids, 1)


def bench_scan(name: str, root: Path, files: int, nbytes: int, workers: int, work: Path) -> dict:  # type: ignore[type-arg]
    from accord.detect import default_engine
    from accord.govern.inventory import open_inventory
    from accord.govern.scanner import Scanner

    inv = open_inventory(f"sqlite:///{work / f'{name}.db'}")
    scanner = Scanner(inv, workers=workers, batch_size=500)
    # The Detect engine is compiled once per process (the scanner's workers inherit it): timed apart,
    # so the figures show both the end-to-end rate of one `accord scan` run and the steady scan rate.
    t = time.perf_counter()
    default_engine()
    build = time.perf_counter() - t
    c, t = cpu_s(), time.perf_counter()
    first = scanner.scan(str(root)).stats
    cold = time.perf_counter() - t
    cpu = cpu_s() - c
    t = time.perf_counter()
    again = scanner.scan(str(root)).stats
    warm = time.perf_counter() - t
    mb = nbytes / 1e6
    out = {
        "files": files,
        "MB": round(mb, 1),
        "workers": workers,
        "engine_build_s": round(build, 2),
        "scan_s": round(cold, 2),
        "MB_per_s": round(mb / (build + cold), 1),
        "MB_per_s_after_build": round(mb / cold, 1),
        "files_per_s": round(files / (build + cold), 1),
        "files_per_s_after_build": round(files / cold, 1),
        "cpu_s_per_MB": round(cpu / mb, 4),
        "cpu_ms_per_file": round(cpu / files * 1000, 3),
        "errors": first.errors,
        "rescan_s": round(warm, 3),
        "rescan_files_read": again.files_read,
        "rescan_speedup": round(cold / max(warm, 1e-9), 1),
        "peak_rss_mb_main_workers": peak_rss_mb(),
    }
    print(f"[{name}] {json.dumps(out)}", flush=True)
    return out


def _vocabulary(rng: random.Random, n: int = 5000) -> tuple[list[str], list[float]]:
    """Pseudo-words with Zipf-like frequencies, as in real text (a few common, most rare)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = sorted({"".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(n * 2)})[:n]
    rng.shuffle(words)
    return words, [1.0 / (i + 1) for i in range(len(words))]


def bench_retrieval(work: Path, chunks: int, queries: int) -> dict:  # type: ignore[type-arg]
    from accord.detect.types import DataClass
    from accord.govern.retrieval import Access, RetrievalIndex

    rng = random.Random(3)
    words, weights = _vocabulary(rng)
    idx = RetrievalIndex(str(work / "bench.sqlite"), create=True)
    groups = [f"g{i}" for i in range(10)]
    shared = [("g0", "g1"), ("g2", "g3"), ("g4", "g5"), ("g6", "g7"), ("g8", "g9")]
    per_doc = 10
    t = time.perf_counter()
    for d in range(chunks // per_doc):
        paras = (" ".join(rng.choices(words, weights, k=rng.randint(60, 110))) + "." for _ in range(per_doc))
        # Folder-level ACLs, as sidecars give them: one group per folder, a few folders shared by two.
        acl = [f"group:{g}" for g in (shared[d % 5] if d % 10 == 0 else (rng.choice(groups),))]
        idx.add_document(
            f"doc{d}", "\n\n".join(paras), label=rng.choice(list(DataClass)), acl=acl, chunk_chars=700
        )
    build = time.perf_counter() - t
    stats = idx.stats()
    access = Access.of("bench", ["g1", "g4", "g7"], DataClass.CONFIDENTIAL)
    # Queries of two to four words drawn from the middle of the frequency range (rank 50-2000).
    qs = [" ".join(rng.sample(words[50:2000], rng.randint(2, 4))) for _ in range(queries)]
    for q in qs[:5]:
        idx.search(q, access, 5)  # warm the page cache
    lat = []
    for q in qs:
        t = time.perf_counter()
        idx.search(q, access, 5)
        lat.append((time.perf_counter() - t) * 1000)
    lat.sort()
    out = {
        **stats,
        "build_s": round(build, 1),
        "queries": len(qs),
        "k": 5,
        "p50_ms": round(statistics.median(lat), 2),
        "p95_ms": round(lat[int(len(lat) * 0.95) - 1], 2),
        "permitted_partitions": len(idx.permitted_parts(access)),
    }
    print(f"[retrieval] {json.dumps(out)}", flush=True)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description="Govern scan and retrieval benchmarks")
    ap.add_argument("--text-mb", type=int, default=1024)
    ap.add_argument("--small-files", type=int, default=20000)
    ap.add_argument("--chunks", type=int, default=100000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--skip", action="append", default=[], choices=["text", "small", "retrieval"])
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="accord-bench-govern-", dir="/tmp"))
    results: dict[str, object] = {"machine": f"{os.cpu_count()} CPUs", "python": sys.version.split()[0]}
    try:
        if "text" not in args.skip:
            n, size = gen_text(work / "text", args.text_mb)
            results["text"] = bench_scan("text", work / "text", n, size, args.workers, work)
            shutil.rmtree(work / "text")
        if "small" not in args.skip:
            n, size = gen_small(work / "small", args.small_files)
            results["small_mixed"] = bench_scan("small", work / "small", n, size, args.workers, work)
            shutil.rmtree(work / "small")
        if "retrieval" not in args.skip:
            results["retrieval"] = bench_retrieval(work, args.chunks, args.queries)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    buf = io.StringIO()
    json.dump(results, buf, indent=2)
    print(buf.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
