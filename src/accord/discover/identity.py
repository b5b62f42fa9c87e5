"""`--identity users.csv`: who is behind an address, and which department they belong to.

A CSV with a header row and any of the columns `ip`, `user`, `department` (alias `dept`).
A row with `ip` names the user of that address (for logs without user names) and/or its
department; a row with only `user` gives that user's department.

    ip,user,department
    10.1.0.15,alice,Finance
    ,bob,Engineering
"""

from __future__ import annotations

import csv
import ipaddress
from dataclasses import dataclass, field
from pathlib import Path

from accord.errors import InputError


@dataclass(frozen=True)
class IdentityMap:
    #: ip -> (user or None, department or None)
    by_ip: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    #: user -> department
    by_user: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.by_ip or self.by_user)


def load_identity(path: Path) -> IdentityMap:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"{path}: cannot read identity file ({exc.strerror or exc})") from None
    rows = csv.reader(text.splitlines())
    header = [h.strip().lower() for h in next(rows, [])]
    header = ["department" if h == "dept" else h for h in header]
    if not ({"ip", "user"} & set(header)) or not ({"user", "department"} & set(header)):
        raise InputError(
            f"{path}:1: the header needs 'ip' or 'user', and 'user' or 'department' (got {', '.join(header) or 'nothing'})",
            hint="e.g. ip,user,department",
        )
    by_ip: dict[str, tuple[str | None, str | None]] = {}
    by_user: dict[str, str] = {}
    for no, cells in enumerate(rows, 2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            raise InputError(
                f"{path}:{no}: expected {len(header)} columns ({', '.join(header)}), got {len(cells)}",
                hint="give every row the header's columns (leave a cell empty rather than out; quote values that contain commas)",
            )
        row = {h: c.strip() or None for h, c in zip(header, cells, strict=True)}
        ip, user, dept = row.get("ip"), row.get("user"), row.get("department")
        if ip:
            try:
                ipaddress.ip_address(ip)
            except ValueError:
                raise InputError(
                    f"{path}:{no}: {ip!r} is not an IP address", hint="write an IPv4 or IPv6 address, or leave the cell empty"
                ) from None
            by_ip[ip] = (user, dept)
        if user and dept:
            by_user[user] = dept
    return IdentityMap(by_ip, by_user)
