"""JSON and JSON Lines: every scalar value becomes text anchored at its JSON pointer (and line)."""

from __future__ import annotations

from typing import Any

import orjson

from accord.govern.extract.base import decode_text
from accord.govern.types import Extracted, Segment, Where


def _pointer_escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.anchors: list[tuple[int, Where]] = []
        self.pos = 0

    def add(self, text: str, where: Where) -> None:
        self.anchors.append((self.pos, where))
        self.parts.append(text)
        self.parts.append("\n")
        self.pos += len(text) + 1

    def walk(self, value: Any, pointer: str, base: Where) -> None:
        # Iterative to survive deeply nested documents without hitting the recursion limit.
        stack: list[tuple[Any, str]] = [(value, pointer)]
        while stack:
            v, p = stack.pop()
            if isinstance(v, dict):
                for k in reversed(list(v)):
                    key = str(k)
                    # Keys can carry data too (a map keyed by e-mail address).
                    self.add(key, {**base, "key": p + "/" + _pointer_escape(key), "part": "key"})
                    stack.append((v[k], p + "/" + _pointer_escape(key)))
            elif isinstance(v, list):
                for i in range(len(v) - 1, -1, -1):
                    stack.append((v[i], f"{p}/{i}"))
            elif v is None or isinstance(v, bool):
                continue
            else:
                self.add(str(v), {**base, "key": p or "/"})

    def segment(self) -> Segment:
        return Segment("".join(self.parts), {}, self.anchors)


class JsonExtractor:
    name = "json"
    suffixes = (".json",)

    def extract(self, data: bytes, name: str) -> Extracted:
        try:
            doc = orjson.loads(data)
        except orjson.JSONDecodeError:
            return Extracted(
                segments=[Segment(decode_text(data))], meta={"note": "invalid JSON scanned as text"}
            )
        b = _Builder()
        b.walk(doc, "", {})
        return Extracted(segments=[b.segment()])


class JsonlExtractor:
    name = "jsonl"
    suffixes = (".jsonl", ".ndjson")

    def extract(self, data: bytes, name: str) -> Extracted:
        b = _Builder()
        bad = 0
        for lineno, raw in enumerate(data.splitlines(), 1):
            if not raw.strip():
                continue
            try:
                b.walk(orjson.loads(raw), "", {"line": lineno})
            except orjson.JSONDecodeError:
                bad += 1
                b.add(decode_text(raw), {"line": lineno})
        meta = {"note": f"{bad} invalid JSON lines scanned as text"} if bad else {}
        return Extracted(segments=[b.segment()], meta=meta)
