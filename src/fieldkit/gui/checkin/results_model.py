"""The people found for what is typed at the door, as a table model."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from fieldkit.core.checkin import CheckinPerson
from fieldkit.core.model import Attendance, AttendanceMode, AttendanceStatus
from fieldkit.i18n import _, current_language, format_time

_Index = QModelIndex | QPersistentModelIndex
PRESENT_COLOUR = QColor("#1b7f3b")
AWAY_COLOUR = QColor("#8a5a00")
MUTED_COLOUR = QColor("#666666")


def status_text(record: Attendance | None, person: CheckinPerson) -> str:
    """'✓ 08:42', '✓ 08:42 virtual', 'left 11:20', 'not registered' or ''."""
    language = current_language()
    if record is None:
        return "" if person.registered else _("not registered")
    at = format_time(record.checked_in_at, language) if record.checked_in_at else ""
    if record.status is AttendanceStatus.LEFT_EARLY:
        left = format_time(record.left_at, language) if record.left_at else ""
        return _("left early {time}").format(time=left).strip()
    if record.mode is AttendanceMode.VIRTUAL:
        return _("✓ {time} virtual").format(time=at)
    return _("✓ {time}").format(time=at)


class ResultsModel(QAbstractTableModel):
    COL_NAME, COL_ORIGIN, COL_BADGE, COL_STATUS = range(4)
    PersonRole = Qt.ItemDataRole.UserRole + 1  # the CheckinPerson of the row
    PersonIdRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, presence: Callable[[str], Attendance | None], parent: Any = None) -> None:
        super().__init__(parent)
        self._presence = presence
        self._people: list[CheckinPerson] = []
        self._status: list[Attendance | None] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_people(self, people: Sequence[CheckinPerson]) -> None:
        self.beginResetModel()
        self._people = list(people)
        self._status = [self._presence(person.id) for person in self._people]
        self.endResetModel()

    def refresh_status(self) -> None:
        """Read everyone's check-in again (after a check-in, an undo or a correction)."""
        self._status = [self._presence(person.id) for person in self._people]
        if self._people:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._people) - 1, self.COL_STATUS)
            )

    def person(self, row: int) -> CheckinPerson | None:
        return self._people[row] if 0 <= row < len(self._people) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._people)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        person = self._people[index.row()]
        record = self._status[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_NAME:
                return person.full_name
            if column == self.COL_ORIGIN:
                return person.origin
            if column == self.COL_BADGE:
                return person.badge_code
            return status_text(record, person)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_STATUS:
            if record is None:
                return QBrush(MUTED_COLOUR)
            if record.status is AttendanceStatus.LEFT_EARLY:
                return QBrush(AWAY_COLOUR)
            return QBrush(PRESENT_COLOUR)
        if role == Qt.ItemDataRole.FontRole and column == self.COL_NAME:
            return self._bold
        if role == self.PersonRole:
            return person
        if role == self.PersonIdRole:
            return person.id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (_("Name"), _("Organisation · delegation"), _("Badge"), _("Checked in"))[section]

    def retranslate_ui(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
        self.refresh_status()


def time_of(value: dt.datetime | None) -> str:
    return format_time(value, current_language()) if value else ""
