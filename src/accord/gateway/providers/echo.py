"""`echo`: the built-in deterministic model. Answers with the last user message it received, verbatim.

It makes `accord up` useful with no API key, and it is the upstream of the SDK acceptance tests.
Usage is reported (about four characters per token, like the gateway's own estimate).
"""

from __future__ import annotations

import asyncio
import hashlib
import struct
import time
from collections.abc import AsyncIterator
from typing import Any

from accord.gateway.exchange import new_id
from accord.gateway.providers.base import Target

STREAM_CHUNKS = 4


def estimate_tokens(text: str) -> int:
    return (len(text) + 3) // 4


def last_user_text(messages: list[dict[str, Any]]) -> str:
    for m in reversed(messages):
        if m.get("role") == "user":
            content = m.get("content")
            if isinstance(content, str):
                return content
            if isinstance(content, list):
                return "".join(
                    p["text"] for p in content if isinstance(p, dict) and p.get("type") == "text" and isinstance(p.get("text"), str)
                )
            return ""
    return ""


def prompt_tokens(messages: list[dict[str, Any]]) -> int:
    total = 0
    for m in messages:
        content = m.get("content")
        if isinstance(content, str):
            total += estimate_tokens(content)
        elif isinstance(content, list):
            total += sum(estimate_tokens(p["text"]) for p in content if isinstance(p, dict) and isinstance(p.get("text"), str))
    return total


class EchoProvider:
    name = "echo"

    async def complete(self, body: dict[str, Any], target: Target) -> dict[str, Any]:
        text = last_user_text(body.get("messages", []))
        p, c = prompt_tokens(body.get("messages", [])), estimate_tokens(text)
        return {
            "id": f"chatcmpl-echo-{new_id()}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": target.model,
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": text}, "logprobs": None, "finish_reason": "stop"}
            ],
            "usage": {"prompt_tokens": p, "completion_tokens": c, "total_tokens": p + c},
        }

    async def stream(self, body: dict[str, Any], target: Target) -> AsyncIterator[list[dict[str, Any]]]:
        text = last_user_text(body.get("messages", []))
        p, c = prompt_tokens(body.get("messages", [])), estimate_tokens(text)
        base = {"id": f"chatcmpl-echo-{new_id()}", "object": "chat.completion.chunk",
                "created": int(time.time()), "model": target.model}

        def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
            return dict(base, choices=[{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}])

        yield [chunk({"role": "assistant", "content": ""})]
        step = max(1, -(-len(text) // STREAM_CHUNKS))
        for i in range(0, len(text), step):
            await asyncio.sleep(0)  # separate batches, like separate network reads
            yield [chunk({"content": text[i : i + step]})]
        yield [
            chunk({}, "stop"),
            dict(base, choices=[], usage={"prompt_tokens": p, "completion_tokens": c, "total_tokens": p + c}),
        ]

    async def embed(self, body: dict[str, Any], target: Target) -> dict[str, Any]:
        inputs = body.get("input")
        items = [inputs] if isinstance(inputs, str) else list(inputs or [])
        data = []
        for i, item in enumerate(items):
            digest = hashlib.sha256(str(item).encode()).digest()
            vec = [round(v / 2**31, 6) for v in struct.unpack(">8i", digest)]
            data.append({"object": "embedding", "index": i, "embedding": vec})
        tokens = sum(estimate_tokens(str(x)) for x in items)
        return {"object": "list", "data": data, "model": target.model, "usage": {"prompt_tokens": tokens, "total_tokens": tokens}}

    async def aclose(self) -> None:
        return None
