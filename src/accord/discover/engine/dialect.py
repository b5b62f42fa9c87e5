"""The few SQL spellings that differ between DuckDB and Spark SQL.

Everything else the analysis writes (GROUP BY, COUNT(DISTINCT), window functions, CASE) is
common SQL, so both engines run the same statements and give the same answers.
"""

from __future__ import annotations


def lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class Dialect:
    name = ""

    def split(self, expr: str, sep: str) -> str:
        raise NotImplementedError

    def at(self, lst: str, index: int) -> str:
        """1-based element; negative counts from the end; NULL when out of range."""
        raise NotImplementedError

    def size(self, lst: str) -> str:
        raise NotImplementedError

    def dbl(self, expr: str) -> str:
        raise NotImplementedError

    def uint(self, expr: str) -> str:
        """A non-negative integer as BIGINT, NULL for anything else."""
        raise NotImplementedError

    def last_part(self, expr: str, sep: str) -> str:
        """Text after the last `sep` (all of it when absent); split_part counts back from -1."""
        return f"split_part({expr}, {lit(sep)}, -1)"

    def rstrip_dots(self, expr: str) -> str:
        raise NotImplementedError


    def tab(self) -> str:
        raise NotImplementedError

    def clf_epoch(self, expr: str) -> str:
        """`10/Oct/2000:13:55:36 -0700` -> epoch seconds (DOUBLE), NULL when unreadable."""
        raise NotImplementedError

    def explode_split(self, expr: str, sep: str) -> str:
        raise NotImplementedError

    def authority(self, url: str) -> str:
        """The cheap per-line part of host extraction: what sits between `scheme://` and `/`.

        The rest (`host_of`) runs after stage one's GROUP BY, on distinct values only.
        """
        rest = f"CASE WHEN instr({url}, '://') > 0 THEN split_part({url}, '://', 2) ELSE {url} END"
        return f"split_part({rest}, '/', 1)"

    def host_of(self, url: str) -> str:
        """Same rules as `parsers.base.host_of` (idempotent, so hosts may go through it twice)."""
        host = f"split_part(split_part({self.authority(url)}, '?', 1), '#', 1)"
        host = f"split_part({self.last_part(host, '@')}, ':', 1)"
        return f"NULLIF({self.rstrip_dots(f'lower({host})')}, '')"


class DuckDialect(Dialect):
    name = "duckdb"

    def split(self, expr: str, sep: str) -> str:
        return f"string_split({expr}, {sep if sep.startswith('chr(') else lit(sep)})"

    def at(self, lst: str, index: int) -> str:
        return f"({lst})[{index}]"

    def size(self, lst: str) -> str:
        return f"len({lst})"

    def dbl(self, expr: str) -> str:
        return f"TRY_CAST({expr} AS DOUBLE)"

    def uint(self, expr: str) -> str:
        return f"CAST(TRY_CAST({expr} AS UBIGINT) AS BIGINT)"

    def rstrip_dots(self, expr: str) -> str:
        return f"rtrim({expr}, '.')"


    def tab(self) -> str:
        return "chr(9)"

    def clf_epoch(self, expr: str) -> str:
        return f"epoch(try_strptime({expr}, '%d/%b/%Y:%H:%M:%S %z'))"

    def explode_split(self, expr: str, sep: str) -> str:
        return f"unnest(string_split({expr}, {lit(sep)}))"


class SparkDialect(Dialect):
    name = "spark"

    def split(self, expr: str, sep: str) -> str:
        # split() takes a regex; every separator we use is a plain character.
        pattern = sep if sep.startswith("char(") else lit("\\" + sep if sep in "|.^$*+?()[]{}\\" else sep)
        return f"split({expr}, {pattern}, -1)"

    def at(self, lst: str, index: int) -> str:
        return f"try_element_at({lst}, {index})"

    def size(self, lst: str) -> str:
        return f"size({lst})"

    def dbl(self, expr: str) -> str:
        return f"try_cast({expr} AS DOUBLE)"

    def uint(self, expr: str) -> str:
        return f"CASE WHEN {expr} RLIKE '^[0-9]+$' THEN try_cast({expr} AS BIGINT) END"

    def rstrip_dots(self, expr: str) -> str:
        return f"trim(TRAILING '.' FROM {expr})"


    def tab(self) -> str:
        return "char(9)"

    def clf_epoch(self, expr: str) -> str:
        return f"CAST(unix_timestamp(try_to_timestamp({expr}, 'dd/MMM/yyyy:HH:mm:ss Z')) AS DOUBLE)"

    def explode_split(self, expr: str, sep: str) -> str:
        return f"explode(split({expr}, {lit(sep)}, -1))"
