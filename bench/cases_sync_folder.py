"""Sync-folder cases: one laptop's day written to the folder, and another laptop reading it.

Two copies of a workspace stand for two laptops that have already exchanged everything (the
folder holds a segment that covers all of it). The first laptop then has a day (500 check-ins,
30 note edits, 20 new people); `sync_folder_write_day` times its round that writes them,
`sync_folder_read_day` the other laptop's round that reads them. The floors: the same rows
read with `sqlite3` and inserted with `executemany` into an empty file of the same schema
(write), and inserted over the other copy's rows (read). The same day is read on the small demo
workspace too: the round should cost what changed, not what the workspace holds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
import time
from pathlib import Path

import msgspec

from bench.registry import Context, case
from bench.timing import Measurement

TARGET = 3.0
TARGET_SCALE = 1.5
CHECK_INS, NOTE_EDITS, NEW_PEOPLE = 500, 30, 20


def _laptops(source: Path, folder: Path) -> tuple[Path, Path, Path]:
    """Two copies of `source` under different identities, and a folder that holds everything
    the first one has (so the next round carries only what changes after)."""
    from fieldkit.store import Workspace
    from fieldkit.store.folder_store import SegmentMark
    from fieldkit.sync.folder import SEGMENT_FORMAT, SEGMENT_VERSION, SegmentManifest

    shutil.rmtree(folder, ignore_errors=True)
    writer, reader, shared = folder / "writer.sqlite", folder / "reader.sqlite", folder / "shared"
    shared.mkdir(parents=True)
    shutil.copy(source, writer)
    shutil.copy(source, reader)
    with Workspace(writer) as a, Workspace(reader) as b:
        b.take_new_identity()
        data = b"a segment standing for the whole workspace"
        digest = hashlib.sha256(data).hexdigest()
        name = f"00000001-{digest[:16]}.fkseg"
        own = shared / a.device_id
        own.mkdir()
        (own / name).write_bytes(data)
        manifest = SegmentManifest(
            SEGMENT_FORMAT, SEGMENT_VERSION, a.device_id, 1, name, len(data), digest, ""
        )
        (own / name.replace(".fkseg", ".json")).write_bytes(msgspec.json.encode(manifest))
        marks = {a.device_id: a.clock.last_issued}
        for ws in (a, b):  # as the first round does
            ws.start_folder_tracking()
        a.note_folder_segment(SegmentMark(a.device_id, name, digest, len(data), "written", marks))
        b.note_folder_segment(SegmentMark(a.device_id, name, digest, len(data), "read", marks))
    return writer, reader, shared


def _day(path: Path) -> dict[str, list[str]]:
    """The writer's day through the facade; returns the ids it touched per kind."""
    from fieldkit.core.ids import new_id
    from fieldkit.core.model import Note, Person
    from fieldkit.store import Workspace

    plain = sqlite3.connect(path)
    sessions = [r[0] for r in plain.execute("SELECT id FROM session ORDER BY id LIMIT 25")]
    people = [r[0] for r in plain.execute("SELECT id FROM person ORDER BY id LIMIT 20")]
    notes = [r[0] for r in plain.execute(f"SELECT id FROM note ORDER BY id LIMIT {NOTE_EDITS}")]
    plain.close()
    touched: dict[str, list[str]] = {"attendance": [], "note": [], "person": []}
    at = dt.datetime(2026, 11, 30, 9, 0)
    with Workspace(path) as ws:
        for session_id in sessions:
            for person_id in people:
                if len(touched["attendance"]) < CHECK_INS:
                    record = ws.check_in(session_id, person_id, at=at).value
                    touched["attendance"].append(record.id)
        for note_id in notes:
            note = ws.require(Note, note_id)
            ws.update(Note, note_id, key_points=note.key_points + "\n- Agreed at the evening.")
            touched["note"].append(note_id)
        for n in range(NEW_PEOPLE):
            person = Person(id=new_id(), given_names=f"Nueva {n}", surnames="Quispe Mamani")
            ws.save(person)
            touched["person"].append(person.id)
    return touched


def _rows(
    path: Path, touched: dict[str, list[str]]
) -> dict[str, tuple[list[str], list[tuple[object, ...]]]]:
    plain = sqlite3.connect(path)
    found = {}
    for kind, ids in touched.items():
        cursor = plain.execute(
            f'SELECT * FROM "{kind}" WHERE id IN ({", ".join("?" * len(ids))})', ids
        )
        found[kind] = ([d[0] for d in cursor.description], cursor.fetchall())
    plain.close()
    return found


def _insert(
    path: Path, rows: dict[str, tuple[list[str], list[tuple[object, ...]]]], verb: str
) -> None:
    plain = sqlite3.connect(path)
    plain.execute("PRAGMA journal_mode = WAL")
    plain.execute("PRAGMA synchronous = FULL")
    for kind, (names, values) in rows.items():
        marks = ", ".join("?" * len(names))
        plain.executemany(f'{verb} INTO "{kind}" ({", ".join(names)}) VALUES ({marks})', values)
    plain.commit()
    plain.close()


def _measure(source: Path, folder: Path) -> dict[str, float]:
    from fieldkit.store import Workspace
    from fieldkit.sync.folder import sync_folder

    writer, reader, shared = _laptops(source, folder)
    touched = _day(writer)
    with Workspace(writer) as a:
        started = time.perf_counter()
        written = sync_folder(a, shared)
        write_s = time.perf_counter() - started
    assert written.written_records >= sum(map(len, touched.values())), written
    with Workspace(reader) as b:
        started = time.perf_counter()
        read = sync_folder(b, shared)
        read_s = time.perf_counter() - started
    assert len(read.arrived) == 1, read
    empty = folder / "floor.sqlite"
    Workspace(empty).close()
    started = time.perf_counter()
    rows = _rows(writer, touched)
    _insert(empty, rows, "INSERT")
    floor_write_s = time.perf_counter() - started
    started = time.perf_counter()
    _insert(reader, rows, "INSERT OR REPLACE")
    floor_read_s = time.perf_counter() - started
    return {
        "write": write_s,
        "read": read_s,
        "floor_write": floor_write_s,
        "floor_read": floor_read_s,
    }


class _Results:
    measured: dict[str, dict[str, float]] | None = None

    @classmethod
    def get(cls, ctx: Context) -> dict[str, dict[str, float]]:
        if cls.measured is None:
            from fieldkit.demo import install_demo
            from fieldkit.store import Workspace

            ctx.log("sync folder: a day on the program-scale workspace")
            program = _measure(ctx.workspace(), ctx.scratch / "folder-program")
            demo_source = ctx.scratch / "demo.sqlite"
            demo_source.unlink(missing_ok=True)
            with Workspace(demo_source) as demo_ws:
                install_demo(demo_ws)
            ctx.log("sync folder: the same day on the demo workspace")
            demo = _measure(demo_source, ctx.scratch / "folder-demo")
            cls.measured = {"program": program, "demo": demo}
        return cls.measured


@case("sync_folder_write_day", unit="s", target=TARGET)
def sync_folder_write_day(ctx: Context) -> Measurement:
    program = _Results.get(ctx)["program"]
    return Measurement(program["write"], program["floor_write"])


@case("sync_folder_read_day", unit="s", target=TARGET)
def sync_folder_read_day(ctx: Context) -> Measurement:
    program = _Results.get(ctx)["program"]
    return Measurement(program["read"], program["floor_read"])


@case("sync_folder_read_day_demo", unit="s", target=TARGET_SCALE)
def sync_folder_read_day_demo(ctx: Context) -> Measurement:
    """The program-scale read next to the demo workspace's (its floor here)."""
    results = _Results.get(ctx)
    return Measurement(results["program"]["read"], results["demo"]["read"])
