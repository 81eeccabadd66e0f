"""Reading the State Council's holiday notice as published: gov.cn text, a traditional-character
mirror copy with pinyin and page chrome, a saved web page, a Word file, and older wordings."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai_desk.core.calendar import HOLIDAY, WORKDAY, bundled
from gongkai_desk.core.errors import ValidationError
from gongkai_desk.core.holiday_notice import parse_notice, read_notice_file
from tests.conftest import DATA

D = dt.date.fromisoformat
NOTICES = DATA / "notices"


def _as_bundled(year):
    return {d: (s.kind, s.name) for d, s in bundled()[year].items()}


@pytest.mark.parametrize("name", ["2026_gov_cn.txt", "2026_mirror_traditional_pinyin.txt"])
def test_2026_notice_reads_exactly_the_published_days(name):
    notice = parse_notice((NOTICES / name).read_text(encoding="utf-8"))
    assert notice.year == 2026
    assert notice.title == "国务院办公厅关于2026年部分节假日安排的通知"
    assert notice.doc_number == "国办发明电〔2025〕7号"
    assert notice.warnings == []
    # The same 33 days off and 6 make-up workdays as chinesecalendar's 2026 data.
    assert {d: (k, n) for d, k, n in notice.days()} == _as_bundled(2026)
    spring = next(i for i in notice.items if i.name == "春节")
    assert spring.off[0] == D("2026-02-15") and spring.off[-1] == D("2026-02-23")
    assert spring.work == (D("2026-02-14"), D("2026-02-28"))


def test_mirror_copy_year_comes_from_the_body_not_the_related_links():
    text = (NOTICES / "2026_mirror_traditional_pinyin.txt").read_text(encoding="utf-8")
    assert "關於2025年部分節假日安排" in text and "(wù)" in text  # the chrome and the pinyin are there
    assert parse_notice(text).year == 2026


def test_2027_notice_with_single_days_and_no_make_up():
    notice = parse_notice((NOTICES / "2027_example.txt").read_text(encoding="utf-8"))
    days = {d: k for d, k, _n in notice.days()}
    assert days[D("2027-06-09")] == HOLIDAY and D("2027-06-10") not in days
    assert [d for d, k in days.items() if k == WORKDAY] == [
        D("2027-02-14"), D("2027-02-20"), D("2027-04-25"), D("2027-05-08"), D("2027-09-26"), D("2027-10-09")]
    assert len(days) == 35


def test_older_wording_with_years_weekend_joined_days_and_combined_holidays():
    text = """国务院办公厅关于2023年部分节假日安排的通知
经国务院批准，现将2023年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。
二、端午节：6月22日至24日放假调休，共3天。6月25日（星期日）上班。
三、中秋节、国庆节：9月29日至10月6日放假调休，共8天。10月7日（星期六）、10月8日（星期日）上班。
"""
    notice = parse_notice(text)
    days = {d: (k, n) for d, k, n in notice.days()}
    assert days[D("2022-12-31")] == (HOLIDAY, "元旦") and days[D("2023-01-02")] == (HOLIDAY, "元旦")
    assert days[D("2023-10-08")] == (WORKDAY, "中秋节、国庆节")
    assert sum(1 for k, _ in days.values() if k == HOLIDAY) == 3 + 3 + 8
    known = {**bundled()[2023], **bundled()[2024]}  # 2023-12-30/31 belong to 2024's 元旦
    assert all(known[d].kind == kind for d, (kind, _n) in days.items() if d.year == 2023)

    joined = parse_notice("关于2019年部分节假日安排的通知\n四、端午节：6月7日放假，与周末连休。")
    assert [d for d, _k, _n in joined.days()] == [D("2019-06-07"), D("2019-06-08"), D("2019-06-09")]


def test_a_wrong_weekday_is_reported():
    text = (NOTICES / "2026_gov_cn.txt").read_text(encoding="utf-8").replace("5月9日（周六）", "5月9日（周日）")
    notice = parse_notice(text)
    assert notice.warnings == ["劳动节：通知写5月9日是周日，但2026年5月9日是周六，请核对年份。"]


def test_refusals_are_one_chinese_sentence():
    with pytest.raises(ValidationError, match="没有在这段文字中找到放假安排"):
        parse_notice("首页 > 政策\n关于做好2026年元旦春节期间有关工作的通知\n各单位要加强值班。")
    with pytest.raises(ValidationError, match="无法确定这份通知是哪一年"):
        parse_notice("一、元旦：1月1日放假。")
    assert parse_notice("一、元旦：1月1日放假。", year=2030).days() == [(D("2030-01-01"), HOLIDAY, "元旦")]
    with pytest.raises(ValidationError, match="是2026年的节假日安排，不是2027年"):
        parse_notice((NOTICES / "2026_gov_cn.txt").read_text(encoding="utf-8"), year=2027)


def test_html_page_and_word_file(tmp_path):
    lines = (NOTICES / "2026_gov_cn.txt").read_text(encoding="utf-8").splitlines()
    body = "".join(f"<p>{line}</p>" for line in lines)
    page = tmp_path / "notice.html"
    page.write_text(
        "<html><head><meta charset='utf-8'><title>国务院办公厅关于2026年部分节假日安排的通知_国务院文件</title></head>"
        "<body><div class='nav'>首页 &gt; 政策 &gt; 国务院文件</div><div class='share'>【字体：大 中 小】打印本页</div>"
        f"<div id='UCAP-CONTENT'>{body}</div><ul><li>国务院办公厅关于2025年部分节假日安排的通知</li></ul></body></html>",
        encoding="utf-8")
    assert {d: (k, n) for d, k, n in parse_notice(read_notice_file(page)).days()} == _as_bundled(2026)

    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    path = tmp_path / "notice.docx"
    document.save(str(path))
    assert {d: (k, n) for d, k, n in parse_notice(read_notice_file(path)).days()} == _as_bundled(2026)
