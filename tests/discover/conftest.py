"""Fixtures for the Discover tests: policy, catalog, engines, and a log-file writer."""

from __future__ import annotations

import gzip
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from accord.discover.catalog import Catalog, default_catalog
from accord.discover.engine.duckdb_engine import DuckDBEngine
from accord.policy.sections.discover import DiscoverPolicy

sys.path.insert(0, str(Path(__file__).parent))  # `import logs` (the vendor line builders)


@pytest.fixture
def policy() -> DiscoverPolicy:
    return DiscoverPolicy()


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return default_catalog()


@pytest.fixture
def duck() -> Iterator[DuckDBEngine]:
    engine = DuckDBEngine(threads=2, memory_limit="512MB")
    yield engine
    engine.close()


@pytest.fixture
def write(tmp_path: Path):  # type: ignore[no-untyped-def]
    """write(name, lines, gz=False) -> path of a log file holding those lines."""

    def _write(name: str, lines: list[str] | str, gz: bool = False) -> Path:
        text = lines if isinstance(lines, str) else "".join(line + "\n" for line in lines)
        path = tmp_path / name
        if gz:
            with gzip.open(path, "wt", encoding="utf-8") as fh:
                fh.write(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture(scope="session")
def spark_session():  # type: ignore[no-untyped-def]
    """One local Spark session for the whole test session (starting one takes seconds)."""
    from accord.discover.engine.spark_engine import new_session, spark_available

    why = spark_available()
    if why:
        pytest.skip(f"Spark engine unavailable: {why}")
    session = new_session("local[2]", small=True)
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def shared_zeek_http() -> Path:
    """A real Zeek http.log (Zeek's own test suite; see its SOURCE.md)."""
    path = Path(__file__).resolve().parents[3] / "shared" / "data" / "logs" / "sources" / "zeek-btest-http" / "http-methods_http.log"
    if not path.exists():
        pytest.skip(f"shared data not present: {path}")
    return path
