"""E-mail (RFC 822 `.eml`): headers, text and HTML bodies, and attachments in supported formats."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from typing import TYPE_CHECKING

from accord.govern.extract.base import ExtractError
from accord.govern.extract.html import extract_html
from accord.govern.types import Extracted, Segment

if TYPE_CHECKING:
    from accord.govern.extract import ExtractorRegistry

_HEADERS = ("From", "To", "Cc", "Bcc", "Reply-To", "Subject")


class EmlExtractor:
    name = "eml"
    suffixes = (".eml",)

    def __init__(self, registry: ExtractorRegistry | None = None) -> None:
        # Attachments are read by the registry's other extractors (none when used alone).
        self._registry = registry

    def extract(self, data: bytes, name: str) -> Extracted:
        msg = email.message_from_bytes(data, policy=email.policy.default)
        if not isinstance(msg, EmailMessage):  # pragma: no cover - the default policy always builds one
            raise ExtractError("corrupt", f"{name}: not an e-mail message")
        out = Extracted()
        # Each `msg[h]` parses the header again (the default policy's header registry): once each.
        headers = {h: msg[h] for h in _HEADERS}
        header_lines = [f"{h}: {v}" for h, v in headers.items() if v is not None]
        if header_lines:
            out.segments.append(Segment("\n".join(header_lines), {"part": "headers"}))
        sender = headers["From"]
        if sender is not None:
            out.meta["author"] = (
                str(sender.addresses[0].username) if getattr(sender, "addresses", None) else None
            )
        for i, part in enumerate(msg.walk()):
            if part.is_multipart():
                continue
            filename = part.get_filename()
            ctype = part.get_content_type()
            try:
                raw = part.get_payload(decode=True)
            except (LookupError, ValueError):
                continue
            payload = raw if isinstance(raw, bytes) else b""
            if filename:
                self._attachment(out, payload, filename)
            elif ctype == "text/plain":
                out.segments.append(Segment(_decode(part, payload), {"part": f"body.{i}"}))
            elif ctype == "text/html":
                html = extract_html(_decode(part, payload))
                for seg in html.segments:
                    seg.where = {**seg.where, "part": f"body.{i}" if not seg.hidden else "hidden"}
                out.segments.extend(html.segments)
                out.hidden.extend(html.hidden)
                out.html = (out.html or "") + (html.html or "")
        return out

    def _attachment(self, out: Extracted, payload: bytes, filename: str) -> None:
        extractor = self._registry.for_name(filename) if self._registry else None
        if extractor is None:
            out.meta.setdefault("skipped_attachments", []).append(filename[-120:])
            return
        try:
            inner = extractor.extract(payload, filename)
        except ExtractError as exc:
            out.meta.setdefault("attachment_errors", []).append(f"{filename[-120:]}: {exc.kind}")
            return
        for seg in inner.segments:
            seg.where = {"attachment": filename[-120:], **seg.where}
        out.segments.extend(inner.segments)
        out.hidden.extend(inner.hidden)
        out.labels.extend(inner.labels)


def _decode(part: email.message.Message, payload: bytes) -> str:
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:
        return payload.decode("utf-8", errors="replace")
