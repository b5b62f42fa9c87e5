"""CSV and TSV: one segment per file, one anchor per cell (row and column, 1-based, plus the header)."""

from __future__ import annotations

import csv
import io

from accord.govern.extract.base import decode_text
from accord.govern.types import Extracted, Segment, Where

csv.field_size_limit(16 * 1024 * 1024)


def sniff_dialect(text: str, name: str) -> type[csv.Dialect] | csv.Dialect:
    if name.lower().endswith(".tsv"):
        return csv.excel_tab
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def table_segment(rows: list[list[str]] | csv._reader, base: Where) -> Segment:  # type: ignore[name-defined]
    """Cells joined by tabs and rows by newlines; anchors map each cell's offset to its location."""
    parts: list[str] = []
    anchors: list[tuple[int, Where]] = []
    pos = 0
    header: list[str] = []
    for r, row in enumerate(rows, 1):
        if r == 1:
            header = [h.strip()[:64] for h in row]
        for c, cell in enumerate(row, 1):
            where: Where = {"row": r, "col": c}
            if r > 1 and c <= len(header) and header[c - 1]:
                where["field"] = header[c - 1]
            anchors.append((pos, where))
            parts.append(cell)
            parts.append("\t")
            pos += len(cell) + 1
        parts.append("\n")
        pos += 1
    return Segment("".join(parts), dict(base), anchors)


class CsvExtractor:
    name = "csv"
    suffixes = (".csv", ".tsv")

    def extract(self, data: bytes, name: str) -> Extracted:
        text = decode_text(data)
        reader = csv.reader(io.StringIO(text, newline=""), sniff_dialect(text, name))
        try:
            segment = table_segment(reader, {})
        except csv.Error:
            # A malformed quote: still scan the content, as text.
            return Extracted(segments=[Segment(text)], meta={"note": "malformed CSV scanned as text"})
        return Extracted(segments=[segment])
