"""The overview of one event: what it is, what it aims at, who it is with, its agenda, who came.

`load_overview` asks the facade for plain values, `overview_html` turns them into escaped HTML, and
`EventOverview` shows it. The HTML is made again by `retranslate_ui`, so a language change shows.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from PySide6.QtWidgets import QTextBrowser, QWidget

from fieldkit.core.listing import EventOutline
from fieldkit.core.model import (
    Day,
    EventPartner,
    Organisation,
    PartnerRole,
    Programme,
    Session,
    SessionKind,
)
from fieldkit.core.text import fold
from fieldkit.gui.events.list_model import event_dates_text
from fieldkit.gui.widgets.labels import format_label, mode_label, session_kind_label
from fieldkit.i18n import (
    _,
    current_locale,
    format_date,
    format_list,
    format_number,
    format_time,
    ngettext,
)
from fieldkit.reports.text import PARTNER_ROLE_LABELS  # the minutes' words: "Organised by"…
from fieldkit.store import Workspace


@dataclass(frozen=True)
class PartnerLine:
    name: str
    short_name: str = ""
    role: PartnerRole = PartnerRole.PARTNER


@dataclass(frozen=True)
class EventOverviewData:
    """Everything the overview shows: the outline, and what the minutes' cover names too."""

    outline: EventOutline
    programme: str = ""
    partners: tuple[PartnerLine, ...] = ()  # by role, in the order of PartnerRole, then by name


def load_overview(ws: Workspace, event_id: str) -> EventOverviewData | None:
    """The overview of an event, or None when it no longer exists."""
    outline = ws.event_outline(event_id)
    if outline is None:
        return None
    programme = ""
    if outline.event.programme_id:
        found = ws.get(Programme, outline.event.programme_id)
        programme = found.name if found else ""
    links = ws.list(EventPartner, where={"event_id": event_id})
    ids = sorted({link.organisation_id for link in links})
    organisations = {o.id: o for o in ws.list(Organisation, where={"id": ids})}
    order = {role: index for index, role in enumerate(PartnerRole)}
    partners = sorted(
        (
            PartnerLine(org.name, org.short_name, link.role)
            for link in links
            if (org := organisations.get(link.organisation_id)) is not None
        ),
        key=lambda p: (order[p.role], fold(p.name), p.name),
    )
    return EventOverviewData(outline, programme, tuple(partners))


# --- HTML -------------------------------------------------------------------------------------

_STYLE = """
h1 { font-size: x-large; margin-bottom: 4px; }
h2 { font-size: large; margin-top: 16px; margin-bottom: 4px; }
h3 { font-size: medium; margin-top: 12px; margin-bottom: 2px; }
td.label { color: #555555; padding-right: 12px; vertical-align: top; }
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


def overview_html(overview: EventOverviewData, language: str | None = None) -> str:
    """The overview as HTML in the interface language; every stored value is escaped."""
    language = language or current_locale()
    data = overview.outline
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
    if overview.programme.strip():
        facts.append((_("Programme"), _text(overview.programme)))
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

    parts += _partners(overview.partners, language)

    if event.context.strip():
        parts.append(_heading(_("Context")))
        parts += [f"<p>{_text(block)}</p>" for block in _paragraphs(event.context)]

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


def _paragraphs(value: str) -> list[str]:
    """Typed text split at its blank lines."""
    blocks: list[list[str]] = [[]]
    for line in value.strip().splitlines():
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return ["\n".join(block) for block in blocks if block]


def _partners(partners: tuple[PartnerLine, ...], language: str) -> list[str]:
    """The partner organisations grouped by role, as the cover of the minutes names them."""
    if not partners:
        return []
    parts = [
        _heading(_("Partner organisations")),
        "<table cellspacing='0' cellpadding='2'>",
    ]
    for role in PartnerRole:
        names = [
            _("{name} ({short_name})").format(name=p.name, short_name=p.short_name)
            if p.short_name and fold(p.short_name) not in fold(p.name)  # not "X (X)"
            else p.name
            for p in partners
            if p.role == role
        ]
        if names:
            label = html.escape(_(PARTNER_ROLE_LABELS[role]))
            parts.append(
                f"<tr><td class='label'>{label}</td>"
                f"<td>{_text(format_list(names, language))}</td></tr>"
            )
    parts.append("</table>")
    return parts


def _day_rows(
    day: Day, index: int, sessions: list[Session], data: EventOutline, language: str
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
