"""The rules across records (`fieldkit.core.rules`), looked up in an open transaction.

The facade runs them on what it writes, the exchange import on the state it merges; each looks
at the data as the transaction now holds it, so two records written together are seen together.
Only what moved is checked: a record that is new, or whose link changed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from fieldkit.core.rules import SELF_LINKS, link_problem, move_problem, placement_problem

if TYPE_CHECKING:
    from sqlalchemy import Connection

# The fields whose change can break a rule across records, per kind.
WATCHED: dict[str, tuple[str, ...]] = {
    "person": ("merged_into",),
    "organisation": ("parent_id",),
    "day": ("event_id",),
    "session": ("day_id",),
    "decision": ("event_id", "session_id", "group_id"),
    "action_item": ("event_id", "session_id"),
    "attachment": ("event_id", "session_id", "group_id"),
    "note": ("session_id", "group_id"),
}


def moved(kind: str, values: Mapping[str, Any], before: Mapping[str, Any] | None) -> bool:
    """Whether a write of `values` over `before` (None: a new record) needs the checks."""
    names = WATCHED.get(kind)
    if not names:
        return False
    return before is None or any(values.get(name) != before.get(name) for name in names)


class Lookups:
    """What the rules ask of the data, answered in one open transaction."""

    def __init__(self, conn: Connection | sqlite3.Connection) -> None:
        from fieldkit.store.base import driver_of  # base imports this module

        self._driver = driver_of(conn)  # plain reads, as in the facade's writes

    def _one(self, sql: str, key: str) -> str | None:
        row = self._driver.execute(sql, (key,)).fetchone()
        return None if row is None or row[0] is None else str(row[0])

    def target_of(self, kind: str) -> Any:
        column = SELF_LINKS[kind]
        return lambda record_id: self._one(
            f'SELECT "{column}" FROM "{kind}" WHERE id = ?', record_id
        )

    def event_of_day(self, day_id: str) -> str | None:
        return self._one("SELECT event_id FROM day WHERE id = ?", day_id)

    def event_of_session(self, session_id: str) -> str | None:
        return self._one(
            "SELECT day.event_id FROM session JOIN day ON day.id = session.day_id "
            "WHERE session.id = ?",
            session_id,
        )

    def session_of_group(self, group_id: str) -> str | None:
        return self._one("SELECT session_id FROM working_group WHERE id = ?", group_id)


def cross_problem(
    lookups: Lookups, kind: str, values: Mapping[str, Any], before: Mapping[str, Any] | None
) -> str | None:
    """The first rule across records that a written record breaks, as a clause; None if none."""
    if kind in SELF_LINKS:
        target = values.get(SELF_LINKS[kind])
        return link_problem(
            str(values["id"]), target if isinstance(target, str) else None, lookups.target_of(kind)
        )
    if before is not None and kind == "day":
        return move_problem(_text(before.get("event_id")), _text(values.get("event_id")))
    if before is not None and kind == "session" and before.get("day_id") != values.get("day_id"):
        old, new = _text(before.get("day_id")), _text(values.get("day_id"))
        return move_problem(
            lookups.event_of_day(old) if old else None, lookups.event_of_day(new) if new else None
        )
    return placement_problem(kind, values, lookups.event_of_session, lookups.session_of_group)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None
