"""Anthropic Messages API upstream, translated to and from the canonical format (see translate.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import orjson

from accord.errors import AccordError, InputError, UpstreamError
from accord.gateway.providers.base import Target
from accord.gateway.providers.http import Endpoint, HttpPool, parse_upstream_json, prepare, transport_error
from accord.gateway.sse import SSEParser
from accord.gateway.translate import (
    AnthropicStreamToOpenAI,
    anthropic_to_openai_response,
    openai_to_anthropic_request,
)

ANTHROPIC_VERSION = "2023-06-01"
DEFAULT_BASE_URL = "https://api.anthropic.com"
_ENDPOINT_CACHE_MAX = 1024


class AnthropicProvider:
    name = "anthropic"

    def __init__(self, pool: HttpPool) -> None:
        self._pool = pool
        self._eps: dict[tuple[int, bool], tuple[Target, Endpoint]] = {}

    def _url(self, target: Target) -> str:
        base = (target.base_url or DEFAULT_BASE_URL).rstrip("/")
        # Accept both the SDK's convention (no /v1) and a base URL that already ends in /v1.
        return base + ("/messages" if base.endswith("/v1") else "/v1/messages")

    def _headers(self, target: Target, stream: bool) -> dict[str, str]:
        h = {
            "content-type": "application/json",
            "accept": "text/event-stream" if stream else "application/json",
            "anthropic-version": ANTHROPIC_VERSION,
        }
        if target.api_key:
            h["x-api-key"] = target.api_key
        h.update(target.headers)
        return h

    def _endpoint(self, target: Target, stream: bool) -> Endpoint:
        key = (id(target), stream)
        hit = self._eps.get(key)
        if hit is not None and hit[0] is target:
            return hit[1]
        ep = prepare(self._url(target), self._headers(target, stream).items())
        if len(self._eps) >= _ENDPOINT_CACHE_MAX:
            self._eps.clear()
        self._eps[key] = (target, ep)
        return ep

    async def complete(self, body: dict[str, Any], target: Target) -> dict[str, Any]:
        payload = openai_to_anthropic_request(dict(body, stream=False), target.model)
        resp = await self._pool.post(
            target.route, self._endpoint(target, False), orjson.dumps(payload),
            timeout=target.timeout, connect_timeout=target.connect_timeout,
        )  # fmt: skip
        return anthropic_to_openai_response(parse_upstream_json(target.route, resp.body))

    async def stream(self, body: dict[str, Any], target: Target) -> AsyncIterator[list[dict[str, Any]]]:
        payload = openai_to_anthropic_request(dict(body, stream=True), target.model)
        resp = await self._pool.post_stream(
            target.route, self._endpoint(target, True), orjson.dumps(payload),
            read_timeout=target.timeout, connect_timeout=target.connect_timeout,
        )  # fmt: skip
        try:
            parser, tr = SSEParser(), AnthropicStreamToOpenAI()
            async for data in resp.chunks():
                batch: list[dict[str, Any]] = []
                for ev in parser.feed(data):
                    try:
                        obj = orjson.loads(ev.data)
                    except orjson.JSONDecodeError:
                        raise UpstreamError(f"upstream of route {target.route!r} sent a stream event that is not JSON") from None
                    if not isinstance(obj, dict):
                        continue
                    if obj.get("type") == "error":
                        err = obj.get("error") or {}
                        raise UpstreamError(f"upstream of route {target.route!r} failed mid-stream: {err.get('message', '')}")
                    batch.extend(tr.translate(obj))
                if batch:
                    yield batch
        except AccordError:
            raise
        except Exception as exc:
            raise transport_error(target.route, exc) from None
        finally:
            resp.release()

    async def embed(self, body: dict[str, Any], target: Target) -> dict[str, Any]:
        raise InputError(f"route {target.route!r} (Anthropic) does not offer embeddings; use an embeddings route")

    async def aclose(self) -> None:
        await self._pool.aclose()
