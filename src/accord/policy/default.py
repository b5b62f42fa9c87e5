"""The first-run policy: a commented accord.yaml that works with no API key and picks up real
providers from the environment (OPENAI_API_KEY / ANTHROPIC_API_KEY), like the official SDKs."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from importlib import resources
from pathlib import Path


def default_policy_text(env: Mapping[str, str] | None = None) -> str:
    env = os.environ if env is None else env
    text = resources.files("accord.policy").joinpath("default_policy.yaml").read_text(encoding="utf-8")
    found = [v for v in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY") if env.get(v)]
    note = ", ".join(found) if found else "none (only the built-in echo model is active)"
    # Which provider variables were set when this file was written; the routes follow the live
    # environment through `enabled_if_env`, so setting a key later and restarting enables its route.
    return text.replace("\nversion: 1\n", f"\n# Provider keys found when generated: {note}.\nversion: 1\n", 1)


def write_default_policy(
    path: str | os.PathLike[str], *, env: Mapping[str, str] | None = None, overwrite: bool = False
) -> Path:
    """Write the default policy to `path` atomically. An existing file is left alone unless `overwrite`."""
    target = Path(path)
    if target.exists() and not overwrite:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".accord-", suffix=".yaml.tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(default_policy_text(env))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
