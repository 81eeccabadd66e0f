"""Status words of review tables (回头看情况表): common spellings, guesses and words not understood."""

from __future__ import annotations

import openpyxl
import pytest

from gongkai_desk.core.imports.parse import parse_file
from gongkai_desk.core.model import Status


def review_table(tmp_path, statuses: list[str], header: str = "完成情况"):
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.append(["2023年政务公开工作要点落实情况“回头看”情况表"])
    sheet.append(["序号", "一级指标", "二级指标", "责任单位", header, "落实情况"])
    for k, status in enumerate(statuses, 1):
        sheet.append([k, "重点领域公开", f"第{k}项任务内容", "区财政局", status, f"第{k}项的落实情况"])
    path = tmp_path / "review.xlsx"
    wb.save(path)
    return parse_file(path)


@pytest.mark.parametrize(("word", "status"), [
    ("基本完成", Status.STAGED), ("已基本完成", Status.STAGED), ("常态化推进", Status.ONGOING),
    ("持续推进中", Status.ONGOING), ("长期推进", Status.ONGOING), ("正在推进", Status.IN_PROGRESS),
    ("推进中", Status.IN_PROGRESS), ("已完成。", Status.DONE),
])
def test_common_status_words_of_review_tables(tmp_path, word, status):
    plan = review_table(tmp_path, [word])
    (task,) = plan.tasks
    assert Status.parse(task.status) is status
    assert task.progress == "第1项的落实情况" and not task.flags
    assert not [w for w in plan.warnings if w.code.startswith("status_")]


@pytest.mark.parametrize("word", ["未完成", "尚未完成"])
def test_unfinished_is_read_as_in_progress_but_flagged(tmp_path, word):
    plan = review_table(tmp_path, [word])
    (task,) = plan.tasks
    assert task.status == "推进中" and task.flags == ["status_uncertain"]
    (w,) = [w for w in plan.warnings if w.code == "status_uncertain"]
    assert w.line == 3 and word in w.message and "推进中" in w.message


@pytest.mark.parametrize("header", ["完成情况", "完成状态"])
def test_unrecognized_status_warns_and_keeps_its_words(tmp_path, header):
    plan = review_table(tmp_path, ["已完成", "按计划有序开展"], header)
    done, odd = plan.tasks
    assert done.status == "已完成" and not done.flags
    assert odd.status is None and odd.flags == ["status_unrecognized"]
    assert odd.progress == "按计划有序开展\n第2项的落实情况"
    (w,) = [w for w in plan.warnings if w.code == "status_unrecognized"]
    assert w.line == 4 and "按计划有序开展" in w.message and "未启动" in w.message
    assert w.message.count("。") == 1 and w.message.endswith("。")
