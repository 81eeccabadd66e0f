"""The publication check of what the program itself is about to export: the review table, the annual
report and the 落实情况通报 (overview), with each finding's place in the document, and masked copies
to export instead."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from gongkai_desk.core.publication.detect import Finding, find_all, mask_text
from gongkai_desk.core.reports.review_model import COLUMNS


def review_segments(doc) -> Iterator[tuple[str, str]]:
    for t_i, table in enumerate(doc.tables, 1):
        where = f"表“{table.title}”" if len(doc.tables) == 1 else f"第{t_i}张表（{table.unit or table.title}）"
        yield f"{where}标题", table.title
        if table.subtitle:
            yield f"{where}制表单位行", table.subtitle
        n = 0
        for sec in table.sections:
            if sec.title:
                yield f"{where}部分“{sec.title[:20]}”", sec.title
            for row in sec.rows:
                n += 1
                number = row.cells.get("number") or str(n)
                for key, text in row.cells.items():
                    if text:
                        yield f"{where}第{number}项“{COLUMNS.get(key, key)}”", text


def check_review(doc) -> list[Finding]:
    return find_all(review_segments(doc))


def mask_review(doc):
    """A copy of the review document with every personal finding masked."""
    tables = []
    for t in doc.tables:
        sections = [dataclasses.replace(s, title=mask_text(s.title), rows=[
            dataclasses.replace(r, cells={k: mask_text(v) for k, v in r.cells.items()}) for r in s.rows])
            for s in t.sections]
        tables.append(dataclasses.replace(t, title=mask_text(t.title), sections=sections,
                                          subtitle=None if t.subtitle is None else mask_text(t.subtitle)))
    return dataclasses.replace(doc, tables=tables)


def report_segments(report) -> Iterator[tuple[str, str]]:
    yield "发布机关", report.issuer
    for no, text in report.texts.items():
        for i, para in enumerate((text or "").splitlines(), 1):
            if para.strip():
                yield f"第{no}部分第{i}段", para


def check_report(report) -> list[Finding]:
    return find_all(report_segments(report))


def mask_report(report):
    return dataclasses.replace(report, issuer=mask_text(report.issuer),
                               texts={k: mask_text(v) for k, v in report.texts.items()})


def overview_segments(ov) -> Iterator[tuple[str, str]]:
    """The overview's own words: its title and each task's text once (units and figures are the
    directory's and the program's)."""
    yield "标题", ov.title
    seen: set[int] = set()
    for i in [*ov.overdue_list, *ov.due_soon_list]:
        if i.task_id not in seen:
            seen.add(i.task_id)
            yield f"任务{i.number or i.task_id}", i.text
    for row in ov._raw_rows:  # (task id, section, number, text, …): every task the 通报 lists
        if row[0] not in seen:
            seen.add(row[0])
            yield f"任务{row[2] or row[0]}", row[3]


def check_overview(ov) -> list[Finding]:
    return find_all(overview_segments(ov))


def mask_overview(ov):
    """A copy of the overview with every task text and the title masked (the database unchanged)."""
    return dataclasses.replace(
        ov, title=mask_text(ov.title),
        overdue_list=[dataclasses.replace(i, text=mask_text(i.text)) for i in ov.overdue_list],
        due_soon_list=[dataclasses.replace(i, text=mask_text(i.text)) for i in ov.due_soon_list],
        _raw_rows=[(*r[:3], mask_text(r[3]), *r[4:]) for r in ov._raw_rows])
