"""Generate realistic prompts with labelled PII (e-mails, support tickets, CRM notes) in many locales,
with distractors that look like PII but are not (order numbers, versions, prices, UUIDs, timestamps,
ISBNs, tracking codes).

Values come from Faker (MIT) for 14 locales; about one name in six is invented from syllables so the
set also measures what context finds without the gazetteer (Faker's name lists overlap the shipped
gazetteer; see src/accord/detect/data/SOURCES.md). Templates are our own.

    python scripts/gen_pii_prompts.py --n 600 --seed 2 --out /tmp/pii_prompts.jsonl
    python scripts/eval_pii.py --data /tmp/pii_prompts.jsonl --part all

Seed 1 was used while developing the rules; report figures on another seed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import uuid
from pathlib import Path
from typing import Any

LOCALES = ("en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pt_BR", "sv_SE", "pl_PL", "da_DK",
           "fi_FI", "hu_HU", "cs_CZ")
_SYL = ("ka", "lo", "mi", "ren", "da", "vo", "ti", "sha", "ur", "bel", "nu", "qi", "zor", "ela", "fen", "ash")

# {slot} is filled and labelled; {~slot} is a distractor (unlabelled).
TEMPLATES = (
    "Hi team,\n\nCustomer {PERSON} ({EMAIL_ADDRESS}) called about order #{~order}. She paid {~price} on "
    "{~ts} with card {CREDIT_CARD}. Please call her back on {PHONE_NUMBER}.\n\nThanks,\n{PERSON}",
    "Ticket {~ticket}: login fails after upgrade to version {~version}. Reporter: {PERSON}, "
    "{EMAIL_ADDRESS}. Source IP {IP_ADDRESS}, request id {~uuid}.",
    "CRM note ({~date}): met {PERSON} at the trade fair. Interested in the {~sku} bundle at {~price}. "
    "Ship samples to {STREET_ADDRESS}. Mobile {PHONE_NUMBER}.",
    "Please update the billing details for account {~order}: new IBAN {IBAN_CODE}, holder {PERSON}. "
    "Invoice INV-{~year}-{~n5} of {~price} is still open.",
    "Summarise this email for me:\n\nFrom: {PERSON} <{EMAIL_ADDRESS}>\nSubject: Delivery problem\n\nMy parcel "
    "(tracking {~tracking}) never arrived at {STREET_ADDRESS}. You can reach me at {PHONE_NUMBER}.",
    "Write a polite reply to {PERSON}, who asked why the refund of {~price} for order {~order} has not "
    "arrived. Mention ISBN {~isbn} was out of stock.",
    "Background check request for {PERSON}, SSN {US_SSN}, current address {STREET_ADDRESS}. "
    "Reference {~uuid}.",
    "Server log excerpt: {~ts} WARN auth failed for user {EMAIL_ADDRESS} from {IP_ADDRESS} "
    "(client v{~version}, build {~n5}).",
    "Our new supplier contact is {PERSON}. Their office: {STREET_ADDRESS}. Tel. {PHONE_NUMBER}. "
    "Quote {~order} valid until {~date}, total {~price}.",
    "Can you translate this note? \"{PERSON} will visit on {~date} at {~time}. Payment by card "
    "{CREDIT_CARD} was declined twice.\"",
    "Meeting notes {~date}\n- {PERSON} presented the Q3 numbers (up {~pct}).\n- {PERSON} owns ticket "
    "{~ticket}.\n- Next release {~version}.",
    "Refund to IBAN {IBAN_CODE} please, reference {~order}. Questions: {EMAIL_ADDRESS}, {PHONE_NUMBER}.",
)


def _invented_name(rng: random.Random) -> str:
    def word() -> str:
        return "".join(rng.choice(_SYL) for _ in range(rng.randint(2, 3))).capitalize()

    return f"{word()} {word()}"


def _value(slot: str, fake: Any, rng: random.Random, ssn_fake: Any) -> str:
    if slot == "PERSON":
        if rng.random() < 1 / 6:
            return _invented_name(rng)
        return f"{fake.first_name()} {fake.last_name()}" if rng.random() < 0.85 else fake.last_name()
    if slot == "EMAIL_ADDRESS":
        return str(fake.email())
    if slot == "PHONE_NUMBER":
        return str(fake.phone_number())
    if slot == "CREDIT_CARD":
        num = str(fake.credit_card_number())
        if rng.random() < 0.4 and len(num) == 16:
            num = " ".join(num[i : i + 4] for i in range(0, 16, 4))
        return num
    if slot == "IBAN_CODE":
        iban = str(fake.iban())
        return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4)) if rng.random() < 0.5 else iban
    if slot == "US_SSN":
        return str(ssn_fake.ssn())
    if slot == "IP_ADDRESS":
        return str(fake.ipv4_public() if rng.random() < 0.8 else fake.ipv6())
    if slot == "STREET_ADDRESS":
        return f"{fake.street_address()}, {fake.postcode()} {fake.city()}".replace("\n", ", ")
    # distractors
    if slot == "order":
        return f"{rng.randint(10**7, 10**10)}"
    if slot == "price":
        return rng.choice(("$", "€", "£")) + f"{rng.randint(1, 9999)}.{rng.randint(0, 99):02d}"
    if slot == "ts":
        return f"20{rng.randint(10, 29)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00Z"
    if slot == "date":
        return f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.20{rng.randint(10, 29)}"
    if slot == "time":
        return f"{rng.randint(8, 18)}:{rng.choice(('00', '15', '30', '45'))}"
    if slot == "version":
        return ".".join(str(rng.randint(0, 20)) for _ in range(rng.choice((3, 4))))
    if slot == "uuid":
        return str(uuid.UUID(int=rng.getrandbits(128)))
    if slot == "ticket":
        return f"{rng.choice(('JIRA', 'OPS', 'SUP'))}-{rng.randint(100, 99999)}"
    if slot == "sku":
        return f"SKU-{rng.randint(10000, 999999)}"
    if slot == "tracking":
        return "1Z" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(16))
    if slot == "isbn":
        return f"978-{rng.randint(0, 9)}-{rng.randint(100, 999)}-{rng.randint(10000, 99999)}-{rng.randint(0, 9)}"
    if slot == "year":
        return str(rng.randint(2015, 2030))
    if slot == "n5":
        return f"{rng.randint(0, 99999):05d}"
    if slot == "pct":
        return f"{rng.randint(1, 40)}%"
    raise KeyError(slot)


def _reproducible_faker() -> None:
    """The same seed must give the same prompts in every interpreter: Faker's it_IT city list is built
    from a set (its order follows string hashing, which changes per process), so put it in order."""
    from faker.providers.address.it_IT import Provider as ItalianAddress

    ItalianAddress.cities = sorted(ItalianAddress.cities)


def generate(n: int, seed: int) -> list[dict[str, Any]]:
    from faker import Faker

    _reproducible_faker()
    rng = random.Random(seed)
    fakers = {loc: Faker(loc) for loc in LOCALES}
    for i, f in enumerate(fakers.values()):
        f.seed_instance(seed * 1000 + i)
    ssn_fake = Faker("en_US")  # every locale's prompts may hold a US SSN
    ssn_fake.seed_instance(seed * 1000 + 999)
    rows = []
    for i in range(n):
        loc = rng.choice(LOCALES)
        fake = fakers[loc]
        template = rng.choice(TEMPLATES)
        text, spans, pos = [], [], 0
        length = 0
        while True:
            j = template.find("{", pos)
            if j < 0:
                text.append(template[pos:])
                break
            k = template.index("}", j)
            text.append(template[pos:j])
            length += j - pos
            slot = template[j + 1 : k]
            distractor = slot.startswith("~")
            value = _value(slot.lstrip("~"), fake, rng, ssn_fake)
            if not distractor:
                spans.append({"type": slot, "start": length, "end": length + len(value), "value": value})
            text.append(value)
            length += len(value)
            pos = k + 1
        rows.append({"id": f"gen-{seed}-{i}", "locale": loc, "text": "".join(text), "spans": spans})
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=600)
    ap.add_argument("--seed", type=int, default=2)
    ap.add_argument("--out", type=Path, help="write JSONL here (default: stdout)")
    args = ap.parse_args(argv)
    rows = generate(args.n, args.seed)
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if args.out:
        tmp = args.out.with_suffix(".tmp")
        tmp.write_text(data, encoding="utf-8")
        tmp.replace(args.out)
    else:
        sys.stdout.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
