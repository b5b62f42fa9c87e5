"""Acceptance 2-4 and fail-closed: pseudonymisation both ways (also 1-byte chunks), block/route,
output scanning that cuts a stream before a secret reaches the client."""

from __future__ import annotations

import httpx
import openai
import orjson

from tests.gateway.conftest import upstream_policy

EMAIL, PHONE, CARD = "jane.doe@example.com", "+1 (415) 555-0137", "4111 1111 1111 1111"
PROMPT = f"Please contact {EMAIL} or {PHONE}; the card on file is {CARD}. Thanks!"
SECRET = "AKIAZ7Q3XK2M4N8P5R6T"


def _client(gw) -> openai.OpenAI:
    return gw.openai()


def _gw(make_gateway, upstream, upstream2, **parts):
    return make_gateway(upstream_policy(**parts), primary=upstream.base_url, secondary=upstream2.base_url)


def test_placeholders_upstream_originals_back(make_gateway, upstream, upstream2) -> None:
    gw = _gw(make_gateway, upstream, upstream2, extra_routes="", rules="", guardrails="")
    # `priv` is cleared for restricted data (the card); the email and phone are still pseudonymised.
    reply = _client(gw).chat.completions.create(model="priv", messages=[{"role": "user", "content": PROMPT}])
    seen = upstream2.last_text
    for value in (EMAIL, PHONE, CARD):
        assert value not in seen
    assert "<EMAIL_ADDRESS_1>" in seen and "<PHONE_NUMBER_1>" in seen and "<CREDIT_CARD_1>" in seen
    assert reply.choices[0].message.content == PROMPT


def test_placeholders_restored_in_one_byte_stream(make_gateway, upstream, upstream2) -> None:
    gw = _gw(make_gateway, upstream, upstream2)
    upstream2.behaviour.chunk_bytes = 1
    upstream2.behaviour.event_chars = 2  # placeholders are split across events *and* across reads
    stream = _client(gw).chat.completions.create(
        model="priv", messages=[{"role": "system", "content": "be nice"}, {"role": "user", "content": PROMPT}], stream=True
    )
    text = "".join(c.choices[0].delta.content or "" for c in stream if c.choices)
    assert "<CREDIT_CARD_1>" in upstream2.last_text and CARD not in upstream2.last_text
    assert text == PROMPT


def test_tool_calls_and_tool_results_are_scanned(make_gateway, upstream, upstream2) -> None:
    gw = _gw(make_gateway, upstream, upstream2)
    tools = [{"type": "function", "function": {"name": "lookup", "parameters": {"type": "object", "properties": {}}}}]
    messages = [
        {"role": "user", "content": "who is it?"},
        {"role": "assistant", "content": None, "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "lookup", "arguments": orjson.dumps({"email": EMAIL}).decode()}}]},
        {"role": "tool", "tool_call_id": "c1", "content": f"found {PHONE}"},
    ]
    _client(gw).chat.completions.create(model="ext", messages=messages, tools=tools, tool_choice="auto")
    got = upstream.received[-1]
    assert got["tools"] == tools and got["tool_choice"] == "auto"  # passed through untouched
    assert EMAIL not in got["messages"][1]["tool_calls"][0]["function"]["arguments"]
    assert PHONE not in got["messages"][2]["content"] and "<PHONE_NUMBER_1>" in got["messages"][2]["content"]


BLOCK_RULE = """
  - name: no-restricted-external
    when: {min_class: restricted, external: true}
    action: block
    message: "Restricted data may not go to external models. Use the private route 'priv' instead."
"""
ROUTE_RULE = """
  - name: restricted-to-private
    when: {min_class: restricted, external: true}
    action: route
    target: priv
"""


def test_block_with_coaching_message(make_gateway, upstream, upstream2) -> None:
    gw = _gw(make_gateway, upstream, upstream2, rules=BLOCK_RULE)
    r = httpx.post(gw.url + "/v1/chat/completions", headers={"Authorization": f"Bearer {gw.key}"},
                   json={"model": "ext", "messages": [{"role": "user", "content": f"card {CARD}"}]})
    assert r.status_code == 403
    err = r.json()["error"]
    assert err["type"] == "permission_error" and err["code"] == "policy_violation"
    assert "Use the private route 'priv' instead." in err["message"]
    assert upstream.received == [] and upstream2.received == []
    ev = [e for e in gw.events() if e["kind"] == "request"][-1]
    assert ev["decision"] == "block" and ev["status"] == 403 and ev["entity_counts"] == {"CREDIT_CARD": 1}


def test_route_rule_sends_to_private_route(make_gateway, upstream, upstream2) -> None:
    gw = _gw(make_gateway, upstream, upstream2, rules=ROUTE_RULE)
    reply = _client(gw).chat.completions.create(model="ext", messages=[{"role": "user", "content": f"card {CARD}"}])
    assert upstream.received == []
    assert len(upstream2.received) == 1 and upstream2.received[0]["model"] == "private-model"
    assert reply.choices[0].message.content == f"card {CARD}"
    ev = [e for e in gw.events() if e["kind"] == "request"][-1]
    assert ev["decision"] == "route" and ev["route"] == "priv"


def test_stream_cut_before_secret(make_gateway, upstream, upstream2) -> None:
    gw = _gw(make_gateway, upstream, upstream2)
    upstream.behaviour.reply = f"Sure. The production key is {SECRET} and it works everywhere."
    upstream.behaviour.chunk_bytes = 7
    r = httpx.post(gw.url + "/v1/chat/completions", headers={"Authorization": f"Bearer {gw.key}"},
                   json={"model": "ext", "stream": True, "messages": [{"role": "user", "content": "give me the key"}]})
    assert r.status_code == 200
    body = r.text
    assert SECRET not in body and SECRET[:8] not in body
    events = [line[6:] for line in body.splitlines() if line.startswith("data: ")]
    assert events[-1] == "[DONE]"
    payloads = [orjson.loads(e) for e in events[:-1]]
    text = "".join((c["choices"][0]["delta"].get("content") or "") for c in payloads if c.get("choices"))
    assert text == "Sure. The production key is "
    assert any(c.get("choices") and c["choices"][0]["finish_reason"] == "content_filter" for c in payloads)
    assert payloads[-1]["error"]["code"] == "output_blocked"
    ev = [e for e in gw.events() if e["kind"] == "request"][-1]
    assert ev["detail"]["output_entity_counts"] == {"SECRET": 1}


def test_nonstream_output_secret_cut(make_gateway, upstream, upstream2) -> None:
    gw = _gw(make_gateway, upstream, upstream2)
    upstream.behaviour.reply = f"key: {SECRET}"
    reply = _client(gw).chat.completions.create(model="ext", messages=[{"role": "user", "content": "hi"}])
    assert reply.choices[0].finish_reason == "content_filter"
    assert SECRET not in (reply.choices[0].message.content or "")


def test_anthropic_stream_cut_with_error_event(make_gateway, upstream, upstream2) -> None:
    gw = _gw(make_gateway, upstream, upstream2)
    upstream.behaviour.reply = f"here: {SECRET} done"
    r = httpx.post(gw.url + "/v1/messages", headers={"x-api-key": gw.key},
                   json={"model": "ext", "max_tokens": 20, "stream": True, "messages": [{"role": "user", "content": "k?"}]})
    assert SECRET not in r.text
    assert "event: error" in r.text and "permission_error" in r.text


def test_scanner_failure_fails_closed(make_gateway, upstream, upstream2, monkeypatch) -> None:
    gw = _gw(make_gateway, upstream, upstream2)

    def boom(text: str):
        raise RuntimeError("scanner exploded")

    monkeypatch.setattr(gw.app.state.engine, "inspect", boom)
    r = httpx.post(gw.url + "/v1/chat/completions", headers={"Authorization": f"Bearer {gw.key}"},
                   json={"model": "ext", "messages": [{"role": "user", "content": "hello"}]})
    assert r.status_code == 503
    assert "fail closed" in r.json()["error"]["message"]
    assert upstream.received == []


def test_output_scanner_failure_fails_closed(make_gateway, upstream, upstream2, monkeypatch) -> None:
    """An output scanner that breaks never lets unscanned text through: a 503, or mid-stream a
    well-formed final error event; the answer's text never reaches the client."""
    gw = _gw(make_gateway, upstream, upstream2)
    upstream.behaviour.reply = "an answer the scanner never saw"
    real = gw.app.state.engine.analyze

    def boom(text: str):  # the input scan works; the output scan breaks
        if "never saw" in text or "an answer" in text:
            raise RuntimeError("scanner exploded")
        return real(text)

    monkeypatch.setattr(gw.app.state.engine, "analyze", boom)
    headers = {"Authorization": f"Bearer {gw.key}"}
    msg = [{"role": "user", "content": "hello"}]
    r = httpx.post(gw.url + "/v1/chat/completions", headers=headers, json={"model": "ext", "messages": msg})
    assert r.status_code == 503 and "fail closed" in r.json()["error"]["message"]
    assert "never saw" not in r.text
    r = httpx.post(gw.url + "/v1/chat/completions", headers=headers, json={"model": "ext", "stream": True, "messages": msg})
    events = [line[6:] for line in r.text.splitlines() if line.startswith("data: ")]
    assert events[-1] == "[DONE]" and "never saw" not in r.text
    err = orjson.loads(events[-2])["error"]
    assert err["type"] == "service_unavailable" and "fail closed" in err["message"]
    ev = [e for e in gw.events() if e["kind"] == "request"]
    assert [e["status"] for e in ev[-2:]] == [503, 503]


def test_scanner_timeout_fails_closed_and_fail_open_route(make_gateway, upstream, upstream2, monkeypatch) -> None:
    open_route = """
  - name: lenient
    provider: openai
    base_url: "{primary}"
    model: lenient-model
    max_class: restricted
    fail_closed: false
"""
    gw = _gw(make_gateway, upstream, upstream2, extra_routes=open_route, guardrails="guardrails:\n  scanner_timeout_ms: 5\n")
    import time as _t

    real = gw.app.state.engine.inspect

    def slow(text: str):
        _t.sleep(0.02)
        return real(text)

    monkeypatch.setattr(gw.app.state.engine, "inspect", slow)
    r = httpx.post(gw.url + "/v1/chat/completions", headers={"Authorization": f"Bearer {gw.key}"},
                   json={"model": "ext", "messages": [{"role": "user", "content": "hello"}]})
    assert r.status_code == 503 and "limit" in r.json()["error"]["message"]
    r = httpx.post(gw.url + "/v1/chat/completions", headers={"Authorization": f"Bearer {gw.key}"},
                   json={"model": "lenient", "messages": [{"role": "user", "content": "hello"}]})
    assert r.status_code == 200 and upstream.received[-1]["model"] == "lenient-model"
