"""Gateway test rig: the real app served by uvicorn on a free port, a real store in tmp_path, the real
detection engine, and a real upstream HTTP server we control (it records what it received)."""

from __future__ import annotations

import asyncio
import socket
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
import pytest
import uvicorn

from accord.gateway.app import build_app
from accord.home import Home
from accord.policy import PolicyHolder
from accord.store import open_store


def free_port() -> int:
    """A port free right now. Racy (another process may take it before we do): prefer `ServerThread`
    (binds its own socket) or `refused_port` (holds the port) where it matters."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def refused_port() -> Iterator[int]:
    """A port that refuses connections for as long as the context lasts: bound, never listening."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        yield s.getsockname()[1]


class ServerThread:
    """An ASGI app served by uvicorn in a background thread (its own event loop).

    The listening socket is bound here, before the thread starts, so the port can never be taken
    by a concurrent test run between choosing it and listening on it.
    """

    def __init__(self, app: Any) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        config = uvicorn.Config(app, log_level="error", lifespan="on", ws="none", loop="asyncio")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("test server did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


# --- the upstream we control ---------------------------------------------------------------------


@dataclass
class Behaviour:
    #: fixed assistant text; None = echo the last user message (like the built-in echo model)
    reply: str | None = None
    #: fail the next N requests with this status (then behave normally)
    fail_status: int = 0
    fail_count: int = 0
    #: sleep this long before answering (timeouts)
    delay: float = 0.0
    #: stream in pieces of this many bytes (1 = every byte its own write)
    chunk_bytes: int = 0
    #: characters per SSE content event
    event_chars: int = 3
    #: respond with this raw body instead (broken upstreams)
    raw_body: bytes | None = None
    #: hold every answer until the test sets this event (requests in flight, deterministically)
    gate: threading.Event | None = None


@dataclass
class Upstream:
    """A real OpenAI-compatible (and Anthropic-compatible) HTTP server recording every request."""

    name: str = "upstream"
    behaviour: Behaviour = field(default_factory=Behaviour)
    received: list[dict[str, Any]] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    server: ServerThread | None = None

    @property
    def base_url(self) -> str:
        assert self.server is not None
        return self.server.url + "/v1"

    @property
    def last_text(self) -> str:
        msgs = self.received[-1].get("messages", [])
        return " ".join(m["content"] if isinstance(m.get("content"), str) else orjson.dumps(m.get("content")).decode() for m in msgs)

    def reset(self) -> None:
        self.behaviour = Behaviour()
        self.received.clear()
        self.paths.clear()
        self.headers.clear()

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] == "lifespan":
            while True:
                msg = await receive()
                if msg["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                else:
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        body = b""
        while True:
            msg = await receive()
            body += msg.get("body", b"")
            if not msg.get("more_body"):
                break
        req = orjson.loads(body) if body else {}
        self.received.append(req)
        self.paths.append(scope["path"])
        self.headers.append({k.decode(): v.decode() for k, v in scope["headers"]})
        b = self.behaviour
        if b.fail_count > 0:
            b.fail_count -= 1
            await _send(send, b.fail_status, orjson.dumps({"error": {"message": f"{self.name} failing on purpose"}}))
            return
        if b.delay:
            await asyncio.sleep(b.delay)
        if b.gate is not None:
            while not b.gate.is_set():
                await asyncio.sleep(0.005)
        if b.raw_body is not None:
            await _send(send, 200, b.raw_body)
            return
        anthropic = scope["path"].endswith("/messages")
        text = b.reply if b.reply is not None else _last_user(req, anthropic)
        if scope["path"].endswith("/embeddings"):
            await _send(send, 200, orjson.dumps({"object": "list", "data": [{"object": "embedding", "index": 0, "embedding": [0.1, 0.2]}], "model": req.get("model"), "usage": {"prompt_tokens": 3, "total_tokens": 3}}))
            return
        if req.get("stream"):
            payload = _anthropic_stream(text, req) if anthropic else _openai_stream(text, req, b.event_chars)
            await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/event-stream")]})
            step = b.chunk_bytes or len(payload)
            for i in range(0, len(payload), step):
                await send({"type": "http.response.body", "body": payload[i : i + step], "more_body": True})
                if b.chunk_bytes:
                    await asyncio.sleep(0)
            await send({"type": "http.response.body", "body": b""})
            return
        if anthropic:
            out = {"id": "msg_up", "type": "message", "role": "assistant", "model": req.get("model"),
                   "content": [{"type": "text", "text": text}], "stop_reason": "end_turn",
                   "usage": {"input_tokens": 11, "output_tokens": 7}}
        else:
            out = {"id": "chatcmpl-up", "object": "chat.completion", "created": 1, "model": req.get("model"),
                   "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
                   "usage": {"prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18}}
        await _send(send, 200, orjson.dumps(out))


def _last_user(req: dict[str, Any], anthropic: bool) -> str:
    for m in reversed(req.get("messages", [])):
        if m.get("role") == "user":
            c = m.get("content")
            if isinstance(c, str):
                return c
            return "".join(p.get("text", "") for p in c if isinstance(p, dict))
    return ""


async def _send(send: Callable, status: int, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": body})


def _openai_stream(text: str, req: dict[str, Any], step: int) -> bytes:
    base = {"id": "chatcmpl-up", "object": "chat.completion.chunk", "created": 1, "model": req.get("model")}
    events = [dict(base, choices=[{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}])]
    for i in range(0, len(text), step):
        events.append(dict(base, choices=[{"index": 0, "delta": {"content": text[i : i + step]}, "finish_reason": None}]))
    events.append(dict(base, choices=[{"index": 0, "delta": {}, "finish_reason": "stop"}]))
    if (req.get("stream_options") or {}).get("include_usage"):
        events.append(dict(base, choices=[], usage={"prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18}))
    return b"".join(b"data: " + orjson.dumps(e) + b"\n\n" for e in events) + b"data: [DONE]\n\n"


def _anthropic_stream(text: str, req: dict[str, Any]) -> bytes:
    evs: list[tuple[str, dict[str, Any]]] = [
        ("message_start", {"type": "message_start", "message": {"id": "msg_up", "type": "message", "role": "assistant", "model": req.get("model"), "content": [], "usage": {"input_tokens": 11, "output_tokens": 0}}}),
        ("content_block_start", {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}),
    ]
    for i in range(0, len(text), 4):
        evs.append(("content_block_delta", {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": text[i : i + 4]}}))
    evs += [
        ("content_block_stop", {"type": "content_block_stop", "index": 0}),
        ("message_delta", {"type": "message_delta", "delta": {"stop_reason": "end_turn"}, "usage": {"output_tokens": 7}}),
        ("message_stop", {"type": "message_stop"}),
    ]
    return b"".join(f"event: {n}\ndata: ".encode() + orjson.dumps(p) + b"\n\n" for n, p in evs)


@pytest.fixture(scope="session")
def _upstreams() -> Iterator[tuple[Upstream, Upstream]]:
    # Started once per test process; every test gets them reset (behaviour and recordings).
    a, b = Upstream("primary"), Upstream("secondary")
    with ServerThread(a) as sa, ServerThread(b) as sb:
        a.server, b.server = sa, sb
        yield a, b


@pytest.fixture
def upstream(_upstreams: tuple[Upstream, Upstream]) -> Upstream:
    _upstreams[0].reset()
    return _upstreams[0]


@pytest.fixture
def upstream2(_upstreams: tuple[Upstream, Upstream]) -> Upstream:
    _upstreams[1].reset()
    return _upstreams[1]


# --- the gateway -----------------------------------------------------------------------------------


@dataclass
class Gateway:
    home: Home
    url: str
    key: str
    admin_key: str
    store: Any
    app: Any
    # SDK clients handed out by openai()/anthropic(): closed at teardown so that no pooled socket is
    # left for the garbage collector (a ResourceWarning, an error under filterwarnings=error).
    clients: list[Any] = field(default_factory=list)

    def openai(self, api_key: str | None = None) -> Any:
        import openai

        client = openai.OpenAI(base_url=self.url + "/v1", api_key=api_key or self.key, max_retries=0)
        self.clients.append(client)
        return client

    def anthropic(self, api_key: str | None = None) -> Any:
        import anthropic

        client = anthropic.Anthropic(base_url=self.url, api_key=api_key or self.key, max_retries=0)
        self.clients.append(client)
        return client

    def close_clients(self) -> None:
        for client in self.clients:
            client.close()
        self.clients.clear()

    def events(self) -> list[dict[str, Any]]:
        """Every audit event written so far (flushes the queue first)."""
        import io

        self.store.audit.flush()
        buf = io.StringIO()
        self.store.audit.export(buf, fmt="jsonl")
        return [orjson.loads(line) for line in buf.getvalue().splitlines() if line.strip()]

    def write_policy(self, text: str) -> None:
        tmp = self.home.policy_path.with_suffix(".tmp")
        tmp.write_text(textwrap.dedent(text))
        tmp.replace(self.home.policy_path)


BASE_POLICY = """
version: 1
routes:
  - name: echo
    provider: echo
    max_class: restricted
    private: true
teams:
  "*":
    routes: ["*"]
rules:
  - name: redact-pii
    when: {entities: [EMAIL_ADDRESS, PHONE_NUMBER, CREDIT_CARD]}
    action: redact
"""


@pytest.fixture
def make_gateway(tmp_path: Path) -> Iterator[Callable[..., Gateway]]:
    started: list[tuple[ServerThread, Any]] = []
    gateways: list[Gateway] = []

    def make(policy: str = BASE_POLICY, **fmt: str) -> Gateway:
        home = Home(tmp_path / f"home{len(started)}").ensure()
        text = textwrap.dedent(policy)
        for name, value in fmt.items():
            text = text.replace("{" + name + "}", value)
        home.policy_path.write_text(text)
        store = open_store(home.db_url)
        raw, _ = store.keys.create("default", "eng", "ada")
        admin, _ = store.keys.create("default", "ops", "root", roles=("admin",))
        app = build_app(home, policy_holder=PolicyHolder(home.policy_path), store=store)
        srv = ServerThread(app).__enter__()
        started.append((srv, store))
        gateways.append(Gateway(home, srv.url, raw, admin, store, app))
        return gateways[-1]

    yield make
    for gw in gateways:
        gw.close_clients()
    for srv, store in started:
        srv.__exit__()
        store.close()


def upstream_policy(extra_routes: str = "", rules: str = "", guardrails: str = "", quotas: str = "") -> str:
    """A policy with routes `ext` (external, -> {primary}) and `priv` (private, -> {secondary})."""
    return (
        """
version: 1
routes:
  - name: ext
    provider: openai
    base_url: "{primary}"
    model: up-model
    max_class: confidential
    retries: 1
    timeout_s: 2
  - name: priv
    provider: openai
    base_url: "{secondary}"
    model: private-model
    max_class: restricted
    private: true
    timeout_s: 2
"""
        + extra_routes
        + """
teams:
  "*":
    routes: ["*"]
rules:
  - name: redact-pii
    when: {entities: [EMAIL_ADDRESS, PHONE_NUMBER, CREDIT_CARD]}
    action: redact
"""
        + rules
        + guardrails
        + quotas
    )
