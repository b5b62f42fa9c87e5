"""Database scanning on SQLite and PostgreSQL: sampled rows, classified columns, masked URLs."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from accord.govern.inventory import open_inventory
from accord.govern.scanner import scan_database
from tests.conftest import service_available
from tests.govern.cli_helpers import run_cli

PG_URL = "postgresql://127.0.0.1:5432/test"


def _fill(url: str, table: str) -> None:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as conn:
        conn.execute(
            text(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, email TEXT, salary INTEGER, note TEXT)")
        )
        for i in range(50):
            email = f"person{i}@example.org" if i != 7 else ""  # one empty value: 49/49 non-empty are emails
            conn.execute(
                text(f"INSERT INTO {table} VALUES (:i, :e, :s, :n)"),
                {"i": i, "e": email, "s": 50000 + i, "n": "likes tea" if i % 2 else None},
            )
    engine.dispose()


def _check(rows: list[dict], table: str) -> None:  # type: ignore[type-arg]
    row = next(r for r in rows if r["relpath"].endswith(table))
    cols = {c["column"]: c for c in row["columns"]}
    assert cols["email"]["entities"] == {"EMAIL_ADDRESS": 1.0} and cols["email"]["non_empty"] == 49
    assert cols["email"]["categories"] == ["pii"] and cols["email"]["label"] == "confidential"
    assert cols["salary"]["categories"] == ["hr"] and cols["salary"]["entities"] == {}
    assert cols["note"]["categories"] == [] and cols["note"]["label"] == "public"
    assert row["label"] == "restricted"  # hr + pii together
    assert {"pii", "hr"} <= set(row["categories"])
    assert row["entities"]["EMAIL_ADDRESS"] == 49
    assert "person1@example.org" not in str(row)


def test_sqlite_tables(tmp_path: Path) -> None:
    db = tmp_path / "src.db"
    url = f"sqlite:///{db}"
    _fill(url, "staff")
    inv = open_inventory(f"sqlite:///{tmp_path / 'accord.db'}")
    out = scan_database(inv, url)
    _check(list(inv.files(out.dataset)), "staff")
    assert out.stats.files_classified == 1


@pytest.mark.postgres
def test_postgresql_tables(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not service_available("127.0.0.1", 5432):
        pytest.skip("PostgreSQL is not reachable on 127.0.0.1:5432")
    table = f"govern_{uuid.uuid4().hex[:10]}"
    _fill(PG_URL, table)
    try:
        home = tmp_path / "home"
        code, out, err = run_cli(
            capsys,
            "scan",
            "--db",
            PG_URL,
            "--table",
            table,
            "--home",
            str(home),
            "--json",
            str(tmp_path / "o.json"),
        )
        assert code == 0, err
        inv = open_inventory(f"sqlite:///{home / 'accord.db'}")
        ds = inv.find_dataset("postgresql+psycopg://127.0.0.1:5432/test")
        _check(list(inv.files(ds)), table)
    finally:
        engine = create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://"))
        with engine.begin() as conn:
            conn.execute(text(f"DROP TABLE IF EXISTS {table}"))
        engine.dispose()


def test_passwords_never_stored(tmp_path: Path) -> None:
    from accord.govern.dbscan import masked_url

    assert "hunter2" not in masked_url("postgresql://ada:hunter2@db.example:5432/x")


def test_unreachable_database_is_an_actionable_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_cli(
        capsys, "scan", "--db", "postgresql://u:pw@127.0.0.1:1/none", "--home", str(tmp_path / "h")
    )
    assert code == 4 and "cannot read database" in err and "pw@" not in err
