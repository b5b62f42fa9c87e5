"""Inventory queries and exports: list, show, stats, HTML report, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from accord.govern.report import to_html
from tests.govern.cli_helpers import run_cli
from tests.govern.corpus import PLANTED, build_corpus


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("report")
    corpus = build_corpus(root / "corpus")
    (corpus / "<img src=x onerror=alert(1)>.txt").write_text("hello\n")
    h = root / "home"
    from accord.cli.main import main

    assert (
        main(["scan", str(corpus), "--home", str(h), "--name", "corpus", "--workers", "1", "--no-progress"])
        == 0
    )
    return h


def test_list_show_stats(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "data", "list", "--home", str(home))
    assert code == 0 and out.startswith("corpus  [files]")
    code, out, _ = run_cli(
        capsys, "data", "list", "corpus", "--label", "restricted", "--home", str(home), "--json"
    )
    rows = json.loads(out)
    assert rows and all(r["label"] == "restricted" for r in rows)
    code, out, _ = run_cli(capsys, "data", "list", "corpus", "--errors", "--home", str(home))
    assert "encrypted" in out and "corrupt" in out
    code, out, _ = run_cli(
        capsys, "data", "list", "corpus", "--category", "hr", "--home", str(home), "--json"
    )
    assert {Path(r["path"]).name for r in json.loads(out)} >= {"staff.csv", "payroll.xlsx"}
    path = next(r["path"] for r in rows if r["relpath"] == "hr/staff.csv")
    code, out, _ = run_cli(capsys, "data", "show", path, "--home", str(home))
    assert json.loads(out)["label"] == "restricted"
    code, out, _ = run_cli(capsys, "data", "stats", "corpus", "--home", str(home))
    stats = json.loads(out)
    assert stats["errors"] == 4 and stats["categories"]["pii"] >= 6
    code, _, err = run_cli(capsys, "data", "show", "/nope", "--home", str(home))
    assert code == 4 and "accord scan" in err


def test_html_report_is_self_contained_and_escaped(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.html"
    code, _, _ = run_cli(capsys, "data", "report", "corpus", "--out", str(out), "--home", str(home))
    html = out.read_text()
    assert (
        code == 0 and "Folders × categories" in html and "Most sensitive files" in html and "Owners" in html
    )
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "http://" not in html and "https://" not in html and "<link" not in html  # no external assets
    for value in PLANTED:
        assert value not in html
    assert "rgba(198,40,40" in html  # heat map cells are coloured


def test_exports(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "data", "export", "corpus", "--format", "csv", "--home", str(home))
    rows = list(csv.DictReader(io.StringIO(out)))
    staff = next(r for r in rows if r["relpath"] == "hr/staff.csv")
    assert staff["label"] == "restricted" and "hr" in staff["categories"].split(";")
    target = tmp_path / "e.json"
    run_cli(capsys, "data", "export", "--format", "json", "--out", str(target), "--home", str(home))
    assert len(json.loads(target.read_text())) == len(rows)
    for value in PLANTED:
        assert value not in out


def test_heat_map_counts() -> None:
    rows = [
        {
            "relpath": "a/x.txt",
            "categories": ["pii"],
            "label": "confidential",
            "owner": "u",
            "entities": {},
            "injection": False,
            "hidden": [],
            "conflict": None,
            "error": None,
            "error_kind": None,
        },
        {
            "relpath": "a/y.txt",
            "categories": ["pii", "hr"],
            "label": "restricted",
            "owner": "u",
            "entities": {},
            "injection": False,
            "hidden": [],
            "conflict": None,
            "error": None,
            "error_kind": None,
        },
    ]
    html = to_html(rows)
    assert "<td>a</td><td class='num'>2</td>" in html
