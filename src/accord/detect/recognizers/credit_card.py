"""CREDIT_CARD: 12-19 digits (plain or in 4-digit groups) with a known issuer prefix and a valid Luhn sum."""

from accord.detect.recognizers.base import Pattern, PatternRecognizer
from accord.detect.recognizers.checksums import digits_of, luhn_ok, same_separators

# Issuer prefixes (IIN ranges): Visa 4; Mastercard 51-55 and 2221-2720; Amex 34/37; Discover 6011/644-65;
# JCB 35 and the old 15-digit 1800/2131; Diners 30/36/38/39; Maestro 50/56-69; UnionPay 62; Mir 2200-2204.
_PREFIX_LENGTHS: tuple[tuple[str, tuple[int, ...]], ...] = (
    ("4", (13, 16, 19)),
    ("5", (12, 13, 14, 15, 16, 17, 18, 19)),
    ("2", (16,)),
    ("34", (15,)),
    ("37", (15,)),
    ("6", (12, 13, 14, 15, 16, 17, 18, 19)),
    ("35", (16, 17, 18, 19)),
    ("30", (14, 16, 19)),
    ("36", (14, 16, 19)),
    ("38", (14, 16, 19)),
    ("39", (14, 16, 19)),
    ("1800", (15,)),
    ("2131", (15,)),
)


def _issuer_ok(d: str) -> bool:
    if d[0] == "2" and len(d) == 16:
        p4 = int(d[:4])
        return 2221 <= p4 <= 2720 or 2200 <= p4 <= 2204
    if d[0] == "5" and not ("50" <= d[:2] <= "55") and d[:2] not in ("56", "57", "58"):
        return False
    return any(d.startswith(p) and len(d) in lengths for p, lengths in _PREFIX_LENGTHS)


def validate(value: str) -> bool:
    d = digits_of(value)
    return 12 <= len(d) <= 19 and len(set(d)) > 1 and same_separators(value) and _issuer_ok(d) and luhn_ok(d)


RECOGNIZER = PatternRecognizer(
    name="credit_card",
    entity="CREDIT_CARD",
    patterns=(
        Pattern("card-plain", r"\b\d{12,19}\b", 0.75),
        Pattern("card-4-groups", r"\b\d{4}[ \-]\d{4}[ \-]\d{4}[ \-]\d{1,7}\b", 0.85),
        Pattern("card-amex", r"\b3[47]\d{2}[ \-]\d{6}[ \-]\d{5}\b", 0.85),
    ),
    validator=validate,
    context=("card", "credit", "debit", "visa", "mastercard", "amex", "cc", "payment", "pan", "cvv", "expiry"),
    negative_context=("order", "tracking", "invoice", "isbn", "imei", "serial", "account no"),
    context_boost=0.15,
)
