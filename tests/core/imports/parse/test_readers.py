"""The .docx, .xlsx and .html readers: blocks, line numbers, merges, numbering, refusals."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from gongkai_desk.core.errors import ImportFormatError
from gongkai_desk.core.imports.parse import docx_reader, html_reader, parse_file, xlsx_reader
from gongkai_desk.core.imports.parse.blocks import Paragraph, Table
from gongkai_desk.core.imports.parse.docx_reader import chinese_counting, format_number
from gongkai_desk.core.imports.parse.xlsx_reader import cell_text
from tests.conftest import DATA

BAD = DATA / "bad"


def tables(blocks) -> list[Table]:
    return [b for b in blocks if isinstance(b, Table)]


def paragraphs(blocks) -> list[Paragraph]:
    return [b for b in blocks if isinstance(b, Paragraph)]


def row_starting(table: Table, column: int, prefix: str):
    return next(r for r in table.rows if r.cells[column].text.startswith(prefix))


def assert_refused(reader, path: Path, *words: str) -> None:
    """The reader raises ImportFormatError: one Chinese sentence naming the file and the problem."""
    with pytest.raises(ImportFormatError) as info:
        reader(path)
    message = str(info.value)
    assert f"“{path.name}”" in message
    assert re.search(r"[\u4e00-\u9fff]", message) and message.endswith("。")
    assert "\n" not in message and "Traceback" not in message
    for word in words:
        assert word in message


# ------------------------------------------------------------------------------ .docx


def test_seed000_docx_reads_cover_then_one_table_in_body_order():
    blocks = docx_reader.read_blocks(DATA / "seed000.docx")
    assert [type(b).__name__ for b in blocks] == ["Paragraph"] * 6 + ["Table"]
    assert [p.line for p in paragraphs(blocks)] == [1, 2, 3, 4, 5, 6]
    assert blocks[2].text == "常州市钟楼区人民政府办公室" and blocks[3].text == "2018年7月30日"
    assert blocks[5].text == "钟楼区2018年政务公开工作要点实施方案"
    table = blocks[6]
    assert table.line == 7
    assert [r.line for r in table.rows] == list(range(7, 7 + 35))  # a table row is one line
    assert table.rows[0].texts == ["目标", "任务", "主要内容", "牵头单位", "责任单位"]
    assert all(len(r.cells) == 5 for r in table.rows)
    assert len({r.cells[2].text for r in table.rows[1:]}) == 34


def test_seed000_docx_expands_vertical_merges_with_the_top_cell_text():
    table = tables(docx_reader.read_blocks(DATA / "seed000.docx"))[0]
    first, second = table.rows[1], table.rows[2]
    assert first.cells[0].text == "一、\n高质量推进政务发布解读回应工作"  # two paragraphs in the cell
    assert not first.cells[0].merged_from_above
    assert second.cells[0].text == first.cells[0].text and second.cells[0].merged_from_above
    assert second.cells[1].text == "(一)及时发布各项重大政策" and second.cells[1].merged_from_above
    assert second.cells[2].text.startswith("围绕区委") and not second.cells[2].merged_from_above
    goals = [r.cells[0].text for r in table.rows[1:] if not r.cells[0].merged_from_above]
    assert [g.split("\n")[0] for g in goals] == ["一、", "二、", "三、"]
    tasks = [r.cells[1].text for r in table.rows[1:] if not r.cells[1].merged_from_above]
    assert len(tasks) == 12 and tasks[-1] == "(十二)提升政府网站建设管理水平"


def test_seed000_docx_unit_cells_spanning_both_columns_and_merged_down():
    table = tables(docx_reader.read_blocks(DATA / "seed000.docx"))[0]
    lead_and_resp = row_starting(table, 2, "以公开为常态")
    assert lead_and_resp.texts[3:] == ["区政府办", "区各有关部门"]
    assert not any(c.merged_from_left or c.merged_from_above for c in lead_and_resp.cells[3:])
    lone = row_starting(table, 2, "结合政府机构改革")
    assert lone.texts[3:] == ["区编办", "区编办"]  # one cell over 牵头单位 and 责任单位
    assert not lone.cells[3].merged_from_left and lone.cells[4].merged_from_left
    below = row_starting(table, 2, "推进人大代表建议")
    assert below.texts[3:] == ["区编办", "区编办"]
    assert below.cells[3].merged_from_above and below.cells[4].merged_from_above
    assert below.cells[4].merged_from_left
    split = row_starting(table, 2, "联合政策制定业务部门")  # under separate lead/resp cells
    assert split.texts[3:] == ["区政府办", "区各有关部门"]
    assert split.cells[3].merged_from_above and not split.cells[4].merged_from_left
    last = table.rows[-1]
    assert last.texts[3] == "区政府办、法制办" and last.cells[3].merged_from_above


def test_seed000_numbered_docx_renders_word_list_numbers_into_cells():
    table = tables(docx_reader.read_blocks(DATA / "seed000_numbered.docx"))[0]
    goals = [r.cells[0].text for r in table.rows[1:] if not r.cells[0].merged_from_above]
    assert goals == ["一、高质量推进政务发布解读回应工作", "二、着力提升政务服务公开质量和实效",
                     "三、强化政务公开制度保障和平台支撑"]
    tasks = [r.cells[1].text for r in table.rows[1:] if not r.cells[1].merged_from_above]
    numbers = [t[: t.index("）") + 1] for t in tasks]
    # 任务 numbers are their own list: (五) follows (四) although 二、 came in between.
    assert numbers == [f"（{chinese_counting(n)}）" for n in range(1, 13)]
    assert tasks[0] == "（一）及时发布各项重大政策"


def test_seed003_docx_web_header_paragraphs_then_review_table():
    blocks = docx_reader.read_blocks(DATA / "seed003.docx")
    head = [b for b in blocks if b.line < blocks[-2].line]
    assert [type(b).__name__ for b in blocks] == ["Paragraph"] * 10 + ["Table", "Paragraph"]
    assert head[3].text == "发布机构: 西湖区政府办公室 生成日期: 2022-12-26"
    table = blocks[10]
    assert table.rows[0].texts == ["一级指标", "二级指标", "存在问题及建议", "责任单位", "完成期限", "落实情况"]
    assert len(table.rows) == 14 and table.line == 11 and table.rows[-1].line == 24
    level1 = [r.cells[0].text for r in table.rows[1:] if not r.cells[0].merged_from_above]
    assert level1 == ["持续深化重点领域政务公开", "持续加强重大行政决策全过程公开",
                      "持续完善政务公开标准建设", "持续建立健全公开制度完善"]
    row = row_starting(table, 1, "落实财政资金")
    assert row.cells[0].merged_from_above and row.texts[3:] == ["区财政局牵头落实", "持续推进", "阶段性完成"]
    assert blocks[-1].text == "手机扫码浏览" and blocks[-1].line == 25


def test_seed004_docx_is_clean_simplified_prose():
    blocks = docx_reader.read_blocks(DATA / "seed004.docx")
    assert not tables(blocks) and len(blocks) == 5 + 5 + 17 + 50
    assert [b.line for b in blocks] == list(range(1, len(blocks) + 1))
    texts = [b.text for b in blocks]
    assert texts[4] == "2022年荆门市政务公开重点工作任务分解"
    assert "（十七）认真抓好工作落实。" in texts and texts[-1].startswith("50.将重点工作任务落实情况纳入")
    joined = "".join(texts)
    assert "區" not in joined and "?" not in joined and not re.search(r"\([a-zàáǎā]+\)", joined)


def _numbered_doc(tmp_path: Path) -> Path:
    """A document numbered by Word: 一、 / （一） / 1. / （1）, a restarted list, a heading style."""
    doc = docx.Document()
    numbering = doc.part.numbering_part.element
    levels = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."),
              ("decimal", "（%4）"), ("ideographTraditional", "%5、")]
    lvls = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{f}"/>'
                   f'<w:lvlText w:val="{t}"/></w:lvl>' for i, (f, t) in enumerate(levels))
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="97">{lvls}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="97"><w:abstractNumId w:val="97"/></w:num>'))
    never = ('<w:lvl w:ilvl="0"><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
             '<w:lvl w:ilvl="1"><w:numFmt w:val="chineseCounting"/><w:lvlRestart w:val="0"/>'
             '<w:lvlText w:val="（%2）"/></w:lvl>')
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="96">{never}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="96"><w:abstractNumId w:val="96"/></w:num>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="98"><w:abstractNumId w:val="97"/>'
                               '<w:lvlOverride w:ilvl="2"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
    style = doc.styles["Heading 1"].element
    style.get_or_add_pPr().append(parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="97"/></w:numPr>'))

    def add(text: str, num_id: int | None, ilvl: int = 0, style_name: str | None = None):
        p = doc.add_paragraph(text, style=style_name)
        if num_id is not None:
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))

    add("总体要求", None, style_name="Heading 1")  # numbered through its style: 一、
    add("重点任务", 97, 0)
    add("加强公开", 97, 1)
    add("第一项", 97, 2)
    add("第二项", 97, 2)
    add("细项", 97, 3)
    add("第三项", 97, 2)
    add("甲项", 97, 4)
    add("深化解读", 97, 1)
    add("第四项", 97, 2)
    add("第五项", 97, 2)
    add("重新编号", 98, 2)
    add("接着编号", 98, 2)  # a list that restarts at 1 (startOverride)
    add("不编号", 0, 0)  # numId 0 switches numbering off
    add("第一部分", 96, 0)
    add("甲事", 96, 1)
    add("第二部分", 96, 0)
    add("乙事", 96, 1)  # w:lvlRestart 0: level 2 never restarts
    path = tmp_path / "numbered.docx"
    doc.save(path)
    return path


def test_docx_automatic_numbering_levels_counters_and_restarts(tmp_path):
    blocks = docx_reader.read_blocks(_numbered_doc(tmp_path))
    assert [(b.numbering, b.text) for b in blocks] == [
        ("一、", "总体要求"), ("二、", "重点任务"), ("（一）", "加强公开"), ("1.", "第一项"), ("2.", "第二项"),
        ("（1）", "细项"), ("3.", "第三项"), ("甲、", "甲项"), ("（二）", "深化解读"), ("1.", "第四项"),
        ("2.", "第五项"), ("1.", "重新编号"), ("2.", "接着编号"), (None, "不编号"),
        ("一、", "第一部分"), ("（一）", "甲事"), ("二、", "第二部分"), ("（二）", "乙事")]


def test_docx_paragraph_bold_only_when_every_run_is_bold(tmp_path):
    doc = docx.Document()
    doc.add_paragraph().add_run("全部加粗").bold = True
    mixed = doc.add_paragraph()
    mixed.add_run("部分加粗").bold = True
    mixed.add_run("，其余不加粗")
    doc.add_paragraph("")  # empty paragraphs are not blocks and take no line
    doc.add_paragraph("标题样式", style="Title")
    path = tmp_path / "bold.docx"
    doc.save(path)
    blocks = docx_reader.read_blocks(path)
    assert [(b.text, b.bold, b.line) for b in blocks][:2] == [("全部加粗", True, 1), ("部分加粗，其余不加粗", False, 2)]
    assert blocks[2].line == 3


def test_docx_several_tables_interleaved_with_paragraphs_and_a_nested_table(tmp_path):
    doc = docx.Document()
    doc.add_paragraph("一、总体要求")
    first = doc.add_table(rows=2, cols=2)
    first.cell(0, 0).text, first.cell(0, 1).text = "任务", "责任单位"
    first.cell(1, 0).text, first.cell(1, 1).text = "做好公开", "区政府办"
    doc.add_paragraph("二、重点任务")
    second = doc.add_table(rows=1, cols=3)
    second.cell(0, 0).text = "深化解读"
    inner = second.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "区财政局", "区审计局"
    doc.add_paragraph("三、保障措施")
    path = tmp_path / "two_tables.docx"
    doc.save(path)
    blocks = docx_reader.read_blocks(path)
    assert [(type(b).__name__, b.line) for b in blocks] == [
        ("Paragraph", 1), ("Table", 2), ("Paragraph", 4), ("Table", 5), ("Paragraph", 6)]
    assert [r.line for r in blocks[1].rows] == [2, 3]
    assert blocks[3].rows[0].texts == ["深化解读", "区财政局 区审计局", ""]


@pytest.mark.parametrize(("n", "fmt", "text"), [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (17, "chineseCounting", "十七"),
    (20, "chineseCountingThousand", "二十"), (35, "chineseCounting", "三十五"), (105, "chineseCounting", "一百零五"),
    (3, "ideographTraditional", "丙"), (12, "decimal", "12"), (3, "decimalEnclosedCircle", "③"),
    (2, "lowerLetter", "b"), (28, "upperLetter", "BB"), (7, "decimalZero", "07"),
])
def test_number_formats(n, fmt, text):
    assert format_number(n, fmt) == text


# ------------------------------------------------------------------------------ .xlsx


def test_seed003_xlsx_title_row_then_review_table_with_merged_level1():
    blocks = xlsx_reader.read_blocks(DATA / "seed003.xlsx")
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Table"]
    assert blocks[0].text == "西湖区2021年政务公开工作要点落实情况“回头看”情况" and blocks[0].line == 1
    table = blocks[1]
    assert table.line == 2 and [r.line for r in table.rows] == list(range(2, 16))  # sheet row numbers
    assert table.rows[0].texts[0] == "一级指标" and all(len(r.cells) == 6 for r in table.rows)
    assert table.rows[2].cells[0].text == "持续深化重点领域政务公开" and table.rows[2].cells[0].merged_from_above
    assert not table.rows[4].cells[0].merged_from_above  # the next 一级指标 starts
    assert table.rows[-1].texts[4:] == ["持续推进", "阶段性完成"]


def test_seed004_xlsx_two_sheets_titles_category_rows_and_merged_subsections():
    blocks = xlsx_reader.read_blocks(DATA / "seed004.xlsx")
    kinds = [(type(b).__name__, b.line) for b in blocks]
    assert kinds == [("Paragraph", 1), ("Paragraph", 1), ("Paragraph", 2), ("Table", 3),
                     ("Paragraph", 56), ("Table", 56)]
    assert [b.text for b in paragraphs(blocks)] == ["任务分解", "附件", "2022年荆门市政务公开重点工作任务分解",
                                                    "任务分解（续）"]
    first, second = tables(blocks)
    assert first.rows[0].texts == ["序号", "工作任务", "具体任务", "牵头单位", "责任单位"]
    category = first.rows[1]
    assert category.texts == ["一、以公开助力经济平稳健康发展"] * 5
    assert [c.merged_from_left for c in category.cells] == [False, True, True, True, True]
    task2 = first.rows[3]
    assert task2.texts[0] == "2"  # an integer cell, not "2.0"
    assert task2.cells[1].text == "（一）加强涉及市场主体的信息公开。" and task2.cells[1].merged_from_above
    assert [r.texts[0] for r in second.rows] == ["序号", "48", "49", "50"]
    assert [r.line for r in second.rows] == [56, 57, 58, 59]  # sheet 1 has 55 rows
    numbers = [r.texts[0] for t in (first, second) for r in t.rows if r.texts[0].isdigit()]
    assert numbers == [str(n) for n in range(1, 51)]


def test_xlsx_numbers_only_still_reads():
    blocks = xlsx_reader.read_blocks(BAD / "not_a_plan.xlsx")
    assert len(blocks) == 1 and len(blocks[0].rows) == 20
    assert blocks[0].rows[0].texts[:3] == ["1.5", "3", "4.5"]


def test_xlsx_skips_hidden_and_empty_sheets_and_single_sheet_has_no_name(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["序号", "任务"])
    wb.active.append([1, "做好公开"])
    hidden = wb.create_sheet("下拉选项")
    hidden.append(["未启动", "推进中"])
    hidden.sheet_state = "hidden"
    wb.create_sheet("空表")
    path = tmp_path / "one.xlsx"
    wb.save(path)
    blocks = xlsx_reader.read_blocks(path)
    assert len(blocks) == 1 and blocks[0].rows[1].texts == ["1", "做好公开"]


def test_xlsx_notes_below_the_table_become_paragraphs(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "任务", "牵头单位"])
    ws.append([1, "做好公开", "区政府办"])
    ws.append([])
    ws.append(["注：以下均需各街道落实。"])
    path = tmp_path / "notes.xlsx"
    wb.save(path)
    blocks = xlsx_reader.read_blocks(path)
    assert [(type(b).__name__, b.line) for b in blocks] == [("Table", 1), ("Paragraph", 4)]
    assert blocks[1].text == "注：以下均需各街道落实。"


def test_xlsx_stray_values_at_the_far_ends_of_the_sheet(tmp_path):
    """One value at A1048576 and one at XFD1: the table is read without laying out a million empty cells."""
    import tracemalloc

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2024年政务公开工作任务分解表"])
    ws.append(["序号", "工作任务", "牵头单位", "完成时限"])
    for k in range(1, 31):
        ws.append([k, f"做好第{k}项政务公开工作。", "区财政局", "年底前"])
    ws["A1048576"] = "x"
    ws["XFD1"] = "备注"
    path = tmp_path / "far.xlsx"
    wb.save(path)
    tracemalloc.start()
    try:
        blocks = xlsx_reader.read_blocks(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 100 * 1024 * 1024
    (table,) = tables(blocks)
    assert table.line == 2 and len(table.rows) == 31 and len(table.rows[0].cells) == 4
    assert table.rows[30].texts == ["30", "做好第30项政务公开工作。", "区财政局", "年底前"]
    assert [(p.text, p.line) for p in paragraphs(blocks)] == [
        ("2024年政务公开工作任务分解表", 1), ("备注", 1), ("x", 1048576)]  # kept, each on its own
    plan = parse_file(path)
    assert len(plan.tasks) == 30 and plan.tasks[-1].lead_units == ["区财政局"]


def test_xlsx_columns_a_few_apart_stay_one_table_far_apart_two(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "任务", None, None, None, "牵头单位"])  # a table with blank columns inside
    ws.append([1, "做好公开", None, None, None, "区政府办"])
    ws.cell(1, 40, "另一张表")
    ws.cell(2, 40, "说明")
    ws.cell(2, 41, "内容")
    path = tmp_path / "gaps.xlsx"
    wb.save(path)
    blocks = xlsx_reader.read_blocks(path)
    assert [len(t.rows[0].cells) for t in tables(blocks)] == [6, 2]
    assert paragraphs(blocks)[0].text == "另一张表"


@pytest.mark.parametrize(("value", "fmt", "text"), [
    (None, "General", ""), (1.0, "General", "1"), (2.5, "General", "2.5"), (7, "General", "7"),
    (0.85, "0%", "85%"), (dt.datetime(2022, 7, 15), "yyyy-mm-dd", "2022年7月15日"),
    (dt.date(2023, 12, 31), "General", "2023年12月31日"), ("  区财政局\r\n区审计局 ", "General", "区财政局\n区审计局"),
])
def test_xlsx_cell_text(value, fmt, text):
    assert cell_text(value, fmt) == text


# ------------------------------------------------------------------------------ .html

PAGE = """<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>页面标题</title><style>.x{color:red}</style><script>var 计数 = 1;</script></head>
<body><nav>首页 &gt; 政务公开</nav><div class="info">发布机构：西湖区政府办公室<br/>生成日期：2022-12-26</div>
<h2>西湖区2021年政务公开工作要点落实情况“回头看”情况</h2><div style="display:none">隐藏内容</div>
<table width="100%"><tr><td><table border="1"><caption>落实情况表</caption>
<tr><th>一级指标</th><th>二级指标</th><th>责任单位</th><th>落实情况</th></tr>
<tr><td rowspan="2">持续深化重点领域政务公开</td><td>落实市场监管领域信息公开</td>
    <td colspan="2">区市场监督管理局&nbsp;牵头</td></tr>
<tr><td><p>落实财政资金领域信息公开</p><p>第二段</p></td><td>区财政局</td><td>已完成</td></tr>
</table></td></tr></table>
<p>手机扫码浏览</p><ul><li>第一条<li>第二条</ul></body></html>"""


def test_html_blocks_tables_and_dropped_parts(tmp_path):
    path = tmp_path / "page.htm"
    path.write_bytes(PAGE.encode("gb18030"))
    blocks = html_reader.read_blocks(path)
    assert [(type(b).__name__, b.line) for b in blocks] == [
        ("Paragraph", 1), ("Paragraph", 2), ("Paragraph", 3), ("Paragraph", 4), ("Table", 5),
        ("Paragraph", 8), ("Paragraph", 9), ("Paragraph", 10)]
    assert [p.text for p in paragraphs(blocks)][:3] == [
        "发布机构：西湖区政府办公室", "生成日期：2022-12-26", "西湖区2021年政务公开工作要点落实情况“回头看”情况"]
    assert blocks[3].text == "落实情况表"  # the caption comes before its table
    table = blocks[4]  # the outer layout table is unwrapped; the data table keeps its grid
    assert [r.line for r in table.rows] == [5, 6, 7]
    one, two = table.rows[1], table.rows[2]
    assert one.texts == ["持续深化重点领域政务公开", "落实市场监管领域信息公开", "区市场监督管理局 牵头",
                         "区市场监督管理局 牵头"]
    assert one.cells[3].merged_from_left and not one.cells[2].merged_from_left
    assert two.cells[0].merged_from_above and two.cells[0].text == "持续深化重点领域政务公开"
    assert two.cells[1].text == "落实财政资金领域信息公开\n第二段"
    joined = " ".join(p.text for p in paragraphs(blocks))
    assert not any(w in joined for w in ("页面标题", "计数", "首页", "隐藏内容", "color"))


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030"])
def test_html_decoding_without_meta_charset(tmp_path, encoding):
    path = tmp_path / "page.html"
    path.write_bytes("<p>钟楼区2018年政务公开工作要点实施方案</p><p>区政府办</p>".encode(encoding))
    assert [b.text for b in html_reader.read_blocks(path)] == ["钟楼区2018年政务公开工作要点实施方案", "区政府办"]


def test_html_wrong_meta_charset_falls_back_to_detection(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes('<meta charset="utf-8"><p>荆门市人民政府办公室</p>'.encode("gb18030"))
    assert [b.text for b in html_reader.read_blocks(path)] == ["荆门市人民政府办公室"]


def test_html_thousands_of_unclosed_inline_tags(tmp_path):
    """Pages from some editors never close <span>/<font>: 5000 levels deep must still read."""
    head = "<html><body><div>2024年政务公开工作要点<br>一、加强公开<br>"
    lines = [f'<span style="font-size:16px">{k}. 推进第{k}项财政预决算公开。（牵头单位：区财政局）<br>\n'
             for k in range(1, 5001)]
    tail = ('<span style="display:none">隐藏内容</span><table><tr><th>序号</th><th>任务</th><th>牵头单位</th></tr>'
            "<tr><td>5001</td><td>表格中的任务</td><td>区政府办</td></tr></table></div></body></html>")
    path = tmp_path / "deep.html"
    path.write_text(head + "".join(lines) + tail, encoding="utf-8")
    blocks = html_reader.read_blocks(path)
    texts = [p.text for p in paragraphs(blocks)]
    assert len(texts) == 5002 and texts[-1] == "5000. 推进第5000项财政预决算公开。（牵头单位：区财政局）"
    assert "隐藏内容" not in texts
    assert tables(blocks)[0].rows[1].texts == ["5001", "表格中的任务", "区政府办"]
    plan = parse_file(path)
    assert len(plan.tasks) >= 5000 and plan.tasks[4998].text == "推进第4999项财政预决算公开。"
    assert plan.tasks[4998].lead_units == ["区财政局"]
