"""`fieldkit duplicates`, `fieldkit people merge` and `fieldkit people unmerge`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldkit.cli import main
from fieldkit.core import ids
from fieldkit.core.model import Person
from fieldkit.store import Workspace


@pytest.fixture
def people(db_path: Path) -> tuple[str, Person, Person]:
    rosa = Person(ids.new_id(), "Rosa", "Quispe Mamani", phone="+591 71234567")
    twin = Person(ids.new_id(), "ROSA", "Mamani Quispe", phone="71234567", email="rosa@ex.org")
    with Workspace(db_path) as ws:
        ws.save(rosa, twin, Person(ids.new_id(), "Juan", "Choque"))
    return str(db_path), rosa, twin


def test_duplicates_json_names_both_people_with_score_and_reasons(
    people: tuple[str, Person, Person], capsys: pytest.CaptureFixture[str]
) -> None:
    db, rosa, twin = people
    assert main(["--db", db, "duplicates", "--json"]) == 0
    (found,) = json.loads(capsys.readouterr().out)
    assert {found["a"]["id"], found["b"]["id"]} == {rosa.id, twin.id}
    assert {found["a"]["full_name"], found["b"]["full_name"]} == {
        "Rosa Quispe Mamani",
        "ROSA Mamani Quispe",
    }
    assert found["reasons"] == ["same_name", "same_phone"] and 0 < found["score"] <= 100
    assert main(["--db", db, "duplicates"]) == 0
    captured = capsys.readouterr()
    assert "same name and same phone" in captured.out
    assert "1 possible duplicate." in captured.err


def test_merge_then_unmerge_by_command_line(
    people: tuple[str, Person, Person], capsys: pytest.CaptureFixture[str]
) -> None:
    db, rosa, twin = people
    assert main(["--db", db, "people", "merge", rosa.id, twin.id]) == 0
    assert f"fieldkit people unmerge {twin.id}" in capsys.readouterr().err
    with Workspace(Path(db)) as ws:
        assert len(ws.people_rows()) == 2
        assert ws.require(Person, rosa.id).email == "rosa@ex.org"  # empty, so completed
        assert ws.require(Person, rosa.id).surnames == "Quispe Mamani"
    assert main(["--db", db, "duplicates", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["--db", db, "people", "unmerge", twin.id]) == 0
    with Workspace(Path(db)) as ws:
        assert len(ws.people_rows()) == 3
        assert ws.require(Person, rosa.id) == rosa
    assert main(["--db", db, "people", "merge", twin.id, rosa.id, "--take", "surnames"]) == 0
    with Workspace(Path(db)) as ws:
        assert ws.require(Person, twin.id).surnames == "Quispe Mamani"


def test_refusals_are_one_sentence_and_change_nothing(
    people: tuple[str, Person, Person], capsys: pytest.CaptureFixture[str]
) -> None:
    db, rosa, twin = people
    with Workspace(Path(db)) as ws:
        before = ws.dump()
    assert main(["--db", db, "people", "unmerge", rosa.id]) != 0
    assert capsys.readouterr().err.strip() == "Rosa Quispe Mamani is not merged into anyone."
    assert main(["--db", db, "people", "merge", rosa.id, rosa.id]) != 0
    assert capsys.readouterr().err.strip() == "A person cannot be merged into themselves."
    assert main(["--db", db, "people", "merge", rosa.id, ids.new_id()]) != 0
    assert capsys.readouterr().err.strip().startswith("There is no such record")
    with pytest.raises(SystemExit):
        main(["--db", db, "people", "merge", rosa.id, twin.id, "--take", "merged_into"])
    with Workspace(Path(db)) as ws:
        assert ws.dump() == before
