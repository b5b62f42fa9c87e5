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

Per hit, Python does as little as it can: the match callbacks only append three integers, the offsets
are converted and the hits grouped per recognizer with numpy when there are many, and each recognizer
then judges its own candidates (one call per recognizer, not per hit).
"""

from __future__ import annotations

import logging
import threading
from bisect import bisect_left
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from time import perf_counter
from typing import Any, Protocol

import hyperscan
import numpy as np

from accord.detect.recognizers.base import Literals, Pattern
from accord.detect.types import Entity

log = logging.getLogger(__name__)

_MAX_ENDS_TRIED = 4
#: Longest context-only candidate we look for around a context word (characters).
_GATED_SPAN = 64
#: Context windows closer than this (bytes) are scanned as one: a scan call costs more than the bytes
#: between them, and a candidate found in between still needs its context word (`finalize` checks).
_WINDOW_GAP = 256
_CAND, _BATCH, _TRIGGER = 0, 1, 2
#: Bytes that continue a word (ASCII letters, digits, '_', and any byte of a multi-byte character).
_WORDISH = frozenset(b"0123456789_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") | frozenset(range(0x80, 0x100))
_WORDISH_TABLE = np.zeros(256, dtype=bool)
_WORDISH_TABLE[list(_WORDISH)] = True
#: From this many bytes on, hits are grouped with numpy (whose per-call overhead short prompts would feel).
_BIG_TEXT = 8192


class Utf8Text:
    """A text encoded once for Hyperscan, with byte -> character offset mapping computed lazily."""

    __slots__ = ("_cont", "_cont_list", "ascii", "data", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.ascii = text.isascii()
        if self.ascii:
            self.data = text.encode("ascii")
        else:
            # Lone surrogates cannot be UTF-8: each becomes one '?' byte, so offsets stay aligned.
            self.data = text.encode("utf-8", "replace")
        self._cont: np.ndarray | None = None
        self._cont_list: list[int] | None = None

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
        if self._cont_list is None:
            self._cont_list = self._continuations().tolist()
        return byte_offset - bisect_left(self._cont_list, byte_offset)

    def char_offsets(self, byte_offsets: np.ndarray) -> np.ndarray:
        if self.ascii:
            return byte_offsets
        return byte_offsets - np.searchsorted(self._continuations(), byte_offsets)


class Scanned(Protocol):
    """What the scanner needs from a recognizer: its patterns, and a way to judge one candidate.

    Optional: `literals` (tuple of `Literals`), `collect(text, candidates, threshold)` to judge all of a
    recognizer's candidates at once (instead of `finalize` one by one; candidates are `(start, end,
    pattern name)` tuples, in no particular order; start is -1 for patterns scanned without start
    tracking), and `context_mode(pattern, threshold)` with
    `context_trigger()` for patterns that need context (see `PatternRecognizer`).
    """

    name: str
    patterns: tuple[Pattern, ...]

    def finalize(
        self, text: str, start: int, end: int, pattern: Pattern, threshold: float = 0.0
    ) -> Entity | None: ...


#: Seconds per stage, filled in by `scan(..., clock=...)`.
Clock = dict[str, float]


def _lap(clock: Clock, stage: str, since: float) -> float:
    now = perf_counter()
    clock[stage] = clock.get(stage, 0.0) + now - since
    return now


#: (kind, recognizer slot or gate, pattern or literal-set name, pattern)
_Target = tuple[int, int, str, Pattern | None]


@lru_cache(maxsize=16)
def _compile(exprs: tuple[bytes, ...], flags: tuple[int, ...], literal: bool,
             ids: tuple[int, ...] | None = None) -> hyperscan.Database:
    """Compiled databases are shared by engines with the same patterns (tests and workers build many)."""
    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    db.compile(expressions=list(exprs), ids=list(ids if ids is not None else range(len(exprs))),
               elements=len(exprs), flags=list(flags), literal=literal)
    return db


class MultiPatternScanner:
    """Compiles the patterns of `recognizers`; `scan` returns their entities."""

    def __init__(self, recognizers: Sequence[Scanned], threshold: float = 0.0) -> None:
        self.threshold = threshold
        self._recs: list[Any] = list(recognizers)
        main: list[tuple[bytes, int, _Target]] = []
        gated: list[tuple[bytes, int, _Target]] = []
        lits: list[tuple[bytes, _Target]] = []
        #: per gated recognizer: (window before, window after) in characters, for its context words
        self._gate_windows: list[tuple[int, int]] = []
        som = hyperscan.HS_FLAG_SOM_LEFTMOST
        for slot, rec in enumerate(self._recs):
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
                    main.append((expr, f, (kind, slot, pat.name, pat)))
                    continue
                if gate_idx < 0:
                    trigger, before, after = rec.context_trigger()
                    gate_idx = len(self._gate_windows)
                    self._gate_windows.append((before, after))
                    main.append((trigger.encode(), som | hyperscan.HS_FLAG_CASELESS,
                                 (_TRIGGER, gate_idx, rec.name, None)))
                # Context-only patterns are scanned in small windows: start tracking costs little there.
                gated.append((expr, f | som, (gate_idx, slot, pat.name, pat)))
            for lit in getattr(rec, "literals", ()):
                assert isinstance(lit, Literals)
                target: _Target = (_BATCH, slot, lit.name, None)  # one tuple shared by every word of the set
                lits.extend((word.encode(), target) for word in lit.words)
        self._targets: list[_Target] = [t for _, _, t in main]
        # Identical expressions (one recognizer following another's pattern, e.g. names looking for the
        # name before an e-mail address) are compiled once; their hits go to every target.
        first: dict[tuple[bytes, int], int] = {}
        self._dups: dict[int, list[int]] = {}
        for i, (expr, f, _) in enumerate(main):
            j = first.setdefault((expr, f), i)
            if j != i:
                self._dups.setdefault(j, []).append(i)
        unique = sorted(first.values())
        #: Pattern ids scanned without start tracking: Hyperscan reports 0 as their start; we pass -1.
        self._no_som = [not f & som for _, f, _ in main] + [False] * len(lits)
        self._gated_targets: list[_Target] = [t for _, _, t in gated]
        self._lit_base = len(self._targets)
        self._targets.extend(t for _, t in lits)
        self._lit_lens = [len(w) for w, _ in lits]
        #: literals that end in a word character (not those that carry their boundary, like "Ana ")
        self._lit_open = [w[-1] in _WORDISH for w, _ in lits]
        # Per pattern id: its kind, recognizer slot and what its recognizer is handed (a batch recognizer
        # the pattern's name, another the Pattern); as lists, and as arrays for vectorised grouping.
        self._kinds = [t[0] for t in self._targets]
        self._slots = [t[1] for t in self._targets]
        self._infos: list[Any] = [t[2] if t[0] == _BATCH else t[3] for t in self._targets]
        self._kind_of = np.array(self._kinds, dtype=np.int64)
        self._slot_of = np.array(self._slots, dtype=np.int64)
        self._info_arr = np.empty(len(self._infos), dtype=object)
        self._info_arr[:] = self._infos
        self._no_som_arr = np.array(self._no_som, dtype=bool)
        self._lit_open_arr = np.array(self._lit_open, dtype=bool)
        self._lit_len_arr = np.array(self._lit_lens, dtype=np.int64)
        self._batch_slot = [hasattr(rec, "collect") for rec in self._recs]
        # Hyperscan compiles without holding the GIL: the three databases are built side by side.
        jobs = {
            "main": (tuple(main[i][0] for i in unique), tuple(main[i][1] for i in unique), False, tuple(unique)),
            "gated": (tuple(e for e, _, _ in gated), tuple(f for _, f, _ in gated), False, None),
            "lit": (tuple(e for e, _ in lits), tuple(0 for _ in lits), True, None),
        }
        jobs = {k: v for k, v in jobs.items() if v[0]}
        with ThreadPoolExecutor(max_workers=len(jobs) or 1) as pool:
            built = {k: pool.submit(_compile, *v) for k, v in jobs.items()}
            dbs = {k: f.result() for k, f in built.items()}
        self._db = dbs.get("main")
        self._gated_db = dbs.get("gated")
        self._lit_db = dbs.get("lit")
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

    def scan(self, text: str, view: Utf8Text | None = None, clock: Clock | None = None) -> list[Entity]:
        """Entities of every scanned recognizer in `text` (overlaps not resolved). `clock`, when given,
        collects seconds per stage (a benchmarking aid; see `Engine.stage_times`)."""
        if not text or (self._db is None and self._lit_db is None):
            return []
        t = perf_counter() if clock is not None else 0.0
        view = view or Utf8Text(text)
        data = view.data
        hits: list[int] = []  # flat: pattern id, start, end, ...
        ext = hits.extend

        def on_match(pid: int, start: int, end: int, _flags: int, _ctx: object) -> None:
            ext((pid, start, end))

        if self._db is not None:
            self._db.scan(data, match_event_handler=on_match, scratch=self._scratch("main", self._db))
        if clock is not None:
            t = _lap(clock, "hyperscan: main database", t)
        many = len(data) >= _BIG_TEXT
        lit_ends: list[int] = []  # flat: literal id, end, ... (long texts: checked all at once)
        if self._lit_db is not None:
            if many:
                lext = lit_ends.extend

                def on_literal(pid: int, _start: int, end: int, _flags: int, _ctx: object) -> None:
                    lext((pid, end))
            else:
                base, lens, is_open, n, wordish = self._lit_base, self._lit_lens, self._lit_open, len(data), _WORDISH

                def on_literal(pid: int, _start: int, end: int, _flags: int, _ctx: object) -> None:
                    # Gazetteer words are whole words: "Mari" inside "Martin" is dropped here. A literal's
                    # start is its end minus its length.
                    if is_open[pid] and end < n and data[end] in wordish:
                        return
                    ext((pid + base, end - lens[pid], end))

            self._lit_db.scan(data, match_event_handler=on_literal, scratch=self._scratch("lit", self._lit_db))
            if clock is not None:
                t = _lap(clock, "hyperscan: gazetteer literals", t)
        if not hits and not lit_ends:
            return []
        if many:
            buckets, triggers = self._group_many(view, hits, lit_ends)
        else:
            buckets, triggers = self._group_few(view, hits)
        if clock is not None:
            t = _lap(clock, "group hits by recognizer", t)
        if triggers:
            self._scan_windows(view, triggers, buckets)
            if clock is not None:
                t = _lap(clock, "hyperscan: context windows", t)
        return self._judge(text, buckets, clock)

    def _group_few(self, view: Utf8Text, hits: list[int]) -> tuple[dict[int, list[Any]], list[tuple[int, int, int]]]:
        """Hits per recognizer slot, in characters (plain Python: few hits). A batch recognizer's items
        are `(start, end, pattern name)`, another's `(pattern, start, end)` with start -1 where the
        pattern was scanned without start tracking."""
        infos, slots, kinds, no_som = self._infos, self._slots, self._kinds, self._no_som
        conv = None if view.ascii else view.char_offset
        buckets: dict[int, list[Any]] = {}
        triggers: list[tuple[int, int, int]] = []
        if self._dups:
            hits = self._fan_out(hits)
        for i in range(0, len(hits), 3):
            pid, s, e = hits[i], hits[i + 1], hits[i + 2]
            kind = kinds[pid]
            if kind == _TRIGGER:
                triggers.append((pid, s, e))  # byte offsets: windows are scanned in bytes
                continue
            if no_som[pid]:
                s = -1
            elif conv is not None:
                s = conv(s)
            if conv is not None:
                e = conv(e)
            item = (s, e, infos[pid]) if kind == _BATCH else (infos[pid], s, e)
            b = buckets.get(slots[pid])
            if b is None:
                buckets[slots[pid]] = [item]
            else:
                b.append(item)
        return buckets, triggers

    def _group_many(self, view: Utf8Text, hits: list[int], lit_ends: list[int]
                    ) -> tuple[dict[int, Any], list[tuple[int, int, int]]]:
        """The same as `_group_few`, vectorised for long texts: gazetteer words checked for word
        boundaries, offsets converted and hits sorted by recognizer all at once. A batch recognizer gets
        its items as an iterator."""
        arr = np.array(hits, dtype=np.int64).reshape(-1, 3)
        copies = [arr]
        for key, others in self._dups.items():
            shared = arr[arr[:, 0] == key]
            for other in others:
                copy = shared.copy()
                copy[:, 0] = other
                copies.append(copy)
        if lit_ends:
            lits = np.array(lit_ends, dtype=np.int64).reshape(-1, 2)
            lpid, lend = lits[:, 0], lits[:, 1]
            n = len(view.data)
            nxt = np.frombuffer(view.data, dtype=np.uint8)[np.minimum(lend, n - 1)]
            # "Mari" inside "Martin" is no hit: a word that ends in a letter must not run on.
            inside = self._lit_open_arr[lpid] & (lend < n) & _WORDISH_TABLE[nxt]
            lpid, lend = lpid[~inside], lend[~inside]
            copies.append(np.stack([lpid + self._lit_base, lend - self._lit_len_arr[lpid], lend], axis=1))
        if len(copies) > 1:
            arr = np.concatenate(copies)
        pids = arr[:, 0]
        trig = self._kind_of[pids] == _TRIGGER
        triggers: list[tuple[int, int, int]] = []
        if trig.any():
            triggers = [(p, s, e) for p, s, e in arr[trig].tolist()]
            arr = arr[~trig]
            pids = arr[:, 0]
        offs = view.char_offsets(arr[:, 1:])
        starts = np.where(self._no_som_arr[pids], -1, offs[:, 0])
        slots = self._slot_of[pids]
        order = np.argsort(slots, kind="stable")
        slots = slots[order]
        cuts = [0, *(np.flatnonzero(np.diff(slots)) + 1).tolist(), len(slots)]
        info_all = self._info_arr[pids[order]].tolist()
        s_all = starts[order].tolist()
        e_all = offs[order, 1].tolist()
        batch = self._batch_slot
        buckets: dict[int, Any] = {}
        for lo, hi in zip(cuts[:-1], cuts[1:], strict=True):
            slot = int(slots[lo])
            if batch[slot]:
                buckets[slot] = zip(s_all[lo:hi], e_all[lo:hi], info_all[lo:hi], strict=True)
            else:
                buckets[slot] = list(zip(info_all[lo:hi], s_all[lo:hi], e_all[lo:hi], strict=True))
        return buckets, triggers

    def _fan_out(self, hits: list[int]) -> list[int]:
        """The hits of shared expressions, once per target (flat pattern id, start, end triples)."""
        dups = self._dups
        out = list(hits)
        for i in range(0, len(hits), 3):
            for other in dups.get(hits[i], ()):
                out.extend((other, hits[i + 1], hits[i + 2]))
        return out

    def _scan_windows(self, view: Utf8Text, triggers: list[tuple[int, int, int]], buckets: dict[int, Any]) -> None:
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
            if merged and lo <= merged[-1][1] + _WINDOW_GAP:  # one scan call for windows close together
                plo, phi, gates = merged[-1]
                gates.add(gate)
                merged[-1] = (plo, max(phi, hi), gates)
            else:
                merged.append((lo, hi, {gate}))
        assert self._gated_db is not None
        scratch = self._scratch("gated", self._gated_db)
        gtargets = self._gated_targets
        found: list[tuple[int, int, int]] = []
        conv = view.char_offset

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
                buckets.setdefault(t[1], []).append((t[3], conv(s + lo), conv(e + lo)))

    def _judge(self, text: str, buckets: dict[int, Any], clock: Clock | None = None) -> list[Entity]:
        out: list[Entity] = []
        thr = self.threshold
        for slot, cands in buckets.items():
            rec = self._recs[slot]
            t = perf_counter() if clock is not None else 0.0
            if self._batch_slot[slot]:
                out.extend(rec.collect(text, cands, thr))
            else:
                self._finalize_all(text, rec, cands, out)
            if clock is not None:
                _lap(clock, f"judge: {rec.name}", t)
        return out

    def _finalize_all(self, text: str, rec: Any, cands: list[tuple[Pattern, int, int]], out: list[Entity]) -> None:
        """A pattern recognizer's candidates, one `finalize` each (several ends of one start: longest first)."""
        thr = self.threshold
        finalize = rec.finalize
        if len(cands) == 1:
            pat, s, e = cands[0]
            if s < 0:
                s = pat.start(text, e) if pat.start is not None else -1
                if s < 0:
                    return
            ent = finalize(text, s, e, pat, thr)
            if ent is not None:
                out.append(ent)
            return
        ends: dict[tuple[int, int], tuple[Pattern, list[int]]] = {}
        for pat, s, e in cands:
            if s < 0:
                s = pat.start(text, e) if pat.start is not None else -1
                if s < 0:
                    continue
            key = (id(pat), s)
            group = ends.get(key)
            if group is None:
                ends[key] = (pat, [e])
            else:
                group[1].append(e)
        for (_, start), (pat, bends) in ends.items():
            if len(bends) > 1:
                bends.sort(reverse=True)
            for end in bends[:_MAX_ENDS_TRIED]:
                ent = finalize(text, start, end, pat, thr)
                if ent is not None:
                    out.append(ent)
                    break
