import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from fieldkit.core import ids
from fieldkit.core.errors import WorkspaceUnavailable
from fieldkit.core.model import Attendance, AttendanceMode, Event, Person, Session
from fieldkit.store import Workspace
from fieldkit.store.base import _environment_error


def _pragma(path: Path, name: str) -> object:
    ws = Workspace(path)
    try:
        with ws.engine.connect() as conn:
            return conn.exec_driver_sql(f"PRAGMA {name}").scalar()
    finally:
        ws.close()


def test_the_file_runs_in_wal_mode_with_full_sync_and_foreign_keys(db_path: Path) -> None:
    assert _pragma(db_path, "journal_mode") == "wal"
    assert _pragma(db_path, "synchronous") == 2  # FULL
    assert _pragma(db_path, "foreign_keys") == 1


def test_only_changed_fields_get_a_new_stamp(workspace: Workspace) -> None:
    person = Person(id=ids.new_id(), given_names="Juana", surnames="Quispe")
    workspace.save(person)
    before = workspace.clocks(Person, person.id)
    assert len(set(before.values())) == 1  # created at once
    updated = workspace.update(Person, person.id, phone="+591 700 00000")
    after = workspace.clocks(Person, person.id)
    assert updated.value.phone == "+591 700 00000" and updated.value.surnames == "Quispe"
    changes = updated.changes
    assert changes.people and not changes.attendance
    assert after["phone"] > before["phone"]
    assert {k: v for k, v in after.items() if k != "phone"} == {
        k: v for k, v in before.items() if k != "phone"
    }
    assert after["phone"].endswith(workspace.device_id)


def test_saving_unchanged_values_changes_nothing(workspace: Workspace) -> None:
    person = Person(id=ids.new_id(), surnames="Mamani")
    workspace.save(person)
    clocks = workspace.clocks(Person, person.id)
    assert not workspace.save(person).changes.anything
    assert workspace.clocks(Person, person.id) == clocks


def test_delete_is_a_tombstone_and_saving_brings_it_back(workspace: Workspace) -> None:
    person = Person(id=ids.new_id(), surnames="Condori")
    workspace.save(person)
    workspace.delete(Person, person.id)
    assert workspace.get(Person, person.id) is None
    assert workspace.get(Person, person.id, include_deleted=True) == person
    assert (
        workspace.clocks(Person, person.id)["deleted"]
        > workspace.clocks(Person, person.id)["surnames"]
    )
    workspace.save(person)
    assert workspace.get(Person, person.id) == person


def test_the_clock_continues_after_reopening(db_path: Path) -> None:
    ws = Workspace(db_path)
    person = Person(id=ids.new_id(), surnames="Apaza")
    ws.save(person)
    device, stamp = ws.device_id, ws.clocks(Person, person.id)["surnames"]
    ws.close()
    ws = Workspace(db_path)
    try:
        assert ws.device_id == device
        assert ws.clock.now() > stamp
    finally:
        ws.close()


def test_a_second_copy_of_the_app_is_refused(workspace: Workspace) -> None:
    with pytest.raises(WorkspaceUnavailable, match="another copy"):
        Workspace(workspace.path)


def test_a_day_has_an_arrival_session(workspace: Workspace) -> None:
    event = Event(id=ids.new_id(), code="E", title="E")
    workspace.save(event)
    day = workspace.add_day(event.id, dt.date(2021, 10, 11)).value
    arrival = workspace.require(Session, ids.arrival_id(day.id))
    assert arrival.kind == "arrival"
    assert workspace.event_sessions(event.id) == [arrival]


def test_present_on_a_day_means_at_its_arrival_or_any_session(
    workspace: Workspace, sample_event: str
) -> None:
    (day,) = workspace.event_days(sample_event)
    present = workspace.day_attendance(day.id)
    assert len(present) == 2
    assert sorted(present.values()) == [AttendanceMode.IN_PERSON, AttendanceMode.VIRTUAL]
    assert workspace.present_counts(sample_event) == {day.id: 2}
    assert workspace.registered_count(sample_event) == 2


def test_checking_in_twice_makes_one_row(workspace: Workspace, sample_event: str) -> None:
    (day,) = workspace.event_days(sample_event)
    person = workspace.search_people("nunez")[0]
    assert not workspace.check_in(
        ids.arrival_id(day.id), person.id, at=dt.datetime(2021, 10, 11, 8, 30)
    ).changes.anything
    rows = workspace.list(Attendance, where={"person_id": person.id})
    assert len(rows) == 1


@pytest.mark.parametrize("typed", ["nunez", "NÚÑEZ", "quispe jua", "chuxna", "ch'ux"])
def test_search_ignores_accents_case_and_word_order(
    workspace: Workspace, sample_event: str, typed: str
) -> None:
    assert len(workspace.search_people(typed)) == 1


def test_search_treats_wildcards_as_letters(workspace: Workspace, sample_event: str) -> None:
    assert workspace.search_people("%") == []
    assert workspace.search_people("_") == []


def test_records_come_back_as_saved(workspace: Workspace, sample_event: str) -> None:
    event = workspace.require(Event, sample_event)
    assert workspace.find_event("TEST-1") == event
    edited = dataclasses.replace(event, title="Encuentro binacional", archived=True)
    workspace.save(edited)
    assert workspace.find_event(event.id) == edited


def test_settings_are_kept(workspace: Workspace) -> None:
    assert workspace.setting("paper", "a4") == "a4"
    workspace.set_setting("paper", "letter")
    workspace.set_setting("paper", "a4")
    assert workspace.setting("paper") == "a4"


def test_several_settings_are_read_at_once(workspace: Workspace) -> None:
    assert workspace.settings(["paper", "logo"]) == {}
    workspace.set_setting("paper", "letter")
    workspace.set_setting("blank_rows", 12)
    workspace.set_setting("logo", None)
    read = workspace.settings(["paper", "blank_rows", "logo", "missing", "paper"])
    assert read == {"paper": "letter", "blank_rows": 12, "logo": None}  # not "missing"
    for key in ("paper", "blank_rows", "logo", "missing"):
        assert read.get(key) == workspace.setting(key)
    assert workspace.settings([]) == {}


def test_blobs_are_stored_once_by_hash(workspace: Workspace) -> None:
    digest = workspace.add_blob(b"flip chart")
    assert workspace.add_blob(b"flip chart") == digest
    assert workspace.blob(digest) == b"flip chart"


@pytest.mark.parametrize(
    ("sqlite_message", "expected"),
    [
        ("attempt to write a readonly database", "read-only"),
        ("database or disk is full", "disk that holds the workspace is full"),
        ("database is locked", "busy in another program"),
        ("disk I/O error", "cannot be used"),
    ],
)
def test_environment_errors_get_one_plain_sentence(sqlite_message: str, expected: str) -> None:
    error = _environment_error(Path("w.sqlite"), sqlite3.OperationalError(sqlite_message))
    assert expected in error.message
    assert "\n" not in error.message


def test_a_write_refused_by_the_disk_is_reported_plainly(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real path: SQLite refuses a write (here: the connection is made read-only)."""
    from sqlalchemy import event

    workspace.engine.dispose()  # connections are pooled: make the next ones anew

    @event.listens_for(workspace.engine, "connect")
    def _read_only(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute("PRAGMA query_only = ON")

    with pytest.raises(WorkspaceUnavailable) as info:
        workspace.save(Person(id=ids.new_id(), surnames="X"))
    assert "\n" not in info.value.message


def test_the_same_new_record_twice_in_one_save_keeps_the_last(workspace: Workspace) -> None:
    person = Person(id=ids.new_id(), surnames="Ticona")
    workspace.save(person, dataclasses.replace(person, phone="+591 2"))
    assert workspace.require(Person, person.id).phone == "+591 2"


def test_a_refused_save_writes_nothing_and_leaves_no_transaction_open(
    workspace: Workspace, sample_event: str
) -> None:
    """`save` runs on a pooled sqlite3 connection alone: a refusal rolls it back before the
    connection goes back to the pool, and the next save on it commits as usual."""
    from fieldkit.core.errors import InvalidInput

    orphan = Attendance(
        id=ids.new_id(), session_id=ids.new_id(), person_id=ids.new_id(), recorded_by="door"
    )
    with pytest.raises(InvalidInput):
        workspace.save(Person(id=ids.new_id(), surnames="Before"), orphan)
    with workspace.engine.connect() as conn:
        driver = conn.connection.driver_connection
        assert driver is not None and not driver.in_transaction
        found = driver.execute("SELECT count(*) FROM person WHERE surnames = 'Before'")
        assert found.fetchone() == (0,)
    person = Person(id=ids.new_id(), surnames="After")
    workspace.save(person)
    assert workspace.require(Person, person.id).surnames == "After"
