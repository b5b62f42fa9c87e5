"""The upstream HTTP pool (aiohttp) against a real raw-socket server whose every answer we script byte by
byte: keep-alive reuse, chunked / close-delimited / gzip bodies, a server closing connections, truncated
and malformed answers, timeouts, refused connections, and the error mapping the gateway builds on."""

from __future__ import annotations

import asyncio
import gzip
from collections.abc import Callable

import pytest

from accord.errors import UpstreamError, UpstreamTimeout
from accord.gateway.providers.base import RetryableUpstreamError
from accord.gateway.providers.http import HttpPool, prepare
from tests.gateway.conftest import refused_port

Answer = Callable[[bytes], bytes | None]  # request bytes -> raw answer (None: never answer)


def _ok(body: bytes, *extra: bytes) -> bytes:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n" % len(body)
    return head + b"".join(h + b"\r\n" for h in extra) + b"\r\n" + body


class RawServer:
    """A TCP server that reads one request at a time and writes whatever `answer` returns."""

    def __init__(self, answer: Answer, close_after: bool = False) -> None:
        self.answer, self.close_after = answer, close_after
        self.connections = 0
        self.requests: list[bytes] = []
        self.tasks: set[asyncio.Task[None]] = set()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        task = asyncio.current_task()
        assert task is not None
        self.tasks.add(task)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = int(next((ln.split(b":")[1] for ln in head.split(b"\r\n") if ln.lower().startswith(b"content-length")), b"0"))
                body = await reader.readexactly(length)
                self.requests.append(head + body)
                out = self.answer(head + body)
                if out is None:
                    await asyncio.sleep(3600)
                    return
                writer.write(out)
                await writer.drain()
                if self.close_after:
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        except asyncio.CancelledError:
            pass
        finally:
            writer.close()

    async def __aenter__(self) -> str:
        self.server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        port = self.server.sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}/v1/chat/completions"

    async def __aexit__(self, *exc: object) -> None:
        self.server.close()
        for t in self.tasks:
            t.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        await self.server.wait_closed()


def run(coro_fn: Callable[[], object]) -> None:
    asyncio.run(coro_fn())  # type: ignore[arg-type]


def _post(pool: HttpPool, url: str, body: bytes = b"{}", timeout: float = 5.0):  # type: ignore[no-untyped-def]
    return pool.post("r", prepare(url, [("content-type", "application/json")]), body, timeout=timeout, connect_timeout=2)


def test_keep_alive_reuses_one_connection() -> None:
    async def main() -> None:
        srv = RawServer(lambda req: _ok(b'{"n": %d}' % len(req)))
        async with srv as url:
            pool = HttpPool()
            bodies = [(await _post(pool, url, b'{"x": %d}' % i)).body for i in range(20)]
            await pool.aclose()
        assert srv.connections == 1 and len(srv.requests) == 20
        assert all(b.startswith(b'{"n": ') for b in bodies)
        first = srv.requests[0]
        assert first.startswith(b"POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:") and first.endswith(b'{"x": 0}')
        assert b"Content-Length: 8\r\n" in first

    run(main)


def test_chunked_close_delimited_and_gzip_bodies() -> None:
    answers = [
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
        _ok(gzip.compress(b"zipped body"), b"Content-Encoding: gzip"),
    ]

    async def main() -> None:
        srv = RawServer(lambda req: answers.pop(0))
        async with srv as url:
            pool = HttpPool()
            assert (await _post(pool, url)).body == b"hello world"
            assert (await _post(pool, url)).body == b"zipped body"
            await pool.aclose()
        assert srv.connections == 1  # a chunked answer read to its end leaves the connection reusable
        # No Content-Length, not chunked: the body ends when the server closes the connection.
        srv2 = RawServer(lambda req: b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end", close_after=True)
        async with srv2 as url:
            pool = HttpPool()
            assert (await _post(pool, url)).body == b"until the end"
            assert (await _post(pool, url)).body == b"until the end"
            await pool.aclose()
        assert srv2.connections == 2

    run(main)


def test_server_closing_connections_is_not_an_error() -> None:
    async def main() -> None:
        # The server closes after every answer, saying so (Connection: close): each request gets a
        # fresh connection and none of them fails.
        srv = RawServer(lambda req: _ok(b"{}", b"Connection: close"), close_after=True)
        async with srv as url:
            pool = HttpPool()
            for _ in range(3):
                assert (await _post(pool, url)).status == 200
            await pool.aclose()
        assert srv.connections == 3

    run(main)


def test_streamed_chunks_arrive_and_end() -> None:
    async def main() -> None:
        srv = RawServer(lambda req: b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n")
        async with srv as url:
            pool = HttpPool()
            ep = prepare(url, [("content-type", "application/json")])
            resp = await pool.post_stream("r", ep, b"{}", read_timeout=5, connect_timeout=2)
            assert resp.status == 200
            data = b"".join([c async for c in resp.chunks()])
            resp.release()
            assert data == b"abcdef"
            # Read to its end, the connection goes back to the pool and is reused.
            assert (await pool.post_stream("r", ep, b"{}", read_timeout=5, connect_timeout=2)).status == 200
            await pool.aclose()
        assert srv.connections == 1

    run(main)


@pytest.mark.parametrize(
    ("answer", "error", "text"),
    [
        (lambda req: b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort", UpstreamError, "broken response"),
        (lambda req: b"NOT HTTP AT ALL\r\n\r\n", UpstreamError, "broken response"),
        (lambda req: b"", RetryableUpstreamError, "cannot reach"),  # closed before any byte: retryable
        (lambda req: None, UpstreamTimeout, "did not answer in time"),
    ],
)
def test_broken_answers_map_to_the_error_tree(answer: Answer, error: type[Exception], text: str) -> None:
    async def main() -> None:
        srv = RawServer(answer, close_after=True)
        async with srv as url:
            pool = HttpPool()
            with pytest.raises(error, match=text) as info:
                await _post(pool, url, timeout=0.3)
            assert type(info.value) is error
            await pool.aclose()

    run(main)


def test_refused_connection_and_status_errors() -> None:
    async def main() -> None:
        pool = HttpPool()
        with refused_port() as port, pytest.raises(RetryableUpstreamError, match="cannot reach"):
            await _post(pool, f"http://127.0.0.1:{port}/v1")
        srv = RawServer(lambda req: b"HTTP/1.1 429 Too Many\r\nRetry-After: 7\r\nContent-Length: 35\r\n\r\n"
                        b'{"error": {"message": "slow down"}}')
        async with srv as url:
            from accord.errors import QuotaExceeded

            with pytest.raises(QuotaExceeded, match="slow down") as info:
                await _post(pool, url)
            assert info.value.retry_after == 7.0
        await pool.aclose()

    run(main)


def test_header_injection_is_refused() -> None:
    with pytest.raises(UpstreamError, match="line break"):
        prepare("http://127.0.0.1:1/v1", [("x-team", "eng\r\nEvil: 1")])
