"""Calling upstreams: retries on idempotent failures with backoff, then the route's fallback chain.

Retried (same route, up to `route.retries` times): failures before any byte of the answer arrived
that are safe to repeat — connection errors and 502/503/504. Not retried: timeouts (the upstream may
still be working; the fallback is tried instead) and anything after the first streamed byte.
Fallback (`route.fallback`, followed as a chain): after retries are exhausted, on any upstream error,
timeout or upstream rate limit, if the fallback route is cleared for the request (`may_use`).
Client errors passed on from the upstream (400, 413) are never retried nor sent elsewhere.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import AsyncIterator, Callable
from typing import Any

from accord.errors import QuotaExceeded, UpstreamError
from accord.gateway.metrics import Metrics
from accord.gateway.providers.base import Provider, RetryableUpstreamError, Target
from accord.policy.model import Policy
from accord.policy.routes import Route

log = logging.getLogger(__name__)

BACKOFF_BASE_S = 0.05
BACKOFF_MAX_S = 1.0
CONNECT_TIMEOUT_S = 5.0


def backoff(attempt: int) -> float:
    return min(BACKOFF_MAX_S, BACKOFF_BASE_S * 2**attempt) * (0.5 + random.random() / 2)


def target_of(route: Route) -> Target:
    return Target(
        route=route.name,
        provider=route.provider,
        model=route.upstream_model,
        base_url=route.base_url or "",
        api_key=route.api_key.get() if route.api_key is not None else None,
        timeout=route.timeout_s,
        connect_timeout=min(getattr(route, "connect_timeout_s", CONNECT_TIMEOUT_S), route.timeout_s),
        api_version=getattr(route, "api_version", None),
        headers=tuple(getattr(route, "headers", {}).items()),
    )


Stream = AsyncIterator[list[dict[str, Any]]]


_TARGET_CACHE_MAX = 1024


class Upstreams:
    def __init__(self, providers: dict[str, Provider], metrics: Metrics) -> None:
        self.providers = providers
        self.metrics = metrics
        # id(route) -> (route, target): a policy's routes live as long as the policy, so each route's
        # Target (and the provider's prepared request head behind it) is built once per policy version.
        self._targets: dict[int, tuple[Route, Target]] = {}

    def target(self, route: Route) -> Target:
        hit = self._targets.get(id(route))
        if hit is not None and hit[0] is route:
            return hit[1]
        t = target_of(route)
        if len(self._targets) >= _TARGET_CACHE_MAX:
            self._targets.clear()
        self._targets[id(route)] = (route, t)
        return t

    def _chain(self, policy: Policy, route: Route, may_use: Callable[[Route], bool]) -> list[Route]:
        chain, cur = [route], route
        while cur.fallback is not None:
            nxt = policy.route(cur.fallback)
            if nxt is None or nxt in chain:
                break
            if may_use(nxt):
                chain.append(nxt)
            cur = nxt
        return chain

    async def _call(self, policy: Policy, route: Route, may_use: Callable[[Route], bool], attempt_fn: Callable[[Provider, Target], Any]) -> tuple[Any, Route]:
        last: Exception | None = None
        chain = self._chain(policy, route, may_use)
        for i, r in enumerate(chain):
            if i:
                self.metrics.count_upstream_error(chain[i - 1].name, "fallback")
                log.warning("route %r failed (%s); falling back to %r", chain[i - 1].name, last, r.name)
            provider = self.providers[r.provider]
            target = self.target(r)
            for attempt in range(r.retries + 1):
                try:
                    return await attempt_fn(provider, target), r
                except RetryableUpstreamError as exc:
                    last = exc
                    if attempt < r.retries:
                        self.metrics.count_upstream_error(r.name, "retry")
                        await asyncio.sleep(backoff(attempt))
                except (UpstreamError, QuotaExceeded) as exc:
                    last = exc
                    break
            if last is not None:
                self.metrics.count_upstream_error(r.name, "timeout" if getattr(last, "http_status", 0) == 504 else "error")
        assert last is not None
        raise last

    async def complete(self, policy: Policy, route: Route, body: dict[str, Any], may_use: Callable[[Route], bool]) -> tuple[dict[str, Any], Route]:
        return await self._call(policy, route, may_use, lambda p, t: p.complete(body, t))

    async def embed(self, policy: Policy, route: Route, body: dict[str, Any], may_use: Callable[[Route], bool]) -> tuple[dict[str, Any], Route]:
        return await self._call(policy, route, may_use, lambda p, t: p.embed(body, t))

    async def open_stream(
        self, policy: Policy, route: Route, body: dict[str, Any], may_use: Callable[[Route], bool]
    ) -> tuple[tuple[Stream, list[dict[str, Any]]], Route]:
        """Start a stream and wait for its first batch: failures up to there are retried/fall back."""

        async def attempt(provider: Provider, target: Target) -> tuple[Stream, list[dict[str, Any]]]:
            agen = provider.stream(body, target)
            try:
                first = await agen.__anext__()
            except StopAsyncIteration:
                first = []
            except BaseException:
                await agen.aclose()  # type: ignore[attr-defined]
                raise
            return agen, first

        return await self._call(policy, route, may_use, attempt)
