"""Nothing is dropped silently: every paragraph and table cell of every seed and corpus document ends
in a task field, a section title, the metadata, or a listed "not imported" item with its reason."""

from __future__ import annotations

import re
from functools import lru_cache

import pytest

from gongkai_desk.core.imports.parse import parse_file, parse_text
from gongkai_desk.core.imports.parse.cleanup import clean_line
from gongkai_desk.core.imports.parse.ledger import REASONS
from tests.conftest import DATA

DOCUMENTS = sorted([*(DATA / "seeds").glob("*.txt"), *(DATA / "corpus").glob("*.*"),
                    *DATA.glob("seed*.docx"), *DATA.glob("seed*.xlsx")])
DOCUMENTS = [p for p in DOCUMENTS if p.suffix != ".yaml"]


@lru_cache(maxsize=None)
def parsed(path):
    return parse_file(path)


def _norm(text: str | None) -> str:
    return re.sub(r"[\s，,。.．；;：:、“”\"'‘’（）()《》〔〕【】|｜\-—_/]", "", clean_line(text or ""))


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_every_piece_of_the_source_is_accounted_for(path):
    plan = parsed(path)
    ledger = plan.ledger
    missing = [ledger.sources[k].text for k in ledger.unaccounted() if ledger.sources[k].text.strip()]
    assert missing == [], f"not accounted for: {missing[:5]}"
    assert all(n.code in REASONS and n.code != "unrecognized" for n in plan.not_imported)
    assert all(n.reason and re.search(r"[\u4e00-\u9fff]", n.reason) for n in plan.not_imported)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_what_is_said_to_be_in_a_task_is_in_a_task(path):
    """A piece marked as used by a task really is in that task's fields (or among its units)."""
    plan = parsed(path)
    ledger = plan.ledger
    fields = _norm("".join("".join(filter(None, (t.number, t.text, t.detail, t.deadline, t.status, t.progress,
                                                  t.problems, t.next_steps, t.units_raw, *t.lead_units,
                                                  *t.responsible_units))) for t in plan.tasks))
    sections = _norm("".join(s for t in plan.tasks for s in t.section) + "".join(_titles(plan.sections)))
    for k, src in enumerate(ledger.sources):
        fate, text = ledger.fate.get(k), _norm(src.text)
        if not text or fate not in ("task", "section"):
            continue
        words = re.sub(r"^\d+|^[一二三四五六七八九十]+", "", text)[:12]  # its numbering may be set apart
        where = fields if fate == "task" else sections + fields
        assert words in where or text[-12:] in where, (fate, src.text[:40])


def _titles(sections):
    for s in sections:
        yield s.title
        yield from _titles(s.children)


def test_not_imported_items_are_in_the_json_with_line_text_and_reason():
    plan = parse_text("您当前所在位置:首页 > 政务公开\n某县2023年政务公开工作要点\n一、指导思想\n以习近平新时代中国特色社会主义思想为指导。\n"
                      "二、重点任务\n1.推进决策公开。（牵头单位：县政府办）\n分享到:\n")
    items = plan.to_json()["not_imported"]
    by_code = {i["code"]: i for i in reversed(items)}
    assert [i["line"] for i in items if i["code"] == "page_chrome"] == [1, 7] and by_code["page_chrome"]["reason"]
    assert by_code["context_section"]["text"].startswith("以习近平")
    assert set(by_code) == {"page_chrome", "context_section"}
    assert [s["context"] for s in plan.to_json()["sections"] if s.get("context")] == [True]


def test_an_unrecognised_piece_would_be_listed_not_lost():
    plan = parse_text("某县2023年政务公开工作要点\n一、重点任务\n1.推进决策公开。（牵头单位：县政府办）\n")
    k = plan.ledger.register(99, "谁也没有处理的文字")
    assert plan.ledger.unaccounted() == [k]
    assert plan.ledger.not_imported()[-1].code == "unrecognized"


def test_the_import_command_says_what_was_left_out(tmp_path):
    from tests.conftest import run_cli

    plan = tmp_path / "plan.txt"
    plan.write_text("您当前所在位置:首页 > 政务公开\n某县2023年政务公开工作要点\n一、指导思想\n以习近平新时代中国特色社会主义思想为指导。\n"
                    "二、重点任务\n1.推进决策公开。（牵头单位：县政府办）\n", encoding="utf-8")
    r = run_cli("import", str(plan), "--year", "2023", db=tmp_path / "gk.db")
    assert r.returncode == 0, r.stderr.decode("utf-8")
    out = r.stdout.decode("utf-8")
    assert "未导入的内容2处" in out and "网页栏目、导航、分享等页面元素1处" in out
