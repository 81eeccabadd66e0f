"""A text layer with no cell separators: a vertically merged 序号 + 工作任务 pair surfaces as
"1 基础建设全面落实…", the group label run into the task text beside it. The label is a section,
never the opening words of a task."""

from __future__ import annotations

from gongkai_desk.core.imports.parse import parse_file, parse_text
from gongkai_desk.core.imports.parse.runtogether import label_end
from tests.conftest import DATA


def test_the_label_in_front_of_a_task_text_is_cut_off():
    assert label_end("基础设施完善政务服务大厅公开栏,及时更新办事指南。") == 4
    assert label_end("依申请公开(1)规范办理流程,统一答复文书格式。") == 5  # told by the sub-item number
    assert label_end("加强组织领导,主要负责人年内至少听取1次汇报。") is None  # opens with a verb: no label
    assert label_end("局机关各网站栏目信息更新及时、准确,不发生错误。") is None  # a subject, not a label
    assert label_end("(1)落实重大决策预公开制度。") is None


def test_labels_glued_to_task_texts_become_sections():
    plan = parse_text(
        "某局2023年政务公开重点工作实施方案 序号 工作任务 具体要求 责任科室 完成时限 "
        "健全工作机构,明确分管负责人并对外公布。 办公室 3月底前 "
        "1 组织保障完善考核办法,政务公开纳入年度考核。 人事科 6月底前 "
        "2 政务服务推行一网通办,公开办事指南。 审批科 全年 "
        "3 依申请公开(1)规范办理流程,统一答复文书格式。(2)按时办结申请。 法规科 年底前\n")
    got = [(t.section, t.text[:6]) for t in plan.tasks]
    assert got[1:] == [(["组织保障"], "完善考核办法"), (["政务服务"], "推行一网通办"), (["依申请公开"], "(1)规范办")]
    assert all(not t.text.startswith(("组织保障", "政务服务", "依申请公开")) for t in plan.tasks)


def test_corpus_06_task_texts_start_with_the_task():
    plan = parse_file(DATA / "corpus" / "06_weihai_swj_2017_wenku.txt")
    texts = [t.text for t in plan.tasks]
    assert texts[2].startswith("全面落实“五公开”") and texts[5].startswith("建立例行新闻发布会制度")
    assert texts[8].startswith("(1)落实重大决策预公开制度")
    assert [t.section[-1] for t in plan.tasks if t.section] == ["基础建设"] * 3 + ["平台建设"] * 3 + ["决策公开"]


def test_a_merged_number_beside_a_merged_label_numbers_the_section():
    plan = parse_file(DATA / "corpus" / "06_weihai_swj_2017_wenku.txt")
    assert [(s.number, s.title) for s in plan.sections] == [("1", "基础建设"), ("2", "平台建设"), ("3", "决策公开")]
    assert [t.number for t in plan.tasks] == [None] * 9  # the 序号 went to the sections
    # a cell "(1)…(2)…(3)…" is one task with sub-items: "(1)" stays in its text
    assert plan.tasks[8].text.startswith("(1)落实") and "(2)落实利益相关方" in plan.tasks[8].text


def test_numbers_on_every_task_row_stay_the_tasks():
    plan = parse_text(
        "某局2023年政务公开工作任务分解表\n序号 | 工作任务 | 具体要求 | 责任科室 |\n"
        "1 | 组织保障 | 调整政务公开领导小组,明确分管负责人。 | 办公室 |\n"
        "2 | 组织保障 | 将政务公开纳入年度考核。 | 人事科 |\n"
        "3 | 平台建设 | 加强政府网站建设,确保信息更新及时准确。 | 信息科 |\n")
    assert [(t.number, t.section) for t in plan.tasks] == [("1", ["组织保障"]), ("2", ["组织保障"]), ("3", ["平台建设"])]
