"""The workspace's events as a table model, and the proxy that sorts and filters them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from fieldkit.core.model import EventSummary
from fieldkit.core.text import fold, search_key
from fieldkit.gui.widgets.table_model import AnyIndex, Column, RoleHandler, TableModel
from fieldkit.i18n import _, current_locale, format_date, format_date_range


def event_dates_text(start: Any, end: Any, language: str) -> str:
    """The dates of an event as the reader says them; empty when none is set yet."""
    if start is None and end is None:
        return ""
    if start is None or end is None or start == end:
        return format_date(start or end, language)
    return format_date_range(start, end, language)


class EventListModel(TableModel):
    """One row per event: title, code, dates. Fed with `EventSummary` values from the facade.

    A programme's workspace holds thousands of events: the model sorts its own list (the proxy
    only filters), keeps each row's search key, and formats a row's dates once, when it is shown.
    """

    COL_TITLE = 0
    COL_CODE = 1
    COL_DATES = 2
    COLUMN_COUNT = 3
    COLUMNS = (
        Column(lambda: _("Title"), "title"),
        Column(lambda: _("Code"), "code"),
        Column(lambda: _("Dates")),
    )

    EventIdRole = Qt.ItemDataRole.UserRole + 1  # the event's id
    SortRole = Qt.ItemDataRole.UserRole + 2  # a value that sorts as a person expects
    SearchRole = Qt.ItemDataRole.UserRole + 3  # folded words the filter matches
    ArchivedRole = Qt.ItemDataRole.UserRole + 4  # True for an archived event

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._events: list[EventSummary] = []
        self._keys: list[str] | None = None
        self._dates: dict[str, str] = {}  # event id -> dates as shown, in the current language
        self._positions: dict[str, int] | None = None
        self._sort: tuple[int, Qt.SortOrder] = (self.COL_DATES, Qt.SortOrder.DescendingOrder)
        self._archived_font = QFont()
        self._archived_font.setItalic(True)
        self._archived_brush = QBrush(QColor("#777777"))

    def retranslate_ui(self) -> None:
        self.retranslate_headers()
        self._dates.clear()
        if self._events:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._events) - 1, self.COLUMN_COUNT - 1)
            )

    # --- feeding -----------------------------------------------------------------------------

    def set_events(self, events: Sequence[EventSummary]) -> None:
        self.beginResetModel()
        self._events = list(events)
        self._dates.clear()
        self._order()
        self.endResetModel()

    def event_at(self, row: int) -> EventSummary:
        return self._events[row]

    def row_of(self, event_id: str) -> int:
        """The row of an event, or -1."""
        if self._positions is None:
            self._positions = {event.id: row for row, event in enumerate(self._events)}
        return self._positions.get(event_id, -1)

    # --- sorting (on the list itself) --------------------------------------------------------

    @classmethod
    def sort_key(cls, event: EventSummary, column: int) -> str:
        if column == cls.COL_TITLE:
            return fold(event.title)
        if column == cls.COL_CODE:
            return fold(event.code)
        # Undated events sort before every dated one; same dates, by title (case ignored).
        start = event.start_date.isoformat() if event.start_date else ""
        end = event.end_date.isoformat() if event.end_date else ""
        return f"{start}/{end}/{event.title.casefold()}"

    def _order(self) -> None:
        column, order = self._sort
        self._events.sort(
            key=lambda e: (self.sort_key(e, column), e.id),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self._keys = None  # made when the filter first needs them
        self._positions = None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < self.COLUMN_COUNT:
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [
            self._events[i.row()].id if 0 <= i.row() < len(self._events) else "" for i in persistent
        ]
        self._sort = (column, order)
        self._order()
        self.changePersistentIndexList(
            persistent,
            [
                self.index(self.row_of(event_id), old.column())
                if self.row_of(event_id) >= 0
                else QModelIndex()
                for event_id, old in zip(ids, persistent, strict=True)
            ],
        )
        self.layoutChanged.emit()

    def search_key_of(self, row: int) -> str:
        if self._keys is None:
            self._keys = [" " + search_key(e.title, e.code) for e in self._events]
        return self._keys[row]

    def _dates_text(self, event: EventSummary) -> str:
        text = self._dates.get(event.id)
        if text is None:
            text = event_dates_text(event.start_date, event.end_date, current_locale())
            self._dates[event.id] = text
        return text

    # --- Qt model interface --------------------------------------------------------------------

    def row_count(self) -> int:
        return len(self._events)

    def role_handlers(self) -> Mapping[int, RoleHandler]:
        return {
            Qt.ItemDataRole.DisplayRole: self._display,
            Qt.ItemDataRole.ToolTipRole: self._tooltip,
            Qt.ItemDataRole.FontRole: lambda row, _column: (
                self._archived_font if self._events[row].archived else None
            ),
            Qt.ItemDataRole.ForegroundRole: lambda row, _column: (
                self._archived_brush if self._events[row].archived else None
            ),
            self.EventIdRole: lambda row, _column: self._events[row].id,
            self.ArchivedRole: lambda row, _column: self._events[row].archived,
            self.SearchRole: lambda row, _column: self.search_key_of(row),
            self.SortRole: lambda row, column: self.sort_key(self._events[row], column),
        }

    def _display(self, row: int, column: int) -> str | None:
        event = self._events[row]
        if column == self.COL_TITLE:
            if event.archived:
                return _("{title} (archived)").format(title=event.title)
            return event.title
        if column == self.COL_CODE:
            return event.code
        if column == self.COL_DATES:
            return self._dates_text(event)
        return None

    def _tooltip(self, row: int, column: int) -> str:
        event = self._events[row]
        if column == self.COL_TITLE and event.code:
            return _("{title} ({code})").format(title=event.title, code=event.code)
        if column == self.COL_TITLE:
            return event.title
        if column == self.COL_DATES:
            return self._dates_text(event)
        return event.code


class EventFilterProxyModel(QSortFilterProxyModel):
    """Sorts on `SortRole` and keeps the events whose title or code has every typed word.

    Matching ignores case and accents and works on word starts, like the people search:
    "peru bol" finds "Encuentro binacional Perú–Bolivia".
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._show_archived = False

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

    def set_show_archived(self, show: bool) -> None:
        if show == self._show_archived:
            return
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            self._show_archived = show
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._show_archived = show
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, EventListModel)
        if not self._show_archived and model.event_at(source_row).archived:
            return False
        if not self._words:
            return True
        haystack = model.search_key_of(source_row)
        return all(f" {word}" in haystack for word in self._words)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The source model sorts its own list; the proxy keeps its order."""
        model = self.sourceModel()
        if isinstance(model, EventListModel):
            model.sort(column, order)
