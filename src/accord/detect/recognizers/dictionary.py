"""Custom dictionaries: a tenant's terms matched with Aho-Corasick, on word boundaries.

All dictionaries share two automatons (case-sensitive and case-insensitive), so matching costs one pass
over the text whatever the number of terms.
"""

from __future__ import annotations

from collections.abc import Sequence

import ahocorasick

from accord.detect.config import DictionaryConfig
from accord.detect.types import Entity


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class DictionaryRecognizer:
    name = "dictionary"

    def __init__(self, dictionaries: Sequence[DictionaryConfig]) -> None:
        self.dictionaries = tuple(dictionaries)
        self.entities = tuple(sorted({d.type for d in self.dictionaries}))
        self._exact = ahocorasick.Automaton()
        self._folded = ahocorasick.Automaton()
        for d in self.dictionaries:
            for term in d.terms:
                auto, key = (self._exact, term) if d.case_sensitive else (self._folded, term.lower())
                existing = auto.get(key, ())
                auto.add_word(key, (*existing, (len(key), d.type, d.name, d.score)))
        for auto in (self._exact, self._folded):
            if len(auto):
                auto.make_automaton()

    def analyze(self, text: str) -> list[Entity]:
        out: list[Entity] = []
        if len(self._exact):
            self._scan(self._exact, text, text, out)
        if len(self._folded):
            folded = text.lower()
            if len(folded) == len(text):  # lower() can change length for a few letters (e.g. 'İ')
                self._scan(self._folded, folded, text, out)
            else:
                folded = "".join(ch.lower()[:1] or ch for ch in text)
                self._scan(self._folded, folded, text, out)
        return out

    def _scan(self, auto: ahocorasick.Automaton, hay: str, text: str, out: list[Entity]) -> None:
        n = len(text)
        for end_idx, entries in auto.iter(hay):
            for length, etype, kind, score in entries:
                start, end = end_idx - length + 1, end_idx + 1
                if (start > 0 and _word_char(text[start - 1])) or (end < n and _word_char(text[end])):
                    continue
                out.append(Entity(etype, start, end, score, kind, self.name))
