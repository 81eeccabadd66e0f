"""Summed sub-unit workbooks: each returned unit named, the missing ones listed, totals traced."""

from __future__ import annotations

from gongkai_desk.core.annual.samples import county_example
from gongkai_desk.core.exchange.stats_returns import read_returns
from gongkai_desk.core.exchange.stats_workbook import read_workbook_unit, write_template


def test_units_named_missing_listed_and_totals_traced(tmp_path):
    a = write_template(2023, tmp_path / "a.xlsx", county_example(2023), unit="区财政局")
    b = write_template(2023, tmp_path / "b.xlsx", county_example(2023), unit="区教育局")
    returns = read_returns([a, b], 2023)
    assert returns.units() == ["区财政局", "区教育局"]
    assert returns.total.get("table3.new_received.total") == "108"
    assert returns.trace("table3.new_received.total") == "区财政局 54 + 区教育局 54 = 108"
    assert returns.missing(["区财政局", "区教育局", "区卫健委"]) == ["区卫健委"]
    text = returns.summary(["区卫健委"])
    assert "已收到2个单位的统计表：区财政局（a.xlsx）、区教育局（b.xlsx）" in text
    assert "尚未收到1个单位的统计表：区卫健委" in text


def test_a_unit_that_passes_the_test_is_also_built_to_fail_it(tmp_path):
    partial = county_example(2023)
    partial.set("table4.review.upheld", None)
    a = write_template(2023, tmp_path / "a.xlsx", county_example(2023), unit="区财政局")
    b = write_template(2023, tmp_path / "b.xlsx", partial, unit="区财政局")
    returns = read_returns([a, b], 2023)
    assert returns.duplicates() == ["区财政局"]
    assert returns.blanks() == {"区财政局": 1}
    assert returns.trace("table4.review.upheld") == "区财政局 2 + 区财政局 未填 = （有单位未填，未合计）"
    assert "交了不止一份统计表" in returns.summary([])


def test_unit_is_what_the_unit_typed_else_made_for_else_file_name(tmp_path):
    from openpyxl import load_workbook

    from gongkai_desk.core.exchange.stats_workbook import NOTE_SHEET, UNIT_CELL

    plain = write_template(2023, tmp_path / "区民政局.xlsx")
    assert read_workbook_unit(plain, 2023)[1] == "区民政局"
    made = write_template(2023, tmp_path / "x.xlsx", unit="区财政局")
    assert read_workbook_unit(made, 2023)[1] == "区财政局"
    wb = load_workbook(str(made))
    wb[NOTE_SHEET][UNIT_CELL] = "区财政局（区国资办）"
    wb.save(str(made))
    assert read_workbook_unit(made, 2023)[1] == "区财政局（区国资办）"
