"""Password hashes in crypt(3) and related formats. Not keys, but credential material: a leaked
hash is cracked offline. Plain hex digests (sha256 of a file, git commit ids) are *not* matched:
only self-describing password-hash formats are."""

from __future__ import annotations

from accord.detect.secrets.rule import SecretRule

_C = r"[./A-Za-z0-9]"  # the crypt(3) alphabet
_END = r"(?![./A-Za-z0-9$])"


def _hash(rule_id: str, body: str, keywords: tuple[str, ...], description: str, score: float = 0.8) -> SecretRule:
    return SecretRule(
        id=rule_id,
        description=description,
        pattern=rf"(?<![A-Za-z0-9$])(?P<secret>{body}){_END}",
        keywords=keywords,
        score=score,
    )


RULES: tuple[SecretRule, ...] = (
    _hash("password-hash-md5crypt", rf"\$1\${_C}{{1,8}}\${_C}{{22}}", ("$1$",), "md5crypt password hash ($1$)"),
    _hash("password-hash-apr1", rf"\$apr1\${_C}{{1,8}}\${_C}{{22}}", ("$apr1$",), "Apache htpasswd MD5 hash ($apr1$)"),
    _hash("password-hash-sha256crypt", rf"\$5\$(?:rounds=\d{{1,9}}\$)?{_C}{{1,16}}\${_C}{{43}}", ("$5$",),
          "sha256crypt password hash ($5$)"),
    _hash("password-hash-sha512crypt", rf"\$6\$(?:rounds=\d{{1,9}}\$)?{_C}{{1,16}}\${_C}{{86}}", ("$6$",),
          "sha512crypt password hash ($6$, /etc/shadow)"),
    _hash("password-hash-bcrypt", rf"\$2[abxy]?\$\d{{2}}\${_C}{{53}}", ("$2",), "bcrypt password hash ($2a$/$2b$/$2y$)"),
    _hash("password-hash-cisco-type8", rf"\$8\${_C}{{14}}\${_C}{{43}}", ("$8$",), "Cisco IOS type 8 (PBKDF2-SHA256) secret"),
    _hash("password-hash-cisco-type9", rf"\$9\${_C}{{14}}\${_C}{{43}}", ("$9$",), "Cisco IOS type 9 (scrypt) secret"),
    _hash("password-hash-yescrypt", rf"\$y\$[./A-Za-z0-9]{{1,20}}\${_C}{{1,64}}\${_C}{{43}}", ("$y$",),
          "yescrypt password hash ($y$)"),
    _hash("password-hash-argon2",
          r"\$argon2(?:id|i|d)\$v=\d{1,3}\$m=\d{1,9},t=\d{1,4},p=\d{1,3}\$[A-Za-z0-9+/]{8,128}\$[A-Za-z0-9+/]{16,256}",
          ("$argon2",), "Argon2 password hash"),
    _hash("password-hash-pbkdf2-django", r"pbkdf2_sha(?:1|256|512)\$\d{3,8}\$[A-Za-z0-9./]{4,64}\$[A-Za-z0-9+/=]{28,90}",
          ("pbkdf2_",), "Django PBKDF2 password hash"),
    _hash("password-hash-kerberos-asrep", r"\$krb5asrep\$\d{1,2}\$[^\s:$]{0,200}?:?[a-f0-9]{32}\$[a-f0-9]{64,8000}",
          ("$krb5asrep$",), "Kerberos 5 AS-REP roastable hash (hashcat 18200)", score=0.85),
    _hash("password-hash-kerberos-tgs", r"\$krb5tgs\$\d{1,2}\$[^\s]{0,300}?\$[a-f0-9]{32}\$[a-f0-9]{64,8000}",
          ("$krb5tgs$",), "Kerberos 5 TGS-REP (kerberoasting) hash", score=0.85),
    SecretRule(
        id="password-hash-netntlmv2",
        description="NetNTLMv2 challenge-response (user::domain:challenge:hmac:blob), as captured by Responder",
        pattern=r"(?<![\w$])[A-Za-z0-9._\-]{1,64}::[A-Za-z0-9._\-]{1,64}:(?P<secret>[a-fA-F0-9]{16}:[a-fA-F0-9]{32}:"
        r"[a-fA-F0-9]{100,4000})(?![a-fA-F0-9])",
        keywords=("::",),
        score=0.85,
    ),
)
