"""Portable mode in the window: said once, and a verified copy of the workspace at each close.

The first time a workspace is opened in portable mode, a message says where the data lives and
that a copy is kept at each close (the stick may be pulled out mid-write). At close, the copy is
made; a stick that refuses it (full, read-only) gets its one sentence before the window goes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from fieldkit.core.errors import UserError
from fieldkit.i18n import _
from fieldkit.paths import portable_dir
from fieldkit.portable import TOLD_SETTING, back_up_at_close
from fieldkit.store import Workspace


def install_portable_mode(window: QMainWindow, ws: Workspace) -> QMessageBox | None:
    """Add the copy at close to the window's close hooks; the once-only message, if shown."""
    folder = portable_dir()
    if folder is None:
        return None
    hooks = window.close_hooks  # type: ignore[attr-defined]
    hooks.insert(0, lambda: _back_up_at_close(window, ws))  # before the workspace is closed
    try:
        if ws.setting(TOLD_SETTING, False):
            return None
        ws.set_setting(TOLD_SETTING, True)
    except UserError:
        return None  # the stick's own trouble is said when the workspace is written
    box = QMessageBox(
        QMessageBox.Icon.Information,
        _("Portable mode"),
        _(
            "fieldkit runs in portable mode: the workspace, its settings and its logs stay in "
            "{folder}, and each time you close fieldkit it keeps a checked copy of the workspace "
            "in {backups}, in case the USB stick is pulled out while it writes."
        ).format(folder=folder, backups=ws.path.parent / "backups"),
        QMessageBox.StandardButton.Ok,
        window,
    )
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def _back_up_at_close(window: QMainWindow, ws: Workspace) -> None:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        back_up_at_close(ws)
    except UserError as error:
        QApplication.restoreOverrideCursor()
        # The window is closing: this is the last moment to say it, so the box waits for OK.
        QMessageBox.warning(window, _("fieldkit"), error.message)
        return
    QApplication.restoreOverrideCursor()
