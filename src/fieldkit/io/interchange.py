"""The event interchange format: one event as a JSON document, for people and other tools.

The document holds the event with its days, sessions, groups, attendance, notes, decisions, action
items and attachment references, plus the people, organisations and programme they mention. It
carries no clocks and no device ids: it is a snapshot, not an exchange between laptops (that is
`fieldkit.sync`). Importing it creates the event, or updates it in place: each changed value becomes
a local edit, stamped like an edit made in the window. See docs/interchange-format.md.

Rules of an import:
- records absent from the document are left alone (absence is never deletion);
- the short lists embedded in a record (a session's axes and objectives, a group's members, an
  action's owners) are sets: the document's list replaces the stored one;
- a session's head count is the sum of what every laptop counted; the import adds this laptop's
  share of the difference (or the share of the device it names), so the total becomes the
  document's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema

from fieldkit import __version__
from fieldkit.core import ids
from fieldkit.core.codec import field_types, record_from_plain, record_to_plain
from fieldkit.core.errors import InvalidInput
from fieldkit.core.model import (
    KIND_OF_CLASS,
    RECORD_KINDS,
    ActionItem,
    ActionOwner,
    Attachment,
    Attendance,
    Axis,
    Day,
    Decision,
    Event,
    EventPartner,
    GroupMember,
    Note,
    Objective,
    Organisation,
    Person,
    Programme,
    Registration,
    Result,
    Session,
    SessionAxis,
    SessionObjective,
    Tally,
    WorkingGroup,
)
from fieldkit.core.rules import record_problem
from fieldkit.i18n import _
from fieldkit.io import strictjson
from fieldkit.paths import resources_dir
from fieldkit.store import Workspace
from fieldkit.store.backups import BEFORE_IMPORT

FORMAT = "fieldkit-event"
FORMAT_VERSION = 1
# The oldest fieldkit that reads what this one writes.
READABLE_SINCE = "0.1.0"
TALLY_FIELDS = ("women", "men", "another", "not_stated")


@dataclass(frozen=True)
class Collection:
    """A list of records inside the event object.

    `parent` is the field that points at the event (left out of the document); `derive` rebuilds
    the id of a pair row from its fields, so such rows carry no id in the document.
    """

    key: str
    cls: type[Any]
    parent: str | None = None
    derive: Callable[[dict[str, Any]], str] | None = None


EVENT_COLLECTIONS: tuple[Collection, ...] = (
    Collection("objectives", Objective, "event_id"),
    Collection("axes", Axis, "event_id"),
    Collection(
        "partners",
        EventPartner,
        "event_id",
        lambda r: ids.partner_id(r["event_id"], r["organisation_id"]),
    ),
    Collection(
        "registrations",
        Registration,
        "event_id",
        lambda r: ids.registration_id(r["event_id"], r["person_id"]),
    ),
    Collection("days", Day, "event_id"),
    Collection("sessions", Session),
    Collection("working_groups", WorkingGroup),
    Collection(
        "attendance",
        Attendance,
        None,
        lambda r: ids.attendance_id(r["session_id"], r["person_id"]),
    ),
    Collection("notes", Note, None, lambda r: ids.note_id(r["session_id"], r.get("group_id"))),
    Collection("decisions", Decision, "event_id"),
    Collection("action_items", ActionItem, "event_id"),
    Collection("attachments", Attachment, "event_id"),
)
TOP_COLLECTIONS: tuple[Collection, ...] = (
    Collection("organisations", Organisation),
    Collection("programmes", Programme),
    Collection("people", Person),
)
# Embedded sets: (collection key, list key, pair class, parent field, member field).
EMBEDDED: tuple[tuple[str, str, type[Any], str, str], ...] = (
    ("sessions", "axes", SessionAxis, "session_id", "axis_id"),
    ("sessions", "objectives", SessionObjective, "session_id", "objective_id"),
    ("working_groups", "members", GroupMember, "group_id", "person_id"),
)
# Kinds that belong to one event: a reference to them must point inside the document.
_EVENT_KINDS = {"event", "objective", "axis", "day", "session", "working_group", "action_item"}


def _kind(cls: type[Any]) -> str:
    return KIND_OF_CLASS[cls]


def _plain(record: Any, *omit: str) -> dict[str, Any]:
    values = record_to_plain(record)
    for name in omit:
        values.pop(name, None)
    return values


# --- export --------------------------------------------------------------------------------


def export_event(ws: Workspace, event_id: str) -> dict[str, Any]:
    """The interchange document of one event (`event_id` is an id or a short code)."""
    event = ws.find_event(event_id)
    sessions = ws.event_sessions(event.id)
    session_ids = [s.id for s in sessions]
    by_event = {"event_id": event.id}
    by_session = {"session_id": session_ids}
    # Plain rows straight from the store: building records only to turn them back into plain
    # values was most of the time of an export of tens of thousands of attendance rows.
    records: dict[str, list[dict[str, Any]]] = {
        "objectives": ws.list_plain(Objective, where=by_event, order_by=("position",)),
        "axes": ws.list_plain(Axis, where=by_event, order_by=("position",)),
        "partners": ws.list_plain(EventPartner, where=by_event, order_by=("organisation_id",)),
        "registrations": ws.list_plain(Registration, where=by_event, order_by=("person_id",)),
        "days": [_plain(day) for day in ws.event_days(event.id)],
        "sessions": [_plain(session) for session in sessions],
        "working_groups": ws.list_plain(WorkingGroup, where=by_session, order_by=("position",)),
        "attendance": ws.list_plain(
            Attendance, where=by_session, order_by=("session_id", "person_id")
        ),
        "notes": ws.list_plain(Note, where=by_session, order_by=("session_id",)),
        "decisions": ws.list_plain(Decision, where=by_event, order_by=("position",)),
        "action_items": ws.list_plain(ActionItem, where=by_event, order_by=("position",)),
        "attachments": ws.list_plain(Attachment, where=by_event, order_by=("filename",)),
    }
    embedded = {
        (key, list_key): _members(ws, cls, parent, member, [r["id"] for r in records[key]])
        for key, list_key, cls, parent, member in EMBEDDED
    }
    owners = _grouped(
        ws.list(ActionOwner, where={"action_id": [a["id"] for a in records["action_items"]]}),
        "action_id",
    )
    people_ids = _people_mentioned(records, embedded, owners)

    event_object = _plain(event)
    for collection in EVENT_COLLECTIONS:
        omit = [name for name in (collection.parent,) if name]
        if collection.derive:
            omit.append("id")
        lists = [(list_key, m) for (key, list_key), m in embedded.items() if key == collection.key]
        items = records[collection.key]
        for item in items:
            for list_key, members in lists:
                item[list_key] = members.get(str(item["id"]), [])
            if collection.cls is ActionItem:
                item["owners"] = [
                    _plain(owner, "id", "action_id") for owner in owners.get(str(item["id"]), [])
                ]
            for name in omit:
                del item[name]
        event_object[collection.key] = items
    event_object["tallies"] = _tally_totals(
        ws.list(Tally, where={"session_id": session_ids}), session_ids
    )
    people = sorted(
        (p for p in ws.list(Person, where={"id": sorted(people_ids)})),
        key=lambda p: (p.surnames.casefold(), p.given_names.casefold(), p.id),
    )
    organisations = _organisations_mentioned(ws, records, people, owners)
    programmes = (
        ws.list(Programme, where={"id": [event.programme_id]}) if event.programme_id else []
    )
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "readable_since": READABLE_SINCE,
        "generator": f"fieldkit {__version__}",
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "organisations": [_plain(o) for o in organisations],
        "programmes": [_plain(p) for p in programmes],
        "people": [_plain(p) for p in people],
        "event": event_object,
    }


def _grouped(records: Iterable[Any], field: str) -> dict[str, list[Any]]:
    result: dict[str, list[Any]] = {}
    for record in records:
        result.setdefault(getattr(record, field), []).append(record)
    return result


def _members(
    ws: Workspace, cls: type[Any], parent: str, member: str, parent_ids: list[str]
) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for row in ws.list(cls, where={parent: parent_ids}, order_by=(parent, member)):
        result.setdefault(getattr(row, parent), []).append(getattr(row, member))
    return result


def _tally_totals(tallies: list[Tally], session_ids: list[str]) -> list[dict[str, Any]]:
    totals: dict[str, dict[str, int]] = {}
    for tally in tallies:
        total = totals.setdefault(tally.session_id, dict.fromkeys(TALLY_FIELDS, 0))
        for name in TALLY_FIELDS:
            total[name] += getattr(tally, name)
    order = {session_id: index for index, session_id in enumerate(session_ids)}
    return [
        {"session_id": session_id, **total}
        for session_id, total in sorted(totals.items(), key=lambda item: order[item[0]])
    ]


def _people_mentioned(
    records: dict[str, list[dict[str, Any]]],
    embedded: dict[tuple[str, str], dict[str, list[str]]],
    owners: dict[str, list[ActionOwner]],
) -> set[str]:
    people = {str(r["person_id"]) for r in records["registrations"]}
    people |= {str(a["person_id"]) for a in records["attendance"]}
    people |= {
        pid for members in embedded[("working_groups", "members")].values() for pid in members
    }
    people |= {o.person_id for group in owners.values() for o in group if o.person_id}
    return people


def _organisations_mentioned(
    ws: Workspace,
    records: dict[str, list[dict[str, Any]]],
    people: list[Person],
    owners: dict[str, list[ActionOwner]],
) -> list[Organisation]:
    wanted = {p.organisation_id for p in people if p.organisation_id}
    wanted |= {str(p["organisation_id"]) for p in records["partners"]}
    wanted |= {o.organisation_id for group in owners.values() for o in group if o.organisation_id}
    found: dict[str, Organisation] = {}
    while wanted:  # parents too, so the document stands on its own
        batch = ws.list(Organisation, where={"id": sorted(wanted)})
        found.update({o.id: o for o in batch})
        wanted = {o.parent_id for o in batch if o.parent_id and o.parent_id not in found}
    return sorted(found.values(), key=lambda o: (o.name.casefold(), o.id))


def write_document(document: dict[str, Any], path: Path) -> None:
    """Write a document atomically: a temporary file in the same folder, then a rename."""
    # Compact: Python's C encoder does not indent, and events of thousands of people are common.
    data = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    write_bytes_atomically(data + b"\n", path)


def write_bytes_atomically(data: bytes, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# --- reading and checking -------------------------------------------------------------------


def schema() -> dict[str, Any]:
    path = resources_dir() / "schema" / "event-interchange.schema.json"
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def read_document(path: Path) -> dict[str, Any]:
    """Load and check a document: strict JSON, the format and version, then the schema."""
    document = strictjson.load_file(path)
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InvalidInput(_("{path} is not a fieldkit event file.").format(path=path))
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InvalidInput(_("{path} has no valid format version.").format(path=path))
    if version > FORMAT_VERSION:
        needed = document.get("readable_since")
        needed = needed if isinstance(needed, str) and len(needed) < 20 else "?"
        raise InvalidInput(
            _(
                "{path} was written in a newer format (version {version}); "
                "fieldkit {needed} or newer reads it."
            ).format(path=path, version=version, needed=needed)
        )
    validator = jsonschema.Draft202012Validator(schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(document))
    if error is not None:
        raise InvalidInput(
            _("The file is not valid at {where}: {problem}.").format(
                where=_where(error.absolute_path), problem=_problem(error)
            )
        )
    return document


def _where(path: Iterable[Any]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or _("the top level")


def _problem(error: Any) -> str:
    """A short, translated description of a schema violation."""
    validator = error.validator
    if validator == "required":
        missing = [name for name in error.validator_value if name not in error.instance]
        return _("the field “{field}” is missing").format(field=", ".join(missing))
    if validator == "additionalProperties":
        known = error.schema.get("properties", {})
        extra = [name for name in error.instance if name not in known]
        return _("the field “{field}” is not part of the format").format(field=", ".join(extra))
    if validator == "type":
        return _("a value has the wrong type")
    if validator == "enum":
        return _("the value is not one of {choices}").format(
            choices=", ".join(str(v) for v in error.validator_value)
        )
    if validator in ("maxLength", "maxItems", "maximum"):
        return _("a value is too large")
    if validator in ("pattern", "minimum", "minLength"):
        return _("a value is not in the expected form")
    return _("a value is not allowed here")


# --- import --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportedEvent:
    """The event an interchange document was for, and whether the import made it."""

    event_id: str
    created: bool


def import_document(
    ws: Workspace,
    document: dict[str, Any],
    *,
    dry_run: bool = False,
    counted_by: str | None = None,
    back_up: bool = True,
) -> Result[ImportedEvent]:
    """Create or update the event of a checked document, in one transaction.

    A dry run makes every check and writes nothing. `counted_by` names the device the head
    counts are credited to (this laptop by default): the demo credits its own name, so every
    laptop that installs it derives the same rows and an exchange does not add them up twice.
    A checked copy of the workspace is taken first (`back_up`), unless the workspace is empty.
    """
    event_plain = {
        k: v
        for k, v in document["event"].items()
        if k not in {c.key for c in EVENT_COLLECTIONS} | {"tallies"}
    }
    event_id = event_plain["id"]
    plans = _Plan(ws, event_id, counted_by or ws.device_id)
    for collection in TOP_COLLECTIONS:
        for item in document.get(collection.key, []):
            plans.add(collection, item)
    plans.add(Collection("event", Event), event_plain)
    for collection in EVENT_COLLECTIONS:
        for item in document["event"].get(collection.key, []):
            plans.add(collection, item)
    plans.check_references()
    plans.check_event_code()
    plans.check_ownership()
    existing_event = ws.get(Event, event_id, include_deleted=True)
    saves, deletions = plans.pair_rows(document["event"])
    saves += plans.tally_edits(document["event"].get("tallies", []))
    if back_up and not dry_run and not ws.is_empty():
        ws.snapshot(BEFORE_IMPORT)
    # A dry run writes it all in a transaction that is rolled back: the facade's rules across
    # records (a session moved to another event, a circle of links) refuse the preview alike.
    changes = ws.apply(plans.records + saves, deletions, dry_run=dry_run).changes
    return Result(ImportedEvent(event_id, existing_event is None), changes)


class _Plan:
    """The records an import will save, with the checks that need all of them."""

    def __init__(self, ws: Workspace, event_id: str, device: str) -> None:
        self.ws = ws
        self.event_id = event_id
        self.device = device  # whose share of the head counts the import writes
        self.records: list[Any] = []
        self.ids: dict[str, dict[str, str]] = {kind: {} for kind in RECORD_KINDS}

    def add(self, collection: Collection, item: dict[str, Any]) -> None:
        values = {k: v for k, v in item.items() if not isinstance(v, list)}
        if collection.parent:
            values[collection.parent] = self.event_id
        where = f"{collection.key}[{len(self.ids[_kind(collection.cls)])}]"
        if collection.derive:
            values["id"] = collection.derive(values)
        kind = _kind(collection.cls)
        if values["id"] in self.ids[kind]:
            raise InvalidInput(
                _("The file holds the record {id} twice ({where}).").format(
                    id=values["id"], where=where
                )
            )
        try:
            record = record_from_plain(kind, values)
        except ValueError as error:
            raise InvalidInput(
                _("The record {where} has a value that is not valid: {problem}.").format(
                    where=where, problem=error
                )
            ) from None
        problem = record_problem(kind, record_to_plain(record))
        if problem is not None:
            raise InvalidInput(
                _("The record {where} has a value that is not valid: {problem}.").format(
                    where=where, problem=problem
                )
            )
        self.ids[kind][record.id] = where
        self.records.append(record)

    def check_references(self) -> None:
        for record in self.records:
            kind = _kind(type(record))
            for name, ftype in field_types(kind).items():
                target = getattr(record, name)
                if not ftype.ref or not target or target in self.ids[ftype.ref]:
                    continue
                inside_only = ftype.ref in _EVENT_KINDS
                if inside_only or self.ws.get(RECORD_KINDS[ftype.ref], target) is None:
                    raise InvalidInput(
                        _(
                            "The record {where} refers to {target}, which is neither in the file "
                            "nor in the workspace."
                        ).format(where=self.ids[kind][record.id], target=target)
                    )

    def check_event_code(self) -> None:
        event = next(r for r in self.records if isinstance(r, Event))
        for other in self.ws.events():
            if other.code == event.code and other.id != event.id:
                raise InvalidInput(
                    _("Another event of this workspace already has the code {code}.").format(
                        code=event.code
                    )
                )

    def check_ownership(self) -> None:
        """A record of another event cannot be taken over by reusing its id in this file."""
        ours = {day.id for day in self.ws.event_days(self.event_id)}
        sessions = self.ws.event_sessions(self.event_id)
        ours |= {s.id for s in sessions}
        ours |= {
            g.id for g in self.ws.list(WorkingGroup, where={"session_id": [s.id for s in sessions]})
        }
        event_scoped: tuple[type[Any], ...] = (Objective, Axis, Decision, ActionItem, Attachment)
        for cls in event_scoped:
            ours |= {r.id for r in self.ws.list(cls, where={"event_id": self.event_id})}
        for kind in (
            "day",
            "session",
            "working_group",
            "objective",
            "axis",
            "decision",
            "action_item",
            "attachment",
        ):
            for record_id, where in self.ids[kind].items():
                if record_id in ours:
                    continue
                if self.ws.get(RECORD_KINDS[kind], record_id, include_deleted=True) is not None:
                    raise InvalidInput(
                        _("The record {where} belongs to another event of this workspace.").format(
                            where=where
                        )
                    )

    def pair_rows(self, event: dict[str, Any]) -> tuple[list[Any], list[tuple[type[Any], str]]]:
        """The embedded sets: rows to save, and stored rows that the document no longer lists."""
        saves: list[Any] = []
        deletions: list[tuple[type[Any], str]] = []
        for key, list_key, cls, parent, member in EMBEDDED:
            for item in event.get(key, []):
                wanted = {
                    ids.derived_id(_kind(cls), item["id"], target): target
                    for target in item.get(list_key, [])
                }
                for pair, target in wanted.items():
                    saves.append(cls(id=pair, **{parent: item["id"], member: target}))
                    self._check_target(cls, member, target, f"{key}.{list_key}")
                for stored in self.ws.list(cls, where={parent: item["id"]}):
                    if stored.id not in wanted:
                        deletions.append((cls, stored.id))
        for item in event.get("action_items", []):
            wanted_owners = {}
            for owner in item.get("owners", []):
                key = (
                    owner.get("person_id") or owner.get("organisation_id") or owner.get("name", "")
                )
                values = {**owner, "id": ids.owner_id(item["id"], key), "action_id": item["id"]}
                wanted_owners[values["id"]] = record_from_plain("action_owner", values)
            for owner_record in wanted_owners.values():
                for name in ("person_id", "organisation_id"):
                    target = getattr(owner_record, name)
                    if target:
                        self._check_target(ActionOwner, name, target, "action_items.owners")
            saves.extend(wanted_owners.values())
            for stored in self.ws.list(ActionOwner, where={"action_id": item["id"]}):
                if stored.id not in wanted_owners:
                    deletions.append((ActionOwner, stored.id))
        return saves, deletions

    def _check_target(self, cls: type[Any], member: str, target: str, where: str) -> None:
        kind = field_types(_kind(cls))[member].ref
        assert kind is not None
        if target in self.ids[kind]:
            return
        if kind in _EVENT_KINDS or self.ws.get(RECORD_KINDS[kind], target) is None:
            raise InvalidInput(
                _(
                    "The record {where} refers to {target}, which is neither in the file "
                    "nor in the workspace."
                ).format(where=where, target=target)
            )

    def tally_edits(self, tallies: list[dict[str, Any]]) -> list[Tally]:
        edits = []
        for item in tallies:
            session_id = item["session_id"]
            if session_id not in self.ids["session"]:
                raise InvalidInput(
                    _("A head count in the file is for a session that is not in it: {id}.").format(
                        id=session_id
                    )
                )
            stored = self.ws.list(Tally, where={"session_id": session_id})
            mine_id = ids.tally_id(session_id, self.device)
            stored_mine = next((t for t in stored if t.id == mine_id), None)
            mine = stored_mine or Tally(id=mine_id, session_id=session_id, device=self.device)
            counts = {}
            for name in TALLY_FIELDS:
                total = sum(getattr(t, name) for t in stored)
                counts[name] = getattr(mine, name) + item.get(name, 0) - total
            if any(value < 0 for value in counts.values()):
                raise InvalidInput(
                    _(
                        "A head count in the file is lower than what other laptops counted "
                        "for the session {id}."
                    ).format(id=session_id)
                )
            if stored_mine is None and not any(counts.values()):
                continue  # the other laptops' counts already make the document's total
            edits.append(dataclasses.replace(mine, **counts))
        return edits
