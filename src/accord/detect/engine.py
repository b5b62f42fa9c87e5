"""The engine: runs a registry's recognizers over a text and assembles a Report.

Built once (patterns compiled into one Hyperscan database, gazetteers loaded), then used read-only
from any number of threads. Declarative `PatternRecognizer`s go through the multi-pattern scanner;
any other recognizer (names, addresses, dictionaries, secrets, an optional NER model) runs its own
`analyze`. Overlaps are resolved once, at the end.
"""

from __future__ import annotations

import bisect
import importlib
import logging
from collections.abc import Iterable, Sequence
from typing import Any, cast

from accord.detect.classify import classify
from accord.detect.config import EngineConfig
from accord.detect.recognizers.base import PatternRecognizer
from accord.detect.recognizers.dictionary import DictionaryRecognizer
from accord.detect.registry import RecognizerRegistry
from accord.detect.scanner import MultiPatternScanner, Utf8Text
from accord.detect.types import NO_INJECTION, Entity, Recognizer, Report

log = logging.getLogger(__name__)

#: A container of these types absorbs the contained entities of the other types (an address holds a
#: city and often a name-like street; an e-mail or URL holds a name).
_CONTAINERS: dict[str, frozenset[str]] = {
    "STREET_ADDRESS": frozenset({"LOCATION", "PERSON", "ORGANIZATION", "DATE_OF_BIRTH", "PHONE_NUMBER",
                                 "US_DRIVER_LICENSE", "US_BANK_NUMBER", "US_PASSPORT"}),
    "EMAIL_ADDRESS": frozenset({"PERSON", "LOCATION", "ORGANIZATION", "URL"}),
    "URL": frozenset({"PERSON", "LOCATION", "ORGANIZATION"}),
    "ORGANIZATION": frozenset({"PERSON", "LOCATION"}),
}


def _load_secrets() -> Recognizer | None:
    try:
        # Looked up by name: the secrets package is built alongside and may not export it yet.
        mod = importlib.import_module("accord.detect.secrets")
        return cast(Recognizer, mod.SecretsRecognizer())
    except AttributeError:
        return None
    except ImportError:
        return None
    except Exception as exc:  # a broken rule set must not take PII detection down with it
        log.error("secrets recognizer failed to load (%s: %s); continuing without it", type(exc).__name__, exc)
        return None


def _load_injection() -> Any | None:
    try:
        mod = importlib.import_module("accord.detect.injection")
        return mod.InjectionDetector()
    except AttributeError:
        return None
    except ImportError:
        return None
    except Exception as exc:
        log.error("injection detector failed to load (%s: %s); continuing without it", type(exc).__name__, exc)
        return None


def _is_scanned(r: Recognizer) -> bool:
    """Recognizers with patterns and a `finalize` (or `collect`) join the shared Hyperscan database."""
    return isinstance(r, PatternRecognizer) or (
        hasattr(r, "patterns") and (hasattr(r, "finalize") or hasattr(r, "collect"))
    )


def resolve_overlaps(entities: Iterable[Entity]) -> list[Entity]:
    """Keep one entity per overlapping region: SECRET first, then containers over what they contain,
    then the higher score, then the longer span. O(n log n); output sorted by start."""
    ents = list(entities)
    if len(ents) <= 1:
        return ents
    ents = _drop_contained(ents)
    ranked = sorted(ents, key=lambda e: (e.type != "SECRET", -e.score, -(e.end - e.start), e.start))
    starts: list[int] = []
    ends: list[int] = []
    kept: list[Entity] = []
    for e in ranked:
        i = bisect.bisect_left(starts, e.end)  # kept intervals starting before e ends
        if i > 0 and ends[i - 1] > e.start:
            continue
        # Kept intervals never overlap, so checking the one just before is enough.
        starts.insert(i, e.start)
        ends.insert(i, e.end)
        kept.append(e)
    return sorted(kept, key=lambda e: (e.start, e.end))


def _drop_contained(ents: list[Entity]) -> list[Entity]:
    containers = sorted((e for e in ents if e.type in _CONTAINERS), key=lambda e: (e.start, -e.end))
    if not containers:
        return ents
    cstarts = [c.start for c in containers]
    out = []
    for e in ents:
        i = bisect.bisect_right(cstarts, e.start)
        absorbed = False
        # Containers starting at or before e; look back over a few (they rarely nest deeply).
        for c in containers[max(0, i - 4) : i]:
            if c is not e and c.end >= e.end and (c.end - c.start) > (e.end - e.start) \
                    and e.type in _CONTAINERS[c.type]:
                absorbed = True
                break
        if not absorbed:
            out.append(e)
    return out


class Engine:
    """Finds entities, scores injection and classifies a text. Build once, reuse everywhere."""

    def __init__(
        self,
        recognizers: Sequence[Recognizer] | None = None,
        *,
        config: EngineConfig | None = None,
        registry: RecognizerRegistry | None = None,
        secrets: Recognizer | None | bool = True,
        injection: Any | None | bool = True,
    ) -> None:
        self.config = config or EngineConfig()
        if registry is None:
            registry = RecognizerRegistry(recognizers) if recognizers is not None else RecognizerRegistry.with_builtins()
        self.registry = registry
        cfg = self.config
        recs: list[Recognizer] = list(registry)
        if cfg.dictionaries:
            recs.append(DictionaryRecognizer(cfg.dictionaries))
        if secrets is True and cfg.secrets:
            secrets = _load_secrets()
        if secrets and cfg.secrets and not isinstance(secrets, bool):
            recs.append(secrets)
        if injection is True and cfg.injection:
            injection = _load_injection()
        self.injection = injection if (cfg.injection and not isinstance(injection, bool)) else None

        known = {e for r in recs for e in r.entities}
        self._enabled: frozenset[str] | None = None
        if cfg.entities is not None:
            unknown = sorted(set(cfg.entities) - known)
            if unknown:
                from accord.errors import ConfigError

                raise ConfigError(
                    f"unknown entity types {unknown}; known: {', '.join(sorted(known))}", field="entities"
                )
            self._enabled = frozenset(cfg.entities) - set(cfg.disabled_entities)
        elif cfg.disabled_entities:
            self._enabled = frozenset(known - set(cfg.disabled_entities))
        enabled = self._enabled

        def wanted(r: Recognizer) -> bool:
            return enabled is None or bool(set(r.entities) & enabled)

        recs = [r for r in recs if wanted(r)]
        self.recognizers = recs
        scanned = [r for r in recs if _is_scanned(r)]
        self._scanner = MultiPatternScanner(scanned, cfg.score_threshold)  # type: ignore[arg-type]
        self._others = [r for r in recs if not _is_scanned(r)]
        self._threshold = cfg.score_threshold
        self._allow = frozenset(v if cfg.allow_list_case_sensitive else v.lower() for v in cfg.allow_list)
        self._allow_cs = cfg.allow_list_case_sensitive
        self._extra_categories = {d.type: d.category for d in cfg.dictionaries}

    @property
    def entity_types(self) -> list[str]:
        return sorted({e for r in self.recognizers for e in r.entities})

    def analyze(self, text: str) -> list[Entity]:
        """Entities only (no injection scoring), overlaps resolved, sorted by start."""
        if not text:
            return []
        found = self._scanner.scan(text, Utf8Text(text))
        for r in self._others:
            found.extend(r.analyze(text))
        thr, enabled, allow = self._threshold, self._enabled, self._allow
        kept = []
        for e in found:
            if e.score < thr or (enabled is not None and e.type not in enabled):
                continue
            if allow:
                value = text[e.start : e.end]
                if (value if self._allow_cs else value.lower()) in allow:
                    continue
            kept.append(e)
        return resolve_overlaps(kept)

    def inspect(self, text: str) -> Report:
        entities = tuple(self.analyze(text))
        injection = self.injection.score(text) if self.injection is not None and text else NO_INJECTION
        c = classify(text, entities, topics=self.config.topics, extra_categories=self._extra_categories)
        return Report(
            entities=entities,
            injection=injection,
            classification=c.data_class,
            categories=c.categories,
            reasons=c.reasons,
        )
