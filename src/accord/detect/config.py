"""Engine configuration: one validated table that fails closed (unknown keys and bad values are errors).

    EngineConfig.from_mapping({"score_threshold": 0.6, "allow_list": ["support@example.com"],
                               "dictionaries": [{"name": "projects", "type": "PROJECT",
                                                 "category": "confidential_project", "terms": ["Bluebird"]}]})
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from accord.errors import ConfigError

#: The data categories findings and topics map to (see docs/detect.md, "Categories").
CATEGORIES = ("PII", "PHI", "PCI", "HR", "customer", "financial", "credentials", "source_code", "legal")
_TYPE_RE = re.compile(r"^[A-Z][A-Z0-9_]{1,40}$")


class DictionaryConfig(BaseModel):
    """A tenant's own terms (project code names, customers, products) found as a custom entity type."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, max_length=64, description="Reported as the entity's `kind`.")
    type: str = Field(default="CUSTOM_TERM", description="Entity type, upper-case, e.g. PROJECT_CODENAME.")
    category: str = Field(default="customer", description="Data category the findings count towards.")
    terms: tuple[str, ...] = Field(min_length=1)
    case_sensitive: bool = False
    score: float = Field(default=0.9, ge=0.0, le=1.0)

    @field_validator("type")
    @classmethod
    def _type_ok(cls, v: str) -> str:
        if not _TYPE_RE.match(v):
            raise ValueError(f"entity type {v!r} must be upper-case letters, digits and '_' (e.g. PROJECT_CODENAME)")
        return v

    @field_validator("category")
    @classmethod
    def _category_ok(cls, v: str) -> str:
        if v not in CATEGORIES:
            raise ValueError(f"unknown category {v!r}; expected one of: {', '.join(CATEGORIES)}")
        return v

    @field_validator("terms")
    @classmethod
    def _terms_ok(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        cleaned = tuple(t.strip() for t in v)
        bad = [t for t in cleaned if len(t) < 2]
        if bad:
            raise ValueError(f"terms must have at least 2 characters; got {bad[:3]!r}")
        return cleaned


class EngineConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    #: Entities scoring below this are dropped (0..1).
    score_threshold: float = Field(default=0.5, ge=0.0, le=1.0)
    #: Only these entity types are reported (None: every type the registry knows).
    entities: tuple[str, ...] | None = None
    #: These types are never reported.
    disabled_entities: tuple[str, ...] = ()
    #: Values that are never reported (e.g. the support address printed in every e-mail footer).
    allow_list: tuple[str, ...] = ()
    allow_list_case_sensitive: bool = False
    dictionaries: tuple[DictionaryConfig, ...] = ()
    #: Run the secrets rules (`detect/secrets`) and the injection detector (`detect/injection`) if present.
    secrets: bool = True
    injection: bool = True
    #: Topic cues (salary, diagnosis, NDA...) count towards categories and the data class.
    topics: bool = True

    @classmethod
    def from_mapping(cls, data: dict[str, Any] | None, *, source: str | None = None) -> EngineConfig:
        """Validate a mapping (e.g. a YAML section); errors become ConfigError naming the field."""
        try:
            return cls.model_validate(data or {})
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err["loc"])
            raise ConfigError(
                f"{err['msg']} (got {err.get('input')!r})" if err["type"] != "missing" else err["msg"],
                file=source,
                field=where or None,
                hint="see docs/detect.md, 'Engine configuration'",
            ) from None
