"""The Duplicates tab of the People page: pairs that may be one person, merges to undo.

The scan (`Workspace.duplicate_suggestions`) runs off the GUI thread; the rules are the facade's
and `fieldkit.core`'s. Merge opens `MergeDialog`; "Not the same person" marks the pair so it is
never suggested again (on every laptop); "Undo merge" takes back a recent merge.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.duplicate_scan import Suggestion
from fieldkit.core.model import Organisation, Person
from fieldkit.core.person_merge import reason_text
from fieldkit.gui.people.merge_dialog import MergeDialog
from fieldkit.gui.widgets.table_model import AnyIndex
from fieldkit.i18n import _, format_list, ngettext

if TYPE_CHECKING:
    from fieldkit.gui.shell.page import Page
    from fieldkit.store.merge_store import MergeEntry


class SuggestionsModel(QAbstractTableModel):
    COL_SCORE, COL_PERSON, COL_OTHER, COL_REASONS = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Suggestion] = []

    def set_rows(self, rows: list[Suggestion]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_SCORE:
                return str(row.score)
            if column == self.COL_PERSON:
                return row.a.full_name
            if column == self.COL_OTHER:
                return row.b.full_name
            return format_list([reason_text(reason) for reason in row.reasons])
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COL_SCORE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (_("Score"), _("Person"), _("May be the same as"), _("Why"))[section]

    def retranslate_ui(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)


class DuplicatesPanel(QWidget):
    def __init__(self, page: Page, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = page
        self.ws = page.ws
        self.stale = True
        self.scanning = False
        self.dialog: MergeDialog | None = None
        self.count_label = QLabel(self)
        self.rescan_button = QPushButton(self)
        top = QHBoxLayout()
        top.addWidget(self.count_label, 1)
        top.addWidget(self.rescan_button)
        self.model = SuggestionsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.merge_button = QPushButton(self)
        self.distinct_button = QPushButton(self)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.distinct_button)
        actions.addWidget(self.merge_button)
        self.recent_box = QGroupBox(self)
        self.recent_list = QListWidget(self.recent_box)
        self.undo_button = QPushButton(self.recent_box)
        recent_layout = QHBoxLayout(self.recent_box)
        recent_layout.addWidget(self.recent_list, 1)
        recent_layout.addWidget(self.undo_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.table, 3)
        layout.addLayout(actions)
        layout.addWidget(self.recent_box, 1)

        self.rescan_button.clicked.connect(self.reload)
        self.merge_button.clicked.connect(self.open_merge)
        self.distinct_button.clicked.connect(self.mark_distinct)
        self.undo_button.clicked.connect(self.undo_merge)
        self.table.doubleClicked.connect(lambda _index: self.open_merge())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.recent_list.currentRowChanged.connect(lambda _r: self._update_buttons())
        self.retranslate_ui()

    # --- reading -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Scan again off the GUI thread (a few seconds at 50,000 people)."""
        self.stale = False
        self._load_recent()
        if self.scanning:
            return
        self.scanning = True
        self.count_label.setText(_("Looking for people who may be the same person…"))
        self.page.context.run_in_background(
            self,
            _("Looking for duplicates"),
            lambda _progress: self.ws.duplicate_suggestions(),
            self._show,
            self._failed,
        )

    def reload_now(self) -> None:
        """The same, on this thread: for tests and screenshots."""
        self.stale = False
        self._load_recent()
        self._show(self.ws.duplicate_suggestions())

    def _show(self, found: list[Suggestion]) -> None:
        self.scanning = False
        self.model.set_rows(found)
        if found:
            self.table.selectRow(0)
            self.table.resizeColumnsToContents()
        self._update_count()
        self._update_buttons()

    def _failed(self, _error: BaseException) -> bool | None:
        self.scanning = False
        self._update_count()
        return None  # the default message

    def _load_recent(self) -> None:
        self.recent_list.clear()
        self.recent: list[MergeEntry] = self.ws.recent_merges()
        for entry in self.recent:
            item = QListWidgetItem(
                _("{merged} merged into {kept}").format(
                    merged=entry.merged.full_name, kept=entry.kept.full_name
                )
            )
            self.recent_list.addItem(item)
        if self.recent:
            self.recent_list.setCurrentRow(0)
        self.recent_box.setVisible(bool(self.recent))
        self._update_buttons()

    def current(self) -> Suggestion | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _update_count(self) -> None:
        if self.scanning:
            return
        n = len(self.model.rows)
        self.count_label.setText(
            ngettext("{count} possible duplicate", "{count} possible duplicates", n).format(count=n)
            if n
            else _("No possible duplicates: nobody looks like anybody else.")
        )

    def _update_buttons(self) -> None:
        chosen = self.current() is not None
        self.merge_button.setEnabled(chosen)
        self.distinct_button.setEnabled(chosen)
        self.undo_button.setEnabled(self.recent_list.currentRow() >= 0)

    # --- writing -------------------------------------------------------------------------------

    def open_merge(self) -> MergeDialog | None:
        """The merge dialog of the selected pair, opened with open() (never blocking)."""
        chosen = self.current()
        if chosen is None:
            return None
        keep, other = self.ws.get(Person, chosen.a.id), self.ws.get(Person, chosen.b.id)
        if keep is None or other is None:
            self.reload()
            return None
        organisations = {
            o.id: o.name
            for o in self.ws.list(
                Organisation, where={"id": [keep.organisation_id, other.organisation_id]}
            )
        }
        dialog = MergeDialog(keep, other, organisations, self)
        dialog.accepted.connect(lambda: self._merge(dialog))
        dialog.open()
        self.dialog = dialog
        return dialog

    def _merge(self, dialog: MergeDialog) -> None:
        kept, merged = dialog.kept_and_merged()
        values = dialog.values()
        if self.page.write(lambda: self.ws.merge_people(kept.id, merged.id, values=values)):
            self._drop_pairs_of(merged.id)
            self._load_recent()
            self.page.stale = True  # type: ignore[attr-defined]  # its own write: the list is read again

    def mark_distinct(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        if self.page.write(lambda: self.ws.mark_distinct(chosen.a.id, chosen.b.id)):
            self._drop(lambda s: s is chosen)

    def undo_merge(self) -> None:
        row = self.recent_list.currentRow()
        if row < 0:
            return
        entry = self.recent[row]
        if self.page.write(lambda: self.ws.unmerge_person(entry.merged.id)):
            self._load_recent()
            self.stale = True  # the person is back: the pair may be suggested again
            self.page.stale = True  # type: ignore[attr-defined]

    def _drop_pairs_of(self, person_id: str) -> None:
        self._drop(lambda s: person_id in (s.a.id, s.b.id))

    def _drop(self, gone: Any) -> None:
        """Take pairs out of the list without scanning again; the selection moves on."""
        row = max(0, self.table.currentIndex().row())
        self.model.set_rows([s for s in self.model.rows if not gone(s)])
        if self.model.rows:
            self.table.selectRow(min(row, len(self.model.rows) - 1))
        self._update_count()
        self._update_buttons()

    def retranslate_ui(self) -> None:
        self.rescan_button.setText(_("Look again"))
        self.merge_button.setText(_("Merge…"))
        self.distinct_button.setText(_("Not the same person"))
        self.recent_box.setTitle(_("Recently merged"))
        self.undo_button.setText(_("Undo merge"))
        self.table.setAccessibleName(_("Possible duplicates"))
        self.model.retranslate_ui()
        self._update_count()
