"""The base of the window's table models: columns declared once, roles answered by a table.

A model declares its columns as a tuple of `Column` (the header text as a callable, so it is
read again in the current language by `retranslate_headers`) next to its `COL_*` constants, and
answers `data()` through `role_handlers()`: {role: handler(row, column)}. The base does the rest
of the boilerplate every model repeated: rowCount and columnCount of a flat table, headerData,
the check of the index, and a role it does not know answered with None.

The lookup is one dictionary access per call, not a chain of `if role == …`: a table repainted
over 50,000 people asks `data()` hundreds of times per frame.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

AnyIndex = QModelIndex | QPersistentModelIndex
RoleHandler = Callable[[int, int], Any]  # (row, column) -> the value for that role


class Column(NamedTuple):
    header: Callable[[], str]  # the header text in the language of the moment
    field: str = ""  # the attribute of a row the column shows, when there is one


class TableModel(QAbstractTableModel):
    COLUMNS: ClassVar[tuple[Column, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # The COL_* constants and the declared columns must agree, or headers go astray.
        numbers = sorted(v for k, v in vars(cls).items() if k.startswith("COL_"))
        if numbers and numbers != list(range(len(cls.COLUMNS))):
            raise TypeError(f"{cls.__name__}: COL_* constants do not match its COLUMNS")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers: list[str] = []
        self._handlers: Mapping[int, RoleHandler] = {}
        self.retranslate_headers()

    # --- for subclasses ----------------------------------------------------------------------

    def row_count(self) -> int:
        raise NotImplementedError

    def role_handlers(self) -> Mapping[int, RoleHandler]:
        """{role: handler(row, column)}; asked once, the first time `data()` is called."""
        raise NotImplementedError

    def retranslate_headers(self) -> None:
        self._headers = [column.header() for column in self.COLUMNS]
        if self._headers:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._headers) - 1)

    @classmethod
    def fields(cls) -> tuple[str, ...]:
        return tuple(column.field for column in cls.COLUMNS)

    # --- Qt model interface ------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.row_count()

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._handlers:
            self._handlers = self.role_handlers()
        handler = self._handlers.get(role)
        if handler is None or not index.isValid():
            return None
        row = index.row()
        if not 0 <= row < self.row_count():
            return None
        return handler(row, index.column())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None
