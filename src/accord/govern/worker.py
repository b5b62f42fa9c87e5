"""Scanning one file: read, hash, extract, classify. Runs in worker processes (or inline).

Everything expensive is built once per process (`FileScanner`): the extractor registry, the
classifier's automaton and the Detect engine. Reading goes through `_read` only, so the byte and
file counters it keeps are the proof that an unchanged file was never opened.
"""

from __future__ import annotations

import gc
import hashlib
import io
import logging
import os
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from accord.detect.types import DataClass
from accord.govern.acl import Sidecar, folder_sidecar, own_sidecar, read_sidecar
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
    #: The sidecar governing the file, as the walk saw it: (path,), () for none, None if unknown.
    sidecar: tuple[str, ...] | None = None


class Outcome(NamedTuple):
    """What a worker sends back per record: the inventory row (`FileRecord.to_row`) and two counters."""

    row: dict[str, Any]
    bytes_read: int
    unchanged_content: bool


def outcomes(records: list[FileRecord]) -> list[Outcome]:
    return [Outcome(r.to_row(), r.bytes_read, r.unchanged_content) for r in records]


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
        #: folder -> its governing folder sidecar; files of one folder travel together, so one lookup
        #: (a stat per folder up to the root) serves them all. Cleared per batch (`forget_sidecars`).
        self._folder_sidecars: dict[tuple[str, str], Sidecar | None] = {}

    def forget_sidecars(self) -> None:
        self._folder_sidecars.clear()

    def _sidecar(self, path: str, root: str, hint: tuple[str, ...] | None = None) -> Sidecar | None:
        if hint is not None:
            if not hint:
                return None
            found = read_sidecar(hint[0])
            if found is not None:
                return found
            # Gone since the walk: look it up as if there were no hint.
        own = own_sidecar(path)
        if own is not None:
            return own
        key = (os.path.dirname(os.path.abspath(path)), root)
        if key not in self._folder_sidecars:
            self._folder_sidecars[key] = folder_sidecar(key[0], root)
        return self._folder_sidecars[key]

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
        self._content(rec, data, task.path, task.root, task.sidecar)
        return [rec]

    def scan_bytes(self, data: bytes, name: str, *, root: str | None = None) -> FileRecord:
        """Classify in-memory content as if it were the file `name` (used by sanitise and retrieval)."""
        rec = FileRecord(name, len(data), 0, hashlib.sha256(data).hexdigest(), _type(name))
        self._content(rec, data, name, root)
        return rec

    def _content(
        self,
        rec: FileRecord,
        data: bytes,
        name: str,
        root: str | None,
        sidecar: tuple[str, ...] | None = None,
    ) -> None:
        extractor = self.registry.for_name(name)
        if extractor is None:
            _error(rec, UNSUPPORTED, f"unsupported file type {rec.file_type!r}")
            return
        try:
            extracted = extractor.extract(data, os.path.basename(name))
            existing: list[ExistingLabel] = []
            if root is not None and rec.container is None:
                side = self._sidecar(name, root, sidecar)
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
    # Unbuffered: one read sized from fstat, no BufferedReader in between (it matters for small files).
    with open(path, "rb", buffering=0) as fh:
        return fh.readall()


def _type(path: str) -> str:
    ext = os.path.splitext(path)[1].lower().lstrip(".")
    return ext or "none"


def _error(rec: FileRecord, kind: str, message: str) -> FileRecord:
    rec.error, rec.error_kind, rec.classification = message, kind, None
    return rec


# -- process-pool plumbing ---------------------------------------------------------------------------

_WORKER: FileScanner | None = None
#: What the inherited _WORKER was built for (prepare_fork): (policy data, registry factory).
_PREPARED: tuple[dict[str, Any], Callable[[], ExtractorRegistry]] | None = None


def prepare_fork(
    policy: GovernPolicy, registry_factory: Callable[[], ExtractorRegistry], suffixes: Iterable[str]
) -> None:
    """Before forking workers: build their scanner here, once, and load the parsers the files need.

    Forked workers inherit both (init_worker then has nothing to do) instead of each compiling the
    cue database and importing python-docx, openpyxl and friends on its own.
    """
    global _WORKER, _PREPARED
    scanner = FileScanner(policy, registry_factory())
    for suffix in sorted(set(suffixes)):
        prepare = getattr(scanner.registry.for_name("x" + suffix), "prepare", None)
        if callable(prepare):
            prepare()
    _WORKER, _PREPARED = scanner, (policy.model_dump(), registry_factory)


def init_worker(policy_data: dict[str, Any], registry_factory: Callable[[], ExtractorRegistry]) -> None:
    global _WORKER
    if _WORKER is None or _PREPARED != (policy_data, registry_factory):  # else inherited (prepare_fork)
        _WORKER = FileScanner(GovernPolicy.model_validate(policy_data), registry_factory())
    # The engine, the scanner and the modules live as long as the worker: the cyclic collector need
    # not walk them again on every full collection (parsers' trees trigger many).
    gc.freeze()


def run_batch(tasks: list[Task]) -> list[Outcome]:
    assert _WORKER is not None, "init_worker was not called in this process"
    _WORKER.forget_sidecars()
    out: list[Outcome] = []
    for t in tasks:
        out.extend(outcomes(_WORKER.scan(t)))
    return out
