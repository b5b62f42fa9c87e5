"""The public interface: Recognizer protocol, offsets (also after non-ASCII text), rule subsets,
extra rules, allow-lists, overlap resolution, registry errors."""

from __future__ import annotations

import pytest

from accord.detect.secrets import RULES, RuleCompileError, RuleRegistry, SecretRule, SecretsRecognizer, tok
from accord.detect.types import Entity, Recognizer
from tests.detect.secrets.fakes import checksummed, hexs, r


@pytest.fixture(scope="module")
def recognizer() -> SecretsRecognizer:
    return SecretsRecognizer()


def test_implements_the_recognizer_protocol(recognizer: SecretsRecognizer) -> None:
    assert isinstance(recognizer, Recognizer)
    assert recognizer.name == "secrets"
    assert recognizer.entities == ("SECRET",)


def test_entity_fields_and_span_cover_the_value_only(recognizer: SecretsRecognizer) -> None:
    value = r(16) + "!"
    text = f'db:\n  password: "{value}"\n'
    (e,) = recognizer.analyze(text)
    assert isinstance(e, Entity)
    assert (e.type, e.kind, e.recognizer) == ("SECRET", "generic-password", "secrets")
    assert text[e.start : e.end] == value
    assert 0 < e.score <= 1


@pytest.mark.parametrize(
    "prefix",
    ["héllo wörld ", "日本語のテキスト ", "emoji 🔑🔐 then ", "combining e\u0301 ", "\u200b\u200dzero-width ", "a\ud800lone surrogate "],
)
def test_offsets_are_string_indices_after_non_ascii(recognizer: SecretsRecognizer, prefix: str) -> None:
    token = checksummed("ghp_")
    password = r(12) + "9"
    text = f"{prefix}token {token} — ünd password='{password}' ✓"
    found = {e.kind: text[e.start : e.end] for e in recognizer.analyze(text)}
    assert found["github-pat"] == token
    assert found["generic-password"] == password


def test_several_secrets_in_one_text_sorted_by_position(recognizer: SecretsRecognizer) -> None:
    a, b, c = checksummed("ghp_"), "AKIA" + r(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), checksummed("npm_")
    text = f"{c} and {a}\nthen {b}"
    found = recognizer.analyze(text)
    assert [text[e.start : e.end] for e in found] == [c, a, b]
    assert [e.start for e in found] == sorted(e.start for e in found)


def test_checksum_raises_confidence(recognizer: SecretsRecognizer) -> None:
    good = checksummed("ghp_")
    bad = good[:-1] + ("A" if good[-1] != "A" else "B")
    (g,) = recognizer.analyze(good)
    (b,) = recognizer.analyze(bad)
    assert g.kind == b.kind == "github-pat"
    assert g.score > b.score


def test_specific_rule_wins_over_generic_on_the_same_span(recognizer: SecretsRecognizer) -> None:
    token = checksummed("ghp_")
    (e,) = recognizer.analyze(f'api_token = "{token}"')
    assert e.kind == "github-pat"


def test_rule_subset_only_runs_those_rules() -> None:
    cloud = SecretsRecognizer(RULES.select(families=["cloud"]))
    text = f"key AKIA{r(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')} and {checksummed('ghp_')}"
    assert [e.kind for e in cloud.analyze(text)] == ["aws-access-key-id"]
    assert {rule.family for rule in cloud.rules} == {"cloud"}


def test_select_by_id_and_unknown_names() -> None:
    assert [rule.id for rule in RULES.select(ids=["jwt"])] == ["jwt"]
    with pytest.raises(KeyError, match="no secret rule 'nope'"):
        RULES.select(ids=["nope"])
    with pytest.raises(KeyError, match="no secret rule family"):
        RULES.select(families=["nope"])


def test_extra_rules_are_compiled_with_the_built_ins() -> None:
    acme = SecretRule(id="acme-key", description="ACME internal key", pattern=tok(r"acme_[a-f0-9]{16}"), keywords=("acme_",))
    rec = SecretsRecognizer(extra_rules=[acme])
    text = f"ACME=acme_{hexs(16)} and {checksummed('ghp_')}"
    assert {e.kind for e in rec.analyze(text)} == {"acme-key", "github-pat"}


def test_allow_list_by_value_and_pattern() -> None:
    token = checksummed("ghp_")
    assert SecretsRecognizer(allow=[token]).analyze(f"t={token}") == []
    assert SecretsRecognizer(allow_patterns=[r"^ghp_"]).analyze(f"t={token}") == []
    assert SecretsRecognizer().analyze(f"t={token}") != []


def test_registry_rejects_duplicates_and_bad_ids() -> None:
    reg = RuleRegistry()
    rule = SecretRule(id="x-token", description="x", pattern="x_[0-9]{4}")
    reg.register(rule, family="test")
    assert reg.get("x-token").family == "test"
    with pytest.raises(ValueError, match="already registered"):
        reg.register(rule)
    with pytest.raises(ValueError, match="kebab-case"):
        SecretRule(id="Bad_Id", description="x", pattern="x")
    with pytest.raises(ValueError, match="lower case"):
        SecretRule(id="k", description="x", pattern="x", keywords=("ABC",))


def test_compile_errors_name_the_rule() -> None:
    bad_python = SecretRule(id="bad-python", description="x", pattern="(unclosed")
    with pytest.raises(RuleCompileError, match="bad-python"):
        SecretsRecognizer([bad_python])
    backref = SecretRule(id="bad-backref", description="x", pattern=r"(a)\1")
    with pytest.raises(RuleCompileError, match="bad-backref"):
        SecretsRecognizer([backref])


def test_builtin_registry_shape() -> None:
    assert len(RULES) >= 200
    families = RULES.families()
    assert set(families) >= {"cloud", "vcs", "payments", "chat", "ai", "keys", "generic", "databases"}
    for rule in RULES:
        assert rule.description and rule.family
        assert 0 < rule.score <= 1


def test_empty_and_tiny_inputs(recognizer: SecretsRecognizer) -> None:
    assert recognizer.analyze("") == []
    assert recognizer.analyze("a") == []
    assert recognizer.analyze("\n\n") == []


def test_concurrent_use_from_threads(recognizer: SecretsRecognizer) -> None:
    """One compiled database, one Hyperscan scratch per thread: results match the serial ones."""
    from concurrent.futures import ThreadPoolExecutor

    texts = [f"t{i} {checksummed('ghp_')} password='{r(12)}9'" for i in range(64)]
    serial = [recognizer.analyze(t) for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(recognizer.analyze, texts))
    assert parallel == serial
    assert all(len(found) == 2 for found in serial)
