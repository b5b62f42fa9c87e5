from __future__ import annotations

import pytest

from accord.detect.injection import InjectionDetector


@pytest.fixture(scope="session")
def detector() -> InjectionDetector:
    # Compiling the Hyperscan databases takes about a second: once per test session.
    return InjectionDetector()
