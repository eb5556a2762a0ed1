"""The pages of the main window, in the order of its navigation list.

Adding a page is one line in `PAGES`: a key, a callable that returns its translated title, and a
factory `factory(ws, controller) -> QWidget`. Factories import their module when called, and the
window calls a factory when the page is first shown (`fieldkit.gui.shell.page_host`): it starts without
loading or building pages nobody has looked at yet.

The page interface (duck-typed, see `Page`):

- the page is a `QWidget`;
- `set_event(event_id: str | None)` shows the event chosen in the events list (None: no event is
  selected; show a short hint, never an empty pane);
- `on_changes(changes: Changes)` is called for every mutation anywhere in the window; reload what
  the `Changes` flags concern and keep what the user is typing;
- a hidden page is told of the selected event and of the merged `Changes` when it is shown again
  (or asked for with `window.page(key)`), so it never works for nothing;
- `retranslate_ui()` sets every visible text again after a change of interface language.

What a page may use on the controller (`fieldkit.gui.shell.main_controller.MainController`):

- `controller.ws`: the workspace facade (the only door to the data);
- `controller.write(lambda: ws.save(...))`: run a facade mutation, show a plain message for a
  `UserError`, and fan the returned `Changes` out to every page (the page's own `on_changes`
  included); returns the `Changes`, or None when the write was refused;
- `controller.changed`: the signal that carries every `Changes`;
- `controller.current_event_id()`, `controller.show_error(message)`,
  `controller.run_in_background(...)` (see `fieldkit.gui.shell.worker`) and `controller.window`.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from fieldkit.core.model import Changes
from fieldkit.i18n import _

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from fieldkit.store import Workspace

PageFactory = Callable[["Workspace", Any], "QWidget"]


class Page(Protocol):
    def set_event(self, event_id: str | None) -> None: ...

    def on_changes(self, changes: Changes) -> None: ...

    def retranslate_ui(self) -> None: ...


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: Callable[[], str]
    factory: PageFactory
    available: Callable[[], bool] = lambda: True
    # A page still being written alongside: when its module does not import yet, the window
    # starts without it (and says why on stderr) instead of not starting at all.
    optional: bool = False


def module_exists(name: str) -> bool:
    """True when a module can be imported (a page still being written is simply left out)."""
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def _overview(ws: Workspace, controller: Any) -> QWidget:
    from fieldkit.gui.events.overview_page import OverviewPage

    return OverviewPage(ws, controller)


def _details(ws: Workspace, controller: Any) -> QWidget:
    from fieldkit.gui.events.details_page import EventDetailsPage

    return EventDetailsPage(ws, controller)


def _agenda(ws: Workspace, controller: Any) -> QWidget:
    from fieldkit.gui.agenda.page import AgendaPage

    return AgendaPage(ws, controller)


def _people(ws: Workspace, controller: Any) -> QWidget:
    from fieldkit.gui.people.page import PeoplePage

    return PeoplePage(ws, controller)


CHECKIN_MODULE = "fieldkit.gui.checkin.page"


def _checkin(ws: Workspace, controller: Any) -> QWidget:
    # Imported by name: the package is written alongside and may not be there yet.
    module = importlib.import_module(CHECKIN_MODULE)
    page: QWidget = module.CheckinPage(ws, controller)
    return page


PAGES: list[PageSpec] = [
    PageSpec("overview", lambda: _("Overview"), _overview),
    PageSpec("details", lambda: _("Details"), _details),
    PageSpec("agenda", lambda: _("Agenda"), _agenda),
    PageSpec("people", lambda: _("People"), _people),
    PageSpec(
        "checkin",
        lambda: _("Check-in"),
        _checkin,
        lambda: module_exists(CHECKIN_MODULE),
        optional=True,
    ),
    PageSpec(
        "notes",
        lambda: _("Notes"),
        lambda ws, c: importlib.import_module("fieldkit.gui.notes.page").NotesPage(ws, c),
        lambda: module_exists("fieldkit.gui.notes.page"),
        optional=True,
    ),
    PageSpec(
        "exchange",
        lambda: _("Exchange"),
        lambda ws, c: importlib.import_module("fieldkit.gui.exchange.page").ExchangePage(ws, c),
        lambda: module_exists("fieldkit.gui.exchange.page"),
        optional=True,
    ),
    PageSpec(
        "reports",
        lambda: _("Reports"),
        lambda ws, c: importlib.import_module("fieldkit.gui.reports.page").ReportsPage(ws, c),
        lambda: module_exists("fieldkit.gui.reports.page"),
        optional=True,
    ),
]


def available_pages() -> list[PageSpec]:
    return [spec for spec in PAGES if spec.available()]
