"""Apache Spark: the same analysis for volumes beyond one machine (`--engine spark`).

Runs in local mode by default (`local[*]`); point `master` (or `$ACCORD_SPARK_MASTER`) at a
cluster for more. Paths must then be readable by the executors.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from accord.discover.engine.base import TSV_COLUMNS
from accord.discover.engine.dialect import SparkDialect
from accord.errors import InputError

_SPARK_TYPES = {"VARCHAR": "STRING", "DOUBLE": "DOUBLE", "BIGINT": "BIGINT", "BOOLEAN": "BOOLEAN"}


def spark_available() -> str | None:
    """None when pyspark and a Java runtime are present, else why not."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install 'accord[spark]')"
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        return "no Java runtime found (install Java 17 or set JAVA_HOME)"
    return None


def new_session(master: str | None = None, *, small: bool = False) -> Any:
    """A SparkSession for discovery. `small=True` tunes for tiny inputs (tests): one shuffle
    partition and no code generation, which otherwise dominates a run over a few KB."""
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.master(master or os.environ.get("ACCORD_SPARK_MASTER", "local[*]"))
        .appName("accord-discover")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "1" if small else os.environ.get("ACCORD_SPARK_PARTITIONS", "8"))
        .config("spark.driver.memory", "2g")
    )
    if small:
        builder = (
            builder.config("spark.sql.adaptive.enabled", "false")
            .config("spark.sql.codegen.wholeStage", "false")
            .config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
        )
    return builder.getOrCreate()


class SparkEngine:
    name = "spark"
    dialect = SparkDialect()

    def __init__(self, session: Any | None = None, *, master: str | None = None) -> None:
        why = spark_available()
        if why:
            raise InputError(f"the Spark engine is unavailable: {why}", hint="use --engine duckdb")
        self._own = session is None
        self.spark = session or new_session(master)
        self._cached: list[Any] = []

    def can_read_natively(self, path: Path, compression: str | None) -> bool:
        # Hadoop picks the codec from the file name only.
        return compression is None or (compression == "gzip" and path.name.endswith(".gz"))

    def add_lines(self, view: str, path: Path, compression: str | None) -> None:
        self.spark.read.text(str(path)).withColumnRenamed("value", "line").createOrReplaceTempView(view)

    def add_events(self, view: str, path: Path) -> None:
        schema = ", ".join(f"{n} {_SPARK_TYPES[t]}" for n, t in TSV_COLUMNS)
        (
            self.spark.read.option("sep", "\t")
            .option("quote", "")
            .option("escape", "\u0000")
            .option("nullValue", "\\N")
            .option("header", "false")
            .schema(schema)
            .csv(str(path))
            .createOrReplaceTempView(view)
        )

    def materialize(self, name: str, sql: str) -> None:
        df = self.spark.sql(sql).cache()
        df.count()
        df.createOrReplaceTempView(name)
        self._cached.append(df)

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self.spark.sql(sql).collect()]

    def load_rows(self, name: str, columns: Sequence[tuple[str, str]], rows: Sequence[tuple[Any, ...]]) -> None:
        schema = ", ".join(f"{n} {_SPARK_TYPES[t]}" for n, t in columns)
        self.spark.createDataFrame(list(rows), schema=schema).createOrReplaceTempView(name)

    def close(self) -> None:
        for df in self._cached:
            df.unpersist()
        self._cached.clear()
        if self._own:
            self.spark.stop()
