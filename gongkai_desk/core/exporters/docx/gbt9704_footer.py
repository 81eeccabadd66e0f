"""GB/T 9704-2012 page numbers for python-docx: "— n —" 四号宋体, odd pages right, even pages left.

Portrait pages (7.5): below the type area, the number's top 7 mm under it, one character in from
the outer side. Landscape table pages (8, 公文中的横排表格): the sheet is bound on its long edge
and turned to read the table, so the table's head lies on the binding side on odd pages and on
the cut side on even pages; in the landscape page's own terms that is always its top, and the
number stays on the sheet's foot, which is the landscape page's LEFT short edge. There it is
set in a text box rotated 90° (it reads as on every other page once the sheet is turned back):
odd pages at the lower end (居右空一字 of the bound sheet), even pages at the upper end.
``simple`` landscape footers (for offices that bind nothing) put it at the foot of the
landscape page as on a portrait one.
"""

from __future__ import annotations

import itertools

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.section import Section

from gongkai_desk.core.exporters.gbt9704_geometry import NUMBER_GAP_MM, PAGE_NUMBER_PT

SONGTI = "宋体"
EMU_PER_MM = 36000
_SHAPE_IDS = itertools.count(7001)  # wp:docPr ids: unique within any document we write
_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
)


def _rpr() -> str:
    size = int(PAGE_NUMBER_PT * 2)
    return (f'<w:rPr><w:rFonts w:ascii="{SONGTI}" w:hAnsi="{SONGTI}" w:eastAsia="{SONGTI}" '
            f'w:cs="{SONGTI}"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>')


def _number_runs() -> str:
    """"— " PAGE " —": a PAGE field between half-width spaces and em dashes."""
    rpr = _rpr()
    return (
        f'<w:r>{rpr}<w:t xml:space="preserve">— </w:t></w:r>'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
        f'<w:r>{rpr}<w:t>1</w:t></w:r>'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'
        f'<w:r>{rpr}<w:t xml:space="preserve"> —</w:t></w:r>'
    )


def _number_ppr(align: str) -> str:
    indent = int(PAGE_NUMBER_PT * 20)  # one 四号 character, in twips
    side = "right" if align == "right" else "left"
    return (f'<w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" '
            f'w:lineRule="auto"/><w:ind w:{side}="{indent}" w:firstLine="0"/><w:jc w:val="{align}"/>'
            f"</w:pPr>")


def page_number_paragraph_xml(align: str) -> str:
    """A footer paragraph "— PAGE —" one character in from ``align`` (right or left)."""
    return f'<w:p {nsdecls("w")}>{_number_ppr(align)}{_number_runs()}</w:p>'


def rotated_number_paragraph_xml(align: str, box_mm: tuple[float, float, float, float], shape_id: int) -> str:
    """A footer paragraph anchoring a text box (x, y, width, height in mm from the page's
    top-left corner) whose text is turned 90° clockwise; ``align`` right puts the number at
    the box's lower end, left at its upper end, one character in."""
    x, y, w, h = box_mm
    emu = [int(round(v * EMU_PER_MM)) for v in (x, y, w, h)]
    inner = f"<w:txbxContent><w:p>{_number_ppr(align)}{_number_runs()}</w:p></w:txbxContent>"
    drawing = (
        '<w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        f'relativeHeight="{251659264 + shape_id}" behindDoc="0" locked="1" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{emu[0]}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{emu[1]}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{emu[2]}" cy="{emu[3]}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{shape_id}" name="页码{shape_id}"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{emu[2]}" cy="{emu[3]}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
        f"<wps:txbx>{inner}</wps:txbx>"
        '<wps:bodyPr rot="0" vert="vert" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="t" '
        'anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>'
    )
    vml = (
        '<w:pict><v:rect style="position:absolute;'
        f"margin-left:{x:.2f}mm;margin-top:{y:.2f}mm;width:{w:.2f}mm;height:{h:.2f}mm;"
        f'z-index:{251659264 + shape_id};mso-position-horizontal-relative:page;'
        'mso-position-vertical-relative:page" filled="f" stroked="f">'
        f'<v:textbox style="layout-flow:vertical" inset="0,0,0,0">{inner}</v:textbox></v:rect></w:pict>'
    )
    return (
        f'<w:p {_NS}><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" '
        'w:line="20" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr>'
        f'<w:r><w:rPr><w:sz w:val="2"/></w:rPr><mc:AlternateContent><mc:Choice Requires="wps">{drawing}'
        f"</mc:Choice><mc:Fallback>{vml}</mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )


def _mm(length) -> float:
    return int(length) / EMU_PER_MM


def rotated_number_boxes(section: Section) -> dict[str, tuple[float, float, float, float]]:
    """The text boxes (mm) of a landscape section's odd and even page numbers, on its left edge.

    The box runs along the type area's height; its right edge (where the turned number's top
    lies) is 7 mm left of the type area, as the number's top is 7 mm below it on a portrait page.
    """
    left, top = _mm(section.left_margin), _mm(section.top_margin)
    height = _mm(section.page_height) - top - _mm(section.bottom_margin)
    width = 8.0
    box = (left - NUMBER_GAP_MM - width, top, width, height)
    return {"odd": box, "even": box}


def add_page_number_footers(section: Section, *, rotated: bool = False) -> None:
    """Put "— n —" page numbers in ``section``'s odd and even footers (needs odd/even footers on).

    ``rotated``: the landscape table page of a bound document (see the module docstring).
    Later sections link to these footers (python-docx default) unless given their own.
    """
    boxes = rotated_number_boxes(section) if rotated else None
    for footer, align, kind in ((section.footer, "right", "odd"), (section.even_page_footer, "left", "even")):
        footer.is_linked_to_previous = False
        ftr = footer._element
        for p in list(ftr):
            ftr.remove(p)
        if boxes:
            ftr.append(parse_xml(rotated_number_paragraph_xml(align, boxes[kind], next(_SHAPE_IDS))))
        else:
            ftr.append(parse_xml(page_number_paragraph_xml(align)))


def restart_page_numbers(section: Section, start: int = 1) -> None:
    """Make ``section``'s page numbers start again at ``start`` (w:pgNumType)."""
    sect_pr = section._sectPr
    for old in sect_pr.findall(f'{{{sect_pr.nsmap.get("w", "")}}}pgNumType'):
        sect_pr.remove(old)
    el = parse_xml(f'<w:pgNumType {nsdecls("w")} w:start="{start}"/>')
    sect_pr.insert_element_before(
        el, "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection",
        "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")
