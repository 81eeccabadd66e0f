"""Layouts from the second blind test on real published documents (short excerpts of the public texts).

Each test is one failure class: the excerpt shows the shape, the assertions what a clerk reads in it.
"""

from __future__ import annotations

import pytest

from gongkai_desk.core.errors import ImportFormatError
from gongkai_desk.core.imports.parse import parse_text


# --- a table whose cells a web page lost: only its headings are left -----------------------------
# 集美区2021年政务公开工作主要任务分解表 (jimei.gov.cn), as the page copies: every cell empty but the 一、二、三、.
JIMEI = """2021年政务公开工作主要任务分解表
工作任务 |
工作要求 |
牵头单位 |
责任单位 |
一、紧扣“十四五”开好局起好步,进一步深化政务公开 |
|||
|
|||
|
|
二、紧扣宏观政策落地见效,进一步深化政务公开 |
|||
|
|
三、紧扣强基础抓基层,进一步深化政务公开 |
|||
|
"""


def test_a_table_of_headings_only_has_no_task_and_says_so():
    with pytest.raises(ImportFormatError) as e:
        parse_text(JIMEI)
    assert "表格" in str(e.value) and "没有任务内容" in str(e.value) and "第2行" in str(e.value)


def test_a_heading_alone_in_the_task_column_is_a_section_of_the_table():
    rows = "|\n推进“十四五”规划纲要公开。 |\n区发改局 |\n各有关单位 |\n"
    plan = parse_text(JIMEI.replace("|\n|\n三、", rows + "三、") + rows.replace("“十四五”规划纲要", "基层标准目录"))
    assert [t.text for t in plan.tasks] == ["推进“十四五”规划纲要公开。", "推进基层标准目录公开。"]
    assert plan.tasks[0].lead_units == ["区发改局"]
    assert [t.section[-1][:8] for t in plan.tasks] == ["紧扣宏观政策落地", "紧扣强基础抓基层"]
    assert [s.title[:8] for s in plan.sections] == ["紧扣“十四五”开", "紧扣宏观政策落地", "紧扣强基础抓基层"]
