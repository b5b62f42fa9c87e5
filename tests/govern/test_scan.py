"""Scanning the generated corpus: exact labels and findings, errors listed, nothing raw recorded."""

from __future__ import annotations

import io
import json
import os
import shutil
import zipfile
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner

from accord.cli.main import cli
from accord.govern.extract import ExtractorRegistry, default_registry
from accord.govern.extract.text import TextExtractor
from accord.govern.inventory import Inventory, open_inventory
from accord.govern.scanner import Scanner
from accord.govern.types import Extracted
from accord.policy.sections.govern import GovernPolicy, ScanSettings
from tests.govern.cli_helpers import run_cli
from tests.govern.corpus import ERRORS, EXPECTED, INJECTED, PLANTED, build_corpus


@pytest.mark.parametrize("rel", sorted(EXPECTED))
def test_labels_categories_and_entities_are_exact(rows: dict, rel: str) -> None:
    label, categories, entities = EXPECTED[rel]
    row = rows[rel]
    assert row["error"] is None
    assert row["label"] == label, row["reasons"]
    assert categories <= set(row["categories"]), row["categories"]
    if not categories and label in ("public", "internal"):
        assert row["categories"] == []
    for etype, n in entities.items():
        if etype == "SECRET":
            assert row["entities"].get(etype, 0) >= 1
        else:
            assert row["entities"].get(etype) == n, (etype, row["entities"])


@pytest.mark.parametrize("rel", sorted(ERRORS))
def test_unreadable_files_are_listed_not_fatal(rows: dict, rel: str) -> None:
    assert rows[rel]["error_kind"] == ERRORS[rel]
    assert rows[rel]["label"] is None


def test_injection_and_hidden_content_flags(rows: dict) -> None:
    flagged = {rel for rel, r in rows.items() if r["injection"]}
    assert flagged == INJECTED
    kinds = {h["kind"] for h in rows["web/page.html"]["hidden"]}
    assert {"css-display-none", "html-comment", "white-text"} <= kinds
    assert {h["kind"] for h in rows["hr/review.docx"]["hidden"]} == {"white-text"}
    assert {"zero-width", "unicode-tags"} <= {h["kind"] for h in rows["hidden/zero-width.txt"]["hidden"]}
    assert not rows["clean.txt"]["hidden"] and not rows["clean.txt"]["injection"]


def test_existing_labels_are_respected_and_conflicts_reported(rows: dict) -> None:
    assert rows["docs/public.md"]["existing_label"] == "public" and rows["docs/public.md"]["conflict"] is None
    assert rows["docs/mislabelled.md"]["existing_label"] == "public"
    assert "confidential" in rows["docs/mislabelled.md"]["conflict"]
    assert rows["hr/review.docx"]["existing_label"] == "confidential"  # MSIP label "Confidential"
    assert rows["hr/review.docx"]["conflict"]
    assert rows["hr/payroll.xlsx"]["existing_label"] == "internal"  # MSIP label "General"
    assert rows["notes.txt"]["existing_label"] is None and rows["notes.txt"]["conflict"] is None


def test_evidence_locations_point_at_the_findings(rows: dict) -> None:
    ev = [e for e in rows["notes.txt"]["evidence"] if e["type"] == "EMAIL_ADDRESS"]
    assert ev == [{"type": "EMAIL_ADDRESS", "line": 2, "start": 14, "end": 36}]
    csv_ev = {(e["row"], e["col"]) for e in rows["hr/staff.csv"]["evidence"] if e["type"] == "EMAIL_ADDRESS"}
    assert csv_ev == {(2, 2), (3, 2)}
    cells = {e["cell"] for e in rows["hr/payroll.xlsx"]["evidence"] if e["type"] == "EMAIL_ADDRESS"}
    assert cells == {"B2", "B3"} and all(
        e["sheet"] == "Payroll" for e in rows["hr/payroll.xlsx"]["evidence"] if e["type"] == "EMAIL_ADDRESS"
    )
    assert [e["page"] for e in rows["docs/report.pdf"]["evidence"] if e["type"] == "EMAIL_ADDRESS"] == [1]
    keys = {e["key"] for e in rows["crm/customers.jsonl"]["evidence"] if e["type"] == "CREDIT_CARD"}
    assert keys == {"/payment/card"}


def test_no_raw_value_is_ever_recorded(rows: dict) -> None:
    blob = orjson.dumps(list(rows.values())).decode()
    for value in PLANTED:
        assert value not in blob


def test_rescan_touches_no_content_and_is_ten_times_faster(tmp_path: Path) -> None:
    corpus = build_corpus(tmp_path / "c")
    inv = open_inventory(f"sqlite:///{tmp_path / 'a.db'}")
    scanner = Scanner(inv, workers=1)
    first = scanner.scan(str(corpus)).stats
    assert first.files_read == first.files_seen - 1  # all but the unsupported .png were read
    second = scanner.scan(str(corpus)).stats
    assert second.files_read == 0 and second.bytes_read == 0
    assert second.files_skipped == second.files_seen == first.files_seen
    assert second.files_classified == 0
    assert second.elapsed_s * 10 <= first.elapsed_s, (first.elapsed_s, second.elapsed_s)

    # A changed file is re-read; a touched-but-identical file is hashed, not re-classified.
    (corpus / "notes.txt").write_text("nothing to see\n")
    os.utime(corpus / "clean.txt", ns=(1, 1))
    (corpus / "board" / "deck.pptx").unlink()
    third = scanner.scan(str(corpus)).stats
    assert (third.files_read, third.files_classified, third.files_unchanged_content, third.removed) == (
        2,
        1,
        1,
        1,
    )
    rows = {r["relpath"]: r for r in inv.files(inv.find_dataset(str(corpus)))}
    assert rows["notes.txt"]["label"] == "internal" and "board/deck.pptx" not in rows
    assert rows["clean.txt"]["mtime_ns"] == 1


class _Interrupting(TextExtractor):
    """A plugin extractor that simulates Ctrl-C on one file."""

    def extract(self, data: bytes, name: str) -> Extracted:
        if name == "stop.txt":
            raise KeyboardInterrupt
        return super().extract(data, name)


def _interrupting_registry() -> ExtractorRegistry:
    reg = default_registry()
    reg.register(_Interrupting())
    return reg


def test_interrupted_scan_resumes_where_it_stopped(tmp_path: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    for i in range(6):
        (root / f"a{i}.txt").write_text(f"file {i}\n")
    (root / "stop.txt").write_text("boom\n")
    for i in range(3):
        (root / f"z{i}.txt").write_text(f"late {i}\n")
    inv = open_inventory(f"sqlite:///{tmp_path / 'r.db'}")
    with pytest.raises(KeyboardInterrupt):
        Scanner(inv, workers=1, batch_size=2, registry_factory=_interrupting_registry).scan(str(root))
    ds = inv.find_dataset(str(root))
    assert inv.scans(ds)[0]["status"] == "interrupted"
    assert len(list(inv.files(ds))) == 6  # a0..a5 were committed before the interruption
    resumed = Scanner(inv, workers=1).scan(str(root)).stats
    assert resumed.files_skipped == 6 and resumed.files_read == 4
    assert len(list(inv.files(ds))) == 10


def test_size_limit_and_errors_never_abort(tmp_path: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    (root / "big.txt").write_bytes(b"x" * 3000)
    (root / "ok.txt").write_text("fine\n")
    inv = open_inventory(f"sqlite:///{tmp_path / 's.db'}")
    policy = GovernPolicy(scan=ScanSettings(max_file_mb=0.001))
    out = Scanner(inv, policy, workers=1).scan(str(root))
    rows = {r["relpath"]: r for r in inv.files(out.dataset)}
    assert rows["big.txt"]["error_kind"] == "too_large" and rows["ok.txt"]["label"] == "internal"
    assert out.stats.files_read == 1


def test_cli_scan_json_is_the_stable_interface(tmp_path: Path) -> None:
    corpus = build_corpus(tmp_path / "corpus")
    shutil.rmtree(corpus / "board")
    out = tmp_path / "out.json"
    home = tmp_path / "home"
    result = CliRunner().invoke(
        cli, ["scan", str(corpus), "--home", str(home), "--json", str(out), "--workers", "2", "--no-progress"]
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text())
    by_path = {f["path"]: f for f in doc["files"]}
    notes = by_path[str(corpus / "notes.txt")]
    assert {"path", "label", "categories", "entities", "injection", "error"} <= set(notes)
    assert (
        notes["label"] == "confidential"
        and notes["entities"]["EMAIL_ADDRESS"] == 1
        and notes["error"] is None
    )
    assert by_path[str(corpus / "broken" / "encrypted.xlsx")]["error"]
    assert by_path[str(corpus / "web" / "page.html")]["injection"] is True
    assert doc["summary"]["files"] == len(doc["files"]) and doc["summary"]["errors"]["corrupt"] == 2
    for value in PLANTED:
        assert value not in out.read_text()


def test_scan_reports_missing_path_as_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "scan", str(tmp_path / "nope"), "--home", str(tmp_path / "h"))
    assert code == 4 and "no such file" in err and "Traceback" not in err


def test_inventory_stats(inventory: Inventory, scanned) -> None:  # type: ignore[no-untyped-def]
    stats = inventory.stats(scanned.dataset)
    assert stats["errors"] == len(ERRORS)
    assert stats["injection"] == len(INJECTED)
    assert stats["labels"]["restricted"] == sum(1 for v in EXPECTED.values() if v[0] == "restricted")
    assert stats["categories"]["hr"] >= 3


def _stable(rows: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    drop = {"id", "scan_id", "scanned_at", "dataset_id"}
    return {k: {f: v for f, v in r.items() if f not in drop} for k, r in rows.items()}


def test_parallel_scan_records_exactly_what_a_single_process_records(
    corpus: Path, rows: dict[str, dict[str, Any]], tmp_path: Path
) -> None:
    inv = open_inventory(f"sqlite:///{tmp_path / 'p.db'}")
    out = Scanner(inv, workers=2).scan(str(corpus))
    parallel = {r["relpath"]: r for r in inv.files(out.dataset)}
    assert _stable(parallel) == _stable(rows)


def _zip_of(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_changed_files_and_archives_replace_their_rows(tmp_path: Path) -> None:
    root = tmp_path / "c"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("contact jane@example.org\n")
    (root / "sub" / "b.zip").write_bytes(
        _zip_of({"one.txt": b"card 4111 1111 1111 1111\n", "two.txt": b"x\n", "../up.txt": b"y\n"})
    )
    inv = open_inventory(f"sqlite:///{tmp_path / 'z.db'}")
    scanner = Scanner(inv, workers=1)
    ds = scanner.scan(str(root)).dataset
    first = {r["relpath"]: r for r in inv.files(ds)}
    assert set(first) == {"a.txt", "sub/b.zip", "sub/b.zip!/one.txt", "sub/b.zip!/two.txt", "sub/up.txt"}
    # Relative paths are what os.path.relpath gives, odd member names included ("../up.txt").
    assert all(k == os.path.relpath(r["path"], str(root)) for k, r in first.items())

    (root / "a.txt").write_text("nothing here\n")
    (root / "sub" / "b.zip").write_bytes(_zip_of({"two.txt": b"changed\n"}))
    scanner.scan(str(root))
    second = {r["relpath"]: r for r in inv.files(ds)}
    assert set(second) == {"a.txt", "sub/b.zip", "sub/b.zip!/two.txt"}  # stale members are gone
    assert second["a.txt"]["label"] == "internal" and second["sub/b.zip"]["entities"] == {}
    assert len(list(inv.files(ds))) == 3  # one row per file, never a duplicate


def test_walk_skips_links_sidecars_and_excluded_paths(tmp_path: Path) -> None:
    root = tmp_path / "c"
    (root / "keep").mkdir(parents=True)
    (root / "build" / "cache").mkdir(parents=True)
    (root / "keep" / "a.txt").write_text("a\n")
    (root / "keep" / "a.txt.acl").write_text("groups: [hr]\n")
    (root / "keep" / ".accord-acl.yaml").write_text("groups: [staff]\n")
    (root / "build" / "cache" / "b.txt").write_text("b\n")
    (root / "link.txt").symlink_to(root / "keep" / "a.txt")
    inv = open_inventory(f"sqlite:///{tmp_path / 'w.db'}")
    policy = GovernPolicy(scan=ScanSettings(exclude=["build/*"]))
    out = Scanner(inv, policy, workers=1).scan(str(root))
    assert {r["relpath"] for r in inv.files(out.dataset)} == {"keep/a.txt"}
    assert out.stats.files_seen == 1


def test_sidecar_labels_follow_the_nearest_sidecar(tmp_path: Path) -> None:
    root = tmp_path / "c"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / "other").mkdir()
    (root / "sub" / ".accord-acl.yaml").write_text("label: confidential\n")
    (root / "sub" / "deeper" / "own.txt.acl").write_text("label: restricted\n")
    for rel in ("top.txt", "sub/a.txt", "sub/deeper/b.txt", "sub/deeper/own.txt", "other/c.txt"):
        (root / rel).write_text("hello\n")
    inv = open_inventory(f"sqlite:///{tmp_path / 'l.db'}")
    for workers in (1, 2):
        out = Scanner(inv, workers=workers).scan(str(root), name=f"w{workers}")
        labels = {r["relpath"]: r["existing_label"] for r in inv.files(out.dataset)}
        assert labels == {
            "top.txt": None,
            "sub/a.txt": "confidential",
            "sub/deeper/b.txt": "confidential",
            "sub/deeper/own.txt": "restricted",
            "other/c.txt": None,
        }
    # A file scanned on its own (no walk to tell the worker): its own sidecar; folders up to its own only.
    own = Scanner(inv, workers=1).scan(str(root / "sub" / "deeper" / "own.txt"))
    assert [r["existing_label"] for r in inv.files(own.dataset)] == ["restricted"]
    single = Scanner(inv, workers=1).scan(str(root / "sub" / "a.txt"))
    assert [r["existing_label"] for r in inv.files(single.dataset)] == ["confidential"]
