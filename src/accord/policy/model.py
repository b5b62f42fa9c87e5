"""The top-level Policy: routes, teams, tenants, rules and settings, cross-checked as one table."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field, ValidationInfo, model_validator

from accord.errors import NotFound, PermissionDenied
from accord.policy.identity import Identity
from accord.policy.routes import Route, env_enabled
from accord.policy.rules import Rule
from accord.policy.sections.discover import DiscoverPolicy
from accord.policy.sections.govern import GovernPolicy
from accord.policy.settings import (
    AuditSettings,
    AuthSettings,
    ClassSettings,
    ClearanceSettings,
    EffectiveQuotas,
    GuardrailSettings,
    Quota,
    QuotaSettings,
)
from accord.policy.types import STRICT

ANY = "*"
_PASSTHROUGH_CACHE_MAX = 4096


class PolicyReferenceError(Exception):
    """A cross-reference that does not hold (dangling route name, fallback cycle, ...).

    Deliberately not a ValueError: pydantic lets it through untouched, so the loader can point at the
    exact YAML node named by `loc`.
    """

    def __init__(self, loc: tuple[str | int, ...], message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.loc, self.message, self.hint = loc, message, hint


class Team(BaseModel):
    model_config = STRICT

    #: Route names this team may use; "*" = every route.
    routes: tuple[str, ...] = ()
    #: Limits for the team as a whole (all its keys together); unset values use `quotas.team`.
    quotas: Quota | None = None
    #: The tenant this team belongs to (MSSP); unset = a team of any tenant with this name.
    tenant: str | None = None
    description: str = ""


class Tenant(BaseModel):
    model_config = STRICT

    routes: tuple[str, ...] = (ANY,)
    quotas: Quota | None = None
    description: str = ""


class Policy(BaseModel):
    model_config = STRICT

    version: Literal[1] = 1
    routes: tuple[Route, ...] = ()
    teams: dict[str, Team] = Field(default_factory=dict)
    tenants: dict[str, Tenant] = Field(default_factory=dict)
    rules: tuple[Rule, ...] = ()
    quotas: QuotaSettings = QuotaSettings()
    clearance: ClearanceSettings = ClearanceSettings()
    classes: ClassSettings = ClassSettings()
    guardrails: GuardrailSettings = GuardrailSettings()
    audit: AuditSettings = AuditSettings()
    auth: AuthSettings = AuthSettings()
    discover: DiscoverPolicy = DiscoverPolicy()
    govern: GovernPolicy = GovernPolicy()

    # Indexes are built once per loaded policy into a plain `_Index` kept in the instance __dict__:
    # pydantic private attributes cost microseconds per access, too slow for the request path.
    if TYPE_CHECKING:
        _ix: _Index

    @model_validator(mode="before")
    @classmethod
    def _name_rules(cls, data: Any) -> Any:
        # Unnamed rules get `rule-N` (1-based, file order) so reasons and audit events can name them.
        if isinstance(data, dict) and isinstance(data.get("rules"), list):
            rules = [
                {**r, "name": f"rule-{i}"} if isinstance(r, dict) and not r.get("name") else r
                for i, r in enumerate(data["rules"], 1)
            ]
            data = {**data, "rules": rules}
        return data

    @model_validator(mode="after")
    def _cross_check(self, info: ValidationInfo) -> Policy:
        env: Mapping[str, str] = (info.context or {}).get("env", os.environ)
        check_references(self)
        ix = _Index()
        for r in self.routes:
            (ix.active if env_enabled(r.enabled_if_env, env) else ix.inactive)[r.name] = r
        ix.passthrough = tuple(r for r in ix.active.values() if r.models)
        self.__dict__["_ix"] = ix
        for i, rule in enumerate(self.rules):
            if rule.action == "route" and rule.target in ix.inactive:
                var = ix.inactive[rule.target].enabled_if_env
                raise PolicyReferenceError(
                    ("rules", i, "target"),
                    f"route rule target {rule.target!r} is disabled ({var} is not set)",
                    f"set {var}, or point the rule at an enabled private route",
                )
        return self

    @property
    def source(self) -> str | None:
        """The file this policy was loaded from (None when built in code)."""
        return self._ix.source

    @property
    def digest(self) -> str | None:
        """sha256 of the file bytes (for audit events)."""
        return self._ix.digest

    # --- lookups -----------------------------------------------------------------------------------

    def route(self, name: str) -> Route | None:
        """An enabled route by its name (None if unknown or disabled)."""
        return self._ix.active.get(name)

    @property
    def active_routes(self) -> tuple[Route, ...]:
        return tuple(self._ix.active.values())

    def resolve(self, model_name: str) -> Route | None:
        """The route serving `model_name`: a route by name, else the first pass-through pattern match.

        A pass-through match is returned as a copy whose `model` is the requested name.
        """
        route = self._ix.active.get(model_name)
        if route is not None and route.by_name:
            return route
        hit = self._ix.resolved.get(model_name)
        if hit is not None:
            return hit
        for r in self._ix.passthrough:
            if r.matches(model_name):
                hit = r if r.model == model_name else r.model_copy(update={"model": model_name})
                if len(self._ix.resolved) >= _PASSTHROUGH_CACHE_MAX:
                    self._ix.resolved.clear()
                self._ix.resolved[model_name] = hit
                return hit
        return None

    def team_for(self, identity: Identity) -> Team | None:
        team = self.teams.get(identity.team)
        if team is not None and (team.tenant is None or team.tenant == identity.tenant):
            return team
        return self.teams.get(ANY)

    def tenant_for(self, identity: Identity) -> Tenant | None:
        if not self.tenants:
            return _OPEN_TENANT
        return self.tenants.get(identity.tenant) or self.tenants.get(ANY)

    def allows(self, identity: Identity, route: Route) -> bool:
        team, tenant = self.team_for(identity), self.tenant_for(identity)
        if team is None or tenant is None:
            return False
        ok_team = ANY in team.routes or route.name in team.routes
        return ok_team and (ANY in tenant.routes or route.name in tenant.routes)

    def route_for(self, model_name: str, identity: Identity) -> Route:
        """The route for a requested model; NotFound if none serves it, PermissionDenied if not allowed."""
        route = self.resolve(model_name)
        if route is None:
            names = sorted({m for r in self.routes_for(identity) for m in r.model_ids()})
            hint = f"models you may use: {', '.join(names)}" if names else "ask an admin to grant your team a route"
            inactive = [r for r in self._ix.inactive.values() if model_name == r.name or r.matches(model_name)]
            if inactive:
                hint = f"route {inactive[0].name!r} is disabled until {inactive[0].enabled_if_env} is set"
            raise NotFound(f"model {model_name!r} is not available", hint=hint)
        if not self.allows(identity, route):
            raise PermissionDenied(
                f"team {identity.team!r} (tenant {identity.tenant!r}) may not use route {route.name!r}",
                hint="ask an admin to add the route to your team in accord.yaml (teams.<team>.routes)",
            )
        return route

    def routes_for(self, identity: Identity) -> list[Route]:
        return [r for r in self._ix.active.values() if self.allows(identity, r)]

    def quotas_for(self, identity: Identity) -> EffectiveQuotas:
        key = (identity.tenant, identity.team)
        hit = self._ix.quota_cache.get(key)
        if hit is None:
            team, tenant = self.team_for(identity), self.tenant_for(identity)
            hit = EffectiveQuotas(
                key=self.quotas.key,
                team=self.quotas.team.merged(team.quotas if team else None),
                tenant=self.quotas.tenant.merged(tenant.quotas if tenant else None),
            )
            if len(self._ix.quota_cache) > 10_000:
                self._ix.quota_cache.clear()
            self._ix.quota_cache[key] = hit
        return hit

    def public_dump(self) -> dict[str, Any]:
        """The effective policy as plain data, secrets shown only as their references."""
        return self.model_dump(mode="json")


_OPEN_TENANT = Tenant()


class _Index:
    __slots__ = ("active", "digest", "inactive", "passthrough", "quota_cache", "resolved", "source")

    def __init__(self) -> None:
        self.active: dict[str, Route] = {}
        self.inactive: dict[str, Route] = {}
        self.passthrough: tuple[Route, ...] = ()
        self.resolved: dict[str, Route] = {}
        self.quota_cache: dict[tuple[str, str], EffectiveQuotas] = {}
        self.source: str | None = None
        self.digest: str | None = None


def check_references(policy: Policy) -> None:
    """Every name that points at a route must name a declared one; fallbacks must not loop."""
    by_name = {r.name: r for r in policy.routes}
    declared = ", ".join(by_name) or "(none)"
    seen: set[str] = set()
    for i, r in enumerate(policy.routes):
        if r.name in seen:
            raise PolicyReferenceError(("routes", i, "name"), f"duplicate route name {r.name!r}")
        seen.add(r.name)
    for i, r in enumerate(policy.routes):
        if r.fallback is not None and r.fallback not in by_name:
            raise PolicyReferenceError(
                ("routes", i, "fallback"), f"fallback route {r.fallback!r} is not defined", f"defined routes: {declared}"
            )
        chain, cur = [r.name], r
        while cur.fallback is not None:
            if cur.fallback in chain:
                loop = " -> ".join([*chain, cur.fallback])
                raise PolicyReferenceError(("routes", i, "fallback"), f"fallback cycle: {loop}", "end the chain")
            chain.append(cur.fallback)
            cur = by_name[cur.fallback]
    for tname, team in policy.teams.items():
        for j, ref in enumerate(team.routes):
            if ref != ANY and ref not in by_name:
                raise PolicyReferenceError(
                    ("teams", tname, "routes", j), f"team {tname!r} names unknown route {ref!r}", f"defined routes: {declared}"
                )
        if team.tenant is not None and policy.tenants and team.tenant not in policy.tenants and ANY not in policy.tenants:
            raise PolicyReferenceError(("teams", tname, "tenant"), f"tenant {team.tenant!r} is not defined")
    for tname, tenant in policy.tenants.items():
        for j, ref in enumerate(tenant.routes):
            if ref != ANY and ref not in by_name:
                raise PolicyReferenceError(
                    ("tenants", tname, "routes", j), f"tenant {tname!r} names unknown route {ref!r}", f"defined routes: {declared}"
                )
    names: set[str] = set()
    for i, rule in enumerate(policy.rules):
        if rule.name:
            if rule.name in names:
                raise PolicyReferenceError(("rules", i, "name"), f"duplicate rule name {rule.name!r}")
            names.add(rule.name)
        for j, ref in enumerate(rule.when.routes):
            if ref not in by_name:
                raise PolicyReferenceError(
                    ("rules", i, "when", "routes", j), f"unknown route {ref!r}", f"defined routes: {declared}"
                )
        if rule.action == "route":
            _check_private_target(policy, by_name, ("rules", i, "target"), rule.target, rule.when.min_class)
    if policy.clearance.route is not None:
        _check_private_target(policy, by_name, ("clearance", "route"), policy.clearance.route, None)


def _check_private_target(policy: Policy, by_name: dict[str, Route], loc: tuple[str | int, ...], target: str | None, min_class: Any) -> None:
    declared = ", ".join(by_name) or "(none)"
    route = by_name.get(target or "")
    if route is None:
        raise PolicyReferenceError(loc, f"target route {target!r} is not defined", f"defined routes: {declared}")
    if not route.private:
        raise PolicyReferenceError(
            loc, f"target route {target!r} is not private", "routing sensitive data needs a route with 'private: true'"
        )
    if min_class is not None and route.max_class < min_class:
        raise PolicyReferenceError(
            loc,
            f"target route {target!r} is cleared only up to {route.max_class}, but the rule sends {min_class} data",
            f"raise {target}.max_class or pick a route cleared for {min_class}",
        )
