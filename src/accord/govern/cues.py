"""Topic cues found in one pass: every cue of every topic compiled into one Hyperscan database.

Each cue is reported once per text (its first occurrence on word boundaries), whatever the number of
its occurrences, so bulk text costs one C-level scan plus a callback per distinct cue found. Matching
is ASCII case-insensitive; a cue's neighbours must not be letters or digits (`str.isalnum`, so "é" is a
letter too). The database checks ASCII neighbours itself; a hit next to a non-ASCII character is
checked in Python, and if that neighbour is a letter the later occurrences are searched in Python
(rare: a cue glued to an accented letter).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass

import hyperscan

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_ALNUM = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")


@dataclass(frozen=True, slots=True)
class Cue:
    category: str
    cue: str
    strong: bool


@dataclass(frozen=True, slots=True)
class CueHit:
    """The first word-bounded occurrence of one cue: `text[start:end]`, and every topic entry it stands for."""

    start: int
    end: int
    entries: tuple[Cue, ...]


class CueMatcher:
    """Built once per process; `find` is then thread-safe (one Hyperscan scratch per thread)."""

    def __init__(self, cues: Iterable[Cue]) -> None:
        by_key: dict[str, list[Cue]] = {}
        for c in cues:
            by_key.setdefault(c.cue.translate(_ASCII_LOWER), []).append(c)
        self._keys = list(by_key)
        self._entries = [tuple(by_key[k]) for k in self._keys]
        self._local = threading.local()
        self._db: hyperscan.Database | None = None
        if self._keys:
            exprs = [rf"(?:^|[^A-Za-z0-9]){re.escape(k)}(?:[^A-Za-z0-9]|$)".encode() for k in self._keys]
            flags = hyperscan.HS_FLAG_CASELESS | hyperscan.HS_FLAG_SINGLEMATCH
            self._db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
            self._db.compile(
                expressions=exprs,
                ids=list(range(len(exprs))),
                elements=len(exprs),
                flags=[flags] * len(exprs),
            )

    def find(self, text: str) -> list[CueHit]:
        """The first word-bounded occurrence of each cue in `text`, ordered by end offset (then longest
        first), with offsets in characters of `text`."""
        if self._db is None or not text:
            return []
        ascii_only = text.isascii()
        data = text.encode("ascii") if ascii_only else text.encode("utf-8", "surrogatepass")
        found: list[tuple[int, int]] = []  # (byte start, pattern id)

        def on_match(pid: int, _from: int, to: int, _flags: int, _ctx: object) -> None:
            # The match may include one neighbour on each side; the key's last character is alphanumeric,
            # so the match ends with the key when its last byte is one.
            end = to if data[to - 1] in _ALNUM else to - 1
            found.append((end - len(self._keys[pid]), pid))

        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = hyperscan.Scratch(self._db)
        self._db.scan(data, match_event_handler=on_match, scratch=scratch)
        if not found:
            return []
        found.sort()
        hits: list[CueHit] = []
        lowered: str | None = None
        char = byte = 0
        for bstart, pid in found:
            key = self._keys[pid]
            if ascii_only:
                start = bstart
            else:
                char += len(data[byte:bstart].decode("utf-8", "surrogatepass"))
                byte, start = bstart, char
            end = start + len(key)
            if not ascii_only and not _bounded(text, start, end):
                if lowered is None:
                    lowered = text.translate(_ASCII_LOWER)
                later = _next_bounded(lowered, key, start + 1)
                if later is None:
                    continue
                start, end = later, later + len(key)
            hits.append(CueHit(start, end, self._entries[pid]))
        hits.sort(key=lambda h: (h.end, h.start))
        return hits


def _bounded(text: str, start: int, end: int) -> bool:
    return not (start > 0 and text[start - 1].isalnum()) and not (end < len(text) and text[end].isalnum())


def _next_bounded(lowered: str, key: str, pos: int) -> int | None:
    i = lowered.find(key, pos)
    while i != -1:
        if _bounded(lowered, i, i + len(key)):
            return i
        i = lowered.find(key, i + 1)
    return None
