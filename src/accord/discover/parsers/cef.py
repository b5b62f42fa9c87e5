"""ArcSight Common Event Format (CEF), optionally behind a syslog header.

`CEF:Version|Device Vendor|Device Product|Device Version|Signature ID|Name|Severity|Extension`,
with `\\|` escaped in the header and `\\=`, `\\\\`, `\\n` in extension values; values may
contain spaces (a value ends where the next ` key=` begins). Keys used: `rt` (or `end`, `start`),
`src`, `dst`, `suser` (else `duser`), `dhost`, `request`, `out` (bytes sent by the source),
`in` (bytes received).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime

from accord.discover.parsers.base import (
    BadLine,
    BaseParser,
    Event,
    Lines,
    Record,
    host_of,
    nz,
    sniff_share,
    to_int,
)
from accord.discover.parsers.timefmt import parse_any

_HEADER_SPLIT = re.compile(r"(?<!\\)\|")
_KEY = re.compile(r"(?:^|\s)([A-Za-z0-9_.\[\]-]+)=")
_CEF_TIMES = ("%b %d %Y %H:%M:%S.%f", "%b %d %Y %H:%M:%S", "%b %d %H:%M:%S.%f %Y", "%b %d %H:%M:%S %Y")


def _unescape(value: str) -> str:
    return value.replace("\\=", "=").replace("\\n", "\n").replace("\\r", "\r").replace("\\\\", "\\").strip()


def parse_extension(ext: str) -> dict[str, str]:
    keys = [m for m in _KEY.finditer(ext) if ext[m.start(1) - 1 : m.start(1)] != "\\"]
    out = {}
    for i, m in enumerate(keys):
        end = keys[i + 1].start() if i + 1 < len(keys) else len(ext)
        out[m.group(1)] = _unescape(ext[m.end() : end])
    return out


def cef_time(value: str | None) -> float | None:
    if not value:
        return None
    ts = parse_any(value)
    if ts is not None:
        return ts
    text = " ".join(value.split()[:4]) if len(value.split()) > 4 else value
    for fmt in _CEF_TIMES:
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=UTC).timestamp()
        except ValueError:
            continue
    return None


def split_cef(line: str) -> tuple[list[str], dict[str, str]] | None:
    at = line.find("CEF:")
    if at < 0:
        return None
    parts = _HEADER_SPLIT.split(line[at:].rstrip("\r\n"), maxsplit=7)
    if len(parts) < 8:
        return None
    return parts[:7], parse_extension(parts[7])


class Cef(BaseParser):
    name = "cef"
    family = "cef"
    description = "Common Event Format (CEF) proxy/firewall events, plain or syslog"

    def sniff(self, head: Sequence[str]) -> float:
        return sniff_share(head, lambda line: split_cef(line) is not None, 0.9)

    def parse(self, lines: Lines) -> Iterator[Record]:
        for no, raw in lines:
            if not raw.strip():
                continue
            parsed = split_cef(raw)
            if parsed is None:
                yield BadLine(no, raw, "not a CEF line (needs CEF: and 7 header fields)")
                continue
            _, ext = parsed
            ts = cef_time(ext.get("rt")) or cef_time(ext.get("end")) or cef_time(ext.get("start"))
            if ts is None:
                yield BadLine(no, raw, "no readable rt/end/start time")
                continue
            host = host_of(nz(ext.get("dhost"))) or host_of(nz(ext.get("request")) if "://" in ext.get("request", "") else None)
            dest = nz(ext.get("dst"))
            yield Event(
                ts,
                nz(ext.get("suser")) or nz(ext.get("duser")),
                nz(ext.get("src")),
                host,
                None if host else dest,
                to_int(ext.get("out")),
                to_int(ext.get("in")),
                "web" if host else "flow",
            )
