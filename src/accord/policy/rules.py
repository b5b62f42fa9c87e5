"""Rules: detections (and who/where) mapped to an action. Matching is data; `decide` combines them."""

from __future__ import annotations

from collections.abc import Iterable
from fnmatch import fnmatchcase
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from accord.detect.types import Entity, Report
from accord.policy.identity import Identity
from accord.policy.routes import Route
from accord.policy.types import STRICT, ClassName

Action = Literal["allow", "redact", "route", "block"]
Direction = Literal["input", "output", "both"]

#: Precedence when several rules match: the most severe action wins.
SEVERITY: dict[str, int] = {"allow": 0, "redact": 1, "route": 2, "block": 3}


class When(BaseModel):
    """Conditions of a rule. Every condition given must hold (AND); a list matches any of its items."""

    model_config = STRICT

    # --- what was found ---------------------------------------------------------------------------
    #: Entity types (e.g. EMAIL_ADDRESS, SECRET); "*" = any entity.
    entities: tuple[str, ...] = ()
    #: SECRET kinds (the rule id, e.g. aws-access-key-id); globs allowed. Implies a SECRET entity.
    secret_kinds: tuple[str, ...] = ()
    #: Minimum score for an entity to count.
    min_score: float = Field(default=0.0, ge=0, le=1)
    #: Minimum number of matching entities.
    min_count: int = Field(default=1, ge=1)
    #: true: matches when prompt injection was detected; false: when it was not.
    injection: bool | None = None
    min_injection_score: float | None = Field(default=None, ge=0, le=1)
    #: Content categories reported by the detector (any of them).
    categories: tuple[str, ...] = ()
    #: The request's data class (as detected, before any redaction) is at least this.
    min_class: ClassName | None = None
    # --- who and where ----------------------------------------------------------------------------
    routes: tuple[str, ...] = ()
    #: true: only routes that are not private; false: only private routes.
    external: bool | None = None
    teams: tuple[str, ...] = ()
    except_teams: tuple[str, ...] = ()
    tenants: tuple[str, ...] = ()
    apps: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()

    @cached_property
    def _types(self) -> frozenset[str]:
        return frozenset(self.entities)

    @cached_property
    def _scope_sets(self) -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
        return frozenset(self.routes), frozenset(self.teams), frozenset(self.categories), frozenset(self.groups)

    def matched_entities(self, report: Report) -> list[Entity]:
        """The entities this rule is about (empty when it names none)."""
        if not self.entities and not self.secret_kinds:
            return []
        out = []
        types = self._types
        any_type = "*" in types
        for e in report.entities:
            if e.score < self.min_score:
                continue
            if any_type or e.type in types:
                out.append(e)
            elif self.secret_kinds and e.type == "SECRET" and e.kind is not None:
                if any(fnmatchcase(e.kind, k) for k in self.secret_kinds):
                    out.append(e)
        return out

    def matches(self, identity: Identity, route: Route, report: Report) -> tuple[bool, list[Entity]]:
        routes, teams, categories, groups = self._scope_sets
        if routes and route.name not in routes:
            return False, []
        if self.external is not None and self.external != (not route.private):
            return False, []
        if teams and identity.team not in teams:
            return False, []
        if self.except_teams and identity.team in self.except_teams:
            return False, []
        if self.tenants and identity.tenant not in self.tenants:
            return False, []
        if self.apps and identity.app not in self.apps:
            return False, []
        if groups and groups.isdisjoint(identity.groups):
            return False, []
        if self.min_class is not None and report.classification < self.min_class:
            return False, []
        if self.injection is not None and report.injection.detected != self.injection:
            return False, []
        if self.min_injection_score is not None and report.injection.score < self.min_injection_score:
            return False, []
        if categories and categories.isdisjoint(report.categories):
            return False, []
        found: list[Entity] = []
        if self.entities or self.secret_kinds:
            found = self.matched_entities(report)
            if len(found) < self.min_count:
                return False, []
        return True, found


class Rule(BaseModel):
    model_config = STRICT

    name: str = ""
    description: str = ""
    when: When = When()
    action: Action
    #: Coaching message for `block` (why, and what the sanctioned alternative is). Placeholders:
    #: {types}, {route}, {class}, {max_class}, {target}.
    message: str | None = None
    #: Route to send the request to (`action: route`); must be a private route.
    target: str | None = None
    #: Entity types to pseudonymise (`action: redact`); default: the types named in `when.entities`.
    redact: tuple[str, ...] = ()
    #: Which side of the exchange the rule looks at.
    direction: Direction = "input"

    @model_validator(mode="after")
    def _consistent(self) -> Rule:
        if self.action == "route":
            if not self.target:
                raise ValueError("action 'route' needs 'target: <private route name>'")
            if self.direction != "input":
                raise ValueError("action 'route' applies to input only (direction: input)")
        elif self.target is not None:
            raise ValueError(f"'target' is only meaningful with action 'route' (action is {self.action!r})")
        if self.action == "redact" and not self.redact and not (self.when.entities or self.when.secret_kinds):
            raise ValueError("action 'redact' needs 'redact: [TYPES]' or 'when.entities'")
        if self.action == "block" and not self.message:
            raise ValueError("action 'block' needs a coaching 'message' (why, and the sanctioned alternative)")
        return self

    def applies_to(self, direction: str) -> bool:
        return self.direction == "both" or self.direction == direction

    def redact_types(self, found: Iterable[Entity], present: frozenset[str]) -> frozenset[str]:
        if self.redact:
            wanted = present if "*" in self.redact else frozenset(self.redact)
            return wanted & present
        if "*" in self.when.entities:
            return present
        return frozenset(e.type for e in found)
