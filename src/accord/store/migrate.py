"""Apply the Alembic migrations shipped inside the package, under a lock so processes don't race.

Every CLI command and every gateway start opens the store, so the common case (schema already
current) is answered without importing Alembic: the heads are read from the revision files and
compared with the `alembic_version` table. Any doubt falls through to Alembic itself.
"""

from __future__ import annotations

import ast
import logging
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"
#: Arbitrary constant for pg_advisory_xact_lock: one migrator at a time per database.
_PG_LOCK_ID = 0x4163636F7264


def _config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


@lru_cache(maxsize=1)
def _heads() -> frozenset[str]:
    from alembic.script import ScriptDirectory

    return frozenset(ScriptDirectory.from_config(_config()).get_heads())


@lru_cache(maxsize=1)
def _quick_heads() -> frozenset[str] | None:
    """Heads from the revision files' `revision` / `down_revision` assignments (None if unsure)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        if path.name.startswith("_"):
            continue
        found: dict[str, object] = {}
        try:
            for node in ast.parse(path.read_text(encoding="utf-8")).body:
                target: ast.expr
                if isinstance(node, ast.AnnAssign) and node.value is not None:
                    target, value = node.target, node.value
                elif isinstance(node, ast.Assign) and len(node.targets) == 1:
                    target, value = node.targets[0], node.value
                else:
                    continue
                if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
                    found[target.id] = ast.literal_eval(value)
        except (SyntaxError, ValueError, OSError):
            return None
        rev, down = found.get("revision"), found.get("down_revision")
        if not isinstance(rev, str):
            return None
        revisions.add(rev)
        if isinstance(down, str):
            parents.add(down)
        elif isinstance(down, tuple | list):
            parents.update(str(d) for d in down)
        elif down is not None:
            return None
    return frozenset(revisions - parents) or None


def _stored(conn: Connection) -> frozenset[str]:
    if not inspect(conn).has_table("alembic_version"):
        return frozenset()
    return frozenset(r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version")))


def _current(conn: Connection) -> frozenset[str]:
    from alembic.runtime.migration import MigrationContext

    return frozenset(MigrationContext.configure(conn).get_current_heads())


def upgrade(engine: Engine) -> None:
    """Bring the schema to every head (each capability's branch). Cheap when already current."""
    quick = _quick_heads()
    if quick is not None:
        with engine.connect() as conn:
            if _stored(conn) == quick:
                return
    from alembic import command

    cfg, heads = _config(), _heads()
    with engine.connect().execution_options(sqlite_begin="IMMEDIATE") as conn:
        with conn.begin():
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_ID})
            if _current(conn) == heads:  # another process migrated while we waited
                return
            log.info("migrating database schema to %s", ", ".join(sorted(heads)))
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "heads")
