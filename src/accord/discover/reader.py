"""Open log files as text, streaming, with gzip recognised by its magic bytes (not the name)."""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from accord.errors import InputError

GZIP_MAGIC = b"\x1f\x8b"


def compression_of(path: Path) -> str | None:
    try:
        with path.open("rb") as fh:
            return "gzip" if fh.read(2) == GZIP_MAGIC else None
    except FileNotFoundError:
        raise InputError(f"{path}: no such file", hint="check the path") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory", hint="pass log files (globs work: logs/*.gz)") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def open_text(path: Path) -> IO[str]:
    raw: IO[bytes] = gzip.open(path, "rb") if compression_of(path) == "gzip" else path.open("rb")  # type: ignore[assignment]
    # Logs are mostly ASCII; bytes that are not UTF-8 become U+FFFD rather than stopping the run.
    return io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline=None)


def numbered_lines(fh: IO[str]) -> Iterator[tuple[int, str]]:
    for no, line in enumerate(fh, 1):
        yield no, line.rstrip("\n")


def head_lines(path: Path, n: int = 20, max_bytes: int = 1 << 20) -> list[str]:
    """The first `n` non-empty lines (for format detection)."""
    out: list[str] = []
    seen = 0
    try:
        with open_text(path) as fh:
            for line in fh:
                seen += len(line)
                if line.strip():
                    out.append(line.rstrip("\r\n"))
                if len(out) >= n or seen > max_bytes:
                    break
    except (OSError, EOFError) as exc:
        raise InputError(f"{path}: cannot read ({exc})", hint="is the gzip file complete?") from None
    return out
