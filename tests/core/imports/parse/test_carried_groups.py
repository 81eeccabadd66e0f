"""A table pasted off a web page as separated text whose merged group cells arrive only on the first
row of their group: the group levels are found from the rows (read from the right), as the Word
table of the same plan has them, for any number of levels."""

from __future__ import annotations

from gongkai_desk.core.imports.parse import parse_file, parse_text
from tests.conftest import DATA

TWO_LEVELS = (
    "某区2023年政务公开工作要点任务分解表\n"
    "主要工作任务 | 任务内容 | 完成时限 | 责任单位 |\n"
    "一、推进决策公开 | (一)做好决策预公开 | 1.落实重大行政决策事项目录编制和公开工作,按要求公开决策草案。 | 全年 | 区司法局、区政府办 |\n"
    "2.广泛听取公众意见,及时反馈意见采纳情况。 | 6月底前 | 区政府办 |\n"
    "(二)做好决策解读 | 3.对以区政府名义出台的政策文件进行全面解读。 | 全年 | 区政府办,各街道办事处 |\n"
    "4.公开重点改革任务、重要政策执行情况。 | 年底前 | 区发改局 |\n"
    "二、推进执行公开 | 5.做好审计结果公开。 | 全年 | 区审计局 |\n"
)


def _rows(plan):
    return [(t.number, tuple(t.section), t.text[:6], t.responsible_units, t.deadline) for t in plan.tasks]


def _titles(sections):
    return [(s.level, s.number, s.title) for s in sections for _ in [0]] + [
        x for s in sections for x in _titles(s.children)]


def test_two_levels_carried_on_the_first_row_of_each_group():
    plan = parse_text(TWO_LEVELS)
    assert _rows(plan) == [
        ("1", ("推进决策公开", "做好决策预公开"), "落实重大行政", ["区司法局", "区政府办"], "全年"),
        ("2", ("推进决策公开", "做好决策预公开"), "广泛听取公众", ["区政府办"], "6月底前"),
        ("3", ("推进决策公开", "做好决策解读"), "对以区政府名", ["区政府办", "各街道办事处"], "全年"),
        ("4", ("推进决策公开", "做好决策解读"), "公开重点改革", ["区发改局"], "年底前"),
        # an outer group without inner ones takes the outer column (its numbering says so)
        ("5", ("推进执行公开",), "做好审计结果", ["区审计局"], "全年"),
    ]
    assert not [w for w in plan.warnings if w.code in ("missing_section", "no_units")], plan.warnings
    assert [c.role for c in plan.tables[0].columns] == ["group", "group", "text", "deadline", "responsible"]


def test_three_levels_and_a_row_that_starts_at_the_middle_level():
    text = (
        "某区2023年政务公开工作要点任务分解表\n"
        "工作任务 | 具体内容 | 完成时限 | 责任单位 |\n"
        "一、推进决策公开 | (一)做好决策预公开 | 1.重大事项 | 1.落实重大行政决策事项目录编制和公开工作。 | 全年 | 区司法局 |\n"
        "2.广泛听取公众意见,及时反馈意见采纳情况。 | 6月底前 | 区政府办 |\n"
        "(二)做好决策解读 | 2.政策解读 | 3.对以区政府名义出台的政策文件进行全面解读。 | 全年 | 区政府办 |\n"
        "3.解读回应 | 4.及时回应社会关切,做好舆情处置。 | 全年 | 区委网信办 |\n"
        "二、推进执行公开 | (三)做好审计公开 | 4.审计 | 5.做好审计结果公开。 | 全年 | 区审计局 |\n"
    )
    plan = parse_text(text)
    assert [(t.number, tuple(t.section), t.responsible_units) for t in plan.tasks] == [
        ("1", ("推进决策公开", "做好决策预公开", "重大事项"), ["区司法局"]),
        ("2", ("推进决策公开", "做好决策预公开", "重大事项"), ["区政府办"]),
        ("3", ("推进决策公开", "做好决策解读", "政策解读"), ["区政府办"]),
        ("4", ("推进决策公开", "做好决策解读", "解读回应"), ["区委网信办"]),
        ("5", ("推进执行公开", "做好审计公开", "审计"), ["区审计局"]),
    ]
    assert not [w for w in plan.warnings if w.code in ("missing_section", "no_units")], plan.warnings


def test_the_pasted_text_reads_like_the_word_table_of_the_same_plan():
    text = parse_file(DATA / "corpus" / "09_zhejiang_district_2022_trad.txt")
    word = parse_file(DATA / "corpus" / "09_zhejiang_2022.docx")
    assert len(text.tasks) == 7  # the excerpt cuts task 7 off; no heading is read as a task
    assert [tuple(t.section) for t in text.tasks[:6]] == [tuple(t.section) for t in word.tasks]
    assert [t.number for t in text.tasks] == [str(k) for k in range(1, 8)]
    assert [(lvl, num) for lvl, num, _ in _titles(text.sections)] == [(1, "一"), (2, "一"), (2, "二"), (2, "三")]
    assert not [w for w in text.warnings if w.code == "missing_section"]


def test_rows_that_do_not_read_from_the_right_are_left_to_the_aligner():
    # A merged first cell left out with the rest shifted left ("3.… | 各科室 | |"): the tails differ.
    text = (
        "工作任务 | 具体要求 | 责任部门 |\n"
        "一、做好网站信息公开。 | 及时更新网站频道的各类型概况信息。 | 办公室 |\n"
        "及时反馈网民对调查征集信息的意见。 | 各科室 | |\n"
        "二、做好政策解读。 | 综合运用新闻发布会、在线访谈等形式解读政策。 | 各科室 |\n"
    )
    plan = parse_text(text)
    assert [(t.section, t.text[:6], t.responsible_units) for t in plan.tasks] == [
        (["做好网站信息公开"], "及时更新网站", ["办公室"]),
        (["做好网站信息公开"], "及时反馈网民", ["各科室"]),
        (["做好政策解读"], "综合运用新闻", ["各科室"]),
    ]
