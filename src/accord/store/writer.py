"""The background writer: audit events and spend deltas leave the request path through here.

`put` appends to a deque and returns: no lock, no wake-up call, no serialisation on the caller's thread
(a `put_deferred` item is turned into its row by the writer thread). One daemon thread per Store drains
the deque in batches, one transaction per batch. It writes as soon as a batch is full and otherwise
gathers events for up to `linger_s` (50 ms) before writing: a transaction costs ~0.5 ms of CPU
whatever its size, so at low load one transaction per event would cost more than the request itself,
while ~50 ms of gathering makes it ~20-30 us per event. `flush` and `close` cut the wait short.

Overflow (the database is slower than traffic for long enough to fill `queue_size`):

* `on_overflow="block"` (the default): a caller on a plain thread waits for room (back-pressure,
  nothing lost; counted in `stats()["blocked"]`). A caller on an event loop thread is **never**
  blocked — that would stall every request of the process — its events spill past `queue_size`
  (counted in `stats()["spilled"]`) up to `spill_limit` (default 10 x `queue_size`), and only past
  that are they dropped, each drop counted in `stats()["dropped"]` and logged as an error.
* `on_overflow="drop"`: drops at once, counting every drop in `stats()["dropped"]` and logging an
  error; never silently.
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import os
import threading
import time
import weakref
from collections import defaultdict, deque
from collections.abc import Callable
from typing import Any, Literal

log = logging.getLogger(__name__)

_STOP = object()

#: writes rows and spend deltas in one transaction; raises to request a retry
WriteFn = Callable[[list[dict[str, Any]], dict[tuple[str, str], float]], None]

#: writers alive in this process, reset in a forked child (the parent's thread does not exist there)
_WRITERS: weakref.WeakSet[BatchWriter] = weakref.WeakSet()


def _close_at_exit(ref: weakref.ref[BatchWriter]) -> None:
    writer = ref()
    if writer is not None:
        writer.close(timeout=10)


def _after_fork_in_child() -> None:
    for w in list(_WRITERS):
        w._start()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


class _Deferred:
    """An item the writer thread turns into a row (`fn(arg)`), so the producer pays only an append."""

    __slots__ = ("arg", "fn")

    def __init__(self, fn: Callable[[Any], dict[str, Any]], arg: Any) -> None:
        self.fn, self.arg = fn, arg


class BatchWriter:
    def __init__(
        self,
        write: WriteFn,
        *,
        queue_size: int = 10_000,
        batch_size: int = 500,
        on_overflow: Literal["block", "drop"] = "block",
        name: str = "accord-store-writer",
        linger_s: float = 0.05,
        spill_limit: int | None = None,
    ) -> None:
        self._write, self._name = write, name
        self.queue_size, self.batch_size, self.on_overflow = queue_size, batch_size, on_overflow
        self.linger_s = linger_s
        self.spill_limit = spill_limit if spill_limit is not None else 10 * queue_size
        self._closed = False
        self._start()
        _WRITERS.add(self)
        atexit.register(_close_at_exit, weakref.ref(self))

    def _start(self) -> None:
        """(Re)initialise the per-process state: at construction and in a forked child."""
        self._lock = threading.Lock()
        self._room = threading.Condition(self._lock)  # blocked producers wait here for the writer
        self._wake = threading.Event()  # cuts the writer's linger short (flush, close, overflow)
        self._queue: deque[Any] = deque()
        self._stats = {"written": 0, "dropped": 0, "blocked": 0, "spilled": 0, "batches": 0, "errors": 0}
        self._taken = 0  # items the writer thread took off the queue (events and rows only)
        self._spend: dict[tuple[str, str], float] = defaultdict(float)
        self._inflight: dict[tuple[str, str], float] = {}
        self._thread: threading.Thread | None = None

    def _ensure_thread(self) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._thread.start()

    # --- producers --------------------------------------------------------------------------------

    def put(self, row: Any) -> None:
        """Queue a row (or a `_Deferred`); returns at once unless a plain thread must wait for room."""
        if self._closed:
            self._late(row)
            return
        if self._thread is None:
            self._ensure_thread()
        q = self._queue
        if len(q) < self.queue_size:
            q.append(row)  # deque.append is atomic: no lock on the hot path
            return
        self._overflow(row)

    def put_deferred(self, fn: Callable[[Any], dict[str, Any]], arg: Any) -> None:
        """Queue `fn(arg)`, computed on the writer thread (the caller must not mutate `arg` afterwards)."""
        self.put(_Deferred(fn, arg))

    def _late(self, row: Any) -> None:
        # Late events during shutdown must not fail the request that emits them: count and log.
        with self._lock:
            self._stats["dropped"] += 1
        item = row.arg if isinstance(row, _Deferred) else row
        action = item.get("action") if isinstance(item, dict) else getattr(item, "action", None)
        log.error("audit event %r emitted after the store was closed: not written", action)

    def _drop(self, why: str) -> None:
        with self._lock:
            self._stats["dropped"] += 1
            dropped = self._stats["dropped"]
        if dropped == 1 or dropped % 1000 == 0:
            log.error("audit queue full (%s): %d event(s) dropped so far", why, dropped)

    def _overflow(self, row: Any) -> None:
        self._wake.set()
        if self.on_overflow == "drop":
            self._drop(f"{self.queue_size} queued")
            return
        if asyncio._get_running_loop() is not None:
            # Never block an event loop: spill past queue_size, drop (loudly) only past spill_limit.
            if len(self._queue) < self.spill_limit:
                self._queue.append(row)
                with self._lock:
                    self._stats["spilled"] += 1
                    spilled = self._stats["spilled"]
                if spilled == 1 or spilled % 1000 == 0:
                    log.warning("audit queue over %d: the database is not keeping up (%d spilled)", self.queue_size, spilled)
                return
            self._drop(f"{self.spill_limit} queued, spill limit reached")
            return
        waited = 0.0
        with self._room:
            self._stats["blocked"] += 1
            while len(self._queue) >= self.queue_size and not self._closed:
                if not self._room.wait(5.0):
                    waited += 5.0
                    log.warning("audit queue full for %.0f s: the database is not keeping up", waited)
            self._queue.append(row)

    def add_spend(self, scope: str, month: str, usd: float) -> None:
        if self._thread is None:
            self._ensure_thread()
        with self._lock:
            self._spend[(scope, month)] += usd

    def pending_spend(self, scope: str, month: str) -> float:
        with self._lock:
            key = (scope, month)
            return self._spend.get(key, 0.0) + self._inflight.get(key, 0.0)

    def flush(self, timeout: float | None = 30.0) -> bool:
        """Wait until everything emitted or added before this call is committed. False on timeout."""
        thread = self._thread
        if thread is None:
            return not self._spend
        marker = threading.Event()
        self._queue.append(marker)  # FIFO: processed after every event enqueued before it
        self._wake.set()
        deadline = None if timeout is None else time.monotonic() + timeout
        while not marker.wait(0.1):
            if deadline is not None and time.monotonic() > deadline:
                return False
            if not thread.is_alive():
                return False
        return True

    def close(self, timeout: float = 30.0) -> None:
        if self._closed:
            return
        self._closed = True
        thread = self._thread
        if thread is None:
            return
        self._queue.append(_STOP)
        self._wake.set()
        with self._room:
            self._room.notify_all()
        thread.join(timeout)
        stats = self.stats()
        lost = stats["enqueued"] - stats["written"]
        if lost > 0:
            log.error("store closed with %d audit event(s) not yet written", lost)

    def stats(self) -> dict[str, int]:
        """enqueued, written, dropped, blocked, spilled, batches, errors, queued."""
        queued = len(self._queue)  # may count a pending flush marker: a gauge, not an invariant
        with self._lock:
            out = dict(self._stats)
            taken = self._taken
        out["queued"] = queued
        out["enqueued"] = taken + queued
        return out

    # --- the thread -------------------------------------------------------------------------------

    def _take(self) -> tuple[list[Any], list[threading.Event], bool]:
        q, stop = self._queue, False
        batch: list[Any] = []
        markers: list[threading.Event] = []
        limit = self.batch_size
        while q and len(batch) < limit:
            item = q.popleft()
            if item is _STOP:
                stop = True
                break
            if isinstance(item, threading.Event):
                markers.append(item)
            else:
                batch.append(item)
        return batch, markers, stop

    def _rows(self, batch: list[Any]) -> list[dict[str, Any]]:
        rows = []
        for item in batch:
            if isinstance(item, _Deferred):
                try:
                    item = item.fn(item.arg)
                except Exception:
                    log.exception("cannot serialise an audit event: not written")
                    with self._lock:
                        self._stats["dropped"] += 1
                        self._taken -= 1
                    continue
            rows.append(item)
        return rows

    def _run(self) -> None:
        q, wake = self._queue, self._wake
        stop = False
        while not stop:
            if len(q) < self.batch_size and not self._closed:
                # Gather: a transaction per event costs more CPU than the request that produced it.
                wake.wait(self.linger_s)
                wake.clear()
            batch, markers, stop = self._take()
            with self._lock:
                self._taken += len(batch)
                spend, self._spend = dict(self._spend), defaultdict(float)
                self._inflight = spend
            rows = self._rows(batch) if batch else []
            if rows or spend:
                self._write_with_retry(rows, spend, give_up=stop)
            with self._room:
                self._inflight = {}
                self._stats["written"] += len(rows)
                self._stats["batches"] += 1 if rows else 0
                self._room.notify_all()
            for m in markers:
                m.set()

    def _write_with_retry(self, batch: list[dict[str, Any]], spend: dict[tuple[str, str], float], *, give_up: bool) -> None:
        delay, last_error = 0.05, ""
        deadline = time.monotonic() + 30.0
        while True:
            try:
                self._write(batch, spend)
                return
            except Exception as exc:  # any database failure: keep the batch and retry
                with self._lock:
                    self._stats["errors"] += 1
                message = f"{type(exc).__name__}: {exc}".splitlines()[0]
                if message != last_error:
                    log.error("audit/spend write failed, retrying (%d event(s) held): %s", len(batch), message)
                    last_error = message
                if give_up and time.monotonic() > deadline:
                    log.error("giving up on %d audit event(s) at shutdown: %s", len(batch), message)
                    with self._lock:
                        self._stats["dropped"] += len(batch)
                        self._taken -= len(batch)  # counted as dropped, not as enqueued-and-lost
                    return
                time.sleep(delay)
                delay = min(delay * 2, 5.0)
