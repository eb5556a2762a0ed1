"""A searchable list of the people registered at an event, each with a box to tick.

Typing a few letters (accents and case ignored) narrows the list; what is ticked stays ticked
while the list is narrowed, and `chosen()` gives the ticked people in the order of the list
(the sign-in sheet's). Space ticks the current person, as in any list of boxes.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from fieldkit.core.listing import PersonRow
from fieldkit.core.text import fold
from fieldkit.i18n import _, ngettext

ID_ROLE = Qt.ItemDataRole.UserRole + 1
FOLDED_ROLE = Qt.ItemDataRole.UserRole + 2


class _Filter(QSortFilterProxyModel):
    """Rows whose folded text holds every folded word typed."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.words: list[str] = []

    def set_query(self, text: str) -> None:
        words = fold(text).split()
        if words == self.words:
            return
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            self.words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.words = words
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self.words:
            return True
        folded = str(self.sourceModel().index(row, 0, parent).data(FOLDED_ROLE) or "")
        return all(word in folded for word in self.words)


class PeoplePicker(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = QStandardItemModel(self)
        self.proxy = _Filter(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit(self)
        self.search.setObjectName("peopleSearch")
        self.search.setClearButtonEnabled(True)
        self.list = QListView(self)
        self.list.setObjectName("peopleList")
        self.list.setModel(self.proxy)
        self.list.setUniformItemSizes(True)
        self.count = QLabel(self)
        self.count.setObjectName("peopleCount")
        self.clear_link = QLabel(self)
        self.clear_link.setTextFormat(Qt.TextFormat.RichText)
        self.clear_link.linkActivated.connect(lambda _link: self.set_chosen(()))
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.clear_link)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addLayout(bottom)
        self.search.textChanged.connect(self.proxy.set_query)
        self.model.itemChanged.connect(lambda _item: self._ticked())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(_("Find a person: a few letters of the name"))
        self.search.setAccessibleName(_("Find a person"))
        self.list.setAccessibleName(_("People registered at the event"))
        untick = html.escape(_("Untick all"))
        self.clear_link.setText(f'<a href="clear">{untick}</a>')
        self._show_count()

    def set_people(self, people: Sequence[PersonRow]) -> None:
        """The people to choose from, in this order; those ticked before stay ticked."""
        kept = set(self.chosen())
        self.model.blockSignals(True)
        self.model.clear()
        for person in people:
            name = f"{person.surnames}, {person.given_names}".strip(", ")
            details = " · ".join(
                part for part in (person.organisation, person.delegation, person.badge_code) if part
            )
            item = QStandardItem(f"{name} — {details}" if details else name)
            item.setEditable(False)
            item.setCheckable(True)
            item.setCheckState(
                Qt.CheckState.Checked if person.id in kept else Qt.CheckState.Unchecked
            )
            item.setData(person.id, ID_ROLE)
            item.setData(fold(f"{name} {details}"), FOLDED_ROLE)
            self.model.appendRow(item)
        self.model.blockSignals(False)
        self.proxy.invalidate()
        self._ticked()

    def chosen(self) -> list[str]:
        """The ids of the people ticked, in the order of the list."""
        return [
            str(item.data(ID_ROLE))
            for row in range(self.model.rowCount())
            if (item := self.model.item(row)).checkState() == Qt.CheckState.Checked
        ]

    def set_chosen(self, ids: Sequence[str]) -> None:
        wanted = set(ids)
        self.model.blockSignals(True)
        for row in range(self.model.rowCount()):
            item = self.model.item(row)
            ticked = str(item.data(ID_ROLE)) in wanted
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.model.blockSignals(False)
        self.list.viewport().update()
        self._ticked()

    def _ticked(self) -> None:
        self._show_count()
        self.changed.emit()

    def _show_count(self) -> None:
        count = len(self.chosen())
        self.count.setText(
            ngettext("{count} person ticked", "{count} people ticked", count).format(count=count)
        )
        self.clear_link.setVisible(count > 0)
