"""Declarative pattern recognizers: data (patterns, context words, a validator), no control flow.

A `PatternRecognizer` is what one built-in file declares. The engine compiles the patterns of every
pattern recognizer into one Hyperscan database and hands each candidate back to its recognizer's
`finalize`, which runs the validator and the context scoring. `analyze` exists too (plain `re`), so a
recognizer also works alone, outside an engine, e.g. in its own tests.

Pattern regexes must be in the subset both Hyperscan and Python `re` accept: no back-references, no
look-arounds (`\\b` is fine). Anchor both ends with `\\b` or a literal so Hyperscan reports one end per
candidate, not one per character.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from accord.detect.types import Entity

#: A validator receives the candidate text: False rejects it, True keeps the pattern's score, a float
#: replaces that score (for checks that are more or less convincing, e.g. a phone number that parses).
Validator = Callable[[str], bool | float]


@dataclass(frozen=True, slots=True)
class Pattern:
    name: str
    regex: str
    score: float
    caseless: bool = False
    #: A Hyperscan-only variant (bytes semantics) when `regex` uses what Hyperscan lacks; the scanner
    #: compiles this one and the recognizer's `finalize` re-checks the candidate in Python.
    hs_regex: str | None = None
    #: For recognizers whose validator scores (`validator_scores`): the highest score a candidate of this
    #: pattern can get without context. None: 1.0 (anything). Lets the scanner look for candidates that
    #: cannot pass alone only near their context words.
    max_score: float | None = None
    #: Track where matches start (Hyperscan's SOM). Costly for patterns with a long variable prefix (an
    #: e-mail's local part): set False and give `start`, or use it in a recognizer that knows the start.
    som: bool = True
    #: Where a candidate that ends at `end` starts (for `som=False` patterns of a PatternRecognizer).
    start: Callable[[str, int], int] | None = None
    #: The candidate must start a word. Checked in Python, for patterns written without a leading `\b`
    #: (a word boundary before a character class makes Hyperscan's scan several times slower).
    word_start: bool = False


@dataclass(frozen=True, slots=True)
class Literals:
    """A large set of plain strings (a gazetteer) found as one candidate family.

    Compiled with Hyperscan's literal compiler (fast to build even for tens of thousands of words);
    matching is case-sensitive and byte-exact, with no word boundaries: the recognizer checks those.
    """

    name: str
    words: tuple[str, ...]


def trie_alternation(words: Sequence[str]) -> str:
    """`(?:a|b|...)` for `re`, written as a trie ("dear|do" -> "d(?:ear|o)"): Python's regex engine tries
    alternatives one by one, so shared prefixes make a search over many words several times faster."""
    root: dict[str, Any] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + emit(root) + ")"


class ContextWords:
    """Finds cue words near a span: in a window of characters before it (and a shorter one after).

    The windows are lower-cased and searched with one trie-shaped regex (no IGNORECASE, which slows `re`
    down); a word a window's edge cuts in two does not count (the character outside the window is
    stood in for by `_` when it continues a word).
    """

    __slots__ = ("_re", "after", "before", "words")

    def __init__(self, words: Sequence[str], before: int = 48, after: int = 24) -> None:
        self.words = tuple(words)
        self.before, self.after = before, after
        lowered = sorted({w.lower() for w in self.words})
        # No look-behind in the regex (it would stop `re` from skipping ahead to a word's first
        # letter): `near` checks that a match starts a word.
        self._re = re.compile(rf"{trie_alternation(lowered)}(?!\w)") if lowered else None

    def near(self, text: str, start: int, end: int) -> bool:
        rx = self._re
        if rx is None:
            return False
        window = ""
        if self.before > 0:
            lo = start - self.before
            if lo > 0:
                c = text[lo - 1]
                window = ("_" if c.isalnum() or c == "_" else " ") + text[lo:start]
            else:
                window = text[:start]
        if self.after > 0:
            # One search for both sides: the space ends the part before like the end of a text would,
            # and the part after starts with its own stand-in for the character before it (no word
            # continues across the two, so nothing matches there that would not match on either side).
            c = text[end - 1] if end > 0 else " "
            window += (" _" if c.isalnum() or c == "_" else "  ") + text[end : end + self.after]
        window = window.lower()
        m = rx.search(window)
        while m is not None:
            i = m.start()
            if i == 0 or not (window[i - 1].isalnum() or window[i - 1] == "_"):
                return True
            m = rx.search(window, i + 1)
        return False

    def hs_trigger(self) -> str:
        """A Hyperscan expression (compiled caseless) that matches wherever `near` could find a word:
        a superset, so candidates looked for only around its matches lose nothing."""
        alts = []
        # Hyperscan's caseless flag folds ASCII only: spell out the upper-case forms of other words.
        cased = {v for word in self.words if not word.isascii() for v in (word.upper(), word.title())}
        for w in sorted(set(self.words) | cased):
            body = re.escape(w)
            if w[:1].isascii() and w[:1].isalnum():
                body = r"\b" + body
            if w[-1:].isascii() and w[-1:].isalnum():
                body += r"\b"
            alts.append(body)
        return "(?:" + "|".join(alts) + ")"


@dataclass(eq=False)
class PatternRecognizer:
    """One family of regex-found entities, e.g. US_SSN: patterns + validator + context words."""

    name: str
    entity: str
    patterns: tuple[Pattern, ...]
    #: Words that make a candidate more likely (raise the score by `context_boost`).
    context: tuple[str, ...] = ()
    #: Words that make it less likely (order numbers, versions...): lower the score by `context_penalty`.
    negative_context: tuple[str, ...] = ()
    validator: Validator | None = None
    context_boost: float = 0.35
    context_penalty: float = 0.4
    #: How many characters before a candidate are searched for context words.
    context_window: int = 48
    #: Characters trimmed from both ends of a candidate (patterns may over-match punctuation).
    strip: str = ""
    kind: str | None = None
    #: The validator returns scores (not just yes/no): never skip it on the pattern's base score.
    validator_scores: bool = False
    entities: tuple[str, ...] = field(init=False)
    _ctx: ContextWords = field(init=False, repr=False)
    _neg: ContextWords = field(init=False, repr=False)
    _compiled: tuple[re.Pattern[str], ...] = field(init=False, repr=False)

    def context_mode(self, pattern: Pattern, threshold: float) -> str:
        """"always": a candidate may pass alone; "context": only near a context word; "never": cannot
        reach `threshold` at all (the scanner leaves such patterns out)."""
        top = pattern.max_score if pattern.max_score is not None else (1.0 if self.validator_scores else pattern.score)
        if top >= threshold:
            return "always"
        if not self.context or top + self.context_boost < threshold:
            return "never"
        return "context"

    def context_trigger(self) -> tuple[str, int, int]:
        """A Hyperscan expression for this recognizer's context words, and the windows (characters
        before and after a candidate) they are looked for in."""
        return self._ctx.hs_trigger(), self._ctx.before, self._ctx.after

    def __post_init__(self) -> None:
        self.entities = (self.entity,)
        self._ctx = ContextWords(self.context, before=self.context_window)
        self._neg = ContextWords(self.negative_context, before=32, after=0)
        self._compiled = tuple(re.compile(p.regex, re.IGNORECASE if p.caseless else 0) for p in self.patterns)

    def finalize(
        self, text: str, start: int, end: int, pattern: Pattern, threshold: float = 0.0
    ) -> Entity | None:
        """Turn one candidate span into an Entity (or None): strip, validate, score with context.

        Candidates that cannot reach `threshold` even with context are dropped before validation;
        context is looked up only where it can change the outcome or the score is not yet convincing.
        `start` is -1 for patterns scanned without start tracking: the pattern's `start` finds it.
        """
        if start < 0:
            if pattern.start is None:
                return None
            start = pattern.start(text, end)
            if start < 0 or start >= end:
                return None
        if pattern.word_start and start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
            return None
        if self.strip:
            while start < end and text[start] in self.strip:
                start += 1
            while end > start and text[end - 1] in self.strip:
                end -= 1
            if start >= end:
                return None
        score = pattern.score
        ctx: bool | None = None
        if not self.validator_scores and score + self.context_boost < threshold:
            return None
        if not self.validator_scores and score < threshold:
            ctx = self._ctx.near(text, start, end)
            if not ctx:
                return None
        if self.validator is not None:
            verdict = self.validator(text[start:end])
            if verdict is False:
                return None
            if verdict is not True:
                score = float(verdict)
        penalty = self.context_penalty if score < 0.9 and self._neg.near(text, start, end) else 0.0
        if score < 0.8:
            if ctx is None:
                ctx = self._ctx.near(text, start, end)
            if ctx:
                score += self.context_boost
        score -= penalty
        score = min(score, 1.0)
        if score <= 0:
            return None
        return Entity(self.entity, start, end, score, self.kind, self.name)

    def analyze(self, text: str) -> list[Entity]:
        """Standalone path (plain `re`); the engine uses its compiled multi-pattern scanner instead."""
        out: list[Entity] = []
        for pat, rx in zip(self.patterns, self._compiled, strict=True):
            for m in rx.finditer(text):
                ent = self.finalize(text, m.start(), m.end(), pat)
                if ent is not None:
                    out.append(ent)
        return out
