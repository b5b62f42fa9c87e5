"""Value types of the Govern capability: what an extractor yields and what a scan records.

Nothing here holds a raw sensitive value: findings carry types, counts and locations only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import orjson

from accord.detect.types import DataClass

#: Inventory columns holding JSON (canonical: sorted keys), and the FileRecord.to_json fields they come from.
JSON_FIELDS = ("categories", "entities", "evidence", "reasons", "hidden", "injection_signals", "columns")


def dumps(value: Any) -> str:
    """Canonical JSON (sorted keys), as stored in the inventory's JSON columns."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()


#: Where something is inside a file: any of page, sheet, slide, row, column, line, part, key, member.
Where = dict[str, Any]


@dataclass(slots=True)
class Segment:
    """A run of text from one place in a file.

    `anchors` maps offsets to finer locations (a cell, a paragraph): sorted by offset, each anchor
    covers the text from its offset to the next anchor's. `hidden` marks text a human reader of the
    rendered document would not see (an HTML comment, white-on-white text).
    """

    text: str
    where: Where = field(default_factory=dict)
    anchors: list[tuple[int, Where]] = field(default_factory=list)
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class HiddenSignal:
    """Content a reader would not see: kind is e.g. html-comment, css-display-none, zero-width, white-text."""

    kind: str
    where: Where
    chars: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "where": self.where, "chars": self.chars}


@dataclass(frozen=True, slots=True)
class ExistingLabel:
    """A label already on the file: source is msip, front-matter or sidecar; name as written there."""

    source: str
    name: str

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "name": self.name}


@dataclass(slots=True)
class Extracted:
    segments: list[Segment] = field(default_factory=list)
    labels: list[ExistingLabel] = field(default_factory=list)
    hidden: list[HiddenSignal] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    #: Raw HTML when the source is HTML (for document-level injection detection with markup).
    html: str | None = None

    def text(self) -> str:
        return "\n".join(s.text for s in self.segments)


@dataclass(frozen=True, slots=True)
class Evidence:
    """One finding's location: the entity or cue type, where, and the offsets within that place."""

    type: str
    where: Where
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, **self.where, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Classification:
    label: DataClass
    content_label: DataClass
    existing_label: DataClass | None
    categories: list[str]
    entities: dict[str, int]
    reasons: list[str]
    evidence: list[Evidence]
    conflict: str | None = None
    injection: bool = False
    injection_signals: list[str] = field(default_factory=list)
    hidden: list[HiddenSignal] = field(default_factory=list)


@dataclass(slots=True)
class FileRecord:
    """The result of scanning one file (or one zip member, or one database table)."""

    path: str
    size: int
    mtime_ns: int
    sha256: str | None
    file_type: str
    owner: str | None = None
    container: str | None = None
    classification: Classification | None = None
    error: str | None = None
    error_kind: str | None = None
    #: Per-column results for database tables.
    columns: list[dict[str, Any]] = field(default_factory=list)
    #: True when the content hash equals the recorded one (only the stat data changed).
    unchanged_content: bool = False
    bytes_read: int = 0

    @property
    def label(self) -> str | None:
        return str(self.classification.label) if self.classification else None

    def to_json(self) -> dict[str, Any]:
        """The stable per-file shape of `accord scan --json` (fields may be added, never removed)."""
        c = self.classification
        return {
            "path": self.path,
            "label": str(c.label) if c else None,
            "categories": list(c.categories) if c else [],
            "entities": dict(c.entities) if c else {},
            "injection": bool(c.injection) if c else False,
            "error": self.error,
            "error_kind": self.error_kind,
            "type": self.file_type,
            "size": self.size,
            "sha256": self.sha256,
            "owner": self.owner,
            "container": self.container,
            "content_label": str(c.content_label) if c else None,
            "existing_label": str(c.existing_label) if c and c.existing_label is not None else None,
            "conflict": c.conflict if c else None,
            "reasons": list(c.reasons) if c else [],
            "hidden": [h.to_dict() for h in c.hidden] if c else [],
            "injection_signals": list(c.injection_signals) if c else [],
            "evidence": [e.to_dict() for e in c.evidence] if c else [],
            "columns": self.columns,
        }

    def to_row(self) -> dict[str, Any]:
        """The inventory columns of this record that do not depend on the dataset or the scan run.

        Built where the record is made (in the worker processes), so the process that writes the
        inventory receives flat rows of strings and numbers instead of object graphs.
        """
        j = self.to_json()
        return {
            "path": self.path,
            "container": self.container,
            "file_type": self.file_type,
            "size": self.size,
            "mtime_ns": self.mtime_ns,
            "sha256": self.sha256,
            "owner": self.owner,
            "label": j["label"],
            "content_label": j["content_label"],
            "existing_label": j["existing_label"],
            "conflict": j["conflict"],
            "injection": j["injection"],
            "error": self.error,
            "error_kind": self.error_kind,
            **{k: dumps(j[k]) for k in JSON_FIELDS},
        }
