"""One discovery run: logs in, per-service usage out, on DuckDB or Spark with the same SQL.

1. Each file becomes an `events` relation: the engine parses the big formats itself (native
   SQL), the Python parsers stream the rest to a normalised TSV.
2. Stage one aggregates every event by (host or address, user, device, day) before anything
   is matched: millions of lines become thousands of rows, and malformed lines one row per file.
3. IP-only flows get a name from the DNS answers and TLS SNI seen with them (per device first).
4. The few thousand distinct hosts are matched in Python against the catalog (suffix trie),
   the matches are loaded back, and the per-service, per-user, per-department and per-day
   figures come out of small GROUP BYs.
"""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from accord.discover.catalog import Catalog
from accord.discover.engine.base import AnalysisEngine
from accord.discover.engine.native import EVENT_COLUMNS
from accord.discover.exfil import find_exfil
from accord.discover.heuristics import ai_like_reason, under_any
from accord.discover.identity import IdentityMap
from accord.discover.parsers import ParserRegistry, default_registry
from accord.discover.result import (
    DailyUsage,
    DepartmentUsage,
    DiscoveryResult,
    GatewayShare,
    ServiceUsage,
    UnmatchedHost,
    UserUsage,
    day_str,
)
from accord.discover.risk import risk_score, service_status
from accord.discover.sources import SourcePlan, plan_sources, stream_to_tsv
from accord.errors import InputError
from accord.policy.sections.discover import DiscoverPolicy

log = logging.getLogger(__name__)

GATEWAY = "__gateway__"
UNKNOWN_DEPT = "(unknown)"


class Progress:
    """Hooks the CLI uses for a progress display (the library never prints)."""

    def stage(self, text: str) -> None:  # pragma: no cover - default is silent
        pass

    def lines(self, n: int) -> None:  # pragma: no cover
        pass


@dataclass
class RunOptions:
    fmt: str = "auto"
    since: float | None = None
    identity: IdentityMap | None = None
    #: Use the engines' SQL parsers where a format has one (False: Python parsers for everything).
    fast_path: bool = True
    #: Service ids seen in earlier runs (for `new`); None when there is no history.
    seen_before: set[str] | None = None
    previous_runs: int = 0


def run_discovery(
    paths: Sequence[Path],
    *,
    catalog: Catalog,
    policy: DiscoverPolicy,
    engine: AnalysisEngine,
    options: RunOptions | None = None,
    registry: ParserRegistry | None = None,
    progress: Progress | None = None,
) -> DiscoveryResult:
    opts = options or RunOptions()
    prog = progress or Progress()
    if not paths:
        raise InputError("no log files given", hint="accord discover LOG [LOG...]")
    reg = registry or default_registry()
    can_native: Callable[[Path, str | None], bool] = (
        engine.can_read_natively if opts.fast_path else (lambda p, c: False)
    )
    plans = plan_sources([Path(p) for p in paths], opts.fmt, reg, can_native=can_native)
    with tempfile.TemporaryDirectory(prefix="accord-discover-") as tmp:
        selects = _register_sources(plans, engine, Path(tmp), prog)
        prog.stage(f"aggregating with {engine.name}")
        _stage_one(engine, selects, opts.since)
        _line_counts(engine, plans)
        _names(engine)
        hosts = engine.query("SELECT host, SUM(n) FROM ev WHERE host IS NOT NULL GROUP BY host")
        prog.stage(f"matching {len(hosts)} distinct hosts")
        host_map, unmatched = _match_hosts(hosts, catalog, policy)
        engine.load_rows("host_map", (("host", "VARCHAR"), ("sid", "VARCHAR")), host_map)
        _load_identity(engine, opts.identity)
        return _collect(engine, catalog, policy, opts, plans, unmatched)


def _register_sources(plans: list[SourcePlan], engine: AnalysisEngine, tmp: Path, prog: Progress) -> list[str]:
    d = engine.dialect
    selects = []
    cols = ", ".join(EVENT_COLUMNS)
    for plan in plans:
        if plan.stats.format == "empty":
            continue
        if plan.native is not None:
            view = f"raw_{plan.index}"
            engine.add_lines(view, plan.path, plan.compression)
            selects.append(f"SELECT {plan.index} AS src, {cols} FROM ({plan.native.select(d, view)}) n{plan.index}")
        else:
            prog.stage(f"parsing {plan.path.name} ({plan.parser.name})")
            out = tmp / f"events_{plan.index}.tsv"
            stream_to_tsv(plan, out, prog.lines)
            view = f"ev_{plan.index}"
            engine.add_events(view, out)
            rest = ", ".join(EVENT_COLUMNS[1:])
            selects.append(f"SELECT {plan.index} AS src, TRUE AS ok, {rest} FROM {view} p{plan.index}")
    return selects


def _stage_one(engine: AnalysisEngine, selects: list[str], since: float | None) -> None:
    if not selects:
        selects = [
            "SELECT -1 AS src, FALSE AS ok, CAST(NULL AS DOUBLE) AS ts, CAST(NULL AS VARCHAR(255)) AS usr, "
            "CAST(NULL AS VARCHAR(255)) AS device, CAST(NULL AS VARCHAR(255)) AS host, CAST(NULL AS VARCHAR(255)) AS dest_ip, "
            "CAST(0 AS BIGINT) AS bytes_out, CAST(0 AS BIGINT) AS bytes_in, CAST(NULL AS VARCHAR(255)) AS kind, "
            "CAST(NULL AS VARCHAR(255)) AS answers"
        ]
    events = " UNION ALL ".join(selects)
    win = "TRUE" if since is None else f"ts >= {float(since)!r}"
    engine.materialize(
        "agg",
        f"""
        SELECT src, ok, win, kind, host, dest_ip, answers, usr, device, day,
               COUNT(*) AS n, SUM(bytes_out) AS bo, SUM(bytes_in) AS bi, MIN(ts) AS t0, MAX(ts) AS t1
        FROM (
            SELECT src, ok, ts, bytes_out, bytes_in,
                   CASE WHEN ok THEN {win} END AS win,
                   CASE WHEN ok THEN kind END AS kind,
                   CASE WHEN ok THEN host END AS host,
                   CASE WHEN ok AND (host IS NULL OR kind = 'tls') THEN dest_ip END AS dest_ip,
                   CASE WHEN ok AND kind = 'dns' THEN answers END AS answers,
                   CASE WHEN ok THEN usr END AS usr,
                   CASE WHEN ok THEN device END AS device,
                   CASE WHEN ok THEN CAST(FLOOR(ts / 86400) AS BIGINT) END AS day
            FROM ({events}) e
        ) x
        GROUP BY src, ok, win, kind, host, dest_ip, answers, usr, device, day
        """,
    )


def _line_counts(engine: AnalysisEngine, plans: list[SourcePlan]) -> None:
    by_index = {p.index: p for p in plans}
    native = [p for p in plans if p.native is not None]
    if not native:
        return
    for src, ok, n in engine.query("SELECT src, ok, SUM(n) FROM agg GROUP BY src, ok"):
        plan = by_index.get(int(src))
        if plan is None or plan.native is None:
            continue
        plan.stats.total += int(n)
        if ok:
            plan.stats.parsed += int(n)
        else:
            plan.stats.malformed += int(n)
    d = engine.dialect
    for plan in native:
        if plan.stats.malformed:
            rows = engine.query(f"SELECT line FROM ({plan.native.select(d, f'raw_{plan.index}')}) s WHERE NOT ok LIMIT 5")  # type: ignore[union-attr]
            for (line,) in rows:
                plan.stats.sample(None, str(line), f"not a {plan.parser.name} line")


def _names(engine: AnalysisEngine) -> None:
    """Finish host names, then name IP-only flows from DNS answers and TLS SNI (per device first)."""
    d = engine.dialect
    engine.materialize(
        "hosts",
        f"SELECT raw, {d.host_of('raw')} AS host FROM (SELECT DISTINCT host AS raw FROM agg WHERE ok AND host IS NOT NULL) r",
    )
    engine.materialize(
        "names",
        f"""
        SELECT device, ip, host, SUM(n) AS n FROM (
            SELECT a.device, a.dest_ip AS ip, h.host, a.n FROM agg a JOIN hosts h ON a.host = h.raw
             WHERE a.ok AND a.win AND a.kind = 'tls' AND h.host IS NOT NULL AND a.dest_ip IS NOT NULL
            UNION ALL
            SELECT device, ip, host, n FROM (
                SELECT a.device, {d.explode_split('a.answers', ',')} AS ip, h.host, a.n FROM agg a JOIN hosts h ON a.host = h.raw
                 WHERE a.ok AND a.win AND a.kind = 'dns' AND h.host IS NOT NULL AND a.answers IS NOT NULL
            ) x
        ) u GROUP BY device, ip, host
        """,
    )
    engine.materialize(
        "names_dev",
        """
        SELECT device, ip, host FROM (
            SELECT device, ip, host, ROW_NUMBER() OVER (PARTITION BY device, ip ORDER BY n DESC, host) AS rk
            FROM names WHERE device IS NOT NULL
        ) r WHERE rk = 1
        """,
    )
    engine.materialize(
        "names_ip",
        """
        SELECT ip, host FROM (
            SELECT ip, host, ROW_NUMBER() OVER (PARTITION BY ip ORDER BY n DESC, host) AS rk
            FROM (SELECT ip, host, SUM(n) AS n FROM names GROUP BY ip, host) g
        ) r WHERE rk = 1
        """,
    )
    engine.materialize(
        "ev",
        """
        SELECT a.kind, COALESCE(h.host, nd.host, ni.host) AS host, a.usr, a.device, a.day,
               a.n, a.bo, a.bi, a.t0, a.t1
        FROM agg a
        LEFT JOIN hosts h ON a.host = h.raw
        LEFT JOIN names_dev nd ON a.host IS NULL AND nd.device = a.device AND nd.ip = a.dest_ip
        LEFT JOIN names_ip ni ON a.host IS NULL AND ni.ip = a.dest_ip
        WHERE a.ok AND a.win
        """,
    )


def _match_hosts(
    hosts: list[tuple[Any, ...]], catalog: Catalog, policy: DiscoverPolicy
) -> tuple[list[tuple[str, str]], list[UnmatchedHost]]:
    mapping: list[tuple[str, str]] = []
    unmatched: list[UnmatchedHost] = []
    for host, n in hosts:
        host = str(host)
        if policy.ignore_hosts and under_any(host, policy.ignore_hosts):
            continue
        if policy.gateway_hosts and under_any(host, policy.gateway_hosts):
            mapping.append((host, GATEWAY))
            continue
        m = catalog.matcher.match(host)
        if m is not None:
            mapping.append((host, m.service_id))
            continue
        reason = ai_like_reason(host)
        if reason:
            unmatched.append(UnmatchedHost(host, int(n), reason))
    unmatched.sort(key=lambda u: (-u.requests, u.host))
    return mapping, unmatched


def _load_identity(engine: AnalysisEngine, identity: IdentityMap | None) -> None:
    ident = identity or IdentityMap()
    engine.load_rows(
        "ident_ip",
        (("ip", "VARCHAR"), ("iusr", "VARCHAR"), ("dept", "VARCHAR")),
        [(ip, u, dpt) for ip, (u, dpt) in sorted(ident.by_ip.items())],
    )
    engine.load_rows("ident_user", (("iusr", "VARCHAR"), ("dept", "VARCHAR")), sorted(ident.by_user.items()))


def _collect(
    engine: AnalysisEngine,
    catalog: Catalog,
    policy: DiscoverPolicy,
    opts: RunOptions,
    plans: list[SourcePlan],
    unmatched: list[UnmatchedHost],
) -> DiscoveryResult:
    engine.materialize(
        "evs",
        """
        SELECT m.sid, e.host, e.kind, e.device, e.day, e.n, e.bo, e.bi, e.t0, e.t1,
               COALESCE(e.usr, ii.iusr, e.device) AS ukey,
               COALESCE(iu.dept, ii.dept) AS dept
        FROM ev e
        JOIN host_map m ON e.host = m.host
        LEFT JOIN ident_ip ii ON e.device = ii.ip
        LEFT JOIN ident_user iu ON COALESCE(e.usr, ii.iusr, e.device) = iu.iusr
        """,
    )
    svc_rows = engine.query(
        """
        SELECT sid, COUNT(DISTINCT ukey), COUNT(DISTINCT device), SUM(n), SUM(bo), SUM(bi), MIN(t0), MAX(t1),
               SUM(CASE WHEN kind = 'dns' THEN n ELSE 0 END)
        FROM evs GROUP BY sid
        """
    )
    host_rows = engine.query("SELECT sid, host FROM evs GROUP BY sid, host")
    daily_rows = engine.query(
        "SELECT sid, day, SUM(n), COUNT(DISTINCT ukey), SUM(bo), SUM(bi) FROM evs GROUP BY sid, day"
    )
    user_rows = engine.query(
        f"""
        SELECT ukey, MAX(dept), sid, SUM(n), SUM(bo), SUM(bi), MIN(t0), MAX(t1)
        FROM evs WHERE sid <> '{GATEWAY}' GROUP BY ukey, sid
        """
    )
    dept_rows = engine.query(
        f"""
        SELECT COALESCE(dept, '{UNKNOWN_DEPT}'), sid, COUNT(DISTINCT ukey), SUM(n), SUM(bo)
        FROM evs WHERE sid <> '{GATEWAY}' GROUP BY COALESCE(dept, '{UNKNOWN_DEPT}'), sid
        """
    )
    upload_rows = engine.query(
        f"SELECT ukey, day, sid, SUM(bo) FROM evs WHERE sid <> '{GATEWAY}' GROUP BY ukey, day, sid"
    )

    hosts_by: dict[str, list[str]] = {}
    for sid, host in host_rows:
        hosts_by.setdefault(str(sid), []).append(str(host))
    daily_by: dict[str, list[DailyUsage]] = {}
    for sid, day, n, users, bo, bi in sorted(daily_rows, key=lambda r: (str(r[0]), int(r[1]))):
        daily_by.setdefault(str(sid), []).append(DailyUsage(day_str(day), int(n), int(users), int(bo), int(bi)))

    services: list[ServiceUsage] = []
    gateway = GatewayShare(list(policy.gateway_hosts), 0, 0)
    for sid, users, devices, n, bo, bi, t0, t1, dns in svc_rows:
        sid = str(sid)
        if sid == GATEWAY:
            gateway.requests = int(n)
            continue
        gateway.ai_requests += int(n)
        svc = catalog.get(sid)
        services.append(
            ServiceUsage(
                id=sid,
                name=svc.name,
                vendor=svc.vendor,
                category=svc.category,
                category_label=svc.category_label,
                risk_score=risk_score(svc.risk, policy),
                status=service_status(sid, policy),
                hosts=sorted(hosts_by.get(sid, [])),
                users=int(users),
                devices=int(devices),
                requests=int(n),
                dns_queries=int(dns),
                bytes_out=int(bo),
                bytes_in=int(bi),
                first_seen=float(t0),
                last_seen=float(t1),
                new=opts.seen_before is not None and sid not in opts.seen_before,
                daily=daily_by.get(sid, []),
            )
        )
    services.sort(key=lambda s: (-s.risk_score, -s.requests, s.id))
    users = [
        UserUsage(str(u), None if d is None else str(d), str(sid), int(n), int(bo), int(bi), float(t0), float(t1))
        for u, d, sid, n, bo, bi, t0, t1 in user_rows
    ]
    users.sort(key=lambda u: (-u.requests, u.user, u.service_id))
    departments = [DepartmentUsage(str(d), str(sid), int(u), int(n), int(bo)) for d, sid, u, n, bo in dept_rows]
    departments.sort(key=lambda x: (x.department, -x.requests, x.service_id))
    exfil = find_exfil(((str(u), day_str(day), str(sid), int(bo)) for u, day, sid, bo in upload_rows), policy.exfil)
    return DiscoveryResult(
        engine=engine.name,
        generated_at=time.time(),
        since=opts.since,
        sources=[p.stats for p in plans],
        services=services,
        unmatched=unmatched,
        users=users,
        departments=departments,
        exfil=exfil,
        gateway=gateway,
        previous_runs=opts.previous_runs,
    )
