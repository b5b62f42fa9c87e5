"""How guarded canonical output is written back in the caller's API: OpenAI SSE or Anthropic SSE."""

from __future__ import annotations

from typing import Any

import orjson

from accord.errors import AccordError
from accord.gateway.errorbody import _TYPES
from accord.gateway.exchange import new_id
from accord.gateway.sse import encode_event
from accord.gateway.streaming import StreamTransformer
from accord.gateway.translate import OpenAIStreamToAnthropic

DONE = b"data: [DONE]\n\n"


class OpenAISink:
    def encode(self, chunks: list[dict[str, Any]]) -> bytes:
        return b"".join([b"data: " + orjson.dumps(c) + b"\n\n" for c in chunks])

    def violation(self, tr: StreamTransformer, message: str) -> bytes:
        err = {"error": {"message": message, "type": "content_filter", "param": None, "code": "output_blocked"}}
        return self.encode([tr.violation_chunk()]) + b"data: " + orjson.dumps(err) + b"\n\n" + DONE

    def error(self, exc: AccordError) -> bytes:
        kind = _TYPES.get(exc.http_status, ("api_error", "api_error"))[0]
        err = {"error": {"message": exc.message, "type": kind, "param": None, "code": None}}
        return b"data: " + orjson.dumps(err) + b"\n\n" + DONE

    def end(self, tr: StreamTransformer) -> bytes:
        return DONE


class AnthropicSink:
    def __init__(self, model: str) -> None:
        self.conv = OpenAIStreamToAnthropic(model, f"msg_{new_id()}")

    def _events(self, pairs: list[tuple[str, dict[str, Any]]]) -> bytes:
        return b"".join([encode_event(name, orjson.dumps(payload)) for name, payload in pairs])

    def encode(self, chunks: list[dict[str, Any]]) -> bytes:
        pairs: list[tuple[str, dict[str, Any]]] = []
        for c in chunks:
            for choice in c.get("choices") or ():
                if choice.get("index", 0) == 0:
                    text = (choice.get("delta") or {}).get("content")
                    if text:
                        pairs += self.conv.text(text)
            pairs += self.conv.chunk(c)
        return self._events(pairs)

    def violation(self, tr: StreamTransformer, message: str) -> bytes:
        return self._events(self.conv.start()) + encode_event(
            "error", orjson.dumps({"type": "error", "error": {"type": "permission_error", "message": message}})
        )

    def error(self, exc: AccordError) -> bytes:
        kind = _TYPES.get(exc.http_status, ("api_error", "api_error"))[1]
        return encode_event("error", orjson.dumps({"type": "error", "error": {"type": kind, "message": exc.message}}))

    def end(self, tr: StreamTransformer) -> bytes:
        return self._events(self.conv.finish())
