"""The rules of the model, in one place, applied on every door alike.

- `record_problem`: the rules of one record over its plain values (texts, whole numbers, dates,
  times, links to itself, the derived ids of pair rows);
- `link_problem`, `placement_problem`, `move_problem`: the rules across records, given lookups
  into the data they are checked against (a circle of links, a session of another event…);
- `stored_breaches`: all of them over what a workspace holds (`fieldkit check`).

The facade applies the first ones to every write (`fieldkit.store.rule_checks`), the exchange
import to every record it reads and to the state it merges, the interchange import to every record
of the document. docs/model-rules.md lists them with where each is enforced.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from fieldkit.core import ids
from fieldkit.core.codec import field_types
from fieldkit.core.errors import InvalidInput
from fieldkit.core.model import (
    ActionItem,
    Attachment,
    Day,
    Decision,
    Event,
    Note,
    Session,
    Tally,
    WorkingGroup,
)
from fieldkit.i18n import _

MIN_YEAR = 1900  # a date outside these years is a typing slip or a damaged value
MAX_YEAR = 2199
MAX_COUNT = 1_000_000  # a head count above this is not a gathering fieldkit records
MAX_TEXT = 200_000  # characters of one text (the interchange schema's cap too)
MAX_NUMBER = 1_000_000_000  # any other whole number (positions)
MAX_ATTACHMENT_BYTES = 64 * 1024**2  # a photo or a scanned list (the exchange file's cap too)
# Texts that hold other values as JSON (a losing value, what a merge changed) may be longer.
_LONG_TEXTS = {("conflict", "value"), ("person_merge", "kept_before"), ("person_merge", "moved")}
_TALLY_COUNTS = ("women", "men", "another", "not_stated")
# Links that must not lead back to their own record: {kind: field}.
SELF_LINKS = {"person": "merged_into", "organisation": "parent_id"}


def _clock(text: str) -> dt.time | None:
    if not text:
        return None
    try:
        value = dt.time.fromisoformat(text)
    except ValueError:
        value = None
    if value is None or len(text) != 5:
        raise InvalidInput(_("“{time}” is not a time of day (HH:MM).").format(time=text))
    return value


# --- the rules of one record ----------------------------------------------------------------------


def _range(kind: str, name: str) -> tuple[int, int]:
    if kind == "tally" and name in _TALLY_COUNTS:
        return 0, MAX_COUNT
    if kind == "attachment" and name == "size":
        return 0, MAX_ATTACHMENT_BYTES
    return 0, MAX_NUMBER


def _text_problem(kind: str, name: str, value: str) -> str | None:
    limit = 8 * MAX_TEXT if (kind, name) in _LONG_TEXTS else MAX_TEXT
    if len(value) > limit:
        return _("the text of {field} is longer than {limit} characters").format(
            field=name, limit=limit
        )
    if value.isascii():
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return _("the text of {field} is not valid Unicode").format(field=name)
    return None


def _year_problem(name: str, value: str, base: type[Any]) -> str | None:
    if value[4:5] == "-" and value[:4].isdigit():  # ISO text, as every door writes it
        year = int(value[:4])
    else:
        try:
            year = (dt.datetime if base is dt.datetime else dt.date).fromisoformat(value).year
        except ValueError:
            return _("{field} is not a date").format(field=name)
    if MIN_YEAR <= year <= MAX_YEAR:
        return None
    return _("{field} is in the year {year}, outside {low}–{high}").format(
        field=name, year=year, low=MIN_YEAR, high=MAX_YEAR
    )


def _times_problem(start_text: str, end_text: str) -> str | None:
    times: list[dt.time | None] = []
    for text in (start_text, end_text):
        try:
            times.append(_clock(text))
        except InvalidInput:
            return _("the time “{time}” is not a time of day (HH:MM)").format(time=text)
    start, end = times
    if start is not None and end is not None and end < start:
        return _("it ends ({end}) before it starts ({start})").format(
            end=end_text, start=start_text
        )
    return None


def _owner_id(values: Mapping[str, Any]) -> str | None:
    # An owner typed as a name derives from the name as each door folds it: not checked here.
    owner = values.get("person_id") or values.get("organisation_id")
    return ids.owner_id(str(values["action_id"]), str(owner)) if owner else None


# The id each pair row derives from what it links (see fieldkit.core.ids).
_DERIVED: dict[str, Callable[[Mapping[str, Any]], str | None]] = {
    "registration": lambda v: ids.registration_id(str(v["event_id"]), str(v["person_id"])),
    "attendance": lambda v: ids.attendance_id(str(v["session_id"]), str(v["person_id"])),
    "group_member": lambda v: ids.member_id(str(v["group_id"]), str(v["person_id"])),
    "event_partner": lambda v: ids.partner_id(str(v["event_id"]), str(v["organisation_id"])),
    "session_axis": lambda v: ids.session_axis_id(str(v["session_id"]), str(v["axis_id"])),
    "session_objective": lambda v: ids.session_objective_id(
        str(v["session_id"]), str(v["objective_id"])
    ),
    "note": lambda v: ids.note_id(str(v["session_id"]), v.get("group_id") or None),
    "tally": lambda v: ids.tally_id(str(v["session_id"]), str(v["device"])),
    "distinct_people": lambda v: ids.derived_id(
        "distinct_people", *sorted((str(v["person_a"]), str(v["person_b"])))
    ),
    "person_merge": lambda v: ids.derived_id("person_merge", str(v["person_id"])),
    "action_owner": _owner_id,
}


@functools.cache
def _fields(kind: str) -> tuple[tuple[str, type[Any], int, int], ...]:
    """(name, str or the date type, lowest, highest whole number) of each field of a kind that
    a rule looks at: every import checks hundreds of thousands of records with them."""
    found = []
    for name, ftype in field_types(kind).items():
        base = ftype.base if ftype.base in (dt.date, dt.datetime) else str
        found.append((name, base, *_range(kind, name)))
    return tuple(found)


def record_problem(kind: str, values: Mapping[str, Any]) -> str | None:
    """The first rule of the model that one record breaks, as a clause for a sentence that names
    the record; None when it keeps them all.

    `values` are the record's plain values (`record_to_plain`, or a line of an exchange file),
    `id` included; what is not a field of the record (`deleted`) is left alone.
    """
    for name, base, low, high in _fields(kind):
        value = values.get(name)
        if isinstance(value, str):
            problem = _text_problem(kind, name, value)
            if problem is None and value and base is not str:
                problem = _year_problem(name, value, base)
            if problem:
                return problem
        elif isinstance(value, int) and not isinstance(value, bool) and not low <= value <= high:
            return _("{field} holds {value}, outside {low}–{high}").format(
                field=name, value=value, low=low, high=high
            )
    record_id = values.get("id")
    if kind == "event":
        start, end = values.get("start_date"), values.get("end_date")
        if isinstance(start, str) and isinstance(end, str) and start and end and end < start:
            return _("it ends ({end}) before it starts ({start})").format(end=end, start=start)
    elif kind == "session":
        problem = _times_problem(
            str(values.get("start_time") or ""), str(values.get("end_time") or "")
        )
        if problem:
            return problem
    if kind in SELF_LINKS and record_id is not None and values.get(SELF_LINKS[kind]) == record_id:
        return _("it points at itself")
    derive = _DERIVED.get(kind)
    if derive is not None:
        try:
            expected = derive(values)
        except KeyError:
            expected = None
        if expected is not None and record_id != expected:
            return _("its id is not the one derived from the records it links")
    return None


def check_record(kind: str, values: Mapping[str, Any]) -> None:
    """Refuse a record that breaks a rule of its own, in one sentence that names it."""
    problem = record_problem(kind, values)
    if problem is not None:
        raise refusal(kind, values, problem)


_LABELS = ("title", "name", "code", "filename", "what")


def _label(values: Mapping[str, Any]) -> str:
    """What a person calls a record: its title or name, else nothing."""
    if values.get("given_names") or values.get("surnames"):
        return " ".join(str(values.get(n) or "") for n in ("given_names", "surnames")).strip()
    for name in _LABELS:
        value = values.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def refusal(kind: str, values: Mapping[str, Any], problem: str) -> InvalidInput:
    """The sentence of the facade for a record it will not write: by its title or name when it
    has one (the window shows it), else by its id."""
    label = _label(values)
    if label and len(label) <= 80 and label.isprintable():
        return InvalidInput(
            _("The {kind} “{name}” cannot be saved: {problem}.").format(
                kind=kind, name=label, problem=problem
            )
        )
    return InvalidInput(
        _("The {kind} {id} cannot be saved: {problem}.").format(
            kind=kind, id=values.get("id"), problem=problem
        )
    )


# --- the rules across records ---------------------------------------------------------------------

MAX_LINKS = 1_000_000  # a chain is followed no further than this (no data holds such a chain)


def link_problem(
    record_id: str, target: str | None, target_of: Callable[[str], str | None]
) -> str | None:
    """A link (`merged_into`, `parent_id`) that leads back round to a record, following
    `target_of` (the link of each record as the data now holds it)."""
    if target is None:
        return None
    if target == record_id:
        return _("it points at itself")
    seen = {record_id}
    current: str | None = target
    while current is not None and len(seen) < MAX_LINKS:
        if current in seen:
            return _("its links go round in a circle")
        seen.add(current)
        current = target_of(current)
    return None


def placement_problem(
    kind: str,
    values: Mapping[str, Any],
    event_of_session: Callable[[str], str | None],
    session_of_group: Callable[[str], str | None],
) -> str | None:
    """A decision, action or attachment on a session of another event; a note, decision or
    attachment in a group of another session. A target that is missing is the links' business."""
    session_id, group_id = values.get("session_id"), values.get("group_id")
    if kind in ("decision", "action_item", "attachment") and isinstance(session_id, str):
        event_id = event_of_session(session_id)
        if event_id is not None and event_id != values.get("event_id"):
            return _("it belongs to a session of another event")
    if kind in ("decision", "attachment", "note") and isinstance(group_id, str) and session_id:
        owner = session_of_group(group_id)
        if owner is not None and owner != session_id:
            return _("it belongs to a group of another session")
    return None


def move_problem(event_before: str | None, event_after: str | None) -> str | None:
    """A day, or a session by its day, that would move to another event: what was recorded at
    one event (attendance, notes, decisions) cannot become another's."""
    if event_before is not None and event_after is not None and event_before != event_after:
        return _("it would move to another event")
    return None


# --- the rules over stored records (`fieldkit check`) ---------------------------------------------


@dataclass(frozen=True)
class Breach:
    """One record that breaks a rule of the model, in one sentence that names it."""

    kind: str
    record_id: str
    message: str


@dataclass(frozen=True)
class StoredRecords:
    """What the rules read of a workspace (only records that are not deleted)."""

    events: Sequence[Event] = ()
    days: Sequence[Day] = ()
    sessions: Sequence[Session] = ()
    groups: Sequence[WorkingGroup] = ()
    tallies: Sequence[Tally] = ()
    notes: Sequence[Note] = ()
    decisions: Sequence[Decision] = ()
    actions: Sequence[ActionItem] = ()
    attachments: Sequence[Attachment] = ()
    person_links: Mapping[str, str | None] = field(default_factory=dict)  # id → merged_into
    organisation_links: Mapping[str, str | None] = field(default_factory=dict)  # id → parent_id


def _year_breach(kind: str, record_id: str, value: dt.date | None) -> Breach | None:
    if value is None or MIN_YEAR <= value.year <= MAX_YEAR:
        return None
    return Breach(
        kind,
        record_id,
        _("The {kind} record {id} has a date in the year {year}, outside {low}–{high}.").format(
            kind=kind, id=record_id, year=value.year, low=MIN_YEAR, high=MAX_YEAR
        ),
    )


def date_breaches(records: StoredRecords) -> Iterator[Breach]:
    """Dates within the sane years, and events that end after they start."""
    for event in records.events:
        for value in (event.start_date, event.end_date):
            breach = _year_breach("event", event.id, value)
            if breach:
                yield breach
        if event.start_date and event.end_date and event.end_date < event.start_date:
            yield Breach(
                "event",
                event.id,
                _("The event {code} ends ({end}) before it starts ({start}).").format(
                    code=event.code, end=event.end_date, start=event.start_date
                ),
            )
    for day in records.days:
        breach = _year_breach("day", day.id, day.date)
        if breach:
            yield breach
    for action in records.actions:
        breach = _year_breach("action_item", action.id, action.due_date)
        if breach:
            yield breach


def time_breaches(records: StoredRecords) -> Iterator[Breach]:
    for session in records.sessions:
        times: list[dt.time | None] = []
        for text in (session.start_time, session.end_time):
            try:
                times.append(_clock(text))
            except InvalidInput:
                yield Breach(
                    "session",
                    session.id,
                    _("The session record {id} has the time “{time}”, not HH:MM.").format(
                        id=session.id, time=text
                    ),
                )
                break
        else:
            start, end = times
            if start is not None and end is not None and end < start:
                yield Breach(
                    "session",
                    session.id,
                    _("The session record {id} ends ({end}) before it starts ({start}).").format(
                        id=session.id, end=session.end_time, start=session.start_time
                    ),
                )


def count_breaches(records: StoredRecords) -> Iterator[Breach]:
    for tally in records.tallies:
        for count in (tally.women, tally.men, tally.another, tally.not_stated):
            if not 0 <= count <= MAX_COUNT:
                yield Breach(
                    "tally",
                    tally.id,
                    _("The tally record {id} holds a count of {count}, outside 0–{most}.").format(
                        id=tally.id, count=count, most=MAX_COUNT
                    ),
                )
                break
    for attachment in records.attachments:
        if attachment.size < 0:
            yield Breach(
                "attachment",
                attachment.id,
                _("The attachment record {id} has a negative size.").format(id=attachment.id),
            )


def link_breaches(kind: str, links: Mapping[str, str | None]) -> Iterator[Breach]:
    """Links (`merged_into`, `part_of`) that point at their own record or go round in a circle."""
    reported: set[str] = set()
    for start, target in links.items():
        if target == start:
            reported.add(start)
            yield Breach(
                kind,
                start,
                _("The {kind} record {id} points at itself.").format(kind=kind, id=start),
            )
    for start in links:
        seen: list[str] = []
        current: str | None = start
        while current is not None and current in links and current not in seen:
            seen.append(current)
            current = links[current]
        if current is None or current not in seen or current in reported:
            continue
        circle = seen[seen.index(current) :]
        if links[current] == current:
            continue
        reported.update(circle)
        yield Breach(
            kind,
            min(circle),
            _("The {kind} records {ids} point at each other in a circle.").format(
                kind=kind, ids=", ".join(sorted(circle))
            ),
        )


def placement_breaches(records: StoredRecords) -> Iterator[Breach]:
    """A session's day in the record's own event; a group in the record's own session."""
    day_event = {day.id: day.event_id for day in records.days}
    session_event = {s.id: day_event.get(s.day_id) for s in records.sessions}
    group_session = {group.id: group.session_id for group in records.groups}
    placed: list[tuple[str, str, str, str | None, str | None]] = [
        (kind, r.id, r.event_id, r.session_id, r.group_id)
        for kind, items in (("decision", records.decisions), ("attachment", records.attachments))
        for r in items
    ]
    placed += [("action_item", a.id, a.event_id, a.session_id, None) for a in records.actions]
    for kind, record_id, event_id, session_id, group_id in placed:
        if session_id is not None and session_event.get(session_id, event_id) != event_id:
            yield Breach(
                kind,
                record_id,
                _("The {kind} record {id} belongs to a session of another event.").format(
                    kind=kind, id=record_id
                ),
            )
        elif (
            group_id is not None
            and session_id is not None
            and group_session.get(group_id, session_id) != session_id
        ):
            yield Breach(
                kind,
                record_id,
                _("The {kind} record {id} belongs to a group of another session.").format(
                    kind=kind, id=record_id
                ),
            )
    for note in records.notes:
        if note.group_id is not None and group_session.get(note.group_id, note.session_id) != (
            note.session_id
        ):
            yield Breach(
                "note",
                note.id,
                _("The {kind} record {id} belongs to a group of another session.").format(
                    kind="note", id=note.id
                ),
            )


def stored_breaches(records: StoredRecords) -> list[Breach]:
    """Every rule of the model over what a workspace holds."""
    return [
        *date_breaches(records),
        *time_breaches(records),
        *count_breaches(records),
        *link_breaches("person", records.person_links),
        *link_breaches("organisation", records.organisation_links),
        *placement_breaches(records),
    ]
