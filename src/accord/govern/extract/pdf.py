"""PDF through pypdf: one segment per page. Encrypted files open only when the user password is empty."""

from __future__ import annotations

import io
import logging
from typing import Any

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PyPdfError

from accord.govern.extract.base import CORRUPT, ENCRYPTED, ExtractError
from accord.govern.types import ExistingLabel, Extracted, Segment

# pypdf logs every recoverable oddity of real-world PDFs as a warning; the scan reports what matters.
logging.getLogger("pypdf").setLevel(logging.ERROR)


class PdfExtractor:
    name = "pdf"
    suffixes = (".pdf",)

    def extract(self, data: bytes, name: str) -> Extracted:
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                try:
                    ok = reader.decrypt("")
                except (FileNotDecryptedError, NotImplementedError, DependencyError) as exc:
                    raise ExtractError(ENCRYPTED, f"{name}: encrypted PDF ({exc})") from None
                if not ok:
                    raise ExtractError(ENCRYPTED, f"{name}: encrypted PDF (a password is needed)")
            out = Extracted()
            for i, page in enumerate(reader.pages, 1):
                out.segments.append(Segment(page.extract_text() or "", {"page": i}))
            info: Any = reader.metadata or {}
            label = info.get("/Classification") or info.get("/Sensitivity")
            if isinstance(label, str) and label.strip():
                out.labels.append(ExistingLabel("pdf-info", label.strip()))
            author = info.get("/Author")
            if isinstance(author, str):
                out.meta["author"] = author
            return out
        except ExtractError:
            raise
        except FileNotDecryptedError as exc:
            raise ExtractError(ENCRYPTED, f"{name}: encrypted PDF ({exc})") from None
        except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
            raise ExtractError(CORRUPT, f"{name}: unreadable PDF ({type(exc).__name__}: {exc})") from None
