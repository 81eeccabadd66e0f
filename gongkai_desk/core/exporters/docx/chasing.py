"""Write a 催办通知 to one unit (GB/T 9704 layout): its overdue and nearly due tasks in a table."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

from gongkai_desk.core.exporters.properties import DocumentProperties, apply_docx
from gongkai_desk.core.exporters.docx.overview import _signature, cn_date
from gongkai_desk.core.lights import FILLS
from gongkai_desk.core.reports.overview import ListItem

TABLE_PT = 12.0  # 小四


@dataclass(frozen=True)
class ChasingNotice:
    unit: str
    plan_title: str
    year: int
    date: _dt.date  # the figures' date
    reply_by: _dt.date  # 请于……前反馈
    items: tuple[ListItem, ...]
    office: str = ""
    contact: str = ""
    phone: str = ""


def write_chasing_docx(notice: ChasingNotice, path: str | Path) -> Path:
    from gongkai_desk.core.exporters.docx import gbt9704 as gb

    document = gb.new_document()
    width = gb.text_width_cm(document.sections[0])
    title = gb.add_title(document, "催办通知")
    title.paragraph_format.line_spacing = gb.Pt(36)
    document.add_paragraph()
    gb.add_plain_paragraph(document, f"{notice.unit}：")
    late = sum(1 for i in notice.items if i.light.color == "red")
    soon = len(notice.items) - late
    parts = [f"{late}项已逾期" if late else "", f"{soon}项即将到期" if soon else ""]
    gb.add_body_paragraph(
        document,
        f"根据《{notice.plan_title}》，截至{cn_date(notice.date)}，你单位承担的任务中有"
        f"{'、'.join(p for p in parts if p)}（见下表）。请抓紧推进落实，并于{cn_date(notice.reply_by)}前"
        f"将落实情况及佐证材料报送{notice.office or '我办'}。")
    header = gb.CellStyle(east_asia=gb.HEITI, size_pt=TABLE_PT, align="center")
    body = gb.CellStyle(size_pt=TABLE_PT, align="left")
    centre = gb.CellStyle(size_pt=TABLE_PT, align="center")
    lit = {c: gb.CellStyle(size_pt=TABLE_PT, align="center", fill=f) for c, f in FILLS.items()}
    tb = gb.TableBuilder(document, gb.proportional_widths([3, 18, 9, 7, 8], width - 0.1))
    tb.add_row(["序号", "任务", "完成时限", "完成状态", "提醒"], header, header=True)
    for i in notice.items:
        due = i.due.date.isoformat() if i.due.date else ""
        deadline = "\n".join(x for x in (i.deadline or "", f"（{due}）" if due and due != i.deadline else "") if x)
        tb.add_row([i.number or "", i.text, deadline, i.status.value, i.light.word],
                   [centre, body, centre, centre, lit[i.light.color]])
    tb.finish()
    contact = "，".join(x for x in (notice.contact and f"联系人：{notice.contact}", notice.phone and f"联系电话：{notice.phone}") if x)
    if contact:
        gb.add_body_paragraph(document, contact + "。")
    _signature(document, notice.office, notice.date)
    apply_docx(document, DocumentProperties.now(f"催办通知（{notice.unit}）", notice.office))
    path = Path(path)
    document.save(str(path))
    return path
