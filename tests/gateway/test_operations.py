"""Quotas, JWT identity, audit events, hot reload, metrics, health and the admin API."""

from __future__ import annotations

import json
import threading
import time

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.gateway.conftest import BASE_POLICY

CHAT = "/v1/chat/completions"


def _chat(gw, content: str = "hello", key: str | None = None, model: str = "echo") -> httpx.Response:
    return httpx.post(gw.url + CHAT, headers={"Authorization": f"Bearer {key or gw.key}"},
                      json={"model": model, "messages": [{"role": "user", "content": content}]}, timeout=10)


def _policy(extra: str) -> str:
    return BASE_POLICY + extra


def test_rpm_quota_429_with_retry_after(make_gateway) -> None:
    gw = make_gateway(_policy("quotas:\n  key: {rpm: 2}\n"))
    assert _chat(gw).status_code == 200 and _chat(gw).status_code == 200
    r = _chat(gw)
    assert r.status_code == 429 and r.json()["error"]["type"] == "rate_limit_error"
    assert 1 <= int(r.headers["retry-after"]) <= 60
    assert "2 requests per minute" in r.json()["error"]["message"]
    # another key of the same team is not affected by this key's limit
    other, _ = gw.store.keys.create("default", "eng", "bob")
    assert _chat(gw, key=other).status_code == 200


def test_team_tokens_per_minute(make_gateway) -> None:
    gw = make_gateway(_policy("quotas:\n  team: {tpm: 1000}\n"))
    assert _chat(gw, "x" * 2000).status_code == 200  # ~500 tokens estimated, ~1000 after reconcile
    r = _chat(gw, "x" * 2000)
    assert r.status_code == 429 and "tokens per minute" in r.json()["error"]["message"]


def test_monthly_budget(make_gateway) -> None:
    policy = """
version: 1
routes:
  - name: echo
    provider: echo
    max_class: restricted
    private: true
    price: {input_per_1m: 1000000, output_per_1m: 1000000}
teams: {"*": {routes: ["*"]}}
quotas:
  tenant: {monthly_budget_usd: 5}
"""
    gw = make_gateway(policy)
    assert _chat(gw, "one two three four").status_code == 200  # costs > 5 USD at this price
    r = _chat(gw)
    assert r.status_code == 429 and "monthly budget" in r.json()["error"]["message"]
    gw.store.spend.flush()
    month = time.strftime("%Y-%m", time.gmtime())
    assert gw.store.spend.get("tenant:default", month) > 5


def test_concurrency_cap(make_gateway, upstream, upstream2) -> None:
    from tests.gateway.conftest import upstream_policy

    gw = make_gateway(upstream_policy(quotas="quotas:\n  key: {concurrent: 1}\n"), primary=upstream.base_url, secondary=upstream2.base_url)
    upstream.behaviour.delay = 0.8
    results: list[int] = []
    t = threading.Thread(target=lambda: results.append(_chat(gw, model="ext").status_code))
    t.start()
    time.sleep(0.3)
    second = _chat(gw, model="ext")
    t.join()
    assert results == [200]
    assert second.status_code == 429 and "in flight" in second.json()["error"]["message"]
    assert _chat(gw, model="ext").status_code == 200  # the slot was released


@pytest.fixture(scope="module")
def rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def test_jwt_identity_from_jwks_file(make_gateway, rsa_key, tmp_path) -> None:
    pub = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(rsa_key.public_key()))
    pub.update(kid="k1", use="sig", alg="RS256")
    jwks = tmp_path / "jwks.json"
    jwks.write_text(json.dumps({"keys": [pub]}))
    policy = _policy(f"""
auth:
  jwt:
    jwks_file: {jwks}
    issuer: https://idp.example
    audience: accord
""").replace('"*":\n    routes: ["*"]', 'data-science:\n    routes: ["*"]')
    gw = make_gateway(policy)
    now = int(time.time())
    claims = {"sub": "grace", "team": "data-science", "tenant": "default", "groups": ["analysts"],
              "iss": "https://idp.example", "aud": "accord", "exp": now + 300, "iat": now}
    token = jwt.encode(claims, rsa_key, algorithm="RS256", headers={"kid": "k1"})
    assert _chat(gw, key=token).status_code == 200
    ev = [e for e in gw.events() if e["kind"] == "request"][-1]
    assert ev["user"] == "grace" and ev["team"] == "data-science"
    # the key's team ("eng") has no route in this policy: JWT identity really decided access
    assert _chat(gw).status_code == 403
    bad = jwt.encode({**claims, "aud": "other"}, rsa_key, algorithm="RS256", headers={"kid": "k1"})
    assert _chat(gw, key=bad).status_code == 401
    expired = jwt.encode({**claims, "exp": now - 3600}, rsa_key, algorithm="RS256", headers={"kid": "k1"})
    assert _chat(gw, key=expired).status_code == 401
    forged = jwt.encode(claims, rsa.generate_private_key(public_exponent=65537, key_size=2048), algorithm="RS256", headers={"kid": "k1"})
    assert _chat(gw, key=forged).status_code == 401


def test_one_audit_event_per_request(make_gateway) -> None:
    gw = make_gateway()
    assert _chat(gw, "mail me at ann@example.com").status_code == 200
    assert _chat(gw, key="sk-accord-nope").status_code == 401
    assert httpx.post(gw.url + CHAT, headers={"Authorization": f"Bearer {gw.key}"}, content=b"{bad").status_code == 400
    events = [e for e in gw.events() if e["kind"] == "request"]
    assert len(events) == 3
    ok, unauth, bad = events
    assert ok["decision"] == "redact" and ok["status"] == 200 and ok["route"] == "echo"
    assert ok["entity_counts"] == {"EMAIL_ADDRESS": 1} and ok["team"] == "eng" and ok["user"] == "ada"
    assert ok["tokens_in"] > 0 and ok["tokens_out"] > 0 and ok["key_id"]
    assert set(ok["latency_ms"]) == {"scan", "upstream", "total"} and ok["latency_ms"]["total"] > 0
    assert "ann@example.com" not in json.dumps(events)  # never raw values
    assert unauth["status"] == 401 and unauth["decision"] == "reject"
    assert bad["status"] == 400 and bad["user"] == "ada"


def test_bad_policy_edit_rejected_traffic_continues(make_gateway) -> None:
    gw = make_gateway()
    good_digest = gw.app.state.holder.current.digest
    gw.write_policy(BASE_POLICY.replace("max_class: restricted", "max_class: top-secret"))
    deadline = time.monotonic() + 5
    while gw.app.state.holder.last_error is None and time.monotonic() < deadline:
        time.sleep(0.1)
    err = gw.app.state.holder.last_error
    assert err is not None and err.line is not None and err.line > 0  # line-numbered
    assert gw.app.state.holder.current.digest == good_digest
    assert _chat(gw).status_code == 200  # traffic keeps flowing under the last good policy
    ready = httpx.get(gw.url + "/readyz").json()
    assert "last edit rejected" in ready["checks"]["policy"]
    rejected = [e for e in gw.events() if e["action"] == "policy.reload" and e["decision"] == "rejected"]
    assert rejected and rejected[0]["detail"]["line"] == err.line
    # a good edit takes effect
    gw.write_policy(BASE_POLICY.replace('routes: ["*"]', "routes: []"))
    deadline = time.monotonic() + 5
    while _chat(gw).status_code == 200 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _chat(gw).status_code == 403


def test_metrics_and_health(make_gateway) -> None:
    gw = make_gateway()
    _chat(gw, "call +1 415 555 0137")
    _chat(gw, key="sk-accord-nope")
    text = httpx.get(gw.url + "/metrics").text
    assert 'accord_requests_total{endpoint="chat.completions",route="echo",status="200",decision="redact"} 1' in text
    assert 'status="401",decision="reject"' in text
    assert 'accord_latency_seconds_bucket{stage="scan",endpoint="chat.completions",le="+Inf"} 1' in text
    assert 'accord_tokens_total{route="echo",kind="prompt"}' in text
    assert 'accord_guardrail_actions_total{action="redact"} 1' in text
    assert 'accord_entities_total{type="PHONE_NUMBER"} 1' in text
    assert "accord_audit_queue_depth" in text
    assert httpx.get(gw.url + "/healthz").json() == {"status": "ok"}
    assert httpx.get(gw.url + "/readyz").json()["status"] == "ready"
    doc = httpx.get(gw.url + "/openapi.json").json()
    assert {"/v1/chat/completions", "/v1/messages", "/v1/embeddings", "/v1/models", "/admin/keys"} <= set(doc["paths"])


def test_admin_api(make_gateway) -> None:
    gw = make_gateway()
    h = {"Authorization": f"Bearer {gw.admin_key}"}
    assert httpx.get(gw.url + "/admin/keys", headers={"Authorization": f"Bearer {gw.key}"}).status_code == 403
    r = httpx.post(gw.url + "/admin/keys", headers=h, json={"team": "sales", "user": "sam"})
    assert r.status_code == 201
    new = r.json()
    assert new["key"].startswith("sk-accord-") and new["team"] == "sales" and "hash" not in new
    assert _chat(gw, key=new["key"]).status_code == 200
    listed = httpx.get(gw.url + "/admin/keys", headers=h).json()["data"]
    assert any(k["id"] == new["id"] for k in listed) and not any("hash" in k for k in listed)
    rot = httpx.post(gw.url + f"/admin/keys/{new['id']}/rotate", headers=h)
    assert rot.status_code == 201
    assert _chat(gw, key=new["key"]).status_code == 401
    assert _chat(gw, key=rot.json()["key"]).status_code == 200
    rev = httpx.post(gw.url + f"/admin/keys/{rot.json()['id']}/revoke", headers=h)
    assert rev.status_code == 200 and rev.json()["revoked_at"]
    assert _chat(gw, key=rot.json()["key"]).status_code == 401
    assert httpx.post(gw.url + "/admin/keys/nope/revoke", headers=h).status_code == 404
    assert httpx.post(gw.url + "/admin/keys", headers=h, json={"team": 5}).status_code == 400
    assert httpx.post(gw.url + "/admin/policy/reload", headers=h).json()["sha256"]
    actions = {e["action"] for e in gw.events() if e["kind"] == "admin"}
    assert {"key.create", "key.rotate", "key.revoke", "policy.reload"} <= actions
