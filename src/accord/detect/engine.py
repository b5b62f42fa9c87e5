"""The engine: runs the registry's recognizers over a text and assembles a Report.

Bootstrap version: a handful of recognizers in plain `re`. The Detect work replaces the internals
(multi-pattern compilation, full recognizer families, injection, classification) behind the same API.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import phonenumbers

from accord.detect.types import DataClass, Entity, Recognizer, Report


def _luhn_ok(digits: str) -> bool:
    total, parity = 0, len(digits) % 2
    for i, ch in enumerate(digits):
        d = ord(ch) - 48
        if i % 2 == parity:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


class RegexRecognizer:
    def __init__(self, name: str, entity: str, pattern: str, score: float, validator=None, kind=None):
        self.name, self.entities = name, (entity,)
        self._re = re.compile(pattern)
        self._score, self._validator, self._kind = score, validator, kind

    def analyze(self, text: str) -> list[Entity]:
        out = []
        for m in self._re.finditer(text):
            if self._validator is None or self._validator(m.group(0)):
                out.append(Entity(self.entities[0], m.start(), m.end(), self._score, self._kind, self.name))
        return out


class PhoneRecognizer:
    name, entities = "phone", ("PHONE_NUMBER",)

    def analyze(self, text: str) -> list[Entity]:
        return [
            Entity("PHONE_NUMBER", m.start, m.end, 0.75, None, self.name)
            for m in phonenumbers.PhoneNumberMatcher(text, "US")
        ]


def default_recognizers() -> list[Recognizer]:
    return [
        RegexRecognizer("email", "EMAIL_ADDRESS", r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b", 0.95),
        PhoneRecognizer(),
        RegexRecognizer(
            "credit_card",
            "CREDIT_CARD",
            r"\b(?:\d[ -]?){12,18}\d\b",
            0.9,
            validator=lambda s: _luhn_ok(re.sub(r"\D", "", s)),
        ),
        RegexRecognizer("aws_access_key", "SECRET", r"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b", 0.95, kind="aws-access-key-id"),
        RegexRecognizer("github_pat", "SECRET", r"\bgh[pousr]_[A-Za-z0-9]{36}\b", 0.95, kind="github-pat"),
        RegexRecognizer("openai_key", "SECRET", r"\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}\b", 0.9, kind="openai-api-key"),
    ]


def _resolve_overlaps(entities: Iterable[Entity]) -> list[Entity]:
    """Keep the higher-scoring (then longer) entity where two overlap; output sorted by start."""
    ranked = sorted(entities, key=lambda e: (-e.score, -(e.end - e.start), e.start))
    kept: list[Entity] = []
    for e in ranked:
        if all(e.end <= k.start or e.start >= k.end for k in kept):
            kept.append(e)
    return sorted(kept, key=lambda e: (e.start, e.end))


class Engine:
    def __init__(self, recognizers: Sequence[Recognizer] | None = None) -> None:
        self.recognizers = list(recognizers if recognizers is not None else default_recognizers())

    def analyze(self, text: str) -> list[Entity]:
        found: list[Entity] = []
        for r in self.recognizers:
            found.extend(r.analyze(text))
        return _resolve_overlaps(found)

    def inspect(self, text: str) -> Report:
        entities = tuple(self.analyze(text))
        types = {e.type for e in entities}
        cls = DataClass.RESTRICTED if types & {"SECRET", "CREDIT_CARD"} else (
            DataClass.CONFIDENTIAL if entities else DataClass.PUBLIC
        )
        return Report(entities=entities, classification=cls)
