"""Split the people present into N working groups, delegations mixed or kept together."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.grouping import Delegations
from fieldkit.i18n import _, ngettext


class SplitDialog(QDialog):
    """Opened with `open()`; read `count()` and `how()` once accepted."""

    def __init__(
        self, people: int, source: str, groups: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.people = people
        self.source = source  # "present" or "registered": who will be split
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.count_spin = QSpinBox(self)
        self.count_spin.setRange(1, max(1, min(50, people)))
        self.count_spin.setValue(max(1, min(groups or 4, max(1, people))))
        self.count_label = QLabel(self)
        self.count_label.setBuddy(self.count_spin)
        self.mixed_radio = QRadioButton(self)
        self.together_radio = QRadioButton(self)
        self.mixed_radio.setChecked(True)
        self.how_group = QButtonGroup(self)
        self.how_group.addButton(self.mixed_radio)
        self.how_group.addButton(self.together_radio)
        self.sizes_label = QLabel(self)
        self.sizes_label.setWordWrap(True)
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        form = QFormLayout()
        form.addRow(self.count_label, self.count_spin)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(self.mixed_radio)
        layout.addWidget(self.together_radio)
        layout.addWidget(self.sizes_label)
        layout.addWidget(self.warning)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.count_spin.valueChanged.connect(self._update_sizes)
        self.setMinimumWidth(440)
        self.retranslate_ui()

    def count(self) -> int:
        return self.count_spin.value()

    def how(self) -> Delegations:
        return Delegations.TOGETHER if self.together_radio.isChecked() else Delegations.MIXED

    def _update_sizes(self) -> None:
        count = self.count()
        small, extra = divmod(self.people, count)
        if extra == 0:
            text = ngettext(
                "Each group gets {size} person.", "Each group gets {size} people.", small
            ).format(size=small)
        else:
            text = _("Groups of {small} or {large} people.").format(small=small, large=small + 1)
        self.sizes_label.setText(text)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Split into working groups"))
        if self.source == "present":
            text = ngettext(
                "{count} person is present this day.",
                "{count} people are present this day.",
                self.people,
            )
        else:
            text = ngettext(
                "Nobody is checked in this day yet: the {count} registered person will be split.",
                "Nobody is checked in this day yet: the {count} registered people will be split.",
                self.people,
            )
        self.summary.setText(text.format(count=self.people))
        self.count_label.setText(_("&Number of groups"))
        self.mixed_radio.setText(_("&Mix the delegations (people from one place meet others)"))
        self.together_radio.setText(_("Keep each delegation &together in one group"))
        self.warning.setText(
            _("The current members of this session's groups are replaced; notes are kept.")
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Split"))
        self._update_sizes()
