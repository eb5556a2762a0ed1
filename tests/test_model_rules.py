"""Each rule of the model, broken through each of the three doors: the facade (the window and the
command line), an exchange file from another laptop and an interchange document.

Every breach is refused in one sentence that names the record, and the workspace is unchanged
(its canonical dump is byte for byte the same); the preview of a file refuses it alike.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import json
import re
import sqlite3
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest

from fieldkit.core import ids
from fieldkit.core.codec import record_to_plain
from fieldkit.core.errors import InvalidInput
from fieldkit.core.model import (
    RECORD_KINDS,
    Attachment,
    Attendance,
    Day,
    Decision,
    Event,
    Note,
    Objective,
    Organisation,
    Person,
    Registration,
    Session,
    Tally,
)
from fieldkit.core.rules import MAX_TEXT
from fieldkit.io.interchange import export_event, import_document, read_document
from fieldkit.store import Workspace, exchange_store
from fieldkit.sync.exchange import export_exchange, import_exchange
from fieldkit.sync.fileformat import RecordLine

OTHER_DEVICE = "beefbeefbeefbeef"  # the laptop the edited lines seem to come from


@dataclasses.dataclass
class World:
    """The sample event (A) and a second event (B) with a day and a session of its own."""

    ws: Workspace
    tmp: Path
    event: Event
    other_event: Event
    other_day: Day
    other_session: Session
    day: Day
    session: Session  # the plenary of A, with a decision, notes and a check-in
    panel: Session  # the session of A with a head count
    tally: Tally
    people: list[Person]
    committee: Organisation
    objective: Objective
    note: Note
    decision: Decision
    attachment: Attachment


@pytest.fixture
def world(workspace: Workspace, sample_event: str, tmp_path: Path) -> World:
    ws = workspace
    event = ws.require(Event, sample_event)
    other = Event(id=ids.new_id(), code="OTRO", title="Otro evento")
    ws.save(other)
    other_day = ws.add_day(other.id, dt.date(2022, 3, 22)).value
    other_session = Session(id=ids.new_id(), day_id=other_day.id, title="Visita")
    ws.save(other_session)
    sessions = {s.title: s for s in ws.event_sessions(event.id)}
    session, panel = sessions["Plenaria"], sessions["Paneles"]
    people = sorted(
        (
            ws.require(Person, r.person_id)
            for r in ws.list(Registration, where={"event_id": event.id})
        ),
        key=lambda p: p.id,
    )
    committee = next(o for o in ws.list(Organisation) if o.parent_id)
    return World(
        ws=ws,
        tmp=tmp_path,
        event=event,
        other_event=other,
        other_day=other_day,
        other_session=other_session,
        day=ws.require(Day, session.day_id),
        session=session,
        panel=panel,
        tally=ws.list(Tally, where={"session_id": panel.id})[0],
        people=people,
        committee=committee,
        objective=ws.list(Objective, where={"event_id": event.id})[0],
        note=ws.require(Note, ids.note_id(session.id)),
        decision=ws.list(Decision, where={"event_id": event.id})[0],
        attachment=ws.list(Attachment, where={"event_id": event.id})[0],
    )


# --- the exchange door: lines edited as a careful attacker would, manifest made to match ---------


class Lines:
    """The records of an exchange file, edited by kind and id."""

    def __init__(self, lines: list[RecordLine]) -> None:
        self.lines = lines
        self.stamp = f"{int(time.time() * 1000) + 1000:013d}:00000:{OTHER_DEVICE}"

    def edit(self, kind: str, record_id: str, **values: Any) -> None:
        """Change some values, stamped newer than this laptop's, so the merge takes them."""
        line = next(x for x in self.lines if x.kind == kind and x.id == record_id)
        line.values.update(values)
        clocks = {s: [n for n in names if n not in values] for s, names in line.clocks.items()}
        clocks = {s: names for s, names in clocks.items() if names}
        clocks.setdefault(self.stamp, []).extend(values)
        line.clocks = clocks
        line.vv = {k: v for k, v in (line.vv or {}).items() if k not in values} or None

    def add(self, record: Any) -> None:
        values = record_to_plain(record)
        record_id = str(values.pop("id"))
        values["deleted"] = False
        kind = type(record).__name__
        kind = re.sub(r"(?<!^)(?=[A-Z])", "_", kind).lower()
        self.lines.append(
            RecordLine(kind=kind, id=record_id, values=values, clocks={self.stamp: [*values]})
        )


def _rebuild(members: dict[str, bytes], lines: list[RecordLine], replace: bytes = b"") -> bytes:
    body = b"".join(msgspec.json.encode(line) + b"\n" for line in lines)
    if replace:  # a lone surrogate cannot be encoded: written as the escape a forger would write
        body = body.replace(b"@@SURROGATE@@", replace)
    manifest = json.loads(members["manifest.json"])
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.kind] = counts.get(line.kind, 0) + 1
    manifest["counts"] = counts
    entries = {**members, "records.jsonl": body}
    manifest["members"] = [
        {"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        for name, data in entries.items()
        if name != "manifest.json"
    ]
    entries["manifest.json"] = json.dumps(manifest).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def exchange_door(world: World, edit: Callable[[World, Lines], None], replace: bytes = b"") -> Path:
    exported = export_exchange(world.ws, world.tmp / "mine.fkx").path
    with zipfile.ZipFile(exported) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    decoder = msgspec.json.Decoder(RecordLine)
    lines = Lines([decoder.decode(raw) for raw in members["records.jsonl"].splitlines()])
    edit(world, lines)
    path = world.tmp / "edited.fkx"
    path.write_bytes(_rebuild(members, lines.lines, replace))
    return path


# --- the interchange door ------------------------------------------------------------------------


def _item(document: dict[str, Any], key: str, record_id: str) -> dict[str, Any]:
    items = document[key] if key in document else document["event"][key]
    return next(item for item in items if item.get("id") == record_id)


def interchange_door(world: World, edit: Callable[[World, dict[str, Any]], None]) -> Path:
    document = export_event(world.ws, world.event.id)
    edit(world, document)
    path = world.tmp / "event.json"
    # ASCII escapes, as another tool may write them (a lone surrogate among them).
    path.write_text(json.dumps(document, ensure_ascii=True), encoding="utf-8")
    return path


# --- the rules and their breaches ----------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Breach:
    name: str
    record: Callable[[World], str]  # the id of the record the sentence names ("a|b": either)
    facade: Callable[[World], Any]
    exchange: Callable[[World, Lines], None]
    interchange: Callable[[World, dict[str, Any]], None]
    replace: bytes = b""


def _set(key: str, which: Callable[[World], str], **values: Any) -> Callable[[World, dict], None]:
    def edit(world: World, document: dict[str, Any]) -> None:
        target = document["event"] if key == "event" else _item(document, key, which(world))
        target.update(values)

    return edit


def _tally_total(**values: int) -> Callable[[World, dict], None]:
    def edit(world: World, document: dict[str, Any]) -> None:
        total = next(t for t in document["event"]["tallies"] if t["session_id"] == world.panel.id)
        total.update(values)

    return edit


def _add_pair(key: str, **extra: Any) -> Callable[[World, dict], None]:
    def edit(world: World, document: dict[str, Any]) -> None:
        pair = {"id": ids.new_id(), "person_id": world.people[0].id, **extra}
        if key == "attendance":
            pair["session_id"] = world.session.id
        document["event"][key].append(pair)

    return edit


def _both_people(field: str, values: Callable[[World], tuple[str, str]]) -> Any:
    """A circle of two: each record linked to the other."""

    def facade(world: World) -> Any:
        a, b = values(world)
        first, second = world.ws.require(Person, a), world.ws.require(Person, b)
        return world.ws.save(
            dataclasses.replace(first, **{field: b}), dataclasses.replace(second, **{field: a})
        )

    def exchange(world: World, lines: Lines) -> None:
        a, b = values(world)
        lines.edit("person", a, **{field: b})
        lines.edit("person", b, **{field: a})

    def interchange(world: World, document: dict[str, Any]) -> None:
        a, b = values(world)
        _item(document, "people", a)[field] = b
        _item(document, "people", b)[field] = a

    return facade, exchange, interchange


def _people(world: World) -> tuple[str, str]:
    return world.people[0].id, world.people[1].id


BREACHES = [
    Breach(
        "an event that ends before it starts",
        lambda w: w.event.id,
        lambda w: w.ws.update(Event, w.event.id, end_date=dt.date(2021, 10, 10)),
        lambda w, lines: lines.edit("event", w.event.id, end_date="2021-10-10"),
        _set("event", lambda w: w.event.id, end_date="2021-10-10"),
    ),
    Breach(
        "a date in the year 1",
        lambda w: w.event.id,
        lambda w: w.ws.update(Event, w.event.id, start_date=dt.date(1, 1, 1)),
        lambda w, lines: lines.edit("event", w.event.id, start_date="0001-01-01"),
        _set("event", lambda w: w.event.id, start_date="0001-01-01"),
    ),
    Breach(
        "a day in the year 9999",
        lambda w: w.day.id,
        lambda w: w.ws.update(Day, w.day.id, date=dt.date(9999, 12, 31)),
        lambda w, lines: lines.edit("day", w.day.id, date="9999-12-31"),
        _set("days", lambda w: w.day.id, date="9999-12-31"),
    ),
    Breach(
        "a time like 99:99",
        lambda w: w.session.id,
        lambda w: w.ws.update(Session, w.session.id, start_time="99:99"),
        lambda w, lines: lines.edit("session", w.session.id, start_time="99:99"),
        _set("sessions", lambda w: w.session.id, start_time="99:99"),
    ),
    Breach(
        "a session that ends before it starts",
        lambda w: w.session.id,
        lambda w: w.ws.update(Session, w.session.id, end_time="08:00"),
        lambda w, lines: lines.edit("session", w.session.id, end_time="08:00"),
        _set("sessions", lambda w: w.session.id, end_time="08:00"),
    ),
    Breach(
        "a negative head count",
        lambda w: w.tally.id,
        lambda w: w.ws.update(Tally, w.tally.id, women=-1005),
        lambda w, lines: lines.edit("tally", w.tally.id, women=-1005),
        _tally_total(women=-1005),
    ),
    Breach(
        "a head count of 2^63-1",
        lambda w: w.tally.id,
        lambda w: w.ws.update(Tally, w.tally.id, men=2**63 - 1),
        lambda w, lines: lines.edit("tally", w.tally.id, men=2**63 - 1),
        _tally_total(men=2**63 - 1),
    ),
    Breach(
        "a whole number beyond SQLite's range",
        lambda w: w.objective.id,
        lambda w: w.ws.update(Objective, w.objective.id, position=2**63),
        lambda w, lines: lines.edit("objective", w.objective.id, position=2**63),
        _set("objectives", lambda w: w.objective.id, position=2**63),
    ),
    Breach(
        "an attachment of a negative size",
        lambda w: w.attachment.id,
        lambda w: w.ws.update(Attachment, w.attachment.id, size=-1),
        lambda w, lines: lines.edit("attachment", w.attachment.id, size=-1),
        _set("attachments", lambda w: w.attachment.id, size=-1),
    ),
    Breach(
        "a text longer than the cap",
        lambda w: w.note.id,
        lambda w: w.ws.update(Note, w.note.id, key_points="x" * (MAX_TEXT + 1)),
        lambda w, lines: lines.edit("note", w.note.id, key_points="x" * (MAX_TEXT + 1)),
        lambda w, document: document["event"]["notes"][0].update(key_points="x" * (MAX_TEXT + 1)),
    ),
    Breach(
        "a lone surrogate in a title",
        lambda w: w.event.id,
        lambda w: w.ws.update(Event, w.event.id, title="Foro \ud800"),
        lambda w, lines: lines.edit("event", w.event.id, title="Foro @@SURROGATE@@"),
        _set("event", lambda w: w.event.id, title="Foro \ud800"),
        replace=b"\\ud800",
    ),
    Breach(
        "a person merged into themselves",
        lambda w: w.people[0].id,
        lambda w: w.ws.update(Person, w.people[0].id, merged_into=w.people[0].id),
        lambda w, lines: lines.edit("person", w.people[0].id, merged_into=w.people[0].id),
        _set("people", lambda w: w.people[0].id, merged_into="@self"),
    ),
    Breach(
        "people merged into each other in a circle",
        lambda w: "|".join(_people(w)),
        *_both_people("merged_into", _people),
    ),
    Breach(
        "an organisation part of itself",
        lambda w: w.committee.id,
        lambda w: w.ws.update(Organisation, w.committee.id, parent_id=w.committee.id),
        lambda w, lines: lines.edit("organisation", w.committee.id, parent_id=w.committee.id),
        _set("organisations", lambda w: w.committee.id, parent_id="@self"),
    ),
    Breach(
        "a session moved onto another event's day",
        lambda w: w.session.id,
        lambda w: w.ws.update(Session, w.session.id, day_id=w.other_day.id),
        lambda w, lines: lines.edit("session", w.session.id, day_id=w.other_day.id),
        lambda w, document: _item(document, "sessions", w.session.id).update(day_id=w.other_day.id),
    ),
    Breach(
        "a decision of one event on a session of another",
        lambda w: w.decision.id,
        lambda w: w.ws.update(Decision, w.decision.id, session_id=w.other_session.id),
        lambda w, lines: lines.edit("decision", w.decision.id, session_id=w.other_session.id),
        lambda w, document: _item(document, "decisions", w.decision.id).update(
            session_id=w.other_session.id
        ),
    ),
    Breach(
        "attendance whose id is not derived from its pair",
        lambda w: "attendance",
        lambda w: w.ws.save(
            Attendance(id=ids.new_id(), session_id=w.session.id, person_id=w.people[0].id)
        ),
        lambda w, lines: lines.add(
            Attendance(id=ids.new_id(), session_id=w.session.id, person_id=w.people[0].id)
        ),
        _add_pair("attendance"),
    ),
    Breach(
        "a registration whose id is not derived from its pair",
        lambda w: "registration",
        lambda w: w.ws.save(
            Registration(id=ids.new_id(), event_id=w.other_event.id, person_id=w.people[0].id)
        ),
        lambda w, lines: lines.add(
            Registration(id=ids.new_id(), event_id=w.other_event.id, person_id=w.people[0].id)
        ),
        _add_pair("registrations"),
    ),
]


def _one_sentence_naming(message: str, world: World, breach: Breach) -> None:
    assert "\n" not in message and message.endswith("."), message
    assert "Traceback" not in message
    named = breach.record(world).split("|")
    # The facade names a record by its title or name, as the window shows it.
    for record_id in list(named):
        for cls in RECORD_KINDS.values():
            record = world.ws.get(cls, record_id) if ids.is_uuid(record_id) else None
            for label in ("title", "name", "full_name", "filename", "what", "code"):
                if record is not None and getattr(record, label, ""):
                    named.append(f"“{getattr(record, label)}”")
    # The record by its id or its place in the document ("event.sessions[2]"); a new record
    # whose id was made up, by its kind.
    assert any(name in message for name in named) or re.search(
        r"\[\d+\]|at event\.\w+\b|^Record \d+ of the file", message
    ), message


@pytest.mark.parametrize("breach", BREACHES, ids=[b.name for b in BREACHES])
def test_each_rule_is_kept_at_every_door(world: World, breach: Breach) -> None:
    ws = world.ws
    before = ws.dump()

    with pytest.raises(InvalidInput) as refused:
        breach.facade(world)
    _one_sentence_naming(refused.value.message, world, breach)
    assert ws.dump() == before, "the facade wrote part of a refused change"

    file = exchange_door(world, breach.exchange, breach.replace)
    for dry_run in (True, False):  # the preview refuses what the import refuses
        with pytest.raises(InvalidInput) as refused:
            import_exchange(ws, file, dry_run=dry_run)
        _one_sentence_naming(refused.value.message, world, breach)
        assert ws.dump() == before, "an exchange file that breaks a rule changed the workspace"

    def interchange(world: World, document: dict[str, Any]) -> None:
        breach.interchange(world, document)
        for person in document["people"] + document["organisations"]:
            for name in ("merged_into", "parent_id"):
                if person.get(name) == "@self":
                    person[name] = person["id"]

    path = interchange_door(world, interchange)
    for dry_run in (True, False):
        with pytest.raises(InvalidInput) as refused:
            import_document(ws, read_document(path), dry_run=dry_run)
        _one_sentence_naming(refused.value.message, world, breach)
        assert ws.dump() == before, "an interchange document that breaks a rule changed it"


def test_the_untouched_files_of_the_same_workspace_are_taken(world: World) -> None:
    """The doors refuse the breach, not the file: without the edit, both imports go through."""
    file = exchange_door(world, lambda w, lines: None)
    import_exchange(world.ws, file)
    path = interchange_door(world, lambda w, document: None)
    import_document(world.ws, read_document(path))


def test_check_names_the_rules_of_one_record_over_stored_data(world: World) -> None:
    """`fieldkit check` applies the same rules to what older versions (or other tools) stored."""
    from fieldkit.store.checkup import check_workspace

    path = world.ws.path
    world.ws.close()
    assert check_workspace(path) == []
    stray = ids.new_id()
    connection = sqlite3.connect(path)
    connection.execute(
        "INSERT INTO attendance (id, session_id, person_id, status, mode, recorded_by, deleted, "
        "clocks) VALUES (?, ?, ?, 'present', 'in_person', '', 0, '{}')",
        (stray, world.session.id, world.people[0].id),
    )
    connection.execute(
        "UPDATE note SET key_points = ? WHERE id = ?", ("x" * (MAX_TEXT + 1), world.note.id)
    )
    connection.execute("UPDATE objective SET position = -3 WHERE id = ?", (world.objective.id,))
    connection.commit()
    connection.close()
    found = "\n".join(finding.message for finding in check_workspace(path))
    assert f"The attendance record {stray} breaks a rule of the model: its id" in found
    assert f"The note record {world.note.id} breaks a rule of the model: the text" in found
    assert f"{world.objective.id} breaks a rule of the model: position holds -3" in found


def test_a_merge_undone_and_made_the_other_way_round_is_taken(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The circles are looked for in the merged state as it ends up, not half way: the other
    laptop undid "second into first" and merged "first into second"; the file holds first's
    line before second's, so half way through the merge the two point at each other."""
    first, second = world.people  # sorted by id, the order of the file's lines
    world.ws.update(Person, second.id, merged_into=first.id)

    def the_other_way_round(world: World, lines: Lines) -> None:
        lines.edit("person", first.id, merged_into=second.id)
        lines.edit("person", second.id, merged_into=None)

    file = exchange_door(world, the_other_way_round)
    monkeypatch.setattr(exchange_store, "CHUNK", 1)  # one record a batch: the worst order
    import_exchange(world.ws, file)
    assert world.ws.require(Person, first.id).merged_into == second.id
    assert world.ws.require(Person, second.id).merged_into is None
