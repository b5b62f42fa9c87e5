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
