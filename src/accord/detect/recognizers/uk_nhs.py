"""UK_NHS: 10 digits (3-3-4), mod-11 check digit."""

from stdnum.gb import nhs

from accord.detect.recognizers.base import Pattern, PatternRecognizer


def validate(value: str) -> bool:
    return bool(nhs.is_valid(value))


RECOGNIZER = PatternRecognizer(
    name="uk_nhs",
    entity="UK_NHS",
    patterns=(
        Pattern("nhs-grouped", r"\b\d{3}[ \-]\d{3}[ \-]\d{4}\b", 0.35),
        Pattern("nhs-plain", r"\b\d{10}\b", 0.25),
    ),
    validator=validate,
    context=("nhs", "nhs number", "nhs no", "health service", "patient", "gp"),
    context_boost=0.45,
)
