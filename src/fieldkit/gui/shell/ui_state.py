"""The window's size and position, and where each splitter was left, from one run to the next.

Kept with QSettings in an INI file of the user's config folder (`fieldkit.paths.config_dir`) (not in the workspace: it belongs
to the screen of this computer). Splitters are found by their object name.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QSplitter

from fieldkit.paths import config_dir

DEFAULT_SIZE = (1280, 760)


def settings_file() -> Path:
    return config_dir() / "window.ini"


def _settings() -> QSettings:
    return QSettings(str(settings_file()), QSettings.Format.IniFormat)


def save_window_state(window: QMainWindow) -> None:
    settings = _settings()
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    for splitter in window.findChildren(QSplitter):
        name = splitter.objectName()
        if name:
            settings.setValue(f"splitters/{name}", splitter.saveState())
    settings.sync()


def restore_window_state(window: QMainWindow) -> bool:
    """Put the window and its splitters back as they were; False the first time."""
    settings = _settings()
    geometry = settings.value("window/geometry")
    restored = isinstance(geometry, QByteArray) and window.restoreGeometry(geometry)
    state = settings.value("window/state")
    if isinstance(state, QByteArray):
        window.restoreState(state)
    states: dict[QSplitter, QByteArray] = {}
    for splitter in window.findChildren(QSplitter):
        name = splitter.objectName()
        value = settings.value(f"splitters/{name}") if name else None
        if isinstance(value, QByteArray):
            states[splitter] = value
    # Splitters take their sizes once the window has its own: when it is first shown.
    _RestoreOnShow(window, states)
    if not restored:
        fit_to_screen(window)
    return restored


class _RestoreOnShow(QObject):
    def __init__(self, window: QMainWindow, states: dict[QSplitter, QByteArray]) -> None:
        super().__init__(window)
        self.states = states
        window.installEventFilter(self)
        if window.isVisible():
            self.apply()

    def apply(self) -> None:
        for splitter, state in self.states.items():
            splitter.restoreState(state)
        self.states = {}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self.states:
            QTimer.singleShot(0, self.apply)
        return False


def fit_to_screen(window: QMainWindow) -> None:
    """A first size that fits the screen: the whole of a 1366×768 laptop, less on a large one."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    width, height = DEFAULT_SIZE
    if screen is not None:
        area = screen.availableGeometry()
        width, height = min(width, area.width()), min(height, area.height())
        window.resize(width, height)
        frame = window.frameGeometry()
        frame.moveCenter(area.center())
        window.move(frame.topLeft())
    else:
        window.resize(width, height)
