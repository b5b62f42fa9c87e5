"""Where Govern finds its policy section and its keys, given an Accord home."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from accord.home import Home
from accord.policy.sections.govern import GovernPolicy

KEY_FILE = "govern.key"


def govern_policy(home: Home) -> GovernPolicy:
    """The `govern:` section of the home's accord.yaml; the defaults when there is no policy file.

    An invalid policy file raises ConfigError (naming file, line and field): never a silent fallback.
    """
    if not home.policy_path.exists():
        return GovernPolicy()
    from accord.policy import load_policy

    return load_policy(home.policy_path).govern


def govern_key(home: Home) -> bytes:
    """The HMAC key that signs manifests and derives stable placeholders; created (0600) on first use."""
    home.ensure()
    path = Path(home.path) / KEY_FILE
    try:
        return bytes.fromhex(path.read_text().strip())
    except FileNotFoundError:
        pass
    key = secrets.token_bytes(32)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key.hex() + "\n")
    try:
        os.link(tmp, path)  # fails if another process created the key first: theirs wins
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    return bytes.fromhex(path.read_text().strip())
