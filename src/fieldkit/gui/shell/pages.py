"""The pages of the main window, in the order of its navigation list.

Adding a page is one line in `PAGES`: a key, a callable that returns its translated title, and a
factory `factory(context) -> Page` (see `fieldkit.gui.shell.page` for what a page is and
`fieldkit.gui.shell.context` for what it may use of the window). Factories import their module
when called, and the window calls a factory when the page is first shown
(`fieldkit.gui.shell.page_host`): it starts without building pages nobody has looked at yet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fieldkit.i18n import _

if TYPE_CHECKING:
    from fieldkit.gui.shell.context import PageContext
    from fieldkit.gui.shell.page import Page

PageFactory = Callable[["PageContext"], "Page"]


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: Callable[[], str]
    factory: PageFactory


def _overview(context: PageContext) -> Page:
    from fieldkit.gui.events.overview_page import OverviewPage

    return OverviewPage(context)


def _details(context: PageContext) -> Page:
    from fieldkit.gui.events.details_page import EventDetailsPage

    return EventDetailsPage(context)


def _agenda(context: PageContext) -> Page:
    from fieldkit.gui.agenda.page import AgendaPage

    return AgendaPage(context)


def _people(context: PageContext) -> Page:
    from fieldkit.gui.people.page import PeoplePage

    return PeoplePage(context)


def _checkin(context: PageContext) -> Page:
    from fieldkit.gui.checkin.page import CheckinPage

    return CheckinPage(context)


def _notes(context: PageContext) -> Page:
    from fieldkit.gui.notes.page import NotesPage

    return NotesPage(context)


def _exchange(context: PageContext) -> Page:
    from fieldkit.gui.exchange.page import ExchangePage

    return ExchangePage(context)


def _reports(context: PageContext) -> Page:
    from fieldkit.gui.reports.page import ReportsPage

    return ReportsPage(context)


PAGES: list[PageSpec] = [
    PageSpec("overview", lambda: _("Overview"), _overview),
    PageSpec("details", lambda: _("Details"), _details),
    PageSpec("agenda", lambda: _("Agenda"), _agenda),
    PageSpec("people", lambda: _("People"), _people),
    PageSpec("checkin", lambda: _("Check-in"), _checkin),
    PageSpec("notes", lambda: _("Notes"), _notes),
    PageSpec("exchange", lambda: _("Exchange"), _exchange),
    PageSpec("reports", lambda: _("Reports"), _reports),
]
