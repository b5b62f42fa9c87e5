"""Detect: the scanning engine under everything. Pure functions, no I/O, no network.

    >>> from accord.detect import inspect
    >>> [e.type for e in inspect("mail bob@example.com").entities]
    ['EMAIL_ADDRESS']

The public names are loaded on first use (PEP 562): `import accord.detect.types`, which the policy,
the store and the CLI need, costs only the value types; the engine (Hyperscan, numpy, pydantic, the
recognizers) is imported when `Engine`, `inspect` or another engine name is first touched.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from accord.detect.types import DataClass, Entity, InjectionResult, Recognizer, Report

if TYPE_CHECKING:
    from accord.detect.config import DictionaryConfig, EngineConfig
    from accord.detect.engine import Engine, resolve_overlaps
    from accord.detect.pseudonymize import Pseudonymizer, StreamRestorer
    from accord.detect.recognizers.base import Pattern, PatternRecognizer
    from accord.detect.registry import RecognizerRegistry

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

#: Lazily imported public names -> the module that defines them.
_LAZY = {
    "DictionaryConfig": "accord.detect.config",
    "EngineConfig": "accord.detect.config",
    "Engine": "accord.detect.engine",
    "resolve_overlaps": "accord.detect.engine",
    "Pseudonymizer": "accord.detect.pseudonymize",
    "StreamRestorer": "accord.detect.pseudonymize",
    "Pattern": "accord.detect.recognizers.base",
    "PatternRecognizer": "accord.detect.recognizers.base",
    "RecognizerRegistry": "accord.detect.registry",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'accord.detect' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


@lru_cache(maxsize=1)
def default_engine() -> Engine:
    """The engine with every built-in recognizer, compiled once per process."""
    from accord.detect.engine import Engine

    return Engine()


def inspect(text: str) -> Report:
    return default_engine().inspect(text)
