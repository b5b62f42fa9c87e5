"""Value types shared by every detector and by the callers of the engine."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any, Protocol, runtime_checkable


class DataClass(IntEnum):
    """Sensitivity classes, ordered: a route cleared for a class is cleared for every lower one."""

    PUBLIC = 0
    INTERNAL = 1
    CONFIDENTIAL = 2
    RESTRICTED = 3

    @classmethod
    def parse(cls, value: str | DataClass) -> DataClass:
        if isinstance(value, DataClass):
            return value
        try:
            return cls[value.strip().upper()]
        except KeyError:
            names = ", ".join(m.name.lower() for m in cls)
            raise ValueError(f"unknown data class {value!r}; expected one of: {names}") from None

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True, init=False)
class Entity:
    """One finding: `text[start:end]` is the sensitive value (Python string indices)."""

    type: str
    start: int
    end: int
    score: float
    #: Sub-type: for SECRET the rule that matched, for custom dictionaries the dictionary name.
    kind: str | None = None
    #: The recognizer that produced it (for explanations, never for decisions).
    recognizer: str = ""

    def __init__(self, type: str, start: int, end: int, score: float, kind: str | None = None,
                 recognizer: str = "") -> None:
        # The frozen dataclass __init__ sets each field through object.__setattr__ (about 1 us per
        # entity); the slots' own descriptors do the same job in half the time. Thousands of entities
        # per MB of text are built on the engine's hot path.
        _set_type(self, type)
        _set_start(self, start)
        _set_end(self, end)
        _set_score(self, score)
        _set_kind(self, kind)
        _set_recognizer(self, recognizer)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": self.type,
            "start": self.start,
            "end": self.end,
            "score": round(self.score, 4),
        }
        if self.kind is not None:
            out["kind"] = self.kind
        return out


_set_type, _set_start, _set_end, _set_score, _set_kind, _set_recognizer = (
    Entity.__dict__[name].__set__ for name in ("type", "start", "end", "score", "kind", "recognizer")
)


@dataclass(frozen=True, slots=True)
class InjectionResult:
    score: float
    detected: bool
    #: Which layers fired, e.g. ("signature:override", "decoded:base64", "classifier").
    signals: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"score": round(self.score, 4), "detected": self.detected}


NO_INJECTION = InjectionResult(score=0.0, detected=False)


@dataclass(frozen=True, slots=True)
class Report:
    """Everything the engine found in one text."""

    entities: tuple[Entity, ...]
    injection: InjectionResult = NO_INJECTION
    classification: DataClass = DataClass.PUBLIC
    categories: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def entity_counts(self) -> dict[str, int]:
        return dict(Counter(e.type for e in self.entities))

    def to_dict(self) -> dict[str, Any]:
        return {
            "entities": [e.to_dict() for e in self.entities],
            "injection": self.injection.to_dict(),
            "classification": str(self.classification),
            "categories": list(self.categories),
            "reasons": list(self.reasons),
        }


@runtime_checkable
class Recognizer(Protocol):
    """The extension point for finding entities: as small as a transport in httpx.

    A recognizer is pure: it looks at text and yields entities. Declarative recognizers (patterns,
    context words, a validator) are compiled together by the engine; this protocol is what a custom
    one implements.
    """

    name: str
    entities: tuple[str, ...]

    def analyze(self, text: str) -> list[Entity]: ...
