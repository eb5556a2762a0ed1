"""The Overview page: what the selected event is, what it aims at, its agenda and who came."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from fieldkit.core.errors import UserError
from fieldkit.core.model import Changes
from fieldkit.gui.events.overview import EventOverview, load_overview
from fieldkit.gui.shell.context import PageContext
from fieldkit.gui.shell.page import Page


class OverviewPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.event_id: str | None = None
        self.overview = EventOverview(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.overview)

    def set_event(self, event_id: str | None) -> None:
        self.event_id = event_id
        self.reload()

    def reload(self) -> None:
        data = None
        if self.event_id:
            try:
                data = load_overview(self.ws, self.event_id)
            except UserError as error:
                self.context.show_error(error.message)
        has_events = data is not None or bool(self.ws.events())
        self.overview.set_overview(data, has_events=has_events)

    def on_changes(self, changes: Changes) -> None:
        if changes.anything:
            self.reload()

    def retranslate_ui(self) -> None:
        self.overview.retranslate_ui()
