"""The one place each stored row is spelled out (its columns and how each value is written).

Edits, imports and the demo all build rows here, so a column added by a migration is added in
this file and in the migration, nowhere else. Functions take already validated values.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Iterable, Mapping
from typing import Any

from gongkai_desk.core.values import deadline_columns, iso, json_list, now_text, optional_text

Row = dict[str, Any]
PROGRESS_COLUMNS = ("status", "done", "problems", "next_steps", "evidence", "updated_at", "updated_by")


def plan(*, year: int, title: str, issuer: Iterable[str] = (), doc_number: str | None = None,
         issue_date: _dt.date | None = None, kind: str = "plan", source: str | None = None) -> Row:
    return {
        "year": year, "title": title, "issuer": json_list(issuer), "doc_number": optional_text(doc_number),
        "issue_date": iso(issue_date), "kind": "review" if kind == "review" else "plan", "source": source,
        "created_at": now_text(),
    }


def section(*, plan_id: int, parent_id: int | None, level: int, number: str | None, title: str,
            position: int) -> Row:
    return {"plan_id": plan_id, "parent_id": parent_id, "level": level, "number": optional_text(number),
            "title": title, "position": position}


def task(*, plan_id: int, section_id: int | None, text: str, year: int | None, position: int,
         number: str | None = None, detail: str | None = None, deadline: str | None = None,
         deadline_date: _dt.date | None = None, flags: Iterable[str] = (), source_line: int | None = None) -> Row:
    return {
        "plan_id": plan_id, "section_id": section_id, "number": optional_text(number), "text": text,
        "detail": optional_text(detail), **deadline_columns(deadline, year, deadline_date), "position": position,
        "flags": json_list(flags), "source_line": source_line,
    }


def assignment(*, task_id: int, unit_id: int, role: str, position: int,
               progress: Mapping[str, Any] | None = None) -> Row:
    """A unit on a task; ``progress`` may carry any of ``PROGRESS_COLUMNS`` (defaults: 未启动, empty)."""
    row: Row = {"task_id": task_id, "unit_id": unit_id, "role": role, "position": position}
    for k, v in (progress or {}).items():
        if k not in PROGRESS_COLUMNS:
            raise KeyError(k)
        row[k] = v
    return row


def unit(*, name: str, is_group: bool = False) -> Row:
    return {"name": name, "is_group": int(bool(is_group))}


def alias(*, alias: str, unit_id: int) -> Row:
    return {"alias": alias, "unit_id": unit_id}


def member(*, group_id: int, member_id: int) -> Row:
    return {"group_id": group_id, "member_id": member_id}


def stats_cell(*, year: int, cell: str) -> Row:
    """The key of one annual-report statistics cell (its value is written with an upsert)."""
    return {"year": year, "cell": cell}


def feedback_round(*, plan_id: int, number: int, token: str, sent_at: str, due_date: _dt.date | None,
                   sent_by: str | None) -> Row:
    return {"plan_id": plan_id, "number": number, "token": token, "sent_at": sent_at, "due_date": iso(due_date),
            "sent_by": sent_by}


def feedback_round_unit(*, round_id: int, unit_id: int, unit_name: str, file_name: str, tasks: int) -> Row:
    return {"round_id": round_id, "unit_id": unit_id, "unit_name": unit_name, "file_name": file_name,
            "tasks": tasks}


def feedback_return(*, round_id: int, unit_id: int, file_name: str, file_hash: str, filled_by: str = "",
                    phone: str = "", reviewer: str = "", accepted: int = 0, problems: Iterable[str] = (),
                    notes: str = "") -> Row:
    """A returned feedback workbook as collected: who filled it, how many changes were taken, its problems."""
    return {"round_id": round_id, "unit_id": unit_id, "file_name": file_name, "file_hash": file_hash,
            "collected_at": now_text(), "filled_by": filled_by, "phone": phone, "reviewer": reviewer,
            "accepted": accepted, "problems": json_list(problems), "notes": notes}


def holiday(*, date: _dt.date, source: str, kind: str, name: str | None, year: int) -> Row:
    """A day off ("holiday") or make-up workday ("workday") from a notice or the clerk."""
    return {"date": date.isoformat(), "source": source, "kind": kind, "name": optional_text(name), "year": year}


def holiday_year(*, year: int, complete: bool, source: str | None, notice: str | None = None) -> Row:
    return {"year": year, "complete": int(bool(complete)), "source": source, "notice": optional_text(notice),
            "updated_at": now_text()}


def chasing(*, batch: int, plan_id: int | None, task_id: int | None, unit_id: int | None, unit_name: str,
            task_number: str | None, date: _dt.date, way: str, person: str = "", answer: str = "",
            created_by: str | None = None) -> Row:
    """One task of one 催办 (a call, letter, OA message or visit to a unit)."""
    return {"batch": batch, "plan_id": plan_id, "task_id": task_id, "unit_id": unit_id, "unit_name": unit_name,
            "task_number": optional_text(task_number), "date": date.isoformat(), "way": way,
            "person": (person or "").strip(), "answer": (answer or "").strip(), "created_at": now_text(),
            "created_by": created_by}


def task_start(*, task_id: int, start: _dt.date) -> Row:
    return {"task_id": task_id, "start": start.isoformat()}


def trash_item(*, kind: str, title: str, plan_id: int | None, summary: str, deleted_by: str,
               rows: list[tuple[str, Mapping[str, Any]]]) -> Row:
    """What one deletion took away: ``rows`` as (table, row) in the order they are put back."""
    return {"kind": kind, "title": title, "plan_id": plan_id, "summary": summary, "deleted_at": now_text(),
            "deleted_by": deleted_by, "rows": json.dumps([[t, dict(r)] for t, r in rows], ensure_ascii=False)}
