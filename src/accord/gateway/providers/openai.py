"""Any OpenAI-compatible upstream: OpenAI, Azure OpenAI, vLLM, Ollama, LM Studio.

Azure: set the route's base_url to the deployment URL
(`https://RESOURCE.openai.azure.com/openai/deployments/DEPLOYMENT`) and its api_version; the key
then goes in the `api-key` header and the version in the query string.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import orjson

from accord.errors import AccordError, UpstreamError
from accord.gateway.providers.base import Target
from accord.gateway.providers.http import Endpoint, HttpPool, parse_upstream_json, prepare, transport_error
from accord.gateway.sse import SSEParser

_ENDPOINT_CACHE_MAX = 1024


class OpenAIProvider:
    name = "openai"

    def __init__(self, pool: HttpPool) -> None:
        self._pool = pool
        # (id(target), path, stream) -> (target, prepared request head); targets are cached per route
        self._eps: dict[tuple[int, str, bool], tuple[Target, Endpoint]] = {}

    def _url(self, target: Target, path: str) -> str:
        url = target.base_url.rstrip("/") + path
        if target.api_version:
            url += f"?api-version={target.api_version}"
        return url

    def _headers(self, target: Target, stream: bool) -> dict[str, str]:
        h = {"content-type": "application/json", "accept": "text/event-stream" if stream else "application/json"}
        if target.api_key:
            if target.api_version:
                h["api-key"] = target.api_key
            else:
                h["authorization"] = f"Bearer {target.api_key}"
        h.update(target.headers)
        return h

    def _endpoint(self, target: Target, path: str, stream: bool) -> Endpoint:
        key = (id(target), path, stream)
        hit = self._eps.get(key)
        if hit is not None and hit[0] is target:
            return hit[1]
        ep = prepare(self._url(target, path), self._headers(target, stream).items())
        if len(self._eps) >= _ENDPOINT_CACHE_MAX:
            self._eps.clear()
        self._eps[key] = (target, ep)
        return ep

    async def _post(self, target: Target, path: str, body: dict[str, Any]) -> dict[str, Any]:
        resp = await self._pool.post(
            target.route, self._endpoint(target, path, False), orjson.dumps(body),
            timeout=target.timeout, connect_timeout=target.connect_timeout,
        )  # fmt: skip
        return parse_upstream_json(target.route, resp.body)

    async def complete(self, body: dict[str, Any], target: Target) -> dict[str, Any]:
        return await self._post(target, "/chat/completions", dict(body, model=target.model))

    async def embed(self, body: dict[str, Any], target: Target) -> dict[str, Any]:
        return await self._post(target, "/embeddings", dict(body, model=target.model))

    async def stream(self, body: dict[str, Any], target: Target) -> AsyncIterator[list[dict[str, Any]]]:
        # Always ask for usage so cost accounting works; the handler drops the usage chunk again
        # when the client did not ask for it.
        options = body.get("stream_options")
        if not (isinstance(options, dict) and options.get("include_usage") is True):
            options = dict(options or {}, include_usage=True)
        out = dict(body, model=target.model, stream=True, stream_options=options)
        resp = await self._pool.post_stream(
            target.route, self._endpoint(target, "/chat/completions", True), orjson.dumps(out),
            read_timeout=target.timeout, connect_timeout=target.connect_timeout,
        )  # fmt: skip
        try:
            parser = SSEParser()
            async for chunk in resp.chunks():
                batch, done = _decode(target.route, parser.feed(chunk))
                if batch:
                    yield batch
                if done:
                    return
            tail, _ = _decode(target.route, parser.flush())
            if tail:
                yield tail
        except AccordError:
            raise
        except Exception as exc:
            raise transport_error(target.route, exc) from None
        finally:
            resp.release()

    async def aclose(self) -> None:
        await self._pool.aclose()


def _decode(route: str, events: list[Any]) -> tuple[list[dict[str, Any]], bool]:
    """Parse a batch of SSE events; the flag says `[DONE]` was seen (events before it are kept)."""
    out: list[dict[str, Any]] = []
    for ev in events:
        if ev.data == b"[DONE]":
            return out, True
        try:
            obj = orjson.loads(ev.data)
        except orjson.JSONDecodeError:
            raise UpstreamError(f"upstream of route {route!r} sent a stream event that is not JSON") from None
        if isinstance(obj, dict):
            if "error" in obj and "choices" not in obj:
                err = obj["error"]
                msg = err.get("message") if isinstance(err, dict) else str(err)
                raise UpstreamError(f"upstream of route {route!r} failed mid-stream: {msg}")
            out.append(obj)
    return out, False
