"""The generated first-run policy: valid, commented, environment-driven, never holding a key."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from accord.detect import inspect
from accord.errors import NotFound
from accord.policy import Policy, RequestInfo, decide, load_policy, write_default_policy

from .conftest import who

OPENAI = {"OPENAI_API_KEY": "sk-live-should-never-be-written-0001", "OPENAI_BASE_URL": "http://127.0.0.1:9/v1"}


def test_default_policy_without_keys_has_only_echo(tmp_path: Path) -> None:
    path = write_default_policy(tmp_path / "accord.yaml", env={})
    text = path.read_text()
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#") or " # " in line]
    assert len(comments) > 30, "the file is commented for first-time readers"
    p = load_policy(path, env={})
    assert [r.name for r in p.routes_for(who())] == ["echo"]
    with pytest.raises(NotFound) as info:
        p.route_for("gpt-4o-mini", who())
    assert "OPENAI_API_KEY" in (info.value.hint or "")


def test_openai_env_enables_pass_through_without_writing_the_key(tmp_path: Path) -> None:
    path = write_default_policy(tmp_path / "accord.yaml", env=OPENAI)
    assert OPENAI["OPENAI_API_KEY"] not in path.read_text()
    p = load_policy(path, env=OPENAI)
    route = p.route_for("gpt-4o-mini", who("anyteam"))
    assert (route.name, route.provider, route.model, route.base_url) == (
        "openai", "openai", "gpt-4o-mini", "http://127.0.0.1:9/v1",
    )  # fmt: skip
    assert route.api_key is not None and route.api_key.get() == OPENAI["OPENAI_API_KEY"]
    assert route.cost(1_000_000, 1_000_000) == pytest.approx(0.75)
    with pytest.raises(NotFound):
        p.route_for("claude-3-5-haiku", who())  # anthropic needs its own key
    env = {"ANTHROPIC_API_KEY": "x"}
    a = load_policy(path, env=env).route_for("claude-3-5-haiku-latest", who())
    assert (a.name, a.model, a.base_url) == ("anthropic", "claude-3-5-haiku-latest", "https://api.anthropic.com")


def test_default_base_url_when_env_unset(tmp_path: Path) -> None:
    p = load_policy(write_default_policy(tmp_path / "a.yaml", env={}), env={"OPENAI_API_KEY": "k"})
    assert p.route_for("gpt-4o", who()).base_url == "https://api.openai.com/v1"


def test_round_trip_through_yaml_is_identical(tmp_path: Path) -> None:
    p = load_policy(write_default_policy(tmp_path / "accord.yaml", env={}), env={})
    dumped = tmp_path / "dumped.yaml"
    dumped.write_text(yaml.safe_dump(p.public_dump()))
    again = load_policy(dumped, env={})
    assert again.public_dump() == p.public_dump()
    assert again.routes == p.routes and again.rules == p.rules


def test_existing_file_is_left_alone_unless_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "accord.yaml"
    path.write_text("# mine\n")
    write_default_policy(path, env={})
    assert path.read_text() == "# mine\n"
    write_default_policy(path, env={}, overwrite=True)
    assert "routes:" in path.read_text()
    assert [p.name for p in tmp_path.iterdir()] == ["accord.yaml"], "no temp files left behind"


@pytest.fixture(scope="module")
def with_openai(tmp_path_factory: pytest.TempPathFactory) -> Policy:
    path = write_default_policy(tmp_path_factory.mktemp("d") / "accord.yaml", env=OPENAI)
    return load_policy(path, env=OPENAI)


@pytest.mark.parametrize(
    ("text", "route", "action", "rule"),
    [
        ("What is the capital of France?", "gpt-4o-mini", "allow", None),
        ("Mail jane.doe@example.com or call +1 415 555 2671", "gpt-4o-mini", "redact", "redact-personal-data"),
        ("Card 4111 1111 1111 1111 please", "gpt-4o-mini", "redact", "redact-personal-data"),
        ("my key is ghp_R8x2kQ9vLm3nP7tY4wZ1bC6dF0gH5jK2sA9e ok", "gpt-4o-mini", "block", "block-secrets-external"),
        ("my key is ghp_R8x2kQ9vLm3nP7tY4wZ1bC6dF0gH5jK2sA9e ok", "echo", "allow", None),
        ("Mail jane.doe@example.com", "echo", "redact", "redact-personal-data"),
    ],
)
def test_default_rules_on_real_detections(with_openai: Policy, text: str, route: str, action: str, rule: str | None) -> None:
    d = decide(with_openai, who(), RequestInfo(route, "openai"), inspect(text))
    assert (d.action, d.rule) == (action, rule)
    if action == "block":
        assert d.message and "private" in d.message


def test_default_output_guard_hides_secrets(with_openai: Policy) -> None:
    d = decide(with_openai, who(), RequestInfo("echo", "openai", "output"), inspect("ghp_R8x2kQ9vLm3nP7tY4wZ1bC6dF0gH5jK2sA9e"))
    assert d.action == "block" and d.rule == "guardrails.output"
