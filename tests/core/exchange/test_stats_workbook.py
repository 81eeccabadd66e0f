"""Statistics workbook: template layout and protection, round trip, summing, refusals."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from gongkai_desk.core.annual import format as fmt
from gongkai_desk.core.annual.rules import check
from gongkai_desk.core.annual.samples import kiro_example, shanghai_example
from gongkai_desk.core.annual.stats import Stats, StatsValueError
from gongkai_desk.core.errors import ImportFormatError
from gongkai_desk.core.exchange.stats_workbook import (
    NOTE_SHEET,
    read_workbook,
    read_workbooks,
    value_coords,
    write_template,
)


def fill(path, stats: Stats, **overrides):
    """Type ``stats`` (and raw ``overrides`` by key) into a template as a sub-unit would."""
    wb = load_workbook(str(path))
    sheets = {"table2": wb["二、主动公开"], "table3": wb["三、依申请公开"], "table4": wb["四、复议诉讼"]}
    for table, ws in sheets.items():
        for key, coord in value_coords(table).items():
            v = overrides.get(key, stats.get(key))
            if isinstance(v, str) and key in overrides:
                ws[coord] = v
            elif v is not None:
                ws[coord] = float(v) if fmt.is_decimal(key) else int(v)
    wb.save(str(path))


def test_template_locks_labels_and_opens_value_cells(tmp_path):
    path = write_template(2023, tmp_path / "t.xlsx")
    wb = load_workbook(str(path))
    assert wb.sheetnames[:4] == [NOTE_SHEET, "二、主动公开", "三、依申请公开", "四、复议诉讼"]
    assert "空白表示“未填写”，不等于0" in " ".join(str(c.value) for c in wb[NOTE_SHEET]["A"])
    s3 = wb["三、依申请公开"]
    assert s3.protection.sheet
    assert s3["A3"].value == fmt.T3_CORNER_NOTE and s3["A3"].protection.locked
    coord = value_coords("table3")["table3.granted.natural"]
    assert s3[coord].value is None and not s3[coord].protection.locked
    validations = {str(dv.sqref): dv for dv in s3.data_validations.dataValidation}
    whole = [dv for dv in validations.values() if dv.type == "whole"]
    assert whole and whole[0].formula1 == "0" and coord in str(whole[0].sqref)
    s2 = wb["二、主动公开"]
    fee = value_coords("table2")[fmt.FEE_KEY]
    assert any(dv.type == "decimal" and fee in str(dv.sqref) for dv in s2.data_validations.dataValidation)


def test_template_round_trips(tmp_path):
    path = write_template(2023, tmp_path / "t.xlsx")
    assert read_workbook(path, 2023) == Stats(2023)  # blank stays blank, not 0
    fill(path, kiro_example(2023))
    # Excel keeps the number 1.5 for a typed 1.50 (General format): equal as numbers
    assert read_workbook(path, 2023).to_json() == kiro_example(2023).to_json()


def test_prefilled_template_round_trips(tmp_path):
    path = write_template(2023, tmp_path / "t.xlsx", shanghai_example(2023))
    assert read_workbook(path, 2023) == shanghai_example(2023)


def test_several_workbooks_are_summed(tmp_path):
    a = write_template(2023, tmp_path / "a.xlsx")
    b = write_template(2023, tmp_path / "b.xlsx")
    fill(a, kiro_example(2023))
    fill(b, shanghai_example(2023))
    total = read_workbooks([a, b], 2023)
    assert total.get("table3.new_received.total") == str(14069 + 859)
    assert total.get(fmt.FEE_KEY) == "1.5"  # typed as the number 1.5 into a General cell
    assert check(total) == []  # sums of consistent tables are consistent


def test_blank_in_one_part_stays_blank_in_the_sum(tmp_path):
    a = write_template(2023, tmp_path / "a.xlsx")
    b = write_template(2023, tmp_path / "b.xlsx")
    fill(a, kiro_example(2023))
    partial = kiro_example(2023)
    partial.set("table4.review.upheld", None)
    fill(b, partial)
    total = read_workbooks([a, b], 2023)
    assert total.get("table4.review.upheld") is None
    assert total.get("table4.review.total") == "1580"


def test_bad_cell_is_refused_naming_file_sheet_and_cell(tmp_path):
    path = write_template(2023, tmp_path / "区财政局.xlsx")
    coord = value_coords("table3")["table3.partial.research"]
    fill(path, kiro_example(2023), **{"table3.partial.research": "-2",
                                      fmt.FEE_KEY: "1.2x"})
    with pytest.raises(StatsValueError) as e:
        read_workbooks([path], 2023)
    msg = str(e.value)
    assert [k for k, _ in e.value.problems] == [fmt.FEE_KEY, "table3.partial.research"]
    assert f"“区财政局.xlsx”工作表“三、依申请公开”{coord}单元格" in msg
    assert "负数" in msg and "不是数字" in msg


def test_four_decimal_fee_typed_into_a_template_is_read_exactly(tmp_path):
    path = write_template(2023, tmp_path / "t.xlsx")
    fill(path, kiro_example(2023), **{fmt.FEE_KEY: None})
    wb = load_workbook(str(path))
    wb["二、主动公开"][value_coords("table2")[fmt.FEE_KEY]] = 1234.5678
    wb.save(str(path))
    assert read_workbook(path, 2023).get(fmt.FEE_KEY) == "1234.5678"
    prefilled = kiro_example(2023)
    prefilled.set(fmt.FEE_KEY, "12.3400")
    again = write_template(2023, tmp_path / "p.xlsx", prefilled)
    assert read_workbook(again, 2023).get(fmt.FEE_KEY) == "12.3400"  # as shown in the sheet


def test_huge_fee_in_a_workbook_is_refused_as_a_bad_cell(tmp_path):
    path = write_template(2023, tmp_path / "t.xlsx")
    fill(path, kiro_example(2023))
    wb = load_workbook(str(path))
    wb["二、主动公开"][value_coords("table2")[fmt.FEE_KEY]] = 1e30
    wb.save(str(path))
    with pytest.raises(StatsValueError) as e:
        read_workbooks([path], 2023)
    assert [k for k, _ in e.value.problems] == [fmt.FEE_KEY]
    assert "过大" in str(e.value)


def test_wrong_year_and_foreign_files_are_refused(tmp_path):
    path = write_template(2022, tmp_path / "old.xlsx")
    with pytest.raises(ImportFormatError, match="2022年的统计表"):
        read_workbook(path, 2023)
    other = tmp_path / "x.xlsx"
    from openpyxl import Workbook

    Workbook().save(str(other))
    with pytest.raises(ImportFormatError, match="不是本程序导出的统计表"):
        read_workbook(other, 2023)
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a zip")
    with pytest.raises(ImportFormatError):
        read_workbook(junk, 2023)


EXT_LST = (
    '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
    'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    '<x14:dataValidations count="0" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
    '</x14:dataValidations></ext></extLst>'
)


def _add_drop_down_extension(path):
    """Rewrite ``path`` with the x14 data-validation extension Excel/WPS write for drop-downs."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        infos, data = z.infolist(), {i.filename: z.read(i) for i in z.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info in infos:
            body = data[info.filename]
            if info.filename.startswith("xl/worksheets/sheet"):
                body = body.replace(b"</worksheet>", EXT_LST.encode() + b"</worksheet>")
            z.writestr(info, body)


def test_reading_a_workbook_with_drop_downs_prints_no_openpyxl_warning(tmp_path, recwarn):
    path = write_template(2023, tmp_path / "t.xlsx")
    fill(path, kiro_example(2023))
    _add_drop_down_extension(path)
    import warnings

    with pytest.warns(UserWarning, match="extension is not supported"):  # openpyxl does warn
        load_workbook(str(path))
    recwarn.clear()
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        assert read_workbook(path, 2023).to_json() == kiro_example(2023).to_json()
    assert not [w for w in recwarn if "extension is not supported" in str(w.message)]


def test_damaged_workbook_message_names_no_python_exception(tmp_path):
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ImportFormatError) as e:
        read_workbook(junk, 2023)
    assert "不是有效的 .xlsx 统计表" in str(e.value)
    assert "Error" not in str(e.value)


def test_changed_labels_are_refused(tmp_path):
    path = write_template(2023, tmp_path / "t.xlsx")
    wb = load_workbook(str(path))
    wb["三、依申请公开"]["C10"] = "1.涉及国家秘密"
    wb.save(str(path))
    with pytest.raises(ImportFormatError, match="C10"):
        read_workbook(path, 2023)


def test_notes_sheet_fits_its_printed_page_and_asks_who_filled_it_in(tmp_path):
    from gongkai_desk.core.exchange.stats_workbook import FILLER_FIELDS, filler_coords
    from gongkai_desk.core.exporters.xlsx.review_print import column_points

    wb = load_workbook(str(write_template(2023, tmp_path / "t.xlsx")))
    note = wb[NOTE_SHEET]
    # One portrait A4 page: the columns are narrower than the printable width at 100 %.
    assert note.page_setup.orientation == "portrait" and int(note.page_setup.paperSize) == 9
    printable = 595 - 72 * (note.page_margins.left + note.page_margins.right)
    assert sum(column_points(note.column_dimensions[c].width) for c in "AB") <= printable
    assert note.sheet_properties.pageSetUpPr.fitToPage and note.page_setup.fitToHeight == 1
    last = max(int(c[1:]) for c in filler_coords().values())
    assert note.print_area == f"'{NOTE_SHEET}'!$A$1:$B${last}"
    # Every note is shown whole: its row is tall enough for its wrapped lines.
    for row in range(3, 3 + 8):
        text = note.cell(row, 1).value
        assert text and note.row_dimensions[row].height >= -(-len(text) // 33) * 14
    assert any("结转下年度继续办理" in (note.cell(r, 1).value or "") for r in range(3, 11))
    for name, coord in filler_coords().items():
        label = note.cell(int(coord[1:]), 1)
        assert label.value == name and label.protection.locked
        assert not note[coord].protection.locked and note[coord].fill.fgColor.rgb.endswith("FFF8DC")
    assert {"填报单位", "填报人", "联系电话", "审核人"} <= set(FILLER_FIELDS)
    # The table sheets repeat who filled them in under their titles.
    line = wb["三、依申请公开"]["A2"].value
    assert line.startswith("=") and all(f"{n}：" in line for n in ("填报单位", "填报人", "联系电话", "审核人"))


def test_filled_in_details_do_not_disturb_reading(tmp_path):
    from gongkai_desk.core.exchange.stats_workbook import filler_coords

    path = write_template(2023, tmp_path / "t.xlsx")
    wb = load_workbook(str(path))
    for name, coord in filler_coords().items():
        wb[NOTE_SHEET][coord] = f"{name}内容"
    wb.save(str(path))
    fill(path, kiro_example(2023))
    # Amounts come back as the number Excel kept (1.50 typed as a number reads as 1.5).
    from decimal import Decimal

    got, want = read_workbook(path, 2023).cells(), kiro_example(2023).cells()
    assert {k: Decimal(v) for k, v in got.items()} == {k: Decimal(v) for k, v in want.items()}
