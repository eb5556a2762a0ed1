"""Backups in the window: File > Back up now…, File > Restore…, the daily copy, the recovery offer.

Every copy and every restore runs off the GUI thread (`fieldkit.gui.shell.worker`); the files
are handled by `fieldkit.store.backups` and the facade. The daily copy is quiet: it starts a few
seconds after the window is shown and says only in the status bar that it was taken. Restoring
asks first, saying what will be replaced; afterwards every page reloads.

`offer_backup_for(path, message)` is what the window does with a damaged workspace: it offers the
newest backup that passes its check, restored as a copy (the damaged file kept aside with the
date in its name); the caller then opens the workspace.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.errors import DamagedWorkspace, UserError
from fieldkit.core.model import Result
from fieldkit.gui.shell.context import PageContext
from fieldkit.gui.shell.worker import BackgroundTask, Progress
from fieldkit.i18n import _, datetime_text
from fieldkit.store import Workspace, backups

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

DAILY_AFTER_MS = 3000  # after the first page is painted and the window has settled
PathRole = Qt.ItemDataRole.UserRole


def taken_text(copy: backups.BackupCopy) -> str:
    """When a copy was taken, in this computer's time and the reader's formats."""
    return datetime_text(copy.taken.astimezone().replace(tzinfo=None))


class RestoreDialog(QDialog):
    """The backups of a workspace, newest first, and a way to choose another file."""

    chosen = Signal(object)  # the Path of the copy to restore

    COL_KIND, COL_TAKEN, COL_SIZE = range(3)

    def __init__(
        self,
        copies: list[backups.BackupCopy],
        parent: QWidget | None = None,
        *,
        damaged: bool = False,
    ) -> None:
        super().__init__(parent)
        self.copies = copies
        self.damaged = damaged  # the workspace is set aside rather than copied first
        self.file_dialog: QFileDialog | None = None
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.list = QTreeWidget(self)
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAllColumnsShowFocus(True)
        self.list.setColumnCount(3)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(self.COL_KIND, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.COL_TAKEN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.COL_SIZE, QHeaderView.ResizeMode.ResizeToContents)
        self.items: list[QTreeWidgetItem] = []
        for copy in copies:
            item = QTreeWidgetItem(["", taken_text(copy), backups.size_text(copy.size)])
            item.setData(self.COL_KIND, PathRole, copy.path)
            item.setTextAlignment(self.COL_SIZE, Qt.AlignmentFlag.AlignRight)
            item.setToolTip(self.COL_KIND, str(copy.path))
            self.list.addTopLevelItem(item)
            self.items.append(item)
        self.empty = QLabel(self)
        self.empty.setVisible(not copies)
        self.list.setVisible(bool(copies))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = QPushButton(self)
        self.restore_button.setDefault(True)
        self.choose_button = QPushButton(self)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.choose_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        self.resize(640, 380)

        self.buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._restore_selected)
        self.choose_button.clicked.connect(self.choose_file)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemActivated.connect(lambda *_a: self._restore_selected())
        if copies:
            self.list.setCurrentItem(self.items[0])
        self._update_buttons()
        self.retranslate_ui()

    def selected_path(self) -> Path | None:
        items = self.list.selectedItems()
        return items[0].data(self.COL_KIND, PathRole) if items else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected_path() is not None)

    def _restore_selected(self) -> None:
        path = self.selected_path()
        if path is not None:
            self.accept()
            self.chosen.emit(path)

    def choose_file(self) -> QFileDialog:
        dialog = QFileDialog(self, _("Choose a backup to restore"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([_("fieldkit workspaces (*.fieldkit *.sqlite)"), _("All files (*)")])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self._file_chosen)
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def _file_chosen(self, name: str) -> None:
        self.accept()
        self.chosen.emit(Path(name))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Restore the workspace"))
        if self.damaged:
            intro = _(
                "Choose the copy to put back. The damaged workspace is kept aside, with the date "
                "in its name, and the copy opens in a new window."
            )
        else:
            intro = _(
                "Choose the copy to put back. The workspace will be replaced by it; a copy of "
                "the workspace as it is now is kept first."
            )
        self.intro.setText(intro)
        self.list.setHeaderLabels([_("Kind"), _("Taken"), _("Size")])
        for item, copy in zip(self.items, self.copies, strict=True):
            item.setText(self.COL_KIND, backups.kind_name(copy.kind))
        self.empty.setText(_("There are no backups of this workspace yet."))
        self.restore_button.setText(_("&Restore"))
        self.choose_button.setText(_("C&hoose a file…"))


class BackupActions(QObject):
    """File > Back up now… and File > Restore… of one window, and its daily copy."""

    restored = Signal(object)  # the Path of the copy taken before the restore

    def __init__(self, context: PageContext, window: QMainWindow) -> None:
        super().__init__(window)
        self.context = context
        self.ws: Workspace = context.ws
        self.window = window
        self.file_dialog: QFileDialog | None = None
        self.restore_dialog: RestoreDialog | None = None
        self.confirmation: QMessageBox | None = None
        self.task: BackgroundTask | None = None

    # --- back up now ---------------------------------------------------------------------------

    def back_up_now(self) -> QFileDialog:
        """Ask where to write the copy (a save dialog), then write and check it."""
        name = f"{self.ws.path.stem}-{dt.date.today().isoformat()}.sqlite"
        dialog = QFileDialog(self.window, _("Back up the workspace"), str(self.ws.path.parent))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters([_("fieldkit workspaces (*.fieldkit *.sqlite)"), _("All files (*)")])
        dialog.setDefaultSuffix("sqlite")
        dialog.selectFile(name)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda chosen: self.back_up_to(Path(chosen)))
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def back_up_to(self, target: Path) -> BackgroundTask:
        ws = self.ws

        def work(progress: Progress) -> Path:
            progress(0, 0)
            return ws.back_up_to(target)

        self.task = self.context.run_in_background(
            self.window, _("Backing up the workspace…"), work, self._backed_up
        )
        return self.task

    def _backed_up(self, path: Path) -> QMessageBox:
        self.window.statusBar().showMessage(_("Backup written to {path}").format(path=path), 10000)
        return self._tell(
            _("Back up workspace"),
            _(
                "The workspace was copied and the copy checked. It is in {path}. Keep a copy "
                "on a USB stick too."
            ).format(path=path),
        )

    def _tell(self, title: str, text: str) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, self.window
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    # --- restore -------------------------------------------------------------------------------

    def restore(self) -> RestoreDialog:
        """The list of backups; the one chosen is confirmed, then restored."""
        dialog = RestoreDialog(backups.list_backups(self.ws.path), self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(self.confirm_restore)
        self.restore_dialog = dialog
        dialog.open()
        return dialog

    def confirm_restore(self, source: Path) -> QMessageBox:
        copy = next((c for c in backups.list_backups(self.ws.path) if c.path == source), None)
        if copy is not None:
            text = _(
                "Replace the workspace {path} with the copy taken on {taken}? Whatever was "
                "entered since then will be replaced. A copy of the workspace as it is now is "
                "kept first."
            ).format(path=self.ws.path, taken=taken_text(copy))
        else:
            text = _(
                "Replace the workspace {path} with the file {source}? Everything in the "
                "workspace now will be replaced by what the file holds. A copy of the workspace "
                "as it is now is kept first."
            ).format(path=self.ws.path, source=source)
        box = QMessageBox(QMessageBox.Icon.Question, _("Restore the workspace"), text)
        box.setParent(self.window, box.windowFlags())
        replace = box.addButton(_("&Replace the workspace"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda button: self.restore_from(source) if button is replace else None
        )
        self.confirmation = box
        box.open()
        return box

    def restore_from(self, source: Path) -> BackgroundTask:
        """Restore now, off the GUI thread; every page reloads afterwards."""
        from fieldkit.gui.widgets.autosave import flush_all  # after the first paint (start-up)

        flush_all(self.window, final=True)  # what is being typed goes into the copy kept first
        ws = self.ws

        def work(progress: Progress) -> Result[Path]:
            progress(0, 0)
            return ws.restore_from(source)

        self.task = self.context.run_in_background(
            self.window, _("Restoring the workspace…"), work, self._restored
        )
        return self.task

    def _restored(self, result: Result[Path]) -> QMessageBox:
        self.context.announce(result.changes)
        self.restored.emit(result.value)
        self.window.statusBar().showMessage(_("The workspace was restored."), 10000)
        return self._tell(
            _("Restore the workspace"),
            _(
                "The workspace was restored. What it held before is kept in {path}, in case "
                "you need it back."
            ).format(path=result.value),
        )

    # --- the daily copy ------------------------------------------------------------------------

    def schedule_daily(self, delay_ms: int = DAILY_AFTER_MS) -> None:
        QTimer.singleShot(delay_ms, self, self.take_daily)

    def take_daily(self) -> BackgroundTask:
        """The day's first copy, quietly (no progress dialog); a failure gets its sentence."""
        ws = self.ws

        def work(_progress: Progress) -> Path | None:
            return ws.take_daily_backup()

        self.task = BackgroundTask(self.window, "", work, self._daily_taken, quiet=True).start()
        return self.task

    def _daily_taken(self, path: Path | None) -> None:
        if path is not None:
            self.window.statusBar().showMessage(_("Today's backup was taken and checked."), 10000)


# --- a damaged workspace -----------------------------------------------------------------------


class BackupOffer:
    """ "Restore the backup", added to the dialog that names a damaged workspace
    (`fieldkit.gui.shell.damaged.UnusableWorkspaceDialog`), when a good backup exists.

    The newest backup that passes SQLite's check is offered; taking it restores it as a copy
    (the backup stays in the backups folder) and keeps the damaged file aside, with the date in
    its name; the caller then opens the workspace again.
    """

    def __init__(self, dialog: QMessageBox, path: Path, good: backups.BackupCopy) -> None:
        self.dialog = dialog
        self.path = path
        self.good = good
        self.button = dialog.addButton(_("&Restore the backup"), QMessageBox.ButtonRole.AcceptRole)
        dialog.setDefaultButton(self.button)
        dialog.setInformativeText(
            _(
                "The newest good backup of this workspace was taken on {taken}. Restore it as a "
                "copy and open it? The damaged file will be kept beside it, with the date in its "
                "name."
            ).format(taken=taken_text(good))
        )

    @classmethod
    def add_to(cls, dialog: QMessageBox, error: DamagedWorkspace) -> BackupOffer | None:
        """The offer, in `dialog`, for a damaged workspace with a good backup; else None."""
        if error.kind != DamagedWorkspace.DAMAGED:
            return None  # another program's file: its backups, if any, are not ours
        good = backups.latest_good(error.path)
        return None if good is None else cls(dialog, error.path, good)

    def chosen(self) -> bool:
        return self.dialog.clickedButton() is self.button

    def restore(self, parent: QWidget | None = None) -> bool:
        """Put the backup in place; False (its sentence shown) when that was refused."""
        try:
            backups.recover_locked(self.path, self.good.path)
        except UserError as error:
            box = QMessageBox(QMessageBox.Icon.Warning, _("fieldkit"), error.message, parent=parent)
            box.exec()
            return False
        return True


def offer_backup_for(path: Path, message: str, parent: QWidget | None = None) -> bool:
    """Offer the newest good backup of the damaged workspace `path`, in a modal question;
    True once it is in place (the caller then opens the workspace)."""
    box = QMessageBox(QMessageBox.Icon.Warning, _("fieldkit"), message, parent=parent)
    error = DamagedWorkspace(message, path=path, kind=DamagedWorkspace.DAMAGED)
    offer = BackupOffer.add_to(box, error)
    if offer is None:
        return False
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    return offer.chosen() and offer.restore(parent)
