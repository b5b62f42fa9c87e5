"""The rule registry. Built-in families register exactly like third-party rule sets would.

    registry = RuleRegistry()
    registry.extend(my_rules, family="acme")        # a plugin: any iterable of SecretRule
    SecretsRecognizer(registry)

`RULES` is the registry of every built-in rule, loaded once from the family modules named in
`BUILTIN_FAMILIES` (each exports a `RULES` tuple).
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Iterable, Iterator

from accord.detect.secrets.rule import SecretRule

#: Family modules under `accord.detect.secrets.rules`, in registration order.
BUILTIN_FAMILIES: tuple[str, ...] = (
    "keys",
    "cloud",
    "vcs",
    "cicd",
    "packages",
    "payments",
    "chat",
    "messaging",
    "ai",
    "observability",
    "saas",
    "tokens",
    "databases",
    "hashes",
    "commands",
    "generic",
    "structured",
    "prose",
)


class RuleRegistry:
    """An ordered set of rules with unique ids."""

    def __init__(self, rules: Iterable[SecretRule] = ()) -> None:
        self._rules: dict[str, SecretRule] = {}
        self.extend(rules)

    def register(self, rule: SecretRule, *, family: str | None = None) -> SecretRule:
        if family is not None and rule.family != family:
            rule = dataclasses.replace(rule, family=family)
        if rule.id in self._rules:
            raise ValueError(f"secret rule id {rule.id!r} is already registered; rule ids must be unique")
        self._rules[rule.id] = rule
        return rule

    def extend(self, rules: Iterable[SecretRule], *, family: str | None = None) -> None:
        for rule in rules:
            self.register(rule, family=family)

    def get(self, rule_id: str) -> SecretRule:
        try:
            return self._rules[rule_id]
        except KeyError:
            raise KeyError(f"no secret rule {rule_id!r}; see RULES.ids() for the known ones") from None

    def ids(self) -> list[str]:
        return list(self._rules)

    def families(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for rule in self._rules.values():
            out.setdefault(rule.family, []).append(rule.id)
        return out

    def select(self, *, ids: Iterable[str] | None = None, families: Iterable[str] | None = None) -> list[SecretRule]:
        """The rules with the given ids and/or from the given families (unknown names raise)."""
        chosen: dict[str, SecretRule] = {}
        for rule_id in ids or ():
            chosen[rule_id] = self.get(rule_id)
        for fam in families or ():
            members = [r for r in self._rules.values() if r.family == fam]
            if not members:
                raise KeyError(f"no secret rule family {fam!r}; known: {', '.join(sorted(self.families()))}")
            chosen.update((r.id, r) for r in members)
        return list(chosen.values())

    def __iter__(self) -> Iterator[SecretRule]:
        return iter(self._rules.values())

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._rules


def load_builtins(registry: RuleRegistry) -> RuleRegistry:
    for family in BUILTIN_FAMILIES:
        module = importlib.import_module(f"accord.detect.secrets.rules.{family}")
        registry.extend(module.RULES, family=family)
    return registry


RULES = load_builtins(RuleRegistry())
