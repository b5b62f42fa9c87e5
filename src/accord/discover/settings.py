"""The discover settings of a home: its policy's `discover:` section and the catalog it implies."""

from __future__ import annotations

import difflib
from pathlib import Path

from accord.discover.catalog import Catalog, load_catalog
from accord.errors import ConfigError
from accord.home import Home
from accord.policy.sections.discover import DiscoverPolicy


def load_discover_policy(home: Home) -> tuple[DiscoverPolicy, Path | None]:
    """The policy's discover section, or the built-in defaults when the home has no policy yet.

    Nothing is written: a home without accord.yaml stays without one.
    """
    if not home.policy_path.exists():
        return DiscoverPolicy(), None
    from accord.policy import load_policy

    return load_policy(home.policy_path).discover, home.policy_path


def catalog_for(policy: DiscoverPolicy, policy_path: Path | None = None) -> Catalog:
    """The shipped catalog plus `catalog_extra`, with `discover.services` checked against it."""
    catalog = load_catalog(policy.catalog_extra)
    ids = [s.id for s in catalog]
    for sid in policy.services:
        if sid not in catalog:
            close = difflib.get_close_matches(sid, ids, n=1)
            raise ConfigError(
                f"unknown catalog service {sid!r}",
                file=None if policy_path is None else str(policy_path),
                field=f"discover.services.{sid}",
                hint=(f"did you mean {close[0]!r}? " if close else "") + "see `accord catalog search WORD`",
            )
    return catalog
