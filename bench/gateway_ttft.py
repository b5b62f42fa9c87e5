"""Added time to first token (TTFT) of a streamed answer, through Accord with output scanning on.

The rig's nginx mock sends its whole stream at once, so it measures the time to the *last* byte. Here
a small upstream streams like a model does: `--chunks` content deltas of a few characters, `--gap-ms`
apart. The client (httpx, streaming) records the time to the first non-empty content delta and to
the end of the stream, directly against the upstream and through Accord, alternating, and prints the
medians and the differences. Accord runs as `accord up` in its own process with the default
guardrails (output scanning on; the policy watches secrets in output, so it holds back only the
unfinished word) and, for comparison, a policy that also hides PERSON in output (a multi-word type:
the gateway then holds back `output_window_chars`).

    .venv/bin/python bench/gateway_ttft.py                 # 60 requests each
    .venv/bin/python bench/gateway_ttft.py -n 200 --gap-ms 10
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
ACCORD = ROOT / ".venv" / "bin" / "accord"
WORDS = ("The parcel left our warehouse this morning and should reach you by Thursday; "
         "tracking updates appear once the carrier scans it at the depot. ").split(" ")


def upstream_app(chunks: int, gap_s: float):  # type: ignore[no-untyped-def]
    import orjson
    from starlette.applications import Starlette
    from starlette.responses import StreamingResponse
    from starlette.routing import Route

    async def chat(request):  # type: ignore[no-untyped-def]
        async def events():  # type: ignore[no-untyped-def]
            base = {"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": "m"}
            for i in range(chunks):
                delta = {"content": WORDS[i % len(WORDS)] + " "}
                yield b"data: " + orjson.dumps({**base, "choices": [{"index": 0, "delta": delta}]}) + b"\n\n"
                await asyncio.sleep(gap_s)
            yield b"data: " + orjson.dumps({**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}) + b"\n\n"
            yield b"data: [DONE]\n\n"

        return StreamingResponse(events(), media_type="text/event-stream")

    return Starlette(routes=[Route("/v1/chat/completions", chat, methods=["POST"])])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_up(url: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"process for {url} exited with {proc.returncode}")
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not come up in {timeout:.0f} s")


POLICY = """version: 1
routes:
  - name: stream
    provider: openai
    base_url: http://127.0.0.1:{port}/v1
    api_key: $env:TTFT_UPSTREAM_KEY:-sk-none
    model: m
    max_class: restricted
teams:
  "*":
    routes: ["*"]
{extra}"""


async def one(client: httpx.AsyncClient, url: str, headers: dict[str, str]) -> tuple[float, float]:
    body = {"model": "stream", "stream": True, "messages": [{"role": "user", "content": "Where is my parcel?"}]}
    t0 = time.perf_counter()
    first = None
    async with client.stream("POST", url, json=body, headers=headers) as resp:
        resp.raise_for_status()
        async for line in resp.aiter_lines():
            if first is None and line.startswith("data: {") and re.search(r'"content":"[^"]', line):
                first = time.perf_counter() - t0
    return (first if first is not None else float("nan")), time.perf_counter() - t0


async def measure(n: int, direct: str, via: str, key: str) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {"direct_first": [], "direct_last": [], "accord_first": [], "accord_last": []}
    async with httpx.AsyncClient(timeout=60) as client:
        for _ in range(3):  # warm both paths
            await one(client, direct, {})
            await one(client, via, {"authorization": f"Bearer {key}"})
        for _ in range(n):
            f, last = await one(client, direct, {})
            out["direct_first"].append(f)
            out["direct_last"].append(last)
            f, last = await one(client, via, {"authorization": f"Bearer {key}"})
            out["accord_first"].append(f)
            out["accord_last"].append(last)
    return out


def run_case(name: str, extra: str, args: argparse.Namespace, up_port: int) -> None:
    home = Path(tempfile.mkdtemp(prefix="accord-ttft-"))
    try:
        (home / "accord.yaml").write_text(POLICY.format(port=up_port, extra=extra))
        port = free_port()
        env = dict(os.environ, ACCORD_HOME=str(home))
        gw = subprocess.Popen([str(ACCORD), "up", "--home", str(home), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
        try:
            wait_up(f"http://127.0.0.1:{port}/healthz", gw)
            key = subprocess.run([str(ACCORD), "keys", "create", "--home", str(home), "--team", "eng", "--user", "bench"],
                                 check=True, capture_output=True, text=True, env=env).stdout.strip()
            res = asyncio.run(measure(args.n, f"http://127.0.0.1:{up_port}/v1/chat/completions",
                                      f"http://127.0.0.1:{port}/v1/chat/completions", key))
        finally:
            gw.terminate()
            gw.wait(timeout=30)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    med = {k: statistics.median(v) * 1000 for k, v in res.items()}
    print(f"{name:34s} first token: direct {med['direct_first']:7.2f} ms  accord {med['accord_first']:7.2f} ms  "
          f"added {med['accord_first'] - med['direct_first']:+7.2f} ms | last byte: direct {med['direct_last']:7.2f} ms  "
          f"accord {med['accord_last']:7.2f} ms  added {med['accord_last'] - med['direct_last']:+7.2f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=60, help="requests per target")
    ap.add_argument("--chunks", type=int, default=30)
    ap.add_argument("--gap-ms", type=float, default=20.0)
    ap.add_argument("--serve-upstream", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve_upstream:
        import uvicorn

        uvicorn.run(upstream_app(args.chunks, args.gap_ms / 1000), host="127.0.0.1", port=args.serve_upstream,
                    log_level="warning", access_log=False)
        return
    up_port = free_port()
    up = subprocess.Popen([sys.executable, __file__, "--serve-upstream", str(up_port), "--chunks", str(args.chunks),
                           "--gap-ms", str(args.gap_ms)])
    try:
        wait_up(f"http://127.0.0.1:{up_port}/", up)
        print(f"upstream: {args.chunks} content deltas, {args.gap_ms:g} ms apart; {args.n} requests per target, "
              "medians")
        run_case("default policy (secrets in output)", "", args, up_port)
        run_case("PERSON hidden in output (window)", "guardrails:\n  output_hidden: [SECRET, PERSON]\n", args, up_port)
    finally:
        up.terminate()
        up.wait(timeout=30)


if __name__ == "__main__":
    main()
