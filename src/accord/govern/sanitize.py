"""`accord data sanitize SRC DST`: AI-ready copies with PII pseudonymised and secrets removed.

Placeholders are derived from a keyed HMAC of the (normalised) value, so every worker process and
every later run gives the same person the same placeholder across the whole corpus, and nobody
without the home's key can test a guess against a placeholder. Text, Markdown and code keep their
format; CSV/TSV are rewritten cell by cell; JSON and JSON Lines have their string values rewritten
with keys and structure intact. Other supported formats become sanitised extracted text
(`name.ext.txt`); anything else is skipped and listed. Documents flagged for injection are
quarantined (not copied) unless asked otherwise. SRC is never written to; every output is atomic.
"""

from __future__ import annotations

import bisect
import csv
import hashlib
import hmac
import io
import logging
import multiprocessing
import os
import re
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import orjson

from accord.detect import Engine, default_engine
from accord.errors import InputError
from accord.govern.classify import Classifier
from accord.govern.extract import ExtractError, ExtractorRegistry, decode_text, default_registry
from accord.govern.extract.tabular import sniff_dialect
from accord.govern.output import atomic_write
from accord.policy.sections.govern import GovernPolicy

log = logging.getLogger(__name__)
MANIFEST = ".accord-sanitize.json"
TEXT_SUFFIXES = frozenset(
    {".txt", ".md", ".markdown", ".rst", ".log", ".text"}
    | {".py", ".js", ".ts", ".java", ".go", ".sql", ".sh", ".rb"}
)
_INVISIBLE = re.compile("[\u200b\u200c\u2060-\u2064\u180e\u202a-\u202e\u2066-\u2069\U000e0000-\U000e007f]")
_NORMALISE_DIGITS = frozenset({"PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "IBAN_CODE", "US_BANK_NUMBER"})


@dataclass(slots=True)
class FileChange:
    path: str
    action: str  # rewritten | extracted | skipped | quarantined | error
    output: str | None = None
    changes: dict[str, int] = field(default_factory=dict)
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "action": self.action,
            "output": self.output,
            "changes": self.changes,
            "reason": self.reason,
        }


class Masker:
    """Replaces entities in text with keyed placeholders; one per process, shared by every file."""

    def __init__(self, key: bytes, policy: GovernPolicy | None = None, engine: Engine | None = None) -> None:
        self._key = hmac.new(key, b"accord-govern-placeholder-v1", hashlib.sha256).digest()
        self.policy = policy or GovernPolicy()
        self.engine = engine or default_engine()
        self.remove = set(self.policy.sanitize.remove)
        self.keep = set(self.policy.sanitize.keep)

    def placeholder(self, entity_type: str, value: str) -> str:
        if entity_type in self.remove:
            return f"<{entity_type}_REMOVED>"
        if entity_type in _NORMALISE_DIGITS:
            norm = re.sub(r"[^0-9A-Za-z]", "", value).upper()
        elif entity_type == "EMAIL_ADDRESS":
            norm = value.strip().lower()
        else:
            norm = " ".join(value.split())
        digest = hmac.new(self._key, f"{entity_type}\x00{norm}".encode(), hashlib.sha256).hexdigest()
        return f"<{entity_type}_{digest[:12]}>"

    def mask_values(self, values: list[str]) -> tuple[list[str], Counter[str], bool]:
        """Mask many strings with one engine pass; returns new values, counts per type, injection flag."""
        if not values:
            return [], Counter(), False
        joined = "\n".join(values)
        report = self.engine.inspect(joined)
        starts, pos = [], 0
        for v in values:
            starts.append(pos)
            pos += len(v) + 1
        per_value: dict[int, list[tuple[int, int, str]]] = {}
        redo: set[int] = set()
        for e in report.entities:
            if e.type in self.keep:
                continue
            i = bisect.bisect_right(starts, e.start) - 1
            if e.end > starts[i] + len(values[i]):
                redo.update(range(i, bisect.bisect_right(starts, e.end - 1)))  # spans two values
                continue
            per_value.setdefault(i, []).append((e.start - starts[i], e.end - starts[i], e.type))
        for i in redo:  # entities that crossed a boundary: look at each value on its own
            per_value[i] = [
                (e.start, e.end, e.type) for e in self.engine.analyze(values[i]) if e.type not in self.keep
            ]
        counts: Counter[str] = Counter()
        out = list(values)
        for i, spans in per_value.items():
            out[i], c = self._apply(values[i], spans)
            counts.update(c)
        for i, v in enumerate(out):
            if not v.isascii():
                cleaned, n = _INVISIBLE.subn("", v)
                if n:
                    out[i] = cleaned
                    counts["INVISIBLE_CHARACTERS"] += n
        return out, counts, report.injection.detected

    def _apply(self, text: str, spans: list[tuple[int, int, str]]) -> tuple[str, Counter[str]]:
        parts: list[str] = []
        counts: Counter[str] = Counter()
        pos = 0
        for start, end, etype in sorted(spans):
            if start < pos:
                continue
            parts.append(text[pos:start])
            parts.append(self.placeholder(etype, text[start:end]))
            counts[etype] += 1
            pos = end
        parts.append(text[pos:])
        return "".join(parts), counts


class FileSanitizer:
    def __init__(
        self,
        key: bytes,
        policy: GovernPolicy | None = None,
        registry: ExtractorRegistry | None = None,
        keep_flagged: bool = False,
    ) -> None:
        self.policy = policy or GovernPolicy()
        self.masker = Masker(key, self.policy)
        self.registry = registry or default_registry()
        self.classifier = Classifier(self.policy, self.masker.engine)
        self.keep_flagged = keep_flagged

    def sanitize(self, src_root: str, dst_root: str, rel: str) -> FileChange:
        src = os.path.join(src_root, rel)
        suffix = os.path.splitext(rel)[1].lower()
        try:
            with open(src, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            return FileChange(rel, "error", reason=f"cannot read: {exc.strerror or exc}")
        if suffix in TEXT_SUFFIXES:
            return self._text(data, dst_root, rel)
        if suffix in (".csv", ".tsv"):
            return self._csv(data, dst_root, rel)
        if suffix in (".jsonl", ".ndjson"):
            return self._jsonl(data, dst_root, rel)
        if suffix == ".json":
            return self._json(data, dst_root, rel)
        return self._extracted(data, dst_root, rel)

    # -- formats ----------------------------------------------------------------------------------

    def _finish(
        self,
        rel: str,
        dst_root: str,
        out_rel: str,
        content: str,
        counts: Counter[str],
        flagged: bool,
        action: str,
    ) -> FileChange:
        if flagged and not self.keep_flagged:
            return FileChange(rel, "quarantined", changes=dict(counts), reason="flagged for prompt injection")
        with atomic_write(os.path.join(dst_root, out_rel)) as fh:
            fh.write(content.encode("utf-8"))
        return FileChange(rel, action, out_rel, dict(counts))

    def _text(self, data: bytes, dst_root: str, rel: str) -> FileChange:
        (text,), counts, flagged = self.masker.mask_values([decode_text(data)])
        return self._finish(rel, dst_root, rel, text, counts, flagged, "rewritten")

    def _csv(self, data: bytes, dst_root: str, rel: str) -> FileChange:
        text = decode_text(data)
        dialect = sniff_dialect(text, rel)
        try:
            rows = list(csv.reader(io.StringIO(text, newline=""), dialect))
        except csv.Error:
            return self._text(data, dst_root, rel)
        flat = [cell for row in rows for cell in row]
        masked, counts, flagged = self.masker.mask_values(flat)
        buf = io.StringIO(newline="")
        writer = csv.writer(buf, dialect, lineterminator="\r\n" if "\r\n" in text[:65536] else "\n")
        it = iter(masked)
        for row in rows:
            writer.writerow([next(it) for _ in row])
        return self._finish(rel, dst_root, rel, buf.getvalue(), counts, flagged, "rewritten")

    def _json(self, data: bytes, dst_root: str, rel: str) -> FileChange:
        try:
            doc = orjson.loads(data)
        except orjson.JSONDecodeError:
            return self._text(data, dst_root, rel)
        strings: list[str] = []
        _collect(doc, strings)
        masked, counts, flagged = self.masker.mask_values(strings)
        it = iter(masked)
        out = _rebuild(doc, lambda: next(it))
        opt = orjson.OPT_INDENT_2 if b"\n" in data.strip() else 0
        return self._finish(
            rel, dst_root, rel, orjson.dumps(out, option=opt).decode() + "\n", counts, flagged, "rewritten"
        )

    def _jsonl(self, data: bytes, dst_root: str, rel: str) -> FileChange:
        docs: list[tuple[bool, Any]] = []
        strings: list[str] = []
        for raw in data.splitlines():
            if not raw.strip():
                docs.append((False, ""))
                continue
            try:
                d = orjson.loads(raw)
                docs.append((True, d))
                _collect(d, strings)
            except orjson.JSONDecodeError:
                docs.append((False, decode_text(raw)))
                strings.append(decode_text(raw))
        masked, counts, flagged = self.masker.mask_values(strings)
        it = iter(masked)
        lines = [
            orjson.dumps(_rebuild(d, lambda: next(it))).decode() if ok else (next(it) if d else "")
            for ok, d in docs
        ]
        return self._finish(rel, dst_root, rel, "\n".join(lines) + "\n", counts, flagged, "rewritten")

    def _extracted(self, data: bytes, dst_root: str, rel: str) -> FileChange:
        extractor = self.registry.for_name(rel)
        if extractor is None:
            return FileChange(rel, "skipped", reason="unsupported format (not copied)")
        try:
            extracted = extractor.extract(data, os.path.basename(rel))
        except ExtractError as exc:
            return FileChange(rel, "error", reason=f"{exc.kind}: not copied")
        cls = self.classifier.classify(extracted)
        visible = [s.text for s in extracted.segments if not s.hidden]
        masked, counts, flagged = self.masker.mask_values(visible)
        dropped = len(extracted.segments) - len(visible)
        if dropped:
            counts["HIDDEN_TEXT_DROPPED"] += dropped
        return self._finish(
            rel,
            dst_root,
            rel + ".txt",
            "\n\n".join(masked) + "\n",
            counts,
            flagged or cls.injection,
            "extracted",
        )


def _collect(value: Any, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, dict):
        for v in value.values():
            _collect(v, out)
    elif isinstance(value, list):
        for v in value:
            _collect(v, out)


def _rebuild(value: Any, take: Callable[[], str]) -> Any:
    if isinstance(value, str):
        return take()
    if isinstance(value, dict):
        return {k: _rebuild(v, take) for k, v in value.items()}
    if isinstance(value, list):
        return [_rebuild(v, take) for v in value]
    return value


# -- the tree -----------------------------------------------------------------------------------------

_WORKER: FileSanitizer | None = None


def _init(key: bytes, policy: dict[str, Any], keep_flagged: bool) -> None:
    global _WORKER
    _WORKER = FileSanitizer(key, GovernPolicy.model_validate(policy), keep_flagged=keep_flagged)


def _run(args: tuple[str, str, str]) -> FileChange:
    assert _WORKER is not None
    return _WORKER.sanitize(*args)


def check_paths(src: str, dst: str) -> tuple[str, str]:
    s, d = os.path.realpath(src), os.path.realpath(dst)
    if not os.path.isdir(s):
        raise InputError(f"{src}: not a directory", hint="SRC must be the folder to sanitise")
    if d == s or d.startswith(s + os.sep) or s.startswith(d + os.sep):
        raise InputError(
            f"{dst} overlaps {src}", hint="choose a DST outside SRC (sanitise never writes into its source)"
        )
    return s, d


def sanitize_tree(
    src: str,
    dst: str,
    key: bytes,
    policy: GovernPolicy | None = None,
    *,
    workers: int = 1,
    keep_flagged: bool = False,
) -> dict[str, Any]:
    """Sanitise every file under `src` into `dst` (mirrored tree); returns and writes the manifest."""
    from accord.govern.acl import is_sidecar
    from accord.store.db import now_iso

    s, d = check_paths(src, dst)
    policy = policy or GovernPolicy()
    rels = []
    for folder, dirs, files in os.walk(s):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            if not os.path.islink(path) and not is_sidecar(path):
                rels.append(os.path.relpath(path, s))
    os.makedirs(d, exist_ok=True)
    jobs = [(s, d, r) for r in rels]
    if workers <= 1 or len(jobs) < 2:
        worker = FileSanitizer(key, policy, keep_flagged=keep_flagged)
        changes = [worker.sanitize(*j) for j in jobs]
    else:
        if multiprocessing.get_start_method() == "fork":
            default_engine()  # compiled once here, inherited by the forked workers
        with ProcessPoolExecutor(
            workers, initializer=_init, initargs=(key, policy.model_dump(), keep_flagged)
        ) as pool:
            changes = list(pool.map(_run, jobs, chunksize=16))
    totals: Counter[str] = Counter()
    actions: Counter[str] = Counter()
    for c in changes:
        totals.update(c.changes)
        actions[c.action] += 1
    manifest = {
        "src": s,
        "dst": d,
        "created_at": now_iso(),
        "placeholders": "hmac-sha256 of type and normalised value, keyed by the home's govern.key",
        "files": [c.to_dict() for c in changes],
        "totals": dict(sorted(totals.items())),
        "actions": dict(sorted(actions.items())),
    }
    with atomic_write(os.path.join(d, MANIFEST)) as fh:
        fh.write(orjson.dumps(manifest, option=orjson.OPT_INDENT_2))
    return manifest
