"""Suite-wide fixtures. Capability-specific fixtures live in each tests/<capability>/conftest.py."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def service_available(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A fresh, empty Accord home directory."""
    d = tmp_path / "home"
    d.mkdir()
    return d
