"""Helpers for policy tests: write a policy file, build findings without running the detectors."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from accord.detect.types import DataClass, Entity, InjectionResult, Report
from accord.policy import Identity, Policy, load_policy

ENV = {"T_KEY": "sk-test-not-a-real-key-123456"}


def report(
    *types: str,
    cls: DataClass | None = None,
    injection: float = 0.0,
    categories: tuple[str, ...] = (),
    kinds: dict[str, str] | None = None,
    score: float = 0.9,
) -> Report:
    """A Report with one entity per listed type; class defaults to what those entities imply."""
    kinds = kinds or {}
    ents = tuple(Entity(t, i * 10, i * 10 + 5, score, kinds.get(t)) for i, t in enumerate(types))
    if cls is None:
        cls = DataClass.RESTRICTED if {"SECRET", "CREDIT_CARD"} & set(types) else (
            DataClass.CONFIDENTIAL if types else DataClass.PUBLIC
        )
    inj = InjectionResult(injection, injection >= 0.5)
    return Report(entities=ents, injection=inj, classification=cls, categories=categories)


def who(team: str = "eng", tenant: str = "default", **kw: object) -> Identity:
    return Identity(tenant=tenant, team=team, user="ada", key_id="k1", **kw)  # type: ignore[arg-type]


@pytest.fixture
def write_policy(tmp_path: Path) -> Callable[[str], Path]:
    def write(text: str, name: str = "accord.yaml") -> Path:
        p = tmp_path / name
        p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return p

    return write


@pytest.fixture
def make_policy(write_policy: Callable[[str], Path]) -> Callable[..., Policy]:
    def make(text: str, env: dict[str, str] | None = None) -> Policy:
        return load_policy(write_policy(text), env=ENV if env is None else env)

    return make
