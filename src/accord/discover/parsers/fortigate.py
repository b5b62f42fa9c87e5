"""FortiGate (FortiOS) logs in key=value form, from disk or syslog.

Fields used (FortiOS Log Message Reference): `date`, `time`, `tz`, `eventtime`, `type`,
`subtype`, `srcip`, `dstip`, `user`, `hostname`, `url`, `sentbyte`, `rcvdbyte`. Web filter and
traffic logs with a `hostname` are web requests; traffic logs without one are IP flows.
Event and other log types are valid lines with nothing to report.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from accord.discover.parsers.base import (
    IGNORED,
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
from accord.discover.parsers.timefmt import epoch_auto, ymd_hms

_KV = re.compile(r'([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|[^\s"]*)')


def parse_kv(line: str) -> dict[str, str]:
    out = {}
    for key, value in _KV.findall(line):
        if value.startswith('"') and value.endswith('"') and len(value) >= 2:
            value = value[1:-1].replace('\\"', '"')
        out[key] = value
    return out


def _tz_offset(tz: str | None) -> float:
    m = re.match(r"^([+-])(\d{2}):?(\d{2})$", tz or "")
    if not m:
        return 0.0
    sign = 1 if m.group(1) == "+" else -1
    return sign * (int(m.group(2)) * 3600 + int(m.group(3)) * 60)


def fortigate_time(kv: dict[str, str]) -> float | None:
    ev = kv.get("eventtime", "")
    if ev.isdigit():
        return epoch_auto(float(ev))
    if "date" in kv and "time" in kv:
        local = ymd_hms(f"{kv['date']} {kv['time']}")
        return None if local is None else local - _tz_offset(kv.get("tz"))
    return None


class FortiGate(BaseParser):
    name = "fortigate"
    family = "fortigate"
    description = "FortiGate / FortiOS key=value logs (traffic, webfilter)"

    def sniff(self, head: Sequence[str]) -> float:
        def looks_right(line: str) -> bool:
            kv = parse_kv(line)
            return "logid" in kv and "type" in kv and ("date" in kv or "eventtime" in kv)

        return sniff_share(head, looks_right, 0.95)

    def parse(self, lines: Lines) -> Iterator[Record]:
        for no, raw in lines:
            if not raw.strip():
                continue
            kv = parse_kv(raw)
            if "type" not in kv:
                yield BadLine(no, raw, "no type= field")
                continue
            ts = fortigate_time(kv)
            if ts is None:
                yield BadLine(no, raw, "no readable date/time or eventtime")
                continue
            if kv["type"] not in ("traffic", "utm"):
                yield IGNORED
                continue
            host = host_of(nz(kv.get("hostname")))
            dest = nz(kv.get("dstip"))
            if host is None and dest is None:
                yield IGNORED
                continue
            yield Event(
                ts,
                nz(kv.get("user")) or nz(kv.get("unauthuser")),
                nz(kv.get("srcip")),
                host,
                None if host else dest,
                to_int(kv.get("sentbyte")),
                to_int(kv.get("rcvdbyte")),
                "web" if host else "flow",
            )
