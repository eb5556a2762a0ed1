"""An erasure travels: the other laptop honours it over its own edits and keeps no copy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldkit.core.ids import new_id
from fieldkit.core.model import Conflict, Person
from fieldkit.store import Workspace
from fieldkit.sync.exchange import export_exchange, import_exchange

PHONE = "+591 7123 9876"
NEW_PHONE = "+591 7555 4321"  # typed on the other laptop while the first erased


@pytest.fixture
def two(tmp_path: Path) -> tuple[Workspace, Workspace, Person]:
    for laptop in ("a", "b"):
        (tmp_path / laptop).mkdir()
    a = Workspace(tmp_path / "a" / "workspace.sqlite")
    b = Workspace(tmp_path / "b" / "workspace.sqlite")
    ruth = Person(
        new_id(), given_names="Ruth", surnames="Quispe", phone=PHONE, email="ruth@example.org"
    )
    a.save(ruth)
    import_exchange(b, export_exchange(a, tmp_path / "start.fkx").path)
    yield a, b, ruth
    a.close()
    b.close()


def _everything(ws: Workspace) -> bytes:
    data = ws.dump()
    for copy in (ws.path.parent / "backups").glob("*before-import*"):
        data += copy.read_bytes()
    for name in (ws.path, Path(f"{ws.path}-wal")):
        if name.exists():
            data += name.read_bytes()
    return data


def test_an_erasure_wins_over_a_concurrent_edit_on_the_other_laptop(
    two: tuple[Workspace, Workspace, Person], tmp_path: Path
) -> None:
    a, b, ruth = two
    b.update(Person, ruth.id, phone=NEW_PHONE, surnames="Quispe Mamani")
    # a conflict that only the second laptop knows, holding an old value
    stamp = str(b.clock.now())
    b.save(Conflict(new_id(), "person", ruth.id, "email", json.dumps("old@example.org"), stamp))
    a.erase_people([ruth.id], keep_initials=True)
    preview = import_exchange(b, export_exchange(a, tmp_path / "a.fkx").path, dry_run=True)
    assert preview.as_dict()["erased"] == 1
    report = import_exchange(b, export_exchange(a, tmp_path / "a.fkx").path)
    assert report.summary.erased == {ruth.id}
    erased = b.require(Person, ruth.id)
    assert (erased.given_names, erased.surnames, erased.phone, erased.email) == (
        "R.",
        "Q.",
        "",
        "",
    )
    assert b.open_conflicts() == []
    data = _everything(b)
    for old in (PHONE, NEW_PHONE, "Quispe", "ruth@example.org", "old@example.org"):
        assert old.encode() not in data, old
    entry = b.last_import()
    assert entry is not None and entry.snapshot is None  # no undo copy holds the data
    # and back: the first laptop converges with no conflict either
    import_exchange(a, export_exchange(b, tmp_path / "b.fkx").path)
    assert a.dump() == b.dump()
    assert a.open_conflicts() == []
    assert NEW_PHONE.encode() not in _everything(a)


def test_an_old_edit_arriving_after_the_erasure_loses(
    two: tuple[Workspace, Workspace, Person], tmp_path: Path
) -> None:
    a, b, ruth = two
    a.erase_people([ruth.id], keep_initials=False)
    b.update(Person, ruth.id, phone=NEW_PHONE)  # not yet aware of the erasure
    import_exchange(a, export_exchange(b, tmp_path / "b.fkx").path)
    assert a.require(Person, ruth.id).phone == ""
    assert a.open_conflicts() == []
    assert NEW_PHONE.encode() not in a.dump()
    import_exchange(b, export_exchange(a, tmp_path / "a.fkx").path)
    assert a.dump() == b.dump()
    assert b.require(Person, ruth.id).full_name == ""


def test_the_preview_says_that_the_file_erases_someone(
    two: tuple[Workspace, Workspace, Person], tmp_path: Path
) -> None:
    from fieldkit.gui.exchange.texts import preview_lines  # plain text, no Qt

    a, b, ruth = two
    a.erase_people([ruth.id], keep_initials=True)
    preview = import_exchange(b, export_exchange(a, tmp_path / "a.fkx").path, dry_run=True)
    text = "\n".join(preview_lines(preview.as_dict(), {}))
    assert "It erases the personal data of 1 person" in text
    assert b.require(Person, ruth.id).phone == PHONE  # a preview writes nothing
