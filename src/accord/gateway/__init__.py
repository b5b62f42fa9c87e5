"""Guard: the sanctioned AI gateway (OpenAI- and Anthropic-compatible, guardrails in the request path).

`accord.gateway.app.build_app(home)` returns the ASGI application; `accord up` serves it with uvicorn.
"""

from __future__ import annotations

__all__ = ["build_app"]


def __getattr__(name: str):  # lazy: importing the package must not build the app's dependencies
    if name == "build_app":
        from accord.gateway.app import build_app

        return build_app
    raise AttributeError(name)
