"""Events for the window tests, made through the facade (the demo module is not needed)."""

from __future__ import annotations

import datetime as dt
import sys
import types
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

import fieldkit
from fieldkit.core.ids import arrival_id, new_id, registration_id
from fieldkit.core.model import (
    Axis,
    Changes,
    Event,
    EventFormat,
    Objective,
    Person,
    Registration,
    Result,
    Session,
    SessionKind,
    SessionMode,
)
from fieldkit.store import Workspace


@dataclass(frozen=True)
class Sample:
    mission: Event
    encounter: Event
    workshop: Event  # no dates, no agenda


def add_sample_events(ws: Workspace) -> Sample:
    mission = Event(
        id=new_id(),
        code="EAU-2008",
        title="Mission de la Coalition Eau Secours! en Bolivie",
        start_date=dt.date(2008, 3, 15),
        end_date=dt.date(2008, 3, 30),
        places="La Paz, Cochabamba",
        format=EventFormat.IN_PERSON,
        general_objective="Établir un échange d'expérience et d'expertise en eau et assainissement.",
    )
    encounter = Event(
        id=new_id(),
        code="PE-BO-2021",
        title="Encuentro binacional andino Perú–Bolivia",
        start_date=dt.date(2021, 10, 11),
        end_date=dt.date(2021, 10, 13),
        places="Taraco & <virtual>",
        format=EventFormat.HYBRID,
        general_objective="Intercambiar sobre la sistematización de experiencias.",
    )
    workshop = Event(id=new_id(), code="", title="Atelier sans date")
    objectives = [
        Objective(id=new_id(), event_id=mission.id, position=position, text=text)
        for position, text in [
            (2, "Contribuer à la réflexion sur le rôle spécifique des femmes"),
            (1, "Identifier les points communs"),
        ]
    ]
    axes = [
        Axis(
            id=new_id(), event_id=encounter.id, position=1, title="Contexto e impactos del Covid-19"
        ),
        Axis(
            id=new_id(),
            event_id=encounter.id,
            position=2,
            title="Nuevos desafíos de la cooperación",
        ),
    ]
    ws.save(mission, encounter, workshop, *objectives, *axes)

    days = [ws.add_day(mission.id, dt.date(2008, 3, 22), "Journée mondiale de l'eau").value]
    days.append(ws.add_day(encounter.id, dt.date(2021, 10, 11)).value)
    ws.save(
        Session(
            id=new_id(),
            day_id=days[0].id,
            start_time="09:00",
            end_time="12:30",
            title="Rencontre avec AMUPEI",
            kind=SessionKind.MEETING,
        ),
        Session(
            id=new_id(),
            day_id=days[1].id,
            start_time="14:00",
            end_time="16:00",
            title="Grupos de trabajo por eje",
            kind=SessionKind.WORKING_GROUP,
            mode=SessionMode.HYBRID,
        ),
    )
    people = [
        Person(id=new_id(), given_names=given, surnames=surnames)
        for given, surnames in [("Rosa", "Quispe Mamani"), ("Juan", "Ñuflo"), ("Ana", "Ch'uxña")]
    ]
    ws.save(*people)
    ws.save(
        *(
            Registration(
                id=registration_id(mission.id, person.id), event_id=mission.id, person_id=person.id
            )
            for person in people
        )
    )
    ws.check_in(arrival_id(days[0].id), people[0].id)
    ws.check_in(arrival_id(days[0].id), people[1].id)
    return Sample(mission=mission, encounter=encounter, workshop=workshop)


@pytest.fixture
def sample(workspace: Workspace) -> Sample:
    return add_sample_events(workspace)


@pytest.fixture
def fake_demo(monkeypatch: pytest.MonkeyPatch) -> list[Workspace]:
    """Replace fieldkit.demo.install_demo (the module may not exist yet) by the sample events."""
    calls: list[Workspace] = []

    def install_demo(ws: Workspace) -> Result[None]:
        calls.append(ws)
        add_sample_events(ws)
        return Result(None, Changes(events=True, agenda=True, people=True, attendance=True))

    try:
        import fieldkit.demo as module
    except ImportError:
        module = types.ModuleType("fieldkit.demo")
        monkeypatch.setitem(sys.modules, "fieldkit.demo", module)
        monkeypatch.setattr(fieldkit, "demo", module, raising=False)
    monkeypatch.setattr(module, "install_demo", install_demo, raising=False)
    monkeypatch.setattr(module, "DEMO_EVENT_CODES", ("EAU-2008", "PE-BO-2021"), raising=False)
    return calls


def type_text(edit, text: str) -> None:
    """Replace a line edit's text as a user would (textEdited), then leave it (editingFinished).

    QTest.keyClicks types ASCII only; names here carry accents.
    """
    edit.selectAll()
    edit.insert(text)
    edit.editingFinished.emit()


@pytest.fixture(autouse=True)
def _english_again() -> Iterator[None]:
    """A test that switches the language leaves fieldkit's and Qt's texts in English."""
    yield
    from fieldkit import i18n

    if i18n.current_language() != "en" or i18n.current_locale() != "en":
        from fieldkit.gui.shell.qt_language import apply_language

        apply_language("en")
