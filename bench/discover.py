"""Discover benchmark: parse + match + aggregate a generated Squid log and Zeek dns log.

    nice python bench/discover.py                      # 1M and 10M lines (about 1.5 GB on disk)
    nice python bench/discover.py --sizes 1000000      # quicker
    python bench/discover.py --dir /data/bench --keep  # reuse generated files between runs

Each size runs in a fresh child process (so peak RSS is that run's), on `--threads` DuckDB
threads (default 2: the target is >= 1M lines/s on 2 cores). GoAccess (Debian package
`goaccess`) parses the same Squid file as the reference for raw log-parsing speed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ORDINARY = [f"{w}{i}.{tld}" for i in range(1250) for w, tld in (("cdn", "net"), ("shop", "com"), ("news", "org"), ("app", "io"))]
AI_HOSTS = [
    "chatgpt.com", "chat.openai.com", "api.openai.com", "claude.ai", "api.anthropic.com", "gemini.google.com",
    "copilot.microsoft.com", "api.githubcopilot.com", "chat.deepseek.com", "kimi.moonshot.cn", "perplexity.ai",
    "www.perplexity.ai", "chat.mistral.ai", "huggingface.co", "poe.com", "character.ai", "www.midjourney.com",
    "otter.ai", "app.grammarly.com", "www.deepl.com", "cursor.com", "api2.cursor.sh", "www.doubao.com",
    "tongyi.aliyun.com", "yiyan.baidu.com", "chatglm.cn", "gamma.app", "suno.com", "elevenlabs.io", "www.notion.so",
]
USERS = 2000
DAYS = 7
START = 1_714_521_600  # 2024-05-01T00:00:00Z


def _profiles(rnd: random.Random) -> list[list[str]]:
    out = []
    for _ in range(USERS):
        fav = rnd.sample(ORDINARY, 36) + rnd.sample(AI_HOSTS, 4)
        out.append(fav)
    return out


def generate(squid: Path, dns: Path, lines: int, dns_lines: int, seed: int = 7) -> None:
    rnd = random.Random(seed)
    profiles = _profiles(rnd)
    weights = [1.0 / (i + 1) for i in range(40)]
    span = DAYS * 86400
    with squid.open("w") as fh:
        done = 0
        while done < lines:
            k = min(200_000, lines - done)
            users = rnd.choices(range(USERS), k=k)
            picks = rnd.choices(range(40), weights=weights, k=k)
            buf = []
            for j in range(k):
                u = users[j]
                host = profiles[u][picks[j]]
                ts = START + span * (done + j) / lines
                if (done + j) % 3:
                    req = f"CONNECT {host}:443"
                    code = "TCP_TUNNEL/200"
                else:
                    req = f"GET http://{host}/assets/{(done + j) % 997}/index.html?v={(done + j) % 13}"
                    code = "TCP_MISS/200"
                buf.append(
                    f"{ts:.3f} {(done + j) % 90000 + 20:6d} 10.{u // 250}.{u % 250}.{(u * 7) % 250 + 1} {code} "
                    f"{(done + j) * 7919 % 250000 + 300} {req} user{u:04d} HIER_DIRECT/203.0.113.{u % 250} text/html\n"
                )
            fh.write("".join(buf))
            done += k
    fields = "ts uid id.orig_h id.orig_p id.resp_h id.resp_p proto trans_id rtt query qclass qclass_name qtype qtype_name rcode rcode_name AA TC RD RA Z answers TTLs rejected"
    with dns.open("w") as fh:
        fh.write("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tdns\n")
        fh.write("#fields\t" + fields.replace(" ", "\t") + "\n")
        for i in range(dns_lines):
            u = rnd.randrange(USERS)
            host = profiles[u][rnd.randrange(40)]
            ts = START + span * i / max(1, dns_lines)
            fh.write(
                f"{ts:.6f}\tC{i}\t10.{u // 250}.{u % 250}.{(u * 7) % 250 + 1}\t5{i % 9999}\t10.0.0.53\t53\tudp\t{i % 65535}\t0.01\t"
                f"{host}\t1\tC_INTERNET\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t0\t198.51.100.{i % 250}\t60.0\tF\n"
            )


def child(paths: list[str], threads: int, memory_limit: str) -> None:
    """Run one discovery and print its figures as JSON (peak RSS is this process's own)."""
    from accord.discover import DuckDBEngine, RunOptions, default_catalog, run_discovery
    from accord.policy.sections.discover import DiscoverPolicy

    t0 = time.perf_counter()
    c0 = resource.getrusage(resource.RUSAGE_SELF)
    engine = DuckDBEngine(threads=threads, memory_limit=memory_limit)
    result = run_discovery([Path(p) for p in paths], catalog=default_catalog(), policy=DiscoverPolicy(), engine=engine, options=RunOptions())
    engine.close()
    secs = time.perf_counter() - t0
    c1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (c1.ru_utime - c0.ru_utime) + (c1.ru_stime - c0.ru_stime)
    rss = c1.ru_maxrss / 1024  # KiB -> MiB on Linux
    lines = result.lines
    print(json.dumps({"seconds": secs, "cpu_seconds": cpu, "lines": lines, "services": len(result.services), "peak_rss_mb": rss}))


def run_child(paths: list[Path], threads: int, memory_limit: str) -> dict:
    cmd = [sys.executable, __file__, "--child", "--threads", str(threads), "--memory-limit", memory_limit, *map(str, paths)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def goaccess(path: Path, lines: int) -> dict | None:
    exe = shutil.which("goaccess")
    if not exe:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        subprocess.run(
            # Squid native, spelled out: GoAccess 1.7's SQUID preset rejects standard native lines.
            [exe, str(path), "--log-format=%x.%^ %~%L %h %^/%s %b %m %U %e %^", "--date-format=%s", "--time-format=%s",
             "--no-global-config", "-o", f"{tmp}/report.json"],
            check=True, capture_output=True,
        )
        secs = time.perf_counter() - t0
    return {"seconds": secs, "lines_per_s": lines / secs}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lines", type=int, default=10_000_000, help="largest Squid log size")
    ap.add_argument("--sizes", default=None, help="comma-separated sizes to measure (default: 1M and --lines)")
    ap.add_argument("--dns-ratio", type=float, default=0.1, help="Zeek dns lines per Squid line")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--memory-limit", default="1GB")
    ap.add_argument("--dir", type=Path, default=None, help="where to put generated logs (reused with --keep)")
    ap.add_argument("--keep", action="store_true", help="keep (and reuse) the generated logs")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.paths, args.threads, args.memory_limit)
        return
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else sorted({min(1_000_000, args.lines), args.lines})
    workdir = args.dir or Path(tempfile.mkdtemp(prefix="accord-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"Discover benchmark: {args.threads} DuckDB threads, memory limit {args.memory_limit}, data in {workdir}")
    print(f"{'lines':>12} {'dns lines':>10} {'size MB':>8} {'seconds':>8} {'lines/s':>12} {'CPU s':>7} {'l/CPU-s':>10} "
          f"{'peak RSS MB':>12} {'GoAccess s':>10} {'GoAccess l/s':>13} {'ratio':>6}")
    try:
        for n in sizes:
            squid, dns = workdir / f"access-{n}.log", workdir / f"dns-{n}.log"
            dns_n = int(n * args.dns_ratio)
            if not (squid.exists() and dns.exists()):
                t0 = time.perf_counter()
                generate(squid, dns, n, dns_n)
                print(f"  (generated {n:,} + {dns_n:,} lines in {time.perf_counter() - t0:.0f} s)", file=sys.stderr)
            r = run_child([squid, dns], args.threads, args.memory_limit)
            total = r["lines"]["total"]
            rate = total / r["seconds"]
            ga = goaccess(squid, n)
            ga_s = f"{ga['seconds']:10.1f} {ga['lines_per_s']:13,.0f} {rate / ga['lines_per_s']:6.1f}" if ga else "   (goaccess not installed: apt-get install goaccess)"
            size_mb = (squid.stat().st_size + dns.stat().st_size) / 1e6
            per_cpu = total / max(r["cpu_seconds"], 1e-9)
            print(
                f"{n:12,} {dns_n:10,} {size_mb:8.0f} {r['seconds']:8.1f} {rate:12,.0f} {r['cpu_seconds']:7.1f} {per_cpu:10,.0f} "
                f"{r['peak_rss_mb']:12.0f} {ga_s}"
            )
            if not args.keep:
                squid.unlink()
                dns.unlink()
    finally:
        if not args.keep and args.dir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print("lines/s counts Squid + Zeek dns lines, parse + match + aggregate end to end (process start excluded);")
    print("l/CPU-s is lines per CPU-second (user+sys): on a busy machine, threads x l/CPU-s estimates the quiet rate.")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
