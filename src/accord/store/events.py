"""Audit events: the record, its canonical row form, and the chain hash over it."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import orjson

from accord.store.db import now_iso

#: prev_hash of the first event in a tenant's chain.
GENESIS = "0" * 64
#: Bumped if the canonical form ever changes; part of every hash.
CHAIN_VERSION = 1
#: Tenant for events that concern the whole installation (policy reloads).
SYSTEM_TENANT = "_system"
LATENCY_KEYS = ("scan", "upstream", "total")

_JSON_OPTS = orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS


@dataclass(slots=True)
class AuditEvent:
    """One thing that happened. Never carries raw sensitive values unless prompt capture is on."""

    tenant: str
    action: str  # "chat.completions", "messages", "key.create", "policy.reload", ...
    kind: Literal["request", "admin"] = "request"
    team: str | None = None
    #: The end user, or for admin events the actor ("cli:alice", "key:<id>", "gateway").
    user: str | None = None
    key_id: str | None = None
    app: str | None = None
    route: str | None = None
    upstream_model: str | None = None
    decision: str | None = None  # allow | redact | route | block (requests); ok | rejected (admin)
    reasons: Sequence[str] = ()
    entity_counts: Mapping[str, int] = field(default_factory=dict)
    tokens_in: int | None = None
    tokens_out: int | None = None
    cost_usd: float | None = None
    #: {"scan": ms, "upstream": ms, "total": ms}
    latency_ms: Mapping[str, float] = field(default_factory=dict)
    status: int | None = None
    prompt: str | None = None
    detail: Mapping[str, Any] = field(default_factory=dict)
    #: Seconds since the epoch; filled at creation.
    ts: float = field(default_factory=time.time)


def _clean(value: str | None) -> str | None:
    """Text every database accepts (PostgreSQL refuses NUL; nobody stores lone surrogates)."""
    if value is None:
        return None
    if "\x00" in value:
        value = value.replace("\x00", "\ufffd")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = value.encode("utf-8", "replace").decode("utf-8")
    return value


def _json(value: Any) -> str:
    return orjson.dumps(value, option=_JSON_OPTS, default=str).decode()


def _num(value: Any, kind: type) -> Any:
    return None if value is None else kind(value)


def to_row(ev: AuditEvent) -> dict[str, Any]:
    """The exact column values that get stored (and hashed): JSON fields as canonical text."""
    lat = ev.latency_ms or {}
    unknown = set(lat) - set(LATENCY_KEYS)
    if unknown:
        raise ValueError(f"latency_ms keys must be among {LATENCY_KEYS}, got {sorted(unknown)}")
    return {
        "tenant": _clean(ev.tenant) or "default",
        "ts": now_iso(ev.ts),
        "kind": ev.kind,
        "action": _clean(ev.action) or "",
        "team": _clean(ev.team),
        "user": _clean(ev.user),
        "key_id": _clean(ev.key_id),
        "app": _clean(ev.app),
        "route": _clean(ev.route),
        "upstream_model": _clean(ev.upstream_model),
        "decision": _clean(ev.decision),
        "reasons": _clean(_json([str(r) for r in ev.reasons])),
        "entity_counts": _clean(_json({str(k): int(v) for k, v in (ev.entity_counts or {}).items()})),
        "tokens_in": _num(ev.tokens_in, int),
        "tokens_out": _num(ev.tokens_out, int),
        "cost_usd": _num(ev.cost_usd, float),
        "latency_scan_ms": _num(lat.get("scan"), float),
        "latency_upstream_ms": _num(lat.get("upstream"), float),
        "latency_total_ms": _num(lat.get("total"), float),
        "status": _num(ev.status, int),
        "prompt": _clean(ev.prompt),
        "detail": _clean(_json(dict(ev.detail or {}))),
    }


#: Columns covered by the hash (everything but the database id and the hash itself).
HASHED = (
    "tenant", "seq", "prev_hash", "ts", "kind", "action", "team", "user", "key_id", "app", "route",
    "upstream_model", "decision", "reasons", "entity_counts", "tokens_in", "tokens_out", "cost_usd",
    "latency_scan_ms", "latency_upstream_ms", "latency_total_ms", "status", "prompt", "detail",
)  # fmt: skip


def chain_hash(row: Mapping[str, Any]) -> str:
    """sha256 over canonical JSON of the hashed columns, including seq, tenant and prev_hash."""
    doc = {name: row[name] for name in HASHED}
    doc["v"] = CHAIN_VERSION
    return hashlib.sha256(orjson.dumps(doc, option=orjson.OPT_SORT_KEYS)).hexdigest()


def to_public(row: Mapping[str, Any]) -> dict[str, Any]:
    """A stored row as an export record: JSON columns parsed, latency grouped."""
    out = {k: row[k] for k in ("id", "tenant", "seq", "ts", "kind", "action", "team", "user", "key_id", "app")}
    out.update(
        route=row["route"],
        upstream_model=row["upstream_model"],
        decision=row["decision"],
        reasons=orjson.loads(row["reasons"]),
        entity_counts=orjson.loads(row["entity_counts"]),
        tokens_in=row["tokens_in"],
        tokens_out=row["tokens_out"],
        cost_usd=row["cost_usd"],
        latency_ms={k: row[f"latency_{k}_ms"] for k in LATENCY_KEYS},
        status=row["status"],
        detail=orjson.loads(row["detail"]),
        prev_hash=row["prev_hash"],
        hash=row["hash"],
    )
    if row["prompt"] is not None:
        out["prompt"] = row["prompt"]
    return out
