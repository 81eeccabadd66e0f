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


def test_a_document_pasted_as_one_line_keeps_its_title_parts_and_first_items():
    """A web page copied as one line ("…实施方案为深入贯彻…制定本方案。一、工作目标紧紧围绕…二、工作任务
    (一)围绕…1.把…"): the title before the preamble's first word, the part's name before its text,
    the first child glued to its heading's words; the preamble and the part's text are listed as not
    imported, never lost."""
    plan = parse_text("绥棱县2018年政务公开工作要点实施方案为深入贯彻落实上级要求,不断提升政务公开的质量和实效,"
                      "结合本县实际,制定本方案。一、工作目标紧紧围绕县委县政府改革发展重点任务,进一步提升政务公开实效。"
                      "二、工作任务(一)围绕建设法治政府,全面推进政务公开1.把公开透明作为政府工作的基本要求,县政府办负责。"
                      "2.推进决策公开,县发改局负责。\n")
    assert plan.title == "绥棱县2018年政务公开工作要点实施方案" and plan.year == 2018
    assert [(s.number, s.title, [(c.number, c.title) for c in s.children]) for s in plan.sections] == [
        ("一", "工作目标", []), ("二", "工作任务", [("一", "围绕建设法治政府,全面推进政务公开")])]
    assert [(t.number, t.text, t.responsible_units) for t in plan.tasks] == [
        ("1", "把公开透明作为政府工作的基本要求。", ["县政府办"]), ("2", "推进决策公开。", ["县发改局"])]
    left = [n.text for n in plan.not_imported]
    assert any(t.startswith("绥棱县2018年") and t.endswith("制定本方案。") for t in left)
    assert any(t.startswith("紧紧围绕县委县政府") for t in left)


def test_an_items_number_may_run_into_a_year():
    plan = parse_text(HEAD + "1.落实国家试点领域标准指引,2020年11月底前,县乡两级政府编制公开事项目录\n"
                             "2.2021年底前建立全县统一的共性公开事项目录及信息内容标准\n"
                             "3.2022年11月底前,做好其他领域信息公开标准规范工作\n")
    assert [(t.number, t.text[:6]) for t in plan.tasks] == [("1", "落实国家试点"), ("2", "2021年底"), ("3", "2022年1")]
    assert plan.tasks[0].deadline == "2020年11月底前"
    glued = parse_text(HEAD + "1.落实国家试点领域标准指引,县乡两级政府编制公开事项目录2.2021年底前建立全县统一的共性公开事项目录\n")
    assert [t.number for t in glued.tasks] == ["1", "2"]
    assert inline_items("1.全年主动公开政府信息不少于2.5万条，依申请公开按时答复率达到百分之百以上") == [
        "1.全年主动公开政府信息不少于2.5万条，依申请公开按时答复率达到百分之百以上"]
