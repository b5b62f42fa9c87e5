"""Sanitised copies: none of the planted values survive; the same value gets the same placeholder everywhere."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from pathlib import Path

import pytest

from accord.errors import InputError
from accord.govern.sanitize import MANIFEST, Masker, sanitize_tree
from tests.govern.cli_helpers import run_cli
from tests.govern.corpus import CARD, EMAIL, PHONE, PLANTED, build_corpus

KEY = b"k" * 32


def _tree_digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


@pytest.fixture(scope="module")
def sanitized(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict, dict]:
    src = build_corpus(tmp_path_factory.mktemp("src"))
    dst = tmp_path_factory.mktemp("dst") / "out"
    before = _tree_digest(src)
    manifest = sanitize_tree(str(src), str(dst), KEY, workers=1)
    return src, dst, manifest, before


def test_no_planted_value_survives(sanitized) -> None:  # type: ignore[no-untyped-def]
    _, dst, manifest, _ = sanitized
    written = [p for p in dst.rglob("*") if p.is_file()]
    assert len(written) > 10
    for p in written:
        body = p.read_bytes().decode("utf-8", "replace")
        for value in PLANTED:
            if value.startswith(("AKIA", "ghp_")) and p.name == "settings.json":
                continue  # checked separately below: secrets depend on the secrets recognizer
            assert value not in body, (p, value)
        assert CARD.replace(" ", "") not in body.replace(" ", "") or p.name == MANIFEST


def test_secrets_are_removed_without_a_trace_of_the_value(sanitized) -> None:  # type: ignore[no-untyped-def]
    _, dst, _, _ = sanitized
    body = (dst / "config" / "settings.json").read_text()
    assert "AKIA2E0A8F3B9C4D7Q1Z" not in body and "<SECRET_REMOVED>" in body
    assert json.loads(body)["aws"]["access_key_id"] == "<SECRET_REMOVED>"


def test_same_value_same_placeholder_across_files(sanitized) -> None:  # type: ignore[no-untyped-def]
    _, dst, _, _ = sanitized
    expected = Masker(KEY).placeholder("EMAIL_ADDRESS", EMAIL)
    for rel in (
        "notes.txt",
        "hr/staff.csv",
        "crm/customers.jsonl",
        "docs/mislabelled.md",
        "docs/report.pdf.txt",
        "hr/payroll.xlsx.txt",
        "mail/message.eml.txt",
    ):
        assert expected in (dst / rel).read_text(), rel
    assert re.fullmatch(r"<EMAIL_ADDRESS_[0-9a-f]{12}>", expected)
    assert Masker(KEY).placeholder("EMAIL_ADDRESS", EMAIL.upper()) == expected  # normalised
    assert Masker(b"other-key" * 4).placeholder("EMAIL_ADDRESS", EMAIL) != expected


def test_formats_are_preserved(sanitized) -> None:  # type: ignore[no-untyped-def]
    src, dst, _, _ = sanitized
    before = list(csv.reader(io.StringIO((src / "hr/staff.csv").read_text())))
    after = list(csv.reader(io.StringIO((dst / "hr/staff.csv").read_text())))
    assert [len(r) for r in before] == [len(r) for r in after] and before[0] == after[0]
    assert after[1][2] == "98000"
    lines = [json.loads(x) for x in (dst / "crm/customers.jsonl").read_text().splitlines()]
    assert [sorted(x) for x in lines] == [
        ["contact", "customer_id", "note"],
        ["contact", "customer_id", "payment"],
    ]
    assert lines[1]["payment"]["card"].startswith("<CREDIT_CARD_")
    assert (dst / "notes.txt").read_text().startswith("Meeting notes.\nReach Jane at <EMAIL_ADDRESS_")
    assert PHONE not in (dst / "notes.txt").read_text()
    assert (dst / "docs/public.md").read_text() == (src / "docs/public.md").read_text()


def test_manifest_records_changes_and_skips_without_values(sanitized) -> None:  # type: ignore[no-untyped-def]
    _, dst, manifest, _ = sanitized
    files = {f["path"]: f for f in manifest["files"]}
    assert files["notes.txt"]["changes"]["EMAIL_ADDRESS"] == 1 and files["notes.txt"]["action"] == "rewritten"
    assert files["docs/report.pdf"]["action"] == "extracted"
    assert files["broken/image.png"]["action"] == "skipped"
    assert files["broken/encrypted.xlsx"]["action"] == "error"
    assert (
        files["web/page.html"]["action"] == files["hr/review.docx"]["action"] == "quarantined"
    )  # hidden instructions
    assert files["archive.zip"]["action"] == "skipped"
    assert json.loads((dst / MANIFEST).read_text())["totals"] == manifest["totals"]
    text = (dst / MANIFEST).read_text()
    assert not any(v in text for v in PLANTED)


def test_source_is_never_written(sanitized) -> None:  # type: ignore[no-untyped-def]
    src, _, _, before = sanitized
    assert _tree_digest(src) == before


def test_parallel_workers_agree_on_placeholders(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for i in range(6):
        (src / f"f{i}.txt").write_text(f"row {i}: write to {EMAIL}\n")
    sanitize_tree(str(src), str(tmp_path / "dst"), KEY, workers=2)
    placeholders = {
        re.search(r"<EMAIL_ADDRESS_\w+>", (tmp_path / "dst" / f"f{i}.txt").read_text()).group(0)
        for i in range(6)
    }  # type: ignore[union-attr]
    assert len(placeholders) == 1


@pytest.mark.parametrize("inside", ["same", "child", "parent"])
def test_refuses_overlapping_destination(tmp_path: Path, inside: str) -> None:
    src = tmp_path / "a" / "src"
    src.mkdir(parents=True)
    dst = {"same": src, "child": src / "out", "parent": tmp_path / "a"}[inside]
    with pytest.raises(InputError):
        sanitize_tree(str(src), str(dst), KEY)


def test_cli_sanitize(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.md").write_text(f"# Hi\nmail {EMAIL}\n")
    code, out, _ = run_cli(
        capsys, "data", "sanitize", str(src), str(tmp_path / "dst"), "--home", str(tmp_path / "h")
    )
    assert code == 0 and "rewritten 1" in out
    first = (tmp_path / "dst" / "a.md").read_text()
    assert EMAIL not in first
    # The home's key makes placeholders stable across runs.
    run_cli(capsys, "data", "sanitize", str(src), str(tmp_path / "dst2"), "--home", str(tmp_path / "h"))
    assert (tmp_path / "dst2" / "a.md").read_text() == first
