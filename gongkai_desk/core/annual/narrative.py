"""Draft texts for the narrative parts 一, 五 and 六, built from the tables and the year's plans.

Texts are plain text: one paragraph per line; a short line "（一）主动公开" is a level-2 heading.
Every figure is written with the phrase of ``figures.FIGURES``, so TXT-TABLE can re-check it.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Mapping

from gongkai_desk.core.annual import format as fmt
from gongkai_desk.core.annual.figures import FIGURE_BY_ID, strip_tags
from gongkai_desk.core.annual.stats import Stats
from gongkai_desk.core.model import STATUS_ORDER, Status

TODO = "【请补充】"
TODO_OFFICE = "【请补充机关名称】"


@dataclass(frozen=True)
class SectionProgress:
    """Task counts of one top-level section of a plan."""

    title: str
    tasks: int
    by_status: dict[str, int]
    overdue: int


@dataclass(frozen=True)
class PlanProgress:
    """The year's plan completion, as section 六 reports it."""

    title: str
    tasks: int
    by_status: dict[str, int]  # status word → count of tasks (overall status)
    overdue: list[str]  # "3. 任务文字" for each overdue task
    sections: list[SectionProgress] = field(default_factory=list)


def _p(stats: Stats, fig_id: str) -> str:
    return FIGURE_BY_ID[fig_id].phrase(stats)


# ------------------------------------------------------------------ 一、总体情况
def draft_opening(year: int, office: Any) -> str:
    """Return the draft of the opening paragraph from the office in 设置 (placeholders for gaps).

    ``office`` has ``name``, ``department``, ``address``, ``phone``, ``email``, ``website`` (settings.Office).
    """
    name = getattr(office, "name", "") or TODO_OFFICE
    dept = getattr(office, "department", "")
    site = getattr(office, "website", "") or f"{TODO}网址"
    contact = "；".join(f"{label}：{value}" for label, value in (
        ("地址", getattr(office, "address", "") or TODO), ("电话", getattr(office, "phone", "") or TODO),
        ("电子邮箱", getattr(office, "email", ""))) if value)
    return (
        "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息"
        f"公开工作年度报告格式》（国办公开办函〔2021〕30号）要求，由{name}编制。报告全文由总体情况、"
        "主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、"
        "存在的主要问题及改进情况、其他需要报告的事项等六部分组成。报告中所列数据的统计期限为"
        f"{year}年1月1日至{year}年12月31日。本报告可在{name}门户网站政府信息公开专栏（{site}）"
        f"查阅或下载。如对本报告有疑问，请与{name}{dept}联系（{contact}）。"
    )


def draft_overview(stats: Stats, issuer: str) -> str:
    """Return the draft of 一、总体情况: an opening and the five themes with the table figures."""
    who = issuer or TODO_OFFICE
    y = stats.year
    lines = [
        f"{y}年，{who}深入贯彻落实《中华人民共和国政府信息公开条例》（以下简称《条例》）和上级关于"
        "政务公开工作的部署要求，坚持以公开为常态、不公开为例外，持续推进政府信息公开工作。",
        "（一）主动公开",
        f"全年{_p(stats, 'regulations_made')}、{_p(stats, 'normative_made')}，"
        f"{_p(stats, 'normative_repealed')}，{_p(stats, 'normative_valid')}；"
        f"公开{_p(stats, 'licensing')}、{_p(stats, 'punishment')}、{_p(stats, 'coercion')}；"
        f"收取{_p(stats, 'fees')}。{TODO}主动公开的重点领域信息和发布渠道。",
        "（二）依申请公开",
        f"全年{_p(stats, 'new_received')}，{_p(stats, 'carried_over')}；共{_p(stats, 'results_total')}，"
        f"其中{_p(stats, 'granted')}、{_p(stats, 'partial')}、{_p(stats, 'denied')}、"
        f"{_p(stats, 'unable')}、{_p(stats, 'not_processed')}、{_p(stats, 'other_handling')}；"
        f"{_p(stats, 'carried_forward')}。",
        "（三）政府信息管理",
        f"{TODO}政府信息公开审查、行政规范性文件清理、政策解读等情况。",
        "（四）政府信息公开平台建设",
        f"{TODO}政府网站信息公开专栏、政务新媒体等平台建设和维护情况。",
        "（五）监督保障",
        f"全年因政府信息公开工作被申请{_p(stats, 'review')}、被提起{_p(stats, 'suit')}。"
        f"{TODO}工作考核、社会评议和责任追究结果情况。",
    ]
    return "\n".join(lines)


# ------------------------------------------------------------------ 五、存在的主要问题及改进情况
def draft_problems(year: int, previous_text: str | None) -> str:
    """Return the draft of 五: last year's problems (when last year's report is stored)."""
    lines: list[str] = []
    prev = [ln.strip() for ln in strip_tags(previous_text or "").splitlines() if ln.strip()]
    prev = [ln for ln in prev if not _is_heading(ln) and TODO not in ln]
    if prev:
        lines.append(f"（一）{year - 1}年度存在问题的改进情况")
        lines.append(f"{year - 1}年度报告提出的问题和改进措施如下：")
        lines += [f"{i}.{ln}" for i, ln in enumerate(prev, 1)]
        lines.append(f"针对上述问题，本年度{TODO}逐项说明整改落实情况。")
        lines.append("（二）存在的主要问题和改进措施")
    lines.append(f"本年度政府信息公开工作还存在以下不足：{TODO}。")
    lines.append(f"下一步，将{TODO}。")
    return "\n".join(lines)


def _is_heading(line: str) -> bool:
    return line.startswith("（") and len(line) <= 24 and "。" not in line


# ------------------------------------------------------------------ 六、其他需要报告的事项
def draft_other(year: int, plans: list[PlanProgress], fee_text: str | None = None) -> str:
    """Return the draft of 六: 信息处理费 and 落实政务公开工作要点情况 from the plans' progress."""
    lines = [
        "（一）信息处理费收取情况",
        fee_text or "依据《政府信息公开信息处理费管理办法》，本年度未收取信息处理费。",
        "（二）落实政务公开工作要点情况",
    ]
    if not plans:
        lines.append(f"{TODO}{year}年政务公开工作要点的落实情况。")
    for plan in plans:
        lines.append(_plan_paragraph(plan))
        for sec in plan.sections:
            lines.append(_section_sentence(sec))
    lines.append("（三）其他事项")
    lines.append(f"{TODO}人大代表建议和政协提案办理结果公开情况、政务公开工作创新情况等。")
    return "\n".join(lines)


def _counts(by_status: Mapping[str, int]) -> str:
    parts = [f"{s.value}{by_status[s.value]}项" for s in reversed(STATUS_ORDER)
             if by_status.get(s.value)]
    return "、".join(parts) if parts else "暂无进展记录"


def _plan_paragraph(plan: PlanProgress) -> str:
    text = f"对照《{plan.title}》，共承担任务{plan.tasks}项，其中{_counts(plan.by_status)}。"
    if plan.overdue:
        shown = "；".join(plan.overdue[:5])
        more = f"等{len(plan.overdue)}项" if len(plan.overdue) > 5 else f"共{len(plan.overdue)}项"
        text += f"逾期未完成的任务有：{shown}{more}，将督促责任单位加快推进。"
    else:
        text += "无逾期未完成任务。"
    return text


def _section_sentence(sec: SectionProgress) -> str:
    done = sec.by_status.get(Status.DONE.value, 0)
    text = f"在“{sec.title}”方面，共{sec.tasks}项任务，{_counts(sec.by_status)}"
    if done == sec.tasks and sec.tasks:
        text += "，已全部完成"
    if sec.overdue:
        text += f"，逾期{sec.overdue}项"
    return text + "。"


# ------------------------------------------------------------------ from the workspace
def plan_progress(ws: Any, year: int, today: _dt.date | None = None) -> list[PlanProgress]:
    """Return the completion summary of each plan of ``year`` (overdue as of the year's end)."""
    today = today or _dt.date.today()
    as_of = min(today, _dt.date(year, 12, 31))
    out = []
    for summary in ws.plans.list():
        if summary.year != year or getattr(ws.plans.get(summary.id), "kind", "plan") != "plan":
            continue
        sections = ws.plans.sections(summary.id)
        top = _top_sections(sections)
        tasks = ws.tasks.of_plan(summary.id, today=as_of)
        per: dict[int | None, list[Any]] = {}
        for t in tasks:
            per.setdefault(top.get(t.section_id) if t.section_id else None, []).append(t)
        secs = [_section_progress(s.title, per[s.id]) for s in sections
                if s.parent_id is None and per.get(s.id)]
        out.append(PlanProgress(
            title=summary.title, tasks=len(tasks), by_status=_by_status(tasks),
            overdue=[_task_name(t) for t in tasks if t.overdue], sections=secs,
        ))
    return out


def _top_sections(sections: list[Any]) -> dict[int, int]:
    parent = {s.id: s.parent_id for s in sections}
    top = {}
    for s in sections:
        cur = s.id
        while parent.get(cur) is not None:
            cur = parent[cur]
        top[s.id] = cur
    return top


def _by_status(tasks: list[Any]) -> dict[str, int]:
    out: dict[str, int] = {}
    for t in tasks:
        out[t.status.value] = out.get(t.status.value, 0) + 1
    return out


def _section_progress(title: str, tasks: list[Any]) -> SectionProgress:
    return SectionProgress(title, len(tasks), _by_status(tasks), sum(1 for t in tasks if t.overdue))


def _task_name(task: Any) -> str:
    text = task.text.strip().rstrip("。；;，,、 ")
    text = text if len(text) <= 30 else text[:30] + "…"
    return f"{task.number}.{text}" if task.number else text


def draft_all(
    stats: Stats,
    *,
    issuer: str,
    previous_texts: Mapping[str, str] | None = None,
    plans: list[PlanProgress] | None = None,
    office: Any = None,
) -> dict[str, str]:
    """Return drafts for the opening and every narrative section ("一", "五", "六")."""
    return {
        fmt.OPENING: draft_opening(stats.year, office),
        "一": draft_overview(stats, issuer),
        "五": draft_problems(stats.year, (previous_texts or {}).get("五")),
        "六": draft_other(stats.year, plans or []),
    }
