"""The terminal summary as rich renderables (the CLI prints them; library code never prints)."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text

from accord.discover.outputs.html import human_bytes
from accord.discover.result import DiscoveryResult, iso

_STYLE = {"unsanctioned": "bold red", "tolerated": "yellow", "sanctioned": "green"}


def summary(result: DiscoveryResult, *, top: int = 25) -> list[Any]:
    lines = result.lines
    out: list[Any] = []
    head = Text()
    head.append(f"{lines['total']:,} lines", style="bold")
    head.append(f"  parsed {lines['parsed']:,}  malformed {lines['malformed']:,}  ")
    head.append(f"{len(result.services)} AI services", style="bold")
    share = result.gateway.share
    if share is not None:
        head.append(f"  {share:.0%} of AI requests already via the Accord gateway")
    out.append(head)

    t = Table(title="AI services by risk", title_justify="left")
    for col in ("Service", "Category", "Status"):
        t.add_column(col)
    for col in ("Risk", "Users", "Requests", "Up", "Down"):
        t.add_column(col, justify="right")
    t.add_column("Last seen")
    for s in result.services[:top]:
        t.add_row(
            s.name + (" (new)" if s.new else ""),
            s.category_label,
            Text(s.status, style=_STYLE.get(s.status, "")),
            str(s.risk_score),
            f"{s.users:,}",
            f"{s.requests:,}",
            human_bytes(s.bytes_out),
            human_bytes(s.bytes_in),
            iso(s.last_seen) or "",
        )
    if len(result.services) > top:
        t.caption = f"{len(result.services) - top} more in the JSON/HTML outputs"
    out.append(t)

    if result.exfil:
        e = Table(title="Uploads far above the user's baseline", title_justify="left")
        for col in ("User", "Day", "Uploaded", "Baseline", "Service"):
            e.add_column(col)
        for a in result.exfil[:10]:
            e.add_row(a.user, a.day, human_bytes(a.bytes_out), human_bytes(a.baseline_bytes), a.service_id)
        out.append(e)
    if result.unmatched:
        u = Table(title="AI-like hosts not in the catalog", title_justify="left")
        u.add_column("Host")
        u.add_column("Requests", justify="right")
        u.add_column("Why")
        for h in result.unmatched[:10]:
            u.add_row(h.host, f"{h.requests:,}", h.reason)
        out.append(u)
    for src in result.sources:
        if src.malformed:
            out.append(Text(f"{src.path}: {src.malformed:,} malformed lines ({src.format}), e.g.:", style="yellow"))
            for sample in src.samples[:3]:
                where = f"line {sample['line']}: " if sample.get("line") else ""
                out.append(Text(f"  {where}{str(sample['text'])[:120]}", style="dim"))
    return out
