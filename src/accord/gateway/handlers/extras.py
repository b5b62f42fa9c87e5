"""Endpoints the gateway serves for other capabilities: the Shadow-AI coaching page (Discover) and
permission-aware retrieval (Govern). Both modules are imported on first use, not at start-up."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from accord.gateway.asgi import (
    Receive,
    Scope,
    Send,
    parse_json_object,
    read_body,
    send_bytes,
    send_json,
)
from accord.gateway.exchange import Exchange
from accord.gateway.state import DEFAULT_MAX_BODY, GatewayState
from accord.policy.model import Policy

_HTML_HEADERS = [
    (b"content-type", b"text/html; charset=utf-8"),
    # The page carries no scripts and no external assets; say so to the browser too.
    (b"content-security-policy", b"default-src 'none'; style-src 'unsafe-inline'"),
    (b"x-content-type-options", b"nosniff"),
    (b"cache-control", b"no-store"),
]


async def coach(state: GatewayState, scope: Scope, receive: Receive, send: Send) -> None:
    """GET /coach?host=...: the page proxies, PAC files and DNS redirects send blocked AI traffic to."""
    policy = state.holder.current
    cached = state.coach_catalog
    if cached is None or cached[0] is not policy:
        # Built once per loaded policy, in a worker thread: importing Discover and reading the
        # catalog takes a few hundred milliseconds that must not stall the event loop.
        cached = state.coach_catalog = (policy, *await asyncio.to_thread(_coach_parts, policy))
    _, catalog, render_coach_page = cached
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    host = (query.get("host") or [""])[0]
    page = render_coach_page(host, catalog=catalog, policy=policy)
    await send_bytes(send, 200, page.encode("utf-8"), _HTML_HEADERS)


def _coach_parts(policy: Policy) -> tuple[Any, Callable[..., str]]:
    from accord.discover.coach import render_coach_page
    from accord.discover.settings import catalog_for

    source = Path(policy.source) if policy.source else None
    return catalog_for(policy.discover, source), render_coach_page


async def retrieve(state: GatewayState, ex: Exchange, scope: Scope, receive: Receive, send: Send) -> None:
    """POST /v1/retrieve: chunks the caller is entitled to, filtered before ranking (accord.govern)."""
    from accord.govern.retrieval.service import Retriever, handle_retrieve

    policy, identity, headers = await state.identify(ex, scope)
    quotas = policy.quotas_for(identity)
    req = parse_json_object(await read_body(receive, headers, quotas.max_body_bytes or DEFAULT_MAX_BODY))
    if state.retriever is None:
        state.retriever = Retriever(state.home)  # opens each index once for the life of the process
    retriever = state.retriever
    # SQLite FTS5 is synchronous: run it off the event loop.
    body, detail = await asyncio.to_thread(handle_retrieve, retriever, identity, req, govern=policy.govern)
    ex.decision = "allow"
    ex.extra = detail
    await send_json(send, 200, body)
