"""Cisco Umbrella S3 log exports: DNS logs and web (proxy) logs, CSV with every field quoted.

DNS: `timestamp, most granular identity, identities, internal ip, external ip, action,
query type, response code, domain, categories[, most granular identity type, ...]`.
Web: `timestamp, policy identity label, internal client ip, external client ip, destination ip,
content type, action, url, referer, user agent, status code, request size, response size, ...,
policy identity type (22nd)`. The identity is taken as the user when its type names a user.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence

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
from accord.discover.parsers.timefmt import ymd_hms

_TS = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
_QTYPE = re.compile(r"^\d+ \([A-Za-z0-9*]+\)$")


def _rows(head: Sequence[str]) -> list[list[str]]:
    try:
        return [[c.strip() for c in r] for r in csv.reader(head, skipinitialspace=True)]
    except csv.Error:
        return []


def _cells(raw: str) -> list[str] | None:
    try:
        return [c.strip() for c in next(csv.reader([raw.rstrip("\r\n")], skipinitialspace=True))]
    except (csv.Error, StopIteration):
        return None


def _is_header(cells: list[str]) -> bool:
    return bool(cells) and cells[0].lower() in ("timestamp", "time", "date")


class UmbrellaDns(BaseParser):
    name = "umbrella-dns"
    family = "umbrella"
    description = "Cisco Umbrella DNS logs (S3 CSV export)"

    def sniff(self, head: Sequence[str]) -> float:
        rows = [r for r in _rows(head) if not _is_header(r)]
        return sniff_share(rows, lambda r: len(r) >= 9 and bool(_TS.match(r[0])) and bool(_QTYPE.match(r[6])), 0.95)

    def parse(self, lines: Lines) -> Iterator[Record]:
        for no, raw in lines:
            if not raw.strip():
                continue
            c = _cells(raw)
            if c is not None and _is_header(c):
                continue
            ts = ymd_hms(c[0]) if c else None
            if c is None or len(c) < 9 or ts is None or not c[8]:
                yield BadLine(no, raw, "not an Umbrella DNS log line")
                continue
            user = nz(c[1]) if len(c) > 10 and "user" in c[10].lower() else None
            yield Event(ts, user, nz(c[3]), host_of(c[8]), None, 0, 0, "dns")


class UmbrellaProxy(BaseParser):
    name = "umbrella-proxy"
    family = "umbrella"
    description = "Cisco Umbrella web/proxy logs (S3 CSV export)"

    def sniff(self, head: Sequence[str]) -> float:
        rows = [r for r in _rows(head) if not _is_header(r)]
        return sniff_share(
            rows, lambda r: len(r) >= 13 and bool(_TS.match(r[0])) and r[6].isupper() and ("/" in r[7] or "." in r[7]), 0.9
        )

    def parse(self, lines: Lines) -> Iterator[Record]:
        for no, raw in lines:
            if not raw.strip():
                continue
            c = _cells(raw)
            if c is not None and _is_header(c):
                continue
            ts = ymd_hms(c[0]) if c else None
            if c is None or len(c) < 13 or ts is None:
                yield BadLine(no, raw, "not an Umbrella web log line")
                continue
            user = nz(c[1]) if len(c) > 21 and "user" in c[21].lower() else None
            host = host_of(nz(c[7]))
            yield Event(ts, user, nz(c[2]), host, None if host else nz(c[4]), to_int(c[11]), to_int(c[12]), "web")
