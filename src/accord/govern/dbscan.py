"""Database tables through SQLAlchemy URLs: sample rows per table, classify every column.

A column gets an entity type when at least `column_threshold` of its sampled non-empty values
carry that type (e.g. `email`: 98% EMAIL_ADDRESS). Column names add categories too (`salary` -> hr).
The table as a whole is classified like a document whose text is its sampled cells, so topic cues,
escalations and labels follow the same rules as files. Passwords in URLs are never stored or shown.
"""

from __future__ import annotations

import bisect
import hashlib
import logging
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import MetaData, Table, create_engine, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from accord.detect.types import DataClass
from accord.errors import InputError
from accord.govern.classify import Classifier, entity_category
from accord.govern.topics import COLUMN_NAME_CUES
from accord.govern.types import Extracted, FileRecord, Segment
from accord.policy.sections.govern import GovernPolicy

log = logging.getLogger(__name__)
_WORD = re.compile(r"[a-z]+")


def masked_url(url: str) -> str:
    try:
        return make_url(_driver(url)).render_as_string(hide_password=True)
    except ArgumentError:
        raise InputError(
            f"not a database URL: {url!r}", hint="e.g. sqlite:///path.db or postgresql://host/db"
        ) from None


def _driver(url: str) -> str:
    # psycopg 3 is the PostgreSQL driver we ship.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


@dataclass(slots=True)
class ColumnResult:
    name: str
    data_type: str
    sampled: int
    non_empty: int
    entities: dict[str, float]
    categories: list[str]
    label: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "column": self.name,
            "type": self.data_type,
            "sampled": self.sampled,
            "non_empty": self.non_empty,
            "entities": self.entities,
            "categories": self.categories,
            "label": self.label,
        }


class DatabaseScanner:
    def __init__(self, classifier: Classifier | None = None, policy: GovernPolicy | None = None) -> None:
        self.policy = policy or (classifier.policy if classifier else GovernPolicy())
        self.classifier = classifier or Classifier(self.policy)

    def scan(self, url: str, *, tables: list[str] | None = None) -> list[FileRecord]:
        shown = masked_url(url)
        try:
            engine = create_engine(_driver(url), pool_pre_ping=True)
        except (ArgumentError, NoSuchModuleError) as exc:
            raise InputError(f"cannot use database URL {shown}: {exc}") from None
        try:
            with engine.connect() as conn:
                insp = inspect(conn)
                out: list[FileRecord] = []
                for schema in self._schemas(insp):
                    for name in insp.get_table_names(schema=schema):
                        if tables and name not in tables:
                            continue
                        out.append(self._table(conn, shown, schema, name))
                return out
        except SQLAlchemyError as exc:
            raise InputError(
                f"cannot read database {shown}: {type(exc).__name__}: {str(exc).splitlines()[0][:300]}",
                hint="check the URL, that the server is running, and the credentials",
            ) from None
        finally:
            engine.dispose()

    @staticmethod
    def _schemas(insp: Any) -> list[str | None]:
        if insp.dialect.name == "postgresql":
            return [
                s
                for s in insp.get_schema_names()
                if s not in ("information_schema",) and not s.startswith("pg_")
            ]
        return [None]

    def _table(self, conn: Any, shown: str, schema: str | None, name: str) -> FileRecord:
        qualified = f"{schema}.{name}" if schema else name
        path = f"{shown}#{qualified}"
        rec = FileRecord(path, 0, 0, None, "table")
        try:
            table = Table(name, MetaData(), schema=schema, autoload_with=conn)
            rows = conn.execute(select(table).limit(self.policy.scan.sample_rows)).all()
        except SQLAlchemyError as exc:
            rec.error, rec.error_kind = f"cannot read table: {str(exc).splitlines()[0][:200]}", "unreadable"
            return rec
        digest = hashlib.sha256()
        segments: list[Segment] = []
        cols: list[ColumnResult] = []
        for i, column in enumerate(table.columns):
            values = ["" if row[i] is None else str(row[i]) for row in rows]
            for v in values:
                digest.update(v.encode("utf-8", "replace") + b"\x1f")
            seg = _column_segment(column.name, values)
            segments.append(seg)
            cols.append(self._column(column.name, str(column.type), values, seg))
        names = [c.name for c in table.columns]
        segments.append(Segment("\t".join(names), {"part": "columns"}, [], False))
        rec.size = len(rows)
        rec.sha256 = digest.hexdigest()
        cls = self.classifier.classify(Extracted(segments=segments))
        for c in cols:
            for cat in c.categories:
                if cat not in cls.categories:
                    cls.categories.append(cat)
                    lab = self.policy.category_labels.get(cat)  # type: ignore[call-overload]
                    if lab is not None and DataClass.parse(lab) > cls.label:
                        cls.label = cls.content_label = DataClass.parse(lab)
                    cls.reasons.append(f"column {c.name!r}: {cat}")
        rec.classification = cls
        rec.columns = [c.to_dict() for c in cols]
        return rec

    def _column(self, name: str, data_type: str, values: list[str], seg: Segment) -> ColumnResult:
        non_empty = sum(1 for v in values if v.strip())
        rows_with: Counter[str] = Counter()
        if non_empty:
            starts = [a[0] for a in seg.anchors]
            hit_rows: dict[str, set[int]] = {}
            for e in self.classifier.engine.analyze(seg.text):
                row = bisect.bisect_right(starts, e.start) - 1
                hit_rows.setdefault(e.type, set()).add(row)
            rows_with.update({t: len(r) for t, r in hit_rows.items()})
        threshold = self.policy.scan.column_threshold
        entities = {
            t: round(n / non_empty, 4)
            for t, n in rows_with.items()
            if non_empty and n / non_empty >= threshold
        }
        cats: list[str] = []
        for t in entities:
            c = entity_category(t)
            if c and c not in cats:
                cats.append(c)
        for word in _WORD.findall(name.lower()):
            c = COLUMN_NAME_CUES.get(word)
            if c and c not in cats:
                cats.append(c)
        label = DataClass.PUBLIC
        for c in cats:
            lab = self.policy.category_labels.get(c)  # type: ignore[call-overload]
            if lab is not None:
                label = max(label, DataClass.parse(lab))
        return ColumnResult(name, data_type, len(values), non_empty, entities, cats, str(label))


def _column_segment(name: str, values: list[str]) -> Segment:
    parts: list[str] = []
    anchors: list[tuple[int, dict[str, Any]]] = []
    pos = 0
    for r, v in enumerate(values, 1):
        anchors.append((pos, {"row": r}))
        parts.append(v + "\n")
        pos += len(v) + 1
    return Segment("".join(parts), {"column": name}, anchors)
