"""Numbered items glued to the words before them: a copy that lost the line breaks and the full
stops between the items ("…负责落实2.做好…"). Only the next numbers in turn count."""

from __future__ import annotations

from gongkai_desk.core.imports.parse import parse_text
from gongkai_desk.core.imports.parse.inline_items import inline_items

HEAD = "2026年某区政务公开工作要点\n一、深化重点领域信息公开\n"


def test_the_next_numbers_glued_to_the_words_before_them_start_items():
    plan = parse_text(HEAD + "1.加强政策解读，区政府办公室负责落实2.做好财政信息公开，区财政局负责落实"
                             "3.推进重大项目信息公开，区发展改革局负责\n二、提升政务公开质量\n4.规范依申请公开办理，区司法局负责\n")
    got = [(t.number, t.text, t.responsible_units) for t in plan.tasks]
    assert got == [("1", "加强政策解读。", ["区政府办公室"]), ("2", "做好财政信息公开。", ["区财政局"]),
                   ("3", "推进重大项目信息公开。", ["区发展改革局"]), ("4", "规范依申请公开办理。", ["区司法局"])]


def test_numbers_in_the_words_and_numbers_out_of_turn_stay_in_the_item():
    for text in ("1.推进政务公开平台建设，完成2.0版门户网站改版，提高信息发布效率和质量",
                 "1.对照《工作指引》第2.1节的要求，逐项梳理公开事项并及时更新目录内容",
                 "1.做好政策解读工作，确保解读材料与文件同步发布3.其他工作按原计划推进落实",
                 "1.全年主动公开政府信息不少于2.5万条，依申请公开按时答复率达到百分之百"):
        assert inline_items(text) == [text]
