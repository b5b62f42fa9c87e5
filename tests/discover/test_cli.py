"""`accord discover`, `accord discover export` and `accord catalog`, through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import logs as L

from accord.cli.main import main

TS = 1714557600.0


def squid_log(tmp_path: Path) -> Path:
    path = tmp_path / "access.log"
    lines = [
        L.squid_native(TS, "10.0.0.1", "alice", "CONNECT", "chatgpt.com:443", 5000),
        L.squid_native(TS + 5, "10.0.0.2", "bob", "CONNECT", "chatgpt.com:443", 700),
        L.squid_native(TS + 9, "10.0.0.2", "bob", "GET", "http://claude.ai/chat", 300),
        L.squid_native(TS + 9, "10.0.0.3", "carol", "CONNECT", "www.google.com:443", 300),
        L.squid_native(TS + 9, "10.0.0.3", "carol", "CONNECT", "brand-new.ai:443", 300),
        "this line is broken",
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_json_interface_shape(tmp_path, capsys):
    out = tmp_path / "out.json"
    home = tmp_path / "fresh-home"
    assert main(["discover", str(squid_log(tmp_path)), "--json", str(out), "--home", str(home), "-q"]) == 0
    data = json.loads(out.read_text())
    assert data["lines"] == {"total": 6, "parsed": 5, "malformed": 1}
    assert data["unmatched_ai_like_hosts"] == ["brand-new.ai"]
    by_name = {s["name"]: s for s in data["services"]}
    chatgpt = by_name["ChatGPT"]
    for key in ("name", "category", "risk_score", "status", "hosts", "users", "requests", "bytes_out", "bytes_in", "first_seen", "last_seen"):
        assert key in chatgpt
    assert (chatgpt["users"], chatgpt["requests"], chatgpt["bytes_in"], chatgpt["bytes_out"]) == (2, 2, 5700, 0)
    assert chatgpt["hosts"] == ["chatgpt.com"] and chatgpt["status"] == "unsanctioned"
    assert chatgpt["first_seen"] == "2024-05-01T10:00:00Z" and chatgpt["last_seen"] == "2024-05-01T10:00:05Z"
    assert by_name["Claude"]["category"] == "chat_assistant"
    assert not home.exists()  # no policy yet: defaults, nothing written


def test_outputs_and_store_history(tmp_path, capsys):
    home = tmp_path / "home"
    home.mkdir()
    (home / "accord.yaml").write_text("discover:\n  services:\n    claude: sanctioned\n")
    log = squid_log(tmp_path)
    report, csv_out, first = tmp_path / "r.html", tmp_path / "r.csv", tmp_path / "1.json"
    args = ["discover", str(log), "--home", str(home), "--report", str(report), "--csv", str(csv_out), "--json", str(first)]
    assert main(args) == 0
    summary = capsys.readouterr().out
    assert "ChatGPT" in summary and "malformed" in summary
    html = report.read_text()
    assert "<svg" in html and "<script" not in html and not __import__("re").search(r'(src|href)="https?:', html)
    assert csv_out.read_text().splitlines()[0].startswith("id,name,vendor,category,status,risk_score")
    data = json.loads(first.read_text())
    assert {s["id"]: s["status"] for s in data["services"]} == {"chatgpt": "unsanctioned", "claude": "sanctioned"}
    assert data["previous_runs"] == 0 and all(s["new"] for s in data["services"])
    second = tmp_path / "2.json"
    assert main(["discover", str(log), "--home", str(home), "--json", str(second), "-q"]) == 0
    again = json.loads(second.read_text())
    assert again["previous_runs"] == 1 and not any(s["new"] for s in again["services"])
    assert again["history"][0]["services"] == {"chatgpt": 2, "claude": 1}


def test_unknown_format_is_a_clear_error(tmp_path, capsys):
    log = tmp_path / "weird.log"
    log.write_text("hello\nworld\n")
    assert main(["discover", str(log), "--home", str(tmp_path / "h"), "-q"]) == 4
    err = capsys.readouterr().err
    assert "cannot recognise the log format" in err and "squid" in err and "fortigate" in err
    assert main(["discover", str(log), "--format", "bluecoat", "--home", str(tmp_path / "h")]) == 4
    assert main(["discover", str(tmp_path / "missing.log"), "--home", str(tmp_path / "h")]) == 4


def test_bad_policy_fails_closed(tmp_path, capsys):
    home = tmp_path / "home"
    home.mkdir()
    (home / "accord.yaml").write_text("discover:\n  services:\n    chatgtp: sanctioned\n")
    assert main(["discover", str(squid_log(tmp_path)), "--home", str(home)]) == 3
    assert "did you mean 'chatgpt'" in capsys.readouterr().err


def test_export_subcommand(tmp_path, capsys):
    home = tmp_path / "home"
    home.mkdir()
    (home / "accord.yaml").write_text("discover:\n  export:\n    pac_proxy: proxy.corp.example:3128\n")
    out = tmp_path / "proxy.pac"
    assert main(["discover", "export", "--format", "pac", "--home", str(home), "-o", str(out)]) == 0
    assert "PROXY proxy.corp.example:3128" in out.read_text()
    assert main(["discover", "export", "--format", "hosts", "--home", str(home)]) == 0
    assert "0.0.0.0 chatgpt.com" in capsys.readouterr().out


def test_help_shows_log_options_and_export(capsys):
    assert main(["discover", "--help"]) == 0
    text = capsys.readouterr().out
    assert "accord discover [OPTIONS] LOG..." in text and "--identity" in text and "export" in text


def test_catalog_commands(capsys):
    assert main(["catalog", "list", "--json", "--category", "coding_assistant"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(r["category"] == "coding_assistant" for r in rows)
    assert main(["catalog", "show", "deepseek", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["risk"]["hq_country"] == "CN" and shown["risk_factors"][0]["factor"] == "trains_on_inputs"
    assert main(["catalog", "search", "mistral", "--json"]) == 0
    assert {r["id"] for r in json.loads(capsys.readouterr().out)} >= {"le-chat", "mistral-platform", "codestral"}
    assert main(["catalog", "show", "nope"]) == 4


def test_bad_option_values_are_messages(tmp_path, capsys):
    log = squid_log(tmp_path)
    home = str(tmp_path / "h")
    assert main(["discover", str(log), "--home", home, "-q", "--memory-limit", "lots"]) == 4
    err = capsys.readouterr().err
    assert "memory limit='lots'" in err and "512MB" in err and "Traceback" not in err
    assert main(["discover", str(log), "--home", home, "-q", "--since", "last week"]) == 4
    err = capsys.readouterr().err
    assert "--since 'last week' is not a time" in err and "7d" in err
    assert main(["discover", str(log), "--home", home, "-q", "--threads", "0"]) == 2
    err = capsys.readouterr().err
    assert "Try 'accord discover --help'" in err  # the hidden `run` never shows
