"""设置 → 节假日安排: keep the working-day calendar current, and the status lights' thresholds.

Paste the State Council's notice (or open it as .txt/.html/.docx), see what was read on a year
calendar, confirm to store it; click a single day to turn it into a day off or a working day.
"""

from __future__ import annotations

import calendar as _month
import datetime as _dt

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import (
    QCheckBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton,
    QSizePolicy, QSpinBox, QSplitter, QToolTip, QVBoxLayout, QWidget,
)

from gongkai_desk.core.calendar import CLERK, HOLIDAY, NOTICE, SOURCE_LABEL, WORKDAY, SpecialDay, no_data_banner
from gongkai_desk.ui.ops import Bus, run_op, show_error

OFF = QColor("#f8c9c9")
WORKED = QColor("#c9daf5")
WEEKEND = QColor("#eeeeee")
PREVIEW_EDGE = QColor("#c0392b")
WEEK_HEAD = "一二三四五六日"


class YearView(QWidget):
    """A year as twelve small months; days off red (休), worked weekends blue (班)."""

    day_clicked = Signal(object)  # datetime.date

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.year = _dt.date.today().year
        self.days: dict[_dt.date, SpecialDay] = {}
        self.preview = False
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._cells: list[tuple[QRectF, _dt.date]] = []

    def set_year(self, year: int, days: dict[_dt.date, SpecialDay], *, preview: bool = False) -> None:
        self.year, self.days, self.preview = year, days, preview
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        line = self.fontMetrics().height()
        return QSize(line * 40, line * 30)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("white"))
        font = QFont(self.font())
        fm = QFontMetricsF(font)
        cols, rows = 4, 3
        w, h = self.width() / cols, self.height() / rows
        self._cells = []
        for m in range(12):
            r, c = divmod(m, cols)
            self._month(p, QRectF(c * w + 4, r * h + 2, w - 8, h - 4), m + 1, font, fm)
        p.end()

    def _month(self, p: QPainter, rect: QRectF, month: int, font: QFont, fm: QFontMetricsF) -> None:
        bold = QFont(font)
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(QColor("#222222"))
        head = fm.height() * 1.3
        p.drawText(QRectF(rect.left(), rect.top(), rect.width(), head), Qt.AlignmentFlag.AlignCenter, f"{month}月")
        p.setFont(font)
        cw, ch = rect.width() / 7, (rect.height() - head) / 7
        for i, d in enumerate(WEEK_HEAD):
            p.setPen(QColor("#888888"))
            p.drawText(QRectF(rect.left() + i * cw, rect.top() + head, cw, ch), Qt.AlignmentFlag.AlignCenter, d)
        small = QFont(font)
        small.setPointSizeF(max(6.0, font.pointSizeF() * 0.62))
        first = _dt.date(self.year, month, 1)
        offset = first.weekday()
        for n in range(_month.monthrange(self.year, month)[1]):
            day = first + _dt.timedelta(n)
            slot = offset + n
            cell = QRectF(rect.left() + (slot % 7) * cw, rect.top() + head + (slot // 7 + 1) * ch, cw, ch).adjusted(1, 1, -1, -1)
            self._cells.append((cell, day))
            sd = self.days.get(day)
            mark = ""
            if sd is not None and sd.kind == HOLIDAY:
                p.fillRect(cell, OFF)
                mark = "休"
            elif sd is not None and sd.kind == WORKDAY and day.weekday() >= 5:
                p.fillRect(cell, WORKED)
                mark = "班"
            elif day.weekday() >= 5:
                p.fillRect(cell, WEEKEND)
            if sd is not None and (sd.source == CLERK or self.preview):
                p.setPen(QPen(PREVIEW_EDGE if self.preview else QColor("#1d4f91"), 1.5))
                p.drawRect(cell)
            p.setPen(QColor("#222222"))
            p.drawText(cell, Qt.AlignmentFlag.AlignCenter, str(day.day))
            if mark:  # 休 / 班 small in the corner, so the day's number stays readable
                p.setFont(small)
                p.setPen(QColor("#a31515") if mark == "休" else QColor("#1d4f91"))
                p.drawText(cell.adjusted(0, 0, -1, 0), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, mark)
                p.setFont(font)

    def day_at(self, pos: QPointF) -> _dt.date | None:
        return next((d for r, d in self._cells if r.contains(pos)), None)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        day = self.day_at(event.position())
        if day is not None and event.button() == Qt.MouseButton.LeftButton:
            self.day_clicked.emit(day)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        day = self.day_at(event.position())
        if day is None:
            QToolTip.hideText()
            return
        sd = self.days.get(day)
        what = "放假" if not _worked(day, sd) else "上班"
        about = f"{sd.name or ''}{what}（{'待确认的通知' if self.preview else SOURCE_LABEL[sd.source]}）" if sd else what
        QToolTip.showText(event.globalPosition().toPoint(), f"{day.month}月{day.day}日 周{WEEK_HEAD[day.weekday()]}：{about}"
                          + ("" if self.preview else "\n单击可改为" + ("上班" if what == "放假" else "放假")), self)


def _worked(day: _dt.date, sd: SpecialDay | None) -> bool:
    return sd.kind == WORKDAY if sd is not None else day.weekday() < 5


class HolidaysTab(QWidget):
    def __init__(self, ws, bus: Bus, settings=None, parent=None) -> None:
        super().__init__(parent)
        self.ws, self.bus, self.settings = ws, bus, settings
        self.notice = None  # a parsed notice waiting for confirmation
        today = _dt.date.today()
        self.year = QSpinBox()
        self.year.setRange(1990, 2100)
        self.year.setValue(today.year + 1 if today.month >= 11 else today.year)  # the notice comes in Nov/Dec
        self.year.setSuffix(" 年")
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.complete = QCheckBox("这一年的安排已核对完整")
        self.complete.setToolTip("没有载入通知、由您逐日设置时，核对完整后勾选；未勾选的年份期限标为“待复核”。")
        self.view = YearView()
        legend = QLabel("<span style='background:#f8c9c9'>&nbsp;休&nbsp;</span> 放假　"
                        "<span style='background:#c9daf5'>&nbsp;班&nbsp;</span> 调休上班　"
                        "<span style='background:#eeeeee'>&nbsp;&nbsp;&nbsp;</span> 周末　蓝框：手工设置　"
                        "单击某一天可在上班和放假之间切换（可撤销）。")
        legend.setWordWrap(True)
        head = QHBoxLayout()
        head.addWidget(QLabel("年份"))
        head.addWidget(self.year)
        head.addWidget(self.complete)
        head.addStretch(1)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.addLayout(head)
        ll.addWidget(self.state)
        ll.addWidget(self.view, 1)
        ll.addWidget(legend)

        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("把国务院办公厅《关于××××年部分节假日安排的通知》全文粘贴到这里。"
                                     "从任何网站复制都可以，繁体字、夹带拼音或网页上的其他文字也能识别。")
        self.read_button = QPushButton("读取通知")
        self.file_button = QPushButton("从文件读取…")
        self.confirm_button = QPushButton("确认载入")
        self.discard_button = QPushButton("放弃")
        self.result = QLabel()
        self.result.setWordWrap(True)
        row1 = QHBoxLayout()
        for b in (self.read_button, self.file_button):
            row1.addWidget(b)
        row1.addStretch(1)
        row2 = QHBoxLayout()
        for b in (self.confirm_button, self.discard_button):
            row2.addWidget(b)
        row2.addStretch(1)
        notice_box = QGroupBox("载入国务院节假日安排通知")
        nl = QVBoxLayout(notice_box)
        nl.addWidget(self.text, 1)
        nl.addLayout(row1)
        nl.addWidget(self.result)
        nl.addLayout(row2)

        self.due_soon = QSpinBox()
        self.due_soon.setRange(0, 60)
        self.due_soon.setSuffix(" 个工作日")
        self.stale = QSpinBox()
        self.stale.setRange(1, 365)
        self.stale.setSuffix(" 天")
        self.save_rule = QPushButton("保存提醒规则")
        self.rule_text = QLabel()
        self.rule_text.setWordWrap(True)
        rule_box = QGroupBox("状态提醒（红黄绿）")
        form = QFormLayout(rule_box)
        form.addRow("期限前多少个工作日提醒（黄）", self.due_soon)
        form.addRow("“持续推进”多久未更新提醒（黄）", self.stale)
        form.addRow("", self.save_rule)
        form.addRow(self.rule_text)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.addWidget(notice_box, 1)
        rl.addWidget(rule_box)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(split)

        self.year.valueChanged.connect(lambda _y: self.reload())
        self.view.day_clicked.connect(self._toggle)
        self.read_button.clicked.connect(lambda: self.read_text(self.text.toPlainText()))
        self.file_button.clicked.connect(self._read_file)
        self.confirm_button.clicked.connect(self.confirm)
        self.discard_button.clicked.connect(self.discard)
        self.complete.clicked.connect(self._complete)
        self.save_rule.clicked.connect(self._save_rule)
        bus.changed.connect(lambda ch, _i: (ch.calendar or ch.settings) and self.reload())
        self.reload()

    # ---- showing -------------------------------------------------------------------------

    def reload(self) -> None:
        year = self.year.value()
        rule = self.ws.calendar.light_rule()
        self.due_soon.setValue(rule.due_soon_days)
        self.stale.setValue(rule.stale_days)
        self.rule_text.setText(f"当前规则：{rule.text()}")
        if self.notice is not None and self.notice.year == year:
            days = {d: SpecialDay(d, kind, name, NOTICE) for d, kind, name in self.notice.days()}
            self.view.set_year(year, days, preview=True)
        else:
            cal = self.ws.calendar.work_calendar()
            self.view.set_year(year, {sd.date: sd for sd in cal.special_days(year)})
        info = self.ws.calendar.work_calendar().year_info(year)
        self.complete.blockSignals(True)
        self.complete.setChecked(info.complete)
        self.complete.blockSignals(False)
        if not info.complete:
            self.state.setText(f"⚠ {no_data_banner([year])}，用到这一年的期限都标为“待复核”。请载入国务院通知。")
            self.state.setStyleSheet("background: #fff4ce; border: 1px solid #e0c36a; padding: 4px;")
        else:
            source = SOURCE_LABEL.get(info.source or "", "")
            self.state.setText(f"{year}年的安排来自：{source}" + (f"《{info.notice}》" if info.notice else "") + "。")
            self.state.setStyleSheet("")
        self._buttons()

    def _buttons(self) -> None:
        waiting = self.notice is not None
        self.confirm_button.setEnabled(waiting)
        self.discard_button.setEnabled(waiting)

    # ---- the notice ----------------------------------------------------------------------

    def read_text(self, text: str) -> bool:
        from gongkai_desk.core.errors import GongkaiError
        from gongkai_desk.core.holiday_notice import parse_notice

        try:
            notice = parse_notice(text)
        except GongkaiError as e:
            self.notice = None
            self.result.setText(str(e))
            self._buttons()
            return False
        self.notice = notice
        days = notice.days()
        off = sum(1 for _d, k, _n in days if k == HOLIDAY)
        items = "；".join(f"{i.name}{len(i.off)}天" for i in notice.items)
        warn = "".join(f"<br>⚠ {w}" for w in notice.warnings)
        self.result.setText(f"读出<b>{notice.year}年</b>：放假{off}天、调休上班{len(days) - off}天（{items}）。"
                            f"请在左侧日历中核对（红框为待载入的日期），无误后点“确认载入”。{warn}")
        if self.year.value() != notice.year:
            self.year.setValue(notice.year)  # reloads
        else:
            self.reload()
        return True

    def _read_file(self) -> None:
        from gongkai_desk.core.errors import GongkaiError
        from gongkai_desk.core.holiday_notice import read_notice_file

        path, _ = QFileDialog.getOpenFileName(self, "选择节假日安排通知", "", "通知 (*.txt *.html *.htm *.docx)")
        if not path:
            return
        try:
            text = read_notice_file(path)
        except GongkaiError as e:
            show_error(self, str(e), "无法读取文件")
            return
        self.text.setPlainText(text)
        self.read_text(text)

    def confirm(self) -> None:
        notice = self.notice
        if notice is None:
            return
        if run_op(self, self.bus, lambda: self.ws.calendar.load_notice(notice),
                  done=f"已载入{notice.year}年节假日安排（可撤销）") is not None:
            self.notice = None
            self.result.setText(f"已载入{notice.year}年节假日安排。")
            self.reload()

    def discard(self) -> None:
        self.notice = None
        self.result.setText("")
        self.reload()

    # ---- single days, completeness, thresholds -------------------------------------------

    def _toggle(self, day: _dt.date) -> None:
        if self.notice is not None:
            self.result.setText("请先“确认载入”或“放弃”读出的通知，再逐日修改。")
            return
        worked = self.ws.calendar.work_calendar().is_workday(day)
        run_op(self, self.bus, lambda: self.ws.calendar.toggle(day),
               done=f"已将{day.month}月{day.day}日改为{'放假' if worked else '上班'}（可撤销）")

    def _complete(self, checked: bool) -> None:
        year = self.year.value()
        if run_op(self, self.bus, lambda: self.ws.calendar.set_complete(year, checked)) is None:
            self.reload()

    def _save_rule(self) -> None:
        run_op(self, self.bus, lambda: self.ws.calendar.set_light_rule(self.due_soon.value(), self.stale.value()),
               done="已保存提醒规则（可撤销）")
