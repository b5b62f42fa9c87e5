"""Providers: built-ins registered like plugins (name -> factory taking the shared HTTP pool)."""

from __future__ import annotations

from collections.abc import Callable

from accord.gateway.providers.anthropic import AnthropicProvider
from accord.gateway.providers.base import Provider, RetryableUpstreamError, Target
from accord.gateway.providers.echo import EchoProvider
from accord.gateway.providers.http import HttpPool
from accord.gateway.providers.openai import OpenAIProvider

#: provider name (as written in a policy route) -> factory. Adding a provider is adding a line.
BUILTIN: dict[str, Callable[[HttpPool], Provider]] = {
    "openai": OpenAIProvider,
    "azure": OpenAIProvider,
    "anthropic": AnthropicProvider,
    "echo": lambda pool: EchoProvider(),
}


def default_providers(pool: HttpPool) -> dict[str, Provider]:
    return {name: factory(pool) for name, factory in BUILTIN.items()}


__all__ = ["BUILTIN", "HttpPool", "Provider", "RetryableUpstreamError", "Target", "default_providers"]
