"""Merging duplicate people through the facade: counts follow, undo restores, marks and merges
travel to another laptop by the exchange file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from fieldkit.core import ids
from fieldkit.core.errors import InvalidInput
from fieldkit.core.model import (
    DistinctPeople,
    Event,
    Gender,
    Person,
    PersonMerge,
    Registration,
)
from fieldkit.reports.gather import gather_minutes
from fieldkit.store import Workspace
from fieldkit.sync.exchange import export_exchange, import_exchange


def _encounter(ws: Workspace) -> tuple[str, str, Person, Person, Person]:
    """An event of one day where Rosa was registered twice, once on each laptop's spelling, and
    checked in under both names; Juan came too."""
    event = Event(ids.new_id(), code="ENC", title="Encuentro")
    rosa = Person(ids.new_id(), "Rosa", "Quispe Mamani", gender=Gender.WOMAN, phone="71234567")
    twin = Person(ids.new_id(), "Rosa", "Mamani Quispe", email="rosa@example.org")
    juan = Person(ids.new_id(), "Juan", "Choque", gender=Gender.MAN)
    ws.save(event, rosa, twin, juan)
    ws.save(
        *(
            Registration(ids.registration_id(event.id, p.id), event.id, p.id, delegation="Taraco")
            for p in (rosa, twin, juan)
        )
    )
    day = ws.add_day(event.id, dt.date(2026, 11, 3)).value
    arrival = ids.arrival_id(day.id)
    for p in (rosa, twin, juan):
        ws.check_in(arrival, p.id)
    return event.id, day.id, rosa, twin, juan


def _figures(ws: Workspace, event_id: str, day_id: str) -> tuple[int, int, int, int, int]:
    minutes = gather_minutes(ws, "ENC")
    return (
        len(ws.people_rows()),
        ws.registered_count(event_id),
        ws.present_counts(event_id)[day_id],
        len(minutes.participants),
        minutes.registered,
    )


def test_a_merge_is_counted_everywhere_and_undone_whole(workspace: Workspace) -> None:
    event_id, day_id, rosa, twin, juan = _encounter(workspace)
    assert _figures(workspace, event_id, day_id) == (3, 3, 3, 3, 3)
    (suggestion,) = workspace.duplicate_suggestions()
    assert {suggestion.a.id, suggestion.b.id} == {rosa.id, twin.id}

    workspace.merge_people(rosa.id, twin.id, values={"email": twin.email})
    assert _figures(workspace, event_id, day_id) == (2, 2, 2, 2, 2)
    assert workspace.get(Person, rosa.id) == Person(
        rosa.id, "Rosa", "Quispe Mamani", gender=Gender.WOMAN, phone="71234567", email=twin.email
    )
    assert workspace.require(Person, twin.id).merged_into == rosa.id
    # Every reference stays where it was.
    assert workspace.day_attendance(day_id).keys() == {rosa.id, twin.id, juan.id}
    assert {p.id for p in workspace.checkin_people(event_id, workspace=False)} == {rosa.id, juan.id}
    assert workspace.duplicate_suggestions() == []
    (entry,) = workspace.recent_merges()
    assert (entry.merged.id, entry.kept.id) == (twin.id, rosa.id)

    workspace.unmerge_person(twin.id)
    assert _figures(workspace, event_id, day_id) == (3, 3, 3, 3, 3)
    assert workspace.get(Person, rosa.id) == rosa
    assert workspace.get(Person, twin.id) == twin
    assert workspace.recent_merges() == []
    assert workspace.get(PersonMerge, entry.merge.id) is None


def test_undo_keeps_an_edit_made_after_the_merge(workspace: Workspace) -> None:
    _, _, rosa, twin, _ = _encounter(workspace)
    workspace.merge_people(rosa.id, twin.id, values={"email": twin.email, "surnames": "Quispe"})
    workspace.update(Person, rosa.id, email="rosa.quispe@example.org")
    workspace.unmerge_person(twin.id)
    kept = workspace.require(Person, rosa.id)
    assert (kept.surnames, kept.email) == ("Quispe Mamani", "rosa.quispe@example.org")


def test_a_merge_into_a_merged_person_moves_the_first_merge_and_undo_moves_it_back(
    workspace: Workspace,
) -> None:
    _, _, rosa, twin, _ = _encounter(workspace)
    third = Person(ids.new_id(), "Rosa", "Quispe")
    workspace.save(third)
    workspace.merge_people(twin.id, third.id)
    workspace.merge_people(rosa.id, twin.id)
    assert workspace.require(Person, third.id).merged_into == rosa.id  # no chain
    workspace.unmerge_person(twin.id)
    assert workspace.require(Person, third.id).merged_into == twin.id


@pytest.mark.parametrize(
    ("keep", "other", "values"),
    [
        ("rosa", "rosa", {}),
        ("rosa", "twin", {"merged_into": None}),
        ("rosa", "twin", {"gender": "somebody"}),
        ("rosa", "merged", {}),
    ],
)
def test_a_bad_merge_is_refused_and_changes_nothing(
    workspace: Workspace, keep: str, other: str, values: dict[str, object]
) -> None:
    _, _, rosa, twin, juan = _encounter(workspace)
    merged = Person(ids.new_id(), "Ana", "Flores", merged_into=juan.id)
    workspace.save(merged)
    people = {"rosa": rosa.id, "twin": twin.id, "merged": merged.id}
    before = workspace.dump()
    with pytest.raises(InvalidInput):
        workspace.merge_people(people[keep], people[other], values=values)
    assert workspace.dump() == before


def test_unmerging_someone_not_merged_is_refused(workspace: Workspace) -> None:
    _, _, rosa, _, _ = _encounter(workspace)
    with pytest.raises(InvalidInput, match="is not merged into anyone"):
        workspace.unmerge_person(rosa.id)


def test_the_mark_and_the_merge_travel_to_the_other_laptop(tmp_path: Path) -> None:
    with Workspace(tmp_path / "a.sqlite") as a, Workspace(tmp_path / "b.sqlite") as b:
        event_id, day_id, rosa, twin, juan = _encounter(a)
        lookalike = Person(ids.new_id(), "Juan", "Choque")
        a.save(lookalike)
        import_exchange(b, export_exchange(a, tmp_path / "1.fkx").path)
        assert len(b.duplicate_suggestions()) == 2

        a.mark_distinct(juan.id, lookalike.id)
        a.merge_people(rosa.id, twin.id, values={"email": twin.email})
        # The event's file carries the merge; the whole workspace's carries the mark too.
        import_exchange(b, export_exchange(a, tmp_path / "2.fkx", ["ENC"]).path)
        assert b.require(Person, twin.id).merged_into == rosa.id
        assert len(b.duplicate_suggestions()) == 1
        import_exchange(b, export_exchange(a, tmp_path / "3.fkx").path)
        assert b.duplicate_suggestions() == []
        assert b.get(
            DistinctPeople, ids.derived_id("distinct_people", *sorted((juan.id, lookalike.id)))
        )
        assert b.require(Person, twin.id).merged_into == rosa.id
        assert b.require(Person, rosa.id).email == twin.email
        assert _figures(b, event_id, day_id) == (3, 2, 2, 2, 2)  # the lookalike has no event

        # Undone on the other laptop, and seen back on the first.
        b.unmerge_person(twin.id)
        import_exchange(a, export_exchange(b, tmp_path / "4.fkx").path)
        assert a.require(Person, twin.id).merged_into is None
        assert a.require(Person, rosa.id).email == ""
        assert _figures(a, event_id, day_id) == (4, 3, 3, 3, 3)
        assert a.dump() == b.dump()


def test_the_door_counts_a_merged_duplicate_as_the_person_kept(workspace: Workspace) -> None:
    from fieldkit.store.door import Door, Kind

    event_id, day_id, rosa, twin, juan = _encounter(workspace)
    workspace.save(Event(ids.new_id(), code="OTRO", title="Otro"))  # not the only event

    def door() -> Door:
        opened = Door(workspace, now=lambda: dt.datetime(2026, 11, 3, 9, 0), warm_up=False)
        opened.load_event(event_id)
        return opened

    assert door().counts().present == 3
    workspace.merge_people(rosa.id, twin.id)
    after = door()
    assert after.counts().present == 2
    assert after.presence(rosa.id) is not None and after.presence(twin.id) is None
    kept = after.index.get(rosa.id)
    assert kept is not None and after.check_in(kept).value.kind is Kind.ALREADY
    assert workspace.present_counts(event_id)[day_id] == 2
    assert juan.id in {p.id for p in after.index.people(registered_only=True)}
