"""Adversarial inputs finish (time stays linear): no timing assertions, the suite's timeout and
budget catch a regression. Each case also checks the result, so it cannot pass by accident."""

from __future__ import annotations

import base64
import random

import pytest

from accord.detect.secrets import SecretsRecognizer
from tests.detect.secrets.fakes import checksummed


@pytest.fixture(scope="module")
def recognizer() -> SecretsRecognizer:
    return SecretsRecognizer()


def test_ten_megabytes_of_one_letter(recognizer: SecretsRecognizer) -> None:
    assert recognizer.analyze("a" * 10_000_000) == []


def test_long_base64_runs(recognizer: SecretsRecognizer) -> None:
    rnd = random.Random(3)
    blob = base64.b64encode(rnd.randbytes(600_000)).decode()
    assert recognizer.analyze(blob) == []
    urlsafe = base64.urlsafe_b64encode(rnd.randbytes(300_000)).decode()
    assert all(e.kind == "generic-prefixed-token" for e in recognizer.analyze(urlsafe))


def test_repeated_prefixes_and_keywords(recognizer: SecretsRecognizer) -> None:
    for text in ("AKIA" * 100_000, "eyJhbGciOiJIUzI1NiJ9.eyJ" * 20_000, "api_key=" * 50_000, "$1$" * 100_000,
                 "-----BEGIN RSA PRIVATE KEY-----\n" * 2_000, "https://hooks.slack.com/services/T" * 10_000):
        recognizer.analyze(text)  # must return; the values are not secrets
    assert recognizer.analyze("AKIA" * 100_000) == []


def test_many_real_findings_stay_linear(recognizer: SecretsRecognizer) -> None:
    token = checksummed("ghp_")
    text = (f"t={token}\n") * 20_000
    found = recognizer.analyze(text)
    assert len(found) == 20_000
    assert all(text[e.start : e.end] == token for e in found)


def test_multibyte_text_with_a_secret_at_the_end(recognizer: SecretsRecognizer) -> None:
    token = checksummed("ghp_")
    text = "é日🔑" * 300_000 + token
    (e,) = recognizer.analyze(text)
    assert text[e.start : e.end] == token


def test_context_rules_stay_linear_on_repeated_contexts(recognizer: SecretsRecognizer) -> None:
    """Each structural rule's pre-filter hits every repetition; its confirmation is bounded, so
    200 KB of repeated contexts cost well under a second each and report nothing."""
    for unit in ("psexec \\\\h -u a ", "zip a.zip b ", "sshpass ", "login: admin / ", "creds for x are ", "API Key  ",
                 "use abcdef1 as ", 'variable "db_password" { ', ".Values.token | ", '<entry key="password">',
                 "net user a ", "IDENTIFIED BY ", "auth=(", "impacket-psexec ", "token ||", "h:5432:"):
        text = unit * (200_000 // len(unit))
        assert recognizer.analyze(text) == [], unit
