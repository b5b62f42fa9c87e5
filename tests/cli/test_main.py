from click.testing import CliRunner

from accord.cli.main import COMMANDS, cli


def test_help_lists_every_registered_verb():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output
