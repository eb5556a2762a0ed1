"""A workspace that is damaged, or not a workspace at all: its sentence and what to do next.

At the start and from File > Open, a file that the store refuses as damaged or foreign
(`DamagedWorkspace`) is named in a dialog that offers to open another workspace. SQLite's own
check of every page (`quick_check`) takes a second or more on a large workspace, so the window
runs it in the background once it is shown (`watch_for_damage`); what it finds gets the same
dialog, which then also offers "Restore a backup…" (the list of File > Restore…) when the
workspace has backups. A damaged journal copied aside at opening (`ws.notices`) is said once the
window shows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from fieldkit.core.errors import DamagedWorkspace
from fieldkit.gui.shell.backup_actions import BackupOffer, RestoreDialog
from fieldkit.i18n import _
from fieldkit.store import Workspace, backups
from fieldkit.store.health import quick_check

if TYPE_CHECKING:
    from fieldkit.gui.shell.main_window import MainWindow


class UnusableWorkspaceDialog(QMessageBox):
    """The sentence of a damaged or foreign workspace, with "Open another workspace…" and Close.

    `add_choice` puts another way out before them (restoring a backup, for instance).
    """

    def __init__(self, error: DamagedWorkspace, parent: QWidget | None = None) -> None:
        super().__init__(QMessageBox.Icon.Warning, _("fieldkit"), error.message, parent=parent)
        self.error = error
        self.setObjectName("unusable_workspace_dialog")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setInformativeText(_("You can open another workspace instead."))
        self.open_other_button = self.addButton(
            _("Open another workspace…"), QMessageBox.ButtonRole.AcceptRole
        )
        self.close_button = self.addButton(QMessageBox.StandardButton.Close)
        self.setDefaultButton(self.open_other_button)

    def add_choice(self, text: str) -> QPushButton:
        """A further button (its role: accept); the caller connects what it does."""
        button = self.addButton(text, QMessageBox.ButtonRole.AcceptRole)
        assert button is not None
        return button

    def chose_open_other(self) -> bool:
        return self.clickedButton() is self.open_other_button


def choose_workspace_file(parent: QWidget | None, folder: Path) -> Path | None:
    """The file dialog of the start, when the workspace asked for cannot be used."""
    name, _filter = QFileDialog.getOpenFileName(
        parent,
        _("Open workspace"),
        str(folder),
        ";;".join([_("fieldkit workspaces (*.fieldkit *.sqlite)"), _("All files (*)")]),
    )
    return Path(name) if name else None


def instead_of(error: DamagedWorkspace, path: Path) -> Path | None:
    """The start's dialog for a file that cannot be used: the file chosen instead, or None."""
    dialog = UnusableWorkspaceDialog(error)
    offer = BackupOffer.add_to(dialog, error)  # a damaged workspace: its newest good backup
    dialog.exec()
    if offer is not None and offer.chosen():
        return path if offer.restore() else None
    if not dialog.chose_open_other():
        return None
    return choose_workspace_file(None, path.parent)


def open_at_start(
    path: Path, prepare: Callable[[Workspace], object] | None = None
) -> Workspace | None:
    """The workspace at `path`, or the one the user picks instead of a damaged or foreign one;
    None when they give up. `prepare` runs on the open workspace (its first reads, which may
    meet damage too). Other refusals (locked, read-only) are raised as they are."""
    chosen: Path | None = path
    while chosen is not None:
        try:
            ws = Workspace(chosen, full_check=False)  # the full check runs once shown
        except DamagedWorkspace as error:
            chosen = instead_of(error, chosen)
            continue
        try:
            if prepare is not None:
                prepare(ws)
        except DamagedWorkspace as error:
            ws.close()
            chosen = instead_of(error, chosen)
            continue
        except BaseException:
            ws.close()
            raise
        return ws
    return None


class _Signals(QObject):
    damaged = Signal(object)


class _QuickCheck(QRunnable):
    def __init__(self, path: Path, signals: _Signals) -> None:
        super().__init__()
        self.path = path
        self.signals = signals
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            quick_check(self.path)
        except DamagedWorkspace as error:
            self.signals.damaged.emit(error)
        except Exception:
            return


class DamageWatch(QObject):
    """The background `quick_check` of one window's workspace, and what the window then shows.

    `on_open_other` is File > Open; a window whose workspace turns out damaged is closed when
    the user chooses Close.
    """

    found = Signal(object)

    def __init__(
        self,
        window: QWidget,
        ws: Workspace,
        on_open_other: Callable[[], object],
        on_restore: Callable[[Path], object] | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.ws = ws
        self.on_open_other = on_open_other
        self.on_restore = on_restore  # restores the backup chosen in place of the workspace
        self.dialog: UnusableWorkspaceDialog | None = None
        self.restore_button: QPushButton | None = None
        self.restore_dialog: RestoreDialog | None = None
        self._signals = _Signals()
        self._signals.damaged.connect(self._show_damage)

    def start(self) -> None:
        QThreadPool.globalInstance().start(_QuickCheck(self.ws.path.resolve(), self._signals))
        for notice in self.ws.notices:
            box = QMessageBox(QMessageBox.Icon.Warning, _("fieldkit"), notice, parent=self.window)
            box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

    def _show_damage(self, error: DamagedWorkspace) -> None:
        error.path = self.ws.path
        dialog = UnusableWorkspaceDialog(error, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.restore_button = None
        if (
            self.on_restore is not None
            and error.kind == DamagedWorkspace.DAMAGED  # another program's file has no backups
            and backups.list_backups(self.ws.path)
        ):
            self.restore_button = dialog.add_choice(_("Restore a backup…"))
            dialog.setDefaultButton(self.restore_button)
            dialog.setInformativeText(
                _("You can restore one of its backups, or open another workspace instead.")
            )
        dialog.finished.connect(lambda _result: self._chosen(dialog))
        self.dialog = dialog
        self.found.emit(error)
        dialog.open()

    def _chosen(self, dialog: UnusableWorkspaceDialog) -> None:
        if self.restore_button is not None and dialog.clickedButton() is self.restore_button:
            self._choose_backup(dialog.error)
        elif dialog.chose_open_other():
            self.on_open_other()
        else:
            self.window.close()

    def _choose_backup(self, error: DamagedWorkspace) -> None:
        """The list of File > Restore…; a choice restores, Cancel shows the damage again."""
        chooser = RestoreDialog(backups.list_backups(self.ws.path), self.window, damaged=True)
        chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if self.on_restore is not None:
            chooser.chosen.connect(self.on_restore)
        chooser.rejected.connect(lambda: self._show_damage(error))
        self.restore_dialog = chooser
        chooser.open()


def watch_for_damage(
    window: MainWindow,
    ws: Workspace,
    on_open_other: Callable[[], object],
    on_restore: Callable[[Path], object] | None = None,
) -> DamageWatch:
    """Run the full check of `ws` once `window` has been painted: it never delays the start."""
    watch = DamageWatch(window, ws, on_open_other, on_restore)
    window.events_view.after_first_paint(watch.start)
    return watch
