"""One unit-note grammar: labels, role verbs, any brackets, where the note stands, what is no note."""

from __future__ import annotations

import pytest

from gongkai_desk.core.imports.parse import parse_file, parse_text
from gongkai_desk.core.imports.parse.unit_notes import find_notes, is_unit_line, parse_unit_text, split_trailing_note
from gongkai_desk.core.imports.units import split_units
from tests.conftest import DATA

HEAD = "某县人民政府办公室关于印发《某县2023年政务公开工作要点》的通知\n某县2023年政务公开工作要点\n一、重点任务\n"


def units(plan, prefix):
    t = next(t for t in plan.tasks if t.text.startswith(prefix))
    return t.lead_units, t.responsible_units


# --- labels: any of the words offices use ---------------------------------------------------------

@pytest.mark.parametrize(("note", "lead", "resp"), [
    ("（牵头单位：区政府办；配合单位：区财政局、区审计局）", ["区政府办"], ["区财政局", "区审计局"]),
    ("（主责单位：县发改局；协办单位：县统计局）", ["县发改局"], ["县统计局"]),
    ("(责任科室:办公室、综合科)", [], ["办公室", "综合科"]),
    ("【责任股室】政工股", [], ["政工股"]),
    ("（实施单位：各乡镇人民政府）", [], ["各乡镇人民政府"]),
    ("（责任处室：法规处）", [], ["法规处"]),
    ("（牵头部门：市政务服务数据管理局；责任部门：市直各部门、各县区政府）", ["市政务服务数据管理局"],
     ["市直各部门", "各县区政府"]),
    ("（主办单位：县委宣传部；承办单位：县融媒体中心）", ["县委宣传部"], ["县融媒体中心"]),
    ("（落实单位：各镇街）", [], ["各镇街"]),
    ("（责任单位：县政府办牵头，县直各部门配合）", ["县政府办"], ["县直各部门"]),
])
def test_labelled_notes(note, lead, resp):
    plan = parse_text(f"{HEAD}1.做好公开工作。{note}\n")
    assert units(plan, "做好公开工作") == (lead, resp)


def test_bracket_pairs_full_half_mixed_and_unclosed():
    plan = parse_text(f"{HEAD}1.推进执法信息公开。（牵头单位：县司法局)\n2.推进社会救助信息公开。(责任单位：各镇街）\n"
                      "3.推进教育信息公开。（责任单位：县教育局、各乡镇\n4.推进卫生信息公开。〔责任单位：县卫健局〕\n")
    assert [t.text for t in plan.tasks] == ["推进执法信息公开。", "推进社会救助信息公开。", "推进教育信息公开。",
                                            "推进卫生信息公开。"]
    assert [t.lead_units + t.responsible_units for t in plan.tasks] == [
        ["县司法局"], ["各镇街"], ["县教育局", "各乡镇"], ["县卫健局"]]


# --- unlabelled notes: a verb marks the role -------------------------------------------------------

@pytest.mark.parametrize(("cell", "lead", "resp"), [
    ("县统计局牵头，各乡镇配合", ["县统计局"], ["各乡镇"]),
    ("由县政府办负责", [], ["县政府办"]),
    ("县卫健局、县医保局按职责分工负责", [], ["县卫健局", "县医保局"]),
    ("各乡镇、县直各部门分别负责落实", [], ["各乡镇", "县直各部门"]),
    ("市发改委牵头落实；市工信局、市商务局按职责分工分别落实", ["市发改委"], ["市工信局", "市商务局"]),
    ("县财政局牵头，县审计局、县统计局协助", ["县财政局"], ["县审计局", "县统计局"]),
    ("市府办（市大数据局）牵头，市政府各部门参与", ["市府办（市大数据局）"], ["市政府各部门"]),
    ("区政府办（牵头）、区财政局、区审计局", ["区政府办"], ["区财政局", "区审计局"]),
    ("责任单位：市财政局(牵头单位)，市直各部门", ["市财政局"], ["市直各部门"]),
])
def test_verb_marked_notes(cell, lead, resp):
    note = parse_unit_text(cell)
    assert (note.lead, note.responsible) == (lead, resp)


def test_note_before_or_after_the_sentence_end_or_after_it_without_brackets():
    plan = parse_text(f"{HEAD}1.做好财政资金公开（县财政局负责）。\n2.做好统计数据公开。（县统计局负责落实）\n"
                      "3.推进重大项目公开。县发改局牵头落实。\n4.推进审计结果公开。责任单位：县审计局\n")
    assert [t.text for t in plan.tasks] == ["做好财政资金公开。", "做好统计数据公开。", "推进重大项目公开。",
                                            "推进审计结果公开。"]
    assert [t.lead_units + t.responsible_units for t in plan.tasks] == [["县财政局"], ["县统计局"], ["县发改局"],
                                                                        ["县审计局"]]
    assert plan.tasks[2].lead_units == ["县发改局"]


def test_note_on_its_own_line_below_the_item():
    plan = parse_text(f"{HEAD}1.推进审计结果公开。\n（责任单位：县审计局）\n2.推进统计公开。\n（县统计局负责落实）\n")
    assert [t.responsible_units for t in plan.tasks] == [["县审计局"], ["县统计局"]]
    assert is_unit_line("（县统计局负责落实）") and is_unit_line("责任科室：办公室")
    assert not is_unit_line("（一）推进决策公开") and not is_unit_line("（试行）")


def test_a_unit_note_on_a_heading_or_below_it_applies_to_its_tasks_flagged():
    plan = parse_text(f"{HEAD}（一）推进决策公开（牵头单位：县司法局）\n1.做好重大决策预公开。\n2.做好决策后评估。（责任单位：县发改局）\n"
                      "（二）推进执行公开\n责任单位：县政府办\n1.公开重点工作进展。\n2.公开督查结果。\n")
    first, second, third, fourth = plan.tasks
    assert first.lead_units == ["县司法局"] and "units_inherited" in first.flags
    assert second.responsible_units == ["县发改局"] and "units_inherited" not in second.flags
    assert third.responsible_units == fourth.responsible_units == ["县政府办"]
    assert [s.title for s in plan.sections[0].children] == ["推进决策公开", "推进执行公开"]


def test_sentence_tasks_of_one_paragraph_each_closed_by_a_note():
    plan = parse_text(f"{HEAD}（一）做好财政信息公开。全面公开预决算信息。（县财政局负责落实）公开政府债务信息。"
                      "（县财政局、县发改委分别负责落实）公开惠民补贴发放情况（各乡镇负责落实）。\n")
    assert [t.text for t in plan.tasks] == ["全面公开预决算信息。", "公开政府债务信息。", "公开惠民补贴发放情况。"]
    assert [t.responsible_units for t in plan.tasks] == [["县财政局"], ["县财政局", "县发改委"], ["各乡镇"]]
    assert plan.sections[0].children[0].title == "做好财政信息公开"


# --- lists: any separator, names with digits or brackets, shared prefixes ------------------------

def test_unit_lists_with_any_separators():
    assert split_units("县发改局 县财政局/县统计局；县审计局|县民政局，县医保局")[0] == [
        "县发改局", "县财政局", "县统计局", "县审计局", "县民政局", "县医保局"]


def test_unit_names_with_digits_and_brackets():
    got, frags = split_units("县12345政务服务便民热线管理中心、县委宣传部（县新闻办）、市府办〔市大数据局〕")
    assert got == ["县12345政务服务便民热线管理中心", "县委宣传部（县新闻办）", "市府办〔市大数据局〕"] and not frags


def test_shared_each_and_shared_locality():
    assert split_units("各科室、单位")[0] == ["各科室", "各单位"]
    assert split_units("区发展改革局、教育体育局、科技局")[0] == ["区发展改革局", "区教育体育局", "区科技局"]


# --- a parenthesis of the task's own words is no note ----------------------------------------------

@pytest.mark.parametrize("text", [
    "贯彻《政府信息公开条例》（以下简称《条例》），做好主动公开。",
    "推广政府和社会资本合作（PPP）项目信息公开。",
    "落实《政策解读工作细则（试行）》要求。",
    "健全解读机制（含乡镇）。",
    "更新公开目录（2023年版）。",
    "以县政府（或县政府办）名义制定的文件进行解读。",
    "精准传达政策意图（政策文件和解读资料需添加咨询方式）。",
    "认真贯彻实施《重大行政决策程序规定》（省政府令第247号）",
])
def test_words_in_brackets_are_not_unit_notes(text):
    assert split_trailing_note(text) == (text, None)
    assert not [n for n in find_notes(text) if n[2].units]


def test_a_named_unit_standing_for_its_group_and_a_shared_each():
    units, _ = split_units("区政府办公室、区发改委等数字经济工作领导小组成员单位,各乡、街办、管理处")
    assert units == ["区政府办公室", "区发改委", "数字经济工作领导小组成员单位", "各乡", "各街办", "各管理处"]


def test_brackets_nested_in_an_unclosed_note():
    plan = parse_text(f"{HEAD}（一）做好共同富裕示范区建设信息公开。及时公开相关政策措施。"
                      "(市府办〔市大数据局〕牵头,市政府各部门、各县〔区〕政府按职责分工负责\n")
    t = plan.tasks[0]
    assert (t.lead_units, t.responsible_units) == (["市府办〔市大数据局〕"], ["市政府各部门", "各县〔区〕政府"])


def test_pinyin_glosses_do_not_collide_with_unit_notes():
    plan = parse_text("國務院辦公廳關於印發2016年政務公開(kāi)工作(zuò)要點的通知\n一、推進行政權力公開\n"
                      "（一）推行權力清單制度。全面公開地方各級政府部門權力清單。(國務院審改辦、人(rén)力資源社會保障部負責)\n")
    assert plan.tasks[0].responsible_units == ["国务院审改办", "人力资源社会保障部"]


# --- schools, names in a labelled slot, one reading of a name per document ---------------------------

@pytest.mark.parametrize("name", ["实验小学", "县一中", "第二中学", "各中小学", "职业技术学校", "幼儿园", "县职业中专",
                                  "县委党校", "县妇幼保健院", "城关镇卫生院"])
def test_schools_and_clinics_are_unit_names(name):
    assert split_units(name) == ([name], [])


def test_a_name_in_a_labelled_unit_slot_is_trusted_unless_it_is_clearly_no_organisation():
    plan = parse_text(f"{HEAD}1.做好教育信息公开。（责任单位：县教育局、实验小学、县一中、第二中学）\n"
                      "2.做好校园信息公开。（落实单位：各中小学、职业技术学校、幼儿园）\n"
                      "3.做好青少年信息公开。（责任单位：青少年宫、老年大学）\n"
                      "4.做好公开工作。（责任单位：县政府办、按职责分工、张三；全年）\n")
    assert [t.responsible_units for t in plan.tasks] == [
        ["县教育局", "县实验小学", "县一中", "县第二中学"], ["各中小学", "职业技术学校", "幼儿园"],
        ["青少年宫", "老年大学"], ["县政府办"]]
    assert plan.tasks[3].deadline == "全年" and "fragment_dropped" in plan.tasks[3].flags
    assert [t.flags for t in plan.tasks[:3]] == [[], [], []]
    # outside a labelled slot a name without a unit's ending is still no unit: "(青少年宫)" is the task's words
    assert split_units("青少年宫") == ([], ["青少年宫"])


def test_a_locality_prefix_does_not_reach_past_a_group():
    assert split_units("区政府办公室、区卫生健康委,各乡镇政府、街道办事处")[0] == [
        "区政府办公室", "区卫生健康委", "各乡镇政府", "街道办事处"]


def test_the_same_written_name_gives_the_same_unit_throughout_a_document():
    plan = parse_text(f"{HEAD}1.做好教育信息公开。（责任单位：县财政局、教育局）\n"
                      "2.做好环境信息公开。（责任单位：生态环境分局、教育局）\n3.做好审计公开。（牵头单位：教育局）\n")
    assert [t.lead_units + t.responsible_units for t in plan.tasks] == [
        ["县财政局", "县教育局"], ["生态环境分局", "县教育局"], ["县教育局"]]
    assert not [w for w in plan.warnings if w.code == "unit_name_ambiguous"]
    # two lists reading it with different prefixes: left as read, with a warning
    plan = parse_text(f"{HEAD}1.做好教育信息公开。（责任单位：县财政局、教育局）\n"
                      "2.做好环境信息公开。（责任单位：生态环境分局、教育局）\n3.做好审计公开。（责任单位：市审计局、教育局）\n")
    assert [t.responsible_units for t in plan.tasks] == [["县财政局", "县教育局"], ["生态环境分局", "教育局"],
                                                         ["市审计局", "市教育局"]]
    assert [w.line for w in plan.warnings if w.code == "unit_name_ambiguous"] == [4]


def test_corpus_10_reads_the_street_offices_the_same_in_every_task():
    plan = parse_file(next((DATA / "corpus").glob("10_*.txt")))
    street = [[u for u in t.responsible_units if "街道" in u] for t in plan.tasks if t.responsible_units]
    assert street == [["街道办事处"], ["街道办事处"]]


def test_units_and_a_date_in_one_labelled_slot_are_told_apart():
    """（责任单位：区财政局，2026年3月底前）: the unit stays a unit, the date becomes the deadline."""
    from gongkai_desk.core.imports.parse import parse_text

    plan = parse_text("2026年政务公开工作要点\n一、重点领域信息公开\n"
                      "1. 推进财政预决算公开。（责任单位：区财政局，2026年3月底前）\n"
                      "2. 做好政府债务信息公开。（牵头单位：区财政局、区审计局，6月底前完成）\n")
    t1, t2 = plan.tasks
    assert (t1.responsible_units, t1.deadline, t1.flags) == (["区财政局"], "2026年3月底前", [])
    assert t2.lead_units == ["区财政局", "区审计局"] and t2.deadline.startswith("6月底前")
