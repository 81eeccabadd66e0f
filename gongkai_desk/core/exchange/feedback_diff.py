"""What a returned feedback workbook would change, and what is wrong with it: a pure function of
the file as read and of what the database knows (``Known``). Nothing here writes.

Three values meet for every cell the unit may fill: what was sent (pre-filled, kept in the signed
identity), what the file holds now, and what the database holds now. Only cells the unit changed
are proposed (file ≠ sent), and only when they differ from the database; when the database moved
since the file went out, the change says so (``conflict``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from gongkai_desk.core.exchange.feedback_meta import FIELDS, HEADERS, LOCKED, task_of_key, verify
from gongkai_desk.core.exchange.feedback_read import ReturnedRow, ReturnedWorkbook, UnreadableFile, text_of
from gongkai_desk.core.model import Status

FIELD_NAMES = {k: HEADERS[k] for k in (*LOCKED, *FIELDS)}
# Problems that only tell the clerk how the batch is read; the unit has nothing to fix.
BATCH_KINDS = {"duplicate_unit", "older_than_collected", "already_collected", "status_mapped"}


@dataclass(frozen=True)
class RoundInfo:
    id: int
    plan_id: int
    number: int
    sent_at: str
    unit_ids: frozenset[int]


@dataclass(frozen=True)
class ReturnInfo:
    round_id: int
    round_number: int
    plan_id: int
    unit_id: int
    file_hash: str


@dataclass(frozen=True)
class Known:
    """What the database knows, for reviewing files (built by ``ws.feedback``)."""

    database: str
    secret: str
    rounds: dict[str, RoundInfo]  # by token
    plans: dict[int, str]  # id → title
    units: dict[int, str]  # id → name
    entries: Callable[[int], dict[tuple[int, int], dict]]  # plan → (task, unit) → assignment row
    returns: tuple[ReturnInfo, ...] = ()
    only_plan: int | None = None  # refuse files of other plans (the window's current plan)


@dataclass(frozen=True)
class Change:
    task_id: int
    assignment_id: int
    number: str
    task_text: str
    field: str  # one of FIELDS
    old: str  # in the database now
    new: str
    row: int  # sheet row
    cell: str
    conflict: bool = False  # the database changed since the file went out
    note: str | None = None

    @property
    def field_name(self) -> str:
        return FIELD_NAMES[self.field]


@dataclass(frozen=True)
class Problem:
    kind: str
    message: str  # one Chinese sentence
    task_id: int | None = None
    number: str | None = None
    row: int | None = None
    cell: str | None = None  # the cell to mark in the 退回修改 workbook

    @property
    def for_unit(self) -> bool:
        """Whether the unit should fix it (it makes the return "有问题")."""
        return self.kind not in BATCH_KINDS


@dataclass(frozen=True)
class AddedRow:
    row: int
    text: str  # the row's cells joined, as a note


@dataclass(frozen=True)
class FileReview:
    path: str
    name: str
    refused: str | None = None  # the reason, when the file cannot be collected at all
    plan_id: int | None = None
    plan_title: str = ""
    unit_id: int | None = None
    unit_name: str = ""
    round_id: int | None = None
    round_number: int | None = None
    sha256: str = ""
    modified: str | None = None
    signers: dict[str, str] = field(default_factory=dict)
    signer_cells: dict[str, str] = field(default_factory=dict)
    sheet: str = ""
    changes: tuple[Change, ...] = ()
    problems: tuple[Problem, ...] = ()
    added: tuple[AddedRow, ...] = ()
    default_accept: bool = False  # taken by "accept all"

    @property
    def filled_by(self) -> str:
        return self.signers.get("filled_by", "")

    @property
    def has_problems(self) -> bool:
        return any(p.for_unit for p in self.problems)


def refused(path: str, name: str, reason: str) -> FileReview:
    return FileReview(path=path, name=name, refused=reason)


def review_file(wb: ReturnedWorkbook | UnreadableFile, known: Known) -> FileReview:
    """Review one file on its own (the batch rules come after, in ``review_batch``)."""
    if isinstance(wb, UnreadableFile):
        return refused(wb.path, wb.name, wb.reason)
    meta, name = wb.meta, wb.name
    if meta.database != known.database:
        return refused(wb.path, name, f"“{name}”是从另一个数据库（另一台电脑或另一份数据）导出的反馈表，"
                                      "不能收集到这里。请在导出它的那台电脑上收集。")
    if not verify(wb.payload, wb.signature, known.secret):
        return refused(wb.path, name, f"“{name}”中的识别信息被改动过，无法确认它属于哪个单位。"
                                      "请让单位在发给它的原反馈表中填写后再报送。")
    if meta.plan_id not in known.plans:
        return refused(wb.path, name, f"“{name}”所属的计划“{meta.plan_title}”已不在数据库中，无法收集。")
    if known.only_plan is not None and meta.plan_id != known.only_plan:
        return refused(wb.path, name, f"“{name}”是计划“{known.plans[meta.plan_id]}”的反馈表，不是当前计划的。"
                                      "请先在窗口中选择那个计划再收集。")
    rnd = known.rounds.get(meta.round_token)
    if rnd is None or rnd.plan_id != meta.plan_id:
        return refused(wb.path, name, f"“{name}”的发放记录（第{meta.round_number}轮）已不在数据库中"
                                      "（导出可能已被撤销），无法收集。请重新导出反馈表发给该单位。")
    if meta.unit_id not in known.units:
        return refused(wb.path, name, f"“{name}”的填报单位“{meta.unit_name}”已从单位名录中删除，无法收集。")
    changes, problems, added = _rows(wb, known)
    problems += _signer_problems(wb)
    return FileReview(
        path=wb.path, name=name, plan_id=meta.plan_id, plan_title=known.plans[meta.plan_id],
        unit_id=meta.unit_id, unit_name=known.units[meta.unit_id], round_id=rnd.id, round_number=rnd.number,
        sha256=wb.sha256, modified=wb.modified, signers=dict(wb.signers), signer_cells=dict(wb.signer_cells),
        sheet=wb.sheet, changes=tuple(changes), problems=tuple(problems), added=tuple(added), default_accept=True)


def _signer_problems(wb: ReturnedWorkbook) -> list[Problem]:
    if wb.signers.get("filled_by"):
        return []
    return [Problem("no_signer", "没有填写填报人。", cell=wb.signer_cells.get("filled_by"))]


def _rows(wb: ReturnedWorkbook, known: Known) -> tuple[list[Change], list[Problem], list[AddedRow]]:
    meta = wb.meta
    entries = known.entries(meta.plan_id)
    changes: list[Change] = []
    problems: list[Problem] = []
    added: list[AddedRow] = []
    seen: dict[int, int] = {}
    for row in wb.rows:
        task_id = task_of_key(row.key)
        sent = meta.row(task_id) if task_id is not None else None
        if sent is None:
            if any(row.values) or any(row.locked):
                added.append(AddedRow(row.row, "；".join(t for t in (*row.locked, *row.values) if t)))
                problems.append(Problem("row_added", f"第{row.row}行是单位自行增加的行，不会收集到任何任务中"
                                        "（可以作为备注保留）。", row=row.row, cell=row.coords.get("text")))
            continue
        number = sent.locked[0]
        if task_id in seen:
            problems.append(Problem("row_duplicate", f"任务{number}出现了两次（第{seen[task_id]}行和第{row.row}行），"
                                    f"只收集第{seen[task_id]}行。", task_id, number, row.row, row.coords.get("number")))
            continue
        seen[task_id] = row.row
        problems += _locked_problems(row, sent.locked, task_id, number)
        entry = entries.get((task_id, meta.unit_id))
        if entry is None:
            if row.values != sent.sent:
                problems.append(Problem("task_gone", f"任务{number}已从计划中删除，或本单位已不再承担它，"
                                        "这一行没有收集。", task_id, number, row.row))
            continue
        c, p = _cells(row, sent.sent, entry, task_id, number, sent.locked[1])
        changes += c
        problems += p
    for sent in meta.rows:
        if sent.task_id not in seen:
            problems.append(Problem("row_missing", f"任务{sent.locked[0]}的行被删除了，该任务没有收集。",
                                    sent.task_id, sent.locked[0]))
    return changes, problems, added


def _locked_problems(row: ReturnedRow, locked: tuple[str, ...], task_id: int, number: str) -> list[Problem]:
    out = []
    for key, was, now in zip(LOCKED, locked, row.locked):
        if now != text_of(was):  # compared as a cell reads back (stripped, one kind of line break)
            out.append(Problem("locked_edited", f"任务{number}的“{FIELD_NAMES[key]}”被改动（原为“{_short(was)}”，"
                               f"现为“{_short(now)}”），这一列由政务公开办填写，改动不会生效。",
                               task_id, number, row.row, row.coords.get(key)))
    return out


def _cells(row: ReturnedRow, sent: tuple[str, ...], entry: dict, task_id: int, number: str, text: str
           ) -> tuple[list[Change], list[Problem]]:
    changes, problems = [], []
    for key, was, now in zip(FIELDS, sent, row.values):
        cell = row.coords.get(key, "")
        was, current = text_of(was), text_of(entry[key])  # as a cell reads back
        if key in row.formulas:
            problems.append(Problem("formula", f"任务{number}的“{FIELD_NAMES[key]}”是公式，请直接填写文字。",
                                    task_id, number, row.row, cell))
            continue
        note = None
        if key == "status":
            if not now:
                if was:
                    problems.append(Problem("status_blank", f"任务{number}没有选择完成状态。",
                                            task_id, number, row.row, cell))
                continue
            status = Status.parse(now)
            if status is None:
                words = "、".join(s.value for s in Status)
                problems.append(Problem("status_unknown", f"任务{number}的完成状态“{_short(now)}”不是规定的状态"
                                        f"（{words}），这一格没有收集。", task_id, number, row.row, cell))
                continue
            if status.value != now:
                note = f"“{now}”按“{status.value}”收集"
                problems.append(Problem("status_mapped", f"任务{number}的完成状态“{now}”按“{status.value}”收集。",
                                        task_id, number, row.row))
            now = status.value
        if now == was or now == current:
            continue  # the unit left it as sent, or the database already says so
        conflict = current != was
        if conflict:
            moved = f"发出后已改为“{_short(entry[key])}”" if entry[key] else "发出后已被清空"
            note = "；".join(x for x in (note, moved) if x)
        changes.append(Change(task_id, entry["id"], number, text, key, entry[key], now, row.row, cell, conflict, note))
    return changes, problems


def _short(text: str, n: int = 30) -> str:
    return text if len(text) <= n else text[:n] + "…"


def review_batch(files: Iterable[ReturnedWorkbook | UnreadableFile], known: Known) -> list[FileReview]:
    """Review every file, then apply the rules between files and against what was collected before:
    the same unit twice (the newest round wins, then the newest file), a file older than one already
    collected, a file already collected."""
    reviews = [review_file(f, known) for f in files]
    by_unit: dict[tuple[int, int], list[int]] = {}
    for i, r in enumerate(reviews):
        if r.refused is None:
            by_unit.setdefault((r.plan_id, r.unit_id), []).append(i)
    for (plan_id, unit_id), idx in by_unit.items():
        idx.sort(key=lambda i: (reviews[i].round_id or 0, reviews[i].modified or ""), reverse=True)
        winner = reviews[idx[0]]
        for i in idx[1:]:
            reviews[i] = _note(reviews[i], "duplicate_unit",
                               f"{winner.unit_name}还交来了“{winner.name}”（第{winner.round_number}轮），"
                               f"默认以它为准，这份不收集；如需改用这份，请单独选择它。")
        before = [x for x in known.returns if x.plan_id == plan_id and x.unit_id == unit_id]
        for i in idx:
            r = reviews[i]
            if any(x.file_hash == r.sha256 for x in before):
                reviews[i] = _note(r, "already_collected", "这份文件已经收集过了。")
            elif any(x.round_id > (r.round_id or 0) for x in before):
                newest = max(x.round_number for x in before)
                reviews[i] = _note(r, "older_than_collected", f"已经收集过{r.unit_name}第{newest}轮的反馈表，"
                                   f"这份是第{r.round_number}轮的，比已收集的旧，默认不收集。")
    return reviews


def _note(r: FileReview, kind: str, message: str) -> FileReview:
    return replace(r, problems=(Problem(kind, message), *r.problems), default_accept=False)
