"""Normalisation: one canonical text plus the de-obfuscated and decoded *views* an attacker may hide in.

Every view is scored by the detector and the highest score wins, so an attack written in homoglyphs,
spaced out, leetspeak, base64, hex, URL-encoding, HTML entities, rot13, reversed or Unicode tag characters
is judged as if it were written plainly. A benign text normally yields one view (the canonical one): the
extra views are only built when a cheap compiled check says the obfuscation is there, which keeps the
common case to a handful of C-level passes (`isascii`, `casefold`, a few `re` searches).

Pure: no I/O, no global state beyond tables compiled at import.
"""

from __future__ import annotations

import base64
import binascii
import html
import re
import unicodedata
from collections.abc import Callable, Collection
from dataclasses import dataclass
from importlib import resources
from typing import Protocol
from urllib.parse import unquote

#: Decoding stops at this depth (base64 inside hex inside base64 ...) and after this many decoded chars.
MAX_DEPTH = 4
MAX_DECODED_CHARS = 200_000
MAX_CANDIDATES = 32

# Characters with no visible glyph that split words without changing how they look. U+200C/U+200D also
# join Persian/Indic letters and emoji, so they count as obfuscation only between two Latin letters.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\u3164\ufe00-\ufe0f\ufeff\uffa0\U000e0000-\U000e007f\U000e0100-\U000e01ef]+"
)
_ZW_IN_WORD = re.compile("[A-Za-z][\u00ad\u034f\u180e\u200b-\u200d\u2060-\u2064\ufeff]+[A-Za-z]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_TAGS = re.compile("[\U000e0020-\U000e007e]{2,}")
_COMPAT = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\U0001d400-\U0001d7ff\u2460-\u24ff\U0001f130-\U0001f189]")


def _load_confusables() -> dict[int, str]:
    table: dict[int, str] = {}
    text = resources.files(__package__).joinpath("confusables.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            src, dst = line.split("\t")
            table[ord(src)] = dst
    return table


_CONFUSABLES = _load_confusables()
_CONF_CLASS = "".join(sorted(chr(c) for c in _CONFUSABLES))
# A confusable non-Latin letter touching a Latin one: the signature of a homoglyph-spoofed word.
_MIXED = re.compile(f"[a-z][{_CONF_CLASS}]|[{_CONF_CLASS}][a-z]")
_WORD = re.compile(r"[^\W\d_]+")

_SEP = r"[ .\-_*|/\\+~\u00b7\u2022,:]"
# Three or more single letters joined by one separator each: "i g n o r e", "i.g.n.o.r.e", "a l l".
_SPACED = re.compile(rf"(?<![^\W\d_])(?:[^\W\d_]{_SEP}){{2,}}[^\W\d_](?![^\W\d_])")
_SEP_RE = re.compile(_SEP)
# Once spacing is established, two-letter words ("t o", "o f") are joined too.
_SPACED2 = re.compile(rf"(?<![^\W\d_])(?:[^\W\d_]{_SEP})+[^\W\d_](?![^\W\d_])")
# Spaced-out text with wider word gaps: single characters joined by single spaces, words apart by 2+ spaces.
_GAPPED = re.compile(r"(?<!\S)\S \S \S(?: \S)* {2,}\S(?: \S)+(?!\S)")
_TOKEN_RUN = re.compile(r"(?<!\S)\S(?: \S)+(?!\S)")

_LEET_MAP = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g",
                           "@": "a", "$": "s", "!": "i", "|": "l", "+": "t"})
_LEET_HINT = re.compile(r"[a-z][0134579$|]+[a-z]")
_LEET_TOKEN = re.compile(r"[a-z0-9@$!|+]+")
# Function words written only in digits ("70" to, "15" is, "4" a): folded only inside a leetspeak view.
_LEET_WORDS = {"4": "a", "1": "i", "70": "to", "15": "is", "0": "o", "2": "to", "4ll": "all", "0r": "or"}

_B64 = re.compile(r"[A-Za-z0-9+/_-]{16,}={0,2}")
_B32 = re.compile(r"[A-Z2-7]{16,}={0,6}")
_HEX = re.compile(r"(?:[0-9a-fA-F]{2}){8,}|(?:\\x[0-9a-fA-F]{2}){4,}|(?:[0-9a-fA-F]{2}[ :,]){7,}[0-9a-fA-F]{2}")
_HEX_STRIP = re.compile(r"\\x|[ :,]")
_URLENC = re.compile(r"%[0-9a-fA-F]{2}")
_ENTITY = re.compile(r"&#[xX]?[0-9a-fA-F]{2,6};")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")

_ROT13 = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "nopqrstuvwxyzabcdefghijklmNOPQRSTUVWXYZABCDEFGHIJKLM",
)
# Words that make a rot13'd or reversed view "read as English"; used only when no probe is given.
_PLAIN_WORDS = re.compile(
    r"\b(?:the|and|you|your|to|of|is|are|all|ignore|instructions?|previous|system|prompt|print|say|"
    r"reveal|output|now|with|this|that|for|any|must|write|tell|respond|from|rules)\b"
)


@dataclass(frozen=True, slots=True)
class View:
    """One way of reading the input: `text` is casefolded; `source` says how it was obtained."""

    text: str
    #: "text" for the canonical view; otherwise the transformations applied, e.g. "base64", "hex>rot13".
    source: str = "text"


@dataclass(frozen=True, slots=True)
class Normalized:
    views: tuple[View, ...]
    #: What was found and undone, e.g. ("obfuscation:zero-width", "decoded:base64").
    signals: tuple[str, ...]

    @property
    def text(self) -> str:
        """The canonical view."""
        return self.views[0].text


def _printable(decoded: bytes) -> str | None:
    """The decoded bytes as text when they look like language, else None (hashes, binary, noise)."""
    try:
        s = decoded.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if len(s) < 6 or len(_CONTROL.findall(s)) > len(s) // 20:
        return None
    if _B64.fullmatch(s) or _HEX.fullmatch(s):
        return s  # a further layer of encoding: decoded again by the caller
    letters = sum(1 for ch in s if ch.isalpha())
    spaces = s.count(" ")
    if letters < len(s) * 0.5 or (len(s) > 24 and spaces == 0 and not any(ord(c) > 0x2e80 for c in s)):
        return None
    return s


def _decode_b64(s: str) -> bytes | None:
    s = s.rstrip("=")
    if len(set(s)) < 8:
        return None
    pad = "=" * (-len(s) % 4)
    try:
        if "-" in s or "_" in s:
            return base64.urlsafe_b64decode(s + pad)
        return base64.b64decode(s + pad, validate=True)
    except (binascii.Error, ValueError):
        return None


def _decode_b32(s: str) -> bytes | None:
    s = s.rstrip("=")
    try:
        return base64.b32decode(s + "=" * (-len(s) % 8))
    except (binascii.Error, ValueError):
        return None


def _decode_hex(s: str) -> bytes | None:
    try:
        return bytes.fromhex(_HEX_STRIP.sub("", s))
    except ValueError:
        return None


def _fold_mixed_words(text: str) -> str:
    """Fold homoglyphs in words that mix Latin with look-alike letters; leave real Cyrillic/Greek alone."""

    def fold(m: re.Match[str]) -> str:
        w = m.group(0)
        if w.isascii() or not any("a" <= ch <= "z" for ch in w):
            return w
        return w.translate(_CONFUSABLES)

    return _WORD.sub(fold, text)


def despace(text: str) -> str:
    """Join characters spaced out with single separators: 'i g n o r e' -> 'ignore', '忽 略 之 前' -> '忽略之前'.

    When the text separates words with wider gaps ('i g n o r e   a l l'), every run of single characters
    between gaps is one word, digits and punctuation included ('2 0 2 1 .' -> '2021.'); otherwise runs of
    single letters are joined (with the 'i.g.n.o.r.e a.l.l' convention: spaces are the word breaks when a run
    mixes separators).
    """
    if _GAPPED.search(text):
        text = _TOKEN_RUN.sub(lambda m: m.group(0).replace(" ", ""), text)
        if not _SPACED.search(text):
            return text

    def join(m: re.Match[str]) -> str:
        run = m.group(0)
        # "i.g.n.o.r.e a.l.l": when a run mixes separators, the spaces are the word breaks.
        if " " in run and _SEP_RE.sub("", run.replace(" ", "")) != run.replace(" ", ""):
            return _SEP_RE.sub(lambda s: " " if s.group(0) == " " else "", run)
        return _SEP_RE.sub("", run)

    return _SPACED2.sub(join, text)


def _unleet(text: str) -> str:
    def fold(m: re.Match[str]) -> str:
        tok = m.group(0)
        if tok.isdigit():
            return _LEET_WORDS.get(tok, tok)
        # Long runs are encodings (base64, hex), not words: the decoders handle those.
        if len(tok) > 24 or len(tok) < 2 or not any("a" <= ch <= "z" for ch in tok):
            return tok
        folded = tok.translate(_LEET_MAP)
        return folded if folded.isalpha() else tok  # "sha256", "h2o", "mp4" are not leetspeak

    return _LEET_TOKEN.sub(fold, text)


class Hinter(Protocol):
    """Cheap checks that say which normalisation steps a text needs (see `hints.py`).

    The default answers with Python regexes; the detector plugs in its Hyperscan scanner, which answers
    the same questions inside the scans it runs anyway.
    """

    def raw(self, text: str) -> Collection[str]: ...

    def canon(self, text: str) -> Collection[str]: ...

    def english(self, text: str) -> int: ...


class RegexHinter:
    """Stand-alone hinter (no Hyperscan): fine for one-off calls, slower on long texts."""

    def raw(self, text: str) -> Collection[str]:
        found = set()
        if not text.isascii():
            if _ZW_IN_WORD.search(text) or _INVISIBLE.search(text):
                found.add("invisible")
            if _TAGS.search(text):
                found.add("tags")
            if _COMPAT.search(text):
                found.add("compat")
            if _MIXED.search(text.casefold()):
                found.add("mixed")
            if _ARABIC_MARKS.search(text):
                found.add("arabic-marks")
        for name, regex in (("base64", _B64), ("base32", _B32), ("hex", _HEX), ("entity", _ENTITY)):
            if regex.search(text):
                found.add(name)
        if len(_URLENC.findall(text)) >= 3:
            found.add("url")
        return found

    def canon(self, text: str) -> Collection[str]:
        found = set()
        if _SPACED.search(text):
            found.add("spaced")
        if _LEET_HINT.search(text):
            found.add("leet")
        return found

    def english(self, text: str) -> int:
        return len(set(_PLAIN_WORDS.findall(text)))


_REGEX_HINTER = RegexHinter()
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")


def canonical(text: str, hints: Collection[str] | None = None) -> tuple[str, str, list[str]]:
    """(pre-casefold text, canonical casefolded text, signals): invisible chars gone, NFKC, homoglyphs folded.

    The pre-casefold text is what the decoders read (base64 and base32 are case-sensitive).
    """
    signals: list[str] = []
    if text.isascii():
        return text, text.lower(), signals
    if hints is None:
        hints = _REGEX_HINTER.raw(text)
    if "invisible" in hints:
        if _ZW_IN_WORD.search(text):
            signals.append("obfuscation:zero-width")
        if _BIDI.search(text):
            signals.append("obfuscation:bidi")
        text = _INVISIBLE.sub("", text)
    if "arabic-marks" in hints:  # harakat and tatweel change no meaning but split every signature
        text = _ARABIC_MARKS.sub("", text)
    if not unicodedata.is_normalized("NFKC", text):
        if "compat" in hints:
            signals.append("obfuscation:compat-chars")
        text = unicodedata.normalize("NFKC", text)
    folded = text.casefold()
    if "\u0307" in folded:  # Turkish dotted capital I casefolds to i + combining dot
        folded = folded.replace("\u0307", "")
    if "mixed" in hints and _MIXED.search(folded):
        signals.append("obfuscation:homoglyph")
        folded = _fold_mixed_words(folded)
    return text, folded, signals


def normalize(text: str, *, hinter: Hinter | None = None) -> Normalized:
    """Canonical text plus every de-obfuscated or decoded view worth scoring.

    `hinter` answers which steps are needed (default: Python regexes; the detector passes its compiled
    scanner). A rot13'd or reversed reading is kept when it reads as English and the text does not.
    """
    views: list[View] = []
    signals: list[str] = []
    budget = [MAX_DECODED_CHARS]
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates (from JSON "\ud800" or bad decoding) become U+FFFD
            text = text.encode("utf-8", "replace").decode("utf-8")
    _expand(text, "", 0, hinter or _REGEX_HINTER, views, signals, budget)
    seen: set[str] = set()
    unique = []
    for v in views:
        if v.text not in seen:
            seen.add(v.text)
            unique.append(v)
    return Normalized(tuple(unique), tuple(dict.fromkeys(signals)))


def _expand(
    text: str,
    prefix: str,
    depth: int,
    hinter: Hinter,
    views: list[View],
    signals: list[str],
    budget: list[int],
) -> None:
    raw_hints = hinter.raw(text)
    raw, canon, sig = canonical(text, raw_hints)
    signals.extend(sig)
    views.append(View(canon, prefix.rstrip(">") or "text"))

    def add(kind: str, decoded: str, signal: str) -> None:
        if budget[0] <= 0 or depth >= MAX_DEPTH:
            return
        budget[0] -= len(decoded)
        signals.append(signal)
        _expand(decoded, f"{prefix}{kind}>", depth + 1, hinter, views, signals, budget)

    if "tags" in raw_hints:
        smuggled = "".join(chr(ord(c) - 0xE0000) for c in text if 0xE0020 <= ord(c) <= 0xE007E)
        add("unicode-tags", smuggled, "decoded:unicode-tags")
    canon_hints = hinter.canon(canon)
    if "spaced" in canon_hints and _SPACED.search(canon):
        signals.append("obfuscation:spacing")
        views.append(View(despace(canon), f"{prefix}despaced"))
    if "leet" in canon_hints:
        unleet = _unleet(canon)
        if unleet != canon:
            signals.append("obfuscation:leet")
            views.append(View(unleet, f"{prefix}leet"))
    if "entity" in raw_hints:
        add("html-entities", html.unescape(raw), "decoded:html-entities")
    if "url" in raw_hints and len(_URLENC.findall(raw)) >= 3:
        add("url", unquote(raw), "decoded:url")
    if "hex" in raw_hints or "base64" in raw_hints or "base32" in raw_hints:
        _decode_candidates(raw, raw_hints, add)
    # rot13 and reversal leave no marker: try them only on Latin text that does not read as English,
    # and keep them when they do.
    if len(canon) >= 12 and hinter.english(canon) < 3 and _latin_share(canon) > 0.5:
        for kind, other in (("rot13", canon.translate(_ROT13)), ("reversed", canon[::-1])):
            if hinter.english(other) >= 3:
                add(kind, other, f"decoded:{kind}")


def _latin_share(text: str) -> float:
    if text.isascii():
        return 1.0
    return 1.0 - (len(text.encode("utf-8", "replace")) - len(text)) / max(len(text), 1)


def _decode_candidates(raw: str, hints: Collection[str], add: Callable[[str, str, str], None]) -> None:
    tried = 0
    done: set[str] = set()
    for regex, kind, decoder in ((_HEX, "hex", _decode_hex), (_B64, "base64", _decode_b64),
                                 (_B32, "base32", _decode_b32)):
        if kind not in hints:
            continue
        for m in regex.finditer(raw):
            if tried >= MAX_CANDIDATES:
                return
            s = m.group(0)
            if s in done or (kind == "base64" and s.isalpha() and (s.islower() or s.isupper())):
                continue
            tried += 1
            data = decoder(s)
            decoded = _printable(data) if data else None
            if decoded is not None:
                done.add(s)
                add(kind, decoded, f"decoded:{kind}")
