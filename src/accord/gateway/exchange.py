"""One request's record: who, where, what was decided, tokens, cost, timings. Becomes the audit event
(exactly one per request, rejected ones included) and the metrics observations."""

from __future__ import annotations

import itertools
import os
import time
from typing import Any

from accord.policy.identity import Identity
from accord.store.events import AuditEvent

# Request ids: a per-process random prefix and a counter. uuid4() reads os.urandom per call, which
# costs up to a millisecond on an entropy-starved VM; uniqueness is all an id needs here.
_PREFIX = os.urandom(4).hex()
_COUNTER = itertools.count(1)


def new_id() -> str:
    return f"{_PREFIX}{next(_COUNTER):010x}"


class Exchange:
    __slots__ = (
        "api", "completion_tokens", "cost_usd", "decision", "endpoint", "entity_counts", "error", "extra",
        "finished", "identity", "model", "output_counts", "prompt", "prompt_tokens", "reasons",
        "request_id", "route", "scan_s", "started", "status", "stream", "t0", "ts", "upstream_model",
        "upstream_s",
    )

    def __init__(self, endpoint: str, api: str) -> None:
        self.t0 = time.perf_counter()
        self.ts = time.time()
        self.endpoint, self.api = endpoint, api
        self.request_id = new_id()
        self.identity: Identity | None = None
        self.model: str | None = None
        self.route: str | None = None
        self.upstream_model: str | None = None
        self.decision = "none"
        self.reasons: tuple[str, ...] = ()
        self.entity_counts: dict[str, int] = {}
        self.output_counts: dict[str, int] = {}
        self.prompt_tokens = 0
        self.completion_tokens = 0
        self.cost_usd = 0.0
        self.scan_s = 0.0
        self.upstream_s = 0.0
        self.status = 200
        self.error: str | None = None
        self.stream = False
        self.prompt: str | None = None
        #: Endpoint-specific audit detail (e.g. which chunks a retrieval returned); never raw text.
        self.extra: dict[str, Any] | None = None
        self.started = False  # response headers sent
        self.finished = False  # metrics and audit event done

    def event(self) -> AuditEvent:
        ident = self.identity
        total = time.perf_counter() - self.t0
        detail: dict[str, Any] = {"request_id": self.request_id, "api": self.api, "stream": self.stream}
        if self.model is not None:
            detail["model"] = self.model
        if self.output_counts:
            detail["output_entity_counts"] = self.output_counts
        if self.error:
            detail["error"] = self.error
        if self.extra:
            detail.update(self.extra)
        return AuditEvent(
            tenant=ident.tenant if ident else "default",
            action=self.endpoint,
            kind="request",
            team=ident.team if ident else None,
            user=ident.user if ident else None,
            key_id=ident.key_id if ident else None,
            app=ident.app if ident else None,
            route=self.route,
            upstream_model=self.upstream_model,
            decision=self.decision,
            reasons=self.reasons,
            entity_counts=self.entity_counts,
            tokens_in=self.prompt_tokens,
            tokens_out=self.completion_tokens,
            cost_usd=round(self.cost_usd, 8),
            latency_ms={
                "scan": round(self.scan_s * 1000, 3),
                "upstream": round(self.upstream_s * 1000, 3),
                "total": round(total * 1000, 3),
            },
            status=self.status,
            prompt=self.prompt,
            detail=detail,
            ts=self.ts,
        )
