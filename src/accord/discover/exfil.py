"""Uploads far above a user's own baseline (possible data exfiltration to an AI service).

For each user, take the bytes uploaded to AI services on each day the user used any AI
service in the window. A day is flagged when

    x >= exfil.min_bytes   and   z = (x - median) / (1.4826 * MAD) >= exfil.z_threshold

(robust z-score: median and median absolute deviation resist the outlier being looked for;
1.4826 scales MAD to a standard deviation for normal data). When MAD is 0 (most days alike),
any day above the median counts as z = infinity. Users need `exfil.min_days` active days.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import median

from accord.policy.sections.discover import ExfilSettings


@dataclass(frozen=True)
class ExfilAlert:
    user: str
    day: str
    bytes_out: int
    baseline_bytes: float
    z: float
    active_days: int
    #: The service that received most of that day's upload.
    service_id: str


def find_exfil(rows: Iterable[tuple[str, str, str, int]], settings: ExfilSettings) -> list[ExfilAlert]:
    """`rows`: (user, day, service_id, bytes_out), one per user/day/service."""
    per_day: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    top: dict[tuple[str, str], tuple[int, str]] = {}
    for user, day, sid, bo in rows:
        per_day[user][day] += int(bo)
        best = top.get((user, day))
        if best is None or (int(bo), sid) > best:
            top[(user, day)] = (int(bo), sid)
    alerts = []
    for user, days in per_day.items():
        if len(days) < settings.min_days:
            continue
        values = list(days.values())
        med = median(values)
        mad = median(abs(v - med) for v in values)
        for day, x in days.items():
            if x < settings.min_bytes or x <= med:
                continue
            z = math.inf if mad == 0 else (x - med) / (1.4826 * mad)
            if z >= settings.z_threshold:
                alerts.append(ExfilAlert(user, day, x, float(med), z, len(days), top[(user, day)][1]))
    alerts.sort(key=lambda a: (-a.bytes_out, a.user, a.day))
    return alerts
