"""Status lights (红/黄/绿) with a rule the clerk can read.

红: the deadline has passed and the entry is not 已完成.
黄: due within N working days (default 5) and not 已完成, or 持续推进 with no update for M days
(default 30). 绿: everything else (on track, or done).

A light always carries its word (``Light.word``: "红 · 逾期") so colour is never the only signal.
The thresholds are settings (``ws.calendar.light_rule()``).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from gongkai_desk.core.model import Status

RED, YELLOW, GREEN = "red", "yellow", "green"
COLOR_WORD = {RED: "红", YELLOW: "黄", GREEN: "绿"}
SEVERITY = {GREEN: 0, YELLOW: 1, RED: 2}
# Fills matching the status colours of the exports (reports.review.STATUS_FILLS) and the window.
FILLS = {RED: "FFC7CE", YELLOW: "FFEB9C", GREEN: "C6EFCE"}
STRONG = {RED: "C0392B", YELLOW: "E6A700", GREEN: "2E8B3A"}  # dots and chart bars
DUE_SOON_KEY = "lights.due_soon_days"
STALE_KEY = "lights.stale_days"


@dataclass(frozen=True)
class LightRule:
    due_soon_days: int = 5  # 黄: due within this many working days
    stale_days: int = 30  # 黄: 持续推进 with no update for this many days

    def text(self) -> str:
        """The rule as one Chinese sentence (legend, tooltips, JSON)."""
        return (f"红：已过期限且未完成；黄：{self.due_soon_days}个工作日内到期且未完成，"
                f"或“持续推进”超过{self.stale_days}天未更新；绿：其余（按期推进或已完成）。")


@dataclass(frozen=True, slots=True)
class Light:
    color: str  # RED | YELLOW | GREEN
    reason: str  # 逾期 / 3个工作日内到期 / 45天未更新 / 已完成 / 正常推进
    soon: bool = False  # 黄 because the deadline is near (not because of an old update)
    severity: int = field(init=False, compare=False, repr=False)  # 0 green, 1 yellow, 2 red

    def __post_init__(self) -> None:
        object.__setattr__(self, "severity", SEVERITY[self.color])

    @property
    def word(self) -> str:
        return f"{COLOR_WORD[self.color]} · {self.reason}"


DONE_LIGHT = Light(GREEN, "已完成")
ON_TRACK = Light(GREEN, "正常推进")


def entry_light(status: Status, due: _dt.date | None, left: int | None, updated: _dt.date | None,
                today: _dt.date, rule: LightRule) -> Light:
    """The light of one unit's entry on a task.

    :param due: the due date (None: no dated deadline); ``left``: working days from ``today``
        to it (0 on the day itself); ``updated``: the entry's last update (None: never).
    """
    if status is Status.DONE:
        return DONE_LIGHT
    if due is not None and today > due:
        return Light(RED, "逾期")
    if due is not None and left is not None and 0 <= left <= rule.due_soon_days:
        return Light(YELLOW, "今日到期" if left == 0 else f"{left}个工作日内到期", True)
    if status is Status.ONGOING:
        if updated is None:
            return Light(YELLOW, "持续推进但从未更新")
        idle = (today - updated).days
        if idle > rule.stale_days:
            return Light(YELLOW, f"{idle}天未更新")
    return ON_TRACK


def worst(lights, default: Light = ON_TRACK) -> Light:
    """The most severe of ``lights`` (the first of equals; green is 已完成 only when all are)."""
    best = None
    for light in lights:
        if best is None or light.severity > best.severity or (best is DONE_LIGHT and light.color == GREEN):
            best = light
    return best or default


def parse_threshold(value, what: str, low: int, high: int) -> int:
    """A threshold as a whole number in [low, high], or a Chinese refusal."""
    from gongkai_desk.core.errors import ValidationError

    try:
        n = int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError(f"{what}“{value}”不是整数，请填写 {low} 到 {high} 之间的整数。") from None
    if not low <= n <= high:
        raise ValidationError(f"{what}{n}超出范围，请填写 {low} 到 {high} 之间的整数。")
    return n
