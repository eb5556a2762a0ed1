"""The participants of a video-call report as a table: who they are matched to, and present or not.

Each row is one participant of the report. Its choice is a person's id, `NEW` (add them as a new
person), `IGNORE` (not someone to count: the host's recorder, a test) or `NOT_MATCHED`. The
present box follows the threshold (`set_threshold`) until the user ticks it by hand; a person's
time is added up over every row matched to them (`fieldkit.core.virtual_attendance.Matching`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from fieldkit.core.model import Person
from fieldkit.core.virtual_attendance import Flag, Matching, flag_text, matched_by_text
from fieldkit.gui.widgets.table_model import AnyIndex, Column, RoleHandler, TableModel
from fieldkit.i18n import _, current_locale, format_number, pgettext

NOT_MATCHED, NEW, IGNORE = "", "+new", "-ignore"  # choices that are not a person's id
UNMATCHED_COLOUR = QColor("#fff4d6")
MUTED_COLOUR = QColor("#6b7280")


def choice_text(choice: str, people: Mapping[str, Person]) -> str:
    if choice == NEW:
        return _("Add as a new person")
    if choice == IGNORE:
        return _("Ignore")
    person = people.get(choice)
    return person.full_name if person is not None else _("Not matched")


@dataclass
class _Row:
    choice: str
    present: bool


class ParticipantsModel(TableModel):
    COL_NAME, COL_EMAIL, COL_MINUTES, COL_PERSON, COL_PRESENT, COL_NOTES = range(6)
    COLUMNS = (
        Column(lambda: _("Name in the call")),
        Column(lambda: _("E-mail")),
        Column(lambda: pgettext("time spent in a video call", "Minutes")),
        Column(lambda: _("Person")),
        Column(lambda: _("Present")),
        Column(lambda: _("Notes")),
    )
    ChoiceRole = Qt.ItemDataRole.UserRole + 1  # the row's choice (a person id, NEW, IGNORE…)

    def __init__(
        self,
        matching: Matching,
        people: Sequence[Person],
        registered: frozenset[str],
        threshold: float,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.original = matching
        self.matching = matching
        self.people = {person.id: person for person in people}
        self.registered = registered
        self.threshold = threshold
        self.rows = [
            _Row(m.person.id if m.person else NOT_MATCHED, False) for m in matching.matches
        ]
        self._recount()

    # --- what the dialog changes -------------------------------------------------------------

    def set_threshold(self, minutes: float) -> None:
        """Tick the present boxes again from the time of each participant."""
        self.threshold = minutes
        self._recount()
        self._changed_all()

    def set_choice(self, row: int, choice: str) -> None:
        person = self.people.get(choice)
        old = self.rows[row].choice
        self.rows[row].choice = choice
        if person is not None and person == self.original.matches[row].person:
            chosen = self.original.matches[row]  # back to what the matching found, and how
            matches = list(self.matching.matches)
            matches[row] = chosen
            self.matching = Matching(tuple(matches), self.matching.stays)
        else:
            self.matching = self.matching.with_person(
                row, person, registered=person is not None and person.id in self.registered
            )
        # The time of the people concerned changed: this row's, and that of their other rows.
        concerned = {old, choice} & self.people.keys()
        self._recount({n for n, e in enumerate(self.rows) if n == row or e.choice in concerned})
        self._changed_all()

    def set_present(self, row: int, present: bool) -> None:
        self.rows[row].present = present and self.can_be_present(row)
        index = self.index(row, self.COL_PRESENT)
        self.dataChanged.emit(index, index)

    def _recount(self, rows: set[int] | None = None) -> None:
        """Present from the threshold, for some rows or all of them."""
        for number, entry in enumerate(self.rows):
            if rows is None or number in rows:
                entry.present = (
                    self.can_be_present(number) and self.minutes(number) >= self.threshold
                )

    def _changed_all(self) -> None:
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, self.columnCount() - 1)
            )

    # --- reading -----------------------------------------------------------------------------

    def can_be_present(self, row: int) -> bool:
        choice = self.rows[row].choice
        return choice == NEW or choice in self.people

    def minutes(self, row: int) -> float:
        match = self.matching.matches[row]
        if self.rows[row].choice == NEW:
            return match.minutes
        return self.matching.minutes(match)

    def counts(self) -> tuple[int, int, int, int]:
        """(people present, participants matched but not present, not matched, ignored): a
        person who joined from two devices is one person present."""
        people: set[str] = set()
        new = below = unmatched = ignored = 0
        for number, entry in enumerate(self.rows):
            if entry.choice == IGNORE:
                ignored += 1
            elif not self.can_be_present(number):
                unmatched += 1
            elif not entry.present:
                below += 1
            elif entry.choice == NEW:
                new += 1
            else:
                people.add(entry.choice)
        return len(people) + new, below, unmatched, ignored

    def present_rows(self) -> list[int]:
        return [n for n, entry in enumerate(self.rows) if entry.present and self.can_be_present(n)]

    def first_joined(self, row: int) -> dt.datetime | None:
        return self.matching.matches[row].first_joined

    def notes(self, row: int) -> str:
        match = self.matching.matches[row]
        choice = self.rows[row].choice
        notes = []
        if match.matched_by is not None and choice in self.people:
            notes.append(matched_by_text(match.matched_by))
        if choice in self.people and choice not in self.registered:
            notes.append(_("not registered yet"))
        if choice == NOT_MATCHED and match.candidates:
            names = ", ".join(p.full_name for p in match.candidates)
            notes.append(_("could be {names}").format(names=names))
        notes.extend(
            flag_text(flag)
            for flag in match.flags
            if flag is not Flag.NO_EMAIL or choice not in self.people  # matched: no matter
        )
        return "; ".join(notes)

    # --- the Qt model --------------------------------------------------------------------------

    def row_count(self) -> int:
        return len(self.rows)

    def role_handlers(self) -> Mapping[int, RoleHandler]:
        return {
            Qt.ItemDataRole.DisplayRole: self._display,
            Qt.ItemDataRole.EditRole: self._edit,
            Qt.ItemDataRole.CheckStateRole: self._check,
            Qt.ItemDataRole.BackgroundRole: self._background,
            Qt.ItemDataRole.ForegroundRole: self._foreground,
            Qt.ItemDataRole.ToolTipRole: self._tooltip,
            Qt.ItemDataRole.TextAlignmentRole: self._alignment,
            self.ChoiceRole: lambda row, _column: self.rows[row].choice,
        }

    def _display(self, row: int, column: int) -> Any:
        match = self.matching.matches[row]
        if column == self.COL_NAME:
            return match.name
        if column == self.COL_EMAIL:
            return match.email
        if column == self.COL_MINUTES:
            return format_number(round(self.minutes(row)), current_locale())
        if column == self.COL_PERSON:
            return choice_text(self.rows[row].choice, self.people)
        if column == self.COL_NOTES:
            return self.notes(row)
        return None

    def _edit(self, row: int, column: int) -> Any:
        return self.rows[row].choice if column == self.COL_PERSON else None

    def _check(self, row: int, column: int) -> Any:
        if column != self.COL_PRESENT:
            return None
        checked = self.rows[row].present and self.can_be_present(row)
        return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked

    def _background(self, row: int, _column: int) -> Any:
        return QBrush(UNMATCHED_COLOUR) if self.rows[row].choice == NOT_MATCHED else None

    def _foreground(self, row: int, _column: int) -> Any:
        return QBrush(MUTED_COLOUR) if self.rows[row].choice == IGNORE else None

    def _tooltip(self, row: int, column: int) -> Any:
        if column == self.COL_PERSON:
            return _("Double-click or press F2 to choose another person.")
        return self._display(row, column) or None

    def _alignment(self, _row: int, column: int) -> Any:
        if column == self.COL_MINUTES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if not index.isValid():
            return flags
        if index.column() == self.COL_PERSON:
            return flags | Qt.ItemFlag.ItemIsEditable
        if index.column() == self.COL_PRESENT:
            if self.can_be_present(index.row()):
                return flags | Qt.ItemFlag.ItemIsUserCheckable
            return flags & ~Qt.ItemFlag.ItemIsEnabled
        return flags

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        if index.column() == self.COL_PRESENT and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            self.set_present(index.row(), checked)
            return True
        if index.column() == self.COL_PERSON and role == Qt.ItemDataRole.EditRole:
            choice = str(value or "")
            if choice not in (NOT_MATCHED, NEW, IGNORE) and choice not in self.people:
                return False
            self.set_choice(index.row(), choice)
            return True
        return False
