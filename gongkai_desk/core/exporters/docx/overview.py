"""Write an Overview as a 落实情况通报 (GB/T 9704 layout): the totals, chart images, a table per
section, the units ranked (units only, never people), and what is asked of the units."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

from gongkai_desk.core.exporters.properties import DocumentProperties, apply_docx
from gongkai_desk.core.lights import FILLS
from gongkai_desk.core.reports.overview import Overview

TABLE_PT = 10.5  # 五号
ChartPng = Callable[[str, Overview, int, int], bytes]  # (kind "units"|"sections"|"weekly", overview, w, h) → PNG


def cn_date(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _signature(document, office: str, date) -> None:
    from gongkai_desk.core.exporters.docx import gbt9704 as gb

    document.add_paragraph()
    for text in (office, cn_date(date)):
        p = gb.add_plain_paragraph(document, text, align="right")
        p.paragraph_format.right_indent = gb.Pt(4 * gb.SIZE_PT["三号"])


def _heading(document, text: str, level: int):
    from gongkai_desk.core.exporters.docx import gbt9704 as gb

    p = gb.add_heading(document, text, level)
    p.paragraph_format.keep_with_next = True  # never alone at the foot of a page
    return p


def _picture(document, png: bytes, width_cm: float, size: tuple[int, int], max_height_cm: float = 10.5) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    p = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Pt(0)
    p.paragraph_format.line_spacing = 1.0  # the body's exact pitch would clip the picture
    p.paragraph_format.keep_with_next = True  # with its caption
    w, h = size
    p.add_run().add_picture(io.BytesIO(png), width=Cm(min(width_cm, max_height_cm * w / h)))


def write_overview_docx(ov: Overview, path: str | Path, *, office: str = "", chart_png: ChartPng | None = None) -> Path:
    from gongkai_desk.core.exporters.docx import gbt9704 as gb

    document = gb.new_document()
    section = document.sections[0]
    width = gb.text_width_cm(section)
    title = gb.add_title(document, f"{ov.year}年政务公开工作要点落实情况通报")
    title.paragraph_format.line_spacing = gb.Pt(36)
    document.add_paragraph()
    gb.add_plain_paragraph(document, "各有关单位：")
    gb.add_body_paragraph(
        document,
        f"为推动《{ov.title}》各项任务落实，现将截至{cn_date(ov.date)}的落实情况通报如下。")
    _heading(document, "一、总体情况", 1)
    gb.add_body_paragraph(
        document,
        f"计划共{ov.tasks}项任务，分解为{ov.entries}项单位任务。已完成{ov.done}项，完成率{ov.completion:.1%}；"
        f"全部单位均已完成的任务{ov.tasks_done}项。逾期未完成{ov.overdue}项，"
        f"{ov.rule.due_soon_days}个工作日内到期{ov.due_soon}项。")
    if ov.banner:
        gb.add_body_paragraph(document, f"{ov.banner}，涉及的{ov.review}项任务期限待复核。")
    if chart_png is not None and ov.units:
        size = (1600, max(500, 52 * len(ov.units) + 120))
        _picture(document, chart_png("units", ov, *size), width, size)
        gb.add_plain_paragraph(document, "图1　各单位完成率", size_pt=gb.SIZE_PT["小四"], align="center")
    _heading(document, "二、各部分落实情况", 1)
    if chart_png is not None and ov.sections:
        size = (1600, max(360, 70 * len(ov.sections) + 140))
        _picture(document, chart_png("sections", ov, *size), width, size)
        gb.add_plain_paragraph(document, "图2　各部分完成率", size_pt=gb.SIZE_PT["小四"], align="center")
    widths = gb.proportional_widths([3, 20, 10, 8, 7, 8], width - 0.1)
    header = gb.CellStyle(east_asia=gb.HEITI, size_pt=TABLE_PT, align="center")
    body = gb.CellStyle(size_pt=TABLE_PT, align="left")
    centre = gb.CellStyle(size_pt=TABLE_PT, align="center")
    lit = {c: gb.CellStyle(size_pt=TABLE_PT, align="center", fill=f) for c, f in FILLS.items()}
    by_section: dict = {}
    for t in ov.task_rows:
        by_section.setdefault(t.section_id, []).append(t)
    for n, s in enumerate(ov.sections, start=1):
        _heading(document, f"（{_cn(n)}）{_bare(s.section)}", 2)
        gb.add_body_paragraph(document, f"共{s.tasks}项任务，已完成{s.done}项，逾期{s.overdue}项，临近期限{s.due_soon}项。")
        tb = gb.TableBuilder(document, widths)
        tb.add_row(["序号", "任务", "责任单位", "完成时限", "完成状态", "提醒"], header, header=True)
        for t in by_section.get(s.section_id, []):
            status = t.status.value + ("（逾期）" if t.light.color == "red" else "")
            tb.add_row([t.number or "", t.text, t.units, t.deadline or "", status, t.light.word],
                       [centre, body, body, centre, centre, lit[t.light.color]])
        tb.finish()
    _heading(document, "三、各单位落实情况排名", 1)
    gb.add_body_paragraph(document, "按单位任务完成率排序，完成率相同的逾期少者在前。")
    tb = gb.TableBuilder(document, gb.proportional_widths([3, 14, 5, 5, 5, 5], width - 0.1))
    tb.add_row(["名次", "单位", "任务数", "已完成", "完成率", "逾期"], header, header=True)
    for rank, u in enumerate(ov.ranking(), start=1):
        tb.add_row([str(rank), u.unit, str(u.tasks), str(u.done), f"{u.completion:.1%}", str(u.overdue)],
                   [centre, body, centre, centre, centre, lit["red"] if u.overdue else centre])
    tb.finish()
    _heading(document, "四、下步要求", 1)
    gb.add_body_paragraph(
        document,
        "请各单位对照本通报，对逾期任务说明原因、明确完成时间，对临近期限的任务加快推进，"
        "确保按期完成；已完成的任务请及时报送佐证材料。")
    gb.add_body_paragraph(document, f"提醒规则：{ov.rule.text()}")
    _signature(document, office, ov.date)
    apply_docx(document, DocumentProperties.now(f"{ov.year}年政务公开工作要点落实情况通报", office))
    path = Path(path)
    document.save(str(path))
    return path


def _bare(title: str) -> str:
    """A section title without its own "一、" (the 通报 numbers it again as （一）)."""
    return re.sub(r"^[一二三四五六七八九十]+、\s*", "", title)


def _cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")
