"""Virtual keys: create, verify, revoke, rotate; only hashes are stored."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from accord.errors import InputError, NotFound
from accord.store import KEY_PREFIX, Store, open_store


def test_create_and_verify(store: Store) -> None:
    raw, rec = store.keys.create("acme", "eng", "ada", app="notebook", roles=["admin"], groups=["g1", "g2"])
    assert raw.startswith(KEY_PREFIX) and len(raw) == len(KEY_PREFIX) + 43  # 256-bit url-safe token
    assert raw.startswith(rec.prefix) and len(rec.prefix) < 20
    ident = store.keys.verify(raw)
    assert ident is not None
    assert (ident.tenant, ident.team, ident.user, ident.app, ident.key_id) == ("acme", "eng", "ada", "notebook", rec.id)
    assert ident.roles == {"admin"} and ident.groups == {"g1", "g2"} and ident.is_admin


def test_keys_are_unique_and_unguessable(store: Store) -> None:
    raws = {store.keys.create("t", "eng", f"u{i}")[0] for i in range(5)}
    assert len(raws) == 5


@pytest.mark.parametrize("bad", ["", "sk-accord-", "sk-accord-nope", "Bearer x", "sk-proj-abc", "sk-accord-" + "A" * 300])
def test_unknown_keys_do_not_verify(store: Store, bad: str) -> None:
    store.keys.create("t", "eng", "ada")
    assert store.keys.verify(bad) is None


def test_revoke_takes_effect_at_once_in_this_process(store: Store) -> None:
    raw, rec = store.keys.create("t", "eng", "ada")
    assert store.keys.verify(raw) is not None  # now cached
    store.keys.revoke(rec.id)
    assert store.keys.verify(raw) is None
    assert store.keys.revoke(rec.id).revoked_at is not None  # idempotent
    with pytest.raises(NotFound):
        store.keys.revoke("no-such-key")


def test_revoke_elsewhere_takes_effect_within_the_cache_ttl(db_url: str) -> None:
    gateway = open_store(db_url, key_cache_ttl_s=0.2)
    cli = open_store(db_url)
    try:
        raw, rec = cli.keys.create("t", "eng", "ada")
        assert gateway.keys.verify(raw) is not None
        cli.keys.revoke(rec.id)
        time.sleep(0.25)
        assert gateway.keys.verify(raw) is None
    finally:
        gateway.close()
        cli.close()


def test_rotate(store: Store) -> None:
    old_raw, old = store.keys.create("t", "eng", "ada", roles=["admin"])
    new_raw, new = store.keys.rotate(old.id)
    assert new.rotated_from == old.id and new.roles == ("admin",)
    assert store.keys.verify(old_raw) is None
    ident = store.keys.verify(new_raw)
    assert ident is not None and ident.key_id == new.id
    with pytest.raises(InputError):
        store.keys.rotate(old.id)


def test_rotate_with_grace_keeps_old_key_briefly(store: Store) -> None:
    old_raw, old = store.keys.create("t", "eng", "ada")
    new_raw, _ = store.keys.rotate(old.id, grace_s=60)
    assert store.keys.verify(old_raw) is not None and store.keys.verify(new_raw) is not None
    assert store.keys.get(old.id).revoked_at is not None


def test_expired_key_does_not_verify(store: Store) -> None:
    raw, rec = store.keys.create("t", "eng", "ada", expires_at="2000-01-01T00:00:00.000000Z")
    assert store.keys.verify(raw) is None
    assert not rec.active()


def test_list_never_exposes_hash_or_key(store: Store) -> None:
    raw, rec = store.keys.create("t", "eng", "ada")
    store.keys.create("other", "ops", "bob")
    listed = store.keys.list(tenant="t")
    assert [r.id for r in listed] == [rec.id]
    public = listed[0].to_dict()
    assert "hash" not in public and raw not in str(public)
    assert public["prefix"] == rec.prefix and public["active"] is True
    store.keys.revoke(rec.id)
    assert store.keys.list(tenant="t", include_revoked=False) == []


def test_bad_names_are_refused(store: Store) -> None:
    with pytest.raises(InputError):
        store.keys.create("t", "", "ada")
    with pytest.raises(InputError):
        store.keys.create("t", "eng", "ada\n")


def test_admin_bootstrap_key_is_per_start(store: Store) -> None:
    first, rec1 = store.keys.ensure_admin_key()
    assert store.keys.verify(first) is not None and rec1.roles == ("admin",) and rec1.bootstrap
    second, _ = store.keys.ensure_admin_key()
    assert store.keys.verify(first) is None, "the previous start's admin key is revoked"
    ident = store.keys.verify(second)
    assert ident is not None and ident.is_admin


def test_key_actions_are_audited(store: Store) -> None:
    _, rec = store.keys.create("t", "eng", "ada", actor="cli:alice")
    store.keys.rotate(rec.id, actor="cli:alice")
    import io

    buf = io.StringIO()
    store.audit.export(buf, tenant="t")
    import orjson

    events = [orjson.loads(line) for line in buf.getvalue().splitlines()]
    assert [e["action"] for e in events] == ["key.create", "key.rotate", "key.revoke"]
    assert {e["user"] for e in events} == {"cli:alice"} and {e["kind"] for e in events} == {"admin"}
    assert store.audit.verify().ok


def test_averify_for_async_callers(store: Store) -> None:
    raw, rec = store.keys.create("t", "eng", "ada")

    async def check() -> tuple[object, object]:
        return await store.keys.averify(raw), await store.keys.averify("sk-accord-bad")

    ident, none = asyncio.run(check())
    assert getattr(ident, "key_id", None) == rec.id and none is None


def test_only_the_hash_is_stored(tmp_path: Path) -> None:
    s = open_store(f"sqlite:///{tmp_path / 'accord.db'}")
    raw, _ = s.keys.create("t", "eng", "ada")
    s.flush()
    from accord.store.keys import hash_key

    blob = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("accord.db"))
    assert hash_key(raw).encode() in blob
    assert raw.encode() not in blob and raw[len(KEY_PREFIX):].encode() not in blob
    s.close()
