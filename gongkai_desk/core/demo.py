"""A realistic sample year: a district plan with sections, tasks, 20 units and progress in every state,
plus that year's annual-report statistics (a worked example that passes every rule).

``make_demo(ws, tasks=N)`` scales the same shape to N tasks (for benchmarks). It is one undoable
command, like any other change.
"""

from __future__ import annotations

import datetime as _dt
import random

from gongkai_desk.core.changes import Changes, ChangesWithId
from gongkai_desk.core.model import Role, Status
from gongkai_desk.core.storage import queries as q
from gongkai_desk.core.storage import rows
from gongkai_desk.core.undo import Recorder
from gongkai_desk.core.values import check_year, now_text

UNITS = [
    "区政府办", "区发改局", "区财政局", "区教育局", "区民政局", "区人社局", "区卫健委", "区市场监管局",
    "区生态环境分局", "区住建局", "区交通运输局", "区农业农村局", "区应急管理局", "区司法局", "区行政审批局",
    "区统计局", "区医保局", "区退役军人事务局", "区自然资源分局", "区文旅局",
]
GROUPS = {"区各有关部门": UNITS[1:], "各街道办事处": ["东城街道办事处", "西城街道办事处", "南湖街道办事处"]}

SECTIONS = [
    ("一", "以公开助力经济平稳健康发展", [
        ("一", "加强涉及市场主体的信息公开"), ("二", "做好扩大有效投资相关信息公开"), ("三", "推进财政资金信息公开"),
    ]),
    ("二", "以公开助力保障和改善民生", [
        ("四", "加强就业社保信息公开"), ("五", "做好教育医疗信息公开"), ("六", "推进公共资源配置信息公开"),
    ]),
    ("三", "以公开助力法治政府建设", [
        ("七", "深化行政决策公开"), ("八", "推进行政执法信息公开"), ("九", "做好政策解读回应"),
    ]),
    ("四", "提升政务公开质量实效", [
        ("十", "加强政府网站和政务新媒体建设"), ("十一", "规范依申请公开办理"), ("十二", "强化政务公开组织保障"),
    ]),
]
TASK_TEXTS = [
    "做好涉及市场主体政策文件的制定、解读、执行落实情况公开，增强政策透明度与可预期性。",
    "及时公开惠企政策申请条件、申报材料清单、办理流程、承办部门和联系方式。",
    "依法依规做好重大建设项目批准和实施领域信息公开，推动项目审批全流程公开。",
    "全面公开政府预决算和部门预决算，推进部门所属单位预决算公开。",
    "做好减税降费、稳岗就业等政策的宣传解读和落实情况公开。",
    "及时发布就业创业政策和招聘信息，公开职业技能培训补贴政策及申领流程。",
    "做好社会保险基金运行、待遇调整等信息公开。",
    "推进义务教育招生入学政策、学校布局调整等信息公开。",
    "公开医疗机构执业登记、医疗服务价格和医保报销政策。",
    "加强公共资源交易、国有产权转让和政府采购信息公开。",
    "做好重大行政决策事项目录公开，落实决策草案公开征求意见制度。",
    "全面推行行政执法公示制度，公开行政执法基本信息和结果信息。",
    "坚持政策文件与解读材料同步组织、同步审签、同步部署。",
    "围绕社会关注热点及时回应，做好政务舆情监测和处置。",
    "加强政府网站内容保障，定期开展政府网站和政务新媒体检查。",
    "规范政府信息公开申请办理流程，严格按法定时限答复。",
    "更新完善政府信息公开指南和主动公开目录。",
    "将政务公开工作纳入绩效考核，开展政务公开业务培训。",
]
DEADLINES = ["6月底前", "9月底前", "年底前", "持续推进", "11月底前", "长期坚持", "3月底前", "12月31日前"]
STATUS_CYCLE = [Status.DONE, Status.DONE, Status.IN_PROGRESS, Status.STAGED, Status.ONGOING, Status.NOT_STARTED, Status.DONE]
DONE_NOTES = ["已在区政府门户网站专栏公开相关信息{n}条。", "已完成专题页面建设并按月更新。", "已召开专题会议部署，并公开工作方案。"]
PROBLEMS = ["部分单位信息更新不够及时。", "解读形式较为单一。", "", ""]
NEXT_STEPS = ["下一步将加强督促检查，确保按时完成。", "持续做好信息更新和维护。", ""]


def make_demo(ws, *, tasks: int = 50, year: int | None = None, seed: int = 2026) -> ChangesWithId:
    """Store a sample plan of ``tasks`` tasks (with units and progress); the changes carry its id."""
    year = check_year(year or _dt.date.today().year)
    rng = random.Random(seed)
    title = f"{year}年示例区政务公开工作要点任务分解"

    def build(r: Recorder) -> int:
        unit_ids = _units(ws, r)
        plan_id = r.insert("plans", rows.plan(
            year=year, title=title, issuer=["示例区人民政府办公室"], doc_number=f"示政办发〔{year}〕8号",
            issue_date=_dt.date(year, 3, 15), source="示例数据"))
        subs = []
        for i, (num, title1, children) in enumerate(SECTIONS):
            top = r.insert("sections", rows.section(plan_id=plan_id, parent_id=None, level=1, number=num, title=title1,
                                                    position=i))
            for j, (num2, title2) in enumerate(children):
                subs.append(r.insert("sections", rows.section(plan_id=plan_id, parent_id=top, level=2, number=num2,
                                                              title=title2, position=j)))
        stamp = now_text()
        for n in range(tasks):
            section = subs[n * len(subs) // tasks]
            text = TASK_TEXTS[n % len(TASK_TEXTS)]
            if n >= len(TASK_TEXTS):
                text = f"{text[:-1]}（第{n // len(TASK_TEXTS) + 1}批）。"
            task_id = r.insert("tasks", rows.task(plan_id=plan_id, section_id=section, text=text, year=year, position=n,
                                                  number=str(n + 1), deadline=DEADLINES[n % len(DEADLINES)]))
            _assign(r, rng, task_id, unit_ids, n, stamp)
        _annual_stats(ws, r, year)
        return plan_id

    changes = Changes(plans=True, sections=True, tasks=True, units=True, progress=True, stats=True)
    plan_id = ws.run(f"载入示例数据（{tasks}项任务）", lambda pid: changes.about(pid), build)
    return changes.about(plan_id).with_id(plan_id)


def _annual_stats(ws, r: Recorder, year: int) -> None:
    """Fill the year's annual-report statistics with a worked example, unless the year has some."""
    from gongkai_desk.core.annual.samples import kiro_example

    if q.stats_rows(ws.conn, year):
        return  # never overwrite statistics the clerk entered
    for cell, value in kiro_example(year).cells().items():
        r.insert("annual_stats", {**rows.stats_cell(year=year, cell=cell), "value": value})


def _units(ws, r: Recorder) -> dict[str, int]:
    ids: dict[str, int] = {}
    names = UNITS + [m for members in GROUPS.values() for m in members if m not in UNITS]
    for name in names:
        found = q.unit_by_name(ws.conn, name)
        ids[name] = found["id"] if found else r.insert("units", rows.unit(name=name))
    for group, members in GROUPS.items():
        found = q.unit_by_name(ws.conn, group)
        if found:
            ids[group] = found["id"]
            continue
        gid = ids[group] = r.insert("units", rows.unit(name=group, is_group=True))
        for m in members:
            r.insert("group_members", rows.member(group_id=gid, member_id=ids[m]))
    return ids


def _assign(r: Recorder, rng: random.Random, task_id: int, unit_ids: dict[str, int], n: int, stamp: str) -> None:
    lead = UNITS[1 + n % (len(UNITS) - 1)] if n % 5 else UNITS[0]
    others = [u for u in UNITS[1:] if u != lead]
    responsible = rng.sample(others, 1 + n % 3)
    if n % 9 == 4:
        responsible = ["区各有关部门"]
    elif n % 11 == 7:
        responsible.append("各街道办事处")
    entries = [(lead, Role.LEAD)] + [(u, Role.RESPONSIBLE) for u in responsible]
    for pos, (name, role) in enumerate(entries):
        # About two tasks in five are finished by every unit; the rest mix every state.
        status = Status.DONE if n % 5 in (0, 3) else STATUS_CYCLE[(n + pos * 3) % len(STATUS_CYCLE)]
        started = status is not Status.NOT_STARTED
        r.insert("assignments", rows.assignment(task_id=task_id, unit_id=unit_ids[name], role=role.value, position=pos, progress={
            "status": status.value,
            "done": rng.choice(DONE_NOTES).format(n=rng.randint(3, 40)) if started else "",
            "problems": rng.choice(PROBLEMS) if started and status is not Status.DONE else "",
            "next_steps": rng.choice(NEXT_STEPS) if status is not Status.DONE else "",
            "evidence": "", "updated_at": stamp if started else None, "updated_by": "示例数据" if started else None,
        }))
