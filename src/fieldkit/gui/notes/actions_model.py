"""The action items of an event or a session, as a table edited in place.

Columns: what, owners, due date, status, session (for the earlier events' actions: the event).
An edit goes through `write(mutation)` (the page's, so every page hears of it) and the row is
read again from the workspace. Owners are typed as names separated by ";": each is matched to an
organisation or a person, else kept as typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from fieldkit.core.model import ActionItem, ActionStatus, Result
from fieldkit.gui.widgets.inputs import FieldLine, OptionalDateEdit
from fieldkit.i18n import N_, _, current_locale, format_date
from fieldkit.store import Workspace
from fieldkit.store.notes_store import ActionRow

STATUS_LABELS: dict[ActionStatus, str] = {
    ActionStatus.OPEN: N_("Open"),
    ActionStatus.IN_PROGRESS: N_("In progress"),
    ActionStatus.DONE: N_("Done"),
    ActionStatus.DROPPED: N_("Dropped"),
}

Index = QModelIndex | QPersistentModelIndex
Write = Callable[[Callable[[], Result[Any]]], Result[Any] | None]


def status_label(status: ActionStatus) -> str:
    return _(STATUS_LABELS[status])


def split_owners(text: str) -> list[str]:
    return [name.strip() for name in text.replace("\n", ";").split(";") if name.strip()]


class ActionsModel(QAbstractTableModel):
    COL_WHAT, COL_OWNERS, COL_DUE, COL_STATUS, COL_SESSION = range(5)
    COLUMNS = 5
    ID_ROLE = Qt.ItemDataRole.UserRole + 1
    CHOICES_ROLE = Qt.ItemDataRole.UserRole + 2  # [(label, value)] for the choice delegate
    VALUE_ROLE = Qt.ItemDataRole.UserRole + 3

    def __init__(
        self, ws: Workspace, write: Write, *, earlier: bool = False, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.write = write
        self.earlier = earlier  # the open actions of earlier events: read only, event column
        self.rows: list[ActionRow] = []
        self.sessions: list[tuple[str, str]] = []  # (title, id) a session cell can pick

    # --- feeding -----------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[ActionRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def set_sessions(self, sessions: Sequence[tuple[str, str]]) -> None:
        self.sessions = list(sessions)

    def row_of(self, action_id: str) -> int:
        return next((n for n, row in enumerate(self.rows) if row.item.id == action_id), -1)

    def refresh(self, action_id: str) -> None:
        """Read one row again from the workspace (after an edit)."""
        row = self.row_of(action_id)
        fresh = self.ws.action_row(action_id)
        if row < 0:
            return
        if fresh is None:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.endRemoveRows()
            return
        self.rows[row] = fresh
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.COLUMNS - 1))

    def append(self, row: ActionRow) -> None:
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(row)
        self.endInsertRows()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 0))

    # --- reading -----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = [
            _("What"),
            _("Who"),
            _("By"),
            _("Status"),
            _("Event") if self.earlier else _("Session"),
        ]
        return titles[section] if 0 <= section < len(titles) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid() or self.earlier:
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        item = row.item
        column = index.column()
        if role == self.ID_ROLE:
            return item.id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_WHAT:
                return item.what
            if column == self.COL_OWNERS:
                return "; ".join(row.owner_names)
            if column == self.COL_DUE:
                return (
                    format_date(item.due_date, current_locale(), "medium") if item.due_date else ""
                )
            if column == self.COL_STATUS:
                return status_label(item.status)
            if column == self.COL_SESSION:
                if self.earlier:
                    event = row.event_code or row.event_title
                    if row.carried:
                        return _("{event} (carried over)").format(event=event)
                    return event
                return row.session_title
        if role == Qt.ItemDataRole.EditRole:
            if column == self.COL_WHAT:
                return item.what
            if column == self.COL_OWNERS:
                return "; ".join(row.owner_names)
            if column == self.COL_DUE:
                return item.due_date
            if column == self.COL_STATUS:
                return item.status.value
            if column == self.COL_SESSION:
                return item.session_id or ""
        if role == self.VALUE_ROLE:
            return self.data(index, Qt.ItemDataRole.EditRole)
        if role == self.CHOICES_ROLE:
            if column == self.COL_STATUS:
                return [(status_label(s), s.value) for s in ActionStatus]
            if column == self.COL_SESSION:
                return [(_("(the whole event)"), ""), *self.sessions]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.COL_SESSION:
                return (row.event_title if self.earlier else row.session_title) or None
            if column in (self.COL_WHAT, self.COL_OWNERS):
                return self.data(index, Qt.ItemDataRole.DisplayRole) or None
        if role == Qt.ItemDataRole.ForegroundRole and self.earlier and row.carried:
            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        return None

    # --- editing -----------------------------------------------------------------------------

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self.earlier or role != Qt.ItemDataRole.EditRole:
            return False
        item = self.rows[index.row()].item
        if self.data(index, Qt.ItemDataRole.EditRole) == value:
            return False
        column = index.column()
        ws = self.ws
        mutation: Callable[[], Result[Any]]
        if column == self.COL_WHAT:
            text = str(value or "").strip()
            mutation = lambda: ws.update(ActionItem, item.id, what=text)  # noqa: E731
        elif column == self.COL_OWNERS:
            names = split_owners(str(value or ""))
            mutation = lambda: ws.set_action_owners(item.id, names)  # noqa: E731
        elif column == self.COL_DUE:
            due = value if isinstance(value, dt.date) else None
            mutation = lambda: ws.update(ActionItem, item.id, due_date=due)  # noqa: E731
        elif column == self.COL_STATUS:
            status = ActionStatus(value)
            mutation = lambda: ws.update(ActionItem, item.id, status=status)  # noqa: E731
        elif column == self.COL_SESSION:
            session_id = value or None
            mutation = lambda: ws.update(ActionItem, item.id, session_id=session_id)  # noqa: E731
        else:
            return False
        done = self.write(mutation)
        self.refresh(item.id)
        return done is not None


class DueDateDelegate(QStyledItemDelegate):
    """Edits a due date typed freely (or picked), that may be left empty.

    The editor is a compound field: its line gets this delegate's filter too, so leaving it
    commits the date as leaving a plain line edit would. A date that cannot be read is not
    committed; the editor grows to show why, over the rows below.
    """

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = OptionalDateEdit(parent, in_cell=True)
        editor.setProperty("index", QPersistentModelIndex(index))
        editor.line.installEventFilter(self)
        return editor

    @staticmethod
    def _is_open(editor: QWidget) -> bool:
        """Whether the view still has this editor (one being closed loses focus after that)."""
        viewport = editor.parentWidget()
        view = viewport.parentWidget() if viewport is not None else None
        index = editor.property("index")
        if not isinstance(view, QAbstractItemView) or not isinstance(index, QPersistentModelIndex):
            return False
        return view.indexWidget(index) is editor

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, FieldLine):  # its keys reach the editor itself
            if event.type() == QEvent.Type.FocusOut and self._is_open(watched.owner):
                return super().eventFilter(watched.owner, event)
            return False
        return super().eventFilter(watched, event)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        rect = option.rect
        height = max(rect.height(), editor.minimumSizeHint().height())
        editor.setGeometry(rect.x(), rect.y(), rect.width(), height)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, OptionalDateEdit) and not editor.has_error():
            editor.set_value(index.data(Qt.ItemDataRole.EditRole))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, OptionalDateEdit) and editor.commit():
            model.setData(index, editor.value())
