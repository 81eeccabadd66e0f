"""Flattened tables rebuilt from header names and the sequence of cell kinds, whatever separates the cells."""

from __future__ import annotations

import pytest

from gongkai_desk.core.imports.parse import parse_text
from gongkai_desk.core.imports.parse.align import Column, FlatCell, align, fit_columns, rows_of
from gongkai_desk.core.imports.parse.kinds import kind

ROWS = [  # (group, number, text, units, deadline) of a small 任务清单
    ("规范信息发布", "1", "严格执行信息发布审核制度，确保发布内容准确无误。", "办公室", "全年"),
    (None, "2", "及时更新政府信息公开专栏内容。", "各股室", "持续推进"),
    ("强化政策解读", "3", "对本单位出台的规范性文件全部进行解读。", "政策法规股", "年底前"),
]
HEADER = ("工作任务", "具体内容", "责任股室", "完成时间")  # 工作任务 spans the group and the number columns


def cells_of_rows() -> list[str]:
    return [c for r in ROWS for c in r if c is not None]


def check(plan) -> None:
    assert [(t.number, t.section, t.text[:6], t.responsible_units, t.deadline) for t in plan.tasks] == [
        ("1", ["规范信息发布"], "严格执行信息", ["办公室"], "全年"),
        ("2", ["规范信息发布"], "及时更新政府", ["各股室"], "持续推进"),
        ("3", ["强化政策解读"], "对本单位出台", ["政策法规股"], "年底前")]
    assert [c.role for c in plan.tables[0].columns] == ["group", "number", "text", "responsible", "deadline"]


TITLE = "某局2023年政务公开重点任务清单\n"


@pytest.mark.parametrize("sep", ["\n", "\n\n", "\n|\n", "\n｜\n"], ids=["lines", "blank lines", "bar lines", "wide bars"])
def test_one_cell_per_line_whatever_separates_them(sep):
    text = TITLE + sep.join(HEADER) + sep + sep.join(cells_of_rows()) + sep
    check(parse_text(text))


def test_pipe_rows_with_a_merged_cell_left_out_and_shifted():
    text = TITLE + "| " + " | ".join(HEADER) + " |\n" + "".join(
        "| " + " | ".join(c for c in r if c is not None) + " |" + (" |" if r[0] is None else "") + "\n" for r in ROWS)
    check(parse_text(text))


def test_run_together_text_layer_with_spaces():
    text = "1、" + TITLE.strip() + " " + " ".join(HEADER) + " " + " ".join(cells_of_rows()) + "\n"
    check(parse_text(text))


def test_run_together_text_layer_with_nothing_between_cells():
    plan = parse_text("某局2023年政务公开工作任务分解表\n序号工作任务具体要求责任科室完成时限"
                      "1组织保障调整政务公开领导小组，明确分管负责人。办公室牵头，各科室配合3月底前"
                      "2平台建设加强政府网站建设，确保信息更新及时准确。信息科12月底前"
                      "3决策公开落实重大决策预公开制度。法规科全年\n")
    assert [(t.number, t.lead_units, t.responsible_units, t.deadline) for t in plan.tasks] == [
        ("1", ["办公室"], ["各科室"], "3月底前"), ("2", [], ["信息科"], "12月底前"), ("3", [], ["法规科"], "全年")]
    # the 工作任务 cell glued to the front of the 具体要求 text is a section, not part of the task
    assert [(t.section, t.text[:6]) for t in plan.tasks] == [
        (["组织保障"], "调整政务公开"), (["平台建设"], "加强政府网站"), (["决策公开"], "落实重大决策")]
    assert plan.tasks[0].text == "调整政务公开领导小组，明确分管负责人。"


def test_page_markers_and_a_repeated_header_in_a_text_layer():
    plan = parse_text("1、某局2023年政务公开重点工作实施方案 序号 工作任务 具体要求 责任科室 完成时限 "
                      "1 基础建设 加强政府网站建设，确保栏目信息更新及时、准确，不发\n"
                      "2、生严重错误。办公室牵头，各科室配合 11 月底前 序号 工作任务 具体要求 责任科室 完成时限 "
                      "2 平台建设 建立例行新闻发布会制度，定期举办新闻发布会。 办公室 11 月底前\n")
    a, b = plan.tasks
    assert "不发生严重错误" in a.text and a.deadline == "11月底前" and a.lead_units == ["办公室"]
    assert b.responsible_units == ["办公室"] and b.number == "2"
    assert "repeated_header" in {n.code for n in plan.not_imported}


def test_two_rows_glued_on_one_pipe_line():
    plan = parse_text("序号 | 工作任务 | 责任单位 | 完成时限\n"
                      "1 | 推进决策公开，做好决策预公开。 | 县政府办 | 6月底前 | 2 | 推进执行公开，公开重点工作进展。 | 县发改局 | 年底前\n"
                      "3 | 推进结果公开，公开审计结果。 | 县审计局 | 全年\n")
    assert [(t.number, t.responsible_units) for t in plan.tasks] == [("1", ["县政府办"]), ("2", ["县发改局"]),
                                                                     ("3", ["县审计局"])]


def test_a_unit_cell_cut_over_two_lines_is_joined():
    plan = parse_text("某县2023年政务公开任务\n主要内容\n牵头单位\n责任单位\n"
                      "做好政府信息公开工作年度报告编制发布工作，确保体例规范。\n县政府办\n县各有关\n部门\n"
                      "做好政务新媒体规范化建设，加强内容审核。\n县委网信办、\n县融媒体中心\n")
    a, b = plan.tasks
    assert (a.lead_units, a.responsible_units) == (["县政府办"], ["县各有关部门"])
    assert set(b.lead_units + b.responsible_units) == {"县委网信办", "县融媒体中心"}


def test_the_aligner_inserts_a_column_the_header_does_not_name():
    texts = cells_of_rows()
    cells = [FlatCell(t, kind(t)) for t in texts]
    cols = [Column({"group": 0.5, "text": 0.5}), Column({"text": 1.0}), Column({"responsible": 1.0}),
            Column({"deadline": 1.0})]
    cols[0].weights.pop("text")
    fitted = fit_columns(cells, [Column(c.weights) for c in cols])
    assert [c.role for c in fitted] == ["group", "number", "text", "responsible", "deadline"]
    assert fitted[1].inserted
    _cost, path = align(cells, fitted)
    rows = rows_of(cells, path)
    assert [sorted(r) for r in rows] == [[0, 1, 2, 3, 4], [1, 2, 3, 4], [0, 1, 2, 3, 4]]


def test_the_aligner_is_linear(benchmark_cells=6000):
    import time

    texts = cells_of_rows() * (benchmark_cells // len(cells_of_rows()))
    cells = [FlatCell(t, kind(t)) for t in texts]
    cols = [Column({"group": 1.0}), Column({"number": 1.0}), Column({"text": 1.0}), Column({"responsible": 1.0}),
            Column({"deadline": 1.0})]
    times = []
    for n in (len(cells) // 4, len(cells)):
        best = float("inf")
        for _ in range(5):  # the least of five: other processes on the machine only ever add time
            t0 = time.perf_counter()
            align(cells[:n], cols)
            best = min(best, time.perf_counter() - t0)
        times.append(best / n)
    assert times[1] < 3 * times[0] + 1e-5  # per cell: a quadratic aligner would take 4× as long


def test_a_flattened_table_that_lost_its_header_is_read_by_its_cell_kinds():
    plan = parse_text("某县2023年政务公开重点工作任务分解\n一、深化重点领域公开\n（一）推进财政信息公开\n"
                      "1.全面公开政府预算、决算和“三公”经费，细化到项级科目。\n县财政局\n6月底前\n"
                      "2.做好政府债务信息公开。\n县财政局、县发改局\n持续推进\n（二）推进重大项目公开\n"
                      "3.公开重大建设项目批准和实施信息。\n县发改局、县住建局\n全年\n")
    assert [(t.number, t.section[-1], t.responsible_units, t.deadline) for t in plan.tasks] == [
        ("1", "推进财政信息公开", ["县财政局"], "6月底前"), ("2", "推进财政信息公开", ["县财政局", "县发改局"], "持续推进"),
        ("3", "推进重大项目公开", ["县发改局", "县住建局"], "全年")]
    assert plan.tasks[0].text.startswith("全面公开")
    assert [c.role for c in plan.tables[0].columns] == ["group", "group", "text", "units", "deadline"]


def test_prose_items_with_a_label_below_are_no_table():
    plan = parse_text("某县2023年政务公开工作要点\n一、重点任务\n1.推进决策公开。\n牵头单位：县政府办\n2.推进执行公开。\n"
                      "牵头单位：县发改局\n3.推进结果公开。\n牵头单位：县审计局\n")
    assert plan.tables == [] and [t.lead_units for t in plan.tasks] == [["县政府办"], ["县发改局"], ["县审计局"]]
