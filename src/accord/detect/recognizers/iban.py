"""IBAN_CODE: country code, two check digits, BBAN of the country's length; ISO 13616 mod-97 check."""

from stdnum import iban as _iban

from accord.detect.recognizers.base import Pattern, PatternRecognizer
from accord.detect.recognizers.checksums import mod97_ok


def validate(value: str) -> bool:
    compact = value.replace(" ", "").replace("-", "").upper()
    if not mod97_ok(compact):
        return False
    try:  # stdnum knows every country's BBAN length and format
        _iban.validate(compact)
    except Exception:
        return False
    return True


RECOGNIZER = PatternRecognizer(
    name="iban",
    entity="IBAN_CODE",
    patterns=(
        Pattern("iban-compact", r"\b[A-Za-z]{2}\d{2}[A-Za-z0-9]{11,30}\b", 0.85),
        Pattern("iban-grouped", r"\b[A-Za-z]{2}\d{2}(?:[ \-][A-Za-z0-9]{4}){2,7}(?:[ \-][A-Za-z0-9]{1,4})?\b", 0.85),
    ),
    validator=validate,
    context=("iban", "bank", "account", "transfer", "wire", "sepa"),
    context_boost=0.1,
)
