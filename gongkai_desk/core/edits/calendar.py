"""The working-day calendar the clerk keeps (``ws.calendar``): loaded notices, single days set by
hand, whether a year is complete, the thresholds of the status lights, and the start dates that
relative deadlines count from. Every edit is undoable and returns Changes(calendar=True).
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
from typing import TYPE_CHECKING

from gongkai_desk.core.calendar import CLERK, HOLIDAY, NOTICE, WORKDAY, WorkCalendar
from gongkai_desk.core.changes import Changes
from gongkai_desk.core.errors import ValidationError
from gongkai_desk.core.lights import DUE_SOON_KEY, STALE_KEY, LightRule, parse_threshold
from gongkai_desk.core.storage import queries as q
from gongkai_desk.core.storage import queries_calendar as qx
from gongkai_desk.core.storage import rows
from gongkai_desk.core.values import check_year

if TYPE_CHECKING:
    from gongkai_desk.core.edits.tasks import Tasks
    from gongkai_desk.core.holiday_notice import Notice
    from gongkai_desk.core.undo import Recorder, UndoStack

CALENDAR_CHANGES = Changes(calendar=True)


class Calendar:
    def __init__(self, conn: sqlite3.Connection, undo_stack: UndoStack, tasks: Tasks) -> None:
        self._conn, self._undo, self._tasks = conn, undo_stack, tasks

    # ---- reads ---------------------------------------------------------------------------

    def work_calendar(self) -> WorkCalendar:
        """The calendar as it stands (bundled days, loaded notices, the clerk's days)."""
        return WorkCalendar.build(qx.holiday_rows(self._conn), qx.holiday_year_rows(self._conn))

    def year_json(self, year: int) -> dict:
        """The ``calendar --year N --json`` object, exactly the keys of shared/CLI.md."""
        year = check_year(year)
        cal = self.work_calendar()
        info = cal.year_info(year)
        return {
            "year": year, "complete": info.complete, "source": info.source,
            "days": [{"date": d.date.isoformat(), "kind": d.kind, "name": d.name, "source": d.source}
                     for d in cal.special_days(year)],
        }

    def light_rule(self) -> LightRule:
        default = LightRule()
        return LightRule(_int(q.setting(self._conn, DUE_SOON_KEY), default.due_soon_days),
                         _int(q.setting(self._conn, STALE_KEY), default.stale_days))

    def task_starts(self, plan_id: int) -> dict[int, _dt.date]:
        return {tid: _dt.date.fromisoformat(start) for tid, start in qx.task_start_tuples(self._conn, plan_id)}

    # ---- edits ---------------------------------------------------------------------------

    def load_notice(self, notice: Notice) -> Changes:
        """Store a parsed notice as its year's arrangement (replacing an earlier notice of that year)."""
        year = check_year(notice.year)
        days = notice.days()
        if not days:
            raise ValidationError("通知中没有读出任何放假或上班日期，没有载入。")

        def build(r: Recorder) -> None:
            for old in qx.holiday_rows_of_year(r.conn, year, NOTICE):
                r.delete("holidays", {"date": old["date"], "source": NOTICE})
            for day, kind, name in days:
                r.insert("holidays", rows.holiday(date=day, source=NOTICE, kind=kind, name=name, year=year))
            r.upsert("holiday_years", {"year": year},
                     {k: v for k, v in rows.holiday_year(year=year, complete=True, source=NOTICE,
                                                          notice=notice.label).items() if k != "year"})

        self._undo.run(f"载入{year}年节假日安排", CALENDAR_CHANGES, build)
        return CALENDAR_CHANGES

    def set_day(self, day: _dt.date, kind: str | None, name: str | None = None) -> Changes:
        """Make ``day`` a day off (HOLIDAY) or a working day (WORKDAY) by hand; None: as the
        notice or bundled data say."""
        if kind not in (HOLIDAY, WORKDAY, None):
            raise ValidationError(f"日期类型“{kind}”无效，只能是放假或上班。")
        check_year(day.year)
        key = {"date": day.isoformat(), "source": CLERK}
        base = WorkCalendar.build([r for r in qx.holiday_rows(self._conn) if r["source"] != CLERK],
                                  qx.holiday_year_rows(self._conn))
        base_kind = WORKDAY if base.is_workday(day) else HOLIDAY
        word = {HOLIDAY: "放假", WORKDAY: "上班"}

        def build(r: Recorder) -> None:
            if kind is None or kind == base_kind:
                r.delete("holidays", key)
            else:
                r.upsert("holidays", key, {"kind": kind, "name": name, "year": day.year})

        shown = kind or base_kind
        self._undo.run(f"将{day.month}月{day.day}日设为{word[shown]}", CALENDAR_CHANGES, build)
        return CALENDAR_CHANGES

    def toggle(self, day: _dt.date) -> Changes:
        """Turn a working day into a day off or back (the 设置 calendar's click)."""
        return self.set_day(day, HOLIDAY if self.work_calendar().is_workday(day) else WORKDAY)

    def set_complete(self, year: int, complete: bool) -> Changes:
        """Confirm (or withdraw) that a year's arrangement is complete as the clerk set it."""
        year = check_year(year)
        info = self.work_calendar().year_info(year)
        values = rows.holiday_year(year=year, complete=complete, source=info.source or CLERK, notice=info.notice)
        del values["year"]
        self._undo.run(f"{'确认' if complete else '取消确认'}{year}年节假日安排", CALENDAR_CHANGES,
                       lambda r: r.upsert("holiday_years", {"year": year}, values))
        return CALENDAR_CHANGES

    def set_light_rule(self, due_soon_days, stale_days) -> Changes:
        """Store both thresholds of the status lights in one undoable step."""
        due = parse_threshold(due_soon_days, "临近期限的工作日数", 0, 60)
        stale = parse_threshold(stale_days, "未更新的天数", 1, 365)
        changes = CALENDAR_CHANGES | Changes(settings=True)

        def build(r: Recorder) -> None:
            r.upsert("settings", {"key": DUE_SOON_KEY}, {"value": str(due)})
            r.upsert("settings", {"key": STALE_KEY}, {"value": str(stale)})

        self._undo.run("修改提醒规则", changes, build)
        return changes

    def set_task_start(self, task_id: int, start: _dt.date | None) -> Changes:
        """The date a task's relative deadline ("20个工作日内") counts from (None: the plan's date)."""
        task = self._tasks.row(task_id)
        changes = Changes(tasks=True, calendar=True).about(task["plan_id"])

        def build(r: Recorder) -> None:
            if start is None:
                r.delete("task_starts", {"task_id": task_id})
            else:
                r.upsert("task_starts", {"task_id": task_id}, {"start": start.isoformat()})

        self._undo.run("修改任务起算日期", changes, build)
        return changes


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default
