"""Palo Alto Networks PAN-OS logs: TRAFFIC and URL filtering (THREAT, subtype url), CSV or syslog.

Syslog field order (PAN-OS "Syslog Field Descriptions"): `FUTURE_USE, Receive Time, Serial
Number, Type, Subtype, FUTURE_USE, Generated Time, Source Address, Destination Address, NAT
Source IP, NAT Destination IP, Rule Name, Source User, Destination User, Application, ...,
Action (30)`, then for TRAFFIC `Bytes, Bytes Sent, Bytes Received (31-33)` and for THREAT
`URL/Filename (31)`. A syslog header before the first field is skipped. Traffic logs name
only addresses: they are IP flows, named from the DNS/SNI logs given with them. Times are
the firewall's, read as UTC. Other log types are valid lines with nothing to report.
"""

from __future__ import annotations

import csv
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
from accord.discover.parsers.timefmt import ymd_hms

_START = re.compile(r"(?:^|[\s,>])(\d*,\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2},[^,]*,[A-Z]+,)")


def split_panos(line: str) -> list[str] | None:
    m = _START.search(line)
    if not m:
        return None
    try:
        return next(csv.reader([line[m.start(1) :].rstrip("\r\n")]))
    except (csv.Error, StopIteration):
        return None


class PaloAlto(BaseParser):
    name = "paloalto"
    family = "paloalto"
    description = "Palo Alto PAN-OS traffic and URL filtering logs (CSV export or syslog)"

    def sniff(self, head: Sequence[str]) -> float:
        def looks_right(line: str) -> bool:
            f = split_panos(line)
            return f is not None and len(f) > 31 and f[3] in ("TRAFFIC", "THREAT", "URL", "SYSTEM", "CONFIG")

        return sniff_share(head, looks_right, 0.95)

    def parse(self, lines: Lines) -> Iterator[Record]:
        for no, raw in lines:
            if not raw.strip():
                continue
            f = split_panos(raw)
            if f is None or len(f) < 8:
                yield BadLine(no, raw, "not a PAN-OS CSV log line")
                continue
            kind = f[3]
            if kind not in ("TRAFFIC", "THREAT", "URL"):
                yield IGNORED
                continue
            ts = ymd_hms(f[6]) or ymd_hms(f[1])
            if ts is None or len(f) < 32:
                yield BadLine(no, raw, "truncated PAN-OS line (needs 32 fields and a time)")
                continue
            user, device, dest = nz(f[12]), nz(f[7]), nz(f[8])
            if kind == "TRAFFIC":
                if len(f) < 34:
                    yield BadLine(no, raw, "truncated TRAFFIC line (no byte counts)")
                    continue
                yield Event(ts, user, device, None, dest, to_int(f[32]), to_int(f[33]), "flow")
            elif f[4] == "url" or kind == "URL":
                host = host_of(nz(f[31]))
                yield Event(ts, user, device, host, None if host else dest, 0, 0, "web")
            else:
                yield IGNORED
