"""Every write returns one shape, `Result`: the value it made and the `Changes` it caused."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldkit import cli
from fieldkit.core import ids
from fieldkit.core.errors import InvalidInput, NotFound
from fieldkit.core.model import (
    ActionItem,
    ActionStatus,
    Changes,
    Conflict,
    Event,
    Gender,
    Keep,
    Person,
    Result,
)
from fieldkit.store import Workspace
from fieldkit.sync.exchange import export_exchange, import_exchange

# --- Changes and its initiator ----------------------------------------------------------------


def test_the_initiator_takes_no_part_in_equality_and_survives_only_when_shared() -> None:
    page, other = object(), object()
    mine = Changes(people=True).by(page)
    assert mine == Changes(people=True) and mine.initiator is page
    assert (mine | Changes(notes=True).by(page)).initiator is page
    assert (mine | Changes()).initiator is page  # an empty side changed nothing
    assert (Changes() | mine).initiator is page
    both = mine | Changes(agenda=True).by(other)
    assert both.initiator is None and both == Changes(people=True, agenda=True)
    assert (mine | Changes(agenda=True)).initiator is None  # someone else wrote too
    assert Changes.everything().anything and not Changes().by(page).anything


# --- values and changes of the writes -------------------------------------------------------


def test_add_day_returns_the_day_and_its_changes(workspace: Workspace, sample_event: str) -> None:
    written = workspace.add_day(sample_event, dt.date(2021, 10, 12), "Visita")
    assert isinstance(written, Result)
    assert written.changes == Changes(agenda=True)
    assert workspace.require(type(written.value), written.value.id).title == "Visita"


def test_update_returns_the_record_as_it_now_is(workspace: Workspace) -> None:
    person = Person(id=ids.new_id(), given_names="Juana", surnames="Quispe")
    workspace.save(person)
    written = workspace.update(Person, person.id, phone="+591 7")
    assert written.value == workspace.require(Person, person.id)
    assert written.changes == Changes(people=True)
    assert workspace.update(Person, person.id, phone="+591 7").changes == Changes()
    with pytest.raises(NotFound):
        workspace.update(Person, ids.new_id(), phone="1")


def test_update_never_reverts_a_field_written_meanwhile_by_another_thread(
    workspace: Workspace,
) -> None:
    """Two threads edit two fields of one record at once, many times: no write is lost.

    The record is read inside the write transaction; read before it, a thread would write back
    the other's field as it was before, under a fresh stamp.
    """
    person = Person(id=ids.new_id(), given_names="Juana", surnames="Quispe")
    workspace.save(person)
    rounds = 150
    lost: list[str] = []
    start = threading.Barrier(2)

    def edit(name: str) -> None:
        start.wait()
        for number in range(1, rounds + 1):
            workspace.update(Person, person.id, **{name: str(number)})
            now = getattr(workspace.require(Person, person.id), name)
            if now != str(number):  # only this thread writes this field
                lost.append(f"{name}: wrote {number}, then read {now!r}")

    threads = [threading.Thread(target=edit, args=(name,)) for name in ("phone", "email")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    final = workspace.require(Person, person.id)
    assert lost == []
    assert (final.phone, final.email) == (str(rounds), str(rounds))


def test_carry_action_reads_the_action_in_its_own_transaction(workspace: Workspace) -> None:
    first = Event(id=ids.new_id(), code="A-1", title="Primero")
    second = Event(id=ids.new_id(), code="A-2", title="Segundo")
    item = ActionItem(id=ids.new_id(), event_id=first.id, what="Informe")
    workspace.save(first, second, item)
    workspace.update(ActionItem, item.id, what="Informe final", status=ActionStatus.IN_PROGRESS)
    carried = workspace.carry_action(item.id, second.id)
    assert carried.value.what.startswith("Informe final")
    assert carried.value.status is ActionStatus.IN_PROGRESS and carried.changes.notes


# --- imports report what they merged ------------------------------------------------------------


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Workspace, Workspace, Person]]:
    """Two laptops that share one person, then edited its phone each on their own."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = Workspace(tmp_path / "a" / "workspace.sqlite")
    b = Workspace(tmp_path / "b" / "workspace.sqlite")
    person = Person(id=ids.new_id(), given_names="Juana", surnames="Quispe", phone="1")
    a.save(person)
    import_exchange(b, export_exchange(a, tmp_path / "start.fkx").path)
    yield a, b, person
    a.close()
    b.close()


def test_an_import_reports_the_changes_it_merged_not_everything(
    pair: tuple[Workspace, Workspace, Person], tmp_path: Path
) -> None:
    a, b, person = pair
    a.update(Person, person.id, email="juana@example.org")
    report = import_exchange(b, export_exchange(a, tmp_path / "edit.fkx").path)
    assert report.changes == Changes(people=True)
    again = import_exchange(b, export_exchange(a, tmp_path / "again.fkx").path)
    assert again.changes == Changes()
    preview = import_exchange(b, export_exchange(a, tmp_path / "p.fkx").path, dry_run=True)
    assert preview.changes == Changes()


# --- settling a conflict: one operation, two doors ------------------------------------------------


def _conflicted(pair: tuple[Workspace, Workspace, Person], tmp_path: Path) -> str:
    a, b, person = pair
    a.update(Person, person.id, phone="111")
    b.update(Person, person.id, phone="222")
    import_exchange(a, export_exchange(b, tmp_path / "b.fkx").path)
    (conflict,) = a.open_conflicts()
    assert {conflict.kept_value, conflict.other_value} == {"111", "222"}
    return conflict.id


def test_resolving_keeps_theirs_in_one_transaction(
    pair: tuple[Workspace, Workspace, Person], tmp_path: Path
) -> None:
    a, _b, person = pair
    conflict_id = _conflicted(pair, tmp_path)
    other = a.open_conflicts()[0].other_value
    written = a.resolve_conflict(conflict_id, Keep.THEIRS)
    assert written.changes.people and written.changes.events  # the record and the conflict log
    assert a.require(Person, person.id).phone == other
    assert a.open_conflicts() == []
    assert a.require(Conflict, conflict_id).resolved
    with pytest.raises(NotFound):  # settled already: refused, nothing written
        a.resolve_conflict(conflict_id, Keep.CURRENT)


def test_resolving_keeps_the_current_value(
    pair: tuple[Workspace, Workspace, Person], tmp_path: Path
) -> None:
    a, _b, person = pair
    conflict_id = _conflicted(pair, tmp_path)
    kept = a.require(Person, person.id).phone
    clocks = a.clocks(Person, person.id)
    assert a.resolve_conflict(conflict_id, Keep.CURRENT).changes == Changes(events=True)
    assert a.require(Person, person.id).phone == kept
    assert a.clocks(Person, person.id) == clocks
    assert a.open_conflicts() == []


def test_a_value_that_no_longer_fits_is_refused_and_the_conflict_stays_open(
    workspace: Workspace,
) -> None:
    person = Person(id=ids.new_id(), given_names="Ana")
    bad = Conflict(
        id=ids.new_id(),
        record_kind="person",
        record_id=person.id,
        field="gender",
        value='"not-a-gender"',
        stamp=workspace.clock.now(),
    )
    workspace.save(person, bad)
    with pytest.raises(InvalidInput):
        workspace.resolve_conflict(bad.id, Keep.THEIRS)
    assert [c.id for c in workspace.open_conflicts()] == [bad.id]
    assert workspace.require(Person, person.id).gender is Gender.NOT_STATED


def test_the_command_line_settles_a_conflict_with_the_same_operation(
    pair: tuple[Workspace, Workspace, Person],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    a, _b, person = pair
    conflict_id = _conflicted(pair, tmp_path)
    other = a.open_conflicts()[0].other_value
    path = a.path
    a.close()  # the command line opens the workspace itself
    try:
        assert cli.main(["--db", str(path), "conflicts"]) == 0
        assert conflict_id in capsys.readouterr().out
        assert cli.main(["--db", str(path), "conflicts", "resolve", "nope", "--keep", "theirs"])
        assert "no open conflict" in capsys.readouterr().err
        assert (
            cli.main(["conflicts", "resolve", conflict_id, "--keep", "theirs", "--db", str(path)])
            == 0
        )
    finally:
        a.__init__(path)  # type: ignore[misc]
    assert a.require(Person, person.id).phone == other
    assert a.open_conflicts() == []
