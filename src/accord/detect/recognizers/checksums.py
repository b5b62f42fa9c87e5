"""Checksums shared by recognizers (the ones python-stdnum has are used from there)."""

from __future__ import annotations


def digits_of(value: str) -> str:
    return "".join(ch for ch in value if "0" <= ch <= "9")


def luhn_ok(digits: str) -> bool:
    total, parity = 0, len(digits) % 2
    for i, ch in enumerate(digits):
        d = ord(ch) - 48
        if i % 2 == parity:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def mod97_ok(iban: str) -> bool:
    """ISO 13616 check: move the first four characters to the end, letters to numbers, mod 97 == 1."""
    s = iban[4:] + iban[:4]
    total = 0
    for ch in s:
        if ch.isdigit():
            total = (total * 10 + ord(ch) - 48) % 97
        elif "A" <= ch <= "Z":
            total = (total * 100 + ord(ch) - 55) % 97
        else:
            return False
    return total == 1


def same_separators(value: str, seps: str = " -.") -> bool:
    """Groups of a formatted number use one separator consistently ("4111 1111-1111" is not a card)."""
    used = {ch for ch in value if ch in seps}
    return len(used) <= 1
