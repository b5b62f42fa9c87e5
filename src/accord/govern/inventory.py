"""The inventory: datasets, scan runs and per-file results in the store (tables in store/models_govern.py).

Writes are batched by the scanner, one transaction per batch, so an interrupted scan keeps every
batch it committed and the next run skips those files (resumable).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

import orjson
from sqlalchemy import Engine, Table, and_, bindparam, delete, func, insert, select, true, update

from accord.errors import NotFound
from accord.govern.types import JSON_FIELDS, FileRecord, dumps
from accord.store.db import now_iso
from accord.store.models_govern import GovernDataset, GovernFile, GovernScan

_F = cast(Table, GovernFile.__table__)
_D = cast(Table, GovernDataset.__table__)
_S = cast(Table, GovernScan.__table__)
_JSON_FIELDS = JSON_FIELDS
_DELETE_CHUNK = 500
_dumps = dumps


@dataclass(frozen=True, slots=True)
class Dataset:
    id: int
    name: str
    root: str
    kind: str


@dataclass(frozen=True, slots=True)
class Known:
    size: int
    mtime_ns: int
    sha256: str | None


class Inventory:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def _write(self) -> Any:
        return self.engine.connect().execution_options(sqlite_begin="IMMEDIATE")

    # -- datasets ---------------------------------------------------------------------------------

    def dataset(self, name: str, root: str, kind: str) -> Dataset:
        """Get or create the dataset `name` (its root is updated if it moved)."""
        now = now_iso()
        with self._write() as conn, conn.begin():
            row = conn.execute(select(_D).where(_D.c.name == name)).mappings().first()
            if row is None:
                ident = conn.execute(
                    insert(_D).values(name=name, root=root, kind=kind, created_at=now, updated_at=now)
                ).inserted_primary_key[0]
                return Dataset(int(ident), name, root, kind)
            if row["root"] != root or row["kind"] != kind:
                conn.execute(
                    update(_D).where(_D.c.id == row["id"]).values(root=root, kind=kind, updated_at=now)
                )
            return Dataset(int(row["id"]), name, root, kind)

    def find_dataset(self, name_or_path: str) -> Dataset:
        """By name, else by root (a path is resolved first). NotFound lists the known names."""
        candidates = [name_or_path]
        if os.path.exists(name_or_path):
            candidates.append(os.path.realpath(name_or_path))
        with self.engine.connect() as conn:
            for c in candidates:
                row = conn.execute(select(_D).where((_D.c.name == c) | (_D.c.root == c))).mappings().first()
                if row is not None:
                    return Dataset(int(row["id"]), row["name"], row["root"], row["kind"])
            names = [r[0] for r in conn.execute(select(_D.c.name).order_by(_D.c.name).limit(20))]
        hint = f"known datasets: {', '.join(names)}" if names else "run 'accord scan PATH' first"
        raise NotFound(f"no scanned dataset named {name_or_path!r}", hint=hint)

    def datasets(self) -> list[Dataset]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(_D).order_by(_D.c.name)).mappings().all()
        return [Dataset(int(r["id"]), r["name"], r["root"], r["kind"]) for r in rows]

    # -- scans ------------------------------------------------------------------------------------

    def begin_scan(self, dataset: Dataset) -> int:
        with self._write() as conn, conn.begin():
            return int(
                conn.execute(
                    insert(_S).values(
                        dataset_id=dataset.id, started_at=now_iso(), status="running", stats="{}"
                    )
                ).inserted_primary_key[0]
            )

    def finish_scan(self, scan_id: int, status: str, stats: dict[str, Any]) -> None:
        with self._write() as conn, conn.begin():
            conn.execute(
                update(_S)
                .where(_S.c.id == scan_id)
                .values(finished_at=now_iso(), status=status, stats=_dumps(stats))
            )

    def scans(self, dataset: Dataset, limit: int = 20) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(_S).where(_S.c.dataset_id == dataset.id).order_by(_S.c.id.desc()).limit(limit)
            ).mappings()
            return [{**r, "stats": orjson.loads(r["stats"])} for r in rows]

    # -- files ------------------------------------------------------------------------------------

    def known(self, dataset: Dataset) -> dict[str, Known]:
        """Top-level files (not zip members) with the stat data and hash recorded for them."""
        q = select(_F.c.path, _F.c.size, _F.c.mtime_ns, _F.c.sha256).where(
            and_(_F.c.dataset_id == dataset.id, _F.c.container.is_(None))
        )
        with self.engine.connect() as conn:
            return {r[0]: Known(int(r[1]), int(r[2]), r[3]) for r in conn.execute(q)}

    def save(self, dataset: Dataset, scan_id: int, root: str, records: Sequence[FileRecord]) -> None:
        """Replace the rows of these files (and of the members of any zip among them)."""
        self.save_rows(dataset, scan_id, root, [r.to_row() for r in records])

    def save_rows(
        self,
        dataset: Dataset,
        scan_id: int,
        root: str,
        rows: Sequence[dict[str, Any]],
        *,
        replace: Sequence[str] | None = None,
    ) -> None:
        """Insert rows made by `FileRecord.to_row`, replacing the earlier rows of the same files.

        `replace`: the top-level paths that may already have rows (default: every top-level row given).
        A scanner that knows which files are new passes only the others, and skips their deletes.
        """
        if not rows:
            return
        now = now_iso()
        rel = self._relpath(dataset, root)
        out = [
            {**r, "dataset_id": dataset.id, "relpath": rel(r["path"]), "scan_id": scan_id, "scanned_at": now}
            for r in rows
        ]
        if replace is None:
            replace = [r["path"] for r in rows if r["container"] is None]
        zips = {r["path"] for r in rows if r["container"] is None and r["file_type"] == "zip"}
        with self._write() as conn, conn.begin():
            self._delete(conn, dataset, list(replace), [p for p in replace if p in zips])
            conn.execute(insert(_F), out)

    def touch(self, dataset: Dataset, updates: Iterable[tuple[str, int, int]]) -> None:
        """Content unchanged, stat data changed (a copy, a `touch`): record the new size/mtime only."""
        params = [{"p": path, "s": size, "m": mtime_ns} for path, size, mtime_ns in updates]
        if not params:
            return
        stmt = (
            update(_F)
            .where(and_(_F.c.dataset_id == dataset.id, _F.c.path == bindparam("p")))
            .values(size=bindparam("s"), mtime_ns=bindparam("m"))
        )
        with self._write() as conn, conn.begin():
            conn.execute(stmt, params)

    def remove(self, dataset: Dataset, paths: Sequence[str]) -> None:
        with self._write() as conn, conn.begin():
            self._delete(conn, dataset, list(paths), list(paths))

    @staticmethod
    def _delete(conn: Any, dataset: Dataset, paths: list[str], containers: list[str]) -> None:
        """Rows of `paths`, and of the zip members inside `containers` (a subset of paths).

        Two statements, so the common case (no archive) is an index lookup on (dataset_id, path)
        instead of a scan for rows whose container matches."""
        for i in range(0, len(paths), _DELETE_CHUNK):
            chunk = paths[i : i + _DELETE_CHUNK]
            conn.execute(delete(_F).where(and_(_F.c.dataset_id == dataset.id, _F.c.path.in_(chunk))))
        for i in range(0, len(containers), _DELETE_CHUNK):
            chunk = containers[i : i + _DELETE_CHUNK]
            conn.execute(delete(_F).where(and_(_F.c.dataset_id == dataset.id, _F.c.container.in_(chunk))))

    @staticmethod
    def _relpath(dataset: Dataset, root: str) -> Any:
        if dataset.kind == "database":
            return lambda path: path.rpartition("#")[2]
        prefix = root.rstrip(os.sep) + os.sep

        def rel(path: str) -> str:
            if path == root:
                return os.path.basename(path)
            if path.startswith(prefix):
                # Slicing is what relpath returns unless normalising would change the tail (zip member
                # names may hold "..", "./" or "//"): those take the slow path.
                tail = path[len(prefix) :]
                if not (tail.startswith(".") or tail.endswith("/") or "//" in tail or "/." in tail):
                    return tail
            return os.path.relpath(path, root)

        return rel

    def files(
        self,
        dataset: Dataset | None = None,
        *,
        label: str | None = None,
        category: str | None = None,
        errors_only: bool = False,
        limit: int | None = None,
    ) -> Iterator[dict[str, Any]]:
        """File rows with their JSON fields decoded, ordered by path (streamed)."""
        q = select(_F)
        if dataset is not None:
            q = q.where(_F.c.dataset_id == dataset.id)
        if label:
            q = q.where(_F.c.label == label)
        if category:
            q = q.where(_F.c.categories.like(f'%"{category}"%'))
        if errors_only:
            q = q.where(_F.c.error.is_not(None))
        q = q.order_by(_F.c.dataset_id, _F.c.path)
        if limit:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            for row in conn.execute(q).mappings():
                yield decode_row(row)

    def file(self, path: str) -> dict[str, Any]:
        candidates = [path, os.path.realpath(path)]
        with self.engine.connect() as conn:
            for c in candidates:
                row = conn.execute(select(_F).where(_F.c.path == c).limit(1)).mappings().first()
                if row is not None:
                    return decode_row(row)
        raise NotFound(f"{path!r} is not in the inventory", hint="scan it first: accord scan PATH")

    def stats(self, dataset: Dataset | None = None) -> dict[str, Any]:
        where = _F.c.dataset_id == dataset.id if dataset is not None else true()
        with self.engine.connect() as conn:
            by_label: dict[str | None, int] = dict(
                conn.execute(select(_F.c.label, func.count()).where(where).group_by(_F.c.label)).all()
            )
            total, size = conn.execute(
                select(func.count(), func.coalesce(func.sum(_F.c.size), 0)).where(where)
            ).one()
            errors = conn.execute(
                select(func.count()).where(where).where(_F.c.error.is_not(None))
            ).scalar_one()
            inj = conn.execute(select(func.count()).where(where).where(_F.c.injection.is_(True))).scalar_one()
            conflicts = conn.execute(
                select(func.count()).where(where).where(_F.c.conflict.is_not(None))
            ).scalar_one()
            cats: dict[str, int] = {}
            ents: dict[str, int] = {}
            for c_json, e_json in conn.execute(select(_F.c.categories, _F.c.entities).where(where)):
                for c in orjson.loads(c_json):
                    cats[c] = cats.get(c, 0) + 1
                for k, v in orjson.loads(e_json).items():
                    ents[k] = ents.get(k, 0) + v
        return {
            "files": int(total),
            "bytes": int(size),
            "labels": {str(k): int(v) for k, v in by_label.items() if k is not None},
            "unlabelled": int(by_label.get(None, 0)),
            "errors": int(errors),
            "injection": int(inj),
            "conflicts": int(conflicts),
            "categories": dict(sorted(cats.items())),
            "entities": dict(sorted(ents.items())),
        }


def decode_row(row: Any) -> dict[str, Any]:
    out = dict(row)
    for k in _JSON_FIELDS:
        out[k] = orjson.loads(out[k]) if out.get(k) else ([] if k != "entities" else {})
    out["injection"] = bool(out["injection"])
    return out


def open_inventory(url: str) -> Inventory:
    """The inventory in the store at `url` (schema migrated to every head first)."""
    from accord.store.db import make_engine
    from accord.store.migrate import upgrade

    engine = make_engine(url)
    upgrade(engine)
    return Inventory(engine)
