"""A permission-aware retrieval index in one SQLite file (FTS5, BM25).

Entitlements are applied *before* ranking, and no statistic of a denied chunk reaches a score.
Chunks are stored in partitions, one per distinct (label, access list), each with its own FTS5
table: whoever may search a partition may read every chunk in it. A query

1. finds the partitions the caller may read (clearance >= label and a shared principal), in SQL;
2. takes candidates from each of them with FTS5 (MATCH, ranked by the partition's own BM25);
3. scores the candidates with BM25 whose corpus statistics (document count, average length,
   document frequency per term) are summed over the permitted partitions only.

So the chunks returned, their scores and their count are exactly what an index holding only the
caller's permitted chunks would return: denied chunks cannot leak through result counts or through
IDF/length statistics (the leak a single shared FTS5 table would have).
"""

from __future__ import annotations

import logging
import math
import os
import re
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson

from accord.detect.types import DataClass
from accord.errors import InputError, NotFound
from accord.govern.retrieval.text import MAX_QUERY_TERMS, chunk_segments, match_expression, tokens
from accord.govern.types import Segment, Where

log = logging.getLogger(__name__)
EVERYONE = "*"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS parts(id INTEGER PRIMARY KEY, label INTEGER NOT NULL, acl TEXT NOT NULL,
  n_chunks INTEGER NOT NULL DEFAULT 0, n_tokens INTEGER NOT NULL DEFAULT 0, UNIQUE(label, acl));
CREATE TABLE IF NOT EXISTS part_acl(principal TEXT NOT NULL, part_id INTEGER NOT NULL, PRIMARY KEY(principal, part_id))
  WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS docs(id INTEGER PRIMARY KEY, source TEXT NOT NULL UNIQUE, label INTEGER NOT NULL,
  acl TEXT NOT NULL, sha256 TEXT, meta TEXT NOT NULL DEFAULT '{}');
CREATE TABLE IF NOT EXISTS chunks(id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL, part_id INTEGER NOT NULL,
  ord INTEGER NOT NULL, text TEXT NOT NULL, label INTEGER NOT NULL, ntok INTEGER NOT NULL, loc TEXT NOT NULL,
  embedding BLOB);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
CREATE INDEX IF NOT EXISTS chunks_part ON chunks(part_id);
"""
_TOKENIZER = "unicode61 remove_diacritics 2"
K1, B = 1.2, 0.75
#: Candidates taken from each partition (by its own BM25) before exact re-scoring: max(this, 2k).
MIN_CANDIDATES = 10


@dataclass(frozen=True, slots=True)
class Chunk:
    id: int
    text: str
    score: float
    source: str
    label: str
    where: Where
    ord: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "score": round(self.score, 6),
            "source": self.source,
            "label": self.label,
            "where": self.where,
            "chunk": self.ord,
        }


@dataclass(frozen=True, slots=True)
class Access:
    """Who is asking, reduced to what the index checks: principals and clearance."""

    principals: frozenset[str]
    clearance: DataClass

    @classmethod
    def of(
        cls, user: str | None, groups: Iterable[str] = (), clearance: DataClass = DataClass.INTERNAL
    ) -> Access:
        p = {EVERYONE} | {f"group:{g}" for g in groups}
        if user:
            p.add(f"user:{user}")
        return cls(frozenset(p), clearance)


def normalise_acl(acl: Iterable[str]) -> tuple[str, ...]:
    out = set()
    for p in acl:
        p = p.strip()
        if (
            p != EVERYONE
            and not (p.startswith("group:") or p.startswith("user:"))
            or p in ("group:", "user:")
        ):
            raise InputError(f"bad principal {p!r}", hint="use '*', 'group:NAME' or 'user:NAME'")
        out.add(p)
    return tuple(sorted(out))


@dataclass(slots=True)
class _Cache:
    """Per-partition document frequencies, valid for one index generation (any write bumps it)."""

    generation: int = -1
    df: dict[tuple[int, str], int] = field(default_factory=dict)


class _TermCounter:
    """Counts only the query's terms in a text, with the tokenizer's boundaries (no full tokenisation)."""

    def __init__(self, terms: list[str]) -> None:
        alternation = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
        self._re = re.compile(rf"(?<![^\W_])(?:{alternation})(?![^\W_])")
        self._terms = set(terms)

    def count(self, text: str) -> Counter[str]:
        if not text.isascii():  # diacritics and case folding beyond ASCII: use the real tokenizer
            return Counter(t for t in tokens(text) if t in self._terms)
        return Counter(self._re.findall(text.lower()))


class RetrievalIndex:
    """Thread-safe: one SQLite connection per thread; writes are serialised by SQLite."""

    def __init__(self, path: str, *, create: bool = False) -> None:
        if not create and not os.path.exists(path):
            raise NotFound(
                f"no retrieval index at {path}", hint="build one with 'accord data index PATH --name NAME'"
            )
        self.path = path
        self._local = threading.local()
        self._cache = _Cache()
        self._lock = threading.Lock()
        with self._conn() as conn:
            conn.executescript(_SCHEMA)

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            self._local.conn = conn
        return conn

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # -- writing ----------------------------------------------------------------------------------

    def _part(self, conn: sqlite3.Connection, label: DataClass, acl: tuple[str, ...]) -> int:
        key = orjson.dumps(list(acl)).decode()
        row = conn.execute("SELECT id FROM parts WHERE label = ? AND acl = ?", (int(label), key)).fetchone()
        if row:
            return int(row[0])
        pid = int(
            conn.execute("INSERT INTO parts(label, acl) VALUES (?, ?)", (int(label), key)).lastrowid or 0
        )
        conn.executemany("INSERT INTO part_acl(principal, part_id) VALUES (?, ?)", [(p, pid) for p in acl])
        conn.execute(
            f"CREATE VIRTUAL TABLE fts_{pid} USING fts5(text, content='chunks', content_rowid='id', "
            f"tokenize='{_TOKENIZER}')"
        )
        conn.execute(f"CREATE VIRTUAL TABLE vocab_{pid} USING fts5vocab(fts_{pid}, 'row')")
        return pid

    def add_document(
        self,
        source: str,
        content: str | Sequence[Segment],
        *,
        label: DataClass | str,
        acl: Iterable[str],
        sha256: str | None = None,
        meta: dict[str, Any] | None = None,
        chunk_chars: int = 1200,
        embedder: Any = None,
    ) -> int:
        """Index (or re-index) one document; returns its chunk count. An empty ACL means nobody may read it."""
        label = DataClass.parse(label)
        principals = normalise_acl(acl)
        segments = [Segment(content)] if isinstance(content, str) else list(content)
        chunks = chunk_segments(segments, chunk_chars)
        vectors = embedder.embed([c[0] for c in chunks]) if embedder is not None and chunks else None
        conn = self._conn()
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            self._delete(conn, source)
            doc_id = conn.execute(
                "INSERT INTO docs(source, label, acl, sha256, meta) VALUES (?, ?, ?, ?, ?)",
                (
                    source,
                    int(label),
                    orjson.dumps(list(principals)).decode(),
                    sha256,
                    orjson.dumps(meta or {}).decode(),
                ),
            ).lastrowid
            if principals and chunks:
                pid = self._part(conn, label, principals)
                total = 0
                for i, (text, where) in enumerate(chunks):
                    blob = vectors[i].tobytes() if vectors is not None else None
                    ntok = len(tokens(text))
                    total += ntok
                    cid = conn.execute(
                        "INSERT INTO chunks(doc_id, part_id, ord, text, label, ntok, loc, embedding) "
                        "VALUES (?,?,?,?,?,?,?,?)",
                        (doc_id, pid, i, text, int(label), ntok, orjson.dumps(where).decode(), blob),
                    ).lastrowid
                    conn.execute(f"INSERT INTO fts_{pid}(rowid, text) VALUES (?, ?)", (cid, text))
                conn.execute(
                    "UPDATE parts SET n_chunks = n_chunks + ?, n_tokens = n_tokens + ? WHERE id = ?",
                    (len(chunks), total, pid),
                )
            self._bump(conn)
        return len(chunks) if principals else 0

    def remove_document(self, source: str) -> bool:
        conn = self._conn()
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            found = self._delete(conn, source)
            self._bump(conn)
        return found

    def _delete(self, conn: sqlite3.Connection, source: str) -> bool:
        row = conn.execute("SELECT id FROM docs WHERE source = ?", (source,)).fetchone()
        if row is None:
            return False
        rows = conn.execute(
            "SELECT id, part_id, text, ntok FROM chunks WHERE doc_id = ?", (row[0],)
        ).fetchall()
        for cid, pid, text, ntok in rows:
            conn.execute(
                f"INSERT INTO fts_{pid}(fts_{pid}, rowid, text) VALUES ('delete', ?, ?)", (cid, text)
            )
            conn.execute(
                "UPDATE parts SET n_chunks = n_chunks - 1, n_tokens = n_tokens - ? WHERE id = ?", (ntok, pid)
            )
        conn.execute("DELETE FROM chunks WHERE doc_id = ?", (row[0],))
        conn.execute("DELETE FROM docs WHERE id = ?", (row[0],))
        return True

    @staticmethod
    def _bump(conn: sqlite3.Connection) -> None:
        conn.execute(
            "INSERT INTO meta(key, value) VALUES ('generation', '1') "
            "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
        )

    def sources(self) -> dict[str, str | None]:
        return dict(self._conn().execute("SELECT source, sha256 FROM docs").fetchall())

    def stats(self) -> dict[str, int]:
        conn = self._conn()
        return {
            "documents": conn.execute("SELECT COUNT(*) FROM docs").fetchone()[0],
            "chunks": conn.execute("SELECT COUNT(*) FROM chunks").fetchone()[0],
            "partitions": conn.execute("SELECT COUNT(*) FROM parts").fetchone()[0],
        }

    # -- reading ----------------------------------------------------------------------------------

    def permitted_parts(self, access: Access) -> list[int]:
        principals = sorted(access.principals)
        marks = ",".join("?" * len(principals))
        rows = (
            self._conn()
            .execute(
                f"SELECT DISTINCT p.id FROM parts p JOIN part_acl a ON a.part_id = p.id "
                f"WHERE p.label <= ? AND a.principal IN ({marks}) ORDER BY p.id",
                (int(access.clearance), *principals),
            )
            .fetchall()
        )
        return [int(r[0]) for r in rows]

    def search(self, query: str, access: Access, k: int = 5, *, embedder: Any = None) -> list[Chunk]:
        """The top `k` chunks for `query` among those `access` may read (BM25; hybrid RRF with an embedder)."""
        if k < 1:
            raise InputError("k must be at least 1")
        parts = self.permitted_parts(access)
        if not parts:
            return []
        lexical = self._bm25(query, parts, k if embedder is None else max(k, 50))
        if embedder is None:
            return self._load(lexical[:k])
        from accord.govern.retrieval.hybrid import dense_search, rrf

        dense = dense_search(self, embedder, query, parts, max(k, 50))
        return self._load(rrf([lexical, dense])[:k])

    def _bm25(self, query: str, parts: list[int], k: int) -> list[tuple[int, float]]:
        expr = match_expression(query)
        if expr is None:
            return []
        terms = list(dict.fromkeys(tokens(query)))[:MAX_QUERY_TERMS]
        conn = self._conn()
        per_part = max(MIN_CANDIDATES, 2 * k)
        candidates: list[int] = []
        for pid in parts:
            rows = conn.execute(
                f"SELECT rowid FROM fts_{pid} WHERE fts_{pid} MATCH ? ORDER BY rank LIMIT ?", (expr, per_part)
            ).fetchall()
            candidates.extend(int(r[0]) for r in rows)
        if not candidates:
            return []
        # Corpus statistics over the permitted partitions only.
        marks = ",".join("?" * len(parts))
        n_docs, n_tokens = conn.execute(
            f"SELECT SUM(n_chunks), SUM(n_tokens) FROM parts WHERE id IN ({marks})", parts
        ).fetchone()
        avgdl = (n_tokens or 0) / n_docs if n_docs else 1.0
        df = self._df(conn, parts, terms)
        idf = {t: math.log(1.0 + (n_docs - d + 0.5) / (d + 0.5)) for t, d in df.items() if d}
        if not idf:
            return []
        counter = _TermCounter(list(idf))
        cmarks = ",".join("?" * len(candidates))
        scored: list[tuple[int, float]] = []
        for cid, text, ntok in conn.execute(
            f"SELECT id, text, ntok FROM chunks WHERE id IN ({cmarks})", candidates
        ):
            norm = K1 * (1 - B + B * ntok / avgdl) if avgdl else K1
            score = sum(idf[t] * n * (K1 + 1) / (n + norm) for t, n in counter.count(text).items())
            if score > 0:
                scored.append((int(cid), score))
        return self._order(scored)[:k]

    def _df(self, conn: sqlite3.Connection, parts: list[int], terms: list[str]) -> dict[str, int]:
        """Document frequency of each term summed over the permitted partitions (cached per generation)."""
        gen = self.generation()
        with self._lock:
            if self._cache.generation != gen:
                self._cache = _Cache(gen)
            cache = self._cache.df
            missing = [(pid, t) for pid in parts for t in terms if (pid, t) not in cache]
        if missing:
            found: dict[tuple[int, str], int] = dict.fromkeys(missing, 0)
            term_marks = ",".join("?" * len(terms))
            for pid in sorted({m[0] for m in missing}):
                for term, n in conn.execute(
                    f"SELECT term, doc FROM vocab_{pid} WHERE term IN ({term_marks})", terms
                ):
                    found[(pid, term)] = int(n)
            with self._lock:
                if self._cache.generation == gen:
                    cache.update(found)
        else:
            found = {}
        out = dict.fromkeys(terms, 0)
        for pid in parts:
            for t in terms:
                out[t] += found.get((pid, t), cache.get((pid, t), 0))
        return out

    def _order(self, hits: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """By score, ties by (source, chunk number): independent of row ids, hence of other documents."""
        if not hits:
            return hits
        marks = ",".join("?" * len(hits))
        keys = {
            r[0]: (r[1], r[2])
            for r in self._conn().execute(
                f"SELECT c.id, d.source, c.ord FROM chunks c JOIN docs d ON d.id = c.doc_id WHERE c.id IN ({marks})",
                [h[0] for h in hits],
            )
        }
        return sorted(hits, key=lambda h: (-h[1], keys.get(h[0], ("", 0))))

    def _load(self, ranked: list[tuple[int, float]]) -> list[Chunk]:
        if not ranked:
            return []
        ids = [r[0] for r in ranked]
        marks = ",".join("?" * len(ids))
        rows = (
            self._conn()
            .execute(
                f"SELECT c.id, c.text, d.source, c.label, c.loc, c.ord FROM chunks c JOIN docs d ON d.id = c.doc_id "
                f"WHERE c.id IN ({marks})",
                ids,
            )
            .fetchall()
        )
        by_id = {r[0]: r for r in rows}
        out = []
        for cid, score in ranked:
            r = by_id.get(cid)
            if r is not None:
                out.append(Chunk(cid, r[1], score, r[2], str(DataClass(r[3])), orjson.loads(r[4]), r[5]))
        return out

    def generation(self) -> int:
        row = self._conn().execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        return int(row[0]) if row else 0

    def query_terms(self, query: str) -> list[str]:
        return tokens(query)
