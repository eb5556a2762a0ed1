"""The widgets of the notes page, laid out; `fieldkit.gui.notes.page` wires them.

Left: the sessions of the event and their working groups (and the whole event on top).
Right, in three tabs: the four sections of the notes with the objectives and axes they relate
to; the decisions and action items, with the open actions of earlier events of the programme;
the photos.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from fieldkit.gui.notes.actions_model import ActionsModel
from fieldkit.gui.notes.photos import PhotoListView
from fieldkit.gui.notes.text_edit import ListTextEdit
from fieldkit.store.notes_store import NOTE_FIELDS

NOTES_TAB, ACTIONS_TAB, PHOTOS_TAB = range(3)
LINK_CHARACTERS = 52  # the width of an objective's or axis's check box, in average characters


def _bold(label: QLabel) -> QLabel:
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _table(model: ActionsModel, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setWordWrap(True)
    view.verticalHeader().hide()
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
    )
    header = view.horizontalHeader()
    header.setSectionResizeMode(ActionsModel.COL_WHAT, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(ActionsModel.COL_OWNERS, QHeaderView.ResizeMode.Interactive)
    header.resizeSection(ActionsModel.COL_OWNERS, 190)
    header.resizeSection(ActionsModel.COL_DUE, 110)
    header.resizeSection(ActionsModel.COL_STATUS, 100)
    header.resizeSection(ActionsModel.COL_SESSION, 170)
    return view


class NotesView(QWidget):
    def __init__(
        self, actions: ActionsModel, earlier: ActionsModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        side = QWidget(self.splitter)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        self.targets_label = _bold(QLabel(side))
        self.targets = QTreeWidget(side)
        self.targets.setHeaderHidden(True)
        self.targets.setRootIsDecorated(False)
        self.targets.setIndentation(14)
        self.targets.setUniformRowHeights(True)
        self.targets.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.targets_label.setBuddy(self.targets)
        side_layout.addWidget(self.targets_label)
        side_layout.addWidget(self.targets)

        self.tabs = QTabWidget(self.splitter)
        self.splitter.addWidget(side)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([290, 760])
        self._notes_tab()
        self._actions_tab(actions, earlier)
        self._photos_tab()

    def _notes_tab(self) -> None:
        tab = QWidget(self.tabs)
        layout = QVBoxLayout(tab)
        self.target_title = _bold(QLabel(tab))
        self.target_title.setWordWrap(True)
        self.notes_hint = QLabel(tab)
        self.notes_hint.setWordWrap(True)
        layout.addWidget(self.target_title)
        layout.addWidget(self.notes_hint)
        grid = QGridLayout()
        self.sections: dict[str, ListTextEdit] = {}
        self.section_labels: dict[str, QLabel] = {}
        for n, name in enumerate(NOTE_FIELDS):
            label = _bold(QLabel(tab))
            edit = ListTextEdit(tab)
            edit.setObjectName(name)
            label.setBuddy(edit)
            grid.addWidget(label, (n // 2) * 2, n % 2)
            grid.addWidget(edit, (n // 2) * 2 + 1, n % 2)
            self.sections[name] = edit
            self.section_labels[name] = label
        grid.setRowStretch(1, 1)
        grid.setRowStretch(3, 1)
        layout.addLayout(grid, 1)
        self.links_label = _bold(QLabel(tab))
        self.links = QListWidget(tab)
        self.links.setFlow(QListView.Flow.LeftToRight)
        self.links.setWrapping(True)
        self.links.setResizeMode(QListView.ResizeMode.Adjust)
        self.links.setSpacing(2)
        # Four rows of check boxes: the four specific objectives of a mission, two to a row at
        # 1366 pixels, and its axes.
        row_height = max(self.links.fontMetrics().height(), 16) + 8
        self.links.setMaximumHeight(4 * row_height + 2 * self.links.frameWidth() + 4)
        self.links_label.setBuddy(self.links)
        layout.addWidget(self.links_label)
        layout.addWidget(self.links)
        self.tabs.addTab(tab, "")

    def link_text(self, text: str) -> str:
        """An objective or axis as a check box label: cut with "…" past LINK_CHARACTERS average
        characters, so that two fit side by side; the whole text goes in the tooltip."""
        metrics = self.links.fontMetrics()
        width = metrics.averageCharWidth() * LINK_CHARACTERS
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)

    def _actions_tab(self, actions: ActionsModel, earlier: ActionsModel) -> None:
        tab = QWidget(self.tabs)
        layout = QVBoxLayout(tab)

        row = QHBoxLayout()
        self.decisions_label = _bold(QLabel(tab))
        self.add_decision_button = QPushButton(tab)
        self.remove_decision_button = QPushButton(tab)
        row.addWidget(self.decisions_label, 1)
        row.addWidget(self.add_decision_button)
        row.addWidget(self.remove_decision_button)
        layout.addLayout(row)
        self.decisions = QListWidget(tab)
        self.decisions.setWordWrap(True)
        self.decisions.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.decisions_label.setBuddy(self.decisions)
        layout.addWidget(self.decisions, 2)

        row = QHBoxLayout()
        self.actions_label = _bold(QLabel(tab))
        self.add_action_button = QPushButton(tab)
        self.remove_action_button = QPushButton(tab)
        row.addWidget(self.actions_label, 1)
        row.addWidget(self.add_action_button)
        row.addWidget(self.remove_action_button)
        layout.addLayout(row)
        self.actions_view = _table(actions, tab)
        self.actions_label.setBuddy(self.actions_view)
        layout.addWidget(self.actions_view, 5)

        row = QHBoxLayout()
        self.earlier_label = _bold(QLabel(tab))
        self.carry_button = QPushButton(tab)
        row.addWidget(self.earlier_label, 1)
        row.addWidget(self.carry_button)
        layout.addLayout(row)
        self.earlier_hint = QLabel(tab)
        self.earlier_hint.setWordWrap(True)
        layout.addWidget(self.earlier_hint)
        self.earlier_view = _table(earlier, tab)
        self.earlier_label.setBuddy(self.earlier_view)
        layout.addWidget(self.earlier_view, 3)
        self.tabs.addTab(tab, "")

    def _photos_tab(self) -> None:
        tab = QWidget(self.tabs)
        layout = QVBoxLayout(tab)
        row = QHBoxLayout()
        self.add_photo_button = QPushButton(tab)
        self.keep_original = QCheckBox(tab)
        self.remove_photo_button = QPushButton(tab)
        row.addWidget(self.add_photo_button)
        row.addWidget(self.keep_original)
        row.addStretch(1)
        row.addWidget(self.remove_photo_button)
        layout.addLayout(row)
        self.photos_hint = QLabel(tab)
        self.photos_hint.setWordWrap(True)
        layout.addWidget(self.photos_hint)
        self.photos_view = PhotoListView(tab)
        layout.addWidget(self.photos_view, 1)
        self.tabs.addTab(tab, "")
