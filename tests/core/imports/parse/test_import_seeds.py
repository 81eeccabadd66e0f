"""Every seed document imports the way ``tests/data/seeds/expected.yaml`` says.

Comparison rules (from the yaml's header): unit names compare after simplification and after
dropping a trailing 等/等有关单位/等有关部门; two names also match when they differ only by a
leading 区/市/县 that one of them has. Sample lists must match exactly as sets; "units" means
lead and responsible together. Task prefixes are compared on simplified text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import lru_cache

import pytest
import yaml

from gongkai_desk.core.imports.parse import parse_file
from gongkai_desk.core.imports.parse.cleanup import has_pinyin, to_simplified
from gongkai_desk.core.imports.parse.parsed import ParsedPlan, ParsedTask
from tests.conftest import DATA

SEEDS = DATA / "seeds"
EXPECTED: dict = yaml.safe_load((SEEDS / "expected.yaml").read_text(encoding="utf-8"))

# Facts the yaml states in comments rather than keys (002: "the web page says 发布时间 2017-05-09").
EXTRA = {"002_0996a4706de2c10f.txt": {"published": "2017-05-09"}}

# The yaml words its expected warnings in English; each maps to our stable warning code.
WARNING_CODES = {
    "no units found": "no_units",
    "section number repeats": "duplicate_section",
}


@lru_cache(maxsize=None)
def parsed(name: str) -> ParsedPlan:
    return parse_file(SEEDS / name)


def _norm(name: str) -> str:
    name = to_simplified(name.strip())
    return re.sub(r"(等有关单位|等有关部门|等)$", "", name)


def _same(a: str, b: str) -> bool:
    if a == b:
        return True
    return any(a == p + b or b == p + a for p in "区市县")


def units_match(actual: list[str], expected: list[str]) -> bool:
    """Tell whether two unit lists are the same set under the yaml's comparison rules."""
    left = [_norm(u) for u in dict.fromkeys(actual)]
    right = [_norm(u) for u in dict.fromkeys(expected)]
    if len(left) != len(right):
        return False
    for e in right:
        hit = next((a for a in left if _same(a, e)), None)
        if hit is None:
            return False
        left.remove(hit)
    return not left


def find_task(plan: ParsedPlan, prefix: str) -> ParsedTask:
    hits = [t for t in plan.tasks if to_simplified(t.text).startswith(prefix)]
    assert len(hits) == 1, f"{len(hits)} tasks start with {prefix!r}: {[t.text[:20] for t in hits]}"
    return hits[0]


def _date(v) -> str | None:
    return v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v


SCALARS = [(seed, key) for seed, exp in EXPECTED.items() for key in
           ("title", "issuer", "date", "year", "published", "tasks", "top_sections", "sub_sections",
            "status_counts", "deadline_counts") if key in exp or key in EXTRA.get(seed, {})]
SAMPLES = [(seed, i) for seed, exp in EXPECTED.items() for i in range(len(exp.get("samples", [])))]
WARNINGS = [(seed, w) for seed, exp in EXPECTED.items() for w in exp.get("expect_warnings", [])]


@pytest.mark.parametrize(("seed", "key"), SCALARS, ids=[f"{s[:3]}-{k}" for s, k in SCALARS])
def test_seed_fact(seed: str, key: str) -> None:
    plan = parsed(seed)
    expected = {**EXPECTED[seed], **EXTRA.get(seed, {})}[key]
    if key == "title":
        assert plan.title == expected
    elif key == "issuer":
        assert plan.issuer == expected
    elif key in ("date", "published"):
        got = getattr(plan, key)
        assert (got.isoformat() if got else None) == _date(expected)
    elif key == "year":
        assert plan.year == expected
    elif key == "tasks":
        assert len(plan.tasks) == expected
    elif key == "top_sections":
        assert len([s for s in plan.sections if s.level == 1]) == expected
    elif key == "sub_sections":
        assert sum(1 for top in plan.sections for s in top.children if s.level == 2) == expected
    elif key == "status_counts":
        assert Counter(t.status for t in plan.tasks if t.status) == Counter(expected)
        assert all(t.status for t in plan.tasks)
    elif key == "deadline_counts":
        assert Counter(t.deadline for t in plan.tasks if t.deadline) == Counter(expected)
        assert all(t.deadline for t in plan.tasks)


@pytest.mark.parametrize(("seed", "index"), SAMPLES,
                         ids=[f"{s[:3]}-{EXPECTED[s]['samples'][i]['prefix'][:8]}" for s, i in SAMPLES])
def test_seed_sample(seed: str, index: int) -> None:
    sample = EXPECTED[seed]["samples"][index]
    task = find_task(parsed(seed), sample["prefix"])
    if "lead" in sample:
        assert units_match(task.lead_units, sample["lead"]), task.lead_units
    if "responsible" in sample:
        assert units_match(task.responsible_units, sample["responsible"]), task.responsible_units
    if "units" in sample:
        assert units_match(task.lead_units + task.responsible_units, sample["units"]), (
            task.lead_units, task.responsible_units)
    if "deadline" in sample:
        assert task.deadline == sample["deadline"]
    if "status" in sample:
        assert task.status == sample["status"]


@pytest.mark.parametrize(("seed", "wording"), WARNINGS, ids=[f"{s[:3]}-{w[:20]}" for s, w in WARNINGS])
def test_seed_expected_warning(seed: str, wording: str) -> None:
    codes = [code for phrase, code in WARNING_CODES.items() if phrase in wording]
    assert codes, f"no warning code known for the expectation {wording!r}"
    got = {w.code for w in parsed(seed).warnings}
    assert set(codes) <= got


@pytest.mark.parametrize("seed", list(EXPECTED))
def test_seed_text_is_clean(seed: str) -> None:
    """No pinyin, no '?' garbage or line fragments survive unflagged into tasks and units."""
    plan = parsed(seed)
    for t in plan.tasks:
        for u in t.lead_units + t.responsible_units:
            assert not has_pinyin(u) and "?" not in u and "？" not in u, u
            assert u not in ("单位", "部门", "各有关"), u
            assert u == to_simplified(u), u
        if "?" in t.text or has_pinyin(t.text):
            assert "text_uncertain" in t.flags, t.text
        assert t.text.strip() and t.text == t.text.strip()


@pytest.mark.parametrize("seed", list(EXPECTED))
def test_seed_warnings_are_well_formed(seed: str) -> None:
    for w in parsed(seed).warnings:
        assert isinstance(w.line, int) and w.line >= 1, w
        assert re.fullmatch(r"[a-z]+(_[a-z]+)*", w.code), w.code
        assert re.search(r"[\u4e00-\u9fff]", w.message) and w.message.endswith("。"), w.message


def test_000_inherited_units_are_flagged() -> None:
    """Rows under a merged unit cell may inherit the units above, but must be flagged."""
    plan = parsed("000_1742e9cc53a0fb79.txt")
    inherited = [t for t in plan.tasks if "units_inherited" in t.flags]
    assert inherited
    warned = {w.line for w in plan.warnings if w.code == "units_inherited"}
    assert {t.line for t in inherited} <= warned


def test_000_cut_unit_cell_is_flagged_not_a_unit() -> None:
    """"区政府办,各有关": 区政府办 stays, the cut-off rest is no unit and the task is flagged."""
    task = find_task(parsed("000_1742e9cc53a0fb79.txt"), "履行重大政策")
    assert task.lead_units + task.responsible_units == ["区政府办"]
    assert "fragment_dropped" in task.flags


def test_004_units_for_all_below() -> None:
    """Task 1 says every later task is also carried out by 各县市区."""
    plan = parsed("004_54c973fdc3487bf7.txt")
    assert all("各县市区" in t.responsible_units for t in plan.tasks[1:])
    assert any(w.code == "units_for_all_below" and "各县市区" in w.message for w in plan.warnings)


def test_004_damaged_headings_are_repaired_or_flagged() -> None:
    plan = parsed("004_54c973fdc3487bf7.txt")
    numbers = [s.number for top in plan.sections for s in top.children]
    assert numbers == ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三",
                       "十四", "十五", "十六", "十七"]
    codes = Counter(w.code for w in plan.warnings)
    assert codes["text_repaired"] == 11
    titles = [s.title for top in plan.sections for s in top.children]
    assert "加强涉及市场主体的信息公开" in titles


def test_003_is_a_review_with_details() -> None:
    plan = parsed("003_1570cc0bf3a746b3.txt")
    assert plan.kind == "review"
    assert all(t.detail and len(t.detail) > len(t.text) for t in plan.tasks)
    assert all(len(t.section) == 1 for t in plan.tasks)


def test_002_context_section_holds_no_task() -> None:
    plan = parsed("002_0996a4706de2c10f.txt")
    assert not [t for t in plan.tasks if t.section and t.section[0] == "总体要求"]
    assert plan.sections[0].title == "总体要求"
