"""Zeek logs: http, dns, ssl (and conn, for IP flows), as TSV with `#fields` headers or as JSON.

Which log it is comes from `#path` or, failing that, from the fields present:
`query` -> dns, `server_name` -> ssl, `method`/`host` -> http, `orig_bytes` -> conn.
Unset (`-`) and empty (`(empty)`) values are absent.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from accord.discover.parsers.base import (
    IGNORED,
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
from accord.discover.parsers.timefmt import parse_any

_EMPTY = ("-", "(empty)")


def kind_of(path: str | None, fields: Sequence[str] | Mapping[str, Any]) -> str | None:
    names = set(fields)
    path = (path or "").lower()
    if path.startswith("dns") or "query" in names:
        return "dns"
    if path.startswith("ssl") or "server_name" in names:
        return "tls"
    if path.startswith("http") or ("method" in names and "host" in names):
        return "web"
    if path.startswith("conn") or "orig_bytes" in names:
        return "flow"
    return None


def _event(kind: str, get: Any, ts: float) -> Event:
    device, dest = nz(get("id.orig_h"), *_EMPTY), nz(get("id.resp_h"), *_EMPTY)
    if kind == "dns":
        answers = nz(get("answers"), *_EMPTY)
        return Event(ts, None, device, host_of(nz(get("query"), *_EMPTY)), None, 0, 0, "dns", answers)
    if kind == "tls":
        return Event(ts, None, device, host_of(nz(get("server_name"), *_EMPTY)), dest, 0, 0, "tls")
    if kind == "web":
        return Event(
            ts,
            nz(get("username"), *_EMPTY),
            device,
            host_of(nz(get("host"), *_EMPTY)),
            dest,
            to_int(get("request_body_len")),
            to_int(get("response_body_len")),
            "web",
        )
    return Event(ts, None, device, None, dest, to_int(get("orig_bytes")), to_int(get("resp_bytes")), "flow")


class ZeekTsv(BaseParser):
    name = "zeek"
    family = "zeek"
    description = "Zeek http/dns/ssl/conn logs, TSV with #fields header"

    def sniff(self, head: Sequence[str]) -> float:
        return 0.98 if any(line.startswith("#fields\t") for line in head) else 0.0

    def parse(self, lines: Lines) -> Iterator[Record]:
        fields: list[str] = []
        path: str | None = None
        kind: str | None = None
        for no, raw in lines:
            line = raw.rstrip("\r\n")
            if not line:
                continue
            if line.startswith("#"):
                key, _, value = line.partition("\t")
                if key == "#fields":
                    fields = value.split("\t")
                    kind = kind_of(path, fields)
                elif key == "#path":
                    path = value
                    kind = kind_of(path, fields) if fields else None
                continue
            p = line.split("\t")
            if not fields or len(p) != len(fields):
                yield BadLine(no, raw, f"expected {len(fields)} tab-separated fields, got {len(p)}")
                continue
            row = dict(zip(fields, p, strict=True))
            try:
                ts = float(row.get("ts", ""))
            except ValueError:
                yield BadLine(no, raw, "ts is not a number")
                continue
            if kind is None:
                yield IGNORED
                continue
            yield _event(kind, row.get, ts)

    def native(self, head: Sequence[str]):
        from accord.discover.engine.native import zeek_tsv_spec

        fields: list[str] = []
        path = None
        for line in head:
            if line.startswith("#fields\t"):
                fields = line.rstrip("\r\n").split("\t")[1:]
            elif line.startswith("#path\t"):
                path = line.rstrip("\r\n").split("\t", 1)[1]
        kind = kind_of(path, fields) if fields else None
        return zeek_tsv_spec(fields, kind) if kind and "ts" in fields else None


class ZeekJson(BaseParser):
    name = "zeek-json"
    family = "zeek"
    description = "Zeek http/dns/ssl/conn logs, one JSON object per line"

    def sniff(self, head: Sequence[str]) -> float:
        def looks_right(line: str) -> bool:
            obj = json_object(line)
            return obj is not None and "id.orig_h" in obj and "ts" in obj

        return sniff_share(head, looks_right, 0.95)

    def parse(self, lines: Lines) -> Iterator[Record]:
        return parse_json_lines(lines, _json_record)


def _json_record(no: int, raw: str, obj: dict[str, Any]) -> Record:
    ts = parse_any(obj.get("ts"))
    if ts is None:
        return BadLine(no, raw, "no readable ts")
    kind = kind_of(obj.get("_path"), obj)
    if kind is None:
        return IGNORED

    def get(key: str) -> str | None:
        value = obj.get(key)
        if isinstance(value, list):  # JSON writer emits sets/vectors as arrays
            return ",".join(str(v) for v in value) if value else None
        return None if value is None else str(value)

    return _event(kind, get, ts)
