"""Private key material: PEM blocks (RSA, EC, DSA, OpenSSH, PKCS#8, PGP), PuTTY, age, WireGuard.

PEM bodies run to several kilobytes, so these are window rules: Hyperscan finds the BEGIN line
and the full pattern runs on the following window only. The reported span is the key body
(between the BEGIN and END lines), which is what must be redacted.
"""

from __future__ import annotations

from accord.detect.secrets.rule import SecretRule, keyed, tok
from accord.detect.secrets.validators import bech32_ok, pem_body_ok, wireguard_key_ok

_PEM_WINDOW = 16_384
# Optional RFC 1421 headers (Proc-Type, DEK-Info) or PGP armor headers (Version, Comment).
_PEM_HEADERS = r"(?:[ \t]*(?:\r?\n|\\n)[ \t]*[A-Za-z][A-Za-z-]{1,20}:[^\n\\]{0,200})*"
# Base64 lines; `\\` admits JSON-escaped newlines ("...\\nMIIE..."), quotes and commas a key
# written as concatenated string literals ("-----BEGIN RSA PRIVATE KEY-----" +\n"MIIE..." +).
_PEM_BODY = (
    r"(?:\s|\\[nr]|[\"'](?:[ \t]*[+,])?)*(?P<secret>[A-Za-z0-9+/=][A-Za-z0-9+/=\s\\\"',]{38,16000}[A-Za-z0-9+/=](?<!\\[nr]))"
)


def _pem(rule_id: str, label: str, description: str, score: float) -> SecretRule:
    begin = rf"-----BEGIN {label}-----"
    return SecretRule(
        id=rule_id,
        description=description,
        pattern=begin + _PEM_HEADERS + _PEM_BODY + rf"(?:-----END {label}-----)?",
        keywords=("private key",),
        hs_pattern=begin,
        window=_PEM_WINDOW,
        validator=pem_body_ok,
        score=score,
        suppress="off",
    )


RULES: tuple[SecretRule, ...] = (
    _pem("private-key-rsa", "RSA PRIVATE KEY", "PEM RSA private key (PKCS#1)", 0.99),
    _pem("private-key-ec", "EC PRIVATE KEY", "PEM elliptic-curve private key (SEC 1)", 0.99),
    _pem("private-key-dsa", "DSA PRIVATE KEY", "PEM DSA private key", 0.99),
    _pem("private-key-openssh", "OPENSSH PRIVATE KEY", "OpenSSH private key (ssh-keygen's default)", 0.99),
    _pem("private-key-pkcs8", "PRIVATE KEY", "PEM PKCS#8 private key (unencrypted)", 0.99),
    _pem("private-key-pkcs8-encrypted", "ENCRYPTED PRIVATE KEY", "PEM PKCS#8 encrypted private key", 0.97),
    _pem("private-key-pgp", "PGP PRIVATE KEY BLOCK", "OpenPGP ASCII-armored private key block", 0.99),
    _pem("private-key-ssh2", "SSH2 ENCRYPTED PRIVATE KEY", "SSH.com / Tectia private key", 0.97),
    SecretRule(
        id="private-key",
        description="Any other PEM private key block (e.g. 'ANY PRIVATE KEY', 'X25519 PRIVATE KEY')",
        pattern=r"-----BEGIN [A-Z0-9 ]{1,30}PRIVATE KEY(?: BLOCK)?-----" + _PEM_HEADERS + _PEM_BODY,
        keywords=("private key",),
        hs_pattern=r"-----BEGIN [A-Z0-9 ]{1,30}PRIVATE KEY",
        window=_PEM_WINDOW,
        validator=pem_body_ok,
        score=0.96,
        suppress="off",
    ),
    SecretRule(
        id="putty-private-key",
        description="PuTTY .ppk private key (the Private-Lines section)",
        pattern=r"PuTTY-User-Key-File-\d:[^\n]{1,100}(?:\r?\n[^\n]{0,200}){1,20}?\r?\nPrivate-Lines: \d{1,3}\r?\n"
        r"(?P<secret>(?:[A-Za-z0-9+/=]{1,64}\r?\n){0,59}[A-Za-z0-9+/=]{1,64})(?=\r?\n)",
        keywords=("putty-user-key-file",),
        window=8192,
        score=0.99,
        suppress="off",
    ),
    SecretRule(
        id="age-secret-key",
        description="age encryption identity (X25519 secret key, bech32 with checksum)",
        pattern=tok(r"AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}"),
        keywords=("age-secret-key-1",),
        checksum=bech32_ok,
        score=0.97,
    ),
    SecretRule(
        id="age-plugin-secret-key",
        description="age plugin identity (e.g. AGE-PLUGIN-YUBIKEY-1...)",
        pattern=tok(r"AGE-PLUGIN-[A-Z0-9]{1,20}-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{20,200}"),
        keywords=("age-plugin-",),
        checksum=bech32_ok,
        score=0.9,
    ),
    SecretRule(
        id="wireguard-private-key",
        description="WireGuard PrivateKey / PresharedKey (32 bytes, base64) in a wg config",
        pattern=keyed(r"private[_-]?key|preshared[_-]?key", r"[A-Za-z0-9+/]{43}=", right="A-Za-z0-9+/="),
        keywords=("key",),
        validator=wireguard_key_ok,
        entropy=3.5,
        score=0.9,
    ),
)
