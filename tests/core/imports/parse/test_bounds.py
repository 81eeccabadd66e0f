"""Issue 15, importer side: nothing hangs, nothing takes gigabytes, every refusal is one Chinese sentence."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import textwrap
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from gongkai_desk.core.errors import ImportFormatError
from gongkai_desk.core.imports.parse import parse_file, parse_text
from gongkai_desk.core.imports.parse.numerals import chinese_text, chinese_value
from gongkai_desk.core.imports.parse.unit_notes import parse_unit_text, split_trailing_note
from gongkai_desk.core.imports.units import split_units
from tests.conftest import ROOT
from tests.core.imports.parse import hostile_files

CHINESE = re.compile(r"[\u4e00-\u9fff]")


@contextmanager
def time_limit(seconds: int):
    """Fail (instead of hanging the suite) when the block runs longer than ``seconds``."""
    def expired(*_):
        raise TimeoutError(f"took longer than {seconds} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.mark.parametrize("build", hostile_files.OFFICE_AND_HTML, ids=lambda b: b.__name__)
def test_files_claiming_huge_sizes_are_refused_quickly_in_one_sentence(build, tmp_path):
    path = build(tmp_path)
    started = time.perf_counter()
    with time_limit(20), pytest.raises(ImportFormatError) as e:
        parse_file(path)
    assert time.perf_counter() - started < 5
    message = str(e.value)
    assert CHINESE.search(message) and "\n" not in message and "Traceback" not in message
    assert path.name in message


def test_hostile_files_stay_within_the_memory_bound(tmp_path):
    """Each file is parsed in a child process whose address space is capped: no MemoryError, a refusal."""
    paths = [str(build(tmp_path)) for build in hostile_files.OFFICE_AND_HTML]
    child = textwrap.dedent(f"""
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, (1200 * 1024 * 1024, resource.RLIM_INFINITY))
        from gongkai_desk.core.errors import ImportFormatError
        from gongkai_desk.core.imports.parse import parse_file
        import docx, openpyxl  # loaded before the cap bites, as in the app
        for path in {paths!r}:
            try:
                parse_file(path)
                print("parsed", path)
            except ImportFormatError:
                print("refused", path)
    """)
    out = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.count("refused") == len(paths), out.stdout


# --- every loop consumes input ----------------------------------------------------------------

@pytest.mark.parametrize("cell", [
    "牵头单位:县政府办、“”、县财政局;责任单位:各乡镇",
    "牵头单位：县政府办、。、县财政局",
    "责任单位：：、县财政局",
    "县政府办、（、县财政局",
    "县政府办、）、县财政局",
    "“”",
    "、、、",
    "（）",
])
def test_unit_items_of_punctuation_only_do_not_hang(cell):
    with time_limit(5):
        note = parse_unit_text(cell)
        split_units(cell)
        split_trailing_note(f"做好公开工作。（{cell}）")
    assert all(u.strip("“”、。：:（）()") for u in note.units)
    for name in ("县政府办", "县财政局"):
        assert (name in note.units) == (name in cell)


def test_a_task_with_a_punctuation_only_unit_item_imports():
    with time_limit(10):
        plan = parse_text("某县2023年政务公开工作要点\n一、重点工作\n1.推进决策公开。（牵头单位:县政府办、“”、县财政局;责任单位:各乡镇）\n")
    t = plan.tasks[0]
    assert t.lead_units == ["县政府办", "县财政局"] and t.responsible_units == ["各乡镇"]


# --- numbers of any size ----------------------------------------------------------------------

@pytest.mark.parametrize(("value", "text"), [
    (1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (100, "一百"), (101, "一百零一"), (110, "一百一十"),
    (1000, "一千"), (1005, "一千零五"), (10000, "一万"), (10001, "一万零一"), (123456, "十二万三千四百五十六"),
    (2_000_000_000, "二十亿"),
])
def test_chinese_numerals_both_ways(value, text):
    assert chinese_text(value) == text and chinese_value(text) == value


def test_chinese_numerals_round_trip_for_any_size():
    for value in [*range(0, 3000), *range(9990, 10020), 99_999_999, 100_000_001, 12_345_678_901]:
        assert chinese_value(chinese_text(value)) == value


def test_a_hundred_sections_and_task_numbers_beyond_ten_thousand():
    lines = ["某市2023年政务公开工作要点"]
    for n in range(1, 106):
        lines.append(f"{chinese_text(n)}、第{n}方面工作")
        lines.append(f"{9995 + n}.做好第{n}项公开工作。（牵头单位：市政府办）")
    with time_limit(20):
        plan = parse_text("\n".join(lines))
    assert len(plan.sections) == 105 and plan.sections[99].number == "一百"
    assert len(plan.tasks) == 105
    assert [t.number for t in plan.tasks[3:6]] == ["9999", "10000", "10001"]
    assert plan.tasks[4].text == "做好第5项公开工作。"
    assert not [w for w in plan.warnings if w.code == "duplicate_section"]
    assert [w.line for w in plan.warnings if w.code == "missing_section"] == [3]  # 1–9995 are not there


def test_a_skipped_range_of_numbers_is_named_not_listed():
    plan = parse_text("某市2023年政务公开工作要点\n一、重点工作\n1.做好公开。（牵头单位：市政府办）\n"
                      "900000.做好解读。（牵头单位：市政府办）\n")
    missing = [w.message for w in plan.warnings if w.code == "missing_section"]
    assert missing and len(missing[0]) < 80 and "至" in missing[0]


# --- near-linear time -------------------------------------------------------------------------

def test_line_repair_is_linear(tmp_path):
    seed = (Path(__file__).parents[3] / "data" / "seeds" / "004_54c973fdc3487bf7.txt").read_text(encoding="utf-8")
    lines = seed.splitlines()
    damaged = [line for line in lines if line.startswith("?")]
    text = "\n".join(lines[:6] + (damaged + lines[6:40]) * 60)  # ~1,400 damaged lines in ~3,000
    started = time.perf_counter()
    with time_limit(30):
        plan = parse_text(text)
    assert time.perf_counter() - started < 6
    assert plan.tasks


def test_only_the_projects_error_escapes_even_from_a_bug(monkeypatch, tmp_path):
    """Outside the tests' strict mode, an unexpected failure reaches the clerk as one sentence (and the log)."""
    import gongkai_desk.core.imports.parse as parse
    from gongkai_desk.core.imports.parse import builder

    monkeypatch.setattr(parse, "STRICT", False)
    monkeypatch.setattr(builder.Builder, "run", lambda self, entries: 1 / 0)
    path = tmp_path / "plan.txt"
    path.write_text("某县2023年政务公开工作要点\n一、重点任务\n1.推进决策公开。\n", encoding="utf-8")
    with pytest.raises(ImportFormatError) as e:
        parse_file(path)
    assert "意外错误" in str(e.value) and "plan.txt" in str(e.value)
    monkeypatch.setattr(builder.Builder, "run", lambda self, entries: (_ for _ in ()).throw(RecursionError()))
    with pytest.raises(ImportFormatError, match="过于复杂"):
        parse_file(path)


@pytest.mark.parametrize("text", [
    "某县2023年政务公开工作要点\n一、重点任务\n（一）做好政务公开工作\n" + "\n".join(["推进决策公开，加强政策解读，及时回应社会关切，做好"] * 30000),
    "某县2023年政务公开工作要点\n一、重点任务\n（一）" + "做好政务公开工作。（县政府办负责落实）" * 40000,
    "某县2023年政务公开工作要点\n一、重点任务\n1.做好公开。（牵头单位：" + "（" * 200000 + "县政府办）\n",
], ids=["hard-wrapped lines", "notes in one paragraph", "brackets"])
def test_megabyte_paragraphs_stay_linear(text):
    started = time.perf_counter()
    with time_limit(30):
        plan = parse_text(text)
    assert time.perf_counter() - started < 2 * len(text.encode("utf-8")) / 1e6 + 1
    assert plan.tasks
