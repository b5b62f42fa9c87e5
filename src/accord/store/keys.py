"""Virtual API keys: 256-bit random tokens shown once, stored as SHA-256 hashes.

The hot path (`verify`) is one hash and one dict lookup: verified identities are cached for
`cache_ttl_s` (default 10 s), unknown keys for 2 s. Revoking or rotating in this process drops the
entry at once; in another process (the CLI while the gateway runs) it takes effect within the TTL.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import Engine, select, update

from accord.errors import InputError, NotFound
from accord.policy.identity import Identity
from accord.store.audit import AuditLog
from accord.store.db import now_iso
from accord.store.models import keys_table

KEY_PREFIX = "sk-accord-"
_DISPLAY_CHARS = len(KEY_PREFIX) + 6
_NEGATIVE_TTL_S = 2.0
_CACHE_MAX = 50_000
_keys = keys_table


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def _iso(value: datetime | str | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return now_iso(value.timestamp())


@dataclass(frozen=True, slots=True)
class KeyRecord:
    id: str
    prefix: str
    tenant: str
    team: str
    user: str
    app: str | None
    roles: tuple[str, ...]
    groups: tuple[str, ...]
    created_at: str
    expires_at: str | None = None
    revoked_at: str | None = None
    rotated_from: str | None = None
    bootstrap: bool = False

    def active(self, now: str | None = None) -> bool:
        now = now or now_iso()
        return (self.revoked_at is None or self.revoked_at > now) and (self.expires_at is None or self.expires_at > now)

    @property
    def identity(self) -> Identity:
        return Identity(
            tenant=self.tenant,
            team=self.team,
            user=self.user,
            key_id=self.id,
            app=self.app,
            groups=frozenset(self.groups),
            roles=frozenset(self.roles),
        )

    def to_dict(self) -> dict[str, Any]:
        """Public view: never the hash, never the key."""
        return {
            "id": self.id, "prefix": self.prefix, "tenant": self.tenant, "team": self.team, "user": self.user,
            "app": self.app, "roles": list(self.roles), "groups": list(self.groups), "created_at": self.created_at,
            "expires_at": self.expires_at, "revoked_at": self.revoked_at, "rotated_from": self.rotated_from,
            "bootstrap": self.bootstrap, "active": self.active(),
        }  # fmt: skip

    @classmethod
    def from_row(cls, row: Any) -> KeyRecord:
        return cls(
            id=row.id, prefix=row.prefix, tenant=row.tenant, team=row.team, user=row.user, app=row.app,
            roles=tuple(orjson.loads(row.roles)), groups=tuple(orjson.loads(row.groups)),
            created_at=row.created_at, expires_at=row.expires_at, revoked_at=row.revoked_at,
            rotated_from=row.rotated_from, bootstrap=bool(row.bootstrap),
        )  # fmt: skip


def _check_name(what: str, value: str) -> str:
    if not value.strip() or len(value) > 200 or any(ord(c) < 32 or c == "\x7f" for c in value):
        raise InputError(f"invalid {what} {value!r}: 1 to 200 printable characters")
    return value.strip()


class KeyStore:
    def __init__(self, engine: Engine, audit: AuditLog, *, cache_ttl_s: float = 10.0) -> None:
        self._engine, self._audit, self.cache_ttl_s = engine, audit, cache_ttl_s
        # key hash -> (identity or None, valid-until monotonic, key expiry iso or None)
        self._cache: dict[str, tuple[Identity | None, float, str | None]] = {}
        self._lock = threading.Lock()

    # --- hot path ---------------------------------------------------------------------------------

    def _cached(self, digest: str) -> tuple[bool, Identity | None]:
        hit = self._cache.get(digest)
        if hit is None or hit[1] < time.monotonic():
            return False, None
        ident, _, expires = hit
        if ident is not None and expires is not None and expires <= now_iso():
            return True, None
        return True, ident

    def verify(self, raw: str) -> Identity | None:
        """The identity behind a raw key, or None (unknown, revoked or expired)."""
        if not raw.startswith(KEY_PREFIX) or len(raw) > 200:
            return None
        digest = hash_key(raw)
        found, ident = self._cached(digest)
        if found:
            return ident
        return self._lookup(digest)

    async def averify(self, raw: str) -> Identity | None:
        """`verify` for async code: cache hits stay on the loop, a miss goes to a worker thread."""
        if not raw.startswith(KEY_PREFIX) or len(raw) > 200:
            return None
        digest = hash_key(raw)
        found, ident = self._cached(digest)
        if found:
            return ident
        return await asyncio.to_thread(self._lookup, digest)

    def _lookup(self, digest: str) -> Identity | None:
        with self._engine.connect() as conn:
            row = conn.execute(select(_keys).where(_keys.c.hash == digest)).first()
        ident, expires, ttl = None, None, _NEGATIVE_TTL_S
        # The index finds the row by hash; the constant-time compare keeps the final check timing-flat.
        if row is not None and hmac.compare_digest(row.hash, digest):
            rec = KeyRecord.from_row(row)
            if rec.active():
                ident, ttl = rec.identity, self.cache_ttl_s
                expires = min(x for x in (rec.expires_at, rec.revoked_at, "~") if x is not None)
                expires = None if expires == "~" else expires
        with self._lock:
            if len(self._cache) >= _CACHE_MAX:
                self._cache.clear()
            self._cache[digest] = (ident, time.monotonic() + ttl, expires)
        return ident

    def _forget(self, key_id: str) -> None:
        with self._lock:
            for digest, (ident, _, _) in list(self._cache.items()):
                if ident is not None and ident.key_id == key_id:
                    del self._cache[digest]

    # --- administration ---------------------------------------------------------------------------

    def create(
        self,
        tenant: str = "default",
        team: str = "default",
        user: str = "default",
        *,
        app: str | None = None,
        roles: Iterable[str] = (),
        groups: Iterable[str] = (),
        expires_at: datetime | str | None = None,
        actor: str = "system",
        _rotated_from: str | None = None,
        _bootstrap: bool = False,
    ) -> tuple[str, KeyRecord]:
        """Mint a key. Returns the raw key (shown once, never stored) and its record."""
        raw = KEY_PREFIX + secrets.token_urlsafe(32)
        rec = KeyRecord(
            id=secrets.token_hex(8),
            prefix=raw[:_DISPLAY_CHARS],
            tenant=_check_name("tenant", tenant),
            team=_check_name("team", team),
            user=_check_name("user", user),
            app=_check_name("app", app) if app else None,
            roles=tuple(sorted({_check_name("role", r) for r in roles})),
            groups=tuple(sorted({_check_name("group", g) for g in groups})),
            created_at=now_iso(),
            expires_at=_iso(expires_at),
            rotated_from=_rotated_from,
            bootstrap=_bootstrap,
        )
        values = {**rec.to_dict(), "hash": hash_key(raw), "roles": orjson.dumps(list(rec.roles)).decode()}
        values["groups"] = orjson.dumps(list(rec.groups)).decode()
        del values["active"]
        with self._engine.begin() as conn:
            conn.execute(_keys.insert().values(**values))
        self._audit.admin(
            "key.rotate" if _rotated_from else "key.create",
            actor=actor,
            tenant=rec.tenant,
            team=rec.team,
            key_id=rec.id,
            detail={"user": rec.user, "app": rec.app, "roles": list(rec.roles), "rotated_from": _rotated_from},
        )
        return raw, rec

    def get(self, key_id: str) -> KeyRecord:
        with self._engine.connect() as conn:
            row = conn.execute(select(_keys).where(_keys.c.id == key_id)).first()
        if row is None:
            raise NotFound(f"no key with id {key_id!r}", hint="list keys with 'accord keys list'")
        return KeyRecord.from_row(row)

    def list(
        self, *, tenant: str | None = None, team: str | None = None, include_revoked: bool = True
    ) -> list[KeyRecord]:
        q = select(_keys).order_by(_keys.c.created_at, _keys.c.id)
        if tenant is not None:
            q = q.where(_keys.c.tenant == tenant)
        if team is not None:
            q = q.where(_keys.c.team == team)
        with self._engine.connect() as conn:
            recs = [KeyRecord.from_row(r) for r in conn.execute(q)]
        return recs if include_revoked else [r for r in recs if r.active()]

    def revoke(self, key_id: str, *, actor: str = "system", at: str | None = None) -> KeyRecord:
        """Stop a key from working now (or at `at`, an ISO time: rotation grace). Idempotent."""
        rec = self.get(key_id)
        now = now_iso()
        if rec.revoked_at is not None and rec.revoked_at <= now:
            return rec
        when = at or now
        with self._engine.begin() as conn:
            conn.execute(update(_keys).where(_keys.c.id == key_id).values(revoked_at=when))
        self._forget(key_id)
        detail = {"effective_at": when} if at else {}
        self._audit.admin("key.revoke", actor=actor, tenant=rec.tenant, team=rec.team, key_id=key_id, detail=detail)
        return self.get(key_id)

    def rotate(self, key_id: str, *, grace_s: float = 0.0, actor: str = "system") -> tuple[str, KeyRecord]:
        """A new key with the same identity; the old one stops working now (or after `grace_s`)."""
        old = self.get(key_id)
        if not old.active():
            raise InputError(f"key {key_id!r} is revoked or expired; create a new key instead")
        raw, rec = self.create(
            old.tenant, old.team, old.user, app=old.app, roles=old.roles, groups=old.groups,
            expires_at=old.expires_at, actor=actor, _rotated_from=old.id, _bootstrap=old.bootstrap,
        )  # fmt: skip
        self.revoke(key_id, actor=actor, at=now_iso(time.time() + grace_s) if grace_s > 0 else None)
        return raw, rec

    def ensure_admin_key(
        self, *, tenant: str = "default", team: str = "admin", user: str = "admin", actor: str = "accord up"
    ) -> tuple[str, KeyRecord]:
        """Mint the start-up admin key and revoke the previous start's one (a per-run session key).

        Each `accord up` prints a fresh admin key that stays valid until the next start. For a
        long-lived admin key, use `accord keys create --role admin`.
        """
        with self._engine.connect() as conn:
            previous = [r.id for r in conn.execute(select(_keys.c.id).where(_keys.c.bootstrap.is_(True), _keys.c.revoked_at.is_(None)))]
        for key_id in previous:
            self.revoke(key_id, actor=actor)
        return self.create(tenant, team, user, roles=("admin",), actor=actor, _bootstrap=True)
