"""`fieldkit people erase` and `fieldkit people due`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from fieldkit.cli import main
from fieldkit.core import ids
from fieldkit.core.model import Event, Person, Registration
from fieldkit.core.retention import SETTING_KEY
from fieldkit.store import Workspace


@pytest.fixture
def rosa(db_path: Path) -> Person:
    person = Person(ids.new_id(), "Rosa", "Quispe Mamani", phone="+591 71234567")
    with Workspace(db_path) as ws:
        ws.save(person)
    return person


def test_erase_keeps_initials_by_default(
    db_path: Path, rosa: Person, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db_path), "people", "erase", rosa.id]) == 0
    captured = capsys.readouterr()
    assert "only the initials are kept" in captured.out
    assert "The personal data of 1 person was erased." in captured.err
    assert "older backups still hold the data" in captured.err
    with Workspace(db_path) as ws:
        erased = ws.require(Person, rosa.id)
    assert (erased.full_name, erased.phone) == ("R. Q. M.", "")


def test_erase_can_remove_the_name(db_path: Path, rosa: Person) -> None:
    assert main(["--db", str(db_path), "people", "erase", rosa.id, "--remove-name"]) == 0
    with Workspace(db_path) as ws:
        assert ws.require(Person, rosa.id).full_name == ""


def test_refusals_are_one_sentence_and_change_nothing(
    db_path: Path, rosa: Person, capsys: pytest.CaptureFixture[str]
) -> None:
    with Workspace(db_path) as ws:
        before = ws.dump()
    unknown = ids.new_id()
    assert main(["--db", str(db_path), "people", "erase", unknown]) == 1
    assert capsys.readouterr().err.strip() == f"There is no person with the id {unknown}."
    with pytest.raises(SystemExit):  # argparse: the two choices exclude each other
        main(["--db", str(db_path), "people", "erase", rosa.id, "--initials", "--remove-name"])
    with Workspace(db_path) as ws:
        assert ws.dump() == before
    assert main(["--db", str(db_path), "people", "erase", rosa.id]) == 0
    capsys.readouterr()
    assert main(["--db", str(db_path), "people", "erase", rosa.id]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "The personal data of R. Q. M. was already erased."


def _event(ws: Workspace, code: str, end: dt.date | None) -> Event:
    event = Event(ids.new_id(), code=code, title=code, start_date=end, end_date=end)
    ws.save(event)
    return event


def test_the_people_due_are_those_of_long_past_events_only(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    today = dt.date.today()
    old = Person(ids.new_id(), "Ana", "Ticona", phone="1")
    both = Person(ids.new_id(), "Eva", "Choque", phone="2")
    undated = Person(ids.new_id(), "Luz", "Apaza", phone="3")
    twin = Person(ids.new_id(), "Ana", "Ticona", merged_into=old.id)
    with Workspace(db_path) as ws:
        ws.save(old, both, undated, twin)
        past = _event(ws, "OLD", today.replace(year=today.year - 3))
        recent = _event(ws, "NEW", today + dt.timedelta(days=30))
        none = _event(ws, "UND", None)
        for event, person in ((past, old), (past, both), (recent, both), (none, undated)):
            ws.save(Registration(ids.registration_id(event.id, person.id), event.id, person.id))
        assert [p.person_id for p in ws.people_due_for_erasure(2)] == [old.id]
        assert ws.people_due_for_erasure(5) == []
        ws.set_setting(SETTING_KEY, 2)
        assert ws.retention_years() == 2
    assert main(["--db", str(db_path), "people", "due", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["id"] == old.id
    assert main(["--db", str(db_path), "people", "due", "--erase"]) == 0
    with Workspace(db_path) as ws:
        assert ws.require(Person, old.id).phone == ""
        assert ws.require(Person, twin.id).full_name == "A. T."
        assert ws.require(Person, both.id).phone == "2"
        assert ws.people_due_for_erasure(2) == []
