"""The workspace's people as a table model, and the proxy that filters them.

The rows are a plain list of `PersonRow` fetched once from the facade (`ws.people_rows`), with a
folded search key per row. Both sorting and filtering are done on that list in Python, in one
pass each, and not by the proxy comparing rows through `data()`: with 50,000 people that is the
difference between a click and a stall. The proxy only asks the model whether a row is kept.

Edits in place go through the `on_edit(row, field, value)` callback given to the model (the page
writes them through the facade); the model never writes anything itself.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
)

from fieldkit.core.ids import registration_id
from fieldkit.core.listing import PersonRow
from fieldkit.core.model import AgeGroup, Gender, Registration, Role
from fieldkit.core.text import fold
from fieldkit.gui.widgets.labels import age_group_label, gender_label, role_label
from fieldkit.gui.widgets.table_model import AnyIndex, Column, RoleHandler, TableModel
from fieldkit.i18n import _

EditCallback = Callable[[PersonRow, str, Any], bool]

# The registration fields: editing one of them registers the person at the event.
REGISTRATION_FIELDS = frozenset(
    {"registered", "role", "delegation", "municipality", "country", "badge_code"}
)


# Names, organisations and delegations repeat a lot among thousands of people: fold each once.
cached_fold = functools.lru_cache(maxsize=65536)(fold)


def without_registration(row: PersonRow) -> PersonRow:
    if not row.registered and row.role is None and not row.delegation:
        return row
    return row._replace(
        registered=False,
        role=None,
        delegation="",
        municipality="",
        country="",
        badge_code="",
    )


def with_registration(row: PersonRow, registration: Registration | None) -> PersonRow:
    if registration is None:
        return row
    return row._replace(
        registered=True,
        role=registration.role,
        delegation=registration.delegation,
        municipality=registration.municipality,
        country=registration.country,
        badge_code=registration.badge_code,
    )


def row_search_key(row: PersonRow) -> str:
    """What the filter field matches: names, organisation, delegation, badge, phone, ID card."""
    parts = (
        row.given_names,
        row.surnames,
        row.organisation,
        row.delegation,
        row.municipality,
        row.badge_code,
        row.phone,
        row.id_card,
    )
    return " " + " ".join(folded for part in parts if part and (folded := cached_fold(part)))


class PeopleTableModel(TableModel):
    COL_SURNAMES = 0
    COL_GIVEN_NAMES = 1
    COL_GENDER = 2
    COL_AGE_GROUP = 3
    COL_ORGANISATION = 4
    COL_PHONE = 5
    COL_REGISTERED = 6
    COL_ROLE = 7
    COL_DELEGATION = 8
    COL_MUNICIPALITY = 9
    COL_COUNTRY = 10
    COL_BADGE = 11
    COLUMN_COUNT = 12

    # The header and the PersonRow field of each column.
    COLUMNS = (
        Column(lambda: _("Surnames"), "surnames"),
        Column(lambda: _("Given names"), "given_names"),
        Column(lambda: _("Gender"), "gender"),
        Column(lambda: _("Age group"), "age_group"),
        Column(lambda: _("Organisation"), "organisation"),
        Column(lambda: _("Phone"), "phone"),
        Column(lambda: _("Registered"), "registered"),
        Column(lambda: _("Role"), "role"),
        Column(lambda: _("Delegation"), "delegation"),
        Column(lambda: _("Municipality"), "municipality"),
        Column(lambda: _("Country"), "country"),
        Column(lambda: _("Badge"), "badge_code"),
    )
    FIELDS = tuple(column.field for column in COLUMNS)
    TEXT_COLUMNS = frozenset({0, 1, 5, 8, 9, 10, 11})
    REGISTRATION_COLUMNS = frozenset({6, 7, 8, 9, 10, 11})
    CHOICE_COLUMNS = frozenset({2, 3, 7})  # edited with a list of values (ChoiceRole)

    PersonIdRole = Qt.ItemDataRole.UserRole + 1
    ChoicesRole = Qt.ItemDataRole.UserRole + 2  # [(label, value)] for a choice column
    ValueRole = Qt.ItemDataRole.UserRole + 3  # the stored value of a cell

    def __init__(self, parent: QObject | None = None, on_edit: EditCallback | None = None) -> None:
        super().__init__(parent)
        self.rows: list[PersonRow] = []
        self.keys: list[str] = []
        self.base: dict[str, PersonRow] = {}  # every person without registration fields
        self._registered: dict[str, Registration] = {}
        self._positions: dict[str, int] | None = None
        self.on_edit = on_edit
        self.event_id: str | None = None
        self._sort: tuple[int, Qt.SortOrder] = (self.COL_SURNAMES, Qt.SortOrder.AscendingOrder)
        self._words: list[str] = []
        self._registered_only = False
        self.accepted: bytearray | None = None  # the filter's mask by row; None keeps all

    def retranslate_ui(self) -> None:
        self.retranslate_headers()

    # --- feeding -----------------------------------------------------------------------------

    def set_people(
        self,
        rows: Sequence[PersonRow],
        event_id: str | None = None,
        registrations: Sequence[Registration] = (),
    ) -> None:
        """Show the workspace's people (rows without registration fields, from
        `ws.people_rows()`) with the registrations of the event on top."""
        self.beginResetModel()
        self.base = {row.id: without_registration(row) for row in rows}
        self.event_id = event_id
        self._registered = {r.person_id: r for r in registrations if r.person_id in self.base}
        self.rows = [
            with_registration(row, self._registered.get(row.id)) for row in self.base.values()
        ]
        self._resort()
        self.endResetModel()

    def set_registrations(
        self, event_id: str | None, registrations: Sequence[Registration]
    ) -> None:
        """Show another event's registrations (or new ones) on the same people."""
        self.beginResetModel()
        self.event_id = event_id
        before = self._registered
        self._registered = {r.person_id: r for r in registrations if r.person_id in self.base}
        touched = set(before) | set(self._registered)
        positions = self.positions()
        for person_id in touched:
            number = positions.get(person_id)
            if number is not None:
                self.rows[number] = with_registration(
                    self.base[person_id], self._registered.get(person_id)
                )
        if self._sort[0] in self.REGISTRATION_COLUMNS:
            self._resort()
        else:
            for person_id in touched:
                number = positions.get(person_id)
                if number is not None:
                    self.keys[number] = row_search_key(self.rows[number])
            self._compute_mask()
        self.endResetModel()

    def _resort(self) -> None:
        column, order = self._sort
        self.rows.sort(key=self._sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder)
        self.keys = [row_search_key(row) for row in self.rows]
        self._positions = None
        self._compute_mask()

    def positions(self) -> dict[str, int]:
        """{person id: row}, made again after each sort."""
        if self._positions is None:
            self._positions = {row.id: number for number, row in enumerate(self.rows)}
        return self._positions

    def row_of(self, person_id: str) -> int:
        return self.positions().get(person_id, -1)

    def person(self, person_id: str) -> PersonRow | None:
        number = self.row_of(person_id)
        return self.rows[number] if number >= 0 else None

    def replace_row(self, row: PersonRow) -> None:
        """Show a person's new values (after an edit) without reloading the whole list."""
        number = self.row_of(row.id)
        if number < 0:
            return
        self.rows[number] = row
        self.base[row.id] = without_registration(row)
        if row.registered and self.event_id:
            self._registered[row.id] = Registration(
                id=registration_id(self.event_id, row.id),
                event_id=self.event_id,
                person_id=row.id,
                role=row.role or Role.PARTICIPANT,
                delegation=row.delegation,
                municipality=row.municipality,
                country=row.country,
                badge_code=row.badge_code,
            )
        else:
            self._registered.pop(row.id, None)
        self.keys[number] = row_search_key(row)
        self.dataChanged.emit(self.index(number, 0), self.index(number, self.COLUMN_COUNT - 1))

    def add_row(self, row: PersonRow) -> None:
        """A person made in this window: shown in its sorted place, whatever the filter."""
        number = self.sorted_position(row)
        self.beginInsertRows(QModelIndex(), number, number)
        self.rows.insert(number, row)
        self.base[row.id] = without_registration(row)
        self.keys.insert(number, row_search_key(row))
        if self.accepted is not None:
            self.accepted.insert(number, 1)
        self._positions = None  # every row after it moved down by one
        self.endInsertRows()

    def sorted_position(self, row: PersonRow) -> int:
        """Where `row` goes in the current sort: after its equals, as a stable sort puts it.

        A binary search that computes the key of the probed rows only (log n of them)."""
        column, order = self._sort
        key = self._sort_key(column)
        wanted = key(row)
        descending = order == Qt.SortOrder.DescendingOrder
        low, high = 0, len(self.rows)
        while low < high:
            middle = (low + high) // 2
            probed = key(self.rows[middle])
            goes_before = wanted > probed if descending else wanted < probed
            if goes_before:
                high = middle
            else:
                low = middle + 1
        return low

    # --- sorting (on the list itself) --------------------------------------------------------

    def _sort_key(self, column: int) -> Callable[[PersonRow], Any]:
        name = self.FIELDS[column]
        if column == self.COL_REGISTERED:
            return lambda r: (not r.registered, cached_fold(r.surnames), cached_fold(r.given_names))
        if column in (self.COL_GENDER, self.COL_AGE_GROUP, self.COL_ROLE):
            labelling: dict[int, Callable[[Any], str]] = {
                self.COL_GENDER: gender_label,
                self.COL_AGE_GROUP: age_group_label,
                self.COL_ROLE: role_label,
            }
            label = labelling[column]
            labels: dict[Any, str] = {}

            def by_label(r: PersonRow) -> tuple[str, str, str]:
                value = getattr(r, name)
                if value not in labels:
                    labels[value] = cached_fold(label(value)) if value is not None else "\uffff"
                return (labels[value], cached_fold(r.surnames), cached_fold(r.given_names))

            return by_label
        if column == self.COL_GIVEN_NAMES:
            return lambda r: (cached_fold(r.given_names) or "\uffff", cached_fold(r.surnames))
        if column == self.COL_SURNAMES:
            return lambda r: (cached_fold(r.surnames) or "\uffff", cached_fold(r.given_names))
        # Empty cells last, whatever the order.
        return lambda r: (
            cached_fold(getattr(r, name)) or "\uffff",
            cached_fold(r.surnames),
            cached_fold(r.given_names),
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < self.COLUMN_COUNT:
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        key = self._sort_key(column)
        rows = self.rows
        permutation = sorted(
            range(len(rows)),
            key=lambda n: key(rows[n]),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self.rows = [rows[n] for n in permutation]
        self.keys = [self.keys[n] for n in permutation]
        self._positions = None
        if self.accepted is not None:
            self.accepted = bytearray(self.accepted[n] for n in permutation)
        persistent = self.persistentIndexList()
        if persistent:
            moved_to = [0] * len(permutation)
            for new, old in enumerate(permutation):
                moved_to[old] = new
            self.changePersistentIndexList(
                persistent,
                [
                    self.index(moved_to[old.row()], old.column())
                    if 0 <= old.row() < len(moved_to)
                    else QModelIndex()
                    for old in persistent
                ],
            )
        self.layoutChanged.emit()

    # --- filtering (for the proxy) -----------------------------------------------------------

    def filter_state(self) -> tuple[list[str], bool]:
        return list(self._words), self._registered_only

    def set_filter(self, words: Sequence[str], registered_only: bool) -> None:
        """Keep the rows that have every word (as a word start); the proxy asks `accepted`."""
        self._words = list(words)
        self._registered_only = registered_only
        self._compute_mask()

    def _compute_mask(self) -> None:
        if not self._words and not self._registered_only:
            self.accepted = None
            return
        needles = [f" {word}" for word in self._words]
        rows = self.rows
        registered_only = self._registered_only
        self.accepted = bytearray(
            1
            if (not registered_only or rows[n].registered)
            and all(needle in key for needle in needles)
            else 0
            for n, key in enumerate(self.keys)
        )

    def visible_count(self) -> int:
        return len(self.rows) if self.accepted is None else self.accepted.count(1)

    # --- Qt model interface --------------------------------------------------------------------

    def row_count(self) -> int:
        return len(self.rows)

    def role_handlers(self) -> Mapping[int, RoleHandler]:
        return {
            Qt.ItemDataRole.DisplayRole: self._display,
            Qt.ItemDataRole.ToolTipRole: self._display,
            Qt.ItemDataRole.EditRole: self._edit_value,
            Qt.ItemDataRole.CheckStateRole: self._check_state,
            self.PersonIdRole: lambda row, _column: self.rows[row].id,
            self.ValueRole: lambda row, column: getattr(self.rows[row], self.FIELDS[column]),
            self.ChoicesRole: lambda _row, column: self.choices(column),
        }

    def _display(self, row: int, column: int) -> str | None:
        return None if column == self.COL_REGISTERED else self._text(self.rows[row], column)

    def _edit_value(self, row: int, column: int) -> Any:
        person = self.rows[row]
        if column in self.TEXT_COLUMNS:
            return self._text(person, column)
        return getattr(person, self.FIELDS[column])

    def _check_state(self, row: int, column: int) -> Qt.CheckState | None:
        if column != self.COL_REGISTERED:
            return None
        return Qt.CheckState.Checked if self.rows[row].registered else Qt.CheckState.Unchecked

    def _text(self, row: PersonRow, column: int) -> str:
        if column == self.COL_GENDER:
            return gender_label(row.gender)
        if column == self.COL_AGE_GROUP:
            return age_group_label(row.age_group)
        if column == self.COL_ROLE:
            return role_label(row.role) if row.registered else ""
        return str(getattr(row, self.FIELDS[column]))

    @classmethod
    def _choice_value(cls, column: int, value: Any) -> Any:
        """A picked value as its enumeration (Qt hands an enumeration back as its text)."""
        if value is None or value == "":
            return None if column == cls.COL_AGE_GROUP else value
        kind = {cls.COL_GENDER: Gender, cls.COL_AGE_GROUP: AgeGroup, cls.COL_ROLE: Role}[column]
        return kind(value)

    @classmethod
    def choices(cls, column: int) -> list[tuple[str, Any]]:
        if column == cls.COL_GENDER:
            return [(gender_label(g), g) for g in Gender]
        if column == cls.COL_AGE_GROUP:
            return [("", None)] + [(age_group_label(a), a) for a in AgeGroup]
        if column == cls.COL_ROLE:
            return [(role_label(r), r) for r in Role]
        return []

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base
        column = index.column()
        if column == self.COL_REGISTERED:
            return base | Qt.ItemFlag.ItemIsUserCheckable if self.event_id else base
        if column == self.COL_ORGANISATION:
            return base
        if self.FIELDS[column] in REGISTRATION_FIELDS and not self.event_id:
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self.on_edit is None:
            return False
        row = self.rows[index.row()]
        column = index.column()
        name = self.FIELDS[column]
        if column == self.COL_REGISTERED and role == Qt.ItemDataRole.CheckStateRole:
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        elif column in self.TEXT_COLUMNS:
            value = str(value).strip()
        elif column in self.CHOICE_COLUMNS:
            value = self._choice_value(column, value)
        if getattr(row, name) == value:
            return False
        if not self.on_edit(row, name, value):
            return False
        changes: dict[str, Any] = {name: value}
        if name in REGISTRATION_FIELDS and name != "registered":
            changes["registered"] = True
            if row.role is None:
                changes.setdefault("role", Role.PARTICIPANT)
        self.replace_row(row._replace(**changes))
        return True


class PeopleFilterProxy(QSortFilterProxyModel):
    """Keeps the rows the source model's filter mask keeps; sorting is the source model's own."""

    def source(self) -> PeopleTableModel:
        model = self.sourceModel()
        assert isinstance(model, PeopleTableModel)
        return model

    def set_filter(self, text: str, registered_only: bool) -> None:
        words = fold(text).split()
        source = self.source()
        if (words, registered_only) == source.filter_state():
            return
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            source.set_filter(words, registered_only)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            source.set_filter(words, registered_only)
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        accepted = self.source().accepted
        return accepted is None or bool(accepted[source_row])

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.source().sort(column, order)

    def person_id(self, proxy_row: int) -> str | None:
        index = self.index(proxy_row, 0)
        return index.data(PeopleTableModel.PersonIdRole) if index.isValid() else None
