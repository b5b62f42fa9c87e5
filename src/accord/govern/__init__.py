"""Govern: make data AI-ready - scan, label, sanitise, verify datasets, and permission-aware retrieval.

    from accord.govern import Scanner, open_inventory, Classifier, sanitize_tree
    inventory = open_inventory(home.db_url)
    outcome = Scanner(inventory).scan("./drive")           # incremental, resumable, parallel
    for row in inventory.files(outcome.dataset): ...

Retrieval lives in `accord.govern.retrieval` (imported separately: the gateway mounts it lazily).
"""

from accord.govern.classify import Classifier
from accord.govern.extract import Extractor, ExtractorRegistry, default_registry
from accord.govern.gate import GateResult, check
from accord.govern.inventory import Dataset, Inventory, open_inventory
from accord.govern.manifest import Drift, approve, verify
from accord.govern.sanitize import sanitize_tree
from accord.govern.scanner import Scanner, ScanOutcome, ScanStats, scan_database
from accord.govern.types import Classification, Extracted, FileRecord, Segment

__all__ = [
    "Classification",
    "Classifier",
    "Dataset",
    "Drift",
    "Extracted",
    "Extractor",
    "ExtractorRegistry",
    "FileRecord",
    "GateResult",
    "Inventory",
    "ScanOutcome",
    "ScanStats",
    "Scanner",
    "Segment",
    "approve",
    "check",
    "default_registry",
    "open_inventory",
    "sanitize_tree",
    "scan_database",
    "verify",
]
