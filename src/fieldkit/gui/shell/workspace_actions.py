"""The File menu: new and open workspace, the recent ones, settings (backups: `backup_actions`).

Opening another workspace makes a new main window for it and closes the current one, after
saving what is still being typed. A workspace that cannot be opened (open in another copy of
fieldkit, read-only, from a newer fieldkit) gets its plain sentence and the current one stays.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog

from fieldkit.core.errors import DamagedWorkspace, UserError
from fieldkit.gui.shell.backup_actions import BackupOffer
from fieldkit.gui.shell.context import PageContext
from fieldkit.gui.shell.damaged import UnusableWorkspaceDialog
from fieldkit.gui.shell.qt_language import apply_workspace_language
from fieldkit.gui.shell.recent import forget_workspace, recent_workspaces, remember_workspace
from fieldkit.gui.shell.worker import BackgroundTask, Progress
from fieldkit.i18n import _
from fieldkit.store import Workspace, backups

if TYPE_CHECKING:
    from fieldkit.gui.shell.main_window import MainWindow
    from fieldkit.gui.shell.settings_dialog import SettingsDialog

WORKSPACE_SUFFIX = ".fieldkit"


class WorkspaceActions(QObject):
    """The File menu of one window. `open_window(ws)` makes the window of another workspace
    (given by the main controller, so this module does not import it back)."""

    def __init__(
        self,
        context: PageContext,
        window: MainWindow,
        set_language: Callable[[str | None, str | None], None],
        open_window: Callable[[Workspace], MainWindow],
    ) -> None:
        super().__init__(window)
        self.context = context
        self.ws = context.ws
        self.window = window
        self.set_language = set_language
        self.open_window = open_window
        self.file_dialog: QFileDialog | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.unusable_dialog: UnusableWorkspaceDialog | None = None
        self.window.recent_menu.aboutToShow.connect(self.fill_recent_menu)

    # --- opening -----------------------------------------------------------------------------

    def _file_dialog(self, title: str, mode: QFileDialog.AcceptMode) -> QFileDialog:
        dialog = QFileDialog(self.window, title, str(self.ws.path.parent))
        dialog.setAcceptMode(mode)
        dialog.setNameFilters([_("fieldkit workspaces (*.fieldkit *.sqlite)"), _("All files (*)")])
        dialog.setDefaultSuffix(WORKSPACE_SUFFIX.lstrip("."))
        if mode == QFileDialog.AcceptMode.AcceptOpen:
            dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.switch_to(Path(name)))
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def open_workspace(self) -> QFileDialog:
        return self._file_dialog(_("Open workspace"), QFileDialog.AcceptMode.AcceptOpen)

    def new_workspace(self) -> QFileDialog:
        return self._file_dialog(_("New workspace"), QFileDialog.AcceptMode.AcceptSave)

    def fill_recent_menu(self) -> None:
        menu = self.window.recent_menu
        menu.clear()
        current = self.ws.path.resolve()
        paths = recent_workspaces()
        for number, path in enumerate(paths, start=1):
            action = menu.addAction(f"&{number} {path}" if number < 10 else str(path))
            action.setCheckable(True)
            action.setChecked(path == current)
            action.setEnabled(path.exists())
            action.triggered.connect(lambda _c=False, p=path: self.switch_to(p))
        if not paths:
            empty = menu.addAction(_("No workspace opened yet"))
            empty.setEnabled(False)

    def switch_to(self, path: Path) -> MainWindow | None:
        """Show the workspace at `path` in a new window; the new window, or None."""
        if path.resolve() == self.ws.path.resolve():
            return self.window
        from fieldkit.gui.widgets.autosave import flush_all  # after the first paint (start-up)

        flush_all(self.window, final=True)
        try:
            ws = Workspace(path, full_check=False)  # the new window runs the full check
        except DamagedWorkspace as error:
            self.show_unusable(error)
            return None
        except UserError as error:
            if not path.exists():
                forget_workspace(path)
            self.context.show_error(error.message)
            return None
        try:
            apply_workspace_language(ws)  # the new window speaks the workspace's language
        except UserError as error:
            ws.close()
            self.context.show_error(error.message)
            return None
        remember_workspace(path)
        return self._show_instead(ws)

    def _show_instead(self, ws: Workspace) -> MainWindow:
        """A new window for `ws` where this one was, this one closed."""
        window = self.open_window(ws)
        window.setGeometry(self.window.geometry())
        if self.window.isMaximized():
            window.showMaximized()
        else:
            window.show()
        self.window.close()
        return window

    def recover_from(self, source: Path) -> BackgroundTask:
        """Put the backup `source` in place of this window's damaged workspace and show it in a
        new window; the damaged file is kept beside it, with the date in its name.

        The copy is staged and checked off the GUI thread while the workspace stays open (a
        refusal changes nothing); only then is the workspace closed, set aside and replaced.
        The restored copy's clock is set no earlier than the stamps this laptop already issued.
        """
        ws, path = self.ws, self.ws.path
        last_issued = ws.clock.last_issued

        def work(progress: Progress) -> Path:
            progress(0, 0)
            staged = backups.stage(source, path)
            try:
                backups.clock_at_least(staged, last_issued)
            except BaseException:
                staged.unlink(missing_ok=True)
                raise
            return staged

        def staged(copy: Path) -> None:
            from fieldkit.gui.widgets.autosave import flush_all

            flush_all(self.window, final=True)
            ws.close()  # the lock goes with it: the file can be replaced
            try:
                backups.put_back_locked(copy, path)
            except UserError as error:
                self.context.show_error(error.message)
            try:  # the restored workspace, or the damaged one again when that failed
                again = Workspace(path, full_check=False)
            except UserError as error:
                self.context.show_error(error.message)
                self.window.close()
                return
            self._show_instead(again)

        return self.context.run_in_background(
            self.window, _("Restoring the workspace…"), work, staged
        )

    def show_unusable(self, error: DamagedWorkspace) -> UnusableWorkspaceDialog:
        """A damaged or foreign file: its sentence, and File > Open again if the user wants."""
        dialog = UnusableWorkspaceDialog(error, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        offer = BackupOffer.add_to(dialog, error)  # a damaged workspace: its newest backup

        def chosen(_result: int) -> None:
            if offer is not None and offer.chosen():
                if offer.restore(self.window):
                    self.switch_to(error.path)
            elif dialog.chose_open_other():
                self.open_workspace()

        dialog.finished.connect(chosen)
        self.unusable_dialog = dialog
        dialog.open()
        return dialog

    # --- settings ----------------------------------------------------------------------------

    def show_settings(self) -> SettingsDialog:
        if self.settings_dialog is not None and self.settings_dialog.isVisible():
            self.settings_dialog.raise_()
            return self.settings_dialog
        from fieldkit.gui.shell.settings_dialog import SettingsDialog  # after the first paint

        dialog = SettingsDialog(self.context, self.set_language, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_a: setattr(self, "settings_dialog", None))
        self.settings_dialog = dialog
        dialog.open()
        return dialog
