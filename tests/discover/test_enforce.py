"""Enforcement artefacts: syntax of each format, and the decisions they encode."""

from __future__ import annotations

import fnmatch
import json
import re
from datetime import UTC, datetime

import pytest

from accord.discover.enforce import build_blocklist, export
from accord.policy.sections.discover import DiscoverPolicy

NOW = datetime(2024, 5, 1, tzinfo=UTC)
POLICY = DiscoverPolicy.model_validate(
    {
        "services": {"openai-platform": "sanctioned", "azure-openai": "sanctioned", "sora": "sanctioned"},
        "gateway_hosts": ["ai-gateway.corp.example"],
        "export": {"coach_url": "https://accord.corp.example/coach", "pac_proxy": "accord.corp.example:3128"},
    }
)


def pac_decision(pac: str, host: str) -> str:
    """Evaluate the generated PAC's lists the way its JavaScript does (no JS engine needed)."""
    lists = {k: json.loads(v) for k, v in re.findall(r"var (allow|block|globs) = (\[.*?\]);", pac)}
    proxy = re.search(r'return "(PROXY [^"]+)"', pac).group(1)  # type: ignore[union-attr]

    def under(items: list[str]) -> bool:
        return any(host == d or host.endswith("." + d) for d in items)

    if under(lists["allow"]):
        return "DIRECT"
    if under(lists["block"]) or any(fnmatch.fnmatchcase(host, g) for g in lists["globs"]):
        return proxy
    return "DIRECT"


def test_pac_structure_and_decisions(catalog):
    pac = export("pac", catalog, POLICY, now=NOW)
    assert pac.count("{") == pac.count("}") and "function FindProxyForURL(url, host) {" in pac
    assert pac_decision(pac, "chatgpt.com") == "PROXY accord.corp.example:3128"
    assert pac_decision(pac, "cdn.oaistatic.com") == "PROXY accord.corp.example:3128"
    assert pac_decision(pac, "bedrock-runtime.us-east-1.amazonaws.com") == "PROXY accord.corp.example:3128"
    assert pac_decision(pac, "sora.chatgpt.com") == "DIRECT"  # sanctioned, under a blocked chatgpt.com
    assert pac_decision(pac, "chat.openai.com") == "PROXY accord.corp.example:3128"  # under a sanctioned openai.com
    assert pac_decision(pac, "api.openai.com") == "DIRECT"
    assert pac_decision(pac, "myres.openai.azure.com") == "DIRECT"
    assert pac_decision(pac, "www.google.com") == "DIRECT"
    assert pac_decision(pac, "github.com") == "DIRECT"


def test_blocklist_drops_redundant_suffixes_keeps_exceptions(catalog):
    bl = build_blocklist(catalog, POLICY)
    assert "chatgpt.com" in bl.blocked and "chat.openai.com" in bl.blocked and "openai.com" not in bl.blocked
    assert bl.exceptions == ("sora.chatgpt.com",)
    assert "operator.chatgpt.com" not in bl.blocked  # covered by chatgpt.com, nothing in between
    assert not any(d in bl.blocked for d in ("google.com", "microsoft.com", "github.com"))
    assert all(s.detectable for s in bl.services)
    tolerated = build_blocklist(catalog, POLICY, ["sanctioned"])
    assert "openai.com" in tolerated.blocked and "chatgpt.com" not in tolerated.blocked


def test_squid_acl_syntax(catalog):
    text = export("squid", catalog, POLICY, now=NOW)
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    assert all(re.match(r"^(acl \w+ (dstdomain|dstdom_regex -i) \S+( \S+)*|deny_info \S+ \w+|http_access deny( !\w+)? \w+)$", ln) for ln in lines), lines
    assert "deny_info https://accord.corp.example/coach?host=%H accord_ai_blocked" in lines
    assert "http_access deny !accord_ai_allowed accord_ai_blocked" in lines
    assert "acl accord_ai_allowed dstdomain .sora.chatgpt.com" in lines


def test_rpz_zone_lines(catalog):
    text = export("rpz", catalog, POLICY, now=NOW)
    records = [ln for ln in text.splitlines() if ln and not ln.startswith(";")]
    assert records[0] == "$TTL 300" and records[1].startswith("@ IN SOA ") and "2024050101" in records[1]
    for rec in records[3:]:
        assert re.match(r"^(\*\.)?[a-z0-9.-]+ CNAME (rpz-passthru\.|accord\.corp\.example\.|\.)$", rec), rec
    assert "chatgpt.com CNAME accord.corp.example." in records
    assert "sora.chatgpt.com CNAME rpz-passthru." in records
    nx = DiscoverPolicy(export={"rpz_action": "nxdomain"})
    assert "chatgpt.com CNAME ." in export("rpz", catalog, nx, now=NOW).splitlines()


def test_edl_and_hosts(catalog):
    edl = export("edl", catalog, POLICY, now=NOW).splitlines()
    assert "chatgpt.com" in edl and "*.chatgpt.com" in edl and "api.openai.com" not in edl and "openai.com" not in edl
    assert all(re.match(r"^[a-z0-9*.-]+$", e) for e in edl)
    hosts = [ln for ln in export("hosts", catalog, POLICY, now=NOW).splitlines() if not ln.startswith("#")]
    assert "0.0.0.0 chatgpt.com" in hosts and "0.0.0.0 www.chatgpt.com" in hosts
    assert all(re.match(r"^0\.0\.0\.0 [a-z0-9.-]+$", h) for h in hosts)


def test_unknown_export_format(catalog):
    from accord.errors import InputError

    with pytest.raises(InputError, match="unknown export format"):
        export("iptables", catalog, POLICY)
