"""POST /v1/embeddings, GET /v1/models, health, readiness, metrics and the OpenAPI document."""

from __future__ import annotations

import asyncio
import time

import orjson

from accord.errors import ScannerError
from accord.gateway import validate
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
from accord.gateway.guard import collect_embeddings, decide_input, pseudonymise, scan_input
from accord.gateway.handlers.chat import PolicyBlocked
from accord.gateway.state import DEFAULT_MAX_BODY, GatewayState
from accord.policy.routes import Route


async def embeddings(state: GatewayState, ex: Exchange, scope: Scope, receive: Receive, send: Send) -> None:
    policy, identity, headers = await state.identify(ex, scope)
    quotas = policy.quotas_for(identity)
    req = parse_json_object(await read_body(receive, headers, quotas.max_body_bytes or DEFAULT_MAX_BODY))
    ex.model = validate.embeddings(req)
    route = policy.route_for(ex.model, identity)
    ex.route = route.name
    slots = collect_embeddings(req)
    estimate = sum(len(s.text) for s in slots) // 4 or 1
    reservation = await state.quotas.acquire(state.demands(identity, quotas), estimate)
    used = route
    try:
        try:
            scan = await scan_input(state.engine, slots, policy.guardrails.scanner_timeout_ms / 1000)
        except ScannerError:
            state.metrics.count_guardrail("scanner_error")
            ex.decision = "block"
            raise
        ex.scan_s = scan.seconds
        ex.entity_counts = scan.report.entity_counts()
        decision = decide_input(policy, identity, route, "embeddings", scan.report)
        ex.decision, ex.reasons = decision.action, decision.reasons
        if decision.action == "block":
            state.metrics.count_guardrail("block", ex.entity_counts)
            raise PolicyBlocked(decision.message or "this request is not allowed by the policy")
        route = used = decision.route
        if decision.redact_types:
            pseudonymise(slots, scan.per_slot, decision.redact_types)
        t = time.perf_counter()
        resp, used = await state.upstreams.embed(policy, route, req, lambda r: False)
        ex.upstream_s = time.perf_counter() - t
        usage = resp.get("usage") or {}
        ex.prompt_tokens = int(usage.get("prompt_tokens") or 0)
        payload = orjson.dumps(resp)
        _account(ex, used)  # before the last byte: the audit event goes out with it
        await send_bytes(send, 200, payload)
    finally:
        _account(ex, used)
        await state.quotas.settle(reservation, ex.prompt_tokens or estimate, ex.cost_usd)
        state.record_spend(identity, ex.cost_usd)


def _account(ex: Exchange, used: Route) -> None:
    ex.route, ex.upstream_model = used.name, used.upstream_model
    ex.cost_usd = used.cost(ex.prompt_tokens, 0, used.upstream_model) if ex.prompt_tokens else 0.0


async def models(state: GatewayState, ex: Exchange, scope: Scope, receive: Receive, send: Send) -> None:
    policy, identity, _ = await state.identify(ex, scope)
    ex.decision = "allow"
    seen: dict[str, dict] = {}
    for route in policy.routes_for(identity):
        for mid in route.model_ids():
            seen.setdefault(mid, {"id": mid, "object": "model", "created": 0, "owned_by": f"accord:{route.name}"})
    await send_json(send, 200, {"object": "list", "data": list(seen.values())})


async def healthz(state: GatewayState, scope: Scope, receive: Receive, send: Send) -> None:
    await send_json(send, 200, {"status": "ok"})


async def readyz(state: GatewayState, scope: Scope, receive: Receive, send: Send) -> None:
    checks: dict[str, str] = {}
    try:
        state.holder.current  # noqa: B018 (loaded at start-up; a holder always has a policy)
        checks["policy"] = "ok" if state.holder.last_error is None else f"last edit rejected: {state.holder.last_error.message}"
    except Exception as exc:  # pragma: no cover
        checks["policy"] = f"error: {exc}"
    try:
        ping = getattr(state.store, "ping", None)
        if ping is not None:
            await asyncio.wait_for(asyncio.to_thread(ping), 2.0)
        checks["database"] = "ok"
    except Exception as exc:
        checks["database"] = f"error: {type(exc).__name__}"
    ok = state.ready and checks["database"] == "ok"
    await send_json(send, 200 if ok else 503, {"status": "ready" if ok else "not ready", "checks": checks})


async def metrics(state: GatewayState, scope: Scope, receive: Receive, send: Send) -> None:
    await send_bytes(send, 200, state.metrics.render(), [(b"content-type", b"text/plain; version=0.0.4; charset=utf-8")])
