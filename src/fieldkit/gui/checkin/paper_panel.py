"""Paper mode: the rows of a signed sign-in sheet ticked after the fact, and its photo."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldkit.gui.checkin.keys import PageKeysLineEdit
from fieldkit.gui.checkin.results_model import ResultsModel
from fieldkit.i18n import _, current_locale, format_number, ngettext

_Index = QModelIndex | QPersistentModelIndex


class SheetModel(ResultsModel):
    """The rows of the sign-in sheet: the results model with the row number in front."""

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def _fill(self) -> None:
        super()._fill()
        language = current_locale()
        numbers = [format_number(row, language) for row in range(1, len(self._people) + 1)]
        display = self._cells[Qt.ItemDataRole.DisplayRole]
        self._cells = {
            role: [(None, *cells) for cells in rows] for role, rows in self._cells.items()
        }
        self._cells[Qt.ItemDataRole.DisplayRole] = [
            (number, *cells) for number, cells in zip(numbers, display, strict=True)
        ]
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        self._cells[Qt.ItemDataRole.TextAlignmentRole] = [(right, None, None, None, None)] * len(
            self._people
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and section == 0:
            return _("Row") if role == Qt.ItemDataRole.DisplayRole else None
        return super().headerData(section - 1, orientation, role)


class PaperPanel(QFrame):
    rows_entered = Signal(str)
    attach_requested = Signal()

    def __init__(self, model: SheetModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(self)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.rows_label = QLabel(self)
        self.rows_edit = PageKeysLineEdit(self)
        big = QFont(self.rows_edit.font())
        big.setPointSizeF(big.pointSizeF() * 1.5)
        self.rows_edit.setFont(big)
        self.rows_label.setBuddy(self.rows_edit)
        self.attach_button = QPushButton(self)
        self.attached = QLabel(self)
        self.table = QTableView(self)
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        row = QHBoxLayout()
        row.addWidget(self.rows_label)
        row.addWidget(self.rows_edit, 1)
        photo = QHBoxLayout()
        photo.addWidget(self.attach_button)
        photo.addWidget(self.attached, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addLayout(photo)
        self.rows_edit.returnPressed.connect(self._on_return)
        self.attach_button.clicked.connect(self.attach_requested)
        self._photos = 0
        self._title = ""
        self.retranslate_ui()

    def set_sheet(self, title: str, photos: int) -> None:
        self._title = title
        self._photos = photos
        self._render()

    def _on_return(self) -> None:
        text = self.rows_edit.text()
        if text.strip():
            self.rows_entered.emit(text)

    def show_row(self, number: int) -> None:
        model = self.table.model()
        if 1 <= number <= model.rowCount():
            self.table.scrollTo(model.index(number - 1, 0))

    def retranslate_ui(self) -> None:
        self.hint.setText(
            _(
                "Type the row numbers ticked on the signed sheet, such as 3, 7, 12-15, and press "
                "Enter: they are checked in at the time of the session. Ctrl+N adds a walk-in "
                "written at the bottom of the sheet; Ctrl+Z undoes the last rows."
            )
        )
        self.rows_label.setText(_("&Rows:"))
        self.rows_edit.setPlaceholderText(_("3, 7, 12-15"))
        self.attach_button.setText(_("Attach a photo of the signed sheet… (Ctrl+O)"))
        self._render()

    def _render(self) -> None:
        self.heading.setText(_("Paper sign-in sheet: {title}").format(title=self._title))
        if self._photos:
            self.attached.setText(
                ngettext(
                    "{count} photo of this sheet attached",
                    "{count} photos of this sheet attached",
                    self._photos,
                ).format(count=format_number(self._photos, current_locale()))
            )
        else:
            self.attached.setText(_("No photo of the sheet attached yet."))
