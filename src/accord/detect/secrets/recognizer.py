"""`SecretsRecognizer`: the Recognizer (see `accord.detect.types`) for credentials in text."""

from __future__ import annotations

import bisect
import logging
import math
import re
from collections.abc import Iterable
from functools import lru_cache

from accord.detect.secrets.filters import (
    generic_reason,
    looks_like_identifier,
    shannon_entropy,
    strict_reason,
    value_fits_name,
)
from accord.detect.secrets.registry import RULES, RuleRegistry
from accord.detect.secrets.rule import SecretRule
from accord.detect.secrets.scanner import Candidate, CompiledRules
from accord.detect.types import Entity

log = logging.getLogger(__name__)


@lru_cache(maxsize=8)
def _compiled(rules: tuple[SecretRule, ...]) -> CompiledRules:
    # Compiling ~250 patterns into one Hyperscan database takes a moment: do it once per rule set.
    return CompiledRules(rules)


class SecretsRecognizer:
    """Finds credentials; each entity is `type="SECRET"`, `kind=<rule id>`, spanning the value only.

    SecretsRecognizer()                                  # every built-in rule
    SecretsRecognizer(RULES.select(families=["cloud"]))  # a subset
    SecretsRecognizer(extra_rules=[my_rule], allow=["sk_test_fixture..."])
    """

    name = "secrets"
    entities = ("SECRET",)

    def __init__(
        self,
        rules: RuleRegistry | Iterable[SecretRule] | None = None,
        *,
        extra_rules: Iterable[SecretRule] = (),
        allow: Iterable[str] = (),
        allow_patterns: Iterable[str] = (),
    ) -> None:
        """`allow`: exact values never reported; `allow_patterns`: regexes searched in each value."""
        base = RULES if rules is None else rules
        merged = RuleRegistry(base)
        merged.extend(extra_rules)
        self.rules: tuple[SecretRule, ...] = tuple(merged)
        self._compiled = _compiled(self.rules)
        self._allow = frozenset(allow)
        self._allow_res = tuple(re.compile(p) for p in allow_patterns)

    def analyze(self, text: str) -> list[Entity]:
        found: list[Entity] = []
        seen: set[tuple[str, int, int]] = set()
        for cand in self._compiled.scan(text):
            ident = (cand.rule.id, cand.start, cand.end)
            if ident in seen or cand.end <= cand.start:
                continue
            seen.add(ident)
            score = self._score(cand, text)
            if score is not None:
                found.append(Entity("SECRET", cand.start, cand.end, score, cand.rule.id, self.name))
        return _resolve_overlaps(found)

    def explain(self, text: str) -> list[tuple[str, str, str | None]]:
        """(rule id, value, reason it was dropped or None) for every candidate: for debugging rules."""
        out = []
        for cand in self._compiled.scan(text):
            out.append((cand.rule.id, cand.value, self._reject_reason(cand, text)))
        return out

    def _score(self, cand: Candidate, text: str) -> float | None:
        if self._reject_reason(cand, text) is not None:
            return None
        rule = cand.rule
        if rule.checksum is not None:
            return 0.99 if rule.checksum(cand.value) else max(0.5, rule.score - 0.15)
        return rule.score

    def _reject_reason(self, cand: Candidate, text: str) -> str | None:
        rule, value = cand.rule, cand.value
        if value in self._allow or any(p.search(value) for p in self._allow_res):
            return "allow-listed"
        if rule.keywords:
            whole = cand.match.group(0).lower()
            if not any(k in whole for k in rule.keywords):
                return "no keyword"
        if rule.entropy is not None and shannon_entropy(value) < _entropy_floor(rule.entropy, value):
            return "low entropy"
        if rule.validator is not None and not rule.validator(value):
            return "validator"
        if rule.by_key and not value_fits_name(value, cand.key):
            return "value does not fit its name"
        if rule.suppress != "off" and text.startswith(("...", "…", "***"), cand.end):
            return "elided value"  # `CFPAT-2fhN...`: the rule matched the part shown before the ellipsis
        if rule.suppress == "strict":
            return strict_reason(value)
        if rule.suppress == "generic":
            reason = generic_reason(value, cand.key, _is_quoted(cand, text))
            if reason:
                return reason
            # An unquoted right-hand side in code is usually a variable: `password = user_password`,
            # and always one after a quoted key (`"private_key": private_hex` is a dict literal).
            if cand.group.startswith("secret_u") and (
                looks_like_identifier(value) or (_key_is_quoted(cand) and _PLAIN_NAME.fullmatch(value))
            ):
                return "variable name"
        return None


_PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_HEX = frozenset("0123456789abcdefABCDEF")


def _entropy_floor(wanted: float, value: str) -> float:
    """A rule's minimum entropy, lowered for short values: 14 random hex characters average only
    ~3.3 bits each and often fall below 3.0, so a fixed bar would drop real tokens. Repeated and
    sequential placeholders are caught by the near-miss checks, not by this bar."""
    alphabet = 16 if set(value) <= _HEX else 64
    factor = 0.65 if len(value) < 20 else 0.75
    return min(wanted, factor * math.log2(max(2, min(len(value), alphabet))))


def _is_quoted(cand: Candidate, text: str) -> bool:
    """The value sits between matching quotes: a string literal, not code."""
    s, e = cand.start, cand.end
    if s == 0 or e >= len(text):
        return False
    q = text[s - 1]
    return q in "\"'`" and text[e] == q


def _key_is_quoted(cand: Candidate) -> bool:
    m = cand.match
    for name, idx in m.re.groupindex.items():
        if name.startswith("key") and m.group(idx) is not None:
            end = m.end(idx)
            return end < len(m.string) and m.string[end] in "\"'`"
    return False


def _resolve_overlaps(entities: list[Entity]) -> list[Entity]:
    """Where rules claim overlapping text, keep the higher score, then the longer span.

    Greedy by rank over a sorted list of kept, non-overlapping spans: O(n log n) comparisons,
    so a text with tens of thousands of findings stays fast.
    """
    if len(entities) < 2:
        return entities
    ranked = sorted(entities, key=lambda e: (-e.score, -(e.end - e.start), e.start))
    starts: list[int] = []
    kept: list[Entity] = []
    for e in ranked:
        i = bisect.bisect_right(starts, e.start)
        if i > 0 and kept[i - 1].end > e.start:
            continue  # overlaps the kept span that starts at or before it
        if i < len(kept) and kept[i].start < e.end:
            continue  # overlaps the kept span that starts after it
        starts.insert(i, e.start)
        kept.insert(i, e)
    return kept
