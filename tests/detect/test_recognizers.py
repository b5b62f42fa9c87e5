"""Every recognizer: examples that must fire, and near-misses that must not (table-driven)."""

from __future__ import annotations

import pytest

from accord.detect import default_engine

# (entity type, text, the value that must be found)
MUST_FIRE = [
    ("EMAIL_ADDRESS", "write to jane.doe+tag@mail.example.co.uk today", "jane.doe+tag@mail.example.co.uk"),
    ("PHONE_NUMBER", "call me on (415) 555-0142 tomorrow", "(415) 555-0142"),
    ("PHONE_NUMBER", "Tel: +44 20 7946 0958", "+44 20 7946 0958"),
    ("PHONE_NUMBER", "Mobil: +49 151 23456789", "+49 151 23456789"),
    ("PHONE_NUMBER", "phone 0688 872 49 99", "0688 872 49 99"),
    ("CREDIT_CARD", "card 4111 1111 1111 1111 exp 12/29", "4111 1111 1111 1111"),
    ("CREDIT_CARD", "19-digit visa 4131034282458809939", "4131034282458809939"),
    ("CREDIT_CARD", "new mastercard 2223003122003222", "2223003122003222"),
    ("CREDIT_CARD", "amex 3782 822463 10005", "3782 822463 10005"),
    ("IBAN_CODE", "IBAN GB82 WEST 1234 5698 7654 32", "GB82 WEST 1234 5698 7654 32"),
    ("IBAN_CODE", "pay to DE89370400440532013000 please", "DE89370400440532013000"),
    ("US_SSN", "my ssn is 460-89-9847", "460-89-9847"),
    ("US_SSN", "social security number 536 22 8726", "536 22 8726"),
    ("IP_ADDRESS", "blocked 203.0.113.45 at the edge", "203.0.113.45"),
    ("IP_ADDRESS", "v6 host 2001:db8::8a2e:370:7334 is up", "2001:db8::8a2e:370:7334"),
    ("URL", "see https://intranet.example.com/wiki/Page?id=3.", "https://intranet.example.com/wiki/Page?id=3"),
    ("US_BANK_NUMBER", "checking account number 000123456789", "000123456789"),
    ("US_PASSPORT", "passport number 912803456", "912803456"),
    ("US_DRIVER_LICENSE", "driver's license F162823540116", "F162823540116"),
    ("UK_NHS", "NHS number 943 476 5919", "943 476 5919"),
    ("IT_FISCAL_CODE", "codice fiscale RSSMRA85T10A562S", "RSSMRA85T10A562S"),
    ("ES_NIF", "DNI 12345678Z", "12345678Z"),
    ("IN_PAN", "PAN ABCPE1234F", "ABCPE1234F"),
    ("DATE_OF_BIRTH", "date of birth: 14/02/1987", "14/02/1987"),
    ("DATE_OF_BIRTH", "She was born on March 3, 1990", "March 3, 1990"),
    ("PERSON", "Hello, my name is Maria Gonzalez.", "Maria Gonzalez"),
    ("PERSON", "Please ask Dr. Okonkwo to sign", "Okonkwo"),
    ("PERSON", "Sari J. Paavolainen joined in May", "Sari J. Paavolainen"),
    ("PERSON", "Wisława Szczepańska's report", "Wisława Szczepańska"),
    ("LOCATION", "She moved to Rotterdam last year", "Rotterdam"),
    ("ORGANIZATION", "an offer from Acme Holdings for the unit", "Acme Holdings"),
    ("STREET_ADDRESS", "I live at 12 Baker Street, London NW1 6XE.", "12 Baker Street, London NW1 6XE"),
    ("STREET_ADDRESS", "Lieferadresse: Hauptstraße 5, 10115 Berlin", "Hauptstraße 5, 10115 Berlin"),
    ("STREET_ADDRESS", "spedire a Via dei Fiorentini 17, 00186 Roma", "Via dei Fiorentini 17, 00186 Roma"),
    ("STREET_ADDRESS", "address: 6750 Koskikatu 25 Apt. 864", "6750 Koskikatu 25 Apt. 864"),
    ("STREET_ADDRESS", "send it to P.O. Box 211", "P.O. Box 211"),
]

# (entity type that must NOT be reported, text)
MUST_NOT_FIRE = [
    ("PHONE_NUMBER", "order 2019481927 shipped"),
    ("PHONE_NUMBER", "released on 2023-01-15 at noon"),
    ("PHONE_NUMBER", "upgrade to 10.2.3.4 now"),
    ("PHONE_NUMBER", "the total is 1,299.00 dollars"),
    ("IP_ADDRESS", "upgrade to version 1.2.3.4 tonight"),
    ("IP_ADDRESS", "999.300.1.1 is not an address"),
    ("CREDIT_CARD", "order number 4111111111111112"),
    ("CREDIT_CARD", "ISBN 978-3-16-148410-0"),
    ("CREDIT_CARD", "uuid 123e4567-e89b-12d3-a456-426614174000"),
    ("US_SSN", "code 000-12-3456 is invalid"),
    ("US_SSN", "code 666-12-3456 is invalid"),
    ("US_SSN", "code 912-12-3456 is invalid"),
    ("US_SSN", "code 123-00-4567 is invalid"),
    ("US_SSN", "code 123-45-0000 is invalid"),
    ("US_SSN", "ticket 460899847 was closed"),
    ("IBAN_CODE", "GB82 WEST 1234 5698 7654 33 has a bad check digit"),
    ("EMAIL_ADDRESS", "user@localhost and foo@bar.123"),
    ("US_BANK_NUMBER", "tracking 000123456789 arrives Monday"),
    ("US_PASSPORT", "build 912803456 passed"),
    ("UK_NHS", "NHS number 943 476 5918"),
    ("DATE_OF_BIRTH", "the meeting is on 14/02/2027"),
    ("PERSON", "The Quick Brown Fox jumps over the lazy dog."),
    ("PERSON", "Monday and Tuesday are free; May I come?"),
    ("PERSON", "Guilty Pleasures: 5 Musicians Of The 70s"),
    ("STREET_ADDRESS", "between 5 and 10 apples"),
    ("STREET_ADDRESS", "During 1971 the company grew"),
    ("STREET_ADDRESS", "Windows 10 and Python 3 are installed"),
    ("STREET_ADDRESS", "timestamp 2024-05-01T10:00:00Z order 55123"),
]


@pytest.fixture(scope="module")
def engine():
    return default_engine()


@pytest.mark.parametrize(("etype", "text", "value"), MUST_FIRE, ids=[f"{t}:{v}" for t, _, v in MUST_FIRE])
def test_must_fire(engine, etype, text, value):
    found = [(e.type, text[e.start : e.end]) for e in engine.analyze(text)]
    assert (etype, value) in found, found


@pytest.mark.parametrize(("etype", "text"), MUST_NOT_FIRE, ids=[f"{t}:{x[:30]}" for t, x in MUST_NOT_FIRE])
def test_must_not_fire(engine, etype, text):
    found = [(e.type, text[e.start : e.end]) for e in engine.analyze(text)]
    assert etype not in [t for t, _ in found], found


def test_offsets_are_python_string_indices_after_non_ascii(engine):
    text = "Zoë Müller — ✉ zoe.mueller@example.de, ☎ +49 151 23456789"
    ents = {e.type: text[e.start : e.end] for e in engine.analyze(text)}
    assert ents["EMAIL_ADDRESS"] == "zoe.mueller@example.de"
    assert ents["PHONE_NUMBER"] == "+49 151 23456789"


def test_context_raises_score(engine):
    plain = [e for e in engine.analyze("number 943 476 5919") if e.type == "UK_NHS"]
    with_ctx = [e for e in engine.analyze("NHS number 943 476 5919") if e.type == "UK_NHS"]
    assert not plain and with_ctx


def test_pattern_recognizer_works_standalone():
    from accord.detect.recognizers.us_ssn import RECOGNIZER

    ents = RECOGNIZER.analyze("ssn 460-89-9847 and 000-12-3456")
    assert [(e.start, e.end) for e in ents] == [(4, 15)]
