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
