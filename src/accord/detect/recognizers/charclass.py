"""Character classes Python's `re` lacks (`\\p{Lu}`), built once from `str.isupper()` over the BMP."""

from __future__ import annotations


def _ranges(pred: object) -> str:
    out: list[str] = []
    start = prev = -2
    for cp in range(0x20, 0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        if pred(chr(cp)):  # type: ignore[operator]
            if cp != prev + 1:
                if start >= 0:
                    out.append(_rng(start, prev))
                start = cp
            prev = cp
    if start >= 0:
        out.append(_rng(start, prev))
    return "".join(out)


def _esc(cp: int) -> str:
    return f"\\u{cp:04x}"


def _rng(a: int, b: int) -> str:
    return _esc(a) if a == b else f"{_esc(a)}-{_esc(b)}"


#: Upper-case and title-case letters, for a `[...]` class.
UPPER = _ranges(lambda c: c.isupper() or c.istitle())


# Hyperscan classes over UTF-8 bytes (Hyperscan is run without UTF-8 mode: byte semantics). They are
# over-approximations that recognizers re-check in Python with `str.isupper()` and friends.
#: An upper-case letter: ASCII, Latin-1 (À-Þ), Latin Extended-A (mixed case: all of it), Greek, Cyrillic.
HS_UPPER = r"(?:[A-Z]|\xc3[\x80-\x9e]|[\xc4\xc5][\x80-\xbf]|\xce[\x86-\xab]|\xd0[\x80-\xaf])"
#: A letter or any byte of a multi-byte character (lower-case letters in practice, after an upper-case one).
HS_LETTER = r"[A-Za-z\x80-\xff]"
#: Not a word character: what may follow a word (or the end of the text).
HS_END = r"(?:[^A-Za-z0-9_\x80-\xff]|$)"
