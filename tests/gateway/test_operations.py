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
    gate = upstream.behaviour.gate = threading.Event()  # the first request stays in flight until set
    results: list[int] = []
    t = threading.Thread(target=lambda: results.append(_chat(gw, model="ext").status_code))
    t.start()
    deadline = time.monotonic() + 30
    while not upstream.received and time.monotonic() < deadline:  # it reached the upstream: slot taken
        time.sleep(0.01)
    assert upstream.received, "the first request never reached the upstream"
    second = _chat(gw, model="ext")
    gate.set()
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


def test_jwks_is_not_refetched_for_every_unknown_kid(make_gateway, rsa_key) -> None:
    """A forged token naming a random kid must not make the gateway call the identity provider each
    time: at most one refetch per JWKS_MIN_REFRESH_S, whatever the number of such tokens."""
    from tests.gateway.conftest import ServerThread

    pub = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(rsa_key.public_key()))
    pub.update(kid="k1", use="sig", alg="RS256")
    body = json.dumps({"keys": [pub]}).encode()
    fetched: list[str] = []

    async def idp(scope, receive, send) -> None:  # a real HTTP JWKS endpoint that counts its callers
        if scope["type"] != "http":
            return
        fetched.append(scope["path"])
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": body})

    with ServerThread(idp) as jwks:
        gw = make_gateway(_policy(f"auth:\n  jwt:\n    jwks_url: {jwks.url}/jwks.json\n"))
        now = int(time.time())
        claims = {"sub": "grace", "team": "eng", "exp": now + 300, "iat": now}
        good = jwt.encode(claims, rsa_key, algorithm="RS256", headers={"kid": "k1"})
        assert _chat(gw, key=good).status_code == 200
        for i in range(5):
            forged = jwt.encode(claims, rsa_key, algorithm="RS256", headers={"kid": f"random-{i}"})
            r = _chat(gw, key=forged)
            assert r.status_code == 401 and "unknown key" in r.json()["error"]["message"]
        assert fetched == ["/jwks.json"], fetched  # loaded once; the forged kids fetched nothing


def test_readyz_checks_the_database(make_gateway, tmp_path) -> None:
    gw = make_gateway()
    assert httpx.get(gw.url + "/readyz").json()["checks"]["database"] == "ok"
    moved = tmp_path / "moved"
    gw.home.path.rename(moved)  # the database file is gone from where the store opens it
    gw.store.engine.dispose()  # drop pooled connections: the next one must open the file again
    try:
        r = httpx.get(gw.url + "/readyz")
        assert r.status_code == 503 and r.json()["checks"]["database"].startswith("error")
    finally:
        moved.rename(gw.home.path)
    assert httpx.get(gw.url + "/readyz").status_code == 200


def test_public_page_hides_server_side_errors(make_gateway) -> None:
    """/coach answers anyone: a broken discover section is logged, not shown (and never a traceback)."""
    gw = make_gateway(_policy("discover:\n  services:\n    no-such-service: sanctioned\n"))
    r = httpx.get(gw.url + "/coach", params={"host": "chatgpt.com"})
    assert r.status_code == 500 and "internal error" in r.json()["error"]["message"]
    assert "no-such-service" not in r.text and str(gw.home.path) not in r.text and "Traceback" not in r.text


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


def test_tenant_admin_manages_only_its_own_tenant(make_gateway) -> None:
    """Least privilege across tenants: an MSSP client's admin cannot see, mint or revoke other tenants' keys."""
    gw = make_gateway()
    acme_admin, _ = gw.store.keys.create("acme", "ops", "amy", roles=("admin",))
    h = {"Authorization": f"Bearer {acme_admin}"}
    listed = httpx.get(gw.url + "/admin/keys", headers=h).json()["data"]
    assert listed and {k["tenant"] for k in listed} == {"acme"}  # the default tenant's keys stay hidden
    r = httpx.post(gw.url + "/admin/keys", headers=h, json={"team": "eng", "user": "al"})
    assert r.status_code == 201 and r.json()["tenant"] == "acme"  # its own tenant by default
    r = httpx.post(gw.url + "/admin/keys", headers=h, json={"team": "eng", "user": "x", "tenant": "default"})
    assert r.status_code == 403 and "only in tenant 'acme'" in r.json()["error"]["message"]
    victim = next(k for k in gw.store.keys.list() if k.tenant == "default")
    assert httpx.post(gw.url + f"/admin/keys/{victim.id}/revoke", headers=h).status_code == 404
    assert gw.store.keys.get(victim.id).revoked_at is None
    assert httpx.post(gw.url + "/admin/policy/reload", headers=h).status_code == 403
    # the installation's admin (tenant default) still manages every tenant
    everyone = httpx.get(gw.url + "/admin/keys", headers={"Authorization": f"Bearer {gw.admin_key}"}).json()["data"]
    assert {"acme", "default"} <= {k["tenant"] for k in everyone}
