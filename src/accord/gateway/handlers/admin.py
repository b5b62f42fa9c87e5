"""Admin API (admin-role key or JWT): keys and policy reload. Every action is audited.

Least privilege across tenants: an admin of tenant `default` administers the installation; an admin
of any other tenant sees, creates, rotates and revokes only its own tenant's keys, and may not reload
the policy.

    POST /admin/keys                  {"team", "user", "tenant"?, "roles"?, "groups"?} -> 201 {"key", ...}
    GET  /admin/keys                  -> {"data": [key records without secrets]}
    POST /admin/keys/{id}/revoke      -> the key record (revoked_at set)
    POST /admin/keys/{id}/rotate      -> 201 {"key", ...} (the old key stops working)
    POST /admin/policy/reload         -> {"reloaded", "sha256"}; 400 with the line-numbered error
"""

from __future__ import annotations

import asyncio
from typing import Any

from accord.errors import ConfigError, InputError, NotFound, PermissionDenied
from accord.gateway.asgi import Receive, Scope, Send, headers_of, parse_json_object, read_body, send_json
from accord.gateway.exchange import Exchange
from accord.gateway.state import GatewayState
from accord.policy.identity import Identity

ADMIN_MAX_BODY = 64 * 1024
#: Admins of this tenant administer the whole installation; an admin of any other tenant (an MSSP's
#: client) manages only its own tenant's keys and may not reload the installation's policy.
INSTALL_TENANT = "default"


def record(rec: Any) -> dict[str, Any]:
    """A key record as JSON: the store's public view (never the hash, never the key)."""
    return dict(rec.to_dict(), object="accord.key")


def _actor(identity: Identity) -> str:
    return f"key:{identity.key_id}" if identity.key_id else f"user:{identity.user}"


async def _admin(state: GatewayState, ex: Exchange, scope: Scope) -> Identity:
    _, identity, _ = await state.identify(ex, scope)
    if not identity.is_admin:
        raise PermissionDenied("the admin API needs an admin key", hint="create one with `accord keys create --role admin`")
    return identity


def _tenant_scope(identity: Identity) -> str | None:
    """The one tenant this admin may manage, or None for an installation-wide admin."""
    return None if identity.tenant == INSTALL_TENANT else identity.tenant


def _str_list(body: dict[str, Any], key: str) -> tuple[str, ...]:
    value = body.get(key, [])
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise InputError(f"{key}: must be an array of strings")
    return tuple(value)


async def keys(state: GatewayState, ex: Exchange, scope: Scope, receive: Receive, send: Send) -> None:
    identity = await _admin(state, ex, scope)
    ex.decision = "allow"
    only = _tenant_scope(identity)
    if scope["method"] == "GET":
        recs = await asyncio.to_thread(lambda: state.store.keys.list(tenant=only))
        await send_json(send, 200, {"object": "list", "data": [record(r) for r in recs]})
        return
    body = parse_json_object(await read_body(receive, headers_of(scope), ADMIN_MAX_BODY))
    fields: dict[str, Any] = {}
    for name in ("team", "user"):
        if not isinstance(body.get(name), str) or not body[name]:
            raise InputError(f"{name}: required, a non-empty string")
        fields[name] = body[name]
    tenant = body.get("tenant", "default")
    if not isinstance(tenant, str) or not tenant:
        raise InputError("tenant: must be a non-empty string")
    if only is not None and "tenant" not in body:
        tenant = only  # a tenant's admin creates keys in its own tenant by default
    if only is not None and tenant != only:
        raise PermissionDenied(f"an admin of tenant {only!r} may create keys only in tenant {only!r}")
    roles, groups = _str_list(body, "roles"), _str_list(body, "groups")
    app = body.get("app")
    if app is not None and not isinstance(app, str):
        raise InputError("app: must be a string")
    raw, rec = await asyncio.to_thread(
        lambda: state.store.keys.create(
            tenant, fields["team"], fields["user"], app=app, roles=roles, groups=groups, actor=_actor(identity)
        )
    )
    await send_json(send, 201, {"key": raw, **record(rec)})


async def key_action(state: GatewayState, ex: Exchange, scope: Scope, receive: Receive, send: Send) -> None:
    identity = await _admin(state, ex, scope)
    ex.decision = "allow"
    rest = scope["path"][len("/admin/keys/"):]
    key_id, _, action = rest.partition("/")
    if not key_id or action not in ("revoke", "rotate"):
        raise NotFound("unknown admin endpoint", hint="use /admin/keys/{id}/revoke or /admin/keys/{id}/rotate")
    actor = _actor(identity)
    only = _tenant_scope(identity)
    if only is not None:
        rec = await asyncio.to_thread(state.store.keys.get, key_id)
        if rec.tenant != only:  # another tenant's key: answered as if it did not exist
            raise NotFound(f"no key with id {key_id!r}", hint="list keys with GET /admin/keys")
    if action == "revoke":
        rec = await asyncio.to_thread(lambda: state.store.keys.revoke(key_id, actor=actor))
        await send_json(send, 200, record(rec))
    else:
        raw, rec = await asyncio.to_thread(lambda: state.store.keys.rotate(key_id, actor=actor))
        await send_json(send, 201, {"key": raw, **record(rec)})


async def policy_reload(state: GatewayState, ex: Exchange, scope: Scope, receive: Receive, send: Send) -> None:
    identity = await _admin(state, ex, scope)
    if _tenant_scope(identity) is not None:
        raise PermissionDenied(
            f"only an admin of tenant {INSTALL_TENANT!r} may reload the installation's policy",
            hint="ask the installation's administrators",
        )
    ex.decision = "allow"
    old = state.holder.current.digest
    # The holder's callbacks write the audit event (policy.reload, ok or rejected with the error).
    try:
        policy = await asyncio.to_thread(state.holder.reload)
    except ConfigError as exc:
        raise InputError(f"the policy file was rejected, the last good policy stays active: {exc}") from None
    await send_json(send, 200, {"reloaded": policy.digest != old, "sha256": policy.digest})
