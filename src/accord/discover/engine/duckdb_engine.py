"""DuckDB: the embedded default. Reads the big formats itself, in parallel, within a memory cap."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

from accord.discover.engine.base import TSV_COLUMNS
from accord.discover.engine.dialect import DuckDialect, lit
from accord.errors import InputError


def _columns(cols: Sequence[tuple[str, str]]) -> str:
    return "{" + ", ".join(f"{lit(n)}: {lit(t)}" for n, t in cols) + "}"


class DuckDBEngine:
    name = "duckdb"
    dialect = DuckDialect()

    def __init__(self, *, threads: int | None = None, memory_limit: str = "1GB", temp_dir: str | None = None) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="accord-duckdb-") if temp_dir is None else None
        spill = temp_dir or (self._tmp.name if self._tmp else tempfile.gettempdir())
        self.con = duckdb.connect(":memory:")
        try:
            self.con.execute(f"SET threads = {int(threads or os.cpu_count() or 2)}")
            # Aggregations spill to disk past this, so peak memory stays flat as logs grow.
            self.con.execute(f"SET memory_limit = {lit(memory_limit)}")
        except duckdb.Error as exc:
            self.close()
            first = str(exc).splitlines()[0]
            raise InputError(
                f"invalid DuckDB setting (threads={threads!r}, memory limit={memory_limit!r}): {first}",
                hint="--threads takes a whole number >= 1, --memory-limit a size such as 512MB or 2GB",
            ) from None
        self.con.execute(f"SET temp_directory = {lit(spill)}")
        self.con.execute("SET preserve_insertion_order = false")
        self.con.execute("SET enable_progress_bar = false")

    def can_read_natively(self, path: Path, compression: str | None) -> bool:
        return compression in (None, "gzip")

    def add_lines(self, view: str, path: Path, compression: str | None) -> None:
        # One VARCHAR column: a delimiter and quote that never occur, no type sniffing.
        comp = lit(compression or "none")
        self.con.execute(
            f"CREATE OR REPLACE TEMP VIEW {view} AS SELECT line FROM read_csv({lit(str(path))}, "
            f"columns = {{'line': 'VARCHAR'}}, delim = {lit(chr(31))}, quote = '', escape = '', header = false, "
            f"auto_detect = false, strict_mode = false, null_padding = true, compression = {comp}, "
            f"max_line_size = 4194304)"
        )

    def add_events(self, view: str, path: Path) -> None:
        self.con.execute(
            f"CREATE OR REPLACE TEMP VIEW {view} AS SELECT * FROM read_csv({lit(str(path))}, "
            f"columns = {_columns(TSV_COLUMNS)}, delim = {lit(chr(9))}, quote = '', escape = '', header = false, "
            f"auto_detect = false, nullstr = {lit(chr(92) + 'N')})"
        )

    def materialize(self, name: str, sql: str) -> None:
        try:
            self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}")
        except duckdb.IOException as exc:
            raise InputError(f"cannot read a log file: {exc}") from None
        except duckdb.InvalidInputException as exc:
            raise InputError(f"a log file could not be read: {exc}", hint="is it truncated or not the format given?") from None

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        return self.con.execute(sql).fetchall()

    def load_rows(self, name: str, columns: Sequence[tuple[str, str]], rows: Sequence[tuple[Any, ...]]) -> None:
        cols = ", ".join(f"{n} {t}" for n, t in columns)
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} ({cols})")
        if rows:
            marks = "(" + ", ".join("?" for _ in columns) + ")"
            for start in range(0, len(rows), 500):
                chunk = rows[start : start + 500]
                flat = [v for row in chunk for v in row]
                self.con.execute(f"INSERT INTO {name} VALUES " + ", ".join(marks for _ in chunk), flat)

    def close(self) -> None:
        self.con.close()
        if self._tmp is not None:
            self._tmp.cleanup()
