"""Errors translated at the boundary: our exception tree becomes each API's own error body.

OpenAI-style for /v1/chat/completions, /v1/embeddings, /v1/models and the admin API:
    {"error": {"message": ..., "type": ..., "param": ..., "code": ...}}
Anthropic-style for /v1/messages:
    {"type": "error", "error": {"type": ..., "message": ...}}
Never a stack trace: unexpected exceptions become a generic 500 whose details go to the log only.
"""

from __future__ import annotations

import math
from typing import Literal

import orjson

from accord.errors import AccordError, QuotaExceeded

Api = Literal["openai", "anthropic"]

# status -> (OpenAI error type, Anthropic error type)
_TYPES: dict[int, tuple[str, str]] = {
    400: ("invalid_request_error", "invalid_request_error"),
    401: ("authentication_error", "authentication_error"),
    403: ("permission_error", "permission_error"),
    404: ("not_found_error", "not_found_error"),
    405: ("invalid_request_error", "invalid_request_error"),
    413: ("request_too_large", "request_too_large"),
    429: ("rate_limit_error", "rate_limit_error"),
    500: ("api_error", "api_error"),
    502: ("upstream_error", "api_error"),
    503: ("service_unavailable", "overloaded_error"),
    504: ("timeout_error", "timeout_error"),
}


class HTTPProblem(AccordError):
    """A plain HTTP-level problem (unknown path, wrong method) with an explicit status."""

    def __init__(self, status: int, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.http_status = status
        self.code = code


def error_parts(exc: AccordError, api: Api) -> tuple[int, bytes, list[tuple[bytes, bytes]]]:
    """(status, JSON body, headers) for an AccordError, in the API's own format."""
    status = exc.http_status
    message = exc.message if not exc.hint else f"{exc.message} ({exc.hint})"
    types = _TYPES.get(status, ("api_error", "api_error"))
    headers: list[tuple[bytes, bytes]] = [(b"content-type", b"application/json")]
    if isinstance(exc, QuotaExceeded):
        headers.append((b"retry-after", str(max(1, math.ceil(exc.retry_after))).encode()))
    code = getattr(exc, "code", None)
    if api == "anthropic":
        body = {"type": "error", "error": {"type": types[1], "message": message}}
    else:
        body = {
            "error": {
                "message": message,
                "type": types[0],
                "param": getattr(exc, "param", None),
                "code": code,
            }
        }
    return status, orjson.dumps(body), headers


def internal_error(api: Api, request_id: str) -> tuple[int, bytes, list[tuple[bytes, bytes]]]:
    exc = AccordError(f"internal error in the gateway (request id {request_id}); the details are in its log")
    return error_parts(exc, api)
