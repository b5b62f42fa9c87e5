"""US_BANK_NUMBER: 8-17 digit account numbers. Only with banking words nearby: alone they are any number."""

from accord.detect.recognizers.base import Pattern, PatternRecognizer
from accord.detect.recognizers.checksums import digits_of


def validate(value: str) -> bool:
    d = digits_of(value)
    return len(set(d)) > 2


RECOGNIZER = PatternRecognizer(
    name="us_bank_number",
    entity="US_BANK_NUMBER",
    patterns=(Pattern("bank-account", r"\b\d{8,17}\b", 0.05),),
    validator=validate,
    context=("bank account", "account number", "account no", "acct", "checking", "savings", "routing",
             "account #", "a/c", "bank acc", "deposit to", "direct deposit"),
    negative_context=("order", "invoice", "tracking", "phone", "card"),
    context_boost=0.5,
)
