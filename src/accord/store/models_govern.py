"""Tables of the Govern capability: datasets, scan runs, and the per-file inventory.

JSON-valued columns are Text holding canonical JSON (as in the core tables), so SQLite and
PostgreSQL store them alike. No column ever holds a raw sensitive value: only types, counts,
labels and locations.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from accord.store.models import Base, BigId


class GovernDataset(Base):
    """A scanned root (directory, file or database URL with its password masked) under a name."""

    __tablename__ = "govern_datasets"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    root: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))  # files | database
    created_at: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[str] = mapped_column(String(32))


class GovernScan(Base):
    """One run of `accord scan` over one dataset; `status` stays `running` if it was interrupted."""

    __tablename__ = "govern_scans"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    dataset_id: Mapped[int] = mapped_column(BigInteger, index=True)
    started_at: Mapped[str] = mapped_column(String(32))
    finished_at: Mapped[str | None] = mapped_column(String(32), nullable=True)
    status: Mapped[str] = mapped_column(String(16))
    stats: Mapped[str] = mapped_column(Text, default="{}")


class GovernFile(Base):
    """The latest scan result of one file, zip member or database table."""

    __tablename__ = "govern_files"
    __table_args__ = (
        UniqueConstraint("dataset_id", "path", name="uq_govern_files_dataset_path"),
        Index("ix_govern_files_dataset_label", "dataset_id", "label"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    dataset_id: Mapped[int] = mapped_column(BigInteger)
    #: Absolute path (`archive.zip!/member` inside zips; `URL#schema.table` for tables).
    path: Mapped[str] = mapped_column(Text)
    relpath: Mapped[str] = mapped_column(Text)
    container: Mapped[str | None] = mapped_column(Text, nullable=True)
    file_type: Mapped[str] = mapped_column(String(32))
    size: Mapped[int] = mapped_column(BigInteger)
    mtime_ns: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    owner: Mapped[str | None] = mapped_column(String(200), nullable=True)
    label: Mapped[str | None] = mapped_column(String(16), nullable=True)
    content_label: Mapped[str | None] = mapped_column(String(16), nullable=True)
    existing_label: Mapped[str | None] = mapped_column(String(16), nullable=True)
    conflict: Mapped[str | None] = mapped_column(Text, nullable=True)
    categories: Mapped[str] = mapped_column(Text, default="[]")
    entities: Mapped[str] = mapped_column(Text, default="{}")
    evidence: Mapped[str] = mapped_column(Text, default="[]")
    reasons: Mapped[str] = mapped_column(Text, default="[]")
    hidden: Mapped[str] = mapped_column(Text, default="[]")
    injection: Mapped[bool] = mapped_column(Boolean, default=False)
    injection_signals: Mapped[str] = mapped_column(Text, default="[]")
    columns: Mapped[str] = mapped_column(Text, default="[]")
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    error_kind: Mapped[str | None] = mapped_column(String(32), nullable=True)
    scan_id: Mapped[int] = mapped_column(BigInteger)
    scanned_at: Mapped[str] = mapped_column(String(32))
