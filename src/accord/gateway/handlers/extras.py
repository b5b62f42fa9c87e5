"""Endpoints the gateway serves for other capabilities: the Shadow-AI coaching page (Discover) and
permission-aware retrieval (Govern). Both modules are imported on first use, not at start-up."""

from __future__ import annotations

import asyncio
from pathlib import Path
from urllib.parse import parse_qs

from accord.gateway.asgi import (
    Receive,
    Scope,
    Send,
    headers_of,
    parse_json_object,
    read_body,
    send_bytes,
    send_json,
)
from accord.gateway.exchange import Exchange
from accord.gateway.state import DEFAULT_MAX_BODY, GatewayState

_HTML_HEADERS = [
    (b"content-type", b"text/html; charset=utf-8"),
    # The page carries no scripts and no external assets; say so to the browser too.
    (b"content-security-policy", b"default-src 'none'; style-src 'unsafe-inline'"),
    (b"x-content-type-options", b"nosniff"),
    (b"cache-control", b"no-store"),
]


async def coach(state: GatewayState, scope: Scope, receive: Receive, send: Send) -> None:
    """GET /coach?host=...: the page proxies, PAC files and DNS redirects send blocked AI traffic to."""
    from accord.discover.coach import render_coach_page
    from accord.discover.settings import catalog_for

    policy = state.holder.current
    cached = state.coach_catalog
    if cached is None or cached[0] is not policy:  # built once per loaded policy, not per request
        source = Path(policy.source) if policy.source else None
        cached = state.coach_catalog = (policy, catalog_for(policy.discover, source))
    catalog = cached[1]
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    host = (query.get("host") or [""])[0]
    page = render_coach_page(host, catalog=catalog, policy=policy)
    await send_bytes(send, 200, page.encode("utf-8"), _HTML_HEADERS)


async def retrieve(state: GatewayState, ex: Exchange, scope: Scope, receive: Receive, send: Send) -> None:
    """POST /v1/retrieve: chunks the caller is entitled to, filtered before ranking (accord.govern)."""
    from accord.govern.retrieval.service import Retriever, handle_retrieve

    headers = headers_of(scope)
    policy = state.holder.current
    state.sync_auth(policy)
    identity = await state.auth.authenticate(headers)
    ex.identity = identity
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
