"""Rules of the model that the facade enforces on every door alike (window, command line, imports).

Merging an exchange file does not go through them: what two laptops recorded is merged as it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from fieldkit.core.errors import InvalidInput
from fieldkit.core.model import (
    ActionItem,
    Attachment,
    Day,
    Decision,
    Event,
    Note,
    Session,
    Tally,
    WorkingGroup,
)
from fieldkit.i18n import _


def _clock(text: str) -> dt.time | None:
    if not text:
        return None
    try:
        value = dt.time.fromisoformat(text)
    except ValueError:
        value = None
    if value is None or len(text) != 5:
        raise InvalidInput(_("“{time}” is not a time of day (HH:MM).").format(time=text))
    return value


def check_session(session: Session) -> None:
    """Refuse a time that is not HH:MM and a session that ends before it starts."""
    start, end = _clock(session.start_time), _clock(session.end_time)
    if start is not None and end is not None and end < start:
        raise InvalidInput(
            _("A session cannot end ({end}) before it starts ({start}).").format(
                start=session.start_time, end=session.end_time
            )
        )


# --- the rules over stored records (`fieldkit check`) ---------------------------------------------

MIN_YEAR = 1900  # a date outside these years is a typing slip or a damaged value
MAX_YEAR = 2199
MAX_COUNT = 1_000_000  # a head count above this is not a gathering fieldkit records


@dataclass(frozen=True)
class Breach:
    """One record that breaks a rule of the model, in one sentence that names it."""

    kind: str
    record_id: str
    message: str


@dataclass(frozen=True)
class StoredRecords:
    """What the rules read of a workspace (only records that are not deleted)."""

    events: Sequence[Event] = ()
    days: Sequence[Day] = ()
    sessions: Sequence[Session] = ()
    groups: Sequence[WorkingGroup] = ()
    tallies: Sequence[Tally] = ()
    notes: Sequence[Note] = ()
    decisions: Sequence[Decision] = ()
    actions: Sequence[ActionItem] = ()
    attachments: Sequence[Attachment] = ()
    person_links: Mapping[str, str | None] = field(default_factory=dict)  # id → merged_into
    organisation_links: Mapping[str, str | None] = field(default_factory=dict)  # id → parent_id


def _year_breach(kind: str, record_id: str, value: dt.date | None) -> Breach | None:
    if value is None or MIN_YEAR <= value.year <= MAX_YEAR:
        return None
    return Breach(
        kind,
        record_id,
        _("The {kind} record {id} has a date in the year {year}, outside {low}–{high}.").format(
            kind=kind, id=record_id, year=value.year, low=MIN_YEAR, high=MAX_YEAR
        ),
    )


def date_breaches(records: StoredRecords) -> Iterator[Breach]:
    """Dates within the sane years, and events that end after they start."""
    for event in records.events:
        for value in (event.start_date, event.end_date):
            breach = _year_breach("event", event.id, value)
            if breach:
                yield breach
        if event.start_date and event.end_date and event.end_date < event.start_date:
            yield Breach(
                "event",
                event.id,
                _("The event {code} ends ({end}) before it starts ({start}).").format(
                    code=event.code, end=event.end_date, start=event.start_date
                ),
            )
    for day in records.days:
        breach = _year_breach("day", day.id, day.date)
        if breach:
            yield breach
    for action in records.actions:
        breach = _year_breach("action_item", action.id, action.due_date)
        if breach:
            yield breach


def time_breaches(records: StoredRecords) -> Iterator[Breach]:
    for session in records.sessions:
        times: list[dt.time | None] = []
        for text in (session.start_time, session.end_time):
            try:
                times.append(_clock(text))
            except InvalidInput:
                yield Breach(
                    "session",
                    session.id,
                    _("The session record {id} has the time “{time}”, not HH:MM.").format(
                        id=session.id, time=text
                    ),
                )
                break
        else:
            start, end = times
            if start is not None and end is not None and end < start:
                yield Breach(
                    "session",
                    session.id,
                    _("The session record {id} ends ({end}) before it starts ({start}).").format(
                        id=session.id, end=session.end_time, start=session.start_time
                    ),
                )


def count_breaches(records: StoredRecords) -> Iterator[Breach]:
    for tally in records.tallies:
        for count in (tally.women, tally.men, tally.another, tally.not_stated):
            if not 0 <= count <= MAX_COUNT:
                yield Breach(
                    "tally",
                    tally.id,
                    _("The tally record {id} holds a count of {count}, outside 0–{most}.").format(
                        id=tally.id, count=count, most=MAX_COUNT
                    ),
                )
                break
    for attachment in records.attachments:
        if attachment.size < 0:
            yield Breach(
                "attachment",
                attachment.id,
                _("The attachment record {id} has a negative size.").format(id=attachment.id),
            )


def link_breaches(kind: str, links: Mapping[str, str | None]) -> Iterator[Breach]:
    """Links (`merged_into`, `part_of`) that point at their own record or go round in a circle."""
    reported: set[str] = set()
    for start, target in links.items():
        if target == start:
            reported.add(start)
            yield Breach(
                kind,
                start,
                _("The {kind} record {id} points at itself.").format(kind=kind, id=start),
            )
    for start in links:
        seen: list[str] = []
        current: str | None = start
        while current is not None and current in links and current not in seen:
            seen.append(current)
            current = links[current]
        if current is None or current not in seen or current in reported:
            continue
        circle = seen[seen.index(current) :]
        if links[current] == current:
            continue
        reported.update(circle)
        yield Breach(
            kind,
            min(circle),
            _("The {kind} records {ids} point at each other in a circle.").format(
                kind=kind, ids=", ".join(sorted(circle))
            ),
        )


def placement_breaches(records: StoredRecords) -> Iterator[Breach]:
    """A session's day in the record's own event; a group in the record's own session."""
    day_event = {day.id: day.event_id for day in records.days}
    session_event = {s.id: day_event.get(s.day_id) for s in records.sessions}
    group_session = {group.id: group.session_id for group in records.groups}
    placed: list[tuple[str, str, str, str | None, str | None]] = [
        (kind, r.id, r.event_id, r.session_id, r.group_id)
        for kind, items in (("decision", records.decisions), ("attachment", records.attachments))
        for r in items
    ]
    placed += [("action_item", a.id, a.event_id, a.session_id, None) for a in records.actions]
    for kind, record_id, event_id, session_id, group_id in placed:
        if session_id is not None and session_event.get(session_id, event_id) != event_id:
            yield Breach(
                kind,
                record_id,
                _("The {kind} record {id} belongs to a session of another event.").format(
                    kind=kind, id=record_id
                ),
            )
        elif (
            group_id is not None
            and session_id is not None
            and group_session.get(group_id, session_id) != session_id
        ):
            yield Breach(
                kind,
                record_id,
                _("The {kind} record {id} belongs to a group of another session.").format(
                    kind=kind, id=record_id
                ),
            )
    for note in records.notes:
        if note.group_id is not None and group_session.get(note.group_id, note.session_id) != (
            note.session_id
        ):
            yield Breach(
                "note",
                note.id,
                _("The {kind} record {id} belongs to a group of another session.").format(
                    kind="note", id=note.id
                ),
            )


def stored_breaches(records: StoredRecords) -> list[Breach]:
    """Every rule of the model over what a workspace holds."""
    return [
        *date_breaches(records),
        *time_breaches(records),
        *count_breaches(records),
        *link_breaches("person", records.person_links),
        *link_breaches("organisation", records.organisation_links),
        *placement_breaches(records),
    ]
