"""`accord`: one verb per job. Sub-commands load lazily so `accord --help` stays instant."""

from __future__ import annotations

import importlib
import logging
import os
import sys

import click

from accord import __version__
from accord.errors import AccordError

# name -> "module:attribute". Each capability owns its module; adding a verb is adding a line here.
COMMANDS: dict[str, tuple[str, str]] = {
    "up": ("accord.cli.up:up", "Start the gateway on embedded defaults (SQLite, echo model)."),
    "keys": ("accord.cli.keys:keys", "Create, list, revoke and rotate virtual API keys."),
    "policy": ("accord.cli.policy:policy", "Validate and show the policy file."),
    "audit": ("accord.cli.audit:audit", "Verify and export the tamper-evident audit trail."),
    "inspect": ("accord.cli.inspect:inspect", "Scan text for PII, secrets and prompt injection."),
    "catalog": ("accord.cli.catalog:catalog", "Browse the catalog of AI services."),
    "discover": ("accord.cli.discover:discover", "Find Shadow AI in proxy, DNS and firewall logs."),
    "scan": ("accord.cli.scan:scan", "Scan files and databases, label them, record the inventory."),
    "data": ("accord.cli.data:data", "Query the data inventory, check, sanitise and verify datasets."),
}


#: Set to show the traceback of an unexpected error instead of the one-line message.
DEBUG_ENV = "ACCORD_DEBUG"
#: Exit code of an unexpected internal error (a bug); see the exit-code table in docs/quickstart.md.
INTERNAL_ERROR = 70


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target[0].split(":")
        return getattr(importlib.import_module(module_name), attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Help text comes from the table so listing commands imports none of them.
        with formatter.section("Commands"):
            formatter.write_dl([(name, COMMANDS[name][1]) for name in self.list_commands(ctx)])


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="accord")
def cli() -> None:
    """Accord: the AI control plane that IT and security run together."""


def main(argv: list[str] | None = None) -> int:
    """Console entry point: AccordError becomes a message on stderr and its exit code, never a traceback."""
    try:
        rv = cli.main(args=argv, prog_name="accord", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except AccordError as exc:
        click.echo(f"Error: {exc}", err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        # A file the command had to read or write (wrong path, no permission, disk full).
        where = f": {exc.filename}" if exc.filename else ""
        click.echo(f"Error: {exc.strerror or exc}{where}", err=True)
        click.echo("  hint: check the path and that you may read or write there", err=True)
        return 1
    except Exception as exc:
        # A bug, not bad input: still no traceback on the user's screen unless asked for.
        if os.environ.get(DEBUG_ENV):
            raise
        logging.getLogger("accord.cli").debug("unexpected error", exc_info=True)
        click.echo(f"Error: unexpected internal error ({type(exc).__name__}: {exc})", err=True)
        click.echo(f"  hint: set {DEBUG_ENV}=1 to see the traceback, and please report it", err=True)
        return INTERNAL_ERROR
    # With standalone_mode=False, click returns ctx.exit(n)'s code instead of raising.
    return rv if isinstance(rv, int) else 0


if __name__ == "__main__":
    sys.exit(main())
