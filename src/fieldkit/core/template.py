"""An event copied as the template of the next one: its frame and agenda, none of its people.

What is copied: the event's description, objectives, thematic axes, partner organisations, days,
sessions (with the axes and objectives they serve) and working groups (without members). What is
not: registrations, attendance, notes, decisions, actions and attachments. Every copy gets a new
id; pair rows get the id derived from their new pair, and each day's arrival session the id derived
from its new day, so the copy is a well-formed event of its own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from fieldkit.core.ids import arrival_id, new_id, partner_id, session_axis_id, session_objective_id
from fieldkit.core.model import (
    Axis,
    Day,
    Event,
    EventPartner,
    Objective,
    Session,
    SessionAxis,
    SessionKind,
    SessionObjective,
    WorkingGroup,
)


@dataclass(frozen=True)
class EventFrame:
    """The records of an event that a template copies."""

    event: Event
    objectives: Sequence[Objective] = ()
    axes: Sequence[Axis] = ()
    partners: Sequence[EventPartner] = ()
    days: Sequence[Day] = ()
    sessions: Sequence[Session] = ()
    session_axes: Sequence[SessionAxis] = ()
    session_objectives: Sequence[SessionObjective] = ()
    groups: Sequence[WorkingGroup] = ()


def free_code(base: str, taken: Collection[str]) -> str:
    """`base` when it is free, else `base-2`, `base-3`…: event codes are unique in a workspace."""
    base = base.strip() or "EVENT"
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def copy_event(
    frame: EventFrame, *, title: str, start_date: dt.date | None = None, code: str = ""
) -> list[Any]:
    """The records of the copy, the new `Event` first, parents before children.

    With a `start_date`, the copy's dates (event and days) move by the same number of days as its
    start; without one, they stay as they were.
    """
    source = frame.event
    shift = dt.timedelta(0)
    if start_date is not None and source.start_date is not None:
        shift = start_date - source.start_date

    def moved(date: dt.date | None) -> dt.date | None:
        return None if date is None else date + shift

    event = dataclasses.replace(
        source,
        id=new_id(),
        code=code,
        title=title,
        start_date=start_date if source.start_date is None else moved(source.start_date),
        end_date=moved(source.end_date),
        archived=False,
    )
    records: list[Any] = [event]
    objective_ids = {o.id: new_id() for o in frame.objectives}
    axis_ids = {a.id: new_id() for a in frame.axes}
    records += [
        dataclasses.replace(o, id=objective_ids[o.id], event_id=event.id) for o in frame.objectives
    ]
    records += [dataclasses.replace(a, id=axis_ids[a.id], event_id=event.id) for a in frame.axes]
    records += [
        dataclasses.replace(p, id=partner_id(event.id, p.organisation_id), event_id=event.id)
        for p in frame.partners
    ]
    day_ids = {d.id: new_id() for d in frame.days}
    records += [
        dataclasses.replace(d, id=day_ids[d.id], event_id=event.id, date=moved(d.date))
        for d in frame.days
    ]
    session_ids: dict[str, str] = {}
    for session in frame.sessions:
        if session.day_id not in day_ids:
            continue
        new_day = day_ids[session.day_id]
        session_ids[session.id] = (
            arrival_id(new_day) if session.kind == SessionKind.ARRIVAL else new_id()
        )
        records.append(dataclasses.replace(session, id=session_ids[session.id], day_id=new_day))
    for link in frame.session_axes:
        if link.session_id in session_ids and link.axis_id in axis_ids:
            sid, aid = session_ids[link.session_id], axis_ids[link.axis_id]
            records.append(SessionAxis(id=session_axis_id(sid, aid), session_id=sid, axis_id=aid))
    for serves in frame.session_objectives:
        if serves.session_id in session_ids and serves.objective_id in objective_ids:
            sid, oid = session_ids[serves.session_id], objective_ids[serves.objective_id]
            records.append(
                SessionObjective(
                    id=session_objective_id(sid, oid), session_id=sid, objective_id=oid
                )
            )
    for group in frame.groups:
        if group.session_id in session_ids:
            records.append(
                dataclasses.replace(
                    group,
                    id=new_id(),
                    session_id=session_ids[group.session_id],
                    axis_id=axis_ids.get(group.axis_id or ""),
                )
            )
    return records
