"""The sync folder on the Exchange page: the folder, its passphrase, when to sync, the last round.

The folder and the timing are kept in the workspace's settings; the passphrase, like the Exchange
page's, is typed and held only while the window is open (never saved). A round runs in the
background (`PageContext.run_in_background`); what it brings reaches every open page through the
changes signal, as an import does. The last round's time and what came in stay in the settings
and are shown again at the next start.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.errors import UserError
from fieldkit.gui.people.duplicates_notice import DuplicatesNotice
from fieldkit.gui.shell.context import PageContext
from fieldkit.gui.shell.worker import BackgroundTask
from fieldkit.gui.widgets.text import wrapping_label
from fieldkit.i18n import _, datetime_text
from fieldkit.sync.folder import sync_folder
from fieldkit.sync.folder_texts import report_as_dict, report_sentences
from fieldkit.sync.kind_words import counts_text

PATH_SETTING = "sync_folder.path"
EVERY_SETTING = "sync_folder.every_minutes"  # 0: not on a timer
ON_CLOSE_SETTING = "sync_folder.on_close"
LAST_SETTING = "sync_folder.last"  # {"at": ISO time, "report": {...}} or {"at", "problem"}


class SyncFolderBox(QGroupBox):
    def __init__(
        self,
        context: PageContext,
        announce: Callable[[Any], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.ws = context.ws
        self.announce = announce
        self.task: BackgroundTask | None = None
        self.dialog: QFileDialog | None = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.sync_now)
        self._build()
        self._load()
        window = context.window
        hooks = getattr(window, "close_hooks", None)
        if isinstance(hooks, list):
            hooks.insert(0, self.sync_on_close)  # before the workspace is closed

    def _build(self) -> None:
        self.folder_label = QLabel(self)
        self.folder_edit = QLineEdit(self)
        self.folder_edit.setObjectName("syncFolderPath")
        self.folder_label.setBuddy(self.folder_edit)
        self.choose_button = QPushButton(self)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_label)
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.choose_button)
        self.pass_label = QLabel(self)
        self.pass_edit = QLineEdit(self)
        self.pass_edit.setObjectName("syncFolderPassphrase")
        self.pass_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pass_label.setBuddy(self.pass_edit)
        pass_row = QHBoxLayout()
        pass_row.addWidget(self.pass_label)
        pass_row.addWidget(self.pass_edit, 1)
        self.every_check = QCheckBox(self)
        self.every_spin = QSpinBox(self)
        self.every_spin.setRange(1, 240)
        self.on_close_check = QCheckBox(self)
        self.sync_button = QPushButton(self)
        self.sync_button.setObjectName("syncFolderNow")
        when_row = QHBoxLayout()
        when_row.addWidget(self.sync_button)
        when_row.addWidget(self.every_check)
        when_row.addWidget(self.every_spin)
        when_row.addWidget(self.on_close_check)
        when_row.addStretch(1)
        self.status = wrapping_label(self, "syncFolderStatus")
        # People from other laptops may be ours typed again: offered for review after a round.
        self.duplicates_notice = DuplicatesNotice(self.context, self)
        layout = QVBoxLayout(self)
        layout.addLayout(folder_row)
        layout.addLayout(pass_row)
        layout.addLayout(when_row)
        layout.addWidget(self.status)
        layout.addWidget(self.duplicates_notice)
        self.folder_edit.editingFinished.connect(self._save_folder)
        self.choose_button.clicked.connect(self.ask_folder)
        self.sync_button.clicked.connect(self.sync_now)
        self.every_check.toggled.connect(self._save_timing)
        self.every_spin.valueChanged.connect(self._save_timing)
        self.on_close_check.toggled.connect(self._save_timing)

    def retranslate_ui(self) -> None:
        self.setTitle(_("Sync folder: Syncthing, a shared folder or a USB stick"))
        self.folder_label.setText(_("Fol&der:"))
        self.folder_edit.setPlaceholderText(_("none: exchange files by hand"))
        self.choose_button.setText(_("C&hoose…"))
        self.pass_label.setText(_("Passph&rase:"))
        self.pass_edit.setPlaceholderText(
            _("the same on every laptop; kept only while this window is open")
        )
        self.sync_button.setText(_("S&ync now"))
        self.every_check.setText(_("While open, sync every (minutes):"))
        self.on_close_check.setText(_("Sync when the window closes"))
        self.duplicates_notice.retranslate_ui()
        self._show_last()

    # --- settings ----------------------------------------------------------------------------

    def _load(self) -> None:
        self.folder_edit.setText(str(self.ws.setting(PATH_SETTING, "") or ""))
        every = int(self.ws.setting(EVERY_SETTING, 0) or 0)
        for widget in (self.every_check, self.every_spin, self.on_close_check):
            widget.blockSignals(True)
        self.every_check.setChecked(every > 0)
        self.every_spin.setValue(every or 15)
        self.on_close_check.setChecked(bool(self.ws.setting(ON_CLOSE_SETTING, False)))
        for widget in (self.every_check, self.every_spin, self.on_close_check):
            widget.blockSignals(False)
        self._arm_timer()
        self._update_buttons()

    def folder(self) -> Path | None:
        text = self.folder_edit.text().strip()
        return Path(text) if text else None

    def _save_folder(self) -> None:
        folder = self.folder()
        if str(folder or "") != str(self.ws.setting(PATH_SETTING, "") or ""):
            self.ws.set_setting(PATH_SETTING, str(folder or ""))
        self._arm_timer()
        self._update_buttons()

    def _save_timing(self) -> None:
        every = self.every_spin.value() if self.every_check.isChecked() else 0
        self.ws.set_setting(EVERY_SETTING, every)
        self.ws.set_setting(ON_CLOSE_SETTING, self.on_close_check.isChecked())
        self._arm_timer()
        self._update_buttons()

    def _arm_timer(self) -> None:
        every = self.every_spin.value() if self.every_check.isChecked() else 0
        if every and self.folder() is not None:
            self.timer.start(every * 60_000)
        else:
            self.timer.stop()

    def ask_folder(self) -> None:
        dialog = QFileDialog(self, _("Choose the sync folder"))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        if self.folder() is not None:
            dialog.setDirectory(str(self.folder()))
        dialog.fileSelected.connect(self.choose_folder)
        self.dialog = dialog
        dialog.open()

    def choose_folder(self, name: str) -> None:
        self.folder_edit.setText(name)
        self._save_folder()

    # --- a round -----------------------------------------------------------------------------

    def busy(self) -> bool:
        return self.task is not None

    def _update_buttons(self) -> None:
        self.sync_button.setEnabled(not self.busy() and self.folder() is not None)
        self.every_spin.setEnabled(self.every_check.isChecked())

    def sync_now(self) -> None:
        folder = self.folder()
        if folder is None or self.busy():
            return
        self._save_folder()
        ws, passphrase = self.ws, self.pass_edit.text() or None
        self.status.setStyleSheet("")
        self.status.setText(_("Syncing…"))

        def succeeded(report: Any) -> None:
            self.task = None
            self._remember({"report": report_as_dict(report)})
            self.announce(report.changes)  # what came in, for every open page
            if report.changes.people:
                self.duplicates_notice.check()
            self._update_buttons()

        def failed(error: BaseException) -> bool:
            self.task = None
            self._update_buttons()
            if isinstance(error, UserError):
                self._remember({"problem": error.message})
                return True
            self._show_last()
            return False  # a programming error: the crash handler

        self.task = self.context.run_in_background(
            self,
            _("Syncing with the folder…"),
            lambda _progress: sync_folder(ws, folder, passphrase),
            succeeded,
            failed,
        )
        self._update_buttons()

    def sync_on_close(self) -> None:
        """The window closes: one last round, here and now, if the user asked for it."""
        folder = self.folder()
        if folder is None or self.busy() or not self.on_close_check.isChecked():
            return
        self.timer.stop()
        try:
            report = sync_folder(self.ws, folder, self.pass_edit.text() or None)
        except UserError as error:
            self._remember({"problem": error.message})
            return
        self._remember({"report": report_as_dict(report)})

    def _remember(self, last: dict[str, Any]) -> None:
        last["at"] = dt.datetime.now().isoformat(timespec="seconds")  # the laptop's own clock
        self.ws.set_setting(LAST_SETTING, last)
        self._show_last()

    def _show_last(self) -> None:
        last = self.ws.setting(LAST_SETTING, None)
        if not isinstance(last, dict) or "at" not in last:
            self.status.setStyleSheet("")
            self.status.setText(
                _(
                    "Every laptop writes what changed into its own sub-folder and reads the "
                    "others'; the folder tool (Syncthing, Nextcloud) or the stick carries them."
                )
            )
            return
        try:
            when = datetime_text(dt.datetime.fromisoformat(str(last["at"])))
        except ValueError:
            when = str(last["at"])
        problem = last.get("problem")
        self.status.setStyleSheet("color: #b00020;" if problem else "")
        lines = [_("Last sync: {when}.").format(when=when)]
        if problem:
            lines.append(str(problem))
        else:
            report = last.get("report") or {}
            came = counts_text((report.get("seen") or {}).get("new", {}))
            changed = counts_text((report.get("seen") or {}).get("changed", {}))
            if came:
                lines.append(_("New: {what}.").format(what=came))
            if changed:
                lines.append(_("Changed: {what}.").format(what=changed))
            with contextlib.suppress(KeyError, TypeError):  # remembered by another version
                lines += report_sentences(report)
        self.status.setText("\n".join(lines))
