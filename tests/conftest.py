"""Shared fixtures. Qt runs offscreen; every test gets its own workspace and user folders."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists

from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldkit.store import Workspace


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing a test does reaches the real user data, config or log folders."""
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(variable, str(tmp_path / "user" / variable.lower()))
    monkeypatch.setenv("FIELDKIT_DB", str(tmp_path / "default-workspace.sqlite"))
    monkeypatch.setenv("LANGUAGE", "en")
    # No region from the machine running the tests: the formats are English's own.
    monkeypatch.setenv("LANG", "C.UTF-8")
    for variable in ("LC_ALL", "FIELDKIT_LANG"):
        monkeypatch.delenv(variable, raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "workspace.sqlite"


@pytest.fixture
def workspace(db_path: Path) -> Iterator[Workspace]:
    ws = Workspace(db_path)
    yield ws
    ws.close()


@pytest.fixture
def sample_event(workspace: Workspace) -> str:
    """A small event touching every record kind; returns its id."""
    import datetime as dt

    from fieldkit.core import ids
    from fieldkit.core.model import (
        ActionItem,
        ActionOwner,
        Attachment,
        AttendanceMode,
        Axis,
        Decision,
        Event,
        EventFormat,
        EventPartner,
        Gender,
        GroupMember,
        Note,
        Objective,
        Organisation,
        Person,
        Programme,
        Registration,
        Session,
        SessionAxis,
        SessionKind,
        SessionObjective,
        Tally,
        WorkingGroup,
    )

    programme = Programme(id=ids.new_id(), name="Interacciones")
    network = Organisation(id=ids.new_id(), name="Red de Mujeres", country="Bolivia")
    committee = Organisation(id=ids.new_id(), name="Comité de Oruro", parent_id=network.id)
    event = Event(
        id=ids.new_id(),
        code="TEST-1",
        title="Encuentro de prueba",
        start_date=dt.date(2021, 10, 11),
        end_date=dt.date(2021, 10, 12),
        places="Taraco",
        format=EventFormat.HYBRID,
        context="Contexto",
        general_objective="Intercambiar",
        programme_id=programme.id,
    )
    objective = Objective(id=ids.new_id(), event_id=event.id, position=1, text="Aprender")
    axis = Axis(id=ids.new_id(), event_id=event.id, position=1, title="Covid-19")
    people = [
        Person(
            id=ids.new_id(),
            given_names="Juana",
            surnames="Núñez Quispe",
            gender=Gender.WOMAN,
            organisation_id=committee.id,
        ),
        Person(id=ids.new_id(), given_names="Wilber", surnames="Ch'uxña", gender=Gender.MAN),
    ]
    workspace.save(programme, network, committee, event, objective, axis, *people)
    day = workspace.add_day(event.id, dt.date(2021, 10, 11)).value
    session = Session(
        id=ids.new_id(), day_id=day.id, start_time="09:00", end_time="10:30", title="Plenaria"
    )
    panel = Session(
        id=ids.new_id(),
        day_id=day.id,
        start_time="11:00",
        title="Paneles",
        kind=SessionKind.EXHIBITION_PANEL,
        names_taken=False,
    )
    group = WorkingGroup(id=ids.new_id(), session_id=session.id, name="Grupo 1", axis_id=axis.id)
    action = ActionItem(id=ids.new_id(), event_id=event.id, session_id=session.id, what="Informe")
    workspace.save(
        session,
        panel,
        group,
        action,
        EventPartner(
            id=ids.partner_id(event.id, network.id), event_id=event.id, organisation_id=network.id
        ),
        *(
            Registration(
                id=ids.registration_id(event.id, p.id),
                event_id=event.id,
                person_id=p.id,
                delegation="Taraco",
                badge_code=f"B-{n}",
            )
            for n, p in enumerate(people)
        ),
        SessionAxis(
            id=ids.session_axis_id(session.id, axis.id), session_id=session.id, axis_id=axis.id
        ),
        SessionObjective(
            id=ids.session_objective_id(session.id, objective.id),
            session_id=session.id,
            objective_id=objective.id,
        ),
        GroupMember(
            id=ids.member_id(group.id, people[0].id), group_id=group.id, person_id=people[0].id
        ),
        Note(id=ids.note_id(session.id), session_id=session.id, key_points="- uno\n- dos"),
        Note(id=ids.note_id(session.id, group.id), session_id=session.id, group_id=group.id),
        Decision(id=ids.new_id(), event_id=event.id, session_id=session.id, text="Aprobado"),
        ActionOwner(
            id=ids.owner_id(action.id, network.id), action_id=action.id, organisation_id=network.id
        ),
        Tally(
            id=ids.tally_id(panel.id, "other"), session_id=panel.id, device="other", women=12, men=9
        ),
        Attachment(
            id=ids.new_id(),
            event_id=event.id,
            session_id=session.id,
            sha256="0" * 64,
            filename="papelografo.jpg",
        ),
    )
    workspace.check_in(ids.arrival_id(day.id), people[0].id, at=dt.datetime(2021, 10, 11, 8, 30))
    workspace.check_in(
        session.id, people[1].id, mode=AttendanceMode.VIRTUAL, at=dt.datetime(2021, 10, 11, 9, 5)
    )
    return event.id
