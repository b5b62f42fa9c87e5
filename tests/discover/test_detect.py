"""Format auto-detection, gzip, and the unknown-format error."""

from __future__ import annotations

import logs as L
import pytest

from accord.discover.parsers import default_registry
from accord.discover.reader import compression_of, head_lines
from accord.errors import InputError

TS = 1714557600.0
SAMPLES = {
    "squid": [L.squid_native(TS + i, "10.0.0.1", "alice", "CONNECT", "chatgpt.com:443", 100) for i in range(3)],
    "squid-common": [L.squid_combined(TS, "10.0.0.1", "alice", "GET", "http://claude.ai/", 100)] * 2,
    "zscaler": [L.zscaler_csv(TS, "a@b.c", "10.0.0.2", "chatgpt.com/", 1, 2)] * 2,
    "zscaler-json": [L.zscaler_json(TS, "a@b.c", "10.0.0.2", "claude.ai/", 1, 2)] * 2,
    "paloalto": [L.paloalto_traffic(TS, "10.0.0.3", "1.2.3.4", "alice", 1, 2), L.paloalto_url(TS, "10.0.0.3", "1.2.3.4", "alice", "x.ai/")],
    "umbrella-dns": [L.umbrella_dns(TS, "alice", "10.0.0.4", "kimi.com")] * 2,
    "umbrella-proxy": [L.umbrella_proxy(TS, "alice", "10.0.0.4", "https://claude.ai/", 1, 2)] * 2,
    "fortigate": [L.fortigate(TS, "bob", "10.0.0.5", "1.1.1.1", "gemini.google.com", 1, 2)] * 2,
    "cef": [L.cef(TS, "carol", "10.0.0.6", "api.mistral.ai", 1, 2)] * 2,
    "zeek": L.zeek_tsv("dns", L.DNS_FIELDS, [L.zeek_dns_row(TS, "10.0.0.7", "chatgpt.com", ["1.2.3.4"])]).splitlines(),
    "zeek-json": [L.zeek_http_json(TS, "10.0.0.8", "api.openai.com", "/", 1, 2)] * 2,
}


@pytest.mark.parametrize("expected", sorted(SAMPLES))
def test_auto_detects_each_format(expected, write):
    path = write(f"{expected}.log", SAMPLES[expected])
    assert default_registry().resolve("auto", head_lines(path)).name == expected


@pytest.mark.parametrize("expected", sorted(SAMPLES))
def test_family_names_pick_the_member(expected):
    reg = default_registry()
    family = reg.candidates(expected)[0].family
    assert reg.resolve(family, SAMPLES[expected]).name == expected


def test_gzip_is_recognised_by_content_not_name(write):
    path = write("access.log", SAMPLES["squid"], gz=True)  # no .gz suffix on purpose
    assert compression_of(path) == "gzip"
    assert head_lines(path)[0] == SAMPLES["squid"][0]


def test_unknown_format_lists_the_supported_ones(write):
    path = write("mystery.log", ["hello world", "nothing to see"])
    with pytest.raises(InputError) as err:
        default_registry().resolve("auto", head_lines(path), source=str(path))
    text = str(err.value)
    assert "mystery.log" in text and "squid" in text and "zscaler" in text and "fortigate" in text
    with pytest.raises(InputError, match="unknown log format 'bluecoat'"):
        default_registry().candidates("bluecoat")
