"""One catalog entry: an AI service, the hostnames it uses and what is publicly documented about it.

Unknown is a value of its own (`unknown`), never a guess: the risk score counts it at a
configurable fraction of the factor's weight.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from accord.policy.sections.discover import normalize_host

#: Category id -> label shown to people.
CATEGORIES: dict[str, str] = {
    "chat_assistant": "chat assistant",
    "coding_assistant": "coding assistant",
    "model_platform": "API / model platform",
    "media_generation": "image / video / audio generation",
    "meeting_notes": "meeting / notes",
    "writing": "writing",
    "search": "search",
    "agent_automation": "agent / automation",
    "saas_ai_feature": "AI feature inside SaaS",
}
Category = Literal[
    "chat_assistant",
    "coding_assistant",
    "model_platform",
    "media_generation",
    "meeting_notes",
    "writing",
    "search",
    "agent_automation",
    "saas_ai_feature",
]
Tri = Literal[True, False, "unknown"]
Retention = Literal["none", "short", "long", "unknown"]

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")
_PATTERN = re.compile(r"^[a-z0-9*][a-z0-9*.-]*\.[a-z0-9-]+$")
_COUNTRY = re.compile(r"^([A-Z]{2}|unknown)$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class RiskAttributes(_Strict):
    trains_on_customer_inputs_by_default: Tri = "unknown"
    #: none: not stored (zero retention); short: 30 days or less; long: longer or until the user deletes.
    retention: Retention = "unknown"
    enterprise_tier: Tri = "unknown"
    sso: Tri = "unknown"
    soc2: Tri = "unknown"
    iso27001: Tri = "unknown"
    #: ISO 3166 alpha-2 of the vendor's headquarters.
    hq_country: str = "unknown"
    #: Regions a customer can choose to keep data in (e.g. US, EU, CN); "unknown" when undocumented.
    data_regions: tuple[str, ...] | Literal["unknown"] = "unknown"

    @field_validator("hq_country")
    @classmethod
    def _country(cls, value: str) -> str:
        value = value if value == "unknown" else value.upper()
        if not _COUNTRY.match(value):
            raise ValueError(f"{value!r} is not an ISO 3166 two-letter country code or 'unknown'")
        return value

    @field_validator("data_regions")
    @classmethod
    def _regions(cls, value: tuple[str, ...] | str) -> tuple[str, ...] | str:
        if isinstance(value, str):
            return value
        if not value:
            raise ValueError("write 'unknown' rather than an empty list")
        return tuple(v.upper() for v in value)


class Service(_Strict):
    id: str
    name: str = Field(min_length=1)
    vendor: str = Field(min_length=1)
    category: Category
    url: str | None = None
    #: Host suffixes: `chatgpt.com` covers `chatgpt.com` and every `*.chatgpt.com`.
    domains: tuple[str, ...] = ()
    #: Globs for hosts that vary inside a label (`bedrock-runtime.*.amazonaws.com`).
    patterns: tuple[str, ...] = ()
    risk: RiskAttributes = RiskAttributes()
    notes: str | None = None
    #: Public pages the risk attributes were taken from.
    sources: tuple[str, ...] = ()

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError(f"{value!r}: ids are lower-case letters, digits, '.', '_' and '-'")
        return value

    @field_validator("domains")
    @classmethod
    def _domains(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(normalize_host(d) for d in value)

    @field_validator("patterns")
    @classmethod
    def _patterns(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        out = tuple(p.strip().lower() for p in value)
        for p in out:
            if "*" not in p or not _PATTERN.match(p) or p.startswith("*."):
                raise ValueError(
                    f"{p!r}: a pattern has a '*' inside it and ends in a fixed domain "
                    "(use `domains` for plain suffixes)"
                )
        return out

    @property
    def detectable(self) -> bool:
        """False for AI features served from their SaaS's ordinary hosts (they cannot be told apart)."""
        return bool(self.domains or self.patterns)

    @property
    def category_label(self) -> str:
        return CATEGORIES[self.category]
