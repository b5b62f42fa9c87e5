"""Each vendor parser on lines written from its documented format, plus malformed and truncated lines."""

from __future__ import annotations

import logs as L
import pytest

from accord.discover.parsers import IGNORED, BadLine, Event, default_registry
from accord.discover.parsers.base import host_of
from accord.discover.parsers.cef import parse_extension
from accord.discover.parsers.generic import parse_mapping
from accord.errors import InputError

TS = 1714557600.0  # 2024-05-01T10:00:00Z
REG = default_registry()


def parse(name: str, lines: list[str]) -> list[object]:
    return list(REG.candidates(name)[0].parse(enumerate(lines, 1)))


def test_squid_native_fields_and_bad_lines():
    good = L.squid_native(TS, "10.0.0.1", "alice", "CONNECT", "chatgpt.com:443", 5120)
    plain = L.squid_native(TS + 1, "10.0.0.1", None, "GET", "http://Chat.OpenAI.com./c/1?x=1", 800)
    truncated = good[:60]
    recs = parse("squid", [good, plain, "not a squid line", truncated, ""])
    assert recs[0] == Event(TS, "alice", "10.0.0.1", "chatgpt.com", None, 0, 5120, "web")
    assert recs[1] == Event(TS + 1, None, "10.0.0.1", "chat.openai.com", None, 0, 800, "web")
    assert [type(r) for r in recs[2:]] == [BadLine, BadLine]
    assert recs[3].line_no == 4


def test_squid_common_and_combined():
    combined = L.squid_combined(TS, "10.0.0.2", "bob", "GET", "http://claude.ai/chat", 2048)
    common = combined.split(' "-" "Mozilla')[0] + " TCP_MISS:HIER_DIRECT"
    recs = parse("squid-common", [combined, common, combined.replace("[01/May/2024", "[99/Foo/2024"), '10.0.0.2 - - "GET'])
    assert recs[0] == Event(TS, "bob", "10.0.0.2", "claude.ai", None, 0, 2048, "web")
    assert recs[1] == recs[0]
    assert all(isinstance(r, BadLine) for r in recs[2:])


def test_zscaler_csv_default_order_and_header():
    line = L.zscaler_csv(TS, "alice@corp.com", "10.0.0.3", "chatgpt.com/backend-api/conversation", 900, 4000)
    [ev] = parse("zscaler", [line])
    assert ev == Event(TS, "alice@corp.com", "10.0.0.3", "chatgpt.com", None, 900, 4000, "web")
    header = "time\tlogin\teurl\tcip\treqsize\trespsize"
    row = "Wed May 01 10:00:00 2024\tbob@corp.com\tclaude.ai/api\t10.0.0.4\t10\t20"
    recs = parse("zscaler", [header, row, "Wed May 01 10:00:00 2024\tshort"])
    assert recs[0] == Event(TS, "bob@corp.com", "10.0.0.4", "claude.ai", None, 10, 20, "web")
    assert isinstance(recs[1], BadLine)
    assert isinstance(parse("zscaler", ['"Wed May 01 10:00:00 2024","alice"'])[0], BadLine)


def test_zscaler_json_wrapped_and_flat():
    wrapped = L.zscaler_json(TS, "alice@corp.com", "10.0.0.3", "claude.ai/api/append_message", 700, 9000)
    flat = '{"epochtime": 1714557600, "login": "bob@corp.com", "eurl": "gemini.google.com/app", "cip": "10.0.0.9", "reqsize": 5, "respsize": 6}'
    recs = parse("zscaler-json", [wrapped, flat, "{not json", '{"login": "x"}'])
    assert recs[0] == Event(TS, "alice@corp.com", "10.0.0.3", "claude.ai", None, 700, 9000, "web")
    assert recs[1] == Event(TS, "bob@corp.com", "10.0.0.9", "gemini.google.com", None, 5, 6, "web")
    assert [type(r) for r in recs[2:]] == [BadLine, BadLine]


def test_paloalto_traffic_url_and_other_types():
    traffic = L.paloalto_traffic(TS, "10.0.0.5", "104.18.32.47", "alice", 1200, 3800)
    url = L.paloalto_url(TS, "10.0.0.5", "104.18.32.47", "alice", "chat.deepseek.com/a/chat")
    system = "1,2024/05/01 10:00:00,013201001234,SYSTEM,general,0,2024/05/01 10:00:00,,general,,0,0,general,informational,login,1,0x0"
    recs = parse("paloalto", [traffic, url, system, traffic[:90], "garbage"])
    assert recs[0] == Event(TS, "alice", "10.0.0.5", None, "104.18.32.47", 1200, 3800, "flow")
    assert recs[1] == Event(TS, "alice", "10.0.0.5", "chat.deepseek.com", None, 0, 0, "web")
    assert recs[2] is IGNORED
    assert [type(r) for r in recs[3:]] == [BadLine, BadLine]
    assert parse("paloalto", [L.paloalto_traffic(TS, "10.0.0.5", "1.2.3.4", "", 1, 2, syslog=False)])[0].user is None


def test_umbrella_dns_and_proxy():
    dns = L.umbrella_dns(TS, "alice", "10.0.0.6", "kimi.moonshot.cn")
    header = '"Timestamp","Most Granular Identity","Identities","Internal IP","External IP","Action","QueryType","ResponseCode","Domain","Categories"'
    recs = parse("umbrella-dns", [header, dns, '"2024-05-01 10:00:00","x"'])
    assert recs[0] == Event(TS, "alice", "10.0.0.6", "kimi.moonshot.cn", None, 0, 0, "dns")
    assert isinstance(recs[1], BadLine)
    proxy = L.umbrella_proxy(TS, "alice", "10.0.0.6", "https://claude.ai/api/x", 700, 9000)
    recs = parse("umbrella-proxy", [proxy, proxy[:40]])
    assert recs[0] == Event(TS, "alice", "10.0.0.6", "claude.ai", None, 700, 9000, "web")
    assert isinstance(recs[1], BadLine)


def test_fortigate_webfilter_traffic_and_event():
    web = L.fortigate(TS, "bob", "10.0.0.7", "142.250.1.1", "gemini.google.com", 700, 3000)
    flow = L.fortigate(TS, None, "10.0.0.7", "104.18.32.47", None, 10, 20)
    event = 'date=2024-05-01 time=10:00:00 logid="0100032001" type="event" subtype="system" level="information" msg="admin login"'
    recs = parse("fortigate", [web, flow, event, 'logid="1" type="utm"', "no pairs here"])
    assert recs[0] == Event(pytest.approx(TS + 0.123456789), "bob", "10.0.0.7", "gemini.google.com", None, 700, 3000, "web")
    assert recs[1] == Event(pytest.approx(TS + 0.123456789), None, "10.0.0.7", None, "104.18.32.47", 10, 20, "flow")
    assert recs[2] is IGNORED
    assert [type(r) for r in recs[3:]] == [BadLine, BadLine]
    # date+time with a time zone, no eventtime
    local = 'date=2024-05-01 time=12:00:00 tz="+0200" logid="1" type="traffic" srcip=10.0.0.1 dstip=1.1.1.1 sentbyte=1 rcvdbyte=2'
    assert parse("fortigate", [local])[0].ts == TS


def test_cef_header_extension_and_escapes():
    line = L.cef(TS, "carol", "10.0.0.8", "api.mistral.ai", 4096, 512)
    recs = parse("cef", [line, "CEF:0|only|three", "CEF:0|a|b|c|d|e|3|src=1.2.3.4"])
    assert recs[0] == Event(TS, "carol", "10.0.0.8", "api.mistral.ai", None, 4096, 512, "web")
    assert [type(r) for r in recs[1:]] == [BadLine, BadLine]  # too few fields; no time
    ext = parse_extension(r"msg=a b \= c path=C:\\temp act=ok")
    assert ext == {"msg": "a b = c", "path": "C:\\temp", "act": "ok"}


def test_zeek_tsv_logs_by_path():
    dns = L.zeek_tsv("dns", L.DNS_FIELDS, [L.zeek_dns_row(TS, "10.0.0.9", "chatgpt.com", ["104.18.32.47", "172.64.155.209"])])
    ssl = L.zeek_tsv("ssl", L.SSL_FIELDS, [L.zeek_ssl_row(TS, "10.0.0.9", "104.18.33.1", "claude.ai")])
    bad = dns.replace("\tudp\t", "\t")  # one field short
    [d] = parse("zeek", dns.splitlines())
    [s] = parse("zeek", ssl.splitlines())
    assert d == Event(TS, None, "10.0.0.9", "chatgpt.com", None, 0, 0, "dns", "104.18.32.47,172.64.155.209")
    assert s == Event(TS, None, "10.0.0.9", "claude.ai", "104.18.33.1", 0, 0, "tls")
    assert isinstance(parse("zeek", bad.splitlines())[0], BadLine)


def test_zeek_real_http_log_from_the_zeek_test_suite(shared_zeek_http):
    recs = parse("zeek", shared_zeek_http.read_text().splitlines())
    events = [r for r in recs if isinstance(r, Event)]
    assert len(recs) == 49 and len(events) == 49
    assert {e.host for e in events} == {"www.google.com", None}
    assert all(e.device == "128.2.6.136" and e.kind == "web" for e in events)


def test_zeek_json_http_and_conn():
    recs = parse("zeek-json", [L.zeek_http_json(TS, "10.0.0.10", "api.openai.com", "/v1/files", 50000, 300),
                               L.zeek_conn_json(TS, "10.0.0.10", "104.18.32.47", 10, 20), "[1,2]"])
    assert recs[0] == Event(TS, None, "10.0.0.10", "api.openai.com", "192.0.2.80", 50000, 300, "web")
    assert recs[1] == Event(TS, None, "10.0.0.10", None, "104.18.32.47", 10, 20, "flow")
    assert isinstance(recs[2], BadLine)


def test_generic_csv_and_jsonl_mapping():
    mapping = parse_mapping(["ts=when", "url=site", "user=who", "device=ip", "bytes_out=up"])
    reg = default_registry(mapping)
    csv_lines = ["when,who,ip,site,up", "2024-05-01T10:00:00Z,dan,10.0.0.11,https://chat.mistral.ai/chat,77", "bad,row"]
    recs = list(reg.candidates("csv")[0].parse(enumerate(csv_lines, 1)))
    assert recs[0] == Event(TS, "dan", "10.0.0.11", "chat.mistral.ai", None, 77, 0, "web")
    assert isinstance(recs[1], BadLine)
    jl = ['{"when": 1714557600000, "who": "dan", "ip": "10.0.0.11", "site": "poe.com", "up": 5}']
    assert list(reg.candidates("jsonl")[0].parse(enumerate(jl, 1)))[0].host == "poe.com"
    with pytest.raises(InputError, match="needs ts="):
        parse_mapping(["host=h"])
    with pytest.raises(InputError, match="FIELD=COLUMN"):
        parse_mapping(["colour=blue"])


@pytest.mark.parametrize(
    "url,host",
    [
        ("chatgpt.com:443", "chatgpt.com"),
        ("https://User:pw@API.OpenAI.com:8443/v1?x=http://evil.com", "api.openai.com"),
        ("claude.ai/", "claude.ai"),
        ("http://gemini.google.com.?q=1", "gemini.google.com"),
        ("", None),
    ],
)
def test_host_of(url, host):
    assert host_of(url) == host
