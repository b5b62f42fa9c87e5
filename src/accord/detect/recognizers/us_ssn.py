"""US_SSN: AAA-GG-SSSS with the SSA's validity rules (no 000/666/9xx area, no 00 group, no 0000 serial)."""

from accord.detect.recognizers.base import Pattern, PatternRecognizer
from accord.detect.recognizers.checksums import digits_of

# Numbers the SSA published in advertising or that are famous test values.
_KNOWN_FAKE = {"078051120", "219099999", "123456789", "111111111", "333333333"}


def validate(value: str) -> bool:
    d = digits_of(value)
    if len(d) != 9 or d in _KNOWN_FAKE:
        return False
    seps = {ch for ch in value if not ch.isdigit()}
    if len(seps) > 1:
        return False
    area, group, serial = d[:3], d[3:5], d[5:]
    return area != "000" and area != "666" and area[0] != "9" and group != "00" and serial != "0000"


RECOGNIZER = PatternRecognizer(
    name="us_ssn",
    entity="US_SSN",
    patterns=(
        Pattern("ssn-dashed", r"\b\d{3}-\d{2}-\d{4}\b", 0.7),
        Pattern("ssn-spaced", r"\b\d{3}[ .]\d{2}[ .]\d{4}\b", 0.4),
        Pattern("ssn-plain", r"\b\d{9}\b", 0.2),
    ),
    validator=validate,
    context=("ssn", "social security", "social sec", "ss#", "ss #", "ssn#", "taxpayer", "ssa"),
    negative_context=("order", "invoice", "tracking", "phone", "tel", "fax", "zip", "routing", "isbn"),
    context_boost=0.4,
)
