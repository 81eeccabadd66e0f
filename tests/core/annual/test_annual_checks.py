"""The checks reviewers run on published reports, each on a report built to trip it and on one
built to pass it; and what stops the export (office, date, placeholders, stubs)."""

from __future__ import annotations

import pytest

from gongkai_desk.core.annual import format as fmt
from gongkai_desk.core.annual.readiness import check_readiness, is_stub
from gongkai_desk.core.annual.rules import check
from gongkai_desk.core.annual.samples import county_example, kiro_example
from gongkai_desk.core.annual.text_rules import similarity
from tests.core.reports.annual_helpers import OFFICE, county_texts, finished_drafts


def found(rule, stats, texts, previous_texts=None, previous=None):
    return [f for f in check(stats, texts=texts, previous_texts=previous_texts, previous=previous)
            if f.rule_id == rule]


def test_the_county_report_passes_every_check():
    stats = county_example(2023)
    texts = county_texts(2023)
    assert check(stats, texts=texts, previous_texts={}) == []
    assert check_readiness(2023, issuer=OFFICE, date="2024-01-20", texts=texts) == []
    assert stats.get(fmt.FEE_KEY) == "1234.5678"


def test_finished_drafts_pass_every_check():
    stats = kiro_example(2023)
    assert check(stats, texts=finished_drafts(stats)) == []


@pytest.mark.parametrize("sentence, cells", [
    ("全年共收到政府信息公开申请55件。", ["table3.new_received.total"]),
    ("本年度新收申请53件。", ["table3.new_received.total"]),
    ("上年度结转3件。", ["table3.carried_over.total"]),
    ("全年办结50件。", ["table3.results_total.total"]),
    ("已全部答复52件。", ["table3.results_total.total"]),
    ("答复政府信息公开申请52件（含上年度转结）。", ["table3.results_total.total"]),  # 上海 2023
    ("结转下一年度6件。", ["table3.carried_forward.total"]),
    ("被申请行政复议5件。", ["table4.review.total"]),
    ("被提起行政诉讼2件。", ["table4.suit_direct.total", "table4.suit_after_review.total"]),
    ("印发行政规范性文件6份。", ["table2.normative_docs.made"]),
    ("办理行政许可1500项。", ["table2.licensing.decisions"]),
])
def test_txt_table_reads_the_wordings_reports_use(sentence, cells):
    stats = county_example(2023)
    texts = county_texts(2023)
    texts["五"] += "\n" + sentence
    (f,) = found("TXT-TABLE", stats, texts)
    assert f.cells == cells and f.sentence.section == "五" and f.sentence.text == sentence
    assert texts["五"][f.sentence.start:f.sentence.end] == sentence  # points at the sentence


def test_one_figure_in_two_wordings_is_one_finding():
    stats = county_example(2023)
    f = found("TXT-TABLE", stats, {"一": "结转下年度继续办理6件。"})
    assert len(f) == 1 and "表三中为5件" in f[0].message


@pytest.mark.parametrize("text, flagged", [
    ("2021年，本局认真贯彻落实《条例》。", True),
    ("2023年，本局认真贯彻落实《条例》。", False),
    ("对照2022年度报告提出的问题逐项整改。", False),
    ("下一步，2024年将进一步规范专栏。", False),  # plans for next year, in 五
    ("2024年，本局完成了专栏改版。", True),  # next year's work told as done
    ("对照《2020年政务公开工作要点》梳理任务。", False),  # a document's title
    ("《条例》于2019年修订施行。", False),  # a law's date
    ("自2019年以来，持续推进专栏建设。", False),  # a span of years up to now
])
def test_txt_year_flags_years_of_other_years_work(text, flagged):
    f = found("TXT-YEAR", county_example(2023), {"五": text})
    assert bool(f) is flagged
    if flagged:
        assert f[0].sentence.text == text and "2023年度的报告" in f[0].message


def test_txt_order_flags_level_one_headings_inside_a_section():
    texts = county_texts(2023)
    texts["六"] = "五、政府信息公开工作存在的主要问题及改进情况\n" + texts["六"]
    (f,) = found("TXT-ORDER", county_example(2023), texts)
    assert "第五部分的标题（国家格式为“五、存在的主要问题及改进情况”）" in f.message
    assert f.sentence.section == "六" and f.sentence.start == 0


def test_txt_order_wants_the_five_themes_of_one_in_order():
    texts = county_texts(2023)
    lines = texts["一"].split("\n")
    # swap （一）主动公开 with （二）依申请公开 and their paragraphs; drop （五）监督保障
    swapped = [lines[0]] + lines[3:5] + lines[1:3] + lines[5:9]
    texts["一"] = "\n".join(swapped)
    f = found("TXT-ORDER", county_example(2023), texts)
    messages = " ".join(x.message for x in f)
    assert "没有写到“监督保障”" in messages and "顺序与国家格式不同" in messages


def test_txt_fee_when_six_is_silent_about_a_fee_in_table_two():
    stats = county_example(2023)
    texts = county_texts(2023)
    texts["六"] = "（一）落实政务公开工作要点情况\n对照年度政务公开工作要点，各项任务均已按期完成。"
    (f,) = found("TXT-FEE", stats, texts)
    assert f.cells == [fmt.FEE_KEY] and "1234.5678万元" in f.message
    stats.set(fmt.FEE_KEY, "0")
    assert found("TXT-FEE", stats, texts) == []


def test_txt_copy_says_how_similar_per_section():
    texts = county_texts(2023)
    last = county_texts(2022)
    f = found("TXT-COPY", county_example(2023), texts, previous_texts=last)
    assert {x.sentence.section for x in f} >= {"一", "六"}
    for x in f:
        assert "相似度为" in x.message and x.extra["similarity"] >= 0.9
    # last year's text with this year's figures and years is still last year's text
    assert similarity(texts["一"], last["一"]) == 1.0
    assert "相似度为100%" in next(x.message for x in f if x.sentence.section == "一")
    fresh = {k: v for k, v in texts.items()}
    fresh["五"] = "本年度围绕政策解读、专栏维护两方面查找不足：一是图解数量少，二是栏目更新滞后，三是回应关切不够及时。"
    assert "五" not in {x.sentence.section for x in found("TXT-COPY", county_example(2023), fresh,
                                                       previous_texts=last)}


def test_x_jump_flags_fivefold_changes_against_last_year():
    this, last = county_example(2023), county_example(2022)
    assert [f for f in check(this, previous=last) if f.rule_id == "X-JUMP"] == []
    this.set("table2.licensing.decisions", 15620)  # ten times last year's 1562
    last.set("table2.punishment.decisions", 900)  # this year's 87 is under a fifth
    f = [x for x in check(this, previous=last) if x.rule_id == "X-JUMP"]
    assert [x.cells for x in f] == [["table2.licensing.decisions"], ["table2.punishment.decisions"]]
    assert "是上年的10.0倍" in f[0].message and "不到上年的五分之一" in f[1].message
    small = county_example(2022)
    small.set("table4.review.total", 0)  # 0 → 4 reconsiderations: small numbers, no anomaly
    assert [x for x in check(county_example(2023), previous=small) if x.rule_id == "X-JUMP"] == []


@pytest.mark.parametrize("text, stub", [
    ("", True), ("无", True), ("无。", True), ("  暂无 ", True), ("本年度无。", True),
    ("本年度无其他需要报告的事项。", False),
])
def test_stub_sections(text, stub):
    assert is_stub(text) is stub


def test_readiness_names_every_placeholder_and_stub():
    texts = county_texts(2023)
    texts["五"] = "无"
    texts["一"] += "\n主动公开的重点领域【请补充】。\n发布渠道【请补充】。"
    texts["六"] = ""
    f = check_readiness(2023, issuer="", date=None, texts=texts)
    assert [x.rule_id for x in f] == ["REPORT-ISSUER", "REPORT-DATE", "TXT-EMPTY", "TXT-EMPTY",
                                      "TXT-PLACEHOLDER", "TXT-PLACEHOLDER"]
    assert all(x.is_error for x in f)
    assert f[0].target == "issuer" and f[1].target == "date"
    assert "“五、存在的主要问题及改进情况”只有“无”" in f[2].message
    assert "“六、其他需要报告的事项”还没有内容" in f[3].message
    assert f[4].sentence.text == "主动公开的重点领域【请补充】。"
    assert f[5].sentence.text == "发布渠道【请补充】。"


@pytest.mark.parametrize("date, level, words", [
    ("2023-12-20", "error", "应在2024年1月1日以后成文"),
    ("2024-02-10", "warning", "晚于2024年1月31日"),
    ("2024-13-01", "error", "不是有效的日期"),
    ("2024-01-31", None, ""),
    ("2024年1月5日", None, ""),
])
def test_report_date_rules(date, level, words):
    f = check_readiness(2023, issuer=OFFICE, date=date, texts=county_texts(2023))
    assert [x.severity for x in f] == ([level] if level else [])
    if level:
        assert words in f[0].message
