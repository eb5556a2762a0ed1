"""Photos of flip charts and signed sheets: scaled down for storage, shown as thumbnails.

`prepare_photo` turns a file's bytes into what is stored: a photo whose longest side is over
`MAX_SIDE` pixels is scaled down and kept as JPEG (quality `JPEG_QUALITY`), unless the user asked
to keep the original. `PhotosModel` lists the attachments of a session or group with their
thumbnail, their caption (edited in place) and a "shows people" box (the minutes leave out a
photo that shows people unless everyone who could be in it consented). `PhotoListView` takes
image files dropped on it.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QBuffer,
    QByteArray,
    QIODevice,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QImage, QPixmap
from PySide6.QtWidgets import QListView, QWidget

from fieldkit.core.model import Attachment, Result
from fieldkit.i18n import _
from fieldkit.store import Workspace

MAX_SIDE = 2000
JPEG_QUALITY = 85
THUMB = 160
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp", ".tif", ".tiff"}
STORED_TYPES = {"image/jpeg", "image/png"}  # what the minutes can print as it is

Index = QModelIndex | QPersistentModelIndex
Write = Callable[[Callable[[], Result[Any]]], Result[Any] | None]


@dataclass(frozen=True)
class PreparedPhoto:
    data: bytes
    filename: str
    media_type: str
    scaled: bool


def prepare_photo(data: bytes, filename: str, *, keep_original: bool = False) -> PreparedPhoto:
    """The bytes to store for a photo file; ValueError when they are not an image."""
    image = QImage.fromData(data)
    if image.isNull():
        raise ValueError(filename)
    media_type = mimetypes.guess_type(filename)[0] or ""
    large = max(image.width(), image.height()) > MAX_SIDE
    if keep_original or (not large and media_type in STORED_TYPES):
        return PreparedPhoto(data, filename, media_type or "application/octet-stream", False)
    if large:
        image = image.scaled(
            MAX_SIDE,
            MAX_SIDE,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    if image.hasAlphaChannel():
        image = image.convertToFormat(QImage.Format.Format_RGB32)
    buffer = QByteArray()
    device = QBuffer(buffer)
    device.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(device, "JPEG", JPEG_QUALITY)  # type: ignore[call-overload]
    device.close()
    return PreparedPhoto(bytes(buffer.data()), f"{Path(filename).stem}.jpg", "image/jpeg", True)


def is_image_file(path: Path) -> bool:
    return path.suffix.lower() in IMAGE_SUFFIXES


class PhotosModel(QAbstractListModel):
    """The photos of a session or group: thumbnail, caption (editable), "shows people"."""

    ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, ws: Workspace, write: Write, parent: Any = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.write = write
        self.items: list[Attachment] = []
        self._thumbs: dict[str, QPixmap] = {}

    def set_items(self, items: Sequence[Attachment]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def thumbnail(self, item: Attachment) -> QPixmap:
        pixmap = self._thumbs.get(item.sha256)
        if pixmap is None:
            image = QImage.fromData(self.ws.blob(item.sha256) or b"")
            if image.isNull():
                pixmap = QPixmap(THUMB, THUMB)
                pixmap.fill(Qt.GlobalColor.lightGray)
            else:
                pixmap = QPixmap.fromImage(
                    image.scaled(
                        THUMB,
                        THUMB,
                        Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                )
            self._thumbs[item.sha256] = pixmap
        return pixmap

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            caption = item.caption or item.filename
            return "\n".join((caption, _("(shows people)"))) if item.shows_people else caption
        if role == Qt.ItemDataRole.EditRole:
            return item.caption
        if role == Qt.ItemDataRole.DecorationRole:
            return self.thumbnail(item)
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if item.shows_people else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            people = (
                _("Shows people: printed only if they all consented to photos.")
                if item.shows_people
                else _("Shows no one.")
            )
            return f"{item.filename}\n{people}"
        if role == self.ID_ROLE:
            return item.id
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        item = self.items[index.row()]
        ws = self.ws
        if role == Qt.ItemDataRole.EditRole:
            caption = str(value or "").strip()
            if caption == item.caption:
                return False
            done = self.write(lambda: ws.update(Attachment, item.id, caption=caption))
        elif role == Qt.ItemDataRole.CheckStateRole:
            shows = Qt.CheckState(value) == Qt.CheckState.Checked
            done = self.write(lambda: ws.update(Attachment, item.id, shows_people=shows))
        else:
            return False
        fresh = ws.get(Attachment, item.id)
        if fresh is not None:
            self.items[index.row()] = fresh
            self.dataChanged.emit(index, index)
        return done is not None


class PhotoListView(QListView):
    """Thumbnails in a grid; image files dropped on it are offered through `files_dropped`."""

    files_dropped = Signal(list)  # [Path]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(QSize(THUMB, THUMB))
        self.setGridSize(QSize(THUMB + 40, THUMB + 56))
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setWordWrap(True)
        self.setUniformItemSizes(True)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setEditTriggers(
            QListView.EditTrigger.DoubleClicked
            | QListView.EditTrigger.EditKeyPressed
            | QListView.EditTrigger.SelectedClicked
        )

    @staticmethod
    def _paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
        return [path for path in paths if is_image_file(path)]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._paths(event)
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.files_dropped.emit(paths)
