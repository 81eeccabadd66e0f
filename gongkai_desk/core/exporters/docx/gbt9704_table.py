"""Fast python-docx tables for GB/T 9704 documents: rows built as XML, never ``table.cell(i, j)``.

``table.cell(i, j)`` rebuilds the cell grid on every call (500 rows × 8 columns take minutes);
``TableBuilder`` writes each row's XML as a string and parses rows in batches, so a 500-row
table costs about as much as saving it.

Example::

    tb = TableBuilder(document, proportional_widths([1, 4, 2], 24.3))
    tb.add_row(["序号", "任务", "单位"], HEADER, header=True)
    tb.add_merged_row("一、公开平台", SECTION)
    tb.add_row(["1", "……", "区政府办"], BODY)
    table = tb.finish()
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence, Union
from xml.sax.saxutils import escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.table import Table

from gongkai_desk.core.text_width import display_width

_TWIPS_PER_CM = 567
_CM_PER_PT = 2.54 / 72
# XML 1.0 forbids most control characters; pasted text sometimes carries them.
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class CellStyle:
    """How one kind of cell looks (header, section row, body text...)."""

    east_asia: str = "仿宋_GB2312"
    ascii: str = "Times New Roman"
    size_pt: float = 12
    bold: bool = False
    align: str = "left"  # left / center / right / both (justified)
    valign: str = "center"  # top / center / bottom
    fill: str | None = None  # background "RRGGBB"
    color: str | None = None  # text colour "RRGGBB"
    keep_next: bool = False  # keep the row on the page of the next one (section title rows)
    line_pt: float | None = None  # exact line pitch; None: single spacing


StyleArg = Union[CellStyle, Sequence[CellStyle]]


@lru_cache(maxsize=64)
def _run_props(style: CellStyle) -> str:
    size = int(round(style.size_pt * 2))
    bold = "<w:b/><w:bCs/>" if style.bold else ""
    color = f'<w:color w:val="{style.color}"/>' if style.color else ""
    return (
        f'<w:rPr><w:rFonts w:ascii="{style.ascii}" w:hAnsi="{style.ascii}" '
        f'w:eastAsia="{style.east_asia}" w:cs="{style.ascii}"/>{bold}{color}'
        f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
    )


@lru_cache(maxsize=64)
def _para_props(style: CellStyle) -> str:
    # Single spacing overrides the body's exact 28.95 pt pitch, which is far too tall in tables.
    keep = "<w:keepNext/>" if style.keep_next else ""
    line = (f'w:line="{int(round(style.line_pt * 20))}" w:lineRule="exact"' if style.line_pt
            else 'w:line="240" w:lineRule="auto"')
    return (
        f'<w:pPr>{keep}<w:widowControl w:val="0"/><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" '
        f'{line}/><w:ind w:left="0" w:right="0" w:firstLine="0"/>'
        f'<w:jc w:val="{style.align}"/></w:pPr>'
    )


@lru_cache(maxsize=64)
def _cell_props_tail(style: CellStyle) -> str:
    shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{style.fill}"/>' if style.fill else ""
    return f'{shd}<w:vAlign w:val="{style.valign}"/></w:tcPr>'


def _paragraphs_xml(text: str, style: CellStyle) -> str:
    ppr, rpr = _para_props(style), _run_props(style)
    lines = _BAD_XML.sub("", text).split("\n") if text else [""]
    out = []
    for line in lines:
        if line:
            out.append(f'<w:p>{ppr}<w:r>{rpr}<w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>')
        else:
            out.append(f"<w:p>{ppr}</w:p>")
    return "".join(out)


def proportional_widths(weights: Sequence[float], total_cm: float, min_cm: float = 1.2) -> list[float]:
    """Split ``total_cm`` across columns in proportion to ``weights``, each at least ``min_cm``."""
    n = len(weights)
    if n == 0:
        return []
    min_cm = min(min_cm, total_cm / n)
    widths = [0.0] * n
    free = list(range(n))
    remaining = total_cm
    # Columns whose share falls under the minimum get the minimum; the rest share what is left.
    while free:
        wsum = sum(max(weights[i], 0.001) for i in free)
        small = [i for i in free if remaining * max(weights[i], 0.001) / wsum < min_cm]
        if not small:
            for i in free:
                widths[i] = remaining * max(weights[i], 0.001) / wsum
            break
        for i in small:
            widths[i] = min_cm
            remaining -= min_cm
            free.remove(i)
    return widths


def estimate_lines(text: str, width_cm: float, size_pt: float, padding_cm: float = 0.3) -> int:
    """Return how many lines ``text`` wraps to in a cell ``width_cm`` wide."""
    per_line = max(1.0, (width_cm - padding_cm) / (size_pt * _CM_PER_PT))
    return sum(max(1, math.ceil(display_width(part) / per_line)) for part in (text or "").split("\n"))


def estimate_row_height_cm(texts: Sequence[str], widths_cm: Sequence[float], size_pt: float,
                           line_pt: float | None = None, padding_cm: float = 0.3) -> float:
    """Return the estimated height of a row of wrapped cells (single spacing, or ``line_pt``)."""
    lines = max((estimate_lines(t, w, size_pt, padding_cm) for t, w in zip(texts, widths_cm)), default=1)
    return lines * (line_pt or size_pt * 1.3) * _CM_PER_PT + 0.2


class TableBuilder:
    """Append a bordered, fixed-layout table to a document and fill it row by row as XML."""

    def __init__(
        self,
        document,
        widths_cm: Sequence[float],
        *,
        border_sz: int = 4,
        cell_margin_cm: tuple[float, float] = (0.05, 0.12),
        align: str = "center",
        batch: int = 256,
    ) -> None:
        """Create the table at the end of ``document``'s body.

        :param border_sz: border width in eighths of a point (4 = 0.5 pt single lines).
        :param cell_margin_cm: (top/bottom, left/right) inner cell margins.
        """
        self.widths_twips = [max(1, int(round(w * _TWIPS_PER_CM))) for w in widths_cm]
        self.widths_cm = list(widths_cm)
        total = sum(self.widths_twips)
        vm, hm = (int(round(m * _TWIPS_PER_CM)) for m in cell_margin_cm)
        border = f'w:val="single" w:sz="{border_sz}" w:space="0" w:color="000000"'
        borders = "".join(
            f"<w:{side} {border}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in self.widths_twips)
        tbl = parse_xml(
            f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/>'
            f'<w:jc w:val="{align}"/><w:tblBorders>{borders}</w:tblBorders>'
            '<w:tblLayout w:type="fixed"/><w:tblCellMar>'
            f'<w:top w:w="{vm}" w:type="dxa"/><w:left w:w="{hm}" w:type="dxa"/>'
            f'<w:bottom w:w="{vm}" w:type="dxa"/><w:right w:w="{hm}" w:type="dxa"/>'
            '</w:tblCellMar><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" '
            'w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid></w:tbl>"
        )
        document.element.body._insert_tbl(tbl)
        self._tbl = tbl
        self._table = Table(tbl, document._body)
        self._pending: list[str] = []
        self._batch = batch
        self._ns = nsdecls("w")

    @property
    def table(self) -> Table:
        """The python-docx table (rows appear once ``flush``/``finish`` ran)."""
        return self._table

    def add_row(
        self,
        texts: Sequence[str],
        styles: StyleArg,
        *,
        header: bool = False,
        cant_split: bool = True,
        spans: Sequence[int] | None = None,
        min_height_cm: float | None = None,
    ) -> None:
        """Queue one row; ``styles`` is one style for all cells or one per cell.

        :param header: repeat this row at the top of every page (w:tblHeader).
        :param cant_split: keep the row on one page (w:cantSplit); pass False for rows taller
            than a page, which Word would otherwise cut off at the page bottom.
        :param spans: grid columns each cell covers (w:gridSpan); defaults to one each.
        """
        spans = list(spans) if spans is not None else [1] * len(texts)
        if sum(spans) != len(self.widths_twips):
            raise ValueError("row spans do not cover the table grid")
        per_cell = [styles] * len(texts) if isinstance(styles, CellStyle) else list(styles)
        trpr = ""
        if cant_split:
            trpr += "<w:cantSplit/>"
        if min_height_cm:
            trpr += f'<w:trHeight w:val="{int(min_height_cm * _TWIPS_PER_CM)}" w:hRule="atLeast"/>'
        if header:
            trpr += "<w:tblHeader/>"
        parts = [f"<w:tr><w:trPr>{trpr}</w:trPr>" if trpr else "<w:tr>"]
        col = 0
        for text, style, span in zip(texts, per_cell, spans):
            width = sum(self.widths_twips[col:col + span])
            col += span
            grid_span = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
            parts.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid_span}'
                f"{_cell_props_tail(style)}{_paragraphs_xml(text, style)}</w:tc>"
            )
        parts.append("</w:tr>")
        self._pending.append("".join(parts))
        if len(self._pending) >= self._batch:
            self.flush()

    def add_merged_row(self, text: str, style: CellStyle, *, cant_split: bool = True) -> None:
        """Queue a row whose single cell spans the whole table (a section title row)."""
        self.add_row([text], style, spans=[len(self.widths_twips)], cant_split=cant_split)

    def flush(self) -> None:
        """Parse queued rows in one go and append them to the table."""
        if not self._pending:
            return
        holder = parse_xml(f"<w:tbl {self._ns}>{''.join(self._pending)}</w:tbl>")
        self._tbl.extend(list(holder))
        self._pending.clear()

    def finish(self) -> Table:
        """Flush queued rows and return the python-docx table.

        A table may not end a section or the document: Word adds a paragraph after it, and
        LibreOffice without one drops the section's page setup (a landscape table prints
        portrait). So a 1 pt empty paragraph follows a table that would otherwise end the body.
        """
        self.flush()
        nxt = self._tbl.getnext()
        if nxt is None or nxt.tag.endswith("}sectPr"):
            self._tbl.addnext(parse_xml(
                f'<w:p {self._ns}><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="20" '
                'w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>'
            ))
        return self._table
