"""Permission-aware retrieval: an index of chunks, each with a label and an access list.

from accord.govern.retrieval import Retriever, handle_retrieve, RetrievalIndex, Access
index = RetrievalIndex(path, create=True)
index.add_document("hr/policy.md", text, label="confidential", acl=["group:hr"])
index.search("parental leave", Access.of("ada", {"hr"}, DataClass.CONFIDENTIAL), k=5)
"""

from accord.govern.retrieval.index import EVERYONE, Access, Chunk, RetrievalIndex
from accord.govern.retrieval.ingest import IngestStats, ingest_paths
from accord.govern.retrieval.service import (
    RetrievalResult,
    Retriever,
    RetrieveRequest,
    access_for,
    clearance_for,
    handle_retrieve,
    index_path,
    retrieve,
)

__all__ = [
    "EVERYONE",
    "Access",
    "Chunk",
    "IngestStats",
    "RetrievalIndex",
    "RetrievalResult",
    "RetrieveRequest",
    "Retriever",
    "access_for",
    "clearance_for",
    "handle_retrieve",
    "index_path",
    "ingest_paths",
    "retrieve",
]
