"""The tamper-evident audit trail: `emit` (cheap, off the hot path), `verify`, `export`."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime
from typing import IO, Any, Literal

from sqlalchemy import Engine, select

from accord.store.chain import VerifyResult, verify_rows
from accord.store.db import now_iso
from accord.store.events import LATENCY_KEYS, SYSTEM_TENANT, AuditEvent, to_row
from accord.store.export import write_export
from accord.store.models import audit_table, heads_table
from accord.store.writer import BatchWriter

log = logging.getLogger(__name__)
_events = audit_table
_heads = heads_table

ExportFormat = Literal["jsonl", "csv", "cef"]
_LATENCY_KEYS = frozenset(LATENCY_KEYS)


class AuditLog:
    def __init__(self, engine: Engine, writer: BatchWriter) -> None:
        self._engine, self._writer = engine, writer

    def emit(self, event: AuditEvent) -> None:
        """Queue one event; returns at once (see `BatchWriter` for the overflow behaviour).

        Costs about a microsecond: the row is built (`to_row`) and hashed on the writer thread, so
        the event must not be changed after it was emitted. Invalid latency keys still raise here.
        """
        lat = event.latency_ms
        if lat and not _LATENCY_KEYS.issuperset(lat):
            raise ValueError(f"latency_ms keys must be among {LATENCY_KEYS}, got {sorted(set(lat) - _LATENCY_KEYS)}")
        self._writer.put_deferred(to_row, event)

    def admin(
        self,
        action: str,
        *,
        actor: str,
        tenant: str = SYSTEM_TENANT,
        decision: str = "ok",
        detail: Mapping[str, Any] | None = None,
        team: str | None = None,
        key_id: str | None = None,
        reasons: tuple[str, ...] = (),
    ) -> None:
        """An administrative action (key created, policy reloaded, ...) on the same chain as requests."""
        self.emit(
            AuditEvent(
                tenant=tenant,
                action=action,
                kind="admin",
                user=actor,
                team=team,
                key_id=key_id,
                decision=decision,
                reasons=reasons,
                detail=dict(detail or {}),
            )
        )

    def policy_reloaded(self, source: str | None, digest: str | None, *, actor: str = "gateway") -> None:
        self.admin("policy.reload", actor=actor, detail={"file": source, "sha256": digest})

    def policy_rejected(self, error: Exception, *, actor: str = "gateway") -> None:
        detail = {k: getattr(error, k, None) for k in ("file", "line", "field")}
        self.admin(
            "policy.reload", actor=actor, decision="rejected", detail=detail, reasons=(str(error).splitlines()[0],)
        )

    def flush(self, timeout: float | None = 30.0) -> bool:
        return self._writer.flush(timeout)

    def stats(self) -> dict[str, int]:
        """enqueued, written, dropped, blocked, batches, errors, queued: for /metrics."""
        return self._writer.stats()

    def verify(self, tenant: str | None = None) -> VerifyResult:
        """Re-hash every event and check the links, sequence numbers and chain heads."""
        self._writer.flush(timeout=30.0)
        with self._engine.connect() as conn:
            hq = select(_heads.c.tenant, _heads.c.seq, _heads.c.hash)
            if tenant is not None:
                hq = hq.where(_heads.c.tenant == tenant)
            heads = {r.tenant: (r.seq, r.hash) for r in conn.execute(hq)}
            q = select(_events).order_by(_events.c.tenant, _events.c.seq)
            if tenant is not None:
                q = q.where(_events.c.tenant == tenant)
            result = conn.execution_options(stream_results=True, yield_per=1000).execute(q)
            try:
                return verify_rows(result.mappings(), heads, tenant)
            finally:
                result.close()  # verification may stop early: release the server-side cursor

    def export(
        self,
        out: IO[str],
        *,
        since: datetime | str | None = None,
        fmt: ExportFormat = "jsonl",
        tenant: str | None = None,
    ) -> int:
        """Write events (oldest first) to `out`; returns how many."""
        self._writer.flush(timeout=30.0)
        q = select(_events).order_by(_events.c.ts, _events.c.id)
        if since is not None:
            q = q.where(_events.c.ts >= (since if isinstance(since, str) else now_iso(since.timestamp())))
        if tenant is not None:
            q = q.where(_events.c.tenant == tenant)
        with self._engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=1000).execute(q)
            try:
                return write_export(result.mappings(), out, fmt)
            finally:
                result.close()
