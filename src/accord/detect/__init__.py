"""Detect: the scanning engine under everything. Pure functions, no I/O, no network.

    >>> from accord.detect import inspect
    >>> [e.type for e in inspect("mail bob@example.com").entities]
    ['EMAIL_ADDRESS']
"""

from __future__ import annotations

from functools import lru_cache

from accord.detect.config import DictionaryConfig, EngineConfig
from accord.detect.engine import Engine, resolve_overlaps
from accord.detect.pseudonymize import Pseudonymizer, StreamRestorer
from accord.detect.recognizers.base import Pattern, PatternRecognizer
from accord.detect.registry import RecognizerRegistry
from accord.detect.types import DataClass, Entity, InjectionResult, Recognizer, Report

__all__ = [
    "DataClass",
    "DictionaryConfig",
    "Engine",
    "EngineConfig",
    "Entity",
    "InjectionResult",
    "Pattern",
    "PatternRecognizer",
    "Pseudonymizer",
    "Recognizer",
    "RecognizerRegistry",
    "Report",
    "StreamRestorer",
    "default_engine",
    "inspect",
    "resolve_overlaps",
]


@lru_cache(maxsize=1)
def default_engine() -> Engine:
    """The engine with every built-in recognizer, compiled once per process."""
    return Engine()


def inspect(text: str) -> Report:
    return default_engine().inspect(text)
