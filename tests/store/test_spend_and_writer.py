"""Spend survives restarts and adds up across processes; the writer batches and never drops silently."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from accord.store import AuditEvent, current_month, open_store
from accord.store.writer import BatchWriter


def test_spend_persists_and_accumulates(db_url: str) -> None:
    month = current_month()
    a, b = open_store(db_url), open_store(db_url)
    try:
        for _ in range(10):
            a.spend.add("team:acme/eng", month, 0.25)
            b.spend.add("team:acme/eng", month, 0.5)
        assert a.spend.get("team:acme/eng", month) >= 2.5  # own pending deltas are included at once
        a.spend.flush()
        b.spend.flush()
        assert a.spend.get("team:acme/eng", month) == pytest.approx(7.5)
        assert a.spend.totals(month) == {"team:acme/eng": pytest.approx(7.5)}
    finally:
        a.close()
        b.close()
    reopened = open_store(db_url)
    assert reopened.spend.get("team:acme/eng", month) == pytest.approx(7.5)
    assert reopened.spend.get("team:acme/eng", "1999-01") == 0.0
    reopened.close()


def test_emit_is_cheap_and_batched(store: Any) -> None:
    t0 = time.perf_counter()
    for i in range(2000):
        store.audit.emit(AuditEvent(tenant="t", action="chat.completions", decision="allow", status=200, tokens_in=i))
    per_event_s = (time.perf_counter() - t0) / 2000
    assert store.audit.flush()
    stats = store.audit.stats()
    assert stats["written"] == 2000 and stats["dropped"] == 0
    assert stats["batches"] < 200, "events are written many per transaction"
    assert per_event_s < 0.002  # generous: the point is that emit does no database I/O
    assert store.audit.verify().checked == 2000


def _slow_writer(delay: float, **kw: Any) -> tuple[BatchWriter, list[int]]:
    written: list[int] = []

    def write(rows: list[dict[str, Any]], spend: dict[tuple[str, str], float]) -> None:
        time.sleep(delay)
        written.extend(r["n"] for r in rows)

    return BatchWriter(write, **kw), written


def test_overflow_drop_mode_counts_every_drop(caplog: pytest.LogCaptureFixture) -> None:
    w, written = _slow_writer(0.2, queue_size=5, batch_size=2, on_overflow="drop")
    for n in range(50):
        w.put({"n": n})
    stats = w.stats()
    assert stats["dropped"] > 0
    assert w.flush(timeout=10)
    assert len(written) + w.stats()["dropped"] == 50, "every event is either written or counted as dropped"
    assert "dropped" in caplog.text
    w.close()


def test_overflow_block_mode_applies_back_pressure() -> None:
    w, written = _slow_writer(0.05, queue_size=3, batch_size=2, on_overflow="block")
    t0 = time.perf_counter()
    for n in range(20):
        w.put({"n": n})
    assert time.perf_counter() - t0 > 0.1, "producers waited for room"
    assert w.flush(timeout=10)
    assert sorted(written) == list(range(20)) and w.stats()["dropped"] == 0 and w.stats()["blocked"] > 0
    w.close()


def test_write_failures_are_retried_not_lost() -> None:
    attempts = {"n": 0}
    written: list[int] = []

    def flaky(rows: list[dict[str, Any]], spend: dict[tuple[str, str], float]) -> None:
        attempts["n"] += 1
        if attempts["n"] <= 2:
            raise RuntimeError("database is locked")
        written.extend(r["n"] for r in rows)

    w = BatchWriter(flaky)
    for n in range(5):
        w.put({"n": n})
    assert w.flush(timeout=10)
    assert sorted(written) == list(range(5)) and w.stats()["errors"] == 2
    w.close()


def test_emit_after_close_is_counted_and_logged(tmp_path: Any, caplog: pytest.LogCaptureFixture) -> None:
    s = open_store(f"sqlite:///{tmp_path / 'a.db'}")
    s.close()
    s.audit.emit(AuditEvent(tenant="t", action="late.event"))
    assert s.audit.stats()["dropped"] == 1 and "late.event" in caplog.text


def test_concurrent_threads_share_one_chain(db_url: str) -> None:
    stores = [open_store(db_url) for _ in range(3)]

    def work(i: int) -> None:
        for j in range(40):
            stores[i].audit.emit(AuditEvent(tenant="shared", action="x", tokens_in=j))
        stores[i].audit.flush()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result = stores[0].audit.verify()
    assert result.ok and result.checked == 120 and result.heads["shared"][0] == 120
    for s in stores:
        s.close()
