"""Quotas: requests/min, tokens/min, concurrent requests and monthly USD budgets per key, team, tenant.

`QuotaBackend` is the extension point. The in-process `MemoryQuotas` is the default; a Redis-backed
exact implementation (shared by every replica) implements the same two async methods with the same
semantics: `acquire` checks *every* limit of every scope and consumes all of them or none (atomic
check-and-consume: a Lua script in Redis), with the token count estimated before the call; `settle`
reconciles the estimate with the real usage, releases the concurrency slot and adds the cost.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from accord.errors import QuotaExceeded
from accord.policy.settings import Quota


@dataclass(frozen=True, slots=True)
class Demand:
    """One scope's limits for this request: `scope` is e.g. "key:abc", "team:eng", "tenant:acme"."""

    scope: str
    quota: Quota


@dataclass(slots=True)
class Reservation:
    demands: tuple[Demand, ...]
    tokens: int
    concurrent: list[str] = field(default_factory=list)
    settled: bool = False


class QuotaBackend(Protocol):
    async def acquire(self, demands: Sequence[Demand], tokens: int) -> Reservation: ...

    async def settle(self, reservation: Reservation, tokens: int, cost_usd: float) -> None: ...


class _Bucket:
    """Token bucket refilled continuously: `limit` per minute, bursts up to `limit`."""

    __slots__ = ("level", "limit", "rate", "stamp")

    def __init__(self, limit: int, now: float) -> None:
        self.limit, self.rate, self.level, self.stamp = limit, limit / 60.0, float(limit), now

    def refill(self, limit: int, now: float) -> None:
        if limit != self.limit:  # the policy changed: keep the level, change the shape
            self.limit, self.rate = limit, limit / 60.0
        self.level = min(float(self.limit), self.level + (now - self.stamp) * self.rate)
        self.stamp = now

    def wait_for(self, amount: float) -> float:
        return max(0.0, (amount - self.level) / self.rate)


def month_key(now: float | None = None) -> str:
    return datetime.fromtimestamp(now if now is not None else time.time(), UTC).strftime("%Y-%m")


def seconds_to_next_month(now: float | None = None) -> float:
    t = datetime.fromtimestamp(now if now is not None else time.time(), UTC)
    nxt = datetime(t.year + (t.month == 12), t.month % 12 + 1, 1, tzinfo=UTC)
    return (nxt - t).total_seconds()


class MemoryQuotas:
    """In-process counters. Exact for one process; with N workers each enforces its own share."""

    def __init__(
        self,
        *,
        spent: Callable[[str, str], float] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._buckets: dict[tuple[str, str], _Bucket] = {}
        self._inflight: dict[str, int] = {}
        self._spend: dict[tuple[str, str], float] = {}
        #: loads what a scope spent in a month before this process started (store.spend)
        self._spent_loader = spent
        self._clock = clock

    def spend_of(self, scope: str, month: str | None = None) -> float:
        month = month or month_key()
        key = (scope, month)
        value = self._spend.get(key)
        if value is None:
            value = self._spent_loader(scope, month) if self._spent_loader else 0.0
            self._spend[key] = value
        return value

    def _bucket(self, scope: str, kind: str, limit: int, now: float) -> _Bucket:
        b = self._buckets.get((scope, kind))
        if b is None:
            b = self._buckets[(scope, kind)] = _Bucket(limit, now)
        else:
            b.refill(limit, now)
        return b

    async def acquire(self, demands: Sequence[Demand], tokens: int) -> Reservation:
        # No await between check and consume: atomic within the event loop.
        now = self._clock()
        waits: list[tuple[float, str]] = []
        plan: list[tuple[_Bucket, float]] = []
        for d in demands:
            q = d.quota
            if q.rpm is not None:
                b = self._bucket(d.scope, "rpm", q.rpm, now)
                if b.level < 1:
                    waits.append((b.wait_for(1), f"{d.scope} is over its limit of {q.rpm} requests per minute"))
                plan.append((b, 1.0))
            if q.tpm is not None:
                b = self._bucket(d.scope, "tpm", q.tpm, now)
                need = min(float(tokens), float(q.tpm))
                if b.level < need:
                    waits.append((b.wait_for(need), f"{d.scope} is over its limit of {q.tpm} tokens per minute"))
                plan.append((b, float(tokens)))
            if q.concurrent is not None and self._inflight.get(d.scope, 0) >= q.concurrent:
                waits.append((1.0, f"{d.scope} already has {q.concurrent} requests in flight (its limit)"))
            if q.monthly_budget_usd is not None and self.spend_of(d.scope) >= q.monthly_budget_usd:
                waits.append(
                    (seconds_to_next_month(), f"{d.scope} has used its monthly budget of {q.monthly_budget_usd:.2f} USD")
                )
        if waits:
            wait, why = max(waits)
            raise QuotaExceeded(why, retry_after=math.ceil(max(wait, 1.0)), hint="retry after the time in Retry-After")
        for b, amount in plan:
            b.level -= amount
        res = Reservation(tuple(demands), tokens)
        for d in demands:
            if d.quota.concurrent is not None:
                self._inflight[d.scope] = self._inflight.get(d.scope, 0) + 1
                res.concurrent.append(d.scope)
        return res

    async def settle(self, reservation: Reservation, tokens: int, cost_usd: float) -> None:
        if reservation.settled:
            return
        reservation.settled = True
        for scope in reservation.concurrent:
            self._inflight[scope] = max(0, self._inflight.get(scope, 0) - 1)
        delta = tokens - reservation.tokens
        month = month_key() if cost_usd else ""
        for d in reservation.demands:
            if delta and d.quota.tpm is not None:
                b = self._buckets.get((d.scope, "tpm"))
                if b is not None:
                    b.level -= delta  # may go negative: the debt delays the next requests
            if cost_usd:
                key = (d.scope, month)
                self._spend[key] = self.spend_of(d.scope, month) + cost_usd

    def inflight(self, scope: str) -> int:
        return self._inflight.get(scope, 0)
