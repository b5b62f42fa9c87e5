"""Guarded streaming: canonical chunks in, guarded canonical chunks out.

Per upstream batch (one network read) the content of consecutive chunks is fed to one `TextGuard`
per choice and released once, so the output scanner runs once per read, not once per token; the
released text goes out in one content chunk. Structural chunks (tool calls, finish, usage) keep
their order; text still held back is released, final, in front of a choice's finish chunk.
"""

from __future__ import annotations

from typing import Any

from accord.gateway.outguard import OutputPolicy, OutputViolation, TextGuard

_ENVELOPE_SKIP = frozenset({"choices", "usage"})
_TEXT_KEYS = frozenset({"content", "role"})
_NO_DELTA: dict[str, Any] = {}


def _pure(choice: dict[str, Any]) -> bool:
    """A choice that carries only text (and maybe the role): mergeable with its neighbours."""
    return (
        choice.get("finish_reason") is None
        and choice.get("logprobs") is None
        and (choice.get("delta") or _NO_DELTA).keys() <= _TEXT_KEYS
    )


class StreamTransformer:
    def __init__(self, mapping: dict[str, str] | None, policy: OutputPolicy | None, *, include_usage: bool) -> None:
        self._mapping = mapping
        self._policy = policy
        self._guards: dict[tuple[int, int], TextGuard] = {}  # (choice, -1 content | tool index)
        self._roles: dict[int, str] = {}
        self._envelope: dict[str, Any] = {}
        self.include_usage = include_usage
        self.usage: dict[str, Any] | None = None
        self.finish_reason: str | None = None
        self.violation: OutputViolation | None = None
        self.passthrough = policy is None and not mapping

    def guard(self, choice: int, slot: int = -1) -> TextGuard:
        g = self._guards.get((choice, slot))
        if g is None:
            g = self._guards[(choice, slot)] = TextGuard(self._mapping, self._policy)
        return g

    @property
    def findings(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for g in self._guards.values():
            for t, n in g.findings.items():
                out[t] = out.get(t, 0) + n
        return out

    def _content_chunk(self, choice: int, text: str) -> dict[str, Any]:
        delta: dict[str, Any] = {}
        role = self._roles.pop(choice, None)
        if role:
            delta["role"] = role
        delta["content"] = text
        return dict(self._envelope, choices=[{"index": choice, "delta": delta, "logprobs": None, "finish_reason": None}])

    def _release(self, out: list[dict[str, Any]], choice: int, final: bool) -> None:
        g = self._guards.get((choice, -1))
        text = g.release(final) if g is not None else ""
        if text or choice in self._roles:
            out.append(self._content_chunk(choice, text))

    def batch(self, chunks: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Transform one upstream batch. On a violation, returns what may still be sent and sets
        `self.violation`; the caller then ends the stream with `violation_chunks`."""
        out: list[dict[str, Any]] = []
        try:
            self._batch(chunks, out)
        except OutputViolation as v:
            self.violation = v
            if v.safe:
                out.append(self._content_chunk(0, v.safe))
        return out

    def _batch(self, chunks: list[dict[str, Any]], out: list[dict[str, Any]]) -> None:
        fed: set[int] = set()
        roles = self._roles
        for ch in chunks:
            if not self._envelope:
                self._envelope = {k: v for k, v in ch.items() if k not in _ENVELOPE_SKIP}
            usage = ch.get("usage")
            if usage:
                self.usage = usage
            choices = ch.get("choices") or []
            if len(choices) == 1:
                # The common case, once per token: one choice with a text delta. Kept lean on purpose
                # (this is `_pure` inlined).
                c = choices[0]
                delta = c.get("delta") or _NO_DELTA
                if c.get("finish_reason") is None and c.get("logprobs") is None and delta.keys() <= _TEXT_KEYS:
                    idx = c.get("index", 0)
                    if "role" in delta and delta["role"]:
                        roles[idx] = delta["role"]
                    text = delta.get("content")
                    if text:
                        self.guard(idx).feed(text)
                    fed.add(idx)
                    continue
            if choices and all(_pure(c) for c in choices):
                for c in choices:
                    idx = c.get("index", 0)
                    delta = c.get("delta") or {}
                    if delta.get("role"):
                        self._roles[idx] = delta["role"]
                    self.guard(idx).feed(delta.get("content") or "")
                    fed.add(idx)
                continue
            # A structural chunk: release the text fed so far for its choices first.
            for c in choices:
                idx = c.get("index", 0)
                final = c.get("finish_reason") is not None
                delta = c.get("delta") or {}
                if delta.get("content"):
                    self.guard(idx).feed(delta["content"])
                delta.pop("content", None)
                if idx in fed or final or idx in self._roles:
                    self._release(out, idx, final)
                    fed.discard(idx)
                for tc in delta.get("tool_calls") or []:
                    fn = tc.get("function") or {}
                    if fn.get("arguments"):
                        g = self.guard(idx, int(tc.get("index", 0)))
                        g.feed(fn["arguments"])
                        fn["arguments"] = g.release(final)
                if final:
                    self.finish_reason = c["finish_reason"]
                    rest = []
                    for (cidx, slot), g in self._guards.items():
                        if cidx == idx and slot >= 0:
                            text = g.release(True)
                            if text:
                                rest.append({"index": slot, "function": {"arguments": text}})
                    if rest:
                        delta.setdefault("tool_calls", []).extend(rest)
            if not choices and usage and not self.include_usage:
                continue
            out.append(ch)
        for idx in sorted(fed):
            self._release(out, idx, False)

    def finish(self) -> list[dict[str, Any]]:
        """End of upstream stream without a finish chunk: release everything that is left."""
        out: list[dict[str, Any]] = []
        try:
            for choice, slot in list(self._guards):
                if slot == -1:
                    self._release(out, choice, True)
        except OutputViolation as v:
            self.violation = v
            if v.safe:
                out.append(self._content_chunk(0, v.safe))
        return out

    def violation_chunk(self) -> dict[str, Any]:
        return dict(
            self._envelope,
            choices=[{"index": 0, "delta": {}, "logprobs": None, "finish_reason": "content_filter"}],
        )
