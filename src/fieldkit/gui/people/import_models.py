"""The tables of the people import dialog: the mapping of the file's columns, and the preview.

Both are fed a plan (`fieldkit.io.people_import.ImportPlan`) and only show it; what the user
changes (a column's field, a decision about a suggestion) is handed back to the dialog, which
plans again in the background.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from fieldkit.core.model import Person
from fieldkit.gui.widgets.table_model import Column, RoleHandler, TableModel
from fieldkit.i18n import _, current_locale, format_number
from fieldkit.io.people_fields import Field
from fieldkit.io.people_import import ImportPlan, Outcome, RowResult

_Index = QModelIndex | QPersistentModelIndex
ChoicesRole = Qt.ItemDataRole.UserRole + 1  # [(label, value)] for the ChoiceDelegate
ValueRole = Qt.ItemDataRole.UserRole + 2
OutcomeRole = Qt.ItemDataRole.UserRole + 3

# A decision about a suggested row: not made yet, someone new, or a person's id.
UNDECIDED = "?"
NEW_PERSON = ""


def field_label(field: Field | None) -> str:
    """What a field is called in the mapping's choices."""
    labels: dict[Field, Callable[[], str]] = {
        Field.GIVEN_NAMES: lambda: _("Given names"),
        Field.SURNAMES: lambda: _("Surnames"),
        Field.FIRST_SURNAME: lambda: _("First surname"),
        Field.SECOND_SURNAME: lambda: _("Second surname"),
        Field.FULL_NAME: lambda: _("Full name, given names first"),
        Field.FULL_NAME_SURNAMES_FIRST: lambda: _("Full name, surnames first"),
        Field.GENDER: lambda: _("Gender"),
        Field.AGE: lambda: _("Age or age group"),
        Field.ORGANISATION: lambda: _("Organisation"),
        Field.ROLE: lambda: _("Role"),
        Field.DELEGATION: lambda: _("Delegation"),
        Field.MUNICIPALITY: lambda: _("Municipality"),
        Field.COUNTRY: lambda: _("Country"),
        Field.PHONE: lambda: _("Phone"),
        Field.EMAIL: lambda: _("E-mail"),
        Field.ID_CARD: lambda: _("ID card"),
        Field.IGNORE: lambda: _("Left out"),
    }
    return labels[field or Field.IGNORE]()


def outcome_label(outcome: Outcome) -> str:
    return {
        Outcome.NEW: _("New"),
        Outcome.MATCHED: _("Matched"),
        Outcome.SUGGESTED: _("Suggestion"),
        Outcome.REJECTED: _("Rejected"),
    }[outcome]


OUTCOME_COLOURS = {
    Outcome.NEW: QColor("#dff0d8"),
    Outcome.MATCHED: QColor("#d9e8f6"),
    Outcome.SUGGESTED: QColor("#fcefc7"),
    Outcome.REJECTED: QColor("#f6d5d5"),
}


class MappingModel(TableModel):
    """One row per column of the file: its header, a few of its values, and its field."""

    COL_HEADER, COL_FIELD, COL_SAMPLES = range(3)
    COLUMNS = (
        Column(lambda: _("Column of the file")),
        Column(lambda: _("Imported as")),
        Column(lambda: _("First values")),
    )

    def __init__(self, on_change: Callable[[str, Field], object], parent: QObject | None = None):
        super().__init__(parent)
        self._on_change = on_change
        self.rows: list[tuple[str, str, Field]] = []  # (header, samples, field)

    def set_plan(self, plan: ImportPlan, samples: Mapping[int, Sequence[str]]) -> None:
        self.beginResetModel()
        self.rows = [
            (c.header, " · ".join(samples.get(c.index, ())), c.field or Field.IGNORE)
            for c in plan.columns
            if c.header
        ]
        self.endResetModel()

    def row_count(self) -> int:
        return len(self.rows)

    def role_handlers(self) -> Mapping[int, RoleHandler]:
        return {
            Qt.ItemDataRole.DisplayRole: self._display,
            Qt.ItemDataRole.ToolTipRole: self._display,
            ChoicesRole: self._choices,
            ValueRole: lambda row, _column: self.rows[row][2].value,
        }

    def _display(self, row: int, column: int) -> str:
        header, samples, field = self.rows[row]
        return (header, field_label(field), samples)[column]

    def _choices(self, _row: int, column: int) -> list[tuple[str, str]] | None:
        if column != self.COL_FIELD:
            return None
        return [(field_label(field), field.value) for field in Field]

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() == self.COL_FIELD:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != self.COL_FIELD:
            return False
        header, samples, current = self.rows[index.row()]
        field = Field(value)
        if field is current:
            return False
        self.rows[index.row()] = (header, samples, field)
        self.dataChanged.emit(index, index)
        self._on_change(header, field)
        return True


class PreviewModel(TableModel):
    """The rows of the file as the import will treat them, and the user's decisions."""

    COL_ROW, COL_NAME, COL_ORGANISATION, COL_OUTCOME, COL_REASON, COL_DECISION = range(6)
    COLUMNS = (
        Column(lambda: _("Row")),
        Column(lambda: _("Name")),
        Column(lambda: _("Organisation")),
        Column(lambda: _("Outcome")),
        Column(lambda: _("Reason")),
        Column(lambda: _("Same person?")),
    )

    def __init__(self, on_decision: Callable[[int, str], object], parent: QObject | None = None):
        super().__init__(parent)
        self._on_decision = on_decision
        self.rows: list[RowResult] = []
        self.organisations: dict[str, str] = {}
        self.decisions: dict[int, str] = {}  # row number: NEW_PERSON or a person id
        # The suggestions each row had before a decision turned it into new or matched.
        self.suggested: dict[int, tuple[Person, ...]] = {}
        self._brushes = {outcome: QBrush(colour) for outcome, colour in OUTCOME_COLOURS.items()}

    def set_plan(self, plan: ImportPlan, organisations: Mapping[str, str]) -> None:
        self.beginResetModel()
        self.rows = plan.rows
        self.organisations = dict(organisations)
        for result in plan.rows:
            if result.outcome is Outcome.SUGGESTED:
                self.suggested[result.row] = result.suggestions
        self.endResetModel()

    def clear_decisions(self) -> None:
        self.decisions.clear()
        self.suggested.clear()

    def row_count(self) -> int:
        return len(self.rows)

    def role_handlers(self) -> Mapping[int, RoleHandler]:
        return {
            Qt.ItemDataRole.DisplayRole: self._display,
            Qt.ItemDataRole.ToolTipRole: self._tooltip,
            Qt.ItemDataRole.BackgroundRole: self._background,
            Qt.ItemDataRole.ForegroundRole: self._foreground,
            Qt.ItemDataRole.TextAlignmentRole: self._alignment,
            ChoicesRole: self._choices,
            ValueRole: lambda row, _column: self._decision(self.rows[row].row),
            OutcomeRole: lambda row, _column: self.rows[row].outcome,
        }

    def _decision(self, number: int) -> str:
        return self.decisions.get(number, UNDECIDED)

    def _display(self, row: int, column: int) -> str:
        result = self.rows[row]
        person = result.person
        if column == self.COL_ROW:
            return format_number(result.row, current_locale())
        if column == self.COL_NAME:
            return person.full_name if person else ""
        if column == self.COL_ORGANISATION:
            org = person.organisation_id if person else None
            return self.organisations.get(org, "") if org else ""
        if column == self.COL_OUTCOME:
            return outcome_label(result.outcome)
        if column == self.COL_REASON:
            return " ".join([result.reason, *result.notes]).strip()
        choices = self._choices(row, column) or []
        current = self._decision(result.row)
        return next((label for label, value in choices if value == current), "")

    def _tooltip(self, row: int, column: int) -> str | None:
        if column in (self.COL_REASON, self.COL_NAME, self.COL_ORGANISATION, self.COL_DECISION):
            return self._display(row, column) or None
        return None

    def _background(self, row: int, column: int) -> QBrush | None:
        return self._brushes[self.rows[row].outcome] if column == self.COL_OUTCOME else None

    def _foreground(self, _row: int, column: int) -> QBrush | None:
        # The outcome's pale background stays readable in a dark theme too.
        return QBrush(QColor("#202020")) if column == self.COL_OUTCOME else None

    def _alignment(self, _row: int, column: int) -> int | None:
        if column == self.COL_ROW:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _choices(self, row: int, column: int) -> list[tuple[str, str]] | None:
        if column != self.COL_DECISION:
            return None
        people = self.suggested.get(self.rows[row].row)
        if not people:
            return None
        return [
            (_("Not decided yet"), UNDECIDED),
            *((_("Same person as {name}").format(name=p.full_name), p.id) for p in people),
            (_("A new person"), NEW_PERSON),
        ]

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() == self.COL_DECISION and self._choices(index.row(), index.column()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self._choices(index.row(), index.column()):
            return False
        number = self.rows[index.row()].row
        if value == self._decision(number):
            return False
        if value == UNDECIDED:
            self.decisions.pop(number, None)
        else:
            self.decisions[number] = str(value)
        self.dataChanged.emit(index, index)
        self._on_decision(number, str(value))
        return True

    def same_as(self) -> dict[int, str]:
        return dict(self.decisions)


class OutcomeFilter(QSortFilterProxyModel):
    """The preview's rows of one outcome, or all of them (None)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.outcome: Outcome | None = None

    def set_outcome(self, outcome: Outcome | None) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            self.outcome = outcome
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.outcome = outcome
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if self.outcome is None:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        return bool(index.data(OutcomeRole) == self.outcome)
