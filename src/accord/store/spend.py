"""Monthly spend per scope ("key:<id>", "team:<tenant>/<team>", "tenant:<id>"), surviving restarts.

`add` only accumulates in memory; the store's background writer adds the deltas to the database
(`usd = usd + delta`, so several processes add up correctly) in the same batches as audit events.
"""

from __future__ import annotations

import time

from sqlalchemy import Engine, select

from accord.store.models import spend_table
from accord.store.writer import BatchWriter

_spend = spend_table


def current_month(ts: float | None = None) -> str:
    return time.strftime("%Y-%m", time.gmtime(time.time() if ts is None else ts))


class SpendStore:
    def __init__(self, engine: Engine, writer: BatchWriter) -> None:
        self._engine, self._writer = engine, writer

    def add(self, scope: str, month: str, usd: float) -> None:
        if usd:
            self._writer.add_spend(scope, month, float(usd))

    def get(self, scope: str, month: str) -> float:
        """Stored total plus what this process has not written yet."""
        with self._engine.connect() as conn:
            stored = conn.execute(
                select(_spend.c.usd).where(_spend.c.scope == scope, _spend.c.month == month)
            ).scalar_one_or_none()
        return (stored or 0.0) + self._writer.pending_spend(scope, month)

    def totals(self, month: str) -> dict[str, float]:
        """Every scope's stored total for `month` (load once at start-up, then count in memory)."""
        with self._engine.connect() as conn:
            rows = conn.execute(select(_spend.c.scope, _spend.c.usd).where(_spend.c.month == month))
            return {r.scope: r.usd for r in rows}

    def flush(self, timeout: float | None = 30.0) -> bool:
        return self._writer.flush(timeout)
