"""Who is calling: an Accord virtual key (`sk-accord-...`) or, when configured, an OIDC bearer JWT.

Keys are verified by `store.keys.averify`: a cache hit never touches the database on the hot path,
a miss runs in a worker thread so it never blocks the event loop. Revoking or rotating a key in this
process takes effect at once; a key revoked from another process (`accord keys revoke`) stops working
within the store's key cache TTL (10 s). Verified JWTs are cached until they expire.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import jwt
import orjson

from accord.errors import AuthenticationError, ConfigError
from accord.policy.identity import Identity
from accord.policy.settings import JwtSettings

log = logging.getLogger(__name__)

CACHE_MAX = 50_000
JWKS_TTL = 300.0
#: A token naming a kid we do not know refetches the JWKS (the IdP may have rotated its keys), but
#: at most this often: otherwise every forged token would make the gateway call the IdP.
JWKS_MIN_REFRESH_S = 30.0
#: After a failed JWKS load, wait this long before the next try (requests meanwhile fail closed).
JWKS_RETRY_S = 5.0

_MISSING = AuthenticationError(
    "no API key: send 'Authorization: Bearer sk-accord-...' (or 'x-api-key')",
    hint="create a key with `accord keys create --team T --user U`",
)


def bearer_token(headers: dict[bytes, bytes]) -> str | None:
    auth = headers.get(b"authorization")
    if auth:
        scheme, _, value = auth.partition(b" ")
        if scheme.lower() == b"bearer" and value.strip():
            return value.strip().decode("latin-1")
    key = headers.get(b"x-api-key")
    if key:
        return key.strip().decode("latin-1")
    return None


class JwtVerifier:
    """Verifies bearer JWTs against a JWKS (file or URL), cached; maps claims to an Identity."""

    def __init__(self, settings: JwtSettings, base_dir: Path) -> None:
        self.settings = settings
        self._base_dir = base_dir
        self._keys: dict[str, Any] = {}
        self._loaded_at = 0.0
        self._next_try = 0.0
        self._lock = asyncio.Lock()
        self._cache: dict[str, tuple[Identity, float]] = {}

    def _load_jwks(self) -> dict[str, Any]:
        s = self.settings
        if s.jwks_file:
            path = Path(s.jwks_file).expanduser()
            if not path.is_absolute():
                path = self._base_dir / path
            data = orjson.loads(path.read_bytes())
        elif s.jwks_url:
            import urllib.request

            with urllib.request.urlopen(s.jwks_url, timeout=5) as resp:
                data = orjson.loads(resp.read())
        else:
            raise ConfigError("auth.jwt needs jwks_file or jwks_url", field="auth.jwt")
        keys: dict[str, Any] = {}
        for jwk in jwt.PyJWKSet.from_dict(data).keys:
            keys[jwk.key_id or ""] = jwk
        return keys

    def _due(self, kid: str, now: float) -> bool:
        if now < self._next_try:
            return False
        return not self._keys or now - self._loaded_at > JWKS_TTL or kid not in self._keys

    async def _key_for(self, kid: str) -> Any:
        if self._due(kid, time.monotonic()):
            async with self._lock:
                now = time.monotonic()
                if self._due(kid, now):  # another request may have reloaded while we waited
                    try:
                        self._keys = await asyncio.to_thread(self._load_jwks)
                        self._loaded_at, self._next_try = now, now + JWKS_MIN_REFRESH_S
                    except Exception as exc:
                        self._next_try = now + JWKS_RETRY_S
                        log.warning("cannot load the JWKS: %s", exc)
        if not self._keys:
            raise AuthenticationError("the identity provider's keys (JWKS) cannot be loaded")
        jwk = self._keys.get(kid) or (self._keys.get("") if len(self._keys) == 1 else None)
        if jwk is None:
            raise AuthenticationError("the token was signed with an unknown key (kid)")
        return jwk

    async def verify(self, token: str) -> Identity:
        hit = self._cache.get(token)
        now = time.time()
        if hit is not None and hit[1] > now:
            return hit[0]
        s = self.settings
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise AuthenticationError("the bearer token is neither an Accord key nor a valid JWT") from None
        jwk = await self._key_for(str(header.get("kid") or ""))
        try:
            claims = jwt.decode(
                token,
                jwk.key,
                algorithms=list(s.algorithms),
                audience=s.audience,
                issuer=s.issuer,
                leeway=s.leeway_s,
                options={"require": ["exp"], "verify_aud": s.audience is not None},
            )
        except jwt.PyJWTError as exc:
            raise AuthenticationError(f"the bearer JWT was rejected: {exc}") from None
        except (TypeError, ValueError):
            # e.g. an HMAC algorithm allowed by the policy but a public key in the JWKS: fail closed.
            raise AuthenticationError("the bearer JWT was rejected: its algorithm does not fit the signing key") from None
        identity = self.identity(claims)
        if len(self._cache) >= CACHE_MAX:
            self._cache.clear()
        self._cache[token] = (identity, float(claims.get("exp", now)))
        return identity

    def identity(self, claims: dict[str, Any]) -> Identity:
        s = self.settings
        user = claims.get(s.user_claim)
        team = claims.get(s.team_claim) or s.default_team
        if not user or not team:
            missing = s.user_claim if not user else s.team_claim
            raise AuthenticationError(f"the JWT has no {missing!r} claim", hint="set auth.jwt.default_team or map another claim")
        groups = claims.get(s.groups_claim) or ()
        roles = claims.get(s.roles_claim) or ()
        return Identity(
            tenant=str(claims.get(s.tenant_claim) or s.default_tenant),
            team=str(team),
            user=str(user),
            key_id=None,
            app=str(claims[s.app_claim]) if claims.get(s.app_claim) else None,
            groups=frozenset(map(str, groups if isinstance(groups, list) else [groups])),
            roles=frozenset(map(str, roles if isinstance(roles, list) else [roles])),
        )


class Authenticator:
    def __init__(self, verify_key: Callable[[str], Awaitable[Identity | None]], jwt_verifier: JwtVerifier | None = None) -> None:
        #: store.keys.averify: cache hits stay on the loop, a miss goes to a worker thread
        self._verify_key = verify_key
        self.jwt = jwt_verifier
        self.api_keys = True

    async def authenticate(self, headers: dict[bytes, bytes]) -> Identity:
        token = bearer_token(headers)
        if token is None:
            raise _MISSING
        if token.startswith("sk-accord-"):
            if not self.api_keys:
                raise AuthenticationError("Accord API keys are turned off by the policy (auth.api_keys: false)")
            identity = await self._verify_key(token)
            if identity is None:
                raise AuthenticationError("invalid, revoked or expired API key")
            return identity
        if self.jwt is not None and token.count(".") == 2:
            return await self.jwt.verify(token)
        raise AuthenticationError("invalid API key", hint="Accord keys start with 'sk-accord-'")
