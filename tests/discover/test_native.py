"""The engines' SQL parsers read every line exactly as the Python parsers do."""

from __future__ import annotations

from pathlib import Path

import logs as L
import pytest

from accord.discover.engine.duckdb_engine import DuckDBEngine
from accord.discover.parsers import BadLine, Event, default_registry
from accord.discover.parsers.base import host_of
from accord.discover.reader import head_lines

TS = 1714557600.0


def _python(path: Path, name: str) -> list[tuple]:
    parser = default_registry().candidates(name)[0]
    rows = []
    for rec in parser.parse(enumerate(path.read_text().splitlines(), 1)):
        if isinstance(rec, Event):
            rows.append((True, rec.ts, rec.user, rec.device, rec.host, rec.dest_ip, rec.bytes_out, rec.bytes_in, rec.kind, rec.answers))
        elif isinstance(rec, BadLine):
            rows.append((False,) + (None,) * 9)
    return sorted(rows, key=repr)


def _native(duck: DuckDBEngine, path: Path, name: str) -> list[tuple]:
    parser = default_registry().candidates(name)[0]
    spec = parser.native(head_lines(path))
    assert spec is not None
    duck.add_lines("raw_t", path, None)
    rows = duck.query(f"SELECT ok, ts, usr, device, host, dest_ip, bytes_out, bytes_in, kind, answers FROM ({spec.select(duck.dialect, 'raw_t')})")
    # The SQL path finishes host names after aggregation; do the same here.
    out = [(bool(r[0]), *r[1:4], host_of(r[4]) if r[4] else None, *r[5:]) for r in rows]
    return sorted(out, key=repr)


SQUID = [
    L.squid_native(TS, "10.0.0.1", "alice", "CONNECT", "chatgpt.com:443", 5120),
    L.squid_native(TS + 1, "10.0.0.2", None, "GET", "http://Chat.OpenAI.com./c/1?x=1", 800),
    L.squid_native(TS + 2, "10.0.0.3", "bob", "POST", "https://u:p@api.anthropic.com:443/v1/messages", 10),
    "garbage line",
    L.squid_native(TS, "10.0.0.1", "alice", "CONNECT", "chatgpt.com:443", 5120)[:70],
    "1714557600.000    137 10.0.0.1 TCP_MISS/200 abc GET http://x.ai/ - HIER_NONE/- -",
]
COMBINED = [
    L.squid_combined(TS, "10.0.0.2", "bob", "GET", "http://claude.ai/chat", 2048),
    L.squid_combined(TS, "10.0.0.2", None, "CONNECT", "claude.ai:443", 0).replace(" 0 ", " - ", 1),
    '10.0.0.2 - - [01/May/2024:10:00:00 +0000] "GET http://x.ai/',
    '10.0.0.2 - - [32/May/2024:10:00:00 +0000] "GET http://x.ai/ HTTP/1.1" 200 5',
]


@pytest.mark.parametrize("name,lines", [("squid", SQUID), ("squid-common", COMBINED)])
def test_squid_sql_equals_python(name, lines, write, duck):
    path = write(f"{name}.log", lines)
    assert _native(duck, path, name) == _python(path, name)
    assert sum(1 for r in _python(path, name) if not r[0]) >= 2


@pytest.mark.parametrize(
    "kind,text",
    [
        ("dns", L.zeek_tsv("dns", L.DNS_FIELDS, [L.zeek_dns_row(TS, "10.0.0.9", "chatgpt.com", ["104.18.32.47", "172.64.155.209"]),
                                                  L.zeek_dns_row(TS + 1, "10.0.0.9", "claude.ai", [])])),
        ("ssl", L.zeek_tsv("ssl", L.SSL_FIELDS, [L.zeek_ssl_row(TS, "10.0.0.9", "104.18.33.1", "Claude.AI"),
                                                  L.zeek_ssl_row(TS, "10.0.0.9", "104.18.33.2", "-")])),
    ],
)
def test_zeek_sql_equals_python(kind, text, write, duck):
    broken = text.replace("\n#close", "\nnot\ta\tzeek\tline\n1714557600.0\ttoo-short\n#close")
    path = write(f"{kind}.log", broken)
    assert _native(duck, path, "zeek") == _python(path, "zeek")


def test_real_zeek_http_log_sql_equals_python(shared_zeek_http, duck):
    assert _native(duck, shared_zeek_http, "zeek") == _python(shared_zeek_http, "zeek")
