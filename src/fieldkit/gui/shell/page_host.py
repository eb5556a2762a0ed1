"""The pages of the main window: made when first shown, kept up to date when shown.

A page is made by its factory the first time it is shown (or asked for with `page(key)`), so the
window starts without building pages nobody looked at. A hidden page is not disturbed by every
selection and edit: it is told of the selected event and of the merged `Changes` when it is shown
again (or asked for). The page in view hears of everything at once.

The app's own start holds the first page back until the window (its events list, with its rows)
has been painted once (`after_first_paint`): the page modules, the queries behind them and what
they import (ReportLab for the minutes' figures) then cost nothing before the window is seen.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from fieldkit.core.model import Changes
from fieldkit.gui.shell.pages import PageSpec, available_pages
from fieldkit.i18n import _
from fieldkit.store import Workspace


class _FirstPaint(QObject):
    """Calls `then` once, after the first paint of the widget it watches is over."""

    def __init__(self, widget: QWidget, then: Any) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._then is not None:
            then, self._then = self._then, None
            watched.removeEventFilter(self)
            QTimer.singleShot(0, then)
        return False


class PageHost:
    def __init__(
        self, ws: Workspace, controller: Any, window: Any, *, after_first_paint: bool = False
    ) -> None:
        self.ws = ws
        self.controller = controller
        self.window = window
        self.specs: dict[str, PageSpec] = {}
        self.pages: dict[str, QWidget] = {}  # the pages made so far
        self._event_id: str | None = None
        self._told_event: dict[str, str | None] = {}
        self._pending: dict[str, Changes] = {}
        for spec in available_pages():
            self.specs[spec.key] = spec
            window.add_page(spec.key, spec.title, self._placeholder())
        window.page_provider = self.page
        window.pages.currentChanged.connect(self._on_shown)
        self._holding = after_first_paint
        if after_first_paint:
            _FirstPaint(window.events_view.viewport(), self._release)

    def _release(self) -> None:
        """The window has been seen: make the page in view now."""
        self._holding = False
        self._on_shown(0)

    def _placeholder(self) -> QLabel:
        label = QLabel()
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return label

    # --- making pages --------------------------------------------------------------------------

    def page(self, key: str) -> QWidget:
        """The page of `key`, made if need be, told of what it missed while hidden."""
        page = self.pages.get(key)
        if page is None:
            page = self._make(key)
        self._bring_up_to_date(key)
        return page

    def _make(self, key: str) -> QWidget:
        spec = self.specs[key]
        try:
            page = spec.factory(self.ws, self.controller)
        except ImportError as error:
            if not spec.optional:
                raise
            print(f"fieldkit: the page {key!r} is left out: {error}", file=sys.stderr)
            label = self._placeholder()
            label.setText(_("This page is not available in this version of fieldkit."))
            page = label
            page.set_event = lambda _event_id: None  # type: ignore[attr-defined]
            page.on_changes = lambda _changes: None  # type: ignore[attr-defined]
            page.retranslate_ui = lambda: None  # type: ignore[attr-defined]
        stack = self.window.pages
        index = self.window.page_keys.index(key)
        placeholder = stack.widget(index)
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
        self._told_event.pop(key, None)
        return page

    # --- keeping them up to date ---------------------------------------------------------------

    def current_key(self) -> str:
        key: str = self.window.current_page_key()
        return key

    def _bring_up_to_date(self, key: str) -> None:
        page = self.pages[key]
        if key not in self._told_event or self._told_event[key] != self._event_id:
            self._told_event[key] = self._event_id
            page.set_event(self._event_id)  # type: ignore[attr-defined]
        changes = self._pending.pop(key, None)
        if changes is not None and changes.anything:
            page.on_changes(changes)  # type: ignore[attr-defined]

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
            if key == current and key in self._told_event:
                page.on_changes(changes)  # type: ignore[attr-defined]
            else:
                self._pending[key] = self._pending.get(key, Changes()) | changes

    def retranslate_ui(self) -> None:
        for page in self.pages.values():
            page.retranslate_ui()  # type: ignore[attr-defined]
