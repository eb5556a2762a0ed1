"""The Event menu: new, duplicate as template, archive or restore, delete, show archived."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox

from fieldkit.core.ids import new_id
from fieldkit.core.model import Event
from fieldkit.core.template import free_code
from fieldkit.gui.widgets.confirm import confirm_removal
from fieldkit.gui.widgets.duplicate_dialog import DuplicateEventDialog
from fieldkit.i18n import _

if TYPE_CHECKING:
    from fieldkit.gui.shell.main_controller import MainController


class EventActions(QObject):
    def __init__(self, controller: MainController) -> None:
        super().__init__(controller)
        self.controller = controller
        self.ws = controller.ws
        self.window = controller.window
        self.dialog: DuplicateEventDialog | None = None
        controller.event_changed.connect(lambda _id: self.update_actions())
        controller.changed.connect(lambda _changes: self.update_actions())
        self.update_actions()

    def current(self) -> Event | None:
        event_id = self.controller.current_event_id()
        return self.ws.get(Event, event_id) if event_id else None

    def update_actions(self) -> None:
        event = self.current()
        window = self.window
        for action in (
            window.duplicate_event_action,
            window.archive_event_action,
            window.delete_event_action,
        ):
            action.setEnabled(event is not None)
        archived = event is not None and event.archived
        window.archive_event_action.setText(
            _("&Restore from the archive") if archived else _("&Archive event")
        )

    def new_event(self) -> None:
        today = dt.date.today()
        code = free_code(f"EV-{today.year}", self.ws.event_codes())
        event = Event(
            id=new_id(), code=code, title=_("New event"), start_date=today, end_date=today
        )
        if self.controller.write(lambda: self.ws.save(event)) is None:
            return
        self.window.filter_edit.clear()
        self.controller.select_event(event.id)
        self.window.show_page("details")
        page = self.window.page("details")
        page.title_edit.setFocus()
        page.title_edit.selectAll()

    def duplicate_event(self) -> DuplicateEventDialog | None:
        event = self.current()
        if event is None:
            return None
        dialog = DuplicateEventDialog(event, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._duplicate(event, dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _duplicate(self, event: Event, dialog: DuplicateEventDialog) -> None:
        title, start = dialog.title(), dialog.start_date()
        copy = self.controller.write(
            lambda: self.ws.duplicate_event(event.id, title=title, start_date=start)
        )
        if copy is not None:
            self.window.filter_edit.clear()
            self.controller.select_event(copy.value.id)

    def toggle_archived(self) -> None:
        event = self.current()
        if event is None:
            return
        archive = not event.archived
        self.controller.write(lambda: self.ws.update(Event, event.id, archived=archive))
        if archive:
            self.window.statusBar().showMessage(
                _("“{title}” is archived; Event ▸ Show archived events lists it again.").format(
                    title=event.title
                ),
                8000,
            )

    def set_show_archived(self, show: bool) -> None:
        self.controller.proxy.set_show_archived(show)
        if not self.controller.select_event(self.controller.current_event_id() or ""):
            self.controller.reload_events()

    def delete_event(self) -> QMessageBox | None:
        event = self.current()
        if event is None:
            return None
        return confirm_removal(
            self.window,
            _("Delete event"),
            _(
                "Delete “{title}” with its agenda, attendance and notes? "
                "The people stay in the workspace. Archiving keeps the event out of sight "
                "without deleting it."
            ).format(title=event.title),
            _("Delete"),
            lambda: self.controller.write(lambda: self.ws.delete(Event, event.id)),
        )
