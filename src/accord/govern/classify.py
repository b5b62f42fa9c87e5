"""Classify one extracted document: entities (Detect), categories, label, reasons and evidence.

The label is the highest of: the Detect engine's classification, the labels the policy gives the
categories found, the policy's escalations (e.g. HR with PII), and bulk personal data. A label
already on the file is respected when it is at least as high; when it is lower, the content's label
wins and the conflict is reported.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import ahocorasick

from accord.detect import Engine, Report, default_engine
from accord.detect.types import DataClass
from accord.govern.poisoning import hidden_instruction, invisible_characters
from accord.govern.topics import (
    CATEGORY_ALIASES,
    ENTITY_CATEGORIES,
    LABEL_ALIASES,
    NEUTRAL_ENTITIES,
    TOPICS,
)
from accord.govern.types import Classification, Evidence, ExistingLabel, Extracted, Segment, Where
from accord.policy.sections.govern import CATEGORIES, GovernPolicy

log = logging.getLogger(__name__)

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_CODE_LINE = re.compile(
    r"^\s*(?:def |class |import |from \S+ import |#include|package |func |fn |public |private |"
    r"function |const |let |var |return\b|if \(|for \(|while \(|SELECT |INSERT |}|@\w+)|[;{]\s*$",
    re.M,
)
_CODE_SAMPLE = 65536


def entity_category(entity_type: str) -> str | None:
    if entity_type in NEUTRAL_ENTITIES:
        return None
    return ENTITY_CATEGORIES.get(entity_type, "pii")


def normalise_category(name: str) -> str:
    key = re.sub(r"[\s/-]+", "_", name.strip().lower())
    return CATEGORY_ALIASES.get(key, key)


@dataclass(slots=True)
class _Tally:
    entities: Counter[str] = field(default_factory=Counter)
    evidence: dict[str, list[Evidence]] = field(default_factory=dict)
    categories: set[str] = field(default_factory=set)
    engine_floor: DataClass = DataClass.PUBLIC
    engine_reasons: list[str] = field(default_factory=list)
    cue_hits: dict[str, set[str]] = field(default_factory=dict)
    strong_hits: dict[str, set[str]] = field(default_factory=dict)
    injection_signals: list[str] = field(default_factory=list)


class _Locator:
    """Maps an offset in a segment to its finest location; builds line tables only when needed."""

    def __init__(self, segment: Segment) -> None:
        self.segment = segment
        self._starts = [a[0] for a in segment.anchors]
        self._lines: list[int] | None = None

    def locate(self, type_: str, start: int, end: int) -> Evidence:
        seg = self.segment
        if self._starts:
            i = bisect.bisect_right(self._starts, start) - 1
            if i >= 0:
                base, where = seg.anchors[i]
                return Evidence(type_, {**seg.where, **where}, start - base, end - base)
        if self._lines is None:
            self._lines = [m.start() for m in re.finditer("\n", seg.text)]
        line = bisect.bisect_left(self._lines, start)
        line_start = self._lines[line - 1] + 1 if line > 0 else 0
        at: Where = {**seg.where, "line": line + 1}
        return Evidence(type_, at, start - line_start, end - line_start)


class Classifier:
    """Built once per process (compiles the cue automaton); `classify` is then pure and cheap."""

    def __init__(self, policy: GovernPolicy | None = None, engine: Engine | None = None) -> None:
        self.policy = policy or GovernPolicy()
        self.engine = engine or default_engine()
        self._automaton = ahocorasick.Automaton()
        for topic in TOPICS:
            for cue in topic.cues:
                self._add_cue(cue, topic.category, strong=False)
            for cue in topic.strong:
                self._add_cue(cue, topic.category, strong=True)
        self._automaton.make_automaton()
        self._min_cues = {t.category: t.min_cues for t in TOPICS}
        self._aliases = {**LABEL_ALIASES, **{k.lower(): v for k, v in self.policy.label_aliases.items()}}
        self._doc_detector = _document_injection_detector(self.engine)

    def _add_cue(self, cue: str, category: str, strong: bool) -> None:
        key = cue.translate(_ASCII_LOWER)
        entries = self._automaton.get(key, ())
        self._automaton.add_word(key, (*entries, (category, cue, strong)))

    # -- public -----------------------------------------------------------------------------------

    def classify(
        self, extracted: Extracted, *, path: str = "", existing: Iterable[ExistingLabel] = ()
    ) -> Classification:
        tally = _Tally()
        hidden = list(extracted.hidden)
        max_ev = self.policy.scan.max_evidence_per_type
        for seg in extracted.segments:
            if not seg.text:
                continue
            report = self.engine.inspect(seg.text)
            self._take_report(tally, seg, report, max_ev)
            self._cues(tally, seg, max_ev)
            signals, smuggled = invisible_characters(seg)
            hidden.extend(signals)
            if seg.hidden and hidden_instruction(seg.text, str(seg.where.get("kind", "hidden"))):
                tally.injection_signals.append(f"hidden-instruction:{seg.where.get('kind', 'hidden')}")
            if smuggled and (
                hidden_instruction(smuggled) or self.engine.inspect(smuggled).injection.detected
            ):
                tally.injection_signals.append("hidden-instruction:unicode-tags")
        self._document_injection(tally, extracted)
        if extracted.meta.get("source_code") or self._looks_like_code(extracted):
            tally.categories.add("source_code")
        return self._decide(tally, hidden, list(existing) + list(extracted.labels))

    def label_for_name(self, name: str) -> DataClass | None:
        """An existing label's name (or MIP label id) mapped through the alias tables."""
        key = re.sub(r"\s+", " ", name.strip().lower())
        candidates = [key, *(key.split(sep, 1)[0].strip() for sep in ("\\", "/", " - ", ":") if sep in key)]
        for c in candidates:
            if c in self._aliases:
                return DataClass.parse(self._aliases[c])
        return None

    # -- steps ------------------------------------------------------------------------------------

    def _take_report(self, tally: _Tally, seg: Segment, report: Report, max_ev: int) -> None:
        locator = _Locator(seg)
        for e in report.entities:
            tally.entities[e.type] += 1
            cat = entity_category(e.type)
            if cat:
                tally.categories.add(cat)
            bucket = tally.evidence.setdefault(e.type, [])
            if len(bucket) < max_ev:
                bucket.append(locator.locate(e.type, e.start, e.end))
        for name in report.categories:
            tally.categories.add(normalise_category(name))
        if report.classification > tally.engine_floor:
            tally.engine_floor = report.classification
        tally.engine_reasons.extend(r for r in report.reasons if r not in tally.engine_reasons)
        if report.injection.detected:
            where = "hidden" if seg.hidden else "visible"
            tally.injection_signals.append(f"engine:{where}")

    def _cues(self, tally: _Tally, seg: Segment, max_ev: int) -> None:
        text = seg.text.translate(_ASCII_LOWER)
        locator: _Locator | None = None
        n = len(text)
        for end, entries in self._automaton.iter(text):
            start = end - len(entries[0][1]) + 1
            if (start > 0 and text[start - 1].isalnum()) or (end + 1 < n and text[end + 1].isalnum()):
                continue
            for category, cue, strong in entries:
                hits = (tally.strong_hits if strong else tally.cue_hits).setdefault(category, set())
                if cue in hits:
                    continue
                hits.add(cue)
                bucket = tally.evidence.setdefault(f"cue:{category}", [])
                if len(bucket) < max_ev:
                    locator = locator or _Locator(seg)
                    bucket.append(locator.locate(f"cue:{category}", start, end + 1))

    def _looks_like_code(self, extracted: Extracted) -> bool:
        sample = extracted.segments[0].text[:_CODE_SAMPLE] if extracted.segments else ""
        lines = [ln for ln in sample.splitlines() if ln.strip()]
        if len(lines) < 5 or extracted.html is not None:
            return False
        code = len(_CODE_LINE.findall(sample))
        return code / len(lines) >= 0.5

    def _document_injection(self, tally: _Tally, extracted: Extracted) -> None:
        if self._doc_detector is None:
            return
        try:
            result = self._doc_detector(extracted.text(), html=extracted.html)
        except Exception:  # a detector bug must not abort a scan; the per-segment verdicts stand
            log.exception("document-level injection detector failed")
            return
        if getattr(result, "detected", False):
            signals = getattr(result, "signals", ()) or ("document",)
            tally.injection_signals.extend(f"engine:{s}" for s in signals)

    def _decide(self, tally: _Tally, hidden: list[Any], labels: list[ExistingLabel]) -> Classification:
        reasons: list[str] = []
        for category, hits in sorted(tally.strong_hits.items()):
            tally.categories.add(category)
            reasons.append(f"{category}: strong cue {', '.join(sorted(hits))!s}")
        for category, hits in sorted(tally.cue_hits.items()):
            if category not in tally.strong_hits and len(hits) >= self._min_cues[category]:
                tally.categories.add(category)
                reasons.append(f"{category}: {len(hits)} cues ({', '.join(sorted(hits)[:5])})")
        for etype, count in sorted(tally.entities.items()):
            cat = entity_category(etype)
            reasons.append(f"{count} {etype}" + (f" ({cat})" if cat else ""))
        content = tally.engine_floor
        if tally.engine_floor > DataClass.PUBLIC:
            reasons.append(f"detect engine classified the text {tally.engine_floor}")
        reasons.extend(tally.engine_reasons)
        pol = self.policy
        for category in tally.categories:
            lab = pol.category_labels.get(category)  # type: ignore[call-overload]
            if lab is not None:
                content = max(content, DataClass.parse(lab))
        for esc in pol.escalations:
            if set(esc.categories) <= tally.categories and DataClass.parse(esc.label) > content:
                content = DataClass.parse(esc.label)
                reasons.append(f"{' + '.join(esc.categories)} together: {esc.label}")
        pii = sum(c for t, c in tally.entities.items() if entity_category(t) == "pii")
        if pii >= pol.bulk_pii_threshold and content < DataClass.RESTRICTED:
            content = DataClass.RESTRICTED
            reasons.append(f"bulk personal data: {pii} PII entities (threshold {pol.bulk_pii_threshold})")

        existing, conflict = self._existing(labels, reasons)
        if existing is None:
            label = max(content, DataClass.parse(pol.default_label))
        else:
            label = max(existing, content)
            if existing < content:
                conflict = (
                    f"labelled {existing} but the content is {content} "
                    f"({', '.join(sorted(tally.categories)) or 'engine classification'})"
                )
                reasons.append(f"label conflict: {conflict}")
        evidence = [ev for bucket in tally.evidence.values() for ev in bucket]
        ordered = [c for c in CATEGORIES if c in tally.categories] + sorted(
            tally.categories - set(CATEGORIES)
        )
        return Classification(
            label=label,
            content_label=content,
            existing_label=existing,
            categories=ordered,
            entities=dict(tally.entities),
            reasons=reasons,
            evidence=evidence,
            conflict=conflict,
            injection=bool(tally.injection_signals),
            injection_signals=sorted(set(tally.injection_signals)),
            hidden=hidden,
        )

    def _existing(
        self, labels: list[ExistingLabel], reasons: list[str]
    ) -> tuple[DataClass | None, str | None]:
        best: DataClass | None = None
        for lab in labels:
            mapped = self.label_for_name(lab.name)
            if mapped is None:
                reasons.append(
                    f"unknown existing label {lab.name[:64]!r} ({lab.source}); add it to govern.label_aliases"
                )
                continue
            reasons.append(f"existing label {lab.name[:64]!r} ({lab.source}) = {mapped}")
            best = mapped if best is None else max(best, mapped)
        return best, None


def _document_injection_detector(engine: Engine) -> Any:
    """`detect_document` of the engine's injection detector (Detect's document-level API), if it has one."""
    detector = getattr(engine, "injection", None)
    if detector is None:
        detector = _shared_detector()
    return getattr(detector, "detect_document", None)


@lru_cache(maxsize=1)
def _shared_detector() -> Any:
    try:
        from accord.detect.injection import InjectionDetector
    except ImportError:
        return None
    return InjectionDetector()
