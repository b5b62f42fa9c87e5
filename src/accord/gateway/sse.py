"""Incremental Server-Sent Events parsing for upstream streams (any chunking, down to 1 byte)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class SSEEvent:
    event: str | None
    data: bytes


class SSEParser:
    """Feed raw bytes, get complete events. Handles LF and CRLF line endings and multi-line data."""

    __slots__ = ("_buf",)

    def __init__(self) -> None:
        self._buf = b""

    def feed(self, chunk: bytes) -> list[SSEEvent]:
        buf = self._buf + chunk if self._buf else chunk
        if b"\r" in buf:
            # Normalising here is safe across chunk boundaries except for a trailing lone CR,
            # which we keep until the next chunk shows whether an LF follows.
            tail_cr = buf.endswith(b"\r")
            buf = buf.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
            if tail_cr:
                return self._split(buf[:-1], tail_cr=True)
        return self._split(buf, tail_cr=False)

    def _split(self, buf: bytes, *, tail_cr: bool) -> list[SSEEvent]:
        events: list[SSEEvent] = []
        start = 0
        while True:
            end = buf.find(b"\n\n", start)
            if end == -1:
                break
            block = buf[start:end]
            if block.startswith(b"data: ") and b"\n" not in block:
                events.append(SSEEvent(None, block[6:]))  # the usual one-line event, parsed cheaply
            else:
                ev = _parse_block(block)
                if ev is not None:
                    events.append(ev)
            start = end + 2
        if not tail_cr:
            self._buf = buf[start:]
        else:
            # Keep the raw remainder (with its CR) so the next chunk completes the line ending.
            self._buf = buf[start:] + b"\r"
        return events

    def flush(self) -> list[SSEEvent]:
        """At end of stream: a final event without its blank line still counts."""
        rest, self._buf = self._buf.replace(b"\r", b"\n").strip(b"\n"), b""
        ev = _parse_block(rest) if rest else None
        return [ev] if ev is not None else []


def _parse_block(block: bytes) -> SSEEvent | None:
    event: str | None = None
    data: list[bytes] = []
    for line in block.split(b"\n"):
        if line.startswith(b"data:"):
            value = line[5:]
            data.append(value[1:] if value.startswith(b" ") else value)
        elif line.startswith(b"event:"):
            event = line[6:].strip().decode("utf-8", "replace")
        # comments (":") and other fields (id, retry) are ignored
    if not data and event is None:
        return None
    return SSEEvent(event, b"\n".join(data))


def encode_data(payload: bytes) -> bytes:
    return b"data: " + payload + b"\n\n"


def encode_event(event: str, payload: bytes) -> bytes:
    return b"event: " + event.encode() + b"\ndata: " + payload + b"\n\n"
