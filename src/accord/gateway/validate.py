"""Cheap request validation: hand-rolled type checks on the fields the gateway reads.

Hand-rolled rather than a pydantic model of the whole body: validating a 1 KB chat request with a
pydantic model (extra="allow") costs ~15-25 us and copies every field; these checks cost ~1-2 us and
leave pass-through fields (tools, response_format, ...) untouched for the upstream. Each error names
the offending field in `param`, like OpenAI's own errors.
"""

from __future__ import annotations

from typing import Any

from accord.errors import InputError

CHAT_ROLES = frozenset({"system", "developer", "user", "assistant", "tool", "function"})
ANTHROPIC_ROLES = frozenset({"user", "assistant"})


def bad(param: str, message: str) -> InputError:
    exc = InputError(f"{param}: {message}")
    exc.param = param  # type: ignore[attr-defined]
    return exc


def _type(value: Any) -> str:
    return "null" if value is None else {dict: "object", list: "array", str: "string", bool: "boolean"}.get(type(value), type(value).__name__)


def _model(body: dict[str, Any]) -> str:
    model = body.get("model")
    if not isinstance(model, str) or not model:
        raise bad("model", f"must be a non-empty string (got {_type(model)})")
    return model


def _opt(body: dict[str, Any], key: str, types: tuple[type, ...], what: str) -> None:
    value = body.get(key)
    if value is not None and (not isinstance(value, types) or (bool not in types and isinstance(value, bool))):
        raise bad(key, f"must be {what} (got {_type(value)})")


def _int_min(body: dict[str, Any], key: str, minimum: int) -> None:
    value = body.get(key)
    if value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise bad(key, f"must be an integer >= {minimum} (got {value!r})"[:200])


def _common_sampling(body: dict[str, Any]) -> None:
    _opt(body, "stream", (bool,), "a boolean")
    _opt(body, "temperature", (int, float), "a number")
    _opt(body, "top_p", (int, float), "a number")


def chat(body: dict[str, Any]) -> str:
    model = _model(body)
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise bad("messages", f"must be a non-empty array (got {_type(messages)})")
    for i, m in enumerate(messages):
        if not isinstance(m, dict):
            raise bad(f"messages.{i}", f"must be an object (got {_type(m)})")
        role = m.get("role")
        if role not in CHAT_ROLES:
            raise bad(f"messages.{i}.role", f"must be one of {', '.join(sorted(CHAT_ROLES))} (got {role!r})"[:200])
        content = m.get("content")
        if isinstance(content, list):
            for j, part in enumerate(content):
                if not isinstance(part, dict) or not isinstance(part.get("type"), str):
                    raise bad(f"messages.{i}.content.{j}", "must be an object with a string 'type'")
                # Any part that carries `text` must carry a string: the guardrails scan strings only,
                # so anything else would reach the upstream unscanned.
                if (part["type"] == "text" or "text" in part) and not isinstance(part.get("text"), str):
                    raise bad(f"messages.{i}.content.{j}.text", "must be a string")
        elif content is not None and not isinstance(content, str):
            raise bad(f"messages.{i}.content", f"must be a string, an array of parts or null (got {_type(content)})")
        calls = m.get("tool_calls")
        if calls is not None:
            if not isinstance(calls, list):
                raise bad(f"messages.{i}.tool_calls", "must be an array")
            for j, call in enumerate(calls):
                fn = call.get("function") if isinstance(call, dict) else None
                if not isinstance(fn, dict) or not isinstance(fn.get("arguments", ""), str):
                    raise bad(f"messages.{i}.tool_calls.{j}.function", "must be an object with string 'arguments'")
    _common_sampling(body)
    _int_min(body, "max_tokens", 1)
    _int_min(body, "max_completion_tokens", 1)
    _int_min(body, "n", 1)
    _opt(body, "stream_options", (dict,), "an object")
    _opt(body, "tools", (list,), "an array")
    _opt(body, "stop", (str, list), "a string or an array of strings")
    return model


def anthropic_messages(body: dict[str, Any]) -> str:
    model = _model(body)
    max_tokens = body.get("max_tokens")
    if not isinstance(max_tokens, int) or isinstance(max_tokens, bool) or max_tokens < 1:
        raise bad("max_tokens", f"is required and must be an integer >= 1 (got {max_tokens!r})"[:200])
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise bad("messages", f"must be a non-empty array (got {_type(messages)})")
    for i, m in enumerate(messages):
        if not isinstance(m, dict):
            raise bad(f"messages.{i}", f"must be an object (got {_type(m)})")
        if m.get("role") not in ANTHROPIC_ROLES:
            raise bad(f"messages.{i}.role", f"must be 'user' or 'assistant' (got {m.get('role')!r})"[:200])
        content = m.get("content")
        if isinstance(content, list):
            _anthropic_blocks(content, f"messages.{i}.content")
        elif not isinstance(content, str):
            raise bad(f"messages.{i}.content", f"must be a string or an array of content blocks (got {_type(content)})")
    _opt(body, "system", (str, list), "a string or an array of text blocks")
    if isinstance(body.get("system"), list):
        _text_blocks(body["system"], "system")
    _opt(body, "tools", (list,), "an array")
    _opt(body, "stop_sequences", (list,), "an array of strings")
    _opt(body, "metadata", (dict,), "an object")
    _common_sampling(body)
    return model


def _text_blocks(blocks: list[Any], where: str) -> None:
    for j, b in enumerate(blocks):
        if not isinstance(b, dict) or b.get("type") != "text" or not isinstance(b.get("text"), str):
            raise bad(f"{where}.{j}", "must be a text block: {\"type\": \"text\", \"text\": \"...\"}")


def _anthropic_blocks(blocks: list[Any], where: str) -> None:
    """Content blocks of a Messages request: the fields the gateway reads (and scans) have the right types."""
    for j, b in enumerate(blocks):
        at = f"{where}.{j}"
        if not isinstance(b, dict) or not isinstance(b.get("type"), str):
            raise bad(at, "must be an object with a string 'type'")
        kind = b["type"]
        if (kind == "text" or "text" in b) and not isinstance(b.get("text"), str):
            raise bad(f"{at}.text", "must be a string")
        if kind == "image" and not isinstance(b.get("source"), dict):
            raise bad(f"{at}.source", f"must be an object (got {_type(b.get('source'))})")
        if kind == "tool_use" and not isinstance(b.get("input", {}), dict):
            raise bad(f"{at}.input", f"must be an object (got {_type(b.get('input'))})")
        if kind == "tool_result":
            inner = b.get("content")
            if isinstance(inner, list):
                _anthropic_blocks(inner, f"{at}.content")
            elif inner is not None and not isinstance(inner, str):
                raise bad(f"{at}.content", f"must be a string or an array of content blocks (got {_type(inner)})")


def embeddings(body: dict[str, Any]) -> str:
    model = _model(body)
    inp = body.get("input")
    ok = isinstance(inp, str) or (
        isinstance(inp, list)
        and inp
        and (
            all(isinstance(x, str) for x in inp)
            or all(isinstance(x, int) and not isinstance(x, bool) for x in inp)
            or all(isinstance(x, list) and all(isinstance(y, int) and not isinstance(y, bool) for y in x) for x in inp)
        )
    )
    if not ok:
        raise bad("input", "must be a string, an array of strings, or an array of token arrays")
    return model
