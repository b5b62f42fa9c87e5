"""`accord catalog list|show|search`: browse the AI service catalog (with your own entries)."""

from __future__ import annotations

import json
from typing import Any

import click

from accord.cli.common import home_option, resolve_home


def _load(home: str | None) -> tuple[Any, Any]:
    from accord.discover.settings import catalog_for, load_discover_policy

    hm = resolve_home(home)
    policy, path = load_discover_policy(hm)
    return catalog_for(policy, path), policy


def _row(svc: Any, policy: Any) -> dict[str, Any]:
    from accord.discover.risk import risk_breakdown, service_status

    b = risk_breakdown(svc.risk, policy)
    return {
        "id": svc.id,
        "name": svc.name,
        "vendor": svc.vendor,
        "category": svc.category,
        "status": service_status(svc.id, policy),
        "risk_score": b.score,
        "domains": list(svc.domains),
        "patterns": list(svc.patterns),
        "detectable": svc.detectable,
    }


def _table(rows: list[dict[str, Any]], title: str) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(title=title, title_justify="left")
    for col in ("id", "name", "category", "status", "risk", "hosts"):
        t.add_column(col, justify="right" if col == "risk" else "left")
    for r in rows:
        hosts = " ".join([*r["domains"], *r["patterns"]]) or "(no distinct hosts)"
        t.add_row(r["id"], r["name"], r["category"], r["status"], str(r["risk_score"]), hosts[:60])
    Console().print(t)


@click.group()
def catalog() -> None:
    """Browse the catalog of AI services (built-in plus discover.catalog_extra)."""


def _rows_out(rows: list[dict[str, Any]], as_json: bool, title: str) -> None:
    if as_json:
        click.echo(json.dumps(rows, indent=2))
    else:
        _table(rows, title)


@catalog.command("list")
@click.option("--category", help="Only this category (e.g. chat_assistant, coding_assistant).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@home_option
def list_cmd(category: str | None, as_json: bool, home: str | None) -> None:
    """List every service with its status and risk score."""
    from accord.discover.catalog.model import CATEGORIES
    from accord.errors import InputError

    cat, policy = _load(home)
    if category and category not in CATEGORIES:
        raise InputError(f"unknown category {category!r}", hint=f"one of {', '.join(CATEGORIES)}")
    rows = [_row(s, policy) for s in sorted(cat, key=lambda s: (s.category, s.id)) if not category or s.category == category]
    _rows_out(rows, as_json, f"{len(rows)} AI services")


@catalog.command("search")
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@home_option
def search_cmd(query: str, as_json: bool, home: str | None) -> None:
    """Find services by id, name, vendor, category or hostname."""
    cat, policy = _load(home)
    rows = [_row(s, policy) for s in cat.search(query)]
    _rows_out(rows, as_json, f"{len(rows)} matches for {query!r}")


@catalog.command("show")
@click.argument("service_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@home_option
def show_cmd(service_id: str, as_json: bool, home: str | None) -> None:
    """Everything about one service: hosts, risk attributes, score breakdown, status."""
    from accord.discover.risk import risk_breakdown, service_status

    cat, policy = _load(home)
    svc = cat.get(service_id)
    b = risk_breakdown(svc.risk, policy)
    data = {
        **svc.model_dump(mode="json"),
        "status": service_status(svc.id, policy),
        "risk_score": b.score,
        "risk_factors": [{"factor": f.name, "weight": f.weight, "value": f.value, "observed": f.observed} for f in b.factors],
    }
    if as_json:
        click.echo(json.dumps(data, indent=2))
        return
    click.echo(f"{svc.name} ({svc.id}) - {svc.vendor}, {svc.category_label}")
    click.echo(f"  status: {data['status']}   risk score: {b.score}/100")
    click.echo(f"  hosts: {' '.join([*svc.domains, *svc.patterns]) or '(none distinct: not detectable in logs)'}")
    for f in b.factors:
        click.echo(f"  {f.name:<20} {f.observed:<10} {f.points:5.1f} / {f.weight:g}")
    click.echo(f"  hq: {svc.risk.hq_country}   data regions: {svc.risk.data_regions}")
    if svc.notes:
        click.echo(f"  note: {svc.notes}")
    for src in svc.sources:
        click.echo(f"  source: {src}")
