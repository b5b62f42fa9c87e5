"""CSV and TSV: one segment per file, one anchor per cell (row and column, 1-based, plus the header)."""

from __future__ import annotations

import csv
import io

from accord.govern.extract.base import decode_text
from accord.govern.types import Extracted, Segment, Where

csv.field_size_limit(16 * 1024 * 1024)


_DELIMITERS = ",;\t|"


class _Sniffer(csv.Sniffer):
    """`csv.Sniffer` with a cheaper delimiter vote, same answers.

    When no quoted field reveals the delimiter, the standard sniffer tallies, line by line, how often
    each of the 127 ASCII characters occurs, then keeps only candidates from `delimiters`. Only those
    candidates' tallies can decide the outcome, so this tallies just them, in the same order and with
    the same arithmetic (tests/govern/test_extract.py compares both on generated samples).
    """

    def _guess_delimiter(self, data: str, delimiters: str | None) -> tuple[str, bool | int]:
        if delimiters is None:
            return super()._guess_delimiter(data, delimiters)  # type: ignore[misc]
        lines = [line for line in data.split("\n") if line]
        candidates = [ch for ch in map(chr, range(127)) if ch in delimiters]
        chunk = min(10, len(lines))
        tallies: dict[str, dict[int, int]] = {ch: {} for ch in candidates}
        modes: dict[str, tuple[int, int]] = {}
        chosen: dict[str, tuple[int, int]] = {}
        start, end, rounds = 0, chunk, 0
        while start < len(lines):
            rounds += 1
            for line in lines[start:end]:
                for ch in candidates:
                    n = line.count(ch)
                    tally = tallies[ch]
                    tally[n] = tally.get(n, 0) + 1
            for ch, tally in tallies.items():
                if len(tally) == 1 and 0 in tally:
                    continue  # never seen
                freq, times = max(tally.items(), key=lambda kv: kv[1])  # the first of equal counts wins
                # The mode's count less every other frequency's count: how consistently it holds.
                modes[ch] = (freq, times - (sum(tally.values()) - times))
            total = float(min(chunk * rounds, len(lines)))
            consistency = 1.0
            while not chosen and consistency >= 0.9:
                for ch, (freq, times) in modes.items():
                    if freq > 0 and times > 0 and times / total >= consistency:
                        chosen[ch] = (freq, times)
                consistency -= 0.01
            if len(chosen) == 1:
                (delim,) = chosen
                return delim, lines[0].count(delim) == lines[0].count(delim + " ")
            if len(chosen) > 1:
                break  # settled: later rounds can no longer change the candidates
            start, end = end, end + chunk
        if not chosen:
            return "", 0
        for d in self.preferred:
            if d in chosen:
                return d, lines[0].count(d) == lines[0].count(d + " ")
        delim = max((v, k) for k, v in chosen.items())[1]
        return delim, lines[0].count(delim) == lines[0].count(delim + " ")


def sniff_dialect(text: str, name: str) -> type[csv.Dialect] | csv.Dialect:
    if name.lower().endswith(".tsv"):
        return csv.excel_tab
    try:
        return _Sniffer().sniff(text[:8192], delimiters=_DELIMITERS)
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
