"""The preview of the Reports page: the first page of the document that the options would make.

The document is written to a temporary folder off the GUI thread (the page's background path,
without its progress dialog) and its first page drawn by PDFium (pypdfium2, imported only when a
preview is first made: start-up does not pay for it). The attendance table, which is not a PDF,
shows its first rows and columns instead. What comes back to the GUI thread is plain values.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldkit.gui.widgets.text import wrapping_label

PREVIEW_DPI = 80  # enough to read the headings, small enough to render in a blink
TABLE_ROWS, TABLE_COLUMNS = 12, 8


@dataclass(frozen=True)
class PageImage:
    """A page drawn in RGB, row after row."""

    data: bytes
    width: int
    height: int
    stride: int
    pages: int  # in the whole document


@dataclass(frozen=True)
class TableStart:
    """The first rows and columns of a table; the first row holds the headings."""

    rows: tuple[tuple[str, ...], ...]


def render_first_page(pdf: Path, dpi: float = PREVIEW_DPI) -> PageImage:
    """The first page of a PDF as an image, `dpi` dots an inch."""
    import pypdfium2  # lazy: a few megabytes of native library, only for the preview

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        page = document[0]
        bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
        image = PageImage(
            bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, len(document)
        )
        page.close()
    finally:
        document.close()
    return image


def table_start(path: Path) -> TableStart:
    """The first rows and columns of a CSV file written by the attendance table."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = []
        for row in csv.reader(handle):
            rows.append(tuple(row[:TABLE_COLUMNS]))
            if len(rows) > TABLE_ROWS:
                break
    return TableStart(tuple(rows))


def to_pixmap(image: PageImage) -> QPixmap:
    picture = QImage(
        image.data, image.width, image.height, image.stride, QImage.Format.Format_RGB888
    )
    return QPixmap.fromImage(picture.copy())  # copy: the QImage does not own the bytes


class PagePicture(QWidget):
    """A page, scaled to fit the room it has, on a faint shadow like a sheet on a desk."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewPicture")
        self._pixmap = QPixmap()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 220)

    def pixmap(self) -> QPixmap:
        return self._pixmap

    def set_pixmap(self, pixmap: QPixmap) -> None:
        self._pixmap = pixmap
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(300, 420)

    def paintEvent(self, _event: object) -> None:
        if self._pixmap.isNull():
            return
        room = QRectF(self.rect()).adjusted(4, 4, -8, -8)
        size = (
            QSize(self._pixmap.size())
            .toSizeF()
            .scaled(room.size(), Qt.AspectRatioMode.KeepAspectRatio)
        )
        target = QRectF(
            room.x() + (room.width() - size.width()) / 2, room.y(), size.width(), size.height()
        )
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.fillRect(target.translated(3, 3), QColor(0, 0, 0, 40))
        painter.drawPixmap(target, self._pixmap, QRectF(self._pixmap.rect()))
        painter.setPen(QPen(QColor("#b8c4cc"), 1))
        painter.drawRect(target)
        painter.end()


PAGE, TABLE, MESSAGE = range(3)


class PreviewPanel(QWidget):
    """The picture of the first page, the first rows of a table, or a sentence saying why not."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picture = PagePicture(self)
        self.table = QTableWidget(self)
        self.table.setObjectName("previewTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.message = wrapping_label(self, "previewMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.stack = QStackedWidget(self)
        for widget in (self.picture, self.table, self.message):
            self.stack.addWidget(widget)
        self.status = QLabel(self)
        self.status.setObjectName("previewStatus")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)
        self.show_message("")

    def show_page(self, image: PageImage, status: str) -> None:
        self.picture.set_pixmap(to_pixmap(image))
        self.stack.setCurrentIndex(PAGE)
        self.status.setText(status)

    def show_table(self, start: TableStart, status: str) -> None:
        rows = start.rows
        self.table.clear()
        self.table.setColumnCount(max((len(row) for row in rows), default=0))
        self.table.setRowCount(max(len(rows) - 1, 0))
        if rows:
            self.table.setHorizontalHeaderLabels(list(rows[0]))
        for number, row in enumerate(rows[1:]):
            for column, value in enumerate(row):
                self.table.setItem(number, column, QTableWidgetItem(value))
        self.stack.setCurrentIndex(TABLE)
        self.status.setText(status)

    def show_message(self, text: str) -> None:
        """A sentence in place of the preview (why there is none, or that it is being made)."""
        self.picture.set_pixmap(QPixmap())
        self.message.setText(text)
        self.stack.setCurrentIndex(MESSAGE)
        self.status.clear()

    def set_status(self, text: str) -> None:
        self.status.setText(text)

    def showing(self) -> int:
        return self.stack.currentIndex()
