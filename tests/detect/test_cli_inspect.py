"""`accord inspect`: the stable JSON lines interface and the readable table."""

from __future__ import annotations

import json

from accord.cli.main import main


def test_jsonl_keeps_order_and_reports_bad_lines(tmp_path, capsysbinary):
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "a", "text": "mail bob@example.com now"}) + "\n"
        + "not json\n"
        + json.dumps({"id": 7}) + "\n"
        + "\n"
        + json.dumps({"id": "d", "text": "nothing here"}) + "\n",
        encoding="utf-8",
    )
    code = main(["inspect", "--jsonl", str(src)])
    out, err = capsysbinary.readouterr()
    rows = [json.loads(line) for line in out.decode().splitlines()]
    assert code == 4
    assert [r["id"] for r in rows] == ["a", None, 7, "d"]
    assert rows[0]["entities"] == [{"type": "EMAIL_ADDRESS", "start": 5, "end": 20, "score": rows[0]["entities"][0]["score"]}]
    assert set(rows[0]) == {"id", "entities", "injection", "classification"}
    assert rows[0]["classification"] == "confidential"
    assert set(rows[0]["injection"]) == {"score", "detected"}
    assert rows[1]["error"].startswith("line 2:")
    assert "line 3" in rows[2]["error"] and "text" in rows[2]["error"]
    assert rows[3]["classification"] == "public"
    assert b"line 2" in err


def test_jsonl_from_stdin_all_good(monkeypatch, capsysbinary):
    import io
    import sys

    data = (json.dumps({"id": 1, "text": "Zoë: +44 20 7946 0958"}) + "\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["inspect", "--jsonl"]) == 0
    out, _ = capsysbinary.readouterr()
    row = json.loads(out)
    (ent,) = [e for e in row["entities"] if e["type"] == "PHONE_NUMBER"]
    assert "Zoë: +44 20 7946 0958"[ent["start"] : ent["end"]] == "+44 20 7946 0958"


def test_plain_mode_prints_a_table(tmp_path, capsys):
    src = tmp_path / "note.txt"
    src.write_text("My name is John Smith, card 4111 1111 1111 1111", encoding="utf-8")
    assert main(["inspect", str(src)]) == 0
    out = capsys.readouterr().out
    assert "CREDIT_CARD" in out and "restricted" in out


def test_missing_file_is_a_clear_error(tmp_path, capsys):
    assert main(["inspect", str(tmp_path / "nope.txt")]) == 4
    assert "cannot read" in capsys.readouterr().err
