"""The store's part of check-in: candidates, head counts, corrections, walk-ins, sheet photos."""

import datetime as dt

import pytest

from fieldkit.core import ids
from fieldkit.core.errors import InvalidInput, NotFound
from fieldkit.core.model import (
    Attachment,
    Attendance,
    AttendanceMode,
    AttendanceStatus,
    Day,
    Gender,
    Organisation,
    Person,
    Registration,
    Session,
    Tally,
)
from fieldkit.store import Workspace


def _day(ws: Workspace, event_id: str) -> Day:
    return ws.event_days(event_id)[0]


def _sessions(ws: Workspace, event_id: str) -> dict[str, Session]:
    return {s.title: s for s in ws.event_sessions(event_id)}


def test_checkin_people_registered_and_the_rest_of_the_workspace(
    workspace: Workspace, sample_event: str
) -> None:
    stranger = Person(id=ids.new_id(), given_names="Ana", surnames="Mamani")
    merged = Person(id=ids.new_id(), given_names="Ana", surnames="Mamani", merged_into=stranger.id)
    workspace.save(stranger, merged)
    everyone = {p.id: p for p in workspace.checkin_people(sample_event)}
    registered = [p for p in everyone.values() if p.registered]
    assert len(registered) == 2
    assert stranger.id in everyone and not everyone[stranger.id].registered
    assert merged.id not in everyone
    juana = next(p for p in registered if p.given_names == "Juana")
    assert (juana.delegation, juana.badge_code, juana.organisation) == (
        "Taraco",
        "B-0",
        "Comité de Oruro",
    )
    assert juana.gender is Gender.WOMAN
    only = workspace.checkin_people(sample_event, workspace=False)
    assert sorted(p.id for p in only) == sorted(p.id for p in registered)


def test_bump_tally_counts_on_this_laptop_and_adds_up_every_laptop(
    workspace: Workspace, sample_event: str
) -> None:
    panel = _sessions(workspace, sample_event)["Paneles"]
    assert workspace.tally_total(panel.id).women == 12  # another laptop's count
    workspace.bump_tally(panel.id, Gender.WOMAN, 1)
    workspace.bump_tally(panel.id, Gender.WOMAN, 1)
    workspace.bump_tally(panel.id, Gender.MAN, -1)  # never below zero: nothing written
    assert workspace.bump_tally(panel.id, Gender.MAN, -1).changes.attendance is False
    mine = workspace.get(Tally, ids.tally_id(panel.id, workspace.device_id))
    assert mine is not None and (mine.women, mine.men) == (2, 0)
    total = workspace.tally_total(panel.id)
    assert (total.women, total.men) == (14, 9)


def test_leave_early_and_move(workspace: Workspace, sample_event: str) -> None:
    arrival = ids.arrival_id(_day(workspace, sample_event).id)
    plenary = _sessions(workspace, sample_event)["Plenaria"]
    juana = workspace.list(Attendance, where={"session_id": arrival})[0]
    at = dt.datetime(2021, 10, 11, 11, 20)
    assert workspace.leave_early(arrival, juana.person_id, at=at).changes.attendance
    left = workspace.get(Attendance, juana.id)
    assert left is not None and left.status is AttendanceStatus.LEFT_EARLY and left.left_at == at

    moved_result = workspace.move_check_in(juana.person_id, arrival, plenary.id)
    assert moved_result.changes.attendance
    assert moved_result.value.session_id == plenary.id
    assert workspace.get(Attendance, juana.id) is None  # a tombstone
    moved = workspace.get(Attendance, ids.attendance_id(plenary.id, juana.person_id))
    assert moved is not None and moved.checked_in_at == juana.checked_in_at
    with pytest.raises(NotFound):
        workspace.leave_early(arrival, juana.person_id)


def test_a_walk_in_is_added_registered_and_checked_in_in_one_go(
    workspace: Workspace, sample_event: str
) -> None:
    arrival = ids.arrival_id(_day(workspace, sample_event).id)
    at = dt.datetime(2021, 10, 11, 8, 50)
    written = workspace.add_walk_in(
        sample_event,
        arrival,
        Person(id=ids.new_id(), given_names="Eusebio", surnames="Chambi", gender=Gender.MAN),
        organisation_name="red de mujeres",  # an existing organisation, case ignored
        delegation=" Salinas ",
        mode=AttendanceMode.VIRTUAL,
        at=at,
        recorded_by="door",
    )
    added = written.value
    assert added.organisation is None
    assert written.changes.people and written.changes.attendance
    person = workspace.get(Person, added.person.id)
    network = workspace.list(Organisation, where={"name": "Red de Mujeres"})[0]
    assert person is not None and person.organisation_id == network.id
    registration = workspace.get(Registration, ids.registration_id(sample_event, person.id))
    assert registration is not None and registration.delegation == "Salinas"
    record = workspace.get(Attendance, ids.attendance_id(arrival, person.id))
    assert record is not None and record.mode is AttendanceMode.VIRTUAL
    assert record.checked_in_at == at and record.recorded_by == "door"

    other = workspace.add_walk_in(
        sample_event,
        arrival,
        Person(id=ids.new_id(), given_names="Rosa", surnames="Apaza"),
        organisation_name="Radio Pachamama",
    ).value
    assert other.organisation is not None and other.organisation.name == "Radio Pachamama"
    with pytest.raises(InvalidInput):
        workspace.add_walk_in(sample_event, arrival, Person(id=ids.new_id()))


def test_register_and_check_in_someone_the_workspace_knows(
    workspace: Workspace, sample_event: str
) -> None:
    arrival = ids.arrival_id(_day(workspace, sample_event).id)
    known = Person(id=ids.new_id(), given_names="Ana", surnames="Mamani")
    workspace.save(known)
    record = Attendance(
        id=ids.attendance_id(arrival, known.id), session_id=arrival, person_id=known.id
    )
    written = workspace.register_and_check_in(sample_event, record, delegation="Taraco")
    assert written.changes.people and written.changes.attendance
    assert written.value == record
    assert workspace.get(Registration, ids.registration_id(sample_event, known.id)) is not None
    assert workspace.registered_count(sample_event) == 3


def test_the_photo_of_a_signed_sheet_is_kept_with_its_session(
    workspace: Workspace, sample_event: str
) -> None:
    plenary = _sessions(workspace, sample_event)["Plenaria"]
    data = b"\xff\xd8\xff\xe0 a photo"
    for _ in range(2):  # the same photo twice: one blob, two attachments
        workspace.attach_sheet_photo(
            sample_event,
            plenary.id,
            data,
            filename="lista.jpg",
            media_type="image/jpeg",
            caption="Lista firmada",
        )
    attachments = workspace.list(
        Attachment, where={"session_id": plenary.id, "filename": "lista.jpg"}
    )
    assert len(attachments) == 2
    assert attachments[0].size == len(data) and attachments[0].caption == "Lista firmada"
    assert workspace.blob(attachments[0].sha256) == data


def test_check_in_many_in_one_transaction(workspace: Workspace, sample_event: str) -> None:
    plenary = _sessions(workspace, sample_event)["Plenaria"]
    people = [p.id for p in workspace.checkin_people(sample_event, workspace=False)]
    records = [
        Attendance(id=ids.attendance_id(plenary.id, p), session_id=plenary.id, person_id=p)
        for p in people
    ]
    assert workspace.check_in_many(records).changes.attendance
    assert not workspace.check_in_many([]).changes.anything
    assert len(workspace.list(Attendance, where={"session_id": plenary.id})) == 2
