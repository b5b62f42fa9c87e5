"""The log-source protocol: one small class per format, registered like a plugin.

A parser turns lines into `Event`s (one per log record), `IGNORED` (a valid record that says
nothing about web use, e.g. a firewall's system log) or `BadLine` (malformed: counted and
sampled, never fatal). Header and comment lines yield nothing and are not counted.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypeVar

if TYPE_CHECKING:
    from accord.discover.engine.native import NativeSpec

#: What an event is evidence of: a proxied web request, a DNS lookup, a TLS handshake (SNI) or
#: an IP flow that only names addresses (named later from DNS answers and SNI).
KINDS = ("web", "dns", "tls", "flow")


class Event(NamedTuple):
    ts: float
    user: str | None
    device: str | None
    host: str | None
    dest_ip: str | None
    bytes_out: int
    bytes_in: int
    kind: str
    #: DNS answers (comma-separated addresses), used to name IP-only flows.
    answers: str | None = None


class BadLine(NamedTuple):
    line_no: int
    text: str
    reason: str


class _Ignored:
    __slots__ = ()

    def __repr__(self) -> str:
        return "IGNORED"


IGNORED = _Ignored()
Record = Event | BadLine | _Ignored
Lines = Iterable[tuple[int, str]]


class LogParser(Protocol):
    """The extension point. `parse` must never raise on bad input: it yields BadLine instead."""

    #: Unique name used by `--format` (e.g. `squid`, `zeek-json`).
    name: str
    #: Family, also accepted by `--format` (auto-detection among its members).
    family: str
    description: str

    def sniff(self, head: Sequence[str]) -> float:
        """Confidence 0..1 that `head` (the first non-empty lines) is this format."""
        ...

    def parse(self, lines: Lines) -> Iterator[Record]: ...

    def native(self, head: Sequence[str]) -> NativeSpec | None:
        """A SQL form of this parser for the engines' fast path, or None."""
        ...


class BaseParser:
    """Defaults for the optional parts of the protocol."""

    name = ""
    family = ""
    description = ""

    def native(self, head: Sequence[str]) -> NativeSpec | None:
        return None


def nz(value: str | None, *empties: str) -> str | None:
    """None for empty and placeholder values ('-' by default)."""
    if value is None:
        return None
    value = value.strip()
    if not value or value in (empties or ("-",)):
        return None
    return value


def to_int(value: str | None) -> int:
    """Byte counts: digits only; anything else (absent, '-') is 0."""
    if value is None:
        return 0
    value = value.strip()
    return int(value) if value.isdigit() else 0


def host_of(url: str | None) -> str | None:
    """Host part of a URL, `host:port` (CONNECT) or bare host; the same rules as the SQL fast path."""
    if not url:
        return None
    rest = url.split("://", 1)[1] if "://" in url else url
    host = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if "@" in host:
        host = host.rsplit("@", 1)[1]
    host = host.split(":", 1)[0].lower().rstrip(".")
    return host or None


T = TypeVar("T")


def sniff_share(items: Sequence[T], looks_right: Callable[[T], bool], confidence: float) -> float:
    """`confidence` when at least half of `items` (head lines, or rows parsed from them) look right."""
    hits = sum(1 for item in items if looks_right(item))
    return confidence if items and hits >= max(1, len(items) // 2) else 0.0


def json_object(line: str) -> dict[str, Any] | None:
    """`line` as a JSON object; None when it is not JSON or not an object."""
    try:
        obj = json.loads(line)
    except ValueError:
        return None
    return obj if isinstance(obj, dict) else None


def parse_json_lines(lines: Lines, to_record: Callable[[int, str, dict[str, Any]], Record]) -> Iterator[Record]:
    """The common loop of JSON-lines formats: blank lines skipped, lines that are not a JSON object
    are BadLines, every object becomes `to_record(line_no, raw, obj)`."""
    for no, raw in lines:
        line = raw.strip()
        if not line:
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            yield BadLine(no, raw, "not valid JSON")
            continue
        if not isinstance(obj, dict):
            yield BadLine(no, raw, "not a JSON object")
            continue
        yield to_record(no, raw, obj)


def first_lines(lines: Iterable[str], n: int = 20) -> list[str]:
    out = []
    for line in lines:
        if line.strip():
            out.append(line)
            if len(out) >= n:
                break
    return out
