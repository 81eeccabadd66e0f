"""Each .docx/.xlsx fixture imports to the same tasks as the .txt seed it was built from.

The fixtures are the published documents; the .txt seeds are the same documents damaged by a
web page. Where the damage destroyed information the document still has, the comparison says so
explicitly (``TXT_DAMAGE``/``LOST_UNITS``) instead of loosening the whole check.
"""

from __future__ import annotations


import pytest

from gongkai_desk.core.errors import ImportFormatError
from gongkai_desk.core.imports.parse import ParsedPlan, ParsedTask, parse_file
from tests.conftest import DATA


CASES = [  # fixture, seed, units compared by role (False: the .txt cannot tell 牵头 from 责任)
    ("seed000.docx", "000", False),
    ("seed000_numbered.docx", "000", False),
    ("seed003.docx", "003", False),
    ("seed003.xlsx", "003", False),
    ("seed004.docx", "004", True),
    ("seed004.xlsx", "004", True),
]
# Text the .txt seed 004 lost or garbled and the original still has.
TXT_DAMAGE = {"?fàn)I造": "营造", "?shù)墓_": "的公开", "互联网 监管": "互联网+监管"}
DAMAGED_SECTIONS = {"着力做好重要民生保障信息公开"}  # (六): its .txt line is GBK garbage
# Units the flattened seed 000 cut off: "区政府办,各有关" is 区政府办 + 区各有关部门 in the table.
LOST_UNITS = {"履行重大政策": {"区各有关部门"}, "联合政策制定业务部门": {"区各有关部门"}}
_cache: dict[str, ParsedPlan] = {}


def parsed(name: str) -> ParsedPlan:
    if name not in _cache:
        path = DATA / name if "." in name else next((DATA / "seeds").glob(f"{name}_*.txt"))
        _cache[name] = parse_file(path)
    return _cache[name]


def repaired(text: str | None) -> str | None:
    for bad, good in TXT_DAMAGE.items():
        text = text.replace(bad, good) if text else text
    return text


def units(task: ParsedTask) -> set[str]:
    return set(task.lead_units) | set(task.responsible_units)


def pairs(fixture: str, seed: str) -> list[tuple[ParsedTask, ParsedTask]]:
    txt, doc = parsed(seed).tasks, parsed(fixture).tasks
    assert len(doc) == len(txt), f"{fixture}: {len(doc)} tasks, {seed}.txt: {len(txt)}"
    return list(zip(txt, doc))


@pytest.mark.parametrize(("fixture", "seed", "by_role"), CASES)
def test_same_task_count_numbers_and_text(fixture, seed, by_role):
    for txt, doc in pairs(fixture, seed):
        assert doc.number == txt.number
        assert doc.text == repaired(txt.text)
        assert doc.detail == repaired(txt.detail)


@pytest.mark.parametrize(("fixture", "seed", "by_role"), CASES)
def test_same_deadline_status_and_progress(fixture, seed, by_role):
    for txt, doc in pairs(fixture, seed):
        assert (doc.deadline, doc.status, doc.progress) == (txt.deadline, txt.status, txt.progress), doc.text


@pytest.mark.parametrize(("fixture", "seed", "by_role"), CASES)
def test_same_sections(fixture, seed, by_role):
    for txt, doc in pairs(fixture, seed):
        assert len(doc.section) == len(txt.section), doc.text
        for a, b in zip(txt.section, doc.section):
            assert b == a or b.rstrip("。") in DAMAGED_SECTIONS, (a, b)


@pytest.mark.parametrize(("fixture", "seed", "by_role"), [c for c in CASES if c[1] != "000"])
def test_same_units(fixture, seed, by_role):
    for txt, doc in pairs(fixture, seed):
        if by_role:
            assert (doc.lead_units, doc.responsible_units) == (txt.lead_units, txt.responsible_units), doc.text
        else:
            assert units(doc) == units(txt), doc.text


@pytest.mark.parametrize("fixture", ["seed000.docx", "seed000_numbered.docx"])
def test_seed000_units_follow_the_merged_unit_cells(fixture):
    """A row without unit lines in the .txt sits under the merged unit cell of the row above."""
    cell: set[str] = set()
    for txt, doc in pairs(fixture, "000"):
        own = units(txt) and not {"units_inherited", "no_units"} & set(txt.flags)
        lost = next((v for k, v in LOST_UNITS.items() if txt.text.startswith(k)), set())
        if own:
            cell = units(txt) | lost
        assert units(doc) == cell, doc.text
        assert "no_units" not in doc.flags


@pytest.mark.parametrize(("fixture", "seed", "by_role"), CASES)
def test_same_plan_metadata(fixture, seed, by_role):
    txt, doc = parsed(seed), parsed(fixture)
    assert (doc.kind, doc.year, doc.title) == (txt.kind, txt.year, txt.title)
    assert len(doc.sections) == len(txt.sections)
    assert [s.number for s in doc.sections] == [s.number for s in txt.sections]


@pytest.mark.parametrize("name", ["corrupt.docx", "encrypted.xlsx", "xxe.docx", "empty.txt", "not_a_plan.xlsx"])
def test_hostile_files_are_refused_by_parse_file(name):
    with pytest.raises(ImportFormatError) as info:
        parse_file(DATA / "bad" / name)
    assert name in str(info.value)
