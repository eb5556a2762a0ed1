"""The form of one session, opened with `open()` and saved as typed (no Save button).

Its day can be changed here too, which moves the session to another day of the event.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.ids import session_axis_id, session_objective_id
from fieldkit.core.model import (
    Axis,
    Changes,
    Day,
    Objective,
    Session,
    SessionAxis,
    SessionKind,
    SessionMode,
    SessionObjective,
)
from fieldkit.gui.agenda.text import day_short_text
from fieldkit.gui.widgets.autosave import Autosaver
from fieldkit.gui.widgets.inputs import OptionalTimeEdit
from fieldkit.gui.widgets.labels import mode_label, session_kind_label
from fieldkit.i18n import _

if TYPE_CHECKING:
    from fieldkit.gui.shell.page import Page

SESSION_FIELDS = (
    "title",
    "day_id",
    "start_time",
    "end_time",
    "kind",
    "mode",
    "room",
    "link",
    "facilitator",
    "rapporteur",
    "description",
    "names_taken",
)


class SessionDialog(QDialog):
    """Edits the session `session_id`; every change goes through `page.write`."""

    def __init__(self, page: Page, session_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionDialog")
        self.page = page
        self.ws = page.ws
        self.session_id = session_id
        self.session: Session | None = None
        self.event_id: str | None = None

        self.title_edit = QLineEdit(self)
        self.title_edit.setMinimumWidth(360)
        self.day_combo = QComboBox(self)
        self.start_edit = OptionalTimeEdit(self)
        self.end_edit = OptionalTimeEdit(self)
        self.kind_combo = QComboBox(self)
        for kind in SessionKind:
            if kind != SessionKind.ARRIVAL:
                self.kind_combo.addItem(session_kind_label(kind), kind)
        self.mode_combo = QComboBox(self)
        for mode in SessionMode:
            self.mode_combo.addItem(mode_label(mode), mode)
        self.room_edit = QLineEdit(self)
        self.link_edit = QLineEdit(self)
        self.facilitator_edit = QLineEdit(self)
        self.rapporteur_edit = QLineEdit(self)
        self.names_check = QCheckBox(self)
        self.description_edit = QPlainTextEdit(self)
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.axes_list = QListWidget(self)
        self.objectives_list = QListWidget(self)
        for box in (self.axes_list, self.objectives_list):
            box.setWordWrap(True)
            box.setMinimumWidth(260)

        times = QHBoxLayout()
        self.to_label = QLabel(self)
        times.addWidget(self.start_edit)
        times.addWidget(self.to_label)
        times.addWidget(self.end_edit)
        times.addStretch(1)
        self.times_message = QLabel(self)
        self.times_message.setObjectName("timesMessage")
        self.times_message.setStyleSheet("color: #b71c1c;")
        self.times_message.setWordWrap(True)
        self.times_message.hide()
        times_box = QVBoxLayout()
        times_box.setSpacing(2)
        times_box.addLayout(times)
        times_box.addWidget(self.times_message)
        form = QFormLayout()
        self.labels: list[QLabel] = []
        rows: list[tuple[QWidget | QHBoxLayout | QVBoxLayout, QWidget]] = [
            (self.title_edit, self.title_edit),
            (self.day_combo, self.day_combo),
            (times_box, self.start_edit),
            (self.kind_combo, self.kind_combo),
            (self.mode_combo, self.mode_combo),
            (self.room_edit, self.room_edit),
            (self.link_edit, self.link_edit),
            (self.facilitator_edit, self.facilitator_edit),
            (self.rapporteur_edit, self.rapporteur_edit),
        ]
        for field, buddy in rows:
            label = QLabel(self)
            label.setBuddy(buddy)
            self.labels.append(label)
            form.addRow(label, field)
        form.addRow("", self.names_check)
        self.description_label = QLabel(self)
        self.description_label.setBuddy(self.description_edit)
        form.addRow(self.description_label)
        form.addRow(self.description_edit)

        self.axes_label = QLabel(self)
        self.axes_label.setBuddy(self.axes_list)
        self.objectives_label = QLabel(self)
        self.objectives_label.setBuddy(self.objectives_list)
        side = QVBoxLayout()
        side.addWidget(self.axes_label)
        side.addWidget(self.axes_list, 1)
        side.addWidget(self.objectives_label)
        side.addWidget(self.objectives_list, 2)

        self.saved_label = QLabel(self)
        self.saved_label.setStyleSheet("color: #666666;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.close)
        grid = QGridLayout(self)
        grid.addLayout(form, 0, 0)
        grid.addLayout(side, 0, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.saved_label, 1)
        bottom.addWidget(self.buttons)
        grid.addLayout(bottom, 1, 0, 1, 2)

        self.saver = Autosaver(self, self._save_fields)
        self.saver.bind_line("title", self.title_edit)
        self.saver.bind_combo("day_id", self.day_combo)
        self.saver.bind_time("start_time", self.start_edit)
        self.saver.bind_time("end_time", self.end_edit)
        self.saver.bind_combo("kind", self.kind_combo)
        self.saver.bind_combo("mode", self.mode_combo)
        self.saver.bind_line("room", self.room_edit)
        self.saver.bind_line("link", self.link_edit)
        self.saver.bind_line("facilitator", self.facilitator_edit)
        self.saver.bind_line("rapporteur", self.rapporteur_edit)
        self.saver.bind_text("description", self.description_edit)
        self.saver.bind_check("names_taken", self.names_check)
        for edit in (self.start_edit, self.end_edit):
            # A time that cannot be read says so under its field; the order waits for it.
            edit.messageChanged.connect(self._hide_order_for_unread_time)
        self.axes_list.itemChanged.connect(self._links_changed)
        self.objectives_list.itemChanged.connect(self._links_changed)
        self._filling = False
        self._refusal_seen = False

        page.context.changed.connect(self.on_changes)
        self.retranslate_ui()
        self.reload()
        self.resize(860, 560)

    # --- showing -----------------------------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        if changes.agenda or changes.events:
            self.reload()

    def reload(self) -> None:
        session = self.ws.get(Session, self.session_id)
        self.session = session
        if session is None:
            self.saver.discard()
            self.close()
            return
        day = self.ws.get(Day, session.day_id)
        self.event_id = day.event_id if day else None
        days = self.ws.event_days(self.event_id) if self.event_id else []
        self._fill_days(days)
        arrival = session.kind == SessionKind.ARRIVAL
        for widget in (self.day_combo, self.kind_combo, self.title_edit):
            widget.setEnabled(not arrival)
        self.saver.load({name: getattr(session, name) for name in SESSION_FIELDS})
        self._fill_links(session)
        self.setWindowTitle(
            _("Session: {title}").format(title=session.title or _("Untitled session"))
        )

    def _fill_days(self, days: Sequence[Day]) -> None:
        self.day_combo.blockSignals(True)
        try:
            self.day_combo.clear()
            for number, day in enumerate(days, start=1):
                label = day_short_text(day, number)
                if day.title.strip():
                    label = _("{date}: {title}").format(date=label, title=day.title.strip())
                self.day_combo.addItem(label, day.id)
        finally:
            self.day_combo.blockSignals(False)

    def _fill_links(self, session: Session) -> None:
        if self.event_id is None:
            return
        axes = self.ws.list(Axis, where={"event_id": self.event_id}, order_by=("position",))
        objectives = self.ws.list(
            Objective, where={"event_id": self.event_id}, order_by=("position",)
        )
        chosen_axes = {
            link.axis_id for link in self.ws.list(SessionAxis, where={"session_id": session.id})
        }
        chosen_objectives = {
            link.objective_id
            for link in self.ws.list(SessionObjective, where={"session_id": session.id})
        }
        self._filling = True
        try:
            choices: list[tuple[QListWidget, Sequence[Any], set[str], str]] = [
                (self.axes_list, axes, chosen_axes, "title"),
                (self.objectives_list, objectives, chosen_objectives, "text"),
            ]
            for box, records, chosen, text in choices:
                box.clear()
                for number, record in enumerate(records, start=1):
                    item = QListWidgetItem(f"{number}. {getattr(record, text)}")
                    item.setData(Qt.ItemDataRole.UserRole, record.id)
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(
                        Qt.CheckState.Checked if record.id in chosen else Qt.CheckState.Unchecked
                    )
                    box.addItem(item)
            self.axes_list.setEnabled(bool(axes))
            self.objectives_list.setEnabled(bool(objectives))
        finally:
            self._filling = False

    # --- saving ------------------------------------------------------------------------------

    def _save_fields(self, values: dict[str, Any]) -> None:
        if self.session is None:
            return
        values = self._times_in_order(values)
        if not values:
            return
        session_id = self.session_id
        if self.page.write(lambda: self.ws.update(Session, session_id, **values)):
            self.saved_label.setText(_("Saved."))

    def _hide_order_for_unread_time(self, message: str) -> None:
        if message:
            self.times_message.hide()

    def _times_in_order(self, values: dict[str, Any]) -> dict[str, Any]:
        """The values to save, without times that would end the session before it starts.

        Those stay waiting in their fields (the other one may be changed next, as when a session
        is moved later) with a visible refusal; the window closing drops them.
        """
        assert self.session is not None
        start = values.get("start_time", self.session.start_time)
        end = values.get("end_time", self.session.end_time)
        refused = bool(start and end and end < start)
        times = [name for name in ("start_time", "end_time") if name in values]
        for name, edit in (("start_time", self.start_edit), ("end_time", self.end_edit)):
            edit.set_error_frame(refused and name in times)
        unread = self.start_edit.has_error() or self.end_edit.has_error()
        self.times_message.setVisible(refused and not unread)
        if not refused:
            self.times_message.clear()
            self._refusal_seen = False
            return values
        self.times_message.setText(
            _(
                "The session would end before it starts: {start} to {end} is not saved. "
                "Change the start or the end."
            ).format(start=self.start_edit.line.text(), end=self.end_edit.line.text())
        )
        if not self.saver.final:
            self.saver.hold(*times)
        return {name: value for name, value in values.items() if name not in times}

    def _links_changed(self, item: QListWidgetItem) -> None:
        if self._filling or self.session is None:
            return
        session_id = self.session_id
        record_id = item.data(Qt.ItemDataRole.UserRole)
        checked = item.checkState() == Qt.CheckState.Checked
        link: Any
        if item.listWidget() is self.axes_list:
            link = SessionAxis(
                id=session_axis_id(session_id, record_id), session_id=session_id, axis_id=record_id
            )
        else:
            link = SessionObjective(
                id=session_objective_id(session_id, record_id),
                session_id=session_id,
                objective_id=record_id,
            )
        if checked:
            self.page.write(lambda: self.ws.save(link))
        else:
            self.page.write(lambda: self.ws.apply([], [(type(link), link.id)]))

    def done(self, result: int) -> None:
        self.saver.finish_typing()
        self.saver.flush()
        if self.times_message.isVisible() and not self._refusal_seen:
            # Times out of order are not saved: stay open once so the refusal is read; closing
            # again drops them.
            self._refusal_seen = True
            return
        with contextlib.suppress(RuntimeError, TypeError):
            self.page.context.changed.disconnect(self.on_changes)
        super().done(result)

    def closeEvent(self, event: Any) -> None:
        self.saver.finish_typing()
        self.saver.flush()
        super().closeEvent(event)

    def retranslate_ui(self) -> None:
        self.start_edit.retranslate_ui()
        self.end_edit.retranslate_ui()
        texts = [
            _("&Title"),
            _("&Day"),
            _("T&ime"),
            _("&Kind"),
            _("&Mode"),
            _("&Room"),
            _("&Link"),
            _("&Facilitator"),
            _("Ra&pporteur"),
        ]
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.to_label.setText(_("to"))
        self.link_edit.setPlaceholderText(_("Video-call link, for virtual or hybrid sessions"))
        self.names_check.setText(_("Attendance by name (untick for a head count only)"))
        self.description_label.setText(_("D&escription"))
        self.axes_label.setText(_("Thematic a&xes of this session"))
        self.objectives_label.setText(_("&Objectives this session serves"))
        self.saved_label.setText(_("Changes are saved as you type."))
        namings: list[tuple[QComboBox, Callable[[Any], str]]] = [
            (self.kind_combo, session_kind_label),
            (self.mode_combo, mode_label),
        ]
        for combo, naming in namings:
            for index in range(combo.count()):
                combo.setItemText(index, naming(combo.itemData(index)))
