"""Line edits that leave the page's keys to the page."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit

# Keys of the page that a line edit would otherwise keep for itself (Ctrl+Z is its text undo).
PAGE_KEYS = ("Ctrl+Z", "Ctrl+E", "Ctrl+M", "Ctrl+N", "Ctrl+L", "Ctrl+O", "Ctrl+F")


class PageKeysLineEdit(QLineEdit):
    """A line edit whose Ctrl+Z, Ctrl+N … reach the page's shortcuts."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            pressed = QKeySequence(event.keyCombination()).toString()
            if pressed in PAGE_KEYS:
                event.ignore()  # let the page's shortcut have it
                return True
        return super().event(event)
