"""The main window's view: it lays out the widgets and sets their texts, nothing more.

`MainController` (in `main_controller.py`) feeds it from the workspace and wires its signals.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldkit.gui.event_list_model import EventListModel
from fieldkit.gui.event_overview import EventOverview
from fieldkit.i18n import _


class DemoOfferBar(QFrame):
    """A question bar at the top of the window: add the demo events, or start empty."""

    accepted = Signal()
    declined = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demoOfferBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#demoOfferBar { background: #fff4d6; border: 1px solid #e0c36a; border-radius: 4px; }"
        )
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.accept_button = QPushButton(self)
        self.accept_button.setDefault(True)
        self.decline_button = QPushButton(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.accept_button)
        layout.addWidget(self.decline_button)
        self.accept_button.clicked.connect(self.accepted)
        self.decline_button.clicked.connect(self.declined)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.message.setText(
            _(
                "This workspace is empty. Would you like to add two demo events to try fieldkit? "
                "You can delete them later."
            )
        )
        self.accept_button.setText(_("Add the demo events"))
        self.decline_button.setText(_("Start empty"))


class MainWindow(QMainWindow):
    """Left, the events (filter field and table); right, the selected event's overview."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.controller: Any = None  # set by main_controller.create_main_window

        # Menus.
        self.file_menu = self.menuBar().addMenu("")
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Q))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.file_menu.addAction(self.quit_action)
        self.help_menu = self.menuBar().addMenu("")
        self.about_action = QAction(self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.help_menu.addAction(self.about_action)

        # Left pane: the events.
        self.events_label = QLabel(self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setClearButtonEnabled(True)
        self.events_label.setBuddy(self.filter_edit)
        self.events_view = QTableView(self)
        self.events_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.events_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.events_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.events_view.setSortingEnabled(True)
        self.events_view.setAlternatingRowColors(True)
        # Long titles wrap rather than lose their end; an events list is short.
        self.events_view.setWordWrap(True)
        self.events_view.verticalHeader().setVisible(False)
        self.events_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.events_view.horizontalHeader().setHighlightSections(False)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.events_label)
        left_layout.addWidget(self.filter_edit)
        left_layout.addWidget(self.events_view, 1)

        # Right pane: the overview.
        self.overview = EventOverview(self)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.overview)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)

        self.demo_bar = DemoOfferBar(self)
        self.demo_bar.hide()

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.demo_bar)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.resize(1200, 720)
        self.retranslate_ui()

    def set_events_model(self, model: QAbstractItemModel) -> None:
        """Show a (proxy) model of `EventListModel` columns in the table."""
        self.events_view.setModel(model)
        header = self.events_view.horizontalHeader()
        header.setSectionResizeMode(EventListModel.COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(
            EventListModel.COL_CODE, QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(
            EventListModel.COL_DATES, QHeaderView.ResizeMode.ResizeToContents
        )

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("fieldkit"))
        self.file_menu.setTitle(_("&File"))
        self.quit_action.setText(_("&Quit"))
        self.help_menu.setTitle(_("&Help"))
        self.about_action.setText(_("&About fieldkit"))
        self.events_label.setText(_("&Events"))
        self.filter_edit.setPlaceholderText(_("Filter by title or code"))
        self.filter_edit.setAccessibleName(_("Filter the events"))
        self.events_view.setAccessibleName(_("Events"))
        self.demo_bar.retranslate_ui()
        self.overview.retranslate_ui()
