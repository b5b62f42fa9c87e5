from click.testing import CliRunner

from accord.cli.main import COMMANDS, cli


def test_help_lists_every_registered_verb():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output


def test_exit_code_from_ctx_exit_is_returned(monkeypatch):
    import click

    from accord.cli import main as main_mod

    @click.command()
    @click.pass_context
    def failing(ctx):
        ctx.exit(3)

    monkeypatch.setitem(main_mod.COMMANDS, "failing", ("tests.cli.test_main:_FAILING", "test"))
    globals()["_FAILING"] = failing
    assert main_mod.main(["failing"]) == 3


def test_unexpected_error_is_one_line_and_exit_70(monkeypatch, capsys):
    """A bug in a command still never shows the user a traceback (unless ACCORD_DEBUG asks for it)."""
    import click
    import pytest

    from accord.cli import main as main_mod

    @click.command()
    def broken():
        raise RuntimeError("boom")

    monkeypatch.setitem(main_mod.COMMANDS, "broken", ("tests.cli.test_main:_BROKEN", "test"))
    globals()["_BROKEN"] = broken
    monkeypatch.delenv("ACCORD_DEBUG", raising=False)
    assert main_mod.main(["broken"]) == main_mod.INTERNAL_ERROR == 70
    err = capsys.readouterr().err
    assert "unexpected internal error (RuntimeError: boom)" in err and "ACCORD_DEBUG=1" in err
    assert "Traceback" not in err
    monkeypatch.setenv("ACCORD_DEBUG", "1")
    with pytest.raises(RuntimeError, match="boom"):
        main_mod.main(["broken"])


def test_exit_codes_table_matches_the_error_tree():
    """docs/quickstart.md has the one table of exit codes; it must agree with accord.errors."""
    import re
    from pathlib import Path

    from accord import errors
    from accord.cli import main as main_mod

    text = (Path(__file__).resolve().parents[2] / "docs" / "quickstart.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| `(\d+)` \| (.+?) \|$", text, re.M))
    for cls in (errors.ConfigError, errors.InputError, errors.NotFound, errors.AuthenticationError,
                errors.PermissionDenied, errors.QuotaExceeded, errors.UpstreamError, errors.ScannerError):
        assert str(cls.exit_code) in table, f"exit code {cls.exit_code} ({cls.__name__}) is not in the table"
    for code in ("0", "1", "2", str(main_mod.INTERNAL_ERROR), "130"):
        assert code in table
