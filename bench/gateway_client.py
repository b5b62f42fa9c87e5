"""Upstream HTTP clients compared: CPU per call of the gateway's pool (`HttpPool`, on aiohttp), a bare
aiohttp ClientSession and httpx's AsyncClient, each POSTing the rig's 1 KB chat
body to the rig's nginx mock and reading the 1 KB JSON answer, one call at a time, on uvloop.

    .venv/bin/python bench/gateway_client.py              # all three, n=3000 each
    .venv/bin/python bench/gateway_client.py accord -n 10000

The mock must be running (`../shared/bench/gateway/mock.sh start`); the script starts and stops it
when it is not. aiohttp and httpx are only needed for their rows.
"""

from __future__ import annotations

import argparse
import subprocess
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import orjson
import uvloop
from gateway_profile import RIG, mock_up, rig_body  # bench/ is on sys.path when run as a script

URL = "http://127.0.0.1:18000/v1/chat/completions"
HEADERS = {"content-type": "application/json", "accept": "application/json", "authorization": "Bearer sk-mock"}

Call = Callable[[], Awaitable[dict]]


async def accord_client(body: bytes) -> tuple[Call, Callable[[], Awaitable[None]]]:
    from accord.gateway.providers.http import HttpPool, prepare

    pool = HttpPool()
    ep = prepare(URL, HEADERS.items())

    async def one() -> dict:
        resp = await pool.post("bench", ep, body, timeout=60, connect_timeout=5)
        return orjson.loads(resp.body)

    return one, pool.aclose


async def aiohttp_client(body: bytes) -> tuple[Call, Callable[[], Awaitable[None]]]:
    import aiohttp

    connector = aiohttp.TCPConnector(limit=0, limit_per_host=256, keepalive_timeout=60, ttl_dns_cache=300)
    session = aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.DummyCookieJar(), auto_decompress=False)
    timeout = aiohttp.ClientTimeout(total=60, sock_connect=5)

    async def one() -> dict:
        async with session.post(URL, data=body, headers=HEADERS, timeout=timeout) as resp:
            return orjson.loads(await resp.read())

    return one, session.close


async def httpx_client(body: bytes) -> tuple[Call, Callable[[], Awaitable[None]]]:
    import httpx

    client = httpx.AsyncClient(timeout=60)

    async def one() -> dict:
        resp = await client.post(URL, content=body, headers=HEADERS)
        return orjson.loads(resp.content)

    return one, client.aclose


CLIENTS = {"accord": accord_client, "aiohttp": aiohttp_client, "httpx": httpx_client}


async def measure(kind: str, body: bytes, n: int) -> None:
    one, close = await CLIENTS[kind](body)
    try:
        for _ in range(200):
            await one()
        c0, w0 = time.process_time(), time.perf_counter()
        for _ in range(n):
            reply = await one()
        cpu, wall = (time.process_time() - c0) / n, (time.perf_counter() - w0) / n
        assert reply["object"] == "chat.completion"
        print(f"{kind:8s} CPU {cpu * 1e6:7.1f} us/call   wall {wall * 1e6:7.1f} us/call   (n={n})")
    finally:
        await close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("clients", nargs="*", help="accord, aiohttp, httpx (default: all three)")
    ap.add_argument("-n", type=int, default=3000)
    args = ap.parse_args()
    clients = args.clients or ["accord", "aiohttp", "httpx"]
    unknown = sorted(set(clients) - set(CLIENTS))
    if unknown:
        ap.error(f"unknown client(s) {unknown}; choose from {sorted(CLIENTS)}")
    body = rig_body(False)
    started = not mock_up()
    if started:
        subprocess.run([str(Path(RIG) / "mock.sh"), "start"], check=True)
    try:
        for kind in clients:
            uvloop.run(measure(kind, body, args.n))
    finally:
        if started:
            subprocess.run([str(Path(RIG) / "mock.sh"), "stop"], check=False)


if __name__ == "__main__":
    main()
