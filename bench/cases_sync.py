"""Sync cases: the exchange file of the program-scale workspace, exported and imported.

The floor is the same records written as JSON lines with the standard library, read back with
`json.loads` and inserted with `sqlite3` `executemany` into an empty workspace file of the same
schema: what moving the data costs without clocks, merging, checks, hashing or compression.
Each side runs in a child process so its peak memory can be read.

`sync_import_mostly_present`: a laptop that already holds the programme imports the file of
another laptop (a copy given its own identity) on which about 1% of the records were edited since.
Only those are written. Its floor reads the other laptop's JSON lines whole with `json.loads`,
writes the edited records with `executemany` (INSERT OR REPLACE) and commits, after a plain copy
of the workspace file: what any safety copy before an import costs at least.
"""

from __future__ import annotations

import dataclasses
import random
import shutil
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Callable
from pathlib import Path

from bench.registry import Context, case
from bench.timing import Measurement

TARGET_ROUND_TRIP = 5.0
TARGET_IMPORT = 3.0

# Put before each child's script: it prints its own peak resident memory, Linux's VmHWM (the
# high-water mark of the memory it has had since it started). Not ru_maxrss: Linux carries the
# forking process's size into a child's ru_maxrss across exec, so every child reported the
# bench's own size (648 MB late in a whole run) instead of its own.
_PEAK = """
def PEAK_KB():
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")
"""

EXPORT = """
import sys, time
from pathlib import Path
from fieldkit.store import Workspace
from fieldkit.sync.exchange import export_exchange
ws = Workspace(Path(sys.argv[1]))
start = time.perf_counter()
export_exchange(ws, Path(sys.argv[2]))
elapsed = time.perf_counter() - start
ws.close()
print(elapsed, PEAK_KB())
"""

IMPORT = """
import sys, time
from pathlib import Path
from fieldkit.store import Workspace
from fieldkit.sync.exchange import import_exchange
ws = Workspace(Path(sys.argv[1]))
start_snapshot = ws.start_snapshot
taken = []
def timed_snapshot(label):
    begun = time.perf_counter()
    try:
        return start_snapshot(label)  # the copy; its check runs beside the merge
    finally:
        taken.append(time.perf_counter() - begun)
ws.start_snapshot = timed_snapshot
start = time.perf_counter()
report = import_exchange(ws, Path(sys.argv[2]))
elapsed = time.perf_counter() - start
ws.close()
written = sum(report.summary.new.values()) + sum(report.summary.changed.values())
print("snapshot copy", sum(taken), "written", written, file=sys.stderr)
print(elapsed, PEAK_KB())
"""

FLOOR_EXPORT = """
import json, sqlite3, sys, time
from fieldkit.core.model import RECORD_KINDS
start = time.perf_counter()
db = sqlite3.connect(sys.argv[1])
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for kind in RECORD_KINDS:
        cursor = db.execute(f'SELECT * FROM "{kind}"')
        names = [d[0] for d in cursor.description]
        for row in cursor:
            out.write(json.dumps({"_table": kind, **dict(zip(names, row))}, ensure_ascii=False))
            out.write("\\n")
db.close()
print(time.perf_counter() - start, PEAK_KB())
"""

FLOOR_IMPORT = """
import json, sqlite3, sys, time
start = time.perf_counter()
db = sqlite3.connect(sys.argv[1])
db.execute("PRAGMA journal_mode = WAL")
db.execute("PRAGMA synchronous = FULL")
batches = {}
with open(sys.argv[2], encoding="utf-8") as lines:
    for line in lines:
        record = json.loads(line)
        kind = record.pop("_table")
        batches.setdefault(kind, []).append(record)
        if len(batches[kind]) >= 2000:
            rows = batches.pop(kind)
            names = list(rows[0])
            db.executemany(
                f'INSERT INTO "{kind}" ({", ".join(names)}) VALUES ({", ".join("?" * len(names))})',
                [tuple(r[n] for n in names) for r in rows],
            )
for kind, rows in batches.items():
    names = list(rows[0])
    db.executemany(
        f'INSERT INTO "{kind}" ({", ".join(names)}) VALUES ({", ".join("?" * len(names))})',
        [tuple(r[n] for n in names) for r in rows],
    )
db.commit()
db.close()
print(time.perf_counter() - start, PEAK_KB())
"""


FLOOR_PRESENT = """
import json, shutil, sqlite3, sys, time
start = time.perf_counter()
shutil.copyfile(sys.argv[1], sys.argv[1] + ".copy")  # the safety copy's floor
changed = set(open(sys.argv[3], encoding="utf-8").read().split())
db = sqlite3.connect(sys.argv[1])
db.execute("PRAGMA journal_mode = WAL")
db.execute("PRAGMA synchronous = FULL")
batches = {}
with open(sys.argv[2], encoding="utf-8") as lines:
    for line in lines:
        record = json.loads(line)
        if record["id"] in changed:
            batches.setdefault(record.pop("_table"), []).append(record)
for kind, rows in batches.items():
    names = list(rows[0])
    db.executemany(
        f'INSERT OR REPLACE INTO "{kind}" ({", ".join(names)}) '
        f'VALUES ({", ".join("?" * len(names))})',
        [tuple(r[n] for n in names) for r in rows],
    )
db.commit()
db.close()
print(time.perf_counter() - start, PEAK_KB())
"""

# The other laptop's edits: per kind, the share of records edited and how.
EDITED_SHARE = 0.01
SEED = 1612


def _child(
    script: str, *args: Path, log: Callable[[str], None] | None = None
) -> tuple[float, float]:
    """Seconds the child measured, and its peak resident memory in MB (it reports both)."""
    result = subprocess.run(
        [sys.executable, "-c", _PEAK + script, *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(f"benchmark child failed: {result.stderr[-2000:]}")
    if log is not None and result.stderr.strip():
        log(f"  {result.stderr.strip().splitlines()[-1]}")
    seconds, peak_kb = result.stdout.split()[-2:]
    return float(seconds), float(peak_kb) / 1024


def _empty_workspace(folder: Path) -> Path:
    from fieldkit.store import Workspace

    path = folder / "workspace.sqlite"
    folder.mkdir(parents=True, exist_ok=True)  # a workspace is made only in a folder that exists
    Workspace(path).close()
    return path


_measured: dict[Path, dict[str, float]] = {}


def program_path(ctx: Context) -> Path:
    return ctx.workspace()


def results(ctx: Context) -> dict[str, float]:
    """One export and one import of the context's workspace, shared by the rows that need them
    (they take minutes)."""
    path = ctx.workspace()
    if path not in _measured:
        _measured[path] = measure(ctx)
    return _measured[path]


def measure(ctx: Context) -> dict[str, float]:
    source = ctx.workspace()
    folder = ctx.scratch / "sync"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    copy = folder / "source" / "workspace.sqlite"
    copy.parent.mkdir()
    shutil.copy(source, copy)
    exchange_file = folder / "program.fkx"
    ctx.log("sync: exporting the program-scale workspace")
    export_s, export_peak = _child(EXPORT, copy, exchange_file)
    floor_lines = folder / "floor.jsonl"
    floor_export_s, _ = _child(FLOOR_EXPORT, copy, floor_lines)
    ctx.log("sync: importing it into an empty workspace (a laptop joining)")
    joining = _empty_workspace(folder / "joining")
    import_s, import_peak = _child(IMPORT, joining, exchange_file, log=ctx.log)
    floor_db = _empty_workspace(folder / "floor")
    floor_import_s, _ = _child(FLOOR_IMPORT, floor_db, floor_lines)
    ctx.log(f"  peak memory: the export {export_peak:.0f} MB, the import {import_peak:.0f} MB")
    return {
        "export": export_s,
        "floor_export": floor_export_s,
        "import": import_s,
        "floor_import": floor_import_s,
        "file_mb": exchange_file.stat().st_size / 1e6,
        "db_mb": source.stat().st_size / 1e6,
        "floor_file_mb": floor_lines.stat().st_size / 1e6,
        "peak_mb": max(export_peak, import_peak),
    }


@case("sync_export", unit="s", target=None)
def sync_export(ctx: Context) -> Measurement:
    results_ = results(ctx)
    return Measurement(results_["export"], results_["floor_export"])


@case("sync_import", unit="s", target=TARGET_IMPORT)
def sync_import(ctx: Context) -> Measurement:
    results_ = results(ctx)
    return Measurement(results_["import"], results_["floor_import"])


@case("sync_export_plus_import", unit="s", target=TARGET_ROUND_TRIP)
def sync_round_trip(ctx: Context) -> Measurement:
    results_ = results(ctx)
    return Measurement(
        results_["export"] + results_["import"],
        results_["floor_export"] + results_["floor_import"],
    )


@case("sync_file_mb", unit="MB", target=None)
def sync_file_size(ctx: Context) -> Measurement:
    """The exchange file's size; its floor is the SQLite file's (the ratio is file / database)."""
    results_ = results(ctx)
    return Measurement(results_["file_mb"], results_["db_mb"])


@case("sync_peak_mb", unit="MB", target=None)
def sync_peak_memory(ctx: Context) -> Measurement:
    """Peak resident memory of the export or import process; floor: the JSON-lines file's size."""
    results_ = results(ctx)
    return Measurement(results_["peak_mb"], results_["floor_file_mb"])


# --- a laptop that already holds most of the records ----------------------------------------------


def _other_laptop(source: Path, folder: Path, log: Callable[[str], None]) -> tuple[Path, Path]:
    """A copy of the workspace with its own identity, about 1% of its records edited through the
    facade; and the file naming the edited records' ids (for the floor)."""
    from fieldkit.core.model import Attendance, AttendanceMode, Event, Person, Registration
    from fieldkit.store import Workspace

    other = folder / "other" / "workspace.sqlite"
    other.parent.mkdir(parents=True)
    shutil.copyfile(source, other)
    connection = sqlite3.connect(other)
    try:
        with connection:  # a second laptop: the same data under another identity
            connection.execute("UPDATE device SET id = ?", (uuid.uuid4().hex[:16],))
        ids = {
            kind: [row[0] for row in connection.execute(f'SELECT id FROM "{kind}" ORDER BY id')]
            for kind in ("person", "event", "registration", "attendance")
        }
    finally:
        connection.close()
    rng = random.Random(SEED)
    picked = {
        kind: rng.sample(found, round(len(found) * EDITED_SHARE)) for kind, found in ids.items()
    }
    edited: list[str] = []
    with Workspace(other) as ws:
        people = ws.list(Person, where={"id": picked["person"]}, include_deleted=True)
        ws.save(*(dataclasses.replace(p, phone=f"+57 300 {n:07d}") for n, p in enumerate(people)))
        events = ws.list(Event, where={"id": picked["event"]}, include_deleted=True)
        ws.save(*(dataclasses.replace(e, places=f"{e.places} (sala 2)") for e in events))
        registrations = ws.list(Registration, where={"id": picked["registration"]})
        ws.save(*(dataclasses.replace(r, municipality="Popayán") for r in registrations))
        attendance = ws.list(Attendance, where={"id": picked["attendance"]})
        flipped = {AttendanceMode.IN_PERSON: AttendanceMode.VIRTUAL}
        ws.save(
            *(
                dataclasses.replace(a, mode=flipped.get(a.mode, AttendanceMode.IN_PERSON))
                for a in attendance
            )
        )
        for records in (people, events, registrations, attendance):
            edited.extend(record.id for record in records)
    log(f"  the other laptop edited {len(edited):,} records of {sum(map(len, ids.values())):,}")
    names = folder / "edited.txt"
    names.write_text("\n".join(edited), encoding="utf-8")
    return other, names


def _measure_mostly_present(ctx: Context) -> dict[str, float]:
    source = ctx.workspace()
    folder = ctx.scratch / "sync-present"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    ctx.log("sync: another laptop edits about 1% of the programme, and exports it")
    other, edited = _other_laptop(source, folder, ctx.log)
    exchange_file = folder / "other.fkx"
    _child(EXPORT, other, exchange_file)
    floor_lines = folder / "other.jsonl"
    _child(FLOOR_EXPORT, other, floor_lines)
    ctx.log("sync: importing it into a laptop that holds the rest")
    receiving = folder / "receiving" / "workspace.sqlite"
    receiving.parent.mkdir()
    shutil.copyfile(source, receiving)
    import_s, peak = _child(IMPORT, receiving, exchange_file, log=ctx.log)
    floor_db = folder / "floor" / "workspace.sqlite"
    floor_db.parent.mkdir()
    shutil.copyfile(source, floor_db)
    floor_s, _ = _child(FLOOR_PRESENT, floor_db, floor_lines, edited)
    _check_same_edits(other, receiving, edited)
    ctx.log(f"  peak memory of the import: {peak:.0f} MB")
    return {"import": import_s, "floor_import": floor_s, "peak_mb": peak}


def _check_same_edits(other: Path, receiving: Path, edited: Path) -> None:
    """The receiving laptop now holds the other laptop's edits (the import did its work)."""
    from fieldkit.store import Workspace

    ids = set(edited.read_text(encoding="utf-8").split())
    with Workspace(other) as a, Workspace(receiving) as b:
        for kind in ("person", "event", "registration", "attendance"):
            for state in a.record_states({kind: ids}):
                theirs = b.record_state(kind, state.id)
                if theirs is None or (theirs.values, theirs.stamps) != (state.values, state.stamps):
                    raise AssertionError(f"the import did not bring {kind} {state.id}")


_present: dict[Path, dict[str, float]] = {}


@case("sync_import_mostly_present", unit="s", target=TARGET_IMPORT)
def sync_import_mostly_present(ctx: Context) -> Measurement:
    """Import of another laptop's file into a workspace that holds 99% of its records."""
    path = ctx.workspace()
    if path not in _present:
        _present[path] = _measure_mostly_present(ctx)
    figures = _present[path]
    return Measurement(figures["import"], figures["floor_import"])
