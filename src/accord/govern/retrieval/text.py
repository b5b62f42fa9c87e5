"""Tokens and chunks for retrieval.

The tokenizer mirrors SQLite FTS5's `unicode61 remove_diacritics 2` closely enough to build safe
MATCH expressions: every query token is quoted, so query text can never inject FTS5 syntax.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from accord.govern.types import Segment, Where

_TOKEN = re.compile(r"[^\W_]+")
MAX_QUERY_TERMS = 32


def tokens(text: str) -> list[str]:
    if not text.isascii():
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return _TOKEN.findall(text.lower())


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH string: the query's distinct tokens, each quoted, OR-ed. None if no token."""
    seen: list[str] = []
    for t in tokens(query):
        if t not in seen:
            seen.append(t)
        if len(seen) >= MAX_QUERY_TERMS:
            break
    if not seen:
        return None
    return " OR ".join(f'"{t}"' for t in seen)


def chunk_segments(segments: Iterable[Segment], size: int) -> list[tuple[str, Where]]:
    """Split text into chunks of about `size` characters on paragraph, then sentence, then space boundaries."""
    out: list[tuple[str, Where]] = []
    for seg in segments:
        if seg.hidden or not seg.text.strip():
            continue
        buf: list[str] = []
        n = 0
        for para in _pieces(seg.text, size):
            if n and n + len(para) > size:
                out.append(("\n".join(buf), dict(seg.where)))
                buf, n = [], 0
            buf.append(para)
            n += len(para) + 1
        if buf:
            out.append(("\n".join(buf), dict(seg.where)))
    return out


def _pieces(text: str, size: int) -> Iterable[str]:
    for para in re.split(r"\n\s*\n|\n(?=\S)", text):
        para = para.strip()
        if not para:
            continue
        while len(para) > size:
            cut = max(para.rfind(". ", 0, size), para.rfind(" ", 0, size))
            cut = cut + 1 if cut > size // 3 else size
            yield para[:cut].strip()
            para = para[cut:].strip()
        if para:
            yield para
