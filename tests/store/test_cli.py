"""`accord keys` and `accord audit` through the real entry point."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from accord.cli.main import main
from accord.store import open_store


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_keys_create_prints_the_key_alone_on_stdout(tmp_path: Path) -> None:
    home = tmp_path / "home"
    proc = subprocess.run(
        [sys.executable, "-m", "accord.cli.main", "keys", "create", "--home", str(home), "--team", "eng", "--user", "ada"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("sk-accord-")
    store = open_store(f"sqlite:///{home / 'accord.db'}")
    ident = store.keys.verify(lines[0])
    store.close()
    assert ident is not None and (ident.tenant, ident.team, ident.user) == ("default", "eng", "ada")


def test_keys_lifecycle(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    home = str(tmp_path / "h")
    code, raw, _ = run(capsys, "keys", "create", "--home", home, "--team", "eng", "--user", "ada", "--tenant", "acme",
                       "--role", "admin", "--group", "finance", "--app", "nb", "--expires", "30d")  # fmt: skip
    raw = raw.strip()
    assert code == 0 and raw.startswith("sk-accord-")
    code, out, _ = run(capsys, "keys", "list", "--home", home, "--json")
    listed = orjson.loads(out)
    assert code == 0 and len(listed) == 1
    rec = listed[0]
    assert (rec["tenant"], rec["team"], rec["roles"], rec["groups"], rec["app"]) == ("acme", "eng", ["admin"], ["finance"], "nb")
    assert rec["expires_at"] is not None and raw not in out and "hash" not in rec
    code, out, _ = run(capsys, "keys", "list", "--home", home)
    assert code == 0 and rec["id"] in out and rec["prefix"] in out and raw not in out
    code, new_raw, _ = run(capsys, "keys", "rotate", "--home", home, rec["id"])
    new_raw = new_raw.strip()
    assert code == 0 and new_raw.startswith("sk-accord-") and new_raw != raw
    listed = orjson.loads(run(capsys, "keys", "list", "--home", home, "--json")[1])
    new_id = next(k["id"] for k in listed if k["active"])
    code, out, err = run(capsys, "keys", "revoke", "--home", home, new_id)
    assert code == 0 and out == "" and "revoked" in err
    assert all(not k["active"] for k in orjson.loads(run(capsys, "keys", "list", "--home", home, "--json")[1]))
    # Every change is on the audit chain, attributed to the CLI user.
    code, out, _ = run(capsys, "audit", "export", "--home", home, "--format", "jsonl")
    events = [orjson.loads(line) for line in out.splitlines()]
    assert [e["action"] for e in events] == ["key.create", "key.rotate", "key.revoke", "key.revoke"]
    assert all(e["user"].startswith("cli:") for e in events)


def test_errors_are_messages_with_exit_codes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "keys", "list", "--home", str(tmp_path / "none"))
    assert code == 4 and "no Accord database" in err and "Traceback" not in err
    home = str(tmp_path / "h")
    run(capsys, "keys", "create", "--home", home, "--team", "eng", "--user", "ada")
    code, _, err = run(capsys, "keys", "revoke", "--home", home, "nope")
    assert code == 4 and "no key with id 'nope'" in err
    code, _, err = run(capsys, "keys", "create", "--home", home, "--team", "eng", "--user", "ada", "--expires", "soon")
    assert code == 4 and "--expires 'soon' is not a time" in err and "hint" in err
    code, _, err = run(capsys, "keys", "create", "--home", home, "--team", "eng", "--user", "ada", "--expires", "2020-01-01")
    assert code == 4 and "in the past" in err  # a key that could never work is refused, not minted
    code, _, err = run(capsys, "audit", "export", "--home", home, "--since", "yesterday")
    assert code == 4 and "--since 'yesterday'" in err and "hint" in err
    missing = tmp_path / "no-such-folder" / "audit.jsonl"
    code, _, err = run(capsys, "audit", "export", "--home", home, "--output", str(missing))
    assert code == 4 and "does not exist" in err and "Traceback" not in err and not missing.parent.exists()
    code, _, err = run(capsys, "keys", "create", "--home", str(tmp_path / "none" / "home"), "--team", "eng", "--user", "ada")
    assert code == 0  # a new home is created with its parents
    (tmp_path / "a-file").write_text("x")
    code, _, err = run(capsys, "keys", "create", "--home", str(tmp_path / "a-file" / "home"), "--team", "e", "--user", "u")
    assert code == 1 and err.startswith("Error: ") and "a-file" in err and "Traceback" not in err


def _tampered(home: Path, sql: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with sqlite3.connect(home / "accord.db") as conn:
        conn.execute(sql)
    code, _, err = run(capsys, "audit", "verify", "--home", str(home))
    return code, err


@pytest.fixture
def home_with_events(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    home = tmp_path / "h"
    for user in ("a", "b", "c", "d"):
        assert run(capsys, "keys", "create", "--home", str(home), "--team", "eng", "--user", user)[0] == 0
    code, out, _ = run(capsys, "audit", "verify", "--home", str(home))
    assert code == 0 and "OK: 4 event(s)" in out
    return home


@pytest.mark.parametrize(
    ("sql", "seq", "what"),
    [
        ("UPDATE audit_events SET team = 'ops' WHERE seq = 2", 2, "does not match its hash"),
        ("DELETE FROM audit_events WHERE seq = 3", 3, "missing"),
        ("UPDATE audit_events SET seq = CASE seq WHEN 2 THEN 102 WHEN 3 THEN 2 END WHERE seq IN (2, 3)", 2, ""),
    ],
    ids=["edit", "delete", "reorder"],
)
def test_audit_verify_names_the_first_bad_event(
    capsys: pytest.CaptureFixture[str], home_with_events: Path, sql: str, seq: int, what: str
) -> None:
    if "102" in sql:  # finish the swap: 102 -> 3
        with sqlite3.connect(home_with_events / "accord.db") as conn:
            conn.execute(sql)
        sql = "UPDATE audit_events SET seq = 3 WHERE seq = 102"
    code, err = _tampered(home_with_events, sql, capsys)
    assert code == 1
    assert f"tenant 'default' seq {seq}" in err and what in err and "Traceback" not in err


def test_audit_export_to_file_formats(capsys: pytest.CaptureFixture[str], home_with_events: Path, tmp_path: Path) -> None:
    for fmt in ("jsonl", "csv", "cef"):
        target = tmp_path / f"out.{fmt}"
        code, out, err = run(capsys, "audit", "export", "--home", str(home_with_events), "--format", fmt,
                             "--since", "1d", "--output", str(target))  # fmt: skip
        assert code == 0 and out == "" and "exported 4" in err
        text = target.read_text()
        assert len(text.splitlines()) == (5 if fmt == "csv" else 4)
    code, out, _ = run(capsys, "audit", "export", "--home", str(home_with_events), "--since", "2999-01-01")
    assert code == 0 and out == ""


def test_audit_verify_exit_status_from_the_console_script(home_with_events: Path) -> None:
    ok = subprocess.run([sys.executable, "-m", "accord.cli.main", "audit", "verify", "--home", str(home_with_events)],
                        capture_output=True, text=True, timeout=60)  # fmt: skip
    assert ok.returncode == 0 and ok.stdout.startswith("OK: 4 event(s)")
    with sqlite3.connect(home_with_events / "accord.db") as conn:
        conn.execute("DELETE FROM audit_events WHERE seq = 1")
    bad = subprocess.run([sys.executable, "-m", "accord.cli.main", "audit", "verify", "--home", str(home_with_events)],
                         capture_output=True, text=True, timeout=60)  # fmt: skip
    assert bad.returncode == 1 and "tenant 'default' seq 1" in bad.stderr and "Traceback" not in bad.stderr
