"""Squid access.log: the native format and the common/combined (Apache-style) formats.

Native (`logformat squid`): `time elapsed client code/status bytes method URL user hier/peer type`,
where `time` is epoch seconds with milliseconds and `elapsed` is space-padded. The fields after
`elapsed` are single-space separated, so they are read from the end of the line: the same rule
the SQL fast path applies, which keeps both paths line-for-line identical.

Common/combined (`logformat common|combined`):
`client ident user [dd/Mon/yyyy:HH:MM:SS +zone] "METHOD URL HTTP/x" status bytes ["ref" "ua"] code:hier`.
Native logs carry only the reply size, so `bytes_out` (upload) is 0 for Squid.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from accord.discover.parsers.base import BadLine, BaseParser, Event, Lines, Record, host_of, nz, sniff_share
from accord.discover.parsers.timefmt import clf

_NATIVE_SNIFF = re.compile(r"^\s*\d{9,11}\.\d{3}\s+-?\d+\s+\S+\s+[A-Z_]+/\d{3}\s+\d+\s+[A-Z_]+\s+\S+")
_CLF_SNIFF = re.compile(r'^\S+ \S+ \S+ \[\d{2}/[A-Za-z]{3}/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4}\] "[A-Z_]+ \S+')


def _float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


class SquidNative(BaseParser):
    name = "squid"
    family = "squid"
    description = "Squid native access.log (logformat squid)"

    def sniff(self, head: Sequence[str]) -> float:
        return sniff_share(head, lambda line: _NATIVE_SNIFF.match(line) is not None, 0.95)

    def parse(self, lines: Lines) -> Iterator[Record]:
        for no, raw in lines:
            line = raw.rstrip("\r\n")
            if not line:
                continue
            p = line.split(" ")
            ts = _float(p[0])
            if len(p) < 10 or ts is None or not p[-6].isdigit() or "/" not in p[-7] or not p[-4]:
                yield BadLine(no, raw, "not a Squid native line")
                continue
            yield Event(ts, nz(p[-3]), p[-8], host_of(p[-4]), None, 0, int(p[-6]), "web")

    def native(self, head: Sequence[str]):
        from accord.discover.engine.native import squid_native_spec

        return squid_native_spec()


class SquidCommon(BaseParser):
    name = "squid-common"
    family = "squid"
    description = "Squid common / combined access.log (logformat common, combined)"

    def sniff(self, head: Sequence[str]) -> float:
        return sniff_share(head, lambda line: _CLF_SNIFF.match(line) is not None, 0.9)

    def parse(self, lines: Lines) -> Iterator[Record]:
        for no, raw in lines:
            line = raw.rstrip("\r\n")
            if not line:
                continue
            q = line.split('"')
            if len(q) < 3:
                yield BadLine(no, raw, "no quoted request")
                continue
            a = q[0].strip().split(" ")
            r = q[1].split(" ")
            s = q[2].strip().split(" ")
            ts = clf(a[3][1:] + " " + a[4].replace("]", "")) if len(a) >= 5 else None
            if len(a) < 5 or len(r) < 2 or len(s) < 2 or ts is None or not s[0].isdigit():
                yield BadLine(no, raw, "not a common/combined log line")
                continue
            bytes_in = int(s[1]) if s[1].isdigit() else 0
            yield Event(ts, nz(a[2]), a[0], host_of(r[1]), None, 0, bytes_in, "web")

    def native(self, head: Sequence[str]):
        from accord.discover.engine.native import squid_common_spec

        return squid_common_spec()
