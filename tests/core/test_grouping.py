"""Splitting people into working groups: the laws of both ways."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldkit.core.grouping import Delegations, split_into_groups

DELEGATIONS = ["Taraco", "Salinas", "Palos Blancos", "Aija-La Merced", "Pamparomás", ""]

people_strategy = st.lists(
    st.tuples(st.uuids().map(str), st.sampled_from(DELEGATIONS)),
    max_size=60,
    unique_by=lambda p: p[0],
)


@given(people_strategy, st.integers(1, 9), st.sampled_from(list(Delegations)))
def test_everyone_is_in_exactly_one_group(people, count, how) -> None:
    groups = split_into_groups(people, count, how)
    assert len(groups) == count
    placed = [pid for group in groups for pid in group]
    assert sorted(placed) == sorted(pid for pid, _ in people)


@given(people_strategy, st.integers(1, 9))
def test_mixed_groups_are_even_and_spread_each_delegation(people, count) -> None:
    groups = split_into_groups(people, count, Delegations.MIXED)
    sizes = [len(group) for group in groups]
    assert max(sizes) - min(sizes) <= 1
    delegation = dict(people)
    for name in DELEGATIONS[:-1]:
        per_group = [sum(1 for pid in group if delegation[pid] == name) for group in groups]
        assert max(per_group) - min(per_group) <= 1


@given(people_strategy, st.integers(1, 9))
def test_together_keeps_each_delegation_whole(people, count) -> None:
    groups = split_into_groups(people, count, Delegations.TOGETHER)
    delegation = dict(people)
    for name in DELEGATIONS[:-1]:
        holding = [
            index for index, group in enumerate(groups) if any(delegation[p] == name for p in group)
        ]
        assert len(holding) <= 1
    # Greedy into the smallest group: the spread is at most one (the largest) block.
    sizes = [len(group) for group in groups]
    largest = max(Counter(d for _, d in people if d).values(), default=1)
    assert max(sizes) - min(sizes) <= max(largest, 1)


def test_delegation_names_are_folded() -> None:
    people = [("a", "Pamparomás"), ("b", "pamparomas"), ("c", "Taraco"), ("d", "Taraco")]
    assert split_into_groups(people, 2, Delegations.TOGETHER) == [["a", "b"], ["c", "d"]]
    assert split_into_groups(people, 2, Delegations.MIXED) == [["a", "c"], ["b", "d"]]


def test_a_person_listed_twice_is_placed_once() -> None:
    assert split_into_groups([("a", ""), ("a", ""), ("b", "")], 2) == [["a"], ["b"]]


def test_at_least_one_group() -> None:
    with pytest.raises(ValueError):
        split_into_groups([("a", "")], 0)


def test_regroup_keeps_groups_and_members_that_stay() -> None:
    from fieldkit.core.grouping import regroup
    from fieldkit.core.ids import member_id
    from fieldkit.core.model import GroupMember, WorkingGroup

    first = WorkingGroup(id="g1", session_id="s", position=1, name="Eje 1", axis_id="a")
    second = WorkingGroup(id="g2", session_id="s", position=2, name="Eje 2")
    third = WorkingGroup(id="g3", session_id="s", position=3, name="Eje 3")
    stays = GroupMember(id=member_id("g1", "p1"), group_id="g1", person_id="p1")
    moves = GroupMember(id=member_id("g3", "p2"), group_id="g3", person_id="p2")
    saves, deletions = regroup(
        "s", [third, second, first], [stays, moves], [["p1"], ["p2", "p3"]], "Grupo {}".format
    )
    assert set(deletions) == {(WorkingGroup, "g3"), (GroupMember, moves.id)}
    assert {(s.group_id, s.person_id) for s in saves} == {("g2", "p2"), ("g2", "p3")}
    # More groups than the session has: new ones get a name and the next position.
    saves, deletions = regroup("s", [first], [], [["p1"], ["p2"]], "Grupo {}".format)
    new_group = next(s for s in saves if isinstance(s, WorkingGroup))
    assert (new_group.name, new_group.position, new_group.session_id) == ("Grupo 2", 2, "s")
    assert deletions == []
