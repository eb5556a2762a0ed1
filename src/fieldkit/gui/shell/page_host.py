"""The pages of the main window: made when first shown, kept up to date when shown.

A page is made by its factory the first time it is shown (or asked for with `page(key)`), so the
window starts without building pages nobody looked at. The page in view hears of everything at
once; a hidden page holds the changes (`Page.hold`) and catches up with the selected event and
them when it is shown again or asked for (`Page.catch_up`).

The app's own start holds the first page back until the window (its events list, with its rows)
has been painted once (`after_first_paint`): the page modules, the queries behind them and what
they import (SQLAlchemy, ReportLab for the minutes' figures) then cost nothing before the window
is seen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from fieldkit.core.model import Changes
from fieldkit.gui.shell.context import PageContext
from fieldkit.gui.shell.page import Page
from fieldkit.gui.shell.pages import PAGES, PageSpec

if TYPE_CHECKING:
    from fieldkit.gui.shell.main_window import MainWindow


class PageHost:
    def __init__(
        self, context: PageContext, window: MainWindow, *, after_first_paint: bool = False
    ) -> None:
        self.context = context
        self.window = window
        self.specs: dict[str, PageSpec] = {}
        self.pages: dict[str, Page] = {}  # the pages made so far
        self._event_id: str | None = None
        for spec in PAGES:
            self.specs[spec.key] = spec
            window.add_page(spec.key, spec.title, self._placeholder())
        window.page_provider = self.page
        window.pages.currentChanged.connect(self._on_shown)
        self._holding = after_first_paint
        if after_first_paint:
            window.events_view.after_first_paint(self._release)

    def _release(self) -> None:
        """The window has been seen: make the page in view now."""
        self._holding = False
        self._on_shown(0)

    @staticmethod
    def _placeholder() -> QLabel:
        label = QLabel()
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return label

    # --- making pages --------------------------------------------------------------------------

    def page(self, key: str) -> Page:
        """The page of `key`, made if need be, told of what it missed while hidden."""
        page = self.pages.get(key)
        if page is None:
            page = self._make(key)
        page.catch_up(self._event_id)
        return page

    def _make(self, key: str) -> Page:
        page = self.specs[key].factory(self.context)
        stack = self.window.pages
        index = self.window.page_keys.index(key)
        placeholder = stack.widget(index)
        assert placeholder is not None
        current = stack.currentIndex()
        stack.blockSignals(True)
        try:
            stack.insertWidget(index, page)
            stack.removeWidget(placeholder)
            stack.setCurrentIndex(current)
        finally:
            stack.blockSignals(False)
        placeholder.deleteLater()
        self.pages[key] = page
        return page

    # --- keeping them up to date ---------------------------------------------------------------

    def current_key(self) -> str:
        return self.window.current_page_key()

    def _on_shown(self, _index: int) -> None:
        key = self.current_key()
        if key and not self._holding:
            self.page(key)

    def show_event(self, event_id: str | None) -> None:
        self._event_id = event_id
        self._on_shown(0)

    def deliver(self, changes: Changes) -> None:
        current = self.current_key()
        for key, page in list(self.pages.items()):
            if key == current:
                page.catch_up(self._event_id)
                page.on_changes(changes)
            else:
                page.hold(changes)

    def retranslate_ui(self) -> None:
        for page in self.pages.values():
            page.retranslate_ui()
