"""Export a plan's overview (.xlsx with native charts, or .docx 落实情况通报) and 催办通知 per unit.

Chart pictures for Word are painted by the caller that may use Qt (``chart_png``), like the
review table's PDF writer: the core never imports Qt.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

from gongkai_desk.core.errors import ValidationError
from gongkai_desk.core.files import ensure_folder, write_atomic
from gongkai_desk.core.reports.overview import Overview, build_overview

_BAD_NAME = re.compile(r'[\\/:*?"<>|\s]+')


def export_overview(ws, plan_id: int, out_path: str | Path, on: _dt.date | None = None, *, chart_png=None,
                    overview: Overview | None = None, prepare=None) -> Path:
    """Write the overview of ``plan_id`` on ``on`` to ``out_path`` (.xlsx or .docx).

    ``prepare(overview)`` returns the overview to write (the publication check may mask it, or
    cancel by raising), as for the review table."""
    out = Path(out_path)
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".docx"):
        raise ValidationError(f"不支持的导出格式“{suffix or '（无扩展名）'}”，请将文件名改为以 .xlsx 或 .docx 结尾。")
    ov = overview or build_overview(ws, plan_id, on)
    if prepare is not None:
        ov = prepare(ov)
    if suffix == ".xlsx":
        from gongkai_desk.core.exporters.xlsx.overview import write_overview_xlsx

        office = ws.settings.office().name
        return write_atomic(out, lambda tmp: write_overview_xlsx(ov, tmp, office=office))
    from gongkai_desk.core.exporters.docx.overview import write_overview_docx

    office = ws.settings.office().name
    return write_atomic(out, lambda tmp: write_overview_docx(ov, tmp, office=office, chart_png=chart_png))


def skipped_groups(ov: Overview) -> list[str]:
    """Groups (区各有关部门, 各街道办事处…) with overdue or nearly due tasks: they get no 催办通知 of
    their own, as they get no feedback workbook; the clerk expands them into member units first."""
    groups = {u.unit_id for u in ov.units if u.is_group}
    return list(dict.fromkeys(i.unit for i in ov.overdue_list + ov.due_soon_list if i.unit_id in groups))


def no_notices_reason(ov: Overview) -> str:
    """Why no unit gets a 催办通知: nothing late, only groups, or late tasks nobody is assigned to."""
    late = ov.overdue_list + ov.due_soon_list
    if not late:
        return "这个计划目前没有逾期或临近期限的任务，无需催办。"
    if groups := skipped_groups(ov):
        return (f"逾期或临近期限的任务只落在单位组（{'、'.join(groups)}）上，单位组没有单独的催办通知；"
                "请先在任务中把它展开为成员单位。")
    return (f"逾期或临近期限的{len({i.task_id for i in late})}项任务还没有指定责任单位，无法催办；"
            "请先在“计划”页为这些任务添加单位。")


def chasing_notices(ws, plan_id: int, on: _dt.date | None = None, *, units: list[str] | None = None,
                    overview: Overview | None = None, reply_days: int = 5):
    """One ChasingNotice per unit with overdue or nearly due tasks (or per unit named); groups are
    skipped (``skipped_groups``), and naming one is refused."""
    from gongkai_desk.core.exporters.docx.chasing import ChasingNotice

    ov = overview or build_overview(ws, plan_id, on, weekly=False)
    groups = {u.unit_id for u in ov.units if u.is_group}
    by_unit: dict[str, list] = {}
    for item in ov.overdue_list + ov.due_soon_list:
        if item.unit_id is not None and item.unit_id not in groups:
            by_unit.setdefault(item.unit, []).append(item)
    if units:
        named_groups = [u.unit for u in ov.units if u.is_group and u.unit in units]
        if named_groups:
            raise ValidationError(f"“{'、'.join(named_groups)}”是单位组，不能单独催办；请先在任务中把它展开为成员单位。")
        unknown = [u for u in units if u not in by_unit]
        if unknown:
            raise ValidationError(f"单位“{'、'.join(unknown)}”在这个计划中没有逾期或临近期限的任务，无需催办。")
        by_unit = {u: by_unit[u] for u in units}
    office = ws.settings.office()
    reply_by = ws.calendar.work_calendar().add_working_days(ov.date, reply_days)
    return [ChasingNotice(unit, ov.title, ov.year, ov.date, reply_by, tuple(items), office.name, office.contact,
                          office.phone) for unit, items in by_unit.items()]


def chasing_file_name(unit: str, on: _dt.date) -> str:
    return f"催办通知_{_BAD_NAME.sub('_', unit)}_{on.strftime('%Y%m%d')}.docx"


def export_chasing_notices(ws, plan_id: int, out_dir: str | Path, on: _dt.date | None = None, *,
                           units: list[str] | None = None, overview: Overview | None = None) -> list[Path]:
    """Write one 催办通知 .docx per unit (groups skipped) into ``out_dir``; return the files written."""
    from gongkai_desk.core.exporters.docx.chasing import write_chasing_docx

    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise ValidationError(f"“{folder}”是一个文件，请指定一个文件夹。")
    ensure_folder(folder)
    ov = overview or build_overview(ws, plan_id, on, weekly=False)
    notices = chasing_notices(ws, plan_id, on, units=units, overview=ov)
    if not notices:
        raise ValidationError(no_notices_reason(ov))
    return [write_atomic(folder / chasing_file_name(n.unit, n.date), lambda tmp, n=n: write_chasing_docx(n, tmp))
            for n in notices]
