"""Starting the window: errors at open, the interface language, the crash handler."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import ClassVar

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from fieldkit import i18n
from fieldkit.gui.shell import app as app_module
from fieldkit.gui.shell import crash
from fieldkit.gui.shell.crash import CrashHandler
from fieldkit.gui.shell.main_window import MainWindow
from fieldkit.paths import log_dir
from fieldkit.store import Workspace


class FakeMessageBox:
    """Stands in for QMessageBox: records what would be shown, never blocks."""

    Icon = QMessageBox.Icon
    shown: ClassVar[list[FakeMessageBox]] = []

    def __init__(self, icon=None, title: str = "", text: str = "", *args, **kwargs) -> None:
        self.icon, self.title, self.text, self.details = icon, title, text, ""

    def setTextInteractionFlags(self, *_args) -> None:
        pass

    def setDetailedText(self, text: str) -> None:
        self.details = text

    def exec(self) -> int:
        FakeMessageBox.shown.append(self)
        return 0


@pytest.fixture
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[FakeMessageBox]:
    FakeMessageBox.shown = []
    monkeypatch.setattr(app_module, "QMessageBox", FakeMessageBox)
    monkeypatch.setattr(crash, "QMessageBox", FakeMessageBox)
    return FakeMessageBox.shown


@pytest.fixture
def reset_language():
    yield
    i18n.set_language("en")


def test_workspace_open_elsewhere_gives_a_plain_message(
    qapp, workspace: Workspace, db_path: Path, message_boxes
) -> None:
    hook = sys.excepthook
    # The `workspace` fixture holds the file, as another copy of fieldkit would.
    assert app_module.run(db_path) == 1
    assert len(message_boxes) == 1
    assert "open in another copy of fieldkit" in message_boxes[0].text
    assert message_boxes[0].icon == QMessageBox.Icon.Warning
    assert sys.excepthook is hook  # the crash handler is gone again


def test_run_shows_the_window_in_the_saved_language(
    qapp, db_path: Path, message_boxes, reset_language
) -> None:
    with Workspace(db_path) as ws:
        ws.set_setting("interface_language", "fr")
        ws.set_setting("demo_offered", True)
    seen: dict[str, object] = {}

    def look_and_quit() -> None:
        # Windows of earlier tests may linger, closed; the one run() shows is the visible one.
        windows = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        seen["windows"] = [w.isVisible() for w in windows]
        seen["hook"] = sys.excepthook
        seen["language"] = i18n.current_language()
        seen["name"] = QApplication.applicationName()
        # Closing the last window ends app.exec(); a second quit on top of it would stay queued
        # and stop the timers of the tests that come after.
        for window in windows:
            window.close()
        if not windows:
            QApplication.exit(0)

    QTimer.singleShot(0, look_and_quit)
    assert app_module.run(db_path) == 0
    assert seen["windows"] == [True]
    assert isinstance(seen["hook"], CrashHandler)
    assert seen["language"] == "fr"
    assert seen["name"] == "fieldkit"
    assert not isinstance(sys.excepthook, CrashHandler)
    assert message_boxes == []
    # The workspace was closed: it opens again.
    Workspace(db_path).close()


def _raise(error: BaseException):
    try:
        raise error
    except BaseException as caught:
        return type(caught), caught, caught.__traceback__


def test_crash_handler_writes_a_log_and_names_it(qapp, message_boxes, capsys) -> None:
    handler = CrashHandler()
    handler(*_raise(ZeroDivisionError("boom")))
    path = handler.last_log
    assert path is not None
    assert path.parent == log_dir()
    content = path.read_text(encoding="utf-8")
    assert "ZeroDivisionError: boom" in content
    assert "Traceback" in content
    assert len(message_boxes) == 1
    assert str(path) in message_boxes[0].text
    assert message_boxes[0].icon == QMessageBox.Icon.Critical
    assert "ZeroDivisionError" in message_boxes[0].details
    assert "ZeroDivisionError" in capsys.readouterr().err


def test_crash_logs_do_not_overwrite_each_other(qapp, message_boxes, tmp_path: Path) -> None:
    handler = CrashHandler(tmp_path / "logs")
    handler(*_raise(ValueError("one")))
    handler(*_raise(ValueError("two")))
    logs = sorted((tmp_path / "logs").iterdir())
    assert len(logs) == 2


def test_user_error_escaping_a_slot_gets_a_plain_message(qapp, message_boxes, tmp_path) -> None:
    from fieldkit.core.errors import WorkspaceUnavailable

    handler = CrashHandler(tmp_path / "logs")
    handler(*_raise(WorkspaceUnavailable("The disk that holds the workspace is full.")))
    assert [box.text for box in message_boxes] == ["The disk that holds the workspace is full."]
    assert not (tmp_path / "logs").exists()


def test_install_and_uninstall(qapp) -> None:
    before = sys.excepthook
    handler = CrashHandler()
    handler.install()
    try:
        assert sys.excepthook is handler
    finally:
        handler.uninstall()
    assert sys.excepthook is before
