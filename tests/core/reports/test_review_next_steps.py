"""A review table's 下步计划 column reaches the parse output and the stored progress."""

from gongkai_desk.core.imports.store import store_plan
from gongkai_desk.core.imports.parse import parse_file
from gongkai_desk.core.model import Status

HTML = """<html><head><meta charset="utf-8"><title>落实情况</title></head><body>
<p>示例区2025年政务公开工作要点落实情况表</p>
<table border="1">
<tr><td>序号</td><td>工作任务</td><td>责任单位</td><td>完成时限</td><td>完成状态</td><td>落实情况</td><td>存在问题</td><td>下步计划</td></tr>
<tr><td>1</td><td>做好财政预决算公开</td><td>区财政局</td><td>年底前</td><td>已完成</td><td>已按时公开全部部门预决算。</td><td>无</td><td>持续做好更新维护。</td></tr>
<tr><td>2</td><td>推进政务服务事项公开</td><td>区行政审批局</td><td>持续推进</td><td>推进中</td><td>已公开事项清单。</td><td>办事指南更新不及时。</td><td>下一步将每月核对办事指南。</td></tr>
</table>
<p>示例区人民政府办公室</p><p>2025年12月20日</p>
</body></html>"""


def test_next_steps_column_is_parsed_and_stored(ws, tmp_path):
    path = tmp_path / "review.html"
    path.write_text(HTML, encoding="utf-8")
    parsed = parse_file(path)
    assert [t.next_steps for t in parsed.tasks] == ["持续做好更新维护。", "下一步将每月核对办事指南。"]
    assert parsed.to_json()["tasks"][1]["next_steps"] == "下一步将每月核对办事指南。"
    plan_id = store_plan(ws, parsed, year=2025).id
    [t1, t2] = ws.tasks.of_plan(plan_id)
    a = ws.progress.of_task(t2.id)[0]
    assert (a.unit_name, a.status, a.problems, a.next_steps) == (
        "区行政审批局", Status.IN_PROGRESS, "办事指南更新不及时。", "下一步将每月核对办事指南。")
    assert ws.progress.of_task(t1.id)[0].status is Status.DONE
