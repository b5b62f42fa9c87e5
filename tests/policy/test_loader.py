"""The loader: every bad edit is reported with file, line, field, the bad value and a hint."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from accord.errors import ConfigError
from accord.policy import load_policy

from .conftest import ENV

GOOD = """\
version: 1
routes:
  - name: ext
    provider: openai
    api_key: $env:T_KEY
    max_class: confidential
    fallback: local
  - name: local
    provider: echo
    max_class: restricted
    private: true
teams:
  eng:
    routes: [ext, local]
rules:
  - name: pii
    when:
      entities: [EMAIL_ADDRESS]
    action: redact
  - name: hr
    when: {categories: [hr]}
    action: route
    target: local
quotas:
  key:
    rpm: 600
"""


def _edit(old: str, new: str) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new, 1)


# (id, edited text, line, field fragment, message fragments, hint fragment)
BAD_EDITS = [
    ("wrong type", _edit("    rpm: 600", "    rpm: lots"), 26, "quotas.key.rpm", ["'lots'"], "docs/policy.md"),
    ("unknown key with suggestion", _edit("    max_class: restricted", "    max_clas: restricted"), 10,
     "routes[1].max_clas", ["unknown setting 'max_clas'"], "did you mean 'max_class'"),
    ("bad data class", _edit("    max_class: confidential", "    max_class: secret"), 6, "routes[0].max_class",
     ["'secret'", "public, internal, confidential, restricted"], ""),
    ("bad provider enum", _edit("    provider: echo", "    provider: bedrock"), 9, "routes[1].provider",
     ["'bedrock'", "'openai'"], ""),
    ("bad action enum", _edit("    action: redact", "    action: mask"), 19, "rules[0].action", ["'mask'"], ""),
    ("missing env secret", _edit("$env:T_KEY", "$env:NOT_SET_ANYWHERE"), 5, "routes[0].api_key",
     ["NOT_SET_ANYWHERE is not set"], ""),
    ("literal secret refused", _edit("$env:T_KEY", "sk-live-abcdef123456"), 5, "routes[0].api_key",
     ["literal secrets are not allowed"], ""),
    ("dangling team route", _edit("routes: [ext, local]", "routes: [ext, gpt5]"), 14, "teams.eng.routes[1]",
     ["unknown route 'gpt5'"], "defined routes: ext, local"),
    ("dangling fallback", _edit("fallback: local", "fallback: backup"), 7, "routes[0].fallback",
     ["'backup' is not defined"], "defined routes"),
    ("fallback cycle", _edit("    private: true", "    private: true\n    fallback: ext"), 7, "routes[0].fallback",
     ["fallback cycle: ext -> local -> ext"], ""),
    ("route target not private", _edit("    target: local", "    target: ext"), 23, "rules[1].target",
     ["'ext' is not private"], "private: true"),
    ("route target unknown", _edit("    target: local", "    target: vault"), 23, "rules[1].target",
     ["'vault' is not defined"], ""),
    ("block without message", _edit("    action: redact", "    action: block"), 16, "rules[0]",
     ["coaching 'message'"], ""),
    ("yaml syntax error", _edit("    routes: [ext, local]", "    routes: [ext, local"), 15, "",
     ["YAML syntax error"], "indentation"),
    ("duplicate key", _edit("    max_class: restricted", "    max_class: restricted\n    max_class: public"), 11,
     "routes[1].max_class", ["duplicate key 'max_class'"], ""),
    ("negative quota", _edit("    rpm: 600", "    rpm: -5"), 26, "quotas.key.rpm", ["greater than or equal to 1"], ""),
    ("duplicate route name", _edit("  - name: local", "  - name: ext"), 8, "routes[1].name",
     ["duplicate route name 'ext'"], ""),
    ("top level not a mapping", "- just\n- a list\n", 1, "", ["must be a mapping"], "routes:"),
]


@pytest.mark.parametrize(("name", "text", "line", "field", "parts", "hint"), BAD_EDITS, ids=[b[0] for b in BAD_EDITS])
def test_bad_edit_names_file_line_field_value(
    write_policy: Callable[[str], Path], name: str, text: str, line: int, field: str, parts: list[str], hint: str
) -> None:
    path = write_policy(text)
    with pytest.raises(ConfigError) as info:
        load_policy(path, env=ENV)
    err = info.value
    assert err.file == str(path)
    assert err.line == line, str(err)
    assert (err.field or "").startswith(field), str(err)
    text_of_error = str(err)
    assert text_of_error.startswith(f"{path}:{line}: ")
    for part in parts:
        assert part in text_of_error
    assert err.hint, "every error carries a hint"
    assert hint in err.hint
    assert err.exit_code == 3


def test_good_policy_loads(write_policy: Callable[[str], Path]) -> None:
    p = load_policy(write_policy(GOOD), env=ENV)
    assert [r.name for r in p.routes] == ["ext", "local"]
    assert p.routes[0].api_key is not None and p.routes[0].api_key.get() == ENV["T_KEY"]
    assert p.digest and len(p.digest) == 64


def test_secret_value_never_in_repr_dump_or_errors(write_policy: Callable[[str], Path]) -> None:
    p = load_policy(write_policy(GOOD), env=ENV)
    secret = ENV["T_KEY"]
    assert secret not in repr(p) and secret not in str(p.routes[0].api_key)
    assert secret not in str(p.public_dump()) and secret not in p.model_dump_json()
    assert p.public_dump()["routes"][0]["api_key"] == "$env:T_KEY"
    bad = write_policy(GOOD.replace("    rpm: 600", "    rpm: nope"))
    with pytest.raises(ConfigError) as info:
        load_policy(bad, env=ENV)
    assert secret not in str(info.value)


def test_file_secret_resolves_relative_to_policy(write_policy: Callable[[str], Path], tmp_path: Path) -> None:
    (tmp_path / "key.txt").write_text("from-a-file\n")
    p = load_policy(write_policy(GOOD.replace("$env:T_KEY", "$file:key.txt")), env={})
    assert p.routes[0].api_key is not None and p.routes[0].api_key.get() == "from-a-file"
    with pytest.raises(ConfigError, match="cannot read secret file"):
        load_policy(write_policy(GOOD.replace("$env:T_KEY", "$file:missing.txt")), env={})


def test_missing_file_and_bad_utf8(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found") as info:
        load_policy(tmp_path / "nope.yaml")
    assert info.value.hint
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"routes: []\n# \xff\xfe\n")
    with pytest.raises(ConfigError, match="UTF-8"):
        load_policy(bad)


def test_empty_file_is_a_closed_policy(write_policy: Callable[[str], Path]) -> None:
    p = load_policy(write_policy(""), env={})
    assert p.routes == () and p.teams == {}


def test_several_errors_are_all_listed(write_policy: Callable[[str], Path]) -> None:
    text = GOOD.replace("    rpm: 600", "    rpm: x").replace("    max_class: restricted", "    max_class: top")
    with pytest.raises(ConfigError) as info:
        load_policy(write_policy(text), env=ENV)
    assert info.value.line == 10  # errors sorted by line: the first one leads
    assert "also: line 26: quotas.key.rpm" in str(info.value)


def test_disabled_route_needs_no_secret_but_cannot_be_a_route_target(write_policy: Callable[[str], Path]) -> None:
    text = GOOD.replace("    api_key: $env:T_KEY", "    api_key: $env:T_KEY\n    enabled_if_env: T_KEY")
    p = load_policy(write_policy(text), env={})
    assert [r.name for r in p.active_routes] == ["local"]
    text = GOOD.replace("    private: true", "    private: true\n    enabled_if_env: LOCAL_ON")
    with pytest.raises(ConfigError, match="disabled") as info:
        load_policy(write_policy(text), env=ENV)
    assert info.value.line == 24 and "LOCAL_ON" in (info.value.hint or "")  # one line was inserted above
