"""Fixtures of the Govern tests: the generated corpus, scanned once per module, in a real store."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.govern.inventory import Inventory, open_inventory
from accord.govern.scanner import Scanner, ScanOutcome
from tests.govern.corpus import build_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def inventory(tmp_path_factory: pytest.TempPathFactory) -> Inventory:
    db = tmp_path_factory.mktemp("store") / "accord.db"
    return open_inventory(f"sqlite:///{db}")


@pytest.fixture(scope="module")
def scanned(corpus: Path, inventory: Inventory) -> ScanOutcome:
    return Scanner(inventory, workers=1).scan(str(corpus))


@pytest.fixture(scope="module")
def rows(scanned: ScanOutcome, inventory: Inventory) -> dict[str, dict]:  # type: ignore[type-arg]
    return {r["relpath"]: r for r in inventory.files(scanned.dataset)}
