"""The shipped classifier: a logistic regression over hashed byte n-grams plus signature-family features.

The artefact (`model.npz`, written by `scripts/train_injection.py`) holds int8-quantised bucket weights,
one weight per signature feature, the bias, and metadata (threshold, training data, feature layout).
Inference is numpy only.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from accord.detect.injection import features
from accord.detect.injection.signatures import FEATURES
from accord.errors import ConfigError

ARTEFACT = "model.npz"


@dataclass(frozen=True)
class LinearModel:
    weights: NDArray[np.float32]           # one per hashed bucket, plus the zero NULL slot (features.NULL)
    signature_weights: dict[str, float]    # "override:strong" -> weight
    bias: float
    meta: dict[str, Any]

    @property
    def threshold(self) -> float:
        return float(self.meta.get("threshold", 0.5))

    def logit(self, data: bytes, fired: Iterable[str]) -> float:
        ngram, _ = features.window_score(self.weights, data, int(self.meta.get("window", features.WINDOW)))
        sw = self.signature_weights
        return self.bias + ngram + sum(sw.get(f, 0.0) for f in fired)

    def probability(self, data: bytes, fired: Iterable[str]) -> float:
        z = self.logit(data, fired)
        return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))

    @classmethod
    def load(cls, path: str | Path | None = None) -> LinearModel:
        where = str(path) if path else f"accord.detect.injection/{ARTEFACT}"
        try:
            if path is None:
                with resources.files("accord.detect.injection").joinpath(ARTEFACT).open("rb") as fh:
                    npz = dict(np.load(fh, allow_pickle=False))
            else:
                npz = dict(np.load(path, allow_pickle=False))
        except (OSError, ValueError) as exc:
            raise ConfigError(f"cannot read the injection model: {exc}", file=where,
                              hint="rebuild it with `python scripts/train_injection.py`") from exc
        meta = json.loads(str(npz["meta"]))
        if (meta.get("bits") != features.BITS or tuple(meta.get("orders", ())) != features.ORDERS
                or meta.get("normalization") != features.NORMALIZATION):
            raise ConfigError(f"model was trained for bits={meta.get('bits')} orders={meta.get('orders')}, this "
                              f"code hashes bits={features.BITS} orders={features.ORDERS}", file=where,
                              hint="retrain with `python scripts/train_injection.py`")
        weights = features.with_null(npz["weights_q"].astype(np.float32) * np.float32(meta["weight_scale"]))
        names = [str(n) for n in npz["signature_names"]]
        unknown = set(names) - set(FEATURES)
        if unknown:
            raise ConfigError(f"model uses unknown signature features {sorted(unknown)}", file=where,
                              hint="retrain with `python scripts/train_injection.py`")
        sig = {n: float(w) for n, w in zip(names, npz["signature_weights"], strict=True)}
        return cls(weights, sig, float(meta["bias"]), meta)
