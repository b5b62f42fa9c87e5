"""DATE_OF_BIRTH: a calendar date with birth words nearby. A date alone is not personal data."""

from accord.detect.recognizers.base import Pattern, PatternRecognizer

_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|"
           r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")

RECOGNIZER = PatternRecognizer(
    name="date_of_birth",
    entity="DATE_OF_BIRTH",
    patterns=(
        Pattern("dob-numeric", r"\b(?:\d{1,2}[./\-]\d{1,2}[./\-](?:19|20)?\d{2}|(?:19|20)\d{2}[./\-]\d{1,2}[./\-]\d{1,2})\b", 0.1),
        Pattern("dob-month-first", rf"\b{_MONTHS} \d{{1,2}}(?:st|nd|rd|th)?,? (?:19|20)\d{{2}}\b", 0.1, caseless=True),
        Pattern("dob-day-first", rf"\b\d{{1,2}}(?:st|nd|rd|th)?\.? {_MONTHS},? (?:19|20)\d{{2}}\b", 0.1, caseless=True),
    ),
    context=("born", "birth", "birthday", "dob", "d.o.b", "date of birth", "birthdate", "geboren",
             "geburtsdatum", "né le", "née le", "date de naissance", "fecha de nacimiento", "nacido", "data di nascita"),
    context_boost=0.55,
)
