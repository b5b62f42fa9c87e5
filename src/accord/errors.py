"""The one written-down exception tree.

Library code raises these; the boundaries translate them: the gateway into an HTTP status and an
API-shaped error body, the CLI into a message and an exit code. Every message says what went wrong,
where, and how to fix it.
"""

from __future__ import annotations


class AccordError(Exception):
    """Base of every error Accord raises on purpose."""

    #: HTTP status the gateway answers with when this error reaches it.
    http_status = 500
    #: Exit code the CLI ends with when this error reaches it.
    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n  hint: {self.hint}" if self.hint else self.message


class ConfigError(AccordError):
    """A configuration or policy file is invalid. Names the file, line and field."""

    exit_code = 3

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        where = ":".join(str(p) for p in (file, line) if p is not None)
        prefix = f"{where}: " if where else ""
        at = f"{field}: " if field else ""
        super().__init__(f"{prefix}{at}{message}", hint=hint)
        self.file, self.line, self.field = file, line, field


class InputError(AccordError):
    """Malformed input from a user or client (bad request body, corrupt file, unknown format)."""

    http_status = 400
    exit_code = 4


class PayloadTooLarge(InputError):
    http_status = 413


class AuthenticationError(AccordError):
    """No credentials, or credentials that do not verify."""

    http_status = 401
    exit_code = 5


class PermissionDenied(AccordError):
    """Authenticated, but the policy does not allow it."""

    http_status = 403
    exit_code = 6


class NotFound(AccordError):
    http_status = 404
    exit_code = 4


class QuotaExceeded(AccordError):
    """A rate limit, concurrency cap or budget is exhausted."""

    http_status = 429
    exit_code = 7

    def __init__(self, message: str, *, retry_after: float, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.retry_after = retry_after


class UpstreamError(AccordError):
    """A provider failed (connection refused, 5xx, bad response)."""

    http_status = 502
    exit_code = 8


class UpstreamTimeout(UpstreamError):
    http_status = 504


class ScannerError(AccordError):
    """A guardrail scanner failed or timed out; the request path fails closed on this."""

    http_status = 503
    exit_code = 9
