"""Kill the app's process at random moments while it writes, and check what the workspace kept.

One workspace (the laptop at the door) lives through every run. In each run a child process
(`tests/crash/child.py`) checks people in, registers people at the door, adds walk-ins and edits
notes through the app's own paths while it imports an exchange file from another laptop; the
parent kills it with SIGKILL at a moment drawn from a seeded generator. After each kill:

- the workspace opens (no stale lock from the killed process blocks it) and passes
  `PRAGMA integrity_check`;
- every write the child reported as saved, in this run or any earlier one, holds its value (or
  the value of a later write of the same record that had begun when the process died);
- the imported records are exactly as before the import or exactly as the file has them, and
  when they are in, so is the import's line in the exchange log and the clock it moved forward;
- at most one temporary folder of an import is left beside the workspace (the killed one's; the
  next import clears it).

`python -m tests.crash.harness --runs 50 [--seed N]` (what `make test-crash` runs) prints one
line per run and a summary; `tests/crash/test_kills.py` runs a few kills in `make test`.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldkit.core import ids
from fieldkit.core.hlc import Stamp
from fieldkit.core.model import (
    Attendance,
    AttendanceStatus,
    Event,
    Gender,
    Note,
    Organisation,
    Person,
    Registration,
    Session,
)
from fieldkit.store import Workspace
from fieldkit.sync.exchange import export_exchange

ROOT = Path(__file__).resolve().parents[2]
NOW = dt.datetime(2026, 3, 9, 9, 30)
IMPORT_FOLDERS = ".fieldkit-import-*"


class Broken(AssertionError):
    """A kill lost a reported write, damaged the workspace or left an import half in."""


@dataclass
class Expected:
    """What one record must hold: the value last reported saved, or one begun after it."""

    kind: str
    saved: str | None = None
    pending: set[str] = field(default_factory=set)


@dataclass
class Totals:
    runs: int = 0
    writes_checked: int = 0
    writes_lost: int = 0
    imports_in: int = 0
    imports_out: int = 0
    import_seconds: list[float] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"crash runs: {self.runs}, writes checked: {self.writes_checked}, "
            f"writes lost: {self.writes_lost}, imports in: {self.imports_in}, "
            f"imports out: {self.imports_out}"
        )


@dataclass
class Setting:
    folder: Path
    door: Path  # the workspace the child writes to
    far: Path  # the other laptop, whose exchange files come in
    far_ids: set[tuple[str, str]]  # (kind, id) of every record the other laptop sends
    far_people: list[Person]
    child_setting: Path


def _people(count: int, prefix: str, organisation: str | None = None) -> list[Person]:
    genders = (Gender.WOMAN, Gender.MAN, Gender.NOT_STATED)
    return [
        Person(
            id=ids.new_id(),
            given_names=f"{prefix} {number}",
            surnames="Mamani Quispe",
            gender=genders[number % 3],
            organisation_id=organisation,
        )
        for number in range(count)
    ]


def _event_with_sessions(ws: Workspace, code: str, sessions: int) -> tuple[Event, list[Session]]:
    event = Event(id=ids.new_id(), code=code, title=f"Encuentro {code}", start_date=NOW.date())
    ws.save(event)
    day = ws.add_day(event.id, NOW.date()).value
    made = [
        Session(id=ids.new_id(), day_id=day.id, start_time=f"{10 + n:02d}:00", title=f"Mesa {n}")
        for n in range(sessions)
    ]
    ws.save(*made)
    return event, made


def build(folder: Path, *, registered: int, waiting: int, far_people: int) -> Setting:
    """The laptop at the door (an event, its people, notes) and another laptop with its own."""
    door_path = folder / "door" / "workspace.sqlite"
    far_path = folder / "far" / "workspace.sqlite"
    for laptop in (door_path, far_path):
        laptop.parent.mkdir(parents=True, exist_ok=True)
    with Workspace(door_path) as ws:
        network = Organisation(id=ids.new_id(), name="Red de Mujeres", short_name="RM")
        ws.save(network)
        event, sessions = _event_with_sessions(ws, "CR-DOOR", 4)
        on_list = _people(registered, "Registrada", network.id)
        not_yet = _people(waiting, "Conocida")
        ws.save(*on_list, *not_yet)
        ws.save(
            *(
                Registration(
                    id=ids.registration_id(event.id, person.id),
                    event_id=event.id,
                    person_id=person.id,
                )
                for person in on_list
            )
        )
        notes = [[s.id, None, ids.note_id(s.id, None)] for s in sessions]
        child = {
            "event_id": event.id,
            "now": NOW.isoformat(),
            "registered": [p.id for p in on_list],
            "waiting": [p.id for p in not_yet],
            "notes": notes,
        }
    with Workspace(far_path) as far:
        far.set_device_name("Oficina")
        far_event, far_sessions = _event_with_sessions(far, "CR-FAR", 2)
        people = _people(far_people, "Lejana")
        far.save(*people)
        far.save(
            *(
                Registration(
                    id=ids.registration_id(far_event.id, person.id),
                    event_id=far_event.id,
                    person_id=person.id,
                )
                for person in people
            )
        )
        for session in far_sessions:
            far.check_in_many(
                [
                    Attendance(
                        id=ids.attendance_id(session.id, person.id),
                        session_id=session.id,
                        person_id=person.id,
                        checked_in_at=NOW,
                    )
                    for person in people
                ]
            )
            far.write_note(session.id, None, {"key_points": "- Lo que se dijo\n" * 200})
        far_ids = {(kind, record["id"]) for kind, record in _records(far.dump())}
    child_setting = folder / "setting.json"
    child_setting.write_text(json.dumps(child), encoding="utf-8")
    return Setting(folder, door_path, far_path, far_ids, people, child_setting)


def _records(dump: bytes) -> Iterable[tuple[str, dict[str, Any]]]:
    for kind, records in json.loads(dump).items():
        if kind == "blob":
            continue
        for record in records:
            yield kind, record


def _subset(dump: bytes, wanted: set[tuple[str, str]]) -> dict[tuple[str, str], Any]:
    return {
        (kind, record["id"]): record
        for kind, record in _records(dump)
        if (kind, record["id"]) in wanted
    }


def next_file(setting: Setting, run: int) -> tuple[Path, dict[tuple[str, str], Any]]:
    """The other laptop edits every one of its people, then exports: the file of this run."""
    with Workspace(setting.far) as far:
        far.save(
            *(
                dataclasses.replace(person, phone=f"+591 7{run:03d}{number:04d}")
                for number, person in enumerate(setting.far_people)
            )
        )
        out = setting.folder / f"oficina-{run:03d}.fkx"
        export_exchange(far, out)
        return out, _subset(far.dump(), setting.far_ids)


def _read_lines(
    process: subprocess.Popen[str],
    lines: list[str],
    times: dict[str, float],
    ready: threading.Event,
) -> None:
    """Collect the child's lines, noting when it was ready and when its import was in."""
    assert process.stdout is not None
    for line in process.stdout:
        lines.append(line.rstrip("\n"))
        for mark in ("ready", "saved import"):
            if line.startswith(mark):
                times[mark] = time.monotonic()
        if line.startswith("ready"):
            ready.set()
    ready.set()  # the child ended before it was ready: the harness reports its error


def run_once(setting: Setting, run: int, seed: int, delay: float) -> tuple[list[str], float | None]:
    """Start the child, kill it `delay` seconds after it is ready; its lines, and how long the
    import took when it ended before the kill."""
    exchange = setting.folder / f"oficina-{run:03d}.fkx"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.crash.child",
            str(setting.door),
            str(setting.child_setting),
            str(exchange),
            str(run),
            str(seed),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    lines: list[str] = []
    times: dict[str, float] = {}
    ready = threading.Event()
    reader = threading.Thread(target=_read_lines, args=(process, lines, times, ready), daemon=True)
    reader.start()
    ready.wait(120)
    if not any(line == "ready" for line in lines):
        process.kill()
        _, error = process.communicate()
        raise Broken(f"run {run}: the child did not start:\n{error}")
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    reader.join(10)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    error = process.stderr.read()
    process.stderr.close()
    # A child that did all its work before the kill moment (a quick machine) ended with 0: the
    # power went after the last write, and the checks that follow hold all the same.
    if process.returncode not in (-signal.SIGKILL, 0):
        raise Broken(f"run {run}: the child ended by itself ({process.returncode}):\n{error}")
    if "Traceback" in error:
        raise Broken(f"run {run}: the child failed before the kill:\n{error}")
    took = None
    if "saved import" in times:
        took = times["saved import"] - times["ready"]
    return lines, took


def note_reports(lines: list[str], expected: dict[str, Expected]) -> int:
    """Fold the child's lines into what each record must hold; returns how many were saved."""
    saved = 0
    for line in lines:
        words = line.split(" ")
        if words[0] not in ("begin", "saved") or words[1] == "import" or words[2] == "-":
            continue
        what, kind, record_id, value = words[0], words[1], words[2], words[3]
        entry = expected.setdefault(record_id, Expected(kind))
        if what == "begin":
            entry.pending.add(value)
        else:
            entry.saved = value
            entry.pending = set()
            saved += 1
    return saved


def check(
    setting: Setting,
    expected: dict[str, Expected],
    before: dict[tuple[str, str], Any],
    after: dict[tuple[str, str], Any],
    import_saved: bool,
    exchange_name: str = "",
) -> tuple[list[str], bool, dict[tuple[str, str], Any]]:
    """Open the workspace after a kill; what was lost, whether the import is in, its records."""
    lost: list[str] = []
    with Workspace(setting.door) as ws:  # a stale lock would refuse this
        integrity = ws.integrity()
        if integrity != "ok":
            raise Broken(f"integrity_check says: {integrity}")
        attendance = {a.id: a for a in ws.list(Attendance)}
        people = {p.id: p for p in ws.list(Person)}
        registrations = {r.id for r in ws.list(Registration)}
        notes = {n.id: n for n in ws.list(Note)}
        event_id = json.loads(setting.child_setting.read_text(encoding="utf-8"))["event_id"]
        for record_id, entry in expected.items():
            allowed = {entry.saved, *entry.pending} - {None}
            found = _found(entry.kind, record_id, attendance, people, notes)
            if entry.kind == "register" and found is not None:
                person_id = attendance[record_id].person_id
                if ids.registration_id(event_id, person_id) not in registrations:
                    found = None
            walk_in_registered = ids.registration_id(event_id, record_id) in registrations
            if entry.kind == "walkin" and not walk_in_registered:
                found = None
            if entry.saved is None:
                if found is not None and found not in allowed:
                    lost.append(f"{entry.kind} {record_id}: {found!r}, never written")
            elif found not in allowed:
                lost.append(f"{entry.kind} {record_id}: {found!r} instead of {entry.saved!r}")
            if found in allowed or (found is None and entry.saved is None):
                # What the workspace holds now is what later kills must keep.
                entry.saved, entry.pending = found, set()
        imported = _subset(ws.dump(), setting.far_ids)
        logged = ws.last_import()
    if imported == after:
        is_in = True
    elif imported == before and not import_saved:
        is_in = False
    else:
        raise Broken(
            "the imported records are neither as before the import nor as the file has them"
            if imported != before
            else "the import was reported saved but is not in"
        )
    if is_in:
        _check_clock(setting.door, after)
        if exchange_name and (logged is None or logged.file_name != exchange_name):
            raise Broken(f"the import of {exchange_name} is in, but the exchange log misses it")
    leftovers = sorted(p.name for p in setting.door.parent.glob(IMPORT_FOLDERS))
    if len(leftovers) > 1:
        raise Broken(f"temporary folders of killed imports pile up: {leftovers}")
    return lost, is_in, imported


def _check_clock(path: Path, imported: dict[tuple[str, str], Any]) -> None:
    """The clock a restart reads is past every stamp that came in, or later edits would lose."""
    newest = max(
        (stamp for record in imported.values() for stamp in record["stamps"].values()),
        default="",
    )
    connection = sqlite3.connect(path)
    try:
        (stored,) = connection.execute("SELECT last_stamp FROM device").fetchone()
    finally:
        connection.close()
    if newest and _order(stored) < _order(newest):
        raise Broken(f"the stored clock {stored} is behind the imported stamp {newest}")


def _order(stamp: str) -> tuple[int, int]:
    parsed = Stamp.parse(stamp)
    return parsed.millis, parsed.counter


def _found(
    kind: str,
    record_id: str,
    attendance: dict[str, Attendance],
    people: dict[str, Person],
    notes: dict[str, Note],
) -> str | None:
    if kind in ("checkin", "register"):
        record = attendance.get(record_id)
        if record is None or record.status is not AttendanceStatus.PRESENT:
            return None
        return record.mode.value
    if kind == "walkin":
        person = people.get(record_id)
        return person.given_names if person else None
    if kind == "note":
        note = notes.get(record_id)
        if note is None or not note.lessons:
            return None
        return note.lessons.split("\n", 1)[0].removeprefix("- ")
    raise ValueError(kind)


def crash(
    folder: Path,
    runs: int,
    seed: int,
    *,
    registered: int = 300,
    waiting: int = 600,
    far_people: int = 1500,
    max_window: float = 60.0,
    out: Any = None,
) -> Totals:
    """Kill the child `runs` times; raise `Broken` at the first lost write or damage."""
    say = (lambda text: print(text, file=out, flush=True)) if out is not None else print
    say(f"crash harness: seed {seed}, {runs} runs")
    rng = random.Random(seed)
    setting = build(folder, registered=registered, waiting=waiting, far_people=far_people)
    totals = Totals()
    expected: dict[str, Expected] = {}
    with Workspace(setting.door) as ws:
        current = _subset(ws.dump(), setting.far_ids)
    # Seconds after "ready" in which the kill falls; follows the length of the import.
    window = min(max_window, 3.0)
    for run in range(1, runs + 1):
        exchange, after = next_file(setting, run)
        fraction = rng.random()
        delay = fraction * window
        lines, took = run_once(setting, run, seed, delay)
        saved = note_reports(lines, expected)
        import_saved = any(line.startswith("saved import") for line in lines)
        lost, is_in, current = check(setting, expected, current, after, import_saved, exchange.name)
        totals.runs += 1
        totals.writes_checked += saved
        totals.writes_lost += len(lost)
        totals.imports_in += is_in
        totals.imports_out += not is_in
        if took is not None:
            totals.import_seconds.append(took)
            # About a third of the kills land in the import, the rest at the door after it.
            median = sorted(totals.import_seconds)[len(totals.import_seconds) // 2]
            window = min(max_window, max(2.0, 3.0 * median))
        busy = sum(line.startswith("busy") for line in lines)
        say(
            f"run {run}: killed {delay:.2f} s after ready, {saved} writes saved"
            + (f" ({busy} refused as busy)" if busy else "")
            + f", import {'in' if is_in else 'out'}, lost {len(lost)}"
        )
        if lost:
            raise Broken(f"run {run} (seed {seed}) lost reported writes: " + "; ".join(lost[:10]))
    say(totals.summary())
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--seed", type=int, default=None, help="repeat a run's kill moments")
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(10**6)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="fieldkit-crash-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        try:
            totals = crash(folder, args.runs, seed)
        except Broken as error:
            print(f"BROKEN (seed {seed}): {error}", file=sys.stderr)
            sys.exit(1)
    sys.exit(0 if totals.writes_lost == 0 else 1)


if __name__ == "__main__":
    main()
