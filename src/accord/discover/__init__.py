"""Shadow AI discovery: find AI services in network logs, rank their risk, emit enforcement lists.

    from accord.discover import run_discovery, RunOptions, load_catalog, DuckDBEngine
    result = run_discovery([Path("access.log")], catalog=load_catalog(), policy=DiscoverPolicy(),
                           engine=DuckDBEngine())
    result.to_json()["services"]

The gateway mounts the coaching page from `accord.discover.coach.render_coach_page`.
"""

from __future__ import annotations

from accord.discover.analysis import Progress, RunOptions, run_discovery
from accord.discover.catalog import Catalog, Service, default_catalog, load_catalog
from accord.discover.coach import render_coach_page
from accord.discover.enforce import RENDERERS as EXPORT_FORMATS
from accord.discover.enforce import build_blocklist, export
from accord.discover.engine.duckdb_engine import DuckDBEngine
from accord.discover.result import DiscoveryResult

__all__ = [
    "EXPORT_FORMATS",
    "Catalog",
    "DiscoveryResult",
    "DuckDBEngine",
    "Progress",
    "RunOptions",
    "Service",
    "build_blocklist",
    "default_catalog",
    "export",
    "load_catalog",
    "render_coach_page",
    "run_discovery",
]
