"""A plain-text section of the notes that keeps simple lists going.

Only plain text: the minutes print it as it is, so there is no formatting the PDF could not show.
A line that starts with "- " (or "* ", "• ", "1. ") is continued on Enter; Enter on an empty item
ends the list. Undo and redo are QPlainTextEdit's own (Ctrl+Z, Ctrl+Shift+Z / Ctrl+Y).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

_ITEM = re.compile(r"^(\s*)([-*•]|\d+[.)])(\s+)(.*)$")


def next_bullet(line: str) -> str | None:
    """What Enter at the end of `line` starts: the next item's marker, "" to end the list, or
    None when the line is no list item."""
    match = _ITEM.match(line)
    if match is None:
        return None
    indent, marker, space, rest = match.groups()
    if not rest.strip():
        return ""
    if marker[0].isdigit():
        marker = f"{int(marker[:-1]) + 1}{marker[-1]}"
    return f"{indent}{marker}{space}"


class ListTextEdit(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab goes to the next section, as in a form
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            cursor = self.textCursor()
            block = cursor.block().text()
            at_end = cursor.positionInBlock() == len(block) and not cursor.hasSelection()
            follow = next_bullet(block) if at_end else None
            if follow == "":
                # Enter on an empty item: the list ends, the marker goes.
                cursor.beginEditBlock()
                cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
                cursor.movePosition(
                    QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
                )
                cursor.removeSelectedText()
                cursor.endEditBlock()
                return
            if follow:
                cursor.insertText("\n" + follow)
                self.ensureCursorVisible()
                return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        # Pasted from a word processor: only its text comes in.
        if source.hasText():
            self.insertPlainText(source.text())
        else:
            super().insertFromMimeData(source)
