"""Structural checks run on candidate values only (never on the whole text).

Validators gate a match (`SecretRule.validator`); checksums raise or lower its score
(`SecretRule.checksum`): a format-valid but checksum-invalid token is still worth reporting,
since it may be truncated or hand-edited, but with less confidence.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import zlib

_B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_B62_ALT = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def base62(number: int, alphabet: str = _B62, width: int = 6) -> str:
    digits = []
    while number:
        number, rem = divmod(number, 62)
        digits.append(alphabet[rem])
    return "".join(reversed(digits)).rjust(width, alphabet[0])


def crc32_base62_ok(token: str) -> bool:
    """GitHub (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`) and npm (`npm_`) token checksum.

    Documented by GitHub ("Behind GitHub's new authentication token formats", 2021; npm's new
    access token format, 2021): after the prefix come 30 random base62 characters and then the
    CRC32 of those 30 characters, base62-encoded and zero-padded to 6 characters.
    """
    body = token.rsplit("_", 1)[-1]
    if len(body) != 36:
        return False
    payload, check = body[:30], body[30:]
    crc = zlib.crc32(payload.encode()) & 0xFFFFFFFF
    return check in (base62(crc), base62(crc, _B62_ALT))


_JSON_HEADER = re.compile(rb'^\{\s*"(?:alg|typ|kid|enc|cty|x5t|jku)"\s*:')


def jwt_ok(token: str) -> bool:
    """A JWS/JWE compact token: the header base64url-decodes to a JSON object naming `alg`.

    A header that no longer parses (one character edited or lost in copying) still counts when
    its decoded bytes open like a JOSE header (`{"alg":`, `{"typ":`, `{"kid":`).
    """
    header = token.split(".", 1)[0]
    raw = header.replace("-", "+").replace("_", "/")
    try:
        decoded = base64.b64decode(raw + "=" * (-len(raw) % 4))
    except (ValueError, binascii.Error):
        return False
    try:
        obj = json.loads(decoded)
    except ValueError:
        return bool(_JSON_HEADER.match(decoded))
    return isinstance(obj, dict) and ("alg" in obj or "enc" in obj)


def basic_auth_ok(value: str) -> bool:
    """`Authorization: Basic <b64>` carries `user:password` once decoded."""
    try:
        raw = base64.b64decode(value + "=" * (-len(value) % 4), validate=True).decode("utf-8")
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return False
    user, sep, password = raw.partition(":")
    return bool(sep) and bool(password) and raw.isprintable()


_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _bech32_polymod(values: list[int]) -> int:
    gen = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if (top >> i) & 1 else 0
    return chk


def bech32_ok(value: str) -> bool:
    """BIP-173 bech32 checksum (age keys are bech32: `AGE-SECRET-KEY-1...`, `age1...`)."""
    value = value.lower()
    hrp, sep, data = value.rpartition("1")
    if not sep or not hrp or len(data) < 6 or any(c not in _BECH32 for c in data):
        return False
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    return _bech32_polymod(expanded + [_BECH32.index(c) for c in data]) == 1


def base64_len_ok(value: str, *, decoded: int) -> bool:
    """Standard base64 that decodes to exactly `decoded` bytes (e.g. 32-byte WireGuard keys)."""
    try:
        return len(base64.b64decode(value, validate=True)) == decoded
    except (ValueError, binascii.Error):
        return False


def wireguard_key_ok(value: str) -> bool:
    return base64_len_ok(value, decoded=32)


_NOT_BASE64 = re.compile(r"[^A-Za-z0-9+/=\s]")
_CONCAT_JOIN = re.compile(r"[\"']?[ \t]*[+,]?[ \t]*\r?\n[ \t]*[\"']|[\"'][ \t]*[+,]?[ \t]*$|^[ \t]*[\"']", re.MULTILINE)


def pem_body_ok(body: str) -> bool:
    """The body of a PEM block has real base64 content (not '...' or 'YOUR KEY HERE')."""
    body = body.replace("\\n", "\n").replace("\\r", "")  # JSON-escaped newlines
    body = _CONCAT_JOIN.sub("\n", body)  # "MIIE..." +\n"AbCd..." (string literals joined in code)
    lines = [ln.strip() for ln in body.strip().splitlines() if ln.strip() and ":" not in ln]
    data = "".join(lines)
    # A character or two off the base64 alphabet is an edited or mis-copied key, still a key.
    stray = len(_NOT_BASE64.findall(data))
    return len(data) >= 40 and stray <= max(2, len(data) // 100) and len(set(data)) > 16
