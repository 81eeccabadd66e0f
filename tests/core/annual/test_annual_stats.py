"""Stats value object: cell parsing (NONNEG-INT), blank vs 0, and the CLI JSON round trip."""

from __future__ import annotations

import json

import pytest

from gongkai_desk.core.annual import format as fmt
from gongkai_desk.core.annual.samples import kiro_example
from gongkai_desk.core.annual.stats import Stats, StatsValueError, parse_value

COUNT = "table3.granted.natural"


def test_format_has_the_form_cell_count():
    assert len(fmt.table2_keys()) == 10
    assert len(fmt.T3_ROWS) == 25 and len(fmt.table3_keys()) == 175
    assert len(fmt.table4_keys()) == 15
    assert len(set(fmt.ALL_KEYS)) == 200


def test_labels_are_verbatim():
    labels = [r.label for r in fmt.T3_ROWS]
    assert labels[0] == "一、本年新收政府信息公开申请数量"
    assert "3.危及“三安全一稳定”" in labels
    assert labels[-2:] == ["（七）总计", "四、结转下年度继续办理"]
    assert fmt.T3_CORNER_NOTE == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert [s.label for s in fmt.SECTIONS][3] == "四、政府信息公开行政复议、行政诉讼情况"


@pytest.mark.parametrize("raw, expected", [
    ("12", "12"), (" 7 ", "7"), ("０", "0"), (3, "3"), (4.0, "4"), ("1,234", "1234"), ("", None),
    (None, None),
])
def test_counts_parse(raw, expected):
    assert parse_value(COUNT, raw) == expected


@pytest.mark.parametrize("raw", ["-1", "1.5", "abc", "一", True, -3, 2.5])
def test_counts_refuse_non_integers_naming_the_cell(raw):
    with pytest.raises(ValueError) as e:
        parse_value(COUNT, raw)
    assert "表三“（一）予以公开”行“自然人”列" in str(e.value)


@pytest.mark.parametrize("raw, expected", [
    ("0", "0"), ("1.5", "1.5"), ("1.50", "1.50"), (12.35, "12.35"), ("３.２", "3.2"),
    ("100", "100"), (3.0, "3"), ("+2.10", "2.10"), ("1,234.5678", "1234.5678"),
    (1234.5678, "1234.5678"), ("0.0001", "0.0001"), ("12.345678", "12.345678"),
])
def test_fee_is_kept_exactly_as_written(raw, expected):
    # Published reports give 万元 to the yuan (four decimals): nothing is rounded or padded.
    assert parse_value(fmt.FEE_KEY, raw) == expected


@pytest.mark.parametrize("raw", ["-0.5", "x", "NaN", "1.2.3"])
def test_fee_refuses_bad_amounts(raw):
    with pytest.raises(ValueError, match="收费金额"):
        parse_value(fmt.FEE_KEY, raw)


@pytest.mark.parametrize("raw", [1e30, "1e+30", "1" + "0" * 30, 10 ** 12, "1e-3000", "0." + "0" * 40 + "1", "1e+99999"])
def test_fee_refuses_huge_or_odd_amounts_with_a_value_error(raw):
    # decimal.InvalidOperation used to escape from quantize() as a traceback.
    with pytest.raises(ValueError, match="表二“行政事业性收费”行"):
        parse_value(fmt.FEE_KEY, raw)


def test_fee_and_counts_accept_up_to_the_limit():
    assert parse_value(fmt.FEE_KEY, "999999999999.99") == "999999999999.99"
    assert parse_value(COUNT, "999999999999") == "999999999999"
    assert parse_value(COUNT, "007") == "7"


@pytest.mark.parametrize("raw", [10 ** 12, "1" * 5000, 10 ** 40])
def test_counts_refuse_huge_values(raw):
    with pytest.raises(ValueError, match="过大"):
        parse_value(COUNT, raw)


def test_blank_is_not_zero():
    s = Stats(2023)
    assert s.get(COUNT) is None and s.number(COUNT) is None
    s.set(COUNT, 0)
    assert s.get(COUNT) == "0" and s.number(COUNT) == 0
    assert COUNT not in s.blank_keys() and len(s.blank_keys()) == 199
    js = s.to_json()
    assert js["table3"]["granted"]["natural"] == 0
    assert js["table3"]["granted"]["commercial"] is None


def test_json_has_every_cell_and_round_trips():
    s = kiro_example(2023)
    s.set("table3.granted.natural", None)
    js = json.loads(json.dumps(s.to_json()))
    assert js["year"] == 2023
    assert set(js["table2"]) == {"regulations", "normative_docs", "licensing", "punishment",
                                 "coercion", "admin_fees"}
    assert len(js["table3"]) == 25 and all(len(v) == 7 for v in js["table3"].values())
    assert set(js["table4"]) == {"review", "suit_direct", "suit_after_review"}
    assert js["table2"]["admin_fees"]["fee_amount"] == 1.5
    assert js["table3"]["granted"]["natural"] is None
    assert Stats.from_json(js).to_json() == s.to_json()  # JSON numbers carry no trailing zeros


def test_from_json_names_every_bad_cell_and_unknown_key():
    js = kiro_example(2023).to_json()
    js["table3"]["granted"]["natural"] = -1
    js["table4"]["review"]["total"] = "3.5"
    js["table3"]["granted"]["aliens"] = 1
    with pytest.raises(StatsValueError) as e:
        Stats.from_json(js)
    keys = [k for k, _ in e.value.problems]
    assert keys == ["table3.granted.natural", "table3.granted.aliens", "table4.review.total"]
    assert "表四“行政复议”“总计”" in str(e.value)


def test_json_missing_cells_is_refused_naming_count_and_first_cells():
    # A partial file would blank every other stored cell: the JSON must list all 200 cells.
    with pytest.raises(StatsValueError) as e:
        Stats.from_json({"year": 2023, "table4": {"review": {"upheld": 2}}})
    (key, msg), = e.value.problems
    assert key not in fmt.KEY_SET
    assert "缺少199个单元格" in msg and "table2.regulations.made" in msg and "null" in msg


def test_json_explicit_null_is_a_blank_cell():
    js = kiro_example(2023).to_json()
    js["table4"]["review"]["total"] = None
    s = Stats.from_json(js)
    assert s.get("table4.review.total") is None and s.get("table4.review.upheld") is not None


def test_plus_sums_and_keeps_blank_only_when_both_blank():
    a, b = Stats(2023), Stats(2023)
    a.set(COUNT, 2)
    b.set(COUNT, 3)
    b.set(fmt.FEE_KEY, "1.25")
    a.set(fmt.FEE_KEY, "0.5")
    s = a.plus(b)
    assert s.get(COUNT) == "5" and s.get(fmt.FEE_KEY) == "1.75"
    assert s.get("table3.granted.commercial") is None
