"""The facade's queries for the window: the people table and an event copied as a template."""

from __future__ import annotations

import datetime as dt

from fieldkit.core import ids
from fieldkit.core.model import (
    Attendance,
    Axis,
    Day,
    Event,
    EventPartner,
    GroupMember,
    Objective,
    Person,
    Registration,
    Role,
    Session,
    SessionAxis,
    SessionKind,
    SessionObjective,
    WorkingGroup,
)
from fieldkit.store import Workspace


def test_people_rows_carry_the_registration_of_the_event(
    workspace: Workspace, sample_event: str
) -> None:
    rows = sorted(workspace.people_rows(sample_event), key=lambda row: row.surnames)
    assert [row.surnames for row in rows] == ["Ch'uxña", "Núñez Quispe"]
    juana = rows[1]
    assert juana.registered and juana.role == Role.PARTICIPANT
    assert (juana.delegation, juana.badge_code) == ("Taraco", "B-0")
    assert juana.organisation == "Comité de Oruro"
    # Without an event (or for another one), nobody is registered.
    assert not any(row.registered for row in workspace.people_rows())
    other = Event(id=ids.new_id(), title="Otro")
    workspace.save(other)
    assert not any(row.registered for row in workspace.people_rows(other.id))
    # A deleted registration does not count; merged people are left out.
    workspace.delete(Registration, ids.registration_id(sample_event, juana.id))
    assert not next(r for r in workspace.people_rows(sample_event) if r.id == juana.id).registered
    workspace.update(Person, juana.id, merged_into=rows[0].id)
    assert [row.id for row in workspace.people_rows(sample_event)] == [rows[0].id]


def test_duplicate_event_copies_the_frame_and_no_people(
    workspace: Workspace, sample_event: str
) -> None:
    written = workspace.duplicate_event(
        sample_event, title="Tercer encuentro", start_date=dt.date(2022, 5, 2)
    )
    copy, changes = written.value, written.changes
    assert changes.events and changes.agenda and not changes.people
    assert copy.title == "Tercer encuentro" and copy.id != sample_event
    assert copy.code == "TEST-1-2"  # codes are unique
    written = workspace.duplicate_event(sample_event, title="Cuarto")
    again, _ = written.value, written.changes
    assert again.code == "TEST-1-3" and again.start_date == dt.date(2021, 10, 11)
    assert {"TEST-1", "TEST-1-2", "TEST-1-3"} <= workspace.event_codes()
    assert (copy.start_date, copy.end_date) == (dt.date(2022, 5, 2), dt.date(2022, 5, 3))
    assert copy.context == "Contexto" and not copy.archived
    assert [o.text for o in workspace.list(Objective, where={"event_id": copy.id})] == ["Aprender"]
    axes = workspace.list(Axis, where={"event_id": copy.id})
    assert [a.title for a in axes] == ["Covid-19"]
    assert len(workspace.list(EventPartner, where={"event_id": copy.id})) == 1
    days = workspace.event_days(copy.id)
    assert [d.date for d in days] == [dt.date(2022, 5, 2)]
    sessions = workspace.event_sessions(copy.id)
    assert sorted(s.title for s in sessions if s.kind != SessionKind.ARRIVAL) == [
        "Paneles",
        "Plenaria",
    ]
    arrival = next(s for s in sessions if s.kind == SessionKind.ARRIVAL)
    assert arrival.id == ids.arrival_id(days[0].id)
    session_ids = [s.id for s in sessions]
    assert workspace.list(SessionAxis, where={"session_id": session_ids})[0].axis_id == axes[0].id
    assert len(workspace.list(SessionObjective, where={"session_id": session_ids})) == 1
    groups = workspace.list(WorkingGroup, where={"session_id": session_ids})
    assert [(g.name, g.axis_id) for g in groups] == [("Grupo 1", axes[0].id)]
    assert workspace.list(GroupMember, where={"group_id": [g.id for g in groups]}) == []
    assert workspace.registered_count(copy.id) == 0
    assert workspace.list(Attendance, where={"session_id": session_ids}) == []
    # The original is untouched.
    assert workspace.require(Event, sample_event).start_date == dt.date(2021, 10, 11)
    assert len(workspace.list(Day, where={"event_id": sample_event})) == 1
    assert len(workspace.list(Session, where={"day_id": days[0].id})) == 3


def test_free_code() -> None:
    from fieldkit.core.template import free_code

    assert free_code("PE-BO", set()) == "PE-BO"
    assert free_code("PE-BO", {"PE-BO", "PE-BO-2"}) == "PE-BO-3"
    assert free_code("", {""}) == "EVENT"


def test_event_outline_is_what_the_single_reads_give(
    workspace: Workspace, sample_event: str
) -> None:
    outline = workspace.event_outline(sample_event)
    assert outline is not None
    assert outline.event == workspace.require(Event, sample_event)
    assert list(outline.days) == workspace.event_days(sample_event)
    assert list(outline.sessions) == workspace.event_sessions(sample_event)
    assert [o.text for o in outline.objectives] == ["Aprender"]
    assert [a.title for a in outline.axes] == ["Covid-19"]
    assert outline.registered == workspace.registered_count(sample_event) == 2
    assert outline.present_by_day == workspace.present_counts(sample_event)
    assert list(outline.present_by_day.values()) == [2]
    workspace.delete(Event, sample_event)
    assert workspace.event_outline(sample_event) is None


def test_people_per_organisation(workspace: Workspace, sample_event: str) -> None:
    from fieldkit.core.model import Organisation

    counts = workspace.people_per_organisation()
    (committee,) = [o for o in workspace.list(Organisation) if o.name == "Comité de Oruro"]
    assert counts == {committee.id: 1}


def test_back_up_gives_a_plain_sentence_when_the_disk_refuses(
    workspace: Workspace, sample_event: str, monkeypatch
) -> None:
    import pytest

    from fieldkit.core.errors import WorkspaceUnavailable

    copy = workspace.back_up()
    assert copy.exists() and copy.parent.name == "backups"

    def full(label: str) -> None:
        raise OSError(28, "No space left on device: database or disk is full")

    monkeypatch.setattr(workspace, "snapshot", full)
    with pytest.raises(WorkspaceUnavailable, match="disk that holds the workspace is full"):
        workspace.back_up()
