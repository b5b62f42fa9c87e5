"""Hashed byte n-gram features, vectorised with numpy (shared by training and inference).

Every byte position of the canonical UTF-8 text contributes one n-gram per order (3..6 bytes: character
3-6-grams for Latin scripts, 1-2 characters for CJK), hashed into 2**BITS buckets. An overlapping strided
view reads the 8 bytes at each position as one integer, so all orders come from masks of one array:
about ten numpy operations per text, whatever its length. Counts are L2-normalised, so a long text and a
short one are on one scale (length is not evidence) and repeating a text changes nothing. The last few
positions of a text start no full n-gram of the higher orders: they go to a NULL slot of weight zero that
is not counted (n-grams padded with zeros at the end would be a feature of every text whose weight
shrinks with its length, a length feature in disguise).

Long texts are scored window by window (a running sum over WINDOW bytes): an instruction planted in the
middle of a long document is not diluted by the document around it.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

BITS = 18
ORDERS = (3, 4, 5, 6)
WINDOW = 1024  # bytes: a prompt of up to 1 KB is one window
NORMALIZATION = "l2-bucketed-12/window-of-ids/no-pad"  # recorded in the artefact; others are refused
#: Index of the zero-weight slot that n-grams running past the end of the text are sent to.
NULL = 1 << BITS
NORM_BITS = 12

_PAD = b"\0" * 8
_MULT = np.uint64(0x9E3779B97F4A7C15)
_SHIFT = np.uint64(64 - BITS)
_MASKS = np.array([(1 << (8 * k)) - 1 for k in ORDERS], dtype=np.uint64)[:, None]
_NORM_MASK = (1 << NORM_BITS) - 1
_SALTS = (np.array(ORDERS, dtype=np.uint64) * np.uint64(0x51ED2701))[:, None]


def bucket_ids(data: bytes) -> NDArray[np.intp]:
    """Bucket of every (order, position): shape (len(ORDERS), len(data)).

    Integer overflow in the multiply is the hash (numpy wraps array arithmetic silently); the result is
    returned as native indices so that gathering weights needs no conversion. One array is allocated and
    hashed in place (the buckets fit in 18 bits, so the unsigned words are read as signed indices as they
    are): this runs on every prompt, and fewer temporaries also leave more of the caches to the rest of
    the engine.
    """
    n = len(data)
    buf = data + _PAD
    # Position i as the little-endian integer of bytes i..i+7; order k keeps the low k bytes.
    view = np.ndarray(shape=(n,), dtype="<u8", buffer=buf, strides=(1,))
    ids = np.bitwise_and(view, _MASKS)
    np.bitwise_xor(ids, _SALTS, out=ids)
    np.multiply(ids, _MULT, out=ids)
    np.right_shift(ids, _SHIFT, out=ids)
    out = ids.view(np.intp)
    np.put(out, _tail(n), NULL)
    return out


@lru_cache(maxsize=4096)
def _tail(n: int) -> NDArray[np.intp]:
    """Flat indices, in a (len(ORDERS), n) array, of the positions where an order's n-gram would run past
    the end of an n-byte text (order k: the last k-1)."""
    return np.array([row * n + i for row, k in enumerate(ORDERS) for i in range(max(n - k + 1, 0), n)], dtype=np.intp)


def with_null(weights: NDArray[np.float32]) -> NDArray[np.float32]:
    """Bucket weights with the NULL slot (weight 0) appended: what `window_score` indexes."""
    return np.concatenate([weights, np.zeros(1, dtype=weights.dtype)])


def _norm(ids: NDArray[np.intp], nulls: int | None = None) -> float:
    """L2 norm of the n-gram count vector, counted in 2**NORM_BITS buckets (a sort-free stand-in for the
    exact norm: collisions change it by a few percent, identically in training and inference). `nulls`:
    how many entries are NULL, when the caller knows (else they are counted)."""
    c = np.bincount((ids & _NORM_MASK).ravel(), minlength=1 << NORM_BITS)
    if nulls is None:
        nulls = int(np.count_nonzero(ids == NULL))
    c[0] -= nulls  # NULL & mask == 0: uncount the padding slots
    return math.sqrt(int(np.dot(c, c))) or 1.0  # the sum of squares is exact; math.sqrt rounds as np.sqrt


def _nulls(n: int, start: int, stop: int) -> int:
    """How many of `bucket_ids` positions start..stop-1 of an n-byte text are NULL, over all orders (order k
    has no n-gram at its last k-1 positions)."""
    return sum(max(0, stop - max(start, n - k + 1)) for k in ORDERS)


def window_score(weights: NDArray[np.float32], data: bytes, window: int = WINDOW) -> tuple[float, int]:
    """Best window's score w.x, with x the L2-normalised n-gram counts of the window; and its byte offset.

    `weights` has the NULL slot appended (`with_null`).

    L2 normalisation makes a text repeated ten times score like the text once (repetition is not
    evidence, and cannot be used to drown or to inflate a score). Windows are ranked with a running sum
    over the n-grams *starting* in each window (the last few may reach past its end; training counts them
    the same way, see `counts`); the ids are hashed once for the whole text.
    """
    n = len(data)
    if n == 0:
        return 0.0, 0
    ids = bucket_ids(data)
    if n <= window:
        return float(weights[ids].sum(dtype=np.float64)) / _norm(ids, _nulls(n, 0, n)), 0
    per_pos = weights[ids].sum(axis=0, dtype=np.float64)
    csum = np.empty(n + 1, dtype=np.float64)
    csum[0] = 0.0
    np.cumsum(per_pos, out=csum[1:])
    best = int(np.argmax(csum[window:] - csum[:-window]))
    return (float(csum[best + window] - csum[best]) / _norm(ids[:, best:best + window], _nulls(n, best, best + window)),
            best)


def counts(data: bytes, start: int = 0, window: int = WINDOW) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Sparse feature vector of a text, or of its window at `start`: unique bucket ids and L2-normalised counts."""
    ids = bucket_ids(data)
    if len(data) > window:
        ids = ids[:, start:start + window]
    uniq, cnt = np.unique(ids.ravel().astype(np.int64), return_counts=True)
    keep = uniq != NULL
    return uniq[keep], cnt[keep] / _norm(ids)
