"""Extractors per file format, kept in a registry. Built-ins register exactly like a plugin would:

registry = ExtractorRegistry()
registry.register(MyFormatExtractor())      # anything with name, suffixes and extract(data, name)
"""

from __future__ import annotations

import os

from accord.govern.extract.base import (
    CORRUPT,
    ENCRYPTED,
    TOO_LARGE,
    UNREADABLE,
    UNSUPPORTED,
    ExtractError,
    Extractor,
    decode_text,
)
from accord.govern.extract.eml import EmlExtractor
from accord.govern.extract.html import HtmlExtractor
from accord.govern.extract.jsondoc import JsonExtractor, JsonlExtractor
from accord.govern.extract.office import DocxExtractor, PptxExtractor, XlsxExtractor
from accord.govern.extract.pdf import PdfExtractor
from accord.govern.extract.tabular import CsvExtractor
from accord.govern.extract.text import CodeExtractor, TextExtractor

__all__ = [
    "CORRUPT",
    "ENCRYPTED",
    "TOO_LARGE",
    "UNREADABLE",
    "UNSUPPORTED",
    "ExtractError",
    "Extractor",
    "ExtractorRegistry",
    "decode_text",
    "default_registry",
]


class ExtractorRegistry:
    def __init__(self) -> None:
        self._by_suffix: dict[str, Extractor] = {}

    def register(self, extractor: Extractor) -> None:
        for suffix in extractor.suffixes:
            self._by_suffix[suffix.lower()] = extractor

    def for_name(self, name: str) -> Extractor | None:
        # splitext is PurePath.suffix without building a path object (a tenth of the cost); they differ
        # only on a trailing dot, which is no registered suffix.
        return self._by_suffix.get(os.path.splitext(name)[1].lower())

    @property
    def suffixes(self) -> tuple[str, ...]:
        return tuple(sorted(self._by_suffix))


def default_registry() -> ExtractorRegistry:
    """Every built-in format."""
    registry = ExtractorRegistry()
    for extractor in (
        TextExtractor(),
        CodeExtractor(),
        CsvExtractor(),
        JsonExtractor(),
        JsonlExtractor(),
        HtmlExtractor(),
        PdfExtractor(),
        DocxExtractor(),
        XlsxExtractor(),
        PptxExtractor(),
        EmlExtractor(registry),
    ):
        registry.register(extractor)
    return registry
