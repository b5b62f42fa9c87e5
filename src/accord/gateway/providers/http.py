"""Pooled upstream HTTP over aiohttp: one keep-alive ClientSession for every upstream of the gateway.

Requests are prepared once per target (URL and fixed headers); each call only adds the body.
aiohttp is the mature client we build on: it measured ~4x cheaper per call than httpx on the rig's
1 KB request (`bench/gateway_client.py`), and it handles chunked, gzip and close-delimited bodies,
keep-alive reuse, TLS and timeouts for us.

Failures become our exception tree here, in one place:

| upstream failure                         | our error               | status |
|------------------------------------------|-------------------------|--------|
| connect refused / reset before answering | RetryableUpstreamError  | 502    |
| 502, 503, 504                            | RetryableUpstreamError  | 502    |
| other 5xx, 401/403 (our credentials)     | UpstreamError           | 502    |
| 404 (unknown upstream model or path)     | UpstreamError           | 502    |
| 400, 413, 422                            | InputError / PayloadTooLarge (message passed on) | 400/413 |
| 429                                      | QuotaExceeded (upstream's Retry-After) | 429 |
| timeout (connect or read)                | UpstreamTimeout         | 504    |
| body that is not the expected JSON, cut-off or malformed answer | UpstreamError | 502 |
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import aiohttp
import orjson

from accord.errors import InputError, PayloadTooLarge, QuotaExceeded, UpstreamError, UpstreamTimeout
from accord.gateway.providers.base import RetryableUpstreamError

USER_AGENT = "accord-gateway"


@dataclass(frozen=True, slots=True)
class Endpoint:
    """A prepared POST: where it goes and its fixed headers, validated once per target."""

    url: str
    headers: Mapping[str, str]


def _clean_header(name: str, value: str) -> str:
    if any(c in value for c in "\r\n\x00") or any(c in name for c in "\r\n\x00: "):
        raise UpstreamError(f"header {name!r} of an upstream request contains a line break or NUL; fix the route")
    return value


def prepare(url: str, headers: Iterable[tuple[str, str]]) -> Endpoint:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise UpstreamError(f"upstream URL {url!r} must be http:// or https:// with a host")
    fixed = {"user-agent": USER_AGENT}
    fixed.update((name.lower(), _clean_header(name, value)) for name, value in headers)
    return Endpoint(url, fixed)


class Response:
    """A complete answer: status, headers and the decoded body."""

    __slots__ = ("body", "headers", "status")

    def __init__(self, status: int, headers: Mapping[str, str], body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body

    def header(self, name: str) -> str | None:
        return self.headers.get(name)


class StreamResponse:
    """An answer whose headers are in; the body arrives through `chunks()` as the upstream sends it."""

    __slots__ = ("_resp", "status")

    def __init__(self, resp: aiohttp.ClientResponse) -> None:
        self._resp, self.status = resp, resp.status

    def header(self, name: str) -> str | None:
        return self._resp.headers.get(name)

    async def chunks(self) -> AsyncIterator[bytes]:
        async for data in self._resp.content.iter_any():
            yield data

    async def read(self) -> bytes:
        return await self._resp.read()

    def release(self) -> None:
        self._resp.release()


class HttpPool:
    """One keep-alive connection pool (an aiohttp ClientSession) shared by every provider of the gateway.

    The session is created on first use, inside the running event loop that will use it.
    """

    def __init__(self, *, limit_per_host: int = 256, keepalive_s: float = 30.0) -> None:
        self._limit_per_host, self._keepalive_s = limit_per_host, keepalive_s
        self._session: aiohttp.ClientSession | None = None

    def session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(
                limit=0, limit_per_host=self._limit_per_host, keepalive_timeout=self._keepalive_s, ttl_dns_cache=300
            )
            # No cookie jar and no default headers: the gateway is a pass-through, not a browser.
            self._session = aiohttp.ClientSession(
                connector=connector, cookie_jar=aiohttp.DummyCookieJar(), skip_auto_headers=("User-Agent",)
            )
        return self._session

    async def post(self, route: str, ep: Endpoint, body: bytes, *, timeout: float, connect_timeout: float) -> Response:
        """POST and read the whole answer; an HTTP error status is raised as our error."""
        limits = aiohttp.ClientTimeout(total=timeout, connect=connect_timeout)
        try:
            async with self.session().post(ep.url, data=body, headers=ep.headers, timeout=limits) as resp:
                raw = await resp.read()
                result = Response(resp.status, resp.headers, raw)
        except Exception as exc:
            raise transport_error(route, exc) from None
        if result.status >= 400:
            raise status_error(route, result.status, result.body, result.headers)
        return result

    async def post_stream(self, route: str, ep: Endpoint, body: bytes, *, read_timeout: float, connect_timeout: float) -> StreamResponse:
        """POST and return once the headers are in; an HTTP error status is raised as our error."""
        limits = aiohttp.ClientTimeout(total=None, connect=connect_timeout, sock_read=read_timeout)
        try:
            resp = await self.session().post(ep.url, data=body, headers=ep.headers, timeout=limits)
        except Exception as exc:
            raise transport_error(route, exc) from None
        if resp.status >= 400:
            try:
                raw = await resp.read()
            except Exception:
                raw = b""
            finally:
                resp.release()
            raise status_error(route, resp.status, raw, resp.headers)
        return StreamResponse(resp)

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


def upstream_message(body: bytes) -> str:
    """The upstream's own error message, if its body has one (OpenAI or Anthropic shape)."""
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError:
        return body[:200].decode("utf-8", "replace").strip()
    if isinstance(data, dict):
        err = data.get("error")
        if isinstance(err, dict) and isinstance(err.get("message"), str):
            return err["message"]
        if isinstance(err, str):
            return err
        if isinstance(data.get("message"), str):
            return data["message"]
    return ""


def status_error(route: str, status: int, body: bytes, headers: Any) -> Exception:
    """Map an upstream HTTP error status to our exception tree (see the table above).

    The caller sees the upstream's own message; the audit event gets only `audit_message` (route and
    status), because an upstream may quote the prompt in its error text.
    """
    exc = _status_error(route, status, body, headers)
    exc.audit_message = f"upstream of route {route!r} answered HTTP {status}"  # type: ignore[attr-defined]
    return exc


def _status_error(route: str, status: int, body: bytes, headers: Any) -> Exception:
    detail = upstream_message(body)
    where = f"upstream of route {route!r} answered HTTP {status}"
    msg = f"{where}: {detail}" if detail else where
    if status in (502, 503, 504):
        return RetryableUpstreamError(msg)
    if status == 429:
        try:
            retry = float(headers.get("retry-after", "1"))
        except (TypeError, ValueError):
            retry = 1.0
        return QuotaExceeded(msg, retry_after=retry)
    if status == 413:
        return PayloadTooLarge(msg)
    if status in (400, 422):
        return InputError(msg)
    if status in (401, 403):
        return UpstreamError(msg, hint="the gateway's credentials for this upstream were refused; check the route's api_key")
    return UpstreamError(msg)


def transport_error(route: str, exc: BaseException) -> Exception:
    if isinstance(exc, UpstreamError | QuotaExceeded | InputError):
        return exc
    if isinstance(exc, asyncio.TimeoutError | TimeoutError):
        return UpstreamTimeout(f"upstream of route {route!r} did not answer in time", hint="raise the route's timeout_s or try again")
    if isinstance(exc, aiohttp.ServerDisconnectedError | aiohttp.ClientConnectorError):
        # Nothing of the answer arrived: safe to retry or fall back.
        return RetryableUpstreamError(f"cannot reach the upstream of route {route!r}: {exc}")
    if isinstance(exc, aiohttp.ClientPayloadError | aiohttp.ClientResponseError):
        return UpstreamError(f"upstream of route {route!r} sent a broken response: {exc}")
    if isinstance(exc, OSError):
        return RetryableUpstreamError(f"cannot reach the upstream of route {route!r}: {type(exc).__name__}: {exc}")
    return UpstreamError(f"upstream of route {route!r} failed: {type(exc).__name__}: {exc}")


def parse_upstream_json(route: str, body: bytes) -> dict[str, Any]:
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError:
        raise UpstreamError(f"upstream of route {route!r} answered with a body that is not JSON") from None
    if not isinstance(data, dict):
        raise UpstreamError(f"upstream of route {route!r} answered with JSON that is not an object")
    return data
