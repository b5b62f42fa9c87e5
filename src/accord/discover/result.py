"""What a discovery run found, and its stable JSON shape (`accord discover --json`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from accord.discover.exfil import ExfilAlert
from accord.discover.sources import SourceStats

SCHEMA = "accord.discover/1"


def iso(ts: float | None) -> str | None:
    if ts is None:
        return None
    return datetime.fromtimestamp(float(ts), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def day_str(day: int) -> str:
    return datetime.fromtimestamp(int(day) * 86400, UTC).strftime("%Y-%m-%d")


@dataclass
class DailyUsage:
    day: str
    requests: int
    users: int
    bytes_out: int
    bytes_in: int


@dataclass
class ServiceUsage:
    id: str
    name: str
    vendor: str
    category: str
    category_label: str
    risk_score: int
    status: str
    hosts: list[str]
    users: int
    devices: int
    requests: int
    dns_queries: int
    bytes_out: int
    bytes_in: int
    first_seen: float
    last_seen: float
    new: bool = False
    daily: list[DailyUsage] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "vendor": self.vendor,
            "category": self.category,
            "category_label": self.category_label,
            "risk_score": self.risk_score,
            "status": self.status,
            "hosts": self.hosts,
            "users": self.users,
            "devices": self.devices,
            "requests": self.requests,
            "dns_queries": self.dns_queries,
            "bytes_out": self.bytes_out,
            "bytes_in": self.bytes_in,
            "first_seen": iso(self.first_seen),
            "last_seen": iso(self.last_seen),
            "new": self.new,
            "daily": [d.__dict__ for d in self.daily],
        }


@dataclass
class UnmatchedHost:
    host: str
    requests: int
    reason: str


@dataclass
class UserUsage:
    user: str
    department: str | None
    service_id: str
    requests: int
    bytes_out: int
    bytes_in: int
    first_seen: float
    last_seen: float


@dataclass
class DepartmentUsage:
    department: str
    service_id: str
    users: int
    requests: int
    bytes_out: int


@dataclass
class GatewayShare:
    hosts: list[str]
    requests: int
    ai_requests: int

    @property
    def share(self) -> float | None:
        """Gateway requests / all AI requests; None when no gateway host is configured or no AI seen."""
        total = self.requests + self.ai_requests
        return None if not self.hosts or total == 0 else self.requests / total


@dataclass
class DiscoveryResult:
    engine: str
    generated_at: float
    since: float | None
    sources: list[SourceStats]
    services: list[ServiceUsage]
    unmatched: list[UnmatchedHost]
    users: list[UserUsage]
    departments: list[DepartmentUsage]
    exfil: list[ExfilAlert]
    gateway: GatewayShare
    previous_runs: int = 0
    history: list[dict[str, Any]] = field(default_factory=list)

    @property
    def lines(self) -> dict[str, int]:
        return {
            "total": sum(s.total for s in self.sources),
            "parsed": sum(s.parsed for s in self.sources),
            "malformed": sum(s.malformed for s in self.sources),
        }

    @property
    def new_services(self) -> list[str]:
        return [s.id for s in self.services if s.new]

    @property
    def first_seen(self) -> float | None:
        return min((s.first_seen for s in self.services), default=None)

    @property
    def last_seen(self) -> float | None:
        return max((s.last_seen for s in self.services), default=None)

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "generated_at": iso(self.generated_at),
            "engine": self.engine,
            "window": {"since": iso(self.since), "first_seen": iso(self.first_seen), "last_seen": iso(self.last_seen)},
            "lines": self.lines,
            "sources": [
                {
                    "path": s.path,
                    "format": s.format,
                    "reader": s.path_kind,
                    "total": s.total,
                    "parsed": s.parsed,
                    "malformed": s.malformed,
                    "malformed_samples": s.samples,
                }
                for s in self.sources
            ],
            "services": [s.to_json() for s in self.services],
            "unmatched_ai_like_hosts": [u.host for u in self.unmatched],
            "unmatched_ai_like_details": [u.__dict__ for u in self.unmatched],
            "users": [
                {**u.__dict__, "first_seen": iso(u.first_seen), "last_seen": iso(u.last_seen)} for u in self.users
            ],
            "departments": [d.__dict__ for d in self.departments],
            "exfil_alerts": [
                {**a.__dict__, "z": None if a.z == float("inf") else round(a.z, 2)} for a in self.exfil
            ],
            "gateway": {
                "hosts": self.gateway.hosts,
                "requests": self.gateway.requests,
                "ai_requests_elsewhere": self.gateway.ai_requests,
                "share": None if self.gateway.share is None else round(self.gateway.share, 4),
            },
            "new_services": self.new_services,
            "previous_runs": self.previous_runs,
            "history": self.history,
        }
