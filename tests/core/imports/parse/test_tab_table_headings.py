"""Rows copied from Excel/WPS (tab-separated) keep their group headings: a full-width heading row
arrives as a line without tabs (the copy dropped its empty cells) and must not end the table."""

from __future__ import annotations

from gongkai_desk.core.imports.parse import parse_text

TSV = (
    "序号\t重点工作\t具体措施\t牵头单位\t配合单位\t时间节点\n"
    "一、加强政策解读\t\t\t\t\t\n"
    "1\t落实解读机制\t重要政策文件与解读材料同步起草、同步审签、同步发布。\t县政府办公室\t县直各部门\t全年\n"
    "2\t\t开展政策进企业活动，面对面解读惠企政策。\t县工信局\t县市场监管局\t9月底前\n"
    "二、规范依申请公开\n"
    "3\t规范办理流程\t统一答复文书格式，按时办结政府信息公开申请。\t县司法局\t县政府办公室\t6月底前\n"
)


def test_heading_rows_without_tabs_stay_inside_the_table():
    plan = parse_text(TSV)
    got = [(t.number, t.section[-1], t.text[:8], t.lead_units, t.responsible_units, t.deadline) for t in plan.tasks]
    assert got == [
        ("1", "落实解读机制", "重要政策文件与解", ["县政府办公室"], ["县直各部门"], "全年"),
        ("2", "落实解读机制", "开展政策进企业活", ["县工信局"], ["县市场监管局"], "9月底前"),
        ("3", "规范办理流程", "统一答复文书格式", ["县司法局"], ["县政府办公室"], "6月底前"),
    ]
    def titles(sections):
        return [t for s in sections for t in (s.title, *titles(s.children))]

    assert {"加强政策解读", "规范依申请公开"} <= set(titles(plan.sections))  # the heading rows are kept
    assert not [n for n in plan.not_imported if n.code == "unplaced"]  # no cell left over
