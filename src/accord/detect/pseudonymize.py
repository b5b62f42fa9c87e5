"""Reversible pseudonymisation: stable placeholders per request, restored in text and in streams.

The mapping lives only in this object, i.e. in memory for one request (or one corpus run).

Placeholders are `<TYPE_N>`: N counts distinct values per type, so the same value always gets the same
placeholder within one Pseudonymizer. Only placeholders written exactly as issued are restored: a model
that echoes `<email_address_1>` or `< EMAIL_ADDRESS_1 >` gets that text back unchanged (guessing would
risk putting a value where the model did not mean it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from accord.detect.types import Entity

# Placeholders look like <EMAIL_ADDRESS_1>. Type names are upper-case words joined by underscores.
_PLACEHOLDER = re.compile(r"<([A-Z][A-Z0-9_]*?)_(\d+)>")


class Pseudonymizer:
    def __init__(self) -> None:
        self._by_value: dict[tuple[str, str], str] = {}
        self.mapping: dict[str, str] = {}  # placeholder -> original value
        self._counters: dict[str, int] = {}
        self.max_placeholder_len = 0
        #: Every proper prefix of every placeholder: what a stream may have to hold back.
        self._prefixes: set[str] = set()

    def placeholder_for(self, entity_type: str, value: str) -> str:
        key = (entity_type, value)
        ph = self._by_value.get(key)
        if ph is None:
            n = self._counters.get(entity_type, 0) + 1
            self._counters[entity_type] = n
            ph = f"<{entity_type}_{n}>"
            self._by_value[key] = ph
            self.mapping[ph] = value
            self.max_placeholder_len = max(self.max_placeholder_len, len(ph))
            self._prefixes.update(ph[:i] for i in range(1, len(ph)))
        return ph

    def could_start(self, tail: str) -> bool:
        """True if `tail` is the beginning of an issued placeholder (so more text may complete it)."""
        return tail in self._prefixes

    def mask(self, text: str, entities: Sequence[Entity]) -> str:
        """Replace each entity (non-overlapping, any order) with its placeholder."""
        parts: list[str] = []
        pos = 0
        for e in sorted(entities, key=lambda e: e.start):
            if e.start < pos:
                continue
            parts.append(text[pos : e.start])
            parts.append(self.placeholder_for(e.type, text[e.start : e.end]))
            pos = e.end
        parts.append(text[pos:])
        return "".join(parts)

    def restore(self, text: str) -> str:
        if not self.mapping or "<" not in text:
            return text
        return _PLACEHOLDER.sub(lambda m: self.mapping.get(m.group(0), m.group(0)), text)

    def stream_restorer(self) -> StreamRestorer:
        return StreamRestorer(self)


class StreamRestorer:
    """Restores placeholders in a stream of chunks, even when one is split across chunks.

    Holds back at most the longest placeholder issued (minus one character): only a trailing
    fragment that could still grow into a known placeholder is kept for the next chunk.
    """

    def __init__(self, pseudonymizer: Pseudonymizer) -> None:
        self._p = pseudonymizer
        self._pending = ""

    def feed(self, chunk: str) -> str:
        text = self._pending + chunk
        self._pending = ""
        if not self._p.mapping:
            return text
        # Only the text after the last '<' can be an unfinished placeholder ('<' never occurs inside one).
        cut = text.rfind("<", max(0, len(text) - self._p.max_placeholder_len))
        if cut != -1 and self._p.could_start(text[cut:]):
            self._pending = text[cut:]
            text = text[:cut]
        return self._p.restore(text)

    @property
    def pending(self) -> int:
        """Characters held back right now (always fewer than the longest placeholder issued)."""
        return len(self._pending)

    def flush(self) -> str:
        rest, self._pending = self._pending, ""
        return self._p.restore(rest)
