"""Plain text, Markdown and source code: the file's text is one segment; lines come from offsets."""

from __future__ import annotations

from accord.govern.extract.base import (
    UNSUPPORTED,
    ExtractError,
    decode_text,
    front_matter_label,
    looks_binary,
)
from accord.govern.types import Extracted, Segment


def _text(data: bytes, name: str) -> str:
    if looks_binary(data):
        raise ExtractError(UNSUPPORTED, f"{name}: binary content in a text file")
    return decode_text(data)


class TextExtractor:
    name = "text"
    suffixes = (".txt", ".md", ".markdown", ".rst", ".log", ".text")

    def extract(self, data: bytes, name: str) -> Extracted:
        text = _text(data, name)
        label = front_matter_label(text)
        return Extracted(segments=[Segment(text)], labels=[label] if label else [])


class CodeExtractor:
    """Source files: scanned as text and marked as source code (intellectual property)."""

    name = "code"
    suffixes = (
        ".py",
        ".js",
        ".ts",
        ".tsx",
        ".jsx",
        ".java",
        ".go",
        ".rs",
        ".c",
        ".h",
        ".cc",
        ".cpp",
        ".hpp",
        ".cs",
        ".rb",
        ".php",
        ".swift",
        ".kt",
        ".scala",
        ".sh",
        ".sql",
        ".r",
        ".m",
    )

    def extract(self, data: bytes, name: str) -> Extracted:
        return Extracted(segments=[Segment(_text(data, name))], meta={"source_code": True})
