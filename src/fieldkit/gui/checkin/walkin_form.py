"""The short form of a walk-in: name, gender, organisation or delegation; the rest optional.

While it is filled in, the people of the workspace who look like the same person are listed, each
with a key that checks that person in instead; adding a new person anyway takes a second Enter.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.checkin import CheckinPerson
from fieldkit.core.duplicates import Reason, Suspect
from fieldkit.core.model import AttendanceMode, Gender
from fieldkit.gui.widgets.labels import gender_label
from fieldkit.i18n import _
from fieldkit.store.door import WalkInForm

MAX_SUSPECTS = 3  # each gets Alt+1, Alt+2, Alt+3 (Ctrl+1… choose the window's pages)


def reason_labels() -> dict[Reason, str]:
    return {
        Reason.SAME_NAME: _("same name"),
        Reason.SIMILAR_NAME: _("similar name"),
        Reason.SAME_PHONE: _("same phone"),
        Reason.SAME_ID_CARD: _("same ID card number"),
    }


def _editable_combo(parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = combo.completer()
    assert completer is not None
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    return combo


class WalkInPanel(QFrame):
    submitted = Signal()
    cancelled = Signal()
    use_existing = Signal(object)  # the CheckinPerson to check in instead
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("walkInPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.heading = QLabel(self)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.given_names = QLineEdit(self)
        self.surnames = QLineEdit(self)
        self.gender = QComboBox(self)
        self.organisation = _editable_combo(self)
        self.delegation = _editable_combo(self)
        self.phone = QLineEdit(self)
        self.id_card = QLineEdit(self)
        self.virtual = QCheckBox(self)
        self.warning = QLabel(self)
        self.warning.setObjectName("walkInWarning")
        self.warning.setWordWrap(True)
        self.warning.setTextFormat(Qt.TextFormat.RichText)
        self.warning.setStyleSheet(
            "#walkInWarning { background: #fef3c7; border: 1px solid #d97706;"
            " border-radius: 4px; padding: 6px; color: #78350f; }"
        )
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b91c1c; font-weight: bold;")
        self.error.setWordWrap(True)
        self.add_button = QPushButton(self)
        self.cancel_button = QPushButton(self)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for widget in (
            self.given_names,
            self.surnames,
            self.gender,
            self.organisation,
            self.delegation,
            self.phone,
            self.id_card,
        ):
            self.form.addRow(QLabel(self), widget)
        self.form.addRow("", self.virtual)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addWidget(self.warning)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addLayout(buttons)

        self.suspects: list[Suspect[CheckinPerson]] = []
        self.confirmed = False  # Enter pressed once with suspects shown
        # Enter in any field reaches keyPressEvent below (line edits pass it on to their parent).
        for edit in (self.given_names, self.surnames, self.phone, self.id_card):
            edit.textEdited.connect(self._on_edited)
        for combo in (self.organisation, self.delegation):
            line = combo.lineEdit()
            assert line is not None
            line.textEdited.connect(self._on_edited)
        self.gender.currentIndexChanged.connect(self._on_edited)
        self.add_button.clicked.connect(self.submitted)
        self.cancel_button.clicked.connect(self.cancelled)
        self._shortcuts = []
        for number in range(1, MAX_SUSPECTS + 1):
            shortcut = QShortcut(QKeySequence(f"Alt+{number}"), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda n=number: self._use(n))
            self._shortcuts.append(shortcut)
        self.retranslate_ui()
        self.set_suspects([])

    # --- filling and reading -------------------------------------------------------------------

    def start(
        self,
        typed: str,
        organisations: Sequence[str],
        delegations: Sequence[str],
        mode: AttendanceMode,
    ) -> None:
        """Empty the form for a new walk-in; what was typed in the search becomes the name."""
        words = typed.split()
        # Digits alone are a badge or a phone, never a name.
        if words and not any(char.isdigit() for char in typed):
            self.given_names.setText(words[0])
            self.surnames.setText(" ".join(words[1:]))
        else:
            self.given_names.clear()
            self.surnames.clear()
        for combo, values in ((self.organisation, organisations), (self.delegation, delegations)):
            combo.clear()
            combo.addItems(list(values))
            combo.setCurrentIndex(-1)
            combo.setEditText("")
        self.gender.setCurrentIndex(-1)
        self.phone.clear()
        self.id_card.clear()
        self.virtual.setChecked(mode is AttendanceMode.VIRTUAL)
        self.error.clear()
        self.confirmed = False
        self.set_suspects([])
        # The surnames are what is most often missing when a given name was typed.
        (self.surnames if self.given_names.text() else self.given_names).setFocus()

    def value(self) -> WalkInForm:
        gender = self.gender.currentData()
        return WalkInForm(
            given_names=self.given_names.text(),
            surnames=self.surnames.text(),
            gender=Gender(gender) if gender else None,
            organisation=self.organisation.currentText().strip(),
            delegation=self.delegation.currentText().strip(),
            phone=self.phone.text(),
            id_card=self.id_card.text(),
            mode=AttendanceMode.VIRTUAL if self.virtual.isChecked() else AttendanceMode.IN_PERSON,
        )

    def problem(self) -> str | None:
        """What is missing before the walk-in can be added, in one sentence; None when complete."""
        form = self.value()
        if not (form.given_names.strip() and form.surnames.strip()):
            return _("Type the given names and the surnames.")
        if form.gender is None:
            return _("Choose the gender (or “Not stated”).")
        if not (form.organisation or form.delegation):
            return _("Type the organisation or the delegation.")
        return None

    def show_problem(self, text: str) -> None:
        self.error.setText(text)

    # --- possible duplicates -------------------------------------------------------------------

    def set_suspects(self, suspects: Sequence[Suspect[CheckinPerson]]) -> None:
        self.suspects = list(suspects)[:MAX_SUSPECTS]
        if not self.suspects:
            self.warning.hide()
            self.warning.clear()
            return
        reasons = reason_labels()
        lines = [html.escape(_("This may be someone the workspace already knows:"))]
        for number, suspect in enumerate(self.suspects, start=1):
            person = suspect.person
            why = ", ".join(reasons[r] for r in suspect.reasons)
            line = _("Alt+{number}: check in {name} ({origin}) instead — {reasons}").format(
                number=number,
                name=person.full_name,
                origin=person.origin or _("no organisation"),
                reasons=why,
            )
            lines.append(html.escape(line))
        if self.confirmed:
            lines.append(
                "<b>" + html.escape(_("Press Enter again to add a new person anyway.")) + "</b>"
            )
        self.warning.setText("<br>".join(lines))
        self.warning.show()

    def _use(self, number: int) -> None:
        if number <= len(self.suspects):
            self.use_existing.emit(self.suspects[number - 1].person)

    def _on_edited(self, *_args: object) -> None:
        self.confirmed = False
        self.error.clear()
        self.edited.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submitted.emit()
            return
        super().keyPressEvent(event)

    def retranslate_ui(self) -> None:
        self.heading.setText(_("New walk-in"))
        labels = (
            _("Given names"),
            _("Surnames"),
            _("Gender"),
            _("Organisation"),
            _("Delegation"),
            _("Phone (optional)"),
            _("ID card (optional)"),
        )
        for row, text in enumerate(labels):
            item = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item else None
            if isinstance(label, QLabel):
                label.setText(text)
        current = self.gender.currentData()
        self.gender.blockSignals(True)
        self.gender.clear()
        for gender in Gender:  # the words of every other page (People, the reports)
            self.gender.addItem(gender_label(gender), gender.value)
        self.gender.setCurrentIndex(self.gender.findData(current) if current else -1)
        self.gender.blockSignals(False)
        self.gender.setPlaceholderText(_("Choose…"))
        self.virtual.setText(_("Connected virtually"))
        self.add_button.setText(_("Add and check in (Enter)"))
        self.cancel_button.setText(_("Cancel (Esc)"))
        self.set_suspects(self.suspects)
