"""What happens when the program meets an error it did not expect.

The crash handler replaces `sys.excepthook` while the window runs: the traceback goes to a log
file in the user's log folder and a dialog names that file. A `UserError` that escapes a slot is an
environment problem (disk full, file locked) and gets its plain message instead.
"""

from __future__ import annotations

import datetime as dt
import platform
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

import fieldkit
from fieldkit.core.errors import UserError
from fieldkit.i18n import _
from fieldkit.paths import log_dir

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def write_crash_log(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    directory: Path | None = None,
) -> Path:
    """Write the traceback, with the versions that matter, to a new file and return its path."""
    folder = directory or log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now()
    stem = f"crash-{now:%Y%m%d-%H%M%S}"
    path = folder / f"{stem}.log"
    number = 1
    while path.exists():
        number += 1
        path = folder / f"{stem}-{number}.log"
    lines = [
        f"fieldkit {fieldkit.__version__}",
        f"Python {platform.python_version()} on {platform.platform()}",
        f"PySide6 {pyside_version}",
        f"Time {now.isoformat(timespec='seconds')}",
        "",
        "".join(traceback.format_exception(exc_type, exc, tb)),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


class CrashHandler:
    """A `sys.excepthook` that logs the traceback and tells the user where it is."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory
        self.previous: ExceptHook | None = None
        self.last_log: Path | None = None
        self._showing = False

    def install(self) -> None:
        self.previous = sys.excepthook
        sys.excepthook = self

    def uninstall(self) -> None:
        if sys.excepthook is self and self.previous is not None:
            sys.excepthook = self.previous
        self.previous = None

    def __call__(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if isinstance(exc, UserError):
            self._show(QMessageBox.Icon.Warning, exc.message)
            return
        traceback.print_exception(exc_type, exc, tb, file=sys.stderr)
        try:
            path: Path | None = write_crash_log(exc_type, exc, tb, self.directory)
        except OSError:
            path = None
        self.last_log = path
        if path is None:
            text = _(
                "fieldkit met an error it did not expect, and the report could not be written "
                "to the log folder. Please save your work and restart fieldkit."
            )
        else:
            text = _(
                "fieldkit met an error it did not expect. The details are in the file {path}; "
                "please send it to the people who support fieldkit. It is safest to restart "
                "fieldkit now."
            ).format(path=path)
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        self._show(QMessageBox.Icon.Critical, text, details)

    def _show(self, icon: QMessageBox.Icon, text: str, details: str = "") -> None:
        if QApplication.instance() is None or self._showing:
            print(text, file=sys.stderr)
            return
        self._showing = True
        try:
            box = QMessageBox(icon, _("fieldkit"), text)
            box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if details:
                box.setDetailedText(details)
            box.exec()
        finally:
            self._showing = False
