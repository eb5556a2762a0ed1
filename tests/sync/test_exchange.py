"""Export and import between workspaces: idempotent, encrypted, undoable, conflicts kept."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from fieldkit.core import ids
from fieldkit.core.errors import UserError
from fieldkit.core.hlc import HybridLogicalClock
from fieldkit.core.merge import RecordState, merge_record
from fieldkit.core.model import Person, Session
from fieldkit.demo import DEMO_EVENT_CODES, install_demo
from fieldkit.store import Workspace
from fieldkit.sync.exchange import export_exchange, import_exchange, undo_last_import


@pytest.fixture
def two(tmp_path: Path) -> tuple[Workspace, Workspace]:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = Workspace(tmp_path / "a" / "workspace.sqlite")
    b = Workspace(tmp_path / "b" / "workspace.sqlite")
    install_demo(a)
    import_exchange(b, export_exchange(a, tmp_path / "start.fkx").path)
    yield a, b
    a.close()
    b.close()


def test_a_new_laptop_joins_by_importing_into_an_empty_workspace(
    two: tuple[Workspace, Workspace],
) -> None:
    a, b = two
    assert a.dump() == b.dump()
    assert {e.code for e in b.events()} == set(DEMO_EVENT_CODES)


def test_importing_twice_changes_nothing(two: tuple[Workspace, Workspace], tmp_path: Path) -> None:
    a, b = two
    file = export_exchange(a, tmp_path / "again.fkx").path
    before = b.dump()
    assert not import_exchange(b, file).summary.anything
    assert b.dump() == before


def test_a_concurrent_edit_keeps_both_values(
    two: tuple[Workspace, Workspace], tmp_path: Path
) -> None:
    a, b = two
    session = a.event_sessions(a.find_event(DEMO_EVENT_CODES[1]).id)[1]
    a.update(Session, session.id, title="Plenaria inaugural")
    b.update(Session, session.id, title="Apertura")
    import_exchange(b, export_exchange(a, tmp_path / "a.fkx").path)
    import_exchange(a, export_exchange(b, tmp_path / "b.fkx").path)
    assert a.dump() == b.dump()
    (conflict,) = a.open_conflicts()
    assert conflict.field == "title"
    assert {conflict.kept_value, conflict.other_value} == {"Plenaria inaugural", "Apertura"}
    assert {conflict.kept_by, conflict.other_by} == {a.device_id, b.device_id}


def test_a_later_edit_wins_without_a_conflict(
    two: tuple[Workspace, Workspace], tmp_path: Path
) -> None:
    a, b = two
    person = a.list(Person)[0]
    a.update(Person, person.id, phone="111")
    import_exchange(b, export_exchange(a, tmp_path / "a1.fkx").path)
    b.update(Person, person.id, phone="222")  # made after seeing a's value
    import_exchange(a, export_exchange(b, tmp_path / "b1.fkx").path)
    assert a.require(Person, person.id).phone == "222"
    assert a.open_conflicts() == []


def test_a_deletion_concurrent_with_an_edit_is_a_conflict(
    two: tuple[Workspace, Workspace], tmp_path: Path
) -> None:
    a, b = two
    person = a.list(Person)[0]
    a.delete(Person, person.id)
    b.update(Person, person.id, phone="333")
    import_exchange(b, export_exchange(a, tmp_path / "a2.fkx").path)
    import_exchange(a, export_exchange(b, tmp_path / "b2.fkx").path)
    assert a.dump() == b.dump()
    conflicts = [c for c in a.open_conflicts() if c.field == "deleted"]
    assert len(conflicts) == 1
    assert a.get(Person, person.id) is None
    # One click undoes the deletion: the record comes back with the edit.
    restored = a.get(Person, person.id, include_deleted=True)
    assert restored is not None
    a.save(restored)
    assert a.require(Person, person.id).phone == "333"


def test_encrypted_exchange(two: tuple[Workspace, Workspace], tmp_path: Path) -> None:
    a, b = two
    a.update(Person, a.list(Person)[0].id, phone="+591 7")
    file = export_exchange(a, tmp_path / "secret.fkx", passphrase="tres ejes").path
    assert b"+591 7" not in file.read_bytes()
    assert file.read_bytes().startswith(b"age-encryption.org/v1")
    import_exchange(b, file, "tres ejes")
    assert a.dump() == b.dump()


def test_only_the_chosen_events_travel(tmp_path: Path) -> None:
    with Workspace(tmp_path / "a.sqlite") as a, Workspace(tmp_path / "b.sqlite") as b:
        install_demo(a)
        file = export_exchange(a, tmp_path / "one.fkx", [DEMO_EVENT_CODES[0]]).path
        report = import_exchange(b, file)
        assert [e.code for e in b.events()] == [DEMO_EVENT_CODES[0]]
        assert report.summary.new["event"] == 1
        people_a = {p.id for p in a.list(Person)}
        assert {p.id for p in b.list(Person)} < people_a


def test_undo_last_import(two: tuple[Workspace, Workspace], tmp_path: Path) -> None:
    a, b = two
    before = b.dump()
    a.update(Person, a.list(Person)[0].id, email="x@example.org")
    import_exchange(b, export_exchange(a, tmp_path / "u.fkx").path)
    assert b.dump() != before
    undo_last_import(b)
    assert b.dump() == before
    assert b.integrity() == "ok"
    undo_last_import(b)  # each undo goes back one more import: here, the one that joined
    assert b.events() == []
    with pytest.raises(UserError):
        undo_last_import(b)
    # The clock never goes back with the data, even after a restart.
    issued = b.clock.last_issued
    path = b.path
    b.close()
    b.__init__(path)  # type: ignore[misc]
    assert b.clock.now() > issued


def test_a_laptop_whose_clock_runs_ahead_is_named(
    two: tuple[Workspace, Workspace], tmp_path: Path
) -> None:
    a, b = two
    three_days = 3 * 24 * 3600 * 1000
    a.clock = HybridLogicalClock(a.device_id, wall_ms=lambda: time.time_ns() // 10**6 + three_days)
    a.update(Person, a.list(Person)[0].id, phone="444")
    report = import_exchange(b, export_exchange(a, tmp_path / "ahead.fkx").path)
    assert [w.device for w in report.clock_warnings] == [a.device_id]
    # b's own clock followed, but not past the cap.
    assert b.clock.now() > a.clocks(Person, a.list(Person)[0].id)["phone"]


def test_two_laptops_with_one_identity_are_stopped(tmp_path: Path) -> None:
    import shutil

    (tmp_path / "a").mkdir()
    with Workspace(tmp_path / "a" / "w.sqlite") as a:
        install_demo(a)
    (tmp_path / "clone").mkdir()
    shutil.copy(tmp_path / "a" / "w.sqlite", tmp_path / "clone" / "w.sqlite")  # a cloned disk
    with (
        Workspace(tmp_path / "a" / "w.sqlite") as a,
        Workspace(tmp_path / "clone" / "w.sqlite") as c,
    ):
        assert a.device_id == c.device_id
        c.update(Person, c.list(Person)[0].id, phone="555")
        file = export_exchange(c, tmp_path / "clone.fkx").path
        with pytest.raises(UserError, match="share one identity"):
            import_exchange(a, file)


def test_merge_is_commutative_for_concurrent_writes() -> None:
    def state(value: str, stamp: str) -> RecordState:
        return RecordState("session", ids.new_id(), {"title": value}, {"title": stamp})

    x = state("A", "0000000000001:00000:aa")
    y = RecordState("session", x.id, {"title": "B"}, {"title": "0000000000002:00000:bb"})
    xy = merge_record(x, y)
    yx = merge_record(y, x)
    assert xy.state == yx.state
    assert xy.conflicts == yx.conflicts
    assert xy.conflicts[0].value == "A"
    assert json.loads(json.dumps(xy.conflicts[0].as_values()))["value"] == '"A"'


def test_the_shipped_schemas_describe_what_is_written(
    two: tuple[Workspace, Workspace], tmp_path: Path
) -> None:
    import zipfile

    import jsonschema

    from fieldkit.paths import resources_dir
    from fieldkit.sync.schema import SCHEMAS

    for name, build in SCHEMAS.items():
        shipped = json.loads((resources_dir() / "schema" / name).read_text("utf-8"))
        assert shipped == build()
    a, _b = two
    file = export_exchange(a, tmp_path / "schema.fkx").path
    with zipfile.ZipFile(file) as archive:
        jsonschema.validate(
            json.loads(archive.read("manifest.json")), SCHEMAS["exchange-manifest.schema.json"]()
        )
        validator = jsonschema.Draft202012Validator(SCHEMAS["exchange-record.schema.json"]())
        for line in archive.read("records.jsonl").splitlines()[:300]:
            validator.validate(json.loads(line))


def test_the_preview_counts_per_event(two: tuple[Workspace, Workspace], tmp_path: Path) -> None:
    a, b = two
    encounter = a.find_event(DEMO_EVENT_CODES[1])
    session = a.event_sessions(encounter.id)[2]
    a.update(Session, session.id, title="Otra")
    b.update(Session, session.id, title="Distinta")
    before = b.dump()
    report = import_exchange(b, export_exchange(a, tmp_path / "p.fkx").path, dry_run=True)
    assert report.summary.per_event[encounter.id] == {"new": 0, "changed": 1, "conflicts": 1}
    assert report.as_dict()["per_event"][encounter.id]["conflicts"] == 1
    assert b.dump() == before


def test_the_preview_counts_what_people_see(
    two: tuple[Workspace, Workspace], tmp_path: Path
) -> None:
    """A day of four sessions, ten people present and two check-ins undone: the file holds 5
    session records and 12 attendance records; the preview speaks of 4 sessions and 10
    participations."""
    import datetime as dt

    from fieldkit.core.model import Attendance

    a, b = two
    encounter = a.find_event(DEMO_EVENT_CODES[1])
    day = a.add_day(encounter.id, dt.date(2021, 10, 14)).value  # with its arrival session
    sessions = [
        Session(id=ids.new_id(), day_id=day.id, start_time=f"{9 + n:02d}:00", title=f"Mesa {n}")
        for n in range(4)
    ]
    a.save(*sessions)
    people = [p.id for p in a.list(Person)][:12]
    for n, person in enumerate(people[:10]):
        a.check_in(sessions[n % 4].id if n % 5 else ids.arrival_id(day.id), person)
    for person in people[10:]:
        a.check_in(sessions[0].id, person)
        a.apply([], [(Attendance, ids.attendance_id(sessions[0].id, person))])
    report = import_exchange(b, export_exchange(a, tmp_path / "day.fkx").path, dry_run=True)
    assert (report.summary.new["session"], report.summary.new["attendance"]) == (5, 12)
    seen = report.as_dict()["seen"]
    assert seen["new"] == {"day": 1, "participation": 10, "session": 4}
    assert seen["changed"] == {} and seen["removed"] == {}
    assert report.summary.per_event[encounter.id] == {"new": 15, "changed": 0, "conflicts": 0}

    # Into an empty workspace, everything is new: a session's ticks make no "changed" session.
    (tmp_path / "c").mkdir()
    with Workspace(tmp_path / "c" / "workspace.sqlite") as c:
        first = import_exchange(c, export_exchange(a, tmp_path / "all.fkx").path, dry_run=True)
    assert first.as_dict()["seen"]["changed"] == {}
    assert all(figures["changed"] == 0 for figures in first.summary.per_event.values())

    # Undone on the other laptop after it had them: removed, in the same words.
    import_exchange(b, export_exchange(a, tmp_path / "day.fkx").path)
    a.apply([], [(Attendance, ids.attendance_id(sessions[1].id, people[1]))])
    report = import_exchange(b, export_exchange(a, tmp_path / "undo.fkx").path, dry_run=True)
    assert report.as_dict()["seen"]["removed"] == {"participation": 1}
    assert report.summary.per_event[encounter.id]["removed"] == 1


def test_an_import_commits_only_once_the_copy_taken_before_it_passed_its_check(
    two: tuple[Workspace, Workspace], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldkit.store import backups

    a, b = two
    a.save(Person(ids.new_id(), "Rosa", "Quispe Mamani"))
    file = export_exchange(a, tmp_path / "rosa.fkx").path
    before = b.dump()
    copies_before = backups.list_backups(b.path)
    monkeypatch.setattr(
        backups, "integrity_problem", lambda *_args, **_how: "page 7: btree damaged"
    )
    with pytest.raises(backups.CopyDamaged, match="did not pass its check"):
        import_exchange(b, file)
    assert b.dump() == before  # merged, then rolled back with the copy that failed
    assert backups.list_backups(b.path) == copies_before
    assert not list(backups.folder_of(b.path).glob("*.partial*"))
    monkeypatch.undo()
    report = import_exchange(b, file)
    assert report.summary.anything and b.dump() == a.dump()
    undo_last_import(b)  # the copy the import logged is the one that passed
    assert b.dump() == before
