"""The workspace's organisations as a table model, and the proxy that sorts and filters them.

A workspace knows hundreds of organisations, not tens of thousands: the proxy sorts on
`SortRole` as usual. Edits in place go through the `on_edit(organisation, field, value)`
callback; the model never writes anything itself.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QObject,
    QSortFilterProxyModel,
    Qt,
)

from fieldkit.core.model import Organisation
from fieldkit.core.text import fold, search_key
from fieldkit.gui.widgets.table_model import AnyIndex, Column, RoleHandler, TableModel
from fieldkit.i18n import _

EditCallback = Callable[[Organisation, str, Any], bool]


class OrganisationsModel(TableModel):
    COL_NAME = 0
    COL_SHORT_NAME = 1
    COL_COUNTRY = 2
    COL_PARENT = 3
    COL_PEOPLE = 4
    COLUMN_COUNT = 5
    COLUMNS = (
        Column(lambda: _("Name"), "name"),
        Column(lambda: _("Short name"), "short_name"),
        Column(lambda: _("Country"), "country"),
        Column(lambda: _("Part of"), "parent_id"),
        Column(lambda: _("People")),
    )
    FIELDS = tuple(column.field for column in COLUMNS)
    TEXT_COLUMNS = frozenset({0, 1, 2})

    IdRole = Qt.ItemDataRole.UserRole + 1
    SortRole = Qt.ItemDataRole.UserRole + 2
    SearchRole = Qt.ItemDataRole.UserRole + 3
    ChoicesRole = Qt.ItemDataRole.UserRole + 4  # [(label, value)] for the "part of" column
    ValueRole = Qt.ItemDataRole.UserRole + 5

    def __init__(self, parent: QObject | None = None, on_edit: EditCallback | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Organisation] = []
        self.people: Mapping[str, int] = {}
        self.names: dict[str, str] = {}
        self.on_edit = on_edit

    def retranslate_ui(self) -> None:
        self.retranslate_headers()

    def set_organisations(
        self, organisations: Sequence[Organisation], people: Mapping[str, int]
    ) -> None:
        self.beginResetModel()
        self.rows = list(organisations)
        self.people = dict(people)
        self.names = {o.id: o.name for o in self.rows}
        self.endResetModel()

    def row_of(self, organisation_id: str) -> int:
        return next((n for n, o in enumerate(self.rows) if o.id == organisation_id), -1)

    # --- Qt model interface --------------------------------------------------------------------

    def row_count(self) -> int:
        return len(self.rows)

    def _text(self, organisation: Organisation, column: int) -> str:
        if column == self.COL_PARENT:
            return self.names.get(organisation.parent_id or "", "")
        if column == self.COL_PEOPLE:
            return str(self.people.get(organisation.id, 0))
        return str(getattr(organisation, self.FIELDS[column]))

    def role_handlers(self) -> Mapping[int, RoleHandler]:
        def text(row: int, column: int) -> str:
            return self._text(self.rows[row], column)

        return {
            Qt.ItemDataRole.DisplayRole: text,
            Qt.ItemDataRole.ToolTipRole: text,
            Qt.ItemDataRole.EditRole: text,
            Qt.ItemDataRole.TextAlignmentRole: self._alignment,
            self.IdRole: lambda row, _column: self.rows[row].id,
            self.SortRole: self._sort_value,
            self.SearchRole: self._search_key,
            self.ValueRole: lambda row, column: (
                self.rows[row].parent_id if column == self.COL_PARENT else None
            ),
            self.ChoicesRole: self._choices,
        }

    def _alignment(self, _row: int, column: int) -> int | None:
        if column == self.COL_PEOPLE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _sort_value(self, row: int, column: int) -> Any:
        organisation = self.rows[row]
        if column == self.COL_PEOPLE:
            return self.people.get(organisation.id, 0)
        return fold(self._text(organisation, column)) or "\uffff"

    def _search_key(self, row: int, _column: int) -> str:
        organisation = self.rows[row]
        return " " + search_key(organisation.name, organisation.short_name, organisation.country)

    def _choices(self, row: int, column: int) -> list[tuple[str, str | None]] | None:
        if column != self.COL_PARENT:
            return None
        organisation = self.rows[row]
        others = sorted(
            (o for o in self.rows if o.id != organisation.id), key=lambda o: fold(o.name)
        )
        return [("", None)] + [(o.name, o.id) for o in others]

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() != self.COL_PEOPLE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self.on_edit is None:
            return False
        column = index.column()
        if column == self.COL_PEOPLE:
            return False
        organisation = self.rows[index.row()]
        name = self.FIELDS[column]
        if column in self.TEXT_COLUMNS:
            value = str(value).strip()
            if column == self.COL_NAME and not value:
                return False  # an organisation keeps a name
        else:
            value = value or None
        if getattr(organisation, name) == value or not self.on_edit(organisation, name, value):
            return False
        self.rows[index.row()] = dataclasses.replace(organisation, **{name: value})
        self.names[organisation.id] = self.rows[index.row()].name
        self.dataChanged.emit(
            self.index(index.row(), 0), self.index(index.row(), self.COLUMN_COUNT - 1)
        )
        return True


class OrganisationsProxy(QSortFilterProxyModel):
    """Sorts on `SortRole` and keeps the organisations with every typed word (as a word start)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self.setSortRole(OrganisationsModel.SortRole)
        self.setDynamicSortFilter(True)

    def set_filter_text(self, text: str) -> None:
        words = fold(text).split()
        if words == self._words:
            return
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._words = words
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        key = model.data(model.index(source_row, 0, source_parent), OrganisationsModel.SearchRole)
        return all(f" {word}" in key for word in self._words)
