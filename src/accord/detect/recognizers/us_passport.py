"""US_PASSPORT: 9 digits, or a letter and 8 digits (next-generation books). Needs passport context."""

from accord.detect.recognizers.base import Pattern, PatternRecognizer

RECOGNIZER = PatternRecognizer(
    name="us_passport",
    entity="US_PASSPORT",
    patterns=(Pattern("passport", r"\b[A-Za-z]?\d{8,9}\b", 0.05),),
    context=("passport", "passport no", "passport number", "passport#", "travel document"),
    context_boost=0.55,
)
