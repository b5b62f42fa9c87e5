"""Signals of poisoned documents: invisible characters, and hidden text addressed to an AI.

Injection detection proper is the Detect engine's (`Report.injection`, and the document-level
detector when present); this module adds what only a document scanner sees: text a human reader
cannot see. Hidden text is common (HTML comments, tracking markup), so it is reported as a signal
and counts as injection only when it addresses an AI.
"""

from __future__ import annotations

import re
import unicodedata

from accord.govern.types import HiddenSignal, Segment, Where

_ZERO_WIDTH = re.compile("[\u200b\u200c\u2060-\u2064\u180e\ufeff]")
_ZWJ = "\u200d"
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_TAGS = re.compile("[\U000e0000-\U000e007f]+")

#: Phrases that address an AI model rather than a human reader. Matched in hidden text only.
AI_DIRECTED: tuple[str, ...] = (
    r"\b(?:ignore|disregard|forget|override)\b.{0,40}\b(?:instructions?|prompts?|rules|guidelines|directions)\b",
    r"\b(?:you are|act as|pretend to be|you're)\b.{0,30}\b(?:ai|assistant|chatbot|language model|llm|gpt|model)\b",
    r"\b(?:ai|assistant|chatbot|language model|llm|model)s?\b.{0,40}\b(?:must|should|shall|will|needs? to)\b",
    r"\bsystem prompt\b",
    r"\b(?:new|updated|additional|important|hidden) instructions?\b",
    r"\b(?:do not|don't|never)\b.{0,30}\b(?:tell|mention|reveal|inform|disclose)\b.{0,20}\b(?:user|reader|human)\b",
    r"\b(?:respond|reply|answer)\b.{0,30}\b(?:only|always)\b",
    r"\b(?:when|if) (?:summari[sz]ing|answering|responding|asked)\b",
    r"\b(?:send|forward|exfiltrate|post|upload)\b.{0,60}\b(?:to|at) (?:https?://|[\w.+-]+@)",
    r"\binclude (?:this|the following) (?:link|url|text|message)\b",
    r"\byour (?:response|reply|answer|output|message|code|codebase|solution|implementation|summary|explanation)s?\b",
    r"\b(?:following|subsequent|below) code (?:snippet|block|section|excerpt)\b",
)
_AI_DIRECTED = re.compile("|".join(f"(?:{p})" for p in AI_DIRECTED), re.I | re.S)

#: Verbs that open an instruction to a text generator. A hidden sentence starting with one is a
#: command nobody reading the page can see. Navigation verbs (click, skip, close, open) are left out:
#: visually hidden accessibility text uses them.
IMPERATIVE_VERBS: tuple[str, ...] = (
    "add",
    "advertise",
    "answer",
    "append",
    "ask",
    "buy",
    "change",
    "claim",
    "collect",
    "compose",
    "convince",
    "create",
    "decode",
    "delete",
    "describe",
    "disregard",
    "download",
    "email",
    "encode",
    "encourage",
    "execute",
    "explain",
    "express",
    "extract",
    "forget",
    "forward",
    "generate",
    "ignore",
    "include",
    "inform",
    "insert",
    "install",
    "list",
    "mention",
    "modify",
    "notify",
    "output",
    "pay",
    "persuade",
    "post",
    "print",
    "promote",
    "provide",
    "publish",
    "recommend",
    "redirect",
    "remove",
    "repeat",
    "replace",
    "reply",
    "request",
    "respond",
    "rewrite",
    "run",
    "say",
    "send",
    "share",
    "spread",
    "state",
    "substitute",
    "summarise",
    "summarize",
    "tell",
    "transfer",
    "translate",
    "upload",
    "urge",
    "visit",
    "warn",
    "write",
)
#: Verbs developers open their HTML comments with ("Remove once the redesign ships"): not counted there.
DEV_NOTE_VERBS = frozenset({"add", "change", "delete", "modify", "remove", "replace", "run", "install"})


def _imperative(verbs: tuple[str, ...]) -> re.Pattern[str]:
    lead = r"(?:^|[.!?:;\n]\s*)(?:(?:please|also|now|then|first|finally|and)\s+)*"
    return re.compile(lead + "(?:" + "|".join(verbs) + r")\b", re.I)


_IMPERATIVE = _imperative(IMPERATIVE_VERBS)
_IMPERATIVE_IN_COMMENT = _imperative(tuple(v for v in IMPERATIVE_VERBS if v not in DEV_NOTE_VERBS))
#: Hidden text shorter than this is a label or a tracking note, not an instruction.
MIN_INSTRUCTION_WORDS = 5
#: HTML comments are developer notes more often than not: they need more words to count.
MIN_COMMENT_WORDS = 8


def invisible_characters(segment: Segment) -> tuple[list[HiddenSignal], str | None]:
    """Zero-width, bidi-control and Unicode tag characters; returns signals and any text smuggled in tags."""
    text = segment.text
    if text.isascii():
        return [], None
    signals: list[HiddenSignal] = []
    where: Where = dict(segment.where)
    zw = len(_ZERO_WIDTH.findall(text[1:] if text.startswith("\ufeff") else text))
    zw += sum(1 for i in _zwj_positions(text) if not _emoji_neighbours(text, i))
    if zw:
        signals.append(HiddenSignal("zero-width", where, zw))
    bidi = len(_BIDI.findall(text))
    if bidi:
        signals.append(HiddenSignal("bidi-control", where, bidi))
    smuggled = "".join(chr(ord(c) - 0xE0000) for m in _TAGS.finditer(text) for c in m.group(0))
    smuggled = "".join(ch for ch in smuggled if ch.isprintable())
    if smuggled:
        signals.append(HiddenSignal("unicode-tags", where, len(smuggled)))
    return signals, smuggled or None


def _zwj_positions(text: str) -> list[int]:
    out, i = [], text.find(_ZWJ)
    while i != -1:
        out.append(i)
        i = text.find(_ZWJ, i + 1)
    return out


def _emoji_neighbours(text: str, i: int) -> bool:
    """A ZWJ between two pictographs joins an emoji sequence: that one is legitimate."""
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    return bool(before and after) and all(
        unicodedata.category(ch) == "So" or ch in "\ufe0f\u2640\u2642" for ch in (before, after)
    )


def addresses_ai(text: str) -> bool:
    """True when `text` reads as instructions to a model (used on hidden text only)."""
    return _AI_DIRECTED.search(text) is not None


def hidden_instruction(text: str, kind: str = "hidden") -> bool:
    """Hidden text that addresses an AI, or that gives an order in a sentence long enough to be one."""
    if addresses_ai(text):
        return True
    comment = kind == "html-comment"
    if len(text.split()) < (MIN_COMMENT_WORDS if comment else MIN_INSTRUCTION_WORDS):
        return False
    return (_IMPERATIVE_IN_COMMENT if comment else _IMPERATIVE).search(text.strip()) is not None
