"""The provider protocol: as small as an httpx transport.

Every provider speaks the gateway's canonical format, OpenAI chat completions: `complete` returns a
`chat.completion` dict, `stream` yields *batches* of `chat.completion.chunk` dicts (one batch per
network read, so the guardrails scan once per read rather than once per token), `embed` returns an
embeddings list. Providers translate to and from their upstream's own API and map its failures to
`accord.errors.UpstreamError` / `UpstreamTimeout`. Retries and fallback live above them, in
`accord.gateway.upstream`, so each provider stays a thin translator.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from accord.errors import UpstreamError


@dataclass(frozen=True, slots=True)
class Target:
    """Where and how to call: resolved from a policy route once per policy version."""

    route: str
    provider: str
    model: str
    base_url: str = ""
    api_key: str | None = None
    timeout: float = 60.0
    connect_timeout: float = 5.0
    #: Azure OpenAI: `api-key` header and `?api-version=` query instead of a bearer token.
    api_version: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


class RetryableUpstreamError(UpstreamError):
    """A failure before any byte of the answer arrived that is safe to retry (connect error, 502/503/504)."""


@runtime_checkable
class Provider(Protocol):
    name: str

    async def complete(self, body: dict[str, Any], target: Target) -> dict[str, Any]: ...

    def stream(self, body: dict[str, Any], target: Target) -> AsyncIterator[list[dict[str, Any]]]: ...

    async def embed(self, body: dict[str, Any], target: Target) -> dict[str, Any]: ...

    async def aclose(self) -> None: ...
