"""Core tables: keys, audit events with per-tenant chain heads, monthly spend.

Revision ID: 0001_core
Revises:
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001_core"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = ("core",)
depends_on: str | Sequence[str] | None = None

_big_id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "keys",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("prefix", sa.String(32), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False, unique=True),
        sa.Column("tenant", sa.String(200), nullable=False, index=True),
        sa.Column("team", sa.String(200), nullable=False),
        sa.Column("user", sa.String(200), nullable=False),
        sa.Column("app", sa.String(200)),
        sa.Column("roles", sa.Text, nullable=False),
        sa.Column("groups", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("expires_at", sa.String(32)),
        sa.Column("revoked_at", sa.String(32)),
        sa.Column("rotated_from", sa.String(32)),
        sa.Column("bootstrap", sa.Boolean, nullable=False),
    )
    op.create_table(
        "audit_events",
        sa.Column("id", _big_id, primary_key=True, autoincrement=True),
        sa.Column("tenant", sa.String(200), nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("ts", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("action", sa.String(100), nullable=False),
        sa.Column("team", sa.String(200)),
        sa.Column("user", sa.String(200)),
        sa.Column("key_id", sa.String(64)),
        sa.Column("app", sa.String(200)),
        sa.Column("route", sa.String(200)),
        sa.Column("upstream_model", sa.String(200)),
        sa.Column("decision", sa.String(16)),
        sa.Column("reasons", sa.Text, nullable=False),
        sa.Column("entity_counts", sa.Text, nullable=False),
        sa.Column("tokens_in", sa.BigInteger),
        sa.Column("tokens_out", sa.BigInteger),
        sa.Column("cost_usd", sa.Double),
        sa.Column("latency_scan_ms", sa.Double),
        sa.Column("latency_upstream_ms", sa.Double),
        sa.Column("latency_total_ms", sa.Double),
        sa.Column("status", sa.Integer),
        sa.Column("prompt", sa.Text),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.UniqueConstraint("tenant", "seq", name="uq_audit_tenant_seq"),
    )
    op.create_index("ix_audit_ts", "audit_events", ["ts"])
    op.create_table(
        "audit_heads",
        sa.Column("tenant", sa.String(200), primary_key=True),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_table(
        "spend",
        sa.Column("scope", sa.String(300), primary_key=True),
        sa.Column("month", sa.String(7), primary_key=True),
        sa.Column("usd", sa.Double, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("spend")
    op.drop_table("audit_heads")
    op.drop_index("ix_audit_ts", table_name="audit_events")
    op.drop_table("audit_events")
    op.drop_table("keys")
