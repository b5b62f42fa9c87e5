"""A generated multi-format log set with known ground truth -> exact counts per service and user."""

from __future__ import annotations

from pathlib import Path

import dataset as D
import pytest

from accord.discover.analysis import RunOptions, run_discovery
from accord.discover.identity import load_identity
from accord.discover.parsers import default_registry, parse_mapping
from accord.discover.result import iso
from accord.policy.sections.discover import DiscoverPolicy

POLICY = DiscoverPolicy(gateway_hosts=(D.GATEWAY_HOST,), services={"chatgpt": "tolerated", "openai-platform": "sanctioned"})


def run(tmp_path: Path, engine, catalog, *, fast_path: bool = True, since: float | None = None):  # type: ignore[no-untyped-def]
    tmp_path.mkdir(parents=True, exist_ok=True)
    paths = D.write_dataset(tmp_path)
    opts = RunOptions(identity=load_identity(tmp_path / "users.csv"), fast_path=fast_path, since=since)
    registry = default_registry(parse_mapping(D.MAPPING))
    return run_discovery(paths, catalog=catalog, policy=POLICY, engine=engine, options=opts, registry=registry)


def test_exact_counts_per_service(tmp_path, duck, catalog):
    result = run(tmp_path, duck, catalog)
    assert result.lines == D.expected_lines()
    got = {s.id: s for s in result.services}
    expected = D.expected_services()
    assert set(got) == set(expected)
    for sid, e in expected.items():
        s = got[sid]
        assert (s.requests, s.users, s.bytes_out, s.bytes_in, s.dns_queries) == (
            e["requests"], len(e["users"]), e["bytes_out"], e["bytes_in"], e["dns"]  # type: ignore[arg-type]
        ), sid
        assert set(s.hosts) == e["hosts"], sid
    assert got["chatgpt"].status == "tolerated" and got["openai-platform"].status == "sanctioned"
    assert got["deepseek"].status == "unsanctioned"
    assert iso(got["chatgpt"].first_seen) == "2024-05-01T10:00:00Z"
    assert iso(got["chatgpt"].last_seen) == "2024-05-05T11:00:00Z"
    assert [d.requests for d in got["chatgpt"].daily] == [5, 2, 2, 1, 1]


def test_per_user_departments_gateway_and_exfil(tmp_path, duck, catalog):
    result = run(tmp_path, duck, catalog)
    per_user: dict[str, int] = {}
    for fact in D.facts():
        if fact.service and fact.service != "__gateway__":
            per_user[fact.user] = per_user.get(fact.user, 0) + 1  # type: ignore[index]
    got: dict[str, int] = {}
    for u in result.users:
        got[u.user] = got.get(u.user, 0) + u.requests
    assert got == per_user
    depts = {(d.department, d.service_id): d.users for d in result.departments}
    assert depts[("Engineering", "claude")] == 2  # bob and carol
    assert depts[("(unknown)", "chatgpt")] == 1  # erin has no department
    assert result.gateway.requests == 1
    ai = sum(e["requests"] for e in D.expected_services().values())  # type: ignore[misc]
    assert result.gateway.ai_requests == ai
    assert result.gateway.share == pytest.approx(1 / (ai + 1))
    [alert] = result.exfil
    assert (alert.user, alert.day, alert.bytes_out, alert.service_id) == ("alice", "2024-05-05", 60_000_400 - 400, "chatgpt")


def test_unmatched_ai_like_hosts_and_malformed_samples(tmp_path, duck, catalog):
    result = run(tmp_path, duck, catalog)
    assert [u.host for u in result.unmatched] == ["llm-proxy.example.net", "newthing.ai"]
    squid = next(s for s in result.sources if s.path.endswith("squid.log"))
    assert squid.malformed == 2 and squid.samples[0]["text"] in D.MALFORMED["squid.log"]
    zs = next(s for s in result.sources if s.path.endswith("zscaler.csv"))
    assert zs.malformed == 1 and zs.samples[0]["line"] == 2


def test_python_path_gives_the_same_answer(tmp_path, duck, catalog):
    fast = run(tmp_path, duck, catalog).to_json()
    slow = run(tmp_path, duck, catalog, fast_path=False).to_json()
    for key in ("services", "users", "departments", "lines", "unmatched_ai_like_hosts", "gateway", "exfil_alerts"):
        assert fast[key] == slow[key], key
    assert {s["reader"] for s in fast["sources"]} == {"native", "python"}
    assert {s["reader"] for s in slow["sources"]} == {"python"}


def test_since_keeps_later_activity_only(tmp_path, duck, catalog):
    result = run(tmp_path, duck, catalog, since=D.T0 + 2 * D.DAY)
    got = {s.id: s.requests for s in result.services}
    assert got == {"chatgpt": 4}  # days 3..5: two Squid CONNECTs after day 2, and two uploads
    assert result.lines == D.expected_lines()  # lines are counted whatever the window
