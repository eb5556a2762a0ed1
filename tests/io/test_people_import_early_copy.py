"""The copy taken before an import, started before the file is read (as the command line does):
used when nothing was written meanwhile, taken anew when something was."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fieldkit.core.ids import new_id
from fieldkit.core.model import Event, Person
from fieldkit.io.people_import import apply_plan, plan_import
from fieldkit.store import Workspace, backups

LIST = "Nombre,Apellidos\nRosa,Quispe Mamani\nJuan,Condori Apaza\n"


@pytest.fixture
def event(workspace: Workspace) -> str:
    record = Event(id=new_id(), code="ENC", title="Encuentro binacional")
    workspace.save(record)
    return record.id


@pytest.fixture
def people_list(tmp_path: Path) -> Path:
    path = tmp_path / "lista.csv"
    path.write_text(LIST, encoding="utf-8")
    return path


def _surnames_in(copy: Path) -> set[str]:
    connection = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    try:
        return {row[0] for row in connection.execute("SELECT surnames FROM person")}
    finally:
        connection.close()


def _before_import_copies(ws: Workspace) -> list[Path]:
    return [c.path for c in backups.list_backups(ws.path) if c.kind == backups.BEFORE_IMPORT]


def test_a_copy_started_before_the_plan_is_the_one_kept_when_nothing_was_written_meanwhile(
    workspace: Workspace, event: str, people_list: Path
) -> None:
    copy = workspace.start_snapshot(backups.BEFORE_IMPORT)
    plan = plan_import(workspace, "ENC", people_list)
    apply_plan(workspace, plan, copy=copy)
    assert _before_import_copies(workspace) == [copy.target]
    assert "Quispe Mamani" not in _surnames_in(copy.target)
    assert not list(backups.folder_of(workspace.path).glob("*.partial*"))


def test_a_write_after_the_early_copy_makes_the_import_take_a_new_one(
    workspace: Workspace, event: str, people_list: Path
) -> None:
    copy = workspace.start_snapshot(backups.BEFORE_IMPORT)
    workspace.save(Person(id=new_id(), given_names="Eva", surnames="Written Meanwhile"))
    plan = plan_import(workspace, "ENC", people_list)
    apply_plan(workspace, plan, copy=copy)
    (kept,) = _before_import_copies(workspace)
    surnames = _surnames_in(kept)
    assert "Written Meanwhile" in surnames  # the workspace as it was just before the import
    assert "Quispe Mamani" not in surnames
    assert not list(backups.folder_of(workspace.path).glob("*.partial*"))


def test_the_early_copy_is_removed_when_the_import_fails(
    workspace: Workspace, event: str, people_list: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = workspace.start_snapshot(backups.BEFORE_IMPORT)
    plan = plan_import(workspace, "ENC", people_list)
    dump = workspace.dump()

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(workspace, "import_people", refuse)
    with pytest.raises(OSError):
        apply_plan(workspace, plan, copy=copy)
    assert workspace.dump() == dump
    assert not list(backups.folder_of(workspace.path).glob("*before-import*"))


def test_a_watch_sees_a_commit_by_any_other_connection(workspace: Workspace) -> None:
    watch = backups.SourceWatch(workspace.path)
    try:
        workspace.list(Person)  # reads change nothing
        assert watch.unchanged()
        workspace.save(Person(id=new_id(), surnames="Ticona"))
        assert not watch.unchanged()
    finally:
        watch.close()
