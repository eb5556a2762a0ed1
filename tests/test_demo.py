"""The demo events: complete, realistic, and installed only once however often one asks."""

from __future__ import annotations

import sqlite3
from collections import Counter

from fieldkit.core.model import (
    ActionItem,
    ActionOwner,
    AttendanceMode,
    Day,
    Gender,
    Objective,
    Person,
    Registration,
    Session,
    SessionKind,
    Tally,
    WorkingGroup,
)
from fieldkit.demo import DEMO_EVENT_CODES, demo_records, install_demo
from fieldkit.store import Workspace

DELEGATIONS = {"Taraco", "Salinas", "Palos Blancos", "Aija-La Merced", "Pamparomás"}


def _dump(ws: Workspace) -> list[str]:
    """The whole file as SQL, the device row with the clock's last stamp included."""
    connection = sqlite3.connect(ws.path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def test_install_gives_both_events(workspace: Workspace) -> None:
    assert install_demo(workspace).changes.anything
    assert {workspace.find_event(code).code for code in DEMO_EVENT_CODES} == set(DEMO_EVENT_CODES)
    assert not workspace.is_empty()


def test_installing_twice_changes_nothing(workspace: Workspace) -> None:
    install_demo(workspace)
    before = _dump(workspace)
    again = install_demo(workspace)
    assert again.changes.anything is False
    assert _dump(workspace) == before


def test_records_are_deterministic() -> None:
    assert demo_records() == demo_records()


def test_every_day_has_its_arrival_session(workspace: Workspace) -> None:
    install_demo(workspace)
    for code in DEMO_EVENT_CODES:
        event = workspace.find_event(code)
        for day in workspace.event_days(event.id):
            arrivals = workspace.list(
                Session, where={"day_id": day.id, "kind": SessionKind.ARRIVAL}
            )
            assert len(arrivals) == 1


def test_encounter(workspace: Workspace) -> None:
    install_demo(workspace)
    event = workspace.find_event("PE-BO-2021")
    days = workspace.event_days(event.id)
    assert [day.date.isoformat() for day in days if day.date] == [
        "2021-10-11",
        "2021-10-12",
        "2021-10-13",
    ]
    registrations = workspace.list(Registration, where={"event_id": event.id})
    assert 80 <= workspace.registered_count(event.id) == len(registrations) <= 100
    assert {r.delegation for r in registrations} >= DELEGATIONS
    assert {r.country for r in registrations} >= {"Bolivia", "Perú"}
    assert len({r.badge_code for r in registrations}) == len(registrations)

    counts = workspace.present_counts(event.id)
    assert len(counts) == 3
    for day in days:
        assert 40 <= counts[day.id] <= 90
        modes = Counter(workspace.day_attendance(day.id).values())
        assert modes[AttendanceMode.VIRTUAL] > 0
        assert modes[AttendanceMode.IN_PERSON] > 0
        assert sum(modes.values()) == counts[day.id]
    assert counts[days[0].id] > counts[days[1].id] > counts[days[2].id]

    people = workspace.list(Person, where={"id": [r.person_id for r in registrations]})
    genders = Counter(p.gender for p in people)
    assert genders[Gender.WOMAN] > 30 and genders[Gender.MAN] > 30
    assert genders[Gender.NOT_STATED] >= 1
    names = [p.full_name for p in people]
    assert any("ñ" in name.lower() for name in names)
    assert any("'" in name for name in names)
    assert workspace.search_people("chuxna")

    sessions = workspace.event_sessions(event.id)
    kinds = {s.kind for s in sessions}
    assert {
        SessionKind.PLENARY,
        SessionKind.WORKING_GROUP,
        SessionKind.VIDEO_PROJECTION,
        SessionKind.EXHIBITION_PANEL,
        SessionKind.DIALOGUE,
    } <= kinds
    groups = workspace.list(WorkingGroup, where={"session_id": [s.id for s in sessions]})
    assert len(groups) >= 5 and all(g.axis_id for g in groups)
    panels = [s for s in sessions if not s.names_taken]
    assert panels and all(workspace.list(Tally, where={"session_id": s.id}) for s in panels)


def test_mission(workspace: Workspace) -> None:
    install_demo(workspace)
    event = workspace.find_event("EAU-BOL-2008")
    assert event.context and event.general_objective and event.programme_id
    objectives = workspace.list(Objective, where={"event_id": event.id}, order_by=("position",))
    assert [o.position for o in objectives] == [1, 2, 3, 4]
    assert objectives[0].text.startswith("Identifier les points communs")
    assert objectives[3].text.startswith("Dégager des pistes possibles d'actions conjointes")

    sessions = [s for s in workspace.event_sessions(event.id) if s.kind != SessionKind.ARRIVAL]
    assert 9 <= len(sessions) <= 13
    assert all(s.start_time and s.end_time and s.room for s in sessions)
    days = workspace.list(Day, where={"event_id": event.id})
    assert any(day.date and day.date.isoformat() == "2008-03-22" for day in days)

    actions = workspace.list(ActionItem, where={"event_id": event.id})
    assert actions
    for action in actions:
        assert workspace.list(ActionOwner, where={"action_id": action.id})
        assert action.due_date is not None
