"""Write an Overview as an Excel workbook with native charts (openpyxl.chart), printable:

- 总览: the totals, the rule, completion by unit and by section (tables + bar charts);
- 逾期与临近期限: the two lists;
- 通报排名: units ranked (units only, never people);
- 完成进度: completion week by week (table + line chart).

Light cells carry their word ("红 · 逾期") and the light's fill, the same colours as everywhere.
"""

from __future__ import annotations

import math
from pathlib import Path

from gongkai_desk.core.exporters import limits
from gongkai_desk.core.exporters.properties import DocumentProperties, save_xlsx
from gongkai_desk.core.exporters.xlsx.page import a4_page
from gongkai_desk.core.lights import FILLS, STRONG
from gongkai_desk.core.reports.overview import ListItem, Overview


FONT = "宋体"
HEADER_FONT = "黑体"
FOOTER = "第 &P 页 共 &N 页"


def _styles():
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    return {
        "title": (Font(name=FONT, size=16, bold=True), Alignment(horizontal="center", vertical="center"), None, None),
        "note": (Font(name=FONT, size=11), Alignment(horizontal="left", vertical="center", wrap_text=True), None, None),
        "header": (Font(name=HEADER_FONT, size=11, bold=True), Alignment(horizontal="center", vertical="center", wrap_text=True),
                   box, PatternFill("solid", fgColor="D9D9D9")),
        "body": (Font(name=FONT, size=11), Alignment(horizontal="left", vertical="center", wrap_text=True), box, None),
        "center": (Font(name=FONT, size=11), Alignment(horizontal="center", vertical="center", wrap_text=True), box, None),
    }


def _put(ws, row: int, col: int, value, style, fill: str | None = None, number_format: str | None = None):
    from openpyxl.styles import PatternFill

    cell = ws.cell(row=row, column=col, value=limits.xlsx_value(value))
    limits.guard_text_cell(cell)  # a task "=…" or "-…" stays text, with Excel's leading '
    font, align, border, background = style
    cell.font, cell.alignment = font, align
    if border is not None:
        cell.border = border
    if fill:
        cell.fill = PatternFill("solid", fgColor=fill)
    elif background is not None:
        cell.fill = background
    if number_format:
        cell.number_format = number_format
    return cell


def _title(ws, st, text: str, ncols: int, row: int = 1) -> None:
    from openpyxl.utils import get_column_letter

    _put(ws, row, 1, text, st["title"])
    ws.merge_cells(f"A{row}:{get_column_letter(ncols)}{row}")
    ws.row_dimensions[row].height = 30


def _note(ws, st, row: int, text: str, ncols: int) -> None:
    from openpyxl.utils import get_column_letter

    _put(ws, row, 1, text, st["note"])
    ws.merge_cells(f"A{row}:{get_column_letter(ncols)}{row}")
    ws.row_dimensions[row].height = 32


def _table(ws, st, row: int, headers: list[str], rows: list[list], *, percent: set[int] = frozenset(),
           lights: dict[int, list[str]] | None = None, centred: set[int] = frozenset()) -> int:
    """Write a bordered table at ``row``; return the last row written."""
    for j, h in enumerate(headers, start=1):
        _put(ws, row, j, h, st["header"])
    for i, values in enumerate(rows, start=1):
        for j, v in enumerate(values, start=1):
            fill = lights[j][i - 1] if lights and j in lights else None
            style = st["center"] if (j in centred or j in percent or isinstance(v, int)) else st["body"]
            _put(ws, row + i, j, v, style, fill, "0.0%" if j in percent else None)
    return row + len(rows)


# Landscape A4 is 21 cm high; openpyxl's default margins (1 in top and bottom) leave 15.9 cm: a chart
# no taller than this, starting on a fresh page, never straddles a page break.
PAGE_CM = 15.0
BAR_CM, CHART_EXTRA_CM, ROW_CM = 0.85, 3.0, 0.53
BARS_PER_CHART = int((PAGE_CM - CHART_EXTRA_CM) / BAR_CM)


def _bar_chart(title: str, ws, first_row: int, last_row: int, label_col: int, value_col: int, anchor: str,
               colors: list[str]):
    from openpyxl.chart import BarChart, Reference
    from openpyxl.chart.label import DataLabelList
    from openpyxl.chart.marker import DataPoint

    chart = BarChart()
    chart.type = "bar"  # horizontal bars: long unit names stay readable
    chart.style = 10
    chart.title = title
    chart.y_axis.title = "完成率"
    chart.y_axis.number_format = "0%"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    chart.x_axis.scaling.orientation = "maxMin"  # first row on top, as in the table
    chart.legend = None
    data = Reference(ws, min_col=value_col, min_row=first_row - 1, max_row=last_row)
    cats = Reference(ws, min_col=label_col, min_row=first_row, max_row=last_row)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    series = chart.series[0]
    series.graphicalProperties.solidFill = STRONG["green"]
    for i, color in enumerate(colors):  # each bar in its light's colour, as in the window and the Word 通报
        point = DataPoint(idx=i)
        point.graphicalProperties.solidFill = STRONG[color]
        point.graphicalProperties.line.solidFill = STRONG[color]
        series.dPt.append(point)
    chart.dataLabels = DataLabelList()
    chart.dataLabels.showVal = True
    for name in ("showCatName", "showSerName", "showLegendKey", "showPercent"):
        setattr(chart.dataLabels, name, False)
    chart.dataLabels.numFmt = "0%"
    chart.width = 24
    chart.height = max(6.0, BAR_CM * (last_row - first_row + 1) + CHART_EXTRA_CM)
    chart.x_axis.tickLblSkip = 1  # every unit's name, not every other one
    ws.add_chart(chart, anchor)
    return chart


def _chunks(n: int, most: int) -> list[tuple[int, int]]:
    """[start, stop) ranges splitting n bars into as few, as even, charts of at most ``most`` bars."""
    if n <= 0:
        return []
    k = math.ceil(n / most)
    bounds = [round(i * n / k) for i in range(k + 1)]
    return list(zip(bounds, bounds[1:]))


def _page(ws, header_row: int, last_row: int, last_col: str, *, landscape: bool = True) -> None:
    ws.freeze_panes = f"A{header_row + 1}"
    a4_page(ws, f"A1:{last_col}{max(last_row, header_row)}", orientation="landscape" if landscape else "portrait",
            title_rows=f"{header_row}:{header_row}")
    ws.oddFooter.center.text = FOOTER


def _widths(ws, widths: list[float]) -> None:
    from openpyxl.utils import get_column_letter

    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w


def summary_sentence(ov: Overview) -> str:
    return (f"截至{ov.date.year}年{ov.date.month}月{ov.date.day}日，共{ov.tasks}项任务、{ov.entries}项单位任务，"
            f"已完成{ov.done}项（{ov.completion:.1%}），逾期{ov.overdue}项，"
            f"{ov.rule.due_soon_days}个工作日内到期{ov.due_soon}项。")


def write_overview_xlsx(ov: Overview, path: str | Path, *, office: str = "") -> Path:
    from openpyxl import Workbook
    from openpyxl.worksheet.pagebreak import Break

    wb = Workbook()
    st = _styles()
    ws = wb.active
    ws.title = "总览"
    headers = ["单位", "任务数", "已完成", "完成率", "逾期", "临近期限", "提醒", "催办次数"]
    _widths(ws, [24, 9, 9, 10, 8, 10, 22, 10])
    _title(ws, st, f"{ov.title}落实情况总览", len(headers))
    _note(ws, st, 2, summary_sentence(ov) + (f"（{ov.banner}，相关期限待复核。）" if ov.banner else ""), len(headers))
    _note(ws, st, 3, f"提醒规则：{ov.rule.text()}", len(headers))
    header_row = 5
    unit_rows = [[u.unit, u.tasks, u.done, u.completion, u.overdue, u.due_soon, u.light.word, u.chased] for u in ov.units]
    last = _table(ws, st, header_row, headers, unit_rows, percent={4},
                  lights={7: [FILLS[u.light.color] for u in ov.units]}, centred={7})
    sec_header = last + 3
    sec_rows = [[s.section, s.tasks, s.done, s.completion, s.overdue, s.due_soon, s.entries, s.entries_done]
                for s in ov.sections]
    sec_last = _table(ws, st, sec_header, ["工作部分", "任务数", "已完成", "完成率", "逾期", "临近期限", "单位任务", "单位已完成"],
                      sec_rows, percent={4})
    # The charts go below the tables, inside the print area, so they print with them: each starts a
    # printed page and is at most a page high (a long unit list is drawn as several charts).
    chart_row = sec_last + 2
    for title, first, colors in (("各单位完成率", header_row + 1, [u.light.color for u in ov.units]),
                                 ("各部分完成率（按任务）", sec_header + 1, [s.color for s in ov.sections])):
        for k, (start, stop) in enumerate(chunks := _chunks(len(colors), BARS_PER_CHART), start=1):
            ws.row_breaks.append(Break(id=chart_row - 1))
            name = f"{title}（{k}/{len(chunks)}）" if len(chunks) > 1 else title
            chart = _bar_chart(name, ws, first + start, first + stop - 1, 1, 4, f"A{chart_row}", colors[start:stop])
            chart_row += math.ceil(chart.height / ROW_CM) + 2
    _page(ws, header_row, chart_row, "H")

    lists = wb.create_sheet("逾期与临近期限")
    headers = ["类别", "序号", "任务内容", "单位", "完成时限", "截止日期", "剩余工作日", "完成状态", "提醒"]
    _widths(lists, [10, 7, 50, 20, 14, 12, 11, 12, 22])
    _title(lists, st, "逾期与临近期限的任务", len(headers))
    _note(lists, st, 2, f"统计日期：{ov.date.isoformat()}。{ov.rule.text()}", len(headers))

    def row(kind: str, i: ListItem) -> list:
        due = i.due.date.isoformat() + ("（待复核）" if i.due.review else "") if i.due.date else ""
        return [kind, i.number or "", i.text, i.unit, i.deadline or "", due, i.due.left if i.due.left is not None else "",
                i.status.value, i.light.word]

    items = [row("逾期", i) for i in ov.overdue_list] + [row("临近期限", i) for i in ov.due_soon_list]
    fills = [FILLS[i.light.color] for i in ov.overdue_list + ov.due_soon_list]
    last = _table(lists, st, 4, headers, items, lights={9: fills, 1: fills}, centred={1, 2, 5, 6, 8})
    _page(lists, 4, last, "I")

    rank = wb.create_sheet("通报排名")
    headers = ["名次", "单位", "完成率", "已完成", "任务数", "逾期", "催办次数"]
    _widths(rank, [7, 26, 10, 9, 9, 8, 10])
    _title(rank, st, "各单位落实情况排名", len(headers))
    _note(rank, st, 2, f"按完成率排序，完成率相同的逾期少者在前（统计日期：{ov.date.isoformat()}）。", len(headers))
    ranked = ov.ranking()
    last = _table(rank, st, 4, headers, [[n, u.unit, u.completion, u.done, u.tasks, u.overdue, u.chased]
                                         for n, u in enumerate(ranked, start=1)], percent={3})
    _page(rank, 4, last, "G", landscape=False)

    weekly = wb.create_sheet("完成进度")
    _widths(weekly, [14, 12, 12, 10])
    _title(weekly, st, "完成进度（按周）", 4)
    last = _table(weekly, st, 3, ["截至", "已完成", "单位任务", "完成率"],
                  [[p.date.isoformat(), p.done, p.entries, p.completion] for p in ov.weekly], percent={4}, centred={1})
    if ov.weekly:
        from openpyxl.chart import LineChart, Reference

        chart = LineChart()
        chart.title = "完成率变化"
        chart.y_axis.number_format = "0%"
        chart.y_axis.scaling.min = 0
        chart.y_axis.scaling.max = 1
        chart.legend = None
        chart.add_data(Reference(weekly, min_col=4, min_row=3, max_row=last), titles_from_data=True)
        chart.set_categories(Reference(weekly, min_col=1, min_row=4, max_row=last))
        chart.series[0].graphicalProperties.line.solidFill = STRONG["green"]
        chart.width, chart.height = 18, 8
        weekly.add_chart(chart, "F3")
    _page(weekly, 3, last, "D", landscape=False)

    return save_xlsx(wb, Path(path), DocumentProperties.now(f"{ov.title}落实情况总览", office))
