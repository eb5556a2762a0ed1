"""Google Meet's attendance CSV: one row per person, the meeting's date only in the file name.

Columns `First name, Last name, Email, Duration, Time joined, Time exited`, durations written
`1 hr 16 min` or `45 min`, and times of day that take their date from the file name
(`Weekly sync - 2024-03-05 attendance.csv`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fieldkit.io.video_text import (
    DateOrder,
    Entry,
    Layout,
    Parsed,
    Table,
    cell,
    date_in_name,
    has_meridiem,
    iter_cells,
    parse_minutes,
)


def is_meet(table: Table) -> bool:
    return bool({"first_name", "last_name"} & set(table.kinds))


def read(path: Path, layout: Layout, table: Table) -> Parsed:
    first, last, plain = table.column("first_name"), table.column("last_name"), table.column("name")
    if first is None:
        first = plain  # Spanish "Nombre" beside "Apellido"
    elif last is None:
        last = plain  # French "Prénom" beside "Nom"
    email, duration = table.column("email"), table.column("duration")
    join, leave = table.column("join"), table.column("leave")
    texts = list(iter_cells(table, join, leave))
    order = DateOrder(texts, month_first=has_meridiem(texts))
    day = date_in_name(path)
    parsed = Parsed("meet", day, [])
    for _number, cells in table.rows:
        name = " ".join(part for part in (cell(cells, first), cell(cells, last)) if part)
        joined = order.date_time(cell(cells, join), day)
        left = order.date_time(cell(cells, leave), day)
        if joined and left and left < joined:  # times of day across midnight
            left += dt.timedelta(days=1)
        minutes = parse_minutes(cell(cells, duration))
        if minutes is None and (joined is None or left is None):
            parsed.unreadable_rows += 1
        parsed.entries.append(Entry(name, cell(cells, email), joined, left, minutes))
    parsed.guessed_order = order.guess
    return parsed
