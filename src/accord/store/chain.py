"""Extending and verifying the per-tenant hash chain.

Writers serialise per tenant on the chain head: `SELECT ... FOR UPDATE` of the `audit_heads` row on
PostgreSQL, `BEGIN IMMEDIATE` (the database write lock) on SQLite. Each batch reads the head, links
its events (seq+1, prev_hash = previous hash), inserts them and moves the head in one transaction,
so any number of gateway processes can share one database without forking the chain.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select, update

from accord.store.events import GENESIS, chain_hash
from accord.store.models import audit_table, heads_table, spend_table

_events = audit_table
_heads = heads_table
_spend = spend_table


def _insert(conn: Connection, table: Any) -> Any:
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table)


def append(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Link and insert `rows` (in order) onto their tenants' chains. Caller holds the transaction."""
    by_tenant: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_tenant.setdefault(row["tenant"], []).append(row)
    # A fixed lock order across processes: no deadlock between two batches spanning two tenants.
    for tenant in sorted(by_tenant):
        conn.execute(
            _insert(conn, _heads).values(tenant=tenant, seq=0, hash=GENESIS).on_conflict_do_nothing()
        )
        head = conn.execute(
            select(_heads.c.seq, _heads.c.hash).where(_heads.c.tenant == tenant).with_for_update()
        ).one()
        seq, prev = head.seq, head.hash
        linked = []
        for row in by_tenant[tenant]:
            seq += 1
            item = dict(row, seq=seq, prev_hash=prev)
            item["hash"] = prev = chain_hash(item)
            linked.append(item)
        conn.execute(_events.insert(), linked)
        conn.execute(update(_heads).where(_heads.c.tenant == tenant).values(seq=seq, hash=prev))


def add_spend(conn: Connection, deltas: Mapping[tuple[str, str], float]) -> None:
    for (scope, month), usd in sorted(deltas.items()):
        stmt = _insert(conn, _spend).values(scope=scope, month=month, usd=usd)
        stmt = stmt.on_conflict_do_update(
            index_elements=[_spend.c.scope, _spend.c.month], set_={"usd": _spend.c.usd + stmt.excluded.usd}
        )
        conn.execute(stmt)


@dataclass(frozen=True, slots=True)
class EventRef:
    """Where the chain first breaks: a tenant, a sequence number and (if the row exists) its id."""

    tenant: str
    seq: int
    id: int | None = None

    def __str__(self) -> str:
        row = f" (row id {self.id})" if self.id is not None else ""
        return f"tenant {self.tenant!r} seq {self.seq}{row}"


@dataclass(frozen=True, slots=True)
class VerifyResult:
    ok: bool
    checked: int
    first_bad: EventRef | None = None
    reason: str | None = None
    #: tenant -> (seq, hash) of the verified chain tips (anchor these elsewhere for stronger proof)
    heads: dict[str, tuple[int, str]] = field(default_factory=dict)


class _TenantCheck:
    def __init__(self, tenant: str) -> None:
        self.tenant, self.expected, self.prev = tenant, 1, GENESIS

    def row(self, row: Mapping[str, Any]) -> tuple[EventRef, str] | None:
        seq, rid = row["seq"], row["id"]
        if seq != self.expected:
            if seq > self.expected:
                gap = f"seq {self.expected}" if seq == self.expected + 1 else f"seq {self.expected}..{seq - 1}"
                return EventRef(self.tenant, self.expected), (
                    f"event {gap} is missing (deleted); the next event present is seq {seq} (row id {rid})"
                )
            return EventRef(self.tenant, seq, rid), f"sequence goes backwards (expected seq {self.expected})"
        if chain_hash(row) != row["hash"]:
            return EventRef(self.tenant, seq, rid), (
                "event does not match its hash: its contents or its position were changed"
            )
        if row["prev_hash"] != self.prev:
            return EventRef(self.tenant, seq, rid), (
                "event does not link to the previous event's hash: events were removed, inserted or reordered"
            )
        self.prev, self.expected = row["hash"], seq + 1
        return None

    def end(self, head: tuple[int, str] | None) -> tuple[EventRef, str] | None:
        last = self.expected - 1
        if head is None:
            return EventRef(self.tenant, last), "the chain head record is missing"
        if head[0] > last:
            return EventRef(self.tenant, last + 1), (
                f"events seq {last + 1}..{head[0]} are missing (the log was truncated)"
            )
        if head[0] < last or head[1] != self.prev:
            return EventRef(self.tenant, head[0]), "the chain head record does not match the last event"
        return None


def verify_rows(rows: Iterable[Mapping[Any, Any]], heads: Mapping[str, tuple[int, str]], tenant: str | None) -> VerifyResult:
    """`rows` ordered by (tenant, seq). Stops at the first break and names it."""
    checked = 0
    seen: set[str] = set()
    check: _TenantCheck | None = None
    for row in rows:
        if check is None or row["tenant"] != check.tenant:
            if check is not None and (bad := check.end(heads.get(check.tenant))):
                return VerifyResult(False, checked, *bad)
            check = _TenantCheck(row["tenant"])
            seen.add(check.tenant)
        checked += 1
        if bad := check.row(row):
            return VerifyResult(False, checked, *bad)
    if check is not None and (bad := check.end(heads.get(check.tenant))):
        return VerifyResult(False, checked, *bad)
    for t, (seq, _) in sorted(heads.items()):
        if t not in seen and seq > 0 and (tenant is None or t == tenant):
            return VerifyResult(False, checked, EventRef(t, 1), f"all {seq} event(s) of this tenant are missing")
    tips = {t: h for t, h in heads.items() if tenant is None or t == tenant}
    return VerifyResult(True, checked, heads=tips)
