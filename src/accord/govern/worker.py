"""Scanning one file: read, hash, extract, classify. Runs in worker processes (or inline).

Everything expensive is built once per process (`FileScanner`): the extractor registry, the
classifier's automaton and the Detect engine. Reading goes through `_read` only, so the byte and
file counters it keeps are the proof that an unchanged file was never opened.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from accord.detect.types import DataClass
from accord.govern.acl import sidecar_for
from accord.govern.classify import Classifier
from accord.govern.extract import (
    CORRUPT,
    ENCRYPTED,
    TOO_LARGE,
    UNREADABLE,
    UNSUPPORTED,
    ExtractError,
    ExtractorRegistry,
    default_registry,
)
from accord.govern.types import Classification, ExistingLabel, FileRecord
from accord.policy.sections.govern import GovernPolicy

log = logging.getLogger(__name__)
_MAX_ZIP_DEPTH = 2
_MAX_RATIO = 200  # uncompressed/compressed beyond this (for members over 1 MiB) looks like a zip bomb


@dataclass(frozen=True, slots=True)
class Task:
    path: str
    size: int
    mtime_ns: int
    owner: str | None
    prev_sha256: str | None
    root: str


class FileScanner:
    def __init__(
        self,
        policy: GovernPolicy | None = None,
        registry: ExtractorRegistry | None = None,
        classifier: Classifier | None = None,
    ) -> None:
        self.policy = policy or GovernPolicy()
        self.registry = registry or default_registry()
        self.classifier = classifier or Classifier(self.policy)
        self.max_bytes = int(self.policy.scan.max_file_mb * 1024 * 1024)
        self.max_member = int(self.policy.scan.max_member_mb * 1024 * 1024)

    def scan(self, task: Task) -> list[FileRecord]:
        """One top-level file; a zip yields its own record followed by one per member."""
        rec = FileRecord(task.path, task.size, task.mtime_ns, None, _type(task.path), task.owner)
        is_zip = rec.file_type == "zip"
        if not is_zip and self.registry.for_name(task.path) is None:
            return [_error(rec, UNSUPPORTED, f"unsupported file type {rec.file_type!r}")]
        if task.size > self.max_bytes:
            return [
                _error(
                    rec, TOO_LARGE, f"{task.size} bytes is over the {self.policy.scan.max_file_mb:g} MB limit"
                )
            ]
        try:
            data = _read(task.path)
        except OSError as exc:
            return [_error(rec, UNREADABLE, f"cannot read: {exc.strerror or exc}")]
        rec.bytes_read = len(data)
        rec.size = len(data)
        rec.sha256 = hashlib.sha256(data).hexdigest()
        if task.prev_sha256 is not None and rec.sha256 == task.prev_sha256:
            rec.unchanged_content = True
            return [rec]
        if is_zip:
            return self._zip(rec, data, task.path, depth=1)
        self._content(rec, data, task.path, task.root)
        return [rec]

    def scan_bytes(self, data: bytes, name: str, *, root: str | None = None) -> FileRecord:
        """Classify in-memory content as if it were the file `name` (used by sanitise and retrieval)."""
        rec = FileRecord(name, len(data), 0, hashlib.sha256(data).hexdigest(), _type(name))
        self._content(rec, data, name, root)
        return rec

    def _content(self, rec: FileRecord, data: bytes, name: str, root: str | None) -> None:
        extractor = self.registry.for_name(name)
        if extractor is None:
            _error(rec, UNSUPPORTED, f"unsupported file type {rec.file_type!r}")
            return
        try:
            extracted = extractor.extract(data, os.path.basename(name))
            existing: list[ExistingLabel] = []
            if root is not None and rec.container is None:
                side = sidecar_for(name, root)
                if side is not None and side.label:
                    existing.append(ExistingLabel("sidecar", side.label))
            rec.classification = self.classifier.classify(extracted, path=name, existing=existing)
            if rec.owner is None and extracted.meta.get("author"):
                rec.owner = str(extracted.meta["author"])[:200]
        except ExtractError as exc:
            _error(rec, exc.kind, str(exc))
        except (KeyboardInterrupt, SystemExit, MemoryError):
            raise
        except Exception as exc:  # an extractor bug must cost one file, never the run
            log.warning("extractor failed on a file: %s", type(exc).__name__)
            _error(rec, "extractor_failed", f"{type(exc).__name__}: {exc}"[:300])

    def _zip(self, rec: FileRecord, data: bytes, container: str, depth: int) -> list[FileRecord]:
        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
            infos = zf.infolist()
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            return [_error(rec, CORRUPT, f"corrupt zip archive ({exc})")]
        out: list[FileRecord] = []
        total = 0
        for info in infos:
            if info.is_dir():
                continue
            mpath = f"{rec.path}!/{info.filename}"
            m = FileRecord(
                mpath, info.file_size, 0, None, _type(info.filename), rec.owner, container=container
            )
            if info.flag_bits & 0x1:
                out.append(_error(m, ENCRYPTED, "encrypted zip member"))
                continue
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > self.max_member or (info.file_size > 1 << 20 and ratio > _MAX_RATIO):
                out.append(
                    _error(m, TOO_LARGE, f"member of {info.file_size} bytes (ratio {ratio:.0f}) skipped")
                )
                continue
            total += info.file_size
            if total > self.max_bytes * 4:
                out.append(_error(m, TOO_LARGE, "archive expands beyond the scan limit; rest skipped"))
                break
            try:
                member = zf.read(info)
            except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError) as exc:
                out.append(_error(m, CORRUPT, f"unreadable zip member ({exc})"))
                continue
            m.sha256 = hashlib.sha256(member).hexdigest()
            if m.file_type == "zip" and depth < _MAX_ZIP_DEPTH:
                out.extend(self._zip(m, member, container, depth + 1))
                continue
            self._content(m, member, info.filename, None)
            out.append(m)
        rec.classification = aggregate([r.classification for r in out if r.classification], len(out))
        return [rec, *out]


def aggregate(parts: list[Classification], members: int) -> Classification:
    """A container's classification: the highest label, all categories, summed counts."""
    label = max((p.label for p in parts), default=DataClass.PUBLIC)
    content = max((p.content_label for p in parts), default=DataClass.PUBLIC)
    cats: list[str] = []
    ents: dict[str, int] = {}
    for p in parts:
        cats.extend(c for c in p.categories if c not in cats)
        for k, v in p.entities.items():
            ents[k] = ents.get(k, 0) + v
    return Classification(
        label=label,
        content_label=content,
        existing_label=None,
        categories=cats,
        entities=ents,
        reasons=[f"archive of {members} members; highest member label {label}"],
        evidence=[],
        injection=any(p.injection for p in parts),
        injection_signals=sorted({s for p in parts for s in p.injection_signals}),
    )


def _read(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


def _type(path: str) -> str:
    ext = os.path.splitext(path)[1].lower().lstrip(".")
    return ext or "none"


def _error(rec: FileRecord, kind: str, message: str) -> FileRecord:
    rec.error, rec.error_kind, rec.classification = message, kind, None
    return rec


# -- process-pool plumbing ---------------------------------------------------------------------------

_WORKER: FileScanner | None = None


def init_worker(policy_data: dict[str, Any], registry_factory: Callable[[], ExtractorRegistry]) -> None:
    global _WORKER
    _WORKER = FileScanner(GovernPolicy.model_validate(policy_data), registry_factory())


def run_batch(tasks: list[Task]) -> list[FileRecord]:
    assert _WORKER is not None, "init_worker was not called in this process"
    out: list[FileRecord] = []
    for t in tasks:
        out.extend(_WORKER.scan(t))
    return out
