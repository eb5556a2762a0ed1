"""Importing a partner's list of people into an event, in the window.

`open_import(context, event_id, parent)` asks for a CSV or XLSX file, then shows the
`ImportDialog`: the sheet (when the workbook has several), the mapping of the file's columns, the
preview of every row (new, matched, suggestion, rejected, with the reason) and its counts. A
change of sheet, mapping or decision about a suggestion plans again; planning and writing run
off the GUI thread with a progress bar and Cancel. Nothing is written until Import; a cancelled
import, or a file that cannot be read, changes nothing.

The rules are those of `fieldkit.io.people_import`, the same as the command line's.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.errors import UserError
from fieldkit.core.model import Event, Organisation, Result
from fieldkit.gui.people.import_models import (
    ChoicesRole,
    MappingModel,
    OutcomeFilter,
    PreviewModel,
    ValueRole,
    outcome_label,
)
from fieldkit.gui.shell.context import PageContext
from fieldkit.gui.shell.worker import BackgroundTask, Progress
from fieldkit.gui.widgets.choice_delegate import ChoiceDelegate
from fieldkit.i18n import _, current_locale, format_number, ngettext
from fieldkit.io.people_fields import Field
from fieldkit.io.people_import import (
    ImportPlan,
    Outcome,
    apply_plan,
    column_samples,
    plan_import,
    sheet_names,
)


@dataclass(frozen=True)
class Planned:
    """What a planning job hands back to the dialog."""

    plan: ImportPlan
    sheets: list[str]
    samples: dict[int, list[str]]
    organisations: dict[str, str]  # id: name, of the workspace and of the plan


def choose_file(parent: QWidget) -> Path | None:
    """The file to import, asked for with the system's file chooser."""
    name, _filter = QFileDialog.getOpenFileName(
        parent,
        _("Import people"),
        "",
        _("Lists of people (*.csv *.xlsx *.tsv *.txt);;All files (*)"),
    )
    return Path(name) if name else None


def open_import(
    context: PageContext, event_id: str, parent: QWidget, path: Path | None = None
) -> ImportDialog | None:
    """Ask for a file (unless given) and open the import dialog on it, planning at once."""
    path = path or choose_file(parent)
    if path is None:
        return None
    dialog = ImportDialog(context, event_id, path, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    dialog.plan()
    return dialog


class ImportDialog(QDialog):
    def __init__(
        self, context: PageContext, event_id: str, path: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.ws = context.ws
        self.event_id = event_id
        self.path = path
        self.current: Planned | None = None  # the plan shown
        self.sheets: list[str] = []
        self.sheet: str | None = None  # None: the first sheet with a recognisable header
        self.mapping: dict[str, str] = {}  # what the user corrected: {header: field}
        self.task: BackgroundTask | None = None
        self._stop = threading.Event()  # Cancel, for the work running now
        self._replan = False  # plan again once the work running now has stopped
        self.imported = False
        self.setMinimumSize(900, 600)  # the preview's columns in view, on a 1024×768 screen
        self.resize(1120, 680)

        self.title_label = QLabel(self)
        title_font = self.title_label.font()
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.2)
        self.title_label.setFont(title_font)
        self.title_label.setWordWrap(True)  # an event's title can be long
        self.file_label = QLabel(self)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sheet_label = QLabel(self)
        self.sheet_combo = QComboBox(self)
        self.sheet_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.sheet_label.setBuddy(self.sheet_combo)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(self.sheet_label)
        file_row.addWidget(self.sheet_combo)

        # The counts, one label each (whole texts in every language, never glued).
        self.count_labels = {outcome: QLabel(self) for outcome in Outcome}
        counts = QHBoxLayout()
        counts.setSpacing(24)
        for outcome, label in self.count_labels.items():
            label.setObjectName(f"count-{outcome.value}")
            counts.addWidget(label)
        counts.addStretch(1)
        self.ignored_label = QLabel(self)
        self.ignored_label.setWordWrap(True)
        self.message_label = QLabel(self)  # a refusal, the warnings, the summary at the end
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.mapping_label = QLabel(self)
        self.mapping_model = MappingModel(self._on_mapping_changed, self)
        self.mapping_view = self._table(self.mapping_model)
        self.mapping_view.setItemDelegateForColumn(
            MappingModel.COL_FIELD, ChoiceDelegate(ChoicesRole, ValueRole, self.mapping_view)
        )
        self.mapping_view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.mapping_view.setColumnWidth(MappingModel.COL_HEADER, 220)
        self.mapping_view.setColumnWidth(MappingModel.COL_FIELD, 260)
        self.mapping_view.horizontalHeader().setStretchLastSection(True)
        self.mapping_label.setBuddy(self.mapping_view)
        mapping_box = QWidget(self)
        mapping_layout = QVBoxLayout(mapping_box)
        mapping_layout.setContentsMargins(0, 0, 0, 0)
        mapping_layout.addWidget(self.mapping_label)
        mapping_layout.addWidget(self.mapping_view, 1)

        self.preview_label = QLabel(self)
        self.show_label = QLabel(self)
        self.show_combo = QComboBox(self)
        self.show_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.show_label.setBuddy(self.show_combo)
        self.preview_model = PreviewModel(self._on_decision, self)
        self.preview_proxy = OutcomeFilter(self)
        self.preview_proxy.setSourceModel(self.preview_model)
        self.preview_view = self._table(self.preview_proxy)
        self.preview_view.setItemDelegateForColumn(
            PreviewModel.COL_DECISION, ChoiceDelegate(ChoicesRole, ValueRole, self.preview_view)
        )
        self.preview_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        for column, width in (
            (PreviewModel.COL_ROW, 44),
            (PreviewModel.COL_NAME, 170),
            (PreviewModel.COL_ORGANISATION, 140),
            (PreviewModel.COL_OUTCOME, 90),
            (PreviewModel.COL_DECISION, 190),
        ):
            self.preview_view.setColumnWidth(column, width)
        # The reason takes the room left, so the decision stays in view without scrolling.
        self.preview_view.horizontalHeader().setSectionResizeMode(
            PreviewModel.COL_REASON, QHeaderView.ResizeMode.Stretch
        )
        preview_top = QHBoxLayout()
        preview_top.addWidget(self.preview_label, 1)
        preview_top.addWidget(self.show_label)
        preview_top.addWidget(self.show_combo)
        preview_box = QWidget(self)
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addLayout(preview_top)
        preview_layout.addWidget(self.preview_view, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(mapping_box)
        self.splitter.addWidget(preview_box)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([200, 400])

        self.buttons = QDialogButtonBox(self)
        self.import_button = QPushButton(self)
        self.import_button.setDefault(True)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addLayout(file_row)
        layout.addLayout(counts)
        layout.addWidget(self.ignored_label)
        layout.addWidget(self.message_label)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.buttons)

        self.sheet_combo.activated.connect(self._on_sheet_chosen)
        self.show_combo.activated.connect(self._on_show_chosen)
        self.import_button.clicked.connect(self.import_people)
        self.close_button.clicked.connect(self.reject)
        self.retranslate_ui()
        self._show_state()

    def _table(self, model: Any) -> QTableView:
        view = QTableView(self)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.horizontalHeader().setHighlightSections(False)
        return view

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Import people"))
        event = self.ws.get(Event, self.event_id)
        title = event.title or event.code if event else ""
        self.title_label.setText(_("Import people into {event}").format(event=title))
        self.file_label.setText(_("File: {name}").format(name=self.path.name))
        self.sheet_label.setText(_("&Sheet:"))
        self.mapping_label.setText(
            _("&Columns: what each column of the file holds (change it where it is wrong)")
        )
        self.preview_label.setText(
            _("Rows: for a suggestion, say whether it is the same person (double-click)")
        )
        self.show_label.setText(_("S&how:"))
        keep = self.show_combo.currentData()
        self.show_combo.clear()
        self.show_combo.addItem(_("All rows"), None)
        for outcome in Outcome:
            self.show_combo.addItem(outcome_label(outcome), outcome)
        self.show_combo.setCurrentIndex(max(0, self.show_combo.findData(keep)))
        self.import_button.setText(_("&Import"))
        self.mapping_model.retranslate_headers()
        self.preview_model.retranslate_headers()
        self._show_counts()

    # --- planning ----------------------------------------------------------------------------

    def busy(self) -> bool:
        return self.task is not None

    def plan(self) -> None:
        """Plan again with the sheet, mapping and decisions chosen now (in the background).

        One piece of work at a time: a plan still running is stopped, and this one starts when
        it has stopped."""
        if self.task is not None:
            self._stop.set()
            self._replan = True
            return
        self._stop = stop = threading.Event()
        ws, event_id, path = self.ws, self.event_id, self.path
        sheet, mapping = self.sheet, dict(self.mapping)
        same_as = self.preview_model.same_as()
        first = not self.sheets

        def work(progress: Progress) -> Planned:
            sheets = sheet_names(path) if first else []
            plan = plan_import(
                ws,
                event_id,
                path,
                sheet=sheet,
                mapping=mapping,
                same_as=same_as,
                progress=lambda count: progress(count, 0),
                cancelled=stop.is_set,
                match_progress=progress,
            )
            names = {o.id: o.name for o in ws.list(Organisation)}
            names.update((o.id, o.name) for o in plan.organisations)
            return Planned(plan, sheets, column_samples(path, plan), names)

        def succeeded(planned: Planned) -> None:
            if not self._finished():
                self._show_plan(planned)

        def failed(error: BaseException) -> bool:
            if self._finished():
                return True  # stopped for a newer plan
            if isinstance(error, UserError):
                self.current = None
                self.preview_model.set_plan(_EMPTY, {})
                self._show_message(error.message)
                self._show_state()
                return True
            return False

        self._show_message("")
        self.task = self._start(_("Reading the list…"), work, succeeded, failed, counting=True)
        self._show_state()

    def _finished(self) -> bool:
        """The work is over; True when another plan was asked for meanwhile (and started)."""
        self.task = None
        if self._replan:
            self._replan = False
            self.plan()
            return True
        return False

    def _start(
        self, label: str, work: Any, succeeded: Any, failed: Any, *, counting: bool = False
    ) -> BackgroundTask:
        stop = self._stop
        task = self.context.run_in_background(self, label, work, succeeded, failed)
        # Its progress dialog gets a Cancel button: a long file can be stopped.
        task.dialog.setCancelButtonText(_("Cancel"))
        task.dialog.canceled.connect(stop.set)
        if counting:
            task.signals.progress.connect(lambda done, total: self._planning(task, done, total))
        return task

    @staticmethod
    def _planning(task: BackgroundTask, done: int, total: int) -> None:
        """The rows read so far (their number is known only at the end), then matched."""
        if total:
            text = _("Comparing the rows with the people the workspace knows…")
        else:
            text = ngettext("{count} row read…", "{count} rows read…", done).format(
                count=format_number(done, current_locale())
            )
        task.dialog.setLabelText(text)

    def cancel(self) -> None:
        """Stop the planning or the import running now; nothing is written."""
        self._stop.set()

    def _on_sheet_chosen(self, index: int) -> None:
        name = self.sheet_combo.itemData(index)
        if name != (self.current.plan.sheet if self.current else self.sheet):
            self.sheet = name
            self.mapping.clear()  # the columns of another sheet
            self.preview_model.clear_decisions()
            self.plan()

    def _on_mapping_changed(self, header: str, field: Field) -> None:
        self.mapping[header] = field.value
        self.preview_model.clear_decisions()  # other names may come out of the rows
        self.plan()

    def _on_decision(self, _row: int, _choice: str) -> None:
        self.plan()

    def _on_show_chosen(self, index: int) -> None:
        self.preview_proxy.set_outcome(self.show_combo.itemData(index))

    # --- showing the plan --------------------------------------------------------------------

    def _show_plan(self, planned: Planned) -> None:
        self.current = planned
        plan = planned.plan
        if planned.sheets:
            self.sheets = planned.sheets
            self.sheet_combo.clear()
            for name in self.sheets:
                self.sheet_combo.addItem(name, name)
        self.sheet_combo.setCurrentIndex(max(0, self.sheet_combo.findData(plan.sheet)))
        self.mapping_model.set_plan(plan, planned.samples)
        self.preview_model.set_plan(plan, planned.organisations)
        self._show_message(" ".join(plan.warnings))
        self._show_state()

    def _show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def _show_counts(self) -> None:
        plan = self.current.plan if self.current else None
        language = current_locale()
        texts = {
            Outcome.NEW: lambda n: ngettext("{count} new person", "{count} new people", n),
            Outcome.MATCHED: lambda n: ngettext(
                "{count} matched person", "{count} matched people", n
            ),
            Outcome.SUGGESTED: lambda n: ngettext("{count} suggestion", "{count} suggestions", n),
            Outcome.REJECTED: lambda n: ngettext(
                "{count} row rejected", "{count} rows rejected", n
            ),
        }
        for outcome, label in self.count_labels.items():
            count = plan.count(outcome) if plan else 0
            label.setText(texts[outcome](count).format(count=format_number(count, language)))
            label.setVisible(plan is not None)
        ignored = plan.ignored if plan else []
        self.ignored_label.setText(
            _("Columns left out: {headers}.").format(headers=", ".join(ignored))
        )
        self.ignored_label.setVisible(bool(ignored))

    def _show_state(self) -> None:
        self._show_counts()
        self.sheet_label.setVisible(len(self.sheets) > 1)
        self.sheet_combo.setVisible(len(self.sheets) > 1)
        ready = self.current is not None and not self.busy() and not self.imported
        self.import_button.setEnabled(ready)
        for widget in (self.sheet_combo, self.mapping_view):
            widget.setEnabled(not self.busy() and not self.imported)
        # After the import the rows stay to be read (and filtered), no longer to be decided.
        self.preview_view.setEnabled(not self.busy())
        if self.imported:
            self.preview_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

    # --- importing ---------------------------------------------------------------------------

    def import_people(self) -> None:
        """Write the plan shown, in one transaction, in the background."""
        if self.current is None or self.busy() or self.imported:
            return
        plan = self.current.plan
        self._stop = stop = threading.Event()
        ws = self.ws

        def work(progress: Progress) -> Result[None]:
            return apply_plan(ws, plan, progress=progress, cancelled=stop.is_set)

        def succeeded(result: Result[None]) -> None:
            self.task = None
            self.imported = True
            self.context.announce(result.changes)
            self._show_message(self._summary(plan))
            self.close_button.setFocus()
            self._show_state()

        def failed(error: BaseException) -> bool:
            self.task = None
            if isinstance(error, UserError):
                self._show_message(error.message)
                self._show_state()
                return True
            return False

        self.task = self._start(_("Importing the people…"), work, succeeded, failed)
        self._show_state()

    @staticmethod
    def _summary(plan: ImportPlan) -> str:
        language = current_locale()
        added = plan.count(Outcome.NEW) + plan.count(Outcome.SUGGESTED)
        matched = plan.count(Outcome.MATCHED)
        rejected = plan.count(Outcome.REJECTED)
        sentences = [
            ngettext(
                "The import is done: {count} new person was added to the event.",
                "The import is done: {count} new people were added to the event.",
                added,
            ).format(count=format_number(added, language)),
            ngettext(
                "{count} person already known was matched.",
                "{count} people already known were matched.",
                matched,
            ).format(count=format_number(matched, language)),
        ]
        if rejected:
            sentences.append(
                ngettext(
                    "{count} row was rejected; the table says why.",
                    "{count} rows were rejected; the table says why.",
                    rejected,
                ).format(count=format_number(rejected, language))
            )
        return " ".join(sentences)

    def reject(self) -> None:
        """Close; what runs is stopped first (nothing is written), and the dialog goes once
        the work has stopped, since the work reports back to it."""
        self.cancel()
        self._replan = False
        if self.task is None:
            super().reject()
            return
        self.hide()
        self.task.finished.connect(super().reject)


def _empty_plan() -> ImportPlan:
    return ImportPlan("", "", "", 0, [], "")


_EMPTY = _empty_plan()
