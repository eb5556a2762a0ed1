"""Zoom's participants export: an optional meeting block, then one row per join or per person.

The meeting block comes in two forms: the older `Meeting ID,Topic,Start Time,…,User Email,…`
(the e-mail is the host's) and the newer `Topic,ID,Host,…,Start time,…` (host written
`Name (email)`). Zoom writes its dates month first (`03/05/2024 10:02:15 AM`) whatever the
interface language.
"""

from __future__ import annotations

import itertools
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
    is_yes,
    iter_cells,
    normalized_role,
    parse_minutes,
)

_START = re.compile(r"^(start time|hora de inicio|heure de debut|inicio|debut)")
_HOST = re.compile(r"^(host|anfitrion|hote)")
_HOST_EMAIL = re.compile(r"^(user email|correo electronico del usuario|e ?mail de l ?utilisateur)")


def read(path: Path, layout: Layout, table: Table) -> Parsed:
    name = table.column("name")
    email = table.column("email")
    join, leave = table.column("join", "first_join"), table.column("leave", "last_leave")
    duration, waiting = table.column("duration"), table.column("waiting")
    block = _meeting_block(layout.preamble)
    order = DateOrder([*block.values(), *iter_cells(table, join, leave)], month_first=True)
    start = next((v for k, v in block.items() if _START.match(k)), "")
    host = next((email_in(v) for k, v in block.items() if _HOST.match(k)), "")
    host = host or next((v for k, v in block.items() if _HOST_EMAIL.match(k)), "")
    parsed = Parsed("zoom", order.date(start) if start else None, [])
    for _number, cells in table.rows:
        who = cell(cells, name)
        address = cell(cells, email)
        if is_yes(cell(cells, waiting)):
            parsed.entries.append(Entry(who, address, None, None, None, waiting=True))
            continue
        joined = order.date_time(cell(cells, join))
        left = order.date_time(cell(cells, leave))
        minutes = parse_minutes(cell(cells, duration))
        if minutes is None and (joined is None or left is None):
            parsed.unreadable_rows += 1
        role = "host" if host and address.casefold() == host.casefold() else ""
        if not role and (written := cell(cells, table.column("role"))):
            role = normalized_role(written)
        parsed.entries.append(Entry(who, address, joined, left, minutes, role))
    parsed.guessed_order = order.guess
    return parsed


def _meeting_block(preamble: list[list[str]]) -> dict[str, str]:
    """{folded title: value} of the meeting block: its title row and the row under it."""
    rows = [cells for cells in preamble if any(cells)]
    for titles, values in itertools.pairwise(rows):
        folded = [fold(title) for title in titles]
        if any(_START.match(title) for title in folded):
            return {title: cell(values, i) for i, title in enumerate(folded) if title}
    return {}
