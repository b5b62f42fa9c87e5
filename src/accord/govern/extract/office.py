"""Word, Excel and PowerPoint documents (OOXML) through python-docx, openpyxl and python-pptx."""

from __future__ import annotations

import io
import warnings
from typing import Any

from accord.govern.extract.base import CORRUPT, ExtractError
from accord.govern.extract.ooxml import check_container, msip_labels
from accord.govern.types import Extracted, HiddenSignal, Segment, Where

_WHITE = "FFFFFF"


class _Joiner:
    """Collects anchored pieces of text into one segment."""

    def __init__(self, where: Where) -> None:
        self.where, self.parts, self.anchors, self.pos = where, [], [], 0  # type: ignore[var-annotated]

    def add(self, text: str, where: Where) -> None:
        if not text:
            return
        self.anchors.append((self.pos, where))
        self.parts.append(text + "\n")
        self.pos += len(text) + 1

    def segment(self, hidden: bool = False) -> Segment:
        return Segment("".join(self.parts), self.where, self.anchors, hidden)


def _run_hidden(run: Any) -> str | None:
    font = run.font
    if font.hidden:
        return "docx-hidden-run"
    if font.size is not None and font.size.pt <= 1:
        return "tiny-font"
    color = font.color
    if (
        color is not None
        and color.type is not None
        and str(color.rgb) == _WHITE
        and font.highlight_color is None
    ):
        return "white-text"
    return None


def _docx_paragraph(
    p: Any, where: Where, body: _Joiner, hidden: _Joiner, signals: list[HiddenSignal]
) -> None:
    runs = p.runs
    kinds = [_run_hidden(r) for r in runs]
    if not any(kinds):
        body.add(p.text, where)
        return
    body.add("".join(r.text for r, k in zip(runs, kinds, strict=True) if not k), where)
    for r, k in zip(runs, kinds, strict=True):
        if k and r.text.strip():
            hidden.add(r.text, {**where, "kind": k})
            signals.append(HiddenSignal(k, dict(where), len(r.text)))


class DocxExtractor:
    name = "docx"
    suffixes = (".docx", ".docm", ".dotx")

    def prepare(self) -> None:
        """Import the parser now (before worker processes fork) rather than in every worker."""
        import docx  # noqa: F401

    def extract(self, data: bytes, name: str) -> Extracted:
        check_container(data, name)
        import docx

        try:
            doc = docx.Document(io.BytesIO(data))
        except Exception as exc:  # python-docx raises many types on malformed input
            raise ExtractError(CORRUPT, f"{name}: unreadable Word document ({type(exc).__name__})") from None
        out = Extracted(labels=msip_labels(data))
        body, hidden = _Joiner({"part": "body"}), _Joiner({"part": "hidden"})
        for i, p in enumerate(doc.paragraphs, 1):
            _docx_paragraph(p, {"paragraph": i}, body, hidden, out.hidden)
        for t, table in enumerate(doc.tables, 1):
            for r, row in enumerate(table.rows, 1):
                for c, cell in enumerate(row.cells, 1):
                    for p in cell.paragraphs:
                        _docx_paragraph(p, {"table": t, "row": r, "col": c}, body, hidden, out.hidden)
        for s, section in enumerate(doc.sections, 1):
            for part_name in ("header", "footer"):
                part = getattr(section, part_name)
                if part.is_linked_to_previous:
                    continue
                for p in part.paragraphs:
                    _docx_paragraph(p, {"part": part_name, "section": s}, body, hidden, out.hidden)
        out.segments.append(body.segment())
        if hidden.parts:
            out.segments.append(hidden.segment(hidden=True))
        core = doc.core_properties
        out.meta["author"] = core.author or core.last_modified_by or None
        return out


class XlsxExtractor:
    name = "xlsx"
    suffixes = (".xlsx", ".xlsm")

    def prepare(self) -> None:
        """Import the parser now (before worker processes fork) rather than in every worker."""
        import openpyxl  # noqa: F401

    def extract(self, data: bytes, name: str) -> Extracted:
        check_container(data, name)
        import openpyxl
        from openpyxl.utils import get_column_letter

        out = Extracted(labels=msip_labels(data))
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # openpyxl warns about unsupported extensions it skips
                wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
                for ws in wb.worksheets:
                    j = _Joiner({"sheet": ws.title})
                    for r, row in enumerate(ws.iter_rows(values_only=True), 1):
                        for c, value in enumerate(row, 1):
                            if value is not None and value != "":
                                j.add(str(value), {"cell": f"{get_column_letter(c)}{r}"})
                    is_hidden = ws.sheet_state != "visible"
                    if is_hidden:
                        out.hidden.append(HiddenSignal("hidden-sheet", {"sheet": ws.title}, j.pos))
                    out.segments.append(j.segment(hidden=is_hidden))
                out.meta["author"] = wb.properties.creator or wb.properties.lastModifiedBy or None
                wb.close()
        except Exception as exc:  # openpyxl raises many types on malformed input
            raise ExtractError(CORRUPT, f"{name}: unreadable Excel workbook ({type(exc).__name__})") from None
        return out


def _shape_texts(shapes: Any, where: Where, j: _Joiner) -> None:
    for shape in shapes:
        w = {**where, "shape": str(shape.name)[:64]}
        if getattr(shape, "shape_type", None) == 6:  # MSO_SHAPE_TYPE.GROUP
            _shape_texts(shape.shapes, where, j)
        if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
            j.add(shape.text_frame.text, w)
        if getattr(shape, "has_table", False) and shape.has_table:
            for r, row in enumerate(shape.table.rows, 1):
                for c, cell in enumerate(row.cells, 1):
                    j.add(cell.text, {**w, "row": r, "col": c})


class PptxExtractor:
    name = "pptx"
    suffixes = (".pptx", ".pptm")

    def prepare(self) -> None:
        """Import the parser now (before worker processes fork) rather than in every worker."""
        import pptx  # noqa: F401

    def extract(self, data: bytes, name: str) -> Extracted:
        check_container(data, name)
        import pptx

        try:
            prs = pptx.Presentation(io.BytesIO(data))
            out = Extracted(labels=msip_labels(data))
            for n, slide in enumerate(prs.slides, 1):
                is_hidden = slide._element.get("show") == "0"
                j = _Joiner({"slide": n})
                _shape_texts(slide.shapes, {}, j)
                if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
                    j.add(slide.notes_slide.notes_text_frame.text, {"part": "notes"})
                if is_hidden:
                    out.hidden.append(HiddenSignal("hidden-slide", {"slide": n}, j.pos))
                out.segments.append(j.segment(hidden=is_hidden))
            out.meta["author"] = prs.core_properties.author or None
        except ExtractError:
            raise
        except Exception as exc:  # python-pptx raises many types on malformed input
            raise ExtractError(
                CORRUPT, f"{name}: unreadable PowerPoint file ({type(exc).__name__})"
            ) from None
        return out
