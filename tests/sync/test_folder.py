"""The sync folder among several laptops: leftovers of file-sync tools, half-arrived segments, a
cloned identity, a passphrase, a missing or read-only folder; the dumps end identical."""

from __future__ import annotations

import errno
import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldkit.cli import main
from fieldkit.core import ids
from fieldkit.core.errors import UserError
from fieldkit.core.model import Person, Session
from fieldkit.demo import DEMO_EVENT_CODES, install_demo
from fieldkit.store import Workspace
from fieldkit.sync.fileformat import AGE_MAGIC
from fieldkit.sync.folder import FolderReport, sync_folder

LEFTOVERS = (
    ".syncthing.00000001-0123456789abcdef.fkseg.tmp",
    "~syncthing~00000002-0123456789abcdef.json.tmp",
    "00000001-0123456789abcdef.sync-conflict-20261201-101010-ABCDEFG.json",
    "00000001-0123456789abcdef.sync-conflict-20261201-101010-ABCDEFG.fkseg",
    ".~lock.device.json#",  # LibreOffice / Nextcloud lock
    "00000003-0123456789abcdef.json.part",  # Nextcloud partial download
    ".dropbox",
    "00000004-0123456789abcdef.json.crdownload",
    "desktop.ini",
)


def _plant_leftovers(folder: Path, device_dir: str) -> None:
    """What Syncthing, Nextcloud and Dropbox leave lying around, some of it looking like ours."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in (*LEFTOVERS, ".stfolder"):
        (folder / name).write_text("{}", encoding="utf-8")
    versions = folder / ".stversions" / device_dir
    versions.mkdir(parents=True)
    (versions / "00000001-0123456789abcdef.json").write_text("{}", encoding="utf-8")
    (folder / ".stversions" / "00000001-0123456789abcdef~20261201-101010.json").write_text(
        "{}", encoding="utf-8"
    )
    (folder / "0123456789abcdef").mkdir()
    for name in LEFTOVERS:
        (folder / "0123456789abcdef" / name).write_bytes(b"PK\x03\x04 not a segment")


def _folder(path: Path) -> Path:
    path.mkdir(parents=True)
    return path


def _laptop(root: Path, name: str) -> Workspace:
    (root / name).mkdir(parents=True, exist_ok=True)
    ws = Workspace(root / name / "workspace.sqlite")
    ws.set_device_name(name)
    return ws


def _differences(a: Workspace, b: Workspace) -> list[str]:
    """The records that two dumps hold differently (for a readable failure)."""
    left, right = json.loads(a.dump()), json.loads(b.dump())
    found = []
    for kind in sorted(set(left) | set(right)):
        mine = {json.dumps(x, sort_keys=True) for x in left.get(kind, [])}
        theirs = {json.dumps(x, sort_keys=True) for x in right.get(kind, [])}
        found += [f"{kind} only in {a.device_name}: {x}" for x in sorted(mine - theirs)]
        found += [f"{kind} only in {b.device_name}: {x}" for x in sorted(theirs - mine)]
    return found


def _same(*laptops: Workspace) -> None:
    for other in laptops[1:]:
        assert _differences(laptops[0], other) == []


def _rounds(folder: Path, *laptops: Workspace, passphrase: str | None = None) -> None:
    """Everyone syncs, in turn, until a whole turn writes nothing."""
    for _turn in range(5):
        reports = [sync_folder(ws, folder, passphrase) for ws in laptops]
        if not any(r.written for r in reports):
            return
    raise AssertionError("the laptops kept writing")


@pytest.fixture
def three(tmp_path: Path) -> Iterator[tuple[Workspace, Workspace, Workspace]]:
    laptops = tuple(_laptop(tmp_path, name) for name in ("door", "group", "lead"))
    install_demo(laptops[0])
    yield laptops  # type: ignore[misc]
    for ws in laptops:
        ws.close()


def _session(ws: Workspace) -> Session:
    return ws.event_sessions(ws.find_event(DEMO_EVENT_CODES[1]).id)[1]


def test_three_laptops_converge_through_a_folder_full_of_leftovers(
    three: tuple[Workspace, Workspace, Workspace], tmp_path: Path
) -> None:
    door, group, lead = three
    folder = tmp_path / "Sync"
    _plant_leftovers(folder, door.device_id)
    first = sync_folder(door, folder)
    assert first.written and first.laptops == 0
    assert first.ignored >= len(LEFTOVERS) + 2  # the loose leftovers, .stversions, the fake laptop
    joined = sync_folder(group, folder)  # a new laptop catches up from the segments
    assert [a.device for a in joined.arrived] == [door.device_id]
    assert not joined.written  # it has nothing of its own yet
    assert group.dump() == door.dump()

    # A day of work on each laptop, one field edited on two of them at once.
    session = _session(door)
    door.update(Session, session.id, title="Plenaria inaugural")
    group.update(Session, session.id, title="Apertura")
    rosa = Person(id=ids.new_id(), given_names="Rosa", surnames="Quispe Mamani")
    group.save(rosa)
    juan = Person(id=ids.new_id(), given_names="Juan", surnames="Mamani")
    lead.save(juan)
    _rounds(folder, door, group, lead)

    _same(door, group, lead)
    for ws in three:
        assert ws.get(Person, rosa.id) is not None and ws.get(Person, juan.id) is not None
        (conflict,) = ws.open_conflicts()  # the losing title is kept, not lost
        assert {conflict.kept_value, conflict.other_value} == {"Plenaria inaugural", "Apertura"}
    # Nothing was ever rewritten: every laptop wrote only under its own sub-folder.
    for ws in three:
        for manifest in (folder / ws.device_id).glob("*.json"):
            assert manifest.name == "device.json" or manifest.stat().st_size < 1000
    assert (folder / ".stversions").is_dir() and (folder / "0123456789abcdef").is_dir()


def test_a_round_writes_only_what_changed_since_the_last_segment(
    three: tuple[Workspace, Workspace, Workspace], tmp_path: Path
) -> None:
    door, group, lead = three
    lead.save(Person(id=ids.new_id(), given_names="Eva", surnames="Choque"))
    assert lead.pending_upto() == 0  # a laptop on no folder notes nothing
    folder = _folder(tmp_path / "Sync")
    whole = sync_folder(door, folder)
    sync_folder(group, folder)
    assert not sync_folder(door, folder).written  # nothing changed, nothing written
    door.update(Session, _session(door).id, title="Cierre")
    assert door.pending_upto() > 0  # on a folder: the write is noted for the next round
    assert sync_folder(door, folder).written_records == 1
    assert door.pending_upto() == 0  # and the round has dealt with it
    assert whole.written_records > 1000
    arrived = sync_folder(group, folder).arrived
    assert [(a.new, a.changed) for a in arrived] == [(0, 1)]
    assert group.dump() == door.dump()
    assert len(list((folder / door.device_id).glob("*.fkseg"))) == 2


def test_a_half_arrived_segment_waits_for_the_next_round(
    three: tuple[Workspace, Workspace, Workspace], tmp_path: Path
) -> None:
    door, group, _lead = three
    written = _folder(tmp_path / "written")
    name = sync_folder(door, written).written
    # The folder as the other laptop sees it while the file-sync tool is still copying.
    arriving = tmp_path / "arriving"
    shutil.copytree(written, arriving)
    segment = arriving / door.device_id / name
    whole = segment.read_bytes()
    segment.write_bytes(whole[: len(whole) // 2])
    before = group.dump()
    report = sync_folder(group, arriving)
    assert report.waiting == [name] and not report.arrived
    assert group.dump() == before and group.folder_segments() == []
    segment.write_bytes(whole[:-1] + bytes([whole[-1] ^ 1]))  # complete in size, one bit off
    assert sync_folder(group, arriving).waiting == [name]
    assert group.dump() == before
    segment.write_bytes(whole)
    assert [a.name for a in sync_folder(group, arriving).arrived] == [name]
    assert group.dump() == door.dump()


@pytest.mark.parametrize("door_first", [True, False])
def test_a_cloned_laptop_is_named_and_takes_a_new_identity_without_losing_records(
    three: tuple[Workspace, Workspace, Workspace], tmp_path: Path, door_first: bool
) -> None:
    door, group, lead = three
    folder = _folder(tmp_path / "Sync")
    sync_folder(door, folder)
    sync_folder(group, folder)
    # The door laptop's disk is cloned onto another laptop, workspace and all.
    clone_path = tmp_path / "clone" / "workspace.sqlite"
    clone_path.parent.mkdir()
    shutil.copy(door.snapshot("clone"), clone_path)
    clone = Workspace(clone_path)
    try:
        assert clone.device_id == door.device_id
        old = door.device_id
        # When the door laptop's edit is the older, the clone's segment, under the same id,
        # must not pass for covering it.
        luis = Person(id=ids.new_id(), given_names="Luis", surnames="Condori")
        ana = Person(id=ids.new_id(), given_names="Ana", surnames="Núñez")
        for ws, person in (
            ((door, luis), (clone, ana)) if door_first else ((clone, ana), (door, luis))
        ):
            ws.save(person)
        assert sync_folder(clone, folder).identity is None  # nothing foreign under its id yet
        found = sync_folder(door, folder)
        assert found.identity is not None and found.identity.old == old
        assert door.device_id == found.identity.new != old
        assert door.get(Person, luis.id) is not None and door.get(Person, ana.id) is not None
        sync_folder(clone, folder)  # the other one may keep the old identity: it is its own now
        assert clone.device_id != door.device_id
        _rounds(folder, door, clone, group, lead)
        assert door.dump() == clone.dump() == group.dump() == lead.dump()
        for ws in (door, clone, group, lead):
            assert ws.get(Person, luis.id) is not None and ws.get(Person, ana.id) is not None
    finally:
        clone.close()


def test_an_encrypted_folder_needs_the_passphrase(
    three: tuple[Workspace, Workspace, Workspace], tmp_path: Path
) -> None:
    door, group, _lead = three  # two laptops only: each scrypt costs a second or more
    folder = _folder(tmp_path / "Sync")
    name = sync_folder(door, folder, "tres palabras largas").written
    assert (folder / door.device_id / name).read_bytes().startswith(AGE_MAGIC)
    before = group.dump()
    for wrong in (None, "otra"):
        with pytest.raises(UserError, match="passphrase"):
            sync_folder(group, folder, wrong)
        assert group.dump() == before and group.folder_segments() == []
    group.save(Person(id=ids.new_id(), given_names="Eva", surnames="Choque"))
    _rounds(folder, door, group, passphrase="tres palabras largas")
    _same(door, group)
    for segment in folder.glob("*/*.fkseg"):
        assert segment.read_bytes().startswith(AGE_MAGIC)


def test_a_missing_folder_deletes_nothing_and_says_so(
    three: tuple[Workspace, Workspace, Workspace], tmp_path: Path
) -> None:
    door, _group, _lead = three
    before = door.dump()
    with pytest.raises(UserError, match="not there"):
        sync_folder(door, tmp_path / "unplugged")
    assert door.dump() == before and not (tmp_path / "unplugged").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    report = sync_folder(door, empty)
    assert report.laptops == 0 and not report.arrived
    assert door.dump() == before


@pytest.mark.parametrize(
    ("code", "words"), [(errno.ENOSPC, "is full"), (errno.EROFS, "cannot be written to")]
)
def test_a_full_or_read_only_stick_gets_one_sentence(
    three: tuple[Workspace, Workspace, Workspace],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    code: int,
    words: str,
) -> None:
    door, _group, _lead = three
    folder = tmp_path / "stick"
    folder.mkdir()

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError(code, "refused")

    monkeypatch.setattr("fieldkit.sync.folder.tempfile.mkstemp", refuse)
    with pytest.raises(UserError, match=words) as raised:
        sync_folder(door, folder)
    assert str(raised.value).count(".") == 1 + str(folder).count(".")
    assert door.folder_segments() == []
    assert not list(folder.glob("*/*.fkseg"))


def test_the_command_line_runs_a_round(
    three: tuple[Workspace, Workspace, Workspace],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    door, _group, _lead = three
    folder = _folder(tmp_path / "Sync")
    assert sync_folder(door, folder).written
    (tmp_path / "new").mkdir()
    new_laptop = str(tmp_path / "new" / "workspace.sqlite")
    assert main(["sync", "folder", str(folder), "--db", new_laptop]) == 0
    out, err = capsys.readouterr()
    assert '"new": ' in out and "Read 1 segment from other laptops" in err
    assert "“fieldkit duplicates” lists who may be there twice" in err  # people came in
    assert main(["sync", "folder", str(folder), "--db", new_laptop]) == 0
    assert "fieldkit duplicates" not in capsys.readouterr().err  # nothing new this time
    assert main(["sync", "folder", str(tmp_path / "nowhere"), "--db", new_laptop]) != 0
    assert "not there" in capsys.readouterr().err


def test_the_report_counts_what_came_in(
    three: tuple[Workspace, Workspace, Workspace], tmp_path: Path
) -> None:
    door, group, _lead = three
    folder = _folder(tmp_path / "Sync")
    sync_folder(door, folder)
    report: FolderReport = sync_folder(group, folder)
    assert report.seen["new"].get("event") == len(DEMO_EVENT_CODES)
    assert report.changes.events and report.changes.people


def test_a_segment_whose_manifest_never_arrived_is_written_again(
    three: tuple[Workspace, Workspace, Workspace], tmp_path: Path
) -> None:
    door, group, _lead = three
    folder = _folder(tmp_path / "Sync")
    name = sync_folder(door, folder).written
    # As if the laptop stopped between the segment and its manifest: no one can read it.
    (folder / door.device_id / name.replace(".fkseg", ".json")).unlink()
    again = sync_folder(door, folder)
    assert again.written != name and again.written_records > 1000
    assert sync_folder(door, folder).written == ""
    sync_folder(group, folder)
    _same(door, group)


def test_a_kind_of_record_newer_than_the_migration_is_noted_too(
    three: tuple[Workspace, Workspace, Workspace], tmp_path: Path
) -> None:
    door, group, _lead = three
    folder = _folder(tmp_path / "Sync")
    sync_folder(door, folder)
    sync_folder(group, folder)
    # As for a kind added after the migration that made the triggers: none on its table.
    with sqlite3.connect(door.path) as plain:
        plain.execute('DROP TRIGGER "folder_pending_person_insert"')
    sync_folder(door, folder)  # the round puts it back
    eva = Person(id=ids.new_id(), given_names="Eva", surnames="Choque")
    door.save(eva)
    assert sync_folder(door, folder).written_records == 1
    sync_folder(group, folder)
    assert group.get(Person, eva.id) is not None
