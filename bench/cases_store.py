"""Store cases: the facade on the program-scale workspace, next to plain sqlite3.

Floors use the standard library's sqlite3 on the same file: what the same answer costs without
SQLAlchemy, the record classes and the facade's connection per call.
"""

from __future__ import annotations

import functools
import json
import os
import random
import sqlite3
import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import names
from bench.registry import Context, case
from bench.timing import Measurement, compare_ms, paired
from bench.workspace_builder import largest_event_id
from fieldkit.core.model import record_fields
from fieldkit.core.text import fold
from fieldkit.io.interchange import export_event, write_document
from fieldkit.store import Workspace, backups

STORE_TARGET = 3.0  # provisional: the facade within three times plain sqlite3


# --- opening a workspace and listing its events -----------------------------------------------

EVENTS_SQL = (
    "SELECT id, code, title, start_date, end_date, archived FROM event "
    "WHERE deleted = 0 ORDER BY start_date DESC, title, id"
)


@case("store_open_list_events", unit="ms", target=STORE_TARGET)
def open_list_events(ctx: Context) -> Measurement:
    """Open the workspace (lock, engine, schema check, device row), list its events, close."""
    path = ctx.workspace()

    def facade() -> None:
        ws = Workspace(path)
        try:
            ws.events()
        finally:
            ws.close()

    def floor() -> None:
        connection = sqlite3.connect(path)
        try:
            connection.execute(EVENTS_SQL).fetchall()
        finally:
            connection.close()

    return compare_ms(facade, floor, repeat=41)


# --- searching people by the first letters of a name --------------------------------------------

SEARCH_SQL = (
    "SELECT * FROM person WHERE deleted = 0 AND merged_into IS NULL "
    "AND (search LIKE ? ESCAPE '\\' OR search LIKE ? ESCAPE '\\') "
    "ORDER BY surnames, given_names, id LIMIT 50"
)
PREFIXES = 50


def search_prefixes() -> list[str]:
    """What people type in the search box: 2 to 4 first letters of names of the workspace.

    About half come from names with an accent or an apostrophe in their first letters, typed
    without it ("nu" for Núñez, "chu" for Ch'uxña); the others as written, some capitalised.
    """
    rng = random.Random(7)
    words = sorted(
        {
            word
            for region, _ in names.REGIONS
            for pool in (region.women, region.men, region.surnames)
            for name in pool
            for word in name.replace("-", " ").split()
            if len(word) >= 3
        }
    )
    marked = [w for w in words if fold(w[:4]) != w[:4].lower()]
    plain = [w for w in words if w not in marked]
    rng.shuffle(marked)
    rng.shuffle(plain)
    unaccented = [fold(word)[: rng.randint(2, 4)] for word in marked]
    as_written = [word[: rng.randint(2, 4)] for word in plain]
    as_written = [typed if rng.random() < 0.3 else typed.lower() for typed in as_written]
    prefixes: list[str] = []
    for typed in [*unaccented[: PREFIXES // 2], *as_written]:
        if len(prefixes) < PREFIXES and fold(typed) not in {fold(p) for p in prefixes}:
            prefixes.append(typed)
    return prefixes


def _like_patterns(prefix: str) -> tuple[str, str]:
    word = fold(prefix).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{word}%", f"% {word}%"


@case("store_search_prefix", unit="ms/query", target=STORE_TARGET)
def search_prefix(ctx: Context) -> Measurement:
    """`search_people` for 50 prefixes: the median over prefixes of each one's median time.

    The floor runs the same LIKE query on a connection opened once, as a long-lived app
    connection would; the facade opens a connection (and sets its pragmas) on every call.
    """
    path = ctx.workspace()
    ws = Workspace(path)
    connection = sqlite3.connect(path)
    try:
        prefixes = search_prefixes()
        _check_search(ws, connection, prefixes)
        facade_ms: list[float] = []
        floor_ms: list[float] = []
        for prefix in prefixes:
            patterns = _like_patterns(prefix)
            facade_times, floor_times = paired(
                functools.partial(ws.search_people, prefix),
                functools.partial(_floor_search, connection, patterns),
                repeat=5,
            )
            facade_ms.append(statistics.median(facade_times) * 1000)
            floor_ms.append(statistics.median(floor_times) * 1000)
    finally:
        connection.close()
        ws.close()
    return Measurement(statistics.median(facade_ms), statistics.median(floor_ms))


def _floor_search(connection: sqlite3.Connection, patterns: tuple[str, str]) -> list[Any]:
    return connection.execute(SEARCH_SQL, patterns).fetchall()


def _check_search(ws: Workspace, connection: sqlite3.Connection, prefixes: list[str]) -> None:
    """The floor must find the same people, or the comparison means nothing."""
    for prefix in prefixes:
        found = [person.id for person in ws.search_people(prefix)]
        expected = [row[0] for row in _floor_search(connection, _like_patterns(prefix))]
        if found != expected:
            raise AssertionError(f"search floor differs from the facade for {prefix!r}")
        if not found:
            raise AssertionError(f"nobody's name starts with {prefix!r}: a useless prefix")


# --- exporting the largest event --------------------------------------------------------------


@case("store_export_event_json", unit="ms", target=STORE_TARGET)
def export_event_json(ctx: Context) -> Measurement:
    """`export_event` of the largest event (about 60,000 attendance rows) and `write_document`.

    The floor selects the same rows with sqlite3 into dicts and writes them as JSON; it uses
    `json.dumps` without indentation (the C encoder) and fsyncs like `write_document` does.
    """
    path = ctx.workspace()
    event_id = largest_event_id()
    facade_target = ctx.scratch / "export-facade.json"
    floor_target = ctx.scratch / "export-floor.json"
    ws = Workspace(path)
    try:
        _check_export(ws, path, event_id)
        return compare_ms(
            lambda: write_document(export_event(ws, event_id), facade_target),
            lambda: _floor_export(path, event_id, floor_target),
            repeat=5,
        )
    finally:
        ws.close()


_DAYS = "SELECT id FROM day WHERE event_id = :event AND deleted = 0"
_SESSIONS = f"SELECT id FROM session WHERE deleted = 0 AND day_id IN ({_DAYS})"


def _columns(kind: str, *omit: str) -> list[str]:
    return [f.name for f in record_fields(kind) if f.name not in omit]


def _floor_document(connection: sqlite3.Connection, event_id: str) -> dict[str, Any]:
    def rows(kind: str, where: str, order: str, *omit: str) -> list[dict[str, Any]]:
        columns = _columns(kind, *omit)
        query = (
            f"SELECT {', '.join(columns)} FROM {kind} "
            f"WHERE deleted = 0 AND {where} ORDER BY {order}"
        )
        return [
            dict(zip(columns, row, strict=True))
            for row in connection.execute(query, {"event": event_id})
        ]

    (event,) = rows("event", "id = :event", "id")
    event["days"] = rows("day", "event_id = :event", "date, id", "event_id")
    event["sessions"] = rows("session", f"day_id IN ({_DAYS})", "day_id, start_time, title, id")
    event["registrations"] = rows(
        "registration", "event_id = :event", "person_id", "id", "event_id"
    )
    event["attendance"] = rows(
        "attendance", f"session_id IN ({_SESSIONS})", "session_id, person_id", "id"
    )
    people = rows(
        "person",
        "id IN (SELECT person_id FROM registration WHERE event_id = :event AND deleted = 0 "
        f"UNION SELECT person_id FROM attendance WHERE deleted = 0 AND session_id IN ({_SESSIONS}))",
        "surnames, given_names, id",
    )
    return {"people": people, "event": event}


def _floor_export(path: Path, event_id: str, target: Path) -> None:
    connection = sqlite3.connect(path)
    try:
        document = _floor_document(connection, event_id)
    finally:
        connection.close()
    data = json.dumps(document, ensure_ascii=False).encode("utf-8")
    with target.open("wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def _check_export(ws: Workspace, path: Path, event_id: str) -> None:
    """Both sides export the same rows."""
    document = export_event(ws, event_id)
    connection = sqlite3.connect(path)
    try:
        floor = _floor_document(connection, event_id)
    finally:
        connection.close()
    pick: dict[str, Callable[[dict[str, Any]], int]] = {
        "people": lambda d: len(d["people"]),
        "days": lambda d: len(d["event"]["days"]),
        "sessions": lambda d: len(d["event"]["sessions"]),
        "registrations": lambda d: len(d["event"]["registrations"]),
        "attendance": lambda d: len(d["event"]["attendance"]),
    }
    for what, count in pick.items():
        if count(document) != count(floor):
            raise AssertionError(
                f"export floor has {count(floor)} {what}, the facade {count(document)}"
            )


# --- a backup of the whole workspace ------------------------------------------------------------

BACKUP_TARGET = 1.5


@case("store_backup", unit="ms", target=BACKUP_TARGET)
def backup(ctx: Context) -> Measurement:
    """File > Back up now: `Workspace.back_up_to`, the copy checked with `integrity_check`.

    The floor is `sqlite3.Connection.backup` of the same file into a new one, unchecked. The
    figures of the copy alone (fieldkit's, without the check) and of the check alone are logged
    beside, to show where the time goes.
    """
    path = ctx.workspace()
    ours = ctx.scratch / "backup-facade.sqlite"
    theirs = ctx.scratch / "backup-floor.sqlite"

    def floor() -> None:
        theirs.unlink(missing_ok=True)
        source = sqlite3.connect(path)
        target = sqlite3.connect(theirs)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()

    def check() -> None:
        if backups.integrity_problem(ours) is not None:
            raise AssertionError("the copy does not pass its check")

    ws = Workspace(path)
    try:
        measured = compare_ms(lambda: ws.back_up_to(ours), floor, repeat=5)
        copy_only = compare_ms(lambda: backups.copy_unchecked(path, ours), floor, repeat=3)
        check_only = compare_ms(check, floor, repeat=3)
    finally:
        ws.close()
    with sqlite3.connect(ours) as copy, sqlite3.connect(path) as original:
        count = "SELECT count(*) FROM attendance"
        if copy.execute(count).fetchone() != original.execute(count).fetchone():
            raise AssertionError("the backup does not hold the workspace's attendance")
    ctx.log(
        f"store_backup: the copy alone {copy_only.value:.0f} ms against "
        f"{copy_only.floor:.0f} ms ({copy_only.ratio:.2f}x); its check alone "
        f"{check_only.value:.0f} ms against {check_only.floor:.0f} ms ({check_only.ratio:.2f}x); "
        f"both {measured.value:.0f} ms ({measured.ratio:.2f}x)"
    )
    return measured
