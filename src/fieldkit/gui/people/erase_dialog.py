"""The confirmation of an erasure of personal data: what is erased, what stays, the choice for
the name, and what it means for the other laptops, the undo of imports and the backups.

Opened with `open()` (never blocking); `on_confirm(keep_initials)` runs only when Erase was
pressed. The same dialog confirms one person (People page) and many (the retention review).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.erasure import erased_text, final_text, initials, kept_text
from fieldkit.i18n import _


class EraseDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        question: str,
        on_confirm: Callable[[bool], object],
        *,
        name: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Erase personal data"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(520)
        self._on_confirm = on_confirm
        self.question = QLabel(question, self)
        self.question.setWordWrap(True)
        font = self.question.font()
        font.setBold(True)
        self.question.setFont(font)
        short = " ".join(initials(part) for part in name.split())
        self.initials_radio = QRadioButton(
            _("Keep the name as initials ({initials})").format(initials=short)
            if short
            else _("Keep the names as initials"),
            self,
        )
        self.remove_radio = QRadioButton(_("Remove the name"), self)
        self.initials_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.initials_radio)
        group.addButton(self.remove_radio)
        self.erased_label = QLabel(self)
        self.kept_label = QLabel(kept_text(), self)
        self.final_label = QLabel(final_text(), self)
        for label in (self.erased_label, self.kept_label, self.final_label):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.erase_button: QPushButton = self.buttons.addButton(
            _("Erase"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)
        cancel.setAutoDefault(True)
        self.erase_button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.initials_radio)
        layout.addWidget(self.remove_radio)
        layout.addSpacing(6)
        layout.addWidget(self.erased_label)
        layout.addWidget(self.kept_label)
        layout.addWidget(self.final_label)
        layout.addWidget(self.buttons)
        self.buttons.rejected.connect(self.reject)
        self.erase_button.clicked.connect(self._erase)
        group.buttonToggled.connect(lambda *_a: self._show_choice())
        self._show_choice()

    @property
    def keep_initials(self) -> bool:
        return self.initials_radio.isChecked()

    def _show_choice(self) -> None:
        self.erased_label.setText(erased_text(keep_initials=self.keep_initials))

    def _erase(self) -> None:
        keep = self.keep_initials
        self.accept()
        self._on_confirm(keep)
