"""The notes store: notes by session or group, decisions, action items carried over, photos."""

from __future__ import annotations

import datetime as dt
import hashlib

from fieldkit.core import ids
from fieldkit.core.model import (
    ActionItem,
    ActionOwner,
    ActionStatus,
    Attachment,
    Event,
    Note,
    Organisation,
    Person,
    Programme,
    Session,
    WorkingGroup,
)
from fieldkit.store import Workspace
from fieldkit.store.notes_store import carried_action_id


def test_note_targets_list_sessions_and_groups_without_arrivals(
    workspace: Workspace, sample_event: str
) -> None:
    targets = workspace.note_targets(sample_event)
    assert [(t.session_title, t.group_name) for t in targets] == [
        ("Plenaria", ""),
        ("Plenaria", "Grupo 1"),
        ("Paneles", ""),
    ]


def test_write_note_creates_then_updates_one_section(
    workspace: Workspace, sample_event: str
) -> None:
    session = workspace.note_targets(sample_event)[2].session_id
    assert workspace.note_of(session).key_points == ""
    written = workspace.write_note(session, None, {"lessons": "- Ñuflo: agua"})
    assert written.changes.notes and written.value.lessons == "- Ñuflo: agua"
    workspace.write_note(session, None, {"agreements": "Sí"})
    note = workspace.require(Note, ids.note_id(session))
    assert (note.lessons, note.agreements) == ("- Ñuflo: agua", "Sí")
    assert not workspace.write_note(session, None, {"agreements": "Sí"}).changes.anything


def test_owners_are_matched_to_organisations_and_people(
    workspace: Workspace, sample_event: str
) -> None:
    written = workspace.add_action(sample_event, None, "Visita")
    item, _changes = written.value, written.changes
    workspace.set_action_owners(item.id, ["red de mujeres", "Wilber Ch’uxña", "Doña Elena"])
    row = workspace.action_row(item.id)
    assert row is not None
    assert row.owner_names == ("Doña Elena", "Red de Mujeres", "Wilber Ch'uxña")
    assert {bool(o.organisation_id) for o in row.owners} == {True, False}
    workspace.set_action_owners(item.id, ["Doña Elena"])
    assert workspace.action_row(item.id).owner_names == ("Doña Elena",)  # type: ignore[union-attr]
    assert len(workspace.list(ActionOwner, where={"action_id": item.id})) == 1


def _programme_events(ws: Workspace) -> tuple[Event, Event, ActionItem, ActionItem]:
    programme = Programme(id=ids.new_id(), name="Interacciones")
    org = Organisation(id=ids.new_id(), name="Coalition Eau Secours!")
    first = Event(
        id=ids.new_id(),
        code="EAU-2008",
        title="Mission",
        start_date=dt.date(2008, 3, 15),
        programme_id=programme.id,
    )
    second = Event(
        id=ids.new_id(), title="Retour", start_date=dt.date(2009, 5, 1), programme_id=programme.id
    )
    open_item = ActionItem(
        id=ids.new_id(),
        event_id=first.id,
        what="Publier le rapport",
        due_date=dt.date(2008, 6, 30),
        status=ActionStatus.IN_PROGRESS,
        position=1,
    )
    done = ActionItem(
        id=ids.new_id(), event_id=first.id, what="Fait", status=ActionStatus.DONE, position=2
    )
    owner = ActionOwner(
        id=ids.owner_id(open_item.id, org.id), action_id=open_item.id, organisation_id=org.id
    )
    ws.save(programme, org, first, second, open_item, done, owner)
    return first, second, open_item, done


def test_open_actions_of_earlier_events_are_carried_once(workspace: Workspace) -> None:
    first, second, open_item, _done = _programme_events(workspace)
    earlier = workspace.earlier_open_actions(second.id)
    assert [(r.item.id, r.event_title, r.carried) for r in earlier] == [
        (open_item.id, "Mission", False)
    ]
    assert workspace.earlier_open_actions(first.id) == []

    written = workspace.carry_action(open_item.id, second.id)
    new, changes = written.value, written.changes
    assert changes.notes
    assert new.id == carried_action_id(open_item.id, second.id)
    rows = workspace.action_rows(second.id)
    assert [r.item.what for r in rows] == ["Publier le rapport (carried over from EAU-2008)"]
    assert rows[0].item.due_date == dt.date(2008, 6, 30)
    assert rows[0].owner_names == ("Coalition Eau Secours!",)
    assert workspace.earlier_open_actions(second.id)[0].carried
    assert workspace.require(ActionItem, open_item.id) == open_item  # the old one stays
    assert not workspace.carry_action(open_item.id, second.id).changes.anything


def test_photo_is_stored_once_with_its_attachment(workspace: Workspace, sample_event: str) -> None:
    session = workspace.list(Session, where={"title": "Plenaria"})[0]
    group = workspace.list(WorkingGroup, where={"session_id": session.id})[0]
    data = b"\xff\xd8 not really a jpeg"
    written = workspace.attach_photo(
        sample_event,
        session.id,
        group.id,
        data,
        filename="papelografo-2.jpg",
        media_type="image/jpeg",
        shows_people=True,
    )
    photo, changes = written.value, written.changes
    assert changes.notes
    assert photo.sha256 == hashlib.sha256(data).hexdigest()
    assert workspace.blob(photo.sha256) == data
    assert workspace.photos_of(sample_event, session.id, group.id) == [photo]
    assert [a.filename for a in workspace.photos_of(sample_event, session.id)] == [
        "papelografo.jpg"
    ]
    assert workspace.require(Attachment, photo.id).shows_people


def test_decisions_of_a_group(workspace: Workspace, sample_event: str) -> None:
    session = workspace.list(Session, where={"title": "Plenaria"})[0]
    group = workspace.list(WorkingGroup, where={"session_id": session.id})[0]
    written = workspace.add_decision(sample_event, session.id, group.id, "Sí")
    decision, _changes = written.value, written.changes
    assert workspace.decisions_of(sample_event, session.id, group.id) == [decision]
    assert [d.text for d in workspace.decisions_of(sample_event, session.id)] == ["Aprobado"]
    assert len(workspace.decisions_of(sample_event, None)) == 2
    assert decision.position == 1  # after the fixture's, at 0


def test_person_owner_by_full_name(workspace: Workspace, sample_event: str) -> None:
    juana = workspace.list(Person, where={"given_names": "Juana"})[0]
    written = workspace.add_action(sample_event, None)
    item, _changes = written.value, written.changes
    workspace.set_action_owners(item.id, ["JUANA NUNEZ QUISPE"])
    owners = workspace.list(ActionOwner, where={"action_id": item.id})
    assert [o.person_id for o in owners] == [juana.id]
