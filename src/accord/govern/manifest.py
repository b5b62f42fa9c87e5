"""Signed manifests: `accord data approve` records every file's content hash; `verify` reports drift.

The manifest is signed with an HMAC-SHA256 key kept in the home directory (`govern.key`), so a
manifest edited by hand (to hide a changed file) fails verification as a bad signature. Hashes are
computed from the files on disk at approval time, not from the inventory, so what is approved is
exactly what was there.
"""

from __future__ import annotations

import fnmatch
import hashlib
import hmac
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from accord.errors import InputError, NotFound
from accord.govern.inventory import Dataset
from accord.govern.output import atomic_write
from accord.home import Home
from accord.store.db import now_iso

_DOMAIN = b"accord-govern-manifest-v1\x00"
_CHUNK = 1 << 20


def hash_file(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def hash_tree(root: str, exclude: list[str] | tuple[str, ...] = ()) -> dict[str, str]:
    """Relative path -> sha256 for every regular file under `root` (sidecars included: ACLs matter)."""
    if os.path.isfile(root):
        return {os.path.basename(root): hash_file(root)}
    out: dict[str, str] = {}
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, root)
            if os.path.islink(path) or any(fnmatch.fnmatch(rel, p) for p in exclude):
                continue
            out[rel] = hash_file(path)
    return out


def _sign(key: bytes, doc: dict[str, Any]) -> str:
    return hmac.new(key, _DOMAIN + orjson.dumps(doc, option=orjson.OPT_SORT_KEYS), hashlib.sha256).hexdigest()


def manifest_path(home: Home, dataset: Dataset) -> Path:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", dataset.name).strip("_")[-60:] or "dataset"
    digest = hashlib.sha256(dataset.name.encode()).hexdigest()[:12]
    return home.path / "manifests" / f"{slug}-{digest}.json"


def _files_only(dataset: Dataset) -> None:
    if dataset.kind != "files":
        raise InputError(
            f"dataset {dataset.name!r} is a database",
            hint="approve and verify work on file datasets (folders, files)",
        )
    if not os.path.exists(dataset.root):
        raise NotFound(f"dataset root {dataset.root} no longer exists", hint="rescan it where it now lives")


def approve(
    home: Home, dataset: Dataset, key: bytes, exclude: list[str] | tuple[str, ...] = ()
) -> dict[str, Any]:
    _files_only(dataset)
    doc = {
        "dataset": dataset.name,
        "root": dataset.root,
        "approved_at": now_iso(),
        "files": hash_tree(dataset.root, exclude),
    }
    path = manifest_path(home, dataset)
    with atomic_write(str(path)) as fh:
        fh.write(orjson.dumps({"manifest": doc, "signature": _sign(key, doc)}, option=orjson.OPT_INDENT_2))
    return {"path": str(path), "files": len(doc["files"]), "approved_at": doc["approved_at"]}


@dataclass(slots=True)
class Drift:
    ok: bool
    approved_at: str | None = None
    bad_signature: bool = False
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    checked: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "approved_at": self.approved_at,
            "bad_signature": self.bad_signature,
            "added": self.added,
            "removed": self.removed,
            "changed": self.changed,
            "checked": self.checked,
        }


def load_approved(home: Home, dataset: Dataset, key: bytes) -> tuple[dict[str, Any], bool]:
    """The approved manifest and whether its signature holds. NotFound when never approved."""
    path = manifest_path(home, dataset)
    try:
        raw = orjson.loads(path.read_bytes())
        doc, sig = raw["manifest"], raw["signature"]
        files = doc["files"]
        if not isinstance(files, dict) or not isinstance(sig, str):
            raise TypeError
    except FileNotFoundError:
        raise NotFound(
            f"dataset {dataset.name!r} has no approved manifest",
            hint=f"run 'accord data approve {dataset.name}'",
        ) from None
    except (orjson.JSONDecodeError, KeyError, TypeError):
        return {"files": {}, "approved_at": None}, False
    return doc, hmac.compare_digest(_sign(key, doc), sig)


def verify(home: Home, dataset: Dataset, key: bytes, exclude: list[str] | tuple[str, ...] = ()) -> Drift:
    _files_only(dataset)
    doc, sig_ok = load_approved(home, dataset, key)
    approved: dict[str, str] = doc["files"]
    now = hash_tree(dataset.root, exclude)
    drift = Drift(ok=False, approved_at=doc.get("approved_at"), bad_signature=not sig_ok, checked=len(now))
    drift.added = sorted(set(now) - set(approved))
    drift.removed = sorted(set(approved) - set(now))
    drift.changed = sorted(p for p in set(now) & set(approved) if now[p] != approved[p])
    drift.ok = sig_ok and not (drift.added or drift.removed or drift.changed)
    return drift
