"""The Details page: everything that describes an event, edited in place and saved as typed.

Left, what the event is (title, code, dates, places, format, programme, context, general
objective); right, its specific objectives, thematic axes and partner organisations.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.ids import new_id
from fieldkit.core.model import (
    Axis,
    Changes,
    Event,
    EventFormat,
    EventPartner,
    Objective,
    Organisation,
    Programme,
)
from fieldkit.core.text import fold
from fieldkit.gui.events.partners_editor import PartnersEditor
from fieldkit.gui.shell.context import PageContext
from fieldkit.gui.shell.page import Page
from fieldkit.gui.widgets.autosave import Autosaver
from fieldkit.gui.widgets.inputs import OptionalDateEdit, line_edit_of
from fieldkit.gui.widgets.labels import format_label
from fieldkit.gui.widgets.list_editor import RecordListEditor
from fieldkit.i18n import _

EVENT_FIELDS = (
    "title",
    "code",
    "start_date",
    "end_date",
    "places",
    "format",
    "context",
    "general_objective",
)


def _text_box(parent: QWidget, lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box


class EventDetailsPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.event_id: str | None = None
        self.record: Event | None = None
        self.programmes: list[Programme] = []

        self.hint = QLabel(self)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)

        body = QWidget(self)
        self.title_edit = QLineEdit(body)
        self.code_edit = QLineEdit(body)
        self.start_edit = OptionalDateEdit(body)
        self.end_edit = OptionalDateEdit(body)
        self.places_edit = QLineEdit(body)
        self.format_combo = QComboBox(body)
        for value in EventFormat:
            self.format_combo.addItem(format_label(value), value)
        self.programme_combo = QComboBox(body)
        self.programme_combo.setEditable(True)
        self.programme_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.context_edit = _text_box(body, 5)
        self.objective_edit = _text_box(body, 3)

        dates = QHBoxLayout()
        self.to_label = QLabel(body)
        dates.addWidget(self.start_edit, 1)
        dates.addWidget(self.to_label)
        dates.addWidget(self.end_edit, 1)
        # A date's message grows its field downwards: keep "to" beside the lines, not centred.
        for part in (self.start_edit, self.to_label, self.end_edit):
            dates.setAlignment(part, Qt.AlignmentFlag.AlignTop)
        self.to_label.setFixedHeight(self.start_edit.line.sizeHint().height())
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form_labels: list[QLabel] = []
        for widget in (
            self.title_edit,
            self.code_edit,
            dates,
            self.places_edit,
            self.format_combo,
            self.programme_combo,
        ):
            label = QLabel(body)
            self.form_labels.append(label)
            self.form.addRow(label, widget)
        self.form_labels[0].setBuddy(self.title_edit)
        self.form_labels[1].setBuddy(self.code_edit)
        self.form_labels[2].setBuddy(self.start_edit)
        self.form_labels[3].setBuddy(self.places_edit)
        self.form_labels[4].setBuddy(self.format_combo)
        self.form_labels[5].setBuddy(self.programme_combo)
        self.context_label = QLabel(body)
        self.context_label.setBuddy(self.context_edit)
        self.objective_label = QLabel(body)
        self.objective_label.setBuddy(self.objective_edit)

        left = QVBoxLayout()
        left.addLayout(self.form)
        left.addWidget(self.context_label)
        left.addWidget(self.context_edit, 3)
        left.addWidget(self.objective_label)
        left.addWidget(self.objective_edit, 2)

        self.objectives = RecordListEditor(
            self,
            Objective,
            ["text"],
            lambda: [_("Objective")],
            lambda: _("&Specific objectives"),
            body,
        )
        self.axes = RecordListEditor(
            self,
            Axis,
            ["title", "description"],
            lambda: [_("Axis"), _("Description")],
            lambda: _("Thematic a&xes"),
            body,
        )
        self.partners = PartnersEditor(self, body)
        right = QVBoxLayout()
        right.addWidget(self.objectives, 1)
        right.addWidget(self.axes, 1)
        right.addWidget(self.partners, 1)

        grid = QGridLayout(body)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(16)

        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setWidget(body)
        body.setMinimumHeight(560)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.scroll_area, 1)

        self.saver = Autosaver(self, self._save_fields)
        self.saver.bind_line("title", self.title_edit)
        self.saver.bind_line("code", self.code_edit)
        self.saver.bind_date("start_date", self.start_edit)
        self.saver.bind_date("end_date", self.end_edit)
        self.saver.bind_line("places", self.places_edit)
        self.saver.bind_combo("format", self.format_combo)
        self.saver.bind_text("context", self.context_edit)
        self.saver.bind_text("general_objective", self.objective_edit)
        self.programme_combo.activated.connect(lambda _i: self._save_programme())
        line_edit_of(self.programme_combo).editingFinished.connect(self._save_programme)
        self.retranslate_ui()
        self._show_hint()

    # --- page interface ----------------------------------------------------------------------

    def set_event(self, event_id: str | None) -> None:
        self.saver.flush()
        self.event_id = event_id
        self.reload()

    def on_changes(self, changes: Changes) -> None:
        if changes.events and self.event_id:
            self.reload()

    def reload(self) -> None:
        event = self.ws.get(Event, self.event_id) if self.event_id else None
        self.record = event
        if event is None:
            self.saver.discard()
            self._show_hint()
            return
        self.hint.hide()
        self.scroll_area.show()
        self.saver.load({name: getattr(event, name) for name in EVENT_FIELDS})
        self._load_programmes(event)
        self.objectives.set_records(event.id, self.ws.list(Objective, where={"event_id": event.id}))
        self.axes.set_records(event.id, self.ws.list(Axis, where={"event_id": event.id}))
        self.partners.set_partners(
            event.id,
            self.ws.list(EventPartner, where={"event_id": event.id}),
            self.ws.list(Organisation, order_by=("name",)),
        )

    def _show_hint(self) -> None:
        self.scroll_area.hide()
        self.hint.show()

    # --- saving ------------------------------------------------------------------------------

    def _save_fields(self, values: dict[str, Any]) -> None:
        event_id = self.event_id
        if event_id is None:
            return
        if "title" in values:
            values["title"] = values["title"].strip() or _("Untitled event")
        if "code" in values:
            code = values["code"].strip()
            current = self.record.code if self.record else ""
            if code != current and (not code or code in self.ws.event_codes()):
                del values["code"]
                self.saver.load({"code": current})
                self.context.show_error(
                    _("The code “{code}” is already used by another event.").format(code=code)
                    if code
                    else _("An event needs a code: a short reference such as PE-BO-2021.")
                )
            else:
                values["code"] = code
        if not values:
            return
        self.write(lambda: self.ws.update(Event, event_id, **values))

    def _load_programmes(self, event: Event) -> None:
        self.programmes = sorted(self.ws.list(Programme), key=lambda p: fold(p.name))
        if line_edit_of(self.programme_combo).hasFocus():
            return
        self.programme_combo.blockSignals(True)
        try:
            self.programme_combo.clear()
            self.programme_combo.addItem("", None)
            for programme in self.programmes:
                self.programme_combo.addItem(programme.name, programme.id)
            index = self.programme_combo.findData(event.programme_id)
            self.programme_combo.setCurrentIndex(max(index, 0))
            line_edit_of(self.programme_combo).setCursorPosition(0)
        finally:
            self.programme_combo.blockSignals(False)

    def _save_programme(self) -> None:
        event = self.record
        if event is None:
            return
        name = self.programme_combo.currentText().strip()
        found = next((p for p in self.programmes if fold(p.name) == fold(name)), None)
        records: list[Any] = []
        if name and found is None:
            found = Programme(id=new_id(), name=name)
            records.append(found)
        programme_id = found.id if found else None
        if programme_id == event.programme_id:
            return
        records.append(dataclasses.replace(event, programme_id=programme_id))
        self.write(lambda: self.ws.save(*records))

    def retranslate_ui(self) -> None:
        self.start_edit.retranslate_ui()
        self.end_edit.retranslate_ui()
        self.hint.setText(_("Select an event in the list, or create one with Event ▸ New event."))
        texts = [_("&Title"), _("&Code"), _("&Dates"), _("&Places"), _("&Format"), _("P&rogramme")]
        for label, text in zip(self.form_labels, texts, strict=True):
            label.setText(text)
        self.to_label.setText(_("to"))
        self.code_edit.setPlaceholderText(_("A short reference, e.g. PE-BO-2021"))
        self.places_edit.setPlaceholderText(_("Towns, venues"))
        line_edit_of(self.programme_combo).setPlaceholderText(_("None"))
        self.context_label.setText(_("Conte&xt"))
        self.objective_label.setText(_("&General objective"))
        for index in range(self.format_combo.count()):
            self.format_combo.setItemText(index, format_label(self.format_combo.itemData(index)))
        self.objectives.retranslate_ui()
        self.axes.retranslate_ui()
        self.partners.retranslate_ui()
