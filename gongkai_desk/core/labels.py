"""Chinese names of stored entities and fields, for history views and messages."""

from __future__ import annotations

from gongkai_desk.core.status import completion

ENTITY = {
    "plans": "计划", "sections": "部分", "tasks": "任务", "units": "单位", "unit_aliases": "单位别名",
    "group_members": "单位组成员", "assignments": "单位落实情况", "annual_stats": "年报统计数据",
    "annual_reports": "年报信息", "annual_report_texts": "年报正文", "settings": "设置",
    "feedback_rounds": "反馈表发放", "feedback_round_units": "反馈表发放单位", "feedback_returns": "收集的反馈表",
    "holidays": "节假日安排", "holiday_years": "年度节假日安排", "chasings": "催办记录", "task_starts": "起算日期",
}
FIELD = {
    "title": "标题", "year": "年份", "issuer": "发文单位", "doc_number": "文号", "issue_date": "成文日期",
    "text": "任务内容", "number": "序号", "detail": "具体要求", "deadline_text": "完成时限",
    "deadline_kind": "时限类型", "deadline_date": "时限日期", "position": "顺序", "section_id": "所属部分",
    "flags": "待确认标记", "name": "名称", "is_group": "是否单位组", "alias": "别名", "role": "角色",
    "status": "完成状态", "done": "落实情况", "problems": "存在问题", "next_steps": "下步计划",
    "evidence": "佐证材料", "updated_at": "更新时间", "updated_by": "更新人", "value": "数值",
    "way": "催办方式", "person": "联系人", "answer": "答复情况", "date": "日期", "kind": "类型",
    "complete": "是否完整", "notice": "通知", "start": "起算日期",
}
ROLE = {"lead": "牵头单位", "responsible": "责任单位"}
DEADLINE_KIND = {"date": "具体日期", "period_end": "期末", "recurring": "定期", "continuous": "持续", "relative": "相对时限"}
_VALUE_NAMES = {"role": ROLE, "deadline_kind": DEADLINE_KIND, "is_group": {"0": "否", "1": "是"},
                "kind": {"holiday": "放假", "workday": "上班"}, "complete": {"0": "否", "1": "是"}}


def value_label(field: str | None, value: str | None) -> str:
    """A stored value as the clerk reads it (role and deadline-kind codes in Chinese)."""
    if value is None:
        return ""
    return _VALUE_NAMES.get(field or "", {}).get(value, value)


def field_label(entity: str, field: str | None) -> str:
    if field is None:
        return ENTITY.get(entity, entity)
    return FIELD.get(field, field)


# Section levels above 一、 (0 and below): the 第X部分 / 第X章 / 第X节 / 第X条 headings, as written again.
ORDINAL_WORDS = {-3: "部分", -2: "章", -1: "节", 0: "条"}


def numbered_title(level: int, number: str | None, title: str) -> str:
    """A section title with its number as printed: "第一部分 …", "一、…", "（一）…", "1. …", "（1）…"."""
    if not number:
        return title
    if level in ORDINAL_WORDS:
        return f"第{number}{ORDINAL_WORDS[level]} {title}".rstrip()
    if level == 1:
        return f"{number}、{title}"
    if level == 3:
        return f"{number}. {title}"
    return f"（{number}）{title}"


def completion_label(done_entries: int, entries: int) -> str:
    """"完成 66%（33/50个单位任务已完成）": ``model.completion`` as the window shows it."""
    if not entries:
        return "完成 0%（还没有单位任务）"
    return f"完成 {completion(done_entries, entries):.0%}（{done_entries}/{entries}个单位任务已完成）"
