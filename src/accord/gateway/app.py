"""`build_app`: the gateway's ASGI application, its route table built once and frozen.

The hot endpoints are plain ASGI callables dispatched from a dict keyed by (method, path): no
framework request objects, no per-request middleware chain, no regex routing. What every request
goes through is visible here, in one place (`GatewayApp._run`): exchange record -> handler -> error
translation (in the caller's API format) -> metrics and exactly one audit event.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
from collections.abc import Awaitable, Callable
from importlib import resources
from types import MappingProxyType
from typing import Any

from accord.detect import default_engine
from accord.errors import AccordError
from accord.gateway.asgi import ClientDisconnected, Message, Receive, Scope, Send, send_bytes
from accord.gateway.errorbody import Api, HTTPProblem, error_parts, internal_error
from accord.gateway.exchange import Exchange, new_id
from accord.gateway.handlers import admin, chat, extras, misc
from accord.gateway.limits import month_key
from accord.gateway.metrics import Metrics
from accord.gateway.providers import HttpPool, Provider, default_providers
from accord.gateway.state import GatewayState
from accord.gateway.upstream import Upstreams
from accord.home import Home
from accord.policy.holder import PolicyHolder

log = logging.getLogger(__name__)

RELOAD_INTERVAL_S = 1.0
SHUTDOWN_FLUSH_S = 10.0

Handler = Callable[[GatewayState, Exchange, Scope, Receive, Send], Awaitable[None]]
Plain = Callable[[GatewayState, Scope, Receive, Send], Awaitable[None]]


class Endpoint:
    """One row of the route table: an audited handler (with its API's error format) or a plain one."""

    __slots__ = ("api", "audited", "fn", "name")

    def __init__(self, name: str, fn: Any, api: Api = "openai", audited: bool = True) -> None:
        self.name, self.fn, self.api, self.audited = name, fn, api, audited


def route_table() -> dict[tuple[str, str], Endpoint]:
    openai_chat = Endpoint("chat.completions", chat.chat, "openai")
    return {
        ("POST", "/v1/chat/completions"): openai_chat,
        ("POST", "/chat/completions"): openai_chat,  # clients configured without the /v1 prefix
        ("POST", "/v1/messages"): Endpoint("messages", chat.chat, "anthropic"),
        ("POST", "/v1/embeddings"): Endpoint("embeddings", misc.embeddings),
        ("GET", "/v1/models"): Endpoint("models", misc.models),
        ("GET", "/healthz"): Endpoint("healthz", misc.healthz, audited=False),
        ("GET", "/readyz"): Endpoint("readyz", misc.readyz, audited=False),
        ("GET", "/metrics"): Endpoint("metrics", misc.metrics, audited=False),
        ("GET", "/admin/keys"): Endpoint("admin.keys", admin.keys),
        ("POST", "/admin/keys"): Endpoint("admin.keys", admin.keys),
        ("POST", "/admin/policy/reload"): Endpoint("admin.policy.reload", admin.policy_reload),
        ("POST", "/v1/retrieve"): Endpoint("retrieve", extras.retrieve),
        ("GET", "/coach"): Endpoint("coach", extras.coach, audited=False),
    }


#: Prefix routes (checked only when no exact route matched): path parameters of the admin API.
PREFIX_ROUTES = (("POST", "/admin/keys/", Endpoint("admin.keys.action", admin.key_action)),)


class GatewayApp:
    def __init__(self, state: GatewayState, routes: dict[tuple[str, str], Endpoint], openapi: bytes) -> None:
        self.state = state
        self.routes = MappingProxyType(routes)
        self._paths = frozenset(p for _, p in routes)
        self._openapi = openapi
        self._reload_task: asyncio.Task[None] | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind == "http":
            method, path = scope["method"], scope["path"]
            ep = self.routes.get((method, path))
            if ep is None:
                if method == "GET" and path == "/openapi.json":
                    await send_bytes(send, 200, self._openapi)
                    return
                for m, prefix, pep in PREFIX_ROUTES:
                    if path.startswith(prefix) and m == method:
                        ep = pep
                        break
            if ep is None:
                await self._not_routed(method, path, send)
            elif ep.audited:
                await self._run(ep, scope, receive, send)
            else:
                await self._run_plain(ep, scope, receive, send)
        elif kind == "lifespan":
            await self._lifespan(receive, send)

    async def _not_routed(self, method: str, path: str, send: Send) -> None:
        api: Api = "anthropic" if path.startswith("/v1/messages") else "openai"
        if path in self._paths:
            exc = HTTPProblem(405, f"method {method} is not allowed on {path}")
        else:
            exc = HTTPProblem(404, f"no such endpoint: {method} {path}", code="unknown_url")
        status, body, headers = error_parts(exc, api)
        await send_bytes(send, status, body, headers)

    async def _run(self, ep: Endpoint, scope: Scope, receive: Receive, send: Send) -> None:
        ex = Exchange(ep.name, ep.api)
        finish = self.state.finish

        async def tracked(message: Message) -> None:
            if message["type"] == "http.response.start":
                ex.started = True
                ex.status = message["status"]
            elif not message.get("more_body", False) and not ex.finished:
                # The audit event is queued before the answer's last byte leaves: a client that has
                # its answer can count on the event (flush, export, verify) being there.
                finish(ex)
            await send(message)

        try:
            await ep.fn(self.state, ex, scope, receive, tracked)
        except AccordError as exc:
            ex.status, ex.error = exc.http_status, getattr(exc, "audit_message", exc.message)
            if ex.decision == "none":
                ex.decision = "reject"
            if not ex.started:
                status, body, headers = error_parts(exc, ep.api)
                finish(ex)
                await send_bytes(send, status, body, headers)
        except ClientDisconnected:
            ex.status, ex.error = 499, "client disconnected"
        except Exception:
            log.exception("unexpected error in %s (request %s)", ep.name, ex.request_id)
            ex.status, ex.error = 500, "internal error"
            if not ex.started:
                status, body, headers = internal_error(ep.api, ex.request_id)
                finish(ex)
                await send_bytes(send, status, body, headers)
        finally:
            finish(ex)  # once per request: a no-op when it already ran

    async def _run_plain(self, ep: Endpoint, scope: Scope, receive: Receive, send: Send) -> None:
        """Unaudited endpoints (health, metrics, coaching page): the same error translation, no event."""
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await ep.fn(self.state, scope, receive, tracked)
        except AccordError as exc:
            if exc.http_status >= 500:
                # These endpoints answer anyone (no key): a server-side problem such as a bad
                # policy section goes to the log, not to the caller.
                request_id = new_id()
                log.error("%s failed (request %s): %s", ep.name, request_id, exc)
                if not started:
                    await send_bytes(send, *internal_error(ep.api, request_id))
            elif not started:
                await send_bytes(send, *error_parts(exc, ep.api))
        except Exception:
            request_id = new_id()
            log.exception("unexpected error in %s (request %s)", ep.name, request_id)
            if not started:
                await send_bytes(send, *internal_error(ep.api, request_id))

    # --- lifespan: start-up and graceful shutdown -------------------------------------------------

    async def startup(self) -> None:
        await asyncio.to_thread(self.state.load_spend, month_key())
        self._reload_task = asyncio.create_task(self._reload_loop(), name="accord-policy-reload")
        # What start-up built (the detection engine above all: ~40,000 objects) lives as long as the
        # process. Frozen, it is out of the cyclic collector's sight: a full collection walked it for
        # ~20 ms, and the requests that triggered one showed it in their latency (the p99).
        gc.collect()
        gc.freeze()
        self.state.ready = True

    async def shutdown(self) -> None:
        self.state.ready = False
        if self._reload_task is not None:
            self._reload_task.cancel()
            try:
                await self._reload_task
            except asyncio.CancelledError:
                pass
        closed: set[int] = set()
        for p in self.state.upstreams.providers.values():
            if id(p) not in closed:
                closed.add(id(p))
                await p.aclose()
        flush = getattr(self.state.store.audit, "flush", None)
        if flush is not None:
            await asyncio.to_thread(flush, SHUTDOWN_FLUSH_S)

    async def _reload_loop(self) -> None:
        holder = self.state.holder
        while True:
            await asyncio.sleep(RELOAD_INTERVAL_S)
            try:
                await asyncio.to_thread(holder.check_reload)
            except Exception:  # the loop must survive anything; the holder keeps the last good policy
                log.exception("policy reload check failed")

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                try:
                    await self.startup()
                except Exception as exc:
                    log.exception("gateway start-up failed")
                    await send({"type": "lifespan.startup.failed", "message": str(exc)})
                    return
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                try:
                    await self.shutdown()
                finally:
                    await send({"type": "lifespan.shutdown.complete"})
                return


def build_app(
    home: Home | str | os.PathLike[str] | None = None,
    *,
    policy_holder: PolicyHolder | None = None,
    store: Any = None,
    providers: dict[str, Provider] | None = None,
) -> GatewayApp:
    """Build the gateway for `home` (its accord.yaml and database unless given explicitly)."""
    home = home if isinstance(home, Home) else Home.resolve(home)
    if store is None:
        from accord.store import open_store

        store = open_store(home.db_url)
    if policy_holder is None:
        policy_holder = PolicyHolder(home.policy_path)
    audit = store.audit
    if policy_holder.on_reload is None:
        policy_holder.on_reload = lambda p: audit.policy_reloaded(p.source, p.digest)
    if policy_holder.on_error is None:
        policy_holder.on_error = lambda e: audit.policy_rejected(e)
    metrics = Metrics()
    if providers is None:
        providers = default_providers(HttpPool())
    engine = default_engine()
    state = GatewayState(
        home=home,
        holder=policy_holder,
        store=store,
        upstreams=Upstreams(providers, metrics),
        engine=engine,
        metrics=metrics,
    )
    stats = getattr(audit, "stats", None)
    if stats is not None:
        metrics.gauges["accord_audit_queue_depth"] = lambda: stats().get("queued", 0)
        metrics.gauges["accord_audit_dropped_total"] = lambda: stats().get("dropped", 0)
        metrics.gauges["accord_audit_spilled_total"] = lambda: stats().get("spilled", 0)
    openapi = resources.files("accord.gateway").joinpath("openapi.json").read_bytes()
    return GatewayApp(state, route_table(), openapi)


def create_app() -> GatewayApp:
    """Factory for `uvicorn --factory` and multi-worker mode: the home comes from $ACCORD_HOME."""
    return build_app(Home.resolve(None))


__all__ = ["GatewayApp", "build_app", "create_app"]
