"""Routes: a named upstream model a request may go to, with its clearance and its price."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from fnmatch import fnmatchcase, translate
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, Field, ValidationInfo, field_validator, model_validator

from accord.detect.types import DataClass
from accord.policy.secrets import Secret, expand_env
from accord.policy.types import STRICT, ClassName

Provider = Literal["openai", "anthropic", "echo"]
_DEFAULT_BASE_URLS = {"openai": "https://api.openai.com/v1", "anthropic": "https://api.anthropic.com"}
_SECRETISH = re.compile(r"auth|key|token|secret|password|cookie", re.IGNORECASE)
_NAME_RE = r"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$"
_PRICE_CACHE_MAX = 1024


def env_enabled(var: str | None, env: Mapping[str, str]) -> bool:
    return var is None or bool(env.get(var))


def _disabled(info: ValidationInfo) -> bool:
    env = (info.context or {}).get("env", os.environ)
    return not env_enabled(info.data.get("enabled_if_env"), env)


class Price(BaseModel):
    """USD per one million tokens."""

    model_config = STRICT

    input_per_1m: float = Field(default=0.0, ge=0)
    output_per_1m: float = Field(default=0.0, ge=0)

    def cost(self, tokens_in: int, tokens_out: int) -> float:
        return (tokens_in * self.input_per_1m + tokens_out * self.output_per_1m) / 1_000_000


FREE = Price()


class Route(BaseModel):
    model_config = STRICT

    name: str = Field(pattern=_NAME_RE)
    provider: Provider
    #: Upstream model name. Empty: the route name (named routes) or the requested name (pass-through).
    model: str = ""
    #: Pass-through patterns (`gpt-*`): a request for a matching model goes here with its own name.
    models: tuple[str, ...] = ()
    #: Only active while this environment variable is set (non-empty); see docs/policy.md.
    enabled_if_env: str | None = Field(default=None, pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    base_url: str | None = None
    api_key: Secret | None = None
    max_class: ClassName = DataClass.PUBLIC
    private: bool = False
    fallback: str | None = None
    #: Azure OpenAI: the `api-version` query parameter (also switches to the `api-key` header).
    api_version: str | None = None
    #: Extra non-secret request headers (values may be `$env:VAR`); credentials go in `api_key`.
    headers: dict[str, str] = Field(default_factory=dict)
    timeout_s: float = Field(default=60.0, gt=0, le=3600)
    connect_timeout_s: float = Field(default=5.0, gt=0, le=300)
    retries: int = Field(default=1, ge=0, le=10)
    fail_closed: bool = True
    output_scan: bool = True
    price: Price = FREE
    #: Per-model prices for pass-through routes: glob -> Price; the first match wins, else `price`.
    model_prices: dict[str, Price] = Field(default_factory=dict)
    description: str = ""

    @field_validator("base_url")
    @classmethod
    def _base_url(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None or _disabled(info):
            return value
        url = expand_env(value, info).rstrip("/")
        if not re.match(r"^https?://[^\s/]+", url):
            raise ValueError(f"base_url must start with http:// or https:// (got {url!r})")
        return url

    @field_validator("headers")
    @classmethod
    def _headers(cls, value: dict[str, str], info: ValidationInfo) -> dict[str, str]:
        out = {}
        for name, v in value.items():
            if not re.match(r"^[A-Za-z0-9-]+$", name):
                raise ValueError(f"invalid header name {name!r}")
            if _SECRETISH.search(name):
                # Header values are shown by `accord policy show`; credentials belong in api_key.
                raise ValueError(f"header {name!r} looks like a credential; put the secret in api_key instead")
            out[name] = v if _disabled(info) else expand_env(v, info)
        return out

    @field_validator("api_key", mode="before")
    @classmethod
    def _api_key(cls, value: object, info: ValidationInfo) -> object:
        # A disabled route keeps its reference unresolved: its variable is allowed to be missing.
        if isinstance(value, str) and _disabled(info):
            return Secret(value, "")
        return value

    @field_validator("models")
    @classmethod
    def _patterns(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for p in value:
            if not p or any(c.isspace() for c in p):
                raise ValueError(f"invalid model pattern {p!r}")
        return value

    @model_validator(mode="before")
    @classmethod
    def _default_base_url(cls, data: object) -> object:
        if isinstance(data, dict) and data.get("base_url") is None:
            default = _DEFAULT_BASE_URLS.get(str(data.get("provider")))
            if default:
                data = {**data, "base_url": default}
        return data

    def __hash__(self) -> int:
        # Routes hold dicts (prices, headers), so the generated field-tuple hash would fail;
        # name and upstream model identify a route within one policy.
        return hash((self.name, self.model))

    # --- derived, computed once per loaded policy -------------------------------------------------

    @cached_property
    def _pattern_re(self) -> re.Pattern[str] | None:
        if not self.models:
            return None
        return re.compile("|".join(f"(?:{translate(p)})" for p in self.models))

    def matches(self, model_name: str) -> bool:
        """True when this pass-through route serves `model_name` (by its `models` patterns)."""
        rx = self._pattern_re
        return rx is not None and rx.match(model_name) is not None

    @property
    def upstream_model(self) -> str:
        return self.model or self.name

    @property
    def by_name(self) -> bool:
        """A pass-through route without a fixed `model` is reached through its patterns, not its name."""
        return bool(self.model) or not self.models

    def model_ids(self) -> list[str]:
        """Names to list in GET /v1/models: the route name and the concrete (non-glob) `models`."""
        ids = [self.name] if self.by_name else []
        ids += [m for m in self.models if not any(c in m for c in "*?[") and m != self.name]
        return ids

    @cached_property
    def _price_cache(self) -> dict[str, Price]:
        # model name -> price: fnmatch per request costs ~18 us; the answer never changes for a route.
        return {}

    def price_for(self, model_name: str | None = None) -> Price:
        if not self.model_prices:
            return self.price
        name = model_name or self.upstream_model
        cache = self._price_cache
        hit = cache.get(name)
        if hit is None:
            hit = next((p for pattern, p in self.model_prices.items() if fnmatchcase(name, pattern)), self.price)
            if len(cache) >= _PRICE_CACHE_MAX:
                cache.clear()  # bounded: pass-through routes see caller-chosen model names
            cache[name] = hit
        return hit

    def cost(self, tokens_in: int, tokens_out: int, model_name: str | None = None) -> float:
        return self.price_for(model_name).cost(tokens_in, tokens_out)

    @property
    def external(self) -> bool:
        return not self.private
