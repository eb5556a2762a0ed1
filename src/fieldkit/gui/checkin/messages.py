"""The sentences of the check-in screen: the banner after each action, the days and sessions."""

from __future__ import annotations

import datetime as dt

from fieldkit.core.model import AttendanceMode
from fieldkit.gui.checkin.panels import Tone, present_of
from fieldkit.i18n import _, current_locale, format_date, format_list, ngettext, time_text
from fieldkit.store.door import Kind, Outcome, Target


def _time(value: dt.datetime | None) -> str:
    return time_text(value) if value else ""


def _day(target: Target) -> str:
    if target.day.date is not None:
        return format_date(target.day.date, current_locale(), "full")
    return _("Day {number}").format(number=target.day_number)


def target_text(target: Target) -> str:
    """A line of the day or session chooser."""
    if target.is_day:
        return _("{day}: arrival (the whole day)").format(day=_day(target))
    session = target.session
    title = session.title or _("Untitled session")
    if not session.names_taken:
        title = _("{title} (head count)").format(title=title)
    if session.start_time:
        return _("{day}, {time}: {title}").format(
            day=_day(target), time=time_text(session.start_time), title=title
        )
    return _("{day}: {title}").format(day=_day(target), title=title)


def scope_text(target: Target) -> str:
    """What the counters count."""
    if not target.names_taken:
        return _("Head count at {title}").format(title=target.session.title or _("this session"))
    if target.is_day:
        return _("Present on {day}, at any session").format(day=_day(target))
    return _("Present at {title}").format(title=target.session.title or _("this session"))


def ready_text(target: Target, paper: bool) -> tuple[str, str]:
    """The banner before the first action at a day or session: where, and what to do."""
    if not target.names_taken:
        hint = _("Names are not taken here: count heads with + and −.")
    elif paper:
        hint = _("Type the row numbers ticked on the signed sheet, then Enter.")
    else:
        hint = _("Type a name or scan a badge, then press Enter.")
    return target_text(target), hint


def banner_text(outcome: Outcome) -> tuple[Tone, str, str]:
    """The banner after an action: its tone, its large line and its smaller line."""
    person = outcome.person
    name = person.full_name if person else ""
    at = _time(outcome.at)
    count = present_of(outcome.counts)
    kind = outcome.kind
    if kind is Kind.CHECKED_IN:
        if outcome.registered_now:  # known to the workspace, registered on the spot
            detail = _("Registered and checked in at {time} · {count}")
        elif outcome.mode is AttendanceMode.VIRTUAL:
            detail = _("Checked in at {time}, virtually · {count}")
        else:
            detail = _("Checked in at {time} · {count}")
        return Tone.DONE, _("✓ {name}").format(name=name), detail.format(time=at, count=count)
    if kind is Kind.WALK_IN:
        return (
            Tone.DONE,
            _("✓ {name} (walk-in)").format(name=name),
            _("Added and checked in at {time} · {count}").format(time=at, count=count),
        )
    if kind is Kind.ALREADY:
        return (
            Tone.ALREADY,
            _("{name} is already checked in").format(name=name),
            _("Since {time}; not counted twice · {count}").format(time=at, count=count),
        )
    if kind is Kind.MODE_CHANGED:
        mode = _("virtual") if outcome.mode is AttendanceMode.VIRTUAL else _("in person")
        return (
            Tone.DONE,
            _("{name}: now {mode}").format(name=name, mode=mode),
            _("Checked in at {time} · {count}").format(time=at, count=count),
        )
    if kind is Kind.UNDONE:
        return Tone.UNDONE, _("Undone: {what}").format(what=outcome.label), count
    if kind is Kind.NOTHING_TO_UNDO:
        return Tone.ALREADY, _("Nothing to undo."), count
    if kind is Kind.LEFT_EARLY:
        return (
            Tone.UNDONE,
            _("{name} left early").format(name=name),
            _("At {time} · {count}").format(time=at, count=count),
        )
    if kind is Kind.NOT_PRESENT:
        return Tone.PROBLEM, _("{name} is not checked in here.").format(name=name), count
    if kind is Kind.MOVED:
        where = target_text(outcome.destination) if outcome.destination else ""
        return (
            Tone.UNDONE,
            _("{name} moved").format(name=name),
            _("Now checked in at {session} · {count}").format(session=where, count=count),
        )
    return _ticked_text(outcome)


def _ticked_text(outcome: Outcome) -> tuple[Tone, str, str]:
    language = current_locale()
    lines: list[str] = []
    if outcome.ticked:
        lines.append(format_list([p.full_name for p in outcome.ticked], language))
    if outcome.skipped:
        lines.append(
            _("Already checked in: {names}").format(
                names=format_list([p.full_name for p in outcome.skipped], language)
            )
        )
    if outcome.invalid:
        lines.append(_("Not rows of this sheet: {items}").format(items=", ".join(outcome.invalid)))
    lines.append(present_of(outcome.counts))
    number = len(outcome.ticked)
    title = ngettext("{count} row checked in", "{count} rows checked in", number).format(
        count=number
    )
    tone = Tone.DONE if number else (Tone.PROBLEM if outcome.invalid else Tone.ALREADY)
    return tone, title, "\n".join(lines)
