"""The analysis-engine protocol: a place to run the same SQL over log files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from accord.discover.engine.dialect import Dialect

#: Columns of the normalised events file the Python parsers write (TSV, `\\N` for NULL).
TSV_COLUMNS: tuple[tuple[str, str], ...] = (
    ("ts", "DOUBLE"),
    ("usr", "VARCHAR"),
    ("device", "VARCHAR"),
    ("host", "VARCHAR"),
    ("dest_ip", "VARCHAR"),
    ("bytes_out", "BIGINT"),
    ("bytes_in", "BIGINT"),
    ("kind", "VARCHAR"),
    ("answers", "VARCHAR"),
)


class AnalysisEngine(Protocol):
    name: str
    dialect: Dialect

    def can_read_natively(self, path: Path, compression: str | None) -> bool:
        """Whether `add_lines` can read this file itself (else the Python parsers do)."""
        ...

    def add_lines(self, view: str, path: Path, compression: str | None) -> None:
        """Register `view` with one VARCHAR column `line`: the file's lines."""
        ...

    def add_events(self, view: str, path: Path) -> None:
        """Register `view` over a normalised events TSV (TSV_COLUMNS)."""
        ...

    def materialize(self, name: str, sql: str) -> None: ...

    def query(self, sql: str) -> list[tuple[Any, ...]]: ...

    def load_rows(self, name: str, columns: Sequence[tuple[str, str]], rows: Sequence[tuple[Any, ...]]) -> None: ...

    def close(self) -> None: ...
