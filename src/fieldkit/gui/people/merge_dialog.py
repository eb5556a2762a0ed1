"""Merge two people: both side by side, a choice per field of the value the kept person keeps.

The person on the left is kept; the one on the right is merged into them. What to keep starts
from `default_choices` (the kept person's values, completed where they are empty); the write is
`Workspace.merge_people`, which the page runs.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.model import AgeGroup, Gender, Person
from fieldkit.core.person_merge import MERGE_FIELDS, chosen_values, default_choices
from fieldkit.gui.widgets.labels import age_group_label, gender_label
from fieldkit.i18n import _


def field_label(name: str) -> str:
    labels = {
        "given_names": _("Given names"),
        "surnames": _("Surnames"),
        "gender": _("Gender"),
        "age_group": _("Age group"),
        "phone": _("Phone"),
        "email": _("E-mail"),
        "id_card": _("ID card"),
        "organisation_id": _("Organisation"),
        "consent_photos": _("Agrees to photos"),
        "consent_contact": _("Agrees to be contacted"),
    }
    return labels[name]


class MergeDialog(QDialog):
    """Two people side by side; accepted, `values()` is what the kept person takes."""

    def __init__(
        self,
        keep: Person,
        other: Person,
        organisations: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.keep, self.other = keep, other
        self.organisations = organisations
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(18)
        self.keep_header, self.other_header = QLabel(self), QLabel(self)
        for header in (self.keep_header, self.other_header):
            header.setStyleSheet("font-weight: bold")
        self.grid.addWidget(self.keep_header, 0, 1)
        self.grid.addWidget(self.other_header, 0, 2)
        self.labels: dict[str, QLabel] = {}
        self.radios: dict[str, tuple[QRadioButton, QRadioButton]] = {}
        choices = default_choices(keep, other)
        row = 1
        for name in MERGE_FIELDS:
            mine, theirs = getattr(keep, name), getattr(other, name)
            label = QLabel(self)
            left = QRadioButton(self._text(name, mine), self)
            right = QRadioButton(self._text(name, theirs), self)
            group = QButtonGroup(self)
            group.addButton(left)
            group.addButton(right)
            (right if choices[name] else left).setChecked(True)
            if mine == theirs:  # nothing to choose: shown, not offered
                right.setEnabled(False)
                left.setEnabled(False)
            self.grid.addWidget(label, row, 0)
            self.grid.addWidget(left, row, 1)
            self.grid.addWidget(right, row, 2)
            self.labels[name] = label
            self.radios[name] = (left, right)
            row += 1
        self.swap_button = QPushButton(self)
        self.buttons = QDialogButtonBox(self)
        self.merge_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.swap_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.swap_button.clicked.connect(self._swap)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.grid)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.swapped = False
        self.retranslate_ui()

    def _text(self, name: str, value: Any) -> str:
        if name == "gender":
            return gender_label(Gender(value))
        if name == "age_group":
            return age_group_label(AgeGroup(value) if value else None) or "—"
        if name == "organisation_id":
            return self.organisations.get(value, "") if value else "—"
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        return str(value) if value else "—"

    def _swap(self) -> None:
        """Keep the other one: the values chosen stay; who keeps their record changes."""
        self.swapped = not self.swapped
        self.retranslate_ui()

    def kept_and_merged(self) -> tuple[Person, Person]:
        return (self.other, self.keep) if self.swapped else (self.keep, self.other)

    def values(self) -> dict[str, Any]:
        """The kept person's values that change, from the choice made on each line."""
        kept, merged = self.kept_and_merged()
        take = [
            name
            for name, (left, right) in self.radios.items()
            if (left if self.swapped else right).isChecked()
        ]
        return chosen_values(kept, merged, take)

    def retranslate_ui(self) -> None:
        kept, merged = self.kept_and_merged()
        self.setWindowTitle(_("Merge two people"))
        self.intro.setText(
            _(
                "{merged} will be merged into {kept}: their attendance, registrations and notes "
                "count as {kept}'s. Choose on each line the value to keep. The merge can be "
                "undone."
            ).format(merged=merged.full_name, kept=kept.full_name)
        )
        kept_word, merged_word = _("Kept"), _("Merged into the other")
        self.keep_header.setText(merged_word if self.swapped else kept_word)
        self.other_header.setText(kept_word if self.swapped else merged_word)
        for name, label in self.labels.items():
            label.setText(field_label(name))
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.merge_button.setText(_("Merge"))
        self.swap_button.setText(_("Keep the other one"))
