"""Asking before something is removed, without blocking: the question opens with `open()`."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def confirm_removal(
    parent: QWidget, title: str, text: str, action: str, on_confirm: Callable[[], object]
) -> QMessageBox:
    """A question with Cancel (the default) and a destructive `action` button.

    `on_confirm` runs only when that button was chosen. The box is returned open, so a test can
    press one of its buttons.
    """
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, parent
    )
    button = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def done() -> None:
        if box.clickedButton() is button:
            on_confirm()

    box.finished.connect(lambda _result: done())
    box.open()
    return box
