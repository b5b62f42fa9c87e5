"""Tables of the Discover capability: one row per run, its per-service totals and daily figures.

Later runs read them to tell which services are new and to draw trends across runs. No raw log
line, URL or user name is stored: services, counts and times only.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Double, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from accord.store.models import Base, BigId


class DiscoverRun(Base):
    __tablename__ = "discover_runs"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    started_at: Mapped[str] = mapped_column(String(32))
    finished_at: Mapped[str] = mapped_column(String(32))
    engine: Mapped[str] = mapped_column(String(16))
    #: Activity window covered by the logs (UTC ISO), null when nothing matched.
    first_seen: Mapped[str | None] = mapped_column(String(32), nullable=True)
    last_seen: Mapped[str | None] = mapped_column(String(32), nullable=True)
    lines_total: Mapped[int] = mapped_column(BigInteger)
    lines_parsed: Mapped[int] = mapped_column(BigInteger)
    lines_malformed: Mapped[int] = mapped_column(BigInteger)
    #: JSON list of {path, format, total, parsed, malformed}.
    sources: Mapped[str] = mapped_column(Text, default="[]")
    gateway_requests: Mapped[int] = mapped_column(BigInteger, default=0)
    ai_requests: Mapped[int] = mapped_column(BigInteger, default=0)


class DiscoverServiceStat(Base):
    __tablename__ = "discover_service_stats"
    __table_args__ = (Index("ix_discover_stats_service", "service_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    run_id: Mapped[int] = mapped_column(BigInteger, index=True)
    service_id: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(16))
    risk_score: Mapped[int] = mapped_column(Integer)
    users: Mapped[int] = mapped_column(BigInteger)
    devices: Mapped[int] = mapped_column(BigInteger)
    requests: Mapped[int] = mapped_column(BigInteger)
    bytes_out: Mapped[int] = mapped_column(BigInteger)
    bytes_in: Mapped[int] = mapped_column(BigInteger)
    first_seen: Mapped[float] = mapped_column(Double)
    last_seen: Mapped[float] = mapped_column(Double)


class DiscoverDaily(Base):
    __tablename__ = "discover_daily"
    __table_args__ = (Index("ix_discover_daily_run", "run_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    run_id: Mapped[int] = mapped_column(BigInteger)
    service_id: Mapped[str] = mapped_column(String(80))
    day: Mapped[str] = mapped_column(String(10))
    requests: Mapped[int] = mapped_column(BigInteger)
    users: Mapped[int] = mapped_column(BigInteger)
    bytes_out: Mapped[int] = mapped_column(BigInteger)
    bytes_in: Mapped[int] = mapped_column(BigInteger)
