"""Word and Excel task tables in the layouts offices publish (``office_tables.LAYOUTS``): every task read
as the clerk reads it, and no source text dropped silently from any of them."""

from __future__ import annotations

import re

import pytest

from gongkai_desk.core.imports.parse import parse_file
from gongkai_desk.core.imports.parse.ledger import REASONS
from tests.core.imports.parse.office_tables import LAYOUTS, Layout


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "").rstrip("。；;")


def _titles(sections, *, context: bool = True):
    """Section titles; without ``context``, not those of context sections (说明, 总体要求: kept, never tasks)."""
    for s in sections:
        if context or not s.context:
            yield s.title
            yield from _titles(s.children, context=context)


def problems(plan, layout: Layout) -> list[str]:
    """What the parse got wrong against what the clerk reads in the layout (empty: all right)."""
    out = []
    for e in layout.expect:
        t = next((t for t in plan.tasks if _norm(t.text) == _norm(e.text)), None)
        if t is None:
            out.append(f"no task {e.text!r}")
            continue
        body = _norm(t.text) + _norm(t.detail)
        got = {"lead": tuple(t.lead_units), "resp": tuple(t.responsible_units), "deadline": t.deadline,
               "section": tuple(t.section), "number": t.number}
        wrong = [f"{k}={v!r}" for k, v in got.items() if getattr(e, k) is not None and getattr(e, k) != v]
        wrong += [f"lost {h!r}" for h in e.has if _norm(h) not in body]
        if "\n" in t.text:
            wrong.append("line break in the text")
        if wrong:
            out.append(f"{e.text[:16]}: " + ", ".join(wrong))
    out += [f"extra task {t.text[:20]!r}" for t in plan.tasks
            if not any(_norm(t.text) == _norm(e.text) for e in layout.expect)]
    titles = list(_titles(plan.sections, context=False))
    for word in layout.absent:
        if any(word in (t.text or "") + (t.detail or "") for t in plan.tasks) or any(word in s for s in titles):
            out.append(f"{word!r} read as a task or a section")
    return out


@pytest.fixture(scope="module")
def parsed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("layouts")
    cache = {}

    def get(layout: Layout):
        if layout.name not in cache:
            path = folder / f"{layout.name}{layout.suffix}"
            layout.build(path)
            cache[layout.name] = parse_file(path)
        return cache[layout.name]
    return get


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda x: x.name)
def test_the_tasks_are_read_as_the_clerk_reads_them(parsed, layout):
    if layout.todo:
        pytest.xfail(layout.todo)
    assert problems(parsed(layout), layout) == []


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda x: x.name)
def test_no_source_text_is_dropped_silently(parsed, layout):
    """Every non-empty cell and paragraph ends in a task, a section, the metadata or the not-imported list."""
    if layout.todo and "ledger" in layout.todo:
        pytest.xfail(layout.todo)
    plan = parsed(layout)
    ledger = plan.ledger
    assert [ledger.sources[k].text for k in ledger.unaccounted() if ledger.sources[k].text.strip()] == []
    assert all(n.code in REASONS and n.code != "unrecognized" for n in plan.not_imported)
    fields = _norm("".join("".join(filter(None, (t.number, t.text, t.detail, t.deadline, t.units_raw,
                                                 *t.lead_units, *t.responsible_units))) for t in plan.tasks))
    sections = _norm("".join(_titles(plan.sections)))
    for k, src in enumerate(ledger.sources):
        text, fate = _norm(src.text), ledger.fate.get(k)
        if text and fate in ("task", "section"):
            words = re.sub(r"^[（(]?[\d一二三四五六七八九十]+[)）.、．]?", "", text)[:12]  # numbering set apart
            assert words in (fields if fate == "task" else sections + fields), (fate, src.text[:40])


def test_hidden_rows_and_columns_are_listed_and_flagged_not_imported(parsed):
    plan = parsed(next(x for x in LAYOUTS if x.name == "hidden_rows_and_columns_xlsx"))
    hidden = [n.text for n in plan.not_imported if n.code == "hidden"]
    assert "已取消的任务：编印政务公开宣传册" in hidden and "联系电话" in hidden and "0551-7654321" in hidden
    assert [w.code for w in plan.warnings].count("hidden_cells") == 1
    assert [c.header for c in plan.tables[0].columns] == ["序号", "工作任务", "责任单位", "完成时限"]


def test_a_cell_of_numbered_points_stays_one_task(tmp_path):
    """"1.…\\n2.…" in one task cell: the points of one task, kept together (the first point is no
    title over the others)."""
    from tests.core.imports.parse.office_tables import xlsx_table

    path = tmp_path / "points.xlsx"
    xlsx_table(path, [["序号", "工作任务", "责任单位", "完成时限"],
                      [1, "1.公开财政预算。\n2.公开部门决算。\n3.公开“三公”经费。", "区财政局", "6月底前"]])
    [task] = parse_file(str(path)).tasks
    assert task.text == "1.公开财政预算。2.公开部门决算。3.公开“三公”经费。" and task.detail is None
    assert task.responsible_units == ["区财政局"] and task.deadline == "6月底前"
