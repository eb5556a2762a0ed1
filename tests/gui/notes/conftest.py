"""Two events of one programme, the later one with a working group, and the notes page on it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from fieldkit.core import ids
from fieldkit.core.model import (
    ActionItem,
    ActionOwner,
    ActionStatus,
    Axis,
    Event,
    Objective,
    Organisation,
    Programme,
    Session,
    SessionKind,
    WorkingGroup,
)
from fieldkit.gui.notes.page import NotesPage
from fieldkit.gui.shell.context import PageContext
from fieldkit.store import Workspace


@dataclass(frozen=True)
class Meeting:
    event_id: str
    earlier_event_id: str
    plenary: str
    groups: str
    group: str
    earlier_action: str
    axis: str
    objective: str


def add_meeting(ws: Workspace) -> Meeting:
    programme = Programme(id=ids.new_id(), name="Interacciones")
    network = Organisation(id=ids.new_id(), name="Red de Mujeres", short_name="RM")
    earlier = Event(
        id=ids.new_id(),
        code="PE-BO-2021",
        title="Encuentro binacional",
        start_date=dt.date(2021, 10, 11),
        programme_id=programme.id,
    )
    event = Event(
        id=ids.new_id(),
        code="PE-BO-2022",
        title="Segundo encuentro",
        start_date=dt.date(2022, 10, 10),
        programme_id=programme.id,
    )
    axis = Axis(id=ids.new_id(), event_id=event.id, position=1, title="Covid-19")
    objective = Objective(id=ids.new_id(), event_id=event.id, position=1, text="Aprender")
    action = ActionItem(
        id=ids.new_id(),
        event_id=earlier.id,
        what="Publicar la sistematización",
        due_date=dt.date(2021, 12, 15),
        status=ActionStatus.OPEN,
        position=1,
    )
    owner = ActionOwner(
        id=ids.owner_id(action.id, network.id), action_id=action.id, organisation_id=network.id
    )
    ws.save(programme, network, earlier, event, axis, objective, action, owner)
    day = ws.add_day(event.id, dt.date(2022, 10, 10)).value
    plenary = Session(id=ids.new_id(), day_id=day.id, start_time="09:00", title="Inauguración")
    groups = Session(
        id=ids.new_id(),
        day_id=day.id,
        start_time="14:00",
        title="Grupos de trabajo",
        kind=SessionKind.WORKING_GROUP,
    )
    group = WorkingGroup(id=ids.new_id(), session_id=groups.id, position=1, name="Taraco")
    ws.save(plenary, groups, group)
    return Meeting(
        event.id, earlier.id, plenary.id, groups.id, group.id, action.id, axis.id, objective.id
    )


@pytest.fixture
def meeting(workspace: Workspace) -> Meeting:
    return add_meeting(workspace)


@pytest.fixture
def page(qtbot, workspace: Workspace, meeting: Meeting) -> Iterator[NotesPage]:  # type: ignore[no-untyped-def]
    widget = NotesPage(PageContext(workspace))
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.set_event(meeting.event_id)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
