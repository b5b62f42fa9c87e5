"""Options and helpers shared by every CLI verb. Only the CLI prints; library code logs."""

from __future__ import annotations

import click

from accord.home import HOME_ENV, Home

home_option = click.option(
    "--home",
    "home",
    type=click.Path(file_okay=False),
    default=None,
    help=f"State directory (database, accord.yaml). Default: ${HOME_ENV} or ./.accord",
)


def resolve_home(value: str | None) -> Home:
    return Home.resolve(value)
