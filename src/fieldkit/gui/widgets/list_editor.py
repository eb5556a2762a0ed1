"""An ordered list of small records edited in place: an event's objectives, its thematic axes.

Each row is one record; its text columns are edited in the table (saved when the cell editor
closes) and the buttons add, remove and move rows. Every change goes through its page's `write`,
so the other pages hear of it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.ids import new_id
from fieldkit.i18n import _

if TYPE_CHECKING:
    from fieldkit.gui.shell.page import Page


class WrappingTable(QTableWidget):
    """A table whose rows grow to show wrapped text whole, whatever its columns' widths."""

    def __init__(self, rows: int, columns: int, parent: QWidget | None = None) -> None:
        super().__init__(rows, columns, parent)
        self._fit = QTimer(self)
        self._fit.setSingleShot(True)
        self._fit.setInterval(0)
        self._fit.timeout.connect(self.resizeRowsToContents)
        self.horizontalHeader().sectionResized.connect(lambda *_args: self._fit.start())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit.start()


class RecordListEditor(QWidget):
    """Rows of `cls` records of one event, in the order of their `position` field."""

    def __init__(
        self,
        page: Page,
        cls: type[Any],
        columns: Sequence[str],
        headers: Callable[[], Sequence[str]],
        title: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.page = page
        self.cls = cls
        self.columns = list(columns)
        self.headers = headers
        self.title = title
        self.event_id: str | None = None
        self.records: list[Any] = []
        self._filling = False

        self.label = QLabel(self)
        self.table = WrappingTable(0, len(self.columns), self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        if len(self.columns) > 1:
            self.table.horizontalHeader().setSectionResizeMode(
                0, QHeaderView.ResizeMode.Interactive
            )
            self.table.setColumnWidth(0, 200)
        else:
            self.table.horizontalHeader().hide()
        self.table.setMinimumHeight(96)
        self.label.setBuddy(self.table)
        self.add_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        self.up_button = QPushButton(self)
        self.down_button = QPushButton(self)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.table.itemChanged.connect(self._on_item_changed)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        self.up_button.clicked.connect(lambda: self.move_row(-1))
        self.down_button.clicked.connect(lambda: self.move_row(1))
        self.retranslate_ui()

    # --- showing -----------------------------------------------------------------------------

    def set_records(self, event_id: str | None, records: Sequence[Any]) -> None:
        if self.table.state() == QAbstractItemView.State.EditingState and self.event_id == event_id:
            return  # the cell being typed in is saved when its editor closes
        keep = self.current_row()
        self.event_id = event_id
        self.records = sorted(records, key=lambda r: (r.position, r.id))
        self._filling = True
        try:
            self.table.setRowCount(len(self.records))
            for row, record in enumerate(self.records):
                for column, name in enumerate(self.columns):
                    item = QTableWidgetItem(getattr(record, name))
                    item.setData(Qt.ItemDataRole.UserRole, record.id)
                    self.table.setItem(row, column, item)
        finally:
            self._filling = False
        self.table.resizeRowsToContents()
        if 0 <= keep < len(self.records):
            self.table.selectRow(keep)
        self.setEnabled(event_id is not None)
        self._update_buttons()

    def current_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _update_buttons(self) -> None:
        row = self.current_row()
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < len(self.records) - 1)

    # --- editing -----------------------------------------------------------------------------

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or not 0 <= item.row() < len(self.records):
            return
        record = self.records[item.row()]
        name = self.columns[item.column()]
        text = item.text().strip()
        if getattr(record, name) == text:
            return
        self.page.write(lambda: self.page.ws.update(self.cls, record.id, **{name: text}))

    def add_row(self) -> None:
        if self.event_id is None:
            return
        position = max((r.position for r in self.records), default=0) + 1
        record = self.cls(id=new_id(), event_id=self.event_id, position=position)
        if self.page.write(lambda: self.page.ws.save(record)) is None:
            return
        row = next((i for i, r in enumerate(self.records) if r.id == record.id), -1)
        if row >= 0:
            self.table.setCurrentCell(row, 0)
            self.table.edit(self.table.model().index(row, 0))

    def remove_row(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        record = self.records[row]
        self.page.write(lambda: self.page.ws.delete(self.cls, record.id))

    def move_row(self, step: int) -> None:
        row = self.current_row()
        other = row + step
        if row < 0 or not 0 <= other < len(self.records):
            return
        order = list(self.records)
        order[row], order[other] = order[other], order[row]
        # Number them 1, 2, … again: positions stay small and unique.
        changed = [
            dataclasses.replace(record, position=number)
            for number, record in enumerate(order, start=1)
            if record.position != number
        ]
        if self.page.write(lambda: self.page.ws.save(*changed)) is not None:
            self.table.selectRow(other)

    def retranslate_ui(self) -> None:
        self.label.setText(self.title())
        self.table.setHorizontalHeaderLabels(list(self.headers()))
        self.table.setAccessibleName(self.title().replace("&", ""))
        self.add_button.setText(_("Add"))
        self.remove_button.setText(_("Remove"))
        self.up_button.setText(_("Move up"))
        self.down_button.setText(_("Move down"))
