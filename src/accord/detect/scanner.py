"""Candidate finding in C: every pattern of every scanned recognizer in one Hyperscan database.

One pass over the UTF-8 bytes finds all candidates; Python only sees the (rare) candidates. Three
kinds of compiled sets, built once per engine (and shared between engines with the same patterns):

* the main database: regex candidates of every family, plus one *context trigger* per recognizer that
  has context-only patterns (its context words);
* the context-only database: patterns whose candidates cannot pass without a context word (a bare
  nine-digit number is a passport number only after "passport"). It is scanned only in small windows
  around the triggers that fired, so the digit runs of logs and tables cost nothing;
* the literal database: gazetteers (e.g. first names), compiled with Hyperscan's literal compiler.

Hyperscan reports every end offset of every match (with HS_FLAG_SOM_LEFTMOST, the leftmost start for
that end). Patterns end in `\\b` or a literal, so a candidate usually reports once; where it reports
several ends for one start, the longest is tried first and shorter ones only if the validator rejects it.
Start tracking is expensive for patterns with a long variable prefix, so some patterns go without it
(`Pattern.som = False`): their start arrives as -1 and the recognizer finds it. Offsets come back in
UTF-8 bytes and are mapped to Python string indices in one vectorised step.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Protocol

import hyperscan
import numpy as np

from accord.detect.recognizers.base import Literals, Pattern
from accord.detect.types import Entity

log = logging.getLogger(__name__)

_MAX_ENDS_TRIED = 4
#: Longest context-only candidate we look for around a context word (characters).
_GATED_SPAN = 64
_CAND, _BATCH, _TRIGGER = 0, 1, 2
#: Bytes that continue a word (ASCII letters, digits, '_', and any byte of a multi-byte character).
_WORDISH = frozenset(b"0123456789_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") | frozenset(range(0x80, 0x100))


class Utf8Text:
    """A text encoded once for Hyperscan, with byte -> character offset mapping computed lazily."""

    __slots__ = ("_cont", "ascii", "data", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.ascii = text.isascii()
        if self.ascii:
            self.data = text.encode("ascii")
        else:
            # Lone surrogates cannot be UTF-8: each becomes one '?' byte, so offsets stay aligned.
            self.data = text.encode("utf-8", "replace")
        self._cont: np.ndarray | None = None

    def _continuations(self) -> np.ndarray:
        if self._cont is None:
            # Continuation bytes are 0x80-0xBF, i.e. below -64 as signed bytes. Their positions are all
            # we keep: a character offset is the byte offset minus the continuation bytes before it.
            buf = np.frombuffer(self.data, dtype=np.int8)
            self._cont = np.flatnonzero(buf < -64)
        return self._cont

    def char_offset(self, byte_offset: int) -> int:
        if self.ascii:
            return byte_offset
        return byte_offset - int(np.searchsorted(self._continuations(), byte_offset))

    def char_offsets(self, byte_offsets: np.ndarray) -> np.ndarray:
        if self.ascii:
            return byte_offsets
        return byte_offsets - np.searchsorted(self._continuations(), byte_offsets)


class Scanned(Protocol):
    """What the scanner needs from a recognizer: its patterns, and a way to judge one candidate.

    Optional: `literals` (tuple of `Literals`), `collect(text, candidates, threshold)` to judge all of a
    recognizer's candidates at once (instead of `finalize` one by one), and `context_mode(pattern,
    threshold)` with `context_trigger()` for patterns that need context (see `PatternRecognizer`).
    """

    name: str
    patterns: tuple[Pattern, ...]

    def finalize(
        self, text: str, start: int, end: int, pattern: Pattern, threshold: float = 0.0
    ) -> Entity | None: ...


#: (kind, recognizer, pattern or literal-set name, pattern)
_Target = tuple[int, Any, str, Pattern | None]


@lru_cache(maxsize=16)
def _compile(exprs: tuple[bytes, ...], flags: tuple[int, ...], literal: bool) -> hyperscan.Database:
    """Compiled databases are shared by engines with the same patterns (tests and workers build many)."""
    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    db.compile(expressions=list(exprs), ids=list(range(len(exprs))), elements=len(exprs), flags=list(flags),
               literal=literal)
    return db


class MultiPatternScanner:
    """Compiles the patterns of `recognizers`; `scan` returns their entities."""

    def __init__(self, recognizers: Sequence[Scanned], threshold: float = 0.0) -> None:
        self.threshold = threshold
        main: list[tuple[bytes, int, _Target]] = []
        gated: list[tuple[bytes, int, _Target]] = []
        lits: list[tuple[bytes, _Target]] = []
        #: per gated recognizer: (window before, window after) in characters, for its context words
        self._gate_windows: list[tuple[int, int]] = []
        som = hyperscan.HS_FLAG_SOM_LEFTMOST
        for rec in recognizers:
            batch = hasattr(rec, "collect")
            kind = _BATCH if batch else _CAND
            mode_of = getattr(rec, "context_mode", None)
            gate_idx = -1
            for pat in rec.patterns:
                mode = mode_of(pat, threshold) if mode_of is not None else "always"
                if mode == "never":
                    continue
                f = (som if pat.som and pat.start is None else 0) | (hyperscan.HS_FLAG_CASELESS if pat.caseless else 0)
                expr = (pat.hs_regex or pat.regex).encode()
                if mode == "always":
                    main.append((expr, f, (kind, rec, pat.name, pat)))
                    continue
                if gate_idx < 0:
                    trigger, before, after = rec.context_trigger()  # type: ignore[attr-defined]
                    gate_idx = len(self._gate_windows)
                    self._gate_windows.append((before, after))
                    main.append((trigger.encode(), som | hyperscan.HS_FLAG_CASELESS,
                                 (_TRIGGER, gate_idx, rec.name, None)))
                # Context-only patterns are scanned in small windows: start tracking costs little there.
                gated.append((expr, f | som, (gate_idx, rec, pat.name, pat)))
            for lit in getattr(rec, "literals", ()):
                assert isinstance(lit, Literals)
                target: _Target = (_BATCH, rec, lit.name, None)  # one tuple shared by every word of the set
                lits.extend((word.encode(), target) for word in lit.words)
        self._targets: list[_Target] = [t for _, _, t in main]
        #: Pattern ids scanned without start tracking: Hyperscan reports 0 as their start; we pass -1.
        self._no_som = frozenset(i for i, (_, f, _) in enumerate(main) if not f & som)
        self._gated_targets: list[_Target] = [t for _, _, t in gated]
        self._lit_base = len(self._targets)
        self._targets.extend(t for _, t in lits)
        self._lit_lens = [len(w) for w, _ in lits]
        #: literals that end in a word character (not those that carry their boundary, like "Ana ")
        self._lit_open = [w[-1] in _WORDISH for w, _ in lits]
        self._db = _compile(tuple(e for e, _, _ in main), tuple(f for _, f, _ in main), False) if main else None
        self._gated_db = _compile(tuple(e for e, _, _ in gated), tuple(f for _, f, _ in gated), False) \
            if gated else None
        self._lit_db = _compile(tuple(e for e, _ in lits), tuple(0 for _ in lits), True) if lits else None
        self._local = threading.local()
        log.debug("compiled %d patterns, %d context-only patterns and %d literals", len(main), len(gated), len(lits))

    @property
    def pattern_count(self) -> int:
        return len(self._targets) + len(self._gated_targets)

    def _scratch(self, key: str, db: hyperscan.Database) -> hyperscan.Scratch:
        # Hyperscan scratch space is per thread: one engine may serve several worker threads.
        scratch = getattr(self._local, key, None)
        if scratch is None:
            scratch = hyperscan.Scratch(db)
            setattr(self._local, key, scratch)
        return scratch

    def scan(self, text: str, view: Utf8Text | None = None) -> list[Entity]:
        """Entities of every scanned recognizer in `text` (overlaps not resolved)."""
        if not text or (self._db is None and self._lit_db is None):
            return []
        view = view or Utf8Text(text)
        data = view.data
        hits: list[tuple[int, int, int]] = []
        append = hits.append

        def on_match(pid: int, start: int, end: int, _flags: int, _ctx: object) -> None:
            append((pid, start, end))

        if self._db is not None:
            self._db.scan(data, match_event_handler=on_match, scratch=self._scratch("main", self._db))

        if self._lit_db is not None:
            base, lens, is_open, n, wordish = self._lit_base, self._lit_lens, self._lit_open, len(data), _WORDISH

            def on_literal(pid: int, _start: int, end: int, _flags: int, _ctx: object) -> None:
                # Gazetteer words are whole words: "Mari" inside "Martin" is dropped here, before Python
                # builds anything for it. A literal's start is its end minus its length.
                if is_open[pid] and end < n and data[end] in wordish:
                    return
                append((pid + base, end - lens[pid], end))

            self._lit_db.scan(data, match_event_handler=on_literal, scratch=self._scratch("lit", self._lit_db))
        if not hits:
            return []
        targets: list[_Target] = self._targets
        triggers = [h for h in hits if targets[h[0]][0] == _TRIGGER] if self._gated_db is not None else []
        no_som = self._no_som
        cands: list[tuple[_Target, int, int]] = [
            (targets[p], -1 if p in no_som else s, e) for p, s, e in hits if targets[p][0] != _TRIGGER
        ]
        if triggers:
            cands.extend(self._scan_windows(view, triggers))
        if not cands:
            return []
        # Byte offsets -> character offsets, all at once.
        if not view.ascii:
            offs = view.char_offsets(np.array([(s, e) for _, s, e in cands], dtype=np.int64)).tolist()
            cands = [(t, se[0], se[1]) for (t, _, _), se in zip(cands, offs, strict=True)]
        return self._judge(text, cands)

    def _scan_windows(self, view: Utf8Text, triggers: list[tuple[int, int, int]]) -> list[tuple[_Target, int, int]]:
        """Scan the context-only patterns in windows around the context words that fired."""
        data, n = view.data, len(view.data)
        scale = 1 if view.ascii else 4  # a character is at most four bytes
        wins: list[tuple[int, int, int]] = []
        for pid, s, e in triggers:
            gate = self._targets[pid][1]
            before, after = self._gate_windows[gate]
            wins.append((max(0, s - (after + _GATED_SPAN) * scale), min(n, e + (before + _GATED_SPAN) * scale), gate))
        wins.sort()
        merged: list[tuple[int, int, set[int]]] = []
        for lo, hi, gate in wins:
            if merged and lo <= merged[-1][1]:
                plo, phi, gates = merged[-1]
                gates.add(gate)
                merged[-1] = (plo, max(phi, hi), gates)
            else:
                merged.append((lo, hi, {gate}))
        assert self._gated_db is not None
        scratch = self._scratch("gated", self._gated_db)
        gtargets = self._gated_targets
        out: list[tuple[_Target, int, int]] = []
        found: list[tuple[int, int, int]] = []

        def on_match(pid: int, start: int, end: int, _flags: int, _ctx: object) -> None:
            found.append((pid, start, end))

        for lo, hi, gates in merged:
            found.clear()
            self._gated_db.scan(data[lo:hi], match_event_handler=on_match, scratch=scratch)
            for p, s, e in found:
                t = gtargets[p]
                if t[0] not in gates:
                    continue
                # A window edge is not a real boundary: drop candidates cut out of a longer token.
                if (s == 0 and lo > 0 and data[lo - 1] in _WORDISH) or (e == hi - lo and hi < n and data[hi] in _WORDISH):
                    continue
                out.append(((_CAND, t[1], t[2], t[3]), s + lo, e + lo))
        return out

    def _judge(self, text: str, cands: list[tuple[_Target, int, int]]) -> list[Entity]:
        out: list[Entity] = []
        thr = self.threshold
        ends: dict[tuple[int, int], tuple[_Target, int, list[int]]] = {}
        batches: dict[int, tuple[Any, list[tuple[int, int, str]]]] = {}
        for t, s, e in cands:
            if t[0] == _BATCH:
                rec = t[1]
                entry = batches.get(id(rec))
                if entry is None:
                    entry = batches[id(rec)] = (rec, [])
                entry[1].append((s, e, t[2]))
                continue
            if s < 0:
                pat = t[3]
                s = pat.start(text, e) if pat is not None and pat.start is not None else -1
                if s < 0:
                    continue
            key = (id(t[3]), s)
            group = ends.get(key)
            if group is None:
                ends[key] = (t, s, [e])
            else:
                group[2].append(e)
        for t, start, bends in ends.values():
            rec, pat = t[1], t[3]
            if len(bends) > 1:
                bends.sort(reverse=True)
            for end in bends[:_MAX_ENDS_TRIED]:
                ent = rec.finalize(text, start, end, pat, thr)
                if ent is not None:
                    out.append(ent)
                    break
        for rec, items in batches.values():
            items.sort()
            out.extend(rec.collect(text, items, thr))
        return out
