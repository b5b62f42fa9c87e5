"""The engine: runs a registry's recognizers over a text and assembles a Report.

Built once (patterns compiled into one Hyperscan database, gazetteers loaded), then used read-only
from any number of threads. Declarative `PatternRecognizer`s go through the multi-pattern scanner;
any other recognizer (names, addresses, dictionaries, secrets, an optional NER model) runs its own
`analyze`. Overlaps are resolved once, at the end.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from operator import attrgetter
from time import perf_counter
from typing import Any, cast

from accord.detect.classify import classify
from accord.detect.config import EngineConfig
from accord.detect.recognizers.base import PatternRecognizer
from accord.detect.recognizers.dictionary import DictionaryRecognizer
from accord.detect.registry import RecognizerRegistry
from accord.detect.scanner import MultiPatternScanner, Utf8Text
from accord.detect.types import NO_INJECTION, Entity, Recognizer, Report
from accord.errors import ScannerError

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


def _load_secrets() -> Recognizer:
    # Fail closed: an engine that silently lost its secret rules would let keys through the gateway.
    try:
        from accord.detect.secrets import SecretsRecognizer

        return cast(Recognizer, SecretsRecognizer())
    except Exception as exc:
        raise ScannerError(
            f"the built-in secrets recognizer failed to load ({type(exc).__name__}: {exc})",
            hint="reinstall accord (pip install --force-reinstall accord); pass secrets=False to run without it",
        ) from exc


def _load_injection() -> Any:
    try:
        from accord.detect.injection import InjectionDetector

        return InjectionDetector()
    except Exception as exc:
        raise ScannerError(
            f"the built-in injection detector failed to load ({type(exc).__name__}: {exc})",
            hint="reinstall accord; pass injection=False to run without it",
        ) from exc


def _wanted(cfg: EngineConfig) -> Callable[[Recognizer], bool]:
    """Whether a recognizer finds any entity type the configuration asks for."""
    disabled = set(cfg.disabled_entities)
    if cfg.entities is not None:
        enabled = frozenset(cfg.entities) - disabled
        return lambda r: bool(set(r.entities) & enabled)
    if disabled:
        return lambda r: bool(set(r.entities) - disabled)
    return lambda r: True


def _is_scanned(r: Recognizer) -> bool:
    """Recognizers with patterns and a `finalize` (or `collect`) join the shared Hyperscan database."""
    return isinstance(r, PatternRecognizer) or (
        hasattr(r, "patterns") and (hasattr(r, "finalize") or hasattr(r, "collect"))
    )


_SPAN = attrgetter("start", "end")


def resolve_overlaps(entities: Iterable[Entity]) -> list[Entity]:
    """Keep one entity per overlapping region: SECRET first, then containers over what they contain,
    then the higher score, then the longer span. O(n log n); output sorted by start.

    Most entities overlap nothing: one sweep in start order cuts the list into clusters of chained
    overlaps, and only clusters of two or more are ranked."""
    ents = sorted(entities, key=_SPAN)
    if len(ents) <= 1:
        return ents
    out: list[Entity] = []
    first = 0
    reach = ents[0].end
    for i in range(1, len(ents)):
        e = ents[i]
        if e.start < reach:
            if e.end > reach:
                reach = e.end
            continue
        if i - first == 1:
            out.append(ents[first])
        else:
            out.extend(_resolve_cluster(ents[first:i]))
        first, reach = i, e.end
    if len(ents) - first == 1:
        out.append(ents[first])
    else:
        out.extend(_resolve_cluster(ents[first:]))
    return out


def _resolve_cluster(ents: list[Entity]) -> list[Entity]:
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
    return sorted(kept, key=_SPAN)


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
        self.config = cfg = config or EngineConfig()
        # The secrets rules and the injection detector compile their own sets: they load on worker
        # threads while the PII recognizers are built and compiled here (Hyperscan compiles without the
        # GIL, so on several cores the three overlap).
        load_s, load_i = secrets is True and cfg.secrets, injection is True and cfg.injection
        pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="accord-engine") if load_s or load_i else None
        fut_s = pool.submit(_load_secrets) if pool is not None and load_s else None
        fut_i = pool.submit(_load_injection) if pool is not None and load_i else None
        try:
            if registry is None:
                registry = RecognizerRegistry(recognizers) if recognizers is not None \
                    else RecognizerRegistry.with_builtins()
            self.registry = registry
            every: list[Recognizer] = list(registry)
            if cfg.dictionaries:
                every.append(DictionaryRecognizer(cfg.dictionaries))
            wanted = _wanted(cfg)
            recs = [r for r in every if wanted(r)]
            scanned = [r for r in recs if _is_scanned(r)]
            scanner = MultiPatternScanner(scanned, cfg.score_threshold)  # type: ignore[arg-type]
        finally:
            if fut_s is not None:
                secrets = fut_s.result()
            if fut_i is not None:
                injection = fut_i.result()
            if pool is not None:
                pool.shutdown()
        self.injection = injection if (cfg.injection and not isinstance(injection, bool)) else None
        late: list[Recognizer] = []
        if secrets and cfg.secrets and not isinstance(secrets, bool):
            late.append(secrets)

        known = {e for r in every + late for e in r.entities}
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
        late = [r for r in late if wanted(r)]
        if any(_is_scanned(r) for r in late):  # a recognizer of the shared database arrived late: recompile
            scanned += [r for r in late if _is_scanned(r)]
            scanner = MultiPatternScanner(scanned, cfg.score_threshold)  # type: ignore[arg-type]
        recs += late
        self.recognizers = recs
        self._scanner = scanner
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
        return self._analyze(text, None)

    def stage_times(self, text: str) -> dict[str, float]:
        """Seconds `analyze(text)` spends per stage (Hyperscan passes, grouping, each recognizer, overlap
        resolution): a benchmarking aid (`bench/detect.py`); the bookkeeping costs about a percent."""
        clock: dict[str, float] = {}
        t = perf_counter()
        self._analyze(text, clock)
        clock["total"] = perf_counter() - t
        return clock

    def _analyze(self, text: str, clock: dict[str, float] | None) -> list[Entity]:
        if not text:
            return []
        t = perf_counter() if clock is not None else 0.0
        view = Utf8Text(text)
        if clock is not None:
            clock["encode"] = perf_counter() - t
        found = self._scanner.scan(text, view, clock)
        for r in self._others:
            t = perf_counter() if clock is not None else 0.0
            found.extend(r.analyze(text))
            if clock is not None:
                clock[f"judge: {r.name}"] = clock.get(f"judge: {r.name}", 0.0) + perf_counter() - t
        t = perf_counter() if clock is not None else 0.0
        thr, enabled, allow = self._threshold, self._enabled, self._allow
        if enabled is None and not allow:
            kept = [e for e in found if e.score >= thr]
        else:
            kept = []
            for e in found:
                if e.score < thr or (enabled is not None and e.type not in enabled):
                    continue
                if allow:
                    value = text[e.start : e.end]
                    if (value if self._allow_cs else value.lower()) in allow:
                        continue
                kept.append(e)
        out = resolve_overlaps(kept)
        if clock is not None:
            clock["filter and resolve overlaps"] = perf_counter() - t
        return out

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
