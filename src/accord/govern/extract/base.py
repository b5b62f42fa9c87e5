"""The extractor protocol and the helpers every extractor shares.

An extractor turns a file's bytes into `Segment`s of text with their locations, plus any label and
hidden-content signals the format carries. It never looks for sensitive data itself: that is the
classifier's job, so every format is judged by the same rules.
"""

from __future__ import annotations

import codecs
import re
from typing import Protocol, runtime_checkable

import yaml

from accord.errors import InputError
from accord.govern.types import ExistingLabel, Extracted

#: error kinds, as listed in scan reports
ENCRYPTED, CORRUPT, TOO_LARGE, UNSUPPORTED, UNREADABLE = (
    "encrypted",
    "corrupt",
    "too_large",
    "unsupported",
    "unreadable",
)


class ExtractError(InputError):
    """A file that cannot be read: `kind` is one of encrypted, corrupt, too_large, unsupported, unreadable."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@runtime_checkable
class Extractor(Protocol):
    """One file format. `suffixes` are lower-case, with the dot (".docx")."""

    @property
    def name(self) -> str: ...

    @property
    def suffixes(self) -> tuple[str, ...]: ...

    def extract(self, data: bytes, name: str) -> Extracted: ...


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes) -> str:
    """Bytes to text: a BOM wins, then UTF-8, then Windows-1252 (never fails: undecodable bytes map through)."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def looks_binary(data: bytes) -> bool:
    """NUL bytes in the first 8 KiB (and no UTF-16/32 BOM): not a text file whatever its name says."""
    head = data[:8192]
    return b"\x00" in head and not any(head.startswith(bom) for bom, _ in _BOMS)


_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
#: front-matter keys that carry a sensitivity label, in order of preference
LABEL_KEYS = ("sensitivity", "classification", "label")


def front_matter_label(text: str) -> ExistingLabel | None:
    """A label from YAML front matter (`sensitivity: confidential`), as used by static-site generators."""
    m = _FRONT.match(text)
    if not m:
        return None
    try:
        meta = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
        return None
    if not isinstance(meta, dict):
        return None
    for key in LABEL_KEYS:
        value = meta.get(key)
        if isinstance(value, str) and value.strip():
            return ExistingLabel("front-matter", value.strip())
    return None
