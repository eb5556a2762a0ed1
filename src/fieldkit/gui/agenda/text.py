"""How the agenda names days, times and sessions in the interface language."""

from __future__ import annotations

from fieldkit.core.model import Day, Session, SessionKind
from fieldkit.gui.widgets.labels import mode_label, session_kind_label
from fieldkit.i18n import _, current_locale, date_text, format_date, time_text


def session_time_text(session: Session) -> str:
    start = time_text(session.start_time) if session.start_time else ""
    end = time_text(session.end_time) if session.end_time else ""
    if start and end:
        return _("{start}–{end}").format(start=start, end=end)
    if start:
        return _("from {start}").format(start=start)
    return ""


def day_text(day: Day, number: int) -> str:
    """'Monday, October 11, 2021: Inauguración', or 'Day 2' for a day without a date."""
    if day.date is not None:
        date = format_date(day.date, current_locale(), "full")
    else:
        date = _("Day {number}").format(number=number)
    if day.title.strip():
        return _("{date}: {title}").format(date=date, title=day.title.strip())
    return date


def day_short_text(day: Day, number: int) -> str:
    """'Mon, Oct 11' or 'Day 2': for menus and combo boxes."""
    if day.date is not None:
        return date_text(day.date)
    return _("Day {number}").format(number=number)


def session_title_text(session: Session) -> str:
    if session.kind == SessionKind.ARRIVAL:
        return _("Check-in")
    return session.title.strip() or _("Untitled session")


def session_kind_text(session: Session) -> str:
    if session.kind == SessionKind.ARRIVAL:
        return mode_label(session.mode)
    return _("{kind} · {mode}").format(
        kind=session_kind_label(session.kind), mode=mode_label(session.mode)
    )


def session_place_text(session: Session) -> str:
    """The room, the link, or both."""
    parts = [part for part in (session.room.strip(), session.link.strip()) if part]
    return " · ".join(parts)
