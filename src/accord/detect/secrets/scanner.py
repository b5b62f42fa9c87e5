"""One Hyperscan database for a set of rules; Python `re` confirms only around its hits.

Scanning a text costs one Hyperscan pass over its UTF-8 bytes. Each hit is a (rule, start, end)
in bytes, converted to string indices; the rule's full pattern (with lookarounds) is then tried
anchored at each distinct start (window rules: searched in a window around the hit; single-match
rules: searched from the first hit on). A text without candidates never touches Python regexes.
"""

from __future__ import annotations

import bisect
import logging
import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import hyperscan

from accord.detect.secrets.hspattern import (
    context_prefix,
    keyword_expression,
    strip_lookarounds,
    utf8_escape,
    widen_repeats,
)
from accord.detect.secrets.rule import SecretRule

log = logging.getLogger(__name__)

PY_FLAGS = re.ASCII | re.MULTILINE
HS_FLAGS = hyperscan.HS_FLAG_SOM_LEFTMOST | hyperscan.HS_FLAG_MULTILINE
#: Characters past a Hyperscan end that a lookahead may need to inspect.
_LOOKAHEAD_MARGIN = 8
#: Cap on a region's length past its hit (unbounded patterns); keeps confirmation linear.
_MAX_REACH = 20_000


class RuleCompileError(ValueError):
    """A rule's pattern is rejected by Python `re` or by Hyperscan; the message names the rule."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A confirmed pattern match, before suppression checks."""

    rule: SecretRule
    match: re.Match[str]
    start: int
    end: int
    value: str
    key: str
    #: Name of the regex group holding the value (`secret_u` marks an unquoted value).
    group: str


def _hs_expression(rule: SecretRule) -> tuple[str, bool]:
    """The pre-filter expression for a rule, and whether it is compiled single-match."""
    if rule.hs_pattern is not None:
        expr = strip_lookarounds(rule.hs_pattern)
    elif rule.window is not None:
        expr = keyword_expression(rule.keywords)
    else:
        expr = context_prefix(strip_lookarounds(rule.pattern))
    return widen_repeats(utf8_escape(expr))


def _compile_db(expressions: Sequence[bytes], flags: Sequence[int]) -> hyperscan.Database:
    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    db.compile(
        expressions=list(expressions),
        ids=list(range(len(expressions))),
        elements=len(expressions),
        flags=list(flags),
    )
    return db


class CompiledRules:
    """Rules compiled once (Hyperscan database + Python regexes); `scan` is thread-safe."""

    def __init__(self, rules: Sequence[SecretRule]) -> None:
        self.rules: tuple[SecretRule, ...] = tuple(rules)
        self._regexes: list[re.Pattern[str]] = []
        #: Rules whose pre-filter reports only the first candidate; Python scans on from there.
        self._single: list[bool] = []
        exprs: list[bytes] = []
        for rule in self.rules:
            try:
                self._regexes.append(re.compile(rule.pattern, PY_FLAGS))
                expr, single = _hs_expression(rule)
                exprs.append(expr.encode("ascii"))
                self._single.append(single)
            except (re.error, ValueError, UnicodeEncodeError) as exc:
                raise RuleCompileError(f"secret rule {rule.id!r}: invalid pattern: {exc}") from exc
        # Single-match cannot track start offsets: such a rule's region starts at most its
        # pattern's maximum width before the first reported end.
        flags = [hyperscan.HS_FLAG_SINGLEMATCH | hyperscan.HS_FLAG_MULTILINE if s else HS_FLAGS for s in self._single]
        #: How far past a pre-filter hit's start the full pattern can reach.
        self._reach = [min(_max_width(rx), _MAX_REACH) for rx in self._regexes]
        self._db: hyperscan.Database | None = None
        if exprs:
            try:
                self._db = _compile_db(exprs, flags)
            except hyperscan.error:
                self._raise_culprit(exprs, flags)
        self._local = threading.local()

    def _raise_culprit(self, exprs: Sequence[bytes], flags: Sequence[int]) -> None:
        for rule, expr, flag in zip(self.rules, exprs, flags, strict=True):
            try:
                _compile_db([expr], [flag])
            except hyperscan.error as exc:
                raise RuleCompileError(
                    f"secret rule {rule.id!r}: Hyperscan rejects {expr.decode()!r}: {exc}. "
                    "Use bounded repeats ([ \\t]{0,4} rather than \\s*) or set hs_pattern/window."
                ) from exc
        raise RuleCompileError("secret rules compile one by one but not together (database too large)")

    def _scratch(self) -> hyperscan.Scratch:
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = hyperscan.Scratch(self._db)
            self._local.scratch = scratch
        return scratch

    def _raw_hits(self, data: bytes) -> dict[int, list[tuple[int, int]]]:
        hits: dict[int, list[tuple[int, int]]] = {}

        def on_match(rule_id: int, start: int, end: int, flags: int, ctx: object) -> None:
            hits.setdefault(rule_id, []).append((start, end))

        assert self._db is not None
        self._db.scan(data, match_event_handler=on_match, scratch=self._scratch())
        return hits

    def scan(self, text: str) -> Iterator[Candidate]:
        """Every confirmed match of every rule (overlaps included), in rule order."""
        if self._db is None or not text:
            return
        ascii_only = text.isascii()
        data = text.encode("ascii") if ascii_only else text.encode("utf-8", "surrogatepass")
        hits = self._raw_hits(data)
        if not hits:
            return
        to_char = _identity if ascii_only else _ByteToChar(data)
        n = len(text)
        for rule_id in sorted(hits):
            rule, rx = self.rules[rule_id], self._regexes[rule_id]
            reach = self._reach[rule_id]
            if self._single[rule_id]:
                # Only the first end is known: search from the widest possible start to the end.
                first_end = to_char(hits[rule_id][0][1])
                yield from _finditer(rule, rx, text, max(0, first_end - reach - (rule.window or 0)), n)
            elif rule.window is not None:
                regions = [
                    (max(0, to_char(s) - rule.window), min(n, to_char(e) + rule.window)) for s, e in _merge(hits[rule_id])
                ]
                for start, end in _merge(regions):
                    yield from _finditer(rule, rx, text, start, end)
            else:
                # The pre-filter matches a prefix of the pattern from the same start, so the full
                # pattern is tried once, anchored, at each distinct start.
                for s in sorted({s for s, _ in hits[rule_id]}):
                    cs = to_char(s)
                    m = rx.match(text, cs, min(n, cs + reach + _LOOKAHEAD_MARGIN))
                    if m is not None:
                        yield _candidate(rule, m)


def _finditer(rule: SecretRule, rx: re.Pattern[str], text: str, start: int, end: int) -> Iterator[Candidate]:
    for m in rx.finditer(text, start, end):
        yield _candidate(rule, m)


def _max_width(rx: re.Pattern[str]) -> int:
    """Longest string the pattern can match (huge when unbounded)."""
    return int(re._parser.parse(rx.pattern, rx.flags).getwidth()[1])  # type: ignore[attr-defined]


_IDENT_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
_IDENT_BACK = 40


def _candidate(rule: SecretRule, m: re.Match[str]) -> Candidate:
    start, end, value = m.start(), m.end(), m.group(0)
    key, group = "", ""
    for name, idx in m.re.groupindex.items():
        got = m.group(idx)
        if got is None:
            continue
        if name.startswith("secret") and not group:
            start, end, value, group = m.start(idx), m.end(idx), got, name
            # A value inside an escaped string (`\\"key\\": \\"value\\"`) ends before `\\"`.
            while value.endswith("\\") and end < len(m.string) and m.string[end] in "\"'":
                value, end = value[:-1], end - 1
        elif name.startswith("key") and not key:
            # The pattern's key starts at the keyword: take in the rest of the identifier on its left.
            text, k = m.string, m.start(idx)
            stop = max(0, k - _IDENT_BACK)
            while k > stop and text[k - 1] in _IDENT_CHARS:
                k -= 1
            key = text[k : m.end(idx)]
    return Candidate(rule, m, start, end, value, key, group)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort()
    merged = [spans[0]]
    for s, e in spans[1:]:
        ls, le = merged[-1]
        if s <= le:
            if e > le:
                merged[-1] = (ls, e)
        else:
            merged.append((s, e))
    return merged


def _identity(offset: int) -> int:
    return offset


class _ByteToChar:
    """Maps UTF-8 byte offsets to str indices.

    Offsets are snapped back to the start of their character (a negated class can end a
    pre-filter match inside a multi-byte sequence) and answered from a cache that decodes
    only the bytes between consecutive requested offsets.
    """

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._known: dict[int, int] = {0: 0}
        self._sorted: list[int] = [0]

    def __call__(self, offset: int) -> int:
        data = self._data
        while 0 < offset < len(data) and data[offset] & 0xC0 == 0x80:
            offset -= 1
        known = self._known.get(offset)
        if known is not None:
            return known
        i = bisect.bisect_left(self._sorted, offset)
        base = self._sorted[i - 1]
        chars = self._known[base] + len(data[base:offset].decode("utf-8", "surrogatepass"))
        self._known[offset] = chars
        self._sorted.insert(i, offset)
        return chars
