"""In-process CPU profile of the gateway: drives the ASGI app directly (no HTTP server in front) against
the rig's nginx mock upstream and reports CPU per request, so the gateway's own cost is visible without
the load generator and the server sharing the two cores.

    .venv/bin/python bench/gateway_profile.py                     # non-streamed, 3 scan modes
    .venv/bin/python bench/gateway_profile.py --stream            # the rig's 20-chunk stream
    .venv/bin/python bench/gateway_profile.py --scan cached --profile 25   # top-25 cProfile rows

Scan modes, so progress on the gateway is visible independently of the detection engine's speed:
  real    the real detection engine (input scan, output scan);
  cached  the engine's answers memoised per text: every guardrail step of the gateway runs (decide,
          pseudonymise, restore, output judge), only the engine's own scanning time is left out;
  off     an engine that finds nothing (no redaction either): the plain proxy path.

CPU is process CPU (`time.process_time`, all threads: the audit writer thread included). The mock must be
running (`../shared/bench/gateway/mock.sh start`); the script starts it when it is not and stops it again.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RIG = Path(os.environ.get("RIG", ROOT.parent / "shared" / "bench" / "gateway"))
MOCK = "http://127.0.0.1:18000"
LATENCY: list[float] = []  # p50, p99 of the last drive (seconds)

#: The bench policy, shared with bench/gateway.sh.
POLICY = (ROOT / "bench" / "gateway_policy.yaml").read_text(encoding="utf-8")


def rig_body(stream: bool) -> bytes:
    """The exact body of the rig's chat.lua (it can dump it), else an equivalent one."""
    with tempfile.NamedTemporaryFile(suffix=".json") as f:
        env = dict(os.environ, BENCH_DUMP_BODY=f.name, MODEL="mock-gpt-stream" if stream else "mock-gpt")
        if stream:
            env["STREAM"] = "1"
        try:
            subprocess.run(["wrk", "-s", str(RIG / "chat.lua"), "http://127.0.0.1:1"], env=env, check=True,
                           capture_output=True, timeout=10)
            data = Path(f.name).read_bytes()
            if data:
                return data
        except (OSError, subprocess.SubprocessError):
            pass
    raise SystemExit("cannot build the rig's body: wrk and ../shared/bench/gateway/chat.lua are needed")


class CachedEngine:
    """The real engine's answers, memoised per text: the engine's own time drops out of the profile."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self._inspect: dict[str, Any] = {}
        self._analyze: dict[str, Any] = {}

    def inspect(self, text: str) -> Any:
        r = self._inspect.get(text)
        if r is None:
            r = self._inspect[text] = self._engine.inspect(text)
        return r

    def analyze(self, text: str) -> Any:
        r = self._analyze.get(text)
        if r is None:
            r = self._analyze[text] = self._engine.analyze(text)
        return list(r)


class NullEngine:
    def inspect(self, text: str) -> Any:
        from accord.detect.types import Report

        return Report(entities=())

    def analyze(self, text: str) -> list[Any]:
        return []


def mock_up() -> bool:
    try:
        with urllib.request.urlopen(MOCK + "/health", timeout=1) as r:
            return r.status == 200
    except OSError:
        return False


async def drive(app: Any, body: bytes, key: str, path: str, n: int, check: bytes) -> tuple[float, float]:
    headers = [
        (b"host", b"127.0.0.1:15000"),
        (b"content-type", b"application/json"),
        (b"authorization", b"Bearer " + key.encode()),
        (b"content-length", str(len(body)).encode()),
        (b"user-agent", b"gwbench-wrk/1"),
    ]
    scope = {"type": "http", "method": "POST", "path": path, "headers": headers, "query_string": b"",
             "http_version": "1.1", "scheme": "http", "asgi": {"version": "3.0"}}
    out: list[bytes] = []
    status = [0]

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            status[0] = message["status"]
        else:
            out.append(message.get("body", b""))

    lat: list[float] = []
    c0, t0, w0 = time.process_time(), time.thread_time(), time.perf_counter()
    for i in range(n):
        out.clear()
        r0 = time.perf_counter()
        await app(dict(scope), receive, send)
        lat.append(time.perf_counter() - r0)
        if i == 0 and (status[0] != 200 or check not in b"".join(out)):
            raise SystemExit(f"unexpected answer {status[0]}: {b''.join(out)[:300]!r}")
    lat.sort()
    LATENCY[:] = [lat[len(lat) // 2], lat[int(len(lat) * 0.99)]]
    return (time.process_time() - c0) / n, (time.thread_time() - t0) / n, (time.perf_counter() - w0) / n


async def main_async(args: argparse.Namespace) -> None:
    from accord.gateway.app import build_app
    from accord.home import Home
    from accord.store import open_store

    tmp = tempfile.mkdtemp(prefix="accord-prof-")
    home = Home(Path(tmp)).ensure()
    home.policy_path.write_text(POLICY)
    store = open_store(home.db_url)
    key, _ = store.keys.create("default", "bench", "wrk")
    app = build_app(home, store=store)
    real = app.state.engine
    await app.startup()
    body = rig_body(args.stream)
    path = "/v1/chat/completions"
    check = b"data: [DONE]" if args.stream else b"Your order is confirmed"
    try:
        for mode in args.scan:
            app.state.engine = {"real": real, "cached": CachedEngine(real), "off": NullEngine()}[mode]
            await drive(app, body, key, path, args.warmup, check)
            store.audit.flush()
            if args.profile:
                prof = cProfile.Profile(time.thread_time)  # CPU, not wall: preemption on a busy machine is not ours
                prof.enable()
            c0 = time.process_time()
            _, loop_cpu, wall = await drive(app, body, key, path, args.n, check)
            store.audit.flush()  # the writer thread's work for these requests counts too
            cpu_all = (time.process_time() - c0) / args.n
            if args.profile:
                prof.disable()
            kind = "stream" if args.stream else "non-stream"
            print(f"{kind:10s} scan={mode:6s}  CPU {cpu_all * 1e3:6.3f} ms/req (event loop thread {loop_cpu * 1e3:6.3f})"
                  f"   wall {wall * 1e3:6.3f} ms/req (p50 {LATENCY[0] * 1e3:.3f}, p99 {LATENCY[1] * 1e3:.3f})   (n={args.n})")
            if args.profile:
                pstats.Stats(prof, stream=sys.stdout).sort_stats(args.sort).print_stats(args.profile)
    finally:
        await app.shutdown()
        store.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stream", action="store_true")
    ap.add_argument("--scan", nargs="+", choices=("real", "cached", "off"), default=["real", "cached", "off"])
    ap.add_argument("-n", type=int, default=2000)
    ap.add_argument("--warmup", type=int, default=300)
    ap.add_argument("--profile", type=int, default=0, help="print the top N cProfile rows")
    ap.add_argument("--sort", default="tottime")
    ap.add_argument("--loop", choices=("uvloop", "asyncio"), default="uvloop")
    args = ap.parse_args()
    started = False
    if not mock_up():
        subprocess.run([str(RIG / "mock.sh"), "start"], check=True)
        started = True
    try:
        if args.loop == "uvloop":
            import uvloop

            uvloop.run(main_async(args))
        else:
            asyncio.run(main_async(args))
    finally:
        if started:
            subprocess.run([str(RIG / "mock.sh"), "stop"], check=False)


if __name__ == "__main__":
    main()
