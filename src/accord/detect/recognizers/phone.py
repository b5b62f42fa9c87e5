"""PHONE_NUMBER: international numbers validated by `phonenumbers`, national ones by shape and context.

A cheap candidate pattern finds digit groups; only candidates are validated. `+` numbers must parse and
be valid for their country; North American numbers are checked by NANP rules inline (no parse: it is the
hot path); other national formats need a phone word nearby (their shape alone is ambiguous).
"""

import re
from functools import lru_cache

import phonenumbers

from accord.detect.recognizers.base import Pattern, PatternRecognizer

_DIGIT_RUNS = re.compile("[0-9]+")
#: Group lengths of dates (with '-', '.' or '/'): 2024-05-12, 12.05.2024, 2024/5/1; and of dates a time follows.
_DATES = frozenset({(4, 2, 2), (2, 2, 4), (4, 1, 1), (1, 1, 4), (4, 2, 1), (4, 1, 2)})
_DATE_TIMES = frozenset({(4, 2, 2), (2, 2, 4)})


def _nanp_ok(d: str) -> bool:
    if len(d) == 11 and d[0] == "1":
        d = d[1:]
    if len(d) != 10:
        return False
    area, exch = d[:3], d[3:6]
    return area[0] not in "01" and area[1:] != "11" and exch[0] not in "01" and exch[1:] != "11"


@lru_cache(maxsize=4096)
def _international(value: str) -> bool | float:
    """Parsing costs tens of microseconds; numbers recur (signatures, logs), so results are cached."""
    try:
        num = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return False
    if phonenumbers.is_valid_number(num):
        return 0.8
    return 0.5 if phonenumbers.is_possible_number(num) else 0.3


def validate(value: str) -> bool | float:
    groups = _DIGIT_RUNS.findall(value)
    d = "".join(groups)
    if not 7 <= len(d) <= 15 or len(set(d)) < 3:
        return False
    lens = tuple(map(len, groups))
    dotted = "." in value
    if dotted and len(groups) == 4 and max(lens) <= 3:
        return False  # an IPv4 address or a version string
    if (dotted or "-" in value or "/" in value) and (lens in _DATES or lens[:3] in _DATE_TIMES):
        return False  # a date, maybe with a time after it
    if value.startswith("+"):
        return _international(value)
    if _nanp_ok(d) and len(groups) in (1, 3, 4):
        return 0.65 if len(groups) >= 3 else 0.2
    if len(groups) == 1:
        return 0.2 if len(d) >= 9 else False
    if any(len(g) == 1 for g in groups[1:]):
        return False  # 12 3 4 5... is a list of numbers, not a phone
    if len(d) >= 9 and (value.startswith("(") or d[0] == "0"):
        return 0.5  # a trunk prefix or an area code in brackets: phone-shaped
    return 0.4


# Candidates need a phone's shape, not just digits: a '+' and 7-15 digits, an area code in brackets, or
# separated groups that together hold 7+ digits. ISO dates (2024-05-12), prices (12.50), versions (1.2.3)
# and IPv4 addresses do not match, so logs and tables produce no candidates.
_X = r"(?:[ ]?(?:x|ext\.?|#)[ ]?[0-9]{1,6})?"
RECOGNIZER = PatternRecognizer(
    name="phone",
    entity="PHONE_NUMBER",
    patterns=(
        Pattern("phone-intl", rf"\+[1-9](?:[ \-./]?\(?[0-9]\)?){{6,15}}{_X}\b", 0.7),
        Pattern("phone-paren", rf"\([0-9]{{1,5}}\)[ \-.]?[0-9]{{2,8}}(?:[ \-.][0-9]{{1,8}}){{0,4}}{_X}\b", 0.5),
        # three or more groups separated by spaces ("0490 75 40 81", "723 813 266")
        Pattern("phone-spaced", rf"\b[0-9]{{1,5}}(?: [0-9]{{2,8}}){{2,5}}{_X}\b", 0.5),
        # two groups: a trunk prefix ("020 79460958") fires alone, others ("9472 7916") need a phone word
        Pattern("phone-trunk", rf"\b0[0-9]{{1,4}}[ \-/][0-9]{{4,8}}{_X}\b", 0.5),
        Pattern("phone-pair", rf"\b[1-9][0-9]{{1,4}}[ \-/][0-9]{{3,8}}{_X}\b", 0.5, max_score=0.4),
        # dashes or slashes: not an ISO date (a 4-digit group first needs a 3+ digit group after it)
        Pattern("phone-dashed", rf"\b(?:[0-9]{{1,3}}(?:[\-/][0-9]{{2,8}}){{2,5}}|[0-9]{{4,5}}[\-/][0-9]{{3,8}}"
                                rf"(?:[\-/][0-9]{{2,8}}){{1,4}}){_X}\b", 0.5),
        # dots: "259.735.7502", "03.93.92.16.85"; not an IPv4 address or a version
        Pattern("phone-dotted", rf"\b(?:[0-9]{{1,4}}(?:\.[0-9]{{1,4}}){{1,4}}\.[0-9]{{4,8}}|[0-9]{{2}}(?:\.[0-9]{{2}}){{4,5}})"
                                rf"{_X}\b", 0.5),
        # plain digit runs count only next to a phone word ("Fax: 9498777106")
        Pattern("phone-plain", r"\b[0-9]{9,12}\b", 0.3, max_score=0.2),
    ),
    validator=validate,
    context=("phone", "tel", "telephone", "mobile", "cell", "call", "fax", "whatsapp", "sms", "text me",
             "contact", "reach", "ring", "number", "nr", "no.", "telefon", "téléphone", "teléfono", "handy",
             "desk", "office", "answering", "mob", "ph"),
    negative_context=("order", "invoice", "tracking", "ticket", "ref", "reference", "isbn", "version", "sku", "quote",
                      "po", "id", "build",
                      "serial", "account", "acct", "routing", "iban", "ssn", "social security", "zip", "postcode",
                      "card", "nhs", "passport", "license", "licence", "bsn", "medicare", "aadhaar", "nir",
                      "pesel", "cpf", "tfn"),
    validator_scores=True,
    context_boost=0.35,
    context_window=32,
    strip=" -./",
)
