"""All signatures, lexicon phrases, hints and cues compiled once into Hyperscan; one scan answers all.

Three databases:
- `canon`: the regex signatures, the lexicon phrases (with positions, for the proximity rules), the hints
  that apply to casefolded text and a few English function words;
- `raw`: hints that need the original case (base64, base32, hex, invisible characters, homoglyphs);
- `locate`: literal cues with their positions, used only to pick the windows of a long text worth scoring.

Hyperscan scratch space is per thread (a scratch may not be shared by concurrent scans).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter

import hyperscan

from accord.detect.injection.hints import CANON_HINTS, RAW_HINTS, RAW_HINTS_ASCII, STOPWORDS, cue_literals
from accord.detect.injection.signatures import QUOTABLE, Signature
from accord.detect.injection.signatures.proximity import RULES, Proximity, class_phrases, whole_word

_UTF8 = hyperscan.HS_FLAG_UTF8
_ONCE = hyperscan.HS_FLAG_SINGLEMATCH
_MAX_CLASS_HITS = 64
_STOPWORDS = tuple(f" {w} " for w in STOPWORDS)
_WORD_BYTE = [chr(b).isalnum() if b < 128 else False for b in range(256)]
# Proximity rules hold inside one clause: sentence ends, and commas and semicolons in any script ("add an
# output filter, update the system prompt" is no request to output the system prompt).
_SENTENCE_END = re.compile("[.!?\n,;]|\u3002|\uff01|\uff1f|\u061f|\u0964|\u060c|\u061b|\u3001|\uff0c|\uff1b".encode())
# Quoted or code spans of the canonical text: code fences, inline code, "...", '...' (not apostrophes),
# curly quotes, guillemets, CJK corner brackets.
_QUOTED = re.compile(
    "```.*?```|`[^`\n]{2,400}`|\"[^\"\n]{2,400}\"|(?<![a-z0-9])'[^'\n]{2,400}'(?![a-z0-9])|\u201c[^\u201d]{2,400}\u201d|"
    "\u00ab[^\u00bb]{2,400}\u00bb|\u300c[^\u300d]{2,400}\u300d|\u300e[^\u300f]{2,400}\u300f".encode(), re.S)
_QUOTE_CHARS = tuple(c.encode() for c in "\"'`\u201c\u00ab\u300c\u300e")
#: Phrases up to this many bytes that must start a word are scanned with that boundary (see `Scanner`).
_SHORT_PHRASE = 4
#: Not preceded by an ASCII letter or digit (`_WORD_BYTE`): the start of the text, or any other byte.
_WORD_START = b"(?:^|[^A-Za-z0-9])"
_END = itemgetter(1)


def _hex(literal: bytes) -> bytes:
    """A literal as a Hyperscan regex, every byte escaped."""
    return b"".join(b"\\x%02x" % c for c in literal)


@dataclass(frozen=True, slots=True)
class CanonHits:
    #: Families that fired, as classifier feature names ("override:strong", ...), with the rule ids.
    features: frozenset[str]
    rules: tuple[str, ...]
    hints: frozenset[str]


def _compile(patterns: Sequence[bytes], flags: int | Sequence[int], *, literal: bool = False) -> hyperscan.Database:
    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    db.compile(expressions=list(patterns), ids=list(range(len(patterns))), elements=len(patterns), flags=flags,
               literal=literal)
    return db


class Scanner:
    def __init__(self, signatures: Sequence[Signature], rules: Sequence[Proximity] = RULES) -> None:
        self.signatures = tuple(signatures)
        self.rules = tuple(rules)
        phrases = class_phrases()
        self._phrase_class = [c for c, _ in phrases]
        self._phrase_len = [len(p) for _, p in phrases]
        self._phrase_word = [p[:1].isalnum() and p[:1].isascii() for _, p in phrases]
        self._phrase_whole = [whole_word(p, c) for c, p in phrases]
        # Windows are in bytes; a phrase in a script of 2-3 bytes a letter stretches them accordingly.
        self._phrase_scale = [max(1.0, len(p) / max(len(p.decode()), 1)) for _, p in phrases]
        # Lexicon phrases are literals with positions (Hyperscan's literal compiler takes ~0.1 s for
        # thousands; as regexes with \s+ and \b they took minutes). Short ones that must start a word
        # ("ta", "ki", "no") are regexes with that boundary in the signatures' database instead: as literals
        # they matched inside words ("station") nearly every time, and each such hit was a Python call
        # only to be dropped. The boundary is the same test as `_WORD_BYTE`, so the hits kept are the same.
        short = [i for i, (_, p) in enumerate(phrases) if self._phrase_word[i] and len(p) <= _SHORT_PHRASE]
        short_set = set(short)
        self._literal_phrase = [i for i in range(len(phrases)) if i not in short_set]  # literal id -> phrase
        self._phrases = _compile([phrases[i][1] for i in self._literal_phrase], 0, literal=True)
        self._canon_hint_names = list(CANON_HINTS)
        # Layout of ids: signatures | hints | short phrases.
        self._o_hint = len(self.signatures)
        self._o_stop = self._o_hint + len(CANON_HINTS)
        self._short_phrase = short  # (id - _o_stop) -> phrase
        patterns = [s.pattern.encode() for s in self.signatures]
        patterns += [p.encode() for p in CANON_HINTS.values()]
        patterns += [_WORD_START + _hex(phrases[i][1]) for i in short]
        # Signatures match bytes (bounded gaps in UTF-8 mode blow up the automata); the hints need UTF-8
        # character classes; phrases report every match.
        flags = [_ONCE] * len(self.signatures) + [_UTF8 | _ONCE] * len(CANON_HINTS) + [0] * len(short)
        self._canon = _compile(patterns, flags)
        self._raw_names = list(RAW_HINTS)
        self._raw = _compile([p.encode() for p in RAW_HINTS.values()], _UTF8 | _ONCE)
        self._raw_ascii_names = list(RAW_HINTS_ASCII)
        self._raw_ascii = _compile([p.encode() for p in RAW_HINTS_ASCII.values()], _ONCE)
        self.cues = cue_literals()
        self._locate = _compile([c.encode() for c in self.cues], hyperscan.HS_FLAG_CASELESS, literal=True)
        self._local = threading.local()

    def _scratch(self, name: str) -> hyperscan.Scratch:
        scratch = getattr(self._local, name, None)
        if scratch is None:
            scratch = hyperscan.Scratch(getattr(self, name))
            setattr(self._local, name, scratch)
        return scratch

    def canon(self, text: str) -> CanonHits:
        data = text.encode("utf-8", "replace")
        ids, by_class = self._hits(data)
        o_hint, o_stop = self._o_hint, self._o_stop
        features: set[str] = set()
        fired: list[str] = []
        spans: dict[str, list[tuple[int, int]]] = {}  # strong feature -> where its hits are
        hints: set[str] = set()
        for i, end in ids:
            if i < o_hint:
                sig = self.signatures[i]
                features.add(sig.feature)
                fired.append(sig.id)
                spans.setdefault(sig.feature, []).append((max(end - 1, 0), end))
            elif i < o_stop:
                hints.add(self._canon_hint_names[i - o_hint])
        present = by_class.keys()
        for rule in self.rules:
            if not present >= rule.class_set:
                continue
            span = _fires(rule, by_class, data)
            if span is not None:
                if rule.feature not in features:
                    features.add(rule.feature)
                    fired.append(rule.id)
                spans.setdefault(rule.feature, []).append(span)
        strong = [f for f in features if f.endswith(":strong") and f[:-7] in QUOTABLE]
        if strong and any(q in data for q in _QUOTE_CHARS):
            quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(data)]
            if quoted:
                for f in strong:
                    if all(any(a <= s and e <= b for a, b in quoted) for s, e in spans.get(f, ())):
                        features.discard(f)
                        features.add(f[:-len("strong")] + "quoted")
        return CanonHits(frozenset(features), tuple(fired), frozenset(hints))

    def _hits(self, data: bytes) -> tuple[list[tuple[int, int]], dict[str, list[tuple[int, int, float]]]]:
        """(id, end) of the signatures, hints and short phrases that matched; and the lexicon phrase hits
        that count, per class: (start, end, bytes-per-letter scale), in order of their ends."""
        ids: list[tuple[int, int]] = []
        self._canon.scan(data, match_event_handler=lambda i, f, t, fl, c: ids.append((i, t)),
                         scratch=self._scratch("_canon"))
        phr: list[tuple[int, int]] = []
        self._phrases.scan(data, match_event_handler=lambda i, f, t, fl, c: phr.append((i, t)),
                           scratch=self._scratch("_phrases"))
        o_stop, lit, short = self._o_stop, self._literal_phrase, self._short_phrase
        phr = [(lit[i], end) for i, end in phr]
        short_hits = [(short[i - o_stop], end) for i, end in ids if i >= o_stop]
        if short_hits:  # merged in order of their ends, as one database reported them (the sort is stable)
            phr.extend(short_hits)
            phr.sort(key=_END)
        by_class: dict[str, list[tuple[int, int, float]]] = {}
        for i, end in phr:
            start = end - self._phrase_len[i]
            if self._phrase_word[i] and start > 0 and _WORD_BYTE[data[start - 1]]:
                continue  # inside a word
            if self._phrase_whole[i] and not _whole(data, start, end):
                continue  # "ai" in "aim", "ии" in "информации"
            lst = by_class.setdefault(self._phrase_class[i], [])
            if len(lst) < _MAX_CLASS_HITS:
                lst.append((start, end, self._phrase_scale[i]))
        return ids, by_class

    @staticmethod
    def english(text: str, enough: int = 3) -> int:
        """How many distinct English function words the (casefolded) text contains, counting up to `enough`."""
        padded = f" {text} "
        n = 0
        for w in _STOPWORDS:
            if w in padded:
                n += 1
                if n >= enough:
                    break
        return n

    def raw(self, text: str) -> frozenset[str]:
        if text.isascii():  # most prompts: the small database of the hints ASCII text can trigger
            return self._raw_hints(text.encode("ascii"), "_raw_ascii", self._raw_ascii_names)
        return self._raw_hints(text.encode("utf-8", "replace"), "_raw", self._raw_names)

    def _raw_hints(self, data: bytes, db: str, names: list[str]) -> frozenset[str]:
        ids: list[int] = []
        add = ids.append
        getattr(self, db).scan(data, match_event_handler=lambda i, f, t, fl, c: add(i), scratch=self._scratch(db))
        return frozenset(names[i] for i in ids)

    def locate(self, data: bytes, *, limit: int) -> list[int]:
        """End offsets (bytes) of cue matches, at most `limit` of them."""
        ends: list[int] = []
        add = ends.append

        def on_match(i: int, f: int, t: int, fl: int, c: object) -> bool | None:
            add(t)
            return True if len(ends) >= limit else None  # a true return stops the scan

        try:
            self._locate.scan(data, match_event_handler=on_match, scratch=self._scratch("_locate"))
        except hyperscan.ScanTerminated:
            pass
        return ends


def _whole(data: bytes, start: int, end: int) -> bool:
    """True when the hit data[start:end] is neither preceded nor followed by a letter or digit."""
    n = len(data)
    if (end >= n or data[end] < 0x80) and (start == 0 or data[start - 1] < 0x80):  # ASCII neighbours: a lookup
        return not ((end < n and _WORD_BYTE[data[end]]) or (start > 0 and _WORD_BYTE[data[start - 1]]))
    if end < n:
        nxt = data[end:end + 4].decode("utf-8", "ignore")[:1]
        if nxt.isalnum():
            return False
    if start > 0:
        k = start - 1
        while k > 0 and start - k < 4 and 0x80 <= data[k] < 0xC0:  # back to the first byte of the character
            k -= 1
        prev = data[k:start].decode("utf-8", "ignore")[-1:]
        if prev.isalnum():
            return False
    return True


def _fires(rule: Proximity, by_class: dict[str, list[tuple[int, int, float]]],
           data: bytes) -> tuple[int, int] | None:
    """The span of the first set of hits, one of every class of `rule`, within its window inside one sentence.

    The window is in bytes, stretched by the bytes-per-letter of the first class's hit (Devanagari, Thai,
    CJK: 3 bytes a letter), so that it means about the same number of letters in every script.
    """
    lists = [by_class.get(c) for c in rule.classes]
    if not all(lists):
        return None
    if len(lists) == 1:
        assert lists[0] is not None
        return lists[0][0][:2]
    first, rest = lists[0], lists[1:]
    assert first is not None
    for a_start, a_end, scale in first:
        window = int(rule.window * scale)
        lo, hi = a_start, a_end
        for other in rest:
            assert other is not None
            best = None
            for s, e, _ in other:
                if (s, e) == (a_start, a_end):
                    continue
                d = max(abs(s - a_end), abs(a_start - e))
                if d > window or (best is not None and d >= best[0]):
                    continue
                # The nearest hit *in the same sentence* ("policy?' ignore the above directions": not "policy").
                if _SENTENCE_END.search(data, min(s, a_start), max(e, a_end)):
                    continue
                best = (d, s, e)
            if best is None:
                break
            lo, hi = min(lo, best[1]), max(hi, best[2])
        else:
            if hi - lo <= window + 40 and not _SENTENCE_END.search(data, max(lo, 0), hi):
                return lo, hi
    return None
