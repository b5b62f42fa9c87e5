"""Declarative tables: which entity types and which topic cues imply which category.

A topic fires on one *strong* cue or on `min_cues` distinct ordinary cues. Cues are matched
case-insensitively on word boundaries. Extend by adding rows; nothing else changes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Topic:
    category: str
    cues: tuple[str, ...]
    strong: tuple[str, ...] = ()
    min_cues: int = 3


TOPICS: tuple[Topic, ...] = (
    Topic(
        "hr",
        cues=(
            "salary",
            "salaries",
            "compensation",
            "bonus",
            "performance review",
            "disciplinary",
            "termination",
            "severance",
            "annual leave",
            "sick leave",
            "employee id",
            "employee number",
            "headcount",
            "offer letter",
            "promotion",
            "grievance",
            "date of hire",
            "hire date",
            "probation",
            "maternity leave",
            "pay grade",
            "base pay",
            "job title",
            "line manager",
            "appraisal",
            "overtime",
            "pension",
        ),
        strong=(
            "payroll",
            "performance improvement plan",
            "disciplinary action",
            "salary review",
            "termination letter",
            "employee relations",
            "personnel file",
            "compensation review",
        ),
    ),
    Topic(
        "customer",
        cues=(
            "customer",
            "customers",
            "client",
            "clients",
            "account number",
            "order number",
            "billing address",
            "shipping address",
            "purchase history",
            "subscriber",
            "loyalty",
            "crm",
            "account manager",
            "churn",
        ),
        strong=(
            "customer list",
            "customer id",
            "customer record",
            "customer records",
            "client list",
            "customer data",
        ),
    ),
    Topic(
        "financial",
        cues=(
            "revenue",
            "ebitda",
            "profit",
            "cash flow",
            "forecast",
            "budget",
            "invoice",
            "bank account",
            "earnings",
            "gross margin",
            "accounts payable",
            "accounts receivable",
            "operating income",
            "net income",
            "fiscal",
            "quarterly results",
        ),
        strong=(
            "balance sheet",
            "profit and loss",
            "income statement",
            "earnings per share",
            "general ledger",
        ),
    ),
    Topic(
        "legal",
        cues=(
            "attorney",
            "counsel",
            "privileged",
            "litigation",
            "lawsuit",
            "settlement",
            "indemnify",
            "indemnification",
            "non-disclosure",
            "subpoena",
            "liability",
            "governing law",
            "plaintiff",
            "defendant",
            "arbitration",
            "breach of contract",
        ),
        strong=(
            "attorney-client privilege",
            "privileged and confidential",
            "legal hold",
            "without prejudice",
        ),
    ),
    Topic(
        "board_strategy",
        cues=(
            "board of directors",
            "board meeting",
            "strategic",
            "merger",
            "acquisition",
            "roadmap",
            "due diligence",
            "valuation",
            "divestiture",
            "restructuring",
            "shareholders",
            "ipo",
            "term sheet",
            "competitive landscape",
        ),
        strong=(
            "board minutes",
            "minutes of the board",
            "board resolution",
            "merger agreement",
            "acquisition target",
            "strategic plan",
            "board confidential",
        ),
    ),
    Topic(
        "phi",
        cues=(
            "patient",
            "diagnosis",
            "prescription",
            "treatment",
            "clinical",
            "hipaa",
            "medication",
            "lab results",
            "allergies",
            "discharge",
            "icd-10",
            "health insurance",
        ),
        strong=("medical record number", "protected health information", "diagnosis code", "patient record"),
    ),
)

#: Entity type (from Detect) -> category. Types not listed default to "pii" unless in NEUTRAL_ENTITIES.
ENTITY_CATEGORIES: dict[str, str] = {
    "EMAIL_ADDRESS": "pii",
    "PHONE_NUMBER": "pii",
    "PERSON": "pii",
    "US_SSN": "pii",
    "IP_ADDRESS": "pii",
    "DATE_OF_BIRTH": "pii",
    "CREDIT_CARD": "pci",
    "IBAN_CODE": "financial",
    "US_BANK_NUMBER": "financial",
    "BANK_ACCOUNT": "financial",
    "SWIFT_CODE": "financial",
    "CRYPTO": "financial",
    "SECRET": "credentials",
    "PASSWORD": "credentials",
    "PRIVATE_KEY": "credentials",
    "API_KEY": "credentials",
    "MEDICAL_LICENSE": "phi",
    "MEDICAL_RECORD_NUMBER": "phi",
    "UK_NHS": "phi",
    "HEALTH_INSURANCE_ID": "phi",
}

#: Entity types that say nothing sensitive on their own.
NEUTRAL_ENTITIES = frozenset(
    {"URL", "DATE_TIME", "DOMAIN_NAME", "LOCATION", "NRP", "ORGANIZATION", "COUNTRY"}
)

#: Engine category names (normalised to lower_snake) -> ours.
CATEGORY_ALIASES: dict[str, str] = {
    "secret": "credentials",
    "secrets": "credentials",
    "credential": "credentials",
    "code": "source_code",
    "ip": "source_code",
    "intellectual_property": "source_code",
    "board": "board_strategy",
    "strategy": "board_strategy",
    "health": "phi",
    "medical": "phi",
    "payment": "pci",
    "finance": "financial",
    "personal": "pii",
}

#: Database column names that reveal a category (matched as whole words of the name).
COLUMN_NAME_CUES: dict[str, str] = {
    "ssn": "pii",
    "email": "pii",
    "phone": "pii",
    "dob": "pii",
    "birth": "pii",
    "address": "pii",
    "passport": "pii",
    "surname": "pii",
    "firstname": "pii",
    "lastname": "pii",
    "salary": "hr",
    "payroll": "hr",
    "bonus": "hr",
    "compensation": "hr",
    "hire": "hr",
    "card": "pci",
    "pan": "pci",
    "cvv": "pci",
    "iban": "financial",
    "account": "financial",
    "password": "credentials",
    "secret": "credentials",
    "token": "credentials",
    "apikey": "credentials",
    "diagnosis": "phi",
    "patient": "phi",
    "medical": "phi",
    "customer": "customer",
    "client": "customer",
}

#: Existing label names -> our labels (the policy's `label_aliases` extend and override these).
LABEL_ALIASES: dict[str, str] = {
    "public": "public",
    "non-business": "public",
    "general": "internal",
    "internal": "internal",
    "internal only": "internal",
    "internal use only": "internal",
    "personal": "internal",
    "confidential": "confidential",
    "sensitive": "confidential",
    "highly confidential": "restricted",
    "strictly confidential": "restricted",
    "restricted": "restricted",
    "secret": "restricted",
    "top secret": "restricted",
}
