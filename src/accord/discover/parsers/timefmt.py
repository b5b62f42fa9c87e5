"""Timestamps in the formats the log sources use, to UTC epoch seconds (None when unreadable)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

_NUM = re.compile(r"^-?\d+(\.\d+)?$")
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


def epoch_auto(value: float) -> float:
    """Epoch in s, ms, us or ns, told apart by magnitude (valid for dates after 1973)."""
    if value > 1e17:
        return value / 1e9
    if value > 1e14:
        return value / 1e6
    if value > 1e11:
        return value / 1e3
    return value


def _utc(dt: datetime) -> float:
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.timestamp()


def parse_any(value: str | float | int | None) -> float | None:
    """Epoch numbers (any unit), ISO 8601, `YYYY-MM-DD HH:MM:SS`, `YYYY/MM/DD ...`, CLF, ctime."""
    if value is None:
        return None
    if isinstance(value, int | float):
        return epoch_auto(float(value))
    text = value.strip().strip('"')
    if not text or text == "-":
        return None
    if _NUM.match(text):
        return epoch_auto(float(text))
    iso = text.replace("/", "-", 2) if re.match(r"^\d{4}/\d{2}/\d{2}", text) else text
    if iso.endswith("Z"):
        iso = iso[:-1] + "+00:00"
    try:
        return _utc(datetime.fromisoformat(iso))
    except ValueError:
        pass
    for fn in (clf, ctime):
        ts = fn(text)
        if ts is not None:
            return ts
    return None


def clf(text: str) -> float | None:
    """`10/Oct/2000:13:55:36 -0700` (brackets allowed)."""
    text = text.strip("[]")
    try:
        return datetime.strptime(text, "%d/%b/%Y:%H:%M:%S %z").timestamp()
    except ValueError:
        return None


def ctime(text: str) -> float | None:
    """`Mon Jun 20 15:29:11 2022` (Zscaler NSS `%s{time}`), taken as UTC."""
    parts = text.split()
    if len(parts) != 5:
        return None
    try:
        month = _MONTHS[parts[1][:3].lower()]
        h, m, s = (int(x) for x in parts[3].split(":"))
        return datetime(int(parts[4]), month, int(parts[2]), h, m, s, tzinfo=UTC).timestamp()
    except (KeyError, ValueError):
        return None


def ymd_hms(text: str) -> float | None:
    """`2024-01-15 10:15:32` or `2024/01/15 10:15:32`, taken as UTC."""
    text = text.strip()
    if len(text) < 19 or text[4] not in "-/" or text[10] != " ":
        return None
    try:
        return datetime(
            int(text[0:4]), int(text[5:7]), int(text[8:10]), int(text[11:13]), int(text[14:16]), int(text[17:19]), tzinfo=UTC
        ).timestamp()
    except ValueError:
        return None
