"""The check-in door without a window: its actions return `Result`s of one transaction each."""

from __future__ import annotations

import datetime as dt

from fieldkit.core.ids import attendance_id
from fieldkit.core.model import Attendance, AttendanceMode, Changes
from fieldkit.store import Workspace
from fieldkit.store.door import Door, Kind


def _door(workspace: Workspace, event_id: str) -> Door:
    door = Door(workspace, now=lambda: dt.datetime(2021, 10, 11, 8, 45), warm_up=False)
    door.load_event(event_id)
    return door


def test_a_check_in_keeps_the_record_the_facade_wrote(
    workspace: Workspace, sample_event: str
) -> None:
    door = _door(workspace, sample_event)
    person = next(p for p in door.index.people(registered_only=True) if door.presence(p.id) is None)
    written = door.check_in(person, AttendanceMode.VIRTUAL)
    assert written.value.kind is Kind.CHECKED_IN and written.changes.attendance
    assert door.target is not None
    stored = workspace.get(Attendance, attendance_id(door.target.session.id, person.id))
    assert stored is not None and door.presence(person.id) == stored
    assert stored.recorded_by == workspace.device_id

    again = door.check_in(person, AttendanceMode.VIRTUAL)
    assert again.value.kind is Kind.ALREADY and again.changes == Changes()
    undone = door.undo()
    assert undone.value.kind is Kind.UNDONE and undone.changes.attendance
    assert door.presence(person.id) is None


def test_changing_the_mode_keeps_what_another_laptop_wrote_meanwhile(
    workspace: Workspace, sample_event: str
) -> None:
    """The door's copy of a presence may be older than the workspace: changing the mode writes
    the mode alone, never the copy's other fields over a newer value."""
    door = _door(workspace, sample_event)
    person = next(p for p in door.index.people(registered_only=True) if door.presence(p.id) is None)
    door.check_in(person, AttendanceMode.IN_PERSON)
    assert door.target is not None
    record_id = attendance_id(door.target.session.id, person.id)
    # What an exchange brings in while the door keeps its copy: another laptop saw them leave.
    noon = dt.datetime(2021, 10, 11, 12, 0)
    workspace.update(Attendance, record_id, left_at=noon)
    changed = door.check_in(person, AttendanceMode.VIRTUAL)
    assert changed.value.kind is Kind.MODE_CHANGED
    stored = workspace.get(Attendance, record_id)
    assert stored is not None and stored.mode is AttendanceMode.VIRTUAL
    assert stored.left_at == noon
