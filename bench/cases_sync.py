"""Sync cases: the exchange file of the program-scale workspace, exported and imported.

The floor is the same records written as JSON lines with the standard library, read back with
`json.loads` and inserted with `sqlite3` `executemany` into an empty workspace file of the same
schema: what moving the data costs without clocks, merging, checks, hashing or compression.
Each side runs in a child process so its peak memory can be read.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from bench.registry import Context, case
from bench.timing import Measurement

TARGET_ROUND_TRIP = 5.0

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
import resource
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

IMPORT = """
import sys, time
from pathlib import Path
from fieldkit.store import Workspace
from fieldkit.sync.exchange import import_exchange
ws = Workspace(Path(sys.argv[1]))
start = time.perf_counter()
import_exchange(ws, Path(sys.argv[2]))
elapsed = time.perf_counter() - start
ws.close()
import resource
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
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
import resource
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
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
import resource
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _child(script: str, *args: Path) -> tuple[float, float]:
    """Seconds the child measured, and its peak resident memory in MB (it reports both)."""
    result = subprocess.run(
        [sys.executable, "-c", script, *map(str, args)], capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise RuntimeError(f"benchmark child failed: {result.stderr[-2000:]}")
    seconds, peak_kb = result.stdout.split()[-2:]
    return float(seconds), float(peak_kb) / 1024


def _empty_workspace(folder: Path) -> Path:
    from fieldkit.store import Workspace

    path = folder / "workspace.sqlite"
    Workspace(path).close()
    return path


class _Results:
    """One export and one import shared by the rows of this module (they take minutes)."""

    measured: dict[str, float] | None = None

    @classmethod
    def get(cls, ctx: Context) -> dict[str, float]:
        if cls.measured is None:
            cls.measured = _measure(ctx)
        return cls.measured


def _measure(ctx: Context) -> dict[str, float]:
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
    import_s, import_peak = _child(IMPORT, joining, exchange_file)
    floor_db = _empty_workspace(folder / "floor")
    floor_import_s, _ = _child(FLOOR_IMPORT, floor_db, floor_lines)
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
    results = _Results.get(ctx)
    return Measurement(results["export"], results["floor_export"])


@case("sync_import", unit="s", target=None)
def sync_import(ctx: Context) -> Measurement:
    results = _Results.get(ctx)
    return Measurement(results["import"], results["floor_import"])


@case("sync_export_plus_import", unit="s", target=TARGET_ROUND_TRIP)
def sync_round_trip(ctx: Context) -> Measurement:
    results = _Results.get(ctx)
    return Measurement(
        results["export"] + results["import"], results["floor_export"] + results["floor_import"]
    )


@case("sync_file_mb", unit="MB", target=None)
def sync_file_size(ctx: Context) -> Measurement:
    """The exchange file's size; its floor is the SQLite file's (the ratio is file / database)."""
    results = _Results.get(ctx)
    return Measurement(results["file_mb"], results["db_mb"])


@case("sync_peak_mb", unit="MB", target=None)
def sync_peak_memory(ctx: Context) -> Measurement:
    """Peak resident memory of the export or import process; floor: the JSON-lines file's size."""
    results = _Results.get(ctx)
    return Measurement(results["peak_mb"], results["floor_file_mb"])
