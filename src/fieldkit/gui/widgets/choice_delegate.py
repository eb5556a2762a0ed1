"""A table cell edited by picking one of a few values (gender, age group, role)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget


class ChoiceDelegate(QStyledItemDelegate):
    """Edits cells whose model gives `choices_role` ([(label, value)]) and `value_role`.

    The choice is written with `setData(index, value)` (the model's own edit role), or, with
    `store_in_items`, as `value_role` plus the label as the display text: the way a
    QTableWidget's items keep it.
    """

    def __init__(
        self,
        choices_role: int,
        value_role: int,
        parent: Any = None,
        *,
        store_in_items: bool = False,
    ) -> None:
        super().__init__(parent)
        self.choices_role = choices_role
        self.value_role = value_role
        self.store_in_items = store_in_items

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        choices = index.data(self.choices_role)
        if not choices:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        for label, value in choices:
            combo.addItem(label, value)
        # A pick is an edit: commit it at once rather than when the cell loses focus.
        combo.activated.connect(lambda _i: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(self.value_role))))
            editor.showPopup()
        else:
            super().setEditorData(editor, index)

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if isinstance(editor, QComboBox) and self.store_in_items:
            model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)
            model.setData(index, editor.currentData(), self.value_role)
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        else:
            super().setModelData(editor, model, index)
