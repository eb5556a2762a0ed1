"""Start the window: the Qt application, the workspace, the crash handler, the main window."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

import fieldkit
from fieldkit.core.errors import DamagedWorkspace, UserError
from fieldkit.gui.shell.crash import CrashHandler
from fieldkit.gui.shell.damaged import UnusableWorkspaceDialog, open_at_start
from fieldkit.gui.shell.main_controller import create_main_window
from fieldkit.gui.shell.qt_language import (
    apply_workspace_language,
    install_qt_translator,
    set_language_override,
)
from fieldkit.gui.shell.recent import remember_workspace
from fieldkit.gui.shell.smoke import install_smoke_check
from fieldkit.i18n import _
from fieldkit.paths import APP_NAME, default_database, user_data_dir
from fieldkit.portable import check_data_folder


def application(argv: Sequence[str] | None = None) -> QApplication:
    """The running QApplication, made if there is none yet."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv if argv is not None else sys.argv[:1]))
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(fieldkit.__version__)
    install_qt_translator()  # Qt's own texts (Cancel, Close) in the language already chosen
    return app


def show_plain_message(text: str) -> None:
    """A plain warning before (or instead of) the main window."""
    box = QMessageBox(QMessageBox.Icon.Warning, _("fieldkit"), text)
    box.exec()


def _default_workspace() -> Path:
    path = default_database()
    if path.parent == user_data_dir():  # the app's own folder is made on the first start
        path.parent.mkdir(parents=True, exist_ok=True)
    return path


def run(
    db_path: Path | None = None, argv: Sequence[str] | None = None, *, lang: str | None = None
) -> int:
    """Open the workspace and show the main window until it is closed; the exit status.

    `lang` ('fr', 'es_PE', 'pseudo') wins over the workspaces' settings for this run.
    """
    app = application(argv)
    set_language_override(lang)
    crash_handler = CrashHandler()
    crash_handler.install()
    try:
        try:
            check_data_folder()  # portable mode: a full or read-only stick, said first
            # A damaged or foreign file gets its dialog, which offers to open another one.
            ws = open_at_start(db_path or _default_workspace(), apply_workspace_language)
        except UserError as error:
            show_plain_message(error.message)
            return 1
        if ws is None:
            return 1
        try:
            remember_workspace(ws.path)
            try:
                window = create_main_window(ws, owns_workspace=True)
            except DamagedWorkspace as error:  # met by the first reads of the window
                UnusableWorkspaceDialog(error).exec()
                return 1
            window.show()
            install_smoke_check(window)  # only when FIELDKIT_SMOKE_SECONDS asks for it
            return app.exec()
        finally:
            ws.close()  # the window closes it too; closing twice is harmless
    finally:
        crash_handler.uninstall()
