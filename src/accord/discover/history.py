"""Discovery runs in the store: what earlier runs saw (for `new`) and saving this one."""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from accord.discover.result import DiscoveryResult, iso
from accord.store.models_discover import DiscoverDaily, DiscoverRun, DiscoverServiceStat

log = logging.getLogger(__name__)


class RunHistory:
    """Reads and writes the discover tables through an SQLAlchemy engine (`store.engine`)."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine

    def seen_services(self) -> set[str]:
        with Session(self.engine) as s:
            return set(s.scalars(select(DiscoverServiceStat.service_id).distinct()))

    def run_count(self) -> int:
        with Session(self.engine) as s:
            return int(s.scalar(select(func.count()).select_from(DiscoverRun)) or 0)

    def recent(self, limit: int = 10) -> list[dict[str, Any]]:
        """The last runs with their per-service request totals, oldest first (for trends)."""
        with Session(self.engine) as s:
            runs = list(s.scalars(select(DiscoverRun).order_by(DiscoverRun.id.desc()).limit(limit)))
            out = []
            for run in reversed(runs):
                stats = s.scalars(select(DiscoverServiceStat).where(DiscoverServiceStat.run_id == run.id))
                out.append(
                    {
                        "run": run.id,
                        "finished_at": run.finished_at,
                        "first_seen": run.first_seen,
                        "last_seen": run.last_seen,
                        "services": {st.service_id: st.requests for st in stats},
                    }
                )
            return out

    def save(self, result: DiscoveryResult, started_at: float) -> int:
        lines = result.lines
        with Session(self.engine) as s, s.begin():
            run = DiscoverRun(
                started_at=iso(started_at),
                finished_at=iso(result.generated_at),
                engine=result.engine,
                first_seen=iso(result.first_seen),
                last_seen=iso(result.last_seen),
                lines_total=lines["total"],
                lines_parsed=lines["parsed"],
                lines_malformed=lines["malformed"],
                sources=json.dumps(
                    [
                        {"path": x.path, "format": x.format, "total": x.total, "parsed": x.parsed, "malformed": x.malformed}
                        for x in result.sources
                    ],
                    sort_keys=True,
                ),
                gateway_requests=result.gateway.requests,
                ai_requests=result.gateway.ai_requests,
            )
            s.add(run)
            s.flush()
            for svc in result.services:
                s.add(
                    DiscoverServiceStat(
                        run_id=run.id,
                        service_id=svc.id,
                        status=svc.status,
                        risk_score=svc.risk_score,
                        users=svc.users,
                        devices=svc.devices,
                        requests=svc.requests,
                        bytes_out=svc.bytes_out,
                        bytes_in=svc.bytes_in,
                        first_seen=svc.first_seen,
                        last_seen=svc.last_seen,
                    )
                )
                for d in svc.daily:
                    s.add(
                        DiscoverDaily(
                            run_id=run.id,
                            service_id=svc.id,
                            day=d.day,
                            requests=d.requests,
                            users=d.users,
                            bytes_out=d.bytes_out,
                            bytes_in=d.bytes_in,
                        )
                    )
            return int(run.id)
