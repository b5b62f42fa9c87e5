"""Endpoints the gateway serves for other capabilities, against the real server:
the Shadow-AI coaching page (Discover) and permission-aware retrieval (Govern)."""

from __future__ import annotations

from pathlib import Path

import httpx

from accord.govern.retrieval import RetrievalIndex, ingest_paths
from accord.policy.sections.govern import GovernPolicy, RetrievalSettings
from tests.gateway.conftest import BASE_POLICY

POLICY_WITH_DATA = BASE_POLICY + """
discover:
  sanctioned_alternative:
    route: echo
    how_to_get_key: "Ask the AI platform team for an Accord key"
govern:
  retrieval:
    default_clearance: internal
    group_clearance: {hr: restricted}
"""


def _build_index(home_path: Path, tmp: Path) -> None:
    data = tmp / "kb-data"
    (data / "hr").mkdir(parents=True)
    (data / "general").mkdir(parents=True)
    (data / "hr" / "salaries.md").write_text("Salary bands: engineers earn between 95,000 and 140,000.\n")
    (data / "hr" / ".accord-acl.yaml").write_text("groups: [hr]\nlabel: confidential\n")
    (data / "general" / "handbook.md").write_text("Engineers meet in the Oslo office every May for the planning week.\n")
    (data / "general" / ".accord-acl.yaml").write_text("groups: [staff]\n")
    (home_path / "indexes").mkdir(parents=True, exist_ok=True)
    idx = RetrievalIndex(str(home_path / "indexes" / "kb.sqlite"), create=True)
    policy = GovernPolicy(retrieval=RetrievalSettings(default_clearance="internal", group_clearance={"hr": "restricted"}))
    ingest_paths(idx, [str(data)], policy=policy)


def test_retrieve_applies_the_callers_entitlements_and_is_audited(make_gateway, tmp_path: Path) -> None:
    gw = make_gateway(POLICY_WITH_DATA)
    _build_index(gw.home.path, tmp_path)
    hr_key, _ = gw.store.keys.create("default", "people", "hana", groups=("hr", "staff"))
    staff_key, _ = gw.store.keys.create("default", "eng", "sam", groups=("staff",))
    query = {"index": "kb", "query": "engineers", "k": 5}

    def ask(key: str) -> list[dict]:
        r = httpx.post(gw.url + "/v1/retrieve", json=query, headers={"authorization": f"Bearer {key}"})
        assert r.status_code == 200, r.text
        return r.json()["data"]

    hr_sources = {Path(c["source"]).name for c in ask(hr_key)}
    staff_sources = {Path(c["source"]).name for c in ask(staff_key)}
    assert hr_sources == {"salaries.md", "handbook.md"}
    assert staff_sources == {"handbook.md"}  # the HR chunk is never returned to a caller without the group

    events = [e for e in gw.events() if e["action"] == "retrieve"]
    assert len(events) == 2 and {e["user"] for e in events} == {"hana", "sam"}
    assert all(e["status"] == 200 and e["decision"] == "allow" for e in events)
    assert all("planning" not in str(e).lower() and "95,000" not in str(e) for e in events)  # no chunk text audited


def test_retrieve_errors_are_clear(make_gateway) -> None:
    gw = make_gateway(POLICY_WITH_DATA)
    auth = {"authorization": f"Bearer {gw.key}"}
    r = httpx.post(gw.url + "/v1/retrieve", json={"index": "nope", "query": "x"}, headers=auth)
    assert r.status_code == 404 and "accord data index" in r.json()["error"]["message"] + str(r.json())
    r = httpx.post(gw.url + "/v1/retrieve", json={"index": "kb", "query": "x", "k": 0}, headers=auth)
    assert r.status_code == 400 and "k" in r.json()["error"]["message"]
    r = httpx.post(gw.url + "/v1/retrieve", json={"index": "kb", "query": "x"})
    assert r.status_code == 401


def test_coach_page_names_the_service_and_the_sanctioned_route(make_gateway) -> None:
    gw = make_gateway(POLICY_WITH_DATA)
    r = httpx.get(gw.url + "/coach", params={"host": "chat.deepseek.com"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert "DeepSeek" in r.text and "Ask the AI platform team for an Accord key" in r.text
    assert "echo" in r.text
    # The host comes from the query string: it must be escaped, never reflected as markup.
    r = httpx.get(gw.url + "/coach", params={"host": "<script>alert(1)</script>.ai"})
    assert r.status_code == 200 and "<script>alert(1)" not in r.text
