"""The store: SQLAlchemy models, Alembic migrations, virtual keys, the audit chain and spend.

    >>> store = open_store("sqlite:///./.accord/accord.db")        # doctest: +SKIP
    >>> raw, rec = store.keys.create("default", "eng", "ada")       # doctest: +SKIP
    >>> store.keys.verify(raw).team                                 # doctest: +SKIP
    'eng'
"""

from __future__ import annotations

from typing import Literal

from sqlalchemy import Engine, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from accord.errors import AccordError
from accord.store.audit import AuditLog
from accord.store.chain import EventRef, VerifyResult
from accord.store.db import make_engine, normalize_url
from accord.store.events import SYSTEM_TENANT, AuditEvent
from accord.store.keys import KEY_PREFIX, KeyRecord, KeyStore
from accord.store.migrate import upgrade
from accord.store.models import heads_table
from accord.store.spend import SpendStore, current_month
from accord.store.writer import BatchWriter

__all__ = [
    "KEY_PREFIX",
    "SYSTEM_TENANT",
    "AuditEvent",
    "AuditLog",
    "EventRef",
    "KeyRecord",
    "KeyStore",
    "SpendStore",
    "Store",
    "VerifyResult",
    "current_month",
    "open_store",
]


class Store:
    """One database: `keys`, `audit`, `spend`. Open one per process (after any fork)."""

    def __init__(self, engine: Engine, writer: BatchWriter, *, key_cache_ttl_s: float = 10.0) -> None:
        self.engine = engine
        self._writer = writer
        self.audit = AuditLog(engine, writer)
        self.keys = KeyStore(engine, self.audit, cache_ttl_s=key_cache_ttl_s)
        self.spend = SpendStore(engine, writer)

    def ensure_admin_key(self, **kwargs: str) -> tuple[str, KeyRecord]:
        return self.keys.ensure_admin_key(**kwargs)

    def flush(self, timeout: float | None = 30.0) -> bool:
        return self._writer.flush(timeout)

    def ping(self) -> None:
        """Raise when the database cannot be reached (the gateway's /readyz). Blocking: call it in a thread.

        Reads a real table, not `SELECT 1`: that one would succeed without touching the database.
        """
        with self.engine.connect() as conn:
            conn.execute(select(heads_table.c.tenant).limit(1)).all()

    def close(self, timeout: float = 30.0) -> None:
        """Write everything still queued, stop the writer thread, release connections."""
        self._writer.close(timeout)
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(
    url: str,
    *,
    migrate: bool = True,
    audit_queue_size: int = 10_000,
    audit_batch_size: int = 500,
    on_overflow: Literal["block", "drop"] = "block",
    key_cache_ttl_s: float = 10.0,
) -> Store:
    """Open (and by default create/migrate) the database at `url`: `sqlite:///path` or `postgresql://...`."""
    try:
        engine = make_engine(url)
        if migrate:
            upgrade(engine)
    except (SQLAlchemyError, OSError) as exc:
        shown = make_url(normalize_url(url)).render_as_string(hide_password=True)
        first = str(exc).splitlines()[0]
        raise AccordError(
            f"cannot open the database {shown}: {first}",
            hint="check the path or $ACCORD_DATABASE_URL, that the server is running and that you may write there",
        ) from None
    from accord.store.chain import add_spend, append

    def write(rows: list[dict[str, object]], spend: dict[tuple[str, str], float]) -> None:
        with engine.connect().execution_options(sqlite_begin="IMMEDIATE") as conn, conn.begin():
            if rows:
                append(conn, rows)
            if spend:
                add_spend(conn, spend)

    writer = BatchWriter(write, queue_size=audit_queue_size, batch_size=audit_batch_size, on_overflow=on_overflow)
    return Store(engine, writer, key_cache_ttl_s=key_cache_ttl_s)
