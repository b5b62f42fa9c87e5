"""`decide`: a pure function of (policy, identity, request, findings) -> Decision.

Precedence, for one direction of one request:

1. `block` rules win over everything (first matching block rule in file order gives the message).
2. A `route` rule sends the request to its private target; the rules are evaluated again for the
   target (a block rule scoped to the target still blocks).
3. `redact` rules add the entity types they cover to the set to pseudonymise (union).
4. Clearance (input only): the data class that would still leave after redaction is compared with the
   route's `max_class`; above it, the request is blocked or re-routed per `clearance.on_exceeds_class`.
5. Otherwise `allow`. An `allow` rule never weakens another rule; it only records a reason.

No rule can make the outcome less strict than another rule asked for: adding a rule only tightens.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from accord.detect.types import DataClass, Entity, Report
from accord.errors import NotFound
from accord.policy.identity import Identity
from accord.policy.model import Policy
from accord.policy.routes import Route
from accord.policy.rules import Action, Rule


@dataclass(frozen=True, slots=True)
class RequestInfo:
    #: The requested model name, a route name, or the Route already chosen by `policy.route_for`.
    route: str | Route
    #: Which API the request came in on ("openai", "anthropic", "embeddings", ...); for reasons/audit.
    api: str
    direction: Literal["input", "output"] = "input"


@dataclass(frozen=True, slots=True)
class Decision:
    action: Action
    #: The route to use (the requested one, or the target of a `route` rule / clearance re-route).
    route: Route
    #: Entity types to pseudonymise (input) or mask (output).
    redact_types: frozenset[str] = frozenset()
    #: Coaching message for `block`.
    message: str | None = None
    reasons: tuple[str, ...] = ()
    #: Name of the rule that decided ("clearance" / "guardrails.output" for built-in checks).
    rule: str | None = None

    @property
    def blocked(self) -> bool:
        return self.action == "block"


_PLACEHOLDER = re.compile(r"\{(types|route|class|max_class|target)\}")


def render(message: str, fields: Mapping[str, str]) -> str:
    """Fill the known {placeholders}; any other brace text is left as written."""
    return _PLACEHOLDER.sub(lambda m: fields.get(m.group(1), m.group(0)), message)


def residual_class(policy: Policy, report: Report, redacted: frozenset[str]) -> DataClass:
    """The data class of what still leaves once `redacted` types are pseudonymised."""
    if not report.entities:
        return report.classification
    of = policy.classes.of
    entity_max = max(of(e.type) for e in report.entities)
    if report.classification > entity_max:
        # Something other than the entities (a marking, a category) made it this sensitive.
        return report.classification
    return max((of(e.type) for e in report.entities if e.type not in redacted), default=DataClass.PUBLIC)


def _resolve(policy: Policy, ref: str | Route) -> Route:
    if isinstance(ref, Route):
        return ref
    route = policy.resolve(ref) or policy.route(ref)
    if route is None:
        raise NotFound(f"model {ref!r} is not available", hint="resolve it with policy.route_for() first")
    return route


def _types_text(entities: list[Entity], report: Report) -> str:
    types = sorted({e.type for e in entities} or {e.type for e in report.entities})
    return ", ".join(types) if types else "sensitive content"


@dataclass(slots=True)
class _Eval:
    block: tuple[Rule, list[Entity]] | None
    reroute: tuple[Rule, list[Entity]] | None
    redact: frozenset[str]
    redact_rule: str | None
    reasons: list[str]


def _evaluate(
    policy: Policy, identity: Identity, route: Route, report: Report, direction: str, *, allow_route: bool
) -> _Eval:
    present = frozenset(e.type for e in report.entities)
    block = reroute = None
    redact: set[str] = set()
    redact_rule = None
    reasons: list[str] = []
    for rule in policy.rules:
        if not rule.applies_to(direction) or (rule.action == "route" and not allow_route):
            continue
        ok, found = rule.when.matches(identity, route, report)
        if not ok:
            continue
        what = ", ".join(sorted({e.type for e in found})) if found else "matched"
        reasons.append(f"rule {rule.name!r} ({rule.action}): {what}")
        if rule.action == "block" and block is None:
            block = (rule, found)
        elif rule.action == "route" and reroute is None:
            reroute = (rule, found)
        elif rule.action == "redact":
            types = rule.redact_types(found, present)
            if types and redact_rule is None:
                redact_rule = rule.name
            redact |= types
    return _Eval(block, reroute, frozenset(redact), redact_rule, reasons)


def _fields(report: Report, route: Route, found: list[Entity], cls: DataClass, target: str = "") -> dict[str, str]:
    return {
        "types": _types_text(found, report),
        "route": route.name,
        "class": str(cls),
        "max_class": str(route.max_class),
        "target": target,
    }


def decide(policy: Policy, identity: Identity, request: RequestInfo, report: Report) -> Decision:
    route = _resolve(policy, request.route)
    if request.direction == "output":
        return _decide_output(policy, identity, route, report)

    ev = _evaluate(policy, identity, route, report, "input", allow_route=True)
    reasons = ev.reasons
    rerouted, decided_by = False, None
    if ev.block is None and ev.reroute is not None:
        rule, found = ev.reroute
        target = policy.route(rule.target or "")
        if target is None:
            msg = f"The private route {rule.target!r} this request must use is not available right now."
            return Decision("block", route, message=msg, reasons=(*reasons, "route target disabled"), rule=rule.name)
        reasons.append(f"routed from {route.name!r} to {target.name!r}")
        route, rerouted, decided_by = target, True, rule.name
        ev = _evaluate(policy, identity, route, report, "input", allow_route=False)
        reasons = reasons + ev.reasons
    if ev.block is not None:
        rule, found = ev.block
        message = render(rule.message or "", _fields(report, route, found, report.classification))
        return Decision("block", route, message=message, reasons=tuple(reasons), rule=rule.name)

    redact = ev.redact
    cls = residual_class(policy, report, redact)
    if cls > route.max_class:
        reasons.append(f"class {cls} exceeds route {route.name!r} max_class {route.max_class}")
        target = _clearance_target(policy, route, cls)
        if target is None:
            message = render(policy.clearance.message, _fields(report, route, [], cls))
            return Decision("block", route, message=message, reasons=tuple(reasons), rule="clearance")
        reasons.append(f"routed from {route.name!r} to {target.name!r} (clearance)")
        route, rerouted, decided_by = target, True, "clearance"
        ev = _evaluate(policy, identity, route, report, "input", allow_route=False)
        reasons += ev.reasons
        if ev.block is not None:
            rule, found = ev.block
            message = render(rule.message or "", _fields(report, route, found, cls))
            return Decision("block", route, message=message, reasons=tuple(reasons), rule=rule.name)
        redact = ev.redact
    if rerouted:
        return Decision("route", route, redact, None, tuple(reasons), decided_by)
    if redact:
        return Decision("redact", route, redact, None, tuple(reasons), ev.redact_rule)
    return Decision("allow", route, frozenset(), None, tuple(reasons), None)


def _clearance_target(policy: Policy, route: Route, cls: DataClass) -> Route | None:
    if policy.clearance.on_exceeds_class != "route":
        return None
    if policy.clearance.route is not None:
        target = policy.route(policy.clearance.route)
        return target if target is not None and target.max_class >= cls and target is not route else None
    for r in policy.active_routes:
        if r.private and r.max_class >= cls and r.name != route.name:
            return r
    return None


def _decide_output(policy: Policy, identity: Identity, route: Route, report: Report) -> Decision:
    ev = _evaluate(policy, identity, route, report, "output", allow_route=False)
    reasons = ev.reasons
    if ev.block is not None:
        rule, found = ev.block
        message = render(rule.message or "", _fields(report, route, found, report.classification))
        return Decision("block", route, message=message, reasons=tuple(reasons), rule=rule.name)
    g = policy.guardrails
    hidden = g.hidden_in_output(frozenset(e.type for e in report.entities))
    redact = ev.redact
    if hidden:
        reasons.append(f"output contains {', '.join(sorted(hidden))}, which the caller may not see")
        if g.output_action == "block":
            found = [e for e in report.entities if e.type in hidden]
            message = render(g.output_message, _fields(report, route, found, report.classification))
            return Decision("block", route, message=message, reasons=tuple(reasons), rule="guardrails.output")
        redact = redact | hidden
    if redact:
        rule_name = ev.redact_rule or "guardrails.output"
        return Decision("redact", route, redact, None, tuple(reasons), rule_name)
    return Decision("allow", route, frozenset(), None, tuple(reasons), None)
