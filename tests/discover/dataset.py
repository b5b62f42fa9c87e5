"""A multi-format log set with known ground truth, built from one list of facts.

Each fact is one log line: which file/format, what it says, and what the analysis must make
of it (service id, user key after identity mapping, bytes). Expected figures are computed
from the facts, never from the code under test.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import logs as L

DAY = 86400
T0 = 1714557600.0  # 2024-05-01T10:00:00Z
IDENTITY = "ip,user,department\n10.1.0.10,alice,Finance\n10.1.0.11,bob,Engineering\n10.1.0.12,carol,Engineering\n10.1.0.13,dan,Sales\n10.1.0.14,erin,\n"
IP = {"alice": "10.1.0.10", "bob": "10.1.0.11", "carol": "10.1.0.12", "dan": "10.1.0.13", "erin": "10.1.0.14"}
DEPT = {"alice": "Finance", "bob": "Engineering", "carol": "Engineering", "dan": "Sales"}
GATEWAY_HOST = "ai-gateway.corp.example"


@dataclass(frozen=True)
class Fact:
    file: str
    line: str
    service: str | None  # None: not an AI service (or unnamed)
    user: str | None = None
    host: str | None = None
    out: int = 0
    inb: int = 0
    ts: float = T0
    dns: bool = False


def facts() -> list[Fact]:
    f: list[Fact] = []

    def add(file: str, line: str, service: str | None, user: str | None = None, host: str | None = None, out: int = 0,
            inb: int = 0, ts: float = T0, dns: bool = False) -> None:
        f.append(Fact(file, line, service, user, host, out, inb, ts, dns))

    # Squid native: authenticated users, one unauthenticated (identity names the IP), gateway, noise.
    for i in range(3):
        ts = T0 + i * DAY
        add("squid.log", L.squid_native(ts, IP["alice"], "alice", "CONNECT", "chatgpt.com:443", 5000), "chatgpt", "alice", "chatgpt.com", 0, 5000, ts)
    add("squid.log", L.squid_native(T0, IP["bob"], "bob", "GET", "http://api.openai.com/v1/models", 800), "openai-platform", "bob", "api.openai.com", 0, 800)
    add("squid.log", L.squid_native(T0 + 60, IP["carol"], None, "CONNECT", "claude.ai:443", 1200), "claude", "carol", "claude.ai", 0, 1200, T0 + 60)
    add("squid.log", L.squid_native(T0, IP["bob"], "bob", "CONNECT", f"{GATEWAY_HOST}:443", 300), "__gateway__", "bob", GATEWAY_HOST, 0, 300)
    add("squid.log", L.squid_native(T0, IP["alice"], "alice", "CONNECT", "www.google.com:443", 100), None)
    add("squid.log", L.squid_native(T0, IP["bob"], "bob", "CONNECT", "github.com:443", 100), None)
    add("squid.log", L.squid_native(T0, IP["dan"], "dan", "CONNECT", "newthing.ai:443", 100), None, host="newthing.ai")
    add("squid.log", L.squid_native(T0, IP["dan"], "dan", "GET", "http://llm-proxy.example.net/x", 100), None, host="llm-proxy.example.net")
    # Zscaler CSV: alice's daily uploads to ChatGPT, one day far above her baseline.
    for i, out in enumerate([1000, 1200, 900, 1100, 60_000_000]):
        ts = T0 + i * DAY + 3600
        add("zscaler.csv", L.zscaler_csv(ts, "alice", IP["alice"], "chatgpt.com/backend-api/files", out, 400), "chatgpt", "alice", "chatgpt.com", out, 400, ts)
    add("zscaler.csv", L.zscaler_csv(T0, "dan", IP["dan"], "chatgpt.com/backend-api/conversation", 900, 4000), "chatgpt", "dan", "chatgpt.com", 900, 4000)
    add("zscaler.csv", L.zscaler_csv(T0, "alice", IP["alice"], "gemini.google.com/app", 100, 200), "gemini", "alice", "gemini.google.com", 100, 200)
    add("zscaler.json", L.zscaler_json(T0, "bob", IP["bob"], "claude.ai/api/append_message", 700, 9000), "claude", "bob", "claude.ai", 700, 9000)
    # Palo Alto: a flow named by erin's DNS lookup, an unnamed flow, a URL log.
    add("paloalto.log", L.paloalto_traffic(T0 + 5, IP["erin"], "104.18.32.47", "", 1200, 3800), "chatgpt", "erin", "chatgpt.com", 1200, 3800, T0 + 5)
    add("paloalto.log", L.paloalto_traffic(T0, IP["alice"], "203.0.113.50", "", 5, 5), None)
    add("paloalto.log", L.paloalto_url(T0, IP["dan"], "1.2.3.4", "dan", "chat.deepseek.com/a/chat/s/1"), "deepseek", "dan", "chat.deepseek.com")
    add("zeek_dns.log", "", "chatgpt", "erin", "chatgpt.com", ts=T0, dns=True)  # line built below (TSV)
    add("zeek_ssl.log", "", "anthropic-api", "carol", "api.anthropic.com", ts=T0)
    add("umbrella_dns.csv", L.umbrella_dns(T0, "dan", IP["dan"], "kimi.moonshot.cn"), "kimi", "dan", "kimi.moonshot.cn", dns=True)
    add("umbrella_proxy.csv", L.umbrella_proxy(T0, "alice", IP["alice"], "https://www.perplexity.ai/search/x", 50, 60), "perplexity", "alice", "www.perplexity.ai", 50, 60)
    add("fortigate.log", L.fortigate(T0, "bob", IP["bob"], "142.250.1.1", "gemini.google.com", 700, 3000), "gemini", "bob", "gemini.google.com", 700, 3000, T0 + 0.123456789)
    add("fortigate.log", L.fortigate(T0, None, IP["carol"], "160.79.104.10", None, 300, 400), "anthropic-api", "carol", "api.anthropic.com", 300, 400, T0 + 0.123456789)
    add("cef.log", L.cef(T0, "carol", IP["carol"], "api.mistral.ai", 4096, 512), "mistral-platform", "carol", "api.mistral.ai", 4096, 512)
    add("zeek_http.json", L.zeek_http_json(T0, IP["bob"], "api.openai.com", "/v1/files", 50000, 300), "openai-platform", "bob", "api.openai.com", 50000, 300)
    add("generic.csv", f"2024-05-01T10:00:00Z,dan,{IP['dan']},https://poe.com/chat,10,20", "poe", "dan", "poe.com", 10, 20)
    return f


MALFORMED = {"squid.log": ["this is not squid", "1714557600.000    137 10.1.0.10 TCP_MISS/200"], "zscaler.csv": ['"broken", "row"']}
MAPPING = ["ts=when", "user=who", "device=ip", "url=site", "bytes_out=up", "bytes_in=down"]


def write_dataset(root: Path) -> list[Path]:
    by_file: dict[str, list[str]] = defaultdict(list)
    for fact in facts():
        if fact.line:
            by_file[fact.file].append(fact.line)
    for name, bad in MALFORMED.items():
        by_file[name][1:1] = bad
    by_file["generic.csv"].insert(0, "when,who,ip,site,up,down")
    texts = {name: "".join(x + "\n" for x in lines) for name, lines in by_file.items()}
    texts["zeek_dns.log"] = L.zeek_tsv("dns", L.DNS_FIELDS, [L.zeek_dns_row(T0, IP["erin"], "chatgpt.com", ["104.18.32.47", "104.18.33.47"])])
    texts["zeek_ssl.log"] = L.zeek_tsv("ssl", L.SSL_FIELDS, [L.zeek_ssl_row(T0, IP["carol"], "160.79.104.10", "api.anthropic.com")])
    paths = []
    for name, text in sorted(texts.items()):
        path = root / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    (root / "users.csv").write_text(IDENTITY, encoding="utf-8")
    return paths


def expected_services() -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for fact in facts():
        if fact.service is None or fact.service == "__gateway__":
            continue
        e = out.setdefault(fact.service, {"requests": 0, "users": set(), "bytes_out": 0, "bytes_in": 0, "hosts": set(), "dns": 0})
        e["requests"] += 1  # type: ignore[operator]
        e["users"].add(fact.user)  # type: ignore[union-attr]
        e["bytes_out"] += fact.out  # type: ignore[operator]
        e["bytes_in"] += fact.inb  # type: ignore[operator]
        e["hosts"].add(fact.host)  # type: ignore[union-attr]
        e["dns"] += int(fact.dns)  # type: ignore[operator]
    return out


def expected_lines() -> dict[str, int]:
    data = sum(1 for f in facts())
    bad = sum(len(v) for v in MALFORMED.values())
    return {"total": data + bad, "parsed": data, "malformed": bad}
