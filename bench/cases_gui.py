"""Window cases: starting the app on the program-scale workspace, and opening an event.

`start_cold`: from process start to the main window painted for the first time, the app's own
start (`fieldkit.gui.shell.app.run`) on the program-scale workspace, next to a bare PySide6 window with
one label started the same way, in the same run (see `bench.start_probe`). The two alternate.

`start_packaged`: the same from launching the packaged executable (`make package`, dist/fieldkit/)
on the demo workspace to its events list painted with the demo's rows (the smoke hook's
FIELDKIT_SMOKE_AT_PAINT report), next to a bare PySide6 window packaged by the same spec
(`make package-bare`, dist/bare/), alternating, each run with nothing but PATH=/usr/bin:/bin, an
empty HOME and the offscreen platform. The case runs make first, which rebuilds only what the
checkout changed; when the build fails the case fails, it never measures an old package.

`store_open_event`: what the window reads from the workspace to show an event of about 90
registered people on its first page (`load_overview`: the event, its objectives and axes, days,
sessions, registered and present counts), next to the same answers through sqlite3 on one
connection.
"""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.registry import Context, case
from bench.timing import Measurement, compare_ms

START_TARGET = 3.0
PACKAGED_TARGET = 2.0
ROOT = Path(__file__).resolve().parents[1]
PACKAGED_APP = ROOT / "dist" / "fieldkit" / "fieldkit"
PACKAGED_BARE = ROOT / "dist" / "bare" / "bare"
STORE_TARGET = 3.0
START_REPEAT = 5
PACKAGED_REPEAT = 9  # a packaged start is short and this machine is shared: more turns
PEOPLE = 90


# --- start_cold ---------------------------------------------------------------------------------


def _seconds_to_paint(arguments: list[str], env: dict[str, str]) -> float:
    """Seconds from starting `python -m bench.start_probe ARGS` to its "painted N" line.

    A window painted with no rows in its events list fails the case: a start that shows an empty
    window early is not a quick start.
    """
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.start_probe", *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[1],
    )
    line = process.stdout.readline() if process.stdout else ""
    elapsed = time.perf_counter() - started
    _out, err = process.communicate(timeout=120)
    word, _space, rows = line.strip().partition(" ")
    if word != "painted" or process.returncode != 0:
        raise RuntimeError(
            f"start_probe {arguments[0]} failed ({process.returncode}): {err[-2000:]}"
        )
    if not rows.isdigit() or int(rows) == 0:
        raise RuntimeError(f"start_probe {arguments[0]} painted a window with no events: {line!r}")
    return elapsed


@case("start_cold", unit="s", target=START_TARGET)
def start_cold(ctx: Context) -> Measurement:
    """Median over alternating runs; the first run of each is a warm-up (disk cache, .pyc)."""
    path = ctx.workspace()
    config = ctx.scratch / "start-config"
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(config),  # the window's size and the recent list stay out of ~
        XDG_STATE_HOME=str(ctx.scratch / "start-state"),
    )
    # The warm-up writes the .pyc files of both, as a second start of an installed app finds them;
    # with PYTHONDONTWRITEBYTECODE every run would compile fieldkit's own modules again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    app = ["fieldkit", str(path)]
    bare = ["bare"]
    _seconds_to_paint(app, env)
    _seconds_to_paint(bare, env)
    app_times: list[float] = []
    bare_times: list[float] = []
    for index in range(START_REPEAT):
        first, second = (app, bare) if index % 2 == 0 else (bare, app)
        for arguments in (first, second):
            seconds = _seconds_to_paint(arguments, env)
            (app_times if arguments is app else bare_times).append(seconds)
    return Measurement(statistics.median(app_times), statistics.median(bare_times))


# --- start_packaged -----------------------------------------------------------------------------


def _build_packages(ctx: Context) -> None:
    ctx.log("  make package package-bare (nothing to do when both are up to date)")
    result = subprocess.run(
        ["make", "--no-print-directory", "package", "package-bare"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not (PACKAGED_APP.is_file() and PACKAGED_BARE.is_file()):
        raise RuntimeError(
            "start_packaged: `make package package-bare` failed, so nothing was measured:\n"
            + (result.stdout + result.stderr)[-3000:]
        )


def _seconds_to_packaged_paint(command: list[str], env: dict[str, str]) -> float:
    """Seconds from launching a packaged executable to its first line, which must say that a
    window was painted with rows (the app's smoke report, or the bare window's "painted 1")."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    line = process.stdout.readline() if process.stdout else ""
    elapsed = time.perf_counter() - started
    _out, err = process.communicate(timeout=120)
    if line.startswith("{"):
        facts = json.loads(line)
        rows = int(facts.get("events", 0)) if facts.get("painted") else 0
    else:
        word, _space, count = line.strip().partition(" ")
        rows = int(count) if word == "painted" and count.isdigit() else 0
    if process.returncode != 0 or rows == 0:
        raise RuntimeError(
            f"start_packaged: {Path(command[0]).name} did not paint a window with rows "
            f"({process.returncode}): {line!r} {err[-2000:]}"
        )
    return elapsed


@case("start_packaged", unit="s", target=PACKAGED_TARGET)
def start_packaged(ctx: Context) -> Measurement:
    """Median over alternating runs, after one warm-up of each (the disk cache)."""
    _build_packages(ctx)
    home = ctx.scratch / "packaged-home"
    home.mkdir(exist_ok=True)
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "FIELDKIT_SMOKE_AT_PAINT": "1",
    }
    demo = ctx.scratch / "packaged-demo.sqlite"
    made = subprocess.run(
        [str(PACKAGED_APP), "--db", str(demo), "demo"], env=env, capture_output=True, text=True
    )
    if made.returncode != 0:
        raise RuntimeError(f"start_packaged: the packaged demo failed: {made.stderr[-2000:]}")
    app = [str(PACKAGED_APP), "--db", str(demo)]
    bare = [str(PACKAGED_BARE)]
    _seconds_to_packaged_paint(app, env)
    _seconds_to_packaged_paint(bare, env)
    app_times: list[float] = []
    bare_times: list[float] = []
    for index in range(PACKAGED_REPEAT):
        first, second = (app, bare) if index % 2 == 0 else (bare, app)
        for command in (first, second):
            seconds = _seconds_to_packaged_paint(command, env)
            (app_times if command is app else bare_times).append(seconds)
    ctx.log(
        f"  app {min(app_times):.3f}–{max(app_times):.3f} s, "
        f"bare {min(bare_times):.3f}–{max(bare_times):.3f} s"
    )
    return Measurement(statistics.median(app_times), statistics.median(bare_times))


# --- store_open_event ---------------------------------------------------------------------------

EVENT_NEAR_SQL = (
    "SELECT event_id, count(*) AS n FROM registration WHERE deleted = 0 "
    "GROUP BY event_id ORDER BY abs(n - ?), event_id LIMIT 1"
)
FLOOR_SQL = (
    ("SELECT * FROM event WHERE id = ? AND deleted = 0", "event"),
    ("SELECT * FROM objective WHERE event_id = ? AND deleted = 0 ORDER BY position, id", "event"),
    ("SELECT * FROM axis WHERE event_id = ? AND deleted = 0 ORDER BY position, id", "event"),
    ("SELECT * FROM day WHERE event_id = ? AND deleted = 0 ORDER BY date, id", "event"),
    ("SELECT count(*) FROM registration WHERE event_id = ? AND deleted = 0", "event"),
    (
        "SELECT day.id, count(DISTINCT attendance.person_id) FROM day "
        "LEFT JOIN session ON session.day_id = day.id AND session.deleted = 0 "
        "LEFT JOIN attendance ON attendance.session_id = session.id AND attendance.deleted = 0 "
        "WHERE day.event_id = ? AND day.deleted = 0 GROUP BY day.id",
        "event",
    ),
)


def event_of_about(path: Path, people: int = PEOPLE) -> tuple[str, int]:
    """The event whose registrations are nearest `people`, and how many it has."""
    connection = sqlite3.connect(path)
    try:
        event_id, count = connection.execute(EVENT_NEAR_SQL, (people,)).fetchone()
    finally:
        connection.close()
    return str(event_id), int(count)


def floor_open(path: Path, event_id: str) -> None:
    connection = sqlite3.connect(path)
    try:
        days: list[tuple[object, ...]] = []
        for sql, _param in FLOOR_SQL:
            rows = connection.execute(sql, (event_id,)).fetchall()
            if sql.startswith("SELECT * FROM day"):
                days = rows
        day_ids = [row[0] for row in days]
        marks = ",".join("?" * len(day_ids))
        connection.execute(
            f"SELECT * FROM session WHERE day_id IN ({marks}) AND deleted = 0 ORDER BY id",
            day_ids,
        ).fetchall()
    finally:
        connection.close()


@case("store_open_event", unit="ms", target=STORE_TARGET)
def store_open_event(ctx: Context) -> Measurement:
    from fieldkit.gui.events.overview import load_overview
    from fieldkit.store import Workspace

    path = ctx.workspace()
    event_id, count = event_of_about(path)
    ctx.log(f"  an event of {count} registered people")
    ws = Workspace(path)
    try:
        data = load_overview(ws, event_id)
        assert data is not None and data.outline.registered == count
        return compare_ms(
            lambda: load_overview(ws, event_id), lambda: floor_open(path, event_id), repeat=21
        )
    finally:
        ws.close()
