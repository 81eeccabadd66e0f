"""The 总览 page's files: the 落实情况总览 (.xlsx) and 通报 (.docx), checked before publication, and
every unit's 催办通知 at once; each starts in the folder used last and offers to open what it wrote."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from gongkai_desk.core.errors import Cancelled
from gongkai_desk.ui.exported import offer_open
from gongkai_desk.ui.ops import failure_text, run_in_background, show_error

FOLDER_KEY = "last_export_dir"


def _last_folder(page) -> str:
    return page.settings.value(FOLDER_KEY, "") if page.settings is not None else ""


def _remember(page, folder: str | Path) -> None:
    if page.settings is not None:
        page.settings.setValue(FOLDER_KEY, str(folder))


def ask_path(page, title: str, name: str, pattern: str) -> str | None:
    folder = _last_folder(page)
    path, _ = QFileDialog.getSaveFileName(page, title, f"{folder}/{name}" if folder else name, pattern)
    if path:
        _remember(page, Path(path).parent)
    return path or None


def export_overview_file(page, suffix: str) -> None:
    from gongkai_desk.core.exporters.overview import export_overview
    from gongkai_desk.ui.overview.charts import render_chart_png
    from gongkai_desk.ui.publication import overview_prepare

    ov = page.overview
    if ov is None:
        return
    kind = "落实情况总览" if suffix == ".xlsx" else "落实情况通报"
    path = ask_path(page, f"导出{kind}", f"{ov.year}年{kind}_{ov.date.strftime('%Y%m%d')}{suffix}",
                    "Excel 工作簿 (*.xlsx)" if suffix == ".xlsx" else "Word 文档 (*.docx)")
    if not path:
        return
    if not path.lower().endswith(suffix):
        path += suffix
    try:
        # Charts are painted here (Qt, main thread); the file is written atomically. The 发布前检查
        # asks first when a task's text holds personal data (mask, export as is, or cancel).
        written = export_overview(page.ws, page.plan_id, path, overview=ov, chart_png=render_chart_png,
                                  prepare=overview_prepare(page))
    except Cancelled:
        page.bus.message.emit(f"已取消导出{kind}。")
        return
    except Exception as e:  # noqa: BLE001 - shown in Chinese, a bug still raises
        text = failure_text(e)
        if text is None:
            raise
        show_error(page, text, "无法导出")
        return
    page.bus.message.emit(f"已导出{kind}：{written}")
    offer_open(page, written)


def write_all_notices(page) -> None:
    from gongkai_desk.core.exporters.docx.chasing import write_chasing_docx
    from gongkai_desk.core.exporters.overview import (
        chasing_file_name, chasing_notices, no_notices_reason, skipped_groups,
    )
    from gongkai_desk.core.files import write_atomic

    if page.overview is None:
        return
    notices = chasing_notices(page.ws, page.plan_id, overview=page.overview)
    if not notices:  # said before a folder is asked for
        show_error(page, no_notices_reason(page.overview), "无法生成催办通知")
        return
    folder = QFileDialog.getExistingDirectory(page, "选择保存催办通知的文件夹", _last_folder(page) or "")
    if not folder:
        return
    _remember(page, folder)

    def write_all():
        return [write_atomic(Path(folder) / chasing_file_name(n.unit, n.date),
                             lambda tmp, n=n: write_chasing_docx(n, tmp)) for n in notices]

    written = run_in_background(page, write_all, label=f"正在生成{len(notices)}份催办通知…")
    if written:
        groups = skipped_groups(page.overview)
        skipped = f"（单位组{'、'.join(groups)}没有单独的催办通知，请先展开为成员单位）" if groups else ""
        page.bus.message.emit(f"已生成{len(written)}份催办通知：{folder}{skipped}")
        offer_open(page, written[0])
