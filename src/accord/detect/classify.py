"""Categories and data class: what kind of sensitive data a text holds, and how sensitive it is overall.

Findings map to categories by entity type; topic cues (keyword sets) add categories a text can belong to
without any identifier in it ("the Q3 revenue forecast", "her performance review"). The data class is
the highest class among the categories found, and every step is recorded as a reason.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import hyperscan

from accord.detect.types import DataClass, Entity

#: Entity type -> category. Types not listed (URL, LOCATION, ORGANIZATION) are not sensitive alone.
ENTITY_CATEGORY: dict[str, str] = {
    "PERSON": "PII",
    "EMAIL_ADDRESS": "PII",
    "PHONE_NUMBER": "PII",
    "STREET_ADDRESS": "PII",
    "IP_ADDRESS": "PII",
    "DATE_OF_BIRTH": "PII",
    "US_SSN": "PII",
    "US_PASSPORT": "PII",
    "US_DRIVER_LICENSE": "PII",
    "UK_NHS": "PHI",
    "CREDIT_CARD": "PCI",
    "IBAN_CODE": "financial",
    "US_BANK_NUMBER": "financial",
    "SECRET": "credentials",
}
#: Government identifiers: PII, but restricted (identity theft risk), like card numbers and secrets.
RESTRICTED_TYPES = frozenset(
    {"US_SSN", "US_PASSPORT", "US_DRIVER_LICENSE", "UK_NHS", "CREDIT_CARD", "SECRET", "DE_TAX_ID", "FR_NIR",
     "ES_NIF", "IT_FISCAL_CODE", "NL_BSN", "IN_AADHAAR", "IN_PAN", "SG_NRIC_FIN", "AU_TFN", "AU_MEDICARE",
     "CA_SIN", "BR_CPF", "PL_PESEL", "SE_PERSONNUMMER", "DK_CPR", "FI_PERSONAL_IDENTITY_CODE"}
)
CATEGORY_CLASS: dict[str, DataClass] = {
    "credentials": DataClass.RESTRICTED,
    "PCI": DataClass.RESTRICTED,
    "PHI": DataClass.RESTRICTED,
    "PII": DataClass.CONFIDENTIAL,
    "HR": DataClass.CONFIDENTIAL,
    "legal": DataClass.CONFIDENTIAL,
    "financial": DataClass.CONFIDENTIAL,
    "customer": DataClass.CONFIDENTIAL,
    "source_code": DataClass.INTERNAL,
}

#: Topic cues. A topic counts when two distinct cues occur, or one strong cue (listed first, before '|').
TOPICS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "PHI": (
        ("diagnosis", "diagnosed with", "medical record", "prescription", "prescribed", "chemotherapy",
         "hiv positive", "icd-10", "mrn", "lab results", "psychiatric"),
        ("patient", "medication", "dosage", "symptoms", "treatment", "therapy", "surgery", "allergy",
         "blood pressure", "diabetes", "cancer", "mg", "clinic", "hospital", "doctor"),
    ),
    "HR": (
        ("performance review", "performance improvement plan", "termination", "disciplinary", "severance",
         "salary", "payroll", "background check", "grievance", "layoff", "layoffs"),
        ("compensation", "bonus", "promotion", "resignation", "employee", "hiring", "fired", "raise",
         "headcount", "candidate", "interview feedback", "sick leave"),
    ),
    "legal": (
        ("nda", "non-disclosure", "litigation", "lawsuit", "subpoena", "attorney-client", "legal hold",
         "privileged and confidential", "cease and desist", "indemnification"),
        ("contract", "settlement", "counsel", "arbitration", "plaintiff", "defendant", "breach", "clause",
         "liability", "agreement", "court"),
    ),
    "financial": (
        ("revenue forecast", "ebitda", "earnings", "material non-public", "balance sheet", "p&l",
         "cash flow", "quarterly results", "financial statements"),
        ("revenue", "forecast", "profit", "margin", "budget", "valuation", "acquisition", "merger",
         "guidance", "quarter", "q1", "q2", "q3", "q4", "arr", "burn rate"),
    ),
    "customer": (
        ("customer list", "customer data", "client list", "customer database", "crm export"),
        ("customer", "customers", "client", "clients", "account manager", "churn", "crm", "leads",
         "renewal", "subscriber"),
    ),
}

_CODE = re.compile(
    r"^\s*(?:def \w+\(|class \w+[(:]|import \w+|from [\w.]+ import|#include\s*<|function \w*\(|"
    r"(?:public|private|protected)\s+(?:static\s+)?\w+|(?:const|let|var)\s+\w+\s*=|func \w+\(|fn \w+\(|"
    r"package \w+;?$|SELECT .+ FROM|CREATE TABLE|\}\s*else\s*\{|return\b.*;$)",
    re.MULTILINE | re.IGNORECASE,
)


_CUES: list[tuple[str, str, bool]] = [
    (cat, word, is_strong) for cat, (strong, weak) in TOPICS.items()
    for word, is_strong in [(w, True) for w in strong] + [(w, False) for w in weak]
]


#: Substrings one of which every code line `_CODE` counts holds (case-sensitive: a cheap pre-check).
_CODE_HINTS = ("def ", "import ", "class ", "{", ";", "#include", "function", "select ", "SELECT ", "fn ", "func ")


def _compile_topics() -> hyperscan.Database:
    """One Hyperscan database for every cue of every topic, and the code hints: one pass over the text,
    each cue reported once (SINGLEMATCH), whatever the number of cues or of their occurrences."""
    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    exprs = [rf"(?:^|[^A-Za-z0-9_\-\x80-\xff]){re.escape(word)}(?:[^A-Za-z0-9_\-\x80-\xff]|$)".encode()
             for _, word, _ in _CUES]
    flags = [hyperscan.HS_FLAG_CASELESS | hyperscan.HS_FLAG_SINGLEMATCH] * len(exprs)
    # The code hints, after the cues: as case-sensitive literals (every byte escaped).
    exprs += [b"".join(b"\\x%02x" % c for c in hint.encode()) for hint in _CODE_HINTS]
    flags += [hyperscan.HS_FLAG_SINGLEMATCH] * len(_CODE_HINTS)
    db.compile(expressions=exprs, ids=list(range(len(exprs))), elements=len(exprs), flags=flags)
    return db


_TOPIC_DB = _compile_topics()
_LOCAL = threading.local()
# `_CODE` after a line break: `re` can jump from one line break to the next (a pattern that starts with
# `^` is tried at every character). No code line ends just after a line break, so counting a match at
# the start of the text and then these finds the same lines as `_CODE.finditer`.
_CODE_AFTER_NL = re.compile(r"\n" + _CODE.pattern[1:], _CODE.flags)
_CATEGORY_ORDER = {c: i for i, c in enumerate(("credentials", "PCI", "PHI", "PII", "HR", "legal", "financial",
                                               "customer", "source_code"))}


def _topic_hits(text: str) -> tuple[dict[str, tuple[set[str], bool]], bool]:
    """Topic cues found per category (the words, and whether one is strong); and whether a code hint is
    in the text."""
    scratch = getattr(_LOCAL, "scratch", None)
    if scratch is None:
        scratch = _LOCAL.scratch = hyperscan.Scratch(_TOPIC_DB)
    ids: list[int] = []

    def on_match(pid: int, _start: int, _end: int, _flags: int, _ctx: object) -> None:
        ids.append(pid)

    _TOPIC_DB.scan(text.encode("utf-8", "replace"), match_event_handler=on_match, scratch=scratch)
    found: dict[str, tuple[set[str], bool]] = {}
    n_cues = len(_CUES)
    code_hint = False
    for pid in ids:
        if pid >= n_cues:
            code_hint = True
            continue
        cat, word, strong = _CUES[pid]
        words, any_strong = found.get(cat, (set(), False))
        words.add(word)
        found[cat] = (words, any_strong or strong)
    return found, code_hint


def _code_lines(text: str, enough: int = 3, hinted: bool | None = None) -> int:
    """Code-looking lines, counted up to `enough` (the scan stops there: long texts are mostly code
    or mostly not, and three lines decide). `hinted`: whether a code hint is in the text, when known."""
    if hinted is None:
        hinted = any(h in text for h in _CODE_HINTS)
    if not hinted:
        return 0
    m = _CODE.match(text)
    n, pos = (1, m.end()) if m is not None else (0, 0)
    while n < enough:
        m = _CODE_AFTER_NL.search(text, pos)
        if m is None:
            break
        n, pos = n + 1, m.end()
    return n


@dataclass(frozen=True, slots=True)
class Classification:
    data_class: DataClass
    categories: tuple[str, ...]
    reasons: tuple[str, ...]


def classify(
    text: str,
    entities: Sequence[Entity],
    *,
    topics: bool = True,
    extra_categories: Mapping[str, str] | None = None,
) -> Classification:
    """`extra_categories` maps custom entity types (from dictionaries) to their category."""
    cats: dict[str, DataClass] = {}
    reasons: list[str] = []
    counts: dict[str, int] = {}
    for e in entities:
        counts[e.type] = counts.get(e.type, 0) + 1
    for etype, n in sorted(counts.items()):
        cat = ENTITY_CATEGORY.get(etype) or (extra_categories or {}).get(etype)
        if cat is None and etype in RESTRICTED_TYPES:
            cat = "PII"
        if cat is None:
            continue
        cls = DataClass.RESTRICTED if etype in RESTRICTED_TYPES else CATEGORY_CLASS[cat]
        cats[cat] = max(cats.get(cat, DataClass.PUBLIC), cls)
        reasons.append(f"{cat}: {n} x {etype} -> {cls}")
    if topics and text:
        hits, code_hint = _topic_hits(text)
        for cat, (found, strong) in hits.items():
            if strong or len(found) >= 2:
                cls = CATEGORY_CLASS[cat]
                cats[cat] = max(cats.get(cat, DataClass.PUBLIC), cls)
                reasons.append(f"{cat}: topic cues {', '.join(sorted(found)[:4])} -> {cls}")
        if _code_lines(text, hinted=code_hint) >= 3:
            cats["source_code"] = max(cats.get("source_code", DataClass.PUBLIC), DataClass.INTERNAL)
            reasons.append("source_code: 3 or more code lines -> internal")
    data_class = max(cats.values(), default=DataClass.PUBLIC)
    order = _CATEGORY_ORDER
    return Classification(data_class, tuple(sorted(cats, key=lambda c: order.get(c, 99))), tuple(reasons))
