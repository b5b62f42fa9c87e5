"""The coaching page the redirects point to (`GET /coach?host=...`, mounted by the gateway).

Says which service was blocked and why (its status in the policy and its documented risk
attributes) and how to reach the sanctioned alternative. Plain HTML, inline CSS, no scripts,
no external assets; every value from the query string or the catalog is escaped.
"""

from __future__ import annotations

from html import escape
from typing import Any

from accord.discover.catalog import Catalog
from accord.discover.catalog.matcher import normalize
from accord.discover.risk import risk_breakdown, service_status
from accord.policy.sections.discover import DiscoverPolicy

_LABELS = {
    "trains_on_inputs": "Trains its models on what you type by default",
    "retention": "Keeps your data",
    "no_enterprise_tier": "No enterprise plan",
    "no_sso": "No single sign-on",
    "no_soc2": "No SOC 2 report",
    "no_iso27001": "No ISO 27001 certificate",
    "jurisdiction": "Headquarters in a jurisdiction our policy flags",
    "data_residency": "Cannot keep data in our required regions",
}
_CSS = (
    "body{font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:720px;margin:40px auto;"
    "padding:0 16px;color:#1c2833}h1{font-size:22px}table{border-collapse:collapse;width:100%}"
    "td,th{text-align:left;padding:5px 8px;border-bottom:1px solid #eaecee}.box{border:1px solid #d5d8dc;"
    "border-radius:6px;padding:12px 16px;background:#f8f9f9}.muted{color:#5d6d7e}code{font-size:14px}"
)


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _policy(policy: Any) -> DiscoverPolicy:
    """Accept the whole Policy (`policy.discover`) or the section itself."""
    return policy if isinstance(policy, DiscoverPolicy) else policy.discover


def render_coach_page(host: str, *, catalog: Catalog, policy: Any) -> str:
    pol = _policy(policy)
    shown_host = (host or "")[:253]
    svc = catalog.match(normalize(shown_host)) if shown_host else None
    alt = pol.sanctioned_alternative
    if svc is None:
        title = "This site was blocked by your organisation's AI policy"
        why = (
            f"<p><code>{_e(shown_host) or '(no host given)'}</code> is not in the AI service catalog, "
            "but a rule in your organisation's policy sent you here.</p>"
        )
    else:
        status = service_status(svc.id, pol)
        breakdown = risk_breakdown(svc.risk, pol)
        rows = "".join(
            f"<tr><td>{_e(_LABELS.get(f.name, f.name))}</td><td>{_e(f.observed)}</td></tr>" for f in breakdown.factors
        )
        attrs = svc.risk
        regions = attrs.data_regions if isinstance(attrs.data_regions, str) else ", ".join(attrs.data_regions)
        title = f"{svc.name} is not approved for company use"
        why = (
            f"<p>You tried to reach <code>{_e(shown_host)}</code>, which belongs to <b>{_e(svc.name)}</b> "
            f"({_e(svc.vendor)}, {_e(svc.category_label)}). Its status in the company AI policy is "
            f"<b>{_e(status)}</b>; its risk score is <b>{breakdown.score}</b>/100.</p>"
            f"<table><tr><th>What we check</th><th>What is publicly documented</th></tr>{rows}"
            f"<tr><td>Headquarters</td><td>{_e(attrs.hq_country)}</td></tr>"
            f"<tr><td>Data regions on offer</td><td>{_e(regions)}</td></tr></table>"
            "<p class=muted>\u201cunknown\u201d means the vendor does not document it publicly; "
            "the score counts that as a partial risk.</p>"
        )
        if svc.notes:
            why += f"<p class=muted>{_e(svc.notes)}</p>"
    steps = []
    if alt.route:
        steps.append(f"<li>Ask for the model <code>{_e(alt.route)}</code>.</li>")
    if alt.how_to_get_key:
        steps.append(f"<li>{_e(alt.how_to_get_key)}</li>")
    if alt.quickstart_url:
        steps.append(f'<li>Follow the quick start: <a href="{_e(alt.quickstart_url)}">{_e(alt.quickstart_url)}</a></li>')
    if alt.contact:
        steps.append(f"<li>Questions: {_e(alt.contact)}</li>")
    steps_html = f"<ol>{''.join(steps)}</ol>" if steps else ""
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{_e(title)}</h1>{why}"
        f"<div class=box><h2>Use {_e(alt.name)} instead</h2>"
        "<p>It gives you the same kind of AI help through the company gateway, which checks prompts for "
        "personal data and secrets before they leave.</p>"
        f"{steps_html}</div></body></html>\n"
    )
