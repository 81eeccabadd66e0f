"""Bad input on the command line: exit 1 with one Chinese sentence, no traceback, nothing changed."""

from __future__ import annotations

import json

import pytest

from gongkai_desk.core.demo import make_demo
from gongkai_desk.core.errors import ValidationError
from gongkai_desk.core.exporters.stats_workbook import write_template
from tests.conftest import run_cli


def _err(res) -> str:
    return res.stderr.decode("utf-8")


def assert_one_chinese_sentence(res, *needles: str) -> str:
    err = _err(res)
    assert res.returncode == 1, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    for n in needles:
        assert n in err, err
    return err


@pytest.mark.parametrize("year", ["1800", "99999"])
def test_demo_refuses_a_year_out_of_range_and_stores_nothing(tmp_path, year):
    db = tmp_path / "a.db"
    res = run_cli("demo", "--year", year, "--tasks", "2", db=db)
    assert_one_chinese_sentence(res, f"年份 {year} 超出范围")
    plans = json.loads(run_cli("plans", "--json", db=db).stdout.decode("utf-8"))
    assert plans == []


def test_make_demo_checks_the_year(ws):
    with pytest.raises(ValidationError, match="超出范围"):
        make_demo(ws, tasks=2, year=1800)
    assert ws.plans() == []


def test_stats_template_refuses_a_year_out_of_range(tmp_path):
    out = tmp_path / "t.xlsx"
    res = run_cli("export", "stats-template", "--year", "99999", "--out", str(out), db=tmp_path / "a.db")
    assert_one_chinese_sentence(res, "年份 99999 超出范围")
    assert not out.exists()
    with pytest.raises(ValidationError):
        write_template(1800, out)
