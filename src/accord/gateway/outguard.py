"""Output guard: restore placeholders and scan model output *before* it reaches the caller.

One `TextGuard` per text stream (a choice's content, a tool call's arguments). Text goes in with
`feed`; `release` returns what is safe to send now. It holds back

* while output scanning is on, the tail that may still be part of an entity split across chunks, so
  it is seen whole before any of it is released (an entity longer than the window can leak its head).
  What that tail is depends on the entity types the policy acts on in output (`hold_mode`):
  `token` (the default policy: secrets, e-mails, URLs, IPs, leaked placeholders: none holds a space)
  holds only the run since the last whitespace, so time to first token grows by about one token;
  `digits` also holds space-separated digit groups (phone, card, IBAN, SSN); `window` (names,
  addresses, any type or category rule) holds the last `window` characters;
* a trailing fragment that may still grow into one of this request's placeholders (< the longest one).

Scanning sees the raw upstream text, where this request's own values still appear as placeholders:
the caller's own data is therefore never flagged, and restored only after the check. A placeholder
that is *not* from this request is reported as the pseudo-entity `PSEUDONYM` (a leaked pseudonym).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from accord.detect.types import Entity

_PLACEHOLDER = re.compile(r"<[A-Z][A-Z0-9_]*_\d+>")
#: Characters of already released text kept as left context for the scanner (word boundaries).
CONTEXT_CHARS = 32
DEFAULT_WINDOW = 64


class OutputViolation(Exception):
    """Output contained something the caller may not see; `safe` is what may still be sent."""

    def __init__(self, types: frozenset[str], safe: str, message: str | None = None) -> None:
        super().__init__(message or ", ".join(sorted(types)))
        self.types = types
        self.safe = safe
        self.message = message or f"the response was stopped: it contained {', '.join(sorted(types))}"


Scanner = Callable[[str], Sequence[Entity]]
#: entities found in output -> (action "allow" | "redact" | "block", types acted on, coaching message)
Judge = Callable[[list[Entity]], tuple[str, frozenset[str], str | None]]


#: Entity types whose values never contain whitespace.
TOKEN_TYPES = frozenset({"SECRET", "EMAIL_ADDRESS", "URL", "IP_ADDRESS", "PSEUDONYM", "CRYPTO"})
#: Types whose values are digit groups that may be separated by spaces ("+1 415 555 0100").
DIGIT_GROUP_TYPES = frozenset({"PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "US_BANK_NUMBER", "UK_NHS"})
_SPACE = frozenset(" \t\r\n")
_DIGIT_GROUP_CHARS = frozenset("0123456789 -.()+/")


def hold_mode(watched: frozenset[str]) -> str:
    """How much streamed output to hold back, from the entity types output rules act on ("*": any)."""
    if watched <= TOKEN_TYPES:
        return "token"
    if watched <= TOKEN_TYPES | DIGIT_GROUP_TYPES:
        return "digits"
    return "window"


class OutputPolicy:
    """What to look for in output: the scanner, the judge (policy), and the hold-back window."""

    __slots__ = ("judge", "mode", "scan", "window")

    def __init__(self, scan: Scanner, judge: Judge, window: int = DEFAULT_WINDOW, mode: str = "window") -> None:
        self.scan, self.judge, self.window, self.mode = scan, judge, window, mode

    def hold_from(self, buf: str) -> int:
        """Index in `buf` from which text may still be part of a growing entity (kept unreleased)."""
        floor = max(0, len(buf) - self.window)
        if self.mode == "window":
            return floor
        i = len(buf)
        while i > floor and buf[i - 1] not in _SPACE:
            i -= 1
        if i == floor or self.mode == "token":
            return i  # no whitespace within the window: hold the whole window (as `window` mode)
        # digits: extend over space-separated digit groups that end right before the open run.
        j = i
        while j > floor and buf[j - 1] in _DIGIT_GROUP_CHARS:
            j -= 1
        return j if any(c.isdigit() for c in buf[j:i]) else i


class TextGuard:
    __slots__ = ("_ctx", "_mapping", "_maxph", "_policy", "_raw", "findings")

    def __init__(self, mapping: dict[str, str] | None, policy: OutputPolicy | None) -> None:
        self._mapping = mapping or {}
        self._maxph = max((len(p) for p in self._mapping), default=0)
        self._policy = policy
        self._raw = ""
        self._ctx = ""
        #: entity type -> count of what the output scan found (for the audit event)
        self.findings: dict[str, int] = {}

    @property
    def passthrough(self) -> bool:
        return self._policy is None and not self._mapping

    def feed(self, text: str) -> None:
        if text:
            self._raw += text

    def restore(self, text: str) -> str:
        if not self._mapping or "<" not in text:
            return text
        m = self._mapping
        return _PLACEHOLDER.sub(lambda x: m.get(x.group(0), x.group(0)), text)

    def release(self, final: bool = False) -> str:
        buf = self._raw
        if not buf:
            return ""
        pol = self._policy
        hold = len(buf)
        if pol is not None:
            buf, hold = self._check(buf, final, pol)
        cut = len(buf)
        if not final:
            if pol is not None:
                cut = min(hold, pol.hold_from(buf))
            if self._maxph:
                cut = self._placeholder_safe_cut(buf, cut)
        out, self._raw = buf[:cut], buf[cut:]
        if out:
            self._ctx = (self._ctx + out)[-CONTEXT_CHARS:]
        return self.restore(out)

    def _placeholder_safe_cut(self, buf: str, cut: int) -> int:
        """Move `cut` back so that it never splits a placeholder of ours."""
        lt = buf.rfind("<", max(0, cut - self._maxph), cut)
        if lt == -1 or buf.find(">", lt, cut) != -1:
            return cut
        # The fragment from `lt` may still become a placeholder only if some placeholder starts with
        # it (or it is already longer than any, in which case it cannot).
        frag = buf[lt:cut]
        if any(ph.startswith(frag) or frag.startswith(ph[: len(frag)]) for ph in self._mapping):
            return lt
        return cut

    def _check(self, buf: str, final: bool, pol: OutputPolicy) -> tuple[str, int]:
        """Scan context + buffer. Block: raise. Redact: mask hidden entities; returns the new buffer
        and the index from which nothing may be released yet (an entity still growing at the end)."""
        text = self._ctx + buf
        offset = len(self._ctx)
        entities = [e for e in pol.scan(text) if e.end > offset]
        if "<" in buf:
            entities += [
                Entity("PSEUDONYM", m.start(), m.end(), 1.0, None, "placeholder")
                for m in _PLACEHOLDER.finditer(text)
                if m.end() > offset and m.group(0) not in self._mapping
            ]
        if not entities:
            return buf, len(buf)
        action, acted, message = pol.judge(entities)
        if action == "allow":
            return buf, len(buf)
        bad = sorted((e for e in entities if e.type in acted), key=lambda e: e.start)
        if not bad and action == "block":
            bad = sorted(entities, key=lambda e: e.start)
        if not bad:
            return buf, len(buf)
        if action == "block":
            for e in bad:
                self.findings[e.type] = self.findings.get(e.type, 0) + 1
            start = max(0, bad[0].start - offset)
            raise OutputViolation(frozenset(e.type for e in bad), self.restore(buf[:start]), message)
        parts: list[str] = []
        pos = 0
        for e in bad:
            s = max(e.start - offset, pos)
            if not final and e.end >= len(text):
                # Still growing: keep it unreleased so that the next scan sees it whole.
                parts.append(buf[pos:s])
                hold = sum(len(p) for p in parts)
                return "".join(parts) + buf[s:], hold
            parts.append(buf[pos:s])
            parts.append(f"[{e.type}]")
            self.findings[e.type] = self.findings.get(e.type, 0) + 1
            pos = max(pos, e.end - offset)
        parts.append(buf[pos:])
        out = "".join(parts)
        return out, len(out)
