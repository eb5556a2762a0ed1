"""The page's keys, and line edits that hand them to the page.

The main window has shortcuts of its own (Ctrl+N a new event, Ctrl+O a workspace, Ctrl+1… the
pages). While the search field or the rows field has the focus, as it does at the door, the page's
keys win: the field claims them (ShortcutOverride) and hands them over with `page_key`. Elsewhere
on the page, only the keys the window does not use are page shortcuts.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit

# Every key of the page (Ctrl+Z is also a line edit's own undo: at the door it undoes check-ins).
PAGE_KEYS = (
    "Ctrl+Z",
    "Ctrl+N",
    "Ins",
    "F6",
    "Ctrl+L",
    "F8",
    "F9",
    "F7",
    "Ctrl+E",
    "Ctrl+M",
    "Ctrl+O",
    "Ctrl+F",
)
# Those the main window uses too: only the fields hand them to the page.
WINDOW_KEYS = ("Ctrl+N", "Ctrl+O")
# Two keys for one action: the first is what the page does.
SAME_AS = {"Ins": "Ctrl+N", "Ctrl+L": "F6"}


def pressed(event: QKeyEvent) -> str:
    return QKeySequence(event.keyCombination()).toString()


class PageKeysLineEdit(QLineEdit):
    """A line edit whose Ctrl+Z, Ctrl+N … go to the page, before the window's shortcuts."""

    page_key = Signal(str)  # the key, as in PAGE_KEYS

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and pressed(event) in PAGE_KEYS
        ):
            event.accept()  # the key press comes here, not to a shortcut
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = pressed(event)
        if key in PAGE_KEYS:
            self.page_key.emit(SAME_AS.get(key, key))
            return
        super().keyPressEvent(event)
