"""BigBlueButton's learning dashboard export ("Download session data").

One row per user: `Name, Moderator, Activity Score, Talk Time, Webcam Time, Messages,
Emojis|Reactions, Poll Votes, Raise Hands, Join, Left, Duration`, then a column per poll. Join is
the first join and Left the last leave, written in the browser's locale; Duration (`01:02:03`)
is the time online over all the user's sessions. The file name carries the meeting's date
(`LearningDashboard_Taller-Sucre_2024-03-05.csv`). A last row "Anonymous" holds anonymous
poll answers, not a person.
"""

from __future__ import annotations

from pathlib import Path

from fieldkit.core.text import fold
from fieldkit.io.video_text import (
    DateOrder,
    Entry,
    Layout,
    Parsed,
    Table,
    cell,
    date_in_name,
    has_meridiem,
    is_yes,
    iter_cells,
    parse_minutes,
)

_ANONYMOUS = {"anonymous", "anonimo", "anonyme"}


def is_bbb(table: Table) -> bool:
    return bool({"bbb", "moderator"} & set(table.kinds))


def read(path: Path, layout: Layout, table: Table) -> Parsed:
    name, moderator = table.column("name"), table.column("moderator")
    join, leave, duration = table.column("join"), table.column("leave"), table.column("duration")
    texts = list(iter_cells(table, join, leave))
    order = DateOrder(texts, month_first=has_meridiem(texts))
    parsed = Parsed("bbb", date_in_name(path), [])
    for _number, cells in table.rows:
        who = cell(cells, name)
        if fold(who) in _ANONYMOUS and not any(cell(cells, i) for i in (join, leave, duration)):
            continue  # the anonymous poll answers
        joined = order.date_time(cell(cells, join))
        left = order.date_time(cell(cells, leave))
        minutes = parse_minutes(cell(cells, duration))
        if minutes is None and (joined is None or left is None):
            parsed.unreadable_rows += 1
        role = ""
        if moderator is not None:
            role = "moderator" if is_yes(cell(cells, moderator)) else "attendee"
        parsed.entries.append(Entry(who, "", joined, left, minutes, role))
    parsed.guessed_order = order.guess
    return parsed
