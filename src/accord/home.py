"""Where Accord keeps its state: one directory holding the database and the policy file."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_HOME = ".accord"
HOME_ENV = "ACCORD_HOME"


@dataclass(frozen=True, slots=True)
class Home:
    path: Path

    @classmethod
    def resolve(cls, value: str | os.PathLike[str] | None = None) -> Home:
        """`--home` wins, then `$ACCORD_HOME`, then `./.accord`."""
        chosen = value or os.environ.get(HOME_ENV) or DEFAULT_HOME
        return cls(Path(chosen).expanduser().resolve())

    @property
    def policy_path(self) -> Path:
        return self.path / "accord.yaml"

    @property
    def db_path(self) -> Path:
        return self.path / "accord.db"

    @property
    def db_url(self) -> str:
        """`$ACCORD_DATABASE_URL` (e.g. PostgreSQL) overrides the embedded SQLite file."""
        return os.environ.get("ACCORD_DATABASE_URL") or f"sqlite:///{self.db_path}"

    def ensure(self) -> Home:
        self.path.mkdir(parents=True, exist_ok=True)
        return self
