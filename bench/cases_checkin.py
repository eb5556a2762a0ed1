"""Check-in cases: the check-in page on the largest event of the program-scale workspace.

`checkin_search_p50` and `checkin_search_p95`: from a keystroke in the search field to the
results drawn, over 200 prefixes of real names typed letter by letter, next to the same lookup
through sqlite3 (a LIKE per typed word over the same folded keys, in a temporary table of the
floor's connection, opened once). `checkin_commit`: from Enter to the committed attendance row,
next to one sqlite3 INSERT and COMMIT in WAL mode with synchronous=FULL.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import random
import shutil
import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.registry import Context, case
from bench.timing import Measurement
from bench.workspace_builder import largest_event_id
from fieldkit.core.checkin import CheckinPerson
from fieldkit.core.ids import attendance_id
from fieldkit.core.model import SessionKind
from fieldkit.core.text import fold

SEARCH_TARGET = 3.0
COMMIT_TARGET = 2.0
PREFIXES = 200
COMMITS = 60
LIMIT = 50  # rows the page shows
SPLIT = 30  # check-ins timed for each of the two breakdowns logged after the commit row

_search_figures: dict[Path, tuple[Measurement, Measurement]] = {}


def _application() -> Any:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["bench"])


def _page(path: Path) -> Any:
    """A check-in page at 1366×768 on the largest event (its people loaded once)."""
    from fieldkit.gui.checkin.page import CheckinPage
    from fieldkit.gui.shell.context import PageContext
    from fieldkit.store import Workspace

    app = _application()
    ws = Workspace(path)
    page = CheckinPage(PageContext(ws))
    page.resize(1366, 768)
    page.show()
    page.set_event(largest_event_id())
    app.processEvents()
    return page


def _close(page: Any) -> None:
    page.close()
    page.ws.close()
    page.deleteLater()
    _application().processEvents()


def _key(widget: Any, char: str) -> None:
    """One keystroke, as the keyboard sends it (with its text, accented or not)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    key = Qt.Key(ord(char.upper())) if char.isascii() and char.isalnum() else Qt.Key.Key_unknown
    if char == " ":
        key = Qt.Key.Key_Space
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))


# --- what people type ---------------------------------------------------------------------------


def typed_prefixes(people: list[CheckinPerson], count: int = PREFIXES) -> list[str]:
    """Prefixes of the names of registered people, as typed at a door.

    A surname's first letters ("quis"), or a surname's and a given name's ("mam ro", "rosa qu");
    about half without their accents ("nu" for Núñez), some capitalised.
    """
    rng = random.Random(2021)
    registered = [p for p in people if p.registered]
    prefixes: list[str] = []
    for person in rng.sample(registered, count):
        surname = person.surnames.replace("-", " ").split()[0]
        given = person.given_names.split()[0]
        shape = rng.random()
        if shape < 0.45:
            text = surname[: rng.randint(2, 5)]
        elif shape < 0.75:
            text = f"{surname[: rng.randint(3, 5)]} {given[: rng.randint(1, 3)]}"
        else:
            text = f"{given[: rng.randint(3, 5)]} {surname[: rng.randint(1, 3)]}"
        if rng.random() < 0.5:
            text = fold(text)
        elif rng.random() < 0.6:
            text = text.lower()
        prefixes.append(text)
    return prefixes


# --- the floor: the same keys in a table, a LIKE per word ------------------------------------------


def _floor_keys(connection: sqlite3.Connection, people: list[CheckinPerson]) -> None:
    connection.execute(
        "CREATE TEMP TABLE checkin_keys (person_id TEXT, registered INTEGER, sort TEXT, words TEXT)"
    )
    rows = []
    for person in people:
        badge = fold(person.badge_code).replace(" ", "")
        parts = (
            person.given_names,
            person.surnames,
            person.organisation,
            person.organisation_short,
            person.delegation,
            person.badge_code,
            badge,
        )
        words = " " + " ".join(fold(" ".join(parts)).split())
        sort = f"{fold(person.surnames)}\t{fold(person.given_names)}\t{person.id}"
        rows.append((person.id, int(person.registered), sort, words))
    connection.executemany("INSERT INTO checkin_keys VALUES (?, ?, ?, ?)", rows)


def _floor_query(text: str) -> tuple[str, list[str]]:
    words = fold(text).split()
    escaped = [w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for w in words]
    where = " AND ".join("words LIKE ? ESCAPE '\\'" for _ in words) or "0"
    return where, [f"% {word}%" for word in escaped]


def floor_search(connection: sqlite3.Connection, text: str) -> list[tuple[str]]:
    where, parameters = _floor_query(text)
    return connection.execute(
        f"SELECT person_id FROM checkin_keys WHERE {where} "
        f"ORDER BY registered DESC, sort LIMIT {LIMIT}",
        parameters,
    ).fetchall()


def _floor_count(connection: sqlite3.Connection, text: str) -> int:
    where, parameters = _floor_query(text)
    (count,) = connection.execute(
        f"SELECT count(*) FROM checkin_keys WHERE {where}", parameters
    ).fetchone()
    return int(count)


# --- search -----------------------------------------------------------------------------------


def _timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def _measure_search(ctx: Context) -> tuple[Measurement, Measurement]:
    path = ctx.workspace()
    if path in _search_figures:
        return _search_figures[path]
    page = _page(path)
    connection = sqlite3.connect(path)
    try:
        people = page.door.index.people(registered_only=False)
        _floor_keys(connection, people)
        prefixes = typed_prefixes(people)
        for text in prefixes:  # both sides must find the same people
            found = page.door.search(text)
            if found.total != _floor_count(connection, text) or not found.total:
                raise AssertionError(f"the floor and the page differ for {text!r}")
        search = page.view.search
        app = _application()

        def keystroke(char: str) -> None:
            _key(search, char)
            app.processEvents()  # what the keystroke left to draw is drawn

        subject_ms: list[float] = []
        floor_ms: list[float] = []
        gc.collect()
        for number, text in enumerate(prefixes):
            search.clear()
            for length in range(1, len(text) + 1):
                char, so_far = text[length - 1], text[:length]
                turns = [
                    (subject_ms, lambda c=char: keystroke(c)),
                    (floor_ms, lambda t=so_far: floor_search(connection, t)),
                ]
                for times, call in turns if number % 2 else reversed(turns):
                    times.append(_timed(call))
        ctx.log(
            f"  {len(subject_ms)} keystrokes; page max {max(subject_ms):.1f} ms, "
            f"floor max {max(floor_ms):.1f} ms"
        )
    finally:
        connection.close()
        _close(page)
    figures = (
        Measurement(statistics.median(subject_ms), statistics.median(floor_ms)),
        Measurement(_percentile(subject_ms, 95), _percentile(floor_ms, 95)),
    )
    _search_figures[path] = figures
    return figures


def _percentile(values: list[float], percent: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


@case("checkin_search_p50", unit="ms/key", target=SEARCH_TARGET)
def checkin_search_p50(ctx: Context) -> Measurement:
    """Keystroke to results shown, median over the keystrokes of 200 typed prefixes."""
    return _measure_search(ctx)[0]


@case("checkin_search_p95", unit="ms/key", target=SEARCH_TARGET)
def checkin_search_p95(ctx: Context) -> Measurement:
    """The same keystrokes, 95th percentile: the slow ones a facilitator would feel."""
    return _measure_search(ctx)[1]


# --- commit -----------------------------------------------------------------------------------


@case("checkin_commit", unit="ms", target=COMMIT_TARGET)
def checkin_commit(ctx: Context) -> Measurement:
    """Enter on a badge code to the attendance row committed (one `ws.save`, synchronous=FULL).

    The time runs from the key press to the return of the facade's commit; the redraw that
    follows is logged beside the table.

    On a copy of the workspace, in a working group of the largest event where most registered
    people are not checked in yet; the floor inserts one attendance row for another of them with
    sqlite3 and commits, on a connection opened once in WAL mode with synchronous=FULL.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    copy = ctx.scratch / "checkin-commit.sqlite"
    shutil.copyfile(ctx.workspace(), copy)
    page = _page(copy)
    connection = sqlite3.connect(copy)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
        group = next(t for t in page.door.targets if t.session.kind is SessionKind.WORKING_GROUP)
        page.choose(group.session.id)
        free = [p for p in page.door.sheet() if page.door.presence(p.id) is None and p.badge_code]
        subjects, floors = free[: COMMITS + 3], free[COMMITS + 3 : 2 * (COMMITS + 3)]
        search = page.view.search
        stamp = dt.datetime(2024, 10, 14, 14, 5).isoformat()
        # The row is committed when the facade's check_in returns; the page then redraws its
        # banner, counters and list, which the person at the door sees a moment later.
        committed_at: list[float] = []
        check_in = page.ws.check_in

        def check_in_and_note(*args: Any, **kwargs: Any) -> Any:
            result = check_in(*args, **kwargs)
            committed_at.append(time.perf_counter())
            return result

        page.ws.check_in = check_in_and_note
        on_screen_ms: list[float] = []

        def enter(person: CheckinPerson) -> float:
            search.setText(person.badge_code)  # the scanner's letters, not timed
            gc.collect()
            start = time.perf_counter()
            QTest.keyClick(search, Qt.Key.Key_Return)
            on_screen_ms.append((time.perf_counter() - start) * 1000)
            if page.door.presence(person.id) is None:
                raise AssertionError(f"{person.badge_code} was not checked in")
            return (committed_at[-1] - start) * 1000

        def insert(person: CheckinPerson) -> float:
            row = (
                attendance_id(group.session.id, person.id),
                group.session.id,
                person.id,
                "present",
                "in_person",
                stamp,
                "bench",
                '{"session_id": "x"}',
            )
            gc.collect()
            start = time.perf_counter()
            connection.execute(
                "INSERT INTO attendance (id, session_id, person_id, status, mode, "
                "checked_in_at, recorded_by, clocks, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)",
                row,
            )
            connection.commit()
            return (time.perf_counter() - start) * 1000

        for warm in range(3):
            enter(subjects[warm])
            insert(floors[warm])
        subject_ms: list[float] = []
        floor_ms: list[float] = []
        for index in range(3, COMMITS + 3):
            if index % 2:
                floor_ms.append(insert(floors[index]))
                subject_ms.append(enter(subjects[index]))
            else:
                subject_ms.append(enter(subjects[index]))
                floor_ms.append(insert(floors[index]))
        ctx.log(
            f"  Enter to the screen updated (banner, counters, list): "
            f"{statistics.median(on_screen_ms[3:]):.2f} ms"
        )
        page.ws.check_in = check_in
        rest = free[2 * (COMMITS + 3) :]
        _log_facade_alone(ctx, page, rest[:SPLIT], group.session.id)
        _log_commit_split(ctx, page, connection, rest[SPLIT:], group.session.id)
    finally:
        connection.close()
        _close(page)
    return Measurement(statistics.median(subject_ms), statistics.median(floor_ms))


def _log_facade_alone(ctx: Context, page: Any, people: list[CheckinPerson], session: str) -> None:
    """Where the time of a commit goes: the facade call alone, and its connection's opening."""
    ws = page.ws
    alone = []
    for person in people:
        gc.collect()
        alone.append(_timed(lambda p=person: ws.check_in(session, p.id, recorded_by="bench")))
    opening = []
    for _ in range(30):
        gc.collect()
        opening.append(_timed(lambda: ws.engine.connect().close()))
    ctx.log(
        f"  ws.check_in alone: {statistics.median(alone):.2f} ms; of which opening a "
        f"connection with its pragmas: {statistics.median(opening):.2f} ms"
    )


# Parts of a check-in's transaction, told apart by the statement's first words.
_PARTS = (
    ("BEGIN", "begin (BEGIN IMMEDIATE: the write lock)"),
    ("SELECT", "read of the row (a tombstone to bring back)"),
    ("INSERT", "insert of the attendance row"),
    ("UPDATE device", "the clock's last stamp (UPDATE device)"),
    ("COMMIT", "commit (WAL append and fsync)"),
)


def commit_split(
    ws: Any,
    connection: sqlite3.Connection,
    people: list[CheckinPerson],
    others: list[CheckinPerson],
    session: str,
) -> dict[str, tuple[float, float | None]]:
    """Mean milliseconds of each part of `ws.check_in` (means add up to the total, medians do
    not: one slow fsync would vanish from a median), next to the floor's where it has one.

    The facade runs its statements on the sqlite3 connection under SQLAlchemy's. Each call into
    that connection (execute, executemany, commit) is timed from the interpreter's profile hook,
    and named by the statement sqlite3 reports starting in it. The hook slows the Python around
    the calls, so the total is taken from as many check-ins again without it; what is left of
    that total is Python (the record, its checks and stamps, the connection from the pool). The
    floor's INSERT and COMMIT are timed apart on its own connection, for `others` (people not
    checked in yet, like `people`).
    """
    import sys

    from sqlalchemy import event

    half = len(people) // 2
    hooked, plain = people[:half], people[half:]
    # The write-ahead log emptied first: an automatic checkpoint (every 1,000 pages) landing in
    # one of these commits would weigh on its side's mean alone.
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    parts: dict[str, float] = {}
    statement: list[str] = []
    started: list[float] = []

    def traced(sql: str) -> None:
        statement.append(sql)

    def hook(_frame: Any, what: str, function: Any) -> None:
        if what == "c_call" and isinstance(getattr(function, "__self__", None), sqlite3.Connection):
            statement.clear()
            started.append(time.perf_counter())
        elif what in ("c_return", "c_exception") and started:
            if not isinstance(getattr(function, "__self__", None), sqlite3.Connection):
                return
            elapsed = time.perf_counter() - started.pop()
            text = statement[0].lstrip() if statement else "COMMIT"
            label = next((key for key, _ in _PARTS if text.startswith(key)), "other")
            parts[label] = parts.get(label, 0.0) + elapsed

    def trace_checked_out(dbapi_connection: sqlite3.Connection, *_args: Any) -> None:
        dbapi_connection.set_trace_callback(traced)

    def untrace_checked_in(dbapi_connection: sqlite3.Connection, *_args: Any) -> None:
        dbapi_connection.set_trace_callback(None)

    facade: dict[str, list[float]] = {}
    event.listen(ws.engine, "checkout", trace_checked_out)
    event.listen(ws.engine, "checkin", untrace_checked_in)
    try:
        for person in hooked:
            parts.clear()
            gc.collect()
            sys.setprofile(hook)
            try:
                ws.check_in(session, person.id, recorded_by="bench")
            finally:
                sys.setprofile(None)
            for key, value in parts.items():
                facade.setdefault(key, []).append(value * 1000)
    finally:
        event.remove(ws.engine, "checkout", trace_checked_out)
        event.remove(ws.engine, "checkin", untrace_checked_in)
    totals = []
    for person in plain:
        gc.collect()
        start = time.perf_counter()
        ws.check_in(session, person.id, recorded_by="bench")
        totals.append((time.perf_counter() - start) * 1000)
    facade["total"] = totals
    statements = sum(statistics.fmean(facade[key]) for key, _ in _PARTS if key in facade)
    facade["rest"] = [statistics.fmean(totals) - statements]
    floor: dict[str, list[float]] = {"INSERT": [], "COMMIT": [], "total": []}
    for person in others:
        row = (attendance_id(session, person.id), session, person.id, "bench", '{"x": "y"}')
        gc.collect()
        start = time.perf_counter()
        connection.execute(
            "INSERT INTO attendance (id, session_id, person_id, status, mode, "
            "recorded_by, clocks, deleted) VALUES (?, ?, ?, 'present', 'in_person', ?, ?, 0)",
            row,
        )
        inserted = time.perf_counter()
        connection.commit()
        done_at = time.perf_counter()
        floor["INSERT"].append((inserted - start) * 1000)
        floor["COMMIT"].append((done_at - inserted) * 1000)
        floor["total"].append((done_at - start) * 1000)
    labels = [*_PARTS, ("other", "other statements"), ("rest", "the rest (Python, pool)")]
    split: dict[str, tuple[float, float | None]] = {}
    for key, label in [*labels, ("total", "total")]:
        if key in facade:
            split[label] = (
                statistics.fmean(facade[key]),
                statistics.fmean(floor[key]) if key in floor else None,
            )
    return split


def _log_commit_split(
    ctx: Context,
    page: Any,
    connection: sqlite3.Connection,
    people: list[CheckinPerson],
    session: str,
) -> None:
    split = commit_split(
        page.ws, connection, people[: 2 * SPLIT], people[2 * SPLIT : 3 * SPLIT], session
    )
    width = max(map(len, split))
    ctx.log(f"  check-in commit, split (mean of {SPLIT}, ms):")
    ctx.log(f"    {'part'.ljust(width)}  facade   floor")
    for label, (facade, floor) in split.items():
        shown = "-" if floor is None else f"{floor:.3f}"
        ctx.log(f"    {label.ljust(width)}  {facade:6.3f}  {shown:>6}")
