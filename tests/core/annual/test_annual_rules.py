"""Each rule fires on a crafted violation and stays silent on the §5.4 worked examples."""

from __future__ import annotations

import pytest

from gongkai_desk.core.annual import format as fmt
from gongkai_desk.core.annual.rules import apply_proposals, check, errors, fill_totals
from gongkai_desk.core.annual.samples import kiro_example, shanghai_example, zero_stats
from gongkai_desk.core.annual.stats import Stats


@pytest.fixture(params=["kiro", "shanghai"])
def example(request) -> Stats:
    return kiro_example(2023) if request.param == "kiro" else shanghai_example(2023)


def ids(failures):
    return [f.rule_id for f in failures]


def test_worked_examples_pass_every_rule(example):
    assert check(example) == []


def test_worked_example_figures_are_the_documents():
    k = kiro_example()
    assert k.get("table3.results_total.total") == "13810"
    assert k.get("table3.new_received.total") == "14069"
    assert k.get("table4.suit_after_review.total") == "156"
    s = shanghai_example()
    assert s.get("table3.results_total.natural") == "767"
    assert s.get("table3.new_received.total") == "859"


def test_worked_example_with_matching_previous_year_has_no_warnings():
    this, last = kiro_example(2023), kiro_example(2022)
    for col in (c.key for c in fmt.T3_COLUMNS):
        this.set(f"table3.carried_over.{col}", last.get(f"table3.carried_forward.{col}"))
    # keep T3 balanced: more carried over means more carried forward
    for col in (c.key for c in fmt.T3_COLUMNS):
        delta = this.number(f"table3.carried_over.{col}") - kiro_example().number(
            f"table3.carried_over.{col}")
        this.set(f"table3.carried_forward.{col}",
                 this.number(f"table3.carried_forward.{col}") + delta)
    for row in ("regulations", "normative_docs"):
        v = last.number(f"table2.{row}.valid") + this.number(f"table2.{row}.made") - this.number(
            f"table2.{row}.repealed")
        this.set(f"table2.{row}.valid", v)
    assert check(this, previous=last) == []


def test_t3_identity_fires_per_column():
    s = kiro_example()
    s.set("table3.carried_forward.total", 820)
    f = [x for x in check(s) if x.rule_id == "T3-IDENTITY"]
    assert len(f) == 1
    assert f[0].cells == ["table3.new_received.total", "table3.carried_over.total",
                          "table3.results_total.total", "table3.carried_forward.total"]
    assert "“总计”列" in f[0].message and "14629" in f[0].message and "14630" in f[0].message


def test_t3_rowsum_fires_on_the_row():
    s = shanghai_example()
    s.set("table3.granted.research", 1)
    f = check(s)
    rowsum = [x for x in f if x.rule_id == "T3-ROWSUM"]
    assert len(rowsum) == 1 and "table3.granted.total" in rowsum[0].cells
    assert "（一）予以公开" in rowsum[0].message
    # the 科研机构 column's results no longer add up to its （七）总计 either
    assert set(ids(f)) == {"T3-ROWSUM", "T3-RESULTSUM"}


def test_t3_resultsum_fires_when_a_leaf_changes_only_in_total_column():
    s = kiro_example()
    s.set("table3.np_repeat.natural", 151)
    s.set("table3.np_repeat.total", 151)
    f = check(s)
    assert "T3-RESULTSUM" in ids(f)
    res = [x for x in f if x.rule_id == "T3-RESULTSUM"]
    assert {x.cells[-1] for x in res} == {"table3.results_total.natural", "table3.results_total.total"}
    assert "T3-ROWSUM" not in ids(f)


def test_t4_sum_fires_per_group():
    s = kiro_example()
    s.set("table4.suit_direct.pending", 28)
    f = check(s)
    assert ids(f) == ["T4-SUM"]
    assert f[0].cells[-1] == "table4.suit_direct.total"
    assert "未经复议直接起诉" in f[0].message


def test_nonneg_int_fires_on_stored_bad_text():
    s = Stats(2023, {**zero_stats(2023).cells(), "table2.licensing.decisions": "-2",
                     fmt.FEE_KEY: "-1.234"})
    f = [x for x in check(s) if x.rule_id == "NONNEG-INT"]
    assert [x.cells for x in f] == [["table2.licensing.decisions"], [fmt.FEE_KEY]]


def test_four_decimal_fee_passes_and_more_is_only_a_warning():
    s = zero_stats(2023)
    s.set(fmt.FEE_KEY, "1234.5678")
    assert check(s) == []
    s.set(fmt.FEE_KEY, "1234.56789")
    f = check(s)
    assert ids(f) == ["FEE-PRECISION"] and not f[0].is_error and f[0].cells == [fmt.FEE_KEY]
    assert "1234.56789" in f[0].message and "比一元还细" in f[0].message


def test_blank_cell_is_an_error_not_zero():
    s = zero_stats(2023)
    assert check(s) == []
    s.set("table3.partial.social", None)
    f = check(s)
    assert ids(f) == ["BLANK-CELL"] and f[0].cells == ["table3.partial.social"]
    assert f[0].is_error and "空白不等于0" in f[0].message


def test_empty_stats_report_one_blank_failure_per_table():
    f = check(Stats(2023))
    assert ids(f) == ["BLANK-CELL"] * 3
    assert sum(len(x.cells) for x in f) == 200


def test_x_carry_warns_against_last_year():
    this, last = kiro_example(2023), kiro_example(2022)
    for col in (c.key for c in fmt.T3_COLUMNS):
        last.set(f"table3.carried_forward.{col}", this.get(f"table3.carried_over.{col}"))
    assert [x for x in check(this, previous=last) if x.rule_id == "X-CARRY"] == []
    last.set("table3.carried_forward.natural", 800)
    f = [x for x in check(this, previous=last) if x.rule_id == "X-CARRY"]
    assert len(f) == 1 and f[0].severity == "warning"
    assert f[0].cells == ["table3.carried_over.natural"]
    assert errors(check(this, previous=last)) == []


def test_x_valid_warns_on_broken_balance():
    this, last = kiro_example(2023), kiro_example(2022)
    # last year 126 valid + 15 made − 4 repealed = 137, this year says 126
    f = [x for x in check(this, previous=last) if x.rule_id == "X-VALID"]
    assert [x.cells[-1] for x in f] == ["table2.normative_docs.valid"]
    assert "137" in f[0].message


def test_txt_table_warns_when_text_figure_differs():
    s = kiro_example()
    ok = {"一": "全年新收政府信息公开申请14069件，上年结转560件。"}
    assert [x for x in check(s, texts=ok) if x.rule_id == "TXT-TABLE"] == []
    bad = {"一": "全年新收政府信息公开申请14000件，被申请行政复议790件。"}
    f = [x for x in check(s, texts=bad) if x.rule_id == "TXT-TABLE"]
    assert ids(f) == ["TXT-TABLE"]
    assert f[0].cells == ["table3.new_received.total"] and "14069" in f[0].message


def test_txt_copy_warns_on_last_years_text():
    s = kiro_example()
    text = "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，" * 4
    f = check(s, texts={"五": text}, previous_texts={"五": text.replace("本机关", "我机关", 1)})
    assert ids(f) == ["TXT-COPY"] and f[0].severity == "warning"
    assert "相似度为99%" in f[0].message and f[0].sentence.section == "五"
    assert check(s, texts={"五": text}, previous_texts={"五": "全新的内容" * 20}) == []


def test_fill_totals_proposes_from_parts_and_flags_typed_numbers():
    s = kiro_example()
    s.set("table3.granted.total", None)
    s.set("table3.results_total.total", 1)
    s.set("table4.review.total", 3)
    props = {p.key: p for p in fill_totals(s, typed={"table4.review.total"})}
    assert props["table3.granted.total"].new == "5548" and not props["table3.granted.total"].typed
    assert props["table3.results_total.total"].new == "13810"
    assert props["table4.review.total"].typed and props["table4.review.total"].old == "3"
    assert check(apply_proposals(s, list(props.values()))) == []


def test_fill_totals_fills_results_total_row_from_leaves():
    s = zero_stats(2023)
    s.set("table3.granted.natural", 4)
    s.set("table3.np_repeat.commercial", 2)
    props = {p.key: p.new for p in fill_totals(s, typed=set())}
    assert props["table3.results_total.natural"] == "4"
    assert props["table3.results_total.commercial"] == "2"
    assert props["table3.results_total.total"] == "6"
    assert props["table3.granted.total"] == "4"


def test_fill_totals_skips_totals_with_blank_parts():
    s = Stats(2023)
    s.set("table4.review.upheld", 1)
    assert fill_totals(s, typed=set()) == []


def test_txt_table_reads_the_tables_own_wording():
    s = kiro_example()
    f = check(s, texts={"一": "本年新收政府信息公开申请14069件，上年结转政府信息公开申请561件。"})
    assert [x.cells for x in f if x.rule_id == "TXT-TABLE"] == [["table3.carried_over.total"]]
