"""The people found for what is typed at the door, as a table model."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from fieldkit.core.checkin import CheckinPerson
from fieldkit.core.model import Attendance, AttendanceMode, AttendanceStatus
from fieldkit.gui.widgets.table_model import Column, RoleHandler, TableModel
from fieldkit.i18n import _, current_locale, format_time

_Index = QModelIndex | QPersistentModelIndex
PRESENT_COLOUR = QColor("#1b7f3b")
AWAY_COLOUR = QColor("#8a5a00")
MUTED_COLOUR = QColor("#666666")


@functools.lru_cache(maxsize=4096)
def _clock(value: dt.datetime, language: str) -> str:
    return format_time(value, language)


def time_of(value: dt.datetime | None) -> str:
    """A time of day in the interface language (remembered: Babel takes a while per call)."""
    return _clock(value, current_locale()) if value else ""


def status_text(record: Attendance | None, person: CheckinPerson) -> str:
    """'✓ 08:42', '✓ 08:42 virtual', 'left early 11:20', 'not registered' or ''."""
    if record is None:
        return "" if person.registered else _("not registered")
    at = time_of(record.checked_in_at)
    if record.status is AttendanceStatus.LEFT_EARLY:
        return _("left early {time}").format(time=time_of(record.left_at)).strip()
    if record.mode is AttendanceMode.VIRTUAL:
        return _("✓ {time} virtual").format(time=at)
    return _("✓ {time}").format(time=at)


class ResultsModel(TableModel):
    """People and their check-in at the chosen day or session.

    The cells are worked out when the rows change, not when they are painted: a repaint asks
    some five hundred questions and each must answer at once.
    """

    COL_NAME, COL_ORIGIN, COL_BADGE, COL_STATUS = range(4)
    COLUMNS = (
        Column(lambda: _("Name")),
        Column(lambda: _("Organisation · delegation")),
        Column(lambda: _("Badge")),
        Column(lambda: _("Checked in")),
    )
    PersonRole = Qt.ItemDataRole.UserRole + 1  # the CheckinPerson of the row
    PersonIdRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, presence: Callable[[str], Attendance | None], parent: Any = None) -> None:
        super().__init__(parent)
        self._presence = presence
        self._people: list[CheckinPerson] = []
        self._cells: dict[int, list[tuple[Any, ...]]] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._brushes = {
            "absent": QBrush(MUTED_COLOUR),
            "left": QBrush(AWAY_COLOUR),
            "present": QBrush(PRESENT_COLOUR),
        }

    def set_people(self, people: Sequence[CheckinPerson]) -> None:
        self.beginResetModel()
        self._people = list(people)
        self._fill()
        self.endResetModel()

    def refresh_status(self) -> None:
        """Read everyone's check-in again (after a check-in, an undo or a correction)."""
        self._fill()
        if self._people:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._people) - 1, self.columnCount() - 1)
            )

    def _fill(self) -> None:
        display: list[tuple[Any, ...]] = []
        foreground: list[tuple[Any, ...]] = []
        for person in self._people:
            record = self._presence(person.id)
            display.append(
                (person.full_name, person.origin, person.badge_code, status_text(record, person))
            )
            if record is None:
                brush = self._brushes["absent"]
            elif record.status is AttendanceStatus.LEFT_EARLY:
                brush = self._brushes["left"]
            else:
                brush = self._brushes["present"]
            foreground.append((None, None, None, brush))
        bold = (self._bold, None, None, None)
        self._cells = {
            Qt.ItemDataRole.DisplayRole: display,
            Qt.ItemDataRole.ForegroundRole: foreground,
            Qt.ItemDataRole.FontRole: [bold] * len(self._people),
        }

    def people(self) -> tuple[CheckinPerson, ...]:
        return tuple(self._people)

    def person(self, row: int) -> CheckinPerson | None:
        return self._people[row] if 0 <= row < len(self._people) else None

    def row_count(self) -> int:
        return len(self._people)

    def role_handlers(self) -> Mapping[int, RoleHandler]:
        def cell(role: int) -> RoleHandler:
            return lambda row, column: self._cells[role][row][column]

        cells = (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.FontRole,
        )
        return {
            **{role: cell(role) for role in cells},
            self.PersonRole: lambda row, _column: self._people[row],
            self.PersonIdRole: lambda row, _column: self._people[row].id,
        }

    def retranslate_ui(self) -> None:
        self.retranslate_headers()
        self.refresh_status()
