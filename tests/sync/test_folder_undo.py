"""Undoing an import on a laptop that syncs through a folder.

The undo puts the whole workspace back as it was before the import, and with it this laptop's
bookkeeping of the folder. The segments it wrote since are still in the folder under its
identity: it must know them for its own (not take them for a clone's) and must not lose what
they carried that the other laptops already have.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldkit.cli import main
from fieldkit.core import ids
from fieldkit.core.model import Person
from fieldkit.demo import install_demo
from fieldkit.store import Workspace
from fieldkit.sync.exchange import export_exchange
from fieldkit.sync.folder import sync_folder

ROSA = ids.new_id()  # the person that the office laptop's file brings


def _laptop(root: Path, name: str) -> Path:
    (root / name).mkdir(parents=True, exist_ok=True)
    path = root / name / "workspace.sqlite"
    with Workspace(path) as ws:
        ws.set_device_name(name)
    return path


@pytest.fixture
def laptops(tmp_path: Path) -> Iterator[tuple[Path, Path, Path, Path]]:
    """The door and the group laptop on a folder, both up to date; an office laptop that is on
    no folder and sends an exchange file with one new person."""
    folder = tmp_path / "Sync"
    folder.mkdir()
    door, group, office = (_laptop(tmp_path, name) for name in ("door", "group", "office"))
    with Workspace(door) as ws:
        install_demo(ws)
        sync_folder(ws, folder)
    with Workspace(group) as ws:
        sync_folder(ws, folder)
    with Workspace(office) as ws:
        ws.save(Person(id=ROSA, given_names="Rosa", surnames="Quispe de Mamani"))
    yield door, group, office, folder


def _import(db: Path, office: Path, out: Path) -> None:
    with Workspace(office) as ws:
        file = export_exchange(ws, out).path
    assert main(["--db", str(db), "sync", "import", str(file)]) == 0


def _rosa(ws: Workspace) -> list[Person]:
    return [p for p in ws.list(Person) if p.id == ROSA]


def test_a_round_after_undoing_an_import_knows_its_own_segments(
    laptops: tuple[Path, Path, Path, Path], tmp_path: Path
) -> None:
    _door, group, office, folder = laptops
    _import(group, office, tmp_path / "office.fkx")
    with Workspace(group) as ws:
        identity = ws.device_id
        sent = sync_folder(ws, folder)  # the import goes out in the group laptop's segment
        assert sent.written and sent.identity is None
    assert main(["--db", str(group), "sync", "undo"]) == 0
    with Workspace(group) as ws:
        assert ws.device_id == identity
        assert _rosa(ws) == []  # the undo took the import away here
        again = sync_folder(ws, folder)
        assert again.identity is None, again.identity  # no clone: the segment is its own
        assert ws.device_id == identity
        assert sync_folder(ws, folder).identity is None


def test_after_the_undo_the_laptops_still_end_identical(
    laptops: tuple[Path, Path, Path, Path], tmp_path: Path
) -> None:
    door, group, office, folder = laptops
    _import(group, office, tmp_path / "office.fkx")
    with Workspace(group) as ws:
        person = ws.list(Person)[0]
        ws.update(Person, person.id, phone="+591 71234567")  # typed after the import
        assert sync_folder(ws, folder).written
    with Workspace(door) as ws:
        sync_folder(ws, folder)  # the door laptop has the group laptop's segment
        assert len(_rosa(ws)) == 1
    assert main(["--db", str(group), "sync", "undo", "--force"]) == 0
    with Workspace(door) as a, Workspace(group) as b:
        for _turn in range(4):
            reports = [sync_folder(ws, folder) for ws in (a, b)]
            assert all(r.identity is None for r in reports)
        # What the group laptop had already sent lives on in the folder and on the door
        # laptop; the undo cannot take it back from them, so it comes back here too.
        assert a.dump() == b.dump()
        assert len(_rosa(b)) == 1
        assert b.get(Person, person.id).phone == "+591 71234567"  # type: ignore[union-attr]
