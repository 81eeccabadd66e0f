"""One numbering rule: the document's number, with its section's where numbering restarts."""

from __future__ import annotations

from types import SimpleNamespace as T

from gongkai_desk.core.model import Section
from gongkai_desk.core.numbering import display_numbers, duplicate_numbers, next_number

S = [Section(1, 1, None, 1, "一", "推进决策公开", 0), Section(2, 1, None, 1, "二", "推进政策解读", 1),
     Section(3, 1, 1, 2, "一", "决策预公开", 0), Section(4, 1, 1, 2, "二", "决策执行", 1)]


def test_numbers_running_on_across_sections_are_shown_as_written():
    tasks = [T(id=1, number="1", section_id=1), T(id=2, number="2", section_id=1), T(id=3, number="3", section_id=2)]
    assert display_numbers(tasks, S) == {1: "1", 2: "2", 3: "3"}


def test_numbers_restarting_in_each_section_get_the_section_number():
    tasks = [T(id=1, number="1", section_id=1), T(id=2, number="2", section_id=1), T(id=3, number="1", section_id=2)]
    assert display_numbers(tasks, S) == {1: "一.1", 2: "一.2", 3: "二.1"}


def test_restarting_under_second_level_sections_goes_one_level_deeper():
    tasks = [T(id=1, number="1", section_id=3), T(id=2, number="1", section_id=4), T(id=3, number="1", section_id=2)]
    assert display_numbers(tasks, S) == {1: "一.一.1", 2: "一.二.1", 3: "二.1"}


def test_numbering_restarting_in_any_style_is_seen():
    """一、 or ① restarting under each section is a restart as 1. is (tasks numbered 一 in each chapter)."""
    for first, second in (("一", "二"), ("①", "②"), ("（1）", "（2）")):
        tasks = [T(id=1, number=first, section_id=1), T(id=2, number=second, section_id=1),
                 T(id=3, number=first, section_id=2)]
        assert display_numbers(tasks, S) == {1: f"一.{first}", 2: f"一.{second}", 3: f"二.{first}"}
        assert duplicate_numbers(tasks, S) == []


def test_tasks_without_numbers_and_duplicates():
    tasks = [T(id=1, number=None, section_id=1), T(id=2, number="2", section_id=1), T(id=3, number="2", section_id=1)]
    labels = display_numbers(tasks, S)
    assert labels[1] == "" and labels[2] == labels[3] == "2"  # a section prefix would not tell them apart
    assert duplicate_numbers(tasks, S) == ["2"]
    assert duplicate_numbers(tasks[:2], S) == []


def test_next_number():
    assert next_number(["1", "2", None, "7"]) == "8"
    assert next_number([]) == "1" and next_number(["甲"]) == "1"


def test_restart_depth_and_renumbering():
    from gongkai_desk.core.numbering import renumbered, restart_depth

    straight = [T(id=1, number="1", section_id=1), T(id=2, number="2", section_id=1), T(id=3, number="2", section_id=2)]
    assert restart_depth(straight, S) == 0  # one "1": the duplicate is a slip, not a restart
    assert renumbered(straight, S) == {1: "1", 2: "2", 3: "3"}
    per_section = [T(id=1, number="1", section_id=3), T(id=2, number="2", section_id=4), T(id=3, number="1", section_id=2),
                   T(id=4, number=None, section_id=2)]
    assert restart_depth(per_section, S) == 1  # restarts under 一、二、, runs on across （一）（二）
    assert renumbered(per_section, S) == {1: "1", 2: "2", 3: "1", 4: "2"}


def test_next_number_in_its_numbering_group():
    from gongkai_desk.core.numbering import next_number_in

    per_section = [T(id=1, number="1", section_id=1), T(id=2, number="2", section_id=1), T(id=3, number="1", section_id=2)]
    assert next_number_in(per_section, S, 2) == "2" and next_number_in(per_section, S, 1) == "3"
    straight = [T(id=1, number="1", section_id=1), T(id=2, number="2", section_id=2)]
    assert next_number_in(straight, S, 1) == "3"  # never a number already in use


def test_a_number_typed_twice_stays_visible_instead_of_prefixing_the_whole_plan():
    tasks = [T(id=1, number="1", section_id=1), T(id=2, number="2", section_id=1), T(id=3, number="2", section_id=2),
             T(id=4, number="3", section_id=2)]
    assert display_numbers(tasks, S) == {1: "1", 2: "2", 3: "2", 4: "3"}
    assert duplicate_numbers(tasks, S) == ["2"]
