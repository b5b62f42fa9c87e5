"""Signed manifests: approve a dataset, then verify reports added, removed and changed files and bad signatures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.govern.cli_helpers import run_cli


@pytest.fixture
def scanned_home(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    data = tmp_path / "data"
    data.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (data / name).write_text(f"{name} content\n")
    home = tmp_path / "home"
    code, _, err = run_cli(capsys, "scan", str(data), "--home", str(home), "--name", "kb", "--workers", "1")
    assert code == 0, err
    return data, home


def test_verify_is_clean_after_approval(
    scanned_home: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data, home = scanned_home
    code, out, _ = run_cli(capsys, "data", "approve", "kb", "--home", str(home))
    assert code == 0 and "approved 3 files" in out
    code, out, _ = run_cli(capsys, "data", "verify", "kb", "--home", str(home))
    assert code == 0 and out.startswith("OK")


def test_verify_reports_drift(scanned_home: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    data, home = scanned_home
    run_cli(capsys, "data", "approve", "kb", "--home", str(home))
    (data / "a.txt").write_text("poisoned\n")
    (data / "b.txt").unlink()
    (data / "d.txt").write_text("new\n")
    code, out, _ = run_cli(capsys, "data", "verify", "kb", "--home", str(home), "--json")
    assert code == 1
    drift = json.loads(out)
    assert (drift["changed"], drift["removed"], drift["added"], drift["bad_signature"]) == (
        ["a.txt"],
        ["b.txt"],
        ["d.txt"],
        False,
    )


def test_tampered_manifest_fails_signature(
    scanned_home: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data, home = scanned_home
    run_cli(capsys, "data", "approve", "kb", "--home", str(home))
    (data / "a.txt").write_text("poisoned\n")
    manifest = next((home / "manifests").glob("*.json"))
    doc = json.loads(manifest.read_text())
    import hashlib

    doc["manifest"]["files"]["a.txt"] = hashlib.sha256(b"poisoned\n").hexdigest()  # hide the change
    manifest.write_text(json.dumps(doc))
    code, out, _ = run_cli(capsys, "data", "verify", "kb", "--home", str(home))
    assert code == 1 and "signature does not verify" in out


def test_verify_without_approval_is_an_actionable_error(
    scanned_home: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, home = scanned_home
    code, _, err = run_cli(capsys, "data", "verify", "kb", "--home", str(home))
    assert code == 4 and "accord data approve kb" in err
