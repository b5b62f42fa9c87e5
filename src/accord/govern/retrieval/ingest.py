"""Building an index from files: extract, classify (for the label), chunk, and attach an access list.

The access list of a file comes from, in order: the ACL given at ingest, its sidecar (`<file>.acl`
or the nearest `.accord-acl.yaml`), the policy's `govern.retrieval.default_acl`, and finally its
file-system owner alone (`user:OWNER`) - so nothing becomes readable by everyone by accident.
Hidden text is never indexed, and documents flagged for injection are left out unless asked.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from accord.govern.acl import is_sidecar, sidecar_for
from accord.govern.classify import Classifier
from accord.govern.extract import ExtractError, ExtractorRegistry, default_registry
from accord.govern.retrieval.index import RetrievalIndex, normalise_acl
from accord.govern.scanner import owner_name
from accord.govern.types import ExistingLabel
from accord.policy.sections.govern import GovernPolicy

log = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestStats:
    documents: int = 0
    chunks: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "chunks": self.chunks,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "skipped": self.skipped,
        }


def _files(root: str) -> Iterable[str]:
    if os.path.isfile(root):
        yield root
        return
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            if not is_sidecar(path) and not os.path.islink(path):
                yield path


def ingest_paths(
    index: RetrievalIndex,
    paths: Iterable[str],
    *,
    policy: GovernPolicy | None = None,
    acl: Iterable[str] | None = None,
    embedder: Any = None,
    include_flagged: bool = False,
    registry: ExtractorRegistry | None = None,
) -> IngestStats:
    policy = policy or GovernPolicy()
    registry = registry or default_registry()
    classifier = Classifier(policy)
    given = normalise_acl(acl) if acl is not None else None
    stats = IngestStats()
    known = index.sources()
    for p in paths:
        root = os.path.realpath(p)
        seen: set[str] = set()
        for path in _files(root):
            seen.add(path)
            _one(
                index,
                path,
                root,
                registry,
                classifier,
                policy,
                given,
                embedder,
                include_flagged,
                known,
                stats,
            )
        prefix = root + os.sep
        for source in known:
            if source.startswith(prefix) and source not in seen:
                index.remove_document(source)
                stats.removed += 1
    return stats


def _one(
    index: RetrievalIndex,
    path: str,
    root: str,
    registry: ExtractorRegistry,
    classifier: Classifier,
    policy: GovernPolicy,
    given: tuple[str, ...] | None,
    embedder: Any,
    include_flagged: bool,
    known: dict[str, str | None],
    stats: IngestStats,
) -> None:
    extractor = registry.for_name(path)
    if extractor is None:
        stats.skipped.append({"path": path, "reason": "unsupported format"})
        return
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        stats.skipped.append({"path": path, "reason": f"unreadable: {exc.strerror or exc}"})
        return
    sha = hashlib.sha256(data).hexdigest()
    side = sidecar_for(path, root)
    if given is not None:
        principals = given
    elif side is not None:
        principals = side.principals()
    elif policy.retrieval.default_acl:
        principals = normalise_acl(policy.retrieval.default_acl)
    else:
        principals = (f"user:{owner_name(os.stat(path).st_uid)}",)
    # The ACL is part of what is indexed: a changed sidecar must re-index even if the content did not change.
    fingerprint = hashlib.sha256(f"{sha}|{','.join(principals)}".encode()).hexdigest()
    if known.get(path) == fingerprint:
        stats.unchanged += 1
        return
    try:
        extracted = extractor.extract(data, os.path.basename(path))
    except ExtractError as exc:
        stats.skipped.append({"path": path, "reason": f"{exc.kind}: {exc}"})
        return
    existing = [ExistingLabel("sidecar", side.label)] if side is not None and side.label else []
    cls = classifier.classify(extracted, path=path, existing=existing)
    if cls.injection and not include_flagged:
        index.remove_document(path)
        stats.skipped.append(
            {"path": path, "reason": "flagged for prompt injection: " + ", ".join(cls.injection_signals)}
        )
        return
    n = index.add_document(
        path,
        extracted.segments,
        label=cls.label,
        acl=principals,
        sha256=fingerprint,
        meta={"categories": cls.categories},
        chunk_chars=policy.retrieval.chunk_chars,
        embedder=embedder,
    )
    stats.documents += 1
    stats.chunks += n
