"""The audit chain: intact logs verify; edits, deletions and reorderings done behind the store's back
are detected and the first bad event is named."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from accord.store import AuditEvent, Store


def _event(i: int, tenant: str = "default") -> AuditEvent:
    return AuditEvent(
        tenant=tenant,
        action="chat.completions",
        team="eng",
        user="ada",
        key_id="k1",
        route="echo",
        upstream_model="echo",
        decision="redact" if i % 2 else "allow",
        reasons=(f"rule 'pii' (redact): EMAIL_ADDRESS #{i}",),
        entity_counts={"EMAIL_ADDRESS": i % 3},
        tokens_in=10 + i,
        tokens_out=5,
        cost_usd=0.1 * i,  # floats must survive the round trip bit-for-bit
        latency_ms={"scan": 0.25, "upstream": 12.5 + i / 7, "total": 13.0},
        status=200,
        detail={"stream": bool(i % 2), "nested": {"x": [1, 2.5, None]}},
    )


@pytest.fixture
def filled(store: Store) -> Store:
    for i in range(1, 7):
        store.audit.emit(_event(i))
    for i in range(1, 4):
        store.audit.emit(_event(i, tenant="acme"))
    assert store.audit.flush()
    return store


def _id_of(raw_sql: Callable[..., list[Any]], tenant: str, seq: int) -> int:
    return int(raw_sql("SELECT id FROM audit_events WHERE tenant = :t AND seq = :s", t=tenant, s=seq)[0][0])


def test_fresh_log_verifies(filled: Store) -> None:
    result = filled.audit.verify()
    assert result.ok and result.checked == 9 and result.first_bad is None and result.reason is None
    assert set(result.heads) == {"default", "acme"} and result.heads["default"][0] == 6
    assert filled.audit.verify(tenant="acme").checked == 3


def test_edit_is_detected_at_the_edited_event(filled: Store, raw_sql: Callable[..., list[Any]]) -> None:
    rid = _id_of(raw_sql, "default", 3)
    raw_sql("UPDATE audit_events SET decision = 'allow' WHERE id = :i", i=rid)
    result = filled.audit.verify()
    assert not result.ok
    assert result.first_bad is not None
    assert (result.first_bad.tenant, result.first_bad.seq, result.first_bad.id) == ("default", 3, rid)
    assert "does not match its hash" in (result.reason or "")
    assert filled.audit.verify(tenant="acme").ok, "other tenants' chains are unaffected"


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_events SET entity_counts = '{}' WHERE id = :i",
        "UPDATE audit_events SET cost_usd = 0.0 WHERE id = :i",
        "UPDATE audit_events SET ts = '2000-01-01T00:00:00.000000Z' WHERE id = :i",
        "UPDATE audit_events SET prompt = 'injected' WHERE id = :i",
        "UPDATE audit_events SET reasons = '[]' WHERE id = :i",
    ],
)
def test_any_field_edit_is_detected(filled: Store, raw_sql: Callable[..., list[Any]], sql: str) -> None:
    rid = _id_of(raw_sql, "default", 2)
    raw_sql(sql, i=rid)
    result = filled.audit.verify()
    assert not result.ok and result.first_bad is not None and result.first_bad.seq == 2


def test_deletion_is_detected(filled: Store, raw_sql: Callable[..., list[Any]]) -> None:
    raw_sql("DELETE FROM audit_events WHERE tenant = 'default' AND seq = 4")
    result = filled.audit.verify()
    assert not result.ok and result.first_bad is not None
    assert (result.first_bad.tenant, result.first_bad.seq) == ("default", 4)
    assert "missing" in (result.reason or "") and "seq 5" in (result.reason or "")


def test_truncation_of_the_tail_is_detected(filled: Store, raw_sql: Callable[..., list[Any]]) -> None:
    raw_sql("DELETE FROM audit_events WHERE tenant = 'default' AND seq >= 5")
    result = filled.audit.verify()
    assert not result.ok and result.first_bad is not None and result.first_bad.seq == 5
    assert "truncated" in (result.reason or "")


def test_wiping_a_tenant_is_detected(filled: Store, raw_sql: Callable[..., list[Any]]) -> None:
    raw_sql("DELETE FROM audit_events WHERE tenant = 'acme'")
    result = filled.audit.verify()
    assert not result.ok and result.first_bad is not None and result.first_bad.tenant == "acme"


def test_reordering_is_detected(filled: Store, raw_sql: Callable[..., list[Any]]) -> None:
    a, b = _id_of(raw_sql, "default", 2), _id_of(raw_sql, "default", 3)
    raw_sql("UPDATE audit_events SET seq = -1 WHERE id = :i", i=a)
    raw_sql("UPDATE audit_events SET seq = 2 WHERE id = :i", i=b)
    raw_sql("UPDATE audit_events SET seq = 3 WHERE id = :i", i=a)
    result = filled.audit.verify()
    assert not result.ok and result.first_bad is not None
    assert (result.first_bad.seq, result.first_bad.id) == (2, b)


def test_edit_with_recomputed_hash_breaks_the_next_link(filled: Store, raw_sql: Callable[..., list[Any]]) -> None:
    from sqlalchemy import select

    from accord.store.events import chain_hash
    from accord.store.models import audit_table

    rid = _id_of(raw_sql, "default", 3)
    with filled.engine.connect() as conn:
        row = dict(conn.execute(select(audit_table).where(audit_table.c.id == rid)).mappings().one())
    row["decision"] = "allow"
    raw_sql("UPDATE audit_events SET decision = 'allow', hash = :h WHERE id = :i", h=chain_hash(row), i=rid)
    result = filled.audit.verify()
    assert not result.ok and result.first_bad is not None and result.first_bad.seq == 4
    assert "does not link" in (result.reason or "")


def test_events_after_tampering_still_chain_from_the_head(filled: Store) -> None:
    filled.audit.emit(_event(99))
    filled.audit.flush()
    result = filled.audit.verify(tenant="default")
    assert result.ok and result.heads["default"][0] == 7


def test_hostile_text_is_stored_and_verifies(store: Store) -> None:
    weird = AuditEvent(
        tenant="t", action="x\x00y", user="\ud800bad", reasons=("a\x00",),
        detail={"k": "\x00", 1: {2, 3}},  # type: ignore[dict-item]  # hostile on purpose
        prompt="line1\nline2 \u2028 ☃",
    )  # fmt: skip
    store.audit.emit(weird)
    assert store.audit.flush()
    assert store.audit.verify().ok


def test_unknown_latency_keys_are_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="latency_ms"):
        store.audit.emit(AuditEvent(tenant="t", action="x", latency_ms={"queue": 1.0}))
