"""The form of one person, with their registration at the selected event.

Editing a person saves as typed. A new person is a draft until it is first saved; when the draft
looks like someone already in the workspace (see `fieldkit.core.duplicates`), the form says so,
holds the save and offers the existing person. Choosing "It is someone else" saves the draft. When
the window closes, a held draft is saved anyway: nothing typed is lost (two records of one person
are merged later, like any duplicate).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.duplicates import Reason, Suspect
from fieldkit.core.model import AgeGroup, Gender, Role
from fieldkit.core.text import fold
from fieldkit.gui.widgets.autosave import Autosaver
from fieldkit.gui.widgets.inputs import completer_of, line_edit_of
from fieldkit.gui.widgets.labels import age_group_label, gender_label, role_label
from fieldkit.i18n import _

PERSON_FIELDS = (
    "given_names",
    "surnames",
    "gender",
    "age_group",
    "phone",
    "email",
    "id_card",
    "consent_photos",
    "consent_contact",
)
REGISTRATION_FIELDS = ("registered", "role", "delegation", "municipality", "country", "badge_code")
MAX_SUSPECTS_SHOWN = 3


def reason_text(reason: Reason) -> str:
    return {
        Reason.SAME_NAME: _("same name"),
        Reason.SIMILAR_NAME: _("similar name"),
        Reason.SAME_PHONE: _("same phone"),
        Reason.SAME_ID_CARD: _("same ID-card number"),
    }[reason]


class DuplicateWarning(QFrame):
    """'This looks like someone already here': the suspects, each with a button to use them."""

    use_person = Signal(str)
    keep_new = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicateWarning")
        self.setStyleSheet(
            "#duplicateWarning { background: #fff4d6; border: 1px solid #e0c36a; "
            "border-radius: 4px; }"
        )
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.suspect_buttons: list[QPushButton] = []
        self.buttons = QVBoxLayout()
        self.keep_button = QPushButton(self)
        self.keep_button.clicked.connect(self.keep_new)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.message)
        layout.addLayout(self.buttons)
        layout.addWidget(self.keep_button)
        self.suspects: list[Suspect[Any]] = []
        self.retranslate_ui()

    def show_suspects(self, suspects: Sequence[Suspect[Any]]) -> None:
        self.suspects = list(suspects)[:MAX_SUSPECTS_SHOWN]
        for button in self.suspect_buttons:
            button.deleteLater()
        self.suspect_buttons = []
        for suspect in self.suspects:
            person = suspect.person
            reasons = ", ".join(reason_text(r) for r in suspect.reasons)
            details = [d for d in (getattr(person, "organisation", ""), person.phone) if d]
            label = _("Use {name} ({reasons})").format(name=person.full_name, reasons=reasons)
            button = QPushButton(label, self)
            button.setToolTip(" · ".join([person.full_name, *details]))
            button.clicked.connect(lambda _c=False, pid=person.id: self.use_person.emit(pid))
            self.buttons.addWidget(button)
            self.suspect_buttons.append(button)
        self.setVisible(bool(self.suspects))
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        title = html.escape(_("This looks like someone already in the workspace."))
        body = html.escape(
            _("The new person is not saved yet. Use the existing person, or keep the new one.")
        )
        self.message.setText(f"<b>{title}</b><br>{body}")
        self.keep_button.setText(_("It is someone else: keep the new person"))


class PersonForm(QWidget):
    """Shows one person; the page gives it `save_person` and `save_registration` callbacks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person_id: str | None = None  # None with `draft`: a new person not saved yet
        self.draft = False
        self.confirmed_new = False
        self.event_id: str | None = None
        self.organisations: list[tuple[str, str]] = []  # (id, name)
        # Set by the page.
        self.save_person: Callable[[dict[str, Any]], None] = lambda values: None
        self.save_registration: Callable[[dict[str, Any]], None] = lambda values: None
        self.save_draft: Callable[[dict[str, Any], dict[str, Any], bool], None] = (
            lambda person, registration, final: None
        )
        self.set_organisation: Callable[[str], None] = lambda name: None

        self.heading = QLabel(self)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.warning = DuplicateWarning(self)
        self.warning.hide()

        body = QWidget(self)
        self.given_edit = QLineEdit(body)
        self.surnames_edit = QLineEdit(body)
        self.gender_combo = QComboBox(body)
        for gender in Gender:
            self.gender_combo.addItem(gender_label(gender), gender)
        self.age_combo = QComboBox(body)
        self.age_combo.addItem("", None)
        for age in AgeGroup:
            self.age_combo.addItem(age_group_label(age), age)
        self.phone_edit = QLineEdit(body)
        self.email_edit = QLineEdit(body)
        self.card_edit = QLineEdit(body)
        self.organisation_combo = QComboBox(body)
        self.organisation_combo.setEditable(True)
        self.organisation_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer_of(self.organisation_combo).setFilterMode(Qt.MatchFlag.MatchContains)
        self.photos_check = QCheckBox(body)
        self.contact_check = QCheckBox(body)
        # As wide as the form, not as the longest organisation's name: a long name (and the
        # longer labels of French and Spanish) made the form scroll sideways.
        for combo in (self.gender_combo, self.age_combo, self.organisation_combo):
            _narrow(combo)

        self.person_form = QFormLayout()
        self.person_labels: list[QLabel] = []
        for widget in (
            self.given_edit,
            self.surnames_edit,
            self.gender_combo,
            self.age_combo,
            self.phone_edit,
            self.email_edit,
            self.card_edit,
            self.organisation_combo,
        ):
            label = QLabel(body)
            label.setBuddy(widget)
            self.person_labels.append(label)
            self.person_form.addRow(label, widget)
        self.consent_label = QLabel(body)
        consent = QVBoxLayout()
        consent.addWidget(self.photos_check)
        consent.addWidget(self.contact_check)
        # The consents under their label, across the whole form: beside it, a long consent
        # in Spanish ('a ser contactado·a después del evento') made the form scroll sideways.
        consent.setContentsMargins(12, 0, 0, 0)
        self.person_form.addRow(self.consent_label)
        self.person_form.addRow(consent)

        self.registration_box = QGroupBox(body)
        self.registered_check = QCheckBox(self.registration_box)
        self.role_combo = QComboBox(self.registration_box)
        for role in Role:
            self.role_combo.addItem(role_label(role), role)
        _narrow(self.role_combo)
        self.delegation_edit = QLineEdit(self.registration_box)
        self.municipality_edit = QLineEdit(self.registration_box)
        self.country_edit = QLineEdit(self.registration_box)
        self.badge_edit = QLineEdit(self.registration_box)
        registration_form = QFormLayout(self.registration_box)
        registration_form.addRow(self.registered_check)
        self.registration_labels: list[QLabel] = []
        for widget in (
            self.role_combo,
            self.delegation_edit,
            self.municipality_edit,
            self.country_edit,
            self.badge_edit,
        ):
            label = QLabel(self.registration_box)
            label.setBuddy(widget)
            self.registration_labels.append(label)
            registration_form.addRow(label, widget)

        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 4, 0)
        body_layout.addLayout(self.person_form)
        body_layout.addWidget(self.registration_box)
        body_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.warning)
        layout.addWidget(self.hint)
        layout.addWidget(scroll, 1)
        self.scroll_area = scroll

        self.saver = Autosaver(self, self._save_person_fields)
        for name, edit in (
            ("given_names", self.given_edit),
            ("surnames", self.surnames_edit),
            ("phone", self.phone_edit),
            ("email", self.email_edit),
            ("id_card", self.card_edit),
        ):
            self.saver.bind_line(name, edit)
        self.saver.bind_combo("gender", self.gender_combo)
        self.saver.bind_combo("age_group", self.age_combo)
        self.saver.bind_check("consent_photos", self.photos_check)
        self.saver.bind_check("consent_contact", self.contact_check)
        self.registration_saver = Autosaver(self, self._save_registration_fields)
        self.registration_saver.bind_check("registered", self.registered_check)
        self.registration_saver.bind_combo("role", self.role_combo)
        for name, edit in (
            ("delegation", self.delegation_edit),
            ("municipality", self.municipality_edit),
            ("country", self.country_edit),
            ("badge_code", self.badge_edit),
        ):
            self.registration_saver.bind_line(name, edit)
        self.organisation_combo.activated.connect(lambda _i: self._organisation_edited())
        line_edit_of(self.organisation_combo).editingFinished.connect(self._organisation_edited)
        self.registered_check.toggled.connect(self._update_registration_fields)
        self.retranslate_ui()
        self.show_nobody()

    # --- what is shown -----------------------------------------------------------------------

    def set_organisations(self, organisations: Sequence[tuple[str, str]]) -> None:
        self.organisations = sorted(organisations, key=lambda o: fold(o[1]))
        combo = self.organisation_combo
        typed = combo.currentText()
        combo.blockSignals(True)
        try:
            combo.clear()
            combo.addItem("", None)
            for organisation_id, name in self.organisations:
                combo.addItem(name, organisation_id)
            combo.setCurrentText(typed)
        finally:
            combo.blockSignals(False)

    def show_nobody(self) -> None:
        self.saver.flush()
        self.registration_saver.flush()
        self.person_id = None
        self.draft = False
        self.warning.hide()
        self.heading.setText("")
        self.scroll_area.hide()
        self.hint.show()

    def show_person(self, row: Any) -> None:
        """Show a stored person (a `PersonRow`)."""
        if row.id != self.person_id or self.draft:
            self.saver.flush()
            self.registration_saver.flush()
        self.person_id = row.id
        self.draft = False
        self.warning.hide()
        self.hint.hide()
        self.scroll_area.show()
        self.heading.setText(row.full_name or _("Unnamed person"))
        self.saver.load({name: getattr(row, name) for name in PERSON_FIELDS})
        self._load_registration(row)
        self._show_organisation(row.organisation_id)

    def new_person(self) -> None:
        """An empty draft; it is saved once it has a name and does not look like anyone."""
        self.saver.flush()
        self.registration_saver.flush()
        self.person_id = None
        self.draft = True
        self.confirmed_new = False
        self.warning.hide()
        self.hint.hide()
        self.scroll_area.show()
        self.heading.setText(_("New person"))
        empty: dict[str, Any] = dict.fromkeys(PERSON_FIELDS)
        empty.update(gender=Gender.NOT_STATED, consent_photos=False, consent_contact=False)
        for name in ("given_names", "surnames", "phone", "email", "id_card"):
            empty[name] = ""
        self.saver.load(empty)
        self.registration_saver.load(
            {
                "registered": self.event_id is not None,
                "role": Role.PARTICIPANT,
                "delegation": "",
                "municipality": "",
                "country": "",
                "badge_code": "",
            }
        )
        self._update_registration_fields()
        self._show_organisation(None)
        self.given_edit.setFocus()

    def _load_registration(self, row: Any) -> None:
        self.registration_saver.load(
            {
                "registered": row.registered,
                "role": row.role or Role.PARTICIPANT,
                "delegation": row.delegation,
                "municipality": row.municipality,
                "country": row.country,
                "badge_code": row.badge_code,
            }
        )
        self._update_registration_fields()

    def _show_organisation(self, organisation_id: str | None) -> None:
        combo = self.organisation_combo
        if line_edit_of(combo).hasFocus():
            return
        combo.blockSignals(True)
        try:
            combo.setCurrentIndex(max(0, combo.findData(organisation_id)))
            line_edit_of(combo).setCursorPosition(0)  # the start of a long name, not its end
        finally:
            combo.blockSignals(False)

    def _update_registration_fields(self) -> None:
        has_event = self.event_id is not None
        self.registration_box.setEnabled(has_event)
        on = has_event and self.registered_check.isChecked()
        for widget in (
            self.role_combo,
            self.delegation_edit,
            self.municipality_edit,
            self.country_edit,
            self.badge_edit,
        ):
            widget.setEnabled(on)

    def show_suspects(self, suspects: Sequence[Suspect[Any]]) -> None:
        """Say who the draft looks like, and hold its save until the user chooses."""
        self.warning.show_suspects(suspects)
        self.saver.hold("given_names", "surnames")

    # --- saving ------------------------------------------------------------------------------

    def draft_values(self) -> tuple[dict[str, Any], dict[str, Any]]:
        person = {
            "given_names": self.given_edit.text().strip(),
            "surnames": self.surnames_edit.text().strip(),
            "gender": self.gender_combo.currentData(),
            "age_group": self.age_combo.currentData(),
            "phone": self.phone_edit.text().strip(),
            "email": self.email_edit.text().strip(),
            "id_card": self.card_edit.text().strip(),
            "consent_photos": self.photos_check.isChecked(),
            "consent_contact": self.contact_check.isChecked(),
            "organisation": self.organisation_combo.currentText().strip(),
        }
        registration = {
            "registered": self.registered_check.isChecked() and self.event_id is not None,
            "role": self.role_combo.currentData(),
            "delegation": self.delegation_edit.text().strip(),
            "municipality": self.municipality_edit.text().strip(),
            "country": self.country_edit.text().strip(),
            "badge_code": self.badge_edit.text().strip(),
        }
        return person, registration

    def _save_draft_now(self) -> None:
        person, registration = self.draft_values()
        final = self.saver.final or self.registration_saver.final
        self.save_draft(person, registration, final or self.confirmed_new)

    def _save_person_fields(self, values: dict[str, Any]) -> None:
        if self.draft:
            names_only = set(values) <= {"given_names", "surnames"}
            both = self.given_edit.text().strip() and self.surnames_edit.text().strip()
            if names_only and not both and not self.saver.final:
                return  # wait for the other name before filing (and checking) the person
            self._save_draft_now()
        elif self.person_id is not None:
            self.save_person(values)

    def _save_registration_fields(self, values: dict[str, Any]) -> None:
        if self.draft:
            self._save_draft_now()
        elif self.person_id is not None:
            self.save_registration(values)

    def _organisation_edited(self) -> None:
        if self.draft:
            self._save_draft_now()
        elif self.person_id is not None:
            self.set_organisation(self.organisation_combo.currentText().strip())

    def retranslate_ui(self) -> None:
        texts = [
            _("&Given names"),
            _("&Surnames"),
            _("G&ender"),
            _("&Age group"),
            _("&Phone"),
            _("E&mail"),
            _("&ID card"),
            _("&Organisation"),
        ]
        for label, text in zip(self.person_labels, texts, strict=True):
            label.setText(text)
        self.surnames_edit.setPlaceholderText(_("Both surnames, e.g. Quispe Mamani"))
        self.consent_label.setText(_("Consent"))
        self.photos_check.setText(_("to appear in photos"))
        self.contact_check.setText(_("to be contacted after the event"))
        self.registration_box.setTitle(_("At this event"))
        self.registered_check.setText(_("&Registered at this event"))
        for label, text in zip(
            self.registration_labels,
            [_("Ro&le"), _("&Delegation"), _("M&unicipality"), _("Coun&try"), _("&Badge code")],
            strict=True,
        ):
            label.setText(text)
        self.hint.setText(_("Select a person in the table, or add one with New person."))
        namings: list[tuple[QComboBox, Callable[[Any], str]]] = [
            (self.gender_combo, gender_label),
            (self.age_combo, age_group_label),
            (self.role_combo, role_label),
        ]
        for combo, naming in namings:
            for index in range(combo.count()):
                value = combo.itemData(index)
                if value is not None:
                    combo.setItemText(index, naming(value))
        self.warning.retranslate_ui()


def _narrow(combo: QComboBox) -> None:
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
