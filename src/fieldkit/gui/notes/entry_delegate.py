"""The editor of a decision or an action's "what": a framed line with a hint of what to type.

Qt's own editor in a list or table is a frameless line edit; on a new, empty row it shows nothing
but a caret, and a rapporteur who has just pressed "Add decision" sees a blank row and no editor.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

Index = QModelIndex | QPersistentModelIndex


class EntryDelegate(QStyledItemDelegate):
    def __init__(self, placeholder: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholder = placeholder  # called each time: the words of the current language

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(True)
        editor.setPlaceholderText(self.placeholder())
        return editor

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        # At least as tall as a line edit with its frame, even over a row of one short line.
        rect = option.rect
        height = max(rect.height(), editor.sizeHint().height())
        editor.setGeometry(rect.x(), rect.y(), rect.width(), height)
