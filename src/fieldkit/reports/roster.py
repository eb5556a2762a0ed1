"""Who and when the paper of the event is for: the registered people and the event's days.

Gathered through the facade only and left as plain data, the people in the order of
`core.checkin_sheet.sheet_order` (the rows of the sign-in sheet that check-in reads back). The
sign-in sheets and the badges are pure functions of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldkit.core.checkin_sheet import sheet_order
from fieldkit.core.errors import NotFound
from fieldkit.core.listing import PersonRow
from fieldkit.i18n import _, ngettext
from fieldkit.reports.data import DayInfo, EventInfo, SessionInfo
from fieldkit.reports.gather import LOGO_SETTING, ORGANISATION_SETTING
from fieldkit.store import Workspace


@dataclass(frozen=True)
class Roster:
    event: EventInfo
    days: tuple[DayInfo, ...]  # every day of the event, with its sessions
    people: tuple[PersonRow, ...]  # the registered people, in sheet order
    organisation: str = ""
    logo: bytes | None = None

    def day(self, number: int) -> DayInfo:
        return self.days[number - 1]

    def session(self, session_id: str) -> SessionInfo:
        for day in self.days:
            for session in day.sessions:
                if session.id == session_id:
                    return session
        raise KeyError(session_id)


def gather_roster(ws: Workspace, event_ref: str) -> Roster:
    """The event's registered people and days; NotFound (one sentence) for an unknown event."""
    event = ws.find_event(event_ref)
    sessions = ws.event_sessions(event.id)
    days = []
    for number, day in enumerate(ws.event_days(event.id), start=1):
        days.append(
            DayInfo(
                number,
                day.date,
                day.title,
                tuple(
                    SessionInfo(
                        id=s.id,
                        day_number=number,
                        start_time=s.start_time,
                        end_time=s.end_time,
                        title=s.title,
                        kind=s.kind,
                        mode=s.mode,
                        room=s.room,
                        facilitator=s.facilitator,
                        names_taken=s.names_taken,
                    )
                    for s in sessions
                    if s.day_id == day.id
                ),
            )
        )
    logo = ws.setting(LOGO_SETTING)
    return Roster(
        event=EventInfo(
            code=event.code,
            title=event.title,
            start_date=event.start_date,
            end_date=event.end_date,
            places=event.places,
            format=event.format,
        ),
        days=tuple(days),
        people=tuple(sheet_order(row for row in ws.people_rows(event.id) if row.registered)),
        organisation=str(ws.setting(ORGANISATION_SETTING) or ""),
        logo=ws.blob(logo) if isinstance(logo, str) and logo else None,
    )


def check_scope(roster: Roster, day: int | None, session_id: str | None) -> None:
    """NotFound, with one sentence, for a day or a session that the event does not have."""
    count = len(roster.days)
    if day is not None and not 1 <= day <= count:
        raise NotFound(
            ngettext(
                "The event {code} has no day {number}; it has {count} day.",
                "The event {code} has no day {number}; it has {count} days.",
                count,
            ).format(code=roster.event.code, number=day, count=count)
        )
    if session_id is not None:
        try:
            roster.session(session_id)
        except KeyError:
            raise NotFound(
                _("The event {code} has no session with the id {id}.").format(
                    code=roster.event.code, id=session_id
                )
            ) from None
