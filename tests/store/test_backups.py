"""Backups: rotation per kind, the check of each copy, the copy before an import, restoring."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fieldkit.core.errors import InvalidInput, WorkspaceUnavailable
from fieldkit.core.ids import new_id
from fieldkit.core.model import Event
from fieldkit.io.interchange import export_event, import_document
from fieldkit.io.people_import import apply_plan, plan_import
from fieldkit.store import Workspace, backups
from fieldkit.sync.exchange import export_exchange, import_exchange

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def _add_event(ws: Workspace, code: str) -> str:
    event = Event(id=new_id(), code=code, title=f"Encuentro {code}")
    ws.save(event)
    return event.id


def _codes(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        return {code for (code,) in connection.execute("SELECT code FROM event")}


def _kinds(ws: Workspace) -> list[str]:
    return [c.kind for c in backups.list_backups(ws.path)]


# --- rotation ----------------------------------------------------------------------------------


def test_each_kind_keeps_its_stated_number_of_copies(workspace: Workspace) -> None:
    taken = {
        backups.DAILY: 9,
        backups.BEFORE_IMPORT: 7,
        backups.BEFORE_MIGRATION: 5,
        backups.BEFORE_RESTORE: 4,
    }
    for kind, count in taken.items():
        for hour in range(count):
            backups.take_backup(workspace.path, kind, now=START + dt.timedelta(hours=hour))
    copies = backups.list_backups(workspace.path)
    counts = {kind: sum(c.kind == kind for c in copies) for kind in taken}
    assert counts == {
        backups.DAILY: 7,
        backups.BEFORE_IMPORT: 5,
        backups.BEFORE_MIGRATION: 3,
        backups.BEFORE_RESTORE: 3,
    }
    # The newest are kept: the two oldest daily copies went.
    daily = sorted(c.taken for c in copies if c.kind == backups.DAILY)
    assert daily[0] == START + dt.timedelta(hours=2)
    assert copies == sorted(copies, key=lambda c: c.taken, reverse=True)


def test_copies_of_another_workspace_and_of_earlier_versions(workspace: Workspace) -> None:
    folder = backups.folder_of(workspace.path)
    folder.mkdir()
    other = folder / f"other.20260101T000000000000.daily{backups.SUFFIX}"
    other.write_bytes(b"")
    for day in range(1, 6):  # copies an earlier fieldkit took before a migration
        name = f"{workspace.path.stem}.202601{day:02d}T000000000000.before-0002{backups.SUFFIX}"
        backups.copy_verified(workspace.path, folder / name)
    backups.take_backup(workspace.path, backups.BEFORE_MIGRATION, now=START)
    kinds = _kinds(workspace)
    assert kinds == [backups.BEFORE_MIGRATION] * 3
    assert other.exists()  # never another workspace's


def test_a_copy_that_fails_its_check_is_removed_and_said(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    backups.take_backup(workspace.path, backups.DAILY, now=START)
    monkeypatch.setattr(backups, "integrity_problem", lambda _path: "row 3 missing from index")
    with pytest.raises(backups.CopyDamaged) as refused:
        backups.take_backup(workspace.path, backups.DAILY, now=START + dt.timedelta(days=1))
    assert "row 3 missing from index" in refused.value.message
    assert "removed" in refused.value.message
    files = sorted(p.name for p in backups.folder_of(workspace.path).iterdir())
    assert len(files) == 1 and ".partial" not in files[0]  # the earlier copy, nothing else


def test_a_copy_is_checked_for_real(workspace: Workspace, tmp_path: Path) -> None:
    _add_event(workspace, "A")
    copy = backups.take_backup(workspace.path, backups.MANUAL)
    assert backups.integrity_problem(copy) is None
    assert _codes(copy) == {"A"}
    with copy.open("rb") as handle:  # one file: not left in WAL mode
        assert handle.read(20)[18:20] == b"\x01\x01"
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(copy.read_bytes()[: 3 * 4096] + os.urandom(4096) * 4)
    assert backups.integrity_problem(damaged) is not None


def test_the_daily_copy_is_taken_once_a_day(workspace: Workspace) -> None:
    assert backups.take_daily_if_due(workspace.path, now=START) is not None
    assert backups.take_daily_if_due(workspace.path, now=START + dt.timedelta(hours=1)) is None
    assert backups.take_daily_if_due(workspace.path, now=START + dt.timedelta(days=1)) is not None
    assert _kinds(workspace) == [backups.DAILY, backups.DAILY]
    assert not backups.daily_due(workspace.path.with_name("missing.sqlite"))


def test_latest_good_skips_a_copy_that_was_hurt_after_it_was_made(workspace: Workspace) -> None:
    older = backups.take_backup(workspace.path, backups.DAILY, now=START)
    newer = backups.take_backup(workspace.path, backups.DAILY, now=START + dt.timedelta(days=1))
    newer.write_bytes(b"\0" * 100)
    good = backups.latest_good(workspace.path)
    assert good is not None and good.path == older


# --- a copy before every import ----------------------------------------------------------------


def test_an_interchange_import_takes_a_copy_first(workspace: Workspace) -> None:
    event_id = _add_event(workspace, "A")
    document = export_event(workspace, event_id)
    document["event"]["title"] = "Changed"
    import_document(workspace, document, dry_run=True)
    assert _kinds(workspace) == []
    import_document(workspace, document)
    (copy,) = backups.list_backups(workspace.path)
    assert copy.kind == backups.BEFORE_IMPORT
    with sqlite3.connect(copy.path) as connection:
        (title,) = connection.execute("SELECT title FROM event").fetchone()
    assert title == "Encuentro A"  # the copy holds the workspace as it was before


def test_a_people_import_takes_a_copy_first(workspace: Workspace, tmp_path: Path) -> None:
    _add_event(workspace, "ENC")
    listing = tmp_path / "list.csv"
    listing.write_text("Nombres,Apellidos\nAna,Quispe\nLuis,Mamani\n", encoding="utf-8")
    apply_plan(workspace, plan_import(workspace, "ENC", listing))
    assert _kinds(workspace) == [backups.BEFORE_IMPORT]


def test_an_exchange_import_takes_a_copy_first(workspace: Workspace, tmp_path: Path) -> None:
    (tmp_path / "other").mkdir()
    other = Workspace(tmp_path / "other" / "laptop.sqlite")
    try:
        _add_event(other, "B")
        export_exchange(other, tmp_path / "b.fkx", ())
    finally:
        other.close()
    _add_event(workspace, "A")
    import_exchange(workspace, tmp_path / "b.fkx")
    (copy,) = backups.list_backups(workspace.path)
    assert copy.kind == backups.BEFORE_IMPORT and _codes(copy.path) == {"A"}


# --- restoring ---------------------------------------------------------------------------------


def test_restore_backs_up_first_then_replaces_the_workspace(
    workspace: Workspace, tmp_path: Path
) -> None:
    _add_event(workspace, "A")
    saved = workspace.back_up_to(tmp_path / "saved.sqlite")
    _add_event(workspace, "B")
    device, stamp = workspace.device_id, workspace.clock.last_issued
    result = workspace.restore_from(saved)
    assert {e.code for e in workspace.events()} == {"A"}
    assert result.changes.events and result.changes.people
    before = result.value
    assert before.name.endswith(f".{backups.BEFORE_RESTORE}{backups.SUFFIX}")
    assert _codes(before) == {"A", "B"}  # what the workspace held is kept
    assert workspace.device_id == device
    assert workspace.clock.now() > stamp  # the clock never runs back with the data
    _add_event(workspace, "C")  # and the workspace goes on being written
    assert {e.code for e in workspace.events()} == {"A", "C"}
    assert not list(tmp_path.glob(".*restoring*"))
    assert backups.integrity_problem(workspace.path) is None


def test_restoring_another_laptops_file_keeps_this_laptops_identity(
    workspace: Workspace, tmp_path: Path
) -> None:
    (tmp_path / "other").mkdir()
    other = Workspace(tmp_path / "other" / "laptop.sqlite")
    try:
        _add_event(other, "B")
        other_device = other.device_id
    finally:
        other.close()
    device = workspace.device_id
    workspace.restore_from(tmp_path / "other" / "laptop.sqlite")
    assert workspace.device_id == device != other_device
    assert {e.code for e in workspace.events()} == {"B"}


@pytest.mark.parametrize("kind", ["text", "foreign", "damaged", "newer", "missing", "folder"])
def test_restore_refuses_what_is_not_a_sound_workspace_and_changes_nothing(
    workspace: Workspace, tmp_path: Path, kind: str
) -> None:
    _add_event(workspace, "A")
    source = tmp_path / f"{kind}.sqlite"
    if kind == "text":
        source.write_text("Nombres,Apellidos\nAna,Quispe\n", encoding="utf-8")
    elif kind == "foreign":
        with sqlite3.connect(source) as connection:
            connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    elif kind == "damaged":
        good = workspace.back_up_to(tmp_path / "good.sqlite")
        data = bytearray(good.read_bytes())
        data[5 * 4096 : 9 * 4096] = os.urandom(4 * 4096)
        source.write_bytes(bytes(data))
    elif kind == "newer":
        workspace.back_up_to(source)
        with sqlite3.connect(source) as connection:
            connection.execute("UPDATE alembic_version SET version_num = '9999'")
    elif kind == "folder":
        source.mkdir()
    before = workspace.path.read_bytes()
    with pytest.raises(InvalidInput) as refused:
        workspace.restore_from(source)
    message = refused.value.message
    assert message.count(".") <= 2 + str(source).count(".") and "\n" not in message
    assert "nothing was changed" in message
    assert workspace.path.read_bytes() == before
    assert {e.code for e in workspace.events()} == {"A"}
    assert backups.list_backups(workspace.path) == []  # not even the copy before a restore
    assert not list(tmp_path.glob(".*restoring*"))


def test_a_restore_stopped_before_the_rename_leaves_the_workspace_whole(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add_event(workspace, "A")
    saved = workspace.back_up_to(tmp_path / "saved.sqlite")
    _add_event(workspace, "B")

    def power_cut(self: Path, target: Path) -> Path:
        if Path(target) == workspace.path:
            raise OSError(5, "Input/output error")
        return original(self, target)

    original = Path.replace
    monkeypatch.setattr(Path, "replace", power_cut)
    with pytest.raises(WorkspaceUnavailable):
        workspace.restore_from(saved)
    monkeypatch.undo()
    assert backups.integrity_problem(workspace.path) is None
    assert _codes(workspace.path) == {"A", "B"}
    assert not list(tmp_path.glob(".*restoring*"))
    assert {e.code for e in workspace.events()} == {"A", "B"}  # and it can still be used


def test_no_old_wal_is_applied_to_the_restored_file(workspace: Workspace, tmp_path: Path) -> None:
    _add_event(workspace, "A")
    saved = workspace.back_up_to(tmp_path / "saved.sqlite")
    for number in range(30):  # edits that sit in the -wal until a checkpoint
        _add_event(workspace, f"B{number}")
    workspace.restore_from(saved)
    workspace.close()
    with Workspace(workspace.path) as again:
        assert {e.code for e in again.events()} == {"A"}
    assert backups.integrity_problem(workspace.path) is None


def test_a_damaged_workspace_is_recovered_as_a_copy(tmp_path: Path) -> None:
    path = tmp_path / "workspace.sqlite"
    with Workspace(path) as ws:
        _add_event(ws, "A")
        copy = backups.take_backup(path, backups.DAILY)
    damaged = os.urandom(8192)
    path.write_bytes(damaged)
    aside = backups.recover_locked(path, copy)
    assert aside != path and "damaged-" in aside.name and aside.read_bytes() == damaged
    assert copy.exists()  # the backup itself is copied, never moved
    with Workspace(path) as ws:
        assert {e.code for e in ws.events()} == {"A"}


def test_recovery_waits_for_the_lock(workspace: Workspace) -> None:
    copy = backups.take_backup(workspace.path, backups.DAILY)
    with pytest.raises(WorkspaceUnavailable, match="another copy of fieldkit"):
        backups.recover_locked(workspace.path, copy)


_RESTORE_SCRIPT = """
import sys
from pathlib import Path
from fieldkit.store import Workspace
with Workspace(Path(sys.argv[1])) as ws:
    print("open", flush=True)
    ws.restore_from(Path(sys.argv[2]))
"""


def test_a_restore_killed_at_any_moment_leaves_one_whole_workspace(tmp_path: Path) -> None:
    """SIGKILL at random moments of a restore: afterwards the workspace is sound and is either
    the one before or the one restored, never a mix; the next restore cleans up and succeeds."""
    path = tmp_path / "workspace.sqlite"
    with Workspace(path) as ws:
        for number in range(300):
            _add_event(ws, f"OLD{number}")
        old = {e.code for e in ws.events()}
    source = tmp_path / "source.sqlite"
    with Workspace(source) as ws:
        for number in range(200):
            _add_event(ws, f"NEW{number}")
        new = {e.code for e in ws.events()}
    outcomes: list[str] = []
    for delay in (0.02, 0.2, 0.4, 0.6, 0.8, 1.0, 1.2, 1.5):  # across a restore's ~1.3 s
        process = subprocess.Popen(
            [sys.executable, "-c", _RESTORE_SCRIPT, str(path), str(source)],
            stdout=subprocess.PIPE,
        )
        assert process.stdout is not None
        assert process.stdout.readline().strip() == b"open"
        time.sleep(delay)
        process.kill()
        process.wait()
        process.stdout.close()
        assert backups.integrity_problem(path) is None
        with Workspace(path) as ws:
            codes = {e.code for e in ws.events()}
        assert codes in (old, new)
        outcomes.append("new" if codes == new else "old")
        if codes == new:  # start again from the old workspace
            with Workspace(path) as ws:
                before = next(
                    c for c in backups.list_backups(path) if c.kind == backups.BEFORE_RESTORE
                )
                ws.restore_from(before.path)
                assert {e.code for e in ws.events()} == old
    with Workspace(path) as ws:
        ws.restore_from(source)
        assert {e.code for e in ws.events()} == new
    assert not list(tmp_path.glob(".*restoring*"))
    assert "old" in outcomes  # killed before the rename at least once
