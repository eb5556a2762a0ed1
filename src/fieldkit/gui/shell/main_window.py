"""The main window's view: it lays out the widgets and sets their texts, nothing more.

Left, the events (filter field and table) above the navigation list of pages; right, the page
chosen in that list, for the selected event. `MainController` (in `main_controller.py`) feeds it
from the workspace, makes the pages and wires the signals.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldkit.gui.events.list_model import EventListModel
from fieldkit.i18n import _

if TYPE_CHECKING:
    from fieldkit.gui.shell.guide import GuideWindow
    from fieldkit.gui.shell.main_controller import MainController

# The guide's module, loaded with the first guide window (not before the first paint).
GUIDE_MODULE = "fieldkit.gui.shell.guide"


class EventsView(QTableView):
    """The events list, which tells of its first paint (`after_first_paint`).

    It hears of it through `viewportEvent`, not through a filter on `viewport()`: the first
    Python object of a viewport that Qt made makes PySide6 set up every widget class to find
    its type, tens of milliseconds before the window is seen.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._after_paint: list[Callable[[], object]] | None = []

    def after_first_paint(self, then: Callable[[], object]) -> None:
        """Call `then` once, after the first paint of the list is over (soon, if it was);
        what asked last is called first (the smoke check's report before the pages are made)."""
        if self._after_paint is None:
            QTimer.singleShot(0, then)
        else:
            self._after_paint.append(then)

    def viewportEvent(self, event: QEvent) -> bool:
        waiting = self._after_paint
        if waiting is not None and event.type() == QEvent.Type.Paint:
            self._after_paint = None
            for then in reversed(waiting):  # the latest first, as Qt calls event filters
                QTimer.singleShot(0, then)  # once this paint is over
        return super().viewportEvent(event)


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


def _action(
    parent: QWidget, shortcut: QKeySequence | QKeySequence.StandardKey | None = None
) -> QAction:
    action = QAction(parent)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    return action


class MainWindow(QMainWindow):
    """The shell: menus, the events, the navigation list and the stack of pages."""

    controller: MainController  # set by main_controller.create_main_window

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.page_keys: list[str] = []
        self.page_titles: list[Callable[[], str]] = []
        self.page_actions: list[QAction] = []
        self.close_hooks: list[Callable[[], None]] = []
        # Set by the controller: makes a page on first use and brings it up to date.
        self.page_provider: Callable[[str], Any] | None = None

        self._make_menus()

        # Left: the events above the pages.
        self.events_label = QLabel(self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setClearButtonEnabled(True)
        self.events_label.setBuddy(self.filter_edit)
        self.events_view = EventsView(self)
        self.events_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.events_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.events_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.events_view.setSortingEnabled(True)
        self.events_view.setAlternatingRowColors(True)
        # Two lines a row, the whole title in its tooltip and on the Overview: a programme's
        # workspace lists thousands of events, and rows of one height scroll them at once.
        self.events_view.setWordWrap(True)
        self.events_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.events_view.verticalHeader().setVisible(False)
        self.events_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.events_view.verticalHeader().setDefaultSectionSize(
            2 * self.fontMetrics().lineSpacing() + 8
        )
        self.events_view.horizontalHeader().setHighlightSections(False)
        self.new_event_button = QPushButton(self)

        self.nav_label = QLabel(self)
        self.nav_list = QListWidget(self)
        self.nav_list.setObjectName("pageList")
        self.nav_list.setUniformItemSizes(True)
        self.nav_list.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        self.nav_list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav_list.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.nav_label.setBuddy(self.nav_list)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.events_label)
        left_layout.addWidget(self.filter_edit)
        left_layout.addWidget(self.events_view, 1)
        left_layout.addWidget(self.new_event_button)
        left_layout.addSpacing(6)
        left_layout.addWidget(self.nav_label)
        left_layout.addWidget(self.nav_list)
        left.setMinimumWidth(220)

        # Right: the pages.
        self.pages = QStackedWidget(self)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.pages)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([270, 1090])

        self.demo_bar = DemoOfferBar(self)
        self.demo_bar.hide()

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.demo_bar)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.resize(1280, 720)

        self.nav_list.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.retranslate_ui()

    def _make_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.new_workspace_action = _action(self)
        self.open_workspace_action = _action(self, QKeySequence.StandardKey.Open)
        self.recent_menu = self.file_menu.addMenu("")
        self.backup_action = _action(self)
        self.restore_action = _action(self)
        self.settings_action = _action(self, QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Comma))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.quit_action = _action(self, QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Q))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.file_menu.insertAction(self.recent_menu.menuAction(), self.new_workspace_action)
        self.file_menu.insertAction(self.recent_menu.menuAction(), self.open_workspace_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.backup_action)
        self.file_menu.addAction(self.restore_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.event_menu = bar.addMenu("")
        self.new_event_action = _action(self, QKeySequence.StandardKey.New)
        self.duplicate_event_action = _action(
            self, QKeySequence(Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_D)
        )
        self.archive_event_action = _action(self)
        self.delete_event_action = _action(self)
        self.show_archived_action = _action(self)
        self.show_archived_action.setCheckable(True)
        for item in (
            self.new_event_action,
            self.duplicate_event_action,
            None,
            self.archive_event_action,
            self.delete_event_action,
            None,
            self.show_archived_action,
        ):
            if item is None:
                self.event_menu.addSeparator()
            else:
                self.event_menu.addAction(item)

        self.view_menu = bar.addMenu("")
        self.find_action = _action(self, QKeySequence.StandardKey.Find)
        self.view_menu.addAction(self.find_action)
        self.view_menu.addSeparator()

        self.help_menu = bar.addMenu("")
        self.guide_action = _action(self, QKeySequence.StandardKey.HelpContents)  # F1
        self.guide_action.triggered.connect(self.show_guide)
        self.about_action = _action(self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.log_folder_action = _action(self)
        self.help_menu.addAction(self.guide_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)
        self.help_menu.addAction(self.log_folder_action)

    # --- pages -------------------------------------------------------------------------------

    def add_page(self, key: str, title: Callable[[], str], widget: QWidget) -> None:
        """Append a page to the stack, the navigation list and the View menu (Ctrl+1, Ctrl+2…)."""
        number = len(self.page_keys) + 1
        self.page_keys.append(key)
        self.page_titles.append(title)
        self.pages.addWidget(widget)
        item = QListWidgetItem(title())
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setSizeHint(QSize(0, max(28, self.fontMetrics().height() + 14)))
        self.nav_list.addItem(item)
        action = _action(self)
        if number <= 9:
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
        action.triggered.connect(lambda _checked=False, row=number - 1: self.show_page(row))
        self.page_actions.append(action)
        self.view_menu.addAction(action)
        self._fit_nav_list()
        if self.nav_list.currentRow() < 0:
            self.nav_list.setCurrentRow(0)

    def _fit_nav_list(self) -> None:
        rows = self.nav_list.count()
        height = sum(self.nav_list.sizeHintForRow(row) for row in range(rows))
        self.nav_list.setFixedHeight(height + 2 * self.nav_list.frameWidth() + 8)

    def show_page(self, row_or_key: int | str) -> None:
        row = self.page_keys.index(row_or_key) if isinstance(row_or_key, str) else row_or_key
        self.nav_list.setCurrentRow(row)

    def page(self, key: str) -> Any:
        """The page widget of a key (for the controller and the tests)."""
        if self.page_provider is not None:
            return self.page_provider(key)
        return self.pages.widget(self.page_keys.index(key))

    def current_page_key(self) -> str:
        row = self.pages.currentIndex()
        return self.page_keys[row] if 0 <= row < len(self.page_keys) else ""

    # --- events list -------------------------------------------------------------------------

    def set_events_model(self, model: QAbstractItemModel) -> None:
        """Show a (proxy) model of `EventListModel` columns in the table."""
        self.events_view.setModel(model)
        header = self.events_view.horizontalHeader()
        header.setSectionResizeMode(EventListModel.COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(
            EventListModel.COL_DATES, QHeaderView.ResizeMode.ResizeToContents
        )
        header.setResizeContentsPrecision(40)  # measure a few rows, not thousands
        # The code is in the title's tooltip; the narrow side pane keeps title and dates.
        self.events_view.setColumnHidden(EventListModel.COL_CODE, True)

    def show_guide(self) -> GuideWindow:
        """The user guide in the interface language, in a window of its own."""
        from fieldkit.gui.shell.guide import show_guide

        return show_guide(self)

    def closeEvent(self, event: Any) -> None:
        from fieldkit.gui.widgets.autosave import flush_all  # after the first paint (start-up)

        flush_all(self, final=True)  # nothing typed is lost
        for hook in self.close_hooks:
            hook()
        super().closeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("fieldkit"))
        self.file_menu.setTitle(_("&File"))
        self.new_workspace_action.setText(_("&New workspace…"))
        self.open_workspace_action.setText(_("&Open workspace…"))
        self.recent_menu.setTitle(_("Open &recent"))
        self.backup_action.setText(_("&Back up now…"))
        self.restore_action.setText(_("&Restore…"))
        self.settings_action.setText(_("&Settings…"))
        self.quit_action.setText(_("&Quit"))
        self.event_menu.setTitle(_("E&vent"))
        self.new_event_action.setText(_("&New event"))
        self.duplicate_event_action.setText(_("&Duplicate as template…"))
        self.archive_event_action.setText(_("&Archive event"))
        self.delete_event_action.setText(_("D&elete event…"))
        self.show_archived_action.setText(_("&Show archived events"))
        self.view_menu.setTitle(_("&Go"))
        self.find_action.setText(_("&Find…"))
        for number, (action, title) in enumerate(
            zip(self.page_actions, self.page_titles, strict=True), start=1
        ):
            action.setText(f"&{number} {title()}" if number <= 9 else title())
            self.nav_list.item(number - 1).setText(title())
        self.help_menu.setTitle(_("&Help"))
        self.guide_action.setText(_("&User guide"))
        guides = sys.modules.get(GUIDE_MODULE)  # none before it is loaded: none open
        if guides is not None:
            for guide in self.findChildren(guides.GuideWindow):
                guide.retranslate_ui()  # an open guide follows the window's language
        self.about_action.setText(_("&About fieldkit"))
        self.log_folder_action.setText(_("Open the &log folder"))
        self.events_label.setText(_("&Events"))
        self.filter_edit.setPlaceholderText(_("Filter by title or code"))
        self.filter_edit.setAccessibleName(_("Filter the events"))
        self.events_view.setAccessibleName(_("Events"))
        self.new_event_button.setText(_("New event"))
        self.nav_label.setText(_("&Pages"))
        self.nav_list.setAccessibleName(_("Pages of the event"))
        self.demo_bar.retranslate_ui()
        if self.nav_list.count():
            self._fit_nav_list()
