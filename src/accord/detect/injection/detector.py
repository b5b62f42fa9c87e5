"""InjectionDetector: normalise, scan signatures, score with the classifier; the highest view wins.

Short texts (prompts, chunks up to LONG_TEXT characters) go through the whole pipeline. Long texts are
first located: one literal Hyperscan scan over the bytes finds the cue words of every language, and only
the windows around them (plus the start and the end) are scored, so bulk text costs one C-level pass
plus a bounded number of window scores.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from accord.detect.injection.document import hidden_segments
from accord.detect.injection.model import LinearModel
from accord.detect.injection.normalize import Normalized, despace, normalize
from accord.detect.injection.scanner import CanonHits, Scanner
from accord.detect.injection.signatures import all_signatures
from accord.detect.types import InjectionResult

log = logging.getLogger(__name__)

LONG_TEXT = 4096          # characters; above this, score windows around cues
_BLOCK = 512              # bytes; long texts are ranked in blocks of this size
_MAX_WINDOWS = 24
_CHUNK = 1 << 18          # long texts are located chunk by chunk, each with its own cap on cue hits
_CHUNK_HITS = 4096
#: Documents: without attack evidence from the signature layer, the classifier's logit is lowered by this much.
#: E-mails, notices and manuals are full of requests to their reader ("reply by Friday", "ignore this message
#: if you already paid"); an injection in a document almost always also addresses the AI, changes its
#: output, fakes a delimiter or carries a payload, which the signatures see.
DOC_MARGIN = 1.0
_DOC_EVIDENCE_WEAK = frozenset({"hijack", "exfil", "covert", "tool", "delimiter", "smuggling", "markup",
                                "new-instructions"})
_COUNTER_EVIDENCE = frozenset({"self-reference", "topic"})
_COUNTER = _COUNTER_EVIDENCE | {"mode-name"}  # no evidence of an attack in a document


def has_evidence(fired: frozenset[str]) -> bool:
    """True when the signature layer saw an attack (not a mere mention of one) in a document."""
    for f in fired:
        family, _, strength = f.rpartition(":")
        if family in _COUNTER:
            continue
        if strength != "weak" or family in _DOC_EVIDENCE_WEAK:
            return True
    return False


class _Hinter:
    """Answers normalize()'s questions with the compiled scanner and keeps each view's scan."""

    __slots__ = ("scanner", "hits", "keys")

    def __init__(self, scanner: Scanner) -> None:
        self.scanner = scanner
        self.hits: dict[str, CanonHits] = {}
        self.keys: dict[str, str] = {}  # view text -> its squeezed form (squeezed once)

    def raw(self, text: str) -> frozenset[str]:
        return self.scanner.raw(text)

    def canon(self, text: str) -> frozenset[str]:
        return self.scan(text).hints

    def scan(self, text: str) -> CanonHits:
        key = self.keys.get(text)
        if key is None:
            key = self.keys[text] = squeeze(text)
        hits = self.hits.get(key)
        if hits is None:
            hits = self.hits[key] = self.scanner.canon(key)
        return hits

    def english(self, text: str) -> int:
        return self.scanner.english(text)


def squeeze(text: str) -> str:
    """Runs of spaces and tabs to one space, line breaks kept (fake turns and delimiters live on lines)."""
    if _squeezed(text):
        return text
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


def _squeezed(text: str) -> bool:
    """True when `squeeze` would return `text` unchanged: ASCII with no whitespace but single spaces and
    line breaks, no space next to a line break, none at the start, none or a line break at the end. Most
    prompts pass; one-character searches are memchr calls, several times cheaper than the split and join."""
    if not text.isascii() or "  " in text or text.startswith(" ") or text.endswith((" ", "\n")):
        return False
    for c in _OTHER_SPACE:
        if c in text:
            return False
    return "\n" not in text or (" \n" not in text and "\n " not in text)


#: ASCII characters that `str.split()` or `str.splitlines()` treat as whitespace, besides space and "\n".
_OTHER_SPACE = ("\t", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f")


def classifier_views(scanner: Scanner, text: str) -> tuple[Normalized, list[tuple[str, bytes, CanonHits]]]:
    """Each view of `text` as the classifier sees it: (source, canonical UTF-8 bytes, signature hits).

    Whitespace runs are squeezed (`squeeze`). The training script calls this too, so that training and
    inference see identical features.
    """
    hinter = _Hinter(scanner)
    norm = normalize(text, hinter=hinter)
    out = []
    for view in norm.views:
        hits = hinter.scan(view.text)
        out.append((view.source, hinter.keys[view.text].encode("utf-8", "replace"), hits))
    return norm, out


@dataclass(frozen=True, slots=True)
class _Scored:
    score: float
    signals: tuple[str, ...]
    fired: frozenset[str] = frozenset()


class InjectionDetector:
    """Prompt-injection and jailbreak detector.

    `threshold`: `detected` is `score >= threshold`. The default is the one stored with the shipped model,
    chosen on held-out data for a false-positive rate of at most ~2% on benign prompts (see
    docs/injection.md). Lower it to catch more at the cost of more false alarms.
    """

    def __init__(self, *, threshold: float | None = None, model_path: str | Path | None = None) -> None:
        self.model = LinearModel.load(model_path)
        self.threshold = float(threshold) if threshold is not None else self.model.threshold
        self.scanner = Scanner(all_signatures())

    # -- public API ------------------------------------------------------------------------------------
    def normalize(self, text: str) -> Normalized:
        return normalize(text, hinter=_Hinter(self.scanner))

    def score(self, text: str) -> InjectionResult:
        scored = self._score_long(text) if len(text) > LONG_TEXT else self._score_short(text)
        return InjectionResult(scored.score, scored.score >= self.threshold, scored.signals)

    def detect_document(self, text: str, *, html: str | None = None) -> InjectionResult:
        """Indirect injection in a document, RAG chunk, tool result or e-mail.

        The text is scored like a prompt, but a document needs evidence from the signature layer: without it
        the classifier's logit is lowered by DOC_MARGIN (documents are full of requests to their human
        reader). Content a human reader would not see (HTML comments, CSS-hidden or tiny or white-on-white
        text, zero-width and tag characters) is also scored on its own, and an instruction found there
        counts more.
        """
        main = self._score_long(text) if len(text) > LONG_TEXT else self._score_short(text)
        best, signals = main.score, list(main.signals)
        if not has_evidence(main.fired) and 0.0 < best < 1.0:
            best = 1.0 / (1.0 + math.exp(-(math.log(best / (1.0 - best)) - DOC_MARGIN)))
            signals = [s for s in signals if s != "classifier" or best >= self.threshold] + ["document:no-evidence"]
        for kind, segment in hidden_segments(text, html):
            signals.append(f"hidden:{kind}")
            sub = self._score_short(segment[:LONG_TEXT])
            # Hidden text that reads as an instruction is rarely innocent: square its distance to 1.
            boosted = 1.0 - (1.0 - sub.score) ** 2
            if boosted > best:
                best = boosted
            signals.extend(s for s in sub.signals if s.startswith("signature:"))
        signals = list(dict.fromkeys(signals))
        return InjectionResult(best, best >= self.threshold, tuple(signals))

    def views(self, text: str) -> tuple[Normalized, list[tuple[str, bytes, CanonHits]]]:
        return classifier_views(self.scanner, text)

    # -- internals -------------------------------------------------------------------------------------
    def _score_short(self, text: str) -> _Scored:
        norm, views = self.views(text)
        best = 0.0
        fired_best: frozenset[str] = frozenset()
        best_source = "text"
        for source, data, hits in views:
            p = self.model.probability(data, hits.features)
            if p > best:
                best, fired_best, best_source = p, hits.features, source
        signals = list(norm.signals)
        attack = [f.rpartition(":") for f in fired_best if f.rpartition(":")[0] not in _COUNTER_EVIDENCE]
        signals += sorted(f"signature:{family}" for family, _, strength in attack if strength == "strong")
        signals += sorted(f"weak:{family}" for family, _, strength in attack if strength == "weak")
        signals += sorted(f"mention:{family}" for family, _, strength in attack if strength == "quoted")
        signals += sorted({f"counter:{f.rpartition(':')[0]}" for f in fired_best
                           if f.rpartition(":")[0] in _COUNTER_EVIDENCE})
        if best_source != "text":
            signals.append(f"view:{best_source}")
        if best >= self.threshold:
            signals.append("classifier")
        return _Scored(best, tuple(dict.fromkeys(signals)), fired_best)

    def _score_long(self, text: str) -> _Scored:
        if "spaced-long" in self.scanner.raw(text):
            # Spaced-out letters hide every cue from the locator: join them first (one regex pass).
            text = despace(text)
        data = text.encode("utf-8", "replace")
        weight: Counter[int] = Counter()
        for start in range(0, len(data), _CHUNK):
            chunk = data[start:start + _CHUNK + 64]
            for end in self.scanner.locate(chunk, limit=_CHUNK_HITS):
                weight[(start + end) // _BLOCK] += 1
        last = (len(data) - 1) // _BLOCK
        blocks = {0, last} | {b for b, _ in weight.most_common(_MAX_WINDOWS)}
        best = _Scored(0.0, ())
        seen: set[int] = set()
        for b in sorted(blocks):
            if b in seen:
                continue
            seen.update((b - 1, b, b + 1))
            lo, hi = max(0, (b - 1) * _BLOCK), min(len(data), (b + 2) * _BLOCK)
            segment = data[lo:hi].decode("utf-8", "ignore")
            scored = self._score_short(segment)
            if scored.score > best.score:
                best = scored
        return _Scored(best.score, (*best.signals, "long-text:windowed"), best.fired)
