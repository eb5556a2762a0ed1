"""Writing virtual attendance from a video-call report: one transaction, idempotent, no downgrade."""

from __future__ import annotations

import datetime as dt

import pytest

from fieldkit.core.errors import InvalidInput, NotFound
from fieldkit.core.ids import attendance_id, new_id, registration_id
from fieldkit.core.model import (
    Attendance,
    AttendanceMode,
    Day,
    Event,
    EventFormat,
    Person,
    Registration,
    Session,
    SessionMode,
)
from fieldkit.store import Workspace

DATE = dt.date(2024, 3, 5)


@pytest.fixture
def setup(workspace: Workspace) -> dict[str, str]:
    event = Event(id=new_id(), code="VIR", title="Diálogo virtual", format=EventFormat.HYBRID)
    day = Day(id=new_id(), event_id=event.id, date=DATE)
    session = Session(
        id=new_id(),
        day_id=day.id,
        start_time="09:00",
        end_time="11:00",
        title="Plenaria",
        mode=SessionMode.HYBRID,
    )
    rosa = Person(id=new_id(), given_names="Rosa", surnames="Quispe")
    jose = Person(id=new_id(), given_names="José", surnames="Ñáñez")
    ana = Person(id=new_id(), given_names="Ana", surnames="Mamani")  # not registered
    workspace.save(
        event,
        day,
        session,
        rosa,
        jose,
        ana,
        *(
            Registration(id=registration_id(event.id, p.id), event_id=event.id, person_id=p.id)
            for p in (rosa, jose)
        ),
    )
    return {
        "event": event.id,
        "session": session.id,
        "rosa": rosa.id,
        "jose": jose.id,
        "ana": ana.id,
    }


def test_marks_present_virtually_registers_and_a_second_time_changes_nothing(
    workspace: Workspace, setup: dict[str, str]
) -> None:
    joined = dt.datetime(2024, 3, 5, 9, 3)
    present = {setup["rosa"]: joined, setup["ana"]: None}
    written = workspace.record_virtual_attendance(setup["event"], setup["session"], present)
    assert set(written.value.checked_in) == {setup["rosa"], setup["ana"]}
    assert written.value.registered == (setup["ana"],)
    assert written.changes.attendance and written.changes.people
    rosa = workspace.require(Attendance, attendance_id(setup["session"], setup["rosa"]))
    ana = workspace.require(Attendance, attendance_id(setup["session"], setup["ana"]))
    assert rosa.mode is AttendanceMode.VIRTUAL and rosa.checked_in_at == joined
    assert ana.checked_in_at == dt.datetime(2024, 3, 5, 9, 0)  # no join time: the start
    assert workspace.get(Registration, registration_id(setup["event"], setup["ana"]))
    dump = workspace.dump()
    again = workspace.record_virtual_attendance(setup["event"], setup["session"], present)
    assert not again.changes.anything and again.value.checked_in == ()
    assert set(again.value.already) == {setup["rosa"], setup["ana"]}
    assert workspace.dump() == dump


def test_someone_checked_in_on_site_stays_on_site(
    workspace: Workspace, setup: dict[str, str]
) -> None:
    workspace.check_in(setup["session"], setup["jose"], at=dt.datetime(2024, 3, 5, 8, 55))
    written = workspace.record_virtual_attendance(
        setup["event"], setup["session"], {setup["jose"]: None}
    )
    assert written.value.already == (setup["jose"],) and not written.changes.anything
    record = workspace.require(Attendance, attendance_id(setup["session"], setup["jose"]))
    assert record.mode is AttendanceMode.IN_PERSON


def test_new_people_are_added_registered_and_marked_in_the_same_write(
    workspace: Workspace, setup: dict[str, str]
) -> None:
    guest = Person(id=new_id(), given_names="Juana", surnames="Condori", email="j@c.bo")
    written = workspace.record_virtual_attendance(
        setup["event"], setup["session"], {guest.id: None}, new_people=[guest]
    )
    assert written.value.added == (guest.id,) and written.value.registered == (guest.id,)
    assert workspace.require(Person, guest.id).email == "j@c.bo"
    assert workspace.get(Attendance, attendance_id(setup["session"], guest.id)) is not None


def test_a_refusal_changes_nothing(workspace: Workspace, setup: dict[str, str]) -> None:
    other = Event(id=new_id(), code="OTRO")
    workspace.save(other)
    dump = workspace.dump()
    with pytest.raises(NotFound):  # the session is not of this event
        workspace.record_virtual_attendance(other.id, setup["session"], {setup["rosa"]: None})
    with pytest.raises(NotFound):  # a person who is not in the workspace
        workspace.record_virtual_attendance(
            setup["event"], setup["session"], {setup["rosa"]: None, new_id(): None}
        )
    nameless = Person(id=new_id())
    with pytest.raises(InvalidInput):
        workspace.record_virtual_attendance(
            setup["event"], setup["session"], {nameless.id: None}, new_people=[nameless]
        )
    assert workspace.dump() == dump
