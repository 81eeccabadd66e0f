"""A deadline written inside the task's sentence is the task's deadline when nothing else gave one."""

from __future__ import annotations

import pytest

from gongkai_desk.core.imports.parse import parse_text
from gongkai_desk.core.imports.parse.prose_deadline import deadline_in_text


@pytest.mark.parametrize("text, phrase", [
    ("对照26个试点领域标准指引，在2020年9月30日前编制完成本区公开事项目录。", "2020年9月30日前"),
    ("于6月底前在政府网站公开年度预算。", "6月底前"),
    ("年底前完成专栏改版。", "年底前"),
    ("3月10日以前报送自查报告。", "3月10日以前"),
    ("已于2023年6月底前完成整改，持续巩固。", None),  # done, not due
    ("截至9月30日前的申请全部办结。", None),
    ("6月底前完成初稿，12月底前正式印发。", None),  # two dates: the clerk decides
    ("做好政策解读工作。", None),
    # The year's end of a year named: the year is part of the phrase (it was read as "年底前").
    ("2021年底前建立全县统一的共性公开事项目录。", "2021年底前"),
    ("建立全县统一目录，二〇二一年末前完成。", "二〇二一年末前"),
])
def test_one_due_phrase_in_a_sentence(text, phrase):
    assert deadline_in_text(text) == phrase


def test_a_note_or_column_deadline_wins_over_the_sentence():
    plan = parse_text("2026年政务公开工作要点\n一、重点领域\n"
                      "1. 在9月30日前编制完成公开事项目录。（责任单位：区政务服务局）\n"
                      "2. 在9月30日前编制完成标准目录。（责任单位：区司法局；完成时限：6月底前）\n")
    assert [t.deadline for t in plan.tasks] == ["9月30日前", "6月底前"]


def test_the_year_named_before_the_years_end_is_the_deadlines_year():
    from gongkai_desk.core.deadlines import parse_deadline

    assert [parse_deadline(p, 2022).date.isoformat() for p in ("2021年底前", "二〇二一年末前", "年末前")] == [
        "2021-12-31", "2021-12-31", "2022-12-31"]
