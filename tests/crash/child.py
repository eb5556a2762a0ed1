"""The process the crash harness kills: a laptop at the door while an exchange file comes in.

Run as `python -m tests.crash.child WORKSPACE SETTING.json EXCHANGE_FILE RUN SEED`. It opens the
workspace, prints "ready", then writes through the app's own paths until it is killed:

- one thread is the door (`fieldkit.store.door.Door`, what the Check-in page drives): check-ins
  and changes of mode, people the workspace knows registered at the door
  (`register_and_check_in`), walk-ins, and the notes' autosave (`Workspace.write_note`);
- the main thread imports the exchange file (`import_exchange`, one transaction), starting
  after the door has made a few writes (how many is drawn from the run's seed).

Each write is announced ("begin <kind> <id> <value>") before the call and reported
("saved <kind> <id> <value>") only after the call that saves it returned: a "saved" line is a
promise the workspace must keep after the kill. A "begin" without its "saved" may or may not be
in; the harness accepts either.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
import threading
from pathlib import Path
from typing import Any

from fieldkit.core.errors import WorkspaceUnavailable
from fieldkit.core.model import AttendanceMode
from fieldkit.store import Workspace
from fieldkit.store.door import Door, Kind, WalkInForm
from fieldkit.sync.exchange import import_exchange

_out = threading.Lock()


def say(*words: object) -> None:
    line = " ".join(str(word) for word in words) + "\n"
    with _out:
        sys.stdout.write(line)
        sys.stdout.flush()


def at_the_door(
    ws: Workspace,
    door: Door,
    setting: dict[str, Any],
    run: int,
    rng: random.Random,
    start_import: tuple[int, threading.Event],
) -> None:
    """Write at the door until the process dies (or a thousand writes, which it never reaches);
    let the import start after a few of them."""
    after, started = start_import
    sessions = [target for target in door.targets if not target.is_day]
    notes: list[list[str | None]] = setting["notes"]
    for number in range(1000):
        if number >= after:
            started.set()
        roll = rng.random()
        try:
            if roll < 0.45:
                door.choose(rng.choice(sessions))
                person = door.index.get(rng.choice(setting["registered"]))
                assert person is not None and door.target is not None
                here = door.presence(person.id)
                mode = AttendanceMode.IN_PERSON
                if here is not None and here.mode is AttendanceMode.IN_PERSON:
                    mode = AttendanceMode.VIRTUAL
                record_id = _attendance_id(door, person.id)
                say("begin checkin", record_id, mode.value)
                outcome = door.check_in(person, mode).value
                assert outcome.kind in (Kind.CHECKED_IN, Kind.MODE_CHANGED), outcome.kind
                say("saved checkin", record_id, mode.value)
            elif roll < 0.6:
                waiting = [
                    person
                    for person_id in setting["waiting"]
                    if (person := door.index.get(person_id)) and not person.registered
                ]
                if not waiting:
                    continue
                door.choose(rng.choice(sessions))
                person = rng.choice(waiting)
                record_id = _attendance_id(door, person.id)
                say("begin register", record_id, "in_person")
                outcome = door.check_in(person, AttendanceMode.IN_PERSON).value
                assert outcome.kind is Kind.CHECKED_IN and outcome.registered_now, outcome
                say("saved register", record_id, "in_person")
            elif roll < 0.75:
                name = f"Walkin-{run}-{number}"
                say("begin walkin", "-", name)
                outcome = door.walk_in(
                    WalkInForm(given_names=name, surnames="Quispe", organisation="Red de Mujeres")
                ).value
                assert outcome.person is not None
                say("saved walkin", outcome.person.id, name)
            else:
                session_id, group_id, note_id = rng.choice(notes)
                assert session_id is not None and note_id is not None
                text = f"run-{run}-write-{number}"
                say("begin note", note_id, text)
                ws.write_note(session_id, group_id, {"lessons": f"- {text}\n" * 40})
                say("saved note", note_id, text)
        except WorkspaceUnavailable as error:
            # The import holds the write lock longer than the wait: the page would say so and
            # the user would press again. Nothing was reported, so nothing is promised.
            say("busy", str(error).replace("\n", " "))


def _attendance_id(door: Door, person_id: str) -> str:
    from fieldkit.core.ids import attendance_id

    assert door.target is not None
    return attendance_id(door.target.session.id, person_id)


def main(argv: list[str]) -> None:
    path, setting_path, exchange, run, seed = argv
    setting = json.loads(Path(setting_path).read_text(encoding="utf-8"))
    rng = random.Random(f"{seed}-{run}")
    ws = Workspace(Path(path))  # never closed: the process is killed
    door = Door(ws, now=lambda: dt.datetime.fromisoformat(setting["now"]), warm_up=False)
    door.load_event(setting["event_id"])  # what the Check-in page does when it opens
    say("ready")
    # The kill may come before the import, during it or after it: it starts after a few writes.
    start_import = (rng.randrange(0, 20), threading.Event())
    writer = threading.Thread(
        target=at_the_door,
        args=(ws, door, setting, int(run), rng, start_import),
        daemon=True,
        name="door",
    )
    writer.start()
    start_import[1].wait(30)
    say("begin import", Path(exchange).name, "-")
    import_exchange(ws, Path(exchange))
    say("saved import", Path(exchange).name, "-")
    writer.join()


if __name__ == "__main__":
    main(sys.argv[1:])
