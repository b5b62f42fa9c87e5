"""Use an Accord index as a LangChain or LlamaIndex retriever (both optional imports).

    retriever = langchain_retriever(index, Access.of("ada", ["hr"], DataClass.CONFIDENTIAL), k=5)
    docs = retriever.invoke("parental leave policy")

The caller's access is fixed when the adapter is built: build one per caller (per request).
"""

from __future__ import annotations

from typing import Any

from accord.errors import ConfigError
from accord.govern.retrieval.index import Access, Chunk, RetrievalIndex


def _metadata(c: Chunk) -> dict[str, Any]:
    return {
        "source": c.source,
        "label": c.label,
        "chunk": c.ord,
        "where": c.where,
        "score": c.score,
        "id": c.id,
    }


def langchain_retriever(index: RetrievalIndex, access: Access, k: int = 5) -> Any:
    try:
        from langchain_core.callbacks import CallbackManagerForRetrieverRun
        from langchain_core.documents import Document
        from langchain_core.retrievers import BaseRetriever
    except ImportError:
        raise ConfigError(
            "the LangChain adapter needs langchain-core", hint="pip install langchain-core"
        ) from None

    class AccordRetriever(BaseRetriever):
        """LangChain retriever over an Accord index, for one caller."""

        model_config = {"arbitrary_types_allowed": True}
        index: Any
        access: Any
        k: int = 5

        def _get_relevant_documents(
            self, query: str, *, run_manager: CallbackManagerForRetrieverRun
        ) -> list[Document]:
            return [
                Document(page_content=c.text, metadata=_metadata(c))
                for c in self.index.search(query, self.access, self.k)
            ]

    return AccordRetriever(index=index, access=access, k=k)


def llamaindex_retriever(index: RetrievalIndex, access: Access, k: int = 5) -> Any:
    try:
        from llama_index.core.retrievers import BaseRetriever
        from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode
    except ImportError:
        raise ConfigError(
            "the LlamaIndex adapter needs llama-index-core", hint="pip install llama-index-core"
        ) from None

    class AccordRetriever(BaseRetriever):
        """LlamaIndex retriever over an Accord index, for one caller."""

        def __init__(self) -> None:
            super().__init__()
            self._index, self._access, self._k = index, access, k

        def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
            found = self._index.search(query_bundle.query_str, self._access, self._k)
            return [
                NodeWithScore(
                    node=TextNode(text=c.text, id_=f"accord-{c.id}", metadata=_metadata(c)), score=c.score
                )
                for c in found
            ]

    return AccordRetriever()
