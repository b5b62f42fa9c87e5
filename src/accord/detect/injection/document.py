"""Hidden content in documents: what a human reader would not see but a model reading the text would.

Indirect injection hides its instruction where the person who shares a page, e-mail or file will not
notice it: HTML comments, CSS-hidden / zero-size / white-on-white text, zero-width characters, Unicode tag
characters. `hidden_segments` extracts those pieces so the detector can score them on their own.
"""

from __future__ import annotations

import html as htmllib
import re

from accord.detect.injection.normalize import _ZW_IN_WORD

MAX_SEGMENTS = 64
MAX_HTML = 4 << 20  # characters; beyond this only the first part is inspected

_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_HIDING = (
    r"display\s*:\s*none|visibility\s*:\s*hidden|opacity\s*:\s*0(?:\.0+)?(?![\d.])|font-size\s*:\s*[0-2](?:\.\d+)?"
    r"(?:px|pt)?(?![\d.])|(?<![\w-])color\s*:\s*(?:#fff(?:fff)?\b|white\b|rgba?\(\s*255\s*,\s*255\s*,\s*255)|"
    r"(?<![\w-])(?:height|width|max-height)\s*:\s*0(?:px)?(?![\d.])|(?:left|top|text-indent)\s*:\s*-\d{3,}"
)
_HIDDEN_ELEMENT = re.compile(
    r"<(\w+)\b[^>]*?(?:\bstyle\s*=\s*(?:\"[^\"]*?(?:" + _HIDING + r")[^\"]*\"|'[^']*?(?:" + _HIDING + r")[^']*')"
    r"|\shidden(?:\s*=\s*[\"']?hidden[\"']?)?(?=[\s>/]))[^>]*>(.*?)</\1\s*>",
    re.S | re.I,
)
_ATTRIBUTE = re.compile(r"\b(?:alt|title|aria-label|data-[\w-]+)\s*=\s*(?:\"([^\"]{40,})\"|'([^']{40,})')", re.I)
_TAG = re.compile(r"<[^>]+>")
_TAG_CHARS = re.compile("[\U000e0020-\U000e007e]{2,}")


def _text_of(fragment: str) -> str:
    return " ".join(htmllib.unescape(_TAG.sub(" ", fragment)).split())


def hidden_segments(text: str, html: str | None = None) -> list[tuple[str, str]]:
    """(kind, text) for each hidden piece: kinds html-comment, css-hidden, attribute, zero-width, unicode-tags."""
    out: list[tuple[str, str]] = []
    for source in (html, text):
        if not source or "<" not in source:
            continue
        source = source[:MAX_HTML]
        if "<!--" in source:
            out += [("html-comment", _text_of(m.group(1))) for m in _COMMENT.finditer(source)]
        out += [("css-hidden", _text_of(m.group(2))) for m in _HIDDEN_ELEMENT.finditer(source)]
        if source is html:
            out += [("attribute", _text_of(m.group(1) or m.group(2))) for m in _ATTRIBUTE.finditer(source)]
    if not text.isascii():
        if _ZW_IN_WORD.search(text):
            out.append(("zero-width", text))
        tags = _TAG_CHARS.findall(text)
        out += [("unicode-tags", "".join(chr(ord(c) - 0xE0000) for c in t)) for t in tags]
    seen: set[str] = set()
    unique = []
    for kind, seg in out:
        if seg.strip() and seg not in seen:
            seen.add(seg)
            unique.append((kind, seg))
    return unique[:MAX_SEGMENTS]
