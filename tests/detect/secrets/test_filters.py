"""Entropy, randomness and near-miss suppression helpers; validators; the Hyperscan pre-filter
translation."""

from __future__ import annotations

import math
import zlib

import pytest

from accord.detect.secrets.filters import (
    excluded_key,
    generic_reason,
    key_words,
    looks_like_identifier,
    looks_random,
    shannon_entropy,
    strict_reason,
)
from accord.detect.secrets.hspattern import context_prefix, strip_lookarounds, utf8_escape, widen_repeats
from accord.detect.secrets.validators import (
    basic_auth_ok,
    bech32_ok,
    crc32_base62_ok,
    jwt_ok,
    pem_body_ok,
    wireguard_key_ok,
)
from tests.detect.secrets.fakes import B64, HEX, age_secret_key, b64, basic, checksummed, hexs, jwt, r


def test_shannon_entropy_by_charset() -> None:
    assert shannon_entropy("") == 0
    assert shannon_entropy("aaaa") == 0
    assert shannon_entropy("abcd") == pytest.approx(2.0)
    assert shannon_entropy("0123456789abcdef") == pytest.approx(4.0)  # hex maximum
    assert 3.5 < shannon_entropy(hexs(64)) <= 4.0
    assert shannon_entropy(r(64)) > 5.0  # base62 carries more bits per character


@pytest.mark.parametrize("value", [hexs(32), r(24), r(40, B64), "x(^k9$mQ2!vL7@zR4#tW8", b64(30)])
def test_random_values_look_random(value: str) -> None:
    assert looks_random(value)


@pytest.mark.parametrize(
    "value",
    ["password123", "Probability", "thisisnotasecret", "HelloWorldExample", "4096", "550", "abcdefgh", "short"],
)
def test_words_and_numbers_do_not(value: str) -> None:
    assert not looks_random(value)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("AKIAIOSFODNN7EXAMPLE", "documented example key"),
        ("sk_test_EXAMPLEKEY000", "marked as an example"),
        ("${TOKEN}", "template or variable reference"),
        ("{{ secret }}", "template or variable reference"),
        ("********", "masked value"),
        ("ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "masked value"),
        ("aaaaaaaaaaaa", "repeated characters"),
        ("abababababab", "repeated characters"),
        ("sk_live_1234567890123456", "placeholder body"),
        ("a1b2c3d4e5f6g7h8i9j0", "sequential characters"),
    ],
)
def test_strict_reasons(value: str, reason: str) -> None:
    assert strict_reason(value) == reason


def test_strict_lets_real_tokens_through() -> None:
    assert strict_reason(checksummed("ghp_")) is None
    assert strict_reason("sk_test_" + r(24)) is None  # test-mode keys are secrets too


@pytest.mark.parametrize(
    "value",
    ["changeme", "<password>", "your_api_key_here", "YOUR-TOKEN", "dummy", "test", "null", "os.getenv('X')",
     "config.password", "getPassword()", "/run/secrets/db", "Password:", "&lt;secret&gt;", "$ENV_VAR", "%APPDATA%"],
)
def test_generic_reasons(value: str) -> None:
    assert generic_reason(value) is not None


@pytest.mark.parametrize("value", ["hunter2", "open_sesame", "P@ssw0rd!", "password", "correct horse battery staple"])
def test_generic_keeps_real_passwords(value: str) -> None:
    assert generic_reason(value) is None


def test_key_names_that_describe_rather_than_hold() -> None:
    assert key_words("passwordLabel") == ["password", "label"]
    assert key_words("DB_PASSWORD_FILE") == ["db", "password", "file"]
    for key in ("password_label", "max_tokens", "public_key", "csrf_token", "secret_name", "tokenizer", "api_key_id"):
        assert excluded_key(key), key
    for key in ("DB_PASSWORD", "apiKey", "client_secret", "refresh_token", "AWS_SECRET_ACCESS_KEY"):
        assert not excluded_key(key), key


def test_identifiers() -> None:
    assert looks_like_identifier("user_password")
    assert looks_like_identifier("DB_PASS")
    assert not looks_like_identifier("open_sesame")
    assert not looks_like_identifier("hunter2!")


def test_github_and_npm_checksums() -> None:
    token = checksummed("ghp_")
    assert crc32_base62_ok(token)
    assert crc32_base62_ok(checksummed("npm_"))
    assert not crc32_base62_ok(token[:-1] + ("0" if token[-1] != "0" else "1"))
    assert not crc32_base62_ok("ghp_short")
    body = token[4:34]
    assert zlib.crc32(body.encode()) != 0  # the checksum covers the random part


def test_jwt_header_validation() -> None:
    assert jwt_ok(jwt())
    assert jwt_ok(jwt(header={"enc": "A256GCM", "alg": "dir"}))
    assert not jwt_ok(jwt(header={"typ": "TCV2"}))  # JSON, but no alg: not a JOSE header
    assert not jwt_ok("eyJub3QtanNvbg.eyJ4IjoxfQ.sig")  # header is base64 of 'not-json'


def test_basic_auth_bech32_wireguard_pem() -> None:
    assert basic_auth_ok(basic("ada", "hunter2"))
    assert not basic_auth_ok(b64(12).rstrip("="))
    assert bech32_ok(age_secret_key())
    assert not bech32_ok(age_secret_key()[:-1] + "Q")
    assert wireguard_key_ok(b64(32))
    assert not wireguard_key_ok(b64(16))
    assert pem_body_ok("\n".join(b64(48) for _ in range(3)))
    assert not pem_body_ok("...\nYOUR KEY HERE\n...")


def test_strip_lookarounds_keeps_classes_and_escapes() -> None:
    assert strip_lookarounds(r"(?<![A-Z])AKIA[A-Z0-9]{16}(?![A-Z0-9])") == r"AKIA[A-Z0-9]{16}"
    assert strip_lookarounds(r"a(?=[)(])b\(c") == r"ab\(c"
    assert strip_lookarounds(r"[(?=]x") == r"[(?=]x"  # inside a class it is not a group
    with pytest.raises(ValueError, match="backreferences"):
        strip_lookarounds(r"(a)\1")


def test_widen_and_context_prefix() -> None:
    assert widen_repeats(r"x{10,200}y{3}z{2,8}") == (r"x{10,}y{3}z{2,8}", True)
    assert widen_repeats(r"x{2,8}") == (r"x{2,8}", False)
    keyed = r"(?i:(?P<key>(?:heroku)[\w.\-]{0,30}))=(?P<secret>[a-f0-9]{32})"
    assert context_prefix(keyed) == r"(?:(?i:(?P<key>(?:heroku)[\w.\-]{0,30}))=)"
    assert context_prefix(r"(?P<secret>ghp_[A-Za-z0-9]{36})") == r"(?P<secret>ghp_[A-Za-z0-9]{36})"


def test_utf8_escape() -> None:
    assert utf8_escape("abc") == "abc"
    assert utf8_escape("пароль") .startswith(r"(?:\xd0\xbf)")
    with pytest.raises(ValueError, match="class"):
        utf8_escape("[пп]")


def test_hex_alphabet_sanity() -> None:
    assert set(hexs(100)) <= set(HEX)
    assert math.isclose(shannon_entropy("ab" * 10), 1.0)
