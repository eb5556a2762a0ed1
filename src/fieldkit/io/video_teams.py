"""Microsoft Teams' attendance report, in its two shapes.

The current one (UTF-16, tabs) has numbered sections: a summary of key/value rows, the
participants (`Name, First join, Last leave, In-meeting duration, Email, Participant ID (UPN),
Role`) and the in-meeting activities, one row per join. The older one is a list of events
(`Full Name, User Action, Timestamp`: Joined, Joined before, Left). Teams writes dates in the
organizer's regional format, month first or day first, so the order is decided from the file.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from fieldkit.core.text import fold
from fieldkit.io.video_text import (
    DateOrder,
    Entry,
    Layout,
    Parsed,
    Table,
    cell,
    email_in,
    has_meridiem,
    iter_cells,
    normalized_role,
    parse_minutes,
)

_START = re.compile(r"start time|hora de inicio|heure de debut|fecha de inicio|inicio de la")
_LEAVE_ACTION = re.compile(r"left|sali|quit|\bparti\b|depart")
_JOIN_ACTION = re.compile(r"join|uni|rejoint|entr|conect")


_SUMMARY = re.compile(
    r"attended participants|participantes que asistieron|participants presents|"
    r"meeting title|titulo de la reunion|titre de la reunion"
)


def is_teams(layout: Layout, table: Table) -> bool:
    """Teams' columns, or its summary above an activities-only table."""
    if set(table.kinds) & {"first_join", "last_leave", "action", "timestamp", "upn"}:
        return True
    duration = table.header_of(table.column("duration"))
    if re.search(r"in meeting|en la reunion|de la reunion", duration):
        return True
    return any(row and _SUMMARY.search(fold(row[0])) for row in layout.preamble)


def read(path: Path, layout: Layout, table: Table) -> Parsed:
    if table.column("action") is not None:
        return _read_events(layout, table)
    activities = next(
        (t for t in layout.tables if t is not table and t.column("join") is not None), None
    )
    tables = [table, *([activities] if activities else [])]
    texts = [row[1] for row in layout.preamble if len(row) > 1]
    for t in tables:
        texts += iter_cells(
            t, *(t.column(k) for k in ("first_join", "last_leave", "join", "leave"))
        )
    order = DateOrder(texts, month_first=has_meridiem(texts))
    parsed = Parsed("teams", _summary_date(layout, order), [])
    summary = [_entry(table, cells, order, parsed) for _n, cells in table.rows]
    if activities is None:
        parsed.entries = summary
    else:
        parsed.entries = [_entry(activities, cells, order, parsed) for _n, cells in activities.rows]
        roles = {_key(e): e.role for e in summary}
        parsed.entries = [
            Entry(e.name, e.email, e.joined, e.left, e.minutes, e.role or roles.get(_key(e), ""))
            for e in parsed.entries
        ]
        seen = {_key(e) for e in parsed.entries}
        parsed.entries += [e for e in summary if _key(e) not in seen]
    parsed.guessed_order = order.guess
    return parsed


def _key(entry: Entry) -> str:
    return entry.email.casefold() or entry.name


def _entry(table: Table, cells: list[str], order: DateOrder, parsed: Parsed) -> Entry:
    email = cell(cells, table.column("email")) or email_in(cell(cells, table.column("upn")))
    joined = order.date_time(cell(cells, table.column("first_join", "join")))
    left = order.date_time(cell(cells, table.column("last_leave", "leave")))
    minutes = parse_minutes(cell(cells, table.column("duration")))
    if minutes is None and (joined is None or left is None):
        parsed.unreadable_rows += 1
    role = cell(cells, table.column("role"))
    return Entry(
        cell(cells, table.column("name")),
        email,
        joined,
        left,
        minutes,
        normalized_role(role) if role else "",
    )


def _summary_date(layout: Layout, order: DateOrder) -> dt.date | None:
    for row in layout.preamble:
        if len(row) > 1 and _START.search(fold(row[0])):
            return order.date(row[1])
    return None


def _read_events(layout: Layout, table: Table) -> Parsed:
    name, action, stamp = table.column("name"), table.column("action"), table.column("timestamp")
    texts = list(iter_cells(table, stamp))
    order = DateOrder(texts, month_first=has_meridiem(texts))
    parsed = Parsed("teams", None, [])
    events: list[tuple[str, dt.datetime, bool]] = []  # (name, when, joins)
    for _number, cells in table.rows:
        who, what = cell(cells, name), fold(cell(cells, action))
        when = order.date_time(cell(cells, stamp))
        if when is None or not (_LEAVE_ACTION.search(what) or _JOIN_ACTION.search(what)):
            parsed.unreadable_rows += 1
            parsed.entries.append(Entry(who, "", None, None, None))
            continue
        events.append((who, when, not _LEAVE_ACTION.search(what)))
    if not events:
        return parsed
    end = max(when for _who, when, _joins in events)
    start = min(when for _who, when, _joins in events)
    # A join while already in is a second device: the stay lasts until the last one leaves.
    opened: dict[str, tuple[dt.datetime, int]] = {}  # name: (in since, devices in)
    seen: set[str] = set()
    for who, when, joins in sorted(events, key=lambda event: event[1]):
        since, devices = opened.get(who, (when, 0))
        if joins:
            opened[who] = (since, devices + 1)
        elif devices > 1:
            opened[who] = (since, devices - 1)
        elif devices == 1:
            del opened[who]
            parsed.entries.append(Entry(who, "", since, when, None))
        elif who not in seen:  # a leave before any join: in since the report began
            parsed.entries.append(Entry(who, "", start, when, None))
        seen.add(who)
    for who, (since, _devices) in opened.items():
        parsed.entries.append(Entry(who, "", since, end, None))
        parsed.open_stays += 1
    # The participants in the order the report first names them, each one's stays in time order.
    first_named = {who: index for index, (who, _when, _joins) in reversed(list(enumerate(events)))}
    parsed.entries.sort(key=lambda entry: first_named.get(entry.name, len(first_named)))
    parsed.guessed_order = order.guess
    return parsed
