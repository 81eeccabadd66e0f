"""Document structure: context sections, numbering of any style (also with the numeral lost), headings
sharing a line with their first task, duplicates, and "not a plan" only when nothing task-like is there."""

from __future__ import annotations

import pytest

from gongkai_desk.core.errors import ImportFormatError
from gongkai_desk.core.imports.parse import parse_text
from gongkai_desk.core.imports.parse.outline import match_heading

HEAD = "某县人民政府办公室关于印发《某县2023年政务公开工作要点》的通知\n某县2023年政务公开工作要点\n"


def test_context_sections_are_kept_as_context_never_tasks():
    plan = parse_text(HEAD + "一、指导思想\n以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神。\n"
                      "二、基本原则\n（一）坚持依法公开。严格落实条例规定。\n（二）坚持需求导向。回应群众关切。\n"
                      "三、重点任务\n（一）推进决策公开。做好重大决策预公开。（责任单位：县司法局）\n"
                      "四、保障措施\n（一）加强组织领导。各乡镇、各部门要高度重视。\n五、工作要求\n各单位要于12月底前报送工作总结。\n")
    assert [t.text for t in plan.tasks] == ["推进决策公开。做好重大决策预公开。"]
    context = {s.title: s.context for s in plan.sections}
    assert context == {"指导思想": True, "基本原则": True, "重点任务": False, "保障措施": True, "工作要求": True}
    dropped = [n.text for n in plan.not_imported if n.code == "context_section"]
    assert len(dropped) == 5 and dropped[-1].startswith("各单位要于")


@pytest.mark.parametrize(("line", "level", "number", "rest"), [
    ("一、加强政策解读", 1, "一", "加强政策解读"), ("十二．推进公开", 1, "十二", "推进公开"),
    ("一百零一、推进公开", 1, "一百零一", "推进公开"), ("（三）推进公开", 2, "三", "推进公开"),
    ("(十)推进公开", 2, "十", "推进公开"), ("（）深入解读政策", 2, "", "深入解读政策"), ("3.推进公开", 3, "3", "推进公开"),
    ("12、推进公开", 3, "12", "推进公开"), ("（4）推进公开", 4, "4", "推进公开"), ("5）推进公开", 4, "5", "推进公开"),
    ("②推进公开", 5, "2", "推进公开"), ("第一部分 推进决策公开", -3, "一", "推进决策公开"),
    ("第十二章　保障措施", -2, "十二", "保障措施"), ("第2节 推进公开", -1, "2", "推进公开"),
    ("第三条做好政策解读", 0, "三", "做好政策解读"), ("第一百零一条：推进公开", 0, "一百零一", "推进公开"),
    ("第一章", -2, "一", ""),
])
def test_numbering_in_any_style(line, level, number, rest):
    assert match_heading(line) == (level, number, rest)


@pytest.mark.parametrize("line", ["2023年政务公开工作", "3.5万元补贴已发放", "一是加强解读", "一体化平台建设",
                                  "第一时间发布权威信息", "第三方评估", "第二批试点名单"])
def test_words_that_only_look_numbered(line):
    assert match_heading(line) is None


def test_enumerators_whose_numeral_was_lost_are_numbered_from_their_neighbours():
    plan = parse_text(HEAD + "一、加强政策解读和回应群众关切。\n（）深入解读重要政策措施。健全政策解读机制。（责任单位：各部门\n"
                      "（）积极回应社会关切。加强舆情监测。（责任单位：县政府办、各部门\n二、加强重点领域公开\n"
                      "（）落实“三大攻坚战”信息公开。做好相关信息发布。\n")
    assert [(t.number, t.text[:8]) for t in plan.tasks] == [("一", "深入解读重要政策"), ("二", "积极回应社会关切"),
                                                            ("一", "落实“三大攻坚战")]
    assert [t.responsible_units for t in plan.tasks][:2] == [["各部门"], ["县政府办", "各部门"]]
    assert sum(w.code == "heading_number_inferred" for w in plan.warnings) == 3


def test_a_heading_shares_its_line_with_the_first_task():
    plan = parse_text(HEAD + "一、加强政策解读。1.做好重要政策解读。（牵头单位：县政府办）\n2.做好政策咨询。（牵头单位：县政务服务中心）\n"
                      "二、（一）推进数据开放。（牵头单位：县大数据局）\n")
    assert [(t.section, t.number, t.text) for t in plan.tasks] == [
        (["加强政策解读"], "1", "做好重要政策解读。"), (["加强政策解读"], "2", "做好政策咨询。"),
        ([""], "一", "推进数据开放。")]


def test_a_plan_without_numbering_is_still_a_plan_when_its_paragraphs_name_units():
    plan = parse_text("某县2023年政务公开重点工作\n为做好今年政务公开工作，现提出以下重点工作：\n"
                      "做好政府网站管理，确保信息及时更新。（责任单位：县政府办）\n做好政务新媒体管理。（责任单位：县委网信办）\n"
                      "■■■■■■\n***\n某县人民政府办公室\n2023年3月1日\n")
    assert [t.responsible_units for t in plan.tasks] == [["县政府办"], ["县委网信办"]]
    assert {n.text for n in plan.not_imported if n.code == "preamble"} >= {"■■■■■■", "***"}


def test_stray_characters_and_odd_layout_do_not_make_it_not_a_plan():
    plan = parse_text("\u3000\u3000★★★ 某县2023年政务公开工作要点 ★★★\n~~~~\n一、重点任务\n\t1.推进决策公开。（牵头单位：县政府办）\n"
                      "##\n2.推进执行公开。（牵头单位：县发改局）\n")
    assert [t.lead_units for t in plan.tasks] == [["县政府办"], ["县发改局"]]


@pytest.mark.parametrize("text", [
    "关于召开全县政务公开工作会议的通知\n各乡镇、县直各部门：\n定于3月10日上午召开会议，请准时参加。\n某县人民政府办公室\n2023年3月1日\n",
    "会议纪要\n会议听取了有关情况汇报。\n会议强调，要认真抓好落实。\n",
])
def test_not_a_plan_only_when_nothing_task_like(text):
    with pytest.raises(ImportFormatError, match="不像是政务公开工作要点"):
        parse_text(text)


def test_a_prose_plan_restated_in_a_table_keeps_each_task_once():
    plan = parse_text(HEAD + "一、工作要点\n1.深入推进政策解读。对本局起草的政策文件进行全面解读，创新解读形式。\n"
                      "2.加强网站建设。确保网站信息及时更新，栏目内容完整。\n3.做好依申请公开。依法依规办理申请。\n"
                      "二、任务分解\n重点任务 | 工作内容 | 负责科室\n"
                      "政策解读 | 对本局起草的政策文件进行全面解读，创新解读形式。 | 综合科 |\n"
                      "网站建设 | 确保网站信息及时更新，栏目内容完整。 | 办公室 |\n")
    assert [t.text[:6] for t in plan.tasks] == ["做好依申请公", "对本局起草的", "确保网站信息"]
    assert [n.code for n in plan.not_imported if n.line in (4, 5)] == ["duplicate", "duplicate"]
    assert sum(w.code == "duplicate_task" for w in plan.warnings) == 2


def test_a_whole_document_pasted_as_one_line_is_read_item_by_item():
    plan = parse_text("某区2022年政务公开工作要点 一、加强重点领域信息公开 （一）推进数字经济信息公开。围绕数字经济发展，做好政策"
                      "发布和解读。(责任单位:区政府办公室、区政数局)（二）推进营商环境信息公开。及时公开涉企政策。(责任单位:区营商办) "
                      "二、加强政策解读 （一）做好解读工作。同步发布解读材料。(责任单位:区政府办公室)")
    assert [(t.section, t.number, t.text[:8]) for t in plan.tasks] == [
        (["加强重点领域信息公开"], "一", "推进数字经济信息"), (["加强重点领域信息公开"], "二", "推进营商环境信息"),
        (["加强政策解读"], "一", "做好解读工作。同")]
    assert not [w for w in plan.warnings if w.code == "duplicate_section"]


def test_part_chapter_and_article_headings_nest_above_the_enumerators():
    plan = parse_text(HEAD + "第一部分 推进决策公开\n①做好重大决策预公开。（牵头单位：县政府办）\n②加强政策解读。（责任单位：县司法局）\n"
                      "第二部分 推进执行公开\n③公开重点任务进展。（责任单位：县发改局）\n")
    assert [(s.number, s.title, s.level) for s in plan.sections] == [("一", "推进决策公开", -3), ("二", "推进执行公开", -3)]
    assert [(t.section, t.number, t.text, t.lead_units + t.responsible_units) for t in plan.tasks] == [
        (["推进决策公开"], "1", "做好重大决策预公开。", ["县政府办"]), (["推进决策公开"], "2", "加强政策解读。", ["县司法局"]),
        (["推进执行公开"], "3", "公开重点任务进展。", ["县发改局"])]
    assert not [n for n in plan.not_imported if n.text.startswith("第")]

    plan = parse_text(HEAD + "第一章 推进决策公开\n第一节 决策预公开\n第一条 做好重大决策预公开。（牵头单位：县政府办）\n"
                      "第二条 加强政策解读。\n（一）解读重要政策。（责任单位：县司法局）\n（二）回应社会关切。（责任单位：县政府办）\n"
                      "第二章 推进执行公开\n第三条 公开重点任务进展。（责任单位：县发改局）\n")
    assert [(t.section, t.number, t.text) for t in plan.tasks] == [
        (["推进决策公开", "决策预公开"], "一", "做好重大决策预公开。"),
        (["推进决策公开", "决策预公开", "加强政策解读"], "一", "解读重要政策。"),
        (["推进决策公开", "决策预公开", "加强政策解读"], "二", "回应社会关切。"),
        (["推进执行公开"], "三", "公开重点任务进展。")]  # 条 numbers run on across 章
    assert not [w for w in plan.warnings if w.code in ("duplicate_section", "missing_section")]


def test_prose_under_a_part_or_chapter_is_a_task_only_when_it_names_its_units():
    plan = parse_text(HEAD + "第一部分 推进决策公开\n全面推进决策公开，增强决策透明度。\n"
                      "做好重大决策预公开。（牵头单位：县政府办）\n")
    assert [t.text for t in plan.tasks] == ["做好重大决策预公开。"]
    assert [n.text[:6] for n in plan.not_imported if n.code == "part_text"] == ["全面推进决策"]
    novel = ("第一章 春天\n那是一个晴朗的早晨，老王推开窗户，看见院子里的桃花开了。\n"
             "他想起了年轻时候的事情，想起了那条小河，想起了河边的柳树。\n") * 5
    with pytest.raises(ImportFormatError, match="不像是政务公开工作要点"):
        parse_text(novel)


@pytest.mark.parametrize("mark", [".", "．", "、", "）"])
def test_a_line_whose_arabic_numeral_was_lost_is_the_next_item_with_a_warning(mark):
    first = {"）": "1）"}.get(mark, "1" + mark)
    plan = parse_text(HEAD + f"一、重点任务\n{first}做好重大决策预公开。（牵头单位：县政府办）\n"
                      f"{mark}加强政策解读。（责任单位：县司法局）\n三{mark if mark in '、．' else '、'}保障措施\n各单位要高度重视。\n")
    assert [(t.number, t.text, t.detail, t.lead_units + t.responsible_units) for t in plan.tasks] == [
        ("1", "做好重大决策预公开。", None, ["县政府办"]), ("2", "加强政策解读。", None, ["县司法局"])]
    inferred = [w for w in plan.warnings if w.code == "heading_number_inferred"]
    assert [(w.line, "缺少数字" in w.message, "“2”" in w.message) for w in inferred] == [(5, True, True)]


def test_a_lost_numeral_takes_the_style_its_punctuation_has_nearby():
    # "、" after 1、 items is a task; "、" where the 一、 headings are is the next heading (二)
    plan = parse_text(HEAD + "一、推进决策公开\n1.做好重大决策预公开。（牵头单位：县政府办）\n、推进执行公开\n"
                      "1.公开重点任务进展。（责任单位：县发改局）\n2.公开审计结果。（责任单位：县审计局）\n")
    assert [(s.number, s.title) for s in plan.sections] == [("一", "推进决策公开"), ("二", "推进执行公开")]
    assert [(t.section, t.number) for t in plan.tasks] == [(["推进决策公开"], "1"), (["推进执行公开"], "1"),
                                                           (["推进执行公开"], "2")]
    # every numeral lost: the items below a heading are the first style of their punctuation deeper than it
    plan = parse_text(HEAD + "一、重点任务\n（）推进决策公开\n.做好重大决策预公开。（牵头单位：县政府办）\n"
                      ".加强政策解读。（责任单位：县司法局）\n（）推进执行公开\n.公开重点任务进展。（责任单位：县发改局）\n")
    assert [(t.section, t.number, t.text) for t in plan.tasks] == [
        (["重点任务", "推进决策公开"], "1", "做好重大决策预公开。"), (["重点任务", "推进决策公开"], "2", "加强政策解读。"),
        (["重点任务", "推进执行公开"], "1", "公开重点任务进展。")]
    # "（）" among (1) items is a (1) item
    plan = parse_text(HEAD + "一、重点任务\n（1）做好重大决策预公开。（牵头单位：县政府办）\n（）加强政策解读。（责任单位：县司法局）\n")
    assert [t.number for t in plan.tasks] == ["1", "2"]


@pytest.mark.parametrize("line", ["……等工作要持续推进。", ".5万元补贴已发放到位。", "、、、"])
def test_punctuation_that_is_no_lost_numeral_stays_text(line):
    plan = parse_text(HEAD + f"一、重点任务\n1.做好重大决策预公开工作，按要求公开决策草案。（牵头单位：县政府办）\n{line}\n")
    assert len(plan.tasks) == 1 and not [w for w in plan.warnings if w.code == "heading_number_inferred"]


def test_a_line_continuing_one_cut_mid_sentence_is_no_lost_numeral():
    plan = parse_text(HEAD + "一、重点任务\n1、做好重大决策预公开。（牵头单位：县政府办）\n"
                      "2、加强政策解读，做好政策咨询和回应关切工作。（责任单位：县政府办、县司法局、县财政局\n"
                      "、县审计局）\n")
    assert [t.number for t in plan.tasks] == ["1", "2"]
    assert not [w for w in plan.warnings if w.code == "heading_number_inferred"]


def test_a_part_or_article_style_first_met_under_a_heading_nests_below_it():
    plan = parse_text(HEAD + "一、重点任务\n第一节 推进决策公开\n第一条 做好重大决策预公开。（牵头单位：县政府办）\n"
                      "第二节 推进执行公开\n第二条 公开重点任务进展。（责任单位：县发改局）\n"
                      "二、保障措施\n（一）加强组织领导。各单位要高度重视。\n")
    assert [(t.section, t.number, t.text) for t in plan.tasks] == [
        (["重点任务", "推进决策公开"], "一", "做好重大决策预公开。"), (["重点任务", "推进执行公开"], "二", "公开重点任务进展。")]
    assert [(s.title, [c.title for c in s.children]) for s in plan.sections] == [
        ("重点任务", ["推进决策公开", "推进执行公开"]), ("保障措施", [])]
    # after a notice's own points, an attachment starts anew: its 第一部分 is the top again
    plan = parse_text("某县人民政府办公室关于印发政务公开工作要点的通知\n一、请认真贯彻落实。\n附件\n"
                      "某县2023年政务公开工作要点\n第一部分 推进决策公开\n1.做好重大决策预公开。（牵头单位：县政府办）\n"
                      "第二部分 推进执行公开\n1.公开重点任务进展。（责任单位：县发改局）\n")
    assert [t.section for t in plan.tasks if t.lead_units or t.responsible_units] == [["推进决策公开"], ["推进执行公开"]]
