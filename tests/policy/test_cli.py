"""`accord policy validate` and `accord policy show`."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from accord.cli.main import main
from accord.policy import write_default_policy


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_ok_and_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write_default_policy(tmp_path / "accord.yaml", env={})
    code, out, _ = run(capsys, "policy", "validate", str(path))
    assert code == 0 and out.startswith("OK:") and "3 route(s)" in out
    text = path.read_text().replace("max_class: restricted", "max_class: top-secret", 1)
    path.write_text(text)
    line = text.splitlines().index("    max_class: top-secret") + 1
    code, out, err = run(capsys, "policy", "validate", str(path))
    assert code == 3 and f"{path}:{line}: routes[0].max_class" in err and "'top-secret'" in err
    assert "Traceback" not in err


def test_validate_uses_home(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write_default_policy(tmp_path / "accord.yaml", env={})
    assert run(capsys, "policy", "validate", "--home", str(tmp_path))[0] == 0
    code, _, err = run(capsys, "policy", "validate", "--home", str(tmp_path / "nope"))
    assert code == 3 and "not found" in err


def test_show_masks_secrets(capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = "sk-live-0123456789-never-shown"
    monkeypatch.setenv("OPENAI_API_KEY", secret)
    path = write_default_policy(tmp_path / "accord.yaml", env={})
    code, out, _ = run(capsys, "policy", "show", "--format", "json", str(path))
    data = orjson.loads(out)
    assert code == 0 and secret not in out
    openai = next(r for r in data["routes"] if r["name"] == "openai")
    assert openai["api_key"] == "$env:OPENAI_API_KEY" and data["_enabled_routes"] == ["echo", "openai"]
    code, out, _ = run(capsys, "policy", "show", str(path))
    assert code == 0 and secret not in out and "guardrails:" in out and "scanner_timeout_ms: 250" in out
