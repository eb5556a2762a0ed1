"""Splitting the people present into working groups, evenly.

Two ways, as the facilitator chooses:

- *mixed*: each delegation is spread over the groups, so that people from different places meet;
  group sizes differ by one at most, and so does each delegation's count from group to group;
- *together*: each delegation stays whole in one group (people without a delegation are placed one
  by one), and groups are filled largest delegation first into the smallest group, which keeps the
  sizes as even as whole delegations allow.

Pure functions on (person id, delegation) pairs; the order of the input decides ties, so the same
input always gives the same groups (shuffle it first for a random draw).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Any

from fieldkit.core.ids import member_id, new_id
from fieldkit.core.model import GroupMember, WorkingGroup
from fieldkit.core.text import fold


class Delegations(StrEnum):
    MIXED = "mixed"
    TOGETHER = "together"


def _by_delegation(people: Sequence[tuple[str, str]]) -> list[list[str]]:
    """The person ids grouped by delegation (folded), largest delegation first, stable."""
    blocks: dict[str, list[str]] = {}
    loners: list[list[str]] = []
    for person_id, delegation in people:
        key = fold(delegation)
        if key:
            blocks.setdefault(key, []).append(person_id)
        else:
            loners.append([person_id])
    ordered = sorted(blocks.values(), key=len, reverse=True)
    return ordered + loners


def split_into_groups(
    people: Sequence[tuple[str, str]], count: int, how: Delegations = Delegations.MIXED
) -> list[list[str]]:
    """`count` lists of person ids; every person (a (id, delegation) pair) is in exactly one."""
    if count < 1:
        raise ValueError("the number of groups must be at least 1")
    unique: dict[str, str] = {}
    for person_id, delegation in people:
        unique.setdefault(person_id, delegation)
    groups: list[list[str]] = [[] for _ in range(count)]
    blocks = _by_delegation(list(unique.items()))
    if how == Delegations.MIXED:
        # Deal the delegations one after another round the table, like cards: each delegation
        # goes to consecutive groups, and the dealing never restarts, so sizes stay even.
        for position, person_id in enumerate(pid for block in blocks for pid in block):
            groups[position % count].append(person_id)
        return groups
    for block in blocks:
        smallest = min(range(count), key=lambda index: (len(groups[index]), index))
        groups[smallest].extend(block)
    return groups


def regroup(
    session_id: str,
    groups: Sequence[WorkingGroup],
    members: Sequence[GroupMember],
    assignment: Sequence[Sequence[str]],
    group_name: Callable[[int], str],
) -> tuple[list[Any], list[tuple[type[Any], str]]]:
    """The records to save and to tombstone so that a session's groups hold `assignment`.

    The session keeps its first groups (by position) with their names, axes and notes; the groups
    it lacks are made (named `group_name(number)`), the ones it has too many are removed. Members
    already in the right group stay as they are.
    """
    ordered = sorted(groups, key=lambda g: (g.position, g.id))
    saves: list[Any] = []
    deletions: list[tuple[type[Any], str]] = []
    kept: list[WorkingGroup] = []
    for number in range(1, len(assignment) + 1):
        if number <= len(ordered):
            kept.append(ordered[number - 1])
        else:
            group = WorkingGroup(
                id=new_id(), session_id=session_id, position=number, name=group_name(number)
            )
            saves.append(group)
            kept.append(group)
    deletions += [(WorkingGroup, group.id) for group in ordered[len(assignment) :]]
    wanted = {
        member_id(group.id, person_id): (group.id, person_id)
        for group, people in zip(kept, assignment, strict=True)
        for person_id in people
    }
    current = {member.id for member in members}
    deletions += [(GroupMember, member.id) for member in members if member.id not in wanted]
    saves += [
        GroupMember(id=mid, group_id=group_id, person_id=person_id)
        for mid, (group_id, person_id) in wanted.items()
        if mid not in current
    ]
    return saves, deletions
