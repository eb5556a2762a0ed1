"""The facade refuses a session that ends before it starts, whichever door the change comes by."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from fieldkit.core import ids
from fieldkit.core.errors import InvalidInput
from fieldkit.core.model import Event, Session
from fieldkit.store import Workspace


def _session(ws: Workspace) -> Session:
    event = Event(id=ids.new_id(), title="Encuentro")
    ws.save(event)
    day = ws.add_day(event.id, dt.date(2021, 10, 11)).value
    session = Session(id=ids.new_id(), day_id=day.id, start_time="09:00", end_time="12:00")
    ws.save(session)
    return session


def test_an_end_before_the_start_is_refused_and_nothing_changes(workspace: Workspace) -> None:
    session = _session(workspace)
    with pytest.raises(InvalidInput, match="before it starts"):
        workspace.update(Session, session.id, end_time="08:00")
    with pytest.raises(InvalidInput, match="before it starts"):
        workspace.save(dataclasses.replace(session, start_time="13:00"))
    with pytest.raises(InvalidInput, match="before it starts"):
        workspace.save(
            Session(id=ids.new_id(), day_id=session.day_id, start_time="10:00", end_time="09:59")
        )
    stored = workspace.require(Session, session.id)
    assert (stored.start_time, stored.end_time) == ("09:00", "12:00")


def test_a_time_that_is_not_hh_mm_is_refused(workspace: Workspace) -> None:
    session = _session(workspace)
    for bad in ("9h", "25:00", "9:00", "noon"):
        with pytest.raises(InvalidInput, match="not a time"):
            workspace.update(Session, session.id, start_time=bad)
    assert workspace.require(Session, session.id).start_time == "09:00"


def test_open_ends_and_equal_times_are_accepted(workspace: Workspace) -> None:
    session = _session(workspace)
    workspace.update(Session, session.id, end_time="")
    workspace.update(Session, session.id, start_time="", end_time="10:00")
    workspace.update(Session, session.id, start_time="10:00")
    stored = workspace.require(Session, session.id)
    assert (stored.start_time, stored.end_time) == ("10:00", "10:00")
