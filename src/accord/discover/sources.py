"""Input files: which parser reads each, and the Python path that streams records to a TSV.

Formats with a SQL form (`parser.native`) are read by the engine itself (the fast path);
the rest are parsed here, line by line, into a normalised events file the engine then reads.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from accord.discover.engine.native import NativeSpec
from accord.discover.parsers import IGNORED, BadLine, Event, LogParser, ParserRegistry
from accord.discover.reader import compression_of, head_lines, numbered_lines, open_text
from accord.errors import InputError

#: Malformed lines kept per source as examples for the report.
SAMPLES = 5
_SAMPLE_CHARS = 300

Progress = Callable[[int], None]


@dataclass
class SourceStats:
    path: str
    format: str
    path_kind: str  # "native" (engine reads it) or "python"
    total: int = 0
    parsed: int = 0
    malformed: int = 0
    samples: list[dict[str, object]] = field(default_factory=list)

    def sample(self, line_no: int | None, text: str, reason: str) -> None:
        if len(self.samples) < SAMPLES:
            self.samples.append({"line": line_no, "text": text[:_SAMPLE_CHARS], "reason": reason})


@dataclass
class SourcePlan:
    index: int
    path: Path
    parser: LogParser
    compression: str | None
    native: NativeSpec | None
    stats: SourceStats


def plan_sources(
    paths: Sequence[Path], fmt: str, registry: ParserRegistry, *, can_native: Callable[[Path, str | None], bool]
) -> list[SourcePlan]:
    plans = []
    for i, path in enumerate(paths):
        compression = compression_of(path)
        head = head_lines(path)
        if not head:  # nothing to detect and nothing to read
            plans.append(SourcePlan(i, path, _Empty(), compression, None, SourceStats(str(path), "empty", "python")))
            continue
        parser = registry.resolve(fmt, head, source=str(path))
        native = parser.native(head) if can_native(path, compression) else None
        kind = "native" if native is not None else "python"
        plans.append(SourcePlan(i, path, parser, compression, native, SourceStats(str(path), parser.name, kind)))
    return plans


class _Empty:
    """Stands in for a parser on an empty file (nothing to read, nothing to detect)."""

    name = "empty"
    family = "empty"
    description = "empty file"

    def sniff(self, head: Sequence[str]) -> float:
        return 0.0

    def parse(self, lines):
        return iter(())

    def native(self, head: Sequence[str]) -> None:
        return None


def _cell(value: object) -> str:
    if value is None or value == "":
        return "\\N"
    text = str(value)
    if "\t" in text or "\n" in text or "\r" in text:
        text = text.replace("\t", " ").replace("\n", " ").replace("\r", " ")
    return text


def stream_to_tsv(plan: SourcePlan, out: Path, progress: Progress | None = None) -> SourceStats:
    """Parse one file with its Python parser, writing events to `out` and counting lines."""
    stats = plan.stats
    tick = 0
    with open_text(plan.path) as fh, out.open("w", encoding="utf-8", newline="\n") as sink:
        buf: list[str] = []
        try:
            for rec in plan.parser.parse(numbered_lines(fh)):
                stats.total += 1
                if isinstance(rec, Event):
                    stats.parsed += 1
                    if rec.host is None and rec.dest_ip is None:
                        continue
                    buf.append("\t".join(_cell(v) for v in rec) + "\n")
                    if len(buf) >= 4096:
                        sink.writelines(buf)
                        buf.clear()
                elif rec is IGNORED:
                    stats.parsed += 1
                elif isinstance(rec, BadLine):
                    stats.malformed += 1
                    stats.sample(rec.line_no, rec.text, rec.reason)
                tick += 1
                if progress is not None and tick >= 50_000:
                    progress(tick)
                    tick = 0
        except (OSError, EOFError) as exc:
            # A truncated gzip member: keep what was read, say where it stopped.
            stats.malformed += 1
            stats.sample(None, "", f"file ends early: {exc}")
        except UnicodeError as exc:  # pragma: no cover - errors="replace" prevents it
            raise InputError(f"{plan.path}: {exc}") from None
        sink.writelines(buf)
    if progress is not None and tick:
        progress(tick)
    return stats
