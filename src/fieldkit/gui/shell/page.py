"""The base class of every page of the main window: its write path, its catching up, its texts.

A page is made with the window's `PageContext` and overrides three methods:

- `set_event(event_id)`: show the event chosen in the events list (None: no event; show a short
  hint, never an empty pane);
- `on_changes(changes)`: a write changed something somewhere; reload what the `Changes` flags
  concern and keep what the user is typing. The echo of the page's own writes comes with
  `changes.initiator` set to the page (`self.is_own(changes)`), so a page that already shows
  what it wrote skips it without a flag of its own;
- `retranslate_ui()`: set every visible text again after a change of interface language.

The page host tells the page in view of everything at once; a hidden page keeps the selected
event and the merged `Changes` here until it is shown again (`catch_up`), so it never works for
nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QWidget

from fieldkit.core.model import Changes, Result
from fieldkit.gui.shell.context import PageContext

T = TypeVar("T")
_UNTOLD = object()  # no event told yet


class Page(QWidget):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.ws = context.ws
        self._held = Changes()
        self._told: object = _UNTOLD
        if not context.hosted:  # on its own: no host delivers, hear of every write directly
            context.changed.connect(self.on_changes)

    # --- what a page overrides -----------------------------------------------------------------

    def set_event(self, event_id: str | None) -> None:
        raise NotImplementedError

    def on_changes(self, changes: Changes) -> None:
        raise NotImplementedError

    def retranslate_ui(self) -> None:
        raise NotImplementedError

    # --- writing -------------------------------------------------------------------------------

    def write(self, operation: Callable[[], Result[T]]) -> Result[T] | None:
        """Run a facade operation as this page: a refusal goes to `refused`, the changes to every
        page (this one's `on_changes` sees them as its own); None when refused."""
        return self.context.write(operation, initiator=self, refused=self.refused)

    def refused(self, message: str) -> None:
        """Show a refusal; pages that have a place for it in view override this."""
        self.context.show_error(message)

    def is_own(self, changes: Changes) -> bool:
        """True for the echo of this page's own write."""
        return changes.initiator is self

    # --- kept up to date by the page host ------------------------------------------------------

    def hold(self, changes: Changes) -> None:
        """Keep changes made while the page is hidden, for when it is shown."""
        self._held |= changes

    def catch_up(self, event_id: str | None) -> None:
        """Shown again (or asked for): the selected event, then what changed meanwhile."""
        if self._told is _UNTOLD or self._told != event_id:
            self._told = event_id
            self.set_event(event_id)
        held, self._held = self._held, Changes()
        if held.anything:
            self.on_changes(held)
