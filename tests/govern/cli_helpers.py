"""Run the real console entry point (error mapping and exit codes included) and capture its output."""

from __future__ import annotations

import pytest

from accord.cli.main import main


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main(list(args))
    except SystemExit as exc:  # commands with pipeline exit codes (check, verify) exit directly
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err
