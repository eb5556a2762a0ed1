"""The demo events: complete, realistic, installed from data files by the import path, once."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from fieldkit import demo
from fieldkit.core import ids
from fieldkit.core.errors import InvalidInput
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
from fieldkit.demo import DEMO_DEVICE, DEMO_EVENT_CODES, demo_files, install_demo
from fieldkit.io.interchange import export_event, read_document
from fieldkit.paths import resources_dir
from fieldkit.store import Workspace

DELEGATIONS = {"Taraco", "Salinas", "Palos Blancos", "Aija-La Merced", "Pamparomás"}

# The shared content of a workspace holding the demo, as the demo was when it was still built by
# code: how many records of each kind, and the SHA-256 of their ids and values (see `_content`).
# The data files must install exactly that. After a deliberate change to resources/demo, update
# both from a fresh install (the failure message prints the new values).
REFERENCE_COUNTS = {
    "action_item": 14,
    "action_owner": 32,
    "attendance": 1125,
    "axis": 3,
    "day": 10,
    "decision": 8,
    "event": 2,
    "event_partner": 30,
    "group_member": 213,
    "note": 31,
    "objective": 6,
    "organisation": 33,
    "person": 117,
    "programme": 2,
    "registration": 117,
    "session": 35,
    "session_axis": 14,
    "session_objective": 33,
    "tally": 2,
    "working_group": 11,
}
REFERENCE_DIGEST = "0354631b8b00f02204f71a658c99e6661eab14721e8603af815d21dee58506e8"


def _dump(ws: Workspace) -> list[str]:
    """The whole file as SQL, the device row with the clock's last stamp included."""
    connection = sqlite3.connect(ws.path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def _content(ws: Workspace) -> dict[str, Any]:
    """`fieldkit dump` without what differs between two installs: the stamps' moments and device.

    Kept: every record of every kind with its id and all its values (tombstone flag included), the
    names of its stamped fields, and the stored attachments' digests.
    """
    content: dict[str, Any] = {}
    for kind, rows in json.loads(ws.dump()).items():
        if kind == "blob":
            content[kind] = rows
            continue
        content[kind] = sorted(
            ({"id": r["id"], "values": r["values"], "fields": sorted(r["stamps"])} for r in rows),
            key=lambda r: str(r["id"]),
        )
    return content


def _digest(content: dict[str, Any]) -> str:
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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


def test_the_dump_equals_the_reference(workspace: Workspace) -> None:
    install_demo(workspace)
    content = _content(workspace)
    counts = {kind: len(rows) for kind, rows in content.items() if kind != "blob"}
    assert counts == REFERENCE_COUNTS
    assert content["blob"] == []
    assert _digest(content) == REFERENCE_DIGEST, f"new digest: {_digest(content)}"


def test_every_laptop_installs_the_same_records(workspace: Workspace, tmp_path: Path) -> None:
    install_demo(workspace)
    with Workspace(tmp_path / "other.sqlite") as other:
        assert other.device_id != workspace.device_id
        install_demo(other)
        assert _content(other) == _content(workspace)
    # Head counts are credited to the demo, not to the laptop, so an exchange does not add them up.
    tallies = workspace.list(Tally)
    assert tallies and {t.device for t in tallies} == {DEMO_DEVICE}
    assert all(t.id == ids.tally_id(t.session_id, DEMO_DEVICE) for t in tallies)


def test_the_files_are_the_demo_events_in_the_interchange_format() -> None:
    folder = resources_dir() / "demo"
    assert sorted(folder.iterdir()) == sorted(demo_files())
    for path, code in zip(demo_files(), DEMO_EVENT_CODES, strict=True):
        document = read_document(path)  # strict JSON, format, version and schema
        assert document["event"]["code"] == code
        text = path.read_text(encoding="utf-8")
        # One stable written form (two-space indent, keys in the model's order, UTF-8 as is),
        # so that an edit by hand shows as a small diff.
        assert text == json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def test_a_damaged_demo_file_installs_nothing(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A broken installation gets one sentence, and not half of the demo."""
    mission, encounter = demo_files()
    damaged = tmp_path / encounter.name
    damaged.write_text(encounter.read_text(encoding="utf-8")[:5000], encoding="utf-8")
    monkeypatch.setattr(demo, "demo_files", lambda: [mission, damaged])
    with pytest.raises(InvalidInput, match="not valid JSON"):
        demo.install_demo(workspace)
    assert workspace.is_empty()


def test_the_files_say_what_an_export_says(workspace: Workspace) -> None:
    """The files are faithful examples of the format: exporting the installed demo gives them
    back, except the organisations that no record mentions (the export leaves those out)."""
    install_demo(workspace)
    for path in demo_files():
        document = read_document(path)
        exported = export_event(workspace, document["event"]["code"])
        for key in ("generator", "exported_at"):
            exported.pop(key)
        shipped = document.pop("organisations")
        assert all(org in shipped for org in exported.pop("organisations"))
        assert exported == document


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
    assert [counts[day.id] for day in days] == [86, 71, 56]
    assert workspace.registered_count(event.id) == 90
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
