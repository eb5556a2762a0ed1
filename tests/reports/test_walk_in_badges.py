"""Badges for the walk-ins of a day: the people registered at the door that day, nobody else."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from fieldkit.cli import main
from fieldkit.core.errors import InvalidInput
from fieldkit.core.ids import attendance_id, new_id
from fieldkit.core.model import Attendance, Person, Registration
from fieldkit.demo import ENCOUNTER_CODE, install_demo
from fieldkit.reports.printables import BadgesRequest, walk_ins_of_day, write_badges
from fieldkit.reports.roster import gather_roster
from fieldkit.store import Workspace


@pytest.fixture(scope="module")
def door_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str]]:
    """The demo, with two people registered at the door of day 2: a walk-in added there, and
    someone of the workspace who was not registered at the event."""
    path = tmp_path_factory.mktemp("door") / "door.sqlite"
    with Workspace(path) as ws:
        install_demo(ws)
        event = ws.find_event(ENCOUNTER_CODE)
        session = gather_roster(ws, ENCOUNTER_CODE).days[1].sessions[0]
        walk_in = Person(new_id(), given_names="Ñuflo", surnames="Ch'uxña Walkin")
        ws.add_walk_in(event.id, session.id, walk_in, organisation_name="Taraco")
        registered = {r.person_id for r in ws.list(Registration, where={"event_id": event.id})}
        known = next(p for p in ws.list(Person) if p.id not in registered)
        ws.register_and_check_in(
            event.id, Attendance(attendance_id(session.id, known.id), session.id, known.id)
        )
    return path, {walk_in.id, known.id}


def _names(pdf: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(pdf).pages))


def test_the_walk_ins_of_a_day_are_those_registered_at_its_door(
    door_db: tuple[Path, set[str]],
) -> None:
    path, expected = door_db
    with Workspace(path) as ws:
        roster = gather_roster(ws, ENCOUNTER_CODE)
        assert set(walk_ins_of_day(ws, ENCOUNTER_CODE, roster, 2)) == expected
        # The demo's people, registered beforehand, are checked in on every day: not walk-ins.
        assert walk_ins_of_day(ws, ENCOUNTER_CODE, roster, 1) == []
        assert walk_ins_of_day(ws, ENCOUNTER_CODE, roster, 3) == []


def test_their_badges_and_no_others(door_db: tuple[Path, set[str]], tmp_path: Path) -> None:
    path, expected = door_db
    with Workspace(path) as ws:
        out = write_badges(
            ws, BadgesRequest(ENCOUNTER_CODE, walk_ins_of_day=2, lang="en"), tmp_path / "b.pdf"
        )
        people = {row.id: row for row in ws.people_rows(ws.find_event(ENCOUNTER_CODE).id)}
    text = _names(out)
    assert len(PdfReader(out).pages) == 1
    for person_id, row in people.items():
        if not row.registered:
            continue
        assert (row.surnames in text) == (person_id in expected), row.surnames


def test_a_day_without_walk_ins_is_one_sentence_and_writes_nothing(
    door_db: tuple[Path, set[str]], tmp_path: Path
) -> None:
    path, _ = door_db
    with Workspace(path) as ws, pytest.raises(InvalidInput, match="at the door on day 1"):
        write_badges(ws, BadgesRequest(ENCOUNTER_CODE, walk_ins_of_day=1), tmp_path / "b.pdf")
    assert list(tmp_path.iterdir()) == []


def test_the_command_line_makes_them(
    door_db: tuple[Path, set[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = door_db
    out = tmp_path / "walk-ins.pdf"
    code = main(["--db", str(path), "badges", ENCOUNTER_CODE, "--walk-ins", "2", "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    assert "Walkin" in _names(out)
    assert (
        main(["--db", str(path), "badges", ENCOUNTER_CODE, "--walk-ins", "9", "--out", str(out)])
        != 0
    )
    assert "has no day 9" in capsys.readouterr().err
