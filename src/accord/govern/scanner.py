"""`accord scan`: walk, skip what has not changed, scan the rest in parallel, record in batches.

Incremental: a file whose size and mtime match the inventory is skipped without being opened; a
file whose stat data changed is read and hashed, and only re-classified when the hash changed.
Resumable: results are committed every `batch_size` files, so a re-run after an interruption
skips everything already committed. Errors are recorded per file and never stop the run.
"""

from __future__ import annotations

import fnmatch
import logging
import multiprocessing
import os
import pwd
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from accord.detect import default_engine
from accord.errors import InputError
from accord.govern.acl import is_sidecar
from accord.govern.extract import ExtractorRegistry, default_registry
from accord.govern.inventory import Dataset, Inventory
from accord.govern.types import FileRecord
from accord.govern.worker import FileScanner, Task, init_worker, run_batch
from accord.policy.sections.govern import GovernPolicy

log = logging.getLogger(__name__)
_TASK_FILES = 32
_TASK_BYTES = 32 * 1024 * 1024
_FLUSH_S = 2.0

#: progress(files_done, files_total, bytes_done)
Progress = Callable[[int, int, int], None]


@dataclass(slots=True)
class ScanStats:
    files_seen: int = 0
    #: skipped on size+mtime alone: never opened
    files_skipped: int = 0
    #: opened and read (top-level files; zip members are counted in `members`)
    files_read: int = 0
    bytes_read: int = 0
    #: read and hashed, but the content hash matched: not re-classified
    files_unchanged_content: int = 0
    files_classified: int = 0
    members: int = 0
    errors: int = 0
    removed: int = 0
    elapsed_s: float = 0.0

    def add(self, other: ScanStats) -> None:
        for k, v in asdict(other).items():
            setattr(self, k, getattr(self, k) + v)

    def to_dict(self) -> dict[str, float | int]:
        d = asdict(self)
        d["elapsed_s"] = round(self.elapsed_s, 3)
        return d


@dataclass(slots=True)
class ScanOutcome:
    dataset: Dataset
    given: str
    stats: ScanStats = field(default_factory=ScanStats)


@lru_cache(maxsize=1024)
def owner_name(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


class Scanner:
    def __init__(
        self,
        inventory: Inventory,
        policy: GovernPolicy | None = None,
        *,
        workers: int | None = None,
        registry_factory: Callable[[], ExtractorRegistry] = default_registry,
        batch_size: int = 200,
        progress: Progress | None = None,
        skip_paths: tuple[str, ...] = (),
    ) -> None:
        self.inventory = inventory
        self.policy = policy or GovernPolicy()
        self.workers = max(1, workers if workers is not None else (os.cpu_count() or 1))
        self.registry_factory = registry_factory
        self.batch_size = max(1, batch_size)
        self.progress = progress
        self.skip_paths = tuple(os.path.realpath(p) for p in skip_paths)

    # -- walking ----------------------------------------------------------------------------------

    def _walk(self, root: str) -> Iterator[tuple[str, os.stat_result]]:
        if os.path.isfile(root):
            yield root, os.stat(root)
            return
        excludes = self.policy.scan.exclude
        for folder, dirs, files in os.walk(root, followlinks=False):
            if any(folder == p or folder.startswith(p + os.sep) for p in self.skip_paths):
                dirs[:] = []
                continue
            dirs.sort()
            for name in sorted(files):
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, root)
                if is_sidecar(path) or any(fnmatch.fnmatch(rel, pat) for pat in excludes):
                    continue
                try:
                    st = os.lstat(path)
                except OSError:
                    continue
                if not os.path.isfile(path) or os.path.islink(path):
                    continue
                yield path, st

    # -- scanning ---------------------------------------------------------------------------------

    def scan(self, path: str, name: str | None = None) -> ScanOutcome:
        if not os.path.exists(path):
            raise InputError(
                f"{path}: no such file or directory", hint="check the path you passed to 'accord scan'"
            )
        root = os.path.realpath(path)
        dataset = self.inventory.dataset(name or root, root, "files")
        outcome = ScanOutcome(dataset, path)
        stats = outcome.stats
        started = time.perf_counter()
        known = self.inventory.known(dataset)
        seen: set[str] = set()
        todo: list[Task] = []
        total_bytes = 0
        for fpath, st in self._walk(root):
            stats.files_seen += 1
            seen.add(fpath)
            prev = known.get(fpath)
            if prev is not None and prev.size == st.st_size and prev.mtime_ns == st.st_mtime_ns:
                stats.files_skipped += 1
                continue
            todo.append(
                Task(
                    fpath,
                    st.st_size,
                    st.st_mtime_ns,
                    owner_name(st.st_uid),
                    prev.sha256 if prev else None,
                    root,
                )
            )
            total_bytes += st.st_size
        scan_id = self.inventory.begin_scan(dataset)
        status = "interrupted"
        try:
            self._run(dataset, scan_id, root, todo, stats)
            gone = [p for p in known if p not in seen]
            if gone:
                self.inventory.remove(dataset, gone)
                stats.removed = len(gone)
            status = "done"
        finally:
            stats.elapsed_s = time.perf_counter() - started
            self.inventory.finish_scan(scan_id, status, stats.to_dict())
        log.info("scanned %s: %s", dataset.name, stats.to_dict())
        return outcome

    def _run(self, dataset: Dataset, scan_id: int, root: str, todo: list[Task], stats: ScanStats) -> None:
        pending: list[FileRecord] = []
        touched: list[tuple[str, int, int]] = []
        last_flush = time.monotonic()
        done = 0
        done_bytes = 0

        def flush() -> None:
            nonlocal last_flush
            self.inventory.save(dataset, scan_id, root, pending)
            if touched:
                self.inventory.touch(dataset, touched)
            pending.clear()
            touched.clear()
            last_flush = time.monotonic()

        def take(records: list[FileRecord]) -> None:
            nonlocal done, done_bytes
            for r in records:
                if r.container is not None:
                    stats.members += 1
                    stats.errors += r.error is not None
                    pending.append(r)
                    continue
                done += 1
                done_bytes += r.size
                stats.files_read += r.bytes_read > 0 or r.sha256 is not None
                stats.bytes_read += r.bytes_read
                if r.unchanged_content:
                    stats.files_unchanged_content += 1
                    touched.append((r.path, r.size, r.mtime_ns))
                    continue
                stats.errors += r.error is not None
                stats.files_classified += r.classification is not None
                pending.append(r)
            if len(pending) >= self.batch_size or time.monotonic() - last_flush > _FLUSH_S:
                flush()
            if self.progress:
                self.progress(done, len(todo), done_bytes)

        try:
            if not todo:
                return
            if self.workers == 1 or len(todo) <= 1:
                scanner = FileScanner(self.policy, self.registry_factory())
                for task in todo:
                    take(scanner.scan(task))
            else:
                self._parallel(todo, take)
        finally:
            # Commit whatever finished, also when interrupted: that is what makes a re-run resume.
            flush()

    def _parallel(self, todo: list[Task], take: Callable[[list[FileRecord]], None]) -> None:
        batches = _batches(todo)
        limit = self.workers * 3
        if multiprocessing.get_start_method() == "fork":
            # Compile the Detect engine once here: forked workers inherit it instead of each compiling it.
            default_engine()
        with ProcessPoolExecutor(
            max_workers=self.workers,
            initializer=init_worker,
            initargs=(self.policy.model_dump(), self.registry_factory),
        ) as pool:
            inflight: set[Future[list[FileRecord]]] = set()
            try:
                for batch in batches:
                    while len(inflight) >= limit:
                        finished, inflight = _wait(inflight)
                        for f in finished:
                            take(f.result())
                    inflight.add(pool.submit(run_batch, batch))
                while inflight:
                    finished, inflight = _wait(inflight)
                    for f in finished:
                        take(f.result())
            except BaseException:
                for f in inflight:
                    f.cancel()
                raise


def _wait(
    inflight: set[Future[list[FileRecord]]],
) -> tuple[set[Future[list[FileRecord]]], set[Future[list[FileRecord]]]]:
    done, rest = wait(inflight, return_when=FIRST_COMPLETED)
    return set(done), set(rest)


def _batches(tasks: list[Task]) -> Iterator[list[Task]]:
    """Small files travel together (fewer round trips); a big file travels alone."""
    batch: list[Task] = []
    size = 0
    for t in tasks:
        if batch and (len(batch) >= _TASK_FILES or size + t.size > _TASK_BYTES):
            yield batch
            batch, size = [], 0
        batch.append(t)
        size += t.size
    if batch:
        yield batch


def scan_database(
    inventory: Inventory,
    url: str,
    policy: GovernPolicy | None = None,
    name: str | None = None,
    *,
    tables: list[str] | None = None,
) -> ScanOutcome:
    """Sample and classify every table at `url`; the dataset's rows are replaced as a whole."""
    from accord.govern.dbscan import DatabaseScanner, masked_url

    shown = masked_url(url)
    dataset = inventory.dataset(name or shown, shown, "database")
    outcome = ScanOutcome(dataset, shown)
    started = time.perf_counter()
    known = inventory.known(dataset)
    scan_id = inventory.begin_scan(dataset)
    status = "interrupted"
    try:
        records = DatabaseScanner(policy=policy).scan(url, tables=tables)
        inventory.save(dataset, scan_id, shown, records)
        # With a table filter, only the tables scanned are replaced; others keep their last result.
        gone = [] if tables else [p for p in known if p not in {r.path for r in records}]
        if gone:
            inventory.remove(dataset, gone)
        s = outcome.stats
        s.files_seen = s.files_read = s.files_classified = len(records)
        s.errors = sum(r.error is not None for r in records)
        s.removed = len(gone)
        status = "done"
    finally:
        outcome.stats.elapsed_s = time.perf_counter() - started
        inventory.finish_scan(scan_id, status, outcome.stats.to_dict())
    return outcome
