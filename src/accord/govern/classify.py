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
from operator import attrgetter
from typing import Any

from accord.detect import Engine, default_engine
from accord.detect.classify import classify as engine_classify
from accord.detect.types import DataClass, Entity, InjectionResult
from accord.govern.cues import Cue, CueMatcher
from accord.govern.poisoning import hidden_instruction, invisible_characters
from accord.govern.topics import (
    CATEGORY_ALIASES,
    ENTITY_CATEGORIES,
    LABEL_ALIASES,
    NEUTRAL_ENTITIES,
    TOPICS,
)
from accord.govern.types import Classification, Evidence, ExistingLabel, Extracted, Segment
from accord.policy.sections.govern import CATEGORIES, GovernPolicy

log = logging.getLogger(__name__)

_TYPE = attrgetter("type")
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


#: A finding waiting for its location: (bucket, index in it, type, start, end).
_Pending = tuple[list[Evidence], int, str, int, int]
_NOT_LOCATED = Evidence("", {}, 0, 0)


class _Locator:
    """Maps offsets in a segment to their finest locations, all of a segment's findings at once.

    Anchored segments (cells, paragraphs) bisect the anchors. Plain text gets line numbers from
    `str.count` between consecutive sorted offsets: one C-level pass over the text, and no table of
    every line of a large file.
    """

    def __init__(self, segment: Segment) -> None:
        self.segment = segment
        self._starts = [a[0] for a in segment.anchors]

    def resolve(self, pending: list[_Pending]) -> None:
        """Fill each pending finding's slot in its bucket with its Evidence."""
        seg = self.segment
        if self._starts:
            for bucket, i, type_, start, end in pending:
                bucket[i] = self._anchored(type_, start, end)
            return
        text = seg.text
        line, pos = 0, 0
        for bucket, i, type_, start, end in sorted(pending, key=lambda p: p[3]):
            line += text.count("\n", pos, start)
            pos = start
            line_start = text.rfind("\n", 0, start) + 1
            bucket[i] = Evidence(type_, {**seg.where, "line": line + 1}, start - line_start, end - line_start)

    def _anchored(self, type_: str, start: int, end: int) -> Evidence:
        seg = self.segment
        i = bisect.bisect_right(self._starts, start) - 1
        if i >= 0:
            base, where = seg.anchors[i]
            return Evidence(type_, {**seg.where, **where}, start - base, end - base)
        # Before the first anchor: a line of the segment's text.
        head = seg.text[:start]
        line_start = head.rfind("\n") + 1
        return Evidence(
            type_, {**seg.where, "line": head.count("\n") + 1}, start - line_start, end - line_start
        )


class Classifier:
    """Built once per process (compiles the cue database); `classify` is then pure and cheap."""

    def __init__(self, policy: GovernPolicy | None = None, engine: Engine | None = None) -> None:
        self.policy = policy or GovernPolicy()
        self.engine = engine or default_engine()
        self._cue_matcher = CueMatcher(
            Cue(topic.category, cue, strong)
            for topic in TOPICS
            for cues, strong in ((topic.cues, False), (topic.strong, True))
            for cue in cues
        )
        self._min_cues = {t.category: t.min_cues for t in TOPICS}
        self._aliases = {**LABEL_ALIASES, **{k.lower(): v for k, v in self.policy.label_aliases.items()}}
        self._doc_detector = getattr(_document_injection_owner(self.engine), "detect_document", None)
        cfg = self.engine.config
        self._topics = cfg.topics
        self._extra_categories = {d.type: d.category for d in cfg.dictionaries}

    # -- public -----------------------------------------------------------------------------------

    def classify(
        self, extracted: Extracted, *, path: str = "", existing: Iterable[ExistingLabel] = ()
    ) -> Classification:
        tally = _Tally()
        hidden = list(extracted.hidden)
        max_ev = self.policy.scan.max_evidence_per_type
        # The document-level verdict first: for a one-segment document it is the injection verdict
        # (see _segment_injection); other documents also get a verdict per segment.
        doc = self._document_injection(tally, extracted)
        whole = doc if len(extracted.segments) == 1 else None
        for seg in extracted.segments:
            if not seg.text:
                continue
            pending: list[_Pending] = []
            self._inspect(tally, seg, max_ev, pending, whole)
            self._cues(tally, seg, max_ev, pending)
            if pending:
                _Locator(seg).resolve(pending)
            signals, smuggled = invisible_characters(seg)
            hidden.extend(signals)
            if seg.hidden and hidden_instruction(seg.text, str(seg.where.get("kind", "hidden"))):
                tally.injection_signals.append(f"hidden-instruction:{seg.where.get('kind', 'hidden')}")
            if smuggled and (hidden_instruction(smuggled) or self._prompt_injection(smuggled)):
                tally.injection_signals.append("hidden-instruction:unicode-tags")
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

    def _inspect(
        self,
        tally: _Tally,
        seg: Segment,
        max_ev: int,
        pending: list[_Pending],
        whole: InjectionResult | None,
    ) -> None:
        """What `Engine.inspect` reports (entities, the engine's classification, the injection verdict),
        with the prompt-level injection score only computed when it can change the result."""
        text = seg.text
        entities = self.engine.analyze(text)
        if entities:
            self._take_entities(tally, entities, max_ev, pending)
        c = engine_classify(text, entities, topics=self._topics, extra_categories=self._extra_categories)
        for name in c.categories:
            tally.categories.add(normalise_category(name))
        if c.data_class > tally.engine_floor:
            tally.engine_floor = c.data_class
        tally.engine_reasons.extend(r for r in c.reasons if r not in tally.engine_reasons)
        if seg.hidden:
            # Text a human reader does not see: judged as a prompt (an instruction there is rarely innocent).
            if self._prompt_injection(text):
                tally.injection_signals.append("engine:hidden")
        elif self._segment_injection(text, whole):
            tally.injection_signals.append("engine:visible")

    @staticmethod
    def _take_entities(tally: _Tally, entities: list[Entity], max_ev: int, pending: list[_Pending]) -> None:
        counts = Counter(map(_TYPE, entities))
        tally.entities.update(counts)
        for etype in counts:
            cat = entity_category(etype)
            if cat:
                tally.categories.add(cat)
        # Evidence: the first max_ev findings of each type; stop once every type found here has its share.
        evidence = tally.evidence
        open_types = {t for t in counts if t not in evidence or len(evidence[t]) < max_ev}
        for e in entities:
            if not open_types:
                break
            etype = e.type
            if etype not in open_types:
                continue
            bucket = evidence.setdefault(etype, [])
            if len(bucket) < max_ev:
                pending.append((bucket, len(bucket), etype, e.start, e.end))
                bucket.append(_NOT_LOCATED)
            if len(bucket) >= max_ev:
                open_types.discard(etype)

    def _segment_injection(self, text: str, whole: InjectionResult | None) -> bool:
        """Whether a visible segment carries an injection, judged as part of a document.

        `whole` is the document-level verdict on this same text, when there is one (a one-segment
        document): it is the verdict, already in the tally, and nothing is computed again. Other
        segments (a sheet, a page, a cell) go through the same document-level detector. Documents are
        full of requests to their human reader ("reply by Friday", "ignore this message if you already
        paid"); the document detector asks for attack evidence from the signature layer before it
        believes the classifier. On BIPIA's clean e-mails, tables and code the prompt-level verdict
        flagged about one document in ten, the document verdict one in two hundred (BENCHMARKS.md).
        """
        if whole is not None or not text:
            return False
        if self._doc_detector is None:
            return self._prompt_injection(text)
        return bool(self._doc_detector(text).detected)

    def _prompt_injection(self, text: str) -> bool:
        """The engine's prompt-level verdict on `text` (as in `Engine.inspect`)."""
        detector = self.engine.injection
        if detector is None or not text:
            return False
        return bool(detector.score(text).detected)

    def _cues(self, tally: _Tally, seg: Segment, max_ev: int, pending: list[_Pending]) -> None:
        for hit in self._cue_matcher.find(seg.text):
            for entry in hit.entries:
                category, cue = entry.category, entry.cue
                hits = (tally.strong_hits if entry.strong else tally.cue_hits).setdefault(category, set())
                if cue in hits:
                    continue
                hits.add(cue)
                bucket = tally.evidence.setdefault(f"cue:{category}", [])
                if len(bucket) < max_ev:
                    pending.append((bucket, len(bucket), f"cue:{category}", hit.start, hit.end))
                    bucket.append(_NOT_LOCATED)

    def _looks_like_code(self, extracted: Extracted) -> bool:
        sample = extracted.segments[0].text[:_CODE_SAMPLE] if extracted.segments else ""
        lines = [ln for ln in sample.splitlines() if ln.strip()]
        if len(lines) < 5 or extracted.html is not None:
            return False
        code = len(_CODE_LINE.findall(sample))
        return code / len(lines) >= 0.5

    def _document_injection(self, tally: _Tally, extracted: Extracted) -> InjectionResult | None:
        if self._doc_detector is None:
            return None
        try:
            result = self._doc_detector(extracted.text(), html=extracted.html)
        except Exception:  # a detector bug must not abort a scan; the per-segment verdicts stand
            log.exception("document-level injection detector failed")
            return None
        if getattr(result, "detected", False):
            signals = getattr(result, "signals", ()) or ("document",)
            tally.injection_signals.extend(f"engine:{s}" for s in signals)
        return result if isinstance(result, InjectionResult) else None

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


def _document_injection_owner(engine: Engine) -> Any:
    """The injection detector whose `detect_document` (Detect's document-level API) is used, if any."""
    detector = getattr(engine, "injection", None)
    return detector if detector is not None else _shared_detector()


@lru_cache(maxsize=1)
def _shared_detector() -> Any:
    try:
        from accord.detect.injection import InjectionDetector
    except ImportError:
        return None
    return InjectionDetector()
