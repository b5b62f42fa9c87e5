"""A self-contained HTML report: inline CSS and SVG charts, no scripts, no external assets."""

from __future__ import annotations

from collections import defaultdict
from html import escape

from accord.discover.result import DiscoveryResult, iso

STATUS_COLOURS = {"unsanctioned": "#c0392b", "tolerated": "#d68910", "sanctioned": "#1e8449"}
SERIES = ("#2e86c1", "#c0392b", "#7d3c98", "#17a589", "#d68910", "#5d6d7e")
_CSS = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#1c2833;max-width:1200px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d5d8dc;padding-bottom:4px}
.muted{color:#5d6d7e}.cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
.card{border:1px solid #d5d8dc;border-radius:6px;padding:10px 14px;min-width:130px}
.card b{display:block;font-size:20px}table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eaecee;vertical-align:top}
th{background:#f4f6f7}td.n{text-align:right;font-variant-numeric:tabular-nums}
.status{padding:1px 6px;border-radius:3px;color:#fff;font-size:12px}
svg text{font:11px system-ui,sans-serif;fill:#1c2833}code{font-size:12px;word-break:break-all}
"""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def human_bytes(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if abs(n) < 1024 or unit == "TB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} TB"  # pragma: no cover


def _status(status: str) -> str:
    return f'<span class="status" style="background:{STATUS_COLOURS.get(status, "#5d6d7e")}">{_e(status)}</span>'


def bar_chart(rows: list[tuple[str, float, str]], *, unit: str = "", width: int = 560) -> str:
    """Horizontal bars: (label, value, colour)."""
    if not rows:
        return '<p class="muted">Nothing to show.</p>'
    label_w, bar_h, gap = 190, 16, 6
    top = max(v for _, v, _ in rows) or 1
    h = len(rows) * (bar_h + gap) + 4
    parts = [f'<svg role="img" width="{width}" height="{h}" viewBox="0 0 {width} {h}">']
    for i, (label, value, colour) in enumerate(rows):
        y = i * (bar_h + gap)
        w = max(1.0, (width - label_w - 70) * value / top)
        parts.append(f'<text x="{label_w - 6}" y="{y + 12}" text-anchor="end">{_e(label[:30])}</text>')
        parts.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colour}"/>')
        shown = f"{value:,.0f}{unit}"
        parts.append(f'<text x="{label_w + w + 4:.1f}" y="{y + 12}">{_e(shown)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def trend_chart(result: DiscoveryResult, *, width: int = 760, height: int = 220, top_n: int = 5) -> str:
    """Requests per day for the busiest services, one line each."""
    top = sorted(result.services, key=lambda s: -s.requests)[:top_n]
    days = sorted({d.day for s in top for d in s.daily})
    if not days:
        return '<p class="muted">No dated activity.</p>'
    left, bottom, right = 50, 30, 150
    peak = max((d.requests for s in top for d in s.daily), default=1) or 1
    xs = {day: left + (width - left - right) * (i / max(1, len(days) - 1)) for i, day in enumerate(days)}

    def y(v: float) -> float:
        return 10 + (height - bottom - 10) * (1 - v / peak)

    out = [f'<svg role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">']
    out.append(f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" stroke="#aab7b8"/>')
    out.append(f'<text x="{left - 6}" y="{y(peak) + 4:.1f}" text-anchor="end">{peak:,}</text>')
    out.append(f'<text x="{left - 6}" y="{height - bottom + 4}" text-anchor="end">0</text>')
    for day in (days[0], days[-1]):
        out.append(f'<text x="{xs[day]:.1f}" y="{height - 10}" text-anchor="middle">{_e(day)}</text>')
    for i, svc in enumerate(top):
        colour = SERIES[i % len(SERIES)]
        by_day = {d.day: d.requests for d in svc.daily}
        pts = " ".join(f"{xs[day]:.1f},{y(by_day.get(day, 0)):.1f}" for day in days)
        out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{pts}"/>')
        out.append(f'<rect x="{width - right + 10}" y="{14 + i * 18}" width="10" height="10" fill="{colour}"/>')
        out.append(f'<text x="{width - right + 24}" y="{23 + i * 18}">{_e(svc.name[:20])}</text>')
    out.append("</svg>")
    return "".join(out)


def heat_map(result: DiscoveryResult, *, top_n: int = 12) -> str:
    """Departments x services, cell shade by number of users."""
    names = {s.id: s.name for s in result.services}
    services = [s.id for s in sorted(result.services, key=lambda s: -s.users)[:top_n]]
    cells: dict[tuple[str, str], int] = defaultdict(int)
    depts: list[str] = []
    for d in result.departments:
        if d.service_id in services:
            cells[(d.department, d.service_id)] += d.users
            if d.department not in depts:
                depts.append(d.department)
    if not depts:
        return '<p class="muted">No department data (pass --identity users.csv).</p>'
    cw, ch, left, top = 64, 22, 160, 110
    peak = max(cells.values()) or 1
    w, h = left + cw * len(services) + 10, top + ch * len(depts) + 10
    out = [f'<svg role="img" width="{w}" height="{h}" viewBox="0 0 {w} {h}">']
    for j, sid in enumerate(services):
        x = left + j * cw + cw / 2
        out.append(f'<text transform="translate({x:.0f},{top - 6}) rotate(-45)">{_e(names[sid][:18])}</text>')
    for i, dept in enumerate(depts):
        yy = top + i * ch
        out.append(f'<text x="{left - 6}" y="{yy + 15}" text-anchor="end">{_e(dept[:24])}</text>')
        for j, sid in enumerate(services):
            v = cells.get((dept, sid), 0)
            shade = 0.08 + 0.92 * v / peak if v else 0.0
            out.append(
                f'<rect x="{left + j * cw}" y="{yy}" width="{cw - 2}" height="{ch - 2}" '
                f'fill="rgba(192,57,43,{shade:.2f})" stroke="#eaecee"><title>{_e(dept)} / {_e(names[sid])}: {v} users</title></rect>'
            )
            if v:
                out.append(f'<text x="{left + j * cw + cw / 2 - 1:.0f}" y="{yy + 15}" text-anchor="middle">{v}</text>')
    out.append("</svg>")
    return "".join(out)


def _services_table(result: DiscoveryResult) -> str:
    rows = []
    for s in result.services:
        rows.append(
            "<tr>"
            f"<td>{_e(s.name)}{' <b>new</b>' if s.new else ''}<br><span class=muted>{_e(s.vendor)}</span></td>"
            f"<td>{_e(s.category_label)}</td><td>{_status(s.status)}</td><td class=n>{s.risk_score}</td>"
            f"<td class=n>{s.users:,}</td><td class=n>{s.requests:,}</td>"
            f"<td class=n>{_e(human_bytes(s.bytes_out))}</td><td class=n>{_e(human_bytes(s.bytes_in))}</td>"
            f"<td>{_e(iso(s.first_seen))}<br>{_e(iso(s.last_seen))}</td>"
            f"<td><code>{_e(' '.join(s.hosts[:6]))}{' ...' if len(s.hosts) > 6 else ''}</code></td></tr>"
        )
    head = (
        "<tr><th>Service</th><th>Category</th><th>Status</th><th>Risk</th><th>Users</th><th>Requests</th>"
        "<th>Up</th><th>Down</th><th>First / last seen</th><th>Hosts</th></tr>"
    )
    return f"<table>{head}{''.join(rows)}</table>" if rows else '<p class="muted">No AI services seen.</p>'


def _samples(samples: list[dict[str, object]]) -> str:
    return "<br>".join(f"<code>{_e(x.get('text', ''))}</code>" for x in samples)


def render_report(result: DiscoveryResult, *, title: str = "Shadow AI discovery") -> str:
    lines = result.lines
    unsanctioned = sum(1 for s in result.services if s.status == "unsanctioned")
    users = len({u.user for u in result.users})
    share = result.gateway.share
    cards = [
        ("Log lines", f"{lines['total']:,}"),
        ("Malformed", f"{lines['malformed']:,}"),
        ("AI services", str(len(result.services))),
        ("Unsanctioned", str(unsanctioned)),
        ("AI users", f"{users:,}"),
        ("Via Accord gateway", "n/a" if share is None else f"{share:.0%}"),
    ]
    by_risk = [(s.name, float(s.risk_score), STATUS_COLOURS.get(s.status, "#5d6d7e")) for s in result.services[:15]]
    by_volume = sorted(result.services, key=lambda s: -s.requests)[:15]
    volume = [(s.name, float(s.requests), STATUS_COLOURS.get(s.status, "#5d6d7e")) for s in by_volume]
    upload = [(s.name, s.bytes_out / 1e6, "#7d3c98") for s in sorted(result.services, key=lambda s: -s.bytes_out)[:10] if s.bytes_out]
    unmatched = "".join(
        f"<tr><td><code>{_e(u.host)}</code></td><td class=n>{u.requests:,}</td><td>{_e(u.reason)}</td></tr>"
        for u in result.unmatched[:100]
    )
    exfil = "".join(
        f"<tr><td>{_e(a.user)}</td><td>{_e(a.day)}</td><td class=n>{_e(human_bytes(a.bytes_out))}</td>"
        f"<td class=n>{_e(human_bytes(a.baseline_bytes))}</td><td class=n>{'inf' if a.z == float('inf') else f'{a.z:.1f}'}</td>"
        f"<td>{_e(a.service_id)}</td></tr>"
        for a in result.exfil
    )
    sources = "".join(
        f"<tr><td><code>{_e(s.path)}</code></td><td>{_e(s.format)}</td><td class=n>{s.total:,}</td>"
        f"<td class=n>{s.parsed:,}</td><td class=n>{s.malformed:,}</td><td>{_samples(s.samples)}</td></tr>"
        for s in result.sources
    )
    window = f"{_e(iso(result.first_seen) or '-')} to {_e(iso(result.last_seen) or '-')}"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)}</title><style>{_CSS}</style></head><body>
<h1>{_e(title)}</h1>
<p class="muted">Generated {_e(iso(result.generated_at))} by Accord ({_e(result.engine)}); activity {window}.</p>
<div class="cards">{"".join(f'<div class="card"><b>{_e(v)}</b>{_e(k)}</div>' for k, v in cards)}</div>
<h2>Top services by risk</h2>{bar_chart(by_risk)}
<h2>Top services by volume (requests)</h2>{bar_chart(volume)}
<h2>Uploads (MB)</h2>{bar_chart(upload, unit=" MB")}
<h2>Trend over time (requests per day)</h2>{trend_chart(result)}
<h2>Departments &times; services (users)</h2>{heat_map(result)}
<h2>All AI services seen</h2>{_services_table(result)}
<h2>Possible exfiltration (uploads far above the user's baseline)</h2>
{f"<table><tr><th>User</th><th>Day</th><th>Uploaded</th><th>Baseline</th><th>z</th><th>Service</th></tr>{exfil}</table>" if exfil else '<p class="muted">None.</p>'}
<h2>Hosts that look like AI but are not in the catalog</h2>
{f"<table><tr><th>Host</th><th>Requests</th><th>Why</th></tr>{unmatched}</table>" if unmatched else '<p class="muted">None.</p>'}
<h2>Sources</h2>
<table><tr><th>File</th><th>Format</th><th>Lines</th><th>Parsed</th><th>Malformed</th><th>Malformed examples</th></tr>{sources}</table>
</body></html>
"""
