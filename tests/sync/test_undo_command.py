"""`fieldkit sync undo` says so, and changes nothing, when undoing would also take away edits
typed after the import; `--force` undoes anyway (the window asks the same in its confirmation)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldkit.cli import main
from fieldkit.core.model import Person
from fieldkit.demo import install_demo
from fieldkit.store import Workspace
from fieldkit.sync.exchange import export_exchange


@pytest.fixture
def imported(tmp_path: Path) -> tuple[Path, Path]:
    for laptop in ("a", "b"):
        (tmp_path / laptop).mkdir()
    with Workspace(tmp_path / "a" / "workspace.sqlite") as a:
        install_demo(a)
        file = export_exchange(a, tmp_path / "a.fkx").path
    db = tmp_path / "b" / "workspace.sqlite"
    assert main(["--db", str(db), "sync", "import", str(file)]) == 0
    return db, file


def test_an_undo_right_after_the_import_needs_no_force(imported: tuple[Path, Path]) -> None:
    db, _file = imported
    assert main(["--db", str(db), "sync", "undo"]) == 0
    with Workspace(db) as b:
        assert b.events() == []


def test_edits_typed_after_the_import_stop_the_undo_until_forced(
    imported: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db, _file = imported
    with Workspace(db) as b:
        person = b.list(Person)[0]
        b.update(Person, person.id, phone="+591 71234567")
        before = b.dump()
    capsys.readouterr()
    assert main(["--db", str(db), "sync", "undo"]) == 1
    assert "add --force to undo anyway" in capsys.readouterr().err
    with Workspace(db) as b:
        assert b.dump() == before
    assert main(["--db", str(db), "sync", "undo", "--force"]) == 0
    with Workspace(db) as b:
        assert b.events() == []
