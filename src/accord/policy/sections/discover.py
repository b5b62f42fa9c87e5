"""The `discover:` section of accord.yaml (Shadow AI discovery). Owned by the Discover capability.

Every setting has a safe default, so an empty section (or none) is a working policy: every AI
service is `unsanctioned` until the policy says otherwise. Unknown keys are errors (fail closed).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

Status = Literal["sanctioned", "tolerated", "unsanctioned"]
STATUSES: tuple[str, ...] = ("sanctioned", "tolerated", "unsanctioned")

_HOST = re.compile(r"^(?=.{1,253}$)(\*\.)?([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9_-]{1,63}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_SERVICE_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def normalize_host(value: str) -> str:
    """Lower-case, no trailing dot, no leading `*.` or `.` (a suffix covers its subdomains anyway)."""
    host = value.strip().lower().rstrip(".")
    for prefix in ("*.", "."):
        host = host.removeprefix(prefix)
    if not _HOST.match(host):
        raise ValueError(f"{value!r} is not a hostname (write e.g. 'ai.example.com')")
    return host


def _http_url(value: str | None) -> str | None:
    if value is None:
        return None
    if not re.match(r"^https?://[^\s<>\"']+$", value):
        raise ValueError(f"{value!r} must be an http:// or https:// URL without spaces or quotes")
    return value


class RiskWeights(_Strict):
    """Points each risk factor adds when fully present (see docs/discover.md, "Risk score")."""

    trains_on_inputs: float = Field(default=25, ge=0)
    retention: float = Field(default=15, ge=0)
    no_enterprise_tier: float = Field(default=10, ge=0)
    no_sso: float = Field(default=10, ge=0)
    no_soc2: float = Field(default=10, ge=0)
    no_iso27001: float = Field(default=10, ge=0)
    #: Only counts when `elevated_jurisdictions` is set.
    jurisdiction: float = Field(default=10, ge=0)
    #: Only counts when `required_regions` is set.
    data_residency: float = Field(default=10, ge=0)
    #: How much an attribute recorded as unknown counts, as a fraction of its weight.
    unknown_factor: float = Field(default=0.5, ge=0, le=1)


class SanctionedAlternative(_Strict):
    """What the coaching page tells people to use instead."""

    name: str = "the company AI gateway"
    #: Route (model name) to ask the gateway for, e.g. `gpt-4o-mini`.
    route: str | None = None
    #: How to get a key, in one or two sentences (e.g. "run `accord keys create` via the IT desk").
    how_to_get_key: str | None = None
    quickstart_url: str | None = None
    contact: str | None = None

    @field_validator("quickstart_url")
    @classmethod
    def _check_url(cls, value: str | None) -> str | None:
        return _http_url(value)


class ExportSettings(_Strict):
    """Inputs of `accord discover export` (PAC, Squid ACL, EDL, RPZ, hosts)."""

    #: Services with these statuses are listed for blocking.
    statuses: tuple[Status, ...] = ("unsanctioned",)
    #: The coaching page URL (the gateway's `/coach`), used by Squid deny_info and the RPZ redirect.
    coach_url: str | None = None
    #: `host:port` of the proxy the PAC file sends blocked hosts to (a Squid with the generated
    #: ACL, or the gateway); without it the PAC uses `PROXY 127.0.0.1:9` (fails closed).
    pac_proxy: str | None = None
    #: Address the hosts file maps blocked names to.
    sinkhole_ip: str = "0.0.0.0"
    #: RPZ: `redirect` answers with a CNAME to the coach host, `nxdomain` makes names vanish.
    rpz_action: Literal["redirect", "nxdomain"] = "redirect"

    @field_validator("coach_url")
    @classmethod
    def _check_url(cls, value: str | None) -> str | None:
        return _http_url(value)

    @field_validator("pac_proxy")
    @classmethod
    def _proxy(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^[A-Za-z0-9.\-\[\]:]+:\d{1,5}$", value):
            raise ValueError(f"{value!r} must be host:port, e.g. 'proxy.example.com:3128'")
        return value

    @field_validator("sinkhole_ip")
    @classmethod
    def _ip(cls, value: str) -> str:
        import ipaddress

        ipaddress.ip_address(value)
        return value


class ExfilSettings(_Strict):
    """When an upload day is reported as far above a user's baseline (see docs: robust z-score)."""

    #: Robust z-score (median/MAD) at or above which a day is flagged.
    z_threshold: float = Field(default=3.5, gt=0)
    #: Ignore days below this many bytes uploaded to AI services.
    min_bytes: int = Field(default=10_000_000, ge=0)
    #: A user needs at least this many active days for a baseline.
    min_days: int = Field(default=3, ge=2)


class DiscoverPolicy(_Strict):
    default_status: Status = "unsanctioned"
    #: Catalog service id -> status (ids: `accord catalog list`).
    services: dict[str, Status] = Field(default_factory=dict)
    #: Extra catalog YAML files (relative paths are relative to accord.yaml).
    catalog_extra: tuple[str, ...] = ()
    risk_weights: RiskWeights = RiskWeights()
    #: ISO 3166 country codes whose jurisdiction adds the `jurisdiction` risk weight.
    elevated_jurisdictions: tuple[str, ...] = ()
    #: Regions the organisation needs data kept in (e.g. [EU]); adds `data_residency` risk when absent.
    required_regions: tuple[str, ...] = ()
    #: Hostnames of Accord's own gateway: traffic to them is AI traffic already under control.
    gateway_hosts: tuple[str, ...] = ()
    #: Host suffixes never reported (internal tools, test hosts).
    ignore_hosts: tuple[str, ...] = ()
    sanctioned_alternative: SanctionedAlternative = SanctionedAlternative()
    export: ExportSettings = ExportSettings()
    exfil: ExfilSettings = ExfilSettings()

    @field_validator("services")
    @classmethod
    def _ids(cls, value: dict[str, str]) -> dict[str, str]:
        for key in value:
            if not _SERVICE_ID.match(key):
                raise ValueError(f"{key!r} is not a catalog service id (see `accord catalog list`)")
        return value

    @field_validator("gateway_hosts", "ignore_hosts")
    @classmethod
    def _hosts(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(normalize_host(h) for h in value)

    @field_validator("elevated_jurisdictions")
    @classmethod
    def _countries(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        out = tuple(v.upper() for v in value)
        for code in out:
            if not _COUNTRY.match(code):
                raise ValueError(f"{code!r} is not an ISO 3166 two-letter country code (e.g. 'CN')")
        return out

    @field_validator("required_regions")
    @classmethod
    def _regions(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(v.upper() for v in value)

    @field_validator("catalog_extra")
    @classmethod
    def _extra_paths(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        # Resolved against the policy file's folder when the loader tells us where that is.
        base = (info.context or {}).get("base_dir") if info.context else None
        out = []
        for item in value:
            path = Path(item).expanduser()
            if not path.is_absolute() and base:
                path = Path(base) / path
            out.append(str(path))
        return tuple(out)
