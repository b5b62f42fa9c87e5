"""The AI-readiness gate: may this dataset feed that model route (or RAG index)?

A route's `max_class` (from the policy's routes) or an index's label (from `govern.gate.indexes`)
is the ceiling; the `govern.gate` settings add what blocks regardless of labels: denied categories,
injection flags, unreadable files, label conflicts, and (optionally) an unapproved or drifted manifest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from accord.detect.types import DataClass
from accord.errors import NotFound
from accord.govern.inventory import Dataset, Inventory
from accord.home import Home
from accord.policy.sections.govern import GovernPolicy


@dataclass(frozen=True, slots=True)
class Finding:
    path: str
    kind: str  # label | category | injection | unscanned | conflict | approval
    detail: str

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "kind": self.kind, "detail": self.detail}


@dataclass(slots=True)
class GateResult:
    dataset: str
    target: str
    target_kind: str  # route | index
    max_class: str
    checked: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def allowed(self) -> bool:
        return not self.findings

    def to_dict(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "target": self.target,
            "target_kind": self.target_kind,
            "max_class": self.max_class,
            "allowed": self.allowed,
            "checked": self.checked,
            "findings": [f.to_dict() for f in self.findings],
        }


def resolve_target(target: str, routes: Any, govern: GovernPolicy) -> tuple[str, DataClass]:
    """A route from the policy (by name or pass-through pattern) or an index from `govern.gate.indexes`."""
    if target in govern.gate.indexes:
        return "index", DataClass.parse(govern.gate.indexes[target])
    if routes is not None:
        route = routes.route(target) or routes.resolve(target)
        if route is not None:
            return "route", DataClass.parse(route.max_class)
    known = sorted(govern.gate.indexes) + (
        sorted(r.name for r in routes.active_routes) if routes is not None else []
    )
    hint = (
        f"known routes and indexes: {', '.join(known)}"
        if known
        else "define routes (or govern.gate.indexes) in accord.yaml"
    )
    raise NotFound(f"no route or index named {target!r}", hint=hint)


def check(
    inventory: Inventory,
    dataset: Dataset,
    target: str,
    govern: GovernPolicy,
    routes: Any = None,
    *,
    home: Home | None = None,
    key: bytes | None = None,
) -> GateResult:
    kind, ceiling = resolve_target(target, routes, govern)
    gate = govern.gate
    result = GateResult(dataset.name, target, kind, str(ceiling))
    deny = set(gate.deny_categories)
    for row in inventory.files(dataset):
        if row["file_type"] == "zip" and row["error"] is None:
            continue  # its members are checked one by one
        result.checked += 1
        path = row["relpath"]
        if row["error"]:
            if gate.block_errors:
                result.findings.append(Finding(path, "unscanned", f"{row['error_kind']}: content unknown"))
            continue
        label = DataClass.parse(row["label"]) if row["label"] else DataClass.PUBLIC
        if label > ceiling:
            cats = ", ".join(row["categories"]) or "engine classification"
            result.findings.append(
                Finding(path, "label", f"{label} ({cats}) is above {kind} {target}'s {ceiling}")
            )
        denied = sorted(deny & set(row["categories"]))
        if denied:
            result.findings.append(Finding(path, "category", f"denied categories: {', '.join(denied)}"))
        if row["injection"] and gate.block_injection:
            signals = ", ".join(row["injection_signals"]) or "flagged"
            result.findings.append(Finding(path, "injection", f"instructions aimed at an AI ({signals})"))
        if row["conflict"] and gate.block_label_conflicts:
            result.findings.append(Finding(path, "conflict", row["conflict"]))
    if gate.require_approval and dataset.kind == "files":
        result.findings.extend(_approval(home, dataset, key))
    return result


def _approval(home: Home | None, dataset: Dataset, key: bytes | None) -> list[Finding]:
    from accord.govern.manifest import verify

    if home is None or key is None:
        return [Finding(dataset.root, "approval", "approval required but no home/key to verify it")]
    try:
        drift = verify(home, dataset, key)
    except NotFound:
        return [Finding(dataset.root, "approval", "never approved (accord data approve)")]
    out = []
    if drift.bad_signature:
        out.append(Finding(dataset.root, "approval", "manifest signature does not verify"))
    out += [Finding(p, "approval", "added since approval") for p in drift.added]
    out += [Finding(p, "approval", "removed since approval") for p in drift.removed]
    out += [Finding(p, "approval", "changed since approval") for p in drift.changed]
    return out
