"""Fake, format-valid credentials for tests. Generated (seeded) at run time so that no token-like
literal is committed: every value here is random and grants nothing."""

from __future__ import annotations

import base64
import json
import random
import string
import uuid as _uuid
import zlib

from accord.detect.secrets.validators import _bech32_polymod, base62

rng = random.Random(20250101)

HEX = "0123456789abcdef"
UHEX = "0123456789ABCDEF"
LOWER = string.ascii_lowercase
UPPER = string.ascii_uppercase
DIGITS = string.digits
ALNUM = string.ascii_letters + string.digits
LOWNUM = LOWER + DIGITS
UPNUM = UPPER + DIGITS
URLSAFE = ALNUM + "_-"
B64 = ALNUM + "+/"
BASE32 = "abcdefghijklmnopqrstuvwxyz234567"
BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def r(n: int, alphabet: str = ALNUM) -> str:
    """n random characters, re-drawn until every character class of the alphabet appears."""
    while True:
        out = "".join(rng.choice(alphabet) for _ in range(n))
        classes = [c for c in (LOWER, UPPER, DIGITS) if any(ch in c for ch in alphabet)]
        if n < 12 or all(any(ch in c for ch in out) for c in classes):
            return out


def hexs(n: int) -> str:
    return r(n, HEX)


def uuid() -> str:
    return str(_uuid.UUID(int=rng.getrandbits(128), version=4))


def b64(nbytes: int) -> str:
    return base64.b64encode(rng.randbytes(nbytes)).decode()


def b64url(nbytes: int) -> str:
    return base64.urlsafe_b64encode(rng.randbytes(nbytes)).decode().rstrip("=")


def checksummed(prefix: str) -> str:
    """GitHub / npm style: prefix + 30 random base62 + base62(crc32) padded to 6."""
    body = r(30)
    return prefix + body + base62(zlib.crc32(body.encode()) & 0xFFFFFFFF)


def jwt(payload: dict | None = None, header: dict | None = None) -> str:
    h = header or {"alg": "HS256", "typ": "JWT"}
    p = payload or {"sub": r(10), "iat": 1700000000, "role": "admin"}
    enc = lambda obj: base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")  # noqa: E731
    return f"{enc(h)}.{enc(p)}.{b64url(32)}"


def age_secret_key() -> str:
    hrp = "age-secret-key-"
    data = [rng.randrange(32) for _ in range(52)]
    values = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp] + data
    poly = _bech32_polymod([*values, 0, 0, 0, 0, 0, 0]) ^ 1
    check = [(poly >> 5 * (5 - i)) & 31 for i in range(6)]
    return (hrp + "1" + "".join(BECH32[d] for d in data + check)).upper()


def basic(user: str, password: str) -> str:
    return base64.b64encode(f"{user}:{password}".encode()).decode()


def pem_body(lines: int = 8) -> str:
    return "\n".join(b64(48) for _ in range(lines))
