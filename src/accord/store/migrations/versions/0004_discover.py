"""Discover tables: runs, per-service totals per run, daily figures per run.

Revision ID: 0004_discover
Revises: 0001_core
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_discover"
down_revision: str | Sequence[str] | None = "0001_core"
branch_labels: str | Sequence[str] | None = ("discover",)
depends_on: str | Sequence[str] | None = None

_big_id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "discover_runs",
        sa.Column("id", _big_id, primary_key=True, autoincrement=True),
        sa.Column("started_at", sa.String(32), nullable=False),
        sa.Column("finished_at", sa.String(32), nullable=False),
        sa.Column("engine", sa.String(16), nullable=False),
        sa.Column("first_seen", sa.String(32)),
        sa.Column("last_seen", sa.String(32)),
        sa.Column("lines_total", sa.BigInteger, nullable=False),
        sa.Column("lines_parsed", sa.BigInteger, nullable=False),
        sa.Column("lines_malformed", sa.BigInteger, nullable=False),
        sa.Column("sources", sa.Text, nullable=False),
        sa.Column("gateway_requests", sa.BigInteger, nullable=False),
        sa.Column("ai_requests", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "discover_service_stats",
        sa.Column("id", _big_id, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.BigInteger, nullable=False, index=True),
        sa.Column("service_id", sa.String(80), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("risk_score", sa.Integer, nullable=False),
        sa.Column("users", sa.BigInteger, nullable=False),
        sa.Column("devices", sa.BigInteger, nullable=False),
        sa.Column("requests", sa.BigInteger, nullable=False),
        sa.Column("bytes_out", sa.BigInteger, nullable=False),
        sa.Column("bytes_in", sa.BigInteger, nullable=False),
        sa.Column("first_seen", sa.Double, nullable=False),
        sa.Column("last_seen", sa.Double, nullable=False),
    )
    op.create_index("ix_discover_stats_service", "discover_service_stats", ["service_id"])
    op.create_table(
        "discover_daily",
        sa.Column("id", _big_id, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.BigInteger, nullable=False),
        sa.Column("service_id", sa.String(80), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("requests", sa.BigInteger, nullable=False),
        sa.Column("users", sa.BigInteger, nullable=False),
        sa.Column("bytes_out", sa.BigInteger, nullable=False),
        sa.Column("bytes_in", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_discover_daily_run", "discover_daily", ["run_id"])


def downgrade() -> None:
    op.drop_index("ix_discover_daily_run", table_name="discover_daily")
    op.drop_table("discover_daily")
    op.drop_index("ix_discover_stats_service", table_name="discover_service_stats")
    op.drop_table("discover_service_stats")
    op.drop_table("discover_runs")
