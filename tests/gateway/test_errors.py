"""Acceptance 5: bad input gets the documented status and an error body in the API's own format."""

from __future__ import annotations

import httpx
import pytest

OPENAI = "/v1/chat/completions"
ANTHROPIC = "/v1/messages"
GOOD = {"model": "echo", "messages": [{"role": "user", "content": "hi"}]}


def _post(gw, path: str, content: bytes, key: str | None = "default", **headers: str) -> httpx.Response:
    h = {"content-type": "application/json", **headers}
    if key == "default":
        key = gw.key
    if key is not None:
        h["authorization"] = f"Bearer {key}"
    return httpx.post(gw.url + path, content=content, headers=h)


def _openai_error(r: httpx.Response, status: int) -> dict:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"message", "type", "param", "code"}
    assert "Traceback" not in r.text
    return body["error"]


def _anthropic_error(r: httpx.Response, status: int) -> dict:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["type"] == "error" and set(body["error"]) == {"type", "message"}
    return body["error"]


@pytest.mark.parametrize(
    ("content", "param"),
    [
        (b'{"model": "echo", "messages": [', None),  # malformed JSON
        (b'{"model": "echo", "messages": [{"role": "user", "content": "\xff\xfe"}]}', None),  # invalid UTF-8
        (b"[1, 2]", None),  # not an object
        (b"", None),
        (b'{"model": 42, "messages": []}', "model"),
        (b'{"model": "echo", "messages": "hi"}', "messages"),
        (b'{"model": "echo", "messages": [{"role": "wizard", "content": "x"}]}', "messages.0.role"),
        (b'{"model": "echo", "messages": [{"role": "user", "content": 5}]}', "messages.0.content"),
        (b'{"model": "echo", "messages": [{"role": "user", "content": "x"}], "stream": "yes"}', "stream"),
        (b'{"model": "echo", "messages": [{"role": "user", "content": "x"}], "max_tokens": -1}', "max_tokens"),
        # a part that carries non-string text would reach the upstream unscanned
        (b'{"model": "echo", "messages": [{"role": "user", "content": [{"type": "image_url", "text": 5}]}]}',
         "messages.0.content.0.text"),
        (b'{"model": "echo", "messages": [{"role": "user", "content": [{"type": "text", "text": ["a"]}]}]}',
         "messages.0.content.0.text"),
    ],
)
def test_bad_bodies_are_400(make_gateway_once, content: bytes, param: str | None) -> None:
    gw = make_gateway_once
    err = _openai_error(_post(gw, OPENAI, content), 400)
    assert err["type"] == "invalid_request_error"
    assert err["param"] == param


@pytest.mark.parametrize(
    ("messages", "extra", "where"),
    [
        ([{"role": "user", "content": [{"type": "text"}]}], {}, "messages.0.content.0.text"),
        ([{"role": "user", "content": [{"type": "text", "text": 5}]}], {}, "messages.0.content.0.text"),
        ([{"role": "user", "content": [{"type": "image", "source": 5}]}], {}, "messages.0.content.0.source"),
        ([{"role": "user", "content": ["just a string"]}], {}, "messages.0.content.0"),
        ([{"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t", "content": [5]}]}], {},
         "messages.0.content.0.content.0"),
        ([{"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t", "content": 5}]}], {},
         "messages.0.content.0.content"),
        ([{"role": "assistant", "content": [{"type": "tool_use", "id": "t", "name": "f", "input": "x"}]},
          {"role": "user", "content": "x"}], {}, "messages.0.content.0.input"),
        ([{"role": "user", "content": "x"}], {"system": [5]}, "system.0"),
        ([{"role": "user", "content": "x"}], {"system": [{"type": "text", "text": None}]}, "system.0"),
    ],
)
def test_bad_anthropic_blocks_are_400(make_gateway_once, messages: list, extra: dict, where: str) -> None:
    """Odd content blocks are the caller's mistake (400 naming the block), never a 500 or a silent drop."""
    gw = make_gateway_once
    body = {"model": "echo", "max_tokens": 5, "messages": messages, **extra}
    r = httpx.post(gw.url + ANTHROPIC, headers={"x-api-key": gw.key}, json=body)
    err = _anthropic_error(r, 400)
    assert err["type"] == "invalid_request_error" and err["message"].startswith(where + ":"), err


def test_valid_anthropic_blocks_still_pass(make_gateway_once) -> None:
    gw = make_gateway_once
    body = {"model": "echo", "max_tokens": 50, "system": [{"type": "text", "text": "be brief"}], "messages": [
        {"role": "user", "content": [{"type": "text", "text": "first"}]},
        {"role": "assistant", "content": [{"type": "tool_use", "id": "t1", "name": "f", "input": {"a": 1}}]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t1", "content": [{"type": "text", "text": "42"}]},
                                     {"type": "text", "text": "the last words"}]},
    ]}  # fmt: skip
    r = httpx.post(gw.url + ANTHROPIC, headers={"x-api-key": gw.key}, json=body)
    assert r.status_code == 200, r.text
    assert r.json()["content"][0]["text"] == "the last words"


def test_auth_and_model_errors(make_gateway_once) -> None:
    gw = make_gateway_once
    import orjson

    good = orjson.dumps(GOOD)
    err = _openai_error(_post(gw, OPENAI, good, key=None), 401)
    assert "no API key" in err["message"]
    _openai_error(_post(gw, OPENAI, good, key="sk-accord-not-a-real-key"), 401)
    _openai_error(_post(gw, OPENAI, good, key="garbage"), 401)
    err = _openai_error(_post(gw, OPENAI, orjson.dumps({**GOOD, "model": "gpt-nope"})), 404)
    assert "gpt-nope" in err["message"] and "echo" in err["message"]  # the hint lists usable models
    # Anthropic endpoint: its own error format
    r = httpx.post(gw.url + ANTHROPIC, headers={"x-api-key": "sk-accord-bad"}, json={"model": "echo", "max_tokens": 5, "messages": [{"role": "user", "content": "x"}]})
    assert _anthropic_error(r, 401)["type"] == "authentication_error"
    r = httpx.post(gw.url + ANTHROPIC, headers={"x-api-key": gw.key}, json={"model": "echo", "messages": [{"role": "user", "content": "x"}]})
    assert _anthropic_error(r, 400)["type"] == "invalid_request_error"  # max_tokens missing
    r = httpx.post(gw.url + ANTHROPIC, headers={"x-api-key": gw.key}, content=b"{nope")
    _anthropic_error(r, 400)
    # unknown path / method
    assert httpx.get(gw.url + "/v2/nothing").status_code == 404
    assert httpx.get(gw.url + OPENAI).status_code == 405


def test_oversize_body_is_413_before_parsing(make_gateway) -> None:
    gw = make_gateway(
        """
version: 1
routes:
  - {name: echo, provider: echo, max_class: restricted, private: true}
teams: {"*": {routes: ["*"]}}
quotas:
  key: {max_body_bytes: 2048}
"""
    )
    big = b'{"model": "echo", "messages": [{"role": "user", "content": "' + b"a" * 5000 + b'"}]}'
    err = _openai_error(_post(gw, OPENAI, big), 413)
    assert err["type"] == "request_too_large" and "2048" in err["message"]

    # Without Content-Length (chunked upload) the limit holds while reading; invalid JSON never parsed.
    def gen():
        yield b'{"model": "echo", "messages": [{"role": "user", "content": "'
        for _ in range(10):
            yield b"b" * 1000

    r = httpx.post(gw.url + OPENAI, content=gen(), headers={"authorization": f"Bearer {gw.key}"})
    _openai_error(r, 413)
    r = httpx.post(gw.url + ANTHROPIC, content=big, headers={"x-api-key": gw.key})
    assert _anthropic_error(r, 413)["type"] == "request_too_large"


@pytest.fixture(scope="module")
def make_gateway_once(tmp_path_factory):
    """One gateway for the table-driven tests (starting a server per case would dominate the time)."""
    from accord.gateway.app import build_app
    from accord.home import Home
    from accord.policy import PolicyHolder
    from accord.store import open_store
    from tests.gateway.conftest import BASE_POLICY, ServerThread

    home = Home(tmp_path_factory.mktemp("errors")).ensure()
    home.policy_path.write_text(BASE_POLICY)
    store = open_store(home.db_url)
    raw, _ = store.keys.create("default", "eng", "ada")
    app = build_app(home, policy_holder=PolicyHolder(home.policy_path), store=store)

    class GW:
        pass

    gw = GW()
    with ServerThread(app) as srv:
        gw.url, gw.key, gw.store = srv.url, raw, store  # type: ignore[attr-defined]
        yield gw
    store.close()


def test_schemathesis_no_server_errors(make_gateway_once) -> None:
    """Fuzz every documented endpoint from /openapi.json: nothing may answer 5xx."""
    import schemathesis
    from hypothesis import HealthCheck, given, settings

    gw = make_gateway_once
    schema = schemathesis.openapi.from_url(gw.url + "/openapi.json")
    failures: list[str] = []
    calls: dict[str, int] = {}
    for op in schema.get_all_operations():
        operation = op.ok()
        if operation.path.startswith("/admin"):
            continue  # needs an admin key; covered by test_admin

        @settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=operation.as_strategy())
        def check(case) -> None:
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {gw.key}"}
            response = case.call(base_url=gw.url)
            calls[case.path] = calls.get(case.path, 0) + 1
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.path} -> {response.status_code}: {response.text[:200]}")

        check()
    assert not failures, failures
    assert {"/v1/chat/completions", "/v1/messages", "/v1/embeddings", "/v1/models"} <= set(calls), calls
