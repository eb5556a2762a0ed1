"""The overview of one event: what it is, what it aims at, its agenda and who came.

`load_overview` asks the facade for plain values, `overview_html` turns them into escaped HTML, and
`EventOverview` shows it. The HTML is made again by `retranslate_ui`, so a language change shows.
"""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtWidgets import QTextBrowser, QWidget

from fieldkit.core.listing import EventOutline
from fieldkit.core.model import Day, Session, SessionKind
from fieldkit.gui.events.list_model import event_dates_text
from fieldkit.gui.widgets.labels import format_label, mode_label, session_kind_label
from fieldkit.i18n import _, current_locale, format_date, format_number, format_time, ngettext
from fieldkit.store import Workspace

# Everything the overview shows, read from the facade in one go.
EventOverviewData = EventOutline


def load_overview(ws: Workspace, event_id: str) -> EventOverviewData | None:
    """The overview of an event, or None when it no longer exists."""
    return ws.event_outline(event_id)


# --- HTML -------------------------------------------------------------------------------------

_STYLE = """
h1 { font-size: x-large; margin-bottom: 4px; }
h2 { font-size: large; margin-top: 16px; margin-bottom: 4px; }
h3 { font-size: medium; margin-top: 12px; margin-bottom: 2px; }
td.label { color: #555555; padding-right: 12px; }
td.time { padding-right: 12px; white-space: nowrap; }
td.kind { color: #555555; padding-left: 24px; white-space: nowrap; }
td.day { padding-top: 12px; border-bottom: 1px solid #cccccc; }
td.count { color: #555555; padding-left: 24px; white-space: nowrap; }
p.empty { color: #777777; }
"""


def _text(value: str) -> str:
    """A stored value as HTML: escaped, line breaks kept."""
    return html.escape(value.strip()).replace("\n", "<br>")


def _time(value: str, language: str) -> str:
    try:
        return format_time(dt.time.fromisoformat(value), language)
    except ValueError:
        return value


def _session_time(session: Session, language: str) -> str:
    start = _time(session.start_time, language) if session.start_time else ""
    end = _time(session.end_time, language) if session.end_time else ""
    if start and end:
        return _("{start}–{end}").format(start=start, end=end)
    if start:
        return _("from {start}").format(start=start)
    return ""


def placeholder_html(text: str) -> str:
    return f'<html><head><style>{_STYLE}</style></head><body><p class="empty">{html.escape(text)}</p></body></html>'


def _heading(text: str) -> str:
    return "<h2>" + html.escape(text) + "</h2>"


def overview_html(data: EventOverviewData, language: str | None = None) -> str:
    """The overview as HTML in the interface language; every stored value is escaped."""
    language = language or current_locale()
    event = data.event
    parts: list[str] = [f"<html><head><style>{_STYLE}</style></head><body>"]
    # No message inside an f-string: the extraction of the catalogs does not see it there.
    untitled = html.escape(_("Untitled event"))
    parts.append(f"<h1>{_text(event.title) or untitled}</h1>")

    facts: list[tuple[str, str]] = []
    dates = event_dates_text(event.start_date, event.end_date, language)
    if dates:
        facts.append((_("Dates"), html.escape(dates)))
    if event.places.strip():
        facts.append((_("Places"), _text(event.places)))
    facts.append((_("Format"), html.escape(format_label(event.format))))
    if event.code:
        facts.append((_("Code"), html.escape(event.code)))
    facts.append(
        (
            _("Registered"),
            html.escape(
                ngettext(
                    "{count} person registered", "{count} people registered", data.registered
                ).format(count=format_number(data.registered, language))
            ),
        )
    )
    parts.append("<table cellspacing='0' cellpadding='2'>")
    for label, value in facts:
        parts.append(f"<tr><td class='label'>{html.escape(label)}</td><td>{value}</td></tr>")
    parts.append("</table>")

    if event.general_objective.strip():
        parts.append(_heading(_("General objective")))
        parts.append(f"<p>{_text(event.general_objective)}</p>")

    if data.objectives:
        parts.append(_heading(_("Specific objectives")) + "<ol>")
        parts.extend(f"<li>{_text(objective.text)}</li>" for objective in data.objectives)
        parts.append("</ol>")

    if data.axes:
        parts.append(_heading(_("Thematic axes")) + "<ol>")
        for axis in data.axes:
            item = f"<b>{_text(axis.title)}</b>"
            if axis.description.strip():
                item += f"<br>{_text(axis.description)}"
            parts.append(f"<li>{item}</li>")
        parts.append("</ol>")

    parts.append(_heading(_("Agenda")))
    if not data.days:
        empty = html.escape(_("No days planned yet."))
        parts.append(f"<p class='empty'>{empty}</p>")
    else:
        sessions_by_day: dict[str, list[Session]] = {}
        for session in data.sessions:
            sessions_by_day.setdefault(session.day_id, []).append(session)
        # One table for every day, so the columns line up from day to day.
        parts.append("<table cellspacing='0' cellpadding='2' width='100%'>")
        for index, day in enumerate(data.days, start=1):
            parts.extend(_day_rows(day, index, sessions_by_day.get(day.id, []), data, language))
        parts.append("</table>")

    parts.append("</body></html>")
    return "".join(parts)


def _day_rows(
    day: Day, index: int, sessions: list[Session], data: EventOverviewData, language: str
) -> list[str]:
    if day.date is not None:
        date = format_date(day.date, language, "full")
    else:
        date = _("Day {number}").format(number=index)
    heading = f"<b>{html.escape(date)}</b>"
    if day.title.strip():
        # The translated pattern is escaped first, then filled with escaped values.
        heading = html.escape(_("{date}: {title}")).format(date=heading, title=_text(day.title))
    present = data.present_by_day.get(day.id, 0)
    count = ngettext("{count} person present", "{count} people present", present).format(
        count=format_number(present, language)
    )
    rows = [
        f"<tr><td colspan='2' class='day'>{heading}</td>"
        f"<td class='day count'>{html.escape(count)}</td></tr>"
    ]
    # The arrival (where people are checked in) opens the day, whatever its time.
    for session in sorted(sessions, key=lambda s: s.kind != SessionKind.ARRIVAL):
        time = html.escape(_session_time(session, language))
        if session.kind == SessionKind.ARRIVAL:
            check_in = html.escape(_("Check-in"))
            title = f"<i>{check_in}</i>"
            kind = html.escape(mode_label(session.mode))
        else:
            title = _text(session.title)
            kind = html.escape(
                _("{kind} · {mode}").format(
                    kind=session_kind_label(session.kind), mode=mode_label(session.mode)
                )
            )
        rows.append(
            f"<tr><td class='time' width='17%'>{time}</td><td>{title}</td>"
            f"<td class='kind' width='23%'>{kind}</td></tr>"
        )
    return rows


class EventOverview(QTextBrowser):
    """Shows the overview of the selected event, or a hint when none is selected."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self._data: EventOverviewData | None = None
        self._has_events = True
        self.retranslate_ui()

    def set_overview(self, data: EventOverviewData | None, *, has_events: bool = True) -> None:
        self._data = data
        self._has_events = has_events
        self._render()

    def overview(self) -> EventOverviewData | None:
        return self._data

    def retranslate_ui(self) -> None:
        self.setAccessibleName(_("Event overview"))
        self._render()

    def _render(self) -> None:
        if self._data is not None:
            self.setHtml(overview_html(self._data))
        elif self._has_events:
            self.setHtml(placeholder_html(_("Select an event in the list to see its overview.")))
        else:
            self.setHtml(
                placeholder_html(
                    _(
                        "There are no events in this workspace yet. Create one with "
                        "Event ▸ New event (Ctrl+N)."
                    )
                )
            )
