"""The Exchange page: swap files with the other laptops of an event, and settle their conflicts.

A page of the main window (see `fieldkit.gui.shell.page`): `set_event`, `on_changes`,
`retranslate_ui`; it also works on its own, with `PageContext(ws)`, as in the tests and the
screenshot.

- This laptop's name, which the other laptops see in their previews.
- Export: the events to include (all by default), a passphrase (the page suggests one), a
  Save-as dialog, the export in the background, then where the file is and what it holds.
- Import: a file (and its passphrase when it is encrypted), a preview made in the background
  (every check, nothing written), then the import itself in one transaction; a refused file gets
  its one sentence here. "Undo last import" asks inside the page.
- The sync folder (`fieldkit.gui.exchange.folder_box`): the same exchange without carrying files.
- The open conflicts (`fieldkit.gui.exchange.conflicts`), each settled in one click.

Nothing slow runs on the GUI thread: export, preview, import and undo go through
`fieldkit.gui.shell.worker`. No dialog here blocks (`open()`, never `exec()`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.errors import UserError
from fieldkit.core.model import Changes, ExchangeLogEntry, Keep, OpenConflict, Result
from fieldkit.gui.exchange.conflicts import (
    OTHER,
    STAY_DELETED,
    UNDELETE,
    ConflictsPanel,
    record_label,
)
from fieldkit.gui.exchange.folder_box import SyncFolderBox
from fieldkit.gui.exchange.texts import (
    default_file_name,
    events_text,
    preview_lines,
)
from fieldkit.gui.exchange.words import suggest_passphrase
from fieldkit.gui.people.duplicates_notice import DuplicatesNotice
from fieldkit.gui.shell.context import PageContext
from fieldkit.gui.shell.page import Page
from fieldkit.gui.shell.worker import BackgroundTask
from fieldkit.gui.widgets.text import make_bold, size_text, wrapping_label
from fieldkit.i18n import _, datetime_text
from fieldkit.sync import team_passphrase
from fieldkit.sync.exchange import (
    ExportReport,
    ImportReport,
    export_exchange,
    import_exchange,
    undo_last_import,
)
from fieldkit.sync.fileformat import AGE_MAGIC
from fieldkit.sync.kind_words import counts_text

NAMES_SETTING = "exchange.laptop_names"  # {device id: name} of the laptops files came from
FOLDER_SETTING = "exchange.folder"  # where the last exchange file was saved or opened


def is_encrypted(path: Path) -> bool:
    """True when the file starts with the age header (then it needs a passphrase)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(AGE_MAGIC)) == AGE_MAGIC
    except OSError:
        return False  # the import says why it cannot read it


class ExchangePage(Page):
    def __init__(
        self,
        context: PageContext,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, parent)
        self.today = today
        self.task: BackgroundTask | None = None
        self.file_dialog: QFileDialog | None = None
        self.import_path: Path | None = None
        self.preview: dict[str, Any] | None = None  # the preview (or the result) shown
        self.preview_done = False  # True once the previewed file has been imported
        self.export_report: ExportReport | None = None
        self.export_problem = ""  # why the last export was refused
        self.saving = False
        self.undo_entry: ExchangeLogEntry | None = None  # the import the confirmation is about
        self.undone: ExchangeLogEntry | None = None
        self.problem = ""  # the last refusal, shown in the import box
        self.conflicts: list[OpenConflict] = []
        self._unchecked: set[str] = set()  # events left out of the export
        self._build()
        self._wire()
        self.reload()
        self.retranslate_ui()

    # --- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.heading = QLabel(self)
        make_bold(self.heading, 1.3)
        self.intro = wrapping_label(self)

        self.name_label = QLabel(self)
        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(60)
        self.name_edit.setMinimumWidth(220)
        self.name_edit.setMaximumWidth(320)
        self.name_label.setBuddy(self.name_edit)
        self.name_hint = wrapping_label(self)
        name_row = QHBoxLayout()
        name_row.addWidget(self.name_label)
        name_row.addWidget(self.name_edit)
        name_row.addWidget(self.name_hint, 1)

        # Export
        self.export_box = QGroupBox(self)
        self.events_label = QLabel(self.export_box)
        self.events_list = QListWidget(self.export_box)
        self.events_list.setObjectName("exportEvents")
        self.events_list.setMaximumHeight(96)
        self.events_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.events_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.events_label.setBuddy(self.events_list)
        self.pass_label = QLabel(self.export_box)
        self.pass_edit = QLineEdit(self.export_box)
        self.pass_edit.setObjectName("exportPassphrase")
        self.pass_label.setBuddy(self.pass_edit)
        self.suggest_button = QPushButton(self.export_box)
        pass_row = QHBoxLayout()
        pass_row.addWidget(self.pass_label)
        pass_row.addWidget(self.pass_edit, 1)
        pass_row.addWidget(self.suggest_button)
        self.pass_note = wrapping_label(self.export_box, "hint")
        # Encrypted by default: a file anyone can read is a choice made here (see
        # fieldkit.sync.team_passphrase; the passphrase is remembered in the system's keyring).
        self.plain_check = QCheckBox(self.export_box)
        self.plain_check.setObjectName("exportWithoutPassphrase")
        self.plain_check.toggled.connect(self.pass_edit.setDisabled)
        self.plain_check.toggled.connect(self.suggest_button.setDisabled)
        self._export_passphrase: str | None = None
        self.pass_edit.setText(team_passphrase.remembered(self.ws.path) or "")
        self.export_button = QPushButton(self.export_box)
        self.export_button.setObjectName("exportButton")
        export_row = QHBoxLayout()
        export_row.addWidget(self.export_button)
        export_row.addStretch(1)
        self.export_result = wrapping_label(self.export_box, "exportResult")
        export_layout = QVBoxLayout(self.export_box)
        export_layout.addWidget(self.events_label)
        export_layout.addWidget(self.events_list)
        export_layout.addLayout(pass_row)
        export_layout.addWidget(self.pass_note)
        export_layout.addWidget(self.plain_check)
        export_layout.addLayout(export_row)
        export_layout.addWidget(self.export_result)
        export_layout.addStretch(1)

        # Import
        self.import_box = QGroupBox(self)
        self.choose_button = QPushButton(self.import_box)
        self.choose_button.setObjectName("chooseImportFile")
        self.file_label = wrapping_label(self.import_box, "importFile")
        choose_row = QHBoxLayout()
        choose_row.addWidget(self.choose_button)
        choose_row.addWidget(self.file_label, 1)
        self.import_pass_label = QLabel(self.import_box)
        self.import_pass_edit = QLineEdit(self.import_box)
        self.import_pass_edit.setObjectName("importPassphrase")
        self.import_pass_label.setBuddy(self.import_pass_edit)
        self.preview_button = QPushButton(self.import_box)
        self.import_pass_row = QWidget(self.import_box)
        pass_in_row = QHBoxLayout(self.import_pass_row)
        pass_in_row.setContentsMargins(0, 0, 0, 0)
        pass_in_row.addWidget(self.import_pass_label)
        pass_in_row.addWidget(self.import_pass_edit, 1)
        pass_in_row.addWidget(self.preview_button)
        self.import_message = wrapping_label(self.import_box, "importMessage")
        self.import_message.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.import_button = QPushButton(self.import_box)
        self.import_button.setObjectName("importButton")
        self.undo_button = QPushButton(self.import_box)
        self.undo_button.setObjectName("undoImportButton")
        import_row = QHBoxLayout()
        import_row.addWidget(self.import_button)
        import_row.addStretch(1)
        import_row.addWidget(self.undo_button)
        # "Undo last import": asked here, not in a dialog.
        self.confirm_frame = QFrame(self.import_box)
        self.confirm_frame.setObjectName("undoConfirmation")
        self.confirm_frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.confirm_text = wrapping_label(self.confirm_frame)
        self.confirm_button = QPushButton(self.confirm_frame)
        self.confirm_button.setObjectName("confirmUndo")
        self.cancel_button = QPushButton(self.confirm_frame)
        confirm_layout = QVBoxLayout(self.confirm_frame)
        confirm_layout.addWidget(self.confirm_text)
        confirm_buttons = QHBoxLayout()
        confirm_buttons.addStretch(1)
        confirm_buttons.addWidget(self.cancel_button)
        confirm_buttons.addWidget(self.confirm_button)
        confirm_layout.addLayout(confirm_buttons)
        self.confirm_frame.hide()
        import_layout = QVBoxLayout(self.import_box)
        import_layout.addLayout(choose_row)
        import_layout.addWidget(self.import_pass_row)
        import_layout.addWidget(self.import_message)
        self.duplicates_notice = DuplicatesNotice(self.context, self.import_box)
        import_layout.addWidget(self.duplicates_notice)
        import_layout.addStretch(1)
        import_layout.addLayout(import_row)
        import_layout.addWidget(self.confirm_frame)
        self.import_pass_row.hide()

        boxes = QHBoxLayout()
        boxes.addWidget(self.export_box, 1)
        boxes.addWidget(self.import_box, 1)

        self.conflicts_panel = ConflictsPanel(self)
        self.folder_box = SyncFolderBox(self.context, self.context.announce, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(name_row)
        layout.addWidget(self.folder_box)
        layout.addLayout(boxes)
        layout.addWidget(self.conflicts_panel, 1)

    def _wire(self) -> None:
        self.name_edit.editingFinished.connect(self.save_name)
        self.suggest_button.clicked.connect(self.suggest)
        self.export_button.clicked.connect(self.ask_export_file)
        self.events_list.itemChanged.connect(self._on_event_checked)
        self.choose_button.clicked.connect(self.ask_import_file)
        self.preview_button.clicked.connect(self.start_preview)
        self.import_pass_edit.returnPressed.connect(self.start_preview)
        self.import_button.clicked.connect(self.start_import)
        self.undo_button.clicked.connect(self.ask_undo)
        self.confirm_button.clicked.connect(self.start_undo)
        self.cancel_button.clicked.connect(self.cancel_undo)
        self.conflicts_panel.resolve.connect(self.resolve)

    # --- the page interface --------------------------------------------------------------------

    def set_event(self, event_id: str | None) -> None:
        """Exchange files hold the chosen events, all by default: the selection changes nothing."""

    def on_changes(self, changes: Changes) -> None:
        if changes.anything:
            self.reload()

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Exchange with the other laptops"))
        self.duplicates_notice.retranslate_ui()
        self.intro.setText(
            _(
                "Each laptop that records the event saves a file and imports the files of the "
                "others, in any order, as often as needed: every laptop ends with the same data "
                "and nothing anyone typed is lost."
            )
        )
        self.name_label.setText(_("This laptop's &name:"))
        self.name_edit.setPlaceholderText(_("e.g. Registration desk"))
        self.name_hint.setText(_("The other laptops see this name when they import its files."))
        self.export_box.setTitle(_("Send: save a file for the other laptops"))
        self.events_label.setText(_("&Events to include:"))
        self.pass_label.setText(_("&Passphrase:"))
        self.pass_edit.setPlaceholderText(_("the team's passphrase"))
        self.plain_check.setText(
            _("Save without a passphrase (anyone who gets the file can read it)")
        )
        self.suggest_button.setText(_("&Suggest"))
        self.pass_note.setText(
            _(
                "These files carry names and phone numbers of people who may be at risk. With a "
                "passphrase, a lost USB stick gives nothing away: say it aloud to the other "
                "laptop, never write it on the stick."
            )
        )
        self.export_button.setText(_("Save the &file…"))
        self.import_box.setTitle(_("Receive: import a file from another laptop"))
        self.choose_button.setText(_("&Choose a file…"))
        self.import_pass_label.setText(_("Pass&phrase of this file:"))
        self.preview_button.setText(_("Pre&view"))
        self.import_button.setText(_("&Import"))
        self.undo_button.setText(_("&Undo last import…"))
        self.confirm_button.setText(_("Undo the import"))
        self.cancel_button.setText(_("Cancel"))
        self._show_file()
        self._show_export_result()
        self._show_import_message()
        self._show_confirmation()
        self.conflicts_panel.retranslate_ui()
        self.folder_box.retranslate_ui()
        for row in range(self.events_list.count()):
            item = self.events_list.item(row)
            item.setToolTip(item.text())

    # --- reading -----------------------------------------------------------------------------

    def laptop_names(self) -> dict[str, str]:
        names = dict(self.ws.setting(NAMES_SETTING, {}) or {})
        entry = self.ws.last_import()  # also made by the command line
        if entry is not None:
            with contextlib.suppress(ValueError, TypeError, AttributeError):
                summary = json.loads(entry.summary or "{}")
                if summary.get("from_device") and summary.get("from_name"):
                    names.setdefault(str(summary["from_device"]), str(summary["from_name"]))
        names[self.ws.device_id] = self.ws.device_name
        return names

    def reload(self) -> None:
        """Read again the laptop's name, the events, the conflicts and whether undo is possible."""
        if not self.name_edit.isModified():  # keep what is being typed
            name = self.ws.device_name
            self.name_edit.setText("" if name == self.ws.device_id else name)
        self._fill_events()
        self.conflicts = self.ws.open_conflicts()
        labels = [record_label(self.ws, c.record_kind, c.record_id) for c in self.conflicts]
        self.conflicts_panel.show_conflicts(self.conflicts, labels, self.laptop_names())
        self._update_buttons()

    def _fill_events(self) -> None:
        self.events_list.blockSignals(True)
        self.events_list.clear()
        for event in self.ws.events():
            label = f"{event.code} — {event.title}" if event.code else event.title
            item = QListWidgetItem(label, self.events_list)
            item.setData(Qt.ItemDataRole.UserRole, event.id)
            item.setToolTip(label)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = event.id not in self._unchecked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.events_list.blockSignals(False)
        rows = max(1, min(self.events_list.count(), 4))
        height = self.events_list.sizeHintForRow(0) if self.events_list.count() else 20
        self.events_list.setFixedHeight(rows * height + 2 * self.events_list.frameWidth() + 4)

    def _on_event_checked(self, item: QListWidgetItem) -> None:
        event_id = str(item.data(Qt.ItemDataRole.UserRole))
        if item.checkState() == Qt.CheckState.Checked:
            self._unchecked.discard(event_id)
        else:
            self._unchecked.add(event_id)
        self._update_buttons()

    def chosen_events(self) -> list[str]:
        """The ids of the events to export; empty when all of them are (the default)."""
        ids = [
            str(self.events_list.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.events_list.count())
        ]
        chosen = [event_id for event_id in ids if event_id not in self._unchecked]
        return [] if len(chosen) == len(ids) else chosen

    def busy(self) -> bool:
        return self.task is not None

    def _update_buttons(self) -> None:
        idle = not self.busy()
        has_events = self.events_list.count() > 0
        none_chosen = has_events and not any(
            self.events_list.item(row).checkState() == Qt.CheckState.Checked
            for row in range(self.events_list.count())
        )
        self.export_button.setEnabled(idle and has_events and not none_chosen)
        self.choose_button.setEnabled(idle)
        self.preview_button.setEnabled(idle and self.import_path is not None)
        self.import_button.setEnabled(
            idle and self.preview is not None and not self.preview_done and not self.problem
        )
        self.undo_button.setEnabled(idle and self.ws.last_import() is not None)
        self.confirm_button.setEnabled(idle)
        self.name_edit.setEnabled(idle)

    # --- this laptop's name --------------------------------------------------------------------

    def save_name(self) -> None:
        if not self.name_edit.isModified():
            return
        self.name_edit.setModified(False)
        name = self.name_edit.text().strip()
        if name == self.ws.device_name or (not name and self.ws.device_name == self.ws.device_id):
            return
        try:
            self.ws.set_device_name(name)
        except UserError as error:
            self._refused(error.message)

    # --- export ------------------------------------------------------------------------------

    def suggest(self) -> None:
        self.pass_edit.setText(suggest_passphrase())
        self.pass_edit.setFocus()

    def _folder(self) -> Path:
        folder = Path(str(self.ws.setting(FOLDER_SETTING, "") or Path.home()))
        return folder if folder.is_dir() else Path.home()

    def default_export_path(self) -> Path:
        return self._folder() / default_file_name(self.ws.device_name, self.today())

    def ask_export_file(self) -> None:
        self.save_name()
        dialog = QFileDialog(self, _("Save the exchange file"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(_("fieldkit exchange files (*.fkx)"))
        dialog.setDefaultSuffix("fkx")
        default = self.default_export_path()
        dialog.setDirectory(str(default.parent))
        dialog.selectFile(default.name)
        dialog.fileSelected.connect(lambda name: self.export_to(Path(name)))
        self.file_dialog = dialog
        dialog.open()

    def export_to(self, path: Path) -> None:
        if self.busy():
            return
        ws, events = self.ws, self.chosen_events()
        passphrase = None if self.plain_check.isChecked() else self.pass_edit.text().strip()
        self.export_report = None
        self.export_problem = ""
        if passphrase == "":
            self._export_refused(
                _(
                    "Type the team's passphrase (or Suggest one), or check “Save without a "
                    "passphrase”."
                )
            )
            return
        self._export_passphrase = passphrase
        self.saving = True
        self._show_export_result()
        self._start(
            _("Saving the exchange file…"),
            lambda _progress: export_exchange(ws, path, events, passphrase),
            self._exported,
            self._export_refused,
        )

    def _exported(self, report: ExportReport) -> None:
        self.export_report = report
        if report.encrypted and self._export_passphrase:  # kept in the keyring, if there is one
            team_passphrase.remember(self.ws.path, self._export_passphrase)
        self.saving = False
        self.ws.set_setting(FOLDER_SETTING, str(report.path.parent))
        self._show_export_result()

    def _show_export_result(self) -> None:
        report = self.export_report
        self.export_result.setStyleSheet("color: #b00020;" if self.export_problem else "")
        if self.export_problem:
            self.export_result.setText(self.export_problem)
            return
        if report is None:
            self.export_result.setText(_("Saving…") if self.saving else "")
            return
        lines = [
            _("Saved: {path} ({size}).").format(path=report.path, size=size_text(report.size)),
            _("It holds {events}: {what}.").format(
                events=events_text([{"title": e.title, "code": e.code} for e in report.events]),
                what=counts_text(report.seen),
            ),
            _("Encrypted: it opens only with the passphrase.")
            if report.encrypted
            else team_passphrase.plain_contents_text(report.contacts),
        ]
        self.export_result.setText("\n".join(lines))

    # --- import ------------------------------------------------------------------------------

    def ask_import_file(self) -> None:
        dialog = QFileDialog(self, _("Import an exchange file"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(_("fieldkit exchange files (*.fkx);;All files (*)"))
        dialog.setDirectory(str(self._folder()))
        dialog.fileSelected.connect(lambda name: self.choose_import_file(Path(name)))
        self.file_dialog = dialog
        dialog.open()

    def choose_import_file(self, path: Path) -> None:
        """A file to import: preview it at once, or first ask for its passphrase."""
        self.import_path = path
        self.preview = None
        self.preview_done = False
        self.problem = ""
        self.undone = None
        self.import_pass_edit.clear()
        encrypted = is_encrypted(path)
        self.import_pass_row.setVisible(encrypted)
        self._show_file()
        if encrypted:
            self._show_import_message()
            self._update_buttons()
            self.import_pass_edit.setFocus()
            return
        self.start_preview()

    def _import_passphrase(self) -> str | None:
        if not self.import_pass_row.isVisibleTo(self.import_box):
            return None
        return self.import_pass_edit.text().strip() or None

    def start_preview(self) -> None:
        path = self.import_path
        if path is None or self.busy():
            return
        ws, passphrase = self.ws, self._import_passphrase()
        self.preview = None
        self.preview_done = False
        self.problem = ""
        self.undone = None
        self.import_message.setText(_("Reading the file…"))
        self._start(
            _("Checking the exchange file…"),
            lambda _progress: import_exchange(ws, path, passphrase, dry_run=True),
            self._previewed,
        )

    def _previewed(self, report: ImportReport) -> None:
        self._remember_laptop(report)
        self.preview = self._preview_of(report)
        self.preview_done = False
        self._show_import_message()
        self._update_buttons()

    def start_import(self) -> None:
        path = self.import_path
        if path is None or self.preview is None or self.busy():
            return
        ws, passphrase = self.ws, self._import_passphrase()
        self.import_message.setText(_("Importing…"))
        self._start(
            _("Importing the exchange file…"),
            lambda _progress: import_exchange(ws, path, passphrase),
            self._imported,
        )

    def _imported(self, report: ImportReport) -> None:
        self._remember_laptop(report)
        self.preview = self._preview_of(report)
        self.preview_done = True
        if self.import_path is not None:
            self.ws.set_setting(FOLDER_SETTING, str(self.import_path.parent))
        self._show_import_message()
        self.context.announce(report.changes)  # what the import merged, for every page
        if report.changes.people:  # the other laptop's people may be ours typed again
            self.duplicates_notice.check()

    @staticmethod
    def _preview_of(report: ImportReport) -> dict[str, Any]:
        return report.as_dict()

    def _remember_laptop(self, report: ImportReport) -> None:
        device, name = report.manifest.device, report.manifest.device_name
        names = dict(self.ws.setting(NAMES_SETTING, {}) or {})
        if name and device and names.get(device) != name and device != self.ws.device_id:
            names[device] = name
            self.ws.set_setting(NAMES_SETTING, names)

    def _show_file(self) -> None:
        if self.import_path is None:
            self.file_label.setText(_("No file chosen."))
        else:
            self.file_label.setText(str(self.import_path))

    def _show_import_message(self) -> None:
        label = self.import_message
        label.setProperty("tone", "problem" if self.problem else "")
        label.setStyleSheet("color: #b00020;" if self.problem else "")
        if self.problem:
            label.setText(self.problem)
        elif self.undone is not None:
            label.setText(
                _("The workspace is back as it was before importing {file}.").format(
                    file=self.undone.file_name
                )
            )
        elif self.preview is not None:
            lines = preview_lines(self.preview, self.laptop_names())
            if self.preview_done:
                lines.insert(0, _("Imported."))
            else:
                lines.insert(0, _("Nothing is written yet. If this is right, press Import."))
            label.setText("\n".join(lines))
        elif self.import_path is not None and self.import_pass_row.isVisibleTo(self.import_box):
            label.setText(
                _("This file is encrypted: type the passphrase it was made with, then Preview.")
            )
        else:
            label.setText(
                _(
                    "Choose a file from another laptop: you see what it would change before "
                    "anything is written."
                )
            )

    # --- undo last import --------------------------------------------------------------------

    def ask_undo(self) -> None:
        self.undo_entry = self.ws.last_import()
        self._show_confirmation()
        self.confirm_frame.setVisible(self.undo_entry is not None)
        if self.undo_entry is not None:
            self.cancel_button.setFocus()

    def cancel_undo(self) -> None:
        self.undo_entry = None
        self.confirm_frame.hide()

    def _show_confirmation(self) -> None:
        entry = self.undo_entry
        if entry is None:
            return
        when = entry.at
        try:
            moment: dt.datetime | None = dt.datetime.fromisoformat(when).astimezone()
        except ValueError:
            moment = None
        if moment is not None:
            when = datetime_text(moment.replace(tzinfo=None))  # the laptop's own clock
        self.confirm_text.setText(
            _(
                "Put this workspace back as it was before importing {file} ({when})? "
                "Whatever was typed on this laptop since then is lost too."
            ).format(file=entry.file_name, when=when)
        )

    def start_undo(self) -> None:
        if self.busy():
            return
        ws = self.ws
        self.confirm_frame.hide()
        self.undo_entry = None
        self._start(
            _("Undoing the last import…"), lambda _progress: undo_last_import(ws), self._undone
        )

    def _undone(self, undone: Result[ExchangeLogEntry]) -> None:
        self.undone = undone.value
        self.preview = None
        self.preview_done = False
        self.problem = ""
        self._show_import_message()
        self.context.announce(undone.changes)  # the workspace is back: everything changed

    # --- conflicts ---------------------------------------------------------------------------

    def resolve(self, conflict_id: str, choice: str) -> None:
        """Settle one conflict: keep the value, use the other, undo the deletion or keep it;
        one operation of the facade, the same as `fieldkit conflicts resolve`."""
        conflict = next((c for c in self.conflicts if c.id == conflict_id), None)
        if conflict is None or self.busy():
            return
        if choice in (UNDELETE, STAY_DELETED):
            # The other value of a deletion made while someone edited is "not deleted".
            undelete = choice == UNDELETE
            keep = Keep.THEIRS if bool(conflict.other_value) != undelete else Keep.CURRENT
        else:
            keep = Keep.THEIRS if choice == OTHER else Keep.CURRENT
        self.write(lambda: self.ws.resolve_conflict(conflict_id, keep))

    def refused(self, message: str) -> None:
        self._refused(message)

    def _export_refused(self, message: str) -> None:
        self.saving = False
        self.export_problem = message
        self._show_export_result()

    def _start(
        self,
        label: str,
        work: Callable[[Any], Any],
        done: Callable[[Any], None],
        refused: Callable[[str], None] | None = None,
    ) -> None:
        self.problem = ""

        def succeeded(result: Any) -> None:
            self.task = None
            done(result)
            self._update_buttons()

        def failed(error: BaseException) -> bool:
            self.task = None
            self._update_buttons()
            if isinstance(error, UserError):
                (refused or self._refused)(error.message)
                return True
            self.saving = False
            self._show_export_result()
            self._show_import_message()
            return False  # a programming error: the crash handler

        self.task = self.context.run_in_background(self, label, work, succeeded, failed)
        self._update_buttons()

    def _refused(self, message: str) -> None:
        """A refusal in one sentence, in the page (never a traceback, never a blocking dialog)."""
        self.problem = message
        self._show_import_message()
        self._update_buttons()
