"""The audit path as the gateway uses it: `emit` never blocks the event loop, even when the database
stalls and the queue is full, and nothing is lost or dropped without being counted."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

from accord.store import AuditEvent
from accord.store.writer import BatchWriter


def test_full_queue_never_blocks_the_event_loop() -> None:
    release = threading.Event()
    written: list[int] = []

    def stalled_write(rows: list[dict[str, Any]], spend: dict[tuple[str, str], float]) -> None:
        release.wait(10)  # a database that hangs until the producer is done
        written.extend(r["n"] for r in rows)

    w = BatchWriter(stalled_write, queue_size=2, batch_size=1, spill_limit=4, on_overflow="block")

    async def producer() -> None:
        for n in range(10):
            w.put({"n": n})  # on the loop: must return at once although the writer is stuck
        release.set()

    asyncio.run(producer())
    assert w.flush(timeout=10)
    stats = w.stats()
    # At most one row was with the stalled writer, so at least 9 went through a full queue.
    assert stats["blocked"] == 0 and stats["spilled"] >= 1 and stats["dropped"] >= 5
    assert len(written) + stats["dropped"] == 10 and stats["written"] == len(written)
    w.close()


def test_plain_threads_still_get_back_pressure() -> None:
    release = threading.Event()

    def stalled_write(rows: list[dict[str, Any]], spend: dict[tuple[str, str], float]) -> None:
        release.wait(10)

    w = BatchWriter(stalled_write, queue_size=2, batch_size=1)
    t = threading.Thread(target=lambda: [w.put({"n": n}) for n in range(6)])
    t.start()
    t.join(0.5)
    assert t.is_alive(), "a plain thread waits for room instead of dropping"
    release.set()
    t.join(10)
    assert w.flush(timeout=10) and w.stats()["written"] == 6 and w.stats()["dropped"] == 0
    w.close()


def test_emit_queues_the_event_and_the_writer_builds_the_row(tmp_path: Any) -> None:
    from accord.store import open_store

    store = open_store(f"sqlite:///{tmp_path / 'a.db'}")
    ev = AuditEvent(tenant="t", action="chat.completions", decision="allow", status=200,
                    entity_counts={"EMAIL_ADDRESS": 1}, latency_ms={"scan": 0.1, "upstream": 0.2, "total": 0.4})
    store.audit.emit(ev)
    queued = store.audit.stats()
    assert queued["enqueued"] == 1
    assert store.audit.flush()
    assert store.audit.stats()["written"] == 1 and store.audit.verify().ok
    store.close()
