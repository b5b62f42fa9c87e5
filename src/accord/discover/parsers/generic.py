"""Anything else: CSV (with a header row) or JSON Lines, read through a user-given column mapping.

    accord discover proxy.csv --format csv --map ts=when --map user=who --map url=request \\
        --map device=client --map bytes_out=sent --map bytes_in=received

Mapping fields: `ts` (required; epoch s/ms/us/ns, ISO 8601, `YYYY-MM-DD HH:MM:SS`, CLF or
ctime), `host` and/or `url` (one required, or `dest_ip`), `user`, `device`, `dest_ip`,
`bytes_out`, `bytes_in`, `kind` (web|dns|tls|flow; default web, flow when only `dest_ip`).
For JSON Lines, a mapped name may be a dotted path into nested objects (`source.ip`).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from accord.discover.parsers.base import (
    KINDS,
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
from accord.errors import InputError

FIELDS = ("ts", "user", "device", "host", "url", "dest_ip", "bytes_out", "bytes_in", "kind")
ALIASES = {"client_ip": "device", "src": "device", "src_ip": "device", "time": "ts", "timestamp": "ts"}


def parse_mapping(items: Sequence[str] | Mapping[str, str]) -> dict[str, str]:
    """`["ts=when", "host=site"]` or a dict -> {field: column}, validated."""
    pairs = items.items() if isinstance(items, Mapping) else (i.split("=", 1) if "=" in i else (i, "") for i in items)
    out: dict[str, str] = {}
    for key, column in pairs:
        field = ALIASES.get(key.strip(), key.strip())
        if field not in FIELDS or not column.strip():
            raise InputError(
                f"bad mapping {key}={column!r}",
                hint=f"write FIELD=COLUMN with FIELD one of {', '.join(FIELDS)}, e.g. --map ts=time",
            )
        out[field] = column.strip()
    if "ts" not in out or not ({"host", "url", "dest_ip"} & set(out)):
        raise InputError(
            "the mapping needs ts= and one of host=, url= or dest_ip=", hint="e.g. --map ts=time --map host=domain"
        )
    return out


def _event(get: Any, mapping: Mapping[str, str]) -> Event | str:
    ts = parse_any(get(mapping["ts"]))
    if ts is None:
        return f"unreadable time in {mapping['ts']!r}"
    host = host_of(nz(get(mapping["host"]))) if "host" in mapping else None
    if host is None and "url" in mapping:
        host = host_of(nz(get(mapping["url"])))
    dest = nz(get(mapping["dest_ip"])) if "dest_ip" in mapping else None
    kind = (nz(get(mapping["kind"])) or "").lower() if "kind" in mapping else ""
    if kind not in KINDS:
        kind = "web" if host else "flow"
    return Event(
        ts,
        nz(get(mapping["user"])) if "user" in mapping else None,
        nz(get(mapping["device"])) if "device" in mapping else None,
        host,
        None if host else dest,
        to_int(get(mapping["bytes_out"])) if "bytes_out" in mapping else 0,
        to_int(get(mapping["bytes_in"])) if "bytes_in" in mapping else 0,
        kind,
    )


class GenericCsv(BaseParser):
    name = "csv"
    family = "csv"
    description = "Any CSV/TSV with a header row, through --map FIELD=COLUMN"

    def __init__(self, mapping: Mapping[str, str] | None = None) -> None:
        self.mapping = dict(mapping or {})

    def sniff(self, head: Sequence[str]) -> float:
        if not self.mapping or not head:
            return 0.0
        delim = max(",\t;|", key=head[0].count)
        names = set(next(csv.reader([head[0]], delimiter=delim), []))
        return 0.6 if set(self.mapping.values()) <= names else 0.0

    def parse(self, lines: Lines) -> Iterator[Record]:
        if not self.mapping:
            raise InputError("--format csv needs a column mapping", hint="add --map ts=COLUMN --map host=COLUMN ...")
        header: list[str] | None = None
        delim = ","
        for no, raw in lines:
            if not raw.strip():
                continue
            if header is None:
                delim = max(",\t;|", key=raw.count)
                header = next(csv.reader([raw.rstrip("\r\n")], delimiter=delim))
                missing = [c for c in self.mapping.values() if c not in header]
                if missing:
                    raise InputError(
                        f"column(s) {', '.join(missing)} not in the header ({', '.join(header)})",
                        hint="--map takes the header's column names",
                    )
                continue
            try:
                cells = next(csv.reader([raw.rstrip("\r\n")], delimiter=delim))
            except csv.Error as exc:
                yield BadLine(no, raw, f"CSV error: {exc}")
                continue
            if len(cells) != len(header):
                yield BadLine(no, raw, f"expected {len(header)} fields, got {len(cells)}")
                continue
            row = dict(zip(header, cells, strict=True))
            result = _event(row.get, self.mapping)
            yield result if isinstance(result, Event) else BadLine(no, raw, result)


def _dig(obj: Any, path: str) -> str | None:
    if isinstance(obj, dict) and path in obj:
        value = obj[path]
    else:
        value = obj
        for part in path.split("."):
            if not isinstance(value, dict) or part not in value:
                return None
            value = value[part]
    if value is None or isinstance(value, dict | list):
        return None
    return str(value)


class GenericJsonl(BaseParser):
    name = "jsonl"
    family = "jsonl"
    description = "Any JSON Lines log, through --map FIELD=KEY (dotted paths allowed)"

    def __init__(self, mapping: Mapping[str, str] | None = None) -> None:
        self.mapping = dict(mapping or {})

    def sniff(self, head: Sequence[str]) -> float:
        if not self.mapping:
            return 0.0
        def looks_right(line: str) -> bool:
            obj = json_object(line)
            return obj is not None and _dig(obj, self.mapping["ts"]) is not None

        return sniff_share(head, looks_right, 0.6)

    def parse(self, lines: Lines) -> Iterator[Record]:
        if not self.mapping:
            raise InputError("--format jsonl needs a key mapping", hint="add --map ts=KEY --map host=KEY ...")
        mapping = self.mapping

        def to_record(no: int, raw: str, obj: dict[str, Any]) -> Record:
            result = _event(lambda key: _dig(obj, key), mapping)
            return result if isinstance(result, Event) else BadLine(no, raw, result)

        yield from parse_json_lines(lines, to_record)
