"""Retrieval as a service: what `POST /v1/retrieve` and the CLI call.

The gateway builds one `Retriever(home)` at start-up and, per request, calls
`handle_retrieve(retriever, identity, body, govern=policy.govern)` in a worker thread (SQLite I/O
is synchronous). It returns the response body and the audit detail; the detail never holds the
query text or any chunk text.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from accord.detect.types import DataClass
from accord.errors import InputError, NotFound
from accord.govern.retrieval.index import Access, Chunk, RetrievalIndex
from accord.home import Home
from accord.policy.identity import Identity
from accord.policy.sections.govern import GovernPolicy, RetrievalSettings

INDEX_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
MAX_K = 50
MAX_QUERY_CHARS = 8192


def index_path(home: Home, name: str) -> Path:
    if not INDEX_NAME.match(name):
        raise InputError(f"invalid index name {name!r}", hint="letters, digits, '.', '_' and '-', at most 64")
    return home.path / "indexes" / f"{name}.sqlite"


def clearance_for(groups: frozenset[str] | set[str], settings: RetrievalSettings) -> DataClass:
    """The highest clearance among the caller's groups, at least the default."""
    best = DataClass.parse(settings.default_clearance)
    for g in groups:
        lab = settings.group_clearance.get(g)
        if lab is not None:
            best = max(best, DataClass.parse(lab))
    return best


def access_for(identity: Identity, govern: GovernPolicy | None = None) -> Access:
    settings = (govern or GovernPolicy()).retrieval
    return Access.of(identity.user, identity.groups, clearance_for(identity.groups, settings))


@dataclass(slots=True)
class RetrievalResult:
    chunks: list[Chunk]
    audit: dict[str, Any] = field(default_factory=dict)


class Retriever:
    """Opens each index once (thread-safe) for the life of the process."""

    def __init__(self, home: Home) -> None:
        self.home = home
        self._indexes: dict[str, RetrievalIndex] = {}
        self._lock = threading.Lock()

    def index(self, name: str) -> RetrievalIndex:
        with self._lock:
            idx = self._indexes.get(name)
            if idx is None:
                path = index_path(self.home, name)
                if not path.exists():
                    raise NotFound(
                        f"no retrieval index named {name!r}", hint="build it with 'accord data index'"
                    )
                idx = self._indexes[name] = RetrievalIndex(str(path))
            return idx

    def retrieve(
        self,
        query: str,
        identity: Identity,
        k: int = 5,
        *,
        index: str,
        govern: GovernPolicy | None = None,
        embedder: Any = None,
    ) -> RetrievalResult:
        access = access_for(identity, govern)
        chunks = self.index(index).search(query, access, k, embedder=embedder)
        labels = Counter(c.label for c in chunks)
        audit = {
            "index": index,
            "k": k,
            "returned": len(chunks),
            "labels": dict(labels),
            "chunks": [c.id for c in chunks],
            "sources": sorted({c.source for c in chunks}),
            "clearance": str(access.clearance),
            "query_chars": len(query),
        }
        return RetrievalResult(chunks, audit)


class RetrieveRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    index: str = Field(min_length=1, max_length=64)
    query: str = Field(min_length=1, max_length=MAX_QUERY_CHARS)
    k: int = Field(default=5, ge=1, le=MAX_K)


def handle_retrieve(
    retriever: Retriever, identity: Identity, body: Any, *, govern: GovernPolicy | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """`POST /v1/retrieve`: (response body, audit detail). Raises InputError (400) or NotFound (404)."""
    try:
        req = RetrieveRequest.model_validate(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "body"
        raise InputError(
            f"invalid retrieve request: {where}: {first['msg']}",
            hint='send {"index": "NAME", "query": "TEXT", "k": 5}',
        ) from None
    result = retriever.retrieve(req.query, identity, req.k, index=req.index, govern=govern)
    body_out = {"object": "list", "index": req.index, "data": [c.to_dict() for c in result.chunks]}
    return body_out, result.audit


def retrieve(
    query: str, identity: Identity, k: int = 5, *, home: Home, index: str, govern: GovernPolicy | None = None
) -> list[Chunk]:
    """One-shot convenience over `Retriever` (opens the index each call: use `Retriever` in servers)."""
    return Retriever(home).retrieve(query, identity, k, index=index, govern=govern).chunks
