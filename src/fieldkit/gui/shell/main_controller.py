"""Wires the main window to a workspace: the events list, the pages, the menus, the demo offer.

The controller makes the window's `PageContext` (`fieldkit.gui.shell.context`) and hands it to
every page. Every write returns a `Result`; the context's `changed` signal carries its `Changes`
here, and the page host fans them out to the pages, each deciding whether to reload.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox

import fieldkit
from fieldkit.core.errors import UserError
from fieldkit.core.model import Changes, Result
from fieldkit.gui.events.actions import EventActions
from fieldkit.gui.events.list_model import EventFilterProxyModel, EventListModel
from fieldkit.gui.shell.backup_actions import BackupActions
from fieldkit.gui.shell.context import PageContext
from fieldkit.gui.shell.damaged import DamageWatch, watch_for_damage
from fieldkit.gui.shell.main_window import MainWindow
from fieldkit.gui.shell.page import Page
from fieldkit.gui.shell.page_host import PageHost
from fieldkit.gui.shell.portable_mode import install_portable_mode
from fieldkit.gui.shell.qt_language import apply_language
from fieldkit.gui.shell.ui_state import restore_window_state, save_window_state
from fieldkit.gui.shell.workspace_actions import WorkspaceActions
from fieldkit.i18n import _
from fieldkit.paths import is_portable, log_dir
from fieldkit.store import Workspace

DEMO_OFFERED = "demo_offered"
T = TypeVar("T")


class MainController(QObject):
    event_changed = Signal(object)  # the selected event's id, or None

    def __init__(
        self, ws: Workspace, window: MainWindow, *, pages_after_first_paint: bool = False
    ) -> None:
        super().__init__(window)
        self.ws = ws
        self.window = window
        self.model = EventListModel(self)
        self.proxy = EventFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        window.set_events_model(self.proxy)
        window.events_view.sortByColumn(EventListModel.COL_DATES, Qt.SortOrder.DescendingOrder)
        self._current_event_id: str | None = None
        self.context = PageContext(
            ws, window=window, current_event=self.current_event_id, hosted=True
        )
        self.changed = self.context.changed  # every Changes of every write

        window.filter_edit.textChanged.connect(self._on_filter_changed)
        window.events_view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self._wire(window.quit_action, window.close)
        self._wire(window.about_action, self.show_about)
        self._wire(window.log_folder_action, self.open_log_folder)
        self._wire(window.find_action, self.find)
        window.demo_bar.accepted.connect(self.add_demo)
        window.demo_bar.declined.connect(self.decline_demo)
        self.changed.connect(self._on_changes)

        self.host = PageHost(self.context, window, after_first_paint=pages_after_first_paint)
        self.event_actions = EventActions(self)
        self._wire(window.new_event_action, self.event_actions.new_event)
        self._wire(window.duplicate_event_action, self.event_actions.duplicate_event)
        self._wire(window.archive_event_action, self.event_actions.toggle_archived)
        self._wire(window.delete_event_action, self.event_actions.delete_event)
        window.show_archived_action.toggled.connect(self.event_actions.set_show_archived)
        window.new_event_button.clicked.connect(self.event_actions.new_event)
        self.workspace_actions = WorkspaceActions(
            self.context, window, self.set_interface_language, _open_main_window
        )
        self.damage_watch: DamageWatch | None = None  # the app's windows check their file
        self._wire(window.open_workspace_action, self.workspace_actions.open_workspace)
        self._wire(window.new_workspace_action, self.workspace_actions.new_workspace)
        self.backup_actions = BackupActions(self.context, window)
        self._wire(window.backup_action, self.backup_actions.back_up_now)
        self._wire(window.restore_action, self.backup_actions.restore)
        self._wire(window.settings_action, self.workspace_actions.show_settings)
        window.statusBar().showMessage(str(ws.path))
        self.reload_events()
        if ws.is_empty() and not ws.setting(DEMO_OFFERED, False):
            window.demo_bar.show()

    def _wire(self, action: QAction, slot: Callable[[], object]) -> None:
        action.triggered.connect(lambda _checked=False: slot())

    # --- writing -----------------------------------------------------------------------------

    def write(self, operation: Callable[[], Result[T]]) -> Result[T] | None:
        """Run a facade operation for the window's menus (see `PageContext.write`)."""
        return self.context.write(operation, initiator=self)

    # --- events list -------------------------------------------------------------------------

    def find(self) -> None:
        """Ctrl+F: the search field of the page in view, else the events' filter."""
        key = self.window.current_page_key()
        page = self.pages.get(key)
        focus = getattr(page, "focus_search", None)
        if callable(focus):
            focus()
            return
        self.window.filter_edit.setFocus()
        self.window.filter_edit.selectAll()

    def has_events(self) -> bool:
        return self.model.rowCount() > 0

    def reload_events(self) -> None:
        """Read the events again, keeping the selected one when it is still there."""
        keep = self._current_event_id
        self.model.set_events(self.ws.events())
        self._current_event_id = None
        if not self.select_event(keep or "") and self.proxy.rowCount() > 0:
            self._select_proxy_row(0)
        if self._current_event_id is None:
            self._show_event(None)

    def select_event(self, event_id: str) -> bool:
        """Select an event in the list; False when it is not shown."""
        row = self.model.row_of(event_id) if event_id else -1
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self._select_proxy_row(index.row())
        return True

    def current_event_id(self) -> str | None:
        return self._current_event_id

    def _select_proxy_row(self, row: int) -> None:
        view = self.window.events_view
        index = self.proxy.index(row, 0)
        view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        view.scrollTo(index)

    def _on_filter_changed(self, text: str) -> None:
        self.proxy.set_filter_text(text)
        current = self.window.events_view.currentIndex()
        if (
            not current.isValid() or not self.window.events_view.selectionModel().hasSelection()
        ) and self.proxy.rowCount() > 0:
            self._select_proxy_row(0)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        event_id = current.data(EventListModel.EventIdRole) if current.isValid() else None
        if event_id == self._current_event_id:
            return
        self._current_event_id = event_id
        self._show_event(event_id)

    def _show_event(self, event_id: str | None) -> None:
        self.host.show_event(event_id)
        self.event_changed.emit(event_id)

    @property
    def pages(self) -> dict[str, Page]:
        """The pages made so far, by key (see `PageHost`)."""
        return self.host.pages

    def page(self, key: str) -> Page:
        return self.host.page(key)

    # --- changes -----------------------------------------------------------------------------

    def _on_changes(self, changes: Changes) -> None:
        if changes.events:
            self.reload_events()
        self.host.deliver(changes)

    # --- the demo offer ----------------------------------------------------------------------

    def add_demo(self) -> None:
        from fieldkit import demo  # imported only when the offer is taken

        self.window.demo_bar.hide()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            installed = self.write(lambda: demo.install_demo(self.ws))
            if installed is not None:
                self.ws.set_setting(DEMO_OFFERED, True)
        except UserError as error:
            installed = None
            self.show_error(error.message)
        finally:
            QApplication.restoreOverrideCursor()
        if installed is None:
            self.window.demo_bar.show()

    def decline_demo(self) -> None:
        self.window.demo_bar.hide()
        try:
            self.ws.set_setting(DEMO_OFFERED, True)
        except UserError as error:
            self.show_error(error.message)

    # --- dialogs (never blocking: opened with open(), not exec()) -------------------------------

    def show_error(self, message: str) -> QMessageBox:
        return self.context.show_error(message)

    def show_about(self) -> QMessageBox:
        import html  # its entity table is not needed before the first paint

        box = QMessageBox(self.window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowTitle(_("About fieldkit"))
        box.setTextFormat(Qt.TextFormat.RichText)
        title = html.escape(_("fieldkit {version}").format(version=fieldkit.__version__))
        body = html.escape(
            _(
                "Offline attendance, notes and PDF minutes for workshops, "
                "exchange missions and encounters."
            )
        )
        workspace = html.escape(_("Workspace: {path}").format(path=self.ws.path))
        logs = html.escape(_("Log files: {path}").format(path=log_dir()))
        licence = html.escape(_("Free software under the GNU General Public License, v3 or later."))
        box.setText(
            f"<h3>{title}</h3><p>{body}</p><p>{licence}</p>"
            f"<p><small>{workspace}<br>{logs}</small></p>"
        )
        box.setIcon(QMessageBox.Icon.Information)
        box.open()
        return box

    def open_log_folder(self) -> None:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def set_interface_language(self, language: str | None, formats: str | None = None) -> None:
        """Show the window in another language or with other formats now (None: the
        environment's); Qt's own texts (Cancel, the file dialogs) follow."""
        apply_language(language, formats)
        self.retranslate_ui()

    def update_title(self) -> None:
        title = (
            _("{workspace} — fieldkit (portable)")  # the same stick is the same laptop anywhere
            if is_portable()
            else _("{workspace} — fieldkit")
        )
        self.window.setWindowTitle(title.format(workspace=self.ws.path.stem))

    def retranslate_ui(self) -> None:
        self.model.retranslate_ui()
        self.window.retranslate_ui()
        self.update_title()
        self.host.retranslate_ui()


def _open_main_window(ws: Workspace) -> MainWindow:
    """The window of another workspace (File > Open), which owns it."""
    return create_main_window(ws, owns_workspace=True)


def create_main_window(ws: Workspace, *, owns_workspace: bool = False) -> MainWindow:
    """A main window showing `ws`, with its controller as `window.controller`.

    With `owns_workspace`, the window remembers its size and splitters from the last run and
    closes the workspace when it closes (the app's windows); without, it leaves both alone
    (tests and screenshots). The app's windows also make their first page once the events list
    has been painted, so the window is seen before any page module is loaded.
    """
    window = MainWindow()
    window.controller = MainController(ws, window, pages_after_first_paint=owns_workspace)

    def add_retention_notice() -> None:
        # The reminder of personal data due for erasure (fieldkit.gui.people.retention), made
        # and looked up once the window has been seen, so the start loads nothing more.
        from fieldkit.gui.people.retention import install_retention_notice

        window.retention_notice = install_retention_notice(  # type: ignore[attr-defined]
            window, window.controller.context, check=owns_workspace
        )

    if owns_workspace:
        window.events_view.after_first_paint(add_retention_notice)
    else:
        add_retention_notice()
    if owns_workspace:
        restore_window_state(window)
        window.close_hooks.append(lambda: save_window_state(window))
        window.close_hooks.append(ws.close)
        install_portable_mode(window, ws)  # a checked copy at each close, on a USB stick
        # SQLite's full check of the file, in the background once the window is painted.
        actions = window.controller.workspace_actions
        window.controller.damage_watch = watch_for_damage(
            window, ws, actions.open_workspace, actions.recover_from
        )
        window.controller.backup_actions.schedule_daily()  # the day's first copy, off the GUI
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.controller.update_title()
    return window
