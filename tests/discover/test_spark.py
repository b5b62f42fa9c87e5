"""The Spark engine (local mode) gives exactly the DuckDB engine's answer on the same input."""

from __future__ import annotations

import dataset as D
import pytest
from test_end_to_end import run

from accord.discover.engine.duckdb_engine import DuckDBEngine
from accord.discover.engine.spark_engine import SparkEngine

pytestmark = [pytest.mark.spark, pytest.mark.slow]


def _comparable(result):  # type: ignore[no-untyped-def]
    data = result.to_json()
    for key in ("generated_at", "engine"):
        data.pop(key)
    return data


def test_spark_equals_duckdb(tmp_path, catalog, spark_session):
    duck = DuckDBEngine(threads=2)
    try:
        expected = _comparable(run(tmp_path / "d", duck, catalog))
    finally:
        duck.close()
    spark = SparkEngine(spark_session)
    try:
        got = _comparable(run(tmp_path / "s", spark, catalog))
    finally:
        spark.close()
    # Same files under another folder: compare everything but the paths.
    for src in (*expected["sources"], *got["sources"]):
        src["path"] = src["path"].rsplit("/", 1)[-1]
    assert got == expected
    assert {s["id"] for s in got["services"]} == set(D.expected_services())
