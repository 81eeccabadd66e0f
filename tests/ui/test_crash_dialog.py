"""An unexpected error shows a Chinese dialog with the log path, not a traceback."""

import sys

from PySide6.QtWidgets import QMessageBox

from gongkai_desk.ui import app as app_module


def test_excepthook_logs_and_shows_chinese_dialog(qtbot, tmp_path, monkeypatch):
    app_module.make_app()
    shown = {}
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.update(title=title, text=text))
    log = tmp_path / "x.log"
    old = sys.excepthook
    try:
        app_module.install_excepthook(log)
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = old
    assert shown["title"] == "程序出错了"
    assert str(log) in shown["text"] and "Traceback" not in shown["text"]
    assert "已保存的数据不受影响" in shown["text"]
