"""Zscaler NSS web logs: CSV/TSV feeds and JSON feeds.

The feed output format is configured per feed, so:
* CSV/TSV with a header row: columns are matched by NSS field name (`time`, `epochtime`, `login`,
  `eurl`/`url`, `ehost`/`host`, `cip`, `sip`, `reqsize`, `respsize`, ...);
* CSV without a header: the NSS default web feed order (`time, login, proto, eurl, action, appname,
  appclass, reqsize, respsize, ...` with `cip` and `sip` 22nd and 23rd);
* JSON: one object per line, flat or wrapped as `{"sourcetype": "zscalernss-web", "event": {...}}`,
  with NSS names or the SIEM names (`datetime`, `user`, `url`, `hostname`, `ClientIP`,
  `serverip`, `requestsize`, `responsesize`).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from typing import Any

from accord.discover.parsers.base import (
    BadLine,
    BaseParser,
    Event,
    Lines,
    Record,
    host_of,
    json_object,
    nz,
    parse_json_lines,
    sniff_share,
    to_int,
)
from accord.discover.parsers.timefmt import ctime, parse_any

_CTIME = re.compile(r"^[A-Z][a-z]{2} [A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2} \d{4}$")
#: Position of each field in the NSS default web feed.
DEFAULT_ORDER = {"time": 0, "login": 1, "proto": 2, "eurl": 3, "action": 4, "reqsize": 7, "respsize": 8, "dept": 20, "cip": 21, "sip": 22}
#: Our field -> names it may have (NSS variable names first, then SIEM feed names), lower case.
SYNONYMS = {
    "time": ("epochtime", "time", "datetime", "timestamp"),
    "user": ("login", "user", "ologin"),
    "url": ("eurl", "url"),
    "host": ("ehost", "host", "hostname"),
    "cip": ("cip", "clientip", "cintip", "clientinternalip"),
    "sip": ("sip", "serverip"),
    "out": ("reqsize", "requestsize"),
    "in": ("respsize", "responsesize"),
}
_NONE = ("-", "None", "NA", "N/A")
#: Keys of the JSON feed (NSS field names and common SIEM renames): three of them make a Zscaler line.
_JSON_KEYS = frozenset({"login", "eurl", "cip", "reqsize", "respsize", "urlcat", "clientip", "urlcategory", "requestsize"})


def _delimiter(line: str) -> str:
    return "\t" if line.count("\t") > line.count(",") else ","


def _pick(row: dict[str, str], field: str) -> str | None:
    for name in SYNONYMS[field]:
        value = row.get(name)
        if value not in (None, ""):
            return value
    return None


def _event(row: dict[str, str]) -> Event | None:
    ts = parse_any(_pick(row, "time"))
    if ts is None:
        return None
    url = nz(_pick(row, "url"), *_NONE)
    host = host_of(nz(_pick(row, "host"), *_NONE)) or host_of(url)
    return Event(
        ts,
        nz(_pick(row, "user"), *_NONE),
        nz(_pick(row, "cip"), *_NONE),
        host,
        nz(_pick(row, "sip"), *_NONE) if host is None else None,
        to_int(_pick(row, "out")),
        to_int(_pick(row, "in")),
        "web",
    )


class ZscalerCsv(BaseParser):
    name = "zscaler"
    family = "zscaler"
    description = "Zscaler NSS web log feed, CSV or TSV (header row or NSS default order)"

    def sniff(self, head: Sequence[str]) -> float:
        if not head:
            return 0.0
        first = next(csv.reader([head[0]], delimiter=_delimiter(head[0])), [])
        names = {c.strip().lower() for c in first}
        if {"login", "cip"} <= names or {"eurl", "cip"} <= names or {"epochtime", "reqsize"} <= names:
            return 0.9
        rows = list(csv.reader(head, delimiter=_delimiter(head[0])))
        return sniff_share(rows, lambda r: len(r) >= 23 and bool(_CTIME.match(r[0].strip())), 0.9)

    def parse(self, lines: Lines) -> Iterator[Record]:
        header: list[str] | None = None
        first = True
        delim = ","
        for no, raw in lines:
            if not raw.strip():
                continue
            if first:
                delim = _delimiter(raw)
            try:
                cells = next(csv.reader([raw.rstrip("\r\n")], delimiter=delim))
            except csv.Error as exc:
                yield BadLine(no, raw, f"CSV error: {exc}")
                continue
            if first:
                first = False
                names = [c.strip().lower() for c in cells]
                if any(n in names for n in ("login", "eurl", "cip", "epochtime", "reqsize", "time")) and not _CTIME.match(
                    cells[0].strip()
                ):
                    header = names
                    continue
            if header is not None:
                if len(cells) != len(header):
                    yield BadLine(no, raw, f"expected {len(header)} fields, got {len(cells)}")
                    continue
                row = dict(zip(header, cells, strict=True))
            else:
                if len(cells) < 23 or ctime(cells[0]) is None:
                    yield BadLine(no, raw, "not an NSS default-format web log line")
                    continue
                row = {name: cells[i] for name, i in DEFAULT_ORDER.items()}
            event = _event(row)
            yield event if event is not None else BadLine(no, raw, "no readable time")


def _flatten(obj: dict[str, Any]) -> dict[str, str]:
    event = obj.get("event")
    inner: dict[str, Any] = event if isinstance(event, dict) else obj
    return {str(k).lower(): ("" if v is None else str(v)) for k, v in inner.items()}


class ZscalerJson(BaseParser):
    name = "zscaler-json"
    family = "zscaler"
    description = "Zscaler NSS web log feed, JSON (flat or {sourcetype, event})"

    def sniff(self, head: Sequence[str]) -> float:
        def looks_right(line: str) -> bool:
            obj = json_object(line)
            if obj is None:
                return False
            if str(obj.get("sourcetype", "")).startswith("zscalernss-web"):
                return True
            return len(set(_flatten(obj)) & _JSON_KEYS) >= 3

        return sniff_share(head, looks_right, 0.92)

    def parse(self, lines: Lines) -> Iterator[Record]:
        def to_record(no: int, raw: str, obj: dict[str, Any]) -> Record:
            event = _event(_flatten(obj))
            return event if event is not None else BadLine(no, raw, "no readable time")

        return parse_json_lines(lines, to_record)
