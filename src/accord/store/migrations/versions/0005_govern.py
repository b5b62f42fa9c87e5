"""Govern tables: datasets, scan runs, the per-file inventory.

Revision ID: 0005_govern
Revises: 0001_core
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_govern"
down_revision: str | Sequence[str] | None = "0001_core"
branch_labels: str | Sequence[str] | None = ("govern",)
depends_on: str | Sequence[str] | None = None

_big_id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "govern_datasets",
        sa.Column("id", _big_id, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(300), nullable=False, unique=True),
        sa.Column("root", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "govern_scans",
        sa.Column("id", _big_id, primary_key=True, autoincrement=True),
        sa.Column("dataset_id", sa.BigInteger, nullable=False, index=True),
        sa.Column("started_at", sa.String(32), nullable=False),
        sa.Column("finished_at", sa.String(32)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("stats", sa.Text, nullable=False),
    )
    op.create_table(
        "govern_files",
        sa.Column("id", _big_id, primary_key=True, autoincrement=True),
        sa.Column("dataset_id", sa.BigInteger, nullable=False),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("relpath", sa.Text, nullable=False),
        sa.Column("container", sa.Text),
        sa.Column("file_type", sa.String(32), nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("mtime_ns", sa.BigInteger, nullable=False),
        sa.Column("sha256", sa.String(64)),
        sa.Column("owner", sa.String(200)),
        sa.Column("label", sa.String(16)),
        sa.Column("content_label", sa.String(16)),
        sa.Column("existing_label", sa.String(16)),
        sa.Column("conflict", sa.Text),
        sa.Column("categories", sa.Text, nullable=False),
        sa.Column("entities", sa.Text, nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("reasons", sa.Text, nullable=False),
        sa.Column("hidden", sa.Text, nullable=False),
        sa.Column("injection", sa.Boolean, nullable=False),
        sa.Column("injection_signals", sa.Text, nullable=False),
        sa.Column("columns", sa.Text, nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("error_kind", sa.String(32)),
        sa.Column("scan_id", sa.BigInteger, nullable=False),
        sa.Column("scanned_at", sa.String(32), nullable=False),
        sa.UniqueConstraint("dataset_id", "path", name="uq_govern_files_dataset_path"),
    )
    op.create_index("ix_govern_files_dataset_label", "govern_files", ["dataset_id", "label"])


def downgrade() -> None:
    op.drop_index("ix_govern_files_dataset_label", table_name="govern_files")
    op.drop_table("govern_files")
    op.drop_table("govern_scans")
    op.drop_table("govern_datasets")
