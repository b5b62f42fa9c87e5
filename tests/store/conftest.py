"""Store fixtures: every core test runs on SQLite and, when reachable, on a real PostgreSQL.

Each PostgreSQL test gets its own schema (dropped afterwards), so concurrent runs never collide.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from accord.store import Store, open_store
from tests.conftest import service_available

PG_BASE = "postgresql://127.0.0.1:5432/test"


def _pg_ready() -> str | None:
    if not service_available("127.0.0.1", 5432):
        return "PostgreSQL is not reachable on 127.0.0.1:5432"
    try:
        import psycopg

        psycopg.connect(PG_BASE, connect_timeout=2).close()
    except Exception as exc:  # any reason the server refuses us is a reason to skip
        return f"PostgreSQL at {PG_BASE} refused the connection: {exc}"
    return None


@pytest.fixture
def pg_url() -> Iterator[str]:
    reason = _pg_ready()
    if reason:
        pytest.skip(reason)
    import psycopg

    schema = f"accord_t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_BASE, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{PG_BASE}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(PG_BASE, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'accord.db'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = open_store(db_url)
    yield s
    s.close()


@pytest.fixture
def raw_sql(db_url: str) -> Iterator[Callable[..., list[Any]]]:
    """Run SQL behind the store's back (what an attacker with database access would do)."""
    from sqlalchemy import text

    from accord.store.db import make_engine

    engine = make_engine(db_url)

    def run(sql: str, **params: Any) -> list[Any]:
        with engine.begin() as conn:
            result = conn.execute(text(sql), params)
            return list(result) if result.returns_rows else []

    yield run
    engine.dispose()
