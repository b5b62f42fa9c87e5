"""Everything the endpoints share, built once by `build_app` (no globals)."""

from __future__ import annotations

import logging
import time
from typing import Any

from accord.detect import Engine
from accord.gateway.asgi import Scope, headers_of
from accord.gateway.auth import Authenticator, JwtVerifier
from accord.gateway.exchange import Exchange
from accord.gateway.limits import Demand, MemoryQuotas, QuotaBackend, month_key
from accord.gateway.metrics import Metrics
from accord.gateway.upstream import Upstreams
from accord.home import Home
from accord.policy.holder import PolicyHolder
from accord.policy.identity import Identity
from accord.policy.model import Policy
from accord.policy.settings import EffectiveQuotas, Quota
from accord.store.events import AuditEvent

log = logging.getLogger(__name__)

#: Body limit when the policy sets none (a chat request with images fits; a runaway upload does not).
DEFAULT_MAX_BODY = 8 * 1024 * 1024
_DEMANDS_CACHE_MAX = 10_000


def _limited(q: Quota) -> bool:
    return q.rpm is not None or q.tpm is not None or q.concurrent is not None or q.monthly_budget_usd is not None


class GatewayState:
    def __init__(
        self,
        *,
        home: Home,
        holder: PolicyHolder,
        store: Any,
        upstreams: Upstreams,
        engine: Engine,
        metrics: Metrics,
        quotas: QuotaBackend | None = None,
    ) -> None:
        self.home = home
        self.holder = holder
        self.store = store
        self.upstreams = upstreams
        self.engine = engine
        self.metrics = metrics
        self.quotas: QuotaBackend = quotas or MemoryQuotas(spent=self._spent_before)
        self.auth = Authenticator(store.keys.averify)
        self._jwt_for: int | None = None
        self._spend_loaded: dict[str, dict[str, float]] = {}
        self._demands: dict[tuple[Any, ...], tuple[EffectiveQuotas, tuple[Demand, ...]]] = {}
        self.ready = False
        #: Built on first use by the endpoints served for other capabilities (handlers/extras.py).
        self.coach_catalog: tuple[Policy, Any, Any] | None = None  # (policy, catalog, page renderer)
        self.retriever: Any = None
        self.sync_auth(holder.current)

    # --- policy-derived pieces, rebuilt when the policy object changes ---------------------------

    def sync_auth(self, policy: Policy) -> None:
        if self._jwt_for == id(policy):
            return
        self._jwt_for = id(policy)
        settings = policy.auth
        self.auth.api_keys = settings.api_keys
        current = self.auth.jwt.settings if self.auth.jwt else None
        if settings.jwt != current:
            self.auth.jwt = JwtVerifier(settings.jwt, self.home.path) if settings.jwt else None

    async def identify(self, ex: Exchange, scope: Scope) -> tuple[Policy, Identity, dict[bytes, bytes]]:
        """The first step of every authenticated endpoint, before any byte of the body is read: the
        live policy, the caller (recorded on the exchange for the audit event) and the headers."""
        headers = headers_of(scope)
        policy = self.holder.current
        self.sync_auth(policy)
        identity = await self.auth.authenticate(headers)
        ex.identity = identity
        return policy, identity, headers

    def demands(self, identity: Identity, q: EffectiveQuotas) -> tuple[Demand, ...]:
        """The limited scopes of this caller (empty when no quota applies), cached per policy version."""
        ck = (id(q), identity.tenant, identity.team, identity.key_id, identity.user)
        hit = self._demands.get(ck)
        if hit is not None and hit[0] is q:
            return hit[1]
        key, team, tenant = self.budget_scopes(identity)
        out = []
        if _limited(q.key):
            out.append(Demand(key, q.key))
        if _limited(q.team):
            out.append(Demand(team, q.team))
        if _limited(q.tenant):
            out.append(Demand(tenant, q.tenant))
        if len(self._demands) >= _DEMANDS_CACHE_MAX:
            self._demands.clear()
        self._demands[ck] = (q, tuple(out))
        return tuple(out)

    def _spent_before(self, scope: str, month: str) -> float:
        # Loaded once at start-up (load_spend); a scope not seen there spent nothing yet.
        return self._spend_loaded.get(month, {}).get(scope, 0.0)

    def load_spend(self, month: str) -> None:
        """Blocking (database): called in a worker thread at start-up."""
        try:
            self._spend_loaded[month] = dict(self.store.spend.totals(month))
        except Exception:
            log.exception("cannot load this month's spend; budgets count from 0 in this process")

    def record_spend(self, identity: Identity, cost: float) -> None:
        if not cost:
            return
        month = month_key()
        try:
            for scope in self.budget_scopes(identity):
                self.store.spend.add(scope, month, cost)
        except Exception:
            log.exception("cannot record spend")

    @staticmethod
    def budget_scopes(identity: Identity) -> tuple[str, ...]:
        return (
            f"key:{identity.key_id or identity.user}",
            f"team:{identity.tenant}/{identity.team}",
            f"tenant:{identity.tenant}",
        )

    # --- the end of every request ----------------------------------------------------------------

    def finish(self, ex: Exchange) -> None:
        """Metrics and the one audit event of a request; runs once (later calls are no-ops)."""
        if ex.finished:
            return
        ex.finished = True
        m = self.metrics
        m.count_request(ex.endpoint, ex.route or "-", ex.status, ex.decision)
        total = time.perf_counter() - ex.t0
        m.observe("total", ex.endpoint, total)
        if ex.scan_s:
            m.observe("scan", ex.endpoint, ex.scan_s)
        if ex.upstream_s:
            m.observe("upstream", ex.endpoint, ex.upstream_s)
        if ex.prompt_tokens or ex.completion_tokens:
            m.add_usage(ex.route or "-", ex.prompt_tokens, ex.completion_tokens, ex.cost_usd)
        try:
            self.store.audit.emit(ex.event())
        except Exception:
            # Auditing must never take the request down; the failure is visible in logs and metrics.
            log.exception("cannot enqueue the audit event of request %s", ex.request_id)
            m.count_guardrail("audit_error")

    def audit_admin(self, identity: Identity | None, action: str, decision: str = "ok", **detail: Any) -> None:
        event = AuditEvent(
            tenant=identity.tenant if identity else "default",
            action=action,
            kind="admin",
            team=identity.team if identity else None,
            user=f"key:{identity.key_id}" if identity and identity.key_id else (identity.user if identity else "gateway"),
            key_id=identity.key_id if identity else None,
            decision=decision,
            detail=detail,
        )
        try:
            self.store.audit.emit(event)
        except Exception:
            log.exception("cannot enqueue the audit event of admin action %s", action)
