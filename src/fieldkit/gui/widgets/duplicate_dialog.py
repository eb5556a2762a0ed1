"""Ask the title and first day of an event copied as the template of the next one."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from fieldkit.core.model import Event
from fieldkit.gui.widgets.inputs import OptionalDateEdit
from fieldkit.i18n import _


class DuplicateEventDialog(QDialog):
    """Opened with `open()`; read `title()` and `start_date()` once it is accepted."""

    def __init__(self, event: Event, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source_event = event
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.title_edit = QLineEdit(self)
        self.title_edit.setMinimumWidth(420)
        self.start_edit = OptionalDateEdit(self)
        self.start_edit.set_value(event.start_date)
        self.title_label = QLabel(self)
        self.title_label.setBuddy(self.title_edit)
        self.start_label = QLabel(self)
        self.start_label.setBuddy(self.start_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QFormLayout(self)
        layout.addRow(self.explanation)
        layout.addRow(self.title_label, self.title_edit)
        layout.addRow(self.start_label, self.start_edit)
        layout.addRow(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.title_edit.textChanged.connect(self._update_ok)
        self.retranslate_ui()
        self.title_edit.setText(_("{title} (copy)").format(title=event.title))
        self.title_edit.selectAll()

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.title_edit.text().strip()))

    def title(self) -> str:
        return self.title_edit.text().strip()

    def start_date(self) -> dt.date | None:
        return self.start_edit.value()

    def retranslate_ui(self) -> None:
        self.start_edit.retranslate_ui()
        self.setWindowTitle(_("Duplicate as template"))
        self.explanation.setText(
            _(
                "The new event gets the description, objectives, thematic axes, partners and "
                "agenda of this one, moved to the new first day. Registrations, attendance and "
                "notes are not copied."
            )
        )
        self.title_label.setText(_("&Title"))
        self.start_label.setText(_("&First day"))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Duplicate"))
