"""Feedback rounds (``ws.feedback``): workbooks out to units, returned workbooks reviewed and accepted.

    draft = ws.feedback.prepare(plan_id, due=date(2026, 6, 30))   # reads only
    paths = write_round(draft.sheets, folder)                      # files (may run off the main thread)
    ws.feedback.record_round(draft)                                # the round, one undoable step
    reviews = ws.feedback.review(read_files(paths))                # what each file would change
    ws.feedback.accept(reviews)                                    # one undoable step

Writing and reading the files is in ``core/exchange/feedback_*``; this class holds what needs the
database: building a round from the plan, recording it, what the database knows to review a file
(``Known``), accepting, and each round's status per unit.
"""

from __future__ import annotations

import datetime as _dt
import json
import secrets
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from gongkai_desk.core.changes import Changes, ChangesWithId
from gongkai_desk.core.errors import ConflictError, ValidationError
from gongkai_desk.core.model import Role
from gongkai_desk.core.numbering import display_numbers
from gongkai_desk.core.storage import queries as q
from gongkai_desk.core.storage import queries_feedback as qx
from gongkai_desk.core.storage import rows
from gongkai_desk.core.values import now_text

if TYPE_CHECKING:
    from gongkai_desk.core.edits.plans import Plans
    from gongkai_desk.core.edits.settings import Settings
    from gongkai_desk.core.edits.tasks import Tasks
    from gongkai_desk.core.edits.units import Units
    from gongkai_desk.core.exchange.feedback_diff import FileReview, Known
    from gongkai_desk.core.exchange.feedback_read import ReturnedWorkbook, UnreadableFile
    from gongkai_desk.core.exchange.feedback_workbook import FeedbackSheet
    from gongkai_desk.core.undo import Recorder, UndoStack

FEEDBACK_CHANGES = Changes(feedback=True)
ACCEPT_CHANGES = Changes(tasks=True, progress=True, feedback=True)
ROLE_SHORT = {Role.LEAD.value: "牵头", Role.RESPONSIBLE.value: "责任"}
RETURNED, NOT_RETURNED, WITH_PROBLEMS = "已返回", "未返回", "有问题"


@dataclass(frozen=True)
class RoundDraft:
    """A round built from the plan, before its files are written and it is recorded."""

    plan_id: int
    number: int
    token: str
    sent_at: str
    due: _dt.date | None
    sheets: tuple["FeedbackSheet", ...]
    skipped_groups: tuple[str, ...]  # groups on the plan's tasks, which get no workbook of their own


@dataclass(frozen=True)
class Round:
    id: int
    plan_id: int
    number: int
    sent_at: str
    due: str | None
    units: tuple[tuple[int, str], ...]  # (unit id, name) in the order sent


@dataclass(frozen=True)
class UnitState:
    unit_id: int
    unit_name: str
    state: str  # RETURNED, NOT_RETURNED or WITH_PROBLEMS
    file_name: str | None = None  # the file that gives the state
    filled_by: str = ""
    in_batch: bool = False  # from the files being reviewed, not yet accepted
    notes: str = ""  # rows the unit added, kept as a note
    problems: tuple[str, ...] = ()  # what the unit should correct


@dataclass(frozen=True)
class RoundStatus:
    round: Round
    units: tuple[UnitState, ...]

    def count(self, state: str) -> int:
        return sum(u.state == state for u in self.units)


class Feedback:
    def __init__(self, conn: sqlite3.Connection, undo_stack: UndoStack, plans: Plans, tasks: Tasks,
                 units: Units, settings: Settings, backup: Callable[[str], object] | None = None) -> None:
        """:param backup: makes the automatic backup taken before accepted feedback replaces entries."""
        self._conn, self._undo = conn, undo_stack
        self._backup = backup or (lambda reason: None)
        self._plans, self._tasks, self._units, self._settings = plans, tasks, units, settings

    # ---- reads ---------------------------------------------------------------------------

    def identity(self) -> tuple[str, str]:
        """(this database's id, the key that signs its workbooks), made by migration 0002."""
        db_id, secret = q.setting(self._conn, "database.id"), q.setting(self._conn, "feedback.secret")
        if not db_id or not secret:
            raise ValidationError("数据库缺少反馈表所需的识别信息，请备份后重新打开本程序。")
        return db_id, secret

    def rounds(self, plan_id: int) -> list[Round]:
        by_round: dict[int, list[tuple[int, str]]] = {}
        for u in qx.feedback_round_unit_rows(self._conn, plan_id):
            by_round.setdefault(u["round_id"], []).append((u["unit_id"], u["unit_name"]))
        return [Round(r["id"], r["plan_id"], r["number"], r["sent_at"], r["due_date"], tuple(by_round.get(r["id"], ())))
                for r in qx.feedback_round_rows(self._conn, plan_id)]

    def plan_units(self, plan_id: int) -> tuple[list[tuple[int, str]], list[str]]:
        """(units that get a workbook: id and name, in directory order; names of groups on the plan)."""
        used = {a["unit_id"] for a in q.assignment_rows_for_plan(self._conn, plan_id)}
        units = [u for u in self._units.all() if u.id in used]
        return [(u.id, u.name) for u in units if not u.is_group], [u.name for u in units if u.is_group]

    # ---- sending a round -----------------------------------------------------------------

    def prepare(self, plan_id: int, unit_ids: Sequence[int] | None = None, due: _dt.date | None = None) -> RoundDraft:
        """Build one workbook per unit (all the plan's units, or ``unit_ids``), pre-filled with
        each unit's current entries; nothing is written or stored."""
        plan = self._plans.get(plan_id)
        units, groups = self.plan_units(plan_id)
        names = dict(units)
        if unit_ids is not None:
            for uid in unit_ids:
                if uid not in names:
                    unit = self._units.get(uid)
                    if unit.is_group:
                        raise ValidationError(f"“{unit.name}”是单位组，不能单独发放反馈表；请先在任务中把它展开为成员单位。")
                    raise ValidationError(f"单位“{unit.name}”在计划“{plan.title}”中没有任务，无需发放反馈表。")
            chosen = [(uid, names[uid]) for uid in dict.fromkeys(unit_ids)]
        else:
            chosen = units
        if not chosen:
            raise ValidationError(f"计划“{plan.title}”的任务还没有落实到具体单位，无法发放反馈表。")
        from gongkai_desk.core.exchange.feedback_meta import FeedbackMeta, SentRow, file_name, meta_cells
        from gongkai_desk.core.exchange.feedback_workbook import FeedbackSheet

        db_id, secret = self.identity()
        tasks = self._tasks.of_plan(plan_id)
        order = {t.id: i for i, t in enumerate(tasks)}
        numbers = display_numbers(tasks, self._plans.sections(plan_id))
        deadlines = {t.id: t.deadline.phrase or "" for t in tasks}
        by_unit: dict[int, list[dict]] = {}
        for a in q.assignment_rows_for_plan(self._conn, plan_id):
            by_unit.setdefault(a["unit_id"], []).append(a)
        texts = {t.id: t.text for t in tasks}
        number = len(qx.feedback_round_rows(self._conn, plan_id)) + 1
        token, sent_at, office = secrets.token_hex(8), now_text(), self._settings.office()
        sheets, used = [], set()
        for uid, name in chosen:
            entries = sorted(by_unit.get(uid, []), key=lambda a: order.get(a["task_id"], 0))
            meta = FeedbackMeta(
                database=db_id, plan_id=plan_id, plan_title=plan.title, year=plan.year, unit_id=uid, unit_name=name,
                round_token=token, round_number=number, sent_at=sent_at, due=due.isoformat() if due else None,
                rows=tuple(SentRow(a["task_id"], (numbers.get(a["task_id"], ""), texts[a["task_id"]],
                                                  deadlines[a["task_id"]], ROLE_SHORT[a["role"]]),
                                   (a["status"], a["done"], a["problems"], a["next_steps"], a["evidence"]))
                           for a in entries))
            name_of_file = file_name(plan.year, name)
            if name_of_file in used:  # two names that differ only in characters a file name cannot hold
                name_of_file = f"{name_of_file[:-5]}（{uid}）.xlsx"
            used.add(name_of_file)
            sheets.append(FeedbackSheet(meta, tuple(meta_cells(meta, secret)), name_of_file, office,
                                        sum(a["role"] == Role.LEAD.value for a in entries)))
        return RoundDraft(plan_id, number, token, sent_at, due, tuple(sheets), tuple(groups))

    def record_round(self, draft: RoundDraft) -> ChangesWithId:
        """Store the round (its date, due date and units) as one undoable step; the id is the round's."""
        if qx.feedback_round_by_token(self._conn, draft.token):
            raise ValidationError("这一轮反馈表已经记录过了。")
        changes = FEEDBACK_CHANGES.about(draft.plan_id)

        def build(r: Recorder) -> int:
            rid = r.insert("feedback_rounds", rows.feedback_round(
                plan_id=draft.plan_id, number=draft.number, token=draft.token, sent_at=draft.sent_at,
                due_date=draft.due, sent_by=self._undo.user))
            for s in draft.sheets:
                r.insert("feedback_round_units", rows.feedback_round_unit(
                    round_id=rid, unit_id=s.meta.unit_id, unit_name=s.meta.unit_name, file_name=s.file_name,
                    tasks=len(s.meta.rows)))
            return rid

        rid = self._undo.run(f"导出反馈表（第{draft.number}轮，{len(draft.sheets)}个单位）", changes, build)
        return changes.with_id(rid)

    def export(self, plan_id: int, folder: str | Path, unit_ids: Sequence[int] | None = None,
               due: _dt.date | None = None) -> tuple[list[Path], RoundDraft]:
        """Prepare, write every workbook into ``folder``, then record the round (the command line)."""
        from gongkai_desk.core.exchange.feedback_workbook import write_round

        draft = self.prepare(plan_id, unit_ids, due)
        paths = write_round(draft.sheets, folder)
        self.record_round(draft)
        return paths, draft

    # ---- collecting ----------------------------------------------------------------------

    def known(self, only_plan: int | None = None) -> Known:
        """What the database knows, for ``feedback_diff`` to review files against."""
        from gongkai_desk.core.exchange.feedback_diff import Known, ReturnInfo, RoundInfo

        db_id, secret = self.identity()
        members: dict[int, set[int]] = {}
        for u in qx.feedback_round_unit_rows(self._conn):
            members.setdefault(u["round_id"], set()).add(u["unit_id"])
        rounds = {r["token"]: RoundInfo(r["id"], r["plan_id"], r["number"], r["sent_at"],
                                        frozenset(members.get(r["id"], ())))
                  for r in qx.feedback_round_rows(self._conn)}
        cache: dict[int, dict[tuple[int, int], dict]] = {}

        def entries(plan_id: int) -> dict[tuple[int, int], dict]:
            if plan_id not in cache:
                cache[plan_id] = {(a["task_id"], a["unit_id"]): a for a in q.assignment_rows_for_plan(self._conn, plan_id)}
            return cache[plan_id]

        returns = tuple(ReturnInfo(x["round_id"], x["round_number"], x["plan_id"], x["unit_id"], x["file_hash"])
                        for x in qx.feedback_return_rows(self._conn))
        return Known(db_id, secret, rounds, {p[0]: p[2] for p in self._plans.titles()},
                     {u.id: u.name for u in self._units.all()}, entries, returns, only_plan)

    def review(self, files: Iterable[ReturnedWorkbook | UnreadableFile], plan_id: int | None = None) -> list[FileReview]:
        """What each read file would change and its problems (``plan_id``: refuse other plans' files)."""
        from gongkai_desk.core.exchange.feedback_diff import review_batch

        return review_batch(list(files), self.known(plan_id))

    def accept(self, reviews: Sequence[FileReview], chosen: Mapping[str, Iterable[int]] | None = None,
               keep_notes: Iterable[str] | None = None) -> Changes:
        """Take the changes of the reviewed files as ONE undoable step and record each file as returned.

        ``chosen`` maps a file's path to the indexes of its changes to take (an empty list records
        the file as returned without taking any); without it, every file "accept all" takes
        (``default_accept``) gives all its changes. ``keep_notes``: paths whose added rows are kept
        as the return's note (default: all). Each change's history row reads
        "来自反馈表 <文件名>（填报人：…）".
        """
        picked = _picked(reviews, chosen)
        if not picked:
            raise ValidationError("没有选择要接受的反馈表。")
        keep = set(keep_notes) if keep_notes is not None else {r.path for r, _ in picked}
        self._check_current(picked)
        self._backup("before-collect")  # accepted feedback replaces the units' entries: a verified copy first
        plans = {r.plan_id for r, _ in picked}
        changes = ACCEPT_CHANGES.about(plans.pop() if len(plans) == 1 else None)
        stamp = now_text()

        def build(rec: Recorder) -> None:
            for r, idx in picked:
                signer = r.filled_by or "未填写"
                rec.label = f"来自反馈表 {r.name}（填报人：{signer}）"
                by_entry: dict[int, dict[str, str]] = {}
                for i in idx:
                    c = r.changes[i]
                    by_entry.setdefault(c.assignment_id, {})[c.field] = c.new
                for aid, values in by_entry.items():
                    rec.update("assignments", {"id": aid}, **values, updated_at=stamp,
                               updated_by=f"{signer}（{r.unit_name}反馈表）")
                rec.insert("feedback_returns", rows.feedback_return(
                    round_id=r.round_id, unit_id=r.unit_id, file_name=r.name, file_hash=r.sha256,
                    filled_by=r.filled_by, phone=r.signers.get("phone", ""), reviewer=r.signers.get("reviewer", ""),
                    accepted=len(idx), problems=[p.message for p in r.problems if p.for_unit],
                    notes="\n".join(a.text for a in r.added) if r.path in keep else ""))
            rec.label = None

        label = f"接受反馈表 {picked[0][0].name}" if len(picked) == 1 else f"接受{len(picked)}份反馈表"
        self._undo.run(label, changes, build)
        return changes

    def _check_current(self, picked: list[tuple[FileReview, list[int]]]) -> None:
        for r, idx in picked:
            for i in idx:
                c = r.changes[i]
                row = q.get_row(self._conn, "assignments", {"id": c.assignment_id})
                if row is None or row[c.field] != c.old:
                    raise ConflictError(f"“{r.name}”中任务{c.number}的{c.field_name}在审阅之后又被修改了，"
                                        "没有接受任何修改。请重新收集这些文件再接受。")

    # ---- status --------------------------------------------------------------------------

    def status(self, plan_id: int, batch: Sequence[FileReview] = ()) -> list[RoundStatus]:
        """Each round of the plan (newest first), per unit: returned, not returned, returned with
        problems; files in ``batch`` (being reviewed) count as returned once they can be collected."""
        stored: dict[tuple[int, int], dict] = {}
        for x in qx.feedback_return_rows(self._conn, plan_id):
            stored[(x["round_id"], x["unit_id"])] = x  # the latest collected wins
        pending = {(r.round_id, r.unit_id): r for r in batch if r.refused is None and r.default_accept}
        out = []
        for rnd in reversed(self.rounds(plan_id)):
            states = []
            for uid, name in rnd.units:
                b, s = pending.get((rnd.id, uid)), stored.get((rnd.id, uid))
                if b is not None:
                    bad = tuple(p.message for p in b.problems if p.for_unit)
                    states.append(UnitState(uid, name, WITH_PROBLEMS if bad else RETURNED, b.name,
                                            b.filled_by, True, problems=bad))
                elif s is not None:
                    bad = tuple(json.loads(s["problems"] or "[]"))
                    states.append(UnitState(uid, name, WITH_PROBLEMS if bad else RETURNED, s["file_name"],
                                            s["filled_by"], False, s["notes"], bad))
                else:
                    states.append(UnitState(uid, name, NOT_RETURNED))
            out.append(RoundStatus(rnd, tuple(states)))
        return out


def _picked(reviews: Sequence[FileReview], chosen: Mapping[str, Iterable[int]] | None
            ) -> list[tuple[FileReview, list[int]]]:
    if chosen is None:
        return [(r, list(range(len(r.changes)))) for r in reviews if r.refused is None and r.default_accept]
    out = []
    for r in reviews:
        if r.path in chosen:
            if r.refused is not None:
                raise ValidationError(f"“{r.name}”不能收集：{r.refused}")
            idx = sorted(set(chosen[r.path]))
            if any(not 0 <= i < len(r.changes) for i in idx):
                raise ValidationError(f"“{r.name}”中没有所选的修改。")
            out.append((r, idx))
    units = [(r.plan_id, r.unit_id) for r, _ in out]
    if len(units) != len(set(units)):
        raise ValidationError("同一单位选择了不止一份反馈表，请只保留一份。")
    return out
