"""The `govern:` section of accord.yaml (data governance). Owned by the Govern capability.

Every setting has a safe default, so an empty `govern:` section (or none at all) is a working policy.
Labels are the four data classes, written in lower case: public, internal, confidential, restricted.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Label = Literal["public", "internal", "confidential", "restricted"]
Category = Literal[
    "pii",
    "phi",
    "pci",
    "hr",
    "customer",
    "financial",
    "credentials",
    "source_code",
    "legal",
    "board_strategy",
]

CATEGORIES: tuple[str, ...] = Category.__args__  # type: ignore[attr-defined]


def _default_category_labels() -> dict[Category, Label]:
    return {
        "credentials": "restricted",
        "pci": "restricted",
        "phi": "restricted",
        "board_strategy": "restricted",
        "pii": "confidential",
        "hr": "confidential",
        "customer": "confidential",
        "financial": "confidential",
        "legal": "confidential",
        "source_code": "confidential",
    }


def _default_denied() -> list[Category]:
    return ["credentials"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Escalation(_Strict):
    """A combination of categories that raises the label, e.g. HR records that name people."""

    categories: list[Category] = Field(min_length=1)
    label: Label


class ScanSettings(_Strict):
    #: Files larger than this are listed as errors ("too large"), never read.
    max_file_mb: float = Field(default=64.0, gt=0)
    #: Members of a zip larger than this (uncompressed) are skipped as too large (zip-bomb guard).
    max_member_mb: float = Field(default=64.0, gt=0)
    #: Rows sampled per database table.
    sample_rows: int = Field(default=500, ge=1)
    #: Fraction of sampled non-empty values that must carry an entity type for a column to get that type.
    column_threshold: float = Field(default=0.5, gt=0, le=1)
    #: Glob patterns (matched against the path relative to the scanned root) never scanned.
    exclude: list[str] = Field(
        default_factory=lambda: [".git/*", "*/.git/*", "__pycache__/*", "*/__pycache__/*"]
    )
    #: Evidence locations kept per entity type and file (the counts are always complete).
    max_evidence_per_type: int = Field(default=20, ge=0)


class GateSettings(_Strict):
    """What `accord data check DATASET --for ROUTE` blocks, besides labels above the route's max_class."""

    #: Categories never allowed to feed any model or index.
    deny_categories: list[Category] = Field(default_factory=_default_denied)
    #: Documents flagged for injection or hidden instructions block the dataset.
    block_injection: bool = True
    #: Files that could not be read (encrypted, corrupt, too large) block: their content is unknown.
    block_errors: bool = True
    #: An existing label lower than the content's label blocks until someone relabels the file.
    block_label_conflicts: bool = False
    #: Require an approved, unchanged manifest (`accord data approve`) before the dataset may be used.
    require_approval: bool = False
    #: RAG indexes (or other non-route targets) and the highest label each may receive.
    indexes: dict[str, Label] = Field(default_factory=dict)


class SanitizeSettings(_Strict):
    #: Entity types removed outright (no placeholder carries information about the value).
    remove: list[str] = Field(default_factory=lambda: ["SECRET"])
    #: Entity types kept as they are (everything else is pseudonymised).
    keep: list[str] = Field(default_factory=list)


class RetrievalSettings(_Strict):
    #: Clearance of an identity none of whose groups is listed below.
    default_clearance: Label = "internal"
    #: Group -> clearance; an identity gets the highest of its groups' clearances.
    group_clearance: dict[str, Label] = Field(default_factory=dict)
    #: Principals given to documents with no ACL sidecar and no ACL at ingest
    #: (`group:NAME`, `user:NAME`, `*` for every caller). Empty: only the file's owner (`user:OWNER`).
    default_acl: list[str] = Field(default_factory=list)
    #: Target chunk size in characters.
    chunk_chars: int = Field(default=1200, ge=200, le=20000)

    @field_validator("default_acl")
    @classmethod
    def _principals(cls, value: list[str]) -> list[str]:
        for p in value:
            if p != "*" and not (p.startswith("group:") or p.startswith("user:")):
                raise ValueError(f"principal {p!r} must be '*', 'group:NAME' or 'user:NAME'")
        return value


class GovernPolicy(_Strict):
    #: Label of a document in which nothing sensitive was found.
    default_label: Label = "internal"
    #: Category -> the label it implies (the document gets the highest).
    category_labels: dict[Category, Label] = Field(default_factory=_default_category_labels)
    escalations: list[Escalation] = Field(
        default_factory=lambda: [Escalation(categories=["hr", "pii"], label="restricted")]
    )
    #: This many PII entities in one document make it restricted (bulk personal data).
    bulk_pii_threshold: int = Field(default=100, ge=1)
    #: Names of existing labels (Office sensitivity labels, front matter) -> our label.
    label_aliases: dict[str, Label] = Field(default_factory=dict)
    scan: ScanSettings = Field(default_factory=ScanSettings)
    gate: GateSettings = Field(default_factory=GateSettings)
    sanitize: SanitizeSettings = Field(default_factory=SanitizeSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
