"""US_DRIVER_LICENSE: state formats vary from 1 letter + 4-14 digits to plain digit runs; context is required."""

from accord.detect.recognizers.base import Pattern, PatternRecognizer
from accord.detect.recognizers.checksums import digits_of


def validate(value: str) -> bool:
    return len(digits_of(value)) >= 5


RECOGNIZER = PatternRecognizer(
    name="us_driver_license",
    entity="US_DRIVER_LICENSE",
    patterns=(
        Pattern("dl-letter", r"\b[A-Za-z]{1,2}\d{4,14}\b", 0.1),
        Pattern("dl-digits", r"\b\d{5,13}\b", 0.05),
        Pattern("dl-dashed", r"\b[A-Za-z]?\d{3,4}-\d{2,4}-\d{2,5}\b", 0.1),
    ),
    validator=validate,
    context=("driver license", "driver's license", "drivers license", "driving licence", "driver licence",
             "license number", "licence number", "dl#", "dl #", "dl no", "dln", "license no", "lic#", "lic #"),
    context_boost=0.55,
)
