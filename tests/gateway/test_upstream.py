"""Providers, retries, fallback and the upstream-failure -> status mapping (one test per mapped case)."""

from __future__ import annotations

import httpx
import pytest

from tests.gateway.conftest import ServerThread, Upstream, refused_port, upstream_policy

FALLBACK = """
  - name: flaky
    provider: openai
    base_url: "{primary}"
    model: flaky-model
    max_class: confidential
    retries: 0
    timeout_s: 0.5
    fallback: backup
  - name: backup
    provider: openai
    base_url: "{secondary}"
    model: backup-model
    max_class: confidential
"""


def _gw(make_gateway, upstream, upstream2, **kw):
    return make_gateway(upstream_policy(**kw), primary=upstream.base_url, secondary=upstream2.base_url)


def _chat(gw, model: str, stream: bool = False) -> httpx.Response:
    return httpx.post(gw.url + "/v1/chat/completions", headers={"Authorization": f"Bearer {gw.key}"},
                      json={"model": model, "stream": stream, "messages": [{"role": "user", "content": "ping"}]}, timeout=10)


def test_retry_then_success(make_gateway, upstream, upstream2) -> None:
    gw = _gw(make_gateway, upstream, upstream2)
    upstream.behaviour.fail_status, upstream.behaviour.fail_count = 503, 1
    r = _chat(gw, "ext")
    assert r.status_code == 200 and r.json()["choices"][0]["message"]["content"] == "ping"
    assert len(upstream.received) == 2  # one failure, one retry
    assert 'accord_upstream_errors_total{route="ext",kind="retry"} 1' in httpx.get(gw.url + "/metrics").text


def test_stream_retry_before_first_byte(make_gateway, upstream, upstream2) -> None:
    gw = _gw(make_gateway, upstream, upstream2)
    upstream.behaviour.fail_status, upstream.behaviour.fail_count = 502, 1
    r = _chat(gw, "ext", stream=True)
    assert r.status_code == 200 and "ping" in r.text and len(upstream.received) == 2


@pytest.mark.parametrize("status", [500, 503, 429])
def test_fallback_route_on_failure(make_gateway, upstream, upstream2, status: int) -> None:
    gw = _gw(make_gateway, upstream, upstream2, extra_routes=FALLBACK)
    upstream.behaviour.fail_status, upstream.behaviour.fail_count = status, 5
    r = _chat(gw, "flaky")
    assert r.status_code == 200, r.text
    assert upstream.received[-1]["model"] == "flaky-model"
    assert upstream2.received[-1]["model"] == "backup-model"
    ev = [e for e in gw.events() if e["kind"] == "request"][-1]
    assert ev["route"] == "backup" and ev["upstream_model"] == "backup-model"


def test_fallback_on_timeout(make_gateway, upstream, upstream2) -> None:
    gw = _gw(make_gateway, upstream, upstream2, extra_routes=FALLBACK)
    upstream.behaviour.delay = 1.5
    r = _chat(gw, "flaky")
    assert r.status_code == 200 and upstream2.received[-1]["model"] == "backup-model"


def test_fallback_never_lowers_clearance(make_gateway, upstream, upstream2) -> None:
    """A private route's fallback to an external one must not receive restricted data."""
    routes = """
  - name: vault
    provider: openai
    base_url: "{primary}"
    model: vault-model
    max_class: restricted
    private: true
    retries: 0
    fallback: ext
"""
    rule = """
  - name: no-restricted-external
    when: {min_class: restricted, external: true}
    action: block
    message: restricted data stays on private routes
"""
    gw = _gw(make_gateway, upstream, upstream2, extra_routes=routes, rules=rule)
    upstream.behaviour.fail_status, upstream.behaviour.fail_count = 500, 5
    r = httpx.post(gw.url + "/v1/chat/completions", headers={"Authorization": f"Bearer {gw.key}"},
                   json={"model": "vault", "messages": [{"role": "user", "content": "card 4111 1111 1111 1111"}]})
    assert r.status_code == 502
    assert all(m["model"] == "vault-model" for m in upstream.received)  # `ext` (same server) never called


@pytest.mark.parametrize(
    ("behaviour", "status", "etype"),
    [
        ({"fail_status": 500, "fail_count": 9}, 502, "upstream_error"),
        ({"fail_status": 502, "fail_count": 9}, 502, "upstream_error"),
        ({"fail_status": 503, "fail_count": 9}, 502, "upstream_error"),
        ({"fail_status": 504, "fail_count": 9}, 502, "upstream_error"),
        ({"fail_status": 401, "fail_count": 9}, 502, "upstream_error"),
        ({"fail_status": 404, "fail_count": 9}, 502, "upstream_error"),
        ({"fail_status": 400, "fail_count": 9}, 400, "invalid_request_error"),
        ({"fail_status": 413, "fail_count": 9}, 413, "request_too_large"),
        ({"fail_status": 429, "fail_count": 9}, 429, "rate_limit_error"),
        ({"delay": 3.0}, 504, "timeout_error"),
        ({"raw_body": b"<html>not json</html>"}, 502, "upstream_error"),
    ],
)
def test_upstream_failure_mapping(make_gateway, upstream, upstream2, behaviour, status, etype) -> None:
    gw = _gw(make_gateway, upstream, upstream2)
    for k, v in behaviour.items():
        setattr(upstream.behaviour, k, v)
    r = _chat(gw, "ext")
    assert r.status_code == status, r.text
    assert r.json()["error"]["type"] == etype
    if status == 429:
        assert r.headers["retry-after"].isdigit()
    if behaviour.get("fail_status") == 400:
        assert "failing on purpose" in r.json()["error"]["message"]  # the upstream's message is passed on
        # ... but not into the audit trail: an upstream may quote the prompt in its error text.
        [event] = [e for e in gw.events() if e["action"] == "chat.completions"]
        assert event["status"] == 400 and "failing on purpose" not in str(event)
        assert "answered HTTP 400" in event["detail"]["error"]


def test_connection_refused_is_502(make_gateway, upstream) -> None:
    with refused_port() as port:
        gw = make_gateway(upstream_policy(), primary=f"http://127.0.0.1:{port}/v1", secondary=upstream.base_url)
        r = _chat(gw, "ext")
    assert r.status_code == 502 and "cannot reach" in r.json()["error"]["message"]


def test_azure_style_route(make_gateway, upstream) -> None:
    """Azure OpenAI: `api-key` header and `?api-version=` (route.api_version)."""
    import asyncio

    from accord.gateway.providers import HttpPool, Target
    from accord.gateway.providers.openai import OpenAIProvider

    async def call() -> dict:
        pool = HttpPool()
        p = OpenAIProvider(pool)
        t = Target(route="az", provider="openai", model="dep", base_url=upstream.base_url, api_key="k-azure", api_version="2024-06-01")
        try:
            return await p.complete({"model": "x", "messages": [{"role": "user", "content": "hi"}]}, t)
        finally:
            await pool.aclose()

    resp = asyncio.run(call())
    assert resp["choices"][0]["message"]["content"] == "hi"
    assert upstream.headers[-1]["api-key"] == "k-azure" and "authorization" not in upstream.headers[-1]


ANTHROPIC_ROUTE = """
  - name: claude
    provider: anthropic
    base_url: "{primary}"
    model: claude-up
    max_class: confidential
"""


def test_anthropic_provider_translates_both_ways(make_gateway, upstream, upstream2) -> None:
    # Anthropic base URLs have no /v1 (the provider appends /v1/messages), like the official SDK's.
    root = upstream.base_url.removesuffix("/v1")
    gw = make_gateway(upstream_policy(extra_routes=ANTHROPIC_ROUTE.replace("{primary}", root)),
                      primary=upstream.base_url, secondary=upstream2.base_url)
    client = gw.openai()
    tools = [{"type": "function", "function": {"name": "f", "description": "d", "parameters": {"type": "object", "properties": {"a": {"type": "string"}}}}}]
    reply = client.chat.completions.create(
        model="claude", max_tokens=50, tools=tools, stop=["END"],
        messages=[{"role": "system", "content": "sys prompt"}, {"role": "user", "content": "hello claude"}],
    )
    sent = upstream.received[-1]
    assert upstream.paths[-1] == "/v1/messages"
    assert sent["system"] == "sys prompt" and sent["model"] == "claude-up" and sent["max_tokens"] == 50
    assert sent["messages"] == [{"role": "user", "content": [{"type": "text", "text": "hello claude"}]}]
    assert sent["tools"][0]["input_schema"]["properties"] == {"a": {"type": "string"}} and sent["stop_sequences"] == ["END"]
    assert upstream.headers[-1]["anthropic-version"] == "2023-06-01"
    assert reply.choices[0].message.content == "hello claude" and reply.choices[0].finish_reason == "stop"
    assert reply.usage is not None and reply.usage.prompt_tokens == 11 and reply.usage.completion_tokens == 7
    stream = client.chat.completions.create(model="claude", stream=True, messages=[{"role": "user", "content": "streamed words here"}])
    assert "".join(c.choices[0].delta.content or "" for c in stream if c.choices) == "streamed words here"
    # Anthropic in, Anthropic out (via the canonical format)
    a = gw.anthropic()
    msg = a.messages.create(model="claude", max_tokens=20, messages=[{"role": "user", "content": "round trip"}])
    assert msg.content[0].text == "round trip"  # type: ignore[union-attr]


def test_upstream_server_is_real(upstream: Upstream) -> None:
    r = httpx.post(upstream.base_url + "/chat/completions", json={"model": "m", "messages": [{"role": "user", "content": "x"}]})
    assert r.json()["choices"][0]["message"]["content"] == "x"
    assert isinstance(upstream.server, ServerThread)
