"""The task table's lights agree with the overview's, including a stale 持续推进 unit."""

from __future__ import annotations

import datetime as dt

from gongkai_desk.core.demo import make_demo
from gongkai_desk.core.reports.overview import build_overview
from gongkai_desk.core.reports.task_lights import task_lights

D = dt.date.fromisoformat


def test_hand_computed_plan(ws, plan):
    pid, t, _units = plan
    lights = task_lights(ws, pid, D("2026-07-15"))
    rows = {r.id: r for r in ws.tasks.of_plan(pid, D("2026-07-15"))}
    got = {n: lights.of(rows[t[n]])[0].word for n in t}
    assert got == {1: "红 · 逾期", 2: "黄 · 3个工作日内到期", 3: "绿 · 正常推进", 4: "绿 · 已完成",
                   5: "黄 · 44天未更新", 6: "红 · 逾期"}
    assert "提醒规则：红：已过期限且未完成" in lights.tooltip(rows[t[1]])
    assert "2026-06-30（已逾期11个工作日）" in lights.tooltip(rows[t[1]])


def test_same_colours_as_the_overview(ws):
    pid = make_demo(ws, tasks=60, year=2026).id
    on = dt.date.today()
    lights = task_lights(ws, pid, on)
    table = {r.id: lights.of(r)[0].color for r in ws.tasks.of_plan(pid, on)}
    overview = {r.task_id: r.light.color for r in build_overview(ws, pid, on).task_rows}
    assert table == overview
