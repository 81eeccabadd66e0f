"""Two group titles one under the other in one column of a flattened table (a category and its
sub-category, each a line of its own) are two sections, never one title glued together."""

from __future__ import annotations

from gongkai_desk.core.imports.parse import parse_file, parse_text
from tests.conftest import DATA

LINES = "\n\n".join([
    "某县2023年政务公开整改清单",
    "序号", "重点任务", "主要问题", "完成时限", "责任单位",
    "1", "基层政务公开", "部分乡镇公开目录不完整,更新不及时。", "6月底前", "县政府办公室",
    "2", "重点领域信息公开", "教育信息公开", "招生入学政策公开不够及时,解读不到位。", "8月底前", "县教育局",
    "医疗卫生信息公开", "医疗机构收费项目公开不全,未按要求更新。", "9月底前", "县卫生健康委",
    "3", "依申请公开", "答复文书格式不统一,个别申请超期答复。", "年底前", "县司法局",
]) + "\n"


def _titles(sections, depth=1):
    return [(depth, s.title) for s in sections for _ in [0]] + [
        x for s in sections for x in _titles(s.children, depth + 1)]


def test_a_category_and_its_sub_category_are_two_levels():
    plan = parse_text(LINES)
    assert [(tuple(t.section), t.text[:6], t.responsible_units, t.deadline) for t in plan.tasks] == [
        (("基层政务公开",), "部分乡镇公开", ["县政府办公室"], "6月底前"),
        (("重点领域信息公开", "教育信息公开"), "招生入学政策", ["县教育局"], "8月底前"),
        # no 序号 on the row: the category goes on from the row above, the title is its next sub-category
        (("重点领域信息公开", "医疗卫生信息公开"), "医疗机构收费", ["县卫生健康委"], "9月底前"),
        (("依申请公开",), "答复文书格式", ["县司法局"], "年底前"),
    ]
    titles = [t for _d, t in _titles(plan.sections)]
    assert "重点领域信息公开教育信息公开" not in titles
    assert sorted(titles) == sorted(["基层政务公开", "重点领域信息公开", "教育信息公开", "医疗卫生信息公开", "依申请公开"])


def test_corpus_10_sections_stay_apart():
    plan = parse_file(DATA / "corpus" / "10_yuhui_2020_zhenggai.txt")
    assert [tuple(t.section) for t in plan.tasks] == [
        ("疫情防控",), ("三大攻坚战信息公开", "污染防治信息公开"), ("三大攻坚战信息公开", "防范化解重大风险信息公开")]


def test_a_plain_numbers_column_with_one_empty_cell_numbers_tasks_not_groups(tmp_path):
    """序号 1, 2, (empty), 3, 4 beside a 类别 column: the numbers are the tasks', not the groups'
    (only numbers standing on exactly the rows that open a group number the groups)."""
    import openpyxl

    from gongkai_desk.core.imports.parse import parse_file

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (("2026年政务公开工作任务分解表",), ("序号", "类别", "工作任务", "责任单位", "完成时限"),
                (1, "政策解读", "做好重要政策解读工作，及时回应社会关切。", "区政府办", "6月底前"),
                (2, "政策解读", "加强政策解读材料审核把关。", "区司法局", "全年"),
                (None, "政策解读", "规范解读材料与政策文件同步发布。", "区政府办", "全年"),
                (3, "平台建设", "优化政府网站信息公开专栏。", "区数据局", "9月底前"),
                (4, "平台建设", "加强政务新媒体管理。", "区委网信办", "全年")):
        ws.append(row)
    wb.save(tmp_path / "grp.xlsx")
    plan = parse_file(tmp_path / "grp.xlsx")
    assert [s.title for s in plan.sections] == ["政策解读", "平台建设"]
    assert [s.number for s in plan.sections] == [None, None]
    assert [t.number for t in plan.tasks] == ["1", "2", None, "3", "4"]
