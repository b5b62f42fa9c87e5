"""EMAIL_ADDRESS: RFC 5322's common shape; the TLD must be letters (no `user@host.123`)."""

from accord.detect.recognizers.base import Pattern, PatternRecognizer

_LOCAL = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")
_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_ALNUM = _WORD - {"_"}


def find_start(text: str, end: int) -> int:
    """The start of the address ending at `end`: the local part before the last '@' (Hyperscan finds
    e-mails without tracking their start, which is costly for the variable-length local part)."""
    at = text.rfind("@", max(0, end - 320), end)
    if at <= 0:
        return -1
    i, lo = at, max(0, at - 64)
    while i > lo and text[i - 1] in _LOCAL:
        i -= 1
    # The pattern's start: a letter or digit at a word boundary.
    while i < at and not (text[i] in _ALNUM and (i == 0 or text[i - 1] not in _WORD)):
        i += 1
    return i if i < at else -1


def validate(value: str) -> bool:
    local, _, domain = value.rpartition("@")
    return len(local) <= 64 and len(domain) <= 253 and ".." not in value and not domain.startswith("-")


RECOGNIZER = PatternRecognizer(
    name="email",
    entity="EMAIL_ADDRESS",
    patterns=(
        Pattern(
            "email",
            r"\b[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9][A-Za-z0-9\-]*(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,24}\b",
            0.9,
            start=find_start,
        ),
    ),
    context=("email", "e-mail", "mail", "contact", "reach"),
    validator=validate,
    context_boost=0.05,
)
