"""Secrets by reference: `$env:VAR` or `$file:path`, resolved once when the policy loads.

A literal secret in accord.yaml is refused (the file gets copied, shown and committed; keys must not
ride along). The resolved value is reachable only through `Secret.get()`: repr, str and serialisation
show the reference, so a secret can never end up in a log line, an error or `accord policy show`.
"""

from __future__ import annotations

import hmac
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import GetCoreSchemaHandler, ValidationInfo
from pydantic_core import core_schema

_ENV_RE = re.compile(r"^\$env:([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?$", re.DOTALL)
_FILE_PREFIX = "$file:"


def _context(info: ValidationInfo | None) -> tuple[Mapping[str, str], Path]:
    ctx = (info.context if info is not None else None) or {}
    return ctx.get("env", os.environ), Path(ctx.get("base_dir", "."))


def resolve_ref(ref: str, env: Mapping[str, str], base_dir: Path, *, allow_file: bool = True) -> str:
    """Resolve `$env:VAR`, `$env:VAR:-default` or `$file:path`; raise ValueError naming what is missing."""
    m = _ENV_RE.match(ref)
    if m:
        name, default = m.group(1), m.group(2)
        value = env.get(name)
        if value:
            return value
        if default is not None:
            return default
        raise ValueError(f"environment variable {name} is not set (referenced as {ref!r})")
    if allow_file and ref.startswith(_FILE_PREFIX):
        path = Path(ref[len(_FILE_PREFIX) :]).expanduser()
        if not path.is_absolute():
            path = base_dir / path
        try:
            value = path.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ValueError(f"cannot read secret file {str(path)!r} ({exc.strerror or exc})") from None
        if not value:
            raise ValueError(f"secret file {str(path)!r} is empty")
        return value
    raise ValueError("not a secret reference")


def expand_env(value: str, info: ValidationInfo | None) -> str:
    """For non-secret strings that may come from the environment (base_url): `$env:VAR[:-default]`."""
    if not value.startswith("$env:"):
        return value
    env, base_dir = _context(info)
    return resolve_ref(value, env, base_dir, allow_file=False)


class Secret:
    """A resolved secret. `get()` returns the value; everything else shows only the reference."""

    __slots__ = ("_value", "ref")

    def __init__(self, ref: str, value: str) -> None:
        self.ref = ref
        self._value = value

    def get(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return f"Secret({self.ref!r})"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        return self.ref == other.ref and hmac.compare_digest(self._value, other._value)

    def __hash__(self) -> int:
        return hash(self.ref)

    @classmethod
    def _validate(cls, value: Any, info: ValidationInfo) -> Secret:
        if isinstance(value, Secret):
            return value
        if not isinstance(value, str):
            raise ValueError("expected a secret reference string ($env:VAR or $file:path)")
        if not (value.startswith("$env:") or value.startswith(_FILE_PREFIX)):
            # Never echo the value back: it may be a real key pasted into the file.
            raise ValueError(
                "literal secrets are not allowed; write $env:VAR_NAME or $file:/path/to/secret instead"
            )
        env, base_dir = _context(info)
        return cls(value, resolve_ref(value, env, base_dir))

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.with_info_plain_validator_function(
            cls._validate,
            serialization=core_schema.plain_serializer_function_ser_schema(lambda s: s.ref),
        )
