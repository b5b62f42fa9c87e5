"""Every administrative action taken from the CLI lands on the audit chain, attributed to its user."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from accord.cli.main import main


def test_dataset_approval_and_index_build_are_audited(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Quarterly planning notes for the Oslo office.\n")
    home = str(tmp_path / "home")
    assert main(["scan", str(docs), "--name", "kb", "--home", home]) == 0
    assert main(["data", "approve", "kb", "--home", home]) == 0
    assert main(["data", "index", str(docs), "--name", "kb-index", "--group", "staff", "--home", home]) == 0
    capsys.readouterr()
    assert main(["audit", "export", "--home", home]) == 0
    events = [orjson.loads(line) for line in capsys.readouterr().out.splitlines()]
    by_action = {e["action"]: e for e in events if e["kind"] == "admin"}
    approve, index = by_action["dataset.approve"], by_action["index.build"]
    assert approve["user"].startswith("cli:") and approve["detail"]["dataset"] == "kb" and approve["detail"]["files"] == 1
    assert index["detail"]["index"] == "kb-index" and index["detail"]["acl"] == ["group:staff"]
    assert main(["audit", "verify", "--home", home]) == 0
