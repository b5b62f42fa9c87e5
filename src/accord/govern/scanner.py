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
import re
import stat
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from accord.detect import default_engine
from accord.errors import InputError
from accord.govern.acl import FILE_SIDECAR_SUFFIX, FOLDER_SIDECAR, is_sidecar
from accord.govern.extract import ExtractorRegistry, default_registry
from accord.govern.inventory import Dataset, Inventory
from accord.govern.worker import (
    FileScanner,
    Outcome,
    Task,
    init_worker,
    outcomes,
    prepare_fork,
    run_batch,
)
from accord.policy.sections.govern import GovernPolicy

log = logging.getLogger(__name__)
_TASK_FILES = 32
#: A task of about this many bytes: big enough that the round trip is noise, small enough that the
#: last tasks of a run keep every worker busy (a 32 MB task left one core idle for seconds at the end).
_TASK_BYTES = 4 * 1024 * 1024
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

    def _walk(self, root: str) -> Iterator[tuple[str, os.stat_result, tuple[str, ...] | None]]:
        """(path, lstat, sidecar hint) of every regular file to scan under `root`.

        The hint names the sidecar governing the file, found from the listings the walk reads anyway
        (`()`: none), so workers need no stat per file and folder to look for one; None: unknown.
        """
        if os.path.isfile(root):
            yield root, os.stat(root), None
            return
        excluded = _exclude_matcher(self.policy.scan.exclude)
        prefix = root.rstrip(os.sep) + os.sep
        governing: dict[str, str | None] = {}  # folder -> its nearest folder sidecar, up to the root
        for folder, dirs, files in os.walk(root, followlinks=False):
            if any(folder == p or folder.startswith(p + os.sep) for p in self.skip_paths):
                dirs[:] = []
                continue
            listed = set(files).union(dirs)
            inherited = governing.get(os.path.dirname(folder)) if folder != root else None
            nearest = os.path.join(folder, FOLDER_SIDECAR) if FOLDER_SIDECAR in listed else inherited
            governing[folder] = nearest
            dirs.sort()
            base = folder + os.sep if folder != root else prefix
            rel_base = base[len(prefix) :]
            for name in sorted(files):
                if is_sidecar(name) or (excluded is not None and excluded(rel_base + name)):
                    continue
                path = base + name
                try:
                    st = os.lstat(path)
                except OSError:
                    continue
                if not stat.S_ISREG(st.st_mode):  # symbolic links, sockets, devices
                    continue
                own = name + FILE_SIDECAR_SUFFIX
                hint = (path + FILE_SIDECAR_SUFFIX,) if own in listed else (nearest,) if nearest else ()
                yield path, st, hint

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
        for fpath, st, sidecar in self._walk(root):
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
                    sidecar,
                )
            )
            total_bytes += st.st_size
        scan_id = self.inventory.begin_scan(dataset)
        status = "interrupted"
        try:
            self._run(dataset, scan_id, root, todo, stats, known)
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

    def _run(
        self,
        dataset: Dataset,
        scan_id: int,
        root: str,
        todo: list[Task],
        stats: ScanStats,
        known: Collection[str] = frozenset(),
    ) -> None:
        pending: list[dict[str, Any]] = []
        touched: list[tuple[str, int, int]] = []
        last_flush = time.monotonic()
        done = 0
        done_bytes = 0

        def flush() -> None:
            nonlocal last_flush
            # Only files the inventory already held can have rows to replace: new files skip the deletes.
            replace = [r["path"] for r in pending if r["container"] is None and r["path"] in known]
            self.inventory.save_rows(dataset, scan_id, root, pending, replace=replace)
            if touched:
                self.inventory.touch(dataset, touched)
            pending.clear()
            touched.clear()
            last_flush = time.monotonic()

        def take(results: list[Outcome]) -> None:
            nonlocal done, done_bytes
            for row, bytes_read, unchanged in results:
                if row["container"] is not None:
                    stats.members += 1
                    stats.errors += row["error"] is not None
                    pending.append(row)
                    continue
                done += 1
                done_bytes += row["size"]
                stats.files_read += bytes_read > 0 or row["sha256"] is not None
                stats.bytes_read += bytes_read
                if unchanged:
                    stats.files_unchanged_content += 1
                    touched.append((row["path"], row["size"], row["mtime_ns"]))
                    continue
                stats.errors += row["error"] is not None
                stats.files_classified += row["label"] is not None
                pending.append(row)
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
                    take(outcomes(scanner.scan(task)))
            else:
                self._parallel(todo, take)
        finally:
            # Commit whatever finished, also when interrupted: that is what makes a re-run resume.
            flush()

    def _parallel(self, todo: list[Task], take: Callable[[list[Outcome]], None]) -> None:
        batches = _batches(todo)
        limit = self.workers * 3
        if multiprocessing.get_start_method() == "fork":
            # Compile the Detect engine and build the scanner once here: forked workers inherit them
            # instead of each compiling and importing everything again.
            default_engine()
            prepare_fork(self.policy, self.registry_factory, {_suffix(t.path) for t in todo})
        with ProcessPoolExecutor(
            max_workers=self.workers,
            initializer=init_worker,
            initargs=(self.policy.model_dump(), self.registry_factory),
        ) as pool:
            inflight: set[Future[list[Outcome]]] = set()
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


def _suffix(path: str) -> str:
    return os.path.splitext(path)[1].lower()


def _exclude_matcher(patterns: Iterable[str]) -> Callable[[str], bool] | None:
    """One compiled regex for every `fnmatch` exclude pattern (matched against the path below the root)."""
    pats = list(patterns)
    if not pats:
        return None
    rx = re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in pats))
    return lambda rel: rx.match(rel) is not None


def _wait(
    inflight: set[Future[list[Outcome]]],
) -> tuple[set[Future[list[Outcome]]], set[Future[list[Outcome]]]]:
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
