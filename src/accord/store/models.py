"""SQLAlchemy models of the core tables. Other capabilities add theirs on the same `Base`
(`store/models_<capability>.py`) with Alembic revisions branching from `0001_core`."""

from __future__ import annotations

from typing import cast

from sqlalchemy import BigInteger, Boolean, Double, Index, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

#: Autoincrementing 64-bit ids (SQLite only autoincrements INTEGER PRIMARY KEY).
BigId = BigInteger().with_variant(Integer, "sqlite")


class Base(DeclarativeBase):
    pass


class KeyRow(Base):
    __tablename__ = "keys"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    #: First characters of the raw key, for display only (`sk-accord-AbC123…`).
    prefix: Mapped[str] = mapped_column(String(32))
    #: SHA-256 (hex) of the raw key; the raw key itself is never stored.
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    tenant: Mapped[str] = mapped_column(String(200), index=True)
    team: Mapped[str] = mapped_column(String(200))
    user: Mapped[str] = mapped_column(String(200))
    app: Mapped[str | None] = mapped_column(String(200), nullable=True)
    roles: Mapped[str] = mapped_column(Text, default="[]")  # JSON list
    groups: Mapped[str] = mapped_column(Text, default="[]")  # JSON list
    created_at: Mapped[str] = mapped_column(String(32))
    expires_at: Mapped[str | None] = mapped_column(String(32), nullable=True)
    revoked_at: Mapped[str | None] = mapped_column(String(32), nullable=True)
    rotated_from: Mapped[str | None] = mapped_column(String(32), nullable=True)
    #: Minted by `accord up` for its start-up banner (revoked at the next start).
    bootstrap: Mapped[bool] = mapped_column(Boolean, default=False)


class AuditRow(Base):
    __tablename__ = "audit_events"
    __table_args__ = (UniqueConstraint("tenant", "seq", name="uq_audit_tenant_seq"), Index("ix_audit_ts", "ts"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    tenant: Mapped[str] = mapped_column(String(200))
    seq: Mapped[int] = mapped_column(BigInteger)
    ts: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(100))
    team: Mapped[str | None] = mapped_column(String(200), nullable=True)
    user: Mapped[str | None] = mapped_column(String(200), nullable=True)
    key_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    app: Mapped[str | None] = mapped_column(String(200), nullable=True)
    route: Mapped[str | None] = mapped_column(String(200), nullable=True)
    upstream_model: Mapped[str | None] = mapped_column(String(200), nullable=True)
    decision: Mapped[str | None] = mapped_column(String(16), nullable=True)
    reasons: Mapped[str] = mapped_column(Text)  # JSON list, canonical
    entity_counts: Mapped[str] = mapped_column(Text)  # JSON object, canonical
    tokens_in: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    tokens_out: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    cost_usd: Mapped[float | None] = mapped_column(Double, nullable=True)
    latency_scan_ms: Mapped[float | None] = mapped_column(Double, nullable=True)
    latency_upstream_ms: Mapped[float | None] = mapped_column(Double, nullable=True)
    latency_total_ms: Mapped[float | None] = mapped_column(Double, nullable=True)
    status: Mapped[int | None] = mapped_column(Integer, nullable=True)
    prompt: Mapped[str | None] = mapped_column(Text, nullable=True)
    detail: Mapped[str] = mapped_column(Text)  # JSON object, canonical
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The tip of each tenant's chain, locked while a batch extends it; also detects truncation."""

    __tablename__ = "audit_heads"

    tenant: Mapped[str] = mapped_column(String(200), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))


class SpendRow(Base):
    __tablename__ = "spend"

    scope: Mapped[str] = mapped_column(String(300), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    usd: Mapped[float] = mapped_column(Double, default=0.0)


#: Core tables for SQL expressions (typed as Table; `__table__` is typed as a FromClause).
keys_table = cast(Table, KeyRow.__table__)
audit_table = cast(Table, AuditRow.__table__)
heads_table = cast(Table, AuditHead.__table__)
spend_table = cast(Table, SpendRow.__table__)
