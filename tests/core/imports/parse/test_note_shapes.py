"""Unit notes in the shapes plans write them without labels: a date after the units in one bracket,
units joined by 及/和/与, a role marked in brackets, units then 负责 and a deadline in the sentence."""

from __future__ import annotations

from gongkai_desk.core.imports.parse import parse_text
from gongkai_desk.core.imports.units import split_units

PLAN = """2024年某区政务公开工作要点
一、推进决策公开
1.完善重大行政决策事项目录。（责任单位：区政府办、区融媒体中心及各乡镇）
2.做好政策解读。（牵头单位：区政府办；配合单位：各街道和区直有关部门）
3.推进预决算公开。（区财政局（牵头）、区审计局，2024年6月底前）
4.推进执法公开。（区司法局牵头，各镇（街道）、区直各部门配合）
5.加强平台建设。区城管执法局 区住建局负责，持续推进。
6.公开统计数据。（责任单位：区统计局与区发改委）
7.推进财政资金直达基层公开。（区财政局、区审计局，2024年6月底前）
8.做好依申请公开。（2024年6月底前，区政府办）
"""


def test_notes_without_labels_give_their_units_and_deadline():
    plan = parse_text(PLAN)
    got = [(t.lead_units, t.responsible_units, t.deadline) for t in plan.tasks]
    assert got == [
        ([], ["区政府办", "区融媒体中心", "各乡镇"], None),
        (["区政府办"], ["各街道", "区直有关部门"], None),
        (["区财政局"], ["区审计局"], "2024年6月底前"),  # the deadline was the whole note, its units lost
        (["区司法局"], ["各镇（街道）", "区直各部门"], None),
        ([], ["区城管执法局", "区住建局"], "持续推进"),
        ([], ["区统计局", "区发改委"], None),
        ([], ["区财政局", "区审计局"], "2024年6月底前"),
        ([], ["区政府办"], "2024年6月底前"),
    ]
    assert all("区" not in t.text for t in plan.tasks[2:4])  # the notes left the task's words


def test_and_joins_two_units_but_not_the_words_of_one_name():
    assert split_units("区融媒体中心及各乡镇")[0] == ["区融媒体中心", "各乡镇"]
    assert split_units("区卫生健康委和区医保局以及各医院")[0] == ["区卫生健康委", "区医保局", "各医院"]
    assert split_units("区委宣传部和网信办")[0] == ["区委宣传部", "区网信办"]  # the locality is shared
    # 和 inside a name: the words before it are no unit.
    assert split_units("区发展和改革局、区住房和城乡建设局、区人力资源和社会保障局")[0] == [
        "区发展和改革局", "区住房和城乡建设局", "区人力资源和社会保障局"]
    assert split_units("区教育局及其所属学校")[0] == ["区教育局及其所属学校"]


def test_the_unit_named_as_the_sentences_subject():
    """"县政府办负责做好…", "各乡镇要…", "由区数据局牵头…": the subject is the task's unit when nothing
    else names one; a subject that is no office ("区政府网站要…", "重点围绕…要求") names none."""
    from gongkai_desk.core.imports.parse.prose_units import subject_units

    plan = parse_text("某县2025年政务公开工作任务清单\n（二）加强平台建设\n"
                      "6.县政府办负责做好政府网站集约化建设，2025年10月底前完成。\n"
                      "7.各乡镇要及时更新村（居）务公开栏，每月更新一次。\n"
                      "8.由县数据局牵头推进公共数据开放。\n"
                      "9.县政府网站要加强内容保障。\n")
    got = [(t.lead_units, t.responsible_units) for t in plan.tasks]
    assert got == [([], ["县政府办"]), ([], ["各乡镇"]), (["县数据局"], []), ([], [])]
    assert plan.tasks[0].text.startswith("县政府办负责")  # the sentence stays as written
    assert subject_units("县财政局会同县审计局做好审计结果公开") == (["县财政局"], [])
    assert subject_units("重点围绕优化营商环境要求，做好政策公开") == ([], [])
    assert subject_units("各地各部门要切实加强组织领导") == ([], ["各地各部门"])


def test_a_part_named_with_a_verb_in_front_is_still_no_task():
    """"二、强化保障措施" holds requirements, like "保障措施"; "健全工作机制" stays a task."""
    plan = parse_text("XX区2025年政务公开工作要点\n一、聚焦重点领域\n（一）做好基层公开。（各镇街，持续推进）\n"
                      "（二）健全工作机制。（区政府办）\n二、强化保障措施\n（一）加强组织领导。各单位要高度重视政务公开工作。\n"
                      "（二）强化考核评估。将政务公开纳入绩效考核。\n")
    assert [t.text for t in plan.tasks] == ["做好基层公开。", "健全工作机制。"]


def test_units_and_a_deadline_as_the_last_clauses_of_the_sentence():
    """"…，区财政局负责，持续推进。": the sentence's last clauses are the note (units closed by a role
    word, then the deadline); the task's own words before them stay, the sentence closed at them."""
    plan = parse_text("""2026年某区政务公开工作要点
一、深化重点领域信息公开
1.加强政策解读。围绕重大政策及时发布解读材料，区政府办公室负责，2026年6月底前完成。
2.做好财政信息公开。全面公开预算决算，由区财政局牵头，区审计局配合，持续推进。
3.推进重大项目信息公开。及时公开批准和实施信息，区发展改革局负责。
4.加强政务新媒体管理。持续推进，确保各项任务落实。
5.规范依申请公开办理。严格按照法定时限答复，年底前完成。
""")
    got = [(t.text, t.lead_units, t.responsible_units, t.deadline) for t in plan.tasks]
    assert got == [
        ("加强政策解读。围绕重大政策及时发布解读材料。", [], ["区政府办公室"], "2026年6月底前完成"),
        ("做好财政信息公开。全面公开预算决算。", ["区财政局"], ["区审计局"], "持续推进"),
        ("推进重大项目信息公开。及时公开批准和实施信息。", [], ["区发展改革局"], None),
        # No units before the role word: the task's own words ("确保各项任务落实"), no note.
        ("加强政务新媒体管理。持续推进，确保各项任务落实。", [], [], None),
        ("规范依申请公开办理。严格按照法定时限答复，年底前完成。", [], [], "年底前"),
    ]


def test_a_zone_named_by_its_kind_takes_no_shared_each_nor_locality():
    assert split_units("各区直部门、各镇(办)、经开区")[0] == ["各区直部门", "各镇(办)", "经开区"]
    assert split_units("县政府办、经开区")[0] == ["县政府办", "经开区"]
    assert split_units("县政府办、高新区管委会")[0] == ["县政府办", "高新区管委会"]
    # Bare level words still share them.
    assert split_units("各乡镇、街道、社区")[0] == ["各乡镇", "各街道", "各社区"]
    assert split_units("区发展改革局、教育体育局")[0] == ["区发展改革局", "区教育体育局"]
