"""Policy sections that are plain settings: quotas, audit, guardrails, clearance, classes, auth."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from accord.detect.types import DataClass
from accord.policy.types import STRICT, ClassName


class Quota(BaseModel):
    """Limits for one scope (a key, a team or a tenant). `null` means unlimited."""

    model_config = STRICT

    rpm: int | None = Field(default=None, ge=1)
    tpm: int | None = Field(default=None, ge=1)
    concurrent: int | None = Field(default=None, ge=1)
    max_body_bytes: int | None = Field(default=None, ge=1024)
    monthly_budget_usd: float | None = Field(default=None, ge=0)

    def merged(self, override: Quota | None) -> Quota:
        """`override`'s explicit values win; unset ones keep ours."""
        if override is None:
            return self
        return self.model_copy(update=override.model_dump(exclude_unset=True))


UNLIMITED = Quota()


class QuotaSettings(BaseModel):
    """Defaults applied to every key, every team and every tenant (teams/tenants may override)."""

    model_config = STRICT

    key: Quota = UNLIMITED
    team: Quota = UNLIMITED
    tenant: Quota = UNLIMITED


class EffectiveQuotas(BaseModel):
    """What the gateway enforces for one identity: each scope counted separately."""

    model_config = STRICT

    key: Quota
    team: Quota
    tenant: Quota

    @property
    def max_body_bytes(self) -> int | None:
        limits = [q.max_body_bytes for q in (self.key, self.team, self.tenant) if q.max_body_bytes]
        return min(limits) if limits else None


class AuditSettings(BaseModel):
    model_config = STRICT

    #: Store the prompt text in audit events. Off by default: events carry entity counts, never values.
    capture_prompts: bool = False
    #: When capturing, keep at most this many characters of prompt text per event.
    capture_max_chars: int = Field(default=4000, ge=1)


class GuardrailSettings(BaseModel):
    model_config = STRICT

    #: A scanner that takes longer than this fails the request closed (per route `fail_closed`).
    scanner_timeout_ms: int = Field(default=250, ge=1, le=60_000)
    #: Scan model output (streamed incrementally) before it reaches the caller. Routes may opt out.
    output_scan: bool = True
    #: Entity types the caller may see in model output; "*" means every type not in `output_hidden`.
    output_visible: tuple[str, ...] = ("*",)
    #: Entity types the caller must never see in model output.
    output_hidden: tuple[str, ...] = ("SECRET",)
    #: What happens when output contains a type the caller may not see: cut the stream, or mask it.
    output_action: Literal["block", "redact"] = "block"
    #: Characters of streamed output held back so an entity split across chunks is seen whole before
    #: any of it is released (bounds the added latency; a longer entity can leak its head).
    output_window_chars: int = Field(default=64, ge=8, le=4096)
    #: Coaching message sent in the final event when output is cut.
    output_message: str = (
        "The response was stopped because it contained {types}, which you are not allowed to receive."
    )

    def hidden_in_output(self, types: frozenset[str]) -> frozenset[str]:
        visible_all = "*" in self.output_visible
        hidden = frozenset(self.output_hidden)
        return frozenset(
            t for t in types if t in hidden or (not visible_all and t not in self.output_visible)
        )


_DEFAULT_ENTITY_CLASSES: dict[str, DataClass] = {
    "SECRET": DataClass.RESTRICTED,
    "CREDIT_CARD": DataClass.RESTRICTED,
    "US_SSN": DataClass.RESTRICTED,
    "US_BANK_NUMBER": DataClass.RESTRICTED,
    "IBAN_CODE": DataClass.CONFIDENTIAL,
    "MEDICAL_LICENSE": DataClass.CONFIDENTIAL,
    "US_PASSPORT": DataClass.RESTRICTED,
    "US_DRIVER_LICENSE": DataClass.CONFIDENTIAL,
    "EMAIL_ADDRESS": DataClass.CONFIDENTIAL,
    "PHONE_NUMBER": DataClass.CONFIDENTIAL,
    "IP_ADDRESS": DataClass.INTERNAL,
    "PERSON": DataClass.INTERNAL,
    "LOCATION": DataClass.INTERNAL,
    "URL": DataClass.PUBLIC,
}


class ClassSettings(BaseModel):
    """How entity types map to data classes, for the route clearance check after redaction."""

    model_config = STRICT

    entities: dict[str, ClassName] = Field(default_factory=lambda: dict(_DEFAULT_ENTITY_CLASSES))
    #: Class of an entity type not listed in `entities`.
    default: ClassName = DataClass.CONFIDENTIAL

    def of(self, entity_type: str) -> DataClass:
        return self.entities.get(entity_type, self.default)


class ClearanceSettings(BaseModel):
    """What happens when a request carries data above the chosen route's `max_class`."""

    model_config = STRICT

    on_exceeds_class: Literal["block", "route"] = "block"
    #: Private route to use when `on_exceeds_class: route`; default: the first private route cleared for it.
    route: str | None = None
    message: str = (
        "This request contains {class} data, but route '{route}' is cleared only up to {max_class}. "
        "Remove the sensitive data, or use a private model route cleared for {class} data."
    )


class JwtSettings(BaseModel):
    """Bearer JWTs (OIDC) verified against a JWKS file or URL; claims map to the caller's identity."""

    model_config = STRICT

    jwks_file: str | None = None
    jwks_url: str | None = None
    issuer: str | None = None
    audience: str | None = None
    algorithms: tuple[str, ...] = ("RS256", "ES256")
    leeway_s: int = Field(default=30, ge=0, le=600)
    user_claim: str = "sub"
    team_claim: str = "team"
    tenant_claim: str = "tenant"
    groups_claim: str = "groups"
    roles_claim: str = "roles"
    app_claim: str = "azp"
    default_team: str | None = None
    default_tenant: str = "default"

    @field_validator("jwks_url")
    @classmethod
    def _https(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("https://", "http://127.0.0.1", "http://localhost")):
            raise ValueError("jwks_url must use https:// (plain http only for localhost)")
        return value


    @model_validator(mode="after")
    def _one_source(self) -> JwtSettings:
        if (self.jwks_file is None) == (self.jwks_url is None):
            raise ValueError("set exactly one of jwks_file or jwks_url")
        return self


class AuthSettings(BaseModel):
    model_config = STRICT

    #: Accept Accord virtual keys (`sk-accord-...`).
    api_keys: bool = True
    jwt: JwtSettings | None = None
