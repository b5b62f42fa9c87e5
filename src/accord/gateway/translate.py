"""OpenAI chat completions <-> Anthropic Messages, both ways, for requests, responses and streams.

The gateway's canonical format is OpenAI's. The Anthropic provider translates canonical requests to
Messages and answers back; the /v1/messages endpoint translates incoming Messages requests to the
canonical format and canonical answers back. System prompts, tools, tool results, stop reasons and
usage survive both directions.
"""

from __future__ import annotations

import time
from typing import Any

import orjson

from accord.errors import InputError

DEFAULT_MAX_TOKENS = 4096

STOP_TO_OPENAI = {
    "end_turn": "stop",
    "stop_sequence": "stop",
    "max_tokens": "length",
    "tool_use": "tool_calls",
    "refusal": "content_filter",
    "pause_turn": "stop",
}
FINISH_TO_ANTHROPIC = {
    "stop": "end_turn",
    "length": "max_tokens",
    "tool_calls": "tool_use",
    "function_call": "tool_use",
    "content_filter": "refusal",
}


# --- canonical (OpenAI) request -> Anthropic request ----------------------------------------------


def _image_block(url: str) -> dict[str, Any]:
    if url.startswith("data:") and ";base64," in url:
        media, data = url[5:].split(";base64,", 1)
        return {"type": "image", "source": {"type": "base64", "media_type": media, "data": data}}
    return {"type": "image", "source": {"type": "url", "url": url}}


def _blocks_from_openai_content(content: Any) -> list[dict[str, Any]]:
    if content is None:
        return []
    if isinstance(content, str):
        return [{"type": "text", "text": content}] if content else []
    blocks: list[dict[str, Any]] = []
    for part in content:
        kind = part.get("type")
        if kind == "text":
            blocks.append({"type": "text", "text": part.get("text", "")})
        elif kind == "image_url":
            img = part.get("image_url") or {}
            blocks.append(_image_block(img.get("url", "") if isinstance(img, dict) else str(img)))
    return blocks


def _text_of(content: Any) -> str:
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    return "".join(p.get("text", "") for p in content if isinstance(p, dict) and p.get("type") == "text")


def _json_args(arguments: Any) -> Any:
    if isinstance(arguments, dict):
        return arguments
    try:
        value = orjson.loads(arguments or "{}")
    except orjson.JSONDecodeError:
        return {"_raw": arguments}
    return value if isinstance(value, dict) else {"_value": value}


def openai_to_anthropic_request(body: dict[str, Any], model: str) -> dict[str, Any]:
    system: list[str] = []
    messages: list[dict[str, Any]] = []

    def push(role: str, blocks: list[dict[str, Any]]) -> None:
        if messages and messages[-1]["role"] == role:
            messages[-1]["content"].extend(blocks)
        else:
            messages.append({"role": role, "content": blocks})

    for m in body.get("messages", []):
        role = m.get("role")
        if role in ("system", "developer"):
            system.append(_text_of(m.get("content")))
        elif role == "user":
            push("user", _blocks_from_openai_content(m.get("content")))
        elif role == "assistant":
            blocks = _blocks_from_openai_content(m.get("content"))
            for call in m.get("tool_calls") or []:
                fn = call.get("function") or {}
                blocks.append(
                    {
                        "type": "tool_use",
                        "id": call.get("id", ""),
                        "name": fn.get("name", ""),
                        "input": _json_args(fn.get("arguments")),
                    }
                )
            push("assistant", blocks)
        elif role == "tool":
            push(
                "user",
                [
                    {
                        "type": "tool_result",
                        "tool_use_id": m.get("tool_call_id", ""),
                        "content": _text_of(m.get("content")),
                    }
                ],
            )
    out: dict[str, Any] = {
        "model": model,
        "messages": messages,
        "max_tokens": body.get("max_completion_tokens") or body.get("max_tokens") or DEFAULT_MAX_TOKENS,
    }
    if system:
        out["system"] = "\n\n".join(s for s in system if s)
    for key in ("temperature", "top_p"):
        if body.get(key) is not None:
            out[key] = body[key]
    stop = body.get("stop")
    if stop:
        out["stop_sequences"] = [stop] if isinstance(stop, str) else list(stop)
    if body.get("stream"):
        out["stream"] = True
    if body.get("user"):
        out["metadata"] = {"user_id": str(body["user"])}
    tools = body.get("tools")
    if tools:
        out["tools"] = [
            {
                "name": (t.get("function") or {}).get("name", ""),
                "description": (t.get("function") or {}).get("description", ""),
                "input_schema": (t.get("function") or {}).get("parameters") or {"type": "object", "properties": {}},
            }
            for t in tools
            if t.get("type", "function") == "function"
        ]
    choice = body.get("tool_choice")
    if choice == "auto":
        out["tool_choice"] = {"type": "auto"}
    elif choice == "required":
        out["tool_choice"] = {"type": "any"}
    elif choice == "none":
        out["tool_choice"] = {"type": "none"}
    elif isinstance(choice, dict) and choice.get("type") == "function":
        out["tool_choice"] = {"type": "tool", "name": (choice.get("function") or {}).get("name", "")}
    return out


# --- Anthropic response -> canonical response ------------------------------------------------------


def anthropic_usage_to_openai(usage: dict[str, Any] | None) -> dict[str, int]:
    usage = usage or {}
    prompt = int(usage.get("input_tokens") or 0) + int(usage.get("cache_read_input_tokens") or 0) + int(
        usage.get("cache_creation_input_tokens") or 0
    )
    completion = int(usage.get("output_tokens") or 0)
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


def anthropic_to_openai_response(msg: dict[str, Any]) -> dict[str, Any]:
    texts: list[str] = []
    calls: list[dict[str, Any]] = []
    for block in msg.get("content") or []:
        if block.get("type") == "text":
            texts.append(block.get("text", ""))
        elif block.get("type") == "tool_use":
            calls.append(
                {
                    "id": block.get("id", ""),
                    "type": "function",
                    "function": {"name": block.get("name", ""), "arguments": orjson.dumps(block.get("input") or {}).decode()},
                }
            )
    message: dict[str, Any] = {"role": "assistant", "content": "".join(texts) if texts or not calls else None}
    if calls:
        message["tool_calls"] = calls
    return {
        "id": msg.get("id", ""),
        "object": "chat.completion",
        "created": int(time.time()),
        "model": msg.get("model", ""),
        "choices": [
            {
                "index": 0,
                "message": message,
                "finish_reason": STOP_TO_OPENAI.get(msg.get("stop_reason") or "end_turn", "stop"),
            }
        ],
        "usage": anthropic_usage_to_openai(msg.get("usage")),
    }


class AnthropicStreamToOpenAI:
    """Stateful: Anthropic stream events in, canonical chunks out."""

    def __init__(self) -> None:
        self.id = ""
        self.model = ""
        self.created = int(time.time())
        self._tool_index: dict[int, int] = {}  # content block index -> tool call index
        self._prompt_tokens = 0

    def _chunk(self, delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
        return {
            "id": self.id,
            "object": "chat.completion.chunk",
            "created": self.created,
            "model": self.model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        }

    def translate(self, event: dict[str, Any]) -> list[dict[str, Any]]:
        kind = event.get("type")
        if kind == "message_start":
            msg = event.get("message") or {}
            self.id, self.model = msg.get("id", ""), msg.get("model", "")
            self._prompt_tokens = anthropic_usage_to_openai(msg.get("usage"))["prompt_tokens"]
            return [self._chunk({"role": "assistant", "content": ""})]
        if kind == "content_block_start":
            block = event.get("content_block") or {}
            if block.get("type") == "tool_use":
                n = len(self._tool_index)
                self._tool_index[int(event.get("index", 0))] = n
                call = {"index": n, "id": block.get("id", ""), "type": "function",
                        "function": {"name": block.get("name", ""), "arguments": ""}}
                return [self._chunk({"tool_calls": [call]})]
            if block.get("type") == "text" and block.get("text"):
                return [self._chunk({"content": block["text"]})]
            return []
        if kind == "content_block_delta":
            delta = event.get("delta") or {}
            if delta.get("type") == "text_delta":
                return [self._chunk({"content": delta.get("text", "")})]
            if delta.get("type") == "input_json_delta":
                n = self._tool_index.get(int(event.get("index", 0)), 0)
                return [self._chunk({"tool_calls": [{"index": n, "function": {"arguments": delta.get("partial_json", "")}}]})]
            return []
        if kind == "message_delta":
            stop = (event.get("delta") or {}).get("stop_reason")
            out = [self._chunk({}, STOP_TO_OPENAI.get(stop or "end_turn", "stop"))]
            usage = event.get("usage") or {}
            completion = int(usage.get("output_tokens") or 0)
            out.append(
                {
                    "id": self.id,
                    "object": "chat.completion.chunk",
                    "created": self.created,
                    "model": self.model,
                    "choices": [],
                    "usage": {
                        "prompt_tokens": self._prompt_tokens,
                        "completion_tokens": completion,
                        "total_tokens": self._prompt_tokens + completion,
                    },
                }
            )
            return out
        return []  # ping, content_block_stop, message_stop


# --- incoming Anthropic request -> canonical request ----------------------------------------------


def _openai_parts_from_blocks(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    parts: list[dict[str, Any]] = []
    for b in blocks:
        if b.get("type") == "text":
            parts.append({"type": "text", "text": b.get("text", "")})
        elif b.get("type") == "image":
            src = b.get("source") or {}
            url = src.get("url") if src.get("type") == "url" else f"data:{src.get('media_type', '')};base64,{src.get('data', '')}"
            parts.append({"type": "image_url", "image_url": {"url": url}})
    return parts


def _tool_result_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(b.get("text", "") for b in content if isinstance(b, dict) and b.get("type") == "text")
    return ""


def anthropic_to_openai_request(body: dict[str, Any]) -> dict[str, Any]:
    """Validate the essentials of a Messages request and translate it to the canonical format."""
    messages: list[dict[str, Any]] = []
    system = body.get("system")
    if system is not None:
        if isinstance(system, list):
            system = _tool_result_text(system)
        if not isinstance(system, str):
            raise InputError("system: must be a string or a list of text blocks")
        if system:
            messages.append({"role": "system", "content": system})
    for i, m in enumerate(body["messages"]):
        role, content = m.get("role"), m.get("content")
        if isinstance(content, str):
            messages.append({"role": role, "content": content})
            continue
        if not isinstance(content, list):
            raise InputError(f"messages.{i}.content: must be a string or a list of content blocks")
        if role == "assistant":
            text = "".join(b.get("text", "") for b in content if isinstance(b, dict) and b.get("type") == "text")
            calls = [
                {
                    "id": b.get("id", ""),
                    "type": "function",
                    "function": {"name": b.get("name", ""), "arguments": orjson.dumps(b.get("input") or {}).decode()},
                }
                for b in content
                if isinstance(b, dict) and b.get("type") == "tool_use"
            ]
            msg: dict[str, Any] = {"role": "assistant", "content": text or None}
            if calls:
                msg["tool_calls"] = calls
            messages.append(msg)
            continue
        for b in content:
            if not isinstance(b, dict):
                raise InputError(f"messages.{i}.content: every content block must be an object")
        for b in content:
            if b.get("type") == "tool_result":
                messages.append(
                    {"role": "tool", "tool_call_id": b.get("tool_use_id", ""), "content": _tool_result_text(b.get("content"))}
                )
        parts = _openai_parts_from_blocks([b for b in content if b.get("type") != "tool_result"])
        if parts:
            messages.append({"role": role, "content": parts})
    out: dict[str, Any] = {"model": body["model"], "messages": messages, "max_tokens": body["max_tokens"]}
    for key in ("temperature", "top_p", "stream"):
        if body.get(key) is not None:
            out[key] = body[key]
    if body.get("stop_sequences"):
        out["stop"] = body["stop_sequences"]
    user = (body.get("metadata") or {}).get("user_id") if isinstance(body.get("metadata"), dict) else None
    if user:
        out["user"] = user
    if body.get("tools"):
        out["tools"] = [
            {
                "type": "function",
                "function": {
                    "name": t.get("name", ""),
                    "description": t.get("description", ""),
                    "parameters": t.get("input_schema") or {"type": "object", "properties": {}},
                },
            }
            for t in body["tools"]
            if isinstance(t, dict)
        ]
    choice = body.get("tool_choice")
    if isinstance(choice, dict):
        kind = choice.get("type")
        if kind == "auto":
            out["tool_choice"] = "auto"
        elif kind == "any":
            out["tool_choice"] = "required"
        elif kind == "none":
            out["tool_choice"] = "none"
        elif kind == "tool":
            out["tool_choice"] = {"type": "function", "function": {"name": choice.get("name", "")}}
    return out


# --- canonical response -> Anthropic response -----------------------------------------------------


def openai_to_anthropic_response(resp: dict[str, Any], model: str) -> dict[str, Any]:
    choice = (resp.get("choices") or [{}])[0]
    message = choice.get("message") or {}
    content: list[dict[str, Any]] = []
    text = message.get("content")
    if isinstance(text, str) and text:
        content.append({"type": "text", "text": text})
    for call in message.get("tool_calls") or []:
        fn = call.get("function") or {}
        content.append({"type": "tool_use", "id": call.get("id", ""), "name": fn.get("name", ""), "input": _json_args(fn.get("arguments"))})
    usage = resp.get("usage") or {}
    return {
        "id": resp.get("id") or "msg_accord",
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": content,
        "stop_reason": FINISH_TO_ANTHROPIC.get(choice.get("finish_reason") or "stop", "end_turn"),
        "stop_sequence": None,
        "usage": {"input_tokens": int(usage.get("prompt_tokens") or 0), "output_tokens": int(usage.get("completion_tokens") or 0)},
    }


class OpenAIStreamToAnthropic:
    """Stateful: canonical chunks in, Anthropic (event name, payload) pairs out."""

    def __init__(self, model: str, message_id: str) -> None:
        self.model, self.id = model, message_id
        self._started = False
        self._block: int = -1
        self._block_kind: str | None = None
        self._tool_blocks: dict[int, int] = {}  # tool call index -> content block index
        self._stop: str | None = None
        self.input_tokens = 0
        self.output_tokens = 0

    def start(self) -> list[tuple[str, dict[str, Any]]]:
        if self._started:
            return []
        self._started = True
        return [
            (
                "message_start",
                {
                    "type": "message_start",
                    "message": {
                        "id": self.id, "type": "message", "role": "assistant", "model": self.model,
                        "content": [], "stop_reason": None, "stop_sequence": None,
                        "usage": {"input_tokens": self.input_tokens, "output_tokens": 0},
                    },
                },
            )
        ]

    def _close_block(self) -> list[tuple[str, dict[str, Any]]]:
        if self._block_kind is None:
            return []
        self._block_kind = None
        return [("content_block_stop", {"type": "content_block_stop", "index": self._block})]

    def _open(self, kind: str, block: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
        out = self._close_block()
        self._block += 1
        self._block_kind = kind
        out.append(("content_block_start", {"type": "content_block_start", "index": self._block, "content_block": block}))
        return out

    def text(self, text: str) -> list[tuple[str, dict[str, Any]]]:
        out = self.start()
        if not text:
            return out
        if self._block_kind != "text":
            out += self._open("text", {"type": "text", "text": ""})
        out.append(("content_block_delta", {"type": "content_block_delta", "index": self._block, "delta": {"type": "text_delta", "text": text}}))
        return out

    def chunk(self, chunk: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
        """Everything in a canonical chunk except its text content (the caller feeds text via `text`)."""
        out = self.start()
        usage = chunk.get("usage")
        if usage:
            self.input_tokens = int(usage.get("prompt_tokens") or 0)
            self.output_tokens = int(usage.get("completion_tokens") or 0)
        for choice in chunk.get("choices") or []:
            delta = choice.get("delta") or {}
            for call in delta.get("tool_calls") or []:
                idx = int(call.get("index", 0))
                fn = call.get("function") or {}
                if idx not in self._tool_blocks:
                    out += self._open("tool_use", {"type": "tool_use", "id": call.get("id", ""), "name": fn.get("name", ""), "input": {}})
                    self._tool_blocks[idx] = self._block
                if fn.get("arguments"):
                    out.append(
                        (
                            "content_block_delta",
                            {"type": "content_block_delta", "index": self._tool_blocks[idx],
                             "delta": {"type": "input_json_delta", "partial_json": fn["arguments"]}},
                        )
                    )
            if choice.get("finish_reason"):
                self._stop = choice["finish_reason"]
        return out

    def finish(self) -> list[tuple[str, dict[str, Any]]]:
        out = self.start() + self._close_block()
        out.append(
            (
                "message_delta",
                {
                    "type": "message_delta",
                    "delta": {"stop_reason": FINISH_TO_ANTHROPIC.get(self._stop or "stop", "end_turn"), "stop_sequence": None},
                    "usage": {"output_tokens": self.output_tokens},
                },
            )
        )
        out.append(("message_stop", {"type": "message_stop"}))
        return out
